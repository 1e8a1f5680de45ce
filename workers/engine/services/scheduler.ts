/**
 * The ECS service scheduler on the virtual clock. Event-driven: kickService (from the service API
 * and from the tasks' lifecycle observer: running, stopped, health changes, target health,
 * registrations) asks for ONE reconcile pass of the service at the current time; several kicks in
 * the same instant coalesce into that one pass. A pass costs O(tasks of the service) and, besides
 * the kicks, runs only when something is due by time alone: a new task's 40 s mark, the end of a
 * grace period or of a back-off, the 6-hourly steady-state note. A look at the cluster's container
 * instances every WATCH_MS (instances added or set DRAINING, which no observer reports) costs
 * O(instances) and starts a pass only when they changed.
 *
 * A pass (runPass):
 *   1. sees each task of each deployment (scheduler-tasks.ts): live or stopping, healthy, unhealthy;
 *   2. replaces tasks that failed ELB or container health checks (after the grace period) and
 *      stops PENDING tasks on DRAINING instances;
 *   3. REPLICA (scheduler-replica.ts): keeps desiredCount, scales in per strategy, rolls the
 *      PRIMARY deployment forward within minimumHealthyPercent / maximumPercent
 *      (deployment-math.ts); DAEMON (daemon.ts): one task per ACTIVE instance;
 *   4. applies the circuit breaker (circuit-breaker.ts) and crash-loop throttling (throttle.ts);
 *   5. writes the service events (messages.ts) and EventBridge events (scheduler-events.ts):
 *      started / stopped tasks, deployment completed, steady state.
 * DeleteService's DRAINING service has its tasks stopped, then goes INACTIVE.
 */
import { provideClusterListener } from './cluster-changes.ts';
import type { EngineContext } from '../context.ts';
import type { TaskLifecycleObserver, TaskRecord } from '../state.ts';
import { breakerTripped, failDeployment } from './circuit-breaker.ts';
import { daemonPass } from './daemon.ts';
import { ROLLOUT_REASONS, SERVICE_MESSAGES, STOP_REASONS } from './messages.ts';
import { addServiceEvent, primaryOf, type DeploymentRecord, type ServiceRecord } from './model.ts';
import { clearReport, emitDeploymentChange, REPEAT_AFTER_MS, reportOnce, serviceAction } from './scheduler-events.ts';
import { replicaPass } from './scheduler-replica.ts';
import { stopInPass, type PassState } from './scheduler-pass.ts';
import { viewTask, type TaskView } from './scheduler-tasks.ts';
import { backoffAfter, IMPAIRED_AFTER } from './throttle.ts';

/** How often the scheduler looks at the cluster's container instances (added, DRAINING). */
export const WATCH_MS = 15_000;
/** At most one pass of a service per this much virtual time (kicks in between coalesce). */
export const PASS_GAP_MS = 2_000;

/** Tasks that counted as healthy at some pass: a task stopping without ever being healthy failed to start. */
const everHealthy = new WeakSet<TaskRecord>();

/**
 * Ask for a reconcile pass of `service` now (coalesced with any pass already due now). The API
 * layer's call (CreateService, UpdateService, DeleteService): the learner's change is acted on at
 * once, whatever the pass gap.
 */
export function kickService(ctx: EngineContext, service: ServiceRecord): void {
  if (service.status === 'INACTIVE') return;
  schedulePass(ctx, service, ctx.clock.now, false);
  ensureWatch(ctx, service);
}

/**
 * Something changed in a cluster that no task observer reports (instances registered, set DRAINING
 * or ACTIVE, attributes changed): every service of the cluster gets a pass now, instead of at its
 * next look (WATCH_MS). For the commands that change instances.
 */
export function kickCluster(ctx: EngineContext, clusterName: string): void {
  for (const service of ctx.state.services?.values() ?? []) {
    if (service.clusterName !== clusterName || service.status === 'INACTIVE') continue;
    delete service.scheduler.placementRetryMs;
    service.scheduler.daemonRefused?.clear();
    kickService(ctx, service);
  }
}

// Instance changes reach kickCluster through services/cluster-changes.ts (the commands that make them load first).
provideClusterListener('services', kickCluster);

/** The tasks' observer asks for a pass: at most one per PASS_GAP_MS, so a burst of task changes is one pass. */
function nudge(ctx: EngineContext, service: ServiceRecord): void {
  if (service.status === 'INACTIVE') return;
  schedulePass(ctx, service, ctx.clock.now);
}

