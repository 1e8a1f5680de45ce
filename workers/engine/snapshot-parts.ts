/**
 * Parts of the snapshot rendered by modules outside the worker's first chunk: load balancers
 * (elb/render.ts) and services (services/render.ts). Each fills its part when it loads; the state
 * they render can only exist once their commands — the same lazily loaded chunk — have run, so an
 * unfilled part always has nothing to show.
 */
import type { Service, Snapshot } from '../protocol.ts';
import type { EngineState } from './state.ts';

export type ElbSnapshot = Pick<Snapshot, 'loadBalancers' | 'targetGroups' | 'listeners' | 'classicLoadBalancers'>;

interface Parts {
  elb?: (state: EngineState) => ElbSnapshot;
  services?: (state: EngineState) => Service[];
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
