// Proves cloudwatch:GetMetricData over the one-minute store: 5-minute aggregations computed by hand
// for every statistic, StartTime rounding and alignment, the exclusive EndTime, ScanBy order,
// MaxDatapoints pagination, Unit filtering, ReturnData, every refusal with its text, and that no
// input makes it throw or change the state (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getMetricData, GMD_MESSAGES, parseTimestamp, roundStartTime } from '../../../workers/engine/metrics/get-metric-data.ts';
import { computeStat, parseStat } from '../../../workers/engine/metrics/metric-statistics.ts';
import { putDatapoint, type MetricsState, type MetricId } from '../../../workers/engine/metrics/store.ts';

const MIN = 60_000;
const CPU: MetricId = { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: [{ Name: 'ClusterName', Value: 'c' }, { Name: 'ServiceName', Value: 'web' }] };
const metric = { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'ServiceName', Value: 'web' }, { Name: 'ClusterName', Value: 'c' }] };
const iso = (minute: number): string => new Date(Date.parse('2026-01-01T00:00:00Z') + minute * MIN).toISOString();

/** Minutes 0..9 hold 1..10 (minute m holds m + 1). */
function tenMinutes(): { metrics?: MetricsState } {
  const state: { metrics?: MetricsState } = {};
  for (let m = 0; m < 10; m++) putDatapoint(state, CPU, 'Percent', m * MIN, m + 1);
  return state;
}

const query = (Stat: string, extra: Record<string, unknown> = {}) => ({ Id: 'm1', MetricStat: { Metric: metric, Period: 300, Stat }, ...extra });
const request = (queries: unknown[], extra: Record<string, unknown> = {}) => ({ MetricDataQueries: queries, StartTime: iso(0), EndTime: iso(10), ...extra });

function results(state: { metrics?: MetricsState }, req: unknown, nowMs = 10 * MIN) {
  const r = getMetricData(state, req, nowMs);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.response as { MetricDataResults: { Id: string; Label: string; Timestamps: string[]; Values: number[]; StatusCode: string }[]; Messages: unknown[]; NextToken?: string };
}

