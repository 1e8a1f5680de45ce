/**
 * Container health checks (the task definition's `healthCheck`), on the virtual clock.
 *
 * Settings and defaults (ecs-reference §4): interval 30 s, timeout 5 s, retries 3, startPeriod 0.
 * As Docker runs them: the first check runs `interval` after the container started, then one every
 * `interval`. A check passes when the container's image is healthy (images/behavior.ts) and fails
 * when it is `unhealthy`; the sandbox's unhealthy application answers at once with a failing exit
 * code, so `timeout` (which only matters for a check that hangs) never lengthens a check.
 * A failure while the container is within its `startPeriod` does not count; a success at any time
 * makes the container HEALTHY and resets the count; `retries` consecutive counted failures make it
 * UNHEALTHY. Containers without a healthCheck stay UNKNOWN.
 *
 * Task health (ecs-reference §4): HEALTHY when every essential container with a check is HEALTHY,
 * UNHEALTHY when any essential container is UNHEALTHY, else UNKNOWN (still evaluating, or no
 * essential container has a check). Non-essential containers' health is ignored.
 *
 * Cost: one timer per task for all of its checks (the earliest next check of its containers), not
 * one per container; and none once the outcome is settled. A check cannot change anything while a
 * HEALTHY container's image stays healthy, or an UNHEALTHY one's stays unhealthy, and the image's
 * behaviour only changes through sim:SetImageBehavior — so such a container is parked (no next
 * check) and rearmHealthChecks puts it back on its check grid (start + k × interval) when its image
 * changes behaviour. A steady healthy fleet then costs no timer at all over a virtual day. Standalone tasks keep running when UNHEALTHY (the event log says so); the
 * service scheduler (issue 5 item 2) will read `task.healthStatus` to replace them.
 */
import type { Container } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { imageBehaviorOf } from '../images/behavior.ts';
import type { TaskRecord } from '../state.ts';
import { seconds, taskLabel } from './task-label.ts';

export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

export interface HealthCheckSettings {
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
}

export const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, retries: 3, startPeriod: 0 } as const;

/** One container's checks, while its task runs. */
export interface ContainerHealth {
  name: string;
  essential: boolean;
  settings: HealthCheckSettings;
  startedMs: number;
  /** When the next check runs; Infinity while parked (the outcome cannot change). */
  nextMs: number;
  /** Consecutive counted failures. */
  failures: number;
  status: HealthStatus;
}

export interface TaskHealth {
  containers: ContainerHealth[];
  timer?: number;
}

const whole = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;

/** The settings of a container definition's healthCheck with AWS's defaults, or undefined when it has none. */
export function healthCheckSettings(definition: Record<string, unknown>): HealthCheckSettings | undefined {
  const check = definition.healthCheck;
  if (typeof check !== 'object' || check === null) return undefined;
  const c = check as Record<string, unknown>;
  if (!Array.isArray(c.command) || c.command.length === 0) return undefined;
  const d = HEALTH_CHECK_DEFAULTS;
  return {
    intervalMs: Math.max(1, whole(c.interval, d.interval)) * 1000,
    timeoutMs: whole(c.timeout, d.timeout) * 1000,
    retries: Math.max(1, whole(c.retries, d.retries)),
    startPeriodMs: whole(c.startPeriod, d.startPeriod) * 1000,
  };
}

/**
 * The outcome of one check at `atMs` (pure): the container's new status and failure count.
 * A failure inside the start period changes nothing.
 */
export function afterCheck(
  health: Pick<ContainerHealth, 'settings' | 'startedMs' | 'failures' | 'status'>,
  passed: boolean,
  atMs: number,
): { status: HealthStatus; failures: number } {
  if (passed) return { status: 'HEALTHY', failures: 0 };
  if (atMs - health.startedMs < health.settings.startPeriodMs) return { status: health.status, failures: health.failures };
  const failures = health.failures + 1;
  return { status: failures >= health.settings.retries ? 'UNHEALTHY' : health.status, failures };
}

/**
 * When a container that fails every check turns UNHEALTHY (pure): the first counted failure is the
 * first check at or after the start period; `retries` of them in a row.
 */
export function unhealthyAtMs(settings: HealthCheckSettings, startedMs: number): number {
  const firstCounted = Math.max(1, Math.ceil(settings.startPeriodMs / settings.intervalMs));
  return startedMs + (firstCounted + settings.retries - 1) * settings.intervalMs;
}

/** The task's healthStatus from its containers' (pure; ecs-reference §4). */
export function taskHealthStatus(containers: readonly Pick<ContainerHealth, 'essential' | 'status'>[]): HealthStatus {
  let checked = 0;
  let healthy = 0;
  for (const container of containers) {
    if (!container.essential) continue;
    checked += 1;
    if (container.status === 'UNHEALTHY') return 'UNHEALTHY';
    if (container.status === 'HEALTHY') healthy += 1;
  }
  return checked > 0 && healthy === checked ? 'HEALTHY' : 'UNKNOWN';
}

