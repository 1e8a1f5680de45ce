/**
 * What a small time chart of the capacity panels draws, as plain rows: series of one-minute
 * points over virtual time, horizontal reference lines (a target), and marks at moments (scaling
 * activities). The view models build these from a snapshot; chart-render.ts only joins them to
 * SVG. Finding a series in `snapshot.metrics` by CloudWatch namespace, name and dimensions is here
 * too, since every chart starts there.
 */
import type { MetricSeries, Snapshot } from '../../../../workers/protocol.ts';

export interface ChartPoint {
  /** Virtual ms. */
  t: number;
  v: number;
}

/**
 * The palette roles of the chart series (scaling and capacity charts, cost bands). Each is a CSS
 * variable `--series-<role>` defined in both palettes of app.css (the light value is the colour the
 * charts always had; the dark one reads at 3:1 or more on the dark panel), so a theme recolours the
 * lines, dots, bands and legend swatches without the view models knowing which theme is on.
 */
export type SeriesRole = 'running' | 'desired' | 'pending' | 'metric' | 'reservation' | 'ec2' | 'fargate' | 'fargate-spot' | 'external';

export type SeriesColor = `var(--series-${SeriesRole})`;

/** The CSS colour of a series role: `var(--series-<role>)`, for a style (not an SVG attribute). */
export function seriesColor(role: SeriesRole): SeriesColor {
  return `var(--series-${role})`;
}

export interface ChartSeries {
  key: string;
  label: string;
  /** The series' palette role as a CSS colour, `var(--series-<role>)` (see seriesColor). */
  color: SeriesColor;
  points: ChartPoint[];
  /** Counts step from minute to minute; a percentage is a line. */
  step: boolean;
}

export interface ChartRule {
  key: string;
  value: number;
  label: string;
}

export interface ChartMark {
  key: string;
  t: number;
  /** The tooltip / accessible text. */
  label: string;
}

export interface ChartModel {
  series: ChartSeries[];
  rules: ChartRule[];
  marks: ChartMark[];
  /** The x domain in virtual ms (at least one minute wide). */
  tStart: number;
  tEnd: number;
  /** The y domain: 0 to yMax (a round number above every point and rule). */
  yMax: number;
  /** The y axis unit: '%' or '' (counts). */
  unit: string;
  /** One sentence saying what the chart shows now, for screen readers. */
  summary: string;
}

/** The series `metricName` of `namespace` whose dimensions are exactly `dimensions`. */
export function findSeries(snapshot: Snapshot | null, namespace: string, metricName: string, dimensions: Record<string, string>): MetricSeries | undefined {
  const wanted = Object.entries(dimensions);
  return snapshot?.metrics?.find(
    (s) =>
      s.Namespace === namespace &&
      s.MetricName === metricName &&
      s.Dimensions.length === wanted.length &&
      wanted.every(([name, value]) => s.Dimensions.some((d) => d.Name === name && d.Value === value)),
  );
}

/** A series' points, with the value now appended so the line reaches the present (counts only). */
export function pointsUpToNow(series: MetricSeries | undefined, now: number, current?: number): ChartPoint[] {
  const points = (series?.points ?? []).map((p) => ({ t: p.t, v: p.v }));
  const last = points.at(-1);
  if (current !== undefined && (!last || last.t < now)) points.push({ t: now, v: current });
  return points;
}

/** A y maximum that clears every value: the next "nice" step (1, 2, 2.5, 5 × 10ⁿ) at or above it. */
export function niceMax(value: number, floor = 1): number {
  const v = Math.max(floor, value);
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= v) return step * power;
  return 10 * power;
}

/** Room above the highest value, so a line at the top is not drawn on the frame. */
const HEADROOM = 1.1;

/** Counts (no unit) top out at a whole number: 2.5 instances → 3. */
function roundFor(unit: string, yMax: number): number {
  return unit === '' ? Math.ceil(yMax) : yMax;
}

/** Assembles a chart: the x domain spans every point and mark (and ends at `now`). */
export function chartModel(parts: { series: ChartSeries[]; rules?: ChartRule[]; marks?: ChartMark[]; now: number; unit: string; yFloor?: number; summary: string }): ChartModel {
  const rules = parts.rules ?? [];
  const marks = parts.marks ?? [];
  const times = [...parts.series.flatMap((s) => s.points.map((p) => p.t)), ...marks.map((m) => m.t)];
  const tEnd = Math.max(parts.now, ...times);
  const tStart = Math.min(tEnd - 60_000, ...times);
  const values = [...parts.series.flatMap((s) => s.points.map((p) => p.v)), ...rules.map((r) => r.value)];
  return { series: parts.series, rules, marks, tStart, tEnd, yMax: roundFor(parts.unit, niceMax(Math.max(0, ...values) * HEADROOM, parts.yFloor ?? 1)), unit: parts.unit, summary: parts.summary };
}
