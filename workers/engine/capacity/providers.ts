/**
 * Capacity providers as records: finding one by name or ARN (FARGATE and FARGATE_SPOT always
 * exist), the Auto Scaling group behind one, which cluster uses it, and checking the
 * `autoScalingGroupProvider` of CreateCapacityProvider / UpdateCapacityProvider with AWS's
 * defaults and ranges (ecs-reference §6; CFN aws-properties-ecs-capacityprovider-managedscaling).
 */
import type { CapacityProvider, ManagedScaling } from '../../protocol.ts';
import { autoScalingOf, type AsgRecord } from '../autoscaling/model.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import type { ClusterRecord, EngineState } from '../state.ts';
import { CAPACITY_MESSAGES as M } from './messages.ts';
import type { CapacityProviderRecord } from './model.ts';
import type { KnownProvider } from './provider-strategy.ts';
import { MANAGED_SCALING_DEFAULTS } from './reservation.ts';

export const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;
export type FargateProviderName = (typeof FARGATE_PROVIDERS)[number];

export const capacityProviderArn = (name: string): string => `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:capacity-provider/${name}`;

export function isFargateProvider(name: string): name is FargateProviderName {
  return (FARGATE_PROVIDERS as readonly string[]).includes(name);
}

/** A provider given by name or ARN → its name. */
export function providerNameOf(given: string): string {
  const prefix = capacityProviderArn('');
  return given.startsWith(prefix) ? given.slice(prefix.length) : given;
}

export function findProvider(state: EngineState, given: string): CapacityProviderRecord | undefined {
  return state.capacity?.providers.get(providerNameOf(given));
}

/** The Auto Scaling group named by an ARN or a name (AWS accepts either since 2020). */
export function findGroupByArnOrName(state: EngineState, given: string): AsgRecord | undefined {
  const groups = state.autoscaling?.groups;
  if (groups === undefined) return undefined;
  const byName = groups.get(given);
  if (byName !== undefined) return byName;
  for (const group of groups.values()) {
    if (group.arn === given || given.endsWith(`:autoScalingGroupName/${group.name}`)) return group;
  }
  return undefined;
}

export function groupOfProvider(state: EngineState, provider: CapacityProviderRecord): AsgRecord | undefined {
  const group = findGroupByArnOrName(state, provider.autoScalingGroupArn);
  return group?.deleting === true ? undefined : group;
}

/** The cluster an ASG provider is associated with (at most one), if any. */
export function clusterOfProvider(state: EngineState, name: string): ClusterRecord | undefined {
  for (const cluster of state.clusters.values()) if (cluster.capacityProviders?.includes(name)) return cluster;
  return undefined;
}

/** The providers a strategy in this cluster may name: the cluster's associated, ACTIVE ones. */
export function knownProvidersOf(state: EngineState, cluster: ClusterRecord): KnownProvider[] {
  const out: KnownProvider[] = [];
  for (const name of cluster.capacityProviders ?? []) {
    if (isFargateProvider(name)) out.push({ name, kind: name });
    else if (findProvider(state, name)?.status === 'ACTIVE') out.push({ name, kind: 'ASG' });
  }
  return out;
}

/** Providers with managed scaling ENABLED that are associated with a cluster: what the minute job looks at. */
export function scalingProviders(state: EngineState): { provider: CapacityProviderRecord; cluster: ClusterRecord }[] {
  const out: { provider: CapacityProviderRecord; cluster: ClusterRecord }[] = [];
  if (state.capacity === undefined) return out;
  for (const cluster of state.clusters.values()) {
    for (const name of cluster.capacityProviders ?? []) {
      const provider = state.capacity.providers.get(name);
      if (provider?.status === 'ACTIVE' && provider.managedScaling.status === 'ENABLED') out.push({ provider, cluster });
    }
  }
  return out;
}

export function renderProvider(state: EngineState, provider: CapacityProviderRecord): CapacityProvider {
  const cluster = clusterOfProvider(state, provider.name);
  const reservation = state.capacity?.reservations?.get(provider.name);
  return {
    capacityProviderArn: provider.arn,
    name: provider.name,
    status: provider.status,
    autoScalingGroupProvider: {
      autoScalingGroupArn: provider.autoScalingGroupArn,
      managedScaling: { ...provider.managedScaling },
      managedTerminationProtection: provider.managedTerminationProtection,
      managedDraining: provider.managedDraining,
    },
    ...(provider.updateStatus === undefined ? {} : { updateStatus: provider.updateStatus }),
    ...(provider.updateStatusReason === undefined ? {} : { updateStatusReason: provider.updateStatusReason }),
    tags: provider.tags.map((tag) => ({ ...tag })),
    ...(cluster === undefined ? {} : { clusterName: cluster.clusterName }),
    ...(reservation === undefined ? {} : { reservation: { ...reservation } }),
  };
}

/** FARGATE and FARGATE_SPOT as DescribeCapacityProviders shows them (AWS-managed: no ASG, no tags). */
export function renderFargateProvider(name: FargateProviderName): CapacityProvider {
  return { capacityProviderArn: capacityProviderArn(name), name, status: 'ACTIVE', tags: [] };
}

export function allProviders(state: EngineState): CapacityProvider[] {
  return [
    ...FARGATE_PROVIDERS.map(renderFargateProvider),
    ...[...(state.capacity?.providers.values() ?? [])].map((provider) => renderProvider(state, provider)),
  ];
}

// --- the autoScalingGroupProvider of Create / Update ------------------------------------------

export const MANAGED_SCALING_RANGES = {
  targetCapacity: [1, 100],
  minimumScalingStepSize: [1, 10_000],
  maximumScalingStepSize: [1, 10_000],
  instanceWarmupPeriod: [0, 10_000],
} as const;

