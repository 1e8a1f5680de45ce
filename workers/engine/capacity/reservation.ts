/**
 * The CapacityProviderReservation metric of an Auto Scaling group capacity provider with managed
 * scaling, and the desired capacity ECS's target tracking on it asks for. Pure and unwired
 * (groundwork for issue 6): the caller counts instances and tasks (binpacking the PROVISIONING
 * tasks onto the ASG's instance type is the caller's job) and keeps the alarm datapoint counters.
 *
 * Sources (ecs-reference.md §6 "Managed scaling"; ECSDG:cluster-auto-scaling; CFN managedscaling):
 * - "CapacityProviderReservation = (number of instances needed) / (number of running instances)
 *   x 100"; M = instances needed (running tasks + tasks waiting in PROVISIONING), N = running
 *   instances. 100 = exactly right; > 100 scale out; < 100 scale in.
 * - N = 0 and M > 0 → 200 (the deep-dive blog's number, UNCONFIRMED by the docs, which say
 *   "Amazon ECS always scales-out to 200% (two instances)"); M = 0 and N = 0 → 100.
 * - ECS creates a target tracking policy on the ASG with target = targetCapacity (1–100, default
 *   100; 90 ⇒ keep ~10% spare instances); evaluated every minute.
 * - Scale-out step: "minimumScalingStepSize if needed < min, else min(maximumScalingStepSize,
 *   needed)"; with several instance types or AZs in the ASG, exactly minimumScalingStepSize.
 *   minimumScalingStepSize 1–10000 (default 1), maximumScalingStepSize 1–10000 (default 10000).
 * - "New scale-out blocked until existing instances pass instanceWarmupPeriod" (0–10000 s,
 *   default 300).
 * - Scale-in: "metric = 100 − (number of empty instances) (e.g. 2 empty → 98) per the 2023 doc";
 *   "scale-in alarm needs 15 datapoints (15 minutes); then desired capacity reduced by >1 instance
 *   and <50% per minute; a scale-out request aborts scale-in".
 * - Managed scaling never changes MinSize / MaxSize; "MaxSize > 0 to scale out".
 */

export const MANAGED_SCALING_DEFAULTS = {
  targetCapacity: 100,
  minimumScalingStepSize: 1,
  maximumScalingStepSize: 10_000,
  instanceWarmupPeriodSeconds: 300,
} as const;

/** Reservation published when tasks wait and no instance runs (blog number; UNCONFIRMED). */
export const RESERVATION_NO_INSTANCES_TASKS_WAITING = 200;
/** Reservation when nothing runs and nothing waits. */
export const RESERVATION_IDLE = 100;
/** Datapoints (one a minute) the low alarm needs before scale-in starts — ECSDG:cluster-auto-scaling. */
export const SCALE_IN_DATAPOINTS = 15;
/** Datapoints the high alarm needs before scale-out — UNCONFIRMED (ECS's AlarmHigh is seen as 1 of 1 minute). */
export const SCALE_OUT_DATAPOINTS = 1;

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
}

/**
 * CapacityProviderReservation (percent) from M = instances needed (running + provisioning tasks)
 * and N = instances running: M / N × 100; N = 0 → 100 when M = 0, 200 when M > 0. Not rounded
 * (CloudWatch stores the float). Bad counts are read as 0.
 */
export function capacityProviderReservation(input: { instancesNeeded: number; runningInstances: number }): number {
  const needed = count(input.instancesNeeded);
  const running = count(input.runningInstances);
  if (running === 0) return needed === 0 ? RESERVATION_IDLE : RESERVATION_NO_INSTANCES_TASKS_WAITING;
  return (needed / running) * 100;
}

/**
 * The scale-in reading of the 2023 developer guide: 100 minus the number of empty instances
 * (an instance running only daemon tasks is empty), e.g. 2 empty → 98. Exposed for display and
 * comparison: it agrees with M/N only in direction (< 100), not in value, and it does not model
 * targetCapacity < 100 — managedScalingDesired uses M/N.
 */
