/**
 * cloudwatch:GetMetricData over the sandbox's metric store (pure: reads the state, never changes it;
 * never throws — every bad input is an AWS-shaped error value); the cloudwatch:GetMetricData action.
 *
 * Request (AWS's shape): MetricDataQueries [{ Id, MetricStat: { Metric: { Namespace, MetricName,
 * Dimensions }, Period, Stat, Unit? }, Label?, ReturnData? }], StartTime, EndTime (ISO strings or
 * epoch seconds, as the CLI sends them; virtual ms 0 = 2026-01-01T00:00:00Z), ScanBy, MaxDatapoints,
 * NextToken. Answer: { MetricDataResults: [{ Id, Label, Timestamps, Values, StatusCode }], Messages }.
 *
 * AWS facts (CloudWatch API Reference GetMetricData / MetricDataQuery / MetricStat):
 * - up to 500 MetricDataQuery structures per call; Id: letters, digits and underscore, first a
 *   lower-case letter, unique within the call; MetricStat XOR Expression;
 * - Period: 1, 5, 10, 30 (high resolution) or any multiple of 60 — the store keeps one-minute points,
 *   so 1/5/10/30 are refused as not simulated;
 * - StartTime is rounded down: < 15 days ago to the minute, 15–63 days to 5 minutes, older to the
 *   hour; EndTime is exclusive; datapoints are stamped with the start of their period, counted from
 *   the (rounded) StartTime;
 * - ScanBy TimestampDescending (default) | TimestampAscending; MaxDatapoints default 100,800, then
 *   StatusCode PartialData and a NextToken;
 * - a period with no data yields no datapoint; a Unit that does not match the metric's yields none.
 * - Expression queries (metric math, metrics/metric-math.ts): arithmetic over other queries' Ids
 *   (+ - * / ^, numbers, parentheses), timestamp by timestamp where every operand has a value (a
 *   division by zero gives none); functions and Metrics Insights are refused as not simulated; an
 *   Id no query has, or expressions using each other in a circle, are refused (sandbox texts).
 * Error texts VERBATIM (real AWS answers quoted in public issues): the Id pattern message, "The values
 * for parameter id in MetricDataQueries are not unique.", the "is not a valid statistic." message,
 * "The parameter StartTime must not equal parameter EndTime." — all ValidationError. UNCONFIRMED
 * (sandbox wording in AWS's pattern): the StartTime-after-EndTime text (GetMetricStatistics' text),
 * the 500-query, Period, Unit, ScanBy, MaxDatapoints, timestamp and NextToken texts.
 */
import { fail, ok, type CommandResult } from '../errors.ts';
import { EPOCH_ISO, isoAt } from '../ids/arn.ts';
import { evaluateNode, idsOf, parseMathExpression, type MathNode } from './metric-math.ts';
import { computeStat, parseStat, type ParsedStat } from './metric-statistics.ts';
import type { MetricsState, MetricId } from './store.ts';
import { metricKey, PERIOD_MS } from './store.ts';

export const MAX_QUERIES = 500;
export const DEFAULT_MAX_DATAPOINTS = 100_800;
const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;
const ID_MAX = 255;
const EPOCH_MS = Date.parse(EPOCH_ISO);
const DAY_MS = 86_400_000;
const HIGH_RESOLUTION_PERIODS: readonly number[] = [1, 5, 10, 30];

/** CloudWatch's StandardUnit values. */
export const STANDARD_UNITS: readonly string[] = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes',
  'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second',
  'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second',
  'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
];

