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
import { createTaskRecord } from './task-factory.ts';

export function runOnEc2(ctx: EngineContext, run: RunTaskRequest): CommandResult {
  const prepared = prepareEc2Placement(ctx, run);
  if (!prepared.ok) return prepared.result;
  const { request, ledger } = prepared;
  const before = cloneLedger(ledger);
  const plan = planPlacements(ledger, run.count, (n) => ctx.prng.int(0, n));

  // Committing: nothing below can fail.
  const decision = recordDecision(ctx.state, ctx.clock.now, before, plan.placed.map((p) => p.instanceIndex), run.count);
  // The service scheduler (run.requester) reads only the task ARNs: it gets the live records' tasks, not copies.
  const tasks: Task[] = plan.placed.map((planned, index) => {
    const task = launch(ctx, run, { request, ledger, planned, placementId: decision.placementId, index, awsvpc: prepared.awsvpc }).task;
    return run.requester === undefined ? renderTask(task) : task;
  });
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

export type PreparedPlacement =
  | { ok: true; request: PlacementRequest; ledger: Ledger; awsvpc?: AwsvpcConfig }
  | { ok: false; result: CommandResult };

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
  const instances = run.onlyInstanceArn === undefined ? all : all.filter((instance) => instance.containerInstanceArn === run.onlyInstanceArn);
  if (instances.length === 0) return { ok: false, result: invalidParameter(MESSAGES.noContainerInstances()) };
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
  };
  return { ok: true, request, ledger: buildLedger(ctx.state, instances, request), ...(awsvpc === undefined ? {} : { awsvpc }) };
}

interface Launch {
  request: PlacementRequest;
  ledger: Ledger;
  planned: PlannedTask;
  placementId: string;
  index: number;
  awsvpc: AwsvpcConfig | undefined;
}

function launch(ctx: EngineContext, run: RunTaskRequest, { request, ledger, planned, placementId, index, awsvpc }: Launch): TaskRecord {
  const instance = ledger.instances[planned.instanceIndex]!;
  const record = createTaskRecord(ctx, run, {
    launchType: 'EC2',
    availabilityZone: instance.availabilityZone,
    instance,
    cpuUnits: request.cpuUnits,
    memoryMiB: request.memoryMiB,
    ports: planned.fit.ports,
    usesEni: request.needsEni,
  });
  record.placement = { placementId, index };
  reserve(instance, record, planned);
  const reserved = ` (reserved ${record.cpuUnits} CPU units, ${record.memoryMiB} MiB)`;
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
