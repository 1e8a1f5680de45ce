/**
 * The Auto Scaling group panel's view model: per group, its size (min / desired / max), its
 * instances by lifecycle state, a chart of GroupDesiredCapacity, GroupPendingInstances and
 * GroupInServiceInstances over virtual time (AWS/AutoScaling, dimension AutoScalingGroupName) with
 * the latest scaling activities as marks (the group's maximum is in its numbers, not on the chart,
 * where it would squash the lines), its scaling policies with the states of their alarms,
 * and the activities as a list (Description and Cause, as DescribeScalingActivities gives them).
 */
import type { AutoScalingActivity, AutoScalingGroup, AutoScalingPolicy, MetricAlarm, Snapshot } from '../../../../workers/protocol.ts';
import { formatVirtualTime } from '../time.ts';
import { chartModel, findSeries, pointsUpToNow, seriesColor, type ChartModel, type ChartSeries } from './chart.ts';

export const ASG_NAMESPACE = 'AWS/AutoScaling';
/** How many activities each group lists (newest first) and marks on its chart. */
export const ACTIVITIES_SHOWN = 5;

/** The three group metrics the chart draws, in drawing order, with their colours. */
export const ASG_SERIES = [
  { metric: 'GroupInServiceInstances', label: 'in service', color: seriesColor('running') },
  { metric: 'GroupPendingInstances', label: 'pending', color: seriesColor('pending') },
  // Drawn last, dashed: in service often runs on the same values.
  { metric: 'GroupDesiredCapacity', label: 'desired', color: seriesColor('desired') },
] as const;

export interface AsgCounts {
  pending: number;
  inService: number;
  terminating: number;
}

export interface AsgPolicyRow {
  key: string;
  name: string;
  type: AutoScalingPolicy['PolicyType'];
  /** e.g. `target 50 on ASGAverageCPUUtilization` or `+1 (ChangeInCapacity), cooldown 300 s`. */
  detail: string;
  /** `label` is the short name on the chip (`AlarmHigh` of a target tracking policy's generated alarm). */
  alarms: { name: string; label: string; state: MetricAlarm['StateValue'] | 'missing'; reason: string }[];
}

export interface AsgActivityRow {
  key: string;
  time: number;
  timeText: string;
  description: string;
  cause: string;
  status: AutoScalingActivity['StatusCode'];
}

export interface AsgCard {
  key: string;
  name: string;
  min: number;
  desired: number;
  max: number;
  counts: AsgCounts;
  /** The capacity provider that manages the group, if any. */
  capacityProviderName: string | null;
  chart: ChartModel;
  /** The group's average CPUUtilization against its target tracking target: the other EC2 scaling style (null for a group a capacity provider scales, or with no CPU metric yet). */
  cpuChart: ChartModel | null;
  policies: AsgPolicyRow[];
  activities: AsgActivityRow[];
  ariaLabel: string;
}

export function asgCounts(group: AutoScalingGroup): AsgCounts {
  const counts: AsgCounts = { pending: 0, inService: 0, terminating: 0 };
  for (const instance of group.Instances ?? []) {
    if (instance.LifecycleState === 'Pending') counts.pending++;
    else if (instance.LifecycleState === 'InService') counts.inService++;
    else if (instance.LifecycleState.startsWith('Terminating')) counts.terminating++;
  }
  return counts;
}

