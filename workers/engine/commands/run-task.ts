/**
 * ecs:RunTask on EC2 container instances. Everything is checked first (request shape, cluster,
 * count, launch type, task definition, network configuration, capacity), then the placement plan
 * is committed: tasks are created PENDING with their resources reserved on their instances, and
 * their state machines start. Tasks that cannot be placed are not an error, as on AWS: the
 * response lists them under `failures` with the instances' reasons, and the event log explains
 * the refusal with numbers.
 */
import type { Container, Task, TaskDefinition } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { clientError, invalidParameter, MESSAGES, ok, unableToAssumeRole, type CommandResult } from '../errors.ts';
import { trusts } from '../iam/policy.ts';
import { ECS_TASKS_PRINCIPAL, findRole } from '../iam/roles.ts';
import type { EngineState } from '../state.ts';
import { containerArn, isoAt, newResourceId, taskArn } from '../ids/arn.ts';
import { taskLabel } from '../machines/task-lifecycle.ts';
import { explainPlacementFailure } from '../placement/explain.ts';
import { failureReason, planPlacement, type Placement, type PlacementRequest } from '../placement/plan.ts';
import { renderTask } from '../snapshot.ts';
import { instancesOfCluster, type ClusterRecord, type TaskRecord } from '../state.ts';
import { portRequirements, taskReservation } from '../taskdef/index.ts';
import { plural } from '../text.ts';
import { findCluster } from './clusters.ts';
import { checkParams } from './params.ts';
import { checkTags, type Tag } from './tags.ts';
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
  networkConfiguration?: { awsvpcConfiguration?: { subnets?: unknown } };
  overrides?: { containerOverrides?: unknown[] };
  tags?: unknown[];
}

