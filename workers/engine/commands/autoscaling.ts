/**
 * EC2 Auto Scaling (issue 6): groups (Create/Update/Delete/DescribeAutoScalingGroups,
 * SetDesiredCapacity, SetInstanceProtection, TerminateInstanceInAutoScalingGroup,
 * DescribeScalingActivities) here; scaling policies in autoscaling-policies.ts. Every command
 * checks everything first; a refusal changes nothing. Errors are EC2 Auto Scaling's (ValidationError,
 * AlreadyExists, ResourceInUse, ScalingActivityInProgress) with its texts (autoscaling/messages.ts).
 */
import type { EngineContext } from '../context.ts';
import { fail, ok, type CommandResult } from '../errors.ts';
import { checkParams } from './params.ts';
import { validateCreateAutoScalingGroup, type LaunchTemplateSpecification } from '../autoscaling/asg-request.ts';
import { autoScalingOf, type AsgRecord } from '../autoscaling/model.ts';
import { ASG_MESSAGES } from '../autoscaling/messages.ts';
import { at, startActivity } from '../autoscaling/activities.ts';
import { deleteGroup, findAutoScalingGroup, markLeaving, reconcileGroup, setDesiredCapacity as setGroupDesired, setInstancesProtection } from '../autoscaling/groups.ts';
import { renderGroup } from '../autoscaling/render.ts';
import { cooldownRemainingMs } from '../autoscaling/scaling-policies.ts';
import { findLaunchTemplate } from '../ec2/launch-templates.ts';
import { terminateEc2Instance } from '../ec2/lifecycle.ts';
import { lookupInstanceType } from '../catalog/instance-types.ts';
import { AVAILABILITY_ZONES } from '../catalog/network.ts';
import { defaultSubnetOfZone, DEFAULT_SUBNETS } from '../network/default-vpc.ts';
import { ensureMinuteTicks } from '../metrics/minute-tick.ts';
import { paginate } from './paginate.ts';
// Modules that register their snapshot part, minute job or alarm-action handler when they load.
import '../ec2/render.ts';
import '../metrics/ec2-metrics.ts';
import '../autoscaling/policies.ts';
import '../autoscaling/health.ts';

export { putScalingPolicy, describePolicies, deletePolicy, executePolicy } from './autoscaling-policies.ts';

const validation = (message: string): CommandResult => fail('ValidationError', message);

const GROUP_PARAMS = {
  AutoScalingGroupName: 'string',
  LaunchTemplate: 'structure',
  MixedInstancesPolicy: 'structure',
  LaunchConfigurationName: 'string',
  InstanceId: 'string',
  MinSize: 'integer',
  MaxSize: 'integer',
  DesiredCapacity: 'integer',
  DefaultCooldown: 'integer',
  AvailabilityZones: 'list',
  VPCZoneIdentifier: 'string',
  HealthCheckType: 'string',
  HealthCheckGracePeriod: 'integer',
  TerminationPolicies: 'list',
  NewInstancesProtectedFromScaleIn: 'boolean',
  Tags: 'list',
  CapacityRebalance: 'boolean',
  DefaultInstanceWarmup: 'integer',
  ServiceLinkedRoleARN: 'string',
  MaxInstanceLifetime: 'integer',
  Context: 'string',
  DesiredCapacityType: 'string',
} as const;

type Placement = { ok: true; zones: string[]; subnetIds: string[] } | { ok: false; result: CommandResult };

/** Zones from AvailabilityZones and/or the subnets of VPCZoneIdentifier (subnets win, as on AWS). */
function placementOf(zones: readonly string[], subnetIds: readonly string[]): Placement {
  for (const id of subnetIds) {
    if (!DEFAULT_SUBNETS.some((subnet) => subnet.subnetId === id)) return { ok: false, result: validation(ASG_MESSAGES.unknownSubnet(id)) };
  }
  for (const zone of zones) {
    if (!AVAILABILITY_ZONES.includes(zone)) return { ok: false, result: validation(ASG_MESSAGES.unknownZone(zone, AVAILABILITY_ZONES)) };
  }
  if (subnetIds.length > 0) {
    const fromSubnets = subnetIds.map((id) => DEFAULT_SUBNETS.find((subnet) => subnet.subnetId === id)!.availabilityZone);
    return { ok: true, zones: [...new Set(fromSubnets)], subnetIds: [...subnetIds] };
  }
  return { ok: true, zones: [...zones], subnetIds: zones.map((zone) => defaultSubnetOfZone(zone)!.subnetId) };
}

