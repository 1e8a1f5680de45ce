/**
 * Step scaling for an ECS service: checking a StepScalingPolicyConfiguration as PutScalingPolicy
 * does, and the desired count one alarm breach asks for.
 *
 * Sources: Application Auto Scaling User Guide "Step scaling policies"
 * (application-auto-scaling-step-scaling-policies) and API reference StepScalingPolicyConfiguration /
 * StepAdjustment; ecs-reference §8.
 * - Bounds are relative to the alarm threshold; above it a step is [lower, upper), below it
 *   (lower, upper]; null lower = −∞, null upper = +∞.
 * - "The ranges of your step adjustments can't overlap or have a gap. Only one step adjustment can
 *   have a null lower bound … If one step adjustment has a negative lower bound, then there must be a
 *   step adjustment with a null lower bound. Only one step adjustment can have a null upper bound …
 *   If one step adjustment has a positive upper bound, then there must be a step adjustment with a
 *   null upper bound. The upper and lower bound can't be null in the same step adjustment."
 * - PercentChangeInCapacity rounding: > 1 down (12.7 → 12), 0..1 → 1, −1..0 → −1, < −1 up
 *   (−6.67 → −6); MinAdjustmentMagnitude: "25 percent of 4 is 1 … MinAdjustmentMagnitude of 2 …
 *   scales out the service by 2 tasks".
 * - Cooldown (default 300 s): see cooldowns.ts; during a scale-out cooldown a bigger step adds only
 *   the difference ("increase the capacity by 2 … more aggressive step adjustment of 3 … only 1 is
 *   added").
 *
 * Reused from autoscaling/scaling-policies.ts (EC2 Auto Scaling), because both user guides give the
 * same rules word for word: `percentChangeInInstances` (rounding + MinAdjustmentMagnitude) and
 * `matchingStep` (the inclusive/exclusive bounds). Written here instead: the validation (Application
 * Auto Scaling's ValidationException texts differ from EC2's ValidationError texts) and the cooldown
 * (EC2 step scaling uses instance warmup, not a cooldown).
 */
import { matchingStep, percentChangeInInstances, type StepAdjustment as Ec2StepAdjustment } from '../autoscaling/scaling-policies.ts';
import { clampCapacity, DEFAULT_COOLDOWN_SECONDS, type CapacityBounds, type Clamped } from './capacity.ts';
import { inScaleInCooldown, inScaleOutCooldown, scaleInCooldownRemainingMs, type ScalingHistory } from './cooldowns.ts';

export type AdjustmentType = 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';

/** The request shape (API field names). */
export interface StepAdjustment {
  MetricIntervalLowerBound?: number;
  MetricIntervalUpperBound?: number;
  ScalingAdjustment: number;
}

export interface StepScalingPolicyConfiguration {
  AdjustmentType: AdjustmentType;
  StepAdjustments: StepAdjustment[];
  MinAdjustmentMagnitude?: number;
  Cooldown?: number;
  MetricAggregationType?: 'Average' | 'Minimum' | 'Maximum';
}

/** Application Auto Scaling quota: step adjustments per step scaling policy. */
export const MAX_STEP_ADJUSTMENTS = 20;

const ADJUSTMENT_TYPES = ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'] as const;
const AGGREGATION_TYPES = ['Average', 'Minimum', 'Maximum'] as const;

