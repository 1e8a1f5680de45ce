// Proves step scaling for ECS services: AWS's worked example (10 → 11 → 14 → 13 → 10) line by line,
// percent rounding and MinAdjustmentMagnitude, the three adjustment types, clamping to
// [MinCapacity, MaxCapacity], the step cooldown rules (a bigger step adds only the difference; scale-in
// waits; a scale-out cancels the scale-in cooldown) and PutScalingPolicy's refusals.
import { describe, expect, it } from 'vitest';
import { recordScaling, type ScalingHistory } from '../../../workers/engine/appautoscaling/cooldowns.ts';
import {
  adjustedCapacity,
  stepCooldownSeconds,
  stepScalingConfigurationProblem,
  stepScalingDesired,
  stepFor,
  type StepScalingPolicyConfiguration,
} from '../../../workers/engine/appautoscaling/step-scaling.ts';

// Application Auto Scaling User Guide, "Step adjustments": alarm threshold 50 % for both policies.
const scaleOut: StepScalingPolicyConfiguration = {
  AdjustmentType: 'PercentChangeInCapacity',
  StepAdjustments: [
    { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 0 },
    { MetricIntervalLowerBound: 10, MetricIntervalUpperBound: 20, ScalingAdjustment: 10 },
    { MetricIntervalLowerBound: 20, ScalingAdjustment: 30 },
  ],
};
const scaleIn: StepScalingPolicyConfiguration = {
  AdjustmentType: 'PercentChangeInCapacity',
  StepAdjustments: [
    { MetricIntervalLowerBound: -10, MetricIntervalUpperBound: 0, ScalingAdjustment: 0 },
    { MetricIntervalLowerBound: -20, MetricIntervalUpperBound: -10, ScalingAdjustment: -10 },
    { MetricIntervalUpperBound: -20, ScalingAdjustment: -30 },
  ],
};
const bounds = { min: 1, max: 100 };
const MINUTE = 60_000;

describe("AWS's worked example, line by line (threshold 50 %, capacity 10)", () => {
  it('both policies are valid', () => {
    expect(stepScalingConfigurationProblem(scaleOut)).toBeUndefined();
    expect(stepScalingConfigurationProblem(scaleIn)).toBeUndefined();
  });

  it('60 → 11; then 70 → 14; 40 → 13; 30 → 10 (each breach after the previous cooldown)', () => {
    let capacity = 10;
    let history: ScalingHistory = {};
    let now = 0;
    const breach = (config: StepScalingPolicyConfiguration, metric: number) => {
      const result = stepScalingDesired({ ...bounds, capacity, config, metric, threshold: 50, nowMs: now, history });
      history = recordScaling(history, capacity, result.desired, now, stepCooldownSeconds(config));
      capacity = result.desired;
      now += 301_000; // the 300 s default cooldown has passed before the next breach
      return result;
    };
    // "add 10 percent of 10" → +1
    expect(breach(scaleOut, 60)).toMatchObject({ desired: 11, direction: 'out', step: { ScalingAdjustment: 10 } });
    // "add 30 percent of 11, 3.3, rounded down to 3"
    expect(breach(scaleOut, 70)).toMatchObject({ desired: 14, direction: 'out', step: { ScalingAdjustment: 30 } });
    // "remove 10 percent of 14, 1.4, rounded down to 1"
    expect(breach(scaleIn, 40)).toMatchObject({ desired: 13, direction: 'in', step: { ScalingAdjustment: -10 } });
    // "remove 30 percent of 13, 3.9, rounded down to 3"
    expect(breach(scaleIn, 30)).toMatchObject({ desired: 10, direction: 'in', step: { ScalingAdjustment: -30 } });
  });

  it('between 40 and 60 the capacity is maintained (the 0 % steps)', () => {
    for (const [config, metric] of [[scaleOut, 55], [scaleOut, 50], [scaleIn, 45], [scaleIn, 41]] as const) {
      expect(stepScalingDesired({ ...bounds, capacity: 10, config, metric, threshold: 50 })).toMatchObject({ desired: 10, direction: 'none', held: 'zero-adjustment' });
    }
  });

  it('step bounds: lower inclusive / upper exclusive above the threshold, the reverse below', () => {
    expect(stepFor(scaleOut.StepAdjustments, 59.999, 50)?.ScalingAdjustment).toBe(0);
    expect(stepFor(scaleOut.StepAdjustments, 60, 50)?.ScalingAdjustment).toBe(10);
    expect(stepFor(scaleOut.StepAdjustments, 70, 50)?.ScalingAdjustment).toBe(30);
    expect(stepFor(scaleIn.StepAdjustments, 40, 50)?.ScalingAdjustment).toBe(-10);
    expect(stepFor(scaleIn.StepAdjustments, 40.001, 50)?.ScalingAdjustment).toBe(0);
    expect(stepFor(scaleIn.StepAdjustments, 30, 50)?.ScalingAdjustment).toBe(-30);
    expect(stepFor(scaleIn.StepAdjustments, 30.5, 50)?.ScalingAdjustment).toBe(-10);
    expect(stepFor(scaleOut.StepAdjustments, 40, 50)).toBeUndefined();
    expect(stepScalingDesired({ ...bounds, capacity: 10, config: scaleOut, metric: 40, threshold: 50 })).toMatchObject({ desired: 10, held: 'no-step' });
  });
});

