/**
 * The arithmetic of EC2 Auto Scaling scaling policies (pure; groundwork for issue 6, not wired).
 *
 * Sources (EC2 Auto Scaling User Guide "Step and simple scaling policies" as-scaling-simple-step,
 * API Reference StepAdjustment / PutScalingPolicy, "Scaling cooldowns"):
 * - Adjustment types: ChangeInCapacity adds the adjustment to the current capacity, ExactCapacity
 *   sets it, PercentChangeInCapacity adds that percentage of the current capacity. "A scaling
 *   adjustment can't change the capacity of the group above the maximum group size or below the
 *   minimum group size."
 * - Percent rounding (user guide, quoted from memory — UNCONFIRMED wording, numbers match its
 *   worked example): "Values greater than 1 are rounded down. For example, 12.7 is rounded to 12.
 *   Values between 0 and 1 are rounded to 1. Values between 0 and -1 are rounded to -1. Values less
 *   than -1 are rounded up. For example, -6.67 is rounded to -6." MinAdjustmentMagnitude, valid only
 *   with PercentChangeInCapacity, is "the minimum number of instances to scale".
 * - Step bounds are relative to the alarm threshold (StepAdjustment): "If the metric value is above
 *   the breach threshold, the lower bound is inclusive (the metric must be greater than or equal to
 *   the threshold plus the lower bound). Otherwise, it is exclusive"; "If the metric value is above
 *   the breach threshold, the upper bound is exclusive ... Otherwise, it is inclusive". A null lower
 *   bound is negative infinity, a null upper bound positive infinity.
 * - Target tracking: capacity proportional to the metric (desired = ceil(current × metric / target)),
 *   and it scales in only when the smaller group would still be at or under the target. The exact
 *   AWS algorithm is not published; this is the documented intent ("keep the metric at, or close
 *   to, the target value"), UNCONFIRMED in detail.
 * - Cooldown (simple scaling): default 300 s; "After the Auto Scaling group launches or terminates
 *   instances, it waits for the cooldown period to end before any further scaling activities
 *   initiated by simple scaling policies can start." Step and target tracking use instance warmup.
 */

export type AdjustmentType = 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity';

export interface CapacityBounds {
  current: number;
  minSize: number;
  maxSize: number;
}

export interface SimpleAdjustment {
  adjustmentType: AdjustmentType;
  scalingAdjustment: number;
  /** Only with PercentChangeInCapacity. */
  minAdjustmentMagnitude?: number;
}

export interface StepAdjustment {
  metricIntervalLowerBound?: number;
  metricIntervalUpperBound?: number;
  scalingAdjustment: number;
}

export interface StepPolicy {
  adjustmentType: AdjustmentType;
  stepAdjustments: readonly StepAdjustment[];
  minAdjustmentMagnitude?: number;
}

export type CapacityResult =
  | { ok: true; desired: number; /** Before clamping to [minSize, maxSize]. */ unclamped: number; clampedBy?: 'MinSize' | 'MaxSize' }
  | { ok: false; error: { code: 'ValidationError'; message: string } };

/** The whole-instance change a percentage makes, rounded as the user guide describes. */
export function percentChangeInInstances(current: number, percent: number, minAdjustmentMagnitude?: number): number {
  const raw = (current * percent) / 100;
  let change: number;
  if (raw === 0) change = 0;
  else if (raw > 0) change = raw < 1 ? 1 : Math.floor(raw);
  else change = raw > -1 ? -1 : Math.ceil(raw);
  // MinAdjustmentMagnitude raises the size of a non-zero change, in its own direction.
  if (minAdjustmentMagnitude !== undefined && change !== 0 && Math.abs(change) < minAdjustmentMagnitude) {
    change = Math.sign(change) * minAdjustmentMagnitude;
  }
  return change;
}

/** A simple scaling policy's new desired capacity, clamped to the group's bounds. */
export function applySimpleAdjustment(group: CapacityBounds, adjustment: SimpleAdjustment): CapacityResult {
  const problem = boundsProblem(group) ?? adjustmentProblem(adjustment.adjustmentType, adjustment.scalingAdjustment, adjustment.minAdjustmentMagnitude);
  if (problem) return invalid(problem);
  return clamp(group, unclampedCapacity(group.current, adjustment));
}

