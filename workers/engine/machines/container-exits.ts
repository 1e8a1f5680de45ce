/**
 * Containers that exit on their own, because their image says so (sim:SetImageBehavior):
 * `crashOnStart` exits CRASH_ON_START_MS after the container is RUNNING, `crashAfter` exits
 * `afterSeconds` after it started; both with exit code 1, as an application that fails does.
 * `completeAfter` is a batch job: it exits with code 0 `afterSeconds` after it started.
 *
 * An exit is a clock timer per crashing container (none for healthy images), which draws the stop
 * timings of the other containers (SIGTERM, then SIGKILL after their stop timeout) from the PRNG
 * *before* it tells the task's machine, so nothing random happens inside the machine. The machine
 * decides: an essential container's exit stops the task (stopCode EssentialContainerExited,
 * stoppedReason "Essential container in task exited", ecs-reference §4); a non-essential one's
 * exit leaves the task running.
 *
 * Behaviour changes reach running containers where it makes sense (commands/image-behavior.ts):
 * `crashAfter` reschedules the exit of running containers of that image (at start + afterSeconds,
 * or a moment from now when that is already past); `healthy` and `unhealthy` cancel pending
 * crashes; `crashOnStart` concerns only containers that start afterwards.
 */
import { noteHealthInputsChanged } from '../elb/health-epoch.ts';
import type { Container } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { isoAt } from '../ids/arn.ts';
import { imageBehaviorOf, isEssential } from '../images/behavior.ts';
import type { TaskRecord } from '../state.ts';
import { stopTimings } from '../timing-draws.ts';
import { seconds, taskLabel } from './task-label.ts';

/** How long a `crashOnStart` container runs before it exits ("a moment": the sandbox's choice). */
export const CRASH_ON_START_MS = 1_000;
/** The exit code of an application that fails. */
export const CRASH_EXIT_CODE = 1;
/** Essential container exit: AWS's stoppedReason (ecs-reference §4). */
export const ESSENTIAL_EXIT_REASON = 'Essential container in task exited';

/** When a container of this image that started at `startedMs` exits, or undefined (pure but for the state read). */
export function crashAtMs(ctx: EngineContext, image: string, startedMs: number, nowMs: number, justStarted: boolean): number | undefined {
  const behavior = imageBehaviorOf(ctx.state, image);
  if (behavior.behavior === 'crashOnStart') return justStarted ? nowMs + CRASH_ON_START_MS : undefined;
  if (behavior.behavior === 'crashAfter' || behavior.behavior === 'completeAfter') return Math.max(startedMs + behavior.afterSeconds * 1000, justStarted ? nowMs : nowMs + CRASH_ON_START_MS);
  return undefined;
}

/** Schedule the crashes of a task that just became RUNNING. */
export function scheduleCrashesOnStart(ctx: EngineContext, record: TaskRecord): void {
  const now = ctx.clock.now;
  for (const container of record.task.containers) {
    const at = crashAtMs(ctx, container.image, now, now, true);
    if (at !== undefined) planExit(ctx, record, container.name, container.image, at);
  }
}

/**
 * After a behaviour change: re-plan the crashes of the RUNNING containers of matching images.
 * Returns how many running containers the image's behaviour now concerns.
 */
export function replanCrashes(ctx: EngineContext, matches: (image: string) => boolean): number {
  let concerned = 0;
  const now = ctx.clock.now;
  for (const record of ctx.state.tasks.values()) {
    if (record.task.lastStatus !== 'RUNNING' || record.task.desiredStatus !== 'RUNNING') continue;
    const startedMs = record.startedMs ?? now;
    for (const container of record.task.containers) {
      if (container.lastStatus !== 'RUNNING' || !matches(container.image)) continue;
      concerned += 1;
      cancelCrash(ctx, record, container.name);
      const at = crashAtMs(ctx, container.image, startedMs, now, false);
      if (at !== undefined) planExit(ctx, record, container.name, container.image, at);
    }
  }
  return concerned;
}

/**
 * Exit codes other than CRASH_EXIT_CODE, by task and container: a batch container that finishes its
 * work exits 0 (events/s3-reader.ts, a task started by an EventBridge rule that processes an upload).
 * Kept beside the records (not in them) so the task record's shape stays the machines' own.
 */
const exitCodes = new WeakMap<TaskRecord, Map<string, number>>();

