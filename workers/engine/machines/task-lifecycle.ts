/**
 * What each phase of a task's machine does to the sandbox: timeline fields, lastStatus, the
 * containers, the instance's resources and the event log. Kept apart from the machine so the
 * machine stays a pure description of timing.
 */
import { noteTaskReleased } from './instance-deregistration.ts';
import type { NetworkBinding } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { idOfArn, isoAt } from '../ids/arn.ts';
import { instanceOfTask, type TaskRecord } from '../state.ts';
import { cancelCrashes, markContainerExited, scheduleCrashesOnStart } from './container-exits.ts';
import { startHealthChecks, stopHealthChecks } from './health-checks.ts';
import { launchFailure, logWriteWarnings, type LaunchStage } from './launch-checks.ts';
import { markDeprovisioning, markEniAttached, releaseTaskEni } from './task-eni.ts';
import { seconds, taskLabel, whereText } from './task-label.ts';
import { driveMachine } from './machine-driver.ts';
import { taskMachine, type TaskPhase } from './task.machine.ts';
import { eventBridgeEnvelope } from '../events/eventbridge.ts';
import { taskStateChange } from './task-events.ts';
import { noteHealthInputsChanged } from '../elb/health-epoch.ts';
import { deregisterTaskTargets, hasLoadBalancers, hasRegisteredTargets, registerTaskTargets } from './load-balancing-hook.ts';
import { ACTIVATING_MS, SIGKILL_EXIT_CODE, STOPPED_TASK_RETENTION_MS, type StartTimings, type StopTimings } from './timings.ts';

export { taskLabel };

/**
 * Create and start the machine of a freshly placed task, on the engine's virtual clock. A task
 * given an ENI (task-eni.ts attachTaskEni) begins with the PROVISIONING phase.
 */
export function startTaskMachine(ctx: EngineContext, record: TaskRecord, timings: StartTimings): void {
  // Decided when ACTIVATING / DEACTIVATING begin (applyPhase), read by the machine's delays right after.
  const phases = { activationMs: 0, drainMs: 0 };
  const machine = driveMachine(
    taskMachine,
    {
      timings,
      ...(record.eni === undefined ? {} : { eni: record.eni.timings }),
      report: (phase, stop) => {
        const ms = applyPhase(ctx, record, phase, stop);
        if (phase === 'activating') phases.activationMs = ms;
        else if (phase === 'deactivating') phases.drainMs = ms;
      },
      failsAt: (stage) => launchFailure(ctx.state, record, stage) !== undefined,
      containerExited: (containerName, essential) => markContainerExited(ctx, record, containerName, essential),
      loadBalancing: {
        has: () => hasLoadBalancers(record),
        registered: () => hasRegisteredTargets(record),
        activationMs: () => phases.activationMs,
        drainMs: () => phases.drainMs,
      },
    },
    ctx.clock,
    (error) => ctx.emit('engine.error', `The machine of task ${idOfArn(record.task.taskArn)} failed: ${String(error)}`, record.task.taskArn),
  );
  record.handle = {
    stop: (timing) => machine.send({ type: 'task.stop', timing }),
    containerExited: (exit) => machine.send({ type: 'container.exit', ...exit }),
  };
  attachCreationEvent(ctx, record);
}

/**
 * The task's first state (PENDING on an EC2 instance without an ENI) was logged by RunTask's
 * placement just before the machine started: give that line its "ECS Task State Change" too, so that
 * EventBridge sees every state from the first. (Tasks with an ENI get theirs from attachTaskEni.)
 */
function attachCreationEvent(ctx: EngineContext, record: TaskRecord): void {
  if (record.eni !== undefined) return;
  const events = ctx.state.events;
  const last = events[events.length - 1];
  if (last === undefined || last.resourceArn !== record.task.taskArn || last.kind !== 'task.pending' || last.eventBridge !== undefined) return;
  last.eventBridge = eventBridgeEnvelope(taskStateChange(record, last.time), last.id, last.time);
}