/** Start the checks of a task that just became RUNNING (nothing happens for tasks without checks). */
export function startHealthChecks(ctx: EngineContext, record: TaskRecord): void {
  const containers: ContainerHealth[] = [];
  const now = ctx.clock.now;
  for (const definition of record.taskDefinition.containerDefinitions) {
    const settings = healthCheckSettings(definition);
    if (settings === undefined || typeof definition.name !== 'string') continue;
    containers.push({
      name: definition.name,
      essential: definition.essential !== false,
      settings,
      startedMs: now,
      nextMs: now + settings.intervalMs,
      failures: 0,
      status: 'UNKNOWN',
    });
  }
  if (containers.length === 0) return;
  record.health = { containers };
  scheduleNextCheck(ctx, record);
}

/** Stop a task's checks (it is stopping); its containers keep their last health status. */
export function stopHealthChecks(ctx: EngineContext, record: TaskRecord): void {
  if (record.health?.timer !== undefined) ctx.clock.cancel(record.health.timer);
  delete record.health;
}

function scheduleNextCheck(ctx: EngineContext, record: TaskRecord): void {
  const health = record.health;
  if (health === undefined) return;
  if (health.timer !== undefined) ctx.clock.cancel(health.timer);
  delete health.timer;
  let next = Infinity;
  for (const container of health.containers) if (container.nextMs < next) next = container.nextMs;
  if (next !== Infinity) health.timer = ctx.clock.schedule(next, () => runDueChecks(ctx, record));
}

/** The first check of a container strictly after `nowMs`, on its grid start + k × interval (pure). */
export function nextGridCheckMs(startedMs: number, intervalMs: number, nowMs: number): number {
  return startedMs + intervalMs * (Math.floor((nowMs - startedMs) / intervalMs) + 1);
}

/**
 * An image changed behaviour: put the parked checks of RUNNING containers of matching images back
 * on their grid, so their next check sees the new behaviour (commands/image-behavior.ts).
 */
export function rearmHealthChecks(ctx: EngineContext, matches: (image: string) => boolean): void {
  const now = ctx.clock.now;
  for (const record of ctx.state.tasks.values()) {
    const health = record.health;
    if (health === undefined || record.task.lastStatus !== 'RUNNING') continue;
    let changed = false;
    for (const check of health.containers) {
      if (check.nextMs !== Infinity) continue;
      const container = containerOf(record, check.name);
      if (container === undefined || container.lastStatus !== 'RUNNING' || !matches(container.image)) continue;
      check.nextMs = nextGridCheckMs(check.startedMs, check.settings.intervalMs, now);
      changed = true;
    }
    if (changed) scheduleNextCheck(ctx, record);
  }
}

function containerOf(record: TaskRecord, name: string): Container | undefined {
  return record.task.containers.find((container) => container.name === name);
}

function runDueChecks(ctx: EngineContext, record: TaskRecord): void {
  const health = record.health;
  if (health === undefined || record.task.lastStatus !== 'RUNNING') return;
  delete health.timer;
  const now = ctx.clock.now;
  const label = taskLabel(record);
  for (const check of health.containers) {
    if (check.nextMs > now) continue;
    check.nextMs = now + check.settings.intervalMs;
    const container = containerOf(record, check.name);
    // An exited (non-essential) container is not checked any more.
    if (container === undefined || container.lastStatus !== 'RUNNING') {
      check.nextMs = Infinity;
      continue;
    }
    const passed = imageBehaviorOf(ctx.state, container.image).behavior !== 'unhealthy';
    const before = check.status;
    const outcome = afterCheck(check, passed, now);
    check.status = outcome.status;
    check.failures = outcome.failures;
    // Settled: further checks give the same answer until the image changes behaviour.
    if ((passed && outcome.status === 'HEALTHY') || (!passed && outcome.status === 'UNHEALTHY')) check.nextMs = Infinity;
    if (outcome.status === before) continue;
    container.healthStatus = outcome.status;
    record.task.version += 1;
    const ran = seconds(now - check.startedMs);
    ctx.emit(
      outcome.status === 'HEALTHY' ? 'container.healthy' : 'container.unhealthy',
      outcome.status === 'HEALTHY'
        ? `${label}: container ${check.name} is HEALTHY — its health check passed (${ran} after it started).`
        : `${label}: container ${check.name} is UNHEALTHY — its health check failed ${check.settings.retries} times in a row, every ${seconds(check.settings.intervalMs)} (${ran} after it started).`,
      record.task.taskArn,
    );
  }
  const taskStatus = taskHealthStatus(health.containers);
  if (taskStatus !== record.task.healthStatus) {
    record.task.healthStatus = taskStatus;
    record.task.version += 1;
    const standalone = record.task.startedBy?.startsWith('ecs-svc/') !== true;
    const consequence =
      taskStatus === 'UNHEALTHY'
        ? standalone
          ? ' A standalone task (RunTask) keeps running while UNHEALTHY; a service would replace it.'
          : ''
        : '';
    ctx.emit(`task.health.${taskStatus.toLowerCase()}`, `${label} health is ${taskStatus}.${consequence}`, record.task.taskArn);
    record.observer?.healthChanged?.(record);
  }
  scheduleNextCheck(ctx, record);
}
