/**
 * CONTRACT (issue 7): metric math queries, as CloudWatch's PutMetricAlarm `Metrics` and Application
 * Auto Scaling's CustomizedMetricSpecification `Metrics` carry them — e.g. AWS's SQS example,
 * backlog per task = m1 / m2 with m1 = AWS/SQS ApproximateNumberOfMessagesVisible and
 * m2 = ECS/ContainerInsights RunningTaskCount. The SQS owner implements evaluation here
 * (`evaluateMetricMath`), and alarms.ts evaluates an alarm whose `queries` are set through it.
 *
 * What is simulated (Sandbox subset of CloudWatch metric math, documented):
 * - Expressions: numbers (12, 0.5, 1e-3), query Ids, + − * / ^ (power), unary minus, parentheses;
 *   precedence ^ over unary minus over * / over + −, left-associative except ^. Functions (AVG,
 *   SUM, FILL, IF, METRICS(), SEARCH…) are valid CloudWatch but not simulated: refused with that said.
 * - A MetricStat query is its metric's statistic (Stat: Average, Sum, Minimum, Maximum,
 *   SampleCount, pNN) over each period of the one-minute store; a period with no point has no value.
 * - Arithmetic works period by period: where an operand has no value the result has none (CloudWatch
 *   keeps only timestamps present in both series); a division by zero, or any non-finite result,
 *   gives no value (UNCONFIRMED: CloudWatch's handling is not documented in the stored sources).
 * - Rules checked as CloudWatch states them (MetricDataQuery): Id starts with a lower-case letter and
 *   holds letters, digits and underscores (at most 255 characters), unique; exactly one of
 *   Expression and MetricStat; an alarm's (or policy's) queries return exactly one series
 *   (ReturnData true on exactly one; ReturnData defaults to true); at most 10 queries here (the
 *   documented limit for alarms); no query may use itself (directly or through others).
 *   The texts are the sandbox's (AWS's exact ValidationError texts are not in the stored sources).
 */
import type { EngineState } from '../state.ts';
import { computeStat, parseStat, type ParsedStat } from './metric-statistics.ts';
import { seriesOf, type MetricId } from './store.ts';

export interface MetricMathQuery {
  /** Lower-case first letter, unique within the list (CloudWatch's rule). */
  Id: string;
  /** An arithmetic expression over other queries' Ids (e.g. `m1 / m2`); XOR MetricStat. */
  Expression?: string;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Stat: string;
    Unit?: string;
  };
  Label?: string;
  /** Exactly one query returns data (the one the alarm or policy tracks). Default true. */
  ReturnData?: boolean;
}

export const MAX_MATH_QUERIES = 10;
const ID = /^[a-z][A-Za-z0-9_]{0,254}$/;

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

export type MathNode =
  | { kind: 'number'; value: number }
  | { kind: 'id'; id: string }
  | { kind: 'negate'; arg: MathNode }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: MathNode; right: MathNode };

export type MathResult<T> = { ok: true; value: T } | { ok: false; message: string };

