// Step scaling end to end: AWS's worked example (AASUG "Step scaling policies": threshold 50,
// capacity 10, PercentChangeInCapacity; metric 60 → 11, 70 → 14, 40 → 13, 30 → 10) reproduced through
// the actions — PutScalingPolicy ×2, the learner's cloudwatch:PutMetricAlarm naming each policy by
// ${serviceScalingPolicy:demo/web:…}, datapoints minute by minute — and the cooldown's "adds only the
// difference"; each alarm action handler owns only its own policy ARNs.
import { describe, expect, it } from 'vitest';
import '../../../workers/engine/autoscaling/policies.ts';
import '../../../workers/engine/appautoscaling/dynamic.ts';
import { actionHandlerFor } from '../../../workers/engine/metrics/alarms.ts';
import { activities, aasWorld, customMetric, eventsOf, register, TARGET, type AasWorld } from './engine-helpers.ts';

const OUT_STEPS = [
  { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 0 },
  { MetricIntervalLowerBound: 10, MetricIntervalUpperBound: 20, ScalingAdjustment: 10 },
  { MetricIntervalLowerBound: 20, ScalingAdjustment: 30 },
];
const IN_STEPS = [
  { MetricIntervalLowerBound: -10, MetricIntervalUpperBound: 0, ScalingAdjustment: 0 },
  { MetricIntervalLowerBound: -20, MetricIntervalUpperBound: -10, ScalingAdjustment: -10 },
  { MetricIntervalUpperBound: -20, ScalingAdjustment: -30 },
];

function stepPolicy(name: string, steps: unknown[], cooldown?: number) {
  return {
    'application-autoscaling:PutScalingPolicy': {
      ...TARGET,
      PolicyName: name,
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: { AdjustmentType: 'PercentChangeInCapacity', StepAdjustments: steps, ...(cooldown === undefined ? {} : { Cooldown: cooldown }) },
    },
  };
}

function alarm(name: string, operator: string, policy: string) {
  return {
    'cloudwatch:PutMetricAlarm': {
      AlarmName: name,
      Namespace: customMetric.namespace,
      MetricName: customMetric.metricName,
      Dimensions: customMetric.dimensions,
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 50,
      ComparisonOperator: operator,
      AlarmActions: [`\${serviceScalingPolicy:demo/web:${policy}}`],
    },
  };
}

function example(cooldown?: number): AasWorld {
  const w = aasWorld({ desired: 10 });
  register(w, 1, 20);
  w.run(stepPolicy('out', OUT_STEPS, cooldown));
  w.run(stepPolicy('in', IN_STEPS, cooldown));
  w.run(alarm('metric-high', 'GreaterThanOrEqualToThreshold', 'out'));
  w.run(alarm('metric-low', 'LessThanThreshold', 'in'));
  return w;
}