/** AWS's generic request-validation sentence (the "1 validation error detected" form every AWS JSON API uses). */
const constraint = (value: unknown, field: string, rule: string): string =>
  `1 validation error detected: Value ${value === undefined || value === null ? 'null' : `'${String(value)}'`} at 'stepScalingPolicyConfiguration.${field}' failed to satisfy constraint: ${rule}`;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The first reason PutScalingPolicy refuses the configuration (ValidationException message), or
 * undefined. Texts: "Both lower and upper bounds of a step adjustment cannot be left unspecified" and
 * "There can be at most 20 step adjustments per scaling policy" are AWS responses seen in public
 * issues (hashicorp/terraform-provider-aws#4812, aws/aws-cdk#27020); the others are the user guide's
 * sentences, UNCONFIRMED as error texts.
 */
export function stepScalingConfigurationProblem(config: unknown): string | undefined {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return 'StepScalingPolicyConfiguration is required for a policy of type StepScaling';
  }
  const c = config as Record<string, unknown>;
  if (c.AdjustmentType === undefined) return 'AdjustmentType is required if you are adding a new step scaling policy configuration';
  if (!ADJUSTMENT_TYPES.includes(c.AdjustmentType as AdjustmentType)) {
    return constraint(c.AdjustmentType, 'adjustmentType', `Member must satisfy enum value set: [${ADJUSTMENT_TYPES.join(', ')}]`);
  }
  if (c.MetricAggregationType !== undefined && !AGGREGATION_TYPES.includes(c.MetricAggregationType as 'Average')) {
    return constraint(c.MetricAggregationType, 'metricAggregationType', `Member must satisfy enum value set: [${AGGREGATION_TYPES.join(', ')}]`);
  }
  if (c.Cooldown !== undefined && !(Number.isInteger(c.Cooldown) && (c.Cooldown as number) >= 0)) {
    return `Cooldown must be a whole number of seconds ≥ 0, got ${String(c.Cooldown)}`;
  }
  if (c.MinAdjustmentMagnitude !== undefined) {
    if (c.AdjustmentType !== 'PercentChangeInCapacity') {
      return 'MinAdjustmentMagnitude is only supported with the PercentChangeInCapacity adjustment type'; // UNCONFIRMED wording
    }
    if (!Number.isInteger(c.MinAdjustmentMagnitude) || (c.MinAdjustmentMagnitude as number) < 1) {
      return `MinAdjustmentMagnitude must be a whole number ≥ 1, got ${String(c.MinAdjustmentMagnitude)}`;
    }
  }
  const steps = c.StepAdjustments;
  if (!Array.isArray(steps) || steps.length === 0) return 'At least one step adjustment is required if you are adding a new step scaling policy configuration';
  if (steps.length > MAX_STEP_ADJUSTMENTS) return `There can be at most ${MAX_STEP_ADJUSTMENTS} step adjustments per scaling policy`;
  for (const [i, step] of steps.entries()) {
    const problem = stepProblem(step, i + 1, c.AdjustmentType as AdjustmentType);
    if (problem) return problem;
  }
  return rangesProblem(steps as StepAdjustment[]);
}

function stepProblem(step: unknown, member: number, type: AdjustmentType): string | undefined {
  if (typeof step !== 'object' || step === null) return constraint(step, `stepAdjustments.${member}.member`, 'Member must not be null');
  const s = step as Record<string, unknown>;
  if (!Number.isInteger(s.ScalingAdjustment)) {
    return constraint(s.ScalingAdjustment, `stepAdjustments.${member}.member.scalingAdjustment`, 'Member must not be null and must be a whole number');
  }
  if (type === 'ExactCapacity' && (s.ScalingAdjustment as number) < 0) {
    return `For ExactCapacity the ScalingAdjustment must not be negative, got ${String(s.ScalingAdjustment)}`; // UNCONFIRMED wording
  }
  for (const bound of ['MetricIntervalLowerBound', 'MetricIntervalUpperBound'] as const) {
    if (s[bound] !== undefined && s[bound] !== null && !isNum(s[bound])) return constraint(s[bound], `stepAdjustments.${member}.member.${bound[0]!.toLowerCase()}${bound.slice(1)}`, 'Member must be a number');
  }
  const lower = s.MetricIntervalLowerBound ?? undefined;
  const upper = s.MetricIntervalUpperBound ?? undefined;
  if (lower === undefined && upper === undefined) return 'Both lower and upper bounds of a step adjustment cannot be left unspecified';
  if (lower !== undefined && upper !== undefined && !((upper as number) > (lower as number))) {
    return `The lower bound must be less than the upper bound in a step adjustment, got [${String(lower)}, ${String(upper)}]`; // UNCONFIRMED wording
  }
  return undefined;
}

const lowerOf = (s: StepAdjustment): number => s.MetricIntervalLowerBound ?? -Infinity;
const upperOf = (s: StepAdjustment): number => s.MetricIntervalUpperBound ?? Infinity;

function rangesProblem(steps: StepAdjustment[]): string | undefined {
  if (steps.filter((s) => s.MetricIntervalLowerBound === undefined || s.MetricIntervalLowerBound === null).length > 1) {
    return 'Only one step adjustment can have a null lower bound (negative infinity)';
  }
  if (steps.filter((s) => s.MetricIntervalUpperBound === undefined || s.MetricIntervalUpperBound === null).length > 1) {
    return 'Only one step adjustment can have a null upper bound (positive infinity)';
  }
  const sorted = [...steps].sort((a, b) => lowerOf(a) - lowerOf(b));
  for (let i = 1; i < sorted.length; i++) {
    const end = upperOf(sorted[i - 1]!);
    const start = lowerOf(sorted[i]!);
    if (end !== start) {
      return `The ranges of your step adjustments can't overlap or have a gap: one step ends at ${end} and the next starts at ${start}`;
    }
  }
  if (lowerOf(sorted[0]!) < 0 && Number.isFinite(lowerOf(sorted[0]!))) {
    return 'If one step adjustment has a negative lower bound, then there must be a step adjustment with a null lower bound';
  }
  const last = sorted[sorted.length - 1]!;
  if (upperOf(last) > 0 && Number.isFinite(upperOf(last))) {
    return 'If one step adjustment has a positive upper bound, then there must be a step adjustment with a null upper bound';
  }
  return undefined;
}

