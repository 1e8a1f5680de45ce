/**
 * Capacity provider strategies (`capacityProviderStrategy` on RunTask / CreateService /
 * UpdateService, and a cluster's `defaultCapacityProviderStrategy`): AWS's validation of the items
 * and how ECS splits tasks between the providers — base first, then by weight.
 *
 * Pure and unwired (groundwork for issue 6): no engine state, no clock, nothing thrown.
 *
 * Facts (ecs-reference.md §6, ECSDG:cluster-capacity-providers, API CapacityProviderStrategyItem):
 * - item = { capacityProvider (required), weight 0–1000 (default 0), base 0–100000 (default 0) }
 * - "A capacity provider strategy may contain a maximum of 6 capacity providers."
 * - only one provider in a strategy may have a base defined (> 0 here);
 * - a strategy can't mix Auto Scaling group providers with FARGATE / FARGATE_SPOT;
 * - "When multiple capacity providers are specified within a capacity provider strategy, at least
 *   one of the capacity providers must have a weight value greater than zero and any capacity
 *   providers with a weight of 0 can't be used to place tasks. If you specify multiple capacity
 *   providers in a strategy that all have a weight of 0, any RunTask or CreateService actions
 *   using the capacity provider strategy will fail." (API CapacityProviderStrategyItem.weight) —
 *   so a strategy of ONE provider with weight 0 is accepted and gets all the tasks (the docs only
 *   refuse all-zero weights for several providers; UNCONFIRMED for a single one);
 * - only providers associated with the cluster may be used.
 */

export type ProviderKind = 'FARGATE' | 'FARGATE_SPOT' | 'ASG';

export interface KnownProvider {
  name: string;
  kind: ProviderKind;
}

/** A validated item, defaults filled (weight 0, base 0), in the order the caller gave them. */
export interface StrategyItem {
  capacityProvider: string;
  weight: number;
  base: number;
}

export type StrategyCheck =
  | { ok: true; value: StrategyItem[] }
  | { ok: false; error: { code: string; message: string } };

export const MAX_STRATEGY_ITEMS = 6;
export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 1000;
export const BASE_MIN = 0;
export const BASE_MAX = 100_000;

const INVALID_PARAMETER = 'InvalidParameterException';

/**
 * Every message text, in one place. "AWS" = AWS's wording as its API returned it (source named);
 * "UNCONFIRMED" = sandbox wording where AWS's exact text was not found.
 */
export const STRATEGY_MESSAGES = {
  // AWS — terraform-aws-modules/terraform-aws-ecs#68 (InvalidParameterException, 2022)
  mixedKinds: () =>
    'A capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.',
  // AWS — dask/dask-cloudprovider#328 (RunTask, InvalidParameterException, 2021)
  notAssociated: () =>
    'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
  // AWS — terraform-aws-modules/terraform-aws-ecs#27 (cluster default strategy, CreateService, 2020)
  allZeroWeightsDefault: () =>
    "There are no capacity providers with a weight value greater than zero defined in the default capacity provider strategy. At least one capacity provider must have a weight value greater than zero specified. Update the cluster's default capacity provider strategy or specify a valid capacity provider strategy and try again.",
  // UNCONFIRMED — the same AWS message adapted to a strategy given in the request
  allZeroWeights: () =>
    'There are no capacity providers with a weight value greater than zero defined in the capacity provider strategy. At least one capacity provider must have a weight value greater than zero specified. Specify a valid capacity provider strategy and try again.',
  // UNCONFIRMED (AWS documents the limit of 6, not the error text)
  tooMany: (count: number) =>
    `A capacity provider strategy may contain a maximum of ${MAX_STRATEGY_ITEMS} capacity providers; ${count} were specified. Remove ${count - MAX_STRATEGY_ITEMS} and try again.`,
  // UNCONFIRMED (AWS documents "only one capacity provider in a strategy can have a base defined")
  moreThanOneBase: (names: string[]) =>
    `Only one capacity provider in a capacity provider strategy can have a base defined; ${names.length} do (${names.join(', ')}). Set base on one of them only and try again.`,
  // UNCONFIRMED
  duplicate: (name: string, count: number) =>
    `The capacity provider strategy contains the capacity provider "${name}" ${count} times. Each capacity provider can appear in a strategy only once.`,
  // UNCONFIRMED (ranges from the API reference / CFN: weight 0–1000, base 0–100000)
  weightOutOfRange: (index: number, given: unknown) =>
    `capacityProviderStrategy[${index}].weight must be a whole number from ${WEIGHT_MIN} to ${WEIGHT_MAX}; got ${JSON.stringify(given)}.`,
  baseOutOfRange: (index: number, given: unknown) =>
    `capacityProviderStrategy[${index}].base must be a whole number from ${BASE_MIN} to ${BASE_MAX}; got ${JSON.stringify(given)}.`,
  // UNCONFIRMED (shape errors: AWS SDKs reject these before the request is sent)
  notAList: (given: unknown) =>
    `capacityProviderStrategy must be a list of {capacityProvider, weight, base} items; got ${describe(given)}.`,
  itemNotObject: (index: number, given: unknown) =>
    `capacityProviderStrategy[${index}] must be an object {capacityProvider, weight, base}; got ${describe(given)}.`,
  providerMissing: (index: number) =>
    `capacityProviderStrategy[${index}].capacityProvider is required: the short name of a capacity provider (FARGATE, FARGATE_SPOT or an Auto Scaling group provider).`,
  unknownKey: (index: number, key: string) =>
    `capacityProviderStrategy[${index}] has an unknown field "${key}"; an item has only capacityProvider, weight and base.`,
} as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `a ${typeof value}`;
}