/** The launch template must exist and name a known instance type (unless overrides give one). */
function checkTemplate(ctx: EngineContext, spec: LaunchTemplateSpecification, overrides: readonly string[]): CommandResult | undefined {
  const found = findLaunchTemplate(ctx.state, spec);
  if (!found.ok) return validation(ASG_MESSAGES.invalidTemplate(found.message));
  for (const type of overrides) if (!lookupInstanceType(type).ok) return validation(ASG_MESSAGES.unknownInstanceType(type));
  if (overrides.length === 0 && found.data.instanceType === undefined) {
    return validation(ASG_MESSAGES.invalidTemplate(`The launch template ${found.template.name} does not specify an instance type.`));
  }
  return undefined;
}

function checkHealthCheckType(value: unknown): CommandResult | undefined {
  if (value === undefined || value === 'EC2' || value === 'ELB') return undefined;
  return validation(`1 validation error detected: Value '${String(value)}' at 'healthCheckType' failed to satisfy constraint: Member must be EC2 or ELB`);
}

export function createAutoScalingGroup(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<Record<string, unknown>>(raw, { params: GROUP_PARAMS, required: ['AutoScalingGroupName', 'MinSize', 'MaxSize'] });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const validated = validateCreateAutoScalingGroup(input);
  if (!validated.ok) return validation(validated.error.message);
  const request = validated.value;
  if (ctx.state.autoscaling?.groups.has(request.autoScalingGroupName) === true) return fail('AlreadyExists', ASG_MESSAGES.alreadyExists(request.autoScalingGroupName));
  const placement = placementOf(request.availabilityZones, request.subnetIds);
  if (!placement.ok) return placement.result;
  const spec = request.launchTemplate ?? request.mixedInstancesPolicy!.launchTemplate;
  const templateProblem = checkTemplate(ctx, spec, request.mixedInstancesPolicy?.instanceTypeOverrides ?? []);
  if (templateProblem !== undefined) return templateProblem;
  const healthProblem = checkHealthCheckType(input['HealthCheckType']);
  if (healthProblem !== undefined) return healthProblem;
  const tags = checkTags(input['Tags']);
  if (!tags.ok) return tags.result;
  const warmup = input['DefaultInstanceWarmup'];
  if (warmup !== undefined && (warmup as number) < 0) return validation(`DefaultInstanceWarmup must be a whole number of seconds ≥ 0, got ${String(warmup)}`);

  const name = request.autoScalingGroupName;
  const group: AsgRecord = {
    name,
    arn: `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:${ctx.prng.uuid()}:autoScalingGroupName/${name}`,
    createdMs: ctx.clock.now,
    minSize: request.minSize,
    maxSize: request.maxSize,
    desiredCapacity: 0,
    defaultCooldownSeconds: request.defaultCooldownSeconds,
    ...(input['DefaultInstanceWarmup'] === undefined ? {} : { defaultInstanceWarmupSeconds: input['DefaultInstanceWarmup'] as number }),
    healthCheckGracePeriodSeconds: request.healthCheckGracePeriodSeconds,
    healthCheckType: (input['HealthCheckType'] as 'EC2' | 'ELB' | undefined) ?? 'EC2',
    availabilityZones: placement.zones,
    subnetIds: input['VPCZoneIdentifier'] === undefined ? [] : placement.subnetIds,
    ...(request.launchTemplate === undefined ? {} : { launchTemplate: request.launchTemplate }),
    ...(request.mixedInstancesPolicy === undefined ? {} : { mixedInstancesPolicy: request.mixedInstancesPolicy }),
    newInstancesProtectedFromScaleIn: request.newInstancesProtectedFromScaleIn,
    terminationPolicies: request.terminationPolicies,
    tags: tags.tags,
    instances: new Map(),
  };
  autoScalingOf(ctx.state).groups.set(name, group);
  ctx.emit('autoscaling.created', `Auto Scaling group ${name} was created: min ${request.minSize}, max ${request.maxSize}, desired ${request.desiredCapacity}, in ${placement.zones.join(', ')}.`, group.arn);
  ensureMinuteTicks(ctx);
  setGroupDesired(ctx, group, request.desiredCapacity, 'a user request created an AutoScalingGroup');
  return ok({});
}

type TagCheck = { ok: true; tags: AsgRecord['tags'] } | { ok: false; result: CommandResult };

