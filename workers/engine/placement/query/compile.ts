/**
 * Turns each comparison into a closure over its prepared argument (a Set for lists, a RegExp for
 * patterns, parsed versions and dates), checked once here so evaluation never parses and never
 * allocates. Each compiled comparison can also say in words why it held or not, for the explainer.
 *
 * Semantics the documentation implies or leaves open (decisions are marked):
 * - attribute:<name> with any operator but !exists matches nothing on an instance without the
 *   attribute: AWS's `attribute:stack != prod` "lists the instances with the custom attribute
 *   stack unless the value is prod" (ECSDG:task-placement-constraints). A value-less attribute
 *   (capability attributes) compares as the empty string (decision).
 * - task:group != x holds when no task of group x runs on the instance, the negation of
 *   task:group == x, as in AWS's anti-affinity example not(task:group == database) (decision:
 *   "some task of another group runs there" is the other reading, and is rarely what anyone wants).
 *   not_in likewise: none of the listed groups runs there.
 * - registeredAt with a date only compares with the UTC day the instance registered on, so
 *   `registeredAt == 2018-06-18` is every instance registered that day; with a time, to the second
 *   (decision: AWS documents the formats, not the precision).
 * - agentConnected compares with true or false (case-insensitive, as Java's Boolean.parseBoolean).
 */
import type { ComparisonNode, OperatorName, QueryNode, QueryValue } from './ast.ts';
import { hasLineTerminator, literalPrefix, translateJavaRegex } from './java-regex.ts';
import { QueryError } from './lexer.ts';
import { QUERY_MESSAGES } from './messages.ts';
import type { QueryTarget, TargetTest } from './target.ts';
import {
  attributeNumber,
  compareAttribute,
  compareVersion,
  parseCount,
  parseQueryDate,
  parseVersion,
  truncateToPrecision,
} from './values.ts';

export interface CompiledComparison {
  readonly node: ComparisonNode;
  readonly test: TargetTest;
  /** Why `test` gave `result` for this target, in one clause. */
  describe(target: QueryTarget, result: boolean): string;
}

export type CompiledNode =
  | { readonly type: 'comparison'; readonly comparison: CompiledComparison }
  | { readonly type: 'not'; readonly operand: CompiledNode }
  | { readonly type: 'and' | 'or'; readonly operands: readonly CompiledNode[] };

type Ordered = 'equals' | 'not_equals' | 'greater_than' | 'greater_than_equal' | 'less_than' | 'less_than_equal';

/** For each ordered operator, its result when the value is [less than, equal to, greater than] the argument. */
const ORDER_RESULT: Readonly<Record<Ordered, readonly [boolean, boolean, boolean]>> = {
  equals: [false, true, false],
  not_equals: [true, false, true],
  greater_than: [false, false, true],
  greater_than_equal: [false, true, true],
  less_than: [true, false, false],
  less_than_equal: [true, true, false],
};

export function compileQuery(node: QueryNode): CompiledNode {
  switch (node.type) {
    case 'comparison':
      return { type: 'comparison', comparison: compileComparison(node) };
    case 'not':
      return { type: 'not', operand: compileQuery(node.operand) };
    default:
      return { type: node.type, operands: node.operands.map(compileQuery) };
  }
}

/** The whole expression as one closure; `and`/`or` stop at the first operand that decides. */
export function buildTest(node: CompiledNode): TargetTest {
  if (node.type === 'comparison') return node.comparison.test;
  if (node.type === 'not') {
    const operand = buildTest(node.operand);
    return (target) => !operand(target);
  }
  const tests = node.operands.map(buildTest);
  const count = tests.length;
  if (node.type === 'and') {
    if (count === 2) {
      const [a, b] = tests as [TargetTest, TargetTest];
      return (target) => a(target) && b(target);
    }
    return (target) => {
      for (let i = 0; i < count; i++) if (!tests[i]!(target)) return false;
      return true;
    };
  }
  if (count === 2) {
    const [a, b] = tests as [TargetTest, TargetTest];
    return (target) => a(target) || b(target);
  }
  return (target) => {
    for (let i = 0; i < count; i++) if (tests[i]!(target)) return true;
    return false;
  };
}

