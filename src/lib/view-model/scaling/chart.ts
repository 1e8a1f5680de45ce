/**
 * What a scaling chart draws, as plain rows: the capacity panels' ChartModel (series, reference
 * rules, marks at moments) plus what a scaling chart needs on top — horizontal bands (a scalable
 * target's min..max capacity), time spans (an alarm in ALARM), an axis title with the unit, and
 * marks that carry a scaling activity's Description and Cause for the tooltip. Built by the view
 * models of this folder from a snapshot; src/components/scaling/scaling-chart-render.ts only joins
 * these rows to SVG.
 */
import { chartModel, type ChartMark, type ChartModel, type ChartRule, type ChartSeries } from '../capacity/chart.ts';

/** A reference line: the policy's target, an alarm's threshold, the min or max capacity. */
export interface ScalingRule extends ChartRule {
  kind: 'target' | 'alarm-high' | 'alarm-low' | 'min' | 'max';
}

/** A horizontal band between two values (min..max capacity). */
export interface ChartBand {
  key: string;
  y0: number;
  y1: number;
  label: string;
}

/** A stretch of time (virtual ms) shaded on the chart: an alarm in ALARM. */
export interface ChartSpan {
  key: string;
  t0: number;
  t1: number;
  tone: 'high' | 'low';
  label: string;
}

/** A scaling activity on the time axis; `label` is the whole accessible sentence. */
export interface ActivityMark extends ChartMark {
  timeText: string;
  description: string;
  cause: string;
  status: string;
}

export interface ScalingChart extends Omit<ChartModel, 'rules' | 'marks'> {
  rules: ScalingRule[];
  marks: ActivityMark[];
  bands: ChartBand[];
  spans: ChartSpan[];
  /** The y axis title, with the unit: `CPUUtilization (%)`, `tasks`. */
  yLabel: string;
}

export function scalingChart(parts: {
  series: ChartSeries[];
  rules?: ScalingRule[];
  marks?: ActivityMark[];
  bands?: ChartBand[];
  spans?: ChartSpan[];
  now: number;
  unit: string;
  yLabel: string;
  yFloor?: number;
  /** Task counts: a whole-number axis just above the highest count (10 tasks → 12, not 20). */
  counts?: boolean;
  summary: string;
}): ScalingChart {
  const rules = parts.rules ?? [];
  const marks = parts.marks ?? [];
  const base = chartModel({ series: parts.series, rules, marks, now: parts.now, unit: parts.unit, summary: parts.summary, ...(parts.yFloor === undefined ? {} : { yFloor: parts.yFloor }) });
  // A utilization that stays within 100 % keeps a 0–100 % axis: CPU pinned at 100 % would otherwise
  // get headroom up to 200 % and look half as busy.
  const highest = Math.max(0, ...parts.series.flatMap((s) => s.points.map((p) => p.v)), ...rules.map((r) => r.value));
  const yMax = parts.counts ? countAxisMax(highest, parts.yFloor ?? 1) : parts.unit === '%' && highest <= 100 ? 100 : base.yMax;
  return { ...base, yMax, rules, marks, bands: parts.bands ?? [], spans: parts.spans ?? [], yLabel: parts.yLabel };
}

/** A count axis with room for one more task up to 10, then about 10 % more, on an even number. */
export function countAxisMax(highest: number, floor: number): number {
  const top = highest < 10 ? highest + 1 : Math.ceil((highest * 1.1) / 2) * 2;
  return Math.max(floor, Math.ceil(top));
}

/** The charts of one service on one time axis: the widest domain of them all. */
export function sameTimeAxis<C extends { tStart: number; tEnd: number }>(charts: C[]): C[] {
  if (charts.length === 0) return charts;
  const tStart = Math.min(...charts.map((c) => c.tStart));
  const tEnd = Math.max(...charts.map((c) => c.tEnd));
  return charts.map((c) => ({ ...c, tStart, tEnd }));
}
