/**
 * The minute's ECS service and cluster datapoints (ticker phase 'publish'), from the load
 * measurement (load/usage.ts):
 * - AWS/ECS CPUUtilization and MemoryUtilization per ACTIVE service with RUNNING tasks (dimensions
 *   ClusterName, ServiceName; unit Percent). AWS's definition (ECS Developer Guide, "Amazon ECS
 *   CloudWatch metrics"; ecs-reference §8): units used by the RUNNING tasks × 100 / (task cpu ×
 *   RUNNING tasks); memory likewise and it can pass 100 %. No RUNNING task, no datapoint.
 * - AWS/ECS CPUReservation, CPUUtilization, MemoryReservation, MemoryUtilization per cluster with
 *   registered container instances (dimension ClusterName): reserved (or used) by tasks over
 *   registered, × 100 (same guide). Fargate tasks are not in them (they have no container instance).
 * - `serviceCounts` for the snapshot: each ACTIVE service's desired and running counts per minute
 *   (the newest SERVICE_COUNT_POINTS), what the UI charts desired against running from.
 * Active only while a service is ACTIVE, so engines without services keep their old timings.
 */
import type { ServiceCountSeries } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import type { EngineState } from '../state.ts';
import { taskCpuUnitsUsed, taskMemoryMiBUsed, type LoadView } from '../load/model.ts';
import { measureLoad } from '../load/usage.ts';
import { metricsOf, putDatapoint, stableMetric, type MetricId } from './store.ts';
import { provideMinuteJob } from './minute-tick.ts';
import { provideCapacitySnapshot, type CapacitySnapshot } from '../snapshot-parts.ts';
import { dropTrafficOfGoneServices, renderTraffic } from '../load/service-traffic.ts';

/** Three hours of minutes, like the metric store. */
export const SERVICE_COUNT_POINTS = 180;

export type EcsServiceMetricName = 'CPUUtilization' | 'MemoryUtilization';
export type EcsClusterMetricName = 'CPUReservation' | 'CPUUtilization' | 'MemoryReservation' | 'MemoryUtilization';

export const ecsServiceMetric = (metricName: EcsServiceMetricName, clusterName: string, serviceName: string): MetricId => ({
  namespace: 'AWS/ECS',
  metricName,
  dimensions: [
    { Name: 'ClusterName', Value: clusterName },
    { Name: 'ServiceName', Value: serviceName },
  ],
});

export const ecsClusterMetric = (metricName: EcsClusterMetricName, clusterName: string): MetricId => ({
  namespace: 'AWS/ECS',
  metricName,
  dimensions: [{ Name: 'ClusterName', Value: clusterName }],
});

interface CountSeries {
  clusterName: string;
  serviceName: string;
  t: number[];
  desired: number[];
  running: number[];
}

declare module './store.ts' {
  interface MetricsState {
    /** Desired and running counts per minute by service ARN (metrics/service-metrics.ts). */
    serviceCounts?: Map<string, CountSeries>;
  }
}

/** MetricIds are built once per service (the minute tick runs 10 080 times in a virtual week). */
const idsOf = new WeakMap<object, { cpu: MetricId; memory: MetricId }>();

function serviceIds(service: { clusterName: string; name: string }): { cpu: MetricId; memory: MetricId } {
  let ids = idsOf.get(service);
  if (ids === undefined) {
    ids = { cpu: stableMetric(ecsServiceMetric('CPUUtilization', service.clusterName, service.name)), memory: stableMetric(ecsServiceMetric('MemoryUtilization', service.clusterName, service.name)) };
    idsOf.set(service, ids);
  }
  return ids;
}

/** Two decimals, as the console shows them (and as ec2-metrics.ts rounds). */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

export function hasActiveService(state: EngineState): boolean {
  for (const service of state.services?.values() ?? []) if (service.status === 'ACTIVE') return true;
  return false;
}

function recordCounts(state: EngineState, nowMs: number, arn: string, clusterName: string, serviceName: string, desired: number, running: number): void {
  const metrics = metricsOf(state);
  metrics.serviceCounts ??= new Map();
  let series = metrics.serviceCounts.get(arn);
  if (series === undefined) metrics.serviceCounts.set(arn, (series = { clusterName, serviceName, t: [], desired: [], running: [] }));
  const last = series.t.length - 1;
  if (last >= 0 && series.t[last] === nowMs) {
    series.desired[last] = desired;
    series.running[last] = running;
    return;
  }
  series.t.push(nowMs);
  series.desired.push(desired);
  series.running.push(running);
  if (series.t.length > SERVICE_COUNT_POINTS) {
    series.t.shift();
    series.desired.shift();
    series.running.shift();
  }
}

