// Scaling policies driven by CloudWatch alarms on the group's average CPU (load from
// sim:SetServiceLoad): target tracking scales out after 3 high minutes and in after 15 low ones;
// simple scaling honours its cooldown; step scaling picks the step the breach falls in.
import { describe, expect, it } from 'vitest';
import { LOW_ALARM_FACTOR } from '../../../workers/engine/autoscaling/policies.ts';
import { group, groupEngine, refusal, run, type Engine } from './helpers.ts';

/** Two m5.large (2048 CPU units each) running one 1024-unit task each. */
function loadedGroup(seed = 9): Engine {
  const engine = groupEngine({ seed, desired: 2, min: 1, max: 6 });
  run(engine, { 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 1024, memory: 512 }] } });
  engine.advance(90_000);
  run(engine, { 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 2, launchType: 'EC2' } });
  engine.advance(60_000);
  return engine;
}

const groupCpu = (engine: Engine) =>
  engine.snapshot().metrics!.find((m) => m.Namespace === 'AWS/EC2' && m.Dimensions[0]!.Name === 'AutoScalingGroupName')!.points.map((p) => p.v);

const alarms = (engine: Engine) => (run(engine, { 'cloudwatch:DescribeAlarms': {} }) as { MetricAlarms: { AlarmName: string; StateValue: string; StateReason: string; Threshold: number; EvaluationPeriods: number; DatapointsToAlarm: number; ComparisonOperator: string; AlarmDescription?: string }[] }).MetricAlarms;

describe('target tracking on ASGAverageCPUUtilization', () => {
  it('creates AWS high and low alarms and scales out on the third high minute, not before', () => {
    const engine = loadedGroup();
    const put = run(engine, {
      'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 'cpu40', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 40 } },
    }) as { PolicyARN: string; Alarms: { AlarmName: string }[] };
    expect(put.Alarms.map((a) => a.AlarmName)).toEqual([expect.stringMatching(/^TargetTracking-asg-AlarmHigh-[0-9a-f-]{36}$/), expect.stringMatching(/^TargetTracking-asg-AlarmLow-[0-9a-f-]{36}$/)]);
    const [high, low] = alarms(engine).sort((a, b) => (a.AlarmName.includes('High') ? -1 : 1) - (b.AlarmName.includes('High') ? -1 : 1));
    expect(high).toMatchObject({ Threshold: 40, EvaluationPeriods: 3, DatapointsToAlarm: 3, ComparisonOperator: 'GreaterThanThreshold', StateValue: 'INSUFFICIENT_DATA', StateReason: 'Unchecked: Initial alarm creation' });
    expect(high!.AlarmDescription).toBe(`DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${put.PolicyARN}.`);
    expect(low).toMatchObject({ Threshold: 40 * LOW_ALARM_FACTOR, EvaluationPeriods: 15, DatapointsToAlarm: 15, ComparisonOperator: 'LessThanThreshold' });

    // 1843 units on two 1024-unit tasks: 90% of each task, ~46% of each instance.
    run(engine, { 'sim:SetServiceLoad': { cluster: 'demo', service: 'web', cpuUnits: 1843 } });
    let highRun = 0;
    let scaledAtRun: number | undefined;
    for (let minute = 0; minute < 10 && scaledAtRun === undefined; minute++) {
      engine.advance(60_000);
      const points = groupCpu(engine);
      highRun = points[points.length - 1]! > 40 ? highRun + 1 : 0;
      if (group(engine).DesiredCapacity !== 2) scaledAtRun = highRun;
    }
    expect(scaledAtRun).toBe(3);
    expect(group(engine).DesiredCapacity).toBe(3);
    const cause = engine.snapshot().scalingActivities![0]!.Cause;
    expect(cause).toMatch(/^At \S+Z a monitor alarm TargetTracking-asg-AlarmHigh-[0-9a-f-]+ in state ALARM triggered policy cpu40 changing the desired capacity from 2 to 3\.  At \S+Z an instance was started/);
    const highNow = alarms(engine).find((a) => a.AlarmName.includes('High'))!;
    expect(highNow.StateReason).toMatch(/^Threshold Crossed: 3 out of the last 3 datapoints \[46\.0\d* \(01\/01\/26 00:\d\d:00\), .+\] were greater than the threshold \(40\.0\) \(minimum 3 datapoints for (OK|INSUFFICIENT_DATA) -> ALARM transition\)\.$/);
  });

  it('scales in after 15 low minutes, once warm-up and cooldown allow', () => {
    const engine = loadedGroup();
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 4 } });
    engine.advance(600_000);
    run(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 'cpu40', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 40 } } });
    // A new alarm looks back at datapoints already published, as CloudWatch's do.
    const trailingLow = () => {
      const points = groupCpu(engine);
      let n = 0;
      while (n < points.length && points[points.length - 1 - n]! < 36) n++;
      return n;
    };
    let scaledAtRun: number | undefined;
    for (let minute = 0; minute < 25 && scaledAtRun === undefined; minute++) {
      engine.advance(60_000);
      if (group(engine).DesiredCapacity !== 4) scaledAtRun = trailingLow();
    }
    expect(scaledAtRun).toBe(15);
    expect(group(engine).DesiredCapacity).toBe(1);
    expect(engine.snapshot().scalingActivities![0]!.Cause).toContain('AlarmLow');
  });

  it('DisableScaleIn creates only the high alarm; DeletePolicy removes the policy and its alarms', () => {
    const engine = groupEngine({ desired: 1 });
    run(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 'p', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50, DisableScaleIn: true } } });
    expect(alarms(engine)).toHaveLength(1);
    run(engine, { 'autoscaling:DeletePolicy': { AutoScalingGroupName: 'asg', PolicyName: 'p' } });
    expect(alarms(engine)).toHaveLength(0);
    expect(engine.snapshot().autoScalingPolicies).toEqual([]);
  });
});

