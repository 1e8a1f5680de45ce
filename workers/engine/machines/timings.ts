/**
 * How long things take on an EC2 container instance, in virtual milliseconds. Each range is
 * [min, max) and the engine draws one value per task from its seeded PRNG *before* starting the
 * task's machine (never inside an xstate `assign`), so timings are reproducible.
 *
 * Chosen to look like a small image (nginx) on the ECS-optimized AMI (ecs-reference §3 timeline
 * and §4): the agent picks the task up about a second after RunTask, the image pull takes a few
 * seconds, the container starts within a second or two — about 4–9 s from PENDING to RUNNING. On
 * StopTask the agent runs `docker stop`: SIGTERM, then SIGKILL after the stop timeout (the
 * container's stopTimeout, else ECS_CONTAINER_STOP_TIMEOUT = 30 s). nginx and most well-behaved
 * images exit within a few seconds of SIGTERM, so we draw 1–3 s; when that exceeds a container's
 * stopTimeout, the kill comes at the timeout and the exit code is 137.
 */
export type Range = readonly [minMs: number, maxMs: number];

/** RunTask → the agent acknowledges the task and starts pulling the image. */
export const AGENT_PICKUP_MS: Range = [700, 1_500];
/** Image pull (pullStartedAt → pullStoppedAt). */
export const IMAGE_PULL_MS: Range = [2_000, 5_000];
/** Container create + start (pullStoppedAt → startedAt, lastStatus RUNNING). */
export const CONTAINER_START_MS: Range = [500, 1_500];
/** A container exits this long after SIGTERM (capped by its stop timeout). */
export const SIGTERM_EXIT_MS: Range = [1_000, 3_000];
/** A task stopped before its containers ran has nothing to signal: the agent cleans up quickly. */
export const UNSTARTED_STOP_MS: Range = [200, 800];
/** Containers exited (executionStoppedAt) → the agent reports STOPPED (stoppedAt). */
export const STOP_REPORT_MS: Range = [300, 1_000];

/** ECS_CONTAINER_STOP_TIMEOUT's default (ecs-reference §4). */
export const DEFAULT_STOP_TIMEOUT_MS = 30_000;
/** Stopped tasks stay visible at least an hour (ecs-reference §4); the sandbox drops them at exactly one hour. */
export const STOPPED_TASK_RETENTION_MS = 3_600_000;
/** Exit code of a container killed with SIGKILL (128 + 9). */
export const SIGKILL_EXIT_CODE = 137;

export interface StartTimings {
  pickupMs: number;
  pullMs: number;
  startMs: number;
}

export interface StopTimings {
  exitMs: number;
  reportMs: number;
  /** True when the stop timeout ran out and the agent sent SIGKILL. */
  killed: boolean;
}