function checkTags(value: unknown): TagCheck {
  const tags: AsgRecord['tags'] = [];
  for (const tag of (value as unknown[] | undefined) ?? []) {
    const t = tag as Record<string, unknown> | null;
    if (t === null || typeof t !== 'object' || typeof t['Key'] !== 'string') return { ok: false, result: validation('Each tag needs a Key (and a Value).') };
    tags.push({ key: t['Key'], value: typeof t['Value'] === 'string' ? t['Value'] : '', propagateAtLaunch: t['PropagateAtLaunch'] === true });
  }
  return { ok: true, tags };
}

function locateGroup(ctx: EngineContext, name: unknown): { ok: true; group: AsgRecord } | { ok: false; result: CommandResult } {
  const group = typeof name === 'string' ? findAutoScalingGroup(ctx.state, name) : undefined;
  if (group === undefined) return { ok: false, result: validation(ASG_MESSAGES.groupNotFound(String(name))) };
  return { ok: true, group };
}

export function updateAutoScalingGroup(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<Record<string, unknown>>(raw, { params: GROUP_PARAMS, required: ['AutoScalingGroupName'] });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const found = locateGroup(ctx, input['AutoScalingGroupName']);
  if (!found.ok) return found.result;
  const group = found.group;
  for (const key of ['LaunchConfigurationName', 'InstanceId'] as const) {
    if (input[key] !== undefined) return validation(`${key} is not supported by the sandbox; use LaunchTemplate or MixedInstancesPolicy`);
  }
  for (const key of ['MinSize', 'MaxSize', 'DesiredCapacity', 'DefaultCooldown', 'HealthCheckGracePeriod', 'DefaultInstanceWarmup'] as const) {
    const value = input[key];
    if (value !== undefined && (value as number) < 0) return validation(`1 validation error detected: Value '${String(value)}' at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must have value greater than or equal to 0`);
  }
  const min = (input['MinSize'] as number | undefined) ?? group.minSize;
  const max = (input['MaxSize'] as number | undefined) ?? group.maxSize;
  if (max < min) return validation(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  // AWS: a new MinSize above the desired raises it, a new MaxSize below it lowers it (API reference UpdateAutoScalingGroup).
  const desired = (input['DesiredCapacity'] as number | undefined) ?? Math.min(max, Math.max(min, group.desiredCapacity));
  if (desired < min || desired > max) return validation(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
  // Re-validate a new launch source through CreateAutoScalingGroup's checks (same rules).
  let launch: Pick<AsgRecord, 'launchTemplate' | 'mixedInstancesPolicy'> | undefined;
  if (input['LaunchTemplate'] !== undefined || input['MixedInstancesPolicy'] !== undefined) {
    const probe = validateCreateAutoScalingGroup({ AutoScalingGroupName: group.name, MinSize: min, MaxSize: max, AvailabilityZones: group.availabilityZones, LaunchTemplate: input['LaunchTemplate'], MixedInstancesPolicy: input['MixedInstancesPolicy'] });
    if (!probe.ok) return validation(probe.error.message);
    const spec = probe.value.launchTemplate ?? probe.value.mixedInstancesPolicy!.launchTemplate;
    const problem = checkTemplate(ctx, spec, probe.value.mixedInstancesPolicy?.instanceTypeOverrides ?? []);
    if (problem !== undefined) return problem;
    launch = probe.value.launchTemplate !== undefined ? { launchTemplate: probe.value.launchTemplate } : { mixedInstancesPolicy: probe.value.mixedInstancesPolicy! };
  }
  let placement: Placement | undefined;
  if (input['AvailabilityZones'] !== undefined || input['VPCZoneIdentifier'] !== undefined) {
    const zones = ((input['AvailabilityZones'] as unknown[] | undefined) ?? []).map(String);
    const subnets = String(input['VPCZoneIdentifier'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    placement = placementOf(zones, subnets);
    if (!placement.ok) return placement.result;
  }
  let terminationPolicies: AsgRecord['terminationPolicies'] | undefined;
  if (input['TerminationPolicies'] !== undefined) {
    // CreateAutoScalingGroup's check of the list, on a request that is otherwise valid.
    const probe = validateCreateAutoScalingGroup({ AutoScalingGroupName: group.name, MinSize: 0, MaxSize: 0, AvailabilityZones: ['us-east-1a'], LaunchTemplate: { LaunchTemplateName: 'x' }, TerminationPolicies: input['TerminationPolicies'] });
    if (!probe.ok) return validation(probe.error.message);
    terminationPolicies = probe.value.terminationPolicies;
  }
  const healthProblem = checkHealthCheckType(input['HealthCheckType']);
  if (healthProblem !== undefined) return healthProblem;

  group.minSize = min;
  group.maxSize = max;
  if (input['DefaultCooldown'] !== undefined) group.defaultCooldownSeconds = input['DefaultCooldown'] as number;
  if (input['DefaultInstanceWarmup'] !== undefined) group.defaultInstanceWarmupSeconds = input['DefaultInstanceWarmup'] as number;
  if (input['HealthCheckGracePeriod'] !== undefined) group.healthCheckGracePeriodSeconds = input['HealthCheckGracePeriod'] as number;
  if (input['HealthCheckType'] !== undefined) group.healthCheckType = input['HealthCheckType'] as 'EC2' | 'ELB';
  if (input['NewInstancesProtectedFromScaleIn'] !== undefined) group.newInstancesProtectedFromScaleIn = input['NewInstancesProtectedFromScaleIn'] as boolean;
  if (terminationPolicies !== undefined) group.terminationPolicies = terminationPolicies;
  if (launch !== undefined) {
    delete group.launchTemplate;
    delete group.mixedInstancesPolicy;
    Object.assign(group, launch);
  }
  if (placement?.ok === true) {
    group.availabilityZones = placement.zones;
    group.subnetIds = input['VPCZoneIdentifier'] === undefined ? [] : placement.subnetIds;
  }
  ctx.emit('autoscaling.updated', `Auto Scaling group ${group.name} was updated: min ${min}, max ${max}, desired ${desired}.`, group.arn);
  if (desired !== group.desiredCapacity) {
    setGroupDesired(ctx, group, desired, `a user request update of AutoScalingGroup constraints to min: ${min}, max: ${max}, desired: ${desired}`);
  } else reconcileGroup(ctx, group);
  return ok({});
}

export function deleteAutoScalingGroup(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ AutoScalingGroupName: string; ForceDelete?: boolean }>(raw, { params: { AutoScalingGroupName: 'string', ForceDelete: 'boolean' }, required: ['AutoScalingGroupName'] });
  if (!checked.ok) return checked.result;
  const found = locateGroup(ctx, checked.input.AutoScalingGroupName);
  if (!found.ok) return found.result;
  const group = found.group;
  if (checked.input.ForceDelete !== true) {
    if (group.instances.size > 0) return fail('ResourceInUse', ASG_MESSAGES.deleteWithInstances());
  }
  deleteGroup(ctx, group);
  return ok({});
}

export function describeAutoScalingGroups(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ AutoScalingGroupNames?: string[]; MaxRecords?: number; NextToken?: string; Filters?: unknown[]; IncludeInstances?: boolean }>(raw, {
    params: { AutoScalingGroupNames: 'list', MaxRecords: 'integer', NextToken: 'string', Filters: 'list', IncludeInstances: 'boolean' },
  });
  if (!checked.ok) return checked.result;
  const names = checked.input.AutoScalingGroupNames?.map(String);
  const groups = [...(ctx.state.autoscaling?.groups.values() ?? [])].filter((group) => names === undefined || names.includes(group.name));
  const page = paginate(groups, checked.input.MaxRecords, checked.input.NextToken);
  if (!page.ok) return page.result;
  return ok({ AutoScalingGroups: page.items.map((group) => renderGroup(ctx.state, group)), ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }) });
}

