/**
 * The request traffic set on services (sim:SetTraffic): one pattern per service, sent to one target
 * group of the service (its first load balancer mapping with a target group — the sandbox's "front
 * door"; a service behind several target groups gets its traffic through the first). The minute
 * tick (load/usage.ts) turns it into requests routed by the load balancer.
 */
import type { ServiceTraffic } from '../../protocol.ts';
import type { EngineState } from '../state.ts';
import type { ServiceRecord } from '../services/model.ts';
import { metricsOf } from '../metrics/store.ts';
import { requestsPerSecondAt, type TrafficPattern } from './traffic.ts';

export interface TrafficRecord {
  serviceArn: string;
  clusterName: string;
  serviceName: string;
  targetGroupArn: string;
  /** The pattern as the learner gave it (for the snapshot), and checked. */
  given: Record<string, unknown>;
  pattern: TrafficPattern;
  /** When it was set (virtual ms): requests count from here. */
  sinceMs: number;
}

declare module '../metrics/store.ts' {
  interface MetricsState {
    /** sim:SetTraffic's patterns by service ARN (load/service-traffic.ts). */
    traffic?: Map<string, TrafficRecord>;
  }
}

/** The target group a service's traffic enters through: its first mapping with one. */
export function trafficTargetGroupArn(service: ServiceRecord): string | undefined {
  for (const lb of service.loadBalancers) if (lb.targetGroupArn !== undefined) return lb.targetGroupArn;
  return undefined;
}

export function setTraffic(state: EngineState, record: TrafficRecord): void {
  const metrics = metricsOf(state);
  metrics.traffic ??= new Map();
  metrics.traffic.set(record.serviceArn, record);
}

export function clearTraffic(state: EngineState, serviceArn: string): void {
  state.metrics?.traffic?.delete(serviceArn);
}

/** Forget the traffic of services that are no longer ACTIVE (deleted: DRAINING, then INACTIVE). */
export function dropTrafficOfGoneServices(state: EngineState): void {
  const traffic = state.metrics?.traffic;
  if (traffic === undefined) return;
  for (const arn of traffic.keys()) if (state.services?.get(arn)?.status !== 'ACTIVE') traffic.delete(arn);
}

export function trafficOf(state: EngineState, serviceArn: string): TrafficRecord | undefined {
  return state.metrics?.traffic?.get(serviceArn);
}

export function renderTraffic(state: EngineState, timeMs: number): ServiceTraffic[] {
  const out: ServiceTraffic[] = [];
  for (const record of state.metrics?.traffic?.values() ?? []) {
    if (state.services?.get(record.serviceArn)?.status !== 'ACTIVE') continue;
    out.push({
      serviceArn: record.serviceArn,
      clusterName: record.clusterName,
      serviceName: record.serviceName,
      pattern: structuredClone(record.given),
      requestsPerSecond: Math.round(requestsPerSecondAt(record.pattern, Math.max(timeMs, record.sinceMs)) * 100) / 100,
    });
  }
  return out;
}
