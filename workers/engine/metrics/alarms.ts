/**
 * CloudWatch metric alarms (generic: Auto Scaling policies use them in issue 6, service scaling in
 * issue 7). An alarm watches one metric of the store (metrics/store.ts) over EvaluationPeriods
 * periods of Period seconds (a multiple of 60) with one statistic, and goes ALARM when
 * DatapointsToAlarm of them breach the threshold, OK when so few breach that ALARM is out of
 * reach, INSUFFICIENT_DATA when no period has data (TreatMissingData `missing`, the default).
 * Evaluated each minute in the ticker's 'evaluate' phase; actions run in its 'act' phase.
 *
 * AWS facts (CloudWatch User Guide "Using Amazon CloudWatch alarms", "Alarm actions"):
 * - A new alarm is INSUFFICIENT_DATA, reason "Unchecked: Initial alarm creation".
 * - StateReason texts: "Threshold Crossed: 3 out of the last 3 datapoints [72.5 (07/12/26
 *   03:04:00), …] were greater than the threshold (50.0) (minimum 3 datapoints for OK -> ALARM
 *   transition)." — datapoints newest first, dd/MM/yy HH:mm:ss UTC, numbers as Java prints doubles.
 * - "Alarms invoke actions only when the alarm changes state. The exception is for alarms with
 *   Auto Scaling actions. For Auto Scaling actions, the alarm continues to invoke the action once
 *   per minute that the alarm remains in the new state."
 * - The INSUFFICIENT_DATA reason for an alarm whose periods all lack data is UNCONFIRMED wording.
 */
import type { MetricAlarm } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import type { EngineState } from '../state.ts';
import { isoAt } from '../ids/arn.ts';
import { provideCapacitySnapshot } from '../snapshot-parts.ts';
import { metricsOf, seriesOf, stableMetric, type MetricId } from './store.ts';
import { mathPeriods, type MetricMathQuery } from './metric-math.ts';
import { ensureMinuteTicks, provideMinuteJob } from './minute-tick.ts';

export type AlarmState = MetricAlarm['StateValue'];
export type ComparisonOperator = MetricAlarm['ComparisonOperator'];
export type Statistic = MetricAlarm['Statistic'];

export interface AlarmRecord {
  name: string;
  arn: string;
  description?: string;
  metric: MetricId;
  statistic: Statistic;
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  alarmActions: string[];
  actionsEnabled: boolean;
  state: AlarmState;
  stateReason: string;
  stateUpdatedMs: number;
  /** Set for alarms a scaling policy created and owns (target tracking). */
  ownerArn?: string;
  /** Metric math (PutMetricAlarm `Metrics`, a target tracking policy's CustomizedMetricSpecification `Metrics`): evaluated instead of `metric`. */
  queries?: MetricMathQuery[];
}

declare module './store.ts' {
  interface MetricsState {
    /** CloudWatch alarms by name (metrics/alarms.ts). */
    alarms?: Map<string, AlarmRecord>;
  }
}

export function alarmsOf(state: EngineState): Map<string, AlarmRecord> {
  const metrics = metricsOf(state);
  metrics.alarms ??= new Map();
  return metrics.alarms;
}

export const alarmArn = (name: string): string => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;

export const INITIAL_REASON = 'Unchecked: Initial alarm creation';

/** Create or replace an alarm (PutMetricAlarm replaces an alarm of the same name, keeping nothing of its state). */
export function putAlarm(ctx: EngineContext, fields: Omit<AlarmRecord, 'arn' | 'state' | 'stateReason' | 'stateUpdatedMs'>): AlarmRecord {
  // The alarm's own copy of the metric, its store key computed once (it is read every minute).
  const metric = stableMetric({ namespace: fields.metric.namespace, metricName: fields.metric.metricName, dimensions: fields.metric.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })) });
  const alarm: AlarmRecord = { ...fields, metric, arn: alarmArn(fields.name), state: 'INSUFFICIENT_DATA', stateReason: INITIAL_REASON, stateUpdatedMs: ctx.clock.now };
  alarmsOf(ctx.state).set(alarm.name, alarm);
  ensureMinuteTicks(ctx);
  return alarm;
}

