/**
 * Auto Scaling groups at work: desired ↔ actual reconciliation (launches balanced over the group's
 * Availability Zones, scale-in through the termination policies with instance protection honoured),
 * the instances' lifecycle (Pending → InService → Terminating[:Wait] → gone) as their EC2 instances
 * move, health replacement, and the activities that say why. The capacity providers (capacity/)
 * drive groups only through the functions exported here.
 *
 * AWS facts used (ecs-reference §7, EC2 Auto Scaling User Guide): instances launch balanced across
 * AZs; scale-in first balances AZs, then applies the termination policies (termination.ts);
 * scale-in protection blocks only scale-in (not health replacement, manual termination or Spot
 * interruptions); a group below its desired capacity launches at once (health replacement ignores
 * cooldowns).
 */
import type { EngineContext } from '../context.ts';
import type { EngineState } from '../state.ts';
import type { Ec2InstanceRecord } from '../ec2/model.ts';
import { launchEc2Instance, terminateEc2Instance, type TerminateHow } from '../ec2/lifecycle.ts';
import { findLaunchTemplate } from '../ec2/launch-templates.ts';
import { lookupInstanceType } from '../catalog/instance-types.ts';
import { DEFAULT_INSTANCE_ROLE_NAME, EC2_PRINCIPAL, findRole } from '../iam/roles.ts';
import { trusts } from '../iam/policy.ts';
import { zoneUnavailable } from '../faults/model.ts';
import { autoScalingOf, type AsgInstanceRecord, type AsgRecord } from './model.ts';
import { chooseInstancesToTerminate } from './termination.ts';
import { at, startActivity, updateActivity } from './activities.ts';

/** A group by name or ARN. */
export function findAutoScalingGroup(state: EngineState, nameOrArn: string): AsgRecord | undefined {
  const groups = state.autoscaling?.groups;
  if (groups === undefined) return undefined;
  const direct = groups.get(nameOrArn);
  if (direct !== undefined) return direct;
  if (!nameOrArn.startsWith('arn:')) return undefined;
  for (const group of groups.values()) if (group.arn === nameOrArn) return group;
  const name = nameOrArn.slice(nameOrArn.lastIndexOf('autoScalingGroupName/') + 'autoScalingGroupName/'.length);
  return groups.get(name);
}

/** Instances counted as the group's capacity (launching or in service, not leaving). */
export function inServiceOrPending(group: AsgRecord): AsgInstanceRecord[] {
  const out: AsgInstanceRecord[] = [];
  for (const instance of group.instances.values()) {
    if (instance.lifecycleState === 'Pending' || instance.lifecycleState === 'InService') out.push(instance);
  }
  return out;
}

/**
 * The instance starts leaving the group. A launch still in progress ends Cancelled (its instance
 * never went InService), so no activity is left PreInService for ever.
 */
export function markLeaving(ctx: EngineContext, instance: AsgInstanceRecord, state: 'Terminating' | 'Terminating:Wait'): void {
  if (instance.lifecycleState === 'Pending') updateActivity(ctx, instance.activityId, 'Cancelled', 100);
  instance.lifecycleState = state;
}

/**
 * Set the desired capacity (clamped to MinSize..MaxSize) and act on it. `cause` says what asked,
 * in AWS's words without the time ("a user request explicitly set group desired capacity", "a
 * monitor alarm X in state ALARM triggered policy Y"); the activity's Cause reads "At <now> <cause>
 * changing the desired capacity from A to B." A cause already starting with "At " is used as given.
 * No change → nothing happens (AWS records no activity either).
 */
export function setDesiredCapacity(ctx: EngineContext, group: AsgRecord, desired: number, cause: string): void {
  const clamped = Math.min(group.maxSize, Math.max(group.minSize, Math.round(desired)));
  const from = group.desiredCapacity;
  if (clamped === from) return;
  group.desiredCapacity = clamped;
  const sentence = cause.startsWith('At ') ? cause : at(ctx.clock.now, `${cause} changing the desired capacity from ${from} to ${clamped}.`);
  ctx.emit('autoscaling.desired', `Auto Scaling group ${group.name}: desired capacity ${from} → ${clamped}.`, group.arn);
  reconcileGroup(ctx, group, sentence);
}