export function setDesiredCapacity(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ AutoScalingGroupName: string; DesiredCapacity: number; HonorCooldown?: boolean }>(raw, {
    params: { AutoScalingGroupName: 'string', DesiredCapacity: 'integer', HonorCooldown: 'boolean' },
    required: ['AutoScalingGroupName', 'DesiredCapacity'],
  });
  if (!checked.ok) return checked.result;
  const found = locateGroup(ctx, checked.input.AutoScalingGroupName);
  if (!found.ok) return found.result;
  const group = found.group;
  const desired = checked.input.DesiredCapacity;
  if (desired > group.maxSize) return validation(ASG_MESSAGES.desiredAboveMax(desired, group.maxSize));
  if (desired < group.minSize) return validation(ASG_MESSAGES.desiredBelowMin(desired, group.minSize));
  if (checked.input.HonorCooldown === true) {
    const remaining = cooldownRemainingMs(group.lastScalingMs, ctx.clock.now, group.defaultCooldownSeconds);
    if (remaining > 0) return fail('ScalingActivityInProgress', ASG_MESSAGES.inCooldown(group.name, Math.ceil(remaining / 1000)));
  }
  if (desired !== group.desiredCapacity) group.lastScalingMs = ctx.clock.now;
  setGroupDesired(ctx, group, desired, 'a user request explicitly set group desired capacity');
  return ok({});
}

