/**
 * Tasks waiting for capacity (ECSDG cluster-auto-scaling): a task launched through an Auto Scaling
 * group capacity provider with managed scaling that finds no instance with room is not a failure —
 * it is created in PROVISIONING with no instance (`awaitingCapacity`) and managed scaling counts it
 * in CapacityProviderReservation. When the cluster's instances change, waiting tasks are placed in
 * the order they came (FIFO), through RunTask's own placement pipeline, and start.
 *
 * At most 300 tasks per cluster wait (the service quota "Tasks in PROVISIONING state per cluster",
 * not adjustable); beyond that the task is refused with a failure (the sandbox's reason — AWS's
 * failure text for it was not found).
 *
 * A waiting task has no machine yet: its `handle` stops it at once (nothing runs, nothing to
 * release), so StopTask and the service scheduler stop it the ordinary way.
 */
import type { EngineContext } from '../context.ts';
import { isoAt } from '../ids/arn.ts';
import { taskStateChange } from '../machines/task-events.ts';
import { taskLabel } from '../machines/task-label.ts';
import { STOPPED_TASK_RETENTION_MS } from '../machines/timings.ts';
import type { PlacementRequest } from '../placement/request.ts';
import { provideClusterListener } from '../services/cluster-changes.ts';
import type { EngineState, TaskRecord } from '../state.ts';
import type { RunTaskRequest } from '../commands/run-task-request.ts';
import { createTaskRecord } from '../commands/task-factory.ts';
import { placeWaitingTasks } from '../commands/run-task-ec2.ts';
import { stampClusterInstances } from './association.ts';
import { CAPACITY_MESSAGES as M } from './messages.ts';
import { capacityOf, type WaitingTask } from './model.ts';
import { findProvider } from './providers.ts';
import { provideEc2CapacityHooks } from './ec2-hooks.ts';
import { protectOnPlacement } from './termination-protection.ts';

/** Service quota: tasks in PROVISIONING per cluster (ecs-reference §6, §15; not adjustable). */
export const MAX_PROVISIONING_TASKS_PER_CLUSTER = 300;
/** RunTask's failure reason when the quota is reached (Sandbox wording; AWS's is not documented). */
export const PROVISIONING_LIMIT_REASON = 'PROVISIONING_LIMIT';

/** Whether tasks of this launch wait for capacity instead of failing: an ASG provider with managed scaling ENABLED. */
export function waitsForCapacity(state: EngineState, run: RunTaskRequest): boolean {
  if (run.capacityProviderName === undefined || run.onlyInstanceArn !== undefined) return false;
  const provider = findProvider(state, run.capacityProviderName);
  return provider?.status === 'ACTIVE' && provider.managedScaling.status === 'ENABLED';
}

export function waitingOf(state: EngineState, clusterName: string): readonly WaitingTask[] {
  return state.capacity?.waiting?.get(clusterName) ?? [];
}

/**
 * Create `count` tasks waiting in PROVISIONING (as many as the cluster's quota leaves room for);
 * the rest become RunTask failures.
 */
export function createWaitingTasks(
  ctx: EngineContext,
  run: RunTaskRequest,
  request: PlacementRequest,
  count: number,
): { tasks: TaskRecord[]; failures: { arn?: string; reason: string; detail?: string }[] } {
  const clusterName = run.cluster.clusterName;
  const capacity = capacityOf(ctx.state);
  const queues = (capacity.waiting ??= new Map());
  let queue = queues.get(clusterName);
  if (queue === undefined) queues.set(clusterName, (queue = []));
  const room = Math.max(0, MAX_PROVISIONING_TASKS_PER_CLUSTER - queue.length);
  const created = Math.min(room, count);
  const providerName = run.capacityProviderName!;
  const single: RunTaskRequest = { ...run, count: 1 };
  const tasks: TaskRecord[] = [];
  for (let i = 0; i < created; i++) {
    const record = createTaskRecord(ctx, run, {
      launchType: 'EC2',
      availabilityZone: '',
      cpuUnits: request.cpuUnits,
      memoryMiB: request.memoryMiB,
      ports: [],
      usesEni: request.needsEni,
    });
    // No zone until placed (AWS shows none while the task waits for capacity).
    delete (record.task as { availabilityZone?: string }).availabilityZone;
    record.task.lastStatus = 'PROVISIONING';
    record.awaitingCapacity = true;
    record.handle = { stop: () => scheduleWaitingStop(ctx, record), containerExited: () => {} };
    queue.push({ taskArn: record.task.taskArn, providerName, run: single });
    tasks.push(record);
  }
  if (created > 0) {
    ctx.emit(
      'task.awaiting-capacity',
      M.waiting(`${run.requester ?? 'RunTask'} (${request.label})`, providerName, request.cpuUnits, request.memoryMiB, created),
      tasks.length === 1 ? tasks[0]!.task.taskArn : run.taskDefinition.taskDefinitionArn,
    );
  }
  const refused = count - created;
  const failures = [];
  if (refused > 0) {
    ctx.emit('placement.failed', M.provisioningLimit(clusterName, MAX_PROVISIONING_TASKS_PER_CLUSTER), run.cluster.clusterArn);
    for (let i = 0; i < refused; i++) failures.push({ reason: PROVISIONING_LIMIT_REASON, detail: M.provisioningLimit(clusterName, MAX_PROVISIONING_TASKS_PER_CLUSTER) });
  }
  return { tasks, failures };
}