/** Scale-in protection on some of the group's instances (unknown ids are skipped; the command checks them). */
export function setInstancesProtection(ctx: EngineContext, group: AsgRecord, instanceIds: readonly string[], protect: boolean): void {
  const changed: string[] = [];
  for (const id of instanceIds) {
    const instance = group.instances.get(id);
    if (instance === undefined || instance.protectedFromScaleIn === protect) continue;
    instance.protectedFromScaleIn = protect;
    changed.push(id);
  }
  if (changed.length > 0) {
    ctx.emit(
      'autoscaling.protection',
      `Auto Scaling group ${group.name}: scale-in protection ${protect ? 'set on' : 'removed from'} ${changed.join(', ')}.`,
      group.arn,
    );
  }
  // A group held above its desired capacity by protection can scale in now.
  if (!protect && changed.length > 0) reconcileGroup(ctx, group);
}

export type ScaleInGate = (ctx: EngineContext, group: AsgRecord, instanceId: string) => 'terminate' | 'drain-first';

let scaleInGate: ScaleInGate | undefined;

/**
 * The capacity providers' say on scale-in (ECS managed draining): 'drain-first' puts the instance
 * in Terminating:Wait (a lifecycle hook) until `completeScaleInTermination`. One gate; the same
 * function for every engine.
 */
export function provideScaleInGate(gate: ScaleInGate): void {
  scaleInGate = gate;
}

/** The instance held in Terminating:Wait may go now (its container instance is drained). */
export function completeScaleInTermination(ctx: EngineContext, group: AsgRecord, instanceId: string): void {
  const instance = group.instances.get(instanceId);
  if (instance === undefined || instance.lifecycleState !== 'Terminating:Wait') return;
  instance.lifecycleState = 'Terminating:Proceed';
  updateActivity(ctx, instance.activityId, 'InProgress', 50);
  terminateEc2Instance(ctx, instanceId, { reason: `Auto Scaling group ${group.name} terminated it on scale-in, after draining.`, initiatedBy: 'autoscaling' });
}

/**
 * Bring the group's instances to its desired capacity: launch the difference (balanced over the
 * zones that are up) or choose instances to terminate. `cause` is the sentence that changed the
 * desired capacity, put before AWS's own sentence about the difference.
 */
export function reconcileGroup(ctx: EngineContext, group: AsgRecord, cause?: string): void {
  if (group.deleting === true) return;
  const live = inServiceOrPending(group);
  if (live.length < group.desiredCapacity) launchDifference(ctx, group, live, cause);
  else if (live.length > group.desiredCapacity) scaleIn(ctx, group, live, cause);
}

function launchDifference(ctx: EngineContext, group: AsgRecord, live: AsgInstanceRecord[], cause: string | undefined): void {
  const from = live.length;
  const to = group.desiredCapacity;
  const because = at(ctx.clock.now, `an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${from} to ${to}.`);
  const fullCause = cause === undefined ? because : `${cause}  ${because}`;
  const perZone = new Map<string, number>();
  for (const instance of live) perZone.set(instance.availabilityZone, (perZone.get(instance.availabilityZone) ?? 0) + 1);
  let onDemand = live.filter((instance) => !instance.spot).length;
  for (let n = from; n < to; n++) {
    const zone = leastPopulatedZone(ctx, group, perZone);
    const spot = zone === undefined ? false : launchAsSpot(group, n, onDemand);
    const launched = zone === undefined ? noZone(group) : launchInto(ctx, group, zone, spot, fullCause);
    if (!launched.ok) {
      group.launchFailedMs = ctx.clock.now;
      startActivity(ctx, group, `Launching a new EC2 instance.  Status Reason: ${launched.message}`, fullCause, 'Failed', launched.message);
      return;
    }
    perZone.set(zone!, (perZone.get(zone!) ?? 0) + 1);
    if (!spot) onDemand++;
  }
  delete group.launchFailedMs;
}