export const GMD_MESSAGES = {
  // VERBATIM
  badId: (id: string, n: number) =>
    `The value ${id} for parameter MetricDataQueries.member.${n}.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.`,
  duplicateIds: () => 'The values for parameter id in MetricDataQueries are not unique.',
  badStat: (stat: string, n: number) => `The value ${stat} for parameter MetricDataQueries.member.${n}.MetricStat.Stat is not a valid statistic.`,
  startEqualsEnd: () => 'The parameter StartTime must not equal parameter EndTime.',
  // UNCONFIRMED (GetMetricStatistics' text for the same mistake)
  startAfterEnd: () => 'The parameter StartTime must be less than the parameter EndTime.',
  // UNCONFIRMED / sandbox, in AWS's pattern
  required: (name: string) => `The parameter ${name} is required.`,
  tooManyQueries: (count: number) =>
    `The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}; it has ${count}.`,
  noQueries: () => 'The parameter MetricDataQueries must contain at least one query.',
  badTimestamp: (name: string, value: unknown) =>
    `The value ${show(value)} for parameter ${name} is not a valid timestamp: use ISO 8601 (2026-01-01T00:05:00Z) or epoch seconds.`,
  statOrExpression: (n: number) =>
    `MetricDataQueries.member.${n} must specify exactly one of MetricStat or Expression.`,
  badExpression: (n: number, detail: string) => `MetricDataQueries.member.${n}.Expression: ${detail}`,
  unknownId: (id: string, used: string) => `The expression of ${id} uses "${used}", which is not the Id of any query in MetricDataQueries.`,
  circular: (path: string) => `The expressions use each other in a circle (${path}): a query cannot depend on itself.`,
  statNotSimulated: (stat: string, n: number) =>
    `The statistic ${stat} (MetricDataQueries.member.${n}.MetricStat.Stat) is valid in AWS but not simulated by the sandbox: use Average, Sum, Minimum, Maximum, SampleCount or pNN.`,
  badPeriod: (period: unknown, n: number) =>
    `The value ${show(period)} for parameter MetricDataQueries.member.${n}.MetricStat.Period is not valid: it must be 1, 5, 10, 30 or a multiple of 60.`,
  highResolution: (period: number, n: number) =>
    `MetricDataQueries.member.${n}.MetricStat.Period ${period}: high-resolution periods are not simulated; the sandbox keeps one-minute points, so use a multiple of 60.`,
  badUnit: (unit: unknown, n: number) =>
    `The value ${show(unit)} for parameter MetricDataQueries.member.${n}.MetricStat.Unit is not a valid unit.`,
  badMetric: (n: number, detail: string) => `MetricDataQueries.member.${n}.MetricStat.Metric: ${detail}`,
  badScanBy: (value: unknown) => `The value ${show(value)} for parameter ScanBy is not valid: use TimestampDescending or TimestampAscending.`,
  badMaxDatapoints: (value: unknown) => `The value ${show(value)} for parameter MaxDatapoints is not valid: a whole number of at least 1.`,
  badNextToken: () => 'The NextToken is invalid: pass back the NextToken of the previous response unchanged.',
} as const;

export interface MetricDataResult {
  Id: string;
  Label: string;
  Timestamps: string[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
}

export interface GetMetricDataResponse {
  MetricDataResults: MetricDataResult[];
  Messages: { Code: string; Value: string }[];
  NextToken?: string;
}

interface CheckedExpression {
  kind: 'expression';
  id: string;
  label: string;
  node: MathNode;
  returnData: boolean;
}

interface CheckedQuery {
  kind: 'stat';
  id: string;
  label: string;
  metric: MetricId;
  periodMs: number;
  stat: ParsedStat;
  unit: string | undefined;
  returnData: boolean;
}

/** A request value as text for a message, whatever it is (never throws). */
function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An AWS timestamp (ISO string, or epoch seconds as number or numeric string) → virtual ms; undefined if not one. */
export function parseTimestamp(value: unknown): number | undefined {
  let epochMs: number;
  if (typeof value === 'number') epochMs = value * 1000;
  else if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) epochMs = Number(value) * 1000;
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) epochMs = Date.parse(value);
  else return undefined;
  if (!Number.isFinite(epochMs)) return undefined;
  const ms = epochMs - EPOCH_MS;
  return Number.isFinite(ms) && Math.abs(ms) < 1e15 ? Math.round(ms) : undefined;
}

/** StartTime as CloudWatch rounds it, by how long ago it is. */
export function roundStartTime(startMs: number, nowMs: number): number {
  const age = nowMs - startMs;
  const step = age > 63 * DAY_MS ? 3_600_000 : age >= 15 * DAY_MS ? 300_000 : PERIOD_MS;
  return Math.floor(startMs / step) * step;
}

