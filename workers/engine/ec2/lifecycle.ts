/**
 * An EC2 instance's life as the sandbox models it: launched `pending`, `running` after its boot,
 * then its ECS agent registers the container instance (through the same code as
 * sim:AddContainerInstances) with the cluster its user data names; terminated through
 * `shutting-down`, when its container instance is deregistered and the tasks on it stop with
 * AWS's reason "Host EC2 (instance i-…) terminated." (stopCode TerminationNotice, as DescribeTasks
 * shows for tasks whose host went away — seen in public AWS Batch/ECS logs). Its Auto Scaling
 * group hears of each change (autoscaling/groups.ts) and replaces it when it falls below desired.
 */
import type { EngineContext } from '../context.ts';
import { lookupInstanceType, type InstanceType } from '../catalog/instance-types.ts';
import { isoAt, newEc2InstanceId } from '../ids/arn.ts';
import type { InstanceRecord, TaskRecord } from '../state.ts';
import { clusterInstancesChanged } from '../services/cluster-changes.ts';
import { startDeregistration } from '../machines/instance-deregistration.ts';
import { createDefaultCluster, registerInstance } from '../commands/container-instances.ts';
import { setInstanceGroups } from '../network/security-groups.ts';
import { defaultSubnetOfZone } from '../network/default-vpc.ts';
import { capacityOf } from '../capacity/model.ts';
import { ec2Of, type Ec2InstanceRecord } from './model.ts';
import { agentConfigOf } from './user-data.ts';
import { dropSeries } from '../metrics/store.ts';
import { ec2CpuMetric } from '../metrics/ec2-metrics.ts';
import { asgInstanceGone, asgInstanceRunning, asgInstanceTerminating, findAutoScalingGroup } from '../autoscaling/groups.ts';

/**
 * The boot timeline, in one place (Sandbox, UNCONFIRMED figures; AWS publishes none): an
 * ECS-optimized Amazon Linux 2023 instance is `running` 20–40 s after RunInstances; its ECS agent
 * starts with the OS and registers 10–25 s later, so a new instance takes tasks about a minute
 * after launch, which is what the console shows in practice. Shutting down takes 20–40 s;
 * DescribeInstances keeps showing a terminated instance for about an hour (AWS: "for a short
 * while", typically up to an hour).
 */
export const EC2_TIMINGS = {
  bootMs: [20_000, 40_000],
  agentRegistrationMs: [10_000, 25_000],
  /** When the agent cannot register (its cluster does not exist), it tries again this often. */
  agentRetryMs: 60_000,
  shutdownMs: [20_000, 40_000],
  terminatedVisibleMs: 3_600_000,
} as const;

/**
 * The tasks of a host that is gone: their containers die with it (exit at once, no stop timeout),
 * and ECS reports them STOPPED a moment later (Sandbox: 2 s, UNCONFIRMED).
 */
const HOST_GONE_STOP = { exitMs: 0, reportMs: 2_000, killed: true } as const;

/** AWS's reason on the tasks of a host that was terminated (DescribeTasks stoppedReason). */
export const hostTerminatedReason = (instanceId: string): string => `Host EC2 (instance ${instanceId}) terminated.`;

export interface LaunchSpec {
  instanceType: InstanceType;
  zone: string;
  spot: boolean;
  autoScalingGroupName?: string;
  launchTemplateId?: string;
  launchTemplateVersionNumber?: number;
  userData?: string;
  /** The role of the instance profile (already checked); undefined = the default ecsInstanceRole. */
  instanceRoleName?: string;
  iamInstanceProfile?: string;
  securityGroupIds: readonly string[];
  /** Tags the group propagates at launch. */
  tags?: readonly { Key: string; Value: string }[];
}

export interface TerminateHow {
  reason: string;
  initiatedBy: 'user' | 'autoscaling' | 'spot' | 'fault';
}

