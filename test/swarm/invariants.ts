/**
 * The swarm test's state checker (style guide §9): invariants read from the engine's public
 * snapshot only, recomputed here from first principles (task definitions, bindings, target lists)
 * rather than from the engine's own bookkeeping (remainingResources, ledgers), so that a bug in the
 * code under test cannot hide itself.
 *
 * Stateless checks (checkSnapshot), after every step:
 *   I1  no container instance is over-committed: the CPU units and MiB reserved by its tasks that
 *       are not STOPPED (a task holds its reservation until STOPPED) ≤ its registered CPU and MEMORY;
 *       and its awsvpc tasks ≤ maxEnis − 1 of its type (no ENI trunking in the swarm);
 *   I2  no host port is bound twice on an instance (per protocol), and none is an agent-reserved port;
 *   I3  every `healthy` target of a target group is a RUNNING task (desiredStatus RUNNING) on a live
 *       host and port: type instance → a registered container instance whose task binds that host
 *       port; type ip → a task whose ENI has that private IP and which listens on that port;
 *   I4  bookkeeping: a service's runningCount is the number of its tasks in RUNNING, exactly one
 *       deployment is PRIMARY and it is listed first.
 *
 * Stateful checks (RolloutTracker), between consecutive steps:
 *   I5  maximumPercent limits starts: when tasks were started since the last observation, the
 *       service's tasks that are not STOPPED and whose desiredStatus is RUNNING number at most
 *       max(cap, the same count at the last observation), cap = max(desiredCount,
 *       floor(desiredCount × maximumPercent / 100)). (A scale-in in the middle of a deployment can
 *       leave more tasks than the new cap while the new ones are not healthy yet — stopping the
 *       healthy old ones would break minimumHealthyPercent — so the excess itself is not a fault;
 *       starting more on top of it is.)
 *   I6  minimumHealthyPercent ("never below the minimum unless forced by failures"), defined as:
 *       a task is *healthy* by AWS's rule (isHealthy): RUNNING with desiredStatus RUNNING; with
 *       load balancers, `healthy` in every target group of the service; with a container health
 *       check, task healthStatus HEALTHY; with neither, 40 s after it reached RUNNING. (A looser
 *       notion — e.g. counting tasks in their grace period — gives false alarms: a service already
 *       below its minimum through failures may stop a task that is not healthy yet; seed 984.)
 *       Between two observations, a task that left the healthy set was lost either by *force*
 *       (stopCode EssentialContainerExited / UserInitiated / TaskFailedToStart, a stoppedReason
 *       about health checks, or it lost its health while still wanted) or *voluntarily* (any other
 *       stop: deployment, scale-in, draining — ECS replaces tasks on a draining instance within
 *       minimumHealthyPercent too). If any task was stopped voluntarily, then
 *           healthyNow + forcedLosses ≥ ceil(desiredCount × minimumHealthyPercent / 100)
 *       must hold: the scheduler may only stop a healthy task when enough healthy ones remain; the
 *       forced losses of the same interval excuse as many missing tasks as they took away. Every
 *       task force-stopped in the interval counts as a forced loss, healthy before or not: with
 *       observations 30 s apart a task can become healthy (letting the scheduler stop an old one)
 *       and crash between two of them. (Found by seed 1015 at 90 min of chaos: a false alarm at
 *       30 s slices, none at 1 s.)
 *
 *   I7  no task is placed on a container instance that is DRAINING (it was DRAINING at the last
 *       observation and still is when the new task appears).
 * (I2 also covers awsvpc: no private IP is held by two live tasks. I4 also checks that the
 * deployments' runningCounts add up to the service's, and that events are newest first.)
 *
 * Convergence (steadyStateProblems), once faults have stopped: every ACTIVE service has exactly
 * one deployment, PRIMARY and COMPLETED, runningCount == desiredCount, pendingCount 0, all its
 * live tasks RUNNING on the service's task definition, and (with a load balancer) exactly its tasks
 * registered and healthy — no other target left behind except draining ones.
 */
