/**
 * The records of ECS services and their deployments. The API layer (commands/services.ts) keeps
 * them as the learner declared them — desired count, deployment configuration, the PRIMARY
 * deployment of the task definition to run — and the scheduler (services/scheduler.ts) moves the
 * tasks toward that declaration on the virtual clock. DescribeServices' shape is rendered from these
 * records by services/render.ts (counts are derived from the tasks, never stored twice).
 */
import type { DeploymentConfiguration, ServiceLoadBalancer, TaskDefinition } from '../../protocol.ts';
import type { TimerId } from '../clock.ts';
import type { EngineContext } from '../context.ts';
import { ACCOUNT_ID, REGION, isoAt } from '../ids/arn.ts';
import type { AwsvpcConfig } from '../network/awsvpc-configuration.ts';
import type { Constraint, Strategy } from '../placement/request.ts';
import type { Prng } from '../prng.ts';
import type { EngineState, TaskLifecycleObserver } from '../state.ts';
import type { EventBridgeDraft } from '../events/eventbridge.ts';

export type DeploymentStatus = 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface DeploymentRecord {
  /** `ecs-svc/` + 19 digits; also the `startedBy` of the tasks it starts, as on AWS. */
  id: string;
  status: DeploymentStatus;
  taskDefinition: TaskDefinition;
  launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  /** Issue 6: the capacity provider strategy the deployment launches through (launchType is then its kind: FARGATE or EC2). */
  capacityProviderStrategy?: { capacityProvider: string; weight: number; base: number }[];
  /** Fargate: the platform version asked for (LATEST resolves to 1.4.0). */
  platformVersion?: string;
  /** Fargate: the platform family of its tasks (`Linux`, or the Windows operating system family). */
  platformFamily?: string;
  /** awsvpc: the checked configuration, and the request's form for DescribeServices. */
  network?: AwsvpcConfig;
  /** How many tasks this deployment wants now (the PRIMARY: the service's desiredCount; older ones: 0). */
  desiredCount: number;
  createdMs: number;
  updatedMs: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  /** Tasks of this deployment that failed (circuit breaker, stage 1 and 2). */
  failedTasks: number;
  /** The tasks it started that are not STOPPED yet, by ARN, in start order. */
  taskArns: Set<string>;
  /** Set when the circuit breaker started this deployment to roll back to an earlier one. */
  rollbackFrom?: string;
}

export interface ServiceRecord {
  arn: string;
  name: string;
  clusterName: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  desiredCount: number;
  launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  /** Issue 6: instead of a launch type, a capacity provider strategy (launchType is then its kind: FARGATE or EC2). */
  capacityProviderStrategy?: { capacityProvider: string; weight: number; base: number }[];
  deploymentConfiguration: DeploymentConfiguration;
  /** As given (AWS shape, for DescribeServices) and as the placement pipeline takes them. */
  placementStrategy: { type: 'binpack' | 'spread' | 'random'; field?: string }[];
  placementConstraints: { type: 'distinctInstance' | 'memberOf'; expression?: string }[];
  strategies: Strategy[];
  constraints: Constraint[];
  loadBalancers: ServiceLoadBalancer[];
  healthCheckGracePeriodSeconds?: number;
  roleArn?: string;
  propagateTags: 'NONE' | 'SERVICE' | 'TASK_DEFINITION';
  enableECSManagedTags: boolean;
  enableExecuteCommand: boolean;
  tags: { key: string; value: string }[];
  createdMs: number;
  /** PRIMARY first, then ACTIVE ones newest first; INACTIVE ones are dropped from the list. */
  deployments: DeploymentRecord[];
  /** Service events, NEWEST FIRST, at most SERVICE_EVENT_LIMIT (addServiceEvent). */
  events: { id: string; createdMs: number; message: string }[];
  /**
   * CreateService's request in canonical JSON (services/request.ts canonicalJson): the same request
   * again returns this service unchanged, a different one for the same name is refused ("Creation
   * of service was not idempotent.").
   */
  createRequest?: string;
  /** The scheduler's own bookkeeping (services/scheduler.ts); the API layer never reads it. */
  scheduler: SchedulerBookkeeping;
}

/**
 * What the scheduler remembers between its passes. Owned by services/scheduler*.ts (add fields
 * there as needed); created empty by newSchedulerBookkeeping.
 */