/**
 * Schedule the next pass at `atMs`, but no sooner than PASS_GAP_MS after the previous one: the
 * changes of a busy moment (a thousand tasks reaching RUNNING or STOPPED a few ms apart) are
 * handled together, so a deployment of N tasks costs O(duration / gap) passes rather than O(N).
 */
function schedulePass(ctx: EngineContext, service: ServiceRecord, atMs: number, gap = true): void {
  const b = service.scheduler;
  const due = Math.max(atMs, ctx.clock.now, !gap || b.lastPassMs === undefined ? -Infinity : b.lastPassMs + PASS_GAP_MS);
  if (b.passTimer !== undefined) {
    if ((b.passAtMs ?? Infinity) <= due) return;
    ctx.clock.cancel(b.passTimer);
  }
  b.passAtMs = due;
  b.passTimer = ctx.clock.schedule(due, () => {
    delete b.passTimer;
    delete b.passAtMs;
    b.lastPassMs = ctx.clock.now;
    runPass(ctx, service);
  });
}

/**
 * A cheap fingerprint of the cluster's container instances: which exist, their status, their
 * attributes. Every service of a cluster looks at the same instants (a grid of WATCH_MS), so the
 * fingerprint is computed once per cluster per look, however many services it has.
 */
const lookCache = new WeakMap<object, Map<string, { atMs: number; key: number }>>();

function clusterKey(ctx: EngineContext, service: ServiceRecord): number {
  let byCluster = lookCache.get(ctx.state);
  if (byCluster === undefined) lookCache.set(ctx.state, (byCluster = new Map()));
  const cached = byCluster.get(service.clusterName);
  if (cached !== undefined && cached.atMs === ctx.clock.now) return cached.key;
  let key = 17;
  for (const instance of ctx.state.instances.values()) {
    if (instance.clusterName !== service.clusterName) continue;
    const status = instance.status === 'ACTIVE' ? 1 : instance.status === 'DRAINING' ? 2 : 3;
    key = (Math.imul(key, 31) + instance.containerInstanceArn.length * 7 + status + instance.attributes.length * 131) | 0;
  }
  byCluster.set(service.clusterName, { atMs: ctx.clock.now, key });
  return key;
}

function clusterHasInstances(ctx: EngineContext, clusterName: string): boolean {
  for (const instance of ctx.state.instances.values()) if (instance.clusterName === clusterName) return true;
  return false;
}

/** The next instant of the look grid after now. */
const nextLook = (now: number): number => (Math.floor(now / WATCH_MS) + 1) * WATCH_MS;

/** What the cluster's instances hold (CPU, memory, ENIs, host ports): it falls when a task anywhere gives resources back. */
function usageKey(ctx: EngineContext, service: ServiceRecord): number {
  let key = 0;
  for (const instance of ctx.state.instances.values()) {
    if (instance.clusterName !== service.clusterName) continue;
    key = (Math.imul(key, 31) + instance.usedCpuUnits * 3 + instance.usedMemoryMiB * 5 + instance.enisUsed * 7 + instance.staticTcp.size * 11) | 0;
  }
  return key;
}

function ensureWatch(ctx: EngineContext, service: ServiceRecord): void {
  const b = service.scheduler;
  if (b.watchTimer !== undefined) return;
  b.clusterKey ??= clusterKey(ctx, service);
  const tick = (): void => {
    delete b.watchTimer;
    if (service.status === 'INACTIVE') return;
    const key = clusterKey(ctx, service);
    const blocked = b.placementRetryMs !== undefined || (b.daemonRefused?.size ?? 0) > 0;
    // While tasks wait for room, resources given back by any task of the cluster count as a change too.
    const usage = blocked ? usageKey(ctx, service) : undefined;
    if (key !== b.clusterKey || (usage !== undefined && usage !== b.usageKey)) {
      b.clusterKey = key;
      // The cluster changed: placement may succeed now, without waiting out its back-off.
      delete b.placementRetryMs;
      b.daemonRefused?.clear();
      schedulePass(ctx, service, ctx.clock.now);
    }
    if (usage !== undefined) b.usageKey = usage;
    else delete b.usageKey;
    // A cluster without container instances (Fargate only) has nothing to look at until one
    // registers, and every registration kicks its services (kickCluster), which starts the watch
    // again: no look every 15 s for nothing (806,400 timers in a week of 20 Fargate services).
    if (!clusterHasInstances(ctx, service.clusterName)) return;
    b.watchTimer = ctx.clock.schedule(nextLook(ctx.clock.now), tick);
  };
  b.watchTimer = ctx.clock.schedule(nextLook(ctx.clock.now), tick);
}