/** The zone (of those up) with the fewest of the group's instances; ties go to the first listed. */
function leastPopulatedZone(ctx: EngineContext, group: AsgRecord, perZone: Map<string, number>): string | undefined {
  let best: string | undefined;
  for (const zone of group.availabilityZones) {
    if (zoneUnavailable(ctx.state, zone)) continue;
    if (best === undefined || (perZone.get(zone) ?? 0) < (perZone.get(best) ?? 0)) best = zone;
  }
  return best;
}

function noZone(group: AsgRecord): { ok: false; message: string } {
  return {
    ok: false,
    message: `We currently do not have sufficient capacity in the Availability Zones you requested (${group.availabilityZones.join(', ')}). Launching EC2 instance failed.`,
  };
}

/**
 * MixedInstancesPolicy's InstancesDistribution: the first OnDemandBaseCapacity instances are
 * On-Demand, then OnDemandPercentageAboveBaseCapacity percent of the rest (the n-th instance above
 * the base is On-Demand while On-Demand is below its share, rounding in On-Demand's favour —
 * rounding UNCONFIRMED).
 */
export function launchAsSpot(group: AsgRecord, liveCount: number, onDemandCount: number): boolean {
  const policy = group.mixedInstancesPolicy;
  if (policy === undefined) return false;
  if (onDemandCount < policy.onDemandBaseCapacity) return false;
  const aboveBase = liveCount + 1 - policy.onDemandBaseCapacity;
  const onDemandAbove = onDemandCount - policy.onDemandBaseCapacity;
  return onDemandAbove >= Math.ceil((aboveBase * policy.onDemandPercentageAboveBaseCapacity) / 100);
}

type Launch = { ok: true } | { ok: false; message: string };

function launchInto(ctx: EngineContext, group: AsgRecord, zone: string, spot: boolean, cause: string): Launch {
  const spec = group.launchTemplate ?? group.mixedInstancesPolicy!.launchTemplate;
  const found = findLaunchTemplate(ctx.state, spec);
  if (!found.ok) return { ok: false, message: `${found.message} Launching EC2 instance failed.` };
  const typeName = group.mixedInstancesPolicy?.instanceTypeOverrides[0] ?? found.data.instanceType;
  const type = typeName === undefined ? undefined : lookupInstanceType(typeName);
  if (type === undefined || !type.ok) {
    return { ok: false, message: `The launch template ${found.template.name} does not specify a valid instance type (${typeName ?? 'none'}). Launching EC2 instance failed.` };
  }
  const profile = found.data.iamInstanceProfile;
  let roleName: string | undefined;
  if (profile !== undefined) {
    const role = findRole(ctx.state.roles, profile);
    if (role !== undefined && trusts(role.trustPolicy, EC2_PRINCIPAL)) roleName = role.RoleName;
    else if (!profile.endsWith(DEFAULT_INSTANCE_ROLE_NAME)) {
      // EC2's RunInstances error for an unknown instance profile.
      return { ok: false, message: `Value (${profile}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name. Launching EC2 instance failed.` };
    }
  }
  const ec2 = launchEc2Instance(ctx, {
    instanceType: type.type,
    zone,
    spot,
    autoScalingGroupName: group.name,
    launchTemplateId: found.template.id,
    launchTemplateVersionNumber: found.versionNumber,
    ...(found.data.userData === undefined ? {} : { userData: found.data.userData }),
    ...(roleName === undefined ? {} : { instanceRoleName: roleName }),
    ...(profile === undefined ? {} : { iamInstanceProfile: profile }),
    securityGroupIds: found.data.securityGroupIds ?? [],
    tags: group.tags.filter((tag) => tag.propagateAtLaunch).map((tag) => ({ Key: tag.key, Value: tag.value })),
  });
  const activity = startActivity(ctx, group, `Launching a new EC2 instance: ${ec2.instanceId}`, cause, 'PreInService');
  group.instances.set(ec2.instanceId, {
    instanceId: ec2.instanceId,
    instanceType: type.type.name,
    availabilityZone: zone,
    lifecycleState: 'Pending',
    healthStatus: 'Healthy',
    protectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
    launchedMs: ctx.clock.now,
    spot,
    launchTemplateId: found.template.id,
    launchTemplateName: found.template.name,
    launchTemplateVersionNumber: found.versionNumber,
    activityId: activity.ActivityId,
  });
  return { ok: true };
}

