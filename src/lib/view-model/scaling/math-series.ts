/**
 * The series a metric math query list returns (a target tracking policy's CustomizedMetricSpecification
 * `Metrics`, or its alarms' `Metrics` — e.g. AWS's SQS backlog per task, m1 / m2), computed minute by
 * minute from the snapshot's one-minute series with the engine's own expression parser and
 * evaluator (workers/engine/metrics/metric-math.ts), so the chart shows what the alarm compares.
 * A minute where an operand has no point has no value, as the engine says. Each MetricStat query
 * reads its metric's one-minute value (the store keeps one figure a minute, whatever the Stat).
 */
import type { MetricAlarm, Snapshot } from '../../../../workers/protocol.ts';
import { evaluateNode, parseMathExpression, type MathNode } from '../../../../workers/engine/metrics/metric-math.ts';
import { findSeries, type ChartPoint } from '../capacity/chart.ts';

export type MathQuery = NonNullable<MetricAlarm['Metrics']>[number];

/** The query whose values are tracked: the one with ReturnData true (or not given). */
export function returnedQuery(queries: readonly MathQuery[]): MathQuery | undefined {
  const returning = queries.filter((q) => q.ReturnData !== false);
  return returning.length === 1 ? returning[0] : undefined;
}

/** `Calculate the backlog per task` (its Label), else `m1 / m2`, else the metric's name. */
export function queryLabel(query: MathQuery): string {
  return query.Label ?? query.Expression ?? query.MetricStat?.Metric.MetricName ?? query.Id;
}

export function mathPoints(snapshot: Snapshot, queries: readonly MathQuery[]): ChartPoint[] {
  const byId = new Map(queries.map((q) => [q.Id, q]));
  const parsed = new Map<string, MathNode | null>();
  const stats = new Map<string, Map<number, number>>();
  const times = new Set<number>();

  const statValues = (query: MathQuery): Map<number, number> => {
    let values = stats.get(query.Id);
    if (!values) {
      const metric = query.MetricStat!.Metric;
      const dims = Object.fromEntries(metric.Dimensions.map((d) => [d.Name, d.Value]));
      values = new Map((findSeries(snapshot, metric.Namespace, metric.MetricName, dims)?.points ?? []).map((p) => [p.t, p.v]));
      stats.set(query.Id, values);
    }
    return values;
  };
  const node = (query: MathQuery): MathNode | null => {
    if (!parsed.has(query.Id)) {
      const result = parseMathExpression(query.Expression ?? '');
      parsed.set(query.Id, result.ok ? result.value : null);
    }
    return parsed.get(query.Id)!;
  };
  /** A query's value at minute `t`; `depth` stops a query list that refers to itself. */
  const valueAt = (id: string, t: number, depth: number): number | undefined => {
    const query = byId.get(id);
    if (!query || depth > queries.length) return undefined;
    if (query.MetricStat) return statValues(query).get(t);
    const expression = node(query);
    return expression ? evaluateNode(expression, (other) => valueAt(other, t, depth + 1)) : undefined;
  };

  const returned = returnedQuery(queries);
  if (!returned) return [];
  for (const q of queries) if (q.MetricStat) for (const t of statValues(q).keys()) times.add(t);
  const points: ChartPoint[] = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    const v = valueAt(returned.Id, t, 0);
    if (v !== undefined) points.push({ t, v });
  }
  return points;
}
