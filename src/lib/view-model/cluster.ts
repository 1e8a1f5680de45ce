/**
 * The cluster view's view model: a pure function of a snapshot. Availability zones become
 * columns, container instances boxes with their reserved/registered CPU and memory, and tasks
 * tiles on the instance that runs them. D3 only joins these rows to marks.
 */
import type { ContainerInstance, Resource, Snapshot, Task } from '../../../workers/protocol.ts';
import { arnId, shortTaskId, taskDefinitionRef } from './arn.ts';
import { familyColor } from './palette.ts';

export interface ResourceBar {
  reserved: number;
  registered: number;
  /** 0..1, reserved / registered (0 when nothing is registered). */
  fraction: number;
  /** e.g. `1024 / 2048 CPU units`. */
  text: string;
}

export interface TaskTile {
  key: string;
  taskArn: string;
  shortId: string;
  family: string;
  /** `web:1` */
  definition: string;
  lastStatus: string;
  desiredStatus: string;
  /** A CSS class per lifecycle phase: pending, running, stopping, stopped. */
  phase: 'pending' | 'running' | 'stopping' | 'stopped';
  color: string;
  ariaLabel: string;
}

export interface InstanceBox {
  key: string;
  containerInstanceArn: string;
  ec2InstanceId: string;
  instanceType: string;
  clusterName: string;
  status: string;
  cpu: ResourceBar;
  memory: ResourceBar;
  tasks: TaskTile[];
  ariaLabel: string;
}

export interface ZoneColumn {
  key: string;
  zone: string;
  instances: InstanceBox[];
}

export interface ClusterViewModel {
  zones: ZoneColumn[];
  instanceCount: number;
  runningTaskCount: number;
  /** Tasks with no container instance yet (e.g. PROVISIONING): shown apart. */
  unplacedTasks: TaskTile[];
}

/** STOPPED tasks stay on their instance, fading, for this long in virtual time, then leave. */
export const STOPPED_LINGER_MS = 60_000;
/** And never more than this many stopped tiles per instance (when no stop event dates them). */
export const MAX_STOPPED_TILES_PER_INSTANCE = 3;

const PENDING_STATES = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);
const STOPPING_STATES = new Set(['DEACTIVATING', 'STOPPING', 'DEPROVISIONING']);

export function taskPhase(task: Pick<Task, 'lastStatus'>): TaskTile['phase'] {
  if (PENDING_STATES.has(task.lastStatus)) return 'pending';
  if (STOPPING_STATES.has(task.lastStatus)) return 'stopping';
  if (task.lastStatus === 'STOPPED') return 'stopped';
  return 'running';
}

export function attributeValue(instance: ContainerInstance, name: string): string | undefined {
  return instance.attributes?.find((a) => a.name === name)?.value;
}

function resourceValue(resources: Resource[] | undefined, name: string): number {
  const r = resources?.find((x) => x.name === name);
  return r ? (r.integerValue ?? r.longValue ?? 0) : 0;
}

export function resourceBar(instance: ContainerInstance, name: 'CPU' | 'MEMORY'): ResourceBar {
  const registered = resourceValue(instance.registeredResources, name);
  const remaining = resourceValue(instance.remainingResources, name);
  const reserved = Math.max(0, registered - remaining);
  const unit = name === 'CPU' ? 'CPU units' : 'MiB';
  return {
    reserved,
    registered,
    fraction: registered > 0 ? Math.min(1, reserved / registered) : 0,
    text: `${reserved} / ${registered} ${unit}`,
  };
}

export function taskTile(task: Task): TaskTile {
  const ref = taskDefinitionRef(task.taskDefinitionArn);
  const shortId = shortTaskId(task.taskArn);
  const desired = task.desiredStatus !== task.lastStatus ? `, desired ${task.desiredStatus}` : '';
  return {
    key: task.taskArn,
    taskArn: task.taskArn,
    shortId,
    family: ref.family,
    definition: ref.label,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    phase: taskPhase(task),
    color: familyColor(ref.family),
    ariaLabel: `Task ${shortId} of ${ref.label}, ${task.lastStatus}${desired}`,
  };
}

/** When each task stopped, in virtual ms, from the event log (`task.stopped` events). */
function stoppedTimes(snapshot: Snapshot): Map<string, number> {
  const times = new Map<string, number>();
  for (const event of snapshot.events ?? []) {
    if (event.resourceArn && event.kind === 'task.stopped') times.set(event.resourceArn, event.time);
  }
  return times;
}