/** The observer every task of the service gets (one object per service). */
export function observerFor(ctx: EngineContext, service: ServiceRecord): TaskLifecycleObserver {
  service.scheduler.observer ??= {
    running: () => nudge(ctx, service),
    healthChanged: () => nudge(ctx, service),
    targetHealthChanged: (record, _lb, health) => {
      const since = (service.scheduler.elbUnhealthySince ??= new Map());
      if (health.state === 'unhealthy') {
        if (!since.has(record.task.taskArn)) since.set(record.task.taskArn, ctx.clock.now);
      } else since.delete(record.task.taskArn);
      nudge(ctx, service);
    },
    stopped: (record) => taskStopped(ctx, service, record),
    targetRegistered: (_record, lb) => {
      if (service.status === 'INACTIVE') return;
      const message = lb.targetGroupArn !== undefined
        ? SERVICE_MESSAGES.registeredTargets(service.name, 1, lb.targetGroupArn)
        : SERVICE_MESSAGES.registeredInstances(service.name, 1, lb.loadBalancerName ?? '');
      addServiceEvent(ctx, service, message);
    },
    targetDeregistered: (_record, lb) => {
      if (service.status === 'INACTIVE') return;
      const message = lb.targetGroupArn !== undefined
        ? SERVICE_MESSAGES.deregisteredTargets(service.name, 1, lb.targetGroupArn)
        : SERVICE_MESSAGES.deregisteredInstances(service.name, 1, lb.loadBalancerName ?? '');
      addServiceEvent(ctx, service, message);
    },
  };
  return service.scheduler.observer;
}

/**
 * A task of the service reached STOPPED. One that stopped on its own before RUNNING (PENDING →
 * STOPPED: image pull, secrets, logs) feeds crash-loop throttling — a task that exits right after
 * RUNNING does not (ECSDG service-throttle-logic: "Even if a task's container command immediately
 * exits with a non-zero exit code, the task has already moved to the RUNNING state"). Any task that
 * stopped on its own without ever counting as healthy is a failed task of its deployment (circuit
 * breaker, stage 1).
 */
function taskStopped(ctx: EngineContext, service: ServiceRecord, record: TaskRecord): void {
  const deployment = service.deployments.find((d) => d.id === record.deploymentId);
  deployment?.taskArns.delete(record.task.taskArn);
  const b0 = service.scheduler;
  b0.elbUnhealthySince?.delete(record.task.taskArn);
  if (b0.draining?.delete(record.task.taskArn) === true) (b0.drained ??= []).push(record.task.taskArn);
  // Its resources are free again: a placement that failed may succeed now.
  delete b0.placementRetryMs;
  // Resources came back: an instance that refused a daemon task may take it now.
  service.scheduler.daemonRefused?.clear();
  const code = record.task.stopCode;
  if (code !== 'ServiceSchedulerInitiated' && code !== 'UserInitiated' && !everHealthy.has(record) && service.status === 'ACTIVE') {
    const b = service.scheduler;
    if (record.startedMs === undefined) {
      b.startFailures += 1;
      b.backoffUntilMs = ctx.clock.now + backoffAfter(b.startFailures);
      if (b.startFailures >= IMPAIRED_AFTER) {
        reportOnce(ctx, service, 'throttle', SERVICE_MESSAGES.unableToConsistentlyStart(service.name), serviceAction(ctx, service, 'SERVICE_TASK_START_IMPAIRED'));
      }
    }
    if (deployment !== undefined && deployment.status === 'PRIMARY' && deployment.rolloutState === 'IN_PROGRESS') {
      deployment.failedTasks += 1;
      deployment.updatedMs = ctx.clock.now;
    }
  }
  nudge(ctx, service);
}

