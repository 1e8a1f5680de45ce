/**
 * What a scheduled action does to an ECS service's scalable target when it fires.
 *
 * Source: Application Auto Scaling User Guide "Scheduled scaling" (application-auto-scaling-
 * scheduled-scaling): at the scheduled time the target's MinCapacity and/or MaxCapacity are
 * replaced; "if the value specified for MinCapacity is above the current capacity, Application Auto
 * Scaling scales out to MinCapacity. If the value specified for MaxCapacity is below the current
 * capacity, Application Auto Scaling scales in to MaxCapacity." Scheduled actions ignore cooldowns (step scaling page,
 * ecs-reference §8) — so this takes no cooldown input — and are skipped while the target's
 * ScheduledScalingSuspended is set (suspend-resume page).
 */
import type { CapacityBounds } from './capacity.ts';

export interface ScheduledActionInput extends CapacityBounds {
  /** The scalable target's current desired capacity. */
  desired: number;
  newMin?: number;
  newMax?: number;
  scheduledScalingSuspended?: boolean;
}

export type ScheduledActionResult =
  | { ok: true; min: number; max: number; desired: number; changed: 'raised-to-min' | 'lowered-to-max' | 'bounds-only' | 'suspended' }
  | { ok: false; message: string };

export function scheduledActionEffect(input: ScheduledActionInput): ScheduledActionResult {
  if (input.scheduledScalingSuspended) return { ok: true, min: input.min, max: input.max, desired: input.desired, changed: 'suspended' };
  const min = input.newMin ?? input.min;
  const max = input.newMax ?? input.max;
  for (const [name, value] of [['MinCapacity', min], ['MaxCapacity', max]] as const) {
    if (!Number.isInteger(value) || value < 0) return { ok: false, message: `${name} must be a whole number ≥ 0, got ${String(value)}` };
  }
  if (min > max) {
    // UNCONFIRMED wording; AWS refuses a scheduled action whose minimum exceeds its maximum.
    return { ok: false, message: `Minimum capacity cannot be greater than maximum capacity: MinCapacity ${min}, MaxCapacity ${max}` };
  }
  if (input.desired < min) return { ok: true, min, max, desired: min, changed: 'raised-to-min' };
  if (input.desired > max) return { ok: true, min, max, desired: max, changed: 'lowered-to-max' };
  return { ok: true, min, max, desired: input.desired, changed: 'bounds-only' };
}
