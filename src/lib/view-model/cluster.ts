/**
 * The cluster view's view model: a pure function of a snapshot. Availability zones become
 * columns, container instances boxes with their reserved/registered CPU and memory, ENI slots and
 * host ports, and tasks tiles on the instance that runs them. Fargate tasks, which have no
 * instance, become tiles in a "Fargate (serverless)" lane of their AZ's column. D3 only joins
 * these rows to marks.
 */
import type { ContainerInstance, Resource, Snapshot, Task, TaskDefinition } from '../../../workers/protocol.ts';
import { arnId, shortTaskId, taskDefinitionRef } from './arn.ts';
import { eniDetail, fargateTile, isFargateTask, type FargateTile } from './cluster-fargate.ts';
import { definitionsByArn, eniSlots, hostPorts, UNKNOWN_ENI_LIMIT, type EniLimitLookup, type EniSlots, type HostPorts } from './cluster-network.ts';
import { familyColor } from './palette.ts';
import { taskServiceInfo, type DeploymentRole, type TaskServiceInfo } from './service-tasks.ts';
import type { CapacityView, GhostInstance, InstanceCapacity, TaskCapacity } from './cluster-capacity.ts';

export type { EniLimitLookup, EniSlots, FargateTile, GhostInstance, HostPorts, InstanceCapacity };

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
  /** The service the task belongs to (its group is `service:<name>`), else null. */
  service: string | null;
  /** Its place in the service's rollout: new (PRIMARY while an older deployment lives), old, steady. */
  deployment: DeploymentRole | null;
  /** A FARGATE_SPOT task (badged SPOT). */
  spot: boolean;
  /** The corner badge: `SPOT`, with the interruption countdown when warned; '' for none. */
  badge: string;
  /** A Spot interruption: `warned` (with a countdown in `interruptionText`) or `stopped`. */
  interruption: 'warned' | 'stopped' | null;
  interruptionText: string | null;
}

export interface InstanceBox {
  key: string;
  containerInstanceArn: string;
  ec2InstanceId: string;
  instanceType: string;
  clusterName: string;
  status: string;
  /** DRAINING: no new tasks are placed on it (drawn hatched and dimmed). */
  draining: boolean;
  cpu: ResourceBar;
  memory: ResourceBar;
  eni: EniSlots;
  ports: HostPorts;
  tasks: TaskTile[];
  /** Issue 6: its capacity provider or group, Spot, EXTERNAL, agent disconnected, shutting down. */
  capacity: InstanceCapacity;
  ariaLabel: string;
}

export interface ZoneColumn {
  key: string;
  zone: string;
  instances: InstanceBox[];
  /** The zone's Fargate lane (empty when the zone runs no Fargate task). */
  fargate: FargateTile[];
  /** `Fargate tasks in us-east-1a: 2 live` */
  fargateLabel: string;
  /** EC2 instances booting, registering or shutting down there: drawn as outlines. */
  ghosts: GhostInstance[];
  /** Why the zone is out (an availability-zone-outage fault), else null. */
  outage: string | null;
}

export interface ClusterViewModel {
  zones: ZoneColumn[];
  instanceCount: number;
  runningTaskCount: number;
  /** RUNNING Fargate tasks (also counted in runningTaskCount). */
  fargateRunningCount: number;
  /** Whether any zone has Fargate tiles: the lanes are drawn only then. */
  showFargateLanes: boolean;
  /** A service is mid rolling update (tiles of an old and a new deployment): the legend explains the badges. */
  rollingUpdate: boolean;
  /** EC2 tasks with no container instance yet: shown apart. */
  unplacedTasks: TaskTile[];
  /** EC2 instances launched that are not container instances yet. */
  bootingCount: number;
}

/** STOPPED tasks stay on their instance, fading, for this long in virtual time, then leave. */
export const STOPPED_LINGER_MS = 60_000;
/** And never more than this many stopped tiles per instance (when no stop event dates them). */
export const MAX_STOPPED_TILES_PER_INSTANCE = 3;

const PENDING_STATES = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);
const STOPPING_STATES = new Set(['DEACTIVATING', 'STOPPING', 'DEPROVISIONING']);

const ROLE_WORDS: Record<DeploymentRole, string> = {
  new: ' (new deployment, rolling update in progress)',
  old: ' (old deployment, being replaced)',
  steady: '',
};

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