function unclampedCapacity(current: number, adjustment: SimpleAdjustment): number {
  switch (adjustment.adjustmentType) {
    case 'ChangeInCapacity':
      return current + adjustment.scalingAdjustment;
    case 'ExactCapacity':
      return adjustment.scalingAdjustment;
    case 'PercentChangeInCapacity':
      return current + percentChangeInInstances(current, adjustment.scalingAdjustment, adjustment.minAdjustmentMagnitude);
  }
}

/**
 * The step whose interval holds `metric - threshold`. Above the threshold an interval is
 * [lower, upper); at or below it, (lower, upper] — AWS's inclusive/exclusive rule.
 */
export function matchingStep(steps: readonly StepAdjustment[], metric: number, threshold: number): StepAdjustment | undefined {
  const breach = metric - threshold;
  const above = metric > threshold;
  return steps.find((step) => {
    const lower = step.metricIntervalLowerBound ?? -Infinity;
    const upper = step.metricIntervalUpperBound ?? Infinity;
    // At exactly the threshold (breach 0) a [0, x) interval applies for a scale-out alarm (≥ threshold).
    if (above || (breach === 0 && lower === 0)) return breach >= lower && breach < upper;
    return breach > lower && breach <= upper;
  });
}

export type StepResult = CapacityResult & { step?: StepAdjustment };

/** A step scaling policy's new desired capacity for one alarm evaluation. */
export function applyStepPolicy(group: CapacityBounds, policy: StepPolicy, metric: number, threshold: number): StepResult {
  const problem = boundsProblem(group) ?? stepsProblem(policy);
  if (problem) return invalid(problem);
  const step = matchingStep(policy.stepAdjustments, metric, threshold);
  if (!step) return { ...clamp(group, group.current) };
  const result = applySimpleAdjustment(group, {
    adjustmentType: policy.adjustmentType,
    scalingAdjustment: step.scalingAdjustment,
    ...(policy.minAdjustmentMagnitude !== undefined ? { minAdjustmentMagnitude: policy.minAdjustmentMagnitude } : {}),
  });
  return { ...result, step };
}

export interface TargetTrackingInput extends CapacityBounds {
  /** Group average of the tracked metric, e.g. CPUUtilization percent. */
  metric: number;
  targetValue: number;
  disableScaleIn?: boolean;
}

/**
 * Target tracking on a metric that falls as capacity grows (average CPU): the capacity at which the
 * same total load would sit at the target, rounded up so the target is never exceeded.
 */
export function targetTrackingDesired(input: TargetTrackingInput): CapacityResult & { scaleInBlocked?: boolean } {
  const problem = boundsProblem(input);
  if (problem) return invalid(problem);
  if (!(Number.isFinite(input.targetValue) && input.targetValue > 0)) {
    return invalid(`TargetValue must be a number > 0, got ${String(input.targetValue)}`);
  }
  if (!(Number.isFinite(input.metric) && input.metric >= 0)) return invalid(`metric must be a number ≥ 0, got ${String(input.metric)}`);
  // With no running capacity there is no average to track; hold at the current size.
  const proportional = input.current === 0 ? 0 : Math.ceil(roundAwayFloatNoise((input.current * input.metric) / input.targetValue));
  if (proportional < input.current && input.disableScaleIn) {
    return { ...clamp(input, input.current), scaleInBlocked: true };
  }
  return clamp(input, input.current === 0 ? input.current : proportional);
}