export interface SchedulerBookkeeping {
  /** The pending reconcile pass, if one is scheduled. */
  passTimer?: TimerId;
  /** When each task's target turned unhealthy (scheduler-tasks.ts ELB_NOTICE_MS), by task ARN. */
  elbUnhealthySince?: Map<string, number>;
  /** Consecutive tasks that stopped before RUNNING (crash-loop throttling). */
  startFailures: number;
  /** No new task starts before this virtual ms (crash-loop back-off). */
  backoffUntilMs: number;
  /** When the last steady-state event was written (they are repeated at most every few hours). */
  lastSteadyMs?: number;
  /** When the last pass ran (passes of one service are at least a couple of seconds apart). */
  lastPassMs?: number;
  /** When the pending pass (passTimer) is due. */
  passAtMs?: number;
  /** The periodic look at the cluster's container instances (added, DRAINING) while the service is not INACTIVE. */
  watchTimer?: TimerId;
  /** What that look saw last time (services/scheduler.ts clusterKey), and the instances' usage while tasks wait for room. */
  clusterKey?: number;
  usageKey?: number;
  /** The deployment the crash-loop count belongs to: a new PRIMARY resets it. */
  throttleDeploymentId?: string;
  /** No placement attempt before this virtual ms after one failed (unless the cluster changed). */
  placementRetryMs?: number;
  /** Consecutive failed placement rounds (their back-off doubles). */
  placementFailures?: number;
  /** Repeatable events already written, by key → when (written again only once the cause cleared, or after 6 hours). */
  reported?: Map<string, number>;
  /** The deployments whose IN_PROGRESS state change has been announced. */
  announced?: Set<string>;
  /** The last deployment that COMPLETED (the circuit breaker's rollback target). */
  lastCompleted?: DeploymentRecord;
  /** DAEMON: ACTIVE instances that refused the service's task (resources or constraints), until the cluster or its tasks change. */
  daemonRefused?: Set<string>;
  /** Tasks the scheduler stopped while they drained their load balancer connections: "has stopped" is written once they are STOPPED. */
  draining?: Set<string>;
  /** Those that have reached STOPPED since the last pass (written by the next pass, in one event). */
  drained?: string[];
  /** The observer given to this service's tasks (one per service). */
  observer?: TaskLifecycleObserver;
  [extra: string]: unknown;
}

export function newSchedulerBookkeeping(): SchedulerBookkeeping {
  return { startFailures: 0, backoffUntilMs: 0 };
}

/** DescribeServices keeps at most this many events per service (the console shows the 100 most recent). */
export const SERVICE_EVENT_LIMIT = 100;

export const serviceArn = (clusterName: string, serviceName: string): string =>
  `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:service/${clusterName}/${serviceName}`;

/** `ecs-svc/` and 19 digits from the seeded PRNG. */
export function newDeploymentId(prng: Prng): string {
  let digits = String(prng.int(1, 10));
  while (digits.length < 19) digits += String(prng.int(0, 10));
  return `ecs-svc/${digits}`;
}

export function servicesOf(state: EngineState): Map<string, ServiceRecord> {
  state.services ??= new Map();
  return state.services;
}

/** The service named `name` in cluster `clusterName` that is not INACTIVE (names are unique among those). */
export function findService(state: EngineState, clusterName: string, nameOrArn: string): ServiceRecord | undefined {
  const services = state.services;
  if (services === undefined) return undefined;
  const byArn = services.get(nameOrArn);
  if (byArn !== undefined) return byArn.clusterName === clusterName ? byArn : undefined;
  let found: ServiceRecord | undefined;
  for (const service of services.values()) {
    if (service.clusterName === clusterName && service.name === nameOrArn) found = service; // the newest one wins
  }
  return found;
}

export const primaryOf = (service: ServiceRecord): DeploymentRecord => service.deployments[0]!;

/**
 * Write a service event (DescribeServices `events`, newest first) and the same line to the
 * sandbox's event log (kind `service.event`), with the EventBridge event ECS sends for it, if any
 * ("ECS Service Action"). Messages use AWS's exact wording (services/messages.ts).
 */
export function addServiceEvent(ctx: EngineContext, service: ServiceRecord, message: string, eventBridge?: EventBridgeDraft): void {
  const id = ctx.prng.uuid();
  service.events.unshift({ id, createdMs: ctx.clock.now, message });
  if (service.events.length > SERVICE_EVENT_LIMIT) service.events.length = SERVICE_EVENT_LIMIT;
  ctx.emit('service.event', message, service.arn, undefined, eventBridge);
}

export const serviceEventTime = (event: { createdMs: number }): string => isoAt(event.createdMs);
