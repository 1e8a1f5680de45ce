/**
 * ecs:RunTask: the checks every launch type shares (request shape, cluster, count, launch type,
 * task definition, roles, group, tags), then the launch type's own code places and launches the
 * tasks: run-task-ec2.ts (the placement pipeline on container instances) or run-task-fargate.ts.
 * Tasks that cannot be placed are not an error, as on AWS: the response lists them under
 * `failures`, and the event log explains the refusal with numbers.
 */
import type { TaskDefinition } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { clientError, fail, invalidParameter, MESSAGES, unableToAssumeRole, type CommandResult } from '../errors.ts';
import { CAPACITY_NOT_LOADED, capacityHooks, type ResolvedStrategy, type StrategyResolution } from './capacity-hooks.ts';
import { trusts } from '../iam/policy.ts';
import { ECS_TASKS_PRINCIPAL, findRole } from '../iam/roles.ts';
import type { EngineState } from '../state.ts';
import { findCluster } from './clusters.ts';
import { checkParams } from './params.ts';
import { runOnEc2 } from './run-task-ec2.ts';
import { runOnFargate } from './run-task-fargate.ts';
import type { RunTaskRequest } from './run-task-request.ts';
import { checkTags } from './tags.ts';
import { lookupTaskDefinition } from './task-definitions.ts';

interface RunTaskInput {
  cluster?: string;
  placementConstraints?: unknown[];
  placementStrategy?: unknown[];
  taskDefinition: string;
  count?: number;
  launchType?: string;
  capacityProviderStrategy?: unknown[];
  group?: string;
  startedBy?: string;
  networkConfiguration?: unknown;
  overrides?: { containerOverrides?: unknown[] };
  platformVersion?: string;
  tags?: unknown[];
}

export const RUN_TASK_SHAPE = {
  params: {
    capacityProviderStrategy: 'list',
    cluster: 'string',
    count: 'integer',
    enableECSManagedTags: 'boolean',
    enableExecuteCommand: 'boolean',
    group: 'string',
    launchType: 'string',
    networkConfiguration: 'structure',
    overrides: 'structure',
    placementConstraints: 'list',
    placementStrategy: 'list',
    platformVersion: 'string',
    propagateTags: 'string',
    referenceId: 'string',
    startedBy: 'string',
    tags: 'list',
    taskDefinition: 'string',
    clientToken: 'string',
    volumeConfigurations: 'list',
  },
  required: ['taskDefinition'],
} as const;

export function runTask(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkRunTask(ctx, raw);
  if (!checked.ok) return checked.result;
  if (checked.strategy !== undefined) return capacityHooks.strategies!.run(ctx, checked.run, checked.strategy);
  return checked.launchType === 'FARGATE' ? runOnFargate(ctx, checked.run) : runOnEc2(ctx, checked.run);
}

export type RunTaskCheck =
  | { ok: true; launchType: 'EC2' | 'FARGATE' | 'EXTERNAL'; run: RunTaskRequest; strategy?: ResolvedStrategy }
  | { ok: false; result: CommandResult };