describe('adjustment types and percent rounding', () => {
  it('ChangeInCapacity adds, ExactCapacity sets ("current 3, adjustment 5" → 8 and 5)', () => {
    expect(adjustedCapacity(3, 'ChangeInCapacity', 5)).toBe(8);
    expect(adjustedCapacity(3, 'ExactCapacity', 5)).toBe(5);
    expect(adjustedCapacity(10, 'PercentChangeInCapacity', 10)).toBe(11);
  });
  it('> 1 rounds down, 0..1 → 1, −1..0 → −1, < −1 toward zero', () => {
    expect(adjustedCapacity(10, 'PercentChangeInCapacity', 127)).toBe(10 + 12); // 12.7 → 12
    expect(adjustedCapacity(3, 'PercentChangeInCapacity', 22)).toBe(4); // 0.66 → 1
    expect(adjustedCapacity(3, 'PercentChangeInCapacity', -19)).toBe(2); // −0.57 → −1
    expect(adjustedCapacity(10, 'PercentChangeInCapacity', -66.7)).toBe(10 - 6); // −6.67 → −6
    expect(adjustedCapacity(10, 'PercentChangeInCapacity', 0)).toBe(10);
  });
  it('MinAdjustmentMagnitude: 25 % of 4 is 1, but a minimum of 2 adds 2', () => {
    expect(adjustedCapacity(4, 'PercentChangeInCapacity', 25)).toBe(5);
    expect(adjustedCapacity(4, 'PercentChangeInCapacity', 25, 2)).toBe(6);
    expect(adjustedCapacity(4, 'PercentChangeInCapacity', -25, 2)).toBe(2);
    const config: StepScalingPolicyConfiguration = { AdjustmentType: 'PercentChangeInCapacity', MinAdjustmentMagnitude: 2, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 25 }] };
    expect(stepScalingDesired({ ...bounds, capacity: 4, config, metric: 80, threshold: 70 }).desired).toBe(6);
  });
  it('the result is clamped to [MinCapacity, MaxCapacity]', () => {
    const exact: StepScalingPolicyConfiguration = { AdjustmentType: 'ExactCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 50 }] };
    expect(stepScalingDesired({ min: 2, max: 12, capacity: 10, config: exact, metric: 90, threshold: 70 })).toMatchObject({ desired: 12, unclamped: 50, clampedBy: 'MaxCapacity', direction: 'out' });
    const drop: StepScalingPolicyConfiguration = { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -5 }] };
    expect(stepScalingDesired({ min: 2, max: 12, capacity: 4, config: drop, metric: 10, threshold: 30 })).toMatchObject({ desired: 2, unclamped: -1, clampedBy: 'MinCapacity', direction: 'in' });
  });
});

describe('step cooldown', () => {
  const plus: StepScalingPolicyConfiguration = {
    AdjustmentType: 'ChangeInCapacity',
    StepAdjustments: [
      { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 2 },
      { MetricIntervalLowerBound: 10, ScalingAdjustment: 3 },
    ],
  };
  const minus: StepScalingPolicyConfiguration = { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }] };

  it('"+2, then a more aggressive +3 during the cooldown → only 1 is added"', () => {
    const first = stepScalingDesired({ ...bounds, capacity: 10, config: plus, metric: 75, threshold: 70, nowMs: 0 });
    expect(first.desired).toBe(12);
    const history = recordScaling({}, 10, 12, 0, 300);
    const again = stepScalingDesired({ ...bounds, capacity: 12, config: plus, metric: 75, threshold: 70, nowMs: MINUTE, history });
    expect(again).toMatchObject({ desired: 12, direction: 'none', held: 'covered-by-scale-out-cooldown', base: 10 });
    const bigger = stepScalingDesired({ ...bounds, capacity: 12, config: plus, metric: 85, threshold: 70, nowMs: 2 * MINUTE, history });
    expect(bigger).toMatchObject({ desired: 13, direction: 'out', base: 10 });
    // After the cooldown the +2 step acts on the new capacity again.
    const later = stepScalingDesired({ ...bounds, capacity: 12, config: plus, metric: 75, threshold: 70, nowMs: 301_000, history });
    expect(later.desired).toBe(14);
  });

  it('the worked example\'s second breach inside the cooldown adds only what 30 % of the pre-cooldown 10 exceeds', () => {
    const history = recordScaling({}, 10, 11, 0, 300);
    expect(stepScalingDesired({ ...bounds, capacity: 11, config: scaleOut, metric: 70, threshold: 50, nowMs: MINUTE, history })).toMatchObject({ desired: 13, base: 10 });
  });

  it('scale-in waits out its cooldown; a scale-out during it acts at once and ends it', () => {
    let history = recordScaling({}, 10, 9, 0, 300);
    expect(stepScalingDesired({ ...bounds, capacity: 9, config: minus, metric: 20, threshold: 30, nowMs: 4 * MINUTE, history })).toMatchObject({ desired: 9, held: 'scale-in-cooldown', remainingMs: MINUTE });
    const out = stepScalingDesired({ ...bounds, capacity: 9, config: plus, metric: 75, threshold: 70, nowMs: 2 * MINUTE, history });
    expect(out).toMatchObject({ desired: 11, direction: 'out' });
    history = recordScaling(history, 9, 11, 2 * MINUTE, 300);
    expect(stepScalingDesired({ ...bounds, capacity: 11, config: minus, metric: 20, threshold: 30, nowMs: 3 * MINUTE, history })).toMatchObject({ desired: 10, direction: 'in' });
    expect(stepScalingDesired({ ...bounds, capacity: 9, config: minus, metric: 20, threshold: 30, nowMs: 300_000, history: recordScaling({}, 10, 9, 0, 300) }).desired).toBe(8);
  });

  it('Cooldown defaults to 300 s', () => {
    expect(stepCooldownSeconds({})).toBe(300);
    expect(stepCooldownSeconds({ Cooldown: 60 })).toBe(60);
  });
});