export function deleteAlarm(state: EngineState, name: string): boolean {
  return state.metrics?.alarms?.delete(name) ?? false;
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

interface Period {
  /** The period's start, as CloudWatch stamps a datapoint (its first one-minute point). */
  t: number;
  value: number | undefined;
}

/** The alarm's last EvaluationPeriods periods, newest first, each its statistic over the minutes in it. */
export function periodsOf(state: EngineState, alarm: AlarmRecord, nowMs: number): Period[] {
  // A metric math alarm: the returned query's value per period (each MetricStat with its own Stat).
  if (alarm.queries !== undefined) return mathPeriods(state, alarm.queries, nowMs, alarm.periodSeconds, alarm.evaluationPeriods);
  const count = walkPeriods(state, alarm, nowMs, false);
  const out: Period[] = [];
  for (let p = 0; p < count; p++) out.push({ t: walked.t[p]!, value: walked.has[p] ? walked.v[p]! : undefined });
  return out;
}

/**
 * walkPeriods' answer: period p's stamp in t[p], whether it has data in has[p], its statistic in
 * v[p]. One set of arrays, overwritten by every walk (the minute tick walks every alarm every
 * minute: no allocation per period or per alarm).
 */
const walked: { t: number[]; v: number[]; has: boolean[] } = { t: [], v: [], has: [] };

/**
 * Fills `walked` with the alarm's single-metric periods newest first — t as periodsOf stamps them,
 * v their statistic — and answers how many it filled: all EvaluationPeriods, or with `toFirstValue`
 * up to the first period that has data.
 */
function walkPeriods(state: EngineState, alarm: AlarmRecord, nowMs: number, toFirstValue: boolean): number {
  const series = seriesOf(state, alarm.metric);
  const periodMs = alarm.periodSeconds * 1000;
  let index = series === undefined ? -1 : series.t.length - 1;
  // The newest period ends with the current minute's datapoint.
  let end = nowMs;
  for (let p = 0; p < alarm.evaluationPeriods; p++) {
    const start = end - periodMs;
    while (series !== undefined && index >= 0 && series.t[index]! > end) index--;
    const newest = index;
    while (series !== undefined && index >= 0 && series.t[index]! > start) index--;
    walked.t[p] = start + 60_000;
    // The points in the period are series.v[index + 1 .. newest]: the statistic reads them in place.
    const has = newest !== index;
    walked.has[p] = has;
    walked.v[p] = has ? statisticOver(alarm.statistic, series!.v, index + 1, newest) : 0;
    if (has && toFirstValue) return p + 1;
    end = start;
  }
  return alarm.evaluationPeriods;
}

/** The alarm's newest datapoint (evaluateAlarm's `latest`), reading no further back than it has to. */
export function latestDatapoint(state: EngineState, alarm: AlarmRecord, nowMs: number): number | undefined {
  if (alarm.queries !== undefined) return periodsOf(state, alarm, nowMs).find((p) => p.value !== undefined)?.value;
  const count = walkPeriods(state, alarm, nowMs, true);
  return count > 0 && walked.has[count - 1] ? walked.v[count - 1] : undefined;
}

/**
 * `statistic` over values[from..to] taken newest first (to down to from), without copying them:
 * the sums add in the same order as `statistic` would over the copied list, so the numbers are
 * identical (alarms are evaluated every minute; the copy was a good part of their cost).
 */
function statisticOver(kind: Statistic, values: readonly number[], from: number, to: number): number {
  switch (kind) {
    case 'Minimum': {
      let min = Infinity;
      for (let i = to; i >= from; i--) min = Math.min(min, values[i]!);
      return min;
    }
    case 'Maximum': {
      let max = -Infinity;
      for (let i = to; i >= from; i--) max = Math.max(max, values[i]!);
      return max;
    }
    case 'SampleCount':
      return to - from + 1;
    default: {
      let sum = 0;
      for (let i = to; i >= from; i--) sum += values[i]!;
      return kind === 'Sum' ? sum : sum / (to - from + 1);
    }
  }
}

export function breaches(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

const OPERATOR_WORDS: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** Numbers as Java's Double.toString prints them (CloudWatch's reasons): 50 → "50.0", 72.5 → "72.5". */
export function javaDouble(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** "07/12/26 03:04:00": dd/MM/yy HH:mm:ss in UTC, as CloudWatch's reasons print datapoint times. */
export function reasonTime(ms: number): string {
  const iso = isoAt(ms);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(2, 4)} ${iso.slice(11, 19)}`;
}

export interface Evaluation {
  state: AlarmState;
  reason: string;
  /** The newest datapoint (for step scaling's breach size). */
  latest?: number;
}

/** What the alarm's periods say now. `from` is the current state (named in the reason). */
export function evaluateAlarm(state: EngineState, alarm: AlarmRecord, nowMs: number): Evaluation {
  const periods = periodsOf(state, alarm, nowMs);
  const present = periods.filter((p) => p.value !== undefined) as { t: number; value: number }[];
  const n = alarm.evaluationPeriods;
  const m = alarm.datapointsToAlarm;
  if (present.length === 0) {
    return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: ${n} datapoint${n === 1 ? ' was' : 's were'} unknown.` };
  }
  const breaching = present.filter((p) => breaches(alarm.comparisonOperator, p.value, alarm.threshold));
  const latest = present[0]!.value;
  const words = OPERATOR_WORDS[alarm.comparisonOperator];
  const list = (points: { t: number; value: number }[]) => `[${points.map((p) => `${javaDouble(p.value)} (${reasonTime(p.t)})`).join(', ')}]`;
  // The state now, not when the (lazy) reason is read: the caller may have moved the alarm on by then.
  const from = alarm.state;
  const minimum = (count: number, to: AlarmState) => `(minimum ${count} datapoint${count === 1 ? '' : 's'} for ${from} -> ${to} transition)`;
  if (breaching.length >= m) {
    const verb = breaching.length === 1 ? 'was' : 'were';
    return {
      state: 'ALARM',
      latest,
      // A getter: the text (up to EvaluationPeriods datapoints with their times) is read only when the state changes.
      get reason() {
        return `Threshold Crossed: ${breaching.length} out of the last ${n} datapoint${n === 1 ? '' : 's'} ${list(breaching)} ${verb} ${words} the threshold (${javaDouble(alarm.threshold)}) ${minimum(m, 'ALARM')}.`;
      },
    };
  }
  const notBreaching = present.filter((p) => !breaches(alarm.comparisonOperator, p.value, alarm.threshold));
  // OK once ALARM is out of reach even if every missing period breached.
  if (notBreaching.length > n - m) {
    const needed = n - m + 1;
    const verb = notBreaching.length === 1 ? 'was' : 'were';
    return {
      state: 'OK',
      latest,
      get reason() {
        return `Threshold Crossed: ${notBreaching.length} out of the last ${n} datapoint${n === 1 ? '' : 's'} ${list(notBreaching)} ${verb} not ${words} the threshold (${javaDouble(alarm.threshold)}) ${minimum(needed, 'OK')}.`;
      },
    };
  }
  return { state: alarm.state, reason: alarm.stateReason, latest };
}

