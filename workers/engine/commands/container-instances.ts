/**
 * ecs:DescribeContainerInstances, ecs:ListContainerInstances (with a cluster query language
 * `filter`), ecs:UpdateContainerInstancesState (ACTIVE / DRAINING) and sim:AddContainerInstances
 * (which registers instances as their agents would, with a trunk ENI when awsvpcTrunking applies).
 */
import { clusterInstancesChanged } from '../services/cluster-changes.ts';
import type { Attribute } from '../../protocol.ts';
import { agentAttributes } from '../catalog/agent-attributes.ts';
import { lookupInstanceType, registeredCpuUnits, registeredMemoryMiB } from '../catalog/instance-types.ts';
import { AVAILABILITY_ZONES, DEFAULT_AVAILABILITY_ZONES } from '../catalog/network.ts';
import type { EngineContext } from '../context.ts';
import { fail, invalidParameter, MESSAGES, ok, type CommandResult } from '../errors.ts';
import { trusts } from '../iam/policy.ts';
import { DEFAULT_INSTANCE_ROLE_NAME, EC2_PRINCIPAL, findRole } from '../iam/roles.ts';
import { clusterArn, containerInstanceArn, isoAt, newEc2InstanceId, newResourceId, resourceIdOf } from '../ids/arn.ts';
import { invalidExpressionMessage, parseClusterQuery } from '../placement/query/index.ts';
import { countTasks, renderInstance } from '../snapshot.ts';
import { instancesOfCluster, type ClusterRecord, type InstanceRecord } from '../state.ts';
import { ATTRIBUTE_MESSAGES, ATTRIBUTE_NAME, ATTRIBUTE_VALUE, isCustomAttribute, MAX_CUSTOM_ATTRIBUTES } from './attribute-rules.ts';
import { findCluster } from './clusters.ts';
import { newInstanceRecord } from './instance-record.ts';
import { NETWORK_MESSAGES } from '../network/messages.ts';
import { findGroup, setInstanceGroups } from '../network/security-groups.ts';
import { queryTargetContext, instanceQueryTarget } from './instance-query-target.ts';
import { emitTrunkUnsupported, startTrunkProvisioning, trunkPlanFor } from './trunking.ts';
import { paginate } from './paginate.ts';
import { checkParams } from './params.ts';

/** The service quota on container instances per cluster (ecs-reference §15; not adjustable). */
export const MAX_INSTANCES_PER_CLUSTER = 5000;


/** A container instance of the cluster given by id or ARN. */
export function findInstance(ctx: EngineContext, cluster: ClusterRecord, given: string): InstanceRecord | undefined {
  const arn = containerInstanceArn(cluster.clusterName, resourceIdOf(given, 'container-instance'));
  return ctx.state.instances.get(arn);
}

/** A container instance of the cluster given by id or ARN, or by its EC2 instance id (i-…), as the sim actions take it. */
export function findInstanceOrHost(ctx: EngineContext, cluster: ClusterRecord, given: string): InstanceRecord | undefined {
  return findInstance(ctx, cluster, given) ?? instancesOfCluster(ctx.state, cluster.clusterName).find((instance) => instance.ec2InstanceId === given);
}

interface AddInput {
  cluster?: string;
  instanceType: string;
  count?: number;
  availabilityZones?: string[];
  attributes?: Record<string, unknown>;
  iamInstanceProfile?: string;
  securityGroupIds?: unknown[];
}