function publishClusters(state: EngineState, nowMs: number, view: LoadView): void {
  if (state.instances.size === 0) return;
  const sums = new Map<string, { cpu: number; memory: number; cpuReserved: number; memoryReserved: number; cpuUsed: number; memoryUsed: number }>();
  for (const instance of state.instances.values()) {
    if (instance.status !== 'ACTIVE' && instance.status !== 'DRAINING') continue;
    let sum = sums.get(instance.clusterName);
    if (sum === undefined) sums.set(instance.clusterName, (sum = { cpu: 0, memory: 0, cpuReserved: 0, memoryReserved: 0, cpuUsed: 0, memoryUsed: 0 }));
    sum.cpu += instance.registeredCpuUnits;
    sum.memory += instance.registeredMemoryMiB;
    sum.cpuReserved += instance.usedCpuUnits;
    sum.memoryReserved += instance.usedMemoryMiB;
  }
  if (sums.size === 0) return;
  for (const record of state.tasks.values()) {
    if (record.instanceArn === undefined || record.task.lastStatus !== 'RUNNING') continue;
    const sum = sums.get(record.clusterName);
    if (sum === undefined) continue;
    sum.cpuUsed += taskCpuUnitsUsed(record, view);
    sum.memoryUsed += taskMemoryMiBUsed(record, view);
  }
  for (const [clusterName, sum] of sums) {
    if (sum.cpu > 0) {
      putDatapoint(state, ecsClusterMetric('CPUReservation', clusterName), 'Percent', nowMs, round2((sum.cpuReserved * 100) / sum.cpu));
      putDatapoint(state, ecsClusterMetric('CPUUtilization', clusterName), 'Percent', nowMs, round2((sum.cpuUsed * 100) / sum.cpu));
    }
    if (sum.memory > 0) {
      putDatapoint(state, ecsClusterMetric('MemoryReservation', clusterName), 'Percent', nowMs, round2((sum.memoryReserved * 100) / sum.memory));
      putDatapoint(state, ecsClusterMetric('MemoryUtilization', clusterName), 'Percent', nowMs, round2((sum.memoryUsed * 100) / sum.memory));
    }
  }
}

function publish(ctx: EngineContext): void {
  const { state } = ctx;
  const nowMs = ctx.clock.now;
  const measure = measureLoad(state, nowMs);
  for (const m of measure.services) {
    const { service } = m;
    recordCounts(state, nowMs, service.arn, service.clusterName, service.name, service.desiredCount, m.running);
    if (m.cpuUtilization === undefined || m.memoryUtilization === undefined) continue;
    const ids = serviceIds(service);
    putDatapoint(state, ids.cpu, 'Percent', nowMs, round2(m.cpuUtilization));
    putDatapoint(state, ids.memory, 'Percent', nowMs, round2(m.memoryUtilization));
  }
  publishClusters(state, nowMs, measure.tasks);
  // Hygiene for deleted services: their traffic stops, their counts are forgotten.
  dropTrafficOfGoneServices(state);
  const counts = state.metrics?.serviceCounts;
  if (counts !== undefined && counts.size > measure.services.length) {
    for (const arn of counts.keys()) if (state.services?.get(arn)?.status !== 'ACTIVE') counts.delete(arn);
  }
}

provideMinuteJob('service-metrics', { phase: 'publish', active: (ctx) => hasActiveService(ctx.state), run: publish });

function renderCounts(state: EngineState): ServiceCountSeries[] {
  const out: ServiceCountSeries[] = [];
  for (const [serviceArn, series] of state.metrics?.serviceCounts ?? []) {
    if (state.services?.get(serviceArn)?.status !== 'ACTIVE') continue;
    out.push({ serviceArn, clusterName: series.clusterName, serviceName: series.serviceName, points: series.t.map((t, i) => ({ t, desired: series.desired[i]!, running: series.running[i]! })) });
  }
  return out;
}

/** The snapshot's `traffic` and `serviceCounts` (issue 7), once they exist. */
provideCapacitySnapshot('service-metrics', (state, timeMs) => {
  const part: Partial<CapacitySnapshot> = {};
  if (state.metrics?.traffic !== undefined && state.metrics.traffic.size > 0) part.traffic = renderTraffic(state, timeMs);
  if (state.metrics?.serviceCounts !== undefined) part.serviceCounts = renderCounts(state);
  return part;
});