const RUN_TASK_SHAPE = {
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

interface Validated {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinition;
  count: number;
  group: string;
  startedBy?: string;
  tags: Tag[];
  containerOverrides: unknown[];
  request: PlacementRequest;
  /** Placement fields given but not evaluated yet, for a note in the event log. */
  ignoredPlacement: string[];
}

export function runTask(ctx: EngineContext, raw: unknown): CommandResult {
  const validated = validate(ctx, raw);
  if (!validated.ok) return validated.result;
  const run = validated.value;
  const instances = instancesOfCluster(ctx.state, run.cluster.clusterName);
  if (instances.length === 0) return invalidParameter(MESSAGES.noContainerInstances());
  // AWS's RunTask without a strategy places at random among the instances that fit (ecs-reference §1).
  const plan = planPlacement(instances, run.request, run.count, (candidates) => ctx.prng.int(0, candidates));

  // Committing: nothing below can fail.
  if (run.ignoredPlacement.length > 0) {
    ctx.emit('placement.note', MESSAGES.placementNotEvaluated(run.ignoredPlacement), run.taskDefinition.taskDefinitionArn);
  }
  const tasks: Task[] = [];
  for (const placement of plan.placements) tasks.push(renderTask(launch(ctx, run, placement).task));
  const failures = plan.verdicts.map((verdict) => ({
    arn: verdict.containerInstanceArn,
    reason: failureReason(verdict.rejections[0]!),
  }));
  if (plan.unplaced > 0) {
    const why = explainPlacementFailure(run.request.label, plan.verdicts);
    const placed = plan.placements.length;
    const lead = placed === 0
      ? `RunTask could not place ${plural(run.count, 'task')} of ${run.request.label} in cluster ${run.cluster.clusterName}`
      : `RunTask placed ${placed} of ${run.count} tasks of ${run.request.label} in cluster ${run.cluster.clusterName}; ${plan.unplaced} could not be placed`;
    ctx.emit('placement.failed', `${lead}: ${why}.`, run.taskDefinition.taskDefinitionArn);
  }
  return ok({ tasks, failures });
}

type Check<T> = { ok: true; value: T } | { ok: false; result: CommandResult };

function validate(ctx: EngineContext, raw: unknown): Check<Validated> {
  const checked = checkParams<RunTaskInput>(raw, RUN_TASK_SHAPE);
  if (!checked.ok) return checked;
  const input = checked.input;
  const found = findCluster(ctx, input.cluster);
  if (!found.ok) return found;
  const count = input.count ?? 1;
  if (count < 1 || count > 10) return { ok: false, result: invalidParameter(MESSAGES.countRange(count)) };
  const launch = checkLaunchType(input);
  if (launch !== undefined) return { ok: false, result: launch };
  const td = lookupTaskDefinition(ctx.state, input.taskDefinition);
  if (!td.ok) return { ok: false, result: invalidParameter(MESSAGES.taskDefinitionNotFound()) };
  const taskDefinition = td.taskDefinition;
  if (taskDefinition.status !== 'ACTIVE') return { ok: false, result: invalidParameter(MESSAGES.taskDefinitionInactive()) };
  if (!taskDefinition.compatibilities.includes('EC2')) {
    return { ok: false, result: invalidParameter(MESSAGES.launchTypeNotSupported('EC2')) };
  }
  const roles = checkTaskRoles(ctx.state, taskDefinition);
  if (roles !== undefined) return { ok: false, result: roles };
  const networkMode = taskDefinition.networkMode ?? 'bridge';
  if (networkMode === 'awsvpc') {
    const awsvpc = input.networkConfiguration?.awsvpcConfiguration;
    if (awsvpc === undefined) return { ok: false, result: invalidParameter(MESSAGES.networkConfigurationRequired()) };
    const subnets = awsvpc.subnets;
    if (!Array.isArray(subnets) || subnets.length === 0) return { ok: false, result: invalidParameter(MESSAGES.subnetsEmpty()) };
  }
  const group = input.group ?? `family:${taskDefinition.family}`;
  if (group.length > 255) return { ok: false, result: invalidParameter(MESSAGES.tooLong('group', 255, group.length)) };
  if (input.startedBy !== undefined && input.startedBy.length > 128) {
    return { ok: false, result: invalidParameter(MESSAGES.tooLong('startedBy', 128, input.startedBy.length)) };
  }
  const tags = checkTags(input.tags);
  if (!tags.ok) return tags;
  return {
    ok: true,
    value: {
      cluster: found.cluster,
      taskDefinition,
      count,
      group,
      ...(input.startedBy === undefined ? {} : { startedBy: input.startedBy }),
      tags: tags.tags,
      containerOverrides: Array.isArray(input.overrides?.containerOverrides) ? input.overrides.containerOverrides : [],
      request: placementRequest(taskDefinition, networkMode),
      ignoredPlacement: (['placementConstraints', 'placementStrategy'] as const).filter((field) => (input[field]?.length ?? 0) > 0),
    },
  };
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

function checkLaunchType(input: RunTaskInput): CommandResult | undefined {
  if ((input.capacityProviderStrategy?.length ?? 0) > 0) return invalidParameter(MESSAGES.capacityProvidersLater());
  switch (input.launchType) {
    case undefined:
    case 'EC2':
      return undefined;
    case 'FARGATE':
      return invalidParameter(MESSAGES.fargateLater());
    case 'EXTERNAL':
      return invalidParameter(MESSAGES.externalLater());
    default:
      return invalidParameter(MESSAGES.invalidLaunchType(input.launchType));
  }
}

function placementRequest(td: TaskDefinition, networkMode: string): PlacementRequest {
  const reservation = taskReservation(td);
  // In awsvpc mode the task has its own ENI, so its ports do not bind on the instance; none has no ports.
  const bindsHostPorts = networkMode === 'bridge' || networkMode === 'host';
  const platform = td.runtimePlatform as { cpuArchitecture?: string } | undefined;
  const architecture = platform?.cpuArchitecture === 'ARM64' ? 'arm64' : platform?.cpuArchitecture === 'X86_64' ? 'x86_64' : undefined;
  return {
    label: `${td.family}:${td.revision}`,
    cpuUnits: reservation.cpuUnits,
    memoryMiB: reservation.memoryMiB,
    ports: bindsHostPorts ? portRequirements(td) : [],
    needsEni: networkMode === 'awsvpc',
    ...(architecture === undefined ? {} : { cpuArchitecture: architecture }),
  };
}

function launch(ctx: EngineContext, run: Validated, placement: Placement): TaskRecord {
  const { instance } = placement;
  const td = run.taskDefinition;
  const clusterName = run.cluster.clusterName;
  const taskId = newResourceId(ctx.prng);
  const arn = taskArn(clusterName, taskId);
  const containers: Container[] = td.containerDefinitions.map((definition) => {
    const container: Container = {
      containerArn: containerArn(clusterName, taskId, ctx.prng.uuid()),
      taskArn: arn,
      name: String(definition.name),
      image: String(definition.image),
      lastStatus: 'PENDING',
      networkBindings: [],
      networkInterfaces: [],
      healthStatus: 'UNKNOWN',
      cpu: String(definition.cpu ?? 0),
    };
    if (definition.memory !== undefined) container.memory = String(definition.memory);
    if (definition.memoryReservation !== undefined) container.memoryReservation = String(definition.memoryReservation);
    return container;
  });
  const task: Task = {
    taskArn: arn,
    clusterArn: run.cluster.clusterArn,
    taskDefinitionArn: td.taskDefinitionArn,
    containerInstanceArn: instance.containerInstanceArn,
    availabilityZone: instance.availabilityZone,
    group: run.group,
    lastStatus: 'PENDING',
    desiredStatus: 'RUNNING',
    launchType: 'EC2',
    ...(td.cpu === undefined ? {} : { cpu: td.cpu }),
    ...(td.memory === undefined ? {} : { memory: td.memory }),
    containers,
    ...(run.startedBy === undefined ? {} : { startedBy: run.startedBy }),
    healthStatus: 'UNKNOWN',
    version: 1,
    overrides: { containerOverrides: structuredClone(run.containerOverrides), inferenceAcceleratorOverrides: [] },
    attachments: [],
    tags: run.tags.map((tag) => ({ ...tag })),
    createdAt: isoAt(ctx.clock.now),
  };
  const record: TaskRecord = {
    task,
    clusterName,
    family: td.family,
    taskDefinition: td,
    instanceArn: instance.containerInstanceArn,
    cpuUnits: run.request.cpuUnits,
    memoryMiB: run.request.memoryMiB,
    ports: placement.ports,
    usesEni: run.request.needsEni,
    createdMs: ctx.clock.now,
    released: false,
  };
  reserve(record, placement);
  ctx.state.tasks.set(arn, record);
  ctx.emit(
    'task.pending',
    `${taskLabel(record)} is PENDING on ${instance.ec2InstanceId} in ${instance.availabilityZone} (reserved ${record.cpuUnits} CPU units, ${record.memoryMiB} MiB).`,
    arn,
  );
  ctx.launchTask(record);
  return record;
}

/** Reserve the task's resources on its instance at placement; they are given back on STOPPED. */
function reserve(record: TaskRecord, placement: Placement): void {
  const instance = placement.instance;
  instance.usedCpuUnits += record.cpuUnits;
  instance.usedMemoryMiB += record.memoryMiB;
  for (const port of placement.ports) {
    const table = port.dynamic
      ? port.protocol === 'tcp' ? instance.dynamicTcp : instance.dynamicUdp
      : port.protocol === 'tcp' ? instance.staticTcp : instance.staticUdp;
    table.set(port.hostPort, record.task.taskArn);
  }
  instance.lastDynamicPort = placement.lastDynamicPort;
  if (record.usesEni) instance.enisUsed += 1;
  instance.version += 1;
}