const NO_TASK_CAPACITY: TaskCapacity = { spot: false, badge: '', interruption: null };

export function taskTile(task: Task, service?: TaskServiceInfo, capacity: TaskCapacity = NO_TASK_CAPACITY): TaskTile {
  const ref = taskDefinitionRef(task.taskDefinitionArn);
  const shortId = shortTaskId(task.taskArn);
  const desired = task.desiredStatus !== task.lastStatus ? `, desired ${task.desiredStatus}` : '';
  // An awsvpc task has its own ENI and address, on EC2 as on Fargate: say so on hover.
  const ip = eniDetail(task, 'privateIPv4Address');
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
    ariaLabel:
      `Task ${shortId} of ${ref.label}, ${task.lastStatus}${desired}${ip ? `, private IP ${ip}` : ''}` +
      (service ? `, service ${service.serviceName}${ROLE_WORDS[service.role]}` : '') +
      (capacity.spot ? ', on Fargate Spot' : '') +
      (capacity.interruption ? `, ${capacity.interruption.text}` : ''),
    service: service?.serviceName ?? null,
    deployment: service?.role ?? null,
    spot: capacity.spot,
    badge: capacity.badge,
    interruption: capacity.interruption?.kind ?? null,
    interruptionText: capacity.interruption?.text ?? null,
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
function liveThenRecentlyStopped(tasks: Task[]): Task[] {
  const live = tasks.filter((t) => t.lastStatus !== 'STOPPED').sort(byCreation);
  const stopped = tasks
    .filter((t) => t.lastStatus === 'STOPPED')
    .sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? '') || byCreation(a, b))
    .slice(0, MAX_STOPPED_TILES_PER_INSTANCE)
    .reverse();
  return [...live, ...stopped];
}

export function instanceBox(
  instance: ContainerInstance,
  tasks: Task[],
  clusterName: string,
  definitions: ReadonlyMap<string, TaskDefinition> = new Map(),
  eniLimits: EniLimitLookup = UNKNOWN_ENI_LIMIT,
  services: ReadonlyMap<string, TaskServiceInfo> = new Map(),
  capacity: CapacityView | null = null,
): InstanceBox {
  const cap = capacity?.instance(instance) ?? NO_INSTANCE_CAPACITY;
  const instanceType = attributeValue(instance, 'ecs.instance-type') ?? (cap.external ? 'ECS Anywhere' : 'unknown type');
  const cpu = resourceBar(instance, 'CPU');
  const memory = resourceBar(instance, 'MEMORY');
  const eni = eniSlots(instance, tasks, definitions, eniLimits);
  const ports = hostPorts(instance, tasks, definitions);
  const tiles = liveThenRecentlyStopped(tasks).map((task) => taskTile(task, services.get(task.taskArn), capacity?.task(task)));
  const running = tiles.filter((t) => t.phase === 'running').length;
  const draining = instance.status === 'DRAINING';
  return {
    key: instance.containerInstanceArn,
    containerInstanceArn: instance.containerInstanceArn,
    ec2InstanceId: instance.ec2InstanceId,
    instanceType,
    clusterName,
    status: instance.status,
    draining,
    cpu,
    memory,
    eni,
    ports,
    tasks: tiles,
    capacity: cap,
    ariaLabel:
      `${cap.external ? 'External container instance' : 'Container instance'} ${instance.ec2InstanceId}, ${instanceType}${cap.spot ? ' Spot' : ''}, ${instance.status}` +
      `${draining ? ' (no new tasks are placed on it)' : ''}${cap.owner ? `, capacity from ${cap.owner}` : ''}` +
      `${cap.disconnected ? ', agent disconnected' : ''}${cap.shuttingDown ? ', shutting down' : ''}${cap.spotNotice ? `, ${cap.spotNotice}` : ''}, ` +
      `CPU ${cpu.text} reserved, memory ${memory.text} reserved, ENIs ${eni.text} used by awsvpc tasks, ` +
      `host ports ${ports.compact}, ${running} running task${running === 1 ? '' : 's'}`,
  };
}

/** The cluster a container instance belongs to: from its ARN `…:container-instance/<cluster>/<id>`. */
export function clusterNameOfInstance(containerInstanceArn: string): string {
  const parts = String(containerInstanceArn ?? '').split('/');
  return parts.length >= 3 ? parts[parts.length - 2]! : '';
}