describe('step scaling through the actions', () => {
  it("reproduces AWS's worked example 10 → 11 → 14 → 13 → 10", () => {
    const w = example(60);
    const seen: number[] = [w.desired()];
    for (const value of [60, 70, 40, 30]) {
      w.minute(value);
      seen.push(w.desired());
    }
    expect(seen).toEqual([10, 11, 14, 13, 10]);
    expect(eventsOf(w, 'appautoscaling.scaling')).toEqual([
      'Step scaling policy out on service web: alarm metric-high QueueDepth 60 against threshold 50, step [10, 20) → +10% — desired count 10 → 11.',
      'Step scaling policy out on service web: alarm metric-high QueueDepth 70 against threshold 50, step [20, ∞) → +30% — desired count 11 → 14.',
      'Step scaling policy in on service web: alarm metric-low QueueDepth 40 against threshold 50, step (-20, -10] → -10% — desired count 14 → 13.',
      'Step scaling policy in on service web: alarm metric-low QueueDepth 30 against threshold 50, step (-∞, -20] → -30% — desired count 13 → 10.',
    ]);
    expect(activities(w).map((a) => a.Cause)).toEqual([
      'monitor alarm metric-low in state ALARM triggered policy in',
      'monitor alarm metric-low in state ALARM triggered policy in',
      'monitor alarm metric-high in state ALARM triggered policy out',
      'monitor alarm metric-high in state ALARM triggered policy out',
    ]);
    w.tick(3);
    expect(w.running()).toBe(10);
  });

  it('during the cooldown (default 300 s) the same step adds nothing more and a bigger one adds only the difference', () => {
    const w = example();
    w.minute(60);
    expect(w.desired()).toBe(11);
    w.minute(60); // the alarm stays in ALARM: +10 % of 10 is already there
    w.minute(60);
    expect(w.desired()).toBe(11);
    w.minute(70); // +30 % of the 10 before the cooldown started = 13: adds 2, not 3
    expect(w.desired()).toBe(13);
  });

  it('DescribeScalingPolicies lists the alarms naming a step policy; deleting the policy removes the action, not the alarm', () => {
    const w = example();
    const policies = w.run({ 'application-autoscaling:DescribeScalingPolicies': { ServiceNamespace: 'ecs', PolicyNames: ['out'] } }).ScalingPolicies;
    expect(policies[0].Alarms).toEqual([{ AlarmName: 'metric-high', AlarmARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:metric-high' }]);
    w.run({ 'application-autoscaling:DeleteScalingPolicy': { ...TARGET, PolicyName: 'out' } });
    const high = w.engine.snapshot().alarms!.find((a) => a.AlarmName === 'metric-high')!;
    expect(high.AlarmActions).toEqual([]);
    w.minute(90);
    expect(w.desired()).toBe(10);
  });

  it('an alarm naming a policy that does not exist is refused by PutMetricAlarm; the reference names what is missing', () => {
    const w = aasWorld();
    register(w);
    expect(w.refused(alarm('x', 'GreaterThanThreshold', 'nope')).message).toBe('${serviceScalingPolicy:demo/web:nope} names no scaling policy nope on service/demo/web (application-autoscaling:PutScalingPolicy).');
  });

  it('each alarm action handler owns only its own policy ARNs', () => {
    const aas = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:0b5d0e36-9bd5-4d5e-8a8f-3d2c1f0e9a11:resource/ecs/service/demo/web:policyName/out';
    const ec2 = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:0b5d0e36-9bd5-4d5e-8a8f-3d2c1f0e9a11:autoScalingGroupName/asg:policyName/out';
    expect(actionHandlerFor(aas)).toBeDefined();
    expect(actionHandlerFor(ec2)).toBeDefined();
    expect(actionHandlerFor(aas)).not.toBe(actionHandlerFor(ec2));
  });
});

describe('policies acting at the same instant', () => {
  const change = (name: string, adjustment: number) => ({
    'application-autoscaling:PutScalingPolicy': {
      ...TARGET,
      PolicyName: name,
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [adjustment > 0 ? { MetricIntervalLowerBound: 0, ScalingAdjustment: adjustment } : { MetricIntervalUpperBound: 0, ScalingAdjustment: adjustment }],
      },
    },
  });
  const alarmAt = (name: string, operator: string, threshold: number, policy: string) => {
    const step = alarm(name, operator, policy);
    return { 'cloudwatch:PutMetricAlarm': { ...step['cloudwatch:PutMetricAlarm'], Threshold: threshold } };
  };

  it.each([
    ['small first', ['small', 'big']],
    ['big first', ['big', 'small']],
  ])('the largest capacity wins, applied once (%s)', (_label, order) => {
    const w = aasWorld({ desired: 10 });
    register(w, 1, 20);
    const adjust: Record<string, number> = { small: 2, big: 5 };
    for (const name of order) {
      w.run(change(name, adjust[name]!));
      w.run(alarmAt(`${name}-alarm`, 'GreaterThanOrEqualToThreshold', 50, name));
    }
    w.minute(60);
    expect(w.desired()).toBe(15);
    expect(activities(w).map((a) => a.Description)).toEqual(['Setting desired count to 15.']);
  });

  it('a scale-out and a scale-in at one instant: the scale-out, the larger capacity, wins (PutScalingPolicy reference)', () => {
    const w = aasWorld({ desired: 10 });
    register(w, 1, 20);
    w.run(change('shrink', -3));
    w.run(alarmAt('under-100', 'LessThanThreshold', 100, 'shrink'));
    w.run(change('grow', 2));
    w.run(alarmAt('over-50', 'GreaterThanOrEqualToThreshold', 50, 'grow'));
    w.minute(60);
    expect(w.desired()).toBe(12);
    expect(eventsOf(w, 'appautoscaling.scaling')).toEqual([
      'Step scaling policy grow on service web: alarm over-50 QueueDepth 60 against threshold 50, step [0, ∞) → +2 — desired count 10 → 12.',
    ]);
  });
});
