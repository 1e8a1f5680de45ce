// Proves the scaling-policy arithmetic: AWS's step scaling worked example (10 → 11 → 14 → 13 → 10)
// reproduced step by step, percent rounding and MinAdjustmentMagnitude, the inclusive/exclusive
// step bounds around the alarm threshold, the step-set rules, target tracking on average CPU and
// the simple-scaling cooldown check.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applySimpleAdjustment,
  applyStepPolicy,
  cooldownRemainingMs,
  inCooldown,
  matchingStep,
  percentChangeInInstances,
  stepsProblem,
  targetTrackingDesired,
  type StepPolicy,
} from '../../../workers/engine/autoscaling/scaling-policies.ts';

// EC2 Auto Scaling User Guide, step adjustments example: alarm threshold 50 for both policies.
const scaleOut: StepPolicy = {
  adjustmentType: 'PercentChangeInCapacity',
  stepAdjustments: [
    { metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 0 },
    { metricIntervalLowerBound: 10, metricIntervalUpperBound: 20, scalingAdjustment: 10 },
    { metricIntervalLowerBound: 20, scalingAdjustment: 30 },
  ],
};
const scaleIn: StepPolicy = {
  adjustmentType: 'PercentChangeInCapacity',
  stepAdjustments: [
    { metricIntervalLowerBound: -10, metricIntervalUpperBound: 0, scalingAdjustment: 0 },
    { metricIntervalLowerBound: -20, metricIntervalUpperBound: -10, scalingAdjustment: -10 },
    { metricIntervalUpperBound: -20, scalingAdjustment: -30 },
  ],
};

describe('AWS step scaling example (group of 10, min 0, max 100, threshold 50)', () => {
  it('reproduces 10 → 11 → 14 → 13 → 10', () => {
    const bounds = { minSize: 0, maxSize: 100 };
    // Metric 60: breach +10 → +10% of 10 = 1 → 11.
    const a = applyStepPolicy({ ...bounds, current: 10 }, scaleOut, 60, 50);
    expect(a).toMatchObject({ ok: true, desired: 11 });
    // Metric 70: breach +20 → +30% of 11 = 3.3 → rounded down to 3 → 14.
    const b = applyStepPolicy({ ...bounds, current: 11 }, scaleOut, 70, 50);
    expect(b).toMatchObject({ ok: true, desired: 14 });
    // Metric 40: breach −10 → −10% of 14 = −1.4 → rounded up to −1 → 13.
    const c = applyStepPolicy({ ...bounds, current: 14 }, scaleIn, 40, 50);
    expect(c).toMatchObject({ ok: true, desired: 13 });
    // Metric 30: breach −20 → −30% of 13 = −3.9 → rounded up to −3 → 10.
    const d = applyStepPolicy({ ...bounds, current: 13 }, scaleIn, 30, 50);
    expect(d).toMatchObject({ ok: true, desired: 10 });
  });

  it('holds between 40 and 60 (the 0-adjustment steps)', () => {
    expect(applyStepPolicy({ minSize: 0, maxSize: 100, current: 10 }, scaleOut, 55, 50)).toMatchObject({ desired: 10 });
    expect(applyStepPolicy({ minSize: 0, maxSize: 100, current: 10 }, scaleIn, 45, 50)).toMatchObject({ desired: 10 });
  });
});

describe('matchingStep bounds relative to the threshold', () => {
  const steps = [
    { metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 1 },
    { metricIntervalLowerBound: -10, metricIntervalUpperBound: 0, scalingAdjustment: -1 },
  ];
  it.each([
    [50, 1], // ≥ 50 and < 60 → lower 0 / upper 10 (API reference example)
    [59.9, 1],
    [60, undefined], // upper is exclusive above the threshold
    [49.9, -1], // > 40 and ≤ 50 → lower −10 / upper 0
    [40, undefined], // lower is exclusive below the threshold
  ])('metric %d → adjustment %s', (metric, adjustment) => {
    expect(matchingStep(steps, metric, 50)?.scalingAdjustment).toBe(adjustment);
  });
});

describe('percentChangeInInstances', () => {
  it.each([
    [100, 12.7, undefined, 12], // 12.7 rounded down
    [3, 20, undefined, 1], // 0.6 → 1
    [3, -20, undefined, -1], // −0.6 → −1
    [100, -6.67, undefined, -6], // −6.67 rounded up
    [4, 25, 2, 2], // 1 instance, MinAdjustmentMagnitude 2 → 2
    [4, -25, 2, -2],
    [0, 50, 2, 0], // nothing to change from 0 instances
  ])('%i instances × %d%% (min magnitude %s) → %i', (current, percent, minMagnitude, change) => {
    expect(percentChangeInInstances(current, percent, minMagnitude)).toBe(change);
  });
});

