/**
 * Telling the service scheduler that a cluster's instances changed (registered, DRAINING, ACTIVE
 * again), so DAEMON services place on new instances and blocked placements retry at once instead
 * of at the scheduler's next look. The commands that change instances are in the worker's first
 * chunk and the scheduler is not (it loads with CreateService), so they meet through this hook,
 * which the scheduler fills when it loads: services can only exist once it has.
 */
import type { EngineContext } from '../context.ts';

type ClusterListener = (ctx: EngineContext, clusterName: string) => void;

let listener: ClusterListener | undefined;

/** Called by services/scheduler.ts when it loads; the same function for every engine. */
export function provideClusterListener(value: ClusterListener): void {
  listener = value;
}

export function clusterInstancesChanged(ctx: EngineContext, clusterName: string): void {
  if (ctx.state.services !== undefined && ctx.state.services.size > 0) listener?.(ctx, clusterName);
}