/** The step the breach (metric − threshold) falls in, AWS's inclusive/exclusive rule. */
export function stepFor(steps: readonly StepAdjustment[], metric: number, threshold: number): StepAdjustment | undefined {
  const asEc2 = steps.map((s): Ec2StepAdjustment & { source: StepAdjustment } => ({
    scalingAdjustment: s.ScalingAdjustment,
    ...(s.MetricIntervalLowerBound === undefined || s.MetricIntervalLowerBound === null ? {} : { metricIntervalLowerBound: s.MetricIntervalLowerBound }),
    ...(s.MetricIntervalUpperBound === undefined || s.MetricIntervalUpperBound === null ? {} : { metricIntervalUpperBound: s.MetricIntervalUpperBound }),
    source: s,
  }));
  return (matchingStep(asEc2, metric, threshold) as { source: StepAdjustment } | undefined)?.source;
}

/** The capacity an adjustment gives from `base` (unclamped). */
export function adjustedCapacity(base: number, type: AdjustmentType, adjustment: number, minAdjustmentMagnitude?: number): number {
  switch (type) {
    case 'ChangeInCapacity':
      return base + adjustment;
    case 'ExactCapacity':
      return adjustment;
    case 'PercentChangeInCapacity':
      return base + percentChangeInInstances(base, adjustment, minAdjustmentMagnitude);
  }
}

export interface StepScalingInput extends CapacityBounds {
  /** The scalable target's current desired capacity. */
  capacity: number;
  config: StepScalingPolicyConfiguration;
  /** The alarm's aggregated metric value and threshold. */
  metric: number;
  threshold: number;
  nowMs?: number;
  history?: ScalingHistory;
}

export type StepScalingResult = Clamped & {
  direction: 'out' | 'in' | 'none';
  step?: StepAdjustment;
  /** Why nothing changed. */
  held?: 'no-step' | 'zero-adjustment' | 'covered-by-scale-out-cooldown' | 'scale-in-cooldown';
  remainingMs?: number;
  /** The capacity the step was computed from (the pre-cooldown capacity during a scale-out cooldown). */
  base: number;
};

/** The desired capacity one breach of the policy's alarm asks for, with the cooldown rules applied. */
export function stepScalingDesired(input: StepScalingInput): StepScalingResult {
  const { capacity, config } = input;
  const history = input.history ?? {};
  const nowMs = input.nowMs ?? 0;
  const none = (held: StepScalingResult['held'], step?: StepAdjustment, extra: Partial<StepScalingResult> = {}): StepScalingResult => ({
    ...clampCapacity(input, capacity),
    direction: 'none',
    held,
    base: capacity,
    ...(step ? { step } : {}),
    ...extra,
  });
  const step = stepFor(config.StepAdjustments, input.metric, input.threshold);
  if (!step) return none('no-step');
  let base = capacity;
  let target = adjustedCapacity(base, config.AdjustmentType, step.ScalingAdjustment, config.MinAdjustmentMagnitude);
  if (target > capacity && inScaleOutCooldown(history, nowMs)) {
    // The capacity added by the scale-out in cooldown counts: compute from before it, add only the excess.
    base = history.lastScaleOut!.capacityBefore;
    target = adjustedCapacity(base, config.AdjustmentType, step.ScalingAdjustment, config.MinAdjustmentMagnitude);
    if (target <= capacity) return none('covered-by-scale-out-cooldown', step, { base });
  }
  if (target === capacity) return none('zero-adjustment', step);
  if (target < capacity && inScaleInCooldown(history, nowMs)) {
    return none('scale-in-cooldown', step, { remainingMs: scaleInCooldownRemainingMs(history, nowMs) });
  }
  const clamped = clampCapacity(input, target);
  const direction = clamped.desired > capacity ? 'out' : clamped.desired < capacity ? 'in' : 'none';
  return { ...clamped, direction, step, base };
}

export const stepCooldownSeconds = (config: Pick<StepScalingPolicyConfiguration, 'Cooldown'>): number => config.Cooldown ?? DEFAULT_COOLDOWN_SECONDS;
