/**
 * RunTask on EC2 container instances: check the network configuration and the placement options,
 * run the placement pipeline (placement/), then commit the plan: tasks are created PENDING with
 * their resources reserved on their instances, and their state machines start. The decision is
 * recorded for the explainer; its id rides on the events it causes.
 */
import type { Task } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { invalidParameter, MESSAGES, ok, type CommandResult } from '../errors.ts';
import { attachTaskEni, subnetInZone } from '../machines/task-eni.ts';
import { networkCatalogOf } from '../network/security-groups.ts';
import { taskLabel } from '../machines/task-lifecycle.ts';
import { checkAwsvpcConfiguration, type AwsvpcConfig } from '../network/index.ts';
import { recordDecision } from '../placement/decisions.ts';
import { buildLedger, cloneLedger, type Ledger } from '../placement/ledger.ts';
import { checkConstraints, checkStrategies, RUN_TASK_DEFAULT_STRATEGIES } from '../placement/options.ts';
import { instanceFailures } from '../placement/failures.ts';
import { planPlacements, type PlannedTask } from '../placement/pipeline.ts';
import type { PlacementRequest } from '../placement/request.ts';
import { failureSummary } from '../placement/summary.ts';
import { renderTask } from '../snapshot.ts';
import { instancesOfCluster, type InstanceRecord, type TaskRecord } from '../state.ts';
import { portRequirements, taskReservation } from '../taskdef/index.ts';
import { plural } from '../text.ts';
import type { RunTaskRequest } from './run-task-request.ts';
import { createTaskRecord, placeAwaitingRecord } from './task-factory.ts';
import { ec2CapacityHooks } from '../capacity/ec2-hooks.ts';

export function runOnEc2(ctx: EngineContext, run: RunTaskRequest): CommandResult {
  const prepared = prepareEc2Placement(ctx, run);
  const capacity = ec2CapacityHooks(run);
  if (!prepared.ok) {
    // An Auto Scaling group provider with managed scaling and no instance yet: every task waits for capacity.
    if (prepared.request !== undefined && capacity?.waitsForCapacity(ctx.state, run) === true) {
      const waiting = capacity.createWaitingTasks(ctx, run, prepared.request, run.count);
      return ok({ tasks: waiting.tasks.map((record) => outward(run, record.task)), failures: waiting.failures });
    }
    return prepared.result;
  }
  const { request, ledger } = prepared;
  const before = cloneLedger(ledger);
  const plan = planPlacements(ledger, run.count, (n) => ctx.prng.int(0, n));

  // Committing: nothing below can fail.
  const decision = recordDecision(ctx.state, ctx.clock.now, before, plan.placed.map((p) => p.instanceIndex), run.count);
  // The service scheduler (run.requester) reads only the task ARNs: it gets the live records' tasks, not copies.
  const tasks: Task[] = plan.placed.map((planned, index) => {
    const task = launch(ctx, run, { request, ledger, planned, placementId: decision.placementId, index, awsvpc: prepared.awsvpc }).task;
    return outward(run, task);
  });
  if (plan.unplaced > 0 && capacity?.waitsForCapacity(ctx.state, run) === true) {
    const waiting = capacity.createWaitingTasks(ctx, run, request, plan.unplaced);
    for (const record of waiting.tasks) tasks.push(outward(run, record.task));
    return ok({ tasks, failures: waiting.failures });
  }
  const failures = plan.unplaced > 0 ? instanceFailures(ledger) : [];
  if (plan.unplaced > 0) {
    const placed = plan.placed.length;
    const lead = placed === 0
      ? `${run.requester ?? 'RunTask'} could not place ${plural(run.count, 'task')} of ${request.label} in cluster ${run.cluster.clusterName}`
      : `${run.requester ?? 'RunTask'} placed ${placed} of ${run.count} tasks of ${request.label} in cluster ${run.cluster.clusterName}; ${plan.unplaced} could not be placed`;
    ctx.emit('placement.failed', `${lead}: ${failureSummary(ledger)}.`, run.taskDefinition.taskDefinitionArn, decision.placementId);
  }
  return ok({ tasks, failures });
}