/** Which tasks the view shows: all live ones, and stopped ones only for a short while. */
export function visibleTasks(snapshot: Snapshot): Task[] {
  const stoppedAt = stoppedTimes(snapshot);
  return (snapshot.tasks ?? []).filter((task) => {
    if (task.lastStatus !== 'STOPPED') return true;
    const at = stoppedAt.get(task.taskArn);
    return at === undefined || snapshot.time - at < STOPPED_LINGER_MS;
  });
}

function byCreation(a: Task, b: Task): number {
  return (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.taskArn.localeCompare(b.taskArn);
}

/** Live tasks first (oldest first), then the most recent few stopped ones. */
function tilesForInstance(tasks: Task[]): TaskTile[] {
  const live = tasks.filter((t) => t.lastStatus !== 'STOPPED').sort(byCreation);
  const stopped = tasks
    .filter((t) => t.lastStatus === 'STOPPED')
    .sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? '') || byCreation(a, b))
    .slice(0, MAX_STOPPED_TILES_PER_INSTANCE)
    .reverse();
  return [...live, ...stopped].map(taskTile);
}

export function instanceBox(instance: ContainerInstance, tasks: Task[], clusterName: string): InstanceBox {
  const instanceType = attributeValue(instance, 'ecs.instance-type') ?? 'unknown type';
  const cpu = resourceBar(instance, 'CPU');
  const memory = resourceBar(instance, 'MEMORY');
  const tiles = tilesForInstance(tasks);
  const running = tiles.filter((t) => t.phase === 'running').length;
  return {
    key: instance.containerInstanceArn,
    containerInstanceArn: instance.containerInstanceArn,
    ec2InstanceId: instance.ec2InstanceId,
    instanceType,
    clusterName,
    status: instance.status,
    cpu,
    memory,
    tasks: tiles,
    ariaLabel:
      `Container instance ${instance.ec2InstanceId}, ${instanceType}, ${instance.status}, ` +
      `CPU ${cpu.text} reserved, memory ${memory.text} reserved, ${running} running task${running === 1 ? '' : 's'}`,
  };
}

/** The cluster a container instance belongs to: from its ARN `…:container-instance/<cluster>/<id>`. */
export function clusterNameOfInstance(containerInstanceArn: string): string {
  const parts = String(containerInstanceArn ?? '').split('/');
  return parts.length >= 3 ? parts[parts.length - 2]! : '';
}

export function clusterViewModel(snapshot: Snapshot | null): ClusterViewModel {
  if (snapshot === null) return { zones: [], instanceCount: 0, runningTaskCount: 0, unplacedTasks: [] };
  const tasksByInstance = new Map<string, Task[]>();
  const unplaced: Task[] = [];
  for (const task of visibleTasks(snapshot)) {
    if (!task.containerInstanceArn) {
      if (task.lastStatus !== 'STOPPED') unplaced.push(task);
      continue;
    }
    const list = tasksByInstance.get(task.containerInstanceArn) ?? [];
    list.push(task);
    tasksByInstance.set(task.containerInstanceArn, list);
  }
  const zones = new Map<string, InstanceBox[]>();
  for (const instance of snapshot.containerInstances ?? []) {
    const zone = attributeValue(instance, 'ecs.availability-zone') ?? 'unknown AZ';
    const box = instanceBox(instance, tasksByInstance.get(instance.containerInstanceArn) ?? [], clusterNameOfInstance(instance.containerInstanceArn));
    zones.set(zone, [...(zones.get(zone) ?? []), box]);
  }
  const columns = [...zones.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([zone, instances]) => ({
      key: zone,
      zone,
      instances: instances.sort((a, b) => a.ec2InstanceId.localeCompare(b.ec2InstanceId)),
    }));
  return {
    zones: columns,
    instanceCount: snapshot.containerInstances?.length ?? 0,
    runningTaskCount: (snapshot.tasks ?? []).filter((t) => t.lastStatus === 'RUNNING').length,
    unplacedTasks: unplaced.sort(byCreation).map(taskTile),
  };
}

/** What the details panel shows for a selected ARN: the Describe* JSON, or null if it is gone. */
export function describeSelection(
  snapshot: Snapshot | null,
  arn: string | null,
): { kind: 'task'; task: Task; title: string } | { kind: 'instance'; instance: ContainerInstance; title: string } | null {
  if (snapshot === null || arn === null) return null;
  const task = snapshot.tasks?.find((t) => t.taskArn === arn);
  if (task) return { kind: 'task', task, title: `Task ${arnId(task.taskArn)} (${taskDefinitionRef(task.taskDefinitionArn).label})` };
  const instance = snapshot.containerInstances?.find((i) => i.containerInstanceArn === arn);
  if (instance) return { kind: 'instance', instance, title: `Container instance ${instance.ec2InstanceId}` };
  return null;
}
