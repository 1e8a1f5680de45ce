/**
 * Which capacity providers a cluster may use and its default strategy (CreateCluster and
 * PutClusterCapacityProviders): the checks, read-only, then applying them. Applying also stamps
 * `capacityProviderName` on the cluster's container instances of each associated Auto Scaling
 * group (and removes it from those of a provider taken away), as DescribeContainerInstances shows
 * on AWS, and starts the minute ticks when a provider with managed scaling arrives.
 */
import { provideCapacityHook, type ClusterProviders } from '../commands/capacity-hooks.ts';
import type { EngineContext } from '../context.ts';
import { ensureMinuteTicks } from '../metrics/minute-tick.ts';
import type { ClusterRecord, EngineState } from '../state.ts';
import { CAPACITY_MESSAGES as M } from './messages.ts';
import { checkCapacityProviderStrategy, type StrategyItem } from './provider-strategy.ts';
import { clusterOfProvider, findGroupByArnOrName, findProvider, isFargateProvider, knownProvidersOf, providerNameOf } from './providers.ts';

/** Capacity providers per cluster: 10 in the older quota table, 20 in the current docs (ecs-reference §15); the newer figure. */
export const MAX_PROVIDERS_PER_CLUSTER = 20;

export type { ClusterProviders };

type Checked = { ok: true; value: ClusterProviders } | { ok: false; error: { code: string; message: string } };

const invalid = (message: string): Checked => ({ ok: false, error: { code: 'InvalidParameterException', message } });

/**
 * Check a cluster's new provider list and default strategy. `cluster` is undefined for
 * CreateCluster (nothing in use yet).
 */
export function checkClusterProviders(state: EngineState, cluster: ClusterRecord | undefined, rawProviders: unknown[], rawStrategy: unknown[]): Checked {
  const names: string[] = [];
  for (const raw of rawProviders) {
    if (typeof raw !== 'string' || raw === '') return invalid(M.notFound(JSON.stringify(raw)));
    const name = providerNameOf(raw);
    if (names.includes(name)) return invalid(M.duplicateInList(name));
    names.push(name);
  }
  if (names.length > MAX_PROVIDERS_PER_CLUSTER) return invalid(M.tooManyForCluster(names.length, MAX_PROVIDERS_PER_CLUSTER));
  for (const name of names) {
    if (isFargateProvider(name)) continue;
    const provider = findProvider(state, name);
    if (provider === undefined) return invalid(M.notFound(name));
    if (provider.status !== 'ACTIVE') return invalid(M.notActive(name));
    const other = clusterOfProvider(state, name);
    if (other !== undefined && other !== cluster) return invalid(M.otherCluster(name, other.clusterName));
  }
  const known = names.map((name) => ({ name, kind: isFargateProvider(name) ? name : ('ASG' as const) }));
  const strategy = checkCapacityProviderStrategy(rawStrategy, known, { isClusterDefault: true });
  if (!strategy.ok) return { ok: false, error: strategy.error };
  if (cluster !== undefined) {
    for (const removed of cluster.capacityProviders ?? []) {
      if (!names.includes(removed) && providerInUse(state, cluster, removed)) {
        return { ok: false, error: { code: 'ResourceInUseException', message: M.inUse() } };
      }
    }
  }
  return { ok: true, value: { capacityProviders: names, defaultCapacityProviderStrategy: strategy.value } };
}

/** A provider is in use in a cluster while a task launched through it has not stopped, or a service's strategy names it. */
export function providerInUse(state: EngineState, cluster: ClusterRecord, name: string): boolean {
  for (const record of state.tasks.values()) {
    if (record.clusterName === cluster.clusterName && record.capacityProviderName === name && record.task.lastStatus !== 'STOPPED') return true;
  }
  for (const service of state.services?.values() ?? []) {
    if (service.clusterName !== cluster.clusterName || service.status === 'INACTIVE') continue;
    if (service.capacityProviderStrategy?.some((item) => item.capacityProvider === name)) return true;
  }
  return false;
}

export function applyClusterProviders(ctx: EngineContext, cluster: ClusterRecord, value: ClusterProviders): void {
  cluster.capacityProviders = [...value.capacityProviders];
  cluster.defaultCapacityProviderStrategy = value.defaultCapacityProviderStrategy.map((item) => ({ ...item }));
  const stamped = stampClusterInstances(ctx.state, cluster);
  if (knownProvidersOf(ctx.state, cluster).some((p) => p.kind === 'ASG' && findProvider(ctx.state, p.name)?.managedScaling.status === 'ENABLED')) {
    ensureMinuteTicks(ctx);
  }
  const list = value.capacityProviders.length === 0 ? 'no capacity providers' : `capacity providers ${value.capacityProviders.join(', ')}`;
  const strategy = value.defaultCapacityProviderStrategy.length === 0
    ? 'no default capacity provider strategy (RunTask and CreateService without a launch type use EC2)'
    : `default strategy ${value.defaultCapacityProviderStrategy.map((i) => `${i.capacityProvider} (base ${i.base}, weight ${i.weight})`).join(' + ')}`;
  ctx.emit(
    'cluster.capacity-providers',
    `Cluster ${cluster.clusterName} now uses ${list}, ${strategy}.${stamped > 0 ? ` ${stamped} container instance(s) now show their group's capacity provider.` : ''}`,
    cluster.clusterArn,
  );
}

/**
 * Give each container instance of the cluster the capacity provider of its Auto Scaling group when
 * that provider is associated with the cluster (none otherwise). Returns how many changed.
 */
export function stampClusterInstances(state: EngineState, cluster: ClusterRecord): number {
  const byGroup = new Map<string, string>();
  for (const name of cluster.capacityProviders ?? []) {
    const provider = findProvider(state, name);
    if (provider === undefined || provider.status !== 'ACTIVE') continue;
    const group = findGroupByArnOrName(state, provider.autoScalingGroupArn);
    if (group !== undefined) byGroup.set(group.name, name);
  }
  let changed = 0;
  for (const instance of state.instances.values()) {
    if (instance.clusterName !== cluster.clusterName) continue;
    const wanted = instance.autoScalingGroupName === undefined ? undefined : byGroup.get(instance.autoScalingGroupName);
    if (instance.capacityProviderName === wanted) continue;
    if (wanted === undefined) delete instance.capacityProviderName;
    else instance.capacityProviderName = wanted;
    instance.version += 1;
    changed += 1;
  }
  return changed;
}

// CreateCluster (first chunk) reaches these through its hook.
provideCapacityHook('clusterProviders', { check: checkClusterProviders, apply: applyClusterProviders });