function scaleIn(ctx: EngineContext, group: AsgRecord, live: AsgInstanceRecord[], cause: string | undefined): void {
  const from = live.length;
  const to = group.desiredCapacity;
  const chosen = chooseInstancesToTerminate({
    instances: live.map((instance) => ({
      instanceId: instance.instanceId,
      zone: instance.availabilityZone,
      launchedMs: instance.launchedMs,
      protectedFromScaleIn: instance.protectedFromScaleIn,
      ...(instance.launchTemplateVersionNumber === undefined ? {} : { launchTemplateAgeRank: instance.launchTemplateVersionNumber }),
    })),
    count: from - to,
    policies: group.terminationPolicies,
    nowMs: ctx.clock.now,
    draw: (n) => ctx.prng.int(0, n),
  });
  if (!chosen.ok) return;
  if (chosen.blockedByProtection > 0) {
    ctx.emit(
      'autoscaling.protected',
      `Auto Scaling group ${group.name} wants ${from - to} fewer instance(s) but ${chosen.blockedByProtection} of them cannot be chosen: the remaining instances are protected from scale in.`,
      group.arn,
    );
  }
  const shrinking = at(ctx.clock.now, `an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${from} to ${to}.`);
  for (const id of chosen.instanceIds) {
    const instance = group.instances.get(id)!;
    const selected = at(ctx.clock.now, `instance ${id} was selected for termination.`);
    const fullCause = [cause, shrinking, selected].filter((s) => s !== undefined).join('  ');
    const gate = scaleInGate?.(ctx, group, id) ?? 'terminate';
    if (gate === 'drain-first') {
      markLeaving(ctx, instance, 'Terminating:Wait');
      instance.activityId = startActivity(ctx, group, `Terminating EC2 instance: ${id}`, fullCause, 'MidLifecycleAction').ActivityId;
      continue;
    }
    markLeaving(ctx, instance, 'Terminating');
    instance.activityId = startActivity(ctx, group, `Terminating EC2 instance: ${id}`, fullCause).ActivityId;
    terminateEc2Instance(ctx, id, { reason: `Auto Scaling group ${group.name} terminated it on scale-in.`, initiatedBy: 'autoscaling' });
  }
}

// ---------------------------------------------------------------------------------------------
// The EC2 instance's side (ec2/lifecycle.ts tells its group).
// ---------------------------------------------------------------------------------------------

function groupInstanceOf(ctx: EngineContext, record: Ec2InstanceRecord): { group: AsgRecord; instance: AsgInstanceRecord } | undefined {
  if (record.autoScalingGroupName === undefined) return undefined;
  const group = ctx.state.autoscaling?.groups.get(record.autoScalingGroupName);
  const instance = group?.instances.get(record.instanceId);
  return group === undefined || instance === undefined ? undefined : { group, instance };
}

/** EC2 says running: the instance is InService (no health check grace is needed to count it). */
export function asgInstanceRunning(ctx: EngineContext, record: Ec2InstanceRecord): void {
  const found = groupInstanceOf(ctx, record);
  if (found === undefined || found.instance.lifecycleState !== 'Pending') return;
  found.instance.lifecycleState = 'InService';
  updateActivity(ctx, found.instance.activityId, 'Successful', 100);
  delete found.instance.activityId;
}

