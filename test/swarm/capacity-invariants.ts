/**
 * The capacity swarm's own invariants (issue 6), read from the public snapshot only:
 *
 *   C1  Auto Scaling bounds: MinSize ≤ DesiredCapacity ≤ MaxSize, and the group's instances that are
 *       Pending or InService never exceed MaxSize;
 *   C2  managed termination protection / managed draining: no task is stopped because its EC2
 *       instance was terminated, unless the swarm itself killed that instance (sim:TerminateInstance) —
 *       scale-in may only take instances that run no tasks;
 *   C3  tasks waiting for capacity: a task in PROVISIONING without a container instance on the EC2
 *       path names an Auto Scaling group capacity provider, and a cluster holds at most 300 of them;
 *   C4  capacity provider names agree: a task on a container instance that belongs to a provider
 *       carries that provider's name; FARGATE_SPOT tasks are FARGATE launch-type tasks;
 *   C5  cost: totals never go down, no amount is negative (not even "unused EC2 capacity": a task's
 *       share of its instance lies within the instance's billed time), and the launch types add up
 *       to the total;
 *   C6  no task is placed on a container instance whose agent is disconnected (at the last observation
 *       and now).
 *
 * Convergence (capacitySteadyProblems), once faults have stopped: no task waits for capacity; the
 * group has exactly DesiredCapacity instances, all InService; at targetCapacity 100, managed scaling
 * has scaled in every instance that runs no task (reservation 100 %: scale-in happened, and
 * managed termination protection let it take only empty instances — C2 watched it); each Fargate
 * service runs at least the strategy's base on FARGATE.
 */
import type { Snapshot } from '../../workers/protocol.ts';
import type { SnapshotIndex, Violation } from './invariants.ts';
import type { CapacityWorld } from './capacity-world.ts';

export const MAX_WAITING_PER_CLUSTER = 300;

const INSTANCE_ID = /\b(i-[0-9a-f]{8,17})\b/;

export class CapacityTracker {
  private previous?: Snapshot;
  private readonly reportedStops = new Set<string>();

  constructor(private readonly killedByFault: ReadonlySet<string>) {}