describe("PutScalingPolicy's refusals of a StepScalingPolicyConfiguration", () => {
  const steps = (...s: StepScalingPolicyConfiguration['StepAdjustments']) => ({ AdjustmentType: 'ChangeInCapacity', StepAdjustments: s });
  const cases: [unknown, string][] = [
    [undefined, 'StepScalingPolicyConfiguration is required'],
    [{ StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] }, 'AdjustmentType is required'],
    [{ AdjustmentType: 'Percent', StepAdjustments: [] }, "1 validation error detected: Value 'Percent' at 'stepScalingPolicyConfiguration.adjustmentType' failed to satisfy constraint: Member must satisfy enum value set: [ChangeInCapacity, PercentChangeInCapacity, ExactCapacity]"],
    [{ AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Sum', StepAdjustments: [] }, 'Member must satisfy enum value set: [Average, Minimum, Maximum]'],
    [steps(), 'At least one step adjustment is required'],
    [{ AdjustmentType: 'ChangeInCapacity', StepAdjustments: Array.from({ length: 21 }, (_, i) => ({ MetricIntervalLowerBound: i, MetricIntervalUpperBound: i + 1, ScalingAdjustment: 1 })) }, 'There can be at most 20 step adjustments per scaling policy'],
    [steps({ ScalingAdjustment: 1 }), 'Both lower and upper bounds of a step adjustment cannot be left unspecified'],
    [steps({ MetricIntervalLowerBound: 5, MetricIntervalUpperBound: 5, ScalingAdjustment: 1 }), 'The lower bound must be less than the upper bound'],
    [steps({ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 15, ScalingAdjustment: 2 }), "can't overlap or have a gap: one step ends at 10 and the next starts at 15"],
    [steps({ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 5, ScalingAdjustment: 2 }), "can't overlap or have a gap"],
    [steps({ MetricIntervalUpperBound: -10, ScalingAdjustment: -2 }, { MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }), 'Only one step adjustment can have a null lower bound'],
    [steps({ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 10, ScalingAdjustment: 2 }), 'Only one step adjustment can have a null upper bound'],
    [steps({ MetricIntervalLowerBound: -10, MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }), 'If one step adjustment has a negative lower bound, then there must be a step adjustment with a null lower bound'],
    [steps({ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }), 'If one step adjustment has a positive upper bound, then there must be a step adjustment with a null upper bound'],
    [steps({ MetricIntervalLowerBound: 0, ScalingAdjustment: 1.5 }), "at 'stepScalingPolicyConfiguration.stepAdjustments.1.member.scalingAdjustment'"],
    [{ AdjustmentType: 'ExactCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: -1 }] }, 'must not be negative'],
    [{ AdjustmentType: 'ChangeInCapacity', MinAdjustmentMagnitude: 2, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] }, 'MinAdjustmentMagnitude is only supported with the PercentChangeInCapacity'],
    [{ AdjustmentType: 'ChangeInCapacity', Cooldown: -1, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] }, 'Cooldown must be a whole number of seconds ≥ 0, got -1'],
  ];
  it.each(cases)('%j → %s', (config, message) => {
    expect(stepScalingConfigurationProblem(config)).toContain(message);
  });
  it('accepts one open-ended step each way, and the user guide CLI example', () => {
    expect(stepScalingConfigurationProblem(steps({ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }))).toBeUndefined();
    expect(stepScalingConfigurationProblem(steps({ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }))).toBeUndefined();
    expect(stepScalingConfigurationProblem({
      AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Average', Cooldown: 60,
      StepAdjustments: [
        { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 15, ScalingAdjustment: 1 },
        { MetricIntervalLowerBound: 15, MetricIntervalUpperBound: 25, ScalingAdjustment: 2 },
        { MetricIntervalLowerBound: 25, ScalingAdjustment: 3 },
      ],
    })).toBeUndefined();
  });
});
