/**
 * The sandbox's CloudWatch: one-minute datapoints per metric, the newest MAX_POINTS of each.
 * A metric is named as CloudWatch names it (namespace, metric name, dimensions); its key is that
 * triple in a canonical string. Publishers put one value per virtual minute (a second put in the
 * same minute replaces the first); readers take the series or its latest points. Alarms
 * (metrics/alarms.ts) and charts read from here.
 */
import type { MetricSeries } from '../../protocol.ts';
import { provideCapacitySnapshot } from '../snapshot-parts.ts';

export const PERIOD_MS = 60_000;
/** Three hours of one-minute points: what the charts show and alarms can look back on. */
export const MAX_POINTS = 180;

export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: readonly { Name: string; Value: string }[];
}

export interface SeriesRecord {
  id: MetricId;
  unit: MetricSeries['Unit'];
  /** Minute starts (virtual ms) and values, oldest first. */
  t: number[];
  v: number[];
}

export interface MetricsState {
  series: Map<string, SeriesRecord>;
  /** The minute ticker's timer while it runs (metrics/minute-tick.ts). */
  tickTimer?: import('../clock.ts').TimerId;
}

export function metricsOf(state: { metrics?: MetricsState }): MetricsState {
  state.metrics ??= { series: new Map() };
  return state.metrics;
}

/**
 * Keys of the MetricIds publishers build once and pass every minute (stableMetric): a put or a read
 * is then one lookup instead of a sort and a string join (a week of the autoscaling benchmark puts
 * over a million datapoints and evaluates alarms every minute).
 */
const stableKeys = new WeakMap<MetricId, string>();

/** The same id, its key computed once: for ids a publisher builds once and reuses (never mutate it afterwards). */
export function stableMetric<T extends MetricId>(id: T): T {
  stableKeys.set(id, computeKey(id));
  return id;
}

export function metricKey(id: MetricId): string {
  return stableKeys.get(id) ?? computeKey(id);
}

function computeKey(id: MetricId): string {
  const dims = [...id.dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  return `${id.namespace}|${id.metricName}|${dims.map((d) => `${d.Name}=${d.Value}`).join(',')}`;
}

/** The start of the minute holding `ms`. */
export function minuteOf(ms: number): number {
  return Math.floor(ms / PERIOD_MS) * PERIOD_MS;
}

/** Record `value` for the minute holding `atMs` (replacing a value already put for that minute). */
export function putDatapoint(state: { metrics?: MetricsState }, id: MetricId, unit: MetricSeries['Unit'], atMs: number, value: number): void {
  const metrics = metricsOf(state);
  const key = metricKey(id);
  let series = metrics.series.get(key);
  if (series === undefined) {
    series = { id: { namespace: id.namespace, metricName: id.metricName, dimensions: [...id.dimensions] }, unit, t: [], v: [] };
    metrics.series.set(key, series);
  }
  const t = minuteOf(atMs);
  const last = series.t.length - 1;
  if (last >= 0 && series.t[last] === t) {
    series.v[last] = value;
    return;
  }
  series.t.push(t);
  series.v.push(value);
  // At most one over (one point a put): shift, which allocates nothing, unlike splice.
  while (series.t.length > MAX_POINTS) {
    series.t.shift();
    series.v.shift();
  }
}

export function seriesOf(state: { metrics?: MetricsState }, id: MetricId): SeriesRecord | undefined {
  return state.metrics?.series.get(metricKey(id));
}

/** The newest `count` values (oldest first), fewer when the series is shorter. */
export function latestValues(state: { metrics?: MetricsState }, id: MetricId, count: number): number[] {
  const series = seriesOf(state, id);
  if (series === undefined) return [];
  return series.v.slice(Math.max(0, series.v.length - count));
}

/** Drop a metric (its resource is gone). */
export function dropSeries(state: { metrics?: MetricsState }, id: MetricId): void {
  state.metrics?.series.delete(metricKey(id));
}

export function renderMetrics(state: { metrics?: MetricsState }): MetricSeries[] {
  const out: MetricSeries[] = [];
  for (const s of state.metrics?.series.values() ?? []) {
    out.push({
      Namespace: s.id.namespace,
      MetricName: s.id.metricName,
      Dimensions: s.id.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
      Unit: s.unit,
      points: s.t.map((t, i) => ({ t, v: s.v[i]! })),
    });
  }
  return out;
}

provideCapacitySnapshot('metrics', (state) => (state.metrics === undefined ? {} : { metrics: renderMetrics(state) }));