function fail(message: string): StrategyCheck {
  return { ok: false, error: { code: INVALID_PARAMETER, message } };
}

function isWholeInRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

const ITEM_KEYS = new Set(['capacityProvider', 'weight', 'base']);

/**
 * Validate a `capacityProviderStrategy` against the providers associated with the cluster
 * (`known`). An empty list is valid and returns [] — the caller then falls back to the cluster's
 * default strategy, as AWS does when no strategy is given. `options.isClusterDefault` picks AWS's
 * wording for the all-zero-weights error of a cluster default strategy.
 *
 * A weight or base of null counts as omitted (default 0), as in AWS's JSON input.
 *
 * Order of checks (the first failure is returned): shape of each item, ranges, count ≤ 6,
 * duplicates, association with the cluster, Fargate/ASG mix, one base, some weight > 0.
 */
export function checkCapacityProviderStrategy(
  raw: unknown,
  known: KnownProvider[],
  options: { isClusterDefault?: boolean } = {},
): StrategyCheck {
  if (!Array.isArray(raw)) return fail(STRATEGY_MESSAGES.notAList(raw));

  const items: StrategyItem[] = [];
  for (const [index, entry] of raw.entries()) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return fail(STRATEGY_MESSAGES.itemNotObject(index, entry));
    }
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!ITEM_KEYS.has(key)) return fail(STRATEGY_MESSAGES.unknownKey(index, key));
    }
    const name = record.capacityProvider;
    if (typeof name !== 'string' || name.trim() === '') return fail(STRATEGY_MESSAGES.providerMissing(index));
    const weight = record.weight ?? 0;
    if (!isWholeInRange(weight, WEIGHT_MIN, WEIGHT_MAX)) return fail(STRATEGY_MESSAGES.weightOutOfRange(index, weight));
    const base = record.base ?? 0;
    if (!isWholeInRange(base, BASE_MIN, BASE_MAX)) return fail(STRATEGY_MESSAGES.baseOutOfRange(index, base));
    items.push({ capacityProvider: name, weight, base });
  }
  if (items.length === 0) return { ok: true, value: [] };

  if (items.length > MAX_STRATEGY_ITEMS) return fail(STRATEGY_MESSAGES.tooMany(items.length));

  const seen = new Map<string, number>();
  for (const item of items) seen.set(item.capacityProvider, (seen.get(item.capacityProvider) ?? 0) + 1);
  for (const [name, count] of seen) {
    if (count > 1) return fail(STRATEGY_MESSAGES.duplicate(name, count));
  }

  const kinds = new Map(known.map((provider) => [provider.name, provider.kind]));
  if (items.some((item) => !kinds.has(item.capacityProvider))) return fail(STRATEGY_MESSAGES.notAssociated());

  const isFargate = (item: StrategyItem) => kinds.get(item.capacityProvider) !== 'ASG';
  if (items.some(isFargate) && !items.every(isFargate)) return fail(STRATEGY_MESSAGES.mixedKinds());

  const withBase = items.filter((item) => item.base > 0).map((item) => item.capacityProvider);
  if (withBase.length > 1) return fail(STRATEGY_MESSAGES.moreThanOneBase(withBase));

  if (items.length > 1 && items.every((item) => item.weight === 0)) {
    return fail(options.isClusterDefault ? STRATEGY_MESSAGES.allZeroWeightsDefault() : STRATEGY_MESSAGES.allZeroWeights());
  }
  return { ok: true, value: items };
}