/** Launch an instance: `pending` now, `running` after its boot, registered by its agent a little later. */
export function launchEc2Instance(ctx: EngineContext, spec: LaunchSpec): Ec2InstanceRecord {
  const ec2 = ec2Of(ctx.state);
  const instanceId = newEc2InstanceId(ctx.prng);
  const agent = agentConfigOf(spec.userData);
  const subnet = defaultSubnetOfZone(spec.zone);
  const record: Ec2InstanceRecord = {
    instanceId,
    instanceType: spec.instanceType.name,
    availabilityZone: spec.zone,
    subnetId: subnet?.subnetId ?? `subnet-${spec.zone}`,
    privateIp: privateIpIn(subnet?.cidrBlock ?? '172.31.0.0/20', ec2.instances.size),
    state: 'pending',
    spot: spec.spot,
    launchedMs: ctx.clock.now,
    ecsCluster: agent.cluster,
    securityGroupIds: [...spec.securityGroupIds],
    ...(agent.spotInstanceDraining ? { spotInstanceDraining: true } : {}),
    ...(spec.autoScalingGroupName === undefined ? {} : { autoScalingGroupName: spec.autoScalingGroupName }),
    ...(spec.launchTemplateId === undefined ? {} : { launchTemplateId: spec.launchTemplateId, launchTemplateVersion: String(spec.launchTemplateVersionNumber ?? 1) }),
    ...(spec.launchTemplateVersionNumber === undefined ? {} : { launchTemplateVersionNumber: spec.launchTemplateVersionNumber }),
    ...(spec.iamInstanceProfile === undefined ? {} : { iamInstanceProfile: spec.iamInstanceProfile }),
    ...(spec.instanceRoleName === undefined ? {} : { instanceRoleName: spec.instanceRoleName }),
    ...(spec.tags === undefined || spec.tags.length === 0 ? {} : { tags: spec.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) }),
  };
  ec2.instances.set(instanceId, record);
  const bootMs = draw(ctx, EC2_TIMINGS.bootMs);
  ctx.emit(
    'ec2.instance.pending',
    `EC2 instance ${instanceId} (${spec.instanceType.name}${spec.spot ? ', Spot' : ''}, ${spec.zone}) is pending${spec.autoScalingGroupName === undefined ? '' : `, launched by Auto Scaling group ${spec.autoScalingGroupName}`}; it boots in about ${Math.round(bootMs / 1000)} s and its ECS agent will join cluster ${agent.cluster}.`,
  );
  record.timer = ctx.clock.schedule(ctx.clock.now + bootMs, () => becomeRunning(ctx, record));
  return record;
}

function becomeRunning(ctx: EngineContext, record: Ec2InstanceRecord): void {
  delete record.timer;
  if (record.state !== 'pending') return;
  record.state = 'running';
  record.runningMs = ctx.clock.now;
  ctx.emit('ec2.instance.running', `EC2 instance ${record.instanceId} is running (${seconds(ctx.clock.now - record.launchedMs)} after launch); its ECS agent is starting.`);
  asgInstanceRunning(ctx, record);
  scheduleAgent(ctx, record, draw(ctx, EC2_TIMINGS.agentRegistrationMs));
}

function scheduleAgent(ctx: EngineContext, record: Ec2InstanceRecord, afterMs: number): void {
  record.timer = ctx.clock.schedule(ctx.clock.now + afterMs, () => registerAgent(ctx, record));
}