/**
 * Apply one phase to the task. Returns how long the phase lasts when the phase decides it
 * (ACTIVATING: the registration time drawn now; DEACTIVATING: the drain), else 0.
 */
export function applyPhase(ctx: EngineContext, record: TaskRecord, phase: TaskPhase, stop?: StopTimings): number {
  const task = record.task;
  const now = isoAt(ctx.clock.now);
  const before = task.lastStatus;
  task.version += 1;
  noteHealthInputsChanged(ctx.state);
  let ms = 0;
  switch (phase) {
    case 'provisioned':
      markEniAttached(ctx, record);
      break;
    case 'deprovisioning':
      markDeprovisioning(ctx, record);
      break;
    case 'pulling':
      task.pullStartedAt = now;
      break;
    case 'starting':
      task.pullStoppedAt = now;
      break;
    case 'activating':
      ms = markActivating(ctx, record);
      break;
    case 'running':
      markRunning(ctx, record, now);
      break;
    case 'deactivating':
      ms = markDeactivating(ctx, record);
      break;
    case 'pullFailed':
      markFailedToStart(ctx, record, now, 'pull');
      break;
    case 'startFailed':
      markFailedToStart(ctx, record, now, 'start');
      break;
    case 'stopping':
      markStopping(ctx, record, now, stop);
      break;
    case 'executionStopped':
      markExecutionStopped(record, now, stop);
      break;
    case 'stopped':
      markStopped(ctx, record, now, before);
      return 0;
  }
  return ms;
}

/** ECS's "ECS Task State Change" on the log line of a lastStatus change (the event log keeps it for EventBridge). */
function stateChange(ctx: EngineContext, record: TaskRecord, kind: string, message: string): void {
  ctx.emit(kind, message, record.task.taskArn, undefined, taskStateChange(record, ctx.clock.now));
}

/**
 * The containers run; ECS registers the task with its load balancers before it is RUNNING.
 * Returns how long that takes (drawn here, outside the machine).
 */
function markActivating(ctx: EngineContext, record: TaskRecord): number {
  const task = record.task;
  task.lastStatus = 'ACTIVATING';
  for (const container of task.containers) {
    container.lastStatus = 'RUNNING';
    container.networkBindings = bindingsFor(record, container.name);
  }
  const ms = ctx.prng.int(ACTIVATING_MS[0], ACTIVATING_MS[1]);
  const names = (record.loadBalancers ?? []).map((lb) => (lb.targetGroupArn !== undefined ? `target group ${lb.targetGroupArn.split('/')[1] ?? lb.targetGroupArn}` : `Classic Load Balancer ${lb.loadBalancerName}`));
  stateChange(ctx, record, 'task.activating', `${taskLabel(record)} is ACTIVATING: its containers run, and ECS registers it with ${names.join(' and ')} (${seconds(ms)}).`);
  registerTaskTargets(ctx, record);
  return ms;
}

/**
 * Asked to stop with registered targets: ECS deregisters them, and the task waits DEACTIVATING while
 * they drain (the containers keep serving requests in flight), then STOPPING. Returns the drain time.
 */
function markDeactivating(ctx: EngineContext, record: TaskRecord): number {
  const task = record.task;
  task.lastStatus = 'DEACTIVATING';
  cancelCrashes(ctx, record);
  const reason = task.stoppedReason === undefined ? '' : ` (${task.stoppedReason})`;
  stateChange(ctx, record, 'task.deactivating', `${taskLabel(record)} is DEACTIVATING${reason}: ECS deregisters it from its load balancers first.`);
  const deregistration = deregisterTaskTargets(ctx, record);
  // A Spot interruption leaves two minutes: ECS sends SIGTERM at the warning while the targets drain
  // (ECS Developer Guide, fargate-capacity-providers), so the task does not wait out the delay.
  const spot = task.stopCode === 'TerminationNotice' || task.stopCode === 'SpotInterruption';
  const drainMs = spot ? 0 : deregistration;
  if (spot && deregistration > 0) {
    ctx.emit('task.draining', `${taskLabel(record)} was interrupted by Spot: its targets drain (${seconds(deregistration)}) while it gets SIGTERM now, as the capacity is gone in two minutes.`, task.taskArn);
    return 0;
  }
  ctx.emit(
    'task.draining',
    drainMs > 0
      ? `${taskLabel(record)} stays DEACTIVATING while its targets drain for the deregistration delay (${seconds(drainMs)}), then SIGTERM.`
      : `${taskLabel(record)} has nothing to drain (deregistration delay 0, or no target left), so it goes on to STOPPING.`,
    task.taskArn,
  );
  return drainMs;
}

