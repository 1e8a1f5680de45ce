/**
 * The metric behind a service's scaling policy, and its chart. The policy's alarms name it (a
 * target tracking policy's AlarmHigh / AlarmLow, a step policy's alarms — ServiceScalingPolicy.Alarms
 * matched to snapshot.alarms by AlarmName); before its alarms are in the snapshot, a target tracking
 * policy's configuration does (the predefined type through the engine's own mapping,
 * appautoscaling/tracking-alarms.ts, or the customized metric as given). The chart draws that series
 * from snapshot.metrics, the target as a dashed line, each alarm's threshold, the stretches each
 * alarm spent in ALARM, and the service's scaling activities.
 */
import type { MetricAlarm, ServiceScalingPolicy, Snapshot } from '../../../../workers/protocol.ts';
import { predefinedMetric, type PredefinedMetricType } from '../../../../workers/engine/appautoscaling/tracking-alarms.ts';
import { alarmLabel } from '../capacity/asg.ts';
import { findSeries, seriesColor } from '../capacity/chart.ts';
import { alarmSpans } from './alarm-history.ts';
import { mathPoints, queryLabel, returnedQuery, type MathQuery } from './math-series.ts';
import { scalingChart, type ActivityMark, type ScalingChart, type ScalingRule } from './chart.ts';

export interface TrackedMetric {
  namespace: string;
  /** The metric's name; for metric math, the returned query's label (`m1 / m2` without one). */
  metricName: string;
  dimensions: Record<string, string>;
  /** Metric math (AWS's SQS backlog per task): the queries, whose returned series is charted. */
  queries?: MathQuery[];
}

function mathMetric(queries: MathQuery[]): TrackedMetric | null {
  const returned = returnedQuery(queries);
  return returned ? { namespace: '', metricName: queryLabel(returned), dimensions: {}, queries } : null;
}

export interface PolicyAlarm {
  alarm: MetricAlarm;
  /** `AlarmHigh`, `AlarmLow`, or the alarm's own name (a step policy's alarm). */
  label: string;
  /** Whether the alarm asks for more tasks (its threshold is an upper bound). */
  high: boolean;
}

const dims = (list: readonly { Name: string; Value: string }[]): Record<string, string> => Object.fromEntries(list.map((d) => [d.Name, d.Value]));

/** `service/<cluster>/<service>` → its two names. */
export function resourceNames(resourceId: string): { cluster: string; service: string } {
  const [, cluster = '', service = ''] = resourceId.split('/');
  return { cluster, service };
}

/** The policy's alarms as the snapshot has them (those already deleted are left out). */
export function policyAlarms(snapshot: Snapshot, policy: ServiceScalingPolicy): PolicyAlarm[] {
  const byName = new Map((snapshot.alarms ?? []).map((a) => [a.AlarmName, a]));
  return (policy.Alarms ?? []).flatMap((ref) => {
    const alarm = byName.get(ref.AlarmName);
    if (!alarm) return [];
    const high = alarm.ComparisonOperator.startsWith('GreaterThan');
    return [{ alarm, label: alarmLabel(alarm.AlarmName), high }];
  });
}

type Config = Record<string, unknown> | undefined;

function configuredMetric(policy: ServiceScalingPolicy): TrackedMetric | null {
  const config = policy.TargetTrackingScalingPolicyConfiguration as Config;
  const predefined = config?.PredefinedMetricSpecification as { PredefinedMetricType?: string; ResourceLabel?: string } | undefined;
  if (predefined?.PredefinedMetricType) {
    const { cluster, service } = resourceNames(policy.ResourceId);
    const built = predefinedMetric(predefined.PredefinedMetricType as PredefinedMetricType, cluster, service, predefined.ResourceLabel);
    return 'error' in built ? null : { namespace: built.metric.namespace, metricName: built.metric.metricName, dimensions: dims(built.metric.dimensions) };
  }
  const custom = config?.CustomizedMetricSpecification as { Namespace?: string; MetricName?: string; Dimensions?: { Name: string; Value: string }[]; Metrics?: MathQuery[] } | undefined;
  if (Array.isArray(custom?.Metrics)) return mathMetric(custom.Metrics);
  if (custom?.Namespace && custom.MetricName) return { namespace: custom.Namespace, metricName: custom.MetricName, dimensions: dims(custom.Dimensions ?? []) };
  return null;
}

/** The metric the policy scales on: its first alarm's, else its configuration's. */
export function trackedMetric(snapshot: Snapshot, policy: ServiceScalingPolicy): TrackedMetric | null {
  const first = policyAlarms(snapshot, policy)[0]?.alarm;
  if (first?.Metrics) return mathMetric(first.Metrics);
  if (first) return { namespace: first.Namespace, metricName: first.MetricName, dimensions: dims(first.Dimensions) };
  return configuredMetric(policy);
}