const outward = (run: RunTaskRequest, task: Task): Task => (run.requester === undefined ? renderTask(task) : task);

/**
 * Place tasks that waited in PROVISIONING for capacity (capacity/waiting.ts): the same pipeline as
 * RunTask on the provider's instances, `records.length` tasks of one kind at once; each placed
 * task keeps its record (ARN, createdAt) and starts. Returns how many were placed (FIFO).
 */
export function placeWaitingTasks(ctx: EngineContext, run: RunTaskRequest, records: readonly TaskRecord[]): number {
  const prepared = prepareEc2Placement(ctx, { ...run, count: records.length });
  if (!prepared.ok) return 0;
  const { request, ledger } = prepared;
  const before = cloneLedger(ledger);
  const plan = planPlacements(ledger, records.length, (n) => ctx.prng.int(0, n));
  if (plan.placed.length === 0) return 0;
  const decision = recordDecision(ctx.state, ctx.clock.now, before, plan.placed.map((p) => p.instanceIndex), plan.placed.length);
  plan.placed.forEach((planned, index) => {
    launch(ctx, run, { request, ledger, planned, placementId: decision.placementId, index, awsvpc: prepared.awsvpc, existing: records[index] });
  });
  return plan.placed.length;
}

export type PreparedPlacement =
  | { ok: true; request: PlacementRequest; ledger: Ledger; awsvpc?: AwsvpcConfig }
  /** `request` is there when only the instances were missing (tasks of a capacity provider may then wait). */
  | { ok: false; result: CommandResult; request?: PlacementRequest };

/** Everything RunTask on EC2 checks before placing; read-only (the explainer's what-if uses it too). */
export function prepareEc2Placement(ctx: EngineContext, run: RunTaskRequest): PreparedPlacement {
  let awsvpc: AwsvpcConfig | undefined;
  if (run.networkMode === 'awsvpc') {
    const checked = checkAwsvpcConfiguration(run.networkConfiguration, { launchType: 'EC2', catalog: networkCatalogOf(ctx.state) });
    if (!checked.ok) return { ok: false, result: { ok: false, error: checked.error } };
    awsvpc = checked.config;
  }
  const strategies = checkStrategies(run.placementStrategy, run.defaultStrategies ?? RUN_TASK_DEFAULT_STRATEGIES);
  if (!strategies.ok) return { ok: false, result: invalidParameter(strategies.message) };
  const constraints = checkConstraints(run.placementConstraints, run.taskDefinition);
  if (!constraints.ok) return { ok: false, result: invalidParameter(constraints.message) };
  const all = instancesOfCluster(ctx.state, run.cluster.clusterName);
  // Through an Auto Scaling group capacity provider, only that provider's instances are eligible.
  const provider = run.capacityProviderName;
  const instances = all.filter((instance) =>
    (run.onlyInstanceArn === undefined || instance.containerInstanceArn === run.onlyInstanceArn) &&
    (provider === undefined || instance.capacityProviderName === provider));
  const td = run.taskDefinition;
  const reservation = taskReservation(td);
  // In awsvpc mode the task has its own ENI, so its ports do not bind on the instance; none has no ports.
  const bindsHostPorts = run.networkMode === 'bridge' || run.networkMode === 'host';
  const platform = td.runtimePlatform as { cpuArchitecture?: string } | undefined;
  const architecture = platform?.cpuArchitecture === 'ARM64' ? 'arm64' : platform?.cpuArchitecture === 'X86_64' ? 'x86_64' : undefined;
  const request: PlacementRequest = {
    label: `${td.family}:${td.revision}`,
    taskDefinitionArn: td.taskDefinitionArn,
    clusterName: run.cluster.clusterName,
    group: run.group,
    cpuUnits: reservation.cpuUnits,
    memoryMiB: reservation.memoryMiB,
    ports: bindsHostPorts ? portRequirements(td) : [],
    needsEni: run.networkMode === 'awsvpc',
    ...(awsvpc === undefined ? {} : { subnetZones: new Set(awsvpc.subnets.map((subnet) => subnet.availabilityZone)) }),
    requiredAttributes: [
      ...td.requiresAttributes.map((attribute) => ({ name: attribute.name })),
      ...(architecture === undefined ? [] : [{ name: 'ecs.cpu-architecture', value: architecture }]),
    ],
    strategies: strategies.value,
    constraints: constraints.value,
    ...(run.launchType === 'EXTERNAL' ? { launchType: 'EXTERNAL' as const } : {}),
  };
  if (instances.length === 0) return { ok: false, result: invalidParameter(MESSAGES.noContainerInstances()), request };
  return { ok: true, request, ledger: buildLedger(ctx.state, instances, request), ...(awsvpc === undefined ? {} : { awsvpc }) };
}