function checkMetric(value: unknown, n: number): MetricId | string {
  if (!isRecord(value)) return GMD_MESSAGES.badMetric(n, 'Metric with Namespace and MetricName is required.');
  const { Namespace, MetricName, Dimensions } = value;
  if (typeof Namespace !== 'string' || Namespace.length < 1 || Namespace.length > 255)
    return GMD_MESSAGES.badMetric(n, 'Namespace must be a string of 1-255 characters.');
  if (typeof MetricName !== 'string' || MetricName.length < 1 || MetricName.length > 255)
    return GMD_MESSAGES.badMetric(n, 'MetricName must be a string of 1-255 characters.');
  const dims: { Name: string; Value: string }[] = [];
  if (Dimensions !== undefined) {
    if (!Array.isArray(Dimensions) || Dimensions.length > 30) return GMD_MESSAGES.badMetric(n, 'Dimensions must be a list of at most 30 {Name, Value}.');
    for (const d of Dimensions) {
      if (!isRecord(d) || typeof d.Name !== 'string' || typeof d.Value !== 'string' || d.Name.length < 1 || d.Value.length < 1)
        return GMD_MESSAGES.badMetric(n, 'each dimension must be {Name, Value} with non-empty strings.');
      dims.push({ Name: d.Name, Value: d.Value });
    }
  }
  return { namespace: Namespace, metricName: MetricName, dimensions: dims };
}

function checkQuery(q: unknown, n: number, problems: string[]): CheckedQuery | CheckedExpression | undefined {
  if (!isRecord(q)) {
    problems.push(GMD_MESSAGES.required(`MetricDataQueries.member.${n}.Id`));
    return undefined;
  }
  const before = problems.length;
  const id = q.Id;
  if (typeof id !== 'string') problems.push(GMD_MESSAGES.required(`MetricDataQueries.member.${n}.Id`));
  else if (!ID_PATTERN.test(id) || id.length > ID_MAX) problems.push(GMD_MESSAGES.badId(id, n));
  if (q.Label !== undefined && typeof q.Label !== 'string') problems.push(`MetricDataQueries.member.${n}.Label must be a string.`);
  if (q.ReturnData !== undefined && typeof q.ReturnData !== 'boolean') problems.push(`MetricDataQueries.member.${n}.ReturnData must be true or false.`);
  const hasStat = q.MetricStat !== undefined;
  const hasExpr = q.Expression !== undefined;
  if (hasStat === hasExpr) {
    problems.push(GMD_MESSAGES.statOrExpression(n));
    return undefined;
  }
  if (hasExpr) {
    if (typeof q.Expression !== 'string') {
      problems.push(GMD_MESSAGES.badExpression(n, 'must be a string.'));
      return undefined;
    }
    const parsed = parseMathExpression(q.Expression);
    if (!parsed.ok) problems.push(GMD_MESSAGES.badExpression(n, parsed.message));
    if (problems.length > before || !parsed.ok) return undefined;
    return { kind: 'expression', id: id as string, label: typeof q.Label === 'string' ? q.Label : (id as string), node: parsed.value, returnData: q.ReturnData !== false };
  }
  const ms = q.MetricStat;
  if (!isRecord(ms)) {
    problems.push(GMD_MESSAGES.badMetric(n, 'MetricStat must be {Metric, Period, Stat, Unit?}.'));
    return undefined;
  }
  const metric = checkMetric(ms.Metric, n);
  if (typeof metric === 'string') problems.push(metric);
  const period = ms.Period;
  let periodMs = 0;
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 1 || (!HIGH_RESOLUTION_PERIODS.includes(period) && period % 60 !== 0))
    problems.push(period === undefined ? GMD_MESSAGES.required(`MetricDataQueries.member.${n}.MetricStat.Period`) : GMD_MESSAGES.badPeriod(period, n));
  else if (HIGH_RESOLUTION_PERIODS.includes(period)) problems.push(GMD_MESSAGES.highResolution(period, n));
  else periodMs = period * 1000;
  let stat: ParsedStat | undefined;
  if (typeof ms.Stat !== 'string') problems.push(ms.Stat === undefined ? GMD_MESSAGES.required(`MetricDataQueries.member.${n}.MetricStat.Stat`) : GMD_MESSAGES.badStat(show(ms.Stat), n));
  else {
    const parsed = parseStat(ms.Stat);
    if (parsed.result === 'valid') stat = parsed.parsed;
    else problems.push(parsed.result === 'invalid' ? GMD_MESSAGES.badStat(ms.Stat, n) : GMD_MESSAGES.statNotSimulated(ms.Stat, n));
  }
  if (ms.Unit !== undefined && (typeof ms.Unit !== 'string' || !STANDARD_UNITS.includes(ms.Unit))) problems.push(GMD_MESSAGES.badUnit(ms.Unit, n));
  if (problems.length > before || typeof metric === 'string' || stat === undefined) return undefined;
  return {
    kind: 'stat',
    id: id as string,
    label: typeof q.Label === 'string' ? q.Label : metric.metricName, // default label: the metric's name (UNCONFIRMED)
    metric,
    periodMs,
    stat,
    unit: ms.Unit as string | undefined,
    returnData: q.ReturnData !== false,
  };
}

