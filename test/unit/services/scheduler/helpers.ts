// Shared helpers for the service scheduler tests: an EngineContext whose event log keeps the
// EventBridge drafts, a cluster `demo` with EC2 instances, services created with ecs:CreateService,
// and readers for service events, tasks and deployments.
import { VirtualClock } from '../../../../workers/engine/clock.ts';
import { COMMANDS } from '../../../../workers/engine/commands/index.ts';
import type { EngineContext } from '../../../../workers/engine/context.ts';
import type { EventBridgeDraft } from '../../../../workers/engine/events/eventbridge.ts';
import { startTaskMachine } from '../../../../workers/engine/machines/task-lifecycle.ts';
import { Prng } from '../../../../workers/engine/prng.ts';
import { findService, type ServiceRecord } from '../../../../workers/engine/services/model.ts';
import { emptyState, type TaskRecord } from '../../../../workers/engine/state.ts';
import { startTimings, stopTimings } from '../../../../workers/engine/timing-draws.ts';

export interface LogLine {
  time: number;
  kind: string;
  message: string;
  eventBridge?: EventBridgeDraft;
}

export interface SchedulerContext extends EngineContext {
  log: LogLine[];
  call(action: keyof typeof COMMANDS, request: unknown): any;
  attempt(action: keyof typeof COMMANDS, request: unknown): ReturnType<(typeof COMMANDS)[keyof typeof COMMANDS]>;
  advance(ms: number): void;
}

export function schedulerContext(seed = 1): SchedulerContext {
  const log: LogLine[] = [];
  const ctx: SchedulerContext = {
    state: emptyState(seed),
    clock: new VirtualClock(),
    prng: new Prng(seed),
    log,
    emit(kind, message, _arn, _placement, eventBridge) {
      log.push({ time: ctx.clock.now, kind, message, ...(eventBridge === undefined ? {} : { eventBridge }) });
    },
    launchTask(record) {
      startTaskMachine(ctx, record, startTimings(ctx.prng));
    },
    requestStop(record) {
      const started = record.task.containers.some((container) => container.lastStatus === 'RUNNING');
      record.handle?.stop(stopTimings(ctx.prng, record.taskDefinition, started));
    },
    call(action, request) {
      const result = COMMANDS[action](ctx, request);
      if (!result.ok) throw new Error(`${action}: ${result.error.code}: ${result.error.message}`);
      return result.response;
    },
    attempt(action, request) {
      return COMMANDS[action](ctx, request);
    },
    advance(ms) {
      ctx.clock.advance(ms);
    },
  };
  return ctx;
}

export const WEB = (image = 'web:v1', cpu = 256, memory = 256, extra: Record<string, unknown> = {}) => ({
  family: 'web',
  containerDefinitions: [{ name: 'web', image, cpu, memory, portMappings: [{ containerPort: 80, hostPort: 0 }], ...extra }],
});

/** Cluster `demo` with `count` instances (over three AZs), web:1 registered. */
export function demoCluster(seed = 1, count = 3, instanceType = 'm5.large'): SchedulerContext {
  const ctx = schedulerContext(seed);
  ctx.call('ecs:CreateCluster', { clusterName: 'demo' });
  ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType, count });
  ctx.call('ecs:RegisterTaskDefinition', WEB());
  return ctx;
}

export function createService(ctx: SchedulerContext, request: Record<string, unknown>): ServiceRecord {
  ctx.call('ecs:CreateService', { cluster: 'demo', serviceName: 'api', taskDefinition: 'web', desiredCount: 2, ...request });
  return service(ctx, String(request.serviceName ?? 'api'));
}

export function service(ctx: SchedulerContext, name = 'api'): ServiceRecord {
  const found = findService(ctx.state, 'demo', name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
}

/** The service's tasks that are not STOPPED, in creation order. */
export function liveTasks(ctx: SchedulerContext, svc: ServiceRecord): TaskRecord[] {
  return [...ctx.state.tasks.values()].filter((r) => r.serviceArn === svc.arn && r.task.lastStatus !== 'STOPPED' && r.task.desiredStatus === 'RUNNING');
}

export function runningOf(ctx: SchedulerContext, svc: ServiceRecord, deploymentId?: string): TaskRecord[] {
  return liveTasks(ctx, svc).filter((r) => r.task.lastStatus === 'RUNNING' && (deploymentId === undefined || r.deploymentId === deploymentId));
}

/** Service events oldest first (DescribeServices lists them newest first). */
export function eventsOf(svc: ServiceRecord): string[] {
  return svc.events.map((e) => e.message).reverse();
}
