/**
 * What CapacityProviderReservation is computed from, for one Auto Scaling group provider in its
 * cluster (ECSDG cluster-auto-scaling; ecs-reference §6):
 *   N = the group's instances running (InService);
 *   M = with tasks waiting for capacity: N + the instances needed to hold them — the waiting tasks
 *       grouped by identical requirements (CPU, memory, ENI, static host ports) and binpacked onto
 *       the group's smallest instance type; tasks that fit no instance of it are ignored;
 *     = with none waiting: N − the empty instances (running no non-daemon task).
 * Cost: one pass over the cluster's tasks and instances per provider per minute.
 */
import { findAutoScalingGroup } from '../autoscaling/groups.ts';
import type { AsgRecord } from '../autoscaling/model.ts';
import { awsvpcTaskLimit, lookupInstanceType, registeredCpuUnits, registeredMemoryMiB, type InstanceType } from '../catalog/instance-types.ts';
import { findLaunchTemplate } from '../ec2/launch-templates.ts';
import type { ClusterRecord, EngineState, InstanceRecord, TaskRecord } from '../state.ts';
import { portRequirements } from '../taskdef/index.ts';
import type { CapacityProviderRecord } from './model.ts';

export interface ReservationInputs {
  runningInstances: number;
  instancesNeeded: number;
  provisioningTasks: number;
  emptyInstances: number;
  /** Instances the waiting tasks need on top of the running ones. */
  instancesForWaiting: number;
  /** Waiting tasks that fit no instance of the group's type (ignored, as ECS does). */
  tasksThatNeverFit: number;
}

/** The group's instance types: a mixed instances policy's overrides, else its launch template's type, else its instances' types. */
export function groupInstanceTypes(state: EngineState, group: AsgRecord): InstanceType[] {
  const names = new Set<string>();
  for (const name of group.mixedInstancesPolicy?.instanceTypeOverrides ?? []) names.add(name);
  if (names.size === 0) {
    const spec = group.launchTemplate ?? group.mixedInstancesPolicy?.launchTemplate;
    const found = spec === undefined ? undefined : findLaunchTemplate(state, spec);
    if (found?.ok === true && found.data.instanceType !== undefined) names.add(found.data.instanceType);
  }
  if (names.size === 0) for (const instance of group.instances.values()) names.add(instance.instanceType);
  const out: InstanceType[] = [];
  for (const name of names) {
    const type = lookupInstanceType(name);
    if (type.ok) out.push(type.type);
  }
  return out;
}

/** Several instance types or Availability Zones: ECS then scales out by exactly minimumScalingStepSize (CFN ManagedScaling). */
export function hasSeveralTypesOrZones(state: EngineState, group: AsgRecord): boolean {
  return groupInstanceTypes(state, group).length > 1 || group.availabilityZones.length > 1;
}

/** Whether the task counts for emptiness: not stopped, and not a DAEMON service's. */
export function isNonDaemonTask(state: EngineState, record: TaskRecord): boolean {
  if (record.task.lastStatus === 'STOPPED') return false;
  if (record.serviceArn === undefined) return true;
  return state.services?.get(record.serviceArn)?.schedulingStrategy !== 'DAEMON';
}

/** Container instances (of this cluster) by EC2 instance id, with their count of non-daemon tasks. */
export function busyByEc2Instance(state: EngineState, clusterName: string): Map<string, { instance: InstanceRecord; tasks: number }> {
  const out = new Map<string, { instance: InstanceRecord; tasks: number }>();
  const byArn = new Map<string, { instance: InstanceRecord; tasks: number }>();
  for (const instance of state.instances.values()) {
    if (instance.clusterName !== clusterName) continue;
    const entry = { instance, tasks: 0 };
    out.set(instance.ec2InstanceId, entry);
    byArn.set(instance.containerInstanceArn, entry);
  }
  for (const record of state.tasks.values()) {
    if (record.clusterName !== clusterName || record.instanceArn === undefined) continue;
    const entry = byArn.get(record.instanceArn);
    if (entry !== undefined && isNonDaemonTask(state, record)) entry.tasks += 1;
  }
  return out;
}

export function reservationInputs(state: EngineState, cluster: ClusterRecord, provider: CapacityProviderRecord): ReservationInputs | undefined {
  const group = findAutoScalingGroup(state, provider.autoScalingGroupArn);
  if (group === undefined) return undefined;
  const busy = busyByEc2Instance(state, cluster.clusterName);
  let running = 0;
  let empty = 0;
  for (const instance of group.instances.values()) {
    if (instance.lifecycleState !== 'InService') continue;
    running += 1;
    if ((busy.get(instance.instanceId)?.tasks ?? 0) === 0) empty += 1;
  }
  const waiting: TaskRecord[] = [];
  for (const entry of state.capacity?.waiting?.get(cluster.clusterName) ?? []) {
    if (entry.providerName !== provider.name) continue;
    const record = state.tasks.get(entry.taskArn);
    if (record?.awaitingCapacity === true && record.task.desiredStatus !== 'STOPPED') waiting.push(record);
  }
  const packed = binpack(waiting, smallest(groupInstanceTypes(state, group)));
  const needed = waiting.length > 0 ? running + packed.instances : running - empty;
  return {
    runningInstances: running,
    instancesNeeded: needed,
    provisioningTasks: waiting.length,
    emptyInstances: empty,
    instancesForWaiting: packed.instances,
    tasksThatNeverFit: packed.neverFit,
  };
}

function smallest(types: InstanceType[]): InstanceType | undefined {
  let best: InstanceType | undefined;
  for (const type of types) if (best === undefined || registeredCpuUnits(type) * 1e6 + registeredMemoryMiB(type) < registeredCpuUnits(best) * 1e6 + registeredMemoryMiB(best)) best = type;
  return best;
}

/**
 * Instances of `type` the tasks need: for each group of identical requirements, how many fit one
 * instance (CPU, memory, ENIs for awsvpc, one per instance with a static host port), then
 * ceil(count / fit). Groups are not mixed on an instance (ECS binpacks per group; UNCONFIRMED
 * whether it mixes groups).
 */
export function binpack(tasks: readonly TaskRecord[], type: InstanceType | undefined): { instances: number; neverFit: number } {
  if (tasks.length === 0) return { instances: 0, neverFit: 0 };
  if (type === undefined) return { instances: 0, neverFit: tasks.length };
  const groups = new Map<string, { task: TaskRecord; staticPort: boolean; count: number }>();
  for (const record of tasks) {
    const staticPort = portRequirements(record.taskDefinition).some((port) => port.hostPort !== undefined && port.hostPort > 0);
    const key = `${record.cpuUnits}|${record.memoryMiB}|${record.usesEni}|${staticPort}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { task: record, staticPort, count: 1 });
    else group.count += 1;
  }
  const cpu = registeredCpuUnits(type);
  const memory = registeredMemoryMiB(type);
  let instances = 0;
  let neverFit = 0;
  for (const { task, staticPort, count } of groups.values()) {
    let fit = Number.POSITIVE_INFINITY;
    if (task.cpuUnits > 0) fit = Math.min(fit, Math.floor(cpu / task.cpuUnits));
    if (task.memoryMiB > 0) fit = Math.min(fit, Math.floor(memory / task.memoryMiB));
    if (task.usesEni) fit = Math.min(fit, awsvpcTaskLimit(type, false));
    if (staticPort) fit = Math.min(fit, 1);
    if (!Number.isFinite(fit)) fit = count;
    if (fit <= 0) neverFit += count;
    else instances += Math.ceil(count / fit);
  }
  return { instances, neverFit };
}
