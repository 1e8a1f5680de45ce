/**
 * Cooldowns of Application Auto Scaling dynamic policies (target tracking ScaleOutCooldown /
 * ScaleInCooldown, step scaling Cooldown; all 300 s by default for ECS services).
 *
 * Sources: Application Auto Scaling User Guide, "Cooldown period" sections of the target tracking
 * and step scaling pages:
 * - Scale-out cooldown: "capacity added by the initiating scale-out event is calculated as part of
 *   the desired capacity for the next scale-out event" — a further scale-out acts only if it asks for
 *   MORE than the capacity already set (step scaling: +2 then a +3 step adds only 1).
 * - Scale-in cooldown: "used to block subsequent scale-in events until it has expired … However, if
 *   another alarm triggers a scale-out policy during the cooldown period after a scale-in event,
 *   Application Auto Scaling scales out your scalable target immediately" — a scale-out is never
 *   blocked by it, and (sandbox reading) ends it.
 * - Scheduled actions ignore cooldowns (scheduled.ts takes no cooldown input).
 * Why not autoscaling/scaling-policies.ts inCooldown: EC2 simple scaling has one cooldown that
 * blocks everything; Application Auto Scaling's are asymmetric as above.
 * AWS starts a cooldown when the scaling activity completes; the sandbox starts it when the desired
 * count is set (ECS accepts the new desired count at once) — UNCONFIRMED simplification.
 */
import { DEFAULT_COOLDOWN_SECONDS } from './capacity.ts';

export interface ScalingHistory {
  lastScaleOut?: { atMs: number; cooldownSeconds: number; /** Desired capacity before that scale-out. */ capacityBefore: number };
  lastScaleIn?: { atMs: number; cooldownSeconds: number };
}

const ends = (at: { atMs: number; cooldownSeconds: number }): number => at.atMs + at.cooldownSeconds * 1000;

export function inScaleOutCooldown(history: ScalingHistory, nowMs: number): boolean {
  return history.lastScaleOut !== undefined && nowMs < ends(history.lastScaleOut);
}

/** In the scale-in cooldown, unless a scale-out happened since the scale-in. */
export function inScaleInCooldown(history: ScalingHistory, nowMs: number): boolean {
  const scaleIn = history.lastScaleIn;
  if (scaleIn === undefined || nowMs >= ends(scaleIn)) return false;
  return !(history.lastScaleOut !== undefined && history.lastScaleOut.atMs >= scaleIn.atMs);
}

export function scaleInCooldownRemainingMs(history: ScalingHistory, nowMs: number): number {
  return inScaleInCooldown(history, nowMs) ? ends(history.lastScaleIn!) - nowMs : 0;
}

export type CooldownDecision =
  | { act: true; desired: number; direction: 'out' | 'in'; duringScaleOutCooldown: boolean }
  | { act: false; desired: number; why: 'no-change' | 'scale-in-cooldown' | 'covered-by-scale-out-cooldown'; remainingMs?: number };

/**
 * Whether a proposed desired capacity (already clamped) may be applied now. A proposal no larger
 * than the current desired capacity during a scale-out cooldown is "covered" (the capacity in flight
 * counts); a smaller one during the scale-in cooldown waits.
 */
export function applyCooldowns(currentDesired: number, proposed: number, history: ScalingHistory, nowMs: number): CooldownDecision {
  const outCooldown = inScaleOutCooldown(history, nowMs);
  if (proposed > currentDesired) return { act: true, desired: proposed, direction: 'out', duringScaleOutCooldown: outCooldown };
  if (proposed === currentDesired) {
    return { act: false, desired: currentDesired, why: outCooldown ? 'covered-by-scale-out-cooldown' : 'no-change' };
  }
  if (inScaleInCooldown(history, nowMs)) {
    return { act: false, desired: currentDesired, why: 'scale-in-cooldown', remainingMs: scaleInCooldownRemainingMs(history, nowMs) };
  }
  return { act: true, desired: proposed, direction: 'in', duringScaleOutCooldown: outCooldown };
}

/** The history after a scaling activity from `from` to `to` at `atMs` with the policy's cooldown. */
export function recordScaling(history: ScalingHistory, from: number, to: number, atMs: number, cooldownSeconds = DEFAULT_COOLDOWN_SECONDS): ScalingHistory {
  if (to > from) {
    // A scale-out inside a running scale-out cooldown keeps the capacity the first one started from.
    const capacityBefore = inScaleOutCooldown(history, atMs) ? history.lastScaleOut!.capacityBefore : from;
    return { ...history, lastScaleOut: { atMs, cooldownSeconds, capacityBefore } };
  }
  if (to < from) return { ...history, lastScaleIn: { atMs, cooldownSeconds } };
  return history;
}
