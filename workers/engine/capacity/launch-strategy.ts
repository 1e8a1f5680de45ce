/**
 * How a RunTask or a service launches (ECSDG cluster-capacity-providers): with a launchType, with a
 * capacityProviderStrategy, or — when neither is given — with the cluster's default capacity
 * provider strategy (and EC2 when the cluster has none). Both at once is refused with AWS's error.
 * A strategy's providers are all Fargate ones (the tasks run on Fargate) or all Auto Scaling group
 * ones (on EC2, each on its provider's instances).
 */
import type { ClusterRecord, EngineState } from '../state.ts';
import { CAPACITY_MESSAGES as M } from './messages.ts';
import { checkCapacityProviderStrategy, distributeTasks, type StrategyItem } from './provider-strategy.ts';
import { isFargateProvider, knownProvidersOf } from './providers.ts';

import type { ResolvedStrategy, StrategyResolution } from '../commands/capacity-hooks.ts';

export type { ResolvedStrategy, StrategyResolution };

/**
 * `value` undefined = use the launch type (given, or EC2 by default). The strategy is checked
 * against the providers associated with the cluster and ACTIVE.
 */
export function resolveStrategy(
  state: EngineState,
  cluster: ClusterRecord,
  input: { launchType?: string; capacityProviderStrategy?: unknown[] },
): StrategyResolution {
  const given = input.capacityProviderStrategy;
  if (given !== undefined && given.length > 0 && input.launchType !== undefined) {
    return { ok: false, error: { code: 'InvalidParameterException', message: M.launchTypeAndStrategy() } };
  }
  const fromClusterDefault = (given === undefined || given.length === 0) && input.launchType === undefined;
  const raw = fromClusterDefault ? cluster.defaultCapacityProviderStrategy ?? [] : given ?? [];
  if (raw.length === 0) return { ok: true, value: undefined };
  const checked = checkCapacityProviderStrategy(raw, knownProvidersOf(state, cluster), { isClusterDefault: fromClusterDefault });
  if (!checked.ok) return checked;
  const fargate = checked.value.every((item) => isFargateProvider(item.capacityProvider));
  return { ok: true, value: { items: checked.value, launchType: fargate ? 'FARGATE' : 'EC2', fromClusterDefault } };
}

/** How many of `count` new tasks each provider gets, in strategy order, providers with none left out. */
export function splitOverProviders(items: StrategyItem[], count: number, already: Record<string, number> = {}): { provider: string; count: number }[] {
  const split = distributeTasks(items, count, already);
  return items.map((item) => ({ provider: item.capacityProvider, count: split[item.capacityProvider] ?? 0 })).filter((part) => part.count > 0);
}

/** The strategy as DescribeServices / DescribeClusters show it. */
export function renderStrategy(items: readonly StrategyItem[]): { capacityProvider: string; weight: number; base: number }[] {
  return items.map((item) => ({ capacityProvider: item.capacityProvider, weight: item.weight, base: item.base }));
}