/** 3 × 70 / 70 must be 3, not 3.0000000000000004 → ceil 4. */
function roundAwayFloatNoise(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** True while a simple scaling policy must wait: now is before lastActivity + cooldown. */
export function inCooldown(lastActivityMs: number | undefined, nowMs: number, cooldownSeconds: number): boolean {
  if (lastActivityMs === undefined || !Number.isFinite(lastActivityMs)) return false;
  return nowMs < lastActivityMs + cooldownSeconds * 1000;
}

/** Remaining cooldown in ms (0 when none), for a refusal message that says how long to wait. */
export function cooldownRemainingMs(lastActivityMs: number | undefined, nowMs: number, cooldownSeconds: number): number {
  if (!inCooldown(lastActivityMs, nowMs, cooldownSeconds)) return 0;
  return (lastActivityMs as number) + cooldownSeconds * 1000 - nowMs;
}

function clamp(group: CapacityBounds, unclamped: number): CapacityResult {
  if (unclamped > group.maxSize) return { ok: true, desired: group.maxSize, unclamped, clampedBy: 'MaxSize' };
  if (unclamped < group.minSize) return { ok: true, desired: group.minSize, unclamped, clampedBy: 'MinSize' };
  return { ok: true, desired: unclamped, unclamped };
}

function invalid(message: string): { ok: false; error: { code: 'ValidationError'; message: string } } {
  return { ok: false, error: { code: 'ValidationError', message } };
}

function boundsProblem(group: CapacityBounds): string | undefined {
  if (!group || typeof group !== 'object') return 'group bounds are required';
  for (const key of ['current', 'minSize', 'maxSize'] as const) {
    if (!Number.isInteger(group[key]) || group[key] < 0) return `${key} must be a whole number ≥ 0, got ${String(group[key])}`;
  }
  if (group.maxSize < group.minSize) return `Max bound, ${group.maxSize}, must be greater than or equal to min bound, ${group.minSize}`;
  return undefined;
}

function adjustmentProblem(type: unknown, scalingAdjustment: unknown, minAdjustmentMagnitude: unknown): string | undefined {
  if (type !== 'ChangeInCapacity' && type !== 'ExactCapacity' && type !== 'PercentChangeInCapacity') {
    return `AdjustmentType must be ChangeInCapacity, ExactCapacity or PercentChangeInCapacity, got ${String(type)}`;
  }
  if (!Number.isInteger(scalingAdjustment)) return `ScalingAdjustment must be a whole number, got ${String(scalingAdjustment)}`;
  if (type === 'ExactCapacity' && (scalingAdjustment as number) < 0) {
    // API reference: "For exact capacity, you must specify a non-negative value."
    return `For exact capacity, ScalingAdjustment must be non-negative, got ${String(scalingAdjustment)}`;
  }
  if (minAdjustmentMagnitude !== undefined) {
    if (type !== 'PercentChangeInCapacity') {
      // Wording UNCONFIRMED; AWS refuses MinAdjustmentMagnitude with other adjustment types.
      return 'MinAdjustmentMagnitude is only valid with AdjustmentType PercentChangeInCapacity';
    }
    if (!Number.isInteger(minAdjustmentMagnitude) || (minAdjustmentMagnitude as number) < 1) {
      return `MinAdjustmentMagnitude must be a whole number ≥ 1, got ${String(minAdjustmentMagnitude)}`;
    }
  }
  return undefined;
}

/** StepAdjustment rules: no gap, no overlap, at most one open end each way, never both open. */
export function stepsProblem(policy: StepPolicy): string | undefined {
  if (!policy || !Array.isArray(policy.stepAdjustments) || policy.stepAdjustments.length === 0) {
    return 'StepAdjustments must list at least one step';
  }
  for (const step of policy.stepAdjustments) {
    const problem = adjustmentProblem(policy.adjustmentType, step.scalingAdjustment, policy.minAdjustmentMagnitude);
    if (problem) return problem;
    if (step.metricIntervalLowerBound === undefined && step.metricIntervalUpperBound === undefined) {
      return 'The upper and lower bound can\'t be null in the same step adjustment';
    }
    const lower = step.metricIntervalLowerBound ?? -Infinity;
    const upper = step.metricIntervalUpperBound ?? Infinity;
    if (!(upper > lower)) return `The upper bound must be greater than the lower bound (got ${lower} and ${upper})`;
  }
  const sorted = [...policy.stepAdjustments].sort(
    (a, b) => (a.metricIntervalLowerBound ?? -Infinity) - (b.metricIntervalLowerBound ?? -Infinity),
  );
  for (let i = 1; i < sorted.length; i++) {
    const previousUpper = sorted[i - 1]?.metricIntervalUpperBound ?? Infinity;
    const lower = sorted[i]?.metricIntervalLowerBound ?? -Infinity;
    if (previousUpper !== lower) {
      return `The ranges of your step adjustments can't overlap or have a gap: one ends at ${previousUpper}, the next starts at ${lower}`;
    }
  }
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first && first.metricIntervalLowerBound !== undefined && first.metricIntervalLowerBound < 0) {
    return 'If one step adjustment has a negative lower bound, then there must be a step adjustment with a null lower bound';
  }
  if (last && last.metricIntervalUpperBound !== undefined && last.metricIntervalUpperBound > 0) {
    return 'If one step adjustment has a positive upper bound, then there must be a step adjustment with a null upper bound';
  }
  return undefined;
}
