/**
 * Creating a task record (the AWS-shaped Task plus what the engine tracks about it) for a RunTask
 * of any launch type. The caller decides where the task runs and what it reserves; the record is
 * stored in the state, but its state machine is not started (the caller does that once the
 * resources are reserved).
 */
import type { Attachment, Container, Task } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { containerArn, isoAt, newResourceId, taskArn } from '../ids/arn.ts';
import type { InstanceRecord, PortAssignment, TaskRecord } from '../state.ts';
import type { RunTaskRequest } from './run-task-request.ts';

export interface TaskPlacementFacts {
  launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  availabilityZone: string;
  /** EC2 only. */
  instance?: InstanceRecord;
  cpuUnits: number;
  memoryMiB: number;
  ports: PortAssignment[];
  usesEni: boolean;
  attachments?: Attachment[];
  /** Extra AWS fields (Fargate: platformVersion, platformFamily, ephemeralStorage). */
  extra?: Partial<Task>;
}

export function createTaskRecord(ctx: EngineContext, run: RunTaskRequest, facts: TaskPlacementFacts): TaskRecord {
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
    ...(facts.instance === undefined ? {} : { containerInstanceArn: facts.instance.containerInstanceArn }),
    availabilityZone: facts.availabilityZone,
    group: run.group,
    lastStatus: 'PENDING',
    desiredStatus: 'RUNNING',
    launchType: facts.launchType,
    ...(td.cpu === undefined ? {} : { cpu: td.cpu }),
    ...(td.memory === undefined ? {} : { memory: td.memory }),
    containers,
    ...(run.startedBy === undefined ? {} : { startedBy: run.startedBy }),
    healthStatus: 'UNKNOWN',
    version: 1,
    overrides: { containerOverrides: structuredClone(run.containerOverrides), inferenceAcceleratorOverrides: [] },
    attachments: facts.attachments ?? [],
    tags: run.tags.map((tag) => ({ ...tag })),
    createdAt: isoAt(ctx.clock.now),
    ...(run.capacityProviderName === undefined ? {} : { capacityProviderName: run.capacityProviderName }),
    ...facts.extra,
  };
  const record: TaskRecord = {
    task,
    clusterName,
    family: td.family,
    taskDefinition: td,
    ...(facts.instance === undefined ? {} : { instanceArn: facts.instance.containerInstanceArn }),
    cpuUnits: facts.cpuUnits,
    memoryMiB: facts.memoryMiB,
    ports: facts.ports,
    usesEni: facts.usesEni,
    createdMs: ctx.clock.now,
    released: false,
    ...(run.capacityProviderName === undefined ? {} : { capacityProviderName: run.capacityProviderName }),
  };
  ctx.state.tasks.set(arn, record);
  return record;
}

/**
 * A task that waited in PROVISIONING for capacity (capacity/waiting.ts) is placed: it gets its
 * instance, zone and host ports, and is PENDING (or PROVISIONING again while its ENI attaches);
 * its ARN and createdAt stay those RunTask gave it.
 */
export function placeAwaitingRecord(record: TaskRecord, facts: TaskPlacementFacts, nowMs: number): TaskRecord {
  const task = record.task;
  delete record.awaitingCapacity;
  record.placedMs = nowMs;
  if (facts.instance !== undefined) {
    record.instanceArn = facts.instance.containerInstanceArn;
    task.containerInstanceArn = facts.instance.containerInstanceArn;
  }
  task.availabilityZone = facts.availabilityZone;
  task.lastStatus = 'PENDING';
  task.version += 1;
  record.cpuUnits = facts.cpuUnits;
  record.memoryMiB = facts.memoryMiB;
  record.ports = facts.ports;
  record.usesEni = facts.usesEni;
  delete record.handle;
  return record;
}