/** The checks every launch type shares; read-only (also used by the placement explainer's what-if). */
export function checkRunTask(ctx: EngineContext, raw: unknown): RunTaskCheck {
  const checked = checkParams<RunTaskInput>(raw, RUN_TASK_SHAPE);
  if (!checked.ok) return checked;
  const input = checked.input;
  const found = findCluster(ctx, input.cluster);
  if (!found.ok) return found;
  const count = input.count ?? 1;
  if (count < 1 || count > 10) return refuse(invalidParameter(MESSAGES.countRange(count)));
  // Issue 6: a capacity provider strategy (given, or the cluster's default) instead of a launch type.
  const strategy = resolveStrategy(ctx.state, found.cluster, input);
  if (!strategy.ok) return refuse(fail(strategy.error.code, strategy.error.message));
  const launchType = strategy.value === undefined ? checkLaunchType(input) : { ok: true as const, value: strategy.value.launchType };
  if (!launchType.ok) return launchType;
  // AWS: a platform version belongs to Fargate only.
  if (launchType.value === 'EC2' && input.platformVersion !== undefined) return refuse(invalidParameter(MESSAGES.platformVersionOnEc2()));
  const td = lookupTaskDefinition(ctx.state, input.taskDefinition);
  if (!td.ok) return refuse(invalidParameter(MESSAGES.taskDefinitionNotFound()));
  const taskDefinition = td.taskDefinition;
  if (taskDefinition.status !== 'ACTIVE') return refuse(invalidParameter(MESSAGES.taskDefinitionInactive()));
  if (!taskDefinition.compatibilities.includes(launchType.value)) {
    return refuse(invalidParameter(MESSAGES.launchTypeNotSupported(launchType.value)));
  }
  const roles = checkTaskRoles(ctx.state, taskDefinition);
  if (roles !== undefined) return refuse(roles);
  const group = input.group ?? `family:${taskDefinition.family}`;
  if (group.length > 255) return refuse(invalidParameter(MESSAGES.tooLong('group', 255, group.length)));
  if (input.startedBy !== undefined && input.startedBy.length > 128) {
    return refuse(invalidParameter(MESSAGES.tooLong('startedBy', 128, input.startedBy.length)));
  }
  const tags = checkTags(input.tags);
  if (!tags.ok) return tags;
  const run: RunTaskRequest = {
    cluster: found.cluster,
    taskDefinition,
    networkMode: taskDefinition.networkMode ?? 'bridge',
    count,
    group,
    tags: tags.tags,
    containerOverrides: Array.isArray(input.overrides?.containerOverrides) ? input.overrides.containerOverrides : [],
    ...(input.startedBy === undefined ? {} : { startedBy: input.startedBy }),
    ...(input.networkConfiguration === undefined ? {} : { networkConfiguration: input.networkConfiguration }),
    ...(input.platformVersion === undefined ? {} : { platformVersion: input.platformVersion }),
    ...(input.placementStrategy === undefined ? {} : { placementStrategy: input.placementStrategy }),
    ...(input.placementConstraints === undefined ? {} : { placementConstraints: input.placementConstraints }),
    ...(launchType.value === 'EXTERNAL' ? { launchType: 'EXTERNAL' as const } : {}),
  };
  return { ok: true, launchType: launchType.value, run, ...(strategy.value === undefined ? {} : { strategy: strategy.value }) };
}

/** The strategy through its hook (capacity/ loads with the full command table); none can apply before it has. */
function resolveStrategy(state: EngineState, cluster: RunTaskRequest['cluster'], input: RunTaskInput): StrategyResolution {
  if (capacityHooks.strategies !== undefined) return capacityHooks.strategies.resolve(state, cluster, input);
  const wants = (input.capacityProviderStrategy?.length ?? 0) > 0 || (input.launchType === undefined && (cluster.defaultCapacityProviderStrategy?.length ?? 0) > 0);
  return wants ? { ok: false, error: { code: 'ClientException', message: CAPACITY_NOT_LOADED } } : { ok: true, value: undefined };
}

function refuse(result: CommandResult): { ok: false; result: CommandResult } {
  return { ok: false, result };
}

/**
 * The task role and the task execution role must exist and trust ecs-tasks.amazonaws.com, or ECS
 * refuses the launch at once (ClientException, AWS's wording, then the sandbox's reason).
 * Whether they grant the right permissions is found out later, at launch (machines/launch-checks.ts).
 */
function checkTaskRoles(state: EngineState, td: TaskDefinition): CommandResult | undefined {
  for (const field of ['taskRoleArn', 'executionRoleArn'] as const) {
    const given = td[field];
    if (given === undefined) continue;
    const role = findRole(state.roles, given);
    const what = field === 'taskRoleArn' ? 'task role' : 'task execution role';
    if (role === undefined) return clientError(`${unableToAssumeRole(given)} (Sandbox: the ${what} ${given} does not exist; create it with iam:CreateRole.)`);
    if (!trusts(role.trustPolicy, ECS_TASKS_PRINCIPAL)) {
      return clientError(`${unableToAssumeRole(given)} (Sandbox: the trust policy of ${role.RoleName}, the ${what}, does not let ecs-tasks.amazonaws.com assume it.)`);
    }
  }
  return undefined;
}

function checkLaunchType(input: RunTaskInput): { ok: true; value: 'EC2' | 'FARGATE' | 'EXTERNAL' } | { ok: false; result: CommandResult } {
  switch (input.launchType) {
    case undefined:
    case 'EC2':
      return { ok: true, value: 'EC2' };
    case 'FARGATE':
      return { ok: true, value: 'FARGATE' };
    // ECS Anywhere: placed like EC2, on external instances only (placement/filters/status.ts).
    case 'EXTERNAL':
      return { ok: true, value: 'EXTERNAL' };
    default:
      return refuse(invalidParameter(MESSAGES.invalidLaunchType(input.launchType)));
  }
}