function compileComparison(node: ComparisonNode): CompiledComparison {
  switch (node.subject.kind) {
    case 'attribute':
      return compileAttribute(node);
    case 'ec2InstanceId':
      return comparison(node, instanceIdTest(node), (t) => t.ec2InstanceId);
    case 'agentConnected':
      return compileAgentConnected(node);
    case 'agentVersion': {
      const value = single(node);
      const parts = parseVersion(value.text);
      if (parts === undefined) throw new QueryError(QUERY_MESSAGES.invalidVersion(value.text, value.column), value.column);
      const order = ORDER_RESULT[node.operator as Ordered];
      return comparison(node, (t) => order[compareVersion(t.agentVersion, parts) + 1]!, (t) => t.agentVersion);
    }
    case 'registeredAt': {
      const value = single(node);
      const date = parseQueryDate(value.text);
      if (date === undefined) throw new QueryError(QUERY_MESSAGES.invalidDate(value.text, value.column), value.column);
      const order = ORDER_RESULT[node.operator as Ordered];
      const { precision, ms } = date;
      const test: TargetTest = (t) => {
        const at = truncateToPrecision(t.registeredAtMs, precision);
        // An instance without a valid registration time compares with nothing.
        if (Number.isNaN(at)) return false;
        return order[at === ms ? 1 : at < ms ? 0 : 2]!;
      };
      return comparison(node, test, (t) => formatInstant(t.registeredAtMs));
    }
    case 'runningTasksCount': {
      const value = single(node);
      const count = parseCount(value.text);
      if (count === undefined) throw new QueryError(QUERY_MESSAGES.invalidCount(value.text, value.column), value.column);
      const order = ORDER_RESULT[node.operator as Ordered];
      const test: TargetTest = (t) => {
        const running = t.runningTasksCount;
        return order[running === count ? 1 : running < count ? 0 : 2]!;
      };
      return comparison(node, test, (t) => String(t.runningTasksCount));
    }
    case 'task:group':
      return compileTaskGroup(node);
  }
}

function single(node: ComparisonNode): QueryValue {
  return node.values[0]!;
}

/** A comparison whose explanation is "<subject> is <value>, which <relation> <argument>". */
function comparison(node: ComparisonNode, test: TargetTest, valueOf: (t: QueryTarget) => string): CompiledComparison {
  return {
    node,
    test,
    describe: (target, result) => `${node.subject.text} is ${valueOf(target)}, which ${relation(node, result)}`,
  };
}

/** ==, !=, in, not_in, =~ and !~ over a string value. */
function stringTest(node: ComparisonNode): (value: string) => boolean {
  const op = node.operator;
  if (op === 'in' || op === 'not_in') {
    const set = new Set(node.values.map((v) => v.text));
    return op === 'in' ? (value) => set.has(value) : (value) => !set.has(value);
  }
  const argument = single(node).text;
  if (op === 'matches' || op === 'not_matches') {
    const regExp = compilePattern(single(node));
    return op === 'matches' ? (value) => regExp.test(value) : (value) => !regExp.test(value);
  }
  if (op === 'equals') return (value) => value === argument;
  return (value) => value !== argument;
}

function compilePattern(value: QueryValue): RegExp {
  const translated = translateJavaRegex(value.text);
  if (!translated.ok) {
    const column = value.column + (value.quoted ? 1 : 0) + translated.offset;
    throw new QueryError(QUERY_MESSAGES.invalidPattern(value.text, value.column, translated.message), column);
  }
  return translated.regExp;
}

function compileAttribute(node: ComparisonNode): CompiledComparison {
  const name = node.subject.attributeName;
  const op = node.operator;
  const test = attributeTest(node, name);
  return {
    node,
    test,
    describe(target, result) {
      const value = target.attribute(name);
      if (value === undefined) {
        return op === 'exists' || op === 'not_exists'
          ? `the instance has no attribute ${name}`
          : `the instance has no attribute ${name}, and a missing attribute matches nothing`;
      }
      const shown = value === null ? 'present without a value' : value;
      if (op === 'exists' || op === 'not_exists') return `the instance has the attribute ${name} (${shown})`;
      return `${node.subject.text} is ${shown}, which ${relation(node, result)}`;
    },
  };
}

/**
 * One closure per operator, written out rather than composed from a value test: a call through a
 * shared "value test" would see every pattern and set in the cluster and stop being inlined.
 */
function attributeTest(node: ComparisonNode, name: string): TargetTest {
  const op = node.operator;
  switch (op) {
    case 'exists':
      return (t) => t.attribute(name) !== undefined;
    case 'not_exists':
      return (t) => t.attribute(name) === undefined;
    case 'equals': {
      const argument = single(node).text;
      return (t) => {
        const value = t.attribute(name);
        return value !== undefined && (value ?? '') === argument;
      };
    }
    case 'not_equals': {
      const argument = single(node).text;
      return (t) => {
        const value = t.attribute(name);
        return value !== undefined && (value ?? '') !== argument;
      };
    }
    case 'in':
    case 'not_in': {
      const set = new Set(node.values.map((v) => v.text));
      const wanted = op === 'in';
      return (t) => {
        const value = t.attribute(name);
        return value !== undefined && set.has(value ?? '') === wanted;
      };
    }
    case 'matches':
    case 'not_matches': {
      const regExp = compilePattern(single(node));
      const wanted = op === 'matches';
      const prefix = literalPrefix(single(node).text);
      if (prefix !== undefined) {
        // `t3.*`: a startsWith instead of a RegExp run (the same answer, see literalPrefix).
        const length = prefix.length;
        return (t) => {
          const value = t.attribute(name);
          if (value === undefined) return false;
          const text = value ?? '';
          return (text.startsWith(prefix) && !hasLineTerminator(text, length)) === wanted;
        };
      }
      return (t) => {
        const value = t.attribute(name);
        return value !== undefined && regExp.test(value ?? '') === wanted;
      };
    }
    default: {
      const argument = single(node).text;
      const argumentValue = attributeNumber(argument);
      const order = ORDER_RESULT[op];
      return (t) => {
        const value = t.attribute(name);
        return value !== undefined && order[compareAttribute(value ?? '', argument, argumentValue) + 1]!;
      };
    }
  }
}

