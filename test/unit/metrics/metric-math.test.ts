// Proves metric math (metrics/metric-math.ts): the expression parser (precedence, parentheses,
// numbers, errors with positions, functions refused), query-list checks (Ids, MetricStat XOR
// Expression, unknown Ids, cycles, exactly one ReturnData), evaluation per period over the store
// (a missing operand or a division by zero gives no value), AWS's SQS backlog-per-task example
// (m1 / m2), and an alarm with `queries` going ALARM and OK through alarms.ts, with Metrics shown.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkMetricMath,
  describeMetricMath,
  evaluateMetricMath,
  evaluateNode,
  idsOf,
  mathPeriods,
  parseMathExpression,
  type MathNode,
  type MetricMathQuery,
} from '../../../workers/engine/metrics/metric-math.ts';
import { putDatapoint, type MetricId } from '../../../workers/engine/metrics/store.ts';
import { evaluateAlarm, putAlarm, renderAlarm } from '../../../workers/engine/metrics/alarms.ts';
import type { EngineState } from '../../../workers/engine/state.ts';
import type { EngineContext } from '../../../workers/engine/context.ts';

const MIN = 60_000;

function value(text: string, ids: Record<string, number | undefined> = {}): number | undefined {
  const parsed = parseMathExpression(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return evaluateNode(parsed.value, (id) => ids[id]);
}
function parseError(text: string): string {
  const parsed = parseMathExpression(text);
  if (parsed.ok) throw new Error(`parsed: ${text}`);
  return parsed.message;
}

describe('parseMathExpression', () => {
  it('follows arithmetic precedence and parentheses', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('48 / 4 / 2')).toBe(6);
    expect(value('2 ^ 3 ^ 2')).toBe(512);
    expect(value('-2 ^ 2')).toBe(-4);
    expect(value('- (3 - 5)')).toBe(2);
    expect(value('+4')).toBe(4);
    expect(value('1.5e2 + .5')).toBe(150.5);
    expect(value('m1 / m2', { m1: 1500, m2: 10 })).toBe(150);
    expect(value('100 * errors / (requests + 1)', { errors: 5, requests: 99 })).toBe(5);
  });

  it('gives no value for a missing operand, a division by zero or an overflow', () => {
    expect(value('m1 / m2', { m1: 10 })).toBeUndefined();
    expect(value('m1 / m2', { m1: 10, m2: 0 })).toBeUndefined();
    expect(value('0 / 0')).toBeUndefined();
    expect(value('10 ^ 400')).toBeUndefined();
    expect(value('m1 * 0', { m1: undefined })).toBeUndefined();
  });

  it('lists the Ids an expression uses', () => {
    const parsed = parseMathExpression('(m1 + m2) / m1 - e_2');
    expect(parsed.ok && idsOf(parsed.value)).toEqual(['m1', 'm2', 'e_2']);
  });

  it('refuses what it cannot read, saying where', () => {
    expect(parseError('')).toBe('The expression is empty.');
    expect(parseError('m1 /')).toBe('The expression ends where a number, a query Id or "(" was expected.');
    expect(parseError('(m1 + m2')).toBe('Expected ")" but found the end of the expression.');
    expect(parseError('m1 m2')).toBe('Unexpected "m2" at position 4: an operator (+ - * / ^) was expected.');
    expect(parseError('m1 % 2')).toBe('Unexpected character "%" at position 4.');
    expect(parseError('* 3')).toBe('Expected a number, a query Id or "(" but found "*" at position 1.');
    expect(parseError('AVG(m1)')).toBe('AVG at position 1: metric math functions are valid CloudWatch but not simulated by the sandbox; use arithmetic over query Ids.');
    expect(parseError('FILL(m1, 0)')).toMatch(/^FILL at position 1: metric math functions/);
    expect(parseError('METRICS()')).toMatch(/not simulated/);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('m', '1', '2', '.', 'e', '+', '-', '*', '/', '^', '(', ')', ' ', 'A', ',') }), (text) => {
        const parsed = parseMathExpression(text);
        if (parsed.ok) expect(() => evaluateNode(parsed.value, () => 1)).not.toThrow();
        else expect(parsed.message.length).toBeGreaterThan(0);
      }),
    );
  });
});

const SQS_VISIBLE: MetricId = { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ Name: 'QueueName', Value: 'jobs' }] };
const RUNNING: MetricId = {
  namespace: 'ECS/ContainerInsights',
  metricName: 'RunningTaskCount',
  dimensions: [
    { Name: 'ClusterName', Value: 'demo' },
    { Name: 'ServiceName', Value: 'worker' },
  ],
};
const stat = (id: MetricId, s: string) => ({ Metric: { Namespace: id.namespace, MetricName: id.metricName, Dimensions: id.dimensions.map((d) => ({ ...d })) }, Stat: s });