import type { ContainerInstance, ElbTargetGroup, Service, Snapshot, Task, TaskDefinition } from '../../workers/protocol.ts';
import catalogue from '../../workers/engine/catalog/instance-types.json' with { type: 'json' };

export interface Violation {
  invariant: 'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6' | 'I7' | 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'steady' | `A${number}`;
  message: string;
}

const MAX_ENIS: ReadonlyMap<string, number> = new Map(catalogue.types.map((t) => [t.name, t.maxEnis]));

/** Lifecycle states in which a task still holds its reservation (everything but STOPPED). */
const isLive = (task: Task): boolean => task.lastStatus !== 'STOPPED';
const short = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1, arn.lastIndexOf('/') + 9);

/** What a task reserves on an EC2 instance (ecs-reference §2), from its task definition. */
export function reservationOf(td: TaskDefinition): { cpu: number; memory: number } {
  const containers = td.containerDefinitions as { cpu?: number; memory?: number; memoryReservation?: number }[];
  const cpu = td.cpu !== undefined ? Number(td.cpu) : containers.reduce((sum, c) => sum + (c.cpu ?? 0), 0);
  const memory = td.memory !== undefined ? Number(td.memory) : containers.reduce((sum, c) => sum + (c.memory ?? c.memoryReservation ?? 0), 0);
  return { cpu, memory };
}

function integerResource(instance: ContainerInstance, name: string): number {
  return instance.registeredResources.find((r) => r.name === name)?.integerValue ?? 0;
}

function eniIp(task: Task): string | undefined {
  for (const attachment of task.attachments) {
    if (attachment.type !== 'ElasticNetworkInterface') continue;
    const ip = attachment.details.find((d) => d.name === 'privateIPv4Address')?.value;
    if (ip !== undefined) return ip;
  }
  return undefined;
}

/** Indexes over one snapshot, built once per check. */
export class SnapshotIndex {
  readonly taskDefs = new Map<string, TaskDefinition>();
  readonly instancesByArn = new Map<string, ContainerInstance>();
  readonly instancesByEc2 = new Map<string, ContainerInstance>();
  readonly tasksByInstance = new Map<string, Task[]>();
  readonly tasksByIp = new Map<string, Task[]>();
  readonly tasksByGroup = new Map<string, Task[]>();
  readonly targetGroups = new Map<string, ElbTargetGroup>();

  constructor(readonly snap: Snapshot) {
    for (const td of snap.taskDefinitions) this.taskDefs.set(td.taskDefinitionArn, td);
    for (const ci of snap.containerInstances) {
      this.instancesByArn.set(ci.containerInstanceArn, ci);
      this.instancesByEc2.set(ci.ec2InstanceId, ci);
    }
    for (const task of snap.tasks) {
      push(this.tasksByGroup, task.group, task);
      if (!isLive(task)) continue;
      if (task.containerInstanceArn !== undefined) push(this.tasksByInstance, task.containerInstanceArn, task);
      const ip = eniIp(task);
      if (ip !== undefined) push(this.tasksByIp, ip, task);
    }
    for (const tg of snap.targetGroups ?? []) this.targetGroups.set(tg.TargetGroupArn, tg);
  }

  serviceTasks(service: Service): Task[] {
    return this.tasksByGroup.get(`service:${service.serviceName}`) ?? [];
  }

