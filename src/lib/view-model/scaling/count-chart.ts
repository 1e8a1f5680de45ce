/**
 * A service's desired and running task counts over virtual time (snapshot.serviceCounts, one point
 * a minute, plus the counts now so the lines reach the present), with its scalable target's
 * MinCapacity..MaxCapacity as a band, and its scaling activities (Application Auto Scaling's
 * DescribeScalingActivities: Description, Cause) as marks on the time axis.
 */
import type { ScalableTarget, Service, ServiceScalingActivity, Snapshot } from '../../../../workers/protocol.ts';
import { seriesColor, type ChartPoint, type ChartSeries } from '../capacity/chart.ts';
import { formatVirtualTime } from '../time.ts';
import { scalingChart, type ActivityMark, type ChartBand, type ScalingChart, type ScalingRule } from './chart.ts';

/** How many activities a service marks and lists (newest first). */
export const ACTIVITIES_SHOWN = 8;

export const COUNT_SERIES = {
  running: { label: 'running', color: seriesColor('running') },
  desired: { label: 'desired', color: seriesColor('desired') },
} as const;

/** The service's activities, newest first, as marks for both of its charts. */
export function activityMarks(snapshot: Snapshot, resourceId: string): ActivityMark[] {
  return (snapshot.serviceScalingActivities ?? [])
    .filter((a) => a.ResourceId === resourceId)
    .sort((a, b) => b.startMs - a.startMs)
    .slice(0, ACTIVITIES_SHOWN)
    .map((a: ServiceScalingActivity) => {
      const timeText = formatVirtualTime(a.startMs);
      return {
        key: a.ActivityId,
        t: a.startMs,
        timeText,
        description: a.Description,
        cause: a.Cause,
        status: a.StatusCode,
        label: `Scaling activity at ${timeText} (${a.StatusCode}): ${a.Description} Cause: ${a.Cause}`,
      };
    });
}

function countPoints(snapshot: Snapshot, service: Service, pick: 'desired' | 'running', now: number): ChartPoint[] {
  const series = (snapshot.serviceCounts ?? []).find((s) => s.serviceArn === service.serviceArn);
  const points = (series?.points ?? []).map((p) => ({ t: p.t, v: p[pick] }));
  const last = points.at(-1);
  if (!last || last.t < snapshot.time) points.push({ t: snapshot.time, v: now });
  return points;
}

/**
 * The max capacity is drawn only while it is near the counts (at most twice the highest, or 4):
 * a max of 100 beside 3 tasks would flatten every line. Beyond that the band runs off the top and
 * the legend says where the max is.
 */
export function maxOnChart(max: number, highestCount: number): boolean {
  return max <= Math.max(4, 2 * highestCount);
}

export function countChart(snapshot: Snapshot, service: Service, target: ScalableTarget | undefined, marks: ActivityMark[]): ScalingChart {
  const desired = countPoints(snapshot, service, 'desired', service.desiredCount);
  const running = countPoints(snapshot, service, 'running', service.runningCount);
  const series: ChartSeries[] = [
    { key: 'running', ...COUNT_SERIES.running, step: true, points: running },
    // Drawn last and dashed: running often sits on the same values.
    { key: 'desired', ...COUNT_SERIES.desired, step: true, points: desired },
  ];
  const highest = Math.max(0, ...desired.map((p) => p.v), ...running.map((p) => p.v));
  const rules: ScalingRule[] = [];
  const bands: ChartBand[] = [];
  if (target) {
    const showMax = maxOnChart(target.MaxCapacity, highest);
    rules.push({ key: 'min', kind: 'min', value: target.MinCapacity, label: `min ${target.MinCapacity}` });
    if (showMax) rules.push({ key: 'max', kind: 'max', value: target.MaxCapacity, label: `max ${target.MaxCapacity}` });
    bands.push({ key: 'capacity', y0: target.MinCapacity, y1: showMax ? target.MaxCapacity : Number.POSITIVE_INFINITY, label: `MinCapacity ${target.MinCapacity} to MaxCapacity ${target.MaxCapacity}` });
  }
  const range = target ? ` (min ${target.MinCapacity}, max ${target.MaxCapacity})` : '';
  return scalingChart({
    series,
    rules,
    bands,
    marks,
    now: snapshot.time,
    unit: '',
    yLabel: 'tasks',
    yFloor: 2,
    counts: true,
    summary: `Service ${service.serviceName}: desired ${service.desiredCount}, running ${service.runningCount}${range}${marks.length > 0 ? `; ${marks.length} scaling activit${marks.length === 1 ? 'y' : 'ies'} marked` : ''}.`,
  });
}