function bindingsFor(record: TaskRecord, containerName: string): NetworkBinding[] {
  return record.ports
    .filter((port) => port.containerName === containerName)
    .map((port) => ({ bindIP: '0.0.0.0', containerPort: port.containerPort, hostPort: port.hostPort, protocol: port.protocol }));
}

function markRunning(ctx: EngineContext, record: TaskRecord, now: string): void {
  const task = record.task;
  task.lastStatus = 'RUNNING';
  task.startedAt = now;
  record.startedMs = ctx.clock.now;
  task.connectivity = 'CONNECTED';
  task.connectivityAt ??= now;
  for (const container of task.containers) {
    container.lastStatus = 'RUNNING';
    container.networkBindings = bindingsFor(record, container.name);
  }
  const where = whereText(ctx, record);
  const ports = record.ports.map((port) => `${port.hostPort}→${port.containerPort}/${port.protocol}`);
  const portText = ports.length > 0 ? `, host ports ${ports.join(', ')}` : '';
  const ipText = record.eni === undefined ? '' : `, private IP ${record.eni.allocation.privateIPv4Address}`;
  stateChange(
    ctx,
    record,
    'task.running',
    `${taskLabel(record)} is RUNNING${where === '' ? '' : ` ${where}`}, ${seconds(ctx.clock.now - record.createdMs)} after RunTask${portText}${ipText}.`,
  );
  for (const warning of logWriteWarnings(ctx.state, record)) ctx.emit('task.logs.denied', `${taskLabel(record)}: ${warning}`, task.taskArn);
  startHealthChecks(ctx, record);
  scheduleCrashesOnStart(ctx, record);
  record.observer?.running?.(record);
}

/**
 * The launch failed: the task will not run. As on AWS the task gets stopCode TaskFailedToStart,
 * the failing container the error as its `reason`, and the task the same text as `stoppedReason`;
 * it reaches STOPPED (and frees its reservation) after the agent reports it.
 */
function markFailedToStart(ctx: EngineContext, record: TaskRecord, now: string, stage: LaunchStage): void {
  const task = record.task;
  const failure = launchFailure(ctx.state, record, stage);
  const reason = failure?.reason ?? 'TaskFailedToStart';
  task.desiredStatus = 'STOPPED';
  task.stopCode = 'TaskFailedToStart';
  task.stoppedReason = reason;
  task.pullStoppedAt ??= now;
  task.stoppingAt ??= now;
  task.executionStoppedAt = now;
  for (const container of task.containers) {
    container.lastStatus = 'STOPPED';
    if (container.name === failure?.containerName) container.reason = reason;
  }
  ctx.emit('task.failed', `${taskLabel(record)} failed to start. ${failure?.explanation ?? reason}`, task.taskArn);
}