type Token = { kind: 'number'; value: number; at: number } | { kind: 'name'; text: string; at: number } | { kind: 'op'; text: string; at: number };

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(text: string): MathResult<Token[]> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const number = NUMBER.exec(rest);
    if (number !== null) {
      tokens.push({ kind: 'number', value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name !== null) {
      tokens.push({ kind: 'name', text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    // "," is read so that a function call is refused by its name, not by its first comma.
    if ('+-*/^(),'.includes(c)) {
      tokens.push({ kind: 'op', text: c, at: i });
      i++;
      continue;
    }
    if (c === '"' || c === '[' || c === '{') return { ok: false, message: `"${c}" at position ${i + 1}: only arithmetic (+ - * / ^, numbers, query Ids, parentheses) is simulated.` };
    return { ok: false, message: `Unexpected character "${c}" at position ${i + 1}.` };
  }
  return { ok: true, value: tokens };
}

/**
 * Parse an expression (never throws). Grammar: sum := product (('+'|'-') product)*;
 * product := unary (('*'|'/') unary)*; unary := '-' unary | power; power := atom ('^' unary)?;
 * atom := number | id | '(' sum ')'.
 */
export function parseMathExpression(text: string): MathResult<MathNode> {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, message: 'The expression is empty.' };
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  const tokens = lexed.value;
  let pos = 0;
  const describe = (t: Token | undefined): string => (t === undefined ? 'the end of the expression' : `"${t.kind === 'number' ? String(t.value) : t.text}" at position ${t.at + 1}`);
  const isOp = (t: Token | undefined, ops: string): t is Token & { kind: 'op' } => t !== undefined && t.kind === 'op' && ops.includes(t.text);
  let failure: string | undefined;
  const fail = (message: string): undefined => {
    failure ??= message;
    return undefined;
  };

  /** One precedence level of left-associative operators over the next level. */
  const leftAssociative =
    (ops: '+-' | '*/', next: () => MathNode | undefined) =>
    (): MathNode | undefined => {
      let left = next();
      while (left !== undefined && isOp(tokens[pos], ops)) {
        const op = (tokens[pos++] as { text: string }).text as '+' | '-' | '*' | '/';
        const right = next();
        if (right === undefined) return undefined;
        left = { kind: 'binary', op, left, right };
      }
      return left;
    };
  const product = leftAssociative('*/', () => unary());
  const sum = leftAssociative('+-', product);
  const unary = (): MathNode | undefined => {
    if (isOp(tokens[pos], '-')) {
      pos++;
      const arg = unary();
      return arg === undefined ? undefined : { kind: 'negate', arg };
    }
    if (isOp(tokens[pos], '+')) {
      pos++;
      return unary();
    }
    return power();
  };
  const power = (): MathNode | undefined => {
    const base = atom();
    if (base === undefined || !isOp(tokens[pos], '^')) return base;
    pos++;
    const exponent = unary();
    return exponent === undefined ? undefined : { kind: 'binary', op: '^', left: base, right: exponent };
  };
  const atom = (): MathNode | undefined => {
    const t = tokens[pos];
    if (t === undefined) return fail('The expression ends where a number, a query Id or "(" was expected.');
    if (t.kind === 'number') {
      pos++;
      return { kind: 'number', value: t.value };
    }
    if (t.kind === 'name') {
      pos++;
      if (isOp(tokens[pos], '(') || /^[A-Z][A-Z_]*$/.test(t.text)) return fail(`${t.text} at position ${t.at + 1}: metric math functions are valid CloudWatch but not simulated by the sandbox; use arithmetic over query Ids.`);
      return { kind: 'id', id: t.text };
    }
    if (isOp(t, '(')) {
      pos++;
      const inner = sum();
      if (inner === undefined) return undefined;
      if (!isOp(tokens[pos], ')')) return fail(`Expected ")" but found ${describe(tokens[pos])}.`);
      pos++;
      return inner;
    }
    return fail(`Expected a number, a query Id or "(" but found ${describe(t)}.`);
  };

  const node = sum();
  if (node === undefined) return { ok: false, message: failure ?? 'The expression is not valid.' };
  if (pos < tokens.length) return { ok: false, message: `Unexpected ${describe(tokens[pos])}: an operator (+ - * / ^) was expected.` };
  return { ok: true, value: node };
}

/** The query Ids an expression uses, in order of first use. */
export function idsOf(node: MathNode, out: string[] = []): string[] {
  switch (node.kind) {
    case 'id':
      if (!out.includes(node.id)) out.push(node.id);
      break;
    case 'negate':
      idsOf(node.arg, out);
      break;
    case 'binary':
      idsOf(node.left, out);
      idsOf(node.right, out);
      break;
  }
  return out;
}

/** One value: undefined when an operand has none or the result is not a finite number. */
export function evaluateNode(node: MathNode, valueOf: (id: string) => number | undefined): number | undefined {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'id':
      return valueOf(node.id);
    case 'negate': {
      const v = evaluateNode(node.arg, valueOf);
      return v === undefined ? undefined : -v;
    }
    case 'binary': {
      const a = evaluateNode(node.left, valueOf);
      if (a === undefined) return undefined;
      const b = evaluateNode(node.right, valueOf);
      if (b === undefined) return undefined;
      const r = node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : node.op === '/' ? (b === 0 ? NaN : a / b) : a ** b;
      return Number.isFinite(r) ? r : undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Query lists
// ---------------------------------------------------------------------------------------------

/** A checked query list, ready to evaluate. */
export interface CompiledMath {
  queries: MetricMathQuery[];
  /** The query whose values the alarm or policy uses. */
  returned: string;
  /** Ids in an order where every query comes after the ones it uses. */
  order: string[];
  expressions: Map<string, MathNode>;
  stats: Map<string, { metric: MetricId; stat: ParsedStat }>;
}

const compiledCache = new WeakMap<readonly MetricMathQuery[], CompiledMath>();

/**
 * Check a Metrics list as PutMetricAlarm / PutScalingPolicy take it (`where` names it in messages,
 * e.g. "Metrics" or "CustomizedMetricSpecification.Metrics"). Never throws.
 */
export function checkMetricMath(raw: unknown, where = 'Metrics'): MathResult<CompiledMath> {
  if (!Array.isArray(raw) || raw.length === 0) return { ok: false, message: `${where} must be a non-empty list of metric queries (Id with MetricStat or Expression).` };
  if (raw.length > MAX_MATH_QUERIES) return { ok: false, message: `${where} has ${raw.length} queries; at most ${MAX_MATH_QUERIES} are allowed.` };
  const queries: MetricMathQuery[] = [];
  const expressions = new Map<string, MathNode>();
  const stats = new Map<string, { metric: MetricId; stat: ParsedStat }>();
  for (let i = 0; i < raw.length; i++) {
    const q = raw[i] as Record<string, unknown>;
    const at = `${where}[${i}]`;
    if (typeof q !== 'object' || q === null || Array.isArray(q)) return { ok: false, message: `${at} must be an object with Id and MetricStat or Expression.` };
    const id = q.Id;
    if (typeof id !== 'string' || !ID.test(id)) return { ok: false, message: `${at}.Id ${JSON.stringify(id)} is invalid: an Id starts with a lower-case letter and holds only letters, digits and underscores.` };
    if (expressions.has(id) || stats.has(id)) return { ok: false, message: `${at}.Id "${id}" is used twice: each query needs its own Id.` };
    if (q.ReturnData !== undefined && typeof q.ReturnData !== 'boolean') return { ok: false, message: `${at}.ReturnData must be true or false.` };
    if (q.Label !== undefined && typeof q.Label !== 'string') return { ok: false, message: `${at}.Label must be a string.` };
    const hasExpression = q.Expression !== undefined;
    const hasStat = q.MetricStat !== undefined;
    if (hasExpression === hasStat) return { ok: false, message: `${at} (${id}) must have exactly one of MetricStat and Expression.` };
    if (hasExpression) {
      if (typeof q.Expression !== 'string') return { ok: false, message: `${at}.Expression must be a string.` };
      const parsed = parseMathExpression(q.Expression);
      if (!parsed.ok) return { ok: false, message: `${at}.Expression "${q.Expression}" (${id}): ${parsed.message}` };
      expressions.set(id, parsed.value);
    } else {
      const stat = checkMetricStat(q.MetricStat, `${at}.MetricStat`);
      if (!stat.ok) return stat;
      stats.set(id, stat.value);
    }
    queries.push(q as unknown as MetricMathQuery);
  }
  for (const [id, node] of expressions) {
    for (const used of idsOf(node)) {
      if (!expressions.has(used) && !stats.has(used)) return { ok: false, message: `Expression of ${id} uses "${used}", which is not the Id of any query in ${where} (${[...expressions.keys(), ...stats.keys()].join(', ')}).` };
    }
  }
  const order = dependencyOrder(expressions, stats);
  if (!order.ok) return order;
  const returning = queries.filter((q) => q.ReturnData !== false);
  if (returning.length !== 1)
    return {
      ok: false,
      message: `Exactly one query in ${where} must return data (ReturnData true, the default), not ${returning.length}${returning.length > 1 ? ` (${returning.map((q) => q.Id).join(', ')}); set ReturnData false on the others` : ''}.`,
    };
  return { ok: true, value: { queries, returned: returning[0]!.Id, order: order.value, expressions, stats } };
}

function checkMetricStat(raw: unknown, at: string): MathResult<{ metric: MetricId; stat: ParsedStat }> {
  if (typeof raw !== 'object' || raw === null) return { ok: false, message: `${at} must be an object with Metric and Stat.` };
  const { Metric, Stat } = raw as Record<string, unknown>;
  if (typeof Metric !== 'object' || Metric === null) return { ok: false, message: `${at}.Metric must give Namespace, MetricName and Dimensions.` };
  const { Namespace, MetricName, Dimensions } = Metric as Record<string, unknown>;
  if (typeof Namespace !== 'string' || Namespace === '') return { ok: false, message: `${at}.Metric.Namespace is required.` };
  if (typeof MetricName !== 'string' || MetricName === '') return { ok: false, message: `${at}.Metric.MetricName is required.` };
  const dims = Dimensions ?? [];
  if (!Array.isArray(dims) || dims.some((d) => typeof d !== 'object' || d === null || typeof d.Name !== 'string' || typeof d.Value !== 'string'))
    return { ok: false, message: `${at}.Metric.Dimensions must be a list of {Name, Value}.` };
  if (typeof Stat !== 'string') return { ok: false, message: `${at}.Stat is required (Average, Sum, Minimum, Maximum, SampleCount or pNN).` };
  const parsed = parseStat(Stat);
  if (parsed.result !== 'valid') return { ok: false, message: `${at}.Stat "${Stat}" ${parsed.result === 'not-simulated' ? 'is valid CloudWatch but not simulated' : 'is not a statistic'}: use Average, Sum, Minimum, Maximum, SampleCount or pNN.` };
  return { ok: true, value: { metric: { namespace: Namespace, metricName: MetricName, dimensions: (dims as { Name: string; Value: string }[]).map((d) => ({ Name: d.Name, Value: d.Value })) }, stat: parsed.parsed } };
}

/** Expressions after what they use; a query that uses itself (through others too) is refused. */
function dependencyOrder(expressions: Map<string, MathNode>, stats: Map<string, unknown>): MathResult<string[]> {
  const order: string[] = [...stats.keys()];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): string | undefined => {
    if (stats.has(id) || state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path, id].join(' → ');
    state.set(id, 'visiting');
    for (const used of idsOf(expressions.get(id)!)) {
      const cycle = visit(used, [...path, id]);
      if (cycle !== undefined) return cycle;
    }
    state.set(id, 'done');
    order.push(id);
    return undefined;
  };
  for (const id of expressions.keys()) {
    const cycle = visit(id, []);
    if (cycle !== undefined) return { ok: false, message: `The expressions use each other in a circle (${cycle}): a query cannot depend on itself.` };
  }
  return { ok: true, value: order };
}

function compiled(queries: readonly MetricMathQuery[]): CompiledMath | undefined {
  const cached = compiledCache.get(queries);
  if (cached !== undefined) return cached;
  const checked = checkMetricMath(queries);
  if (!checked.ok) return undefined;
  compiledCache.set(queries, checked.value);
  return checked.value;
}

// ---------------------------------------------------------------------------------------------
// Evaluation over the store
// ---------------------------------------------------------------------------------------------

export interface MathPeriod {
  /** The period's start + 1 minute (as CloudWatch stamps it; alarms.ts's convention). */
  t: number;
  value: number | undefined;
}

/**
 * The returned query's value over the last `count` periods of `periodSeconds` ending at `nowMs`
 * (the newest period ends with the current minute's point), NEWEST FIRST — the shape alarms.ts's
 * periodsOf gives for a single metric. Queries that do not check give no values.
 */
export function mathPeriods(state: EngineState, queries: readonly MetricMathQuery[], nowMs: number, periodSeconds: number, count: number): MathPeriod[] {
  const math = compiled(queries);
  const periodMs = periodSeconds * 1000;
  const out: MathPeriod[] = [];
  if (math === undefined) {
    for (let p = 0; p < count; p++) out.push({ t: nowMs - (p + 1) * periodMs + 60_000, value: undefined });
    return out;
  }
  // Each MetricStat query's per-period values, newest first.
  const statValues = new Map<string, (number | undefined)[]>();
  for (const [id, { metric, stat }] of math.stats) {
    const series = seriesOf(state, metric);
    const values: (number | undefined)[] = [];
    let index = series === undefined ? -1 : series.t.length - 1;
    let end = nowMs;
    for (let p = 0; p < count; p++) {
      const start = end - periodMs;
      const inPeriod: number[] = [];
      while (series !== undefined && index >= 0 && series.t[index]! > end) index--;
      while (series !== undefined && index >= 0 && series.t[index]! > start) inPeriod.push(series.v[index--]!);
      values.push(inPeriod.length === 0 ? undefined : computeStat(stat, inPeriod));
      end = start;
    }
    statValues.set(id, values);
  }
  for (let p = 0; p < count; p++) {
    const values = new Map<string, number | undefined>();
    for (const id of math.order) {
      const node = math.expressions.get(id);
      values.set(id, node === undefined ? statValues.get(id)![p] : evaluateNode(node, (used) => values.get(used)));
    }
    out.push({ t: nowMs - (p + 1) * periodMs + 60_000, value: values.get(math.returned) });
  }
  return out;
}

/** The returned query's value for the one-minute period ending at `nowMs` (undefined: no datapoint). */
export function evaluateMetricMath(state: EngineState, queries: readonly MetricMathQuery[], nowMs: number, periodSeconds = 60): number | undefined {
  return mathPeriods(state, queries, nowMs, periodSeconds, 1)[0]!.value;
}

/** A short form for messages and the UI: "e1 = m1 / m2 (m1: AWS/SQS ApproximateNumberOfMessagesVisible Sum, …)". */
export function describeMetricMath(queries: readonly MetricMathQuery[]): string {
  const returned = queries.find((q) => q.ReturnData !== false);
  const parts = queries.filter((q) => q !== returned).map((q) => `${q.Id}: ${q.Expression ?? `${q.MetricStat!.Metric.Namespace} ${q.MetricStat!.Metric.MetricName} ${q.MetricStat!.Stat}`}`);
  const head = returned === undefined ? '' : `${returned.Id} = ${returned.Expression ?? `${returned.MetricStat!.Metric.Namespace} ${returned.MetricStat!.Metric.MetricName} ${returned.MetricStat!.Stat}`}`;
  return parts.length === 0 ? head : `${head} (${parts.join('; ')})`;
}
