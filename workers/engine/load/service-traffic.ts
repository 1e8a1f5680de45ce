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
import { requestsBetween, requestsPerSecondAt, type TrafficPattern } from './traffic.ts';

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
  /**
   * The patterns it replaced during the last minute, oldest first: the minute tick measures the
   * whole minute before it, so a change in the middle of a minute (or one at the minute, which runs
   * before that minute's tick) must not erase the requests served before the change.
   */
  earlier?: { pattern: TrafficPattern; sinceMs: number; untilMs: number }[];
}

const MINUTE_MS = 60_000;

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
  const old = metrics.traffic.get(record.serviceArn);
  if (old !== undefined) {
    const kept = (old.earlier ?? []).filter((segment) => segment.untilMs > record.sinceMs - MINUTE_MS);
    record.earlier = [...kept, { pattern: old.pattern, sinceMs: old.sinceMs, untilMs: record.sinceMs }];
  }
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

/** Requests the service's traffic sent between fromMs and toMs, across the patterns it had then. */
export function requestsInWindow(record: TrafficRecord, fromMs: number, toMs: number): number {
  let requests = requestsBetween(record.pattern, Math.max(fromMs, record.sinceMs), toMs);
  for (const segment of record.earlier ?? []) {
    requests += requestsBetween(segment.pattern, Math.max(fromMs, segment.sinceMs), Math.min(toMs, segment.untilMs));
  }
  return requests;
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