/** The agent registers its instance with ECS_CLUSTER's cluster (creating `default`, as AWS does). */
function registerAgent(ctx: EngineContext, record: Ec2InstanceRecord): void {
  delete record.timer;
  if (record.state !== 'running' || record.containerInstanceArn !== undefined) return;
  let cluster = ctx.state.clusters.get(record.ecsCluster);
  if (cluster === undefined && record.ecsCluster === 'default') cluster = createDefaultCluster(ctx);
  if (cluster === undefined) {
    ctx.emit(
      'ec2.agent.cluster-missing',
      `The ECS agent on ${record.instanceId} cannot register: cluster ${record.ecsCluster} (ECS_CLUSTER in its user data) does not exist. It retries every ${EC2_TIMINGS.agentRetryMs / 1000} s.`,
    );
    scheduleAgent(ctx, record, EC2_TIMINGS.agentRetryMs);
    return;
  }
  const instance = registerInstance(ctx, cluster, instanceTypeOf(record), record.availabilityZone, [], record.instanceRoleName, record.instanceId);
  if (record.securityGroupIds.length > 0) setInstanceGroups(ctx.state, record.instanceId, record.securityGroupIds);
  record.containerInstanceArn = instance.containerInstanceArn;
  if (record.autoScalingGroupName !== undefined) {
    instance.autoScalingGroupName = record.autoScalingGroupName;
    const provider = capacityProviderFor(ctx, record.autoScalingGroupName, cluster.capacityProviders);
    if (provider !== undefined) instance.capacityProviderName = provider;
  }
  clusterInstancesChanged(ctx, cluster.clusterName);
}

/** The capacity provider of the group, when the cluster lists it (ecs-reference §6). */
function capacityProviderFor(ctx: EngineContext, groupName: string, clusterProviders: readonly string[] | undefined): string | undefined {
  if (clusterProviders === undefined || ctx.state.capacity === undefined) return undefined;
  const group = findAutoScalingGroup(ctx.state, groupName);
  if (group === undefined) return undefined;
  for (const provider of capacityOf(ctx.state).providers.values()) {
    if (provider.autoScalingGroupArn === group.arn && clusterProviders.includes(provider.name)) return provider.name;
  }
  return undefined;
}

/**
 * Terminate an instance (ec2:TerminateInstances, Auto Scaling scale-in, a Spot interruption, a
 * fault): running → shutting-down → terminated. Its container instance is deregistered at once and
 * its tasks stop ("Host EC2 (instance i-…) terminated."); its group (if any) takes it out of service
 * and launches a replacement when it is now below desired. Already shutting down or terminated: nothing.
 */
export function terminateEc2Instance(ctx: EngineContext, instanceId: string, how: TerminateHow): void {
  const record = ctx.state.ec2?.instances.get(instanceId);
  if (record === undefined || record.state === 'shutting-down' || record.state === 'terminated') return;
  if (record.timer !== undefined) ctx.clock.cancel(record.timer);
  delete record.timer;
  record.state = 'shutting-down';
  record.stateTransitionReason = how.initiatedBy === 'user' ? `User initiated (${gmt(ctx.clock.now)})` : how.reason;
  ctx.emit('ec2.instance.shutting-down', `EC2 instance ${instanceId} is shutting down: ${how.reason}`);
  const instance = containerInstanceOf(ctx, record);
  if (instance !== undefined) removeContainerInstance(ctx, instance, hostTerminatedReason(instanceId), 'TerminationNotice');
  asgInstanceTerminating(ctx, record, how);
  const shutdownMs = how.initiatedBy === 'fault' ? 0 : draw(ctx, EC2_TIMINGS.shutdownMs);
  record.timer = ctx.clock.schedule(ctx.clock.now + shutdownMs, () => becomeTerminated(ctx, record));
}

function becomeTerminated(ctx: EngineContext, record: Ec2InstanceRecord): void {
  record.state = 'terminated';
  record.terminatedMs = ctx.clock.now;
  ctx.emit('ec2.instance.terminated', `EC2 instance ${record.instanceId} is terminated.`);
  asgInstanceGone(ctx, record);
  record.timer = ctx.clock.schedule(ctx.clock.now + EC2_TIMINGS.terminatedVisibleMs, () => {
    ctx.state.ec2?.instances.delete(record.instanceId);
    dropSeries(ctx.state, ec2CpuMetric(record.instanceId));
  });
}

function containerInstanceOf(ctx: EngineContext, record: Ec2InstanceRecord): InstanceRecord | undefined {
  return record.containerInstanceArn === undefined ? undefined : ctx.state.instances.get(record.containerInstanceArn);
}