describe('applySimpleAdjustment', () => {
  const group = { current: 4, minSize: 2, maxSize: 6 };
  it('adds, sets, and clamps to min/max, saying which bound clamped', () => {
    expect(applySimpleAdjustment(group, { adjustmentType: 'ChangeInCapacity', scalingAdjustment: 1 })).toEqual({ ok: true, desired: 5, unclamped: 5 });
    expect(applySimpleAdjustment(group, { adjustmentType: 'ChangeInCapacity', scalingAdjustment: 5 })).toEqual({ ok: true, desired: 6, unclamped: 9, clampedBy: 'MaxSize' });
    expect(applySimpleAdjustment(group, { adjustmentType: 'ExactCapacity', scalingAdjustment: 0 })).toEqual({ ok: true, desired: 2, unclamped: 0, clampedBy: 'MinSize' });
    expect(applySimpleAdjustment(group, { adjustmentType: 'PercentChangeInCapacity', scalingAdjustment: -50 })).toEqual({ ok: true, desired: 2, unclamped: 2 });
  });
  it('refuses invalid adjustments with a reason', () => {
    expect(applySimpleAdjustment(group, { adjustmentType: 'ExactCapacity', scalingAdjustment: -1 })).toMatchObject({ ok: false });
    expect(applySimpleAdjustment(group, { adjustmentType: 'ChangeInCapacity', scalingAdjustment: 1, minAdjustmentMagnitude: 2 })).toMatchObject({
      ok: false,
      error: { message: 'MinAdjustmentMagnitude is only valid with AdjustmentType PercentChangeInCapacity' },
    });
    expect(applySimpleAdjustment({ current: 1, minSize: 2, maxSize: 1 }, { adjustmentType: 'ChangeInCapacity', scalingAdjustment: 1 })).toMatchObject({
      error: { message: 'Max bound, 1, must be greater than or equal to min bound, 2' },
    });
  });
});

describe('stepsProblem (StepAdjustment rules)', () => {
  it('accepts the AWS example policies', () => {
    expect(stepsProblem(scaleOut)).toBeUndefined();
    expect(stepsProblem(scaleIn)).toBeUndefined();
  });
  it.each([
    [[{ metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 1 }, { metricIntervalLowerBound: 15, scalingAdjustment: 2 }], 'gap'],
    [[{ metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 1 }, { metricIntervalLowerBound: 5, scalingAdjustment: 2 }], 'overlap'],
    [[{ scalingAdjustment: 1 }], "can't be null"],
    [[{ metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 1 }], 'null upper bound'],
    [[{ metricIntervalLowerBound: -10, metricIntervalUpperBound: 0, scalingAdjustment: -1 }], 'null lower bound'],
  ])('refuses %j (%s)', (stepAdjustments, fragment) => {
    expect(stepsProblem({ adjustmentType: 'ChangeInCapacity', stepAdjustments })).toContain(fragment);
  });
});

describe('targetTrackingDesired (average CPU)', () => {
  it.each([
    // current, cpu, target, min, max → desired
    [4, 90, 50, 1, 10, 8], // 4 × 90 / 50 = 7.2 → 8
    [4, 90, 50, 1, 6, 6], // clamped to max
    [10, 20, 50, 1, 20, 4], // 10 × 20 / 50 = 4 → 4 (at the target, not over it)
    [10, 21, 50, 1, 20, 5], // 4.2 → 5: scale in only as far as stays under the target
    [3, 70, 70, 1, 10, 3], // on target → unchanged (no float noise)
    [2, 0, 50, 1, 10, 1], // idle → min
  ])('%i × %d%% / %d%% in [%i, %i] → %i', (current, metric, targetValue, minSize, maxSize, desired) => {
    expect(targetTrackingDesired({ current, metric, targetValue, minSize, maxSize })).toMatchObject({ ok: true, desired });
  });
  it('holds when scale-in is disabled', () => {
    expect(targetTrackingDesired({ current: 10, metric: 10, targetValue: 50, minSize: 1, maxSize: 20, disableScaleIn: true })).toMatchObject({ desired: 10, scaleInBlocked: true });
  });
  it('refuses a non-positive target', () => {
    expect(targetTrackingDesired({ current: 1, metric: 10, targetValue: 0, minSize: 1, maxSize: 2 })).toMatchObject({ ok: false });
  });
  it('property: the new capacity never predicts a metric over the target unless clamped by max', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }), (current, metric, target) => {
        const result = targetTrackingDesired({ current, metric, targetValue: target, minSize: 1, maxSize: 1000 });
        if (!result.ok) return false;
        if (result.clampedBy === 'MaxSize') return result.desired === 1000;
        return (current * metric) / result.desired <= target + 1e-9;
      }),
    );
  });
});

describe('inCooldown', () => {
  it('is true until lastActivity + cooldown, with the remaining ms', () => {
    expect(inCooldown(undefined, 1_000, 300)).toBe(false);
    expect(inCooldown(0, 299_999, 300)).toBe(true);
    expect(inCooldown(0, 300_000, 300)).toBe(false);
    expect(cooldownRemainingMs(10_000, 100_000, 300)).toBe(210_000); // 10 000 + 300 000 − 100 000
    expect(cooldownRemainingMs(10_000, 400_000, 300)).toBe(0);
  });
});