function policyDetail(policy: AutoScalingPolicy): string {
  const tt = policy.TargetTrackingConfiguration;
  if (tt) {
    const metric = tt.PredefinedMetricSpecification?.PredefinedMetricType ?? tt.CustomizedMetricSpecification?.MetricName ?? 'a metric';
    return `target ${tt.TargetValue} on ${metric}${tt.DisableScaleIn ? ', no scale-in' : ''}`;
  }
  const cooldown = policy.Cooldown !== undefined ? `, cooldown ${policy.Cooldown} s` : '';
  if (policy.StepAdjustments?.length) {
    const steps = policy.StepAdjustments.map((s) => `${s.MetricIntervalLowerBound ?? '−∞'}…${s.MetricIntervalUpperBound ?? '+∞'}: ${signed(s.ScalingAdjustment)}`);
    return `steps ${steps.join('; ')} (${policy.AdjustmentType ?? 'ChangeInCapacity'})${cooldown}`;
  }
  return `${signed(policy.ScalingAdjustment ?? 0)} (${policy.AdjustmentType ?? 'ChangeInCapacity'})${cooldown}`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** Target tracking alarms are named `TargetTracking-<group>-AlarmHigh-<uuid>`: the chip says `AlarmHigh`. */
export function alarmLabel(name: string): string {
  return /-(Alarm(?:High|Low))-/.exec(name)?.[1] ?? name;
}

function policyRows(snapshot: Snapshot, groupName: string): AsgPolicyRow[] {
  const alarms = new Map((snapshot.alarms ?? []).map((a) => [a.AlarmName, a]));
  return (snapshot.autoScalingPolicies ?? [])
    .filter((p) => p.AutoScalingGroupName === groupName)
    .map((p) => ({
      key: p.PolicyARN || p.PolicyName,
      name: p.PolicyName,
      type: p.PolicyType,
      detail: policyDetail(p),
      alarms: (p.Alarms ?? []).map((ref) => {
        const alarm = alarms.get(ref.AlarmName);
        return { name: ref.AlarmName, label: alarmLabel(ref.AlarmName), state: alarm?.StateValue ?? 'missing', reason: alarm?.StateReason ?? 'The alarm does not exist.' };
      }),
    }));
}

function activityRows(snapshot: Snapshot, groupName: string): AsgActivityRow[] {
  return (snapshot.scalingActivities ?? [])
    .filter((a) => a.AutoScalingGroupName === groupName)
    .sort((a, b) => b.time - a.time)
    .slice(0, ACTIVITIES_SHOWN)
    .map((a) => ({ key: a.ActivityId, time: a.time, timeText: formatVirtualTime(a.time), description: a.Description, cause: a.Cause, status: a.StatusCode }));
}

function groupChart(snapshot: Snapshot, group: AutoScalingGroup, counts: AsgCounts, activities: AsgActivityRow[]): ChartModel {
  const dims = { AutoScalingGroupName: group.AutoScalingGroupName };
  const now: Record<(typeof ASG_SERIES)[number]['metric'], number> = {
    GroupDesiredCapacity: group.DesiredCapacity,
    GroupPendingInstances: counts.pending,
    GroupInServiceInstances: counts.inService,
  };
  const series: ChartSeries[] = ASG_SERIES.map((s) => ({
    key: s.metric,
    label: s.label,
    color: s.color,
    step: true,
    points: pointsUpToNow(findSeries(snapshot, ASG_NAMESPACE, s.metric, dims), snapshot.time, now[s.metric]),
  }));
  return chartModel({
    series,
    marks: activities.map((a) => ({ key: a.key, t: a.time, label: `${a.timeText} ${a.description}` })),
    now: snapshot.time,
    unit: '',
    summary: `${group.AutoScalingGroupName}: desired ${group.DesiredCapacity}, ${counts.pending} pending, ${counts.inService} in service (max ${group.MaxSize}).`,
  });
}

export const CPU_COLOR = seriesColor('metric');

/** The target of the group's target tracking policy on ASGAverageCPUUtilization, if any. */
function cpuTarget(snapshot: Snapshot, groupName: string): number | null {
  const policy = (snapshot.autoScalingPolicies ?? []).find(
    (p) => p.AutoScalingGroupName === groupName && p.TargetTrackingConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType === 'ASGAverageCPUUtilization',
  );
  return policy?.TargetTrackingConfiguration?.TargetValue ?? null;
}

function cpuChart(snapshot: Snapshot, group: AutoScalingGroup): ChartModel | null {
  if (group.capacityProviderName) return null;
  const series = findSeries(snapshot, 'AWS/EC2', 'CPUUtilization', { AutoScalingGroupName: group.AutoScalingGroupName });
  if (!series || series.points.length === 0) return null;
  const target = cpuTarget(snapshot, group.AutoScalingGroupName);
  const latest = series.points.at(-1)!.v;
  return chartModel({
    series: [{ key: 'CPUUtilization', label: 'average CPU', color: CPU_COLOR, step: false, points: series.points.map((p) => ({ t: p.t, v: p.v })) }],
    rules: target === null ? [] : [{ key: 'target', value: target, label: `target ${target}%` }],
    now: snapshot.time,
    unit: '%',
    yFloor: 100,
    summary: `${group.AutoScalingGroupName}: average CPUUtilization ${Math.round(latest)}%${target === null ? '' : ` against a target of ${target}%`}.`,
  });
}

/** The group's two charts, one above the other, on the same time axis. */
function sharedTimeAxis(chart: ChartModel, cpu: ChartModel | null): { chart: ChartModel; cpuChart: ChartModel | null } {
  if (!cpu) return { chart, cpuChart: null };
  const tStart = Math.min(chart.tStart, cpu.tStart);
  const tEnd = Math.max(chart.tEnd, cpu.tEnd);
  return { chart: { ...chart, tStart, tEnd }, cpuChart: { ...cpu, tStart, tEnd } };
}

export function asgCard(snapshot: Snapshot, group: AutoScalingGroup): AsgCard {
  const counts = asgCounts(group);
  const activities = activityRows(snapshot, group.AutoScalingGroupName);
  const provider = group.capacityProviderName ?? null;
  return {
    key: group.AutoScalingGroupARN || group.AutoScalingGroupName,
    name: group.AutoScalingGroupName,
    min: group.MinSize,
    desired: group.DesiredCapacity,
    max: group.MaxSize,
    counts,
    capacityProviderName: provider,
    ...sharedTimeAxis(groupChart(snapshot, group, counts, activities), cpuChart(snapshot, group)),
    policies: policyRows(snapshot, group.AutoScalingGroupName),
    activities,
    ariaLabel:
      `Auto Scaling group ${group.AutoScalingGroupName}: min ${group.MinSize}, desired ${group.DesiredCapacity}, max ${group.MaxSize}; ` +
      `${counts.pending} Pending, ${counts.inService} InService, ${counts.terminating} Terminating` +
      (provider ? `; managed by capacity provider ${provider}` : ''),
  };
}

/** Groups a capacity provider scales first (they sit next to its reservation card), then by name. */
function providerGroupsFirst(a: AsgCard, b: AsgCard): number {
  const managed = Number(b.capacityProviderName !== null) - Number(a.capacityProviderName !== null);
  return managed || (a.capacityProviderName ?? '').localeCompare(b.capacityProviderName ?? '') || a.name.localeCompare(b.name);
}

export function asgCards(snapshot: Snapshot | null): AsgCard[] {
  if (!snapshot) return [];
  return (snapshot.autoScalingGroups ?? [])
    .filter((g) => g.Status !== 'Delete in progress' || (g.Instances ?? []).length > 0)
    .map((g) => asgCard(snapshot, g))
    .sort(providerGroupsFirst);
}
