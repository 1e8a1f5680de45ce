/**
 * The scalable target's capacity bounds for an ECS service (ScalableDimension ecs:service:DesiredCount)
 * and the clamp every Application Auto Scaling change goes through.
 *
 * Source: Application Auto Scaling User Guide (services-that-can-integrate-ecs, step and target
 * tracking pages): policies and schedules change the service's desired count, never outside
 * [MinCapacity, MaxCapacity]. ecs-reference §8.
 */

/** Default scale-out / scale-in cooldown (target tracking) and Cooldown (step scaling) for ECS services, in seconds. */
export const DEFAULT_COOLDOWN_SECONDS = 300;

export interface CapacityBounds {
  /** MinCapacity of the scalable target. */
  min: number;
  /** MaxCapacity of the scalable target. */
  max: number;
}

export interface Clamped {
  desired: number;
  /** The capacity before clamping to [min, max]. */
  unclamped: number;
  clampedBy?: 'MinCapacity' | 'MaxCapacity';
}

export function clampCapacity(bounds: CapacityBounds, unclamped: number): Clamped {
  if (unclamped > bounds.max) return { desired: bounds.max, unclamped, clampedBy: 'MaxCapacity' };
  if (unclamped < bounds.min) return { desired: bounds.min, unclamped, clampedBy: 'MinCapacity' };
  return { desired: unclamped, unclamped };
}

/** The resource id of an ECS service as Application Auto Scaling names it. */
export const ecsServiceResourceId = (cluster: string, service: string): string => `service/${cluster}/${service}`;