export function setInstanceProtection(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ InstanceIds: string[]; AutoScalingGroupName: string; ProtectedFromScaleIn: boolean }>(raw, {
    params: { InstanceIds: 'list', AutoScalingGroupName: 'string', ProtectedFromScaleIn: 'boolean' },
    required: ['InstanceIds', 'AutoScalingGroupName', 'ProtectedFromScaleIn'],
  });
  if (!checked.ok) return checked.result;
  const found = locateGroup(ctx, checked.input.AutoScalingGroupName);
  if (!found.ok) return found.result;
  const ids = checked.input.InstanceIds.map(String);
  for (const id of ids) if (!found.group.instances.has(id)) return validation(ASG_MESSAGES.notInGroup(id, found.group.name));
  setInstancesProtection(ctx, found.group, ids, checked.input.ProtectedFromScaleIn);
  return ok({});
}

export function terminateInstanceInAutoScalingGroup(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ InstanceId: string; ShouldDecrementDesiredCapacity: boolean }>(raw, {
    params: { InstanceId: 'string', ShouldDecrementDesiredCapacity: 'boolean' },
    required: ['InstanceId', 'ShouldDecrementDesiredCapacity'],
  });
  if (!checked.ok) return checked.result;
  const id = checked.input.InstanceId;
  const group = [...(ctx.state.autoscaling?.groups.values() ?? [])].find((g) => g.instances.has(id));
  const instance = group?.instances.get(id);
  if (group === undefined || instance === undefined || instance.lifecycleState === 'Terminating' || instance.lifecycleState === 'Terminating:Proceed') {
    return validation(ASG_MESSAGES.instanceNotFound(id));
  }
  const decrement = checked.input.ShouldDecrementDesiredCapacity;
  if (decrement && group.desiredCapacity <= group.minSize) return validation(ASG_MESSAGES.belowMinOnDecrement(group.minSize));

  const from = group.desiredCapacity;
  const cause = decrement
    ? at(ctx.clock.now, `instance ${id} was taken out of service in response to a user request, shrinking the capacity from ${from} to ${from - 1}.`)
    : at(ctx.clock.now, `instance ${id} was taken out of service in response to a user request.`);
  if (decrement) group.desiredCapacity = from - 1;
  markLeaving(ctx, instance, 'Terminating');
  const activity = startActivity(ctx, group, `Terminating EC2 instance: ${id}`, cause);
  instance.activityId = activity.ActivityId;
  terminateEc2Instance(ctx, id, { reason: `terminated by autoscaling:TerminateInstanceInAutoScalingGroup${decrement ? ' (desired capacity decremented)' : ''}.`, initiatedBy: 'autoscaling' });
  // Without the decrement the group is now below desired and launches a replacement.
  reconcileGroup(ctx, group);
  const { time: _time, ...shown } = activity;
  return ok({ Activity: shown });
}

export function describeScalingActivities(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ ActivityIds?: string[]; AutoScalingGroupName?: string; IncludeDeletedGroups?: boolean; MaxRecords?: number; NextToken?: string }>(raw, {
    params: { ActivityIds: 'list', AutoScalingGroupName: 'string', IncludeDeletedGroups: 'boolean', MaxRecords: 'integer', NextToken: 'string' },
  });
  if (!checked.ok) return checked.result;
  const { AutoScalingGroupName: name, ActivityIds: ids, IncludeDeletedGroups: includeDeleted } = checked.input;
  const groups = ctx.state.autoscaling?.groups;
  const activities = (ctx.state.autoscaling?.activities ?? []).filter(
    (activity) =>
      (name === undefined || activity.AutoScalingGroupName === name) &&
      (ids === undefined || ids.includes(activity.ActivityId)) &&
      (includeDeleted === true || groups?.has(activity.AutoScalingGroupName) === true),
  );
  const page = paginate(activities, checked.input.MaxRecords, checked.input.NextToken);
  if (!page.ok) return page.result;
  return ok({ Activities: page.items.map(({ time: _time, ...activity }) => activity), ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }) });
}
