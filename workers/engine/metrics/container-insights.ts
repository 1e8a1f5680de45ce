/**
 * Container Insights' service task counts (ticker phase 'publish'): ECS/ContainerInsights
 * RunningTaskCount, DesiredTaskCount and PendingTaskCount per ACTIVE service (dimensions
 * ClusterName, ServiceName; unit Count), published only for clusters whose containerInsights
 * setting is `enabled` — or `enhanced`, which includes them (ECS Developer Guide, "Amazon ECS
 * Container Insights metrics"; AWS publishes nothing there otherwise). Pending counts PROVISIONING,
 * PENDING and ACTIVATING tasks, as DescribeServices' pendingCount does. The SQS backlog-per-task
 * policy divides by RunningTaskCount.
 */
import type { EngineContext } from '../context.ts';
import type { EngineState } from '../state.ts';
import { measureLoad } from '../load/usage.ts';
import { putDatapoint, stableMetric, type MetricId } from './store.ts';
import { provideMinuteJob } from './minute-tick.ts';
import { hasActiveService } from './service-metrics.ts';

export type ContainerInsightsMetricName = 'RunningTaskCount' | 'DesiredTaskCount' | 'PendingTaskCount';

export const containerInsightsMetric = (metricName: ContainerInsightsMetricName, clusterName: string, serviceName: string): MetricId => ({
  namespace: 'ECS/ContainerInsights',
  metricName,
  dimensions: [
    { Name: 'ClusterName', Value: clusterName },
    { Name: 'ServiceName', Value: serviceName },
  ],
});

export function containerInsightsOn(state: EngineState, clusterName: string): boolean {
  const value = state.clusters.get(clusterName)?.settings.find((s) => s.name === 'containerInsights')?.value;
  return value === 'enabled' || value === 'enhanced';
}

const idsOf = new WeakMap<object, Record<ContainerInsightsMetricName, MetricId>>();

function ids(service: { clusterName: string; name: string }): Record<ContainerInsightsMetricName, MetricId> {
  let found = idsOf.get(service);
  if (found === undefined) {
    found = {
      RunningTaskCount: stableMetric(containerInsightsMetric('RunningTaskCount', service.clusterName, service.name)),
      DesiredTaskCount: stableMetric(containerInsightsMetric('DesiredTaskCount', service.clusterName, service.name)),
      PendingTaskCount: stableMetric(containerInsightsMetric('PendingTaskCount', service.clusterName, service.name)),
    };
    idsOf.set(service, found);
  }
  return found;
}

function publish(ctx: EngineContext): void {
  const { state } = ctx;
  const nowMs = ctx.clock.now;
  let lastCluster = '';
  let on = false;
  for (const m of measureLoad(state, nowMs).services) {
    if (m.service.clusterName !== lastCluster) {
      lastCluster = m.service.clusterName;
      on = containerInsightsOn(state, lastCluster);
    }
    if (!on) continue;
    const id = ids(m.service);
    putDatapoint(state, id.RunningTaskCount, 'Count', nowMs, m.running);
    putDatapoint(state, id.DesiredTaskCount, 'Count', nowMs, m.service.desiredCount);
    putDatapoint(state, id.PendingTaskCount, 'Count', nowMs, m.pending);
  }
}

provideMinuteJob('container-insights', { phase: 'publish', active: (ctx) => hasActiveService(ctx.state), run: publish });