interface Launch {
  request: PlacementRequest;
  ledger: Ledger;
  planned: PlannedTask;
  placementId: string;
  index: number;
  awsvpc: AwsvpcConfig | undefined;
  /** A task that waited for capacity: it is placed as it is instead of a new record. */
  existing?: TaskRecord;
}

function launch(ctx: EngineContext, run: RunTaskRequest, { request, ledger, planned, placementId, index, awsvpc, existing }: Launch): TaskRecord {
  const instance = ledger.instances[planned.instanceIndex]!;
  const facts = {
    launchType: run.launchType ?? 'EC2',
    availabilityZone: instance.availabilityZone,
    instance,
    cpuUnits: request.cpuUnits,
    memoryMiB: request.memoryMiB,
    ports: planned.fit.ports,
    usesEni: request.needsEni,
  } as const;
  const record = existing === undefined ? createTaskRecord(ctx, run, facts) : placeAwaitingRecord(existing, facts, ctx.clock.now);
  record.placement = { placementId, index };
  reserve(instance, record, planned);
  // Managed termination protection: an instance that takes a task is protected from scale-in at once.
  if (instance.capacityProviderName !== undefined) ec2CapacityHooks(instance)?.protectOnPlacement(ctx, instance);
  const waited = existing === undefined ? '' : `; it waited ${Math.round((ctx.clock.now - existing.createdMs) / 1000)} s in PROVISIONING for capacity from ${existing.capacityProviderName}`;
  const reserved = ` (reserved ${record.cpuUnits} CPU units, ${record.memoryMiB} MiB${waited})`;
  // awsvpc: the task's own ENI, in a given subnet of the instance's AZ (the attributes filter made sure there is one).
  const subnet = awsvpc === undefined ? undefined : subnetInZone(ctx.state.network, awsvpc.subnets, instance.availabilityZone);
  if (subnet !== undefined) {
    attachTaskEni(ctx, record, subnet, reserved, placementId);
    record.eni!.securityGroups = awsvpc!.securityGroups;
  }
  else {
    ctx.emit(
      'task.pending',
      `${taskLabel(record)} is PENDING on ${instance.ec2InstanceId} in ${instance.availabilityZone}${reserved}.`,
      record.task.taskArn,
      placementId,
    );
  }
  ctx.launchTask(record);
  return record;
}

/** Reserve the task's resources on its instance at placement; they are given back on STOPPED. */
function reserve(instance: InstanceRecord, record: TaskRecord, planned: PlannedTask): void {
  instance.usedCpuUnits += record.cpuUnits;
  instance.usedMemoryMiB += record.memoryMiB;
  for (const port of planned.fit.ports) {
    const table = port.dynamic
      ? port.protocol === 'tcp' ? instance.dynamicTcp : instance.dynamicUdp
      : port.protocol === 'tcp' ? instance.staticTcp : instance.staticUdp;
    table.set(port.hostPort, record.task.taskArn);
  }
  instance.lastDynamicPort = planned.fit.lastDynamicPort;
  if (record.usesEni) instance.enisUsed += 1;
  instance.version += 1;
}