/** AWS's example (Application Auto Scaling User Guide, target tracking with metric math). */
const BACKLOG: MetricMathQuery[] = [
  { Id: 'm1', Label: 'Get the queue size (the number of messages waiting to be processed)', MetricStat: stat(SQS_VISIBLE, 'Sum'), ReturnData: false },
  { Id: 'm2', Label: 'Get the ECS running task count (the number of currently running tasks)', MetricStat: stat(RUNNING, 'Average'), ReturnData: false },
  { Id: 'e1', Label: 'Calculate the backlog per instance', Expression: 'm1 / m2', ReturnData: true },
];

function checkError(raw: unknown): string {
  const r = checkMetricMath(raw);
  if (r.ok) throw new Error('accepted');
  return r.message;
}

describe('checkMetricMath', () => {
  it('accepts AWS’s backlog-per-task example and finds the returned query', () => {
    const r = checkMetricMath(BACKLOG);
    expect(r.ok && r.value.returned).toBe('e1');
    expect(r.ok && r.value.order).toEqual(['m1', 'm2', 'e1']);
    expect(describeMetricMath(BACKLOG)).toBe('e1 = m1 / m2 (m1: AWS/SQS ApproximateNumberOfMessagesVisible Sum; m2: ECS/ContainerInsights RunningTaskCount Average)');
  });

  it('orders expressions after what they use, whatever the list order', () => {
    const r = checkMetricMath([{ Id: 'e2', Expression: 'e1 * 2' }, { Id: 'e1', Expression: 'm1 + 1', ReturnData: false }, { Id: 'm1', MetricStat: stat(SQS_VISIBLE, 'Maximum'), ReturnData: false }]);
    expect(r.ok && r.value.order).toEqual(['m1', 'e1', 'e2']);
  });

  it('refuses bad lists with the reason', () => {
    expect(checkError([])).toBe('Metrics must be a non-empty list of metric queries (Id with MetricStat or Expression).');
    expect(checkError(Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, Expression: '1', ReturnData: i === 0 })))).toBe('Metrics has 11 queries; at most 10 are allowed.');
    expect(checkError([{ Id: 'M1', Expression: '1' }])).toBe('Metrics[0].Id "M1" is invalid: an Id starts with a lower-case letter and holds only letters, digits and underscores.');
    expect(checkError([{ Id: 'm1', Expression: '1' }, { Id: 'm1', Expression: '2', ReturnData: false }])).toBe('Metrics[1].Id "m1" is used twice: each query needs its own Id.');
    expect(checkError([{ Id: 'm1' }])).toBe('Metrics[0] (m1) must have exactly one of MetricStat and Expression.');
    expect(checkError([{ Id: 'm1', Expression: '1', MetricStat: stat(SQS_VISIBLE, 'Sum') }])).toBe('Metrics[0] (m1) must have exactly one of MetricStat and Expression.');
    expect(checkError([{ Id: 'e1', Expression: 'm1 / m3' }, { Id: 'm1', MetricStat: stat(SQS_VISIBLE, 'Sum'), ReturnData: false }])).toBe(
      'Expression of e1 uses "m3", which is not the Id of any query in Metrics (e1, m1).',
    );
    expect(checkError([{ Id: 'e1', Expression: 'm1 /' }])).toBe('Metrics[0].Expression "m1 /" (e1): The expression ends where a number, a query Id or "(" was expected.');
    expect(checkError([{ Id: 'e1', Expression: 'e2 + 1' }, { Id: 'e2', Expression: 'e1 * 2', ReturnData: false }])).toBe(
      'The expressions use each other in a circle (e1 → e2 → e1): a query cannot depend on itself.',
    );
    expect(checkError([{ Id: 'e1', Expression: 'e1 + 1' }])).toMatch(/circle \(e1 → e1\)/);
    expect(checkError(BACKLOG.map((q) => ({ ...q, ReturnData: true })))).toBe('Exactly one query in Metrics must return data (ReturnData true, the default), not 3 (m1, m2, e1); set ReturnData false on the others.');
    expect(checkError(BACKLOG.map((q) => ({ ...q, ReturnData: false })))).toBe('Exactly one query in Metrics must return data (ReturnData true, the default), not 0.');
    expect(checkError([{ Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'X', Dimensions: [] }, Stat: 'Avg' } }])).toBe(
      'Metrics[0].MetricStat.Stat "Avg" is not a statistic: use Average, Sum, Minimum, Maximum, SampleCount or pNN.',
    );
    expect(checkError([{ Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'X', Dimensions: [] }, Stat: 'tm90' } }])).toMatch(/is valid CloudWatch but not simulated/);
    expect(checkError([{ Id: 'm1', MetricStat: { Metric: { MetricName: 'X' }, Stat: 'Sum' } }])).toBe('Metrics[0].MetricStat.Metric.Namespace is required.');
    expect(checkMetricMath([{ Id: 'e1', Expression: 'x' }], 'CustomizedMetricSpecification.Metrics').ok).toBe(false);
    expect(checkError('m1')).toMatch(/^Metrics must be a non-empty list/);
  });
});

function stateWith(points: [MetricId, number, number][]): EngineState {
  const state = {} as EngineState;
  for (const [id, t, v] of points) putDatapoint(state, id, 'Count', t, v);
  return state;
}