/**
 * The instance is shutting down. Scale-in already recorded its activity; anything else (a user's
 * TerminateInstances, a Spot interruption, a fault) is what EC2 Auto Scaling notices as a failed
 * health check: it takes the instance out of service and launches a replacement at once.
 */
export function asgInstanceTerminating(ctx: EngineContext, record: Ec2InstanceRecord, how: TerminateHow): void {
  const found = groupInstanceOf(ctx, record);
  if (found === undefined) return;
  const { group, instance } = found;
  if (instance.lifecycleState === 'Terminating' || instance.lifecycleState === 'Terminating:Proceed') return;
  const wasWaiting = instance.lifecycleState === 'Terminating:Wait';
  markLeaving(ctx, instance, 'Terminating');
  if (wasWaiting || how.initiatedBy === 'autoscaling') {
    updateActivity(ctx, instance.activityId, 'InProgress', 50);
    return;
  }
  instance.healthStatus = 'Unhealthy';
  const why = how.initiatedBy === 'spot'
    ? 'an instance was taken out of service in response to an EC2 Spot Instance interruption notice.'
    : 'an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped.';
  instance.activityId = startActivity(ctx, group, `Terminating EC2 instance: ${record.instanceId}`, at(ctx.clock.now, why)).ActivityId;
  reconcileGroup(ctx, group);
}

/** EC2 says terminated: the instance leaves the group (a deleting group goes when its last one does). */
export function asgInstanceGone(ctx: EngineContext, record: Ec2InstanceRecord): void {
  const found = groupInstanceOf(ctx, record);
  if (found === undefined) return;
  const { group, instance } = found;
  updateActivity(ctx, instance.activityId, 'Successful', 100);
  group.instances.delete(record.instanceId);
  if (group.deleting === true && group.instances.size === 0) removeGroup(ctx, group);
  else if (group.deleting !== true) reconcileGroup(ctx, group);
}

/** Mark an instance Unhealthy and replace it (EC2 health check: status checks failed). */
export function replaceUnhealthy(ctx: EngineContext, group: AsgRecord, instance: AsgInstanceRecord, why: string): void {
  instance.healthStatus = 'Unhealthy';
  markLeaving(ctx, instance, 'Terminating');
  instance.activityId = startActivity(ctx, group, `Terminating EC2 instance: ${instance.instanceId}`, at(ctx.clock.now, why)).ActivityId;
  terminateEc2Instance(ctx, instance.instanceId, { reason: `Auto Scaling group ${group.name} replaced it: ${why}`, initiatedBy: 'autoscaling' });
  reconcileGroup(ctx, group);
}

/** ForceDelete (or a group with no instances): its instances terminate, then the group and its policies go. */
export function deleteGroup(ctx: EngineContext, group: AsgRecord): void {
  group.deleting = true;
  const ids = [...group.instances.values()].filter((i) => i.lifecycleState !== 'Terminating' && i.lifecycleState !== 'Terminating:Proceed').map((i) => i.instanceId);
  for (const id of ids) {
    markLeaving(ctx, group.instances.get(id)!, 'Terminating');
    terminateEc2Instance(ctx, id, { reason: `Auto Scaling group ${group.name} is being deleted.`, initiatedBy: 'autoscaling' });
  }
  if (group.instances.size === 0) removeGroup(ctx, group);
}

const groupRemovedListeners: ((ctx: EngineContext, group: AsgRecord) => void)[] = [];

/** Told when a group is gone (its policies' alarms go with it: autoscaling/policies.ts). */
export function onGroupRemoved(listener: (ctx: EngineContext, group: AsgRecord) => void): void {
  if (!groupRemovedListeners.includes(listener)) groupRemovedListeners.push(listener);
}

function removeGroup(ctx: EngineContext, group: AsgRecord): void {
  const state = autoScalingOf(ctx.state);
  state.groups.delete(group.name);
  for (const listener of groupRemovedListeners) listener(ctx, group);
  ctx.emit('autoscaling.deleted', `Auto Scaling group ${group.name} is deleted.`, group.arn);
}