export function runPass(ctx: EngineContext, service: ServiceRecord): void {
  if (service.status === 'INACTIVE') return;
  const b = service.scheduler;
  const now = ctx.clock.now;
  const primary = primaryOf(service);
  if (primary === undefined) return;
  if (b.throttleDeploymentId !== primary.id) {
    // A new deployment: crash-loop throttling starts over (ECSDG service-throttle-logic).
    b.throttleDeploymentId = primary.id;
    b.startFailures = 0;
    b.backoffUntilMs = 0;
    clearReport(service, 'throttle');
    clearReport(service, 'stuck');
  }
  announce(ctx, service, primary);
  const pass: PassState = {
    ctx,
    service,
    observer: observerFor(ctx, service),
    live: new Map(),
    stopping: 0,
    leaving: new Map(),
    wakeMs: Infinity,
    started: [],
    stoppedRunning: [],
    stoppedPending: 0,
    drainingConnections: 0,
    acted: false,
  };
  const timing = { wakeMs: Infinity };
  for (const deployment of service.deployments) {
    const views: TaskView[] = [];
    for (const arn of deployment.taskArns) {
      const record = ctx.state.tasks.get(arn);
      if (record === undefined || record.task.lastStatus === 'STOPPED') {
        deployment.taskArns.delete(arn);
        continue;
      }
      if (record.task.desiredStatus === 'STOPPED') {
        pass.stopping += 1;
        if (record.task.stopCode !== 'ServiceSchedulerInitiated') pass.leaving.set(deployment.id, (pass.leaving.get(deployment.id) ?? 0) + 1);
        continue;
      }
      const view = viewTask(ctx, service, record, timing);
      if (view.healthy && !everHealthy.has(record)) {
        everHealthy.add(record);
        b.startFailures = 0;
      }
      views.push(view);
    }
    pass.live.set(deployment.id, views);
  }
  pass.wakeMs = timing.wakeMs;

  if (service.status === 'DRAINING') {
    drainDeletedService(pass);
    return;
  }
  replaceUnhealthy(pass);
  if (service.schedulingStrategy === 'DAEMON') daemonPass(pass);
  else replicaPass(pass);
  flushTaskEvents(pass);

  const current = primaryOf(service);
  if (breakerTripped(service, current)) {
    const rollback = failDeployment(ctx, service, current);
    if (rollback !== undefined) schedulePass(ctx, service, now);
  }
  retireDeployments(service);
  settle(pass);
  if (b.backoffUntilMs > now) pass.wakeMs = Math.min(pass.wakeMs, b.backoffUntilMs);
  if (b.placementRetryMs !== undefined && b.placementRetryMs > now) pass.wakeMs = Math.min(pass.wakeMs, b.placementRetryMs);
  if (pass.wakeMs < Infinity) schedulePass(ctx, service, pass.wakeMs);
  ensureWatch(ctx, service);
}

/** The PRIMARY deployment's "in progress" state change, once. */
function announce(ctx: EngineContext, service: ServiceRecord, primary: DeploymentRecord): void {
  const announced = (service.scheduler.announced ??= new Set());
  if (announced.has(primary.id) || primary.rolloutState !== 'IN_PROGRESS') return;
  announced.add(primary.id);
  if (primary.rolloutStateReason === '') primary.rolloutStateReason = ROLLOUT_REASONS.inProgress(primary.id);
  emitDeploymentChange(ctx, service, primary, 'SERVICE_DEPLOYMENT_IN_PROGRESS');
}

/** Tasks that failed their health checks after the grace period are stopped and replaced (ecs-reference §4, §5). */
function replaceUnhealthy(pass: PassState): void {
  const { ctx, service } = pass;
  for (const deployment of service.deployments) {
    for (const view of [...(pass.live.get(deployment.id) ?? [])]) {
      const why = view.unhealthy;
      if (why === undefined) continue;
      const record = view.record;
      if (why.kind === 'container') {
        addServiceEvent(ctx, service, SERVICE_MESSAGES.failedContainerHealthChecks(service.name, record.task.taskArn));
        stopInPass(pass, view, STOP_REASONS.containerHealth());
      } else {
        addServiceEvent(ctx, service, unhealthyMessage(pass, record, why.lb));
        stopInPass(pass, view, STOP_REASONS.elbHealth(why.lb));
      }
      if (deployment.status === 'PRIMARY' && deployment.rolloutState === 'IN_PROGRESS') {
        deployment.failedTasks += 1;
        deployment.updatedMs = ctx.clock.now;
      }
    }
  }
}

function unhealthyMessage(pass: PassState, record: TaskRecord, lb: { targetGroupArn?: string; loadBalancerName?: string; containerName: string; containerPort: number }): string {
  const { ctx, service } = pass;
  const instance = record.instanceArn === undefined ? undefined : ctx.state.instances.get(record.instanceArn);
  if (lb.targetGroupArn === undefined) return SERVICE_MESSAGES.unhealthyInElb(service.name, instance?.ec2InstanceId ?? '', lb.loadBalancerName ?? '');
  const binding = record.eni === undefined ? record.ports.find((p) => p.containerName === lb.containerName && p.containerPort === lb.containerPort) : undefined;
  const port = binding?.hostPort ?? lb.containerPort;
  const tg = ctx.state.elb?.targetGroups.get(lb.targetGroupArn);
  let reason = 'Health checks failed';
  if (tg !== undefined) {
    const id = record.eni?.allocation.privateIPv4Address ?? instance?.ec2InstanceId ?? '';
    const target = tg.targets.get(`${id}:${port}`);
    if (target?.description !== undefined && target.description !== '') reason = target.description.replace(/\.$/, '');
  }
  const who = record.eni === undefined && instance !== undefined ? { instanceId: instance.ec2InstanceId } : { taskArn: record.task.taskArn };
  return SERVICE_MESSAGES.unhealthyInTargetGroup(service.name, who, port, lb.targetGroupArn, reason);
}

