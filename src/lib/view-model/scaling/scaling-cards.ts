/**
 * The scaling panel's view model, a pure function of a snapshot: one card per service that has a
 * scalable target (Application Auto Scaling) or request traffic, with its numbers (desired,
 * running, min, max, the request rate now), a chart per scaling policy of the metric behind it,
 * a chart of desired versus running, the alarms with their states and reasons, the scheduled
 * actions and the latest activities; and the other active services, which the panel offers to
 * drive (traffic or CPU load) and to give a scaling policy.
 */
import type { ScalableTarget, ScheduledAction, Service, ServiceScalingPolicy, ServiceTraffic, Snapshot } from '../../../../workers/protocol.ts';
import { virtualMsOf } from '../services.ts';
import { takesTraffic } from './traffic.ts';
import { alarmHistoryText } from './alarm-history.ts';
import { clusterNameOf, resourceIdOf } from './service-ids.ts';
import { formatVirtualTime } from '../time.ts';
import { sameTimeAxis, type ActivityMark, type ScalingChart } from './chart.ts';
import { activityMarks, countChart } from './count-chart.ts';
import { formatValue, metricChart, policyAlarms, policyChart, serviceCpuMetric, thresholdText, type TrackedMetric } from './policy-metric.ts';

export interface PolicyRow {
  key: string;
  name: string;
  type: ServiceScalingPolicy['PolicyType'];
  /** `target 70% on ECSServiceAverageCPUUtilization, cooldowns out 300 s / in 300 s` */
  detail: string;
  metric: TrackedMetric | null;
  /** The metric's newest value with its unit (`84.2%`), or null before the first datapoint. */
  current: string | null;
  target: string | null;
  chart: ScalingChart | null;
}

export interface AlarmRow {
  key: string;
  name: string;
  label: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  reason: string;
  /** `AlarmHigh > 70 for 3 of 3 min` */
  threshold: string;
  sinceText: string;
  policyName: string;
  /** When it was in ALARM, as far as the event log goes back: `ALARM +00:04:00 – +00:07:00, +00:12:00 – now`. */
  history: string;
}

export interface ScheduledRow {
  key: string;
  name: string;
  schedule: string;
  /** `min 2, max 10` */
  action: string;
  next: string;
}

export interface ScalingCard {
  key: string;
  serviceArn: string;
  serviceName: string;
  clusterName: string;
  resourceId: string;
  desired: number;
  running: number;
  pending: number;
  target: { min: number; max: number; suspended: string[] } | null;
  /** Requests per second now, and the pattern's type, for a service with traffic. */
  traffic: { requestsPerSecond: number; pattern: string } | null;
  policies: PolicyRow[];
  countChart: ScalingChart;
  /** With no policy yet: the service's CPUUtilization, so the effect of traffic shows before a policy acts on it. */
  loadChart: ScalingChart | null;
  alarms: AlarmRow[];
  scheduled: ScheduledRow[];
  activities: ActivityMark[];
  behindLoadBalancer: boolean;
  /** Everything above in a few sentences, for screen readers. */
  summary: string;
}

const cooldowns = (c: Record<string, unknown>) => `cooldowns out ${String(c.ScaleOutCooldown ?? 300)} s / in ${String(c.ScaleInCooldown ?? 300)} s${c.DisableScaleIn ? ', no scale-in' : ''}`;

function policyDetail(policy: ServiceScalingPolicy, unit: string): string {
  const tt = policy.TargetTrackingScalingPolicyConfiguration;
  if (tt) {
    const predefined = (tt.PredefinedMetricSpecification as { PredefinedMetricType?: string } | undefined)?.PredefinedMetricType;
    const custom = (tt.CustomizedMetricSpecification as { MetricName?: string } | undefined)?.MetricName;
    return `target ${formatValue(Number(tt.TargetValue), unit)} on ${predefined ?? custom ?? 'a metric'}, ${cooldowns(tt)}`;
  }
  const step = policy.StepScalingPolicyConfiguration ?? {};
  const steps = ((step.StepAdjustments as { MetricIntervalLowerBound?: number; MetricIntervalUpperBound?: number; ScalingAdjustment: number }[] | undefined) ?? []).map(
    (s) => `${s.MetricIntervalLowerBound ?? '−∞'}…${s.MetricIntervalUpperBound ?? '+∞'}: ${s.ScalingAdjustment > 0 ? '+' : ''}${s.ScalingAdjustment}`,
  );
  return `steps ${steps.join('; ')} (${String(step.AdjustmentType ?? 'ChangeInCapacity')}), cooldown ${String(step.Cooldown ?? 300)} s`;
}