/**
 * Make a RUNNING container exit on its own at `atMs` with `exitCode`, through the same path as a
 * crash (the machine decides: an essential container's exit stops the task).
 */
export function scheduleContainerExit(ctx: EngineContext, record: TaskRecord, containerName: string, atMs: number, exitCode: number): void {
  cancelCrash(ctx, record, containerName);
  let codes = exitCodes.get(record);
  if (codes === undefined) exitCodes.set(record, (codes = new Map()));
  codes.set(containerName, exitCode);
  scheduleCrash(ctx, record, containerName, atMs);
}

/** An exit the image's behaviour plans: code 0 for a batch job that completes, else a crash (code 1). */
function planExit(ctx: EngineContext, record: TaskRecord, containerName: string, image: string, atMs: number): void {
  if (imageBehaviorOf(ctx.state, image).behavior === 'completeAfter') {
    scheduleContainerExit(ctx, record, containerName, atMs, 0);
    return;
  }
  exitCodes.get(record)?.delete(containerName);
  scheduleCrash(ctx, record, containerName, atMs);
}

function scheduleCrash(ctx: EngineContext, record: TaskRecord, containerName: string, atMs: number): void {
  record.crashTimers ??= new Map();
  record.crashTimers.set(containerName, ctx.clock.schedule(atMs, () => crash(ctx, record, containerName)));
}

function cancelCrash(ctx: EngineContext, record: TaskRecord, containerName: string): void {
  const timer = record.crashTimers?.get(containerName);
  if (timer === undefined) return;
  ctx.clock.cancel(timer);
  record.crashTimers!.delete(containerName);
}

/** Cancel every pending crash of a task (it is stopping). */
export function cancelCrashes(ctx: EngineContext, record: TaskRecord): void {
  if (record.crashTimers === undefined) return;
  for (const timer of record.crashTimers.values()) ctx.clock.cancel(timer);
  delete record.crashTimers;
}

function crash(ctx: EngineContext, record: TaskRecord, containerName: string): void {
  record.crashTimers?.delete(containerName);
  const container = record.task.containers.find((c) => c.name === containerName);
  if (container === undefined || container.lastStatus !== 'RUNNING' || record.task.lastStatus !== 'RUNNING') return;
  const essential = isEssential(record, containerName);
  const others = new Set(record.task.containers.filter((c) => c !== container && c.lastStatus === 'RUNNING').map((c) => c.name));
  // Drawn only for an essential exit (which stops the task), so a non-essential exit draws nothing.
  // The SIGTERM → SIGKILL timeout is that of the containers still running, not of the one that exited.
  const timing = essential
    ? stopTimings(ctx.prng, record.taskDefinition, others.size > 0, (name) => others.has(name as string))
    : { exitMs: 0, reportMs: 0, killed: false };
  record.handle?.containerExited?.({ containerName, essential, timing });
}

/**
 * The machine accepted the exit (task-lifecycle.ts calls this from the `running` state): the
 * container is STOPPED with exit code 1 (or the code scheduleContainerExit gave); an essential one
 * marks the task for stopping.
 */
export function markContainerExited(ctx: EngineContext, record: TaskRecord, containerName: string, essential: boolean): void {
  const task = record.task;
  const container: Container | undefined = task.containers.find((c) => c.name === containerName);
  if (container === undefined) return;
  const exitCode = exitCodes.get(record)?.get(containerName) ?? CRASH_EXIT_CODE;
  container.lastStatus = 'STOPPED';
  container.exitCode = exitCode;
  container.networkBindings = [];
  task.version += 1;
  noteHealthInputsChanged(ctx.state);
  const ran = seconds(ctx.clock.now - (record.startedMs ?? ctx.clock.now));
  const label = taskLabel(record);
  if (essential) {
    task.desiredStatus = 'STOPPED';
    task.stopCode = 'EssentialContainerExited';
    task.stoppedReason = ESSENTIAL_EXIT_REASON;
    task.stoppingAt ??= isoAt(ctx.clock.now);
    ctx.emit(
      'container.exited',
      `${label}: essential container ${containerName} exited with code ${exitCode} after ${ran}${exitCode === 0 ? ' (its work is done)' : ''}, so ECS stops the whole task (stop code EssentialContainerExited).`,
      task.taskArn,
    );
  } else {
    ctx.emit(
      'container.exited',
      `${label}: container ${containerName} exited with code ${exitCode} after ${ran}; it is not essential, so the task keeps running.`,
      task.taskArn,
    );
  }
}
