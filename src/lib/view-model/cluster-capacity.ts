/**
 * What issue 6 adds to the cluster picture, as pure functions of a snapshot:
 * - ghost instances: EC2 instances an Auto Scaling group launched that are not container
 *   instances yet (`pending`: booting; `running`: the ECS agent is registering) or no longer
 *   (`shutting-down`), drawn as outlines in their zone until the real box replaces them;
 * - per container instance: its capacity provider or Auto Scaling group, Spot, EXTERNAL (ECS
 *   Anywhere), a disconnected agent, and whether its EC2 instance is shutting down;
 * - per task: the FARGATE_SPOT badge and a Spot interruption with its two-minute countdown;
 * - zones out of service (an availability-zone-outage fault).
 */
import type { ContainerInstance, Ec2Instance, Snapshot, Task } from '../../../workers/protocol.ts';

/** AWS gives a Spot task or instance two minutes' warning before it is reclaimed (ecs-reference §3). */
export const SPOT_WARNING_MS = 120_000;

export interface GhostInstance {
  key: string;
  instanceId: string;
  instanceType: string;
  zone: string;
  phase: 'booting' | 'registering' | 'shutting-down';
  /** `booting`, `agent registering`, `shutting down`. */
  phaseText: string;
  /** The capacity provider or Auto Scaling group that launched it. */
  owner: string | null;
  spot: boolean;
  ariaLabel: string;
}

export interface InstanceCapacity {
  /** The capacity provider of the instance, else its Auto Scaling group, else null. */
  owner: string | null;
  spot: boolean;
  external: boolean;
  disconnected: boolean;
  /** Its EC2 instance is shutting down (or its group is terminating it): the box fades. */
  shuttingDown: boolean;
  /** A Spot Instance under its two-minute notice: `Spot notice 1:42`. */
  spotNotice: string | null;
}

export interface TaskCapacity {
  spot: boolean;
  /** The tile's corner badge: `SPOT`, `SPOT 1:42` under a warning, `SPOT ✕` once interrupted. */
  badge: string;
  /** A Spot interruption: warned (with ms left, when the warning's time is known) or done. */
  interruption: { kind: 'warned'; msLeft: number | null; text: string } | { kind: 'stopped'; text: string } | null;
}

/** Everything the cluster view model needs from the capacity fields, indexed once per snapshot. */
export interface CapacityIndex {
  ec2ById: Map<string, Ec2Instance>;
  terminatingIds: Set<string>;
  ghostsByZone: Map<string, GhostInstance[]>;
  /** Zone → why it is out. */
  outages: Map<string, string>;
  /** Task ARN → virtual ms of its Spot interruption notice (from the event log). */
  noticeTimes: Map<string, number>;
  now: number;
}

const GROUP_TAG = 'aws:autoscaling:groupName';

function groupOf(ec2: Ec2Instance | undefined): string | null {
  return ec2?.Tags?.find((t) => t.Key === GROUP_TAG)?.Value ?? null;
}

function ghostOf(ec2: Ec2Instance, registered: Set<string>, providers: Map<string, string>): GhostInstance | null {
  const state = ec2.State?.Name;
  if (registered.has(ec2.InstanceId) || state === 'terminated') return null;
  const phase: GhostInstance['phase'] | null = state === 'pending' ? 'booting' : state === 'running' ? 'registering' : state === 'shutting-down' ? 'shutting-down' : null;
  if (phase === null) return null;
  const group = groupOf(ec2);
  const owner = (group && providers.get(group)) ?? group;
  const phaseText = phase === 'booting' ? 'booting' : phase === 'registering' ? 'agent registering' : 'shutting down';
  const spot = ec2.InstanceLifecycle === 'spot';
  const zone = ec2.Placement?.AvailabilityZone || 'unknown AZ';
  return {
    key: `ghost:${ec2.InstanceId}`,
    instanceId: ec2.InstanceId,
    instanceType: ec2.InstanceType,
    zone,
    phase,
    phaseText,
    owner,
    spot,
    ariaLabel: `EC2 instance ${ec2.InstanceId}, ${ec2.InstanceType}${spot ? ' Spot' : ''} in ${zone}, ${phaseText}${owner ? `, launched by ${owner}` : ''}; not a container instance ${phase === 'shutting-down' ? 'any more' : 'yet'}`,
  };
}

function interruptionNotices(snapshot: Snapshot): Map<string, number> {
  const times = new Map<string, number>();
  for (const event of snapshot.events ?? []) {
    if (!event.resourceArn || times.has(event.resourceArn)) continue;
    const detail = event.eventBridge?.detail as { stopCode?: string } | undefined;
    if (detail?.stopCode === 'TerminationNotice' || /spot[^a-z]*(interrupt|warning)|terminationnotice/i.test(`${event.kind} ${event.message}`)) {
      times.set(event.resourceArn, event.time);
    }
  }
  return times;
}