function markStopping(ctx: EngineContext, record: TaskRecord, now: string, stop: StopTimings | undefined): void {
  const task = record.task;
  // ACTIVATING and DEACTIVATING tasks have running containers too.
  const wasRunning = task.lastStatus === 'RUNNING' || task.lastStatus === 'ACTIVATING' || task.lastStatus === 'DEACTIVATING';
  task.lastStatus = 'STOPPING';
  task.stoppingAt ??= now;
  cancelCrashes(ctx, record);
  stopHealthChecks(ctx, record);
  const othersRunning = task.containers.some((container) => container.lastStatus === 'RUNNING');
  const essentialExit = task.stopCode === 'EssentialContainerExited';
  const targets = essentialExit ? 'the other containers' : 'its containers';
  let how: string;
  if (!wasRunning) how = 'its containers had not started, so there is nothing to signal';
  else if (!othersRunning) how = 'no other container is left running, so there is nothing to signal';
  else if (stop?.killed === true) how = `SIGTERM sent to ${targets}; one outlives its stop timeout, so SIGKILL follows in ${seconds(stop.exitMs)}`;
  else how = `SIGTERM sent to ${targets} (SIGKILL after the stop timeout)`;
  const why = essentialExit ? ' because an essential container exited' : '';
  stateChange(ctx, record, 'task.stopping', `${taskLabel(record)} is STOPPING${why}: ${how}.`);
  // A crash does not wait for draining: the targets are deregistered (and drain) while the task stops.
  if (hasRegisteredTargets(record)) deregisterTaskTargets(ctx, record);
}

function markExecutionStopped(record: TaskRecord, now: string, stop: StopTimings | undefined): void {
  const task = record.task;
  task.executionStoppedAt = now;
  for (const container of task.containers) {
    const wasRunning = container.lastStatus === 'RUNNING';
    container.lastStatus = 'STOPPED';
    if (wasRunning) container.exitCode = stop?.killed === true ? SIGKILL_EXIT_CODE : 0;
  }
}

function markStopped(ctx: EngineContext, record: TaskRecord, now: string, before: string): void {
  const task = record.task;
  task.lastStatus = 'STOPPED';
  task.stoppedAt = now;
  delete task.connectivity;
  for (const container of task.containers) container.networkBindings = [];
  const freed = releaseResources(ctx, record);
  const reason = task.stoppedReason === undefined ? '' : `: ${task.stoppedReason}`;
  const exitCodes = task.containers.filter((c) => c.exitCode !== undefined).map((c) => `${c.name} exited ${c.exitCode}`);
  const exits = exitCodes.length > 0 ? ` (${exitCodes.join(', ')})` : '';
  // Fargate tasks hold nothing but their ENI; EC2 tasks their reservation (and ENI in awsvpc mode).
  const what = record.task.launchType === 'FARGATE' && freed !== undefined
    ? freed
    : `its resources are free again${freed === undefined ? '' : ` (${freed})`}`;
  const message = `${taskLabel(record)} is STOPPED, stop code ${task.stopCode ?? 'none'}${reason}${exits}; ${what}.`;
  if (before !== 'STOPPED') stateChange(ctx, record, 'task.stopped', message);
  else ctx.emit('task.stopped', message, task.taskArn);
  record.expiryTimer = ctx.clock.schedule(ctx.clock.now + STOPPED_TASK_RETENTION_MS, () => {
    ctx.state.tasks.delete(task.taskArn);
  });
  record.observer?.stopped?.(record);
}

/**
 * Give the task's CPU, memory, host ports and ENI slot back to its instance, and delete its task
 * ENI (freeing its private IP). Idempotent. Returns what the ENI release freed, for the event log.
 */
export function releaseResources(ctx: EngineContext, record: TaskRecord): string | undefined {
  if (record.released) return undefined;
  record.released = true;
  const freed = releaseTaskEni(ctx, record);
  const instance = instanceOfTask(ctx.state, record);
  if (instance === undefined) return freed;
  instance.usedCpuUnits -= record.cpuUnits;
  instance.usedMemoryMiB -= record.memoryMiB;
  for (const port of record.ports) {
    const table = port.dynamic
      ? port.protocol === 'tcp' ? instance.dynamicTcp : instance.dynamicUdp
      : port.protocol === 'tcp' ? instance.staticTcp : instance.staticUdp;
    table.delete(port.hostPort);
  }
  if (record.usesEni) instance.enisUsed -= 1;
  instance.version += 1;
  noteTaskReleased(ctx, instance);
  return freed;
}
