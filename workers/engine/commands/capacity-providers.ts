/**
 * ecs:CreateCapacityProvider, UpdateCapacityProvider, DeleteCapacityProvider,
 * DescribeCapacityProviders and PutClusterCapacityProviders (issue 6). Each validates everything
 * first (capacity/providers.ts, capacity/association.ts), then changes the state. FARGATE and
 * FARGATE_SPOT always exist and cannot be created, updated or deleted.
 */
// Loading the commands loads what works on providers: managed scaling's minute job, managed
// termination protection and draining, the waiting tasks' listener, the snapshot's part.
import '../capacity/managed-scaling.ts';
import '../capacity/render.ts';
import type { EngineContext } from '../context.ts';
import { clientError, fail, invalidParameter, ok, type CommandResult } from '../errors.ts';
import { applyClusterProviders, checkClusterProviders, providerInUse } from '../capacity/association.ts';
import { CAPACITY_MESSAGES as M, RESERVED_PREFIXES } from '../capacity/messages.ts';
import { capacityOf, type CapacityProviderRecord } from '../capacity/model.ts';
import {
  allProviders,
  capacityProviderArn,
  checkAgainstGroup,
  clusterOfProvider,
  findGroupByArnOrName,
  findProvider,
  isFargateProvider,
  NEW_PROVIDER_DEFAULTS,
  providerNameOf,
  providerUsingGroup,
  readProviderSettings,
  renderProvider,
  type ProviderSettings,
} from '../capacity/providers.ts';
import { syncProtection } from '../capacity/termination-protection.ts';
import { ensureMinuteTicks } from '../metrics/minute-tick.ts';
import { countTasks, renderCluster } from '../snapshot.ts';
import { findCluster } from './clusters.ts';
import { paginate } from './paginate.ts';
import { checkParams } from './params.ts';
import { checkTags } from './tags.ts';

const NAME = /^[a-zA-Z0-9_-]{1,255}$/;

interface CreateInput {
  name: string;
  autoScalingGroupProvider?: unknown;
  managedInstancesProvider?: unknown;
  cluster?: string;
  tags?: unknown[];
}