export function targetValue(policy: ServiceScalingPolicy): number | null {
  const value = (policy.TargetTrackingScalingPolicyConfiguration as Config)?.TargetValue;
  return typeof value === 'number' ? value : null;
}

/** The unit on the axis and after a number: `%` for utilization; RequestCountPerTarget is a count per minute. */
export function metricUnit(metric: TrackedMetric, seriesUnit?: string): { unit: string; yLabel: string; floor: number } {
  if (metric.queries) return { unit: '', yLabel: metric.metricName, floor: 1 };
  if (seriesUnit === 'Percent' || /Utilization$/.test(metric.metricName)) return { unit: '%', yLabel: `${metric.metricName} (%)`, floor: 100 };
  if (metric.metricName === 'RequestCountPerTarget') return { unit: '', yLabel: 'requests per target per minute', floor: 1 };
  return { unit: '', yLabel: metric.metricName, floor: 1 };
}

const OPERATOR = { GreaterThanOrEqualToThreshold: '≥', GreaterThanThreshold: '>', LessThanThreshold: '<', LessThanOrEqualToThreshold: '≤' } as const;

/** `AlarmHigh > 70 for 3 of 3 min` */
export function thresholdText(a: PolicyAlarm): string {
  const period = a.alarm.Period === 60 ? 'min' : `× ${a.alarm.Period} s`;
  return `${a.label} ${OPERATOR[a.alarm.ComparisonOperator]} ${a.alarm.Threshold} for ${a.alarm.DatapointsToAlarm} of ${a.alarm.EvaluationPeriods} ${period}`;
}

export const METRIC_COLOR = seriesColor('metric');

export interface PolicyChart {
  metric: TrackedMetric;
  chart: ScalingChart;
  /** The newest datapoint, if any. */
  latest: number | null;
  unit: string;
}

export function formatValue(value: number, unit: string): string {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded}${unit}`;
}

/** The chart of a metric: its series, the target and the alarms' thresholds and ALARM stretches. */
export function metricChart(snapshot: Snapshot, parts: { metric: TrackedMetric; target: number | null; alarms: PolicyAlarm[]; marks: ActivityMark[]; subject: string }): PolicyChart {
  const { metric, target, alarms } = parts;
  const series = metric.queries ? undefined : findSeries(snapshot, metric.namespace, metric.metricName, metric.dimensions);
  const { unit, yLabel, floor } = metricUnit(metric, series?.Unit);
  const rules: ScalingRule[] = [
    ...(target === null ? [] : [{ key: 'target', kind: 'target' as const, value: target, label: `target ${formatValue(target, unit)}` }]),
    ...alarms.map((a) => ({ key: a.alarm.AlarmName, kind: a.high ? ('alarm-high' as const) : ('alarm-low' as const), value: a.alarm.Threshold, label: `${a.label} ${OPERATOR[a.alarm.ComparisonOperator]} ${formatValue(a.alarm.Threshold, unit)}` })),
  ];
  const points = metric.queries ? mathPoints(snapshot, metric.queries) : (series?.points ?? []).map((p) => ({ t: p.t, v: p.v }));
  const latest = points.at(-1)?.v ?? null;
  const name = `${metric.metricName}${metric.dimensions.TargetGroup ? ` of ${metric.dimensions.TargetGroup}` : ''}`;
  const states = alarms.map((a) => `${a.label} ${a.alarm.StateValue}`).join(', ');
  const summary =
    `${parts.subject}: ${name} ${latest === null ? 'has no datapoint yet' : `is ${formatValue(latest, unit)}`}` +
    `${target === null ? '' : ` against a target of ${formatValue(target, unit)}`}${states ? `; ${states}` : ''}.`;
  const chart = scalingChart({
    series: [{ key: metric.metricName, label: name, color: METRIC_COLOR, step: false, points }],
    rules,
    marks: parts.marks,
    spans: alarms.flatMap((a) => alarmSpans(snapshot, a.alarm, a.label, a.high ? 'high' : 'low')),
    now: snapshot.time,
    unit,
    yLabel,
    yFloor: floor,
    summary,
  });
  return { metric, chart, latest, unit };
}

/** The chart of the policy's metric, or null when the policy names no metric the sandbox can find. */
export function policyChart(snapshot: Snapshot, policy: ServiceScalingPolicy, marks: ActivityMark[]): PolicyChart | null {
  const metric = trackedMetric(snapshot, policy);
  if (!metric) return null;
  return metricChart(snapshot, { metric, target: targetValue(policy), alarms: policyAlarms(snapshot, policy), marks, subject: `Policy ${policy.PolicyName}` });
}

/** A service's own CPUUtilization (AWS/ECS), charted while it has traffic but no policy yet. */
export function serviceCpuMetric(cluster: string, service: string): TrackedMetric {
  return { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: { ClusterName: cluster, ServiceName: service } };
}