/** ec2InstanceId's operators, each its own closure (see attributeTest). */
function instanceIdTest(node: ComparisonNode): TargetTest {
  const op = node.operator;
  if (op === 'in' || op === 'not_in') {
    const set = new Set(node.values.map((v) => v.text));
    const wanted = op === 'in';
    return (t) => set.has(t.ec2InstanceId) === wanted;
  }
  if (op === 'matches' || op === 'not_matches') {
    const regExp = compilePattern(single(node));
    const wanted = op === 'matches';
    return (t) => regExp.test(t.ec2InstanceId) === wanted;
  }
  const argument = single(node).text;
  return op === 'equals' ? (t) => t.ec2InstanceId === argument : (t) => t.ec2InstanceId !== argument;
}

function compileAgentConnected(node: ComparisonNode): CompiledComparison {
  const op = node.operator;
  let valueTest: (value: string) => boolean;
  if (op === 'matches' || op === 'not_matches') valueTest = stringTest(node);
  else {
    for (const value of node.values) {
      if (!/^(true|false)$/i.test(value.text)) throw new QueryError(QUERY_MESSAGES.invalidBoolean(value.text, value.column), value.column);
    }
    const lower = { ...node, values: node.values.map((v) => ({ ...v, text: v.text.toLowerCase() })) };
    valueTest = stringTest(lower);
  }
  // Two possible values: decide both now, so evaluation is one property read.
  const whenConnected = valueTest('true');
  const whenDisconnected = valueTest('false');
  return comparison(node, (t) => (t.agentConnected ? whenConnected : whenDisconnected), (t) => String(t.agentConnected));
}

function compileTaskGroup(node: ComparisonNode): CompiledComparison {
  const groups = node.values.map((v) => v.text);
  const count = groups.length;
  const any = (t: QueryTarget): boolean => {
    for (let i = 0; i < count; i++) if (t.hasTaskInGroup(groups[i]!)) return true;
    return false;
  };
  const first = groups[0]!;
  const test: TargetTest =
    node.operator === 'equals'
      ? (t) => t.hasTaskInGroup(first)
      : node.operator === 'not_equals'
        ? (t) => !t.hasTaskInGroup(first)
        : node.operator === 'in'
          ? any
          : (t) => !any(t);
  return {
    node,
    test,
    describe(target) {
      const running = groups.find((group) => target.hasTaskInGroup(group));
      if (running !== undefined) return `a task of group ${running} runs on the instance`;
      return `no task of group ${groups.join(' or ')} runs on the instance`;
    },
  };
}

const quote = (value: QueryValue): string => (value.quoted ? `'${value.text}'` : value.text);

/** "does not match t3.*", "is less than 1.14.5", "is in [a, b]": the relation that decided. */
function relation(node: ComparisonNode, result: boolean): string {
  const list = `[${node.values.map(quote).join(', ')}]`;
  const argument = node.values[0] === undefined ? '' : quote(node.values[0]);
  const holds = (op: OperatorName): boolean => (op === node.operator ? result : !result);
  switch (node.operator) {
    case 'equals':
    case 'not_equals':
      return holds('equals') ? `equals ${argument}` : `does not equal ${argument}`;
    case 'in':
    case 'not_in':
      return holds('in') ? `is in ${list}` : `is not in ${list}`;
    case 'matches':
    case 'not_matches':
      return holds('matches') ? `matches ${argument}` : `does not match ${argument}`;
    case 'greater_than':
      return result ? `is greater than ${argument}` : `is not greater than ${argument}`;
    case 'greater_than_equal':
      return result ? `is greater than or equal to ${argument}` : `is less than ${argument}`;
    case 'less_than':
      return result ? `is less than ${argument}` : `is not less than ${argument}`;
    case 'less_than_equal':
      return result ? `is less than or equal to ${argument}` : `is greater than ${argument}`;
    default:
      return result ? 'holds' : 'does not hold';
  }
}

/** 2026-01-01T00:00:05Z: AWS's own format, without milliseconds. */
function formatInstant(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
