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

// ---------------------------------------------------------------------------------------------
// Task ENIs (awsvpc) and Fargate
// ---------------------------------------------------------------------------------------------
//
// An awsvpc task first gets its own ENI: lastStatus PROVISIONING while ECS creates and attaches it
// (attachment PRECREATED), then PENDING with connectivityAt set (attachment ATTACHED). On stop,
// once the containers have exited, DEPROVISIONING while the ENI is detached and deleted, then
// STOPPED (attachment DELETED, its private IP free again). — ecs-reference §3 ("The PROVISIONING
// state on Fargate covers ENI provisioning; DEPROVISIONING covers ENI detach/delete"), §4.
//
// Fargate, after ecs-reference §3's task state change example (createdAt 17:57:34.402 →
// connectivityAt 38.453 → pullStartedAt 52.103 → pullStoppedAt 55.103 → startedAt 58.103, ~24 s to
// RUNNING): the ENI takes ~4 s; then a long gap before the pull starts while Fargate boots the
// task's micro-VM and its agent (~13.6 s in the example); the pull is slower than on a warm EC2
// host (no layer cache; ~3 s in the example for a small image, longer for big ones); the
// containers start in a few seconds. The sandbox draws each phase, giving 11–29 s to RUNNING
// (mean 20 s). The ranges are the sandbox's choice around that one documented example
// (UNCONFIRMED as distributions).
//
// ACTIVATING and DEACTIVATING (ECS Developer Guide, task-lifecycle-explanation: ACTIVATING is where
// ECS "registers load balancer target groups"; DEACTIVATING is where, for a service that uses Elastic
// Load Balancing, the target is deregistered before the task is stopped). The sandbox shows them for a
// task with load balancers (TaskRecord.loadBalancers, set by the service scheduler): ACTIVATING for
// ACTIVATING_MS while its targets are registered, DEACTIVATING for as long as its targets drain —
// the target group's deregistration_delay.timeout_seconds (300 s by default) — before SIGTERM. The ECS
// Best Practices Guide (load-balancer-connection-draining) describes that wait: ECS waits for the load
// balancer's deregistration delay, then sends SIGTERM and, after the stop timeout, SIGKILL. Tasks
// without load balancers pass from PENDING to RUNNING and from RUNNING to STOPPING without them, as
// AWS shows it (aws/containers-roadmap#1039).

/** Registering a task's targets (ACTIVATING → RUNNING). The sandbox's choice: a few API calls, UNCONFIRMED as a range. */
export const ACTIVATING_MS: Range = [1_000, 3_000];

/** Fargate: RunTask → the task's ENI is attached (createdAt → connectivityAt). */
export const FARGATE_ENI_ATTACH_MS: Range = [3_000, 6_000];
/** Fargate: ENI attached → the image pull starts (micro-VM and Fargate agent start). */
export const FARGATE_PICKUP_MS: Range = [4_000, 10_000];
/** Fargate: image pull (pullStartedAt → pullStoppedAt); no layer cache on Fargate. */
export const FARGATE_IMAGE_PULL_MS: Range = [3_000, 9_000];
/** Fargate: container create + start (pullStoppedAt → startedAt). */
export const FARGATE_CONTAINER_START_MS: Range = [1_000, 4_000];
/** Fargate: containers exited → ENI detached and deleted (DEPROVISIONING → STOPPED). UNCONFIRMED. */
export const FARGATE_ENI_DETACH_MS: Range = [3_000, 8_000];
/**
 * awsvpc on EC2: the agent creates and attaches the task's ENI to the instance before it pulls
 * (PROVISIONING). EC2 attaches an ENI in a few seconds; UNCONFIRMED as a range.
 */
export const EC2_ENI_ATTACH_MS: Range = [1_500, 4_000];
/** awsvpc on EC2: ENI detached and deleted after the containers exited. UNCONFIRMED as a range. */
export const EC2_ENI_DETACH_MS: Range = [1_000, 3_000];

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

/** The ENI phases of an awsvpc task, drawn when its ENI is allocated (machines/task-eni.ts). */
export interface EniTimings {
  /** PROVISIONING → PENDING. */
  attachMs: number;
  /** DEPROVISIONING → STOPPED. */
  detachMs: number;
}

export interface StopTimings {
  exitMs: number;
  reportMs: number;
  /** True when the stop timeout ran out and the agent sent SIGKILL. */
  killed: boolean;
}