  observe(index: SnapshotIndex): Violation[] {
    const snap = index.snap;
    const out: Violation[] = [];
    for (const group of snap.autoScalingGroups ?? []) {
      if (group.MinSize > group.DesiredCapacity || group.DesiredCapacity > group.MaxSize) {
        out.push({ invariant: 'C1', message: `${group.AutoScalingGroupName}: min ${group.MinSize}, desired ${group.DesiredCapacity}, max ${group.MaxSize}` });
      }
      const live = group.Instances.filter((i) => i.LifecycleState === 'Pending' || i.LifecycleState === 'InService').length;
      if (live > group.MaxSize) out.push({ invariant: 'C1', message: `${group.AutoScalingGroupName}: ${live} instances Pending or InService, MaxSize ${group.MaxSize}` });
    }
    for (const task of snap.tasks) {
      if (task.lastStatus !== 'STOPPED' || this.reportedStops.has(task.taskArn)) continue;
      const reason = task.stoppedReason ?? '';
      const id = INSTANCE_ID.exec(reason)?.[1];
      if (id !== undefined && /terminat/i.test(reason) && !this.killedByFault.has(id)) {
        this.reportedStops.add(task.taskArn);
        out.push({ invariant: 'C2', message: `task ${task.taskArn.slice(-8)} (${task.group}) stopped by the termination of ${id}, which no fault killed: "${reason}"` });
      }
    }
    const waiting = new Map<string, number>();
    const providers = new Set((snap.capacityProviders ?? []).filter((p) => p.autoScalingGroupProvider !== undefined).map((p) => p.name));
    for (const task of snap.tasks) {
      if (task.lastStatus !== 'PROVISIONING' || task.launchType !== 'EC2' || task.containerInstanceArn !== undefined) continue;
      if (task.capacityProviderName === undefined || !providers.has(task.capacityProviderName)) {
        out.push({ invariant: 'C3', message: `task ${task.taskArn.slice(-8)} waits in PROVISIONING without an instance but names no Auto Scaling group provider (${task.capacityProviderName ?? 'none'})` });
      }
      waiting.set(task.clusterArn, (waiting.get(task.clusterArn) ?? 0) + 1);
    }
    for (const [cluster, count] of waiting) {
      if (count > MAX_WAITING_PER_CLUSTER) out.push({ invariant: 'C3', message: `${count} tasks wait for capacity in ${cluster} (at most ${MAX_WAITING_PER_CLUSTER})` });
    }
    for (const task of snap.tasks) {
      if (task.lastStatus === 'STOPPED') continue;
      if (task.capacityProviderName === 'FARGATE_SPOT' && task.launchType !== 'FARGATE') {
        out.push({ invariant: 'C4', message: `FARGATE_SPOT task ${task.taskArn.slice(-8)} has launch type ${task.launchType}` });
      }
      const instance = task.containerInstanceArn === undefined ? undefined : index.instancesByArn.get(task.containerInstanceArn);
      if (instance?.capacityProviderName !== undefined && task.capacityProviderName !== undefined && task.capacityProviderName !== instance.capacityProviderName) {
        out.push({ invariant: 'C4', message: `task ${task.taskArn.slice(-8)} says ${task.capacityProviderName} but runs on an instance of ${instance.capacityProviderName}` });
      }
    }
    const cost = snap.cost;
    if (cost !== undefined) {
      const sum = Object.values(cost.byLaunchType).reduce((total, part) => total + part.totalUsd, 0);
      if (Math.abs(sum - cost.totalUsd) > 1e-6 * Math.max(1, cost.totalUsd)) out.push({ invariant: 'C5', message: `launch types add up to $${sum}, total says $${cost.totalUsd}` });
      if (cost.ratePerHourUsd < 0 || Object.values(cost.byLaunchType).some((part) => part.ratePerHourUsd < 0)) out.push({ invariant: 'C5', message: 'a negative hourly rate' });
      for (const row of cost.byService) {
        if (row.totalUsd < -1e-9 || row.ratePerHourUsd < -1e-9) out.push({ invariant: 'C5', message: `${row.name} costs $${row.totalUsd} ($${row.ratePerHourUsd}/h): negative` });
      }
      const before = this.previous?.cost?.totalUsd;
      if (before !== undefined && cost.totalUsd < before - 1e-9) out.push({ invariant: 'C5', message: `total cost went down from $${before} to $${cost.totalUsd}` });
    }
    if (this.previous !== undefined) {
      const disconnectedBefore = new Set(this.previous.containerInstances.filter((ci) => !ci.agentConnected).map((ci) => ci.containerInstanceArn));
      const known = new Set(this.previous.tasks.map((t) => t.taskArn));
      for (const task of snap.tasks) {
        if (known.has(task.taskArn) || task.containerInstanceArn === undefined || !disconnectedBefore.has(task.containerInstanceArn)) continue;
        if (index.instancesByArn.get(task.containerInstanceArn)?.agentConnected === false) {
          out.push({ invariant: 'C6', message: `task ${task.taskArn.slice(-8)} was placed on ${task.containerInstanceArn.slice(-8)}, whose agent is disconnected` });
        }
      }
    }
    this.previous = snap;
    return out;
  }
}

export function capacitySteadyProblems(index: SnapshotIndex, world: CapacityWorld): string[] {
  const snap = index.snap;
  const problems: string[] = [];
  const waiting = snap.tasks.filter((t) => t.lastStatus === 'PROVISIONING' && t.launchType === 'EC2' && t.containerInstanceArn === undefined).length;
  if (waiting > 0) problems.push(`${waiting} task(s) still wait for capacity`);
  for (const group of snap.autoScalingGroups ?? []) {
    const inService = group.Instances.filter((i) => i.LifecycleState === 'InService').length;
    if (inService !== group.DesiredCapacity || group.Instances.length !== group.DesiredCapacity) {
      problems.push(`${group.AutoScalingGroupName}: desired ${group.DesiredCapacity}, ${inService} InService of ${group.Instances.length} (${group.Instances.map((i) => i.LifecycleState).join(', ')})`);
    }
  }
  if (world.targetCapacity === 100) {
    const empty = snap.containerInstances.filter((ci) => ci.status === 'ACTIVE' && ci.runningTasksCount + ci.pendingTasksCount === 0);
    if (empty.length > 0) problems.push(`${empty.length} empty instance(s) still in the group at target capacity 100 %: ${empty.map((ci) => ci.ec2InstanceId).join(', ')}`);
  }
  for (const service of snap.services) {
    const strategy = world.strategies.get(service.serviceName);
    if (strategy === undefined || service.status !== 'ACTIVE') continue;
    const onFargate = index.serviceTasks(service).filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING' && t.capacityProviderName === 'FARGATE').length;
    const wanted = Math.min(strategy.base, service.desiredCount);
    if (onFargate < wanted) problems.push(`${service.serviceName}: ${onFargate} task(s) on FARGATE, base ${strategy.base} of ${service.desiredCount}`);
  }
  return problems;
}