export function addContainerInstances(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<AddInput>(raw, {
    params: { cluster: 'string', instanceType: 'string', count: 'integer', availabilityZones: 'list', attributes: 'map', iamInstanceProfile: 'string', securityGroupIds: 'list' },
    required: ['instanceType'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  // The agent creates the default cluster when it registers without ECS_CLUSTER; a named cluster must exist.
  const autoCreateDefault = (input.cluster === undefined || input.cluster === 'default') && !ctx.state.clusters.has('default');
  let cluster: ClusterRecord | undefined;
  if (!autoCreateDefault) {
    const found = findCluster(ctx, input.cluster);
    if (!found.ok) return found.result;
    cluster = found.cluster;
  }
  const type = lookupInstanceType(input.instanceType);
  if (!type.ok) return invalidParameter(MESSAGES.unknownInstanceType(input.instanceType, type.suggestion, type.examples));
  const count = input.count ?? 1;
  if (count < 1 || count > 100) return invalidParameter(MESSAGES.instanceCountRange(count));
  const zones = input.availabilityZones ?? DEFAULT_AVAILABILITY_ZONES;
  if (zones.length === 0) return invalidParameter(MESSAGES.emptyAvailabilityZones());
  for (const zone of zones) {
    if (typeof zone !== 'string' || !AVAILABILITY_ZONES.includes(zone)) {
      return invalidParameter(MESSAGES.invalidAvailabilityZone(String(zone), AVAILABILITY_ZONES));
    }
  }
  const custom = checkCustomAttributes(input.attributes);
  if (!custom.ok) return custom.result;
  const profile = checkInstanceProfile(ctx, input.iamInstanceProfile);
  if (!profile.ok) return profile.result;
  // The instances' security groups (as RunInstances' SecurityGroupIds): sg-default unless given.
  const groupIds = (input.securityGroupIds ?? []).map(String);
  for (const id of groupIds) if (findGroup(ctx.state, id) === undefined) return fail('InvalidGroup.NotFound', NETWORK_MESSAGES.ec2GroupNotFound(id));
  const existing = cluster === undefined ? 0 : instancesOfCluster(ctx.state, cluster.clusterName).length;
  if (existing + count > MAX_INSTANCES_PER_CLUSTER) {
    return invalidParameter(MESSAGES.tooManyInstances(existing, count, MAX_INSTANCES_PER_CLUSTER));
  }

  // Everything is valid: from here on the state changes.
  cluster ??= createDefaultCluster(ctx);
  const added: InstanceRecord[] = [];
  // Round-robin over the listed zones, starting with the first.
  for (let i = 0; i < count; i++) {
    const zone = zones[i % zones.length]!;
    const instance = registerInstance(ctx, cluster, type.type, zone, custom.attributes, profile.roleName);
    if (groupIds.length > 0) setInstanceGroups(ctx.state, instance.ec2InstanceId, groupIds);
    added.push(instance);
  }
  const counts = countTasks(ctx.state).byInstance;
  if (added.length > 0) clusterInstancesChanged(ctx, added[0]!.clusterName);
  return ok({ containerInstances: added.map((instance) => renderInstance(instance, counts)), failures: [] });
}

/** The `default` cluster, created by an agent that registers without ECS_CLUSTER (also ec2/lifecycle.ts). */
export function createDefaultCluster(ctx: EngineContext): ClusterRecord {
  const cluster: ClusterRecord = { clusterArn: clusterArn('default'), clusterName: 'default', status: 'ACTIVE', tags: [], settings: [{ name: 'containerInsights', value: 'disabled' }] };
  ctx.state.clusters.set('default', cluster);
  ctx.emit('cluster.created', 'Cluster default was created by the first container instance that registered without a cluster name.', cluster.clusterArn);
  return cluster;
}

/** An agent registering its instance (also the EC2 instances of ec2/lifecycle.ts, which pass their own instance id). */
export function registerInstance(
  ctx: EngineContext,
  cluster: ClusterRecord,
  type: Parameters<typeof registeredCpuUnits>[0],
  zone: string,
  custom: Attribute[],
  roleName: string | undefined,
  ec2InstanceId: string = newEc2InstanceId(ctx.prng),
): InstanceRecord {
  const arn = containerInstanceArn(cluster.clusterName, newResourceId(ctx.prng));
  const instanceRoleName = roleName ?? DEFAULT_INSTANCE_ROLE_NAME;
  const trunk = trunkPlanFor(ctx, type, instanceRoleName);
  const record = newInstanceRecord({
    containerInstanceArn: arn,
    ec2InstanceId,
    clusterName: cluster.clusterName,
    instanceType: type,
    availabilityZone: zone,
    // With a trunk to attach, the instance registers first and becomes ACTIVE when it is attached.
    status: trunk.kind === 'trunk' ? 'REGISTERING' : 'ACTIVE',
    registeredAt: isoAt(ctx.clock.now),
    attributes: [...agentAttributes(type, zone), ...custom.map((attribute) => ({ ...attribute }))],
    instanceRoleName,
    instanceRoleDefaulted: roleName === undefined,
  });
  ctx.state.instances.set(arn, record);
  ctx.emit(
    'instance.registered',
    `Container instance ${ec2InstanceId} (${type.name}, ${zone}) registered with cluster ${cluster.clusterName}: ${record.registeredCpuUnits} CPU units, ${record.registeredMemoryMiB} MiB.${roleName === undefined ? '' : ` Its instance profile's role is ${roleName}.`}`,
    arn,
  );
  if (trunk.kind === 'trunk') startTrunkProvisioning(ctx, record, trunk);
  else if (trunk.kind === 'unsupported') emitTrunkUnsupported(ctx, record, trunk);
  return record;
}

type ProfileCheck = { ok: true; roleName: string | undefined } | { ok: false; result: CommandResult };

/**
 * The instance profile, named by its role's name or ARN (or an instance-profile ARN, taken to hold
 * the role of the same name, as the console creates them). The role must exist and trust EC2, else
 * the instance could not get credentials and its agent could not register. Omitted: the default
 * ecsInstanceRole (iam/roles.ts IMPLICIT_INSTANCE_ROLE).
 */
function checkInstanceProfile(ctx: EngineContext, given: string | undefined): ProfileCheck {
  if (given === undefined) return { ok: true, roleName: undefined };
  const role = findRole(ctx.state.roles, given);
  if (role === undefined) return { ok: false, result: fail('InvalidParameterValue', MESSAGES.invalidInstanceProfile(given)) };
  if (!trusts(role.trustPolicy, EC2_PRINCIPAL)) {
    return { ok: false, result: fail('InvalidParameterValue', MESSAGES.instanceRoleNotTrusted(role.RoleName)) };
  }
  return { ok: true, roleName: role.RoleName };
}

type AttributesCheck = { ok: true; attributes: Attribute[] } | { ok: false; result: CommandResult };

function checkCustomAttributes(attributes: Record<string, unknown> | undefined): AttributesCheck {
  const out: Attribute[] = [];
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (!ATTRIBUTE_NAME.test(name)) return { ok: false, result: invalidParameter(MESSAGES.invalidAttributeName(name)) };
    if (name.startsWith('ecs.')) return { ok: false, result: invalidParameter(MESSAGES.reservedAttributeName(name)) };
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (typeof text !== 'string' || !ATTRIBUTE_VALUE.test(text) || text.trim() !== text) {
      return { ok: false, result: invalidParameter(MESSAGES.invalidAttributeValue(name, value)) };
    }
    out.push({ name, value: text });
  }
  // ECS_INSTANCE_ATTRIBUTES counts against the same limit as PutAttributes.
  const custom = out.filter((attribute) => isCustomAttribute(attribute.name)).length;
  if (custom > MAX_CUSTOM_ATTRIBUTES) {
    return { ok: false, result: fail('AttributeLimitExceededException', ATTRIBUTE_MESSAGES.attributeLimit('Each new container instance', custom)) };
  }
  return { ok: true, attributes: out };
}

interface DescribeInput {
  cluster?: string;
  containerInstances: string[];
  include?: string[];
}

export function describeContainerInstances(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeInput>(raw, {
    params: { cluster: 'string', containerInstances: 'list', include: 'list' },
    required: ['containerInstances'],
  });
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  const counts = countTasks(ctx.state).byInstance;
  const containerInstances = [];
  const failures = [];
  for (const given of checked.input.containerInstances) {
    const instance = findInstance(ctx, found.cluster, String(given));
    if (instance === undefined) {
      const arn = String(given).startsWith('arn:')
        ? String(given)
        : containerInstanceArn(found.cluster.clusterName, String(given));
      failures.push({ arn, reason: 'MISSING' });
    } else containerInstances.push(renderInstance(instance, counts));
  }
  return ok({ containerInstances, failures });
}

interface ListInput {
  cluster?: string;
  filter?: string;
  status?: string;
  maxResults?: number;
  nextToken?: string;
}

const INSTANCE_STATUSES = ['ACTIVE', 'DRAINING', 'REGISTERING', 'DEREGISTERING', 'REGISTRATION_FAILED'];

export function listContainerInstances(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ListInput>(raw, {
    params: { cluster: 'string', filter: 'string', maxResults: 'integer', nextToken: 'string', status: 'string' },
  });
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  const { filter, status } = checked.input;
  if (status !== undefined && !INSTANCE_STATUSES.includes(status)) {
    return invalidParameter(MESSAGES.invalidStatusFilter(status, INSTANCE_STATUSES));
  }
  let matches: (instance: InstanceRecord) => boolean = () => true;
  if (filter !== undefined && filter.trim() !== '') {
    const parsed = parseClusterQuery(filter);
    if (!parsed.ok) return invalidParameter(invalidExpressionMessage(parsed.message));
    // An attribute no instance has is not an error: the expression just matches nothing (as on AWS).
    const shared = queryTargetContext(ctx.state);
    matches = (instance) => parsed.query.matches(instanceQueryTarget(ctx.state, instance, shared));
  }
  // Without status, every status but INACTIVE is listed (API reference); the sandbox has no INACTIVE instances.
  const arns = instancesOfCluster(ctx.state, found.cluster.clusterName)
    .filter((instance) => (status === undefined || instance.status === status) && matches(instance))
    .map((instance) => instance.containerInstanceArn);
  const page = paginate(arns, checked.input.maxResults, checked.input.nextToken);
  if (!page.ok) return page.result;
  return ok({ containerInstanceArns: page.items, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) });
}