/** Tasks on the instance that have not been asked to stop yet. */
export function activeTasksOn(ctx: EngineContext, instance: InstanceRecord): TaskRecord[] {
  const out: TaskRecord[] = [];
  for (const record of ctx.state.tasks.values()) {
    if (record.instanceArn === instance.containerInstanceArn && record.task.lastStatus !== 'STOPPED') out.push(record);
  }
  return out;
}

/**
 * AWS's DeregisterContainerInstance refusal without `force` while tasks run on it (MOTO's text,
 * moto/ecs/models.py deregister_container_instance; the API reference: "If you intend to use the
 * container instance for some other purpose after deregistration, we recommend that you stop all
 * of the tasks running on the container instance before deregistration").
 */
export const RUNNING_TASKS_MESSAGE = 'Found running tasks on the instance.';

/**
 * ecs:DeregisterContainerInstance (the command checks `force` first with RUNNING_TASKS_MESSAGE):
 * the instance leaves the cluster; with `force`, ECS stops tracking its tasks (the API reference:
 * they are "orphaned"; services start replacements), which the sandbox shows as the tasks stopping.
 * The EC2 instance keeps running, without an agent registered.
 */
export function deregisterContainerInstance(ctx: EngineContext, instance: InstanceRecord, force: boolean): void {
  const reason = `Container instance ${instance.ec2InstanceId} was deregistered${force ? ' with force' : ''}; ECS no longer tracks this task (Sandbox wording).`;
  removeContainerInstance(ctx, instance, reason, 'UserInitiated');
  for (const record of ctx.state.ec2?.instances.values() ?? []) {
    if (record.containerInstanceArn === instance.containerInstanceArn) delete record.containerInstanceArn;
  }
}

function removeContainerInstance(ctx: EngineContext, instance: InstanceRecord, reason: string, stopCode: 'TerminationNotice' | 'UserInitiated'): void {
  const tasks = activeTasksOn(ctx, instance);
  for (const record of tasks) {
    if (record.task.desiredStatus === 'STOPPED') continue;
    record.task.desiredStatus = 'STOPPED';
    record.task.stopCode = stopCode;
    record.task.stoppedReason = reason;
    record.task.version += 1;
    // A host that is gone takes its containers with it; an agent deregistered with force stops them as usual.
    if (stopCode === 'TerminationNotice') record.handle?.stop(HOST_GONE_STOP);
    else ctx.requestStop(record);
  }
  startDeregistration(
    ctx,
    instance,
    `Container instance ${instance.ec2InstanceId} was deregistered from cluster ${instance.clusterName}${tasks.length > 0 ? ` once its ${tasks.length} task(s) had stopped` : ''}.`,
  );
  // Still there (DEREGISTERING until its tasks stop): the scheduler learns it takes nothing new.
  if (ctx.state.instances.has(instance.containerInstanceArn)) clusterInstancesChanged(ctx, instance.clusterName);
}

function draw(ctx: EngineContext, range: readonly [number, number]): number {
  return ctx.prng.int(range[0], range[1] + 1);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** EC2's StateTransitionReason time format: "User initiated (2026-01-01 00:10:00 GMT)". */
function gmt(ms: number): string {
  return `${isoAt(ms).slice(0, 19).replace('T', ' ')} GMT`;
}

/** The n-th address handed out in a subnet (skipping AWS's reserved first four), deterministic. */
function privateIpIn(cidr: string, n: number): string {
  const [base] = cidr.split('/');
  const octets = base!.split('.').map(Number);
  const value = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]! + 10 + (n % 4000);
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The catalogue entry of the type an instance launched with (checked when it launched). */
export function instanceTypeOf(record: Pick<Ec2InstanceRecord, 'instanceType'>): InstanceType {
  const found = lookupInstanceType(record.instanceType);
  if (!found.ok) throw new Error(`unknown instance type ${record.instanceType}`);
  return found.type;
}