  /** The target a service task is registered as in a target group (instance + host port, or IP + port). */
  targetOf(task: Task, tg: ElbTargetGroup, containerName: string, containerPort: number): { Id: string; Port: number } | undefined {
    if (tg.TargetType === 'ip') {
      const ip = eniIp(task);
      return ip === undefined ? undefined : { Id: ip, Port: containerPort };
    }
    const instance = task.containerInstanceArn === undefined ? undefined : this.instancesByArn.get(task.containerInstanceArn);
    const container = task.containers.find((c) => c.name === containerName);
    const binding = container?.networkBindings?.find((b) => b.containerPort === containerPort && b.protocol !== 'udp');
    if (instance === undefined || binding === undefined) return undefined;
    return { Id: instance.ec2InstanceId, Port: binding.hostPort };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export function checkSnapshot(index: SnapshotIndex): Violation[] {
  return [...checkResources(index), ...checkPorts(index), ...checkAddresses(index), ...checkHealthyTargets(index), ...checkBookkeeping(index)];
}

/** I2 for awsvpc: no private IP is held by two live tasks. */
function checkAddresses(index: SnapshotIndex): Violation[] {
  const out: Violation[] = [];
  for (const [ip, tasks] of index.tasksByIp) {
    if (tasks.length > 1) out.push({ invariant: 'I2', message: `private IP ${ip} held by ${tasks.length} live tasks: ${tasks.map((t) => short(t.taskArn)).join(', ')}` });
  }
  return out;
}

/** I1: reservations of live tasks against registered capacity, and awsvpc tasks against ENIs. */
function checkResources(index: SnapshotIndex): Violation[] {
  const out: Violation[] = [];
  for (const [arn, tasks] of index.tasksByInstance) {
    const instance = index.instancesByArn.get(arn);
    if (instance === undefined) {
      out.push({ invariant: 'I1', message: `${tasks.length} live task(s) on container instance ${short(arn)}, which is not in the snapshot` });
      continue;
    }
    let cpu = 0;
    let memory = 0;
    let enis = 0;
    for (const task of tasks) {
      const td = index.taskDefs.get(task.taskDefinitionArn);
      if (td === undefined) continue;
      const r = reservationOf(td);
      cpu += r.cpu;
      memory += r.memory;
      if (td.networkMode === 'awsvpc') enis += 1;
    }
    const type = instance.attributes.find((a) => a.name === 'ecs.instance-type')?.value ?? '';
    const cpuCap = integerResource(instance, 'CPU');
    const memCap = integerResource(instance, 'MEMORY');
    if (cpu > cpuCap) out.push({ invariant: 'I1', message: `${instance.ec2InstanceId} (${type}): live tasks reserve ${cpu} CPU units > ${cpuCap} registered` });
    if (memory > memCap) out.push({ invariant: 'I1', message: `${instance.ec2InstanceId} (${type}): live tasks reserve ${memory} MiB > ${memCap} registered` });
    const eniLimit = (MAX_ENIS.get(type) ?? Infinity) - 1;
    if (enis > eniLimit && instance.attachments === undefined) {
      out.push({ invariant: 'I1', message: `${instance.ec2InstanceId} (${type}): ${enis} awsvpc tasks > ${eniLimit} (maxEnis − 1)` });
    }
  }
  return out;
}

/** I2: one binding per host port and protocol per instance; none on the agent's reserved ports. */
function checkPorts(index: SnapshotIndex): Violation[] {
  const out: Violation[] = [];
  for (const [arn, tasks] of index.tasksByInstance) {
    const instance = index.instancesByArn.get(arn);
    const reserved = new Set(instance?.registeredResources.find((r) => r.name === 'PORTS')?.stringSetValue ?? []);
    const holders = new Map<string, string>();
    for (const task of tasks) {
      const td = index.taskDefs.get(task.taskDefinitionArn);
      if (td?.networkMode === 'awsvpc') continue; // its own ENI: ports are per task
      for (const container of task.containers) {
        for (const binding of container.networkBindings ?? []) {
          const key = `${binding.protocol ?? 'tcp'}/${binding.hostPort}`;
          const holder = holders.get(key);
          if (holder !== undefined && holder !== task.taskArn) {
            out.push({ invariant: 'I2', message: `${instance?.ec2InstanceId ?? arn}: host port ${key} bound by task ${short(holder)} and task ${short(task.taskArn)}` });
          }
          holders.set(key, task.taskArn);
          if ((binding.protocol ?? 'tcp') === 'tcp' && reserved.has(String(binding.hostPort))) {
            out.push({ invariant: 'I2', message: `${instance?.ec2InstanceId ?? arn}: task ${short(task.taskArn)} binds agent-reserved port ${binding.hostPort}` });
          }
        }
      }
    }
  }
  return out;
}

/** I3: a healthy target answers from a RUNNING task on a live host and port. */
function checkHealthyTargets(index: SnapshotIndex): Violation[] {
  const out: Violation[] = [];
  for (const tg of index.targetGroups.values()) {
    for (const description of tg.targets ?? []) {
      if (description.TargetHealth.State !== 'healthy') continue;
      const { Id, Port } = description.Target;
      const where = `${tg.TargetGroupName}: healthy target ${Id}:${Port}`;
      const task = tg.TargetType === 'ip' ? taskAtIp(index, Id, Port) : taskAtHostPort(index, Id, Port, out, where);
      if (task === undefined) {
        if (tg.TargetType === 'ip' || index.instancesByEc2.has(Id)) out.push({ invariant: 'I3', message: `${where} has no live task listening there` });
        continue;
      }
      if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') {
        out.push({ invariant: 'I3', message: `${where} is task ${short(task.taskArn)}, which is ${task.lastStatus} (desired ${task.desiredStatus}), not RUNNING` });
      }
    }
  }
  return out;
}

function taskAtHostPort(index: SnapshotIndex, ec2Id: string, port: number, out: Violation[], where: string): Task | undefined {
  const instance = index.instancesByEc2.get(ec2Id);
  if (instance === undefined) {
    out.push({ invariant: 'I3', message: `${where}: no container instance ${ec2Id}` });
    return undefined;
  }
  for (const task of index.tasksByInstance.get(instance.containerInstanceArn) ?? []) {
    for (const container of task.containers) {
      if ((container.networkBindings ?? []).some((b) => b.hostPort === port && b.protocol !== 'udp')) return task;
    }
  }
  return undefined;
}

function taskAtIp(index: SnapshotIndex, ip: string, port: number): Task | undefined {
  for (const task of index.tasksByIp.get(ip) ?? []) {
    const td = index.taskDefs.get(task.taskDefinitionArn);
    const containers = (td?.containerDefinitions ?? []) as { portMappings?: { containerPort?: number }[] }[];
    if (containers.some((c) => (c.portMappings ?? []).some((m) => m.containerPort === port))) return task;
  }
  return undefined;
}

/** I4: counts and deployment list as DescribeServices must show them. */
function checkBookkeeping(index: SnapshotIndex): Violation[] {
  const out: Violation[] = [];
  for (const service of index.snap.services) {
    if (service.status !== 'ACTIVE') continue;
    const running = index.serviceTasks(service).filter((t) => t.lastStatus === 'RUNNING').length;
    if (service.runningCount !== running) {
      out.push({ invariant: 'I4', message: `${service.serviceName}: runningCount ${service.runningCount} but ${running} of its tasks are RUNNING` });
    }
    const byDeployments = service.deployments.reduce((sum, d) => sum + d.runningCount, 0);
    if (byDeployments !== service.runningCount) {
      out.push({ invariant: 'I4', message: `${service.serviceName}: deployments' runningCount add up to ${byDeployments}, the service says ${service.runningCount}` });
    }
    for (let i = 1; i < service.events.length; i++) {
      if (service.events[i - 1]!.createdAt < service.events[i]!.createdAt) {
        out.push({ invariant: 'I4', message: `${service.serviceName}: events not newest first ("${service.events[i - 1]!.message}" before a later one)` });
        break;
      }
    }
    const primaries = service.deployments.filter((d) => d.status === 'PRIMARY').length;
    if (primaries !== 1 || service.deployments[0]?.status !== 'PRIMARY') {
      out.push({ invariant: 'I4', message: `${service.serviceName}: deployments ${service.deployments.map((d) => d.status).join(',')} — exactly one PRIMARY, listed first` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// I5 and I6: between steps
// ---------------------------------------------------------------------------------------------

const FORCED_STOP_CODES = new Set(['EssentialContainerExited', 'UserInitiated', 'TaskFailedToStart', 'SpotInterruption', 'TerminationNotice']);

/** A stop the scheduler did not choose: a failure (crash, health checks) or the user (StopTask). */
function isForcedStop(task: Task): boolean {
  if (task.desiredStatus !== 'STOPPED') return false;
  if (task.stopCode !== undefined && FORCED_STOP_CODES.has(task.stopCode)) return true;
  if (/health/i.test(task.stoppedReason ?? '')) return true;
  return task.stopCode === undefined && task.containers.some((c) => c.exitCode !== undefined && c.exitCode !== 0 && c.lastStatus === 'STOPPED');
}

export class RolloutTracker {
  private healthyBefore = new Map<string, Set<string>>();
  private wantedBefore = new Map<string, Set<string>>();
  private knownTasks = new Set<string>();
  private forcedSeen = new Set<string>();
  private drainingBefore = new Set<string>();
  private desiredBefore = new Map<string, number>();

  observe(index: SnapshotIndex): Violation[] {
    const out: Violation[] = [...this.placements(index)];
    const byArn = new Map(index.snap.tasks.map((t) => [t.taskArn, t]));
    const seen = new Set<string>();
    for (const service of index.snap.services) {
      if (service.status !== 'ACTIVE') continue;
      seen.add(service.serviceArn);
      const tasks = index.serviceTasks(service);
      const { desiredCount, deploymentConfiguration: config } = service;
      const wanted = new Set(tasks.filter((t) => isLive(t) && t.desiredStatus === 'RUNNING').map((t) => t.taskArn));
      const wantedBefore = this.wantedBefore.get(service.serviceArn) ?? new Set<string>();
      this.wantedBefore.set(service.serviceArn, wanted);
      let started = 0;
      for (const arn of wanted) if (!wantedBefore.has(arn)) started += 1;
      const cap = Math.max(desiredCount, Math.floor((desiredCount * config.maximumPercent) / 100));
      if (started > 0 && wanted.size > Math.max(cap, wantedBefore.size)) {
        out.push({ invariant: 'I5', message: `${service.serviceName}: ${started} task(s) started, now ${wanted.size} wanted RUNNING > ${Math.max(cap, wantedBefore.size)} (desired ${desiredCount} × maximumPercent ${config.maximumPercent}% = ${cap}; ${wantedBefore.size} before)` });
      }
      const healthy = new Set(tasks.filter((t) => isHealthy(index, service, t)).map((t) => t.taskArn));
      const before = this.healthyBefore.get(service.serviceArn);
      this.healthyBefore.set(service.serviceArn, healthy);
      if (before === undefined) continue;
      // Forced losses of the interval: tasks newly stopped by a failure or the user — counted even
      // if they were not healthy at the last observation, since they may have become healthy and
      // failed between two observations (and the scheduler may have counted them meanwhile).
      let forced = 0;
      for (const task of tasks) {
        if (!isForcedStop(task) || this.forcedSeen.has(task.taskArn)) continue;
        this.forcedSeen.add(task.taskArn);
        forced += 1;
      }
      let voluntary = 0;
      const stoppedNames: string[] = [];
      for (const arn of before) {
        if (healthy.has(arn)) continue;
        const task = byArn.get(arn);
        if (task === undefined || task.desiredStatus === 'RUNNING') forced += 1; // vanished, or lost its health while wanted
        else if (!isForcedStop(task)) {
          voluntary += 1;
          stoppedNames.push(`${short(arn)} (${task.stoppedReason ?? 'no reason'})`);
        }
      }
      // The desired count may change between two observations without a step (Application Auto
      // Scaling acts on the minute): stops made before a scale-out answer to the lower count.
      const desiredThen = Math.min(desiredCount, this.desiredBefore.get(service.serviceArn) ?? desiredCount);
      this.desiredBefore.set(service.serviceArn, desiredCount);
      const minHealthy = Math.ceil((desiredThen * config.minimumHealthyPercent) / 100);
      if (voluntary > 0 && healthy.size + forced < minHealthy) {
        out.push({
          invariant: 'I6',
          message: `${service.serviceName}: the scheduler stopped ${voluntary} healthy task(s) [${stoppedNames.join('; ')}] leaving ${healthy.size} healthy (+${forced} lost to failures) < minimum ${minHealthy} (desired ${desiredThen}${desiredThen === desiredCount ? '' : ` (${desiredCount} now)`} × ${config.minimumHealthyPercent}%)`,
        });
      }
    }
    for (const arn of this.healthyBefore.keys()) if (!seen.has(arn)) this.healthyBefore.delete(arn);
    for (const arn of this.wantedBefore.keys()) if (!seen.has(arn)) this.wantedBefore.delete(arn);
    for (const arn of this.desiredBefore.keys()) if (!seen.has(arn)) this.desiredBefore.delete(arn);
    return out;
  }

  /** I7: a task that appeared since the last observation is not on an instance that was DRAINING then and still is. */
  private placements(index: SnapshotIndex): Violation[] {
    const out: Violation[] = [];
    for (const task of index.snap.tasks) {
      if (this.knownTasks.has(task.taskArn)) continue;
      this.knownTasks.add(task.taskArn);
      const arn = task.containerInstanceArn;
      if (arn !== undefined && this.drainingBefore.has(arn) && index.instancesByArn.get(arn)?.status === 'DRAINING') {
        out.push({ invariant: 'I7', message: `task ${short(task.taskArn)} (${task.group}) was placed on ${index.instancesByArn.get(arn)!.ec2InstanceId}, which is DRAINING` });
      }
    }
    this.drainingBefore = new Set(index.snap.containerInstances.filter((ci) => ci.status === 'DRAINING').map((ci) => ci.containerInstanceArn));
    return out;
  }
}

/** How long a RUNNING task without load balancer or container health check waits to count as healthy. */
export const NO_CHECK_HEALTHY_AFTER_MS = 40_000;

/**
 * The I6 notion of a healthy service task: AWS's rule for minimumHealthyPercent (ecs-reference §5,
 * CFN DeploymentConfiguration): RUNNING (and still wanted), and — with load balancers — healthy in
 * every target group of the service (the grace period does not make a task healthy, it only keeps
 * the scheduler from replacing it), and — with a container health check — task healthStatus
 * HEALTHY; with neither, 40 s after it reached RUNNING.
 */
export function isHealthy(index: SnapshotIndex, service: Service, task: Task): boolean {
  if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING' || task.healthStatus === 'UNHEALTHY') return false;
  const td = index.taskDefs.get(task.taskDefinitionArn);
  const checked = ((td?.containerDefinitions ?? []) as { healthCheck?: unknown; essential?: boolean }[]).some((c) => c.healthCheck !== undefined && c.essential !== false);
  if (checked && task.healthStatus !== 'HEALTHY') return false;
  const balanced = service.loadBalancers.filter((lb) => lb.targetGroupArn !== undefined);
  for (const lb of balanced) {
    if (targetState(index, task, lb.targetGroupArn!, lb.containerName, lb.containerPort) !== 'healthy') return false;
  }
  if (balanced.length > 0 || checked) return true;
  const startedMs = task.startedAt === undefined ? undefined : Date.parse(task.startedAt) - EPOCH_MS;
  return startedMs !== undefined && index.snap.time >= startedMs + NO_CHECK_HEALTHY_AFTER_MS;
}

/** Virtual time 0 is this instant (workers/engine/ids/arn.ts). */
export const EPOCH_MS = Date.parse('2026-01-01T00:00:00.000Z');

function targetState(index: SnapshotIndex, task: Task, tgArn: string, containerName: string, containerPort: number): string | undefined {
  const tg = index.targetGroups.get(tgArn);
  if (tg === undefined) return undefined;
  const target = index.targetOf(task, tg, containerName, containerPort);
  if (target === undefined) return undefined;
  return tg.targets?.find((d) => d.Target.Id === target.Id && d.Target.Port === target.Port)?.TargetHealth.State;
}

// ---------------------------------------------------------------------------------------------
// Convergence
// ---------------------------------------------------------------------------------------------

export function steadyStateProblems(index: SnapshotIndex): string[] {
  const out: string[] = [];
  for (const service of index.snap.services) {
    if (service.status !== 'ACTIVE') {
      // A deleted service drains to INACTIVE with every task stopped.
      // (The swarm never reuses a service name, so the group holds this service's tasks only.)
      const live = index.serviceTasks(service).filter(isLive);
      if (service.status === 'DRAINING') out.push(`${service.serviceName}: still DRAINING after DeleteService`);
      if (live.length > 0) out.push(`${service.serviceName} (${service.status}): ${live.length} task(s) not STOPPED`);
      continue;
    }
    const name = service.serviceName;
    const [primary, ...others] = service.deployments;
    if (primary === undefined || others.length > 0) out.push(`${name}: ${service.deployments.length} deployments (want 1)`);
    else if (primary.rolloutState !== 'COMPLETED') out.push(`${name}: PRIMARY deployment ${primary.rolloutState} (${primary.rolloutStateReason})`);
    if (service.runningCount !== service.desiredCount || service.pendingCount !== 0) {
      out.push(`${name}: running ${service.runningCount}, pending ${service.pendingCount}, desired ${service.desiredCount}`);
    }
    const live = index.serviceTasks(service).filter(isLive);
    if (service.schedulingStrategy === 'DAEMON') {
      // One task on every ACTIVE instance (the swarm's daemons have no placement constraints).
      const active = index.snap.containerInstances.filter((ci) => ci.status === 'ACTIVE');
      if (service.desiredCount !== active.length) out.push(`${name}: DAEMON desiredCount ${service.desiredCount}, ${active.length} ACTIVE instances`);
      const hosts = new Set(live.map((t) => t.containerInstanceArn));
      const missing = active.filter((ci) => !hosts.has(ci.containerInstanceArn)).length;
      if (missing > 0 || hosts.size !== live.length) out.push(`${name}: DAEMON tasks on ${hosts.size} instances (${live.length} tasks), ${missing} ACTIVE instance(s) without one`);
    }
    const off = live.filter((t) => t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING' || t.taskDefinitionArn !== service.taskDefinition);
    if (live.length !== service.desiredCount || off.length > 0) {
      out.push(`${name}: ${live.length} live tasks, ${off.length} of them not RUNNING on ${service.taskDefinition.slice(service.taskDefinition.lastIndexOf('/') + 1)}`);
    }
    for (const lb of service.loadBalancers) {
      if (lb.targetGroupArn === undefined) continue;
      const tg = index.targetGroups.get(lb.targetGroupArn);
      if (tg === undefined) {
        out.push(`${name}: target group ${lb.targetGroupArn} is missing`);
        continue;
      }
      const wanted = new Set<string>();
      for (const task of live) {
        const target = index.targetOf(task, tg, lb.containerName, lb.containerPort);
        if (target !== undefined) wanted.add(`${target.Id}:${target.Port}`);
      }
      const states = new Map((tg.targets ?? []).map((d) => [`${d.Target.Id}:${d.Target.Port}`, d.TargetHealth.State]));
      for (const key of wanted) if (states.get(key) !== 'healthy') out.push(`${name}: target ${key} is ${states.get(key) ?? 'not registered'} in ${tg.TargetGroupName}`);
      for (const [key, state] of states) if (!wanted.has(key) && state !== 'draining') out.push(`${name}: stale target ${key} (${state}) in ${tg.TargetGroupName}`);
    }
  }
  return out;
}
