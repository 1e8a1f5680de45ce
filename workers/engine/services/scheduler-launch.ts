/**
 * Launching a service's tasks through RunTask's own launch path (commands/run-task-ec2.ts: the
 * placement pipeline; run-task-fargate.ts: spread over the subnets' zones), as the service
 * scheduler does on AWS: task group `service:<name>`, startedBy the deployment id, the service's
 * strategies (default: spread over Availability Zones, then over instances) and constraints. Each
 * task is then tied to its service: serviceArn, deploymentId, the service's load balancers (which
 * the task registers with while ACTIVATING) and the scheduler's observer.
 *
 * When tasks cannot be placed, the outcome says why in the form of AWS's service event: the
 * closest matching container instance (the one refused by the latest rule of the pipeline, so the
 * one that met the most requirements) and its reason.
 */
// Service tasks register with their load balancers through the lifecycle's hook, which this fills.
import '../machines/task-load-balancers.ts';
import type { Task } from '../../protocol.ts';
import { runOnEc2 } from '../commands/run-task-ec2.ts';
import { runOnFargate } from '../commands/run-task-fargate.ts';
import { runWithStrategy } from '../capacity/run-with-strategy.ts';
import type { RunTaskRequest } from '../commands/run-task-request.ts';
import type { EngineContext } from '../context.ts';
import { idOfArn } from '../ids/arn.ts';
import type { Strategy } from '../placement/request.ts';
import type { TaskLifecycleObserver } from '../state.ts';
import { SERVICE_MESSAGES } from './messages.ts';
import type { DeploymentRecord, ServiceRecord } from './model.ts';

/** The service scheduler's default placement (ecs-reference §1, §2): spread over AZs, then over instances. */
export const SCHEDULER_DEFAULT_STRATEGIES: readonly Strategy[] = [
  { type: 'spread', by: 'attribute', attribute: 'ecs.availability-zone', source: { type: 'spread', field: 'attribute:ecs.availability-zone', origin: 'default' } },
  { type: 'spread', by: 'instanceId', source: { type: 'spread', field: 'instanceId', origin: 'default' } },
];

export interface LaunchOutcome {
  started: string[];
  /** Tasks that could not be placed, with the service event that says why (and EventBridge's reason code). */
  unplaced: number;
  failure?: { message: string; reason: string };
}

/** Later rules of the pipeline first: an instance refused by a later rule met more requirements. */
const REASON_RANK: Record<string, number> = { 'RESOURCE:CPU': 1, 'RESOURCE:MEMORY': 2, 'RESOURCE:PORTS': 3, 'RESOURCE:ENI': 4, ATTRIBUTE: 5 };

export function launchServiceTasks(
  ctx: EngineContext,
  service: ServiceRecord,
  deployment: DeploymentRecord,
  count: number,
  observer: TaskLifecycleObserver,
  onlyInstanceArn?: string,
): LaunchOutcome {
  const cluster = ctx.state.clusters.get(service.clusterName);
  if (cluster === undefined || count <= 0) return { started: [], unplaced: 0 };
  const td = deployment.taskDefinition;
  const network = deployment.network;
  const run: RunTaskRequest = {
    cluster,
    taskDefinition: td,
    networkMode: td.networkMode ?? 'bridge',
    count,
    group: `service:${service.name}`,
    startedBy: deployment.id,
    tags: [],
    containerOverrides: [],
    requester: `Service ${service.name}`,
    ...(network === undefined
      ? {}
      : { networkConfiguration: { awsvpcConfiguration: { subnets: network.subnets.map((s) => s.subnetId), securityGroups: network.securityGroups, assignPublicIp: network.assignPublicIp } } }),
    ...(deployment.launchType === 'FARGATE'
      ? deployment.platformVersion === undefined ? {} : { platformVersion: deployment.platformVersion }
      : {
          placementStrategy: service.placementStrategy,
          placementConstraints: service.placementConstraints,
          defaultStrategies: service.schedulingStrategy === 'DAEMON' ? [] : SCHEDULER_DEFAULT_STRATEGIES,
          ...(onlyInstanceArn === undefined ? {} : { onlyInstanceArn }),
          // ECS Anywhere: placed on external instances only (placement/filters/status.ts).
          ...(deployment.launchType === 'EXTERNAL' ? { launchType: 'EXTERNAL' as const } : {}),
        }),
  };
  const strategy = deployment.capacityProviderStrategy;
  const result = strategy !== undefined
    ? runWithStrategy(ctx, run, { items: strategy, launchType: deployment.launchType === 'FARGATE' ? 'FARGATE' : 'EC2', fromClusterDefault: false }, tasksPerProvider(ctx, deployment))
    : deployment.launchType === 'FARGATE' ? runOnFargate(ctx, run) : runOnEc2(ctx, run);
  if (!result.ok) {
    const noInstances = /no container instances/i.test(result.error.message);
    return {
      started: [],
      unplaced: count,
      failure: noInstances
        ? { message: SERVICE_MESSAGES.noContainerInstances(service.name), reason: 'No Container Instances were found in your cluster.' }
        : { message: SERVICE_MESSAGES.unableToPlaceReason(service.name, result.error.message), reason: result.error.message },
    };
  }
  const response = result.response as { tasks: Task[]; failures: { arn: string; reason: string }[] };
  const started: string[] = [];
  for (const task of response.tasks) {
    const record = ctx.state.tasks.get(task.taskArn);
    if (record === undefined) continue;
    record.serviceArn = service.arn;
    record.deploymentId = deployment.id;
    if (service.loadBalancers.length > 0) record.loadBalancers = service.loadBalancers;
    record.observer = observer;
    deployment.taskArns.add(task.taskArn);
    started.push(task.taskArn);
  }
  const unplaced = count - started.length;
  if (unplaced === 0) return { started, unplaced };
  let closest: { arn: string; reason: string } | undefined;
  for (const failure of response.failures) {
    if (closest === undefined || rank(failure.reason) > rank(closest.reason)) closest = failure;
  }
  // Fargate refuses a task only when its subnets have no free address left (run-task-fargate.ts).
  const failure = closest === undefined || deployment.launchType === 'FARGATE'
    ? { message: SERVICE_MESSAGES.unableToPlaceReason(service.name, 'No free private IP address is left in the service\'s subnets (Sandbox).'), reason: 'RESOURCE:ENI' }
    : { message: SERVICE_MESSAGES.unableToPlace(service.name, idOfArn(closest.arn), closest.reason), reason: closest.reason };
  return { started, unplaced, failure };
}

const rank = (reason: string): number => REASON_RANK[reason] ?? 6;

/**
 * The deployment's live tasks per capacity provider, so that base and weight hold over all its
 * tasks, not each launch alone (a service scaling from 2 to 10 gets the same split as one created
 * with 10). Counted per deployment: a new deployment's strategy applies to its own tasks.
 */
function tasksPerProvider(ctx: EngineContext, deployment: DeploymentRecord): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const arn of deployment.taskArns) {
    const record = ctx.state.tasks.get(arn);
    const provider = record?.capacityProviderName;
    if (provider === undefined || record!.task.desiredStatus === 'STOPPED') continue;
    counts[provider] = (counts[provider] ?? 0) + 1;
  }
  return counts;
}