function policyRow(snapshot: Snapshot, policy: ServiceScalingPolicy, marks: ActivityMark[]): PolicyRow {
  const built = policyChart(snapshot, policy, marks);
  const unit = built?.unit ?? '';
  const target = policy.TargetTrackingScalingPolicyConfiguration?.TargetValue;
  return {
    key: policy.PolicyARN,
    name: policy.PolicyName,
    type: policy.PolicyType,
    detail: policyDetail(policy, unit),
    metric: built?.metric ?? null,
    current: built?.latest === null || built === null ? null : formatValue(built.latest, unit),
    target: typeof target === 'number' ? formatValue(target, unit) : null,
    chart: built?.chart ?? null,
  };
}

function alarmRows(snapshot: Snapshot, policies: ServiceScalingPolicy[]): AlarmRow[] {
  return policies.flatMap((p) =>
    policyAlarms(snapshot, p).map((a) => ({
      key: a.alarm.AlarmArn,
      name: a.alarm.AlarmName,
      label: a.label,
      state: a.alarm.StateValue,
      reason: a.alarm.StateReason,
      threshold: thresholdText(a),
      sinceText: formatVirtualTime(virtualMsOf(a.alarm.StateUpdatedTimestamp)),
      policyName: p.PolicyName,
      history: alarmHistoryText(snapshot, a.alarm),
    })),
  );
}

function scheduledRows(actions: ScheduledAction[]): ScheduledRow[] {
  return actions.map((a) => {
    const { MinCapacity: min, MaxCapacity: max } = a.ScalableTargetAction;
    return {
      key: a.ScheduledActionARN,
      name: a.ScheduledActionName,
      schedule: a.Schedule,
      action: [min === undefined ? '' : `min ${min}`, max === undefined ? '' : `max ${max}`].filter(Boolean).join(', '),
      next: a.nextFireMs === undefined ? 'will not fire again' : `next ${formatVirtualTime(a.nextFireMs)}`,
    };
  });
}

function suspendedOf(target: ScalableTarget): string[] {
  const s = target.SuspendedState;
  return [s.DynamicScalingInSuspended ? 'scale-in' : '', s.DynamicScalingOutSuspended ? 'scale-out' : '', s.ScheduledScalingSuspended ? 'scheduled scaling' : ''].filter(Boolean);
}

function cardSummary(card: Omit<ScalingCard, 'summary'>): string {
  const parts = [`Service ${card.serviceName}: desired ${card.desired}, running ${card.running}${card.target ? `, min ${card.target.min}, max ${card.target.max}` : ', no scalable target'}.`];
  if (card.traffic) parts.push(`Traffic ${formatValue(card.traffic.requestsPerSecond, '')} requests per second (${card.traffic.pattern}).`);
  for (const p of card.policies) parts.push(p.chart?.summary ?? `Policy ${p.name}: ${p.detail}.`);
  const alarming = card.alarms.filter((a) => a.state === 'ALARM').map((a) => a.label);
  if (card.alarms.length > 0) parts.push(alarming.length > 0 ? `In ALARM: ${alarming.join(', ')}.` : 'No alarm in ALARM.');
  const last = card.activities[0];
  if (last) parts.push(`Latest activity at ${last.timeText}: ${last.description}`);
  return parts.join(' ');
}

