// CloudWatch alarms: evaluation over periods and statistics, AWS's StateReason texts, and the
// PutMetricAlarm / DescribeAlarms / DeleteAlarms commands with their refusals.
import { describe, expect, it } from 'vitest';
import { evaluateAlarm, javaDouble, reasonTime, type AlarmRecord } from '../../../workers/engine/metrics/alarms.ts';
import { putDatapoint, type MetricId } from '../../../workers/engine/metrics/store.ts';
import type { EngineState } from '../../../workers/engine/state.ts';
import { groupEngine, refusal, run } from '../autoscaling/helpers.ts';

const metric: MetricId = { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: [{ Name: 'AutoScalingGroupName', Value: 'asg' }] };
const MIN = 60_000;

function stateWith(values: (number | undefined)[]): EngineState {
  const state = {} as EngineState;
  values.forEach((v, i) => {
    if (v !== undefined) putDatapoint(state, metric, 'Percent', (i + 1) * MIN, v);
  });
  return state;
}

function alarm(fields: Partial<AlarmRecord> = {}): AlarmRecord {
  return {
    name: 'a', arn: 'arn', metric, statistic: 'Average', periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3, threshold: 50,
    comparisonOperator: 'GreaterThanThreshold', alarmActions: [], actionsEnabled: true, state: 'OK', stateReason: '', stateUpdatedMs: 0, ...fields,
  };
}

describe('evaluateAlarm', () => {
  it('goes ALARM with AWS reason when M of N datapoints breach', () => {
    const result = evaluateAlarm(stateWith([10, 72.5, 70.1, 71]), alarm(), 4 * MIN);
    expect(result.state).toBe('ALARM');
    expect(result.reason).toBe(
      'Threshold Crossed: 3 out of the last 3 datapoints [71.0 (01/01/26 00:04:00), 70.1 (01/01/26 00:03:00), 72.5 (01/01/26 00:02:00)] were greater than the threshold (50.0) (minimum 3 datapoints for OK -> ALARM transition).',
    );
  });

  it('M of N: 2 of 3 breaching is enough with DatapointsToAlarm 2; one is not', () => {
    expect(evaluateAlarm(stateWith([60, 40, 60]), alarm({ datapointsToAlarm: 2 }), 3 * MIN).state).toBe('ALARM');
    const ok = evaluateAlarm(stateWith([40, 40, 60]), alarm({ datapointsToAlarm: 2, state: 'ALARM' }), 3 * MIN);
    expect(ok.state).toBe('OK');
    expect(ok.reason).toBe('Threshold Crossed: 2 out of the last 3 datapoints [40.0 (01/01/26 00:02:00), 40.0 (01/01/26 00:01:00)] were not greater than the threshold (50.0) (minimum 2 datapoints for ALARM -> OK transition).');
  });

  it('is INSUFFICIENT_DATA with no datapoints, and keeps its state while the answer is open', () => {
    expect(evaluateAlarm(stateWith([]), alarm(), 3 * MIN).state).toBe('INSUFFICIENT_DATA');
    const open = evaluateAlarm(stateWith([undefined, undefined, 60]), alarm({ state: 'INSUFFICIENT_DATA', stateReason: 'x' }), 3 * MIN);
    expect(open).toMatchObject({ state: 'INSUFFICIENT_DATA', reason: 'x' });
  });

  it('aggregates one-minute points into longer periods with the statistic', () => {
    const state = stateWith([10, 20, 30, 90, 100, 110]);
    expect(evaluateAlarm(state, alarm({ periodSeconds: 180, evaluationPeriods: 1, datapointsToAlarm: 1, statistic: 'Average', threshold: 99 }), 6 * MIN).state).toBe('ALARM');
    expect(evaluateAlarm(state, alarm({ periodSeconds: 180, evaluationPeriods: 1, datapointsToAlarm: 1, statistic: 'Minimum', threshold: 99 }), 6 * MIN).state).toBe('OK');
    expect(evaluateAlarm(state, alarm({ periodSeconds: 180, evaluationPeriods: 2, datapointsToAlarm: 2, statistic: 'Maximum', threshold: 25 }), 6 * MIN).state).toBe('ALARM');
    expect(evaluateAlarm(state, alarm({ periodSeconds: 120, evaluationPeriods: 1, datapointsToAlarm: 1, statistic: 'Sum', comparisonOperator: 'LessThanOrEqualToThreshold', threshold: 210 }), 6 * MIN).state).toBe('ALARM');
  });

  it('prints numbers and times as CloudWatch does', () => {
    expect(javaDouble(50)).toBe('50.0');
    expect(javaDouble(0.9)).toBe('0.9');
    expect(reasonTime(3 * 3_600_000 + 4 * MIN)).toBe('01/01/26 03:04:00');
  });
});

describe('alarm commands', () => {
  const put = (fields: Record<string, unknown> = {}) => ({
    'cloudwatch:PutMetricAlarm': { AlarmName: 'high', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'asg' }], Statistic: 'Average', Period: 60, EvaluationPeriods: 2, Threshold: 0.5, ComparisonOperator: 'GreaterThanThreshold', ...fields },
  });

  it('creates an alarm INSUFFICIENT_DATA that the minute tick evaluates', () => {
    const engine = groupEngine({ desired: 1 });
    run(engine, put());
    const first = (run(engine, { 'cloudwatch:DescribeAlarms': { AlarmNames: ['high'] } }) as { MetricAlarms: { StateValue: string; StateReason: string; DatapointsToAlarm: number }[] }).MetricAlarms[0]!;
    expect(first).toMatchObject({ StateValue: 'INSUFFICIENT_DATA', StateReason: 'Unchecked: Initial alarm creation', DatapointsToAlarm: 2 });
    engine.advance(4 * MIN);
    expect(engine.snapshot().alarms![0]!.StateValue).toBe('ALARM');
    run(engine, { 'cloudwatch:DeleteAlarms': { AlarmNames: ['high'] } });
    expect(engine.snapshot().alarms).toEqual([]);
  });

  it('refuses bad periods, datapoints, statistics, unknown actions and missing alarms — changing nothing', () => {
    const engine = groupEngine({ desired: 1 });
    const before = JSON.stringify(engine.snapshot());
    expect(refusal(engine, put({ Period: 90 })).code).toBe('ValidationError');
    expect(refusal(engine, put({ DatapointsToAlarm: 3 })).message).toBe('DatapointsToAlarm (3) must be between 1 and EvaluationPeriods (2).');
    expect(refusal(engine, put({ Statistic: 'Median' })).code).toBe('ValidationError');
    expect(refusal(engine, put({ Threshold: 'high' })).code).toBe('ParamValidationError');
    expect(refusal(engine, put({ Threshold: undefined })).message).toContain('Missing required parameter in input: "Threshold"');
    expect(refusal(engine, put({ AlarmActions: ['arn:aws:sns:us-east-1:123456789012:topic'] })).message).toContain('Invalid alarm action');
    expect(refusal(engine, put({ AlarmActions: ['arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:00000000-0000-4000-8000-000000000000:autoScalingGroupName/asg:policyName/nope'] })).message).toContain('names no scaling policy');
    expect(refusal(engine, { 'cloudwatch:DeleteAlarms': { AlarmNames: ['nope'] } }).code).toBe('ResourceNotFound');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});
