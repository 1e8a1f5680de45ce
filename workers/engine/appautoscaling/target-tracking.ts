/**
 * Target tracking for an ECS service: the capacity one policy asks for, and how several policies on
 * the same scalable target combine.
 *
 * Sources: Application Auto Scaling User Guide "Target tracking scaling policies"
 * (application-auto-scaling-target-tracking): "scales out proportionally to the metric as fast as it
 * can, but scales in more gradually"; "always acts conservatively by rounding up or down when it
 * determines how much capacity to add or remove"; "does not perform scaling when the specified
 * metric has insufficient data … does not interpret insufficient data as low utilization"; "It will
 * scale out … if any of the target tracking policies are ready for scale out, but will scale in only
 * if all of the target tracking policies (with the scale-in portion enabled) are ready to scale in";
 * "scales based on the policy that provides the largest capacity for both scale in and scale out".
 *
 * Why not autoscaling/scaling-policies.ts targetTrackingDesired (EC2 Auto Scaling): Application Auto
 * Scaling differs in what it must report — no data means no scaling here (the EC2 helper requires
 * a metric), bounds are MinCapacity/MaxCapacity, and the policy-combination rules are its own.
 * The proportional arithmetic itself is the same model: UNCONFIRMED in detail, AWS publishes only
 * the intent. Rounding the capacity up is the conservative rounding for both directions: on scale-out
 * it adds enough, on scale-in it removes the smaller whole number (the change rounded toward zero).
 * The "more gradual" scale-in comes from the low alarm (15 one-minute datapoints) and the scale-in
 * cooldown, not from this arithmetic.
 */
import { clampCapacity, type CapacityBounds, type Clamped } from './capacity.ts';

export interface TargetTrackingInput extends CapacityBounds {
  /** The capacity the metric was measured at (the service's running tasks). */
  current: number;
  /** The tracked metric (e.g. average CPU percent); undefined or NaN = insufficient data. */
  metric: number | undefined;
  /** TargetValue of the policy. */
  target: number;
  disableScaleIn?: boolean;
}

export type TargetTrackingReason = 'insufficient-data' | 'proportional' | 'scale-in-disabled' | 'start-from-zero';

export interface TargetTrackingResult extends Clamped {
  direction: 'out' | 'in' | 'none';
  reason: TargetTrackingReason;
  /** The proportional capacity before scale-in was refused or the bounds applied. */
  proposed?: number;
}

/** 3 × 70 / 70 must be 3, not 3.0000000000000004 → ceil 4. */
const settle = (value: number): number => Math.round(value * 1e9) / 1e9;

/** The capacity one target tracking policy asks for. */
export function targetTrackingDesired(input: TargetTrackingInput): TargetTrackingResult {
  const { current, metric, target } = input;
  if (metric === undefined || !Number.isFinite(metric) || !(target > 0)) return result(input, current, current, 'insufficient-data', undefined);
  if (current === 0) {
    // Sandbox (UNCONFIRMED): from zero tasks there is no proportion to apply; any load starts one task.
    if (metric <= 0) return result(input, current, current, 'proportional', 0);
    return result(input, current, 1, 'start-from-zero', 1);
  }
  const proposed = Math.ceil(settle((current * metric) / target));
  if (proposed < current && input.disableScaleIn) return result(input, current, current, 'scale-in-disabled', proposed);
  return result(input, current, proposed, 'proportional', proposed);
}

/**
 * `capacity` clamped to the bounds, with its direction from `current` — built field by field (no
 * object spreads: the minute tick asks every policy whose alarm is in ALARM, every minute).
 */
function result(bounds: CapacityBounds, current: number, capacity: number, reason: TargetTrackingReason, proposed: number | undefined): TargetTrackingResult {
  const clamped = clampCapacity(bounds, capacity);
  const out: TargetTrackingResult = { desired: clamped.desired, unclamped: clamped.unclamped, direction: direction(current, clamped.desired), reason };
  if (clamped.clampedBy !== undefined) out.clampedBy = clamped.clampedBy;
  if (proposed !== undefined) out.proposed = proposed;
  return out;
}

function direction(from: number, to: number): 'out' | 'in' | 'none' {
  return to > from ? 'out' : to < from ? 'in' : 'none';
}

export interface PolicyProposal {
  policyName: string;
  /** The policy's capacity; undefined when its metric has insufficient data. */
  desired: number | undefined;
  /** False when the policy has DisableScaleIn. */
  scaleInEnabled: boolean;
}

export interface Combined {
  desired: number;
  direction: 'out' | 'in' | 'none';
  /** The policy whose capacity won (largest); undefined when nothing changes. */
  policyName?: string;
  /** Why scale-in did not happen, for the activity log. */
  heldBy?: { policyName: string; why: 'insufficient-data' | 'not-ready-to-scale-in' };
}

/**
 * Several target tracking policies on one scalable target: out if ANY asks for more than the
 * current desired capacity; in only if ALL policies with scale-in enabled ask for less; the largest
 * capacity wins either way.
 */
export function combineTargetTracking(currentDesired: number, proposals: readonly PolicyProposal[]): Combined {
  let out: PolicyProposal | undefined;
  for (const p of proposals) {
    if (p.desired !== undefined && p.desired > currentDesired && (out === undefined || p.desired > (out.desired as number))) out = p;
  }
  if (out) return { desired: out.desired as number, direction: 'out', policyName: out.policyName };

  const voters = proposals.filter((p) => p.scaleInEnabled);
  if (voters.length === 0) return { desired: currentDesired, direction: 'none' };
  let largest: PolicyProposal | undefined;
  for (const p of voters) {
    if (p.desired === undefined) return { desired: currentDesired, direction: 'none', heldBy: { policyName: p.policyName, why: 'insufficient-data' } };
    if (p.desired >= currentDesired) return { desired: currentDesired, direction: 'none', heldBy: { policyName: p.policyName, why: 'not-ready-to-scale-in' } };
    if (largest === undefined || p.desired > (largest.desired as number)) largest = p;
  }
  return { desired: largest!.desired as number, direction: 'in', policyName: largest!.policyName };
}