export function capacityIndex(snapshot: Snapshot): CapacityIndex {
  const ec2ById = new Map<string, Ec2Instance>();
  const registered = new Set((snapshot.containerInstances ?? []).map((ci) => ci.ec2InstanceId));
  const providers = new Map<string, string>();
  const terminatingIds = new Set<string>();
  for (const group of snapshot.autoScalingGroups ?? []) {
    if (group.capacityProviderName) providers.set(group.AutoScalingGroupName, group.capacityProviderName);
    for (const i of group.Instances ?? []) if (i.LifecycleState.startsWith('Terminating')) terminatingIds.add(i.InstanceId);
  }
  const ghostsByZone = new Map<string, GhostInstance[]>();
  for (const ec2 of snapshot.ec2Instances ?? []) {
    ec2ById.set(ec2.InstanceId, ec2);
    const ghost = ghostOf(ec2, registered, providers);
    if (!ghost) continue;
    const list = ghostsByZone.get(ghost.zone);
    if (list) list.push(ghost);
    else ghostsByZone.set(ghost.zone, [ghost]);
  }
  for (const list of ghostsByZone.values()) list.sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  const outages = new Map<string, string>();
  for (const fault of snapshot.faults ?? []) if (fault.kind === 'availability-zone-outage') outages.set(fault.target, fault.description);
  return { ec2ById, terminatingIds, ghostsByZone, outages, noticeTimes: interruptionNotices(snapshot), now: snapshot.time };
}

/** The capacity decorations of one snapshot, as the cluster view model asks for them. */
export interface CapacityView {
  ghostsByZone: ReadonlyMap<string, GhostInstance[]>;
  outages: ReadonlyMap<string, string>;
  instance(instance: ContainerInstance): InstanceCapacity;
  task(task: Task): TaskCapacity;
  /** The column of an instance without an availability-zone attribute: EXTERNAL ones are on premises. */
  zone(instance: ContainerInstance): string | null;
}

/** The column of ECS Anywhere instances (they are in no AWS zone). */
export const EXTERNAL_COLUMN = 'on-premises (ECS Anywhere)';

/**
 * The cluster view model takes this function as a parameter rather than importing it, so this
 * module is a chunk of its own, loaded after the first paint (the build-time first frame has no
 * capacity to decorate).
 */
export function capacityView(snapshot: Snapshot): CapacityView {
  const index = capacityIndex(snapshot);
  return {
    ghostsByZone: index.ghostsByZone,
    outages: index.outages,
    instance: (ci) => instanceCapacity(ci, index),
    task: (t) => taskCapacity(t, index),
    zone: (ci) => (isExternalInstance(ci) ? EXTERNAL_COLUMN : null),
  };
}

/** EXTERNAL (ECS Anywhere) instances are SSM managed instances (`mi-…`), not EC2 ones. */
export function isExternalInstance(instance: Pick<ContainerInstance, 'ec2InstanceId' | 'attributes'>): boolean {
  return instance.ec2InstanceId.startsWith('mi-') || (instance.attributes ?? []).some((a) => a.name === 'ecs.capability.external');
}

export function instanceCapacity(instance: ContainerInstance, index: CapacityIndex): InstanceCapacity {
  const ec2 = index.ec2ById.get(instance.ec2InstanceId);
  const state = ec2?.State?.Name;
  return {
    owner: instance.capacityProviderName ?? groupOf(ec2),
    spot: ec2?.InstanceLifecycle === 'spot',
    external: isExternalInstance(instance),
    disconnected: instance.agentConnected === false,
    shuttingDown: state === 'shutting-down' || state === 'terminated' || index.terminatingIds.has(instance.ec2InstanceId),
    spotNotice: spotNoticeText(instance, index),
  };
}

function spotNoticeText(instance: ContainerInstance, index: CapacityIndex): string | null {
  const left = index.noticeTimes.has(instance.containerInstanceArn) ? noticeLeft(index, instance.containerInstanceArn) : null;
  return left === null || left <= 0 ? null : `Spot notice ${countdownText(left)}`;
}

/** `1:42` */
export function countdownText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * A Spot interruption: the engine sets stopCode TerminationNotice (the EventBridge event's) and
 * then SpotInterruption as the task stops, so either code means "interrupted"; until the task is
 * STOPPED the tile counts down AWS's two minutes from the notice.
 */
export function taskCapacity(task: Task, index: CapacityIndex): TaskCapacity {
  const spot = task.capacityProviderName === 'FARGATE_SPOT';
  if (task.stopCode !== 'TerminationNotice' && task.stopCode !== 'SpotInterruption') return { spot, badge: spot ? 'SPOT' : '', interruption: null };
  if (task.lastStatus === 'STOPPED') return { spot, badge: 'SPOT ✕', interruption: { kind: 'stopped', text: 'Spot interrupted' } };
  const msLeft = noticeLeft(index, task.taskArn);
  const left = msLeft === null ? null : countdownText(msLeft);
  return { spot, badge: left === null ? 'SPOT !' : `SPOT ${left}`, interruption: { kind: 'warned', msLeft, text: left === null ? 'Spot interruption' : `Spot interruption ${left}` } };
}

/** Ms left of the two-minute warning given to `arn` (a task, or a Spot Instance's container instance), if any. */
function noticeLeft(index: CapacityIndex, arn: string): number | null {
  const at = index.noticeTimes.get(arn);
  return at === undefined ? null : Math.max(0, at + SPOT_WARNING_MS - index.now);
}
