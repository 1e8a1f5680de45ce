/**
 * How the task lifecycle reaches load balancers. Only service tasks have load balancers, and the
 * code that registers them (task-load-balancers.ts, with elb/health.ts behind it) loads with the
 * service scheduler, outside the worker's first chunk; it fills this hook when it loads. A task with
 * load balancers cannot exist before that, so an empty hook means "nothing registered".
 */
import type { EngineContext } from '../context.ts';
import type { TaskRecord } from '../state.ts';

export interface TaskLoadBalancing {
  registered(record: TaskRecord): boolean;
  register(ctx: EngineContext, record: TaskRecord): void;
  /** Deregister the task's targets; how long their drain lasts (ms). */
  deregister(ctx: EngineContext, record: TaskRecord): number;
}

let hook: TaskLoadBalancing | undefined;

/** Filled by task-load-balancers.ts when it loads: the same functions for every engine. */
export function provideTaskLoadBalancing(value: TaskLoadBalancing): void {
  hook = value;
}

export const hasLoadBalancers = (record: TaskRecord): boolean => (record.loadBalancers?.length ?? 0) > 0;
export const hasRegisteredTargets = (record: TaskRecord): boolean => hook !== undefined && hook.registered(record);
export const registerTaskTargets = (ctx: EngineContext, record: TaskRecord): void => hook?.register(ctx, record);
export const deregisterTaskTargets = (ctx: EngineContext, record: TaskRecord): number => hook?.deregister(ctx, record) ?? 0;
