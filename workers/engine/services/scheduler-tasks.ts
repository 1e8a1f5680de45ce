/**
 * How the scheduler sees one task of a service on a pass: live (desired RUNNING) or stopping,
 * pending or running, on a DRAINING instance or not, healthy for its deployment, or unhealthy and
 * due for replacement. The health rule (ecs-reference §5, CFN DeploymentConfiguration notes):
 *   - with a load balancer: healthy in every target group (elb/task-targets.ts), and HEALTHY by its
 *     container health checks if it has any;
 *   - without, with container health checks: task healthStatus HEALTHY;
 *   - without either: RUNNING for 40 seconds.
 * healthCheckGracePeriodSeconds: for that long after RUNNING, unhealthiness is ignored (the task is
 * neither counted healthy nor replaced).
 */
import type { ServiceLoadBalancer } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { loadBalancerHealthOf, taskLoadBalancerHealth } from '../elb/task-targets.ts';
import { instanceOfTask, type TaskRecord } from '../state.ts';
import type { ServiceRecord } from './model.ts';

/** A task without load balancer or container health check counts as healthy this long after RUNNING. */
export const RUNNING_HEALTHY_MS = 40_000;

/**
 * How long after its target turns unhealthy the scheduler replaces a task. ECS learns target health
 * from Elastic Load Balancing rather than at the same instant, so on AWS a target is seen
 * `unhealthy` for a while before its task is stopped; AWS documents no figure — the sandbox's choice,
 * kept here — so a learner can see the unhealthy target and its reason before it drains.
 */
export const ELB_NOTICE_MS = 15_000;

export interface TaskView {
  record: TaskRecord;
  running: boolean;
  /** Its container instance is DRAINING (EC2). */
  draining: boolean;
  healthy: boolean;
  /** Why it must be replaced now, if it must. */
  unhealthy?: { kind: 'elb'; lb: ServiceLoadBalancer } | { kind: 'container' };
}

/** When a task may next change verdict by time alone (the 40 s rule or the grace period's end). */
export interface ViewTiming {
  wakeMs: number;
}

export function viewTask(ctx: EngineContext, service: ServiceRecord, record: TaskRecord, timing: ViewTiming): TaskView {
  const task = record.task;
  const running = task.lastStatus === 'RUNNING';
  const instance = instanceOfTask(ctx.state, record);
  const view: TaskView = { record, running, draining: instance?.status === 'DRAINING', healthy: false };
  if (!running) return view;
  const now = ctx.clock.now;
  const startedMs = record.startedMs ?? now;
  const graceEnd = startedMs + (service.healthCheckGracePeriodSeconds ?? 0) * 1000;
  const inGrace = now < graceEnd;
  const hasChecks = record.health !== undefined;
  const containerUnhealthy = hasChecks && task.healthStatus === 'UNHEALTHY';
  const lb = taskLoadBalancerHealth(ctx.state, record);
  if (lb === 'none') {
    if (hasChecks) view.healthy = task.healthStatus === 'HEALTHY';
    else if (now >= startedMs + RUNNING_HEALTHY_MS) view.healthy = true;
    else timing.wakeMs = Math.min(timing.wakeMs, startedMs + RUNNING_HEALTHY_MS);
  } else {
    view.healthy = lb === 'healthy' && (!hasChecks || task.healthStatus === 'HEALTHY');
  }
  if (lb === 'unhealthy' || containerUnhealthy) {
    if (inGrace) timing.wakeMs = Math.min(timing.wakeMs, graceEnd);
    else if (lb === 'unhealthy') {
      // The observer notes when the target flipped; a flip it did not hear of counts from now.
      const since = (service.scheduler.elbUnhealthySince ??= new Map());
      if (!since.has(task.taskArn)) since.set(task.taskArn, now);
      const noticed = since.get(task.taskArn)! + ELB_NOTICE_MS;
      if (now < noticed) timing.wakeMs = Math.min(timing.wakeMs, noticed);
      else view.unhealthy = { kind: 'elb', lb: unhealthyMapping(ctx, record) };
    }
    else view.unhealthy = { kind: 'container' };
  }
  return view;
}

/** The first load balancer mapping in which the task is unhealthy (for the stop reason and the event). */
function unhealthyMapping(ctx: EngineContext, record: TaskRecord): ServiceLoadBalancer {
  const lbs = record.loadBalancers ?? [];
  for (const lb of lbs) {
    if (loadBalancerHealthOf(ctx.state, record, lb) === 'unhealthy') return lb;
  }
  return lbs[0]!;
}

/** Stop a task as the service scheduler does: desiredStatus STOPPED, stopCode ServiceSchedulerInitiated. */
export function stopServiceTask(ctx: EngineContext, record: TaskRecord, reason: string): void {
  const task = record.task;
  if (task.desiredStatus === 'STOPPED') return;
  task.desiredStatus = 'STOPPED';
  task.stopCode = 'ServiceSchedulerInitiated';
  task.stoppedReason = reason;
  task.version += 1;
  ctx.requestStop(record);
}