export function scaleInReservationPerDoc(emptyInstances: number): number {
  return Math.max(0, 100 - count(emptyInstances));
}

/**
 * Instances one scale-out adds, from the instances still missing: minimumScalingStepSize if fewer
 * are missing than that, else min(maximumScalingStepSize, missing); exactly the minimum step when
 * the ASG has several instance types or AZs. Steps are read as whole numbers ≥ 1.
 */
export function scaleOutStepSize(input: {
  instancesMissing: number;
  minimumScalingStepSize?: number;
  maximumScalingStepSize?: number;
  multipleInstanceTypesOrAzs?: boolean;
}): number {
  const minStep = Math.max(1, count(input.minimumScalingStepSize ?? MANAGED_SCALING_DEFAULTS.minimumScalingStepSize));
  const maxStep = Math.max(minStep, count(input.maximumScalingStepSize ?? MANAGED_SCALING_DEFAULTS.maximumScalingStepSize));
  const missing = count(input.instancesMissing);
  if (input.multipleInstanceTypesOrAzs) return minStep;
  if (missing < minStep) return minStep;
  return Math.min(maxStep, missing);
}

/**
 * Instances a scale-in may remove in one minute from N running: the docs say "greater than one
 * instance and less than 50%" — read here as at least 1 and at most ceil(N / 2) − 1 (so < 50%),
 * never below 1. UNCONFIRMED reading.
 */
export function maxScaleInPerMinute(runningInstances: number): number {
  return Math.max(1, Math.ceil(count(runningInstances) / 2) - 1);
}

export interface ManagedScalingInput {
  /** N: container instances of this provider running (registered, InService). */
  runningInstances: number;
  /** M: instances needed for the running tasks plus the PROVISIONING tasks that fit the smallest instance type. */
  instancesNeeded: number;
  /** The ASG's current DesiredCapacity (may be above N while instances boot). */
  currentDesired: number;
  minSize: number;
  maxSize: number;
  /** 1–100, default 100. */
  targetCapacity?: number;
  minimumScalingStepSize?: number;
  maximumScalingStepSize?: number;
  /** Several instance types or AZs in the ASG → scale-out uses exactly the minimum step. */
  multipleInstanceTypesOrAzs?: boolean;
  /** Instances launched less than instanceWarmupPeriod ago (scale-out waits for them). */
  instancesInWarmup?: number;
  /** Consecutive minutes (this one included) the metric was above the target. */
  highDatapoints?: number;
  /** Consecutive minutes (this one included) the metric was below the target. */
  lowDatapoints?: number;
}

export type ScalingAction = 'scale-out' | 'scale-in' | 'none';

export interface ManagedScalingDecision {
  /** CapacityProviderReservation this minute (M/N × 100 with the special cases). */
  reservation: number;
  /** Target (targetCapacity) after reading it into 1–100. */
  target: number;
  /** Instances that would bring the metric to the target: ceil(M × 100 / target). */
  idealInstances: number;
  /** DesiredCapacity to set (unchanged when action is 'none'). */
  desiredCapacity: number;
  action: ScalingAction;
  /** Instances added (> 0) or removed (< 0) from currentDesired. */
  step: number;
  /** One sentence with the numbers, for events and the UI. */
  reason: string;
}

/**
 * One minute of ECS managed scaling (target tracking on CapacityProviderReservation).
 *
 * - Metric above target (M > 0 and ideal > N): after SCALE_OUT_DATAPOINTS high minutes, and only
 *   when no instance is in warm-up, desired = max(currentDesired, N + step) capped at MaxSize,
 *   step = scaleOutStepSize(ideal − N). MaxSize 0 → no scale-out.
 * - Metric below target (ideal < N): after SCALE_IN_DATAPOINTS low minutes, desired =
 *   max(MinSize, ideal, N − maxScaleInPerMinute(N)). Which instances go is not decided here
 *   (managed termination protection / termination policy are the caller's).
 * - From N = 0 the metric reads 200 and the step is computed from M as above (the docs' "always
 *   scales-out to 200% (two instances)" is not modelled as a fixed 2 — UNCONFIRMED).
 */