/** DeleteService: every task is stopped; the service is INACTIVE once none is left. */
function drainDeletedService(pass: PassState): void {
  const { service } = pass;
  for (const deployment of service.deployments) {
    for (const view of [...(pass.live.get(deployment.id) ?? [])]) stopInPass(pass, view, STOP_REASONS.scaling(deployment.id));
  }
  flushTaskEvents(pass);
  const left = service.deployments.some((d) => d.taskArns.size > 0);
  if (!left) {
    service.status = 'INACTIVE';
    const b = service.scheduler;
    if (b.watchTimer !== undefined) pass.ctx.clock.cancel(b.watchTimer);
    delete b.watchTimer;
  }
}

/**
 * Task ids per "has started" / "has stopped" event: the sandbox writes at most this many in one
 * event (ECS launches tasks in batches of up to 10, as RunTask does; its exact batching is not public).
 */
const TASKS_PER_EVENT = 10;

function batches(arns: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < arns.length; i += TASKS_PER_EVENT) out.push(arns.slice(i, i + TASKS_PER_EVENT));
  return out;
}

/** The pass's task events, batched as ECS writes them. */
function flushTaskEvents(pass: PassState): void {
  const { ctx, service } = pass;
  if (pass.stoppedPending > 0) addServiceEvent(ctx, service, SERVICE_MESSAGES.stoppedPending(service.name, pass.stoppedPending));
  if (pass.drainingConnections > 0) addServiceEvent(ctx, service, SERVICE_MESSAGES.drainingConnections(service.name, pass.drainingConnections));
  const drained = service.scheduler.drained;
  if (drained !== undefined && drained.length > 0) {
    pass.stoppedRunning.unshift(...drained);
    drained.length = 0;
  }
  for (const batch of batches(pass.stoppedRunning)) addServiceEvent(ctx, service, SERVICE_MESSAGES.stoppedRunning(service.name, batch));
  for (const batch of batches(pass.started)) addServiceEvent(ctx, service, SERVICE_MESSAGES.started(service.name, batch));
  pass.stoppedPending = 0;
  pass.drainingConnections = 0;
  pass.stoppedRunning = [];
  pass.started = [];
}

/** Older deployments without tasks left are INACTIVE and leave the list (DescribeServices shows PRIMARY and ACTIVE ones). */
function retireDeployments(service: ServiceRecord): void {
  for (let i = service.deployments.length - 1; i >= 1; i--) {
    const deployment = service.deployments[i]!;
    if (deployment.taskArns.size > 0) continue;
    deployment.status = 'INACTIVE';
    deployment.desiredCount = 0;
    service.deployments.splice(i, 1);
  }
}

/**
 * Deployment completed, then steady state: the PRIMARY runs its desired count, every task healthy,
 * no other deployment left and nothing stopping. The steady state note is written again every six
 * hours while it lasts (ECSDG: "reports the status periodically").
 */
function settle(pass: PassState): void {
  const { ctx, service } = pass;
  const b = service.scheduler;
  const primary = primaryOf(service);
  const live = pass.live.get(primary.id) ?? [];
  const settled =
    !pass.acted &&
    service.deployments.length === 1 &&
    pass.stopping === 0 &&
    live.length === primary.desiredCount &&
    live.every((view) => view.healthy && !view.draining);
  if (!settled) {
    clearReport(service, 'steady');
    return;
  }
  if (primary.rolloutState === 'IN_PROGRESS') {
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = ROLLOUT_REASONS.completed(primary.id);
    primary.updatedMs = ctx.clock.now;
    addServiceEvent(ctx, service, SERVICE_MESSAGES.deploymentCompleted(service.name, primary.id));
    emitDeploymentChange(ctx, service, primary, 'SERVICE_DEPLOYMENT_COMPLETED');
  }
  if (primary.rolloutState === 'COMPLETED') b.lastCompleted = primary;
  if (primary.rolloutState === 'FAILED') return;
  if (reportOnce(ctx, service, 'steady', SERVICE_MESSAGES.steadyState(service.name), serviceAction(ctx, service, 'SERVICE_STEADY_STATE'))) b.lastSteadyMs = ctx.clock.now;
  pass.wakeMs = Math.min(pass.wakeMs, (b.lastSteadyMs ?? ctx.clock.now) + REPEAT_AFTER_MS);
}