function refusal(req: unknown, nowMs = 10 * MIN) {
  const r = getMetricData(tenMinutes(), req, nowMs);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('aggregation over 5-minute periods (minutes 1..5 and 6..10 by hand)', () => {
  const cases: [string, [number, number]][] = [
    ['Average', [3, 8]],
    ['Sum', [15, 40]],
    ['Minimum', [1, 6]],
    ['Maximum', [5, 10]],
    ['SampleCount', [5, 5]],
    ['p50', [3, 8]],
    ['p80', [4, 9]],
    ['p100', [5, 10]],
  ];
  for (const [stat, [first, second]] of cases) {
    it(`${stat}: ${first} then ${second}, newest first by default`, () => {
      const out = results(tenMinutes(), request([query(stat)]));
      expect(out.Messages).toEqual([]);
      expect(out.MetricDataResults).toEqual([
        { Id: 'm1', Label: 'CPUUtilization', Timestamps: [iso(5), iso(0)], Values: [second, first], StatusCode: 'Complete' },
      ]);
    });
  }
  it('TimestampAscending lists oldest first', () => {
    const out = results(tenMinutes(), request([query('Average')], { ScanBy: 'TimestampAscending' }));
    expect(out.MetricDataResults[0]).toMatchObject({ Timestamps: [iso(0), iso(5)], Values: [3, 8] });
  });
  it('periods count from StartTime rounded down to the minute: 00:02:30 → periods at 00:02 and 00:07', () => {
    const out = results(tenMinutes(), request([query('Average')], { StartTime: '2026-01-01T00:02:30Z', ScanBy: 'TimestampAscending' }));
    // [00:02, 00:07) holds 3..7 → 5; [00:07, 00:10) holds 8..10 → 9.
    expect(out.MetricDataResults[0]).toMatchObject({ Timestamps: [iso(2), iso(7)], Values: [5, 9] });
  });
  it('EndTime is exclusive; a one-minute period returns each stored point', () => {
    const out = results(tenMinutes(), request([{ Id: 'a', MetricStat: { Metric: metric, Period: 60, Stat: 'Average' } }], { EndTime: iso(3), ScanBy: 'TimestampAscending' }));
    expect(out.MetricDataResults[0]).toMatchObject({ Timestamps: [iso(0), iso(1), iso(2)], Values: [1, 2, 3] });
  });
  it('periods without data yield no datapoint; SampleCount counts minutes with data', () => {
    const state: { metrics?: MetricsState } = {};
    for (const m of [0, 1, 12, 13, 14]) putDatapoint(state, CPU, 'Percent', m * MIN, 10);
    const out = results(state, request([query('SampleCount')], { EndTime: iso(15), ScanBy: 'TimestampAscending' }), 15 * MIN);
    expect(out.MetricDataResults[0]).toMatchObject({ Timestamps: [iso(0), iso(10)], Values: [2, 3] });
  });
  it('takes epoch seconds (number or numeric string) as the CLI sends them', () => {
    const start = Date.parse('2026-01-01T00:00:00Z') / 1000;
    const out = results(tenMinutes(), request([query('Sum')], { StartTime: start, EndTime: String(start + 600) }));
    expect(out.MetricDataResults[0]!.Values).toEqual([40, 15]);
  });
  it('dimension order does not matter; an unknown metric returns an empty, complete result', () => {
    const out = results(tenMinutes(), request([query('Average'), { Id: 'other', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'MemoryUtilization' }, Period: 60, Stat: 'Average' } }]));
    expect(out.MetricDataResults[1]).toEqual({ Id: 'other', Label: 'MemoryUtilization', Timestamps: [], Values: [], StatusCode: 'Complete' });
  });
  it('Unit filters: the metric’s own unit matches, another returns nothing', () => {
    const withUnit = (Unit: string) => ({ Id: 'm1', MetricStat: { Metric: metric, Period: 300, Stat: 'Average', Unit } });
    expect(results(tenMinutes(), request([withUnit('Percent')])).MetricDataResults[0]!.Values).toEqual([8, 3]);
    expect(results(tenMinutes(), request([withUnit('Count')])).MetricDataResults[0]!.Values).toEqual([]);
  });
  it('Label is kept; ReturnData false leaves the query out', () => {
    const out = results(tenMinutes(), request([query('Average', { Label: 'web CPU' }), { ...query('Sum'), Id: 'hidden', ReturnData: false }]));
    expect(out.MetricDataResults.map((r) => [r.Id, r.Label])).toEqual([['m1', 'web CPU']]);
  });
});

describe('MaxDatapoints and NextToken', () => {
  it('cuts after MaxDatapoints with PartialData and a token that returns the rest', () => {
    const queries = [query('Average'), { ...query('Sum'), Id: 'm2' }];
    const first = results(tenMinutes(), request(queries, { MaxDatapoints: 3 }));
    expect(first.MetricDataResults.map((r) => [r.Id, r.Values, r.StatusCode])).toEqual([
      ['m1', [8, 3], 'Complete'],
      ['m2', [40], 'PartialData'],
    ]);
    expect(first.NextToken).toBeDefined();
    const second = results(tenMinutes(), request(queries, { MaxDatapoints: 3, NextToken: first.NextToken }));
    expect(second.MetricDataResults.map((r) => [r.Id, r.Values, r.StatusCode])).toEqual([
      ['m1', [], 'Complete'],
      ['m2', [15], 'Complete'],
    ]);
    expect(second.NextToken).toBeUndefined();
  });
  it('without MaxDatapoints everything comes in one page', () => {
    expect(results(tenMinutes(), request([query('Average')])).NextToken).toBeUndefined();
  });
});