describe('evaluation over the store', () => {
  it('is AWS’s worked number: 1,500 messages on 10 tasks is a backlog of 150 per task', () => {
    const state = stateWith([
      [SQS_VISIBLE, 5 * MIN, 1500],
      [RUNNING, 5 * MIN, 10],
    ]);
    expect(evaluateMetricMath(state, BACKLOG, 5 * MIN)).toBe(150);
  });

  it('works period by period, newest first; a minute missing either metric has no value', () => {
    const state = stateWith([
      [SQS_VISIBLE, 1 * MIN, 100],
      [RUNNING, 1 * MIN, 2],
      [SQS_VISIBLE, 2 * MIN, 90],
      // no RunningTaskCount at minute 2
      [SQS_VISIBLE, 3 * MIN, 60],
      [RUNNING, 3 * MIN, 0],
      [SQS_VISIBLE, 4 * MIN, 30],
      [RUNNING, 4 * MIN, 3],
    ]);
    expect(mathPeriods(state, BACKLOG, 4 * MIN, 60, 5)).toEqual([
      { t: 4 * MIN, value: 10 },
      { t: 3 * MIN, value: undefined },
      { t: 2 * MIN, value: undefined },
      { t: 1 * MIN, value: 50 },
      { t: 0, value: undefined },
    ]);
  });

  it('applies each MetricStat’s own statistic over longer periods', () => {
    const state = stateWith([
      [SQS_VISIBLE, 1 * MIN, 10],
      [SQS_VISIBLE, 2 * MIN, 20],
      [RUNNING, 1 * MIN, 1],
      [RUNNING, 2 * MIN, 3],
    ]);
    // Period of 2 minutes: Sum of visible = 30, Average of running = 2.
    expect(evaluateMetricMath(state, BACKLOG, 2 * MIN, 120)).toBe(15);
  });

  it('gives no values for a list that does not check', () => {
    expect(mathPeriods({} as EngineState, [{ Id: 'e1', Expression: 'm9' }], 3 * MIN, 60, 2)).toEqual([
      { t: 3 * MIN, value: undefined },
      { t: 2 * MIN, value: undefined },
    ]);
  });
});

describe('an alarm on metric math (alarms.ts)', () => {
  const ctx = (state: EngineState, now: number) => ({ state, clock: { now, schedule: () => 1, cancel: () => {} }, emit: () => {} }) as unknown as EngineContext;

  it('compares the returned expression with its threshold and shows Metrics', () => {
    const state = stateWith([]);
    const c = ctx(state, 0);
    const alarm = putAlarm(c, {
      name: 'backlog-high',
      metric: SQS_VISIBLE,
      statistic: 'Average',
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: 100,
      comparisonOperator: 'GreaterThanThreshold',
      alarmActions: [],
      actionsEnabled: true,
      queries: BACKLOG,
    });
    expect(evaluateAlarm(state, alarm, 3 * MIN).state).toBe('INSUFFICIENT_DATA');
    for (const [m, visible, running] of [
      [1, 1500, 10],
      [2, 1200, 10],
      [3, 1010, 10],
    ] as const) {
      putDatapoint(state, SQS_VISIBLE, 'Count', m * MIN, visible);
      putDatapoint(state, RUNNING, 'Count', m * MIN, running);
    }
    const high = evaluateAlarm(state, alarm, 3 * MIN);
    expect(high.state).toBe('ALARM');
    expect(high.latest).toBe(101);
    expect(high.reason).toBe(
      'Threshold Crossed: 3 out of the last 3 datapoints [101.0 (01/01/26 00:03:00), 120.0 (01/01/26 00:02:00), 150.0 (01/01/26 00:01:00)] were greater than the threshold (100.0) (minimum 3 datapoints for INSUFFICIENT_DATA -> ALARM transition).',
    );
    putDatapoint(state, SQS_VISIBLE, 'Count', 4 * MIN, 100);
    putDatapoint(state, RUNNING, 'Count', 4 * MIN, 10);
    expect(evaluateAlarm(state, alarm, 4 * MIN)).toMatchObject({ state: 'OK', latest: 10 });
    const shown = renderAlarm(alarm);
    expect(shown.Metrics).toEqual(BACKLOG);
    expect(shown.Metrics).not.toBe(BACKLOG);
  });

  it('an alarm without queries is unchanged (no Metrics)', () => {
    const state = stateWith([[SQS_VISIBLE, MIN, 5]]);
    const alarm = putAlarm(ctx(state, 0), {
      name: 'plain',
      metric: SQS_VISIBLE,
      statistic: 'Maximum',
      periodSeconds: 60,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanThreshold',
      alarmActions: [],
      actionsEnabled: true,
    });
    expect(evaluateAlarm(state, alarm, MIN)).toMatchObject({ state: 'ALARM', latest: 5 });
    expect('Metrics' in renderAlarm(alarm)).toBe(false);
  });
});

// A node type check that the union stays as documented.
const sample: MathNode = { kind: 'binary', op: '^', left: { kind: 'number', value: 2 }, right: { kind: 'negate', arg: { kind: 'id', id: 'm1' } } };
it('evaluates a hand-built tree', () => expect(evaluateNode(sample, () => 1)).toBe(0.5));
