/**
 * The arithmetic of an ECS rolling update (ecs-reference §5), as pure functions the service
 * scheduler calls on every step of a deployment:
 *   - minimumHealthyPercent is rounded UP:  minHealthy = ceil(desired × min / 100);
 *   - maximumPercent is rounded DOWN:       maxTasks   = floor(desired × max / 100), counting tasks
 *     that are PENDING, RUNNING or STOPPING (the Developer Guide's wording);
 *   - the circuit breaker's failure threshold is clamp(ceil(0.5 × desired), 10, 200).
 * The step decides how many new tasks may start and how many old ones may stop now, and says so
 * when neither is possible — the case where ECS reports that it "was unable to stop or start tasks
 * during a deployment because of the service deployment configuration".
 */

export function minimumHealthyTasks(desiredCount: number, minimumHealthyPercent: number): number {
  return Math.ceil((desiredCount * minimumHealthyPercent) / 100);
}

export function maximumTasks(desiredCount: number, maximumPercent: number): number {
  return Math.floor((desiredCount * maximumPercent) / 100);
}

/** The deployment circuit breaker's threshold of failed tasks (ecs-reference §5). */
export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(10, Math.ceil(0.5 * desiredCount)));
}

/** Where a deployment stands: tasks of the new (PRIMARY) deployment and of the old (ACTIVE) ones. */
export interface RolloutCounts {
  desiredCount: number;
  minimumHealthyPercent: number;
  maximumPercent: number;
  /** New tasks PENDING or RUNNING (not stopping). */
  newTasks: number;
  /** New tasks that count as healthy (RUNNING and healthy, see the scheduler's health rule). */
  newHealthy: number;
  /** Old tasks PENDING or RUNNING (not stopping). */
  oldTasks: number;
  /** Old tasks that count as healthy. */
  oldHealthy: number;
  /** Tasks of any deployment already STOPPING (they still count toward maximumPercent). */
  stopping: number;
}

export type RolloutStep =
  | { kind: 'done' }
  | { kind: 'act'; start: number; stop: number }
  /** Tasks are still starting or stopping: wait for them, nothing to do now. */
  | { kind: 'wait' }
  /** Neither a start nor a stop is allowed, and nothing in flight will change that. */
  | { kind: 'stuck'; minHealthy: number; maxTasks: number };

export function rolloutStep(c: RolloutCounts): RolloutStep {
  if (c.oldTasks === 0 && c.newTasks === c.desiredCount && c.stopping === 0) return { kind: 'done' };
  const minHealthy = minimumHealthyTasks(c.desiredCount, c.minimumHealthyPercent);
  const maxTasks = maximumTasks(c.desiredCount, c.maximumPercent);
  const inFlight = c.newTasks + c.oldTasks + c.stopping;
  // Start new tasks up to desiredCount, without passing maximumPercent.
  const start = Math.max(0, Math.min(c.desiredCount - c.newTasks, maxTasks - inFlight));
  // Stop old tasks while the healthy ones left stay at or above minimumHealthyPercent (the new
  // tasks being started do not count until they are healthy).
  const stop = Math.max(0, Math.min(c.oldTasks, c.oldHealthy + c.newHealthy - minHealthy));
  if (start > 0 || stop > 0) return { kind: 'act', start, stop };
  const starting = c.newTasks - c.newHealthy;
  if (starting > 0 || c.stopping > 0 || c.oldTasks - c.oldHealthy > 0) return { kind: 'wait' };
  return { kind: 'stuck', minHealthy, maxTasks };
}