export interface AlarmActionHandler {
  /** Whether this handler owns the action ARN (its prefix), and whether the resource exists. */
  owns(arn: string): boolean;
  exists(state: EngineState, arn: string): boolean;
  /** Invoked once per minute while the alarm is in ALARM (Auto Scaling actions), with the alarm's newest datapoint. */
  invoke(ctx: EngineContext, arn: string, alarm: AlarmRecord, latest: number | undefined): void;
}

const actionHandlers = new Map<string, AlarmActionHandler>();
/** Handlers by action ARN as cachedHandlerFor found them; forgotten when a handler is provided. */
const handlerByArn = new Map<string, AlarmActionHandler | undefined>();

/** Auto Scaling policies (issue 6), Application Auto Scaling (issue 7): one handler per owner. */
export function provideAlarmActionHandler(owner: string, handler: AlarmActionHandler): void {
  actionHandlers.set(owner, handler);
  handlerByArn.clear();
}

export function actionHandlerFor(arn: string): AlarmActionHandler | undefined {
  for (const handler of actionHandlers.values()) if (handler.owns(arn)) return handler;
  return undefined;
}

/** actionHandlerFor, remembered per ARN (owning is a property of the ARN's text; the tick asks every minute). */
function cachedHandlerFor(arn: string): AlarmActionHandler | undefined {
  if (handlerByArn.has(arn)) return handlerByArn.get(arn);
  const handler = actionHandlerFor(arn);
  if (handlerByArn.size > 10_000) handlerByArn.clear();
  handlerByArn.set(arn, handler);
  return handler;
}