/** One query's datapoints, oldest first: [period start, value]. Walks the stored points once. */
function datapoints(metrics: MetricsState | undefined, q: CheckedQuery, startMs: number, endMs: number): [number, number][] {
  const series = metrics?.series.get(metricKey(q.metric));
  if (series === undefined) return [];
  if (q.unit !== undefined && q.unit !== series.unit) return [];
  const out: [number, number][] = [];
  let bucket = Number.NaN;
  let values: number[] = [];
  const flush = (): void => {
    if (values.length > 0) out.push([startMs + bucket * q.periodMs, computeStat(q.stat, values)]);
    values = [];
  };
  for (let i = 0; i < series.t.length; i++) {
    const t = series.t[i]!;
    if (t < startMs || t >= endMs) continue;
    const b = Math.floor((t - startMs) / q.periodMs);
    if (b !== bucket) {
      flush();
      bucket = b;
    }
    values.push(series.v[i]!);
  }
  flush();
  return out;
}

const TOKEN_PREFIX = 'gmd-';

/** GetMetricData over `state.metrics` at virtual time `nowMs`. */
export function getMetricData(state: { metrics?: MetricsState }, request: unknown, nowMs: number): CommandResult {
  try {
    return answer(state, request, nowMs);
  } catch (e) {
    // Not expected (fast-checked); a defect still answers as a value, never a throw.
    return fail('InternalFailure', `GetMetricData hit an internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function answer(state: { metrics?: MetricsState }, request: unknown, nowMs: number): CommandResult {
  if (!isRecord(request)) return fail('MissingParameter', GMD_MESSAGES.required('MetricDataQueries'));
  const { MetricDataQueries: queries, StartTime, EndTime, ScanBy, MaxDatapoints, NextToken } = request;
  if (queries === undefined) return fail('MissingParameter', GMD_MESSAGES.required('MetricDataQueries'));
  if (!Array.isArray(queries)) return fail('ValidationError', GMD_MESSAGES.noQueries());
  if (queries.length === 0) return fail('ValidationError', GMD_MESSAGES.noQueries());
  if (queries.length > MAX_QUERIES) return fail('ValidationError', GMD_MESSAGES.tooManyQueries(queries.length));
  if (StartTime === undefined) return fail('MissingParameter', GMD_MESSAGES.required('StartTime'));
  if (EndTime === undefined) return fail('MissingParameter', GMD_MESSAGES.required('EndTime'));
  const start = parseTimestamp(StartTime);
  if (start === undefined) return fail('ValidationError', GMD_MESSAGES.badTimestamp('StartTime', StartTime));
  const end = parseTimestamp(EndTime);
  if (end === undefined) return fail('ValidationError', GMD_MESSAGES.badTimestamp('EndTime', EndTime));
  if (start === end) return fail('ValidationError', GMD_MESSAGES.startEqualsEnd());
  if (start > end) return fail('ValidationError', GMD_MESSAGES.startAfterEnd());
  const scanBy = ScanBy ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') return fail('ValidationError', GMD_MESSAGES.badScanBy(ScanBy));
  const max = MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) return fail('ValidationError', GMD_MESSAGES.badMaxDatapoints(MaxDatapoints));
  let skip = 0;
  if (NextToken !== undefined) {
    const m = typeof NextToken === 'string' ? /^gmd-(\d{1,9})$/.exec(NextToken) : null;
    if (m === null) return fail('InvalidNextToken', GMD_MESSAGES.badNextToken());
    skip = Number(m[1]);
  }

  const problems: string[] = [];
  const checked = queries.map((q, i) => checkQuery(q, i + 1, problems));
  if (problems.length > 0) return fail('ValidationError', problems.join('\n'));
  const all = checked as (CheckedQuery | CheckedExpression)[];
  const ids = new Set(all.map((q) => q.id));
  if (ids.size !== all.length) return fail('ValidationError', GMD_MESSAGES.duplicateIds());
  const order = expressionOrder(all);
  if (typeof order === 'string') return fail('ValidationError', order);

  const startMs = roundStartTime(start, nowMs);
  const endMs = end;
  // Every query's points (returned or not: expressions use them), expressions after what they use.
  const pointsById = new Map<string, [number, number][]>();
  for (const q of all) if (q.kind === 'stat') pointsById.set(q.id, datapoints(state.metrics, q, startMs, endMs));
  for (const q of order) pointsById.set(q.id, expressionPoints(q.node, pointsById));
  const results: MetricDataResult[] = [];
  let seen = 0;
  let returned = 0;
  let cut = false;
  for (const q of all) {
    if (!q.returnData) continue;
    const points = [...pointsById.get(q.id)!];
    if (scanBy === 'TimestampDescending') points.reverse();
    const result: MetricDataResult = { Id: q.id, Label: q.label, Timestamps: [], Values: [], StatusCode: 'Complete' };
    for (const [t, v] of points) {
      seen++;
      if (seen <= skip) continue;
      if (returned >= max) {
        cut = true;
        result.StatusCode = 'PartialData';
        break;
      }
      result.Timestamps.push(isoAt(t));
      result.Values.push(v);
      returned++;
    }
    results.push(result);
  }
  const response: GetMetricDataResponse = { MetricDataResults: results, Messages: [] };
  if (cut) {
    // Every result after the cut is partial too: its points come with the next page.
    let after = false;
    for (const r of results) {
      if (r.StatusCode === 'PartialData') after = true;
      else if (after) r.StatusCode = 'PartialData';
    }
    response.NextToken = `${TOKEN_PREFIX}${skip + returned}`;
  }
  return ok(response);
}

/** Expressions in an order where each comes after the expressions it uses; or the refusal's text. */
function expressionOrder(queries: readonly (CheckedQuery | CheckedExpression)[]): CheckedExpression[] | string {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const order: CheckedExpression[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (q: CheckedExpression, path: string[]): string | undefined => {
    if (state.get(q.id) === 'done') return undefined;
    if (state.get(q.id) === 'visiting') return GMD_MESSAGES.circular([...path, q.id].join(' → '));
    state.set(q.id, 'visiting');
    for (const used of idsOf(q.node)) {
      const dep = byId.get(used);
      if (dep === undefined) return GMD_MESSAGES.unknownId(q.id, used);
      if (dep.kind === 'expression') {
        const problem = visit(dep, [...path, q.id]);
        if (problem !== undefined) return problem;
      }
    }
    state.set(q.id, 'done');
    order.push(q);
    return undefined;
  };
  for (const q of queries) {
    if (q.kind !== 'expression') continue;
    const problem = visit(q, []);
    if (problem !== undefined) return problem;
  }
  return order;
}

/** An expression's points, oldest first: at each timestamp where every query it uses has a value. */
function expressionPoints(node: MathNode, pointsById: ReadonlyMap<string, [number, number][]>): [number, number][] {
  const used = idsOf(node);
  if (used.length === 0) return [];
  const maps = used.map((id) => new Map(pointsById.get(id) ?? []));
  const out: [number, number][] = [];
  for (const [t] of pointsById.get(used[0]!) ?? []) {
    if (!maps.every((m) => m.has(t))) continue;
    const v = evaluateNode(node, (id) => maps[used.indexOf(id)]!.get(t));
    if (v !== undefined) out.push([t, v]);
  }
  return out;
}