/**
 * How many of `count` new tasks go to each provider of a (validated) strategy, given the tasks
 * already placed per provider (`already`, e.g. a service scaling out; counts of providers not in
 * the strategy are ignored). Returns the NEW tasks per provider, every strategy provider present
 * (0 when it gets none).
 *
 * Rule (AWS documents base-then-weight, not the per-task order or rounding — the order is
 * UNCONFIRMED): tasks are assigned one at a time.
 *  1. While the provider with a base has fewer than `base` tasks (already + new), the task goes
 *     there — even if its weight is 0 (a base is a minimum; weight 0 only excludes the provider
 *     from the weighted share).
 *  2. Otherwise the task goes to the weighted provider (weight > 0) that is furthest behind its
 *     share: the one with the smallest (n + 1) / weight, where n is its tasks beyond its base
 *     (already + new − base, never below 0). Ties go to the provider listed first.
 * This is the D'Hondt (highest-averages) method, so for any count the split beyond the base is
 * as close to the weights as whole tasks allow, and when `already` is off-balance (e.g. Spot
 * tasks were interrupted) new tasks first go where the share is short.
 * AWS's example: FARGATE base 2 weight 1 + FARGATE_SPOT weight 3, 10 tasks → 2 base on FARGATE,
 * the 8 others 1:3 → FARGATE 4, FARGATE_SPOT 6.
 *
 * A lone provider gets every task whatever its weight (see the weight note at the top). Several
 * providers with no weight > 0 (which validation refuses) place only base tasks; the rest are
 * left out (the returned counts then sum to less than `count`). Bad counts (negative, fractional,
 * non-finite) are treated as 0 / floored; never throws.
 */
export function distributeTasks(
  strategy: StrategyItem[],
  count: number,
  already: Record<string, number> = {},
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const item of strategy) result[item.capacityProvider] = 0;
  const wanted = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  const placedBefore = (name: string): number => {
    const value = Object.hasOwn(already, name) ? already[name] : 0;
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
  };
  const total = (item: StrategyItem) => placedBefore(item.capacityProvider) + (result[item.capacityProvider] ?? 0);

  const baseItem = strategy.find((item) => item.base > 0);
  const positive = strategy.filter((item) => item.weight > 0);
  // A lone weight-0 provider still takes the tasks: treat it as weight 1.
  const weighted = positive.length === 0 && strategy.length === 1 ? [{ ...strategy[0]!, weight: 1 }] : positive;

  for (let placed = 0; placed < wanted; placed++) {
    if (baseItem && total(baseItem) < baseItem.base) {
      result[baseItem.capacityProvider] = (result[baseItem.capacityProvider] ?? 0) + 1;
      continue;
    }
    // Compare (n + 1) / weight by cross-multiplying: exact in integers, so ties are real ties.
    let best: StrategyItem | undefined;
    let bestNext = 0;
    for (const item of weighted) {
      const next = Math.max(0, total(item) - item.base) + 1;
      if (!best || next * best.weight < bestNext * item.weight) {
        best = item;
        bestNext = next;
      }
    }
    if (!best) break;
    result[best.capacityProvider] = (result[best.capacityProvider] ?? 0) + 1;
  }
  return result;
}