export function scalingCard(snapshot: Snapshot, service: Service): ScalingCard {
  const resourceId = resourceIdOf(service);
  const target = (snapshot.scalableTargets ?? []).find((t) => t.ResourceId === resourceId);
  const policies = (snapshot.serviceScalingPolicies ?? []).filter((p) => p.ResourceId === resourceId).sort((a, b) => a.PolicyName.localeCompare(b.PolicyName));
  const traffic: ServiceTraffic | undefined = (snapshot.traffic ?? []).find((t) => t.serviceArn === service.serviceArn);
  const marks = activityMarks(snapshot, resourceId);
  const rows = policies.map((p) => policyRow(snapshot, p, marks));
  const load = rows.length === 0 ? metricChart(snapshot, { metric: serviceCpuMetric(clusterNameOf(service), service.serviceName), target: null, alarms: [], marks, subject: `Service ${service.serviceName}` }) : null;
  // Every chart of the card on one time axis, so a mark lines up across them.
  const charts = sameTimeAxis([countChart(snapshot, service, target, marks), ...(load ? [load.chart] : []), ...rows.flatMap((r) => (r.chart ? [r.chart] : []))]);
  let next = load ? 2 : 1;
  const aligned = rows.map((r) => (r.chart ? { ...r, chart: charts[next++]! } : r));
  const card = {
    key: service.serviceArn,
    serviceArn: service.serviceArn,
    serviceName: service.serviceName,
    clusterName: clusterNameOf(service),
    resourceId,
    desired: service.desiredCount,
    running: service.runningCount,
    pending: service.pendingCount,
    target: target ? { min: target.MinCapacity, max: target.MaxCapacity, suspended: suspendedOf(target) } : null,
    traffic: traffic ? { requestsPerSecond: traffic.requestsPerSecond, pattern: String(traffic.pattern.type ?? 'constant') } : null,
    policies: aligned,
    countChart: charts[0]!,
    loadChart: load && load.latest !== null ? charts[1]! : null,
    alarms: alarmRows(snapshot, policies),
    scheduled: scheduledRows((snapshot.scheduledActions ?? []).filter((a) => a.ResourceId === resourceId)),
    activities: marks,
    behindLoadBalancer: takesTraffic(service),
  };
  return { ...card, summary: cardSummary(card) };
}

const live = (s: Service) => s.status === 'ACTIVE';

/** Whether the service has anything to chart: a scalable target, a policy, or traffic. */
export function hasScaling(snapshot: Snapshot, service: Service): boolean {
  const resourceId = resourceIdOf(service);
  return (
    (snapshot.scalableTargets ?? []).some((t) => t.ResourceId === resourceId) ||
    (snapshot.serviceScalingPolicies ?? []).some((p) => p.ResourceId === resourceId) ||
    (snapshot.traffic ?? []).some((t) => t.serviceArn === service.serviceArn)
  );
}

export function scalingCards(snapshot: Snapshot | null): ScalingCard[] {
  if (!snapshot) return [];
  return snapshot.services
    .filter((s) => live(s) && hasScaling(snapshot, s))
    .sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.serviceArn.localeCompare(b.serviceArn))
    .map((s) => scalingCard(snapshot, s));
}

export interface ServiceChoice {
  serviceArn: string;
  /** `demo/web` */
  label: string;
  clusterName: string;
  serviceName: string;
  behindLoadBalancer: boolean;
}

export function serviceChoice(service: Service): ServiceChoice {
  const clusterName = clusterNameOf(service);
  return { serviceArn: service.serviceArn, label: `${clusterName}/${service.serviceName}`, clusterName, serviceName: service.serviceName, behindLoadBalancer: takesTraffic(service) };
}

/** The active services with nothing to chart yet: the panel offers traffic, load and a policy for them. */
export function otherServices(snapshot: Snapshot | null): ServiceChoice[] {
  if (!snapshot) return [];
  return snapshot.services
    .filter((s) => live(s) && !hasScaling(snapshot, s))
    .map(serviceChoice)
    .sort((a, b) => a.label.localeCompare(b.label));
}