const NO_INSTANCE_CAPACITY: InstanceCapacity = { owner: null, spot: false, external: false, disconnected: false, shuttingDown: false, spotNotice: null };
/** Before cluster-capacity.ts has loaded: no ghosts, no outages, plain boxes and tiles. */
const NO_CAPACITY_VIEW: CapacityView = { ghostsByZone: new Map(), outages: new Map(), instance: () => NO_INSTANCE_CAPACITY, task: () => NO_TASK_CAPACITY, zone: () => null };

export const EMPTY_CLUSTER_VIEW: ClusterViewModel = {
  zones: [],
  instanceCount: 0,
  runningTaskCount: 0,
  fargateRunningCount: 0,
  showFargateLanes: false,
  rollingUpdate: false,
  unplacedTasks: [],
  bootingCount: 0,
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * `eniLimits` gives each instance type's awsvpc task limit (cluster-eni-limits.ts); without it
 * the ENI slots show "?" for the limit.
 * `capacityOf` (cluster-capacity.ts's capacityView) adds issue 6: ghost instances, zone outages,
 * capacity labels, Spot badges and countdowns; without it the picture has none of them.
 */
export function clusterViewModel(snapshot: Snapshot | null, eniLimits: EniLimitLookup = UNKNOWN_ENI_LIMIT, capacityOf?: (snapshot: Snapshot) => CapacityView): ClusterViewModel {
  if (snapshot === null) return EMPTY_CLUSTER_VIEW;
  const definitions = definitionsByArn(snapshot.taskDefinitions);
  const services = taskServiceInfo(snapshot);
  const capacity = capacityOf?.(snapshot) ?? NO_CAPACITY_VIEW;
  const tile = (task: Task) => taskTile(task, services.get(task.taskArn), capacity.task(task));
  const tasksByInstance = new Map<string, Task[]>();
  const fargateByZone = new Map<string, Task[]>();
  const unplaced: Task[] = [];
  for (const task of visibleTasks(snapshot)) {
    if (isFargateTask(task)) push(fargateByZone, task.availabilityZone || 'unknown AZ', task);
    else if (task.containerInstanceArn) push(tasksByInstance, task.containerInstanceArn, task);
    else if (task.lastStatus !== 'STOPPED') unplaced.push(task);
  }
  const instancesByZone = new Map<string, InstanceBox[]>();
  for (const instance of snapshot.containerInstances ?? []) {
    const zone = attributeValue(instance, 'ecs.availability-zone') ?? capacity.zone(instance) ?? 'unknown AZ';
    const tasks = tasksByInstance.get(instance.containerInstanceArn) ?? [];
    push(instancesByZone, zone, instanceBox(instance, tasks, clusterNameOfInstance(instance.containerInstanceArn), definitions, eniLimits, services, capacity));
  }
  const zoneNames = [...new Set([...instancesByZone.keys(), ...fargateByZone.keys(), ...capacity.ghostsByZone.keys(), ...capacity.outages.keys()])].sort((a, b) => a.localeCompare(b));
  const columns = zoneNames.map((zone): ZoneColumn => {
    const fargate = liveThenRecentlyStopped(fargateByZone.get(zone) ?? []).map((task) => fargateTile(task, tile(task)));
    const live = fargate.filter((t) => t.phase !== 'stopped').length;
    return {
      key: zone,
      zone,
      instances: (instancesByZone.get(zone) ?? []).sort((a, b) => a.ec2InstanceId.localeCompare(b.ec2InstanceId)),
      fargate,
      fargateLabel: `Fargate (serverless) in ${zone}: ${live} task${live === 1 ? '' : 's'}`,
      ghosts: capacity.ghostsByZone.get(zone) ?? [],
      outage: capacity.outages.get(zone) ?? null,
    };
  });
  const running = (snapshot.tasks ?? []).filter((t) => t.lastStatus === 'RUNNING');
  return {
    zones: columns,
    instanceCount: snapshot.containerInstances?.length ?? 0,
    runningTaskCount: running.length,
    fargateRunningCount: running.filter(isFargateTask).length,
    showFargateLanes: fargateByZone.size > 0,
    rollingUpdate: [...services.values()].some((s) => s.role !== 'steady'),
    unplacedTasks: unplaced.sort(byCreation).map(tile),
    bootingCount: [...capacity.ghostsByZone.values()].reduce((n, list) => n + list.filter((g) => g.phase !== 'shutting-down').length, 0),
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