const latestByAlarm = new WeakMap<AlarmRecord, number | undefined>();

/** verdictOf's `latest` (its answer is the state; the newest datapoint is left here, as evaluateAlarm's `latest`). */
let verdictLatest: number | undefined;

/**
 * evaluateAlarm's state and `latest` without its reason, counting the periods as they are walked
 * (no list of periods, no text): what the minute tick needs for every alarm every minute. The same
 * rules as evaluateAlarm, which the tick still calls for the reason when the state changes.
 */
function verdictOf(state: EngineState, alarm: AlarmRecord, nowMs: number): AlarmState {
  if (alarm.queries !== undefined) {
    const full = evaluateAlarm(state, alarm, nowMs);
    verdictLatest = full.latest;
    return full.state;
  }
  const count = walkPeriods(state, alarm, nowMs, false);
  let present = 0;
  let breaching = 0;
  verdictLatest = undefined;
  for (let p = 0; p < count; p++) {
    if (!walked.has[p]) continue;
    const value = walked.v[p]!;
    if (present++ === 0) verdictLatest = value;
    if (breaches(alarm.comparisonOperator, value, alarm.threshold)) breaching++;
  }
  const n = alarm.evaluationPeriods;
  const m = alarm.datapointsToAlarm;
  if (present === 0) return 'INSUFFICIENT_DATA';
  if (breaching >= m) return 'ALARM';
  if (present - breaching > n - m) return 'OK';
  return alarm.state;
}

function evaluateAll(ctx: EngineContext): void {
  const alarms = ctx.state.metrics?.alarms;
  if (alarms === undefined) return;
  for (const alarm of alarms.values()) {
    const verdict = verdictOf(ctx.state, alarm, ctx.clock.now);
    latestByAlarm.set(alarm, verdictLatest);
    if (verdict === alarm.state) continue;
    const result = evaluateAlarm(ctx.state, alarm, ctx.clock.now);
    const reason = result.reason;
    ctx.emit('cloudwatch.alarm', `Alarm ${alarm.name} went from ${alarm.state} to ${result.state}: ${reason}`, alarm.arn);
    alarm.state = result.state;
    alarm.stateReason = reason;
    alarm.stateUpdatedMs = ctx.clock.now;
  }
}

function runActions(ctx: EngineContext): void {
  const alarms = ctx.state.metrics?.alarms;
  if (alarms === undefined) return;
  // A copy: an action may delete alarms (a policy replaced) while we walk them.
  for (const alarm of [...alarms.values()]) {
    if (alarm.state !== 'ALARM' || !alarm.actionsEnabled || !alarms.has(alarm.name)) continue;
    for (const arn of alarm.alarmActions) cachedHandlerFor(arn)?.invoke(ctx, arn, alarm, latestByAlarm.get(alarm));
  }
}

const hasAlarms = (ctx: EngineContext): boolean => (ctx.state.metrics?.alarms?.size ?? 0) > 0;

provideMinuteJob('alarms', { phase: 'evaluate', active: hasAlarms, run: evaluateAll });
provideMinuteJob('alarm-actions', { phase: 'act', active: hasAlarms, run: runActions });

export function renderAlarm(alarm: AlarmRecord): MetricAlarm {
  return {
    AlarmName: alarm.name,
    AlarmArn: alarm.arn,
    ...(alarm.description === undefined ? {} : { AlarmDescription: alarm.description }),
    StateValue: alarm.state,
    StateReason: alarm.stateReason,
    StateUpdatedTimestamp: isoAt(alarm.stateUpdatedMs),
    Namespace: alarm.metric.namespace,
    MetricName: alarm.metric.metricName,
    Dimensions: alarm.metric.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
    Statistic: alarm.statistic,
    Period: alarm.periodSeconds,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    AlarmActions: [...alarm.alarmActions],
    ActionsEnabled: alarm.actionsEnabled,
    ...(alarm.queries === undefined ? {} : { Metrics: alarm.queries.map((q) => structuredClone(q)) }),
  };
}

provideCapacitySnapshot('alarms', (state) => (state.metrics?.alarms === undefined ? {} : { alarms: [...state.metrics.alarms.values()].map(renderAlarm) }));