describe('StartTime rounding by age', () => {
  it('to the minute under 15 days, 5 minutes from 15 to 63 days, the hour beyond', () => {
    const day = 86_400_000;
    const t = 3 * 3_600_000 + 7 * MIN + 31_000; // 03:07:31
    expect(roundStartTime(t, t + day)).toBe(3 * 3_600_000 + 7 * MIN);
    expect(roundStartTime(t, t + 20 * day)).toBe(3 * 3_600_000 + 5 * MIN);
    expect(roundStartTime(t, t + 70 * day)).toBe(3 * 3_600_000);
  });
  it('parses timestamps to virtual ms and rejects non-timestamps', () => {
    expect(parseTimestamp('2026-01-01T00:05:00Z')).toBe(5 * MIN);
    expect(parseTimestamp(Date.parse('2026-01-01T00:05:00Z') / 1000)).toBe(5 * MIN);
    for (const bad of ['yesterday', '', null, {}, Number.NaN, Infinity, '1e400']) expect(parseTimestamp(bad)).toBeUndefined();
  });
});

describe('refusals (ValidationError unless said)', () => {
  it('an Id must start with a lower-case letter (AWS’s text, every bad member listed)', () => {
    const e = refusal(request([{ ...query('Average'), Id: '5xx_errors' }, { ...query('Sum'), Id: 'Upper' }]));
    expect(e).toEqual({ code: 'ValidationError', message: `${GMD_MESSAGES.badId('5xx_errors', 1)}\n${GMD_MESSAGES.badId('Upper', 2)}` });
    expect(e.message).toContain('The value 5xx_errors for parameter MetricDataQueries.member.1.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.');
  });
  it('duplicate Ids', () => {
    expect(refusal(request([query('Average'), query('Sum')]))).toEqual({ code: 'ValidationError', message: 'The values for parameter id in MetricDataQueries are not unique.' });
  });
  it('at most 500 queries, at least one', () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ ...query('Average'), Id: `q${i}` }));
    expect(refusal(request(many))).toEqual({ code: 'ValidationError', message: GMD_MESSAGES.tooManyQueries(501) });
    const five = Array.from({ length: 500 }, (_, i) => ({ ...query('Average'), Id: `q${i}` }));
    expect(getMetricData(tenMinutes(), request(five), 10 * MIN).ok).toBe(true);
    expect(refusal(request([])).message).toBe(GMD_MESSAGES.noQueries());
  });
  it('Period must be a multiple of 60; high-resolution periods are not simulated', () => {
    for (const Period of [90, 0, -60, 61.5, '300']) {
      expect(refusal(request([{ Id: 'a', MetricStat: { Metric: metric, Period, Stat: 'Average' } }]))).toEqual({ code: 'ValidationError', message: GMD_MESSAGES.badPeriod(Period, 1) });
    }
    expect(refusal(request([{ Id: 'a', MetricStat: { Metric: metric, Period: 10, Stat: 'Average' } }])).message).toBe(GMD_MESSAGES.highResolution(10, 1));
  });
  it('StartTime before EndTime; equal times get AWS’s own text', () => {
    expect(refusal(request([query('Average')], { StartTime: iso(5), EndTime: iso(5) }))).toEqual({ code: 'ValidationError', message: 'The parameter StartTime must not equal parameter EndTime.' });
    expect(refusal(request([query('Average')], { StartTime: iso(6), EndTime: iso(5) }))).toEqual({ code: 'ValidationError', message: 'The parameter StartTime must be less than the parameter EndTime.' });
  });
  it('statistics: unknown ones are invalid (AWS’s text), other extended statistics not simulated', () => {
    expect(refusal(request([query('Min')]))).toEqual({ code: 'ValidationError', message: 'The value Min for parameter MetricDataQueries.member.1.MetricStat.Stat is not a valid statistic.' });
    expect(refusal(request([query('p101')])).message).toBe(GMD_MESSAGES.badStat('p101', 1));
    expect(refusal(request([query('tm90')])).message).toBe(GMD_MESSAGES.statNotSimulated('tm90', 1));
    expect(refusal(request([query('IQR')])).message).toBe(GMD_MESSAGES.statNotSimulated('IQR', 1));
  });
  it('metric math functions are refused as not simulated, bad expressions with the reason; MetricStat and Expression together, or neither, are refused', () => {
    expect(refusal(request([{ Id: 'e1', Expression: 'SUM(METRICS())' }])).message).toBe(
      GMD_MESSAGES.badExpression(1, 'SUM at position 1: metric math functions are valid CloudWatch but not simulated by the sandbox; use arithmetic over query Ids.'),
    );
    expect(refusal(request([query('Average', { ReturnData: false }), { Id: 'e1', Expression: 'm1 *' }])).message).toBe(
      'MetricDataQueries.member.2.Expression: The expression ends where a number, a query Id or "(" was expected.',
    );
    expect(refusal(request([query('Average'), { Id: 'e1', Expression: 'm2 * 2' }])).message).toBe('The expression of e1 uses "m2", which is not the Id of any query in MetricDataQueries.');
    expect(refusal(request([{ Id: 'e1', Expression: 'e2 + 1' }, { Id: 'e2', Expression: 'e1 - 1' }])).message).toBe(
      'The expressions use each other in a circle (e1 → e2 → e1): a query cannot depend on itself.',
    );
    expect(refusal(request([{ ...query('Average'), Expression: 'm1 * 2' }])).message).toBe(GMD_MESSAGES.statOrExpression(1));
    expect(refusal(request([{ Id: 'a' }])).message).toBe(GMD_MESSAGES.statOrExpression(1));
  });
  it('expressions: arithmetic over other queries, timestamp by timestamp, where every operand has a value', () => {
    const state = tenMinutes();
    const other: MetricId = { namespace: 'Sandbox/Test', metricName: 'Tasks', dimensions: [] };
    // Tasks only in minutes 0..4 (the first 5-minute period): 2 each minute; 0 at minute 5 (a division by zero).
    for (let m = 0; m < 5; m++) putDatapoint(state, other, 'Count', m * MIN, 2);
    putDatapoint(state, other, 'Count', 5 * MIN, 0);
    const out = results(
      state,
      request([
        query('Sum', { ReturnData: false }),
        { Id: 'm2', MetricStat: { Metric: { Namespace: 'Sandbox/Test', MetricName: 'Tasks' }, Period: 300, Stat: 'Average' }, ReturnData: false },
        { Id: 'e1', Expression: 'm1 / m2', Label: 'per task' },
        { Id: 'e2', Expression: '(e1 + 0.5) * 2' },
      ]),
    );
    // Period 1: Sum 15, Average 2 → 7.5; period 2: Sum 40, Average 0 → no value.
    expect(out.MetricDataResults).toEqual([
      { Id: 'e1', Label: 'per task', Timestamps: [iso(0)], Values: [7.5], StatusCode: 'Complete' },
      { Id: 'e2', Label: 'e2', Timestamps: [iso(0)], Values: [16], StatusCode: 'Complete' },
    ]);
    const scaled = results(tenMinutes(), request([query('Average', { ReturnData: false }), { Id: 'pct', Expression: 'm1 * 10' }]));
    expect(scaled.MetricDataResults[0]).toMatchObject({ Id: 'pct', Timestamps: [iso(5), iso(0)], Values: [80, 30] });
  });
  it('missing or malformed parameters', () => {
    expect(refusal({ StartTime: iso(0), EndTime: iso(1) })).toEqual({ code: 'MissingParameter', message: 'The parameter MetricDataQueries is required.' });
    expect(refusal({ MetricDataQueries: [query('Average')], EndTime: iso(1) }).code).toBe('MissingParameter');
    expect(refusal(request([query('Average')], { StartTime: 'soon' })).message).toBe(GMD_MESSAGES.badTimestamp('StartTime', 'soon'));
    expect(refusal(request([query('Average')], { ScanBy: 'Newest' })).message).toBe(GMD_MESSAGES.badScanBy('Newest'));
    expect(refusal(request([query('Average')], { MaxDatapoints: 0 })).message).toBe(GMD_MESSAGES.badMaxDatapoints(0));
    expect(refusal(request([query('Average')], { NextToken: 'abc' })).code).toBe('InvalidNextToken');
    expect(refusal(request([{ Id: 'a', MetricStat: { Metric: metric, Period: 60, Stat: 'Average', Unit: 'Furlongs' } }])).message).toBe(GMD_MESSAGES.badUnit('Furlongs', 1));
    expect(refusal(request([{ Id: 'a', MetricStat: { Metric: { MetricName: 'x' }, Period: 60, Stat: 'Average' } }])).message).toMatch(/Namespace/);
    expect(refusal(null).code).toBe('MissingParameter');
  });
});

