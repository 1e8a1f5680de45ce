/**
 * Managed termination protection and managed draining (ECSDG managed-termination-protection,
 * cluster-auto-scaling; ecs-reference §6):
 * - protection ENABLED: ECS keeps the Auto Scaling group's scale-in protection ON for instances
 *   running non-daemon tasks and OFF for empty ones, so scale-in can only choose empty instances.
 *   Updated when a task is placed (protection goes on at once) and every minute (it comes off).
 * - draining ENABLED (the default for new providers): the group's scale-in waits (a lifecycle hook,
 *   Terminating:Wait) while ECS sets the container instance DRAINING — the ordinary
 *   UpdateContainerInstancesState, so the service scheduler replaces its tasks — and lets the
 *   termination proceed once no non-daemon task is left on it.
 * The group is changed only through autoscaling/groups.ts.
 */
import { ensureMinuteTicks, provideMinuteJob } from '../metrics/minute-tick.ts';
import { completeScaleInTermination, findAutoScalingGroup, provideScaleInGate, setInstancesProtection } from '../autoscaling/groups.ts';
import type { AsgRecord } from '../autoscaling/model.ts';
import { updateContainerInstancesState } from '../commands/instance-state.ts';
import type { EngineContext } from '../context.ts';
import type { InstanceRecord } from '../state.ts';
import type { CapacityProviderRecord } from './model.ts';
import { clusterOfProvider, findProvider } from './providers.ts';
import { busyByEc2Instance, isNonDaemonTask } from './reservation-inputs.ts';

/** Put protection on/off per the instances' tasks (protection ENABLED only). */
export function syncProtection(ctx: EngineContext, provider: CapacityProviderRecord): void {
  if (provider.managedTerminationProtection !== 'ENABLED' || provider.status !== 'ACTIVE') return;
  const group = findAutoScalingGroup(ctx.state, provider.autoScalingGroupArn);
  const cluster = clusterOfProvider(ctx.state, provider.name);
  if (group === undefined || cluster === undefined) return;
  const busy = busyByEc2Instance(ctx.state, cluster.clusterName);
  const protect: string[] = [];
  const release: string[] = [];
  for (const instance of group.instances.values()) {
    if (instance.lifecycleState !== 'InService') continue;
    const entry = busy.get(instance.instanceId);
    // Not registered yet: it will take tasks soon, keep the group's setting for new instances.
    if (entry === undefined) continue;
    const wanted = entry.tasks > 0;
    if (wanted && !instance.protectedFromScaleIn) protect.push(instance.instanceId);
    else if (!wanted && instance.protectedFromScaleIn) release.push(instance.instanceId);
  }
  if (protect.length > 0) setInstancesProtection(ctx, group, protect, true);
  if (release.length > 0) setInstancesProtection(ctx, group, release, false);
}

/** A task was just placed on `instance`: protect it at once if its provider manages protection. */
export function protectOnPlacement(ctx: EngineContext, instance: InstanceRecord): void {
  const name = instance.capacityProviderName;
  if (name === undefined || instance.autoScalingGroupName === undefined) return;
  const provider = findProvider(ctx.state, name);
  if (provider?.managedTerminationProtection !== 'ENABLED') return;
  const group = findAutoScalingGroup(ctx.state, provider.autoScalingGroupArn);
  const member = group?.instances.get(instance.ec2InstanceId);
  if (group !== undefined && member !== undefined && !member.protectedFromScaleIn) setInstancesProtection(ctx, group, [instance.ec2InstanceId], true);
}

function providerOfGroup(ctx: EngineContext, group: AsgRecord): CapacityProviderRecord | undefined {
  for (const provider of ctx.state.capacity?.providers.values() ?? []) {
    if (provider.status === 'ACTIVE' && findAutoScalingGroup(ctx.state, provider.autoScalingGroupArn) === group) return provider;
  }
  return undefined;
}

/** Instances held in Terminating:Wait while they drain, by EC2 instance id → group name. */
function drainsOf(ctx: EngineContext): Map<string, string> {
  const capacity = ctx.state.capacity!;
  return (capacity.drains ??= new Map());
}

provideScaleInGate((ctx, group, instanceId) => {
  const provider = providerOfGroup(ctx, group);
  if (provider?.managedDraining !== 'ENABLED' || clusterOfProvider(ctx.state, provider.name) === undefined) return 'terminate';
  drainsOf(ctx).set(instanceId, group.name);
  const instance = containerInstanceOf(ctx, instanceId);
  if (instance !== undefined && instance.status !== 'DRAINING') {
    ctx.emit('capacity.draining', `Capacity provider ${provider.name} drains ${instanceId} before Auto Scaling group ${group.name} terminates it (managed draining).`, instance.containerInstanceArn);
    updateContainerInstancesState(ctx, { cluster: instance.clusterName, containerInstances: [instance.containerInstanceArn], status: 'DRAINING' });
  }
  // The gate answers before the instance is in Terminating:Wait: look again just after, then each
  // minute (drains finish with or without managed scaling: the drains job keeps the ticker alive).
  ctx.clock.schedule(ctx.clock.now, () => finishDrains(ctx));
  ensureMinuteTicks(ctx);
  return 'drain-first';
});

provideMinuteJob('capacity:drains', { phase: 'act', active: (ctx) => (ctx.state.capacity?.drains?.size ?? 0) > 0, run: finishDrains });

function containerInstanceOf(ctx: EngineContext, ec2InstanceId: string): InstanceRecord | undefined {
  for (const instance of ctx.state.instances.values()) if (instance.ec2InstanceId === ec2InstanceId) return instance;
  return undefined;
}

/** Let drained instances go: those with no non-daemon task left (checked each minute and when a drain starts). */
export function finishDrains(ctx: EngineContext): void {
  const drains = ctx.state.capacity?.drains;
  if (drains === undefined || drains.size === 0) return;
  for (const [instanceId, groupName] of [...drains]) {
    const group = ctx.state.autoscaling?.groups.get(groupName);
    const member = group?.instances.get(instanceId);
    if (group === undefined || member === undefined || (member.lifecycleState !== 'Terminating:Wait' && member.lifecycleState !== 'InService')) {
      drains.delete(instanceId);
      continue;
    }
    if (member.lifecycleState !== 'Terminating:Wait') continue;
    const instance = containerInstanceOf(ctx, instanceId);
    if (instance !== undefined && hasNonDaemonTasks(ctx, instance)) continue;
    drains.delete(instanceId);
    ctx.emit('capacity.drained', `Container instance on ${instanceId} is drained (no task left but daemons): Auto Scaling group ${groupName} may terminate it.`, instance?.containerInstanceArn);
    completeScaleInTermination(ctx, group, instanceId);
  }
}

function hasNonDaemonTasks(ctx: EngineContext, instance: InstanceRecord): boolean {
  for (const record of ctx.state.tasks.values()) {
    if (record.instanceArn === instance.containerInstanceArn && isNonDaemonTask(ctx.state, record)) return true;
  }
  return false;
}
