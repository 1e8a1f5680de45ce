/**
 * The minute's Application Load Balancer datapoints for the target groups of ACTIVE services
 * (ticker phase 'publish'), from the load measurement (load/usage.ts). Names and dimensions as the
 * ALB User Guide's "CloudWatch metrics for your Application Load Balancer" lists them:
 * - RequestCount (Sum; dimensions TargetGroup+LoadBalancer, and LoadBalancer), RequestCountPerTarget
 *   (dimension TargetGroup — the one appautoscaling/tracking-alarms.ts predefinedMetric tracks for
 *   ALBRequestCountPerTarget; AWS also has it by TargetGroup+LoadBalancer, which the sandbox leaves
 *   out: every datapoint is paid each virtual minute), while traffic is set, zeros included.
 * - HTTPCode_ELB_5XX_Count (dimension LoadBalancer): requests no target got (HTTP 503), only in
 *   minutes that had some (ALB reports such counts only when non-zero).
 * - HealthyHostCount and UnHealthyHostCount (dimensions TargetGroup, LoadBalancer) every minute.
 * Dimension values: LoadBalancer `app/<name>/<id>`, TargetGroup `targetgroup/<name>/<id>` (the ARNs'
 * resource parts). Only target groups reached through an application load balancer.
 */
import type { EngineContext } from '../context.ts';
import type { LoadBalancerRecord, TargetGroupRecord } from '../elb/model.ts';
import { measureLoad } from '../load/usage.ts';
import { requestCountPerTarget } from '../load/traffic-utilization.ts';
import { putDatapoint, stableMetric, type MetricId } from './store.ts';
import { provideMinuteJob } from './minute-tick.ts';
import { hasActiveService, round2 } from './service-metrics.ts';

/** `app/<name>/<id>`: the load balancer ARN after `loadbalancer/`. */
export const loadBalancerDimension = (lbArn: string): string => lbArn.slice(lbArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
/** `targetgroup/<name>/<id>`: the target group ARN's resource part. */
export const targetGroupDimension = (tgArn: string): string => tgArn.slice(tgArn.lastIndexOf(':') + 1);

export type AlbMetricName = 'RequestCount' | 'RequestCountPerTarget' | 'HealthyHostCount' | 'UnHealthyHostCount' | 'HTTPCode_ELB_5XX_Count';

/** An AWS/ApplicationELB metric; `on` says which dimensions: the group, the load balancer, or both. */
export function albMetric(metricName: AlbMetricName, on: { targetGroupArn?: string; loadBalancerArn?: string }): MetricId {
  const dimensions: { Name: string; Value: string }[] = [];
  if (on.targetGroupArn !== undefined) dimensions.push({ Name: 'TargetGroup', Value: targetGroupDimension(on.targetGroupArn) });
  if (on.loadBalancerArn !== undefined) dimensions.push({ Name: 'LoadBalancer', Value: loadBalancerDimension(on.loadBalancerArn) });
  return { namespace: 'AWS/ApplicationELB', metricName, dimensions };
}

interface GroupIds {
  lbArn: string;
  requests: MetricId;
  requestsOfLb: MetricId;
  perTarget: MetricId;
  healthy: MetricId;
  unhealthy: MetricId;
  elb5xx: MetricId;
}

/** Built once per (group, load balancer): the tick runs every virtual minute. */
const idsOf = new WeakMap<TargetGroupRecord, GroupIds>();

function groupIds(tg: TargetGroupRecord, lb: LoadBalancerRecord): GroupIds {
  const known = idsOf.get(tg);
  if (known !== undefined && known.lbArn === lb.arn) return known;
  const both = { targetGroupArn: tg.arn, loadBalancerArn: lb.arn };
  const ids: GroupIds = {
    lbArn: lb.arn,
    requests: stableMetric(albMetric('RequestCount', both)),
    requestsOfLb: stableMetric(albMetric('RequestCount', { loadBalancerArn: lb.arn })),
    perTarget: stableMetric(albMetric('RequestCountPerTarget', { targetGroupArn: tg.arn })),
    healthy: stableMetric(albMetric('HealthyHostCount', both)),
    unhealthy: stableMetric(albMetric('UnHealthyHostCount', both)),
    elb5xx: stableMetric(albMetric('HTTPCode_ELB_5XX_Count', { loadBalancerArn: lb.arn })),
  };
  idsOf.set(tg, ids);
  return ids;
}

function publish(ctx: EngineContext): void {
  const { state } = ctx;
  const elb = state.elb;
  if (elb === undefined) return;
  const nowMs = ctx.clock.now;
  const measure = measureLoad(state, nowMs);
  const seen = new Set<TargetGroupRecord>();
  // A load balancer's RequestCount and 5XX add up over its target groups.
  const lbRequests = new Map<LoadBalancerRecord, { ids: GroupIds; requests: number; rejected: number }>();
  for (const m of measure.services) {
    for (const mapping of m.service.loadBalancers) {
      const tg = mapping.targetGroupArn === undefined ? undefined : elb.targetGroups.get(mapping.targetGroupArn);
      if (tg === undefined || seen.has(tg)) continue;
      seen.add(tg);
      const lb = measure.loadBalancerOf.get(tg.arn);
      if (lb === undefined || lb.type !== 'application') continue;
      const ids = groupIds(tg, lb);
      let healthy = 0;
      let unhealthy = 0;
      for (const target of tg.targets.values()) {
        if (target.state === 'healthy') healthy++;
        else if (target.state === 'unhealthy') unhealthy++;
      }
      putDatapoint(state, ids.healthy, 'Count', nowMs, healthy);
      putDatapoint(state, ids.unhealthy, 'Count', nowMs, unhealthy);
      const traffic = m.traffic !== undefined && m.traffic.targetGroup === tg ? m.traffic : undefined;
      if (traffic === undefined) continue;
      putDatapoint(state, ids.requests, 'Count', nowMs, traffic.requests);
      const perTarget = round2(requestCountPerTarget(traffic.requests, healthy));
      putDatapoint(state, ids.perTarget, 'Count', nowMs, perTarget);
      const sum = lbRequests.get(lb) ?? { ids, requests: 0, rejected: 0 };
      sum.requests += traffic.requests;
      sum.rejected += traffic.rejected;
      lbRequests.set(lb, sum);
    }
  }
  for (const { ids, requests, rejected } of lbRequests.values()) {
    putDatapoint(state, ids.requestsOfLb, 'Count', nowMs, requests);
    if (rejected > 0) putDatapoint(state, ids.elb5xx, 'Count', nowMs, rejected);
  }
}

provideMinuteJob('elb-metrics', { phase: 'publish', active: (ctx) => hasActiveService(ctx.state), run: publish });