describe('statistics helpers', () => {
  it('parses basic, percentile and other extended statistics', () => {
    expect(parseStat('Average')).toEqual({ result: 'valid', parsed: { kind: 'basic', stat: 'Average' } });
    expect(parseStat('p99.9')).toEqual({ result: 'valid', parsed: { kind: 'percentile', p: 99.9 } });
    expect(parseStat('average').result).toBe('invalid');
    expect(parseStat('wm99').result).toBe('not-simulated');
  });
  it('nearest-rank percentile over the minute values', () => {
    expect(computeStat({ kind: 'percentile', p: 0 }, [4, 1, 3])).toBe(1);
    expect(computeStat({ kind: 'percentile', p: 34 }, [4, 1, 3])).toBe(3);
  });
});

describe('never throws, never changes the state (fast-check)', () => {
  it('answers every input with a value', () => {
    const seed = Date.now() % 100_000;
    console.log(`get-metric-data fast-check seed ${seed}`);
    const state = tenMinutes();
    const before = JSON.stringify([...state.metrics!.series.entries()]);
    const queryArb = fc.oneof(
      fc.anything({ withNullPrototype: true }),
      fc.record({
        Id: fc.oneof(fc.constantFrom('m1', 'a_1', 'Bad', '1x'), fc.string()),
        MetricStat: fc.oneof(fc.anything({ withNullPrototype: true }), fc.record({ Metric: fc.oneof(fc.constant(metric), fc.anything({ withNullPrototype: true })), Period: fc.oneof(fc.constantFrom(60, 300, 90, 1), fc.anything({ withNullPrototype: true })), Stat: fc.oneof(fc.constantFrom('Average', 'p90', 'Sum', 'tm9'), fc.string()) }, { requiredKeys: [] })),
        Expression: fc.option(fc.string(), { nil: undefined }),
        ReturnData: fc.option(fc.anything({ withNullPrototype: true }), { nil: undefined }),
      }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.anything({ withNullPrototype: true }), fc.record({
          MetricDataQueries: fc.oneof(fc.array(queryArb, { maxLength: 4 }), fc.anything({ withNullPrototype: true })),
          StartTime: fc.oneof(fc.constantFrom(iso(0), iso(3)), fc.integer(), fc.anything({ withNullPrototype: true })),
          EndTime: fc.oneof(fc.constantFrom(iso(10), iso(3)), fc.double(), fc.anything({ withNullPrototype: true })),
          ScanBy: fc.option(fc.anything({ withNullPrototype: true }), { nil: undefined }),
          MaxDatapoints: fc.option(fc.oneof(fc.integer(), fc.anything({ withNullPrototype: true })), { nil: undefined }),
          NextToken: fc.option(fc.oneof(fc.constant('gmd-1'), fc.anything({ withNullPrototype: true })), { nil: undefined }),
        }, { requiredKeys: [] })),
        fc.integer({ min: -1e12, max: 1e12 }),
        (req, now) => {
          const r = getMetricData(state, req, now);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) {
            expect(typeof r.error.message).toBe('string');
            expect(r.error.code).not.toBe('InternalFailure');
          }
        },
      ),
      { seed, numRuns: 400 },
    );
    expect(JSON.stringify([...state.metrics!.series.entries()])).toBe(before);
  });
});