describe('simple scaling', () => {
  it('an alarm in ALARM adds one instance per cooldown, not one per minute', () => {
    const engine = loadedGroup();
    const put = run(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 'up', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: 1, Cooldown: 300 } }) as { PolicyARN: string };
    run(engine, {
      'cloudwatch:PutMetricAlarm': {
        AlarmName: 'cpu-high', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'asg' }],
        Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 0.5, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [put.PolicyARN],
      },
    });
    engine.advance(12 * 60_000);
    const times = engine.snapshot().scalingActivities!.filter((a) => a.Cause.includes('triggered policy up')).map((a) => a.time).reverse();
    const distinct = [...new Set(times)];
    expect(distinct.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < distinct.length; i++) expect(distinct[i]! - distinct[i - 1]!).toBeGreaterThanOrEqual(300_000);
  });

  it('ExecutePolicy with HonorCooldown is refused inside the cooldown', () => {
    const engine = groupEngine({ desired: 1 });
    run(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 'up', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: 2 } });
    run(engine, { 'autoscaling:ExecutePolicy': { AutoScalingGroupName: 'asg', PolicyName: 'up', HonorCooldown: true } });
    expect(group(engine).DesiredCapacity).toBe(3);
    expect(engine.snapshot().scalingActivities![0]!.Cause).toMatch(/a user request executed policy up changing the desired capacity from 1 to 3\./);
    expect(refusal(engine, { 'autoscaling:ExecutePolicy': { AutoScalingGroupName: 'asg', PolicyName: 'up', HonorCooldown: true } }).code).toBe('ScalingActivityInProgress');
    run(engine, { 'autoscaling:ExecutePolicy': { AutoScalingGroupName: 'asg', PolicyName: 'up' } });
    expect(group(engine).DesiredCapacity).toBe(5);
  });
});

describe('step scaling', () => {
  const steps = [
    { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 },
    { MetricIntervalLowerBound: 10, MetricIntervalUpperBound: 20, ScalingAdjustment: 3 },
    { MetricIntervalLowerBound: 20, ScalingAdjustment: 4 },
  ];

  it('picks the step the breach falls in, and warming instances count toward capacity', () => {
    const engine = groupEngine({ desired: 2, max: 10 });
    engine.advance(600_000);
    run(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 'steps', PolicyType: 'StepScaling', AdjustmentType: 'ChangeInCapacity', StepAdjustments: steps } });
    run(engine, { 'autoscaling:ExecutePolicy': { AutoScalingGroupName: 'asg', PolicyName: 'steps', MetricValue: 65, BreachThreshold: 50 } });
    expect(group(engine).DesiredCapacity).toBe(5); // 15 above: [10, 20) → +3
    run(engine, { 'autoscaling:ExecutePolicy': { AutoScalingGroupName: 'asg', PolicyName: 'steps', MetricValue: 55, BreachThreshold: 50 } });
    expect(group(engine).DesiredCapacity).toBe(5); // +1 on the 2 warm instances = 3 < 5
    run(engine, { 'autoscaling:ExecutePolicy': { AutoScalingGroupName: 'asg', PolicyName: 'steps', MetricValue: 70, BreachThreshold: 50 } });
    expect(group(engine).DesiredCapacity).toBe(6); // exactly 20 above: [20, ∞) → +4 on 2 warm = 6, only the difference is added
  });

  it('refuses bad step sets and ExecutePolicy without a metric value, changing nothing', () => {
    const engine = groupEngine({ desired: 1 });
    const before = JSON.stringify(engine.snapshot());
    expect(refusal(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 's', PolicyType: 'StepScaling', AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 15, ScalingAdjustment: 2 }] } }).message).toContain("can't overlap or have a gap");
    expect(refusal(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 's', AdjustmentType: 'ChangeInCapacity' } }).message).toBe('ScalingAdjustment is required for policy type SimpleScaling.');
    expect(refusal(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'nope', PolicyName: 's', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: 1 } }).code).toBe('ValidationError');
    expect(refusal(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 't', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageNetworkIn' }, TargetValue: 5 } } }).message).toContain('not simulated');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    run(engine, { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'asg', PolicyName: 's', PolicyType: 'StepScaling', AdjustmentType: 'ChangeInCapacity', StepAdjustments: steps } });
    expect(refusal(engine, { 'autoscaling:ExecutePolicy': { PolicyName: 's' } }).message).toBe('MetricValue and BreachThreshold are required to execute a step scaling policy.');
    expect(refusal(engine, { 'autoscaling:DeletePolicy': { PolicyName: 'gone' } }).code).toBe('ValidationError');
    const described = run(engine, { 'autoscaling:DescribePolicies': { AutoScalingGroupName: 'asg' } }) as { ScalingPolicies: { PolicyType: string; MetricAggregationType: string }[] };
    expect(described.ScalingPolicies).toEqual([expect.objectContaining({ PolicyType: 'StepScaling', MetricAggregationType: 'Average' })]);
  });
});