export function createCapacityProvider(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<CreateInput>(raw, {
    params: { name: 'string', autoScalingGroupProvider: 'structure', managedInstancesProvider: 'structure', cluster: 'string', tags: 'list' },
    required: ['name'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  if (input.managedInstancesProvider !== undefined) return invalidParameter(M.managedInstancesUnsupported());
  const name = input.name;
  if (isFargateProvider(name)) return invalidParameter(M.fargateImmutable(name));
  if (RESERVED_PREFIXES.some((prefix) => name.toLowerCase().startsWith(prefix))) return invalidParameter(M.reservedName(name));
  if (!NAME.test(name)) return invalidParameter(M.invalidName(name));
  if (input.autoScalingGroupProvider === undefined) return invalidParameter(M.asgProviderRequired());
  const settings = readProviderSettings(input.autoScalingGroupProvider, { ...NEW_PROVIDER_DEFAULTS, managedScaling: { ...NEW_PROVIDER_DEFAULTS.managedScaling } });
  if (!settings.ok) return invalidParameter(settings.message);
  const arnGiven = settings.value.autoScalingGroupArn;
  if (arnGiven === undefined) return invalidParameter(M.asgArnRequired());
  const tags = checkTags(input.tags);
  if (!tags.ok) return tags.result;
  if (ctx.state.capacity?.providers.has(name) === true) return clientError(M.alreadyExists());
  const group = findGroupByArnOrName(ctx.state, arnGiven);
  if (group === undefined || group.deleting === true) return clientError(M.asgNotFound(arnGiven));
  if (providerUsingGroup(ctx.state, group) !== undefined) return clientError(M.asgInUse());
  const refused = checkAgainstGroup(settings.value, group);
  if (refused !== undefined) return clientError(refused);

  const record: CapacityProviderRecord = {
    name,
    arn: capacityProviderArn(name),
    status: 'ACTIVE',
    autoScalingGroupArn: group.arn,
    managedScaling: settings.value.managedScaling,
    managedTerminationProtection: settings.value.managedTerminationProtection,
    managedDraining: settings.value.managedDraining,
    tags: tags.tags,
  };
  capacityOf(ctx.state).providers.set(name, record);
  const scaling = record.managedScaling;
  ctx.emit(
    'capacity-provider.created',
    `Capacity provider ${name} was created for Auto Scaling group ${group.name}: managed scaling ${scaling.status}` +
      (scaling.status === 'ENABLED' ? ` (target capacity ${scaling.targetCapacity}%, steps ${scaling.minimumScalingStepSize}–${scaling.maximumScalingStepSize}, warm-up ${scaling.instanceWarmupPeriod} s)` : '') +
      `, managed termination protection ${record.managedTerminationProtection}, managed draining ${record.managedDraining}. Associate it with a cluster (PutClusterCapacityProviders) to use it.`,
    record.arn,
  );
  return ok({ capacityProvider: renderProvider(ctx.state, record) });
}

interface UpdateInput {
  name: string;
  autoScalingGroupProvider?: unknown;
  managedInstancesProvider?: unknown;
  cluster?: string;
}

export function updateCapacityProvider(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<UpdateInput>(raw, {
    params: { name: 'string', autoScalingGroupProvider: 'structure', managedInstancesProvider: 'structure', cluster: 'string' },
    required: ['name'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  if (input.managedInstancesProvider !== undefined) return invalidParameter(M.managedInstancesUnsupported());
  const name = providerNameOf(input.name);
  if (isFargateProvider(name)) return invalidParameter(M.fargateImmutable(name));
  const record = findProvider(ctx.state, name);
  if (record === undefined || record.status !== 'ACTIVE') return clientError(M.notFound(input.name));
  if (input.autoScalingGroupProvider === undefined) return invalidParameter(M.asgProviderRequired());
  const current: ProviderSettings = {
    managedScaling: { ...record.managedScaling },
    managedTerminationProtection: record.managedTerminationProtection,
    managedDraining: record.managedDraining,
  };
  const settings = readProviderSettings(input.autoScalingGroupProvider, current);
  if (!settings.ok) return invalidParameter(settings.message);
  if (settings.value.autoScalingGroupArn !== undefined) return invalidParameter(M.asgArnImmutable());
  const group = findGroupByArnOrName(ctx.state, record.autoScalingGroupArn);
  if (group === undefined) return clientError(M.asgNotFound(record.autoScalingGroupArn));
  const refused = checkAgainstGroup(settings.value, group);
  if (refused !== undefined) return clientError(refused);

  record.managedScaling = settings.value.managedScaling;
  record.managedTerminationProtection = settings.value.managedTerminationProtection;
  record.managedDraining = settings.value.managedDraining;
  record.updateStatus = 'UPDATE_COMPLETE';
  delete record.updateStatusReason;
  const cluster = clusterOfProvider(ctx.state, name);
  if (cluster !== undefined && record.managedScaling.status === 'ENABLED') ensureMinuteTicks(ctx);
  syncProtection(ctx, record);
  ctx.emit('capacity-provider.updated', `Capacity provider ${name} was updated: managed scaling ${record.managedScaling.status} (target ${record.managedScaling.targetCapacity}%), managed termination protection ${record.managedTerminationProtection}, managed draining ${record.managedDraining}.`, record.arn);
  return ok({ capacityProvider: renderProvider(ctx.state, record) });
}

export function deleteCapacityProvider(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ capacityProvider: string }>(raw, { params: { capacityProvider: 'string' }, required: ['capacityProvider'] });
  if (!checked.ok) return checked.result;
  const given = checked.input.capacityProvider;
  const name = providerNameOf(given);
  if (isFargateProvider(name)) return invalidParameter(M.fargateImmutable(name));
  const record = findProvider(ctx.state, name);
  if (record === undefined || record.status !== 'ACTIVE') return clientError(M.notFound(given));
  const cluster = clusterOfProvider(ctx.state, name);
  if (cluster !== undefined) {
    // AWS answers 200 with updateStatus DELETE_FAILED and keeps the provider ACTIVE.
    record.updateStatus = 'DELETE_FAILED';
    record.updateStatusReason = M.deleteAssociated(cluster.clusterName);
    ctx.emit('capacity-provider.delete-failed', `Capacity provider ${name} was not deleted: ${record.updateStatusReason}`, record.arn);
    return ok({ capacityProvider: renderProvider(ctx.state, record) });
  }
  record.status = 'INACTIVE';
  record.updateStatus = 'DELETE_COMPLETE';
  delete record.updateStatusReason;
  const rendered = renderProvider(ctx.state, record);
  capacityOf(ctx.state).providers.delete(name);
  ctx.state.capacity?.reservations?.delete(name);
  ctx.state.capacity?.scaling?.delete(name);
  ctx.emit('capacity-provider.deleted', `Capacity provider ${name} was deleted; its Auto Scaling group is left as it is.`, record.arn);
  return ok({ capacityProvider: rendered });
}

interface DescribeInput {
  capacityProviders?: unknown[];
  include?: unknown[];
  maxResults?: number;
  nextToken?: string;
}

export function describeCapacityProviders(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeInput>(raw, { params: { capacityProviders: 'list', include: 'list', maxResults: 'integer', nextToken: 'string' } });
  if (!checked.ok) return checked.result;
  const all = allProviders(ctx.state);
  const wanted = checked.input.capacityProviders;
  if (wanted === undefined) {
    const page = paginate(all, checked.input.maxResults, checked.input.nextToken);
    if (!page.ok) return page.result;
    return ok({ capacityProviders: page.items, failures: [], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) });
  }
  const providers = [];
  const failures = [];
  for (const item of wanted) {
    const name = providerNameOf(String(item));
    const found = all.find((provider) => provider.name === name);
    if (found === undefined) failures.push({ arn: capacityProviderArn(name), reason: 'MISSING' });
    else providers.push(found);
  }
  return ok({ capacityProviders: providers, failures });
}

interface PutInput {
  cluster: string;
  capacityProviders: unknown[];
  defaultCapacityProviderStrategy: unknown[];
}

export function putClusterCapacityProviders(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<PutInput>(raw, {
    params: { cluster: 'string', capacityProviders: 'list', defaultCapacityProviderStrategy: 'list' },
    required: ['cluster', 'capacityProviders', 'defaultCapacityProviderStrategy'],
  });
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  const cluster = found.cluster;
  const value = checkClusterProviders(ctx.state, cluster, checked.input.capacityProviders, checked.input.defaultCapacityProviderStrategy);
  if (!value.ok) return fail(value.error.code, value.error.message);
  applyClusterProviders(ctx, cluster, value.value);
  for (const name of cluster.capacityProviders ?? []) {
    const provider = findProvider(ctx.state, name);
    if (provider !== undefined) syncProtection(ctx, provider);
  }
  return ok({ cluster: renderCluster(cluster, ctx.state, countTasks(ctx.state).byCluster) });
}

export { providerInUse };
