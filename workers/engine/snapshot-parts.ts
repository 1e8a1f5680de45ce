/**
 * Parts of the snapshot rendered by modules outside the worker's first chunk: load balancers
 * (elb/render.ts) and services (services/render.ts). Each fills its part when it loads; the state
 * they render can only exist once their commands — the same lazily loaded chunk — have run, so an
 * unfilled part always has nothing to show.
 */
import type { Service, Snapshot } from '../protocol.ts';
import type { EngineState } from './state.ts';

/** The snapshot's capacity fields (issue 6), each filled by the module owning it. */
export type CapacitySnapshotKey =
  | 'ec2Instances'
  | 'launchTemplates'
  | 'autoScalingGroups'
  | 'autoScalingPolicies'
  | 'scalingActivities'
  | 'capacityProviders'
  | 'alarms'
  | 'metrics'
  | 'cost'
  | 'faults'
  | 'scalableTargets'
  | 'serviceScalingPolicies'
  | 'scheduledActions'
  | 'serviceScalingActivities'
  | 'traffic'
  | 'serviceCounts'
  | 'eventRules'
  | 'buckets'
  | 'queues';
export type CapacitySnapshot = Pick<Snapshot, CapacitySnapshotKey>;

export type ElbSnapshot = Pick<Snapshot, 'loadBalancers' | 'targetGroups' | 'listeners' | 'classicLoadBalancers'>;

interface Parts {
  elb?: (state: EngineState) => ElbSnapshot;
  services?: (state: EngineState) => Service[];
  /** Renderers of capacity fields by owner (ec2/, autoscaling/, capacity/, metrics/, cost/, faults/); each returns only its fields, and only once its state exists. */
  capacity?: Map<string, (state: EngineState, timeMs: number) => Partial<CapacitySnapshot>>;
}

const parts: Parts = {};

export function provideSnapshotPart<K extends keyof Parts>(key: K, render: NonNullable<Parts[K]>): void {
  parts[key] = render;
}

export function elbSnapshot(state: EngineState): ElbSnapshot {
  return state.elb === undefined || parts.elb === undefined ? {} : parts.elb(state);
}

export function servicesSnapshot(state: EngineState): Service[] {
  return state.services === undefined || parts.services === undefined ? [] : parts.services(state);
}

/** Register the renderer of some capacity fields (issue 6), under the owner's name (one per owner). */
export function provideCapacitySnapshot(owner: string, render: (state: EngineState, timeMs: number) => Partial<CapacitySnapshot>): void {
  (parts.capacity ??= new Map()).set(owner, render);
}

/** `timeMs` is the snapshot's virtual time (the cost meter adds what ran up since its last minute). */
export function capacitySnapshot(state: EngineState, timeMs = 0): Partial<CapacitySnapshot> {
  if (parts.capacity === undefined) return {};
  let out: Partial<CapacitySnapshot> = {};
  for (const render of parts.capacity.values()) out = { ...out, ...render(state, timeMs) };
  return out;
}