/** The machine-less stop of a waiting task, on the clock like every stop (never inside the caller's pass). */
function scheduleWaitingStop(ctx: EngineContext, record: TaskRecord): void {
  ctx.clock.schedule(ctx.clock.now, () => stopWaitingTask(ctx, record));
}

function stopWaitingTask(ctx: EngineContext, record: TaskRecord): void {
  const task = record.task;
  if (!record.awaitingCapacity || task.lastStatus === 'STOPPED') return;
  const queue = ctx.state.capacity?.waiting?.get(record.clusterName);
  if (queue !== undefined) {
    const at = queue.findIndex((entry) => entry.taskArn === task.taskArn);
    if (at >= 0) queue.splice(at, 1);
  }
  const now = isoAt(ctx.clock.now);
  task.lastStatus = 'STOPPED';
  task.stoppingAt ??= now;
  task.executionStoppedAt = now;
  task.stoppedAt = now;
  task.version += 1;
  for (const container of task.containers) container.lastStatus = 'STOPPED';
  record.released = true;
  ctx.emit(
    'task.stopped',
    `${taskLabel(record)} is STOPPED, stop code ${task.stopCode ?? 'none'}${task.stoppedReason === undefined ? '' : `: ${task.stoppedReason}`}; it never left PROVISIONING (it was waiting for capacity from ${record.capacityProviderName}).`,
    task.taskArn,
    undefined,
    taskStateChange(record, ctx.clock.now),
  );
  record.expiryTimer = ctx.clock.schedule(ctx.clock.now + STOPPED_TASK_RETENTION_MS, () => {
    ctx.state.tasks.delete(task.taskArn);
  });
  record.observer?.stopped?.(record);
}

/**
 * Place what waits in the cluster, oldest first: consecutive tasks of the same kind (task
 * definition, group, provider, deployment) are placed together with one ledger; a kind that finds
 * no room keeps its place in the queue while later kinds are tried.
 */
export function placeWaiting(ctx: EngineContext, clusterName: string): void {
  const queue = ctx.state.capacity?.waiting?.get(clusterName);
  if (queue === undefined || queue.length === 0) return;
  // Drop tasks that were stopped or expired meanwhile.
  const live = queue.filter((entry) => {
    const record = ctx.state.tasks.get(entry.taskArn);
    return record !== undefined && record.awaitingCapacity === true && record.task.desiredStatus !== 'STOPPED';
  });
  const blocked = new Set<string>();
  const remaining: WaitingTask[] = [];
  let i = 0;
  while (i < live.length) {
    const key = kindOf(live[i]!);
    let j = i + 1;
    while (j < live.length && kindOf(live[j]!) === key) j++;
    const batch = live.slice(i, j);
    i = j;
    if (blocked.has(key)) {
      remaining.push(...batch);
      continue;
    }
    const records = batch.map((entry) => ctx.state.tasks.get(entry.taskArn)!);
    const run = { ...batch[0]!.run, cluster: ctx.state.clusters.get(clusterName) ?? batch[0]!.run.cluster };
    const placed = placeWaitingTasks(ctx, run, records);
    if (placed < batch.length) {
      blocked.add(key);
      remaining.push(...batch.slice(placed));
    }
  }
  const queues = ctx.state.capacity!.waiting!;
  if (remaining.length === 0) queues.delete(clusterName);
  else queues.set(clusterName, remaining);
}

function kindOf(entry: WaitingTask): string {
  const run = entry.run;
  return `${entry.providerName}|${run.taskDefinition.taskDefinitionArn}|${run.group}|${run.startedBy ?? ''}|${run.networkMode}`;
}

provideEc2CapacityHooks({ waitsForCapacity, createWaitingTasks, protectOnPlacement });

provideClusterListener('capacity', (ctx, clusterName) => {
  const cluster = ctx.state.clusters.get(clusterName);
  if (cluster === undefined) return;
  if ((cluster.capacityProviders?.length ?? 0) > 0) stampClusterInstances(ctx.state, cluster);
  placeWaiting(ctx, clusterName);
});