export function managedScalingDesired(input: ManagedScalingInput): ManagedScalingDecision {
  const running = count(input.runningInstances);
  const needed = count(input.instancesNeeded);
  const currentDesired = count(input.currentDesired);
  const minSize = count(input.minSize);
  const maxSize = Math.max(minSize, count(input.maxSize));
  const rawTarget = input.targetCapacity ?? MANAGED_SCALING_DEFAULTS.targetCapacity;
  const target = Math.min(100, Math.max(1, count(rawTarget)));
  const reservation = capacityProviderReservation({ instancesNeeded: needed, runningInstances: running });
  const idealInstances = needed === 0 ? 0 : Math.ceil((needed * 100) / target);
  const stay = (reason: string): ManagedScalingDecision => ({
    reservation,
    target,
    idealInstances,
    desiredCapacity: currentDesired,
    action: 'none',
    step: 0,
    reason,
  });
  const pct = (value: number) => `${Math.round(value * 10) / 10}%`;

  if (idealInstances > running) {
    const high = count(input.highDatapoints ?? SCALE_OUT_DATAPOINTS);
    if (high < SCALE_OUT_DATAPOINTS) {
      return stay(`CapacityProviderReservation ${pct(reservation)} > target ${target}% for ${high} of ${SCALE_OUT_DATAPOINTS} datapoints; waiting.`);
    }
    const warming = count(input.instancesInWarmup);
    if (warming > 0) {
      return stay(`Scale-out waits: ${warming} instance(s) still in their warm-up period (${needed} needed, ${running} running).`);
    }
    if (maxSize === 0) return stay(`Cannot scale out: the Auto Scaling group's MaxSize is 0 (${needed} instance(s) needed).`);
    const step = scaleOutStepSize({
      instancesMissing: idealInstances - running,
      minimumScalingStepSize: input.minimumScalingStepSize,
      maximumScalingStepSize: input.maximumScalingStepSize,
      multipleInstanceTypesOrAzs: input.multipleInstanceTypesOrAzs,
    });
    const desired = Math.min(maxSize, Math.max(minSize, currentDesired, running + step));
    if (desired <= currentDesired) {
      return stay(
        currentDesired >= maxSize
          ? `Cannot scale out: DesiredCapacity ${currentDesired} is at MaxSize ${maxSize} (${idealInstances} instance(s) wanted for ${pct(reservation)} → ${target}%).`
          : `DesiredCapacity ${currentDesired} already covers the step (${running} running + ${step}).`,
      );
    }
    return {
      reservation,
      target,
      idealInstances,
      desiredCapacity: desired,
      action: 'scale-out',
      step: desired - currentDesired,
      reason: `CapacityProviderReservation ${pct(reservation)} > target ${target}%: ${needed} instance(s) needed, ${running} running; DesiredCapacity ${currentDesired} → ${desired}.`,
    };
  }

  if (idealInstances < running) {
    const low = count(input.lowDatapoints ?? SCALE_IN_DATAPOINTS);
    if (low < SCALE_IN_DATAPOINTS) {
      return stay(`CapacityProviderReservation ${pct(reservation)} < target ${target}% for ${low} of ${SCALE_IN_DATAPOINTS} datapoints; waiting.`);
    }
    const desired = Math.min(maxSize, Math.max(minSize, idealInstances, running - maxScaleInPerMinute(running)));
    if (desired >= currentDesired) {
      return stay(`Cannot scale in: DesiredCapacity ${currentDesired} is at MinSize ${minSize} or already at ${desired}.`);
    }
    return {
      reservation,
      target,
      idealInstances,
      desiredCapacity: desired,
      action: 'scale-in',
      step: desired - currentDesired,
      reason: `CapacityProviderReservation ${pct(reservation)} < target ${target}% for ${low} minutes: ${needed} instance(s) needed, ${running} running; DesiredCapacity ${currentDesired} → ${desired}.`,
    };
  }

  return stay(`CapacityProviderReservation ${pct(reservation)} matches target ${target}% (${needed} needed, ${running} running).`);
}
