/**
 * RunTask on EC2 container instances: check the network configuration, plan the placement with
 * the pipeline (placement/), then commit it: tasks are created PENDING with their resources
 * reserved on their instances, and their state machines start.
 */
import type { Task, TaskDefinition } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { invalidParameter, MESSAGES, ok, type CommandResult } from '../errors.ts';
import { taskLabel } from '../machines/task-lifecycle.ts';
import { explainPlacementFailure } from '../placement/explain.ts';
import { failureReason, planPlacement, type Placement, type PlacementRequest } from '../placement/plan.ts';
import { renderTask } from '../snapshot.ts';
import { instancesOfCluster, type TaskRecord } from '../state.ts';
import { portRequirements, taskReservation } from '../taskdef/index.ts';
import { plural } from '../text.ts';
import type { RunTaskRequest } from './run-task-request.ts';
import { createTaskRecord } from './task-factory.ts';

export function runOnEc2(ctx: EngineContext, run: RunTaskRequest): CommandResult {
  if (run.networkMode === 'awsvpc') {
    const awsvpc = (run.networkConfiguration as { awsvpcConfiguration?: { subnets?: unknown } } | undefined)?.awsvpcConfiguration;
    if (awsvpc === undefined) return invalidParameter(MESSAGES.networkConfigurationRequired());
    if (!Array.isArray(awsvpc.subnets) || awsvpc.subnets.length === 0) return invalidParameter(MESSAGES.subnetsEmpty());
  }
  const instances = instancesOfCluster(ctx.state, run.cluster.clusterName);
  if (instances.length === 0) return invalidParameter(MESSAGES.noContainerInstances());
  const request = placementRequest(run.taskDefinition, run.networkMode);
  const ignored = (['placementConstraints', 'placementStrategy'] as const).filter((field) => (run[field]?.length ?? 0) > 0);
  const plan = planPlacement(instances, request, run.count, (candidates) => ctx.prng.int(0, candidates));

  // Committing: nothing below can fail.
  if (ignored.length > 0) ctx.emit('placement.note', MESSAGES.placementNotEvaluated(ignored), run.taskDefinition.taskDefinitionArn);
  const tasks: Task[] = [];
  for (const placement of plan.placements) tasks.push(renderTask(launch(ctx, run, request, placement).task));
  const failures = plan.verdicts.map((verdict) => ({
    arn: verdict.containerInstanceArn,
    reason: failureReason(verdict.rejections[0]!),
  }));
  if (plan.unplaced > 0) {
    const why = explainPlacementFailure(request.label, plan.verdicts);
    const placed = plan.placements.length;
    const lead = placed === 0
      ? `RunTask could not place ${plural(run.count, 'task')} of ${request.label} in cluster ${run.cluster.clusterName}`
      : `RunTask placed ${placed} of ${run.count} tasks of ${request.label} in cluster ${run.cluster.clusterName}; ${plan.unplaced} could not be placed`;
    ctx.emit('placement.failed', `${lead}: ${why}.`, run.taskDefinition.taskDefinitionArn);
  }
  return ok({ tasks, failures });
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

function launch(ctx: EngineContext, run: RunTaskRequest, request: PlacementRequest, placement: Placement): TaskRecord {
  const { instance } = placement;
  const record = createTaskRecord(ctx, run, {
    launchType: 'EC2',
    availabilityZone: instance.availabilityZone,
    instance,
    cpuUnits: request.cpuUnits,
    memoryMiB: request.memoryMiB,
    ports: placement.ports,
    usesEni: request.needsEni,
  });
  reserve(record, placement);
  ctx.emit(
    'task.pending',
    `${taskLabel(record)} is PENDING on ${instance.ec2InstanceId} in ${instance.availabilityZone} (reserved ${record.cpuUnits} CPU units, ${record.memoryMiB} MiB).`,
    record.task.taskArn,
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