const ON_OFF = ['ENABLED', 'DISABLED'] as const;
const PROVIDER_KEYS = ['autoScalingGroupArn', 'managedScaling', 'managedTerminationProtection', 'managedDraining'] as const;
const SCALING_KEYS = ['status', 'targetCapacity', 'minimumScalingStepSize', 'maximumScalingStepSize', 'instanceWarmupPeriod'] as const;

/**
 * Defaults when a field is omitted: managed scaling as the API reference gives its defaults
 * (targetCapacity 100, steps 1 / 10000, warm-up 300 s); its status DISABLED when not given
 * (UNCONFIRMED: the console turns it on, the API's default is not documented);
 * managedTerminationProtection DISABLED (documented default "off"); managedDraining ENABLED (AWS
 * shows ENABLED on providers created without it — DescribeCapacityProviders output quoted in
 * ekristen/aws-nuke#540; API reference: "Default: ENABLED" for new providers).
 */
export const NEW_PROVIDER_DEFAULTS = {
  managedScaling: {
    status: 'DISABLED',
    targetCapacity: MANAGED_SCALING_DEFAULTS.targetCapacity,
    minimumScalingStepSize: MANAGED_SCALING_DEFAULTS.minimumScalingStepSize,
    maximumScalingStepSize: MANAGED_SCALING_DEFAULTS.maximumScalingStepSize,
    instanceWarmupPeriod: MANAGED_SCALING_DEFAULTS.instanceWarmupPeriodSeconds,
  } satisfies ManagedScaling,
  managedTerminationProtection: 'DISABLED',
  managedDraining: 'ENABLED',
} as const;

export interface ProviderSettings {
  autoScalingGroupArn?: string;
  managedScaling: ManagedScaling;
  managedTerminationProtection: 'ENABLED' | 'DISABLED';
  managedDraining: 'ENABLED' | 'DISABLED';
}

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Read an autoScalingGroupProvider over `base` (the defaults for Create, the provider's current
 * settings for Update): fields given replace those of base; managed scaling fields merge one by one.
 */
export function readProviderSettings(raw: unknown, base: ProviderSettings, where = 'autoScalingGroupProvider'): Checked<ProviderSettings> {
  if (!isRecord(raw)) return { ok: false, message: M.asgProviderRequired() };
  for (const key of Object.keys(raw)) {
    if (!(PROVIDER_KEYS as readonly string[]).includes(key)) return { ok: false, message: M.unknownField(where, key, PROVIDER_KEYS) };
  }
  const out: ProviderSettings = { ...base, managedScaling: { ...base.managedScaling } };
  if (raw.autoScalingGroupArn !== undefined) {
    if (typeof raw.autoScalingGroupArn !== 'string' || raw.autoScalingGroupArn === '') return { ok: false, message: M.asgArnRequired() };
    out.autoScalingGroupArn = raw.autoScalingGroupArn;
  }
  for (const field of ['managedTerminationProtection', 'managedDraining'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    if (!(ON_OFF as readonly unknown[]).includes(value)) return { ok: false, message: M.enumValue(`${where}.${field}`, value, ON_OFF) };
    out[field] = value as 'ENABLED' | 'DISABLED';
  }
  if (raw.managedScaling !== undefined) {
    const scaling = raw.managedScaling;
    if (!isRecord(scaling)) return { ok: false, message: M.unknownField(where, 'managedScaling', PROVIDER_KEYS) };
    for (const key of Object.keys(scaling)) {
      if (!(SCALING_KEYS as readonly string[]).includes(key)) return { ok: false, message: M.unknownField(`${where}.managedScaling`, key, SCALING_KEYS) };
    }
    if (scaling.status !== undefined) {
      if (!(ON_OFF as readonly unknown[]).includes(scaling.status)) return { ok: false, message: M.enumValue('managedScaling.status', scaling.status, ON_OFF) };
      out.managedScaling.status = scaling.status as 'ENABLED' | 'DISABLED';
    }
    for (const [field, [min, max]] of Object.entries(MANAGED_SCALING_RANGES) as [keyof typeof MANAGED_SCALING_RANGES, readonly [number, number]][]) {
      const value = scaling[field];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        return { ok: false, message: M.range(`managedScaling.${field}`, value, min, max) };
      }
      out.managedScaling[field] = value;
    }
  }
  const { minimumScalingStepSize: minStep, maximumScalingStepSize: maxStep } = out.managedScaling;
  if (minStep > maxStep) return { ok: false, message: M.stepOrder(minStep, maxStep) };
  return { ok: true, value: out };
}

/** AWS's checks of the settings against the group: termination protection needs managed scaling and the group's scale-in protection. */
export function checkAgainstGroup(settings: ProviderSettings, group: AsgRecord): string | undefined {
  if (settings.managedTerminationProtection !== 'ENABLED') return undefined;
  if (settings.managedScaling.status !== 'ENABLED') return M.terminationProtectionNeedsScaling();
  if (!group.newInstancesProtectedFromScaleIn) return M.terminationProtectionNeedsAsgProtection();
  return undefined;
}

/** The provider (other than `except`) already using this group, if any. */
export function providerUsingGroup(state: EngineState, group: AsgRecord, except?: string): CapacityProviderRecord | undefined {
  for (const provider of state.capacity?.providers.values() ?? []) {
    if (provider.name === except || provider.status !== 'ACTIVE') continue;
    if (findGroupByArnOrName(state, provider.autoScalingGroupArn) === group) return provider;
  }
  return undefined;
}

export { autoScalingOf };
