/**
 * checkObjective: validates an objective as written in a scenario file BEFORE anything runs, and
 * turns it into the checked form (types.ts). Never throws; every problem comes back with the JSON
 * pointer of its node (the scenario parser maps pointers to line and column), all at once.
 */
import { parseDuration } from '../../engine/duration.ts';
import { closestMatch } from '../../engine/text.ts';
import { describeValue } from '../messages.ts';
import { toPointer, type PathSegment } from '../pointer.ts';
import { collectionNamed, COLLECTION_ALIASES, COLLECTION_NAMES, COLLECTIONS, isList, isObject, topFieldNames, topFieldType, type Collection, type FieldType } from './catalog.ts';
import { CHECK } from './messages.ts';
import { checkPath, parsePath } from './paths.ts';
import { COMPARATORS, type Bounds, type CheckIssue, type CheckResult, type Comparator, type Condition, type Objective, type PathStep, type PredictionSpec, type Scalar, type SetSpec, type WhereClause } from './types.ts';

export const OPERATORS = ['count', 'exists', 'none', 'every', 'distinct', 'compare', 'all', 'any', 'not', 'holdsFor', 'within', 'ever', 'predict'] as const;
export const CONDITION_OPS = [...COMPARATORS, 'startsWith', 'contains', 'exists'] as const;
const MAX_DEPTH = 32;
/** Comparators written backwards or with one "=": edit distance would suggest "==" for "=>". */
const OP_TYPOS: Record<string, string> = { '=>': '>=', '=<': '<=', '=': '==', '!': '!=', '<>': '!=' };

/** The keys each operator's map takes, in the order messages list them. */
const OPERANDS: Record<string, readonly string[]> = {
  count: ['of', 'where', 'is', 'atLeast', 'atMost'],
  exists: ['of', 'where'],
  none: ['of', 'where'],
  every: ['of', 'where', 'match'],
  distinct: ['of', 'where', 'by', 'is', 'atLeast', 'atMost'],
  compare: ['path', 'op', 'value'],
  holdsFor: ['duration', 'objective'],
  within: ['duration', 'objective'],
  predict: ['of', 'where', 'next', 'by', 'choices', 'path', 'after', 'tolerance', 'passScore'],
};

/** `key`: the problem is the key at the end of `path` itself (an unknown name), not its value. */
type Report = (message: string, path: readonly PathSegment[], key?: boolean) => void;

export function checkObjective(raw: unknown, pointer = ''): CheckResult {
  const issues: CheckIssue[] = [];
  const report: Report = (message, path, key) => issues.push({ path: pointer + toPointer(path), message, ...(key ? { key } : {}) });
  const objective = checkNode(raw, [], 0, report, pointer);
  return issues.length > 0 || !objective ? { ok: false, issues } : { ok: true, objective };
}

const isMap = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function checkNode(raw: unknown, path: PathSegment[], depth: number, report: Report, base: string): Objective | undefined {
  if (depth > MAX_DEPTH) {
    report(CHECK.tooDeep(), path);
    return undefined;
  }
  if (!isMap(raw)) {
    report(CHECK.notMap(describeValue(raw)), path);
    return undefined;
  }
  let id: string | undefined;
  if ('id' in raw) {
    if (typeof raw.id === 'string' && /^\S+$/.test(raw.id)) id = raw.id;
    else report(CHECK.badId(describeValue(raw.id)), [...path, 'id']);
  }
  const keys = Object.keys(raw).filter((key) => key !== 'id');
  if (keys.length === 0) {
    report(CHECK.noOperator(), path);
    return undefined;
  }
  if (keys.length > 1) {
    report(CHECK.manyOperators(keys), path);
    return undefined;
  }
  const operator = keys[0]!;
  const at = [...path, operator];
  if (!(OPERATORS as readonly string[]).includes(operator)) {
    report(CHECK.unknownOperator(operator, closestMatch(operator, OPERATORS) ?? OPERATORS.find((known) => known.toLowerCase() === operator.toLowerCase())), at, true);
    return undefined;
  }
  const pointer = base + toPointer(path);
  const node = { pointer, ...(id !== undefined ? { id } : {}) };
  const operand = raw[operator];
  switch (operator) {
    case 'all':
    case 'any': {
      if (!Array.isArray(operand)) return void report(CHECK.notList(operator, describeValue(operand)), at);
      if (operand.length === 0) return void report(CHECK.emptyList(operator), at);
      const children = operand.map((child, index) => checkNode(child, [...at, index], depth + 1, report, base));
      return children.every((child) => child !== undefined) ? { ...node, kind: operator, of: children as Objective[] } : undefined;
    }
    case 'not':
    case 'ever': {
      const inner = checkNode(operand, at, depth + 1, report, base);
      return inner && { ...node, kind: operator, of: inner };
    }
  }
  if (!isMap(operand)) return void report(CHECK.operandNotMap(operator, describeValue(operand)), at);
  const allowed = OPERANDS[operator]!;
  let clean = true;
  for (const key of Object.keys(operand)) {
    if (!allowed.includes(key)) {
      report(CHECK.unknownKey(key, operator, allowed, closestMatch(key, allowed)), [...at, key], true);
      clean = false;
    }
  }
  const require = (key: string, example: string): boolean => {
    if (key in operand) return true;
    report(CHECK.missingKey(key, operator, example), at);
    return false;
  };
  switch (operator) {
    case 'count':
    case 'exists':
    case 'none':
    case 'every':
    case 'distinct': {
      const set = checkSet(operand, at, operator, report);
      if (!set) return undefined;
      const collection = collectionNamed(set.collection)!;
      if (operator === 'exists' || operator === 'none') return clean ? { ...node, kind: operator, set } : undefined;
      if (operator === 'every') {
        if (!require('match', '"match: {taskDefinition: web:2}"')) return undefined;
        const match = checkWhere(operand.match, [...at, 'match'], collection, report);
        return clean && match ? { ...node, kind: 'every', set, match } : undefined;
      }
      if (operator === 'count') {
        const bounds = checkBounds(operand, at, operator, report, true);
        return clean && bounds ? { ...node, kind: 'count', set, bounds } : undefined;
      }
      if (!require('by', '"by: availabilityZone"')) return undefined;
      const by = checkField(operand.by, [...at, 'by'], collection, report);
      const hasBounds = 'is' in operand || 'atLeast' in operand || 'atMost' in operand;
      const bounds = hasBounds ? checkBounds(operand, at, operator, report, true) : undefined;
      if (!clean || !by || (hasBounds && !bounds)) return undefined;
      return bounds ? { ...node, kind: 'distinct', set, by, bounds } : { ...node, kind: 'distinct', set, by };
    }
    case 'compare': {
      if (!require('path', '"path: services[web].desiredCount"') || !require('op', '"op: \'>=\'"') || !require('value', '"value: 5"')) return undefined;
      const path = checkPathText(operand.path, [...at, 'path'], report);
      const op = operand.op;
      let comparator: Comparator | undefined;
      if (typeof op === 'string' && (COMPARATORS as readonly string[]).includes(op)) comparator = op as Comparator;
      else report(CHECK.badOp(describeValue(op)), [...at, 'op']);
      const value = operand.value;
      if (!isScalar(value)) report(CHECK.badValue(describeValue(value)), [...at, 'value']);
      if (!path || !comparator || !isScalar(value) || !clean) return undefined;
      if (isOrdering(comparator) && (path.type === 'string' || path.type === 'boolean') && typeof value !== 'number') {
        return void report(CHECK.orderOnText(comparator, path.type), [...at, 'op']);
      }
      return { ...node, kind: 'compare', path: path.steps, text: String(operand.path), op: comparator, value };
    }
    case 'holdsFor':
    case 'within': {
      if (!require('duration', '"duration: 3m"') || !require('objective', '"objective: {count: …}"')) return undefined;
      const duration = parseDuration(operand.duration);
      if (!duration.ok) report(CHECK.badDuration(operator, duration.message.replace(/^a wait/, 'a duration')), [...at, 'duration']);
      const inner = checkNode(operand.objective, [...at, 'objective'], depth + 1, report, base);
      return clean && duration.ok && inner ? { ...node, kind: operator, ms: duration.ms, of: inner } : undefined;
    }
    case 'predict': {
      const prediction = checkPrediction(operand, at, report);
      return clean && prediction ? { ...node, kind: 'predict', prediction } : undefined;
    }
  }
  return undefined;
}

const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
const isOrdering = (op: string): boolean => op === '>' || op === '>=' || op === '<' || op === '<=';

function checkSet(operand: Record<string, unknown>, at: PathSegment[], operator: string, report: Report): SetSpec | undefined {
  if (!('of' in operand)) return void report(CHECK.missingKey('of', operator, '"of: tasks"'), at);
  const of = operand.of;
  if (typeof of !== 'string' || !collectionNamed(of)) {
    const name = typeof of === 'string' ? of : describeValue(of);
    return void report(CHECK.unknownCollection(name, typeof of === 'string' ? closestMatch(of, COLLECTION_NAMES) : undefined, COLLECTION_NAMES), [...at, 'of']);
  }
  const collection = collectionNamed(of)!;
  const where = 'where' in operand ? checkWhere(operand.where, [...at, 'where'], collection, report) : [];
  return where && { collection: COLLECTION_ALIASES[of] ?? of, where };
}

function checkWhere(raw: unknown, at: PathSegment[], collection: Collection, report: Report): WhereClause[] | undefined {
  if (!isMap(raw)) return void report(CHECK.whereNotMap(describeValue(raw)), at);
  const clauses: WhereClause[] = [];
  let ok = true;
  for (const [text, rawCondition] of Object.entries(raw)) {
    const field = checkFieldPath(text, [...at, text], collection, report, true);
    const condition = checkCondition(rawCondition, [...at, text], field?.type, report);
    if (field && condition) clauses.push({ field: field.segments, condition });
    else ok = false;
  }
  return ok ? clauses : undefined;
}

function checkField(raw: unknown, at: PathSegment[], collection: Collection, report: Report): string[] | undefined {
  if (typeof raw !== 'string') return void report(CHECK.whereNotMap(describeValue(raw)), at);
  return checkFieldPath(raw, at, collection, report)?.segments;
}

/**
 * A dotted field inside an item: `lastStatus`, `deploymentConfiguration.maximumPercent`,
 * `containers.exitCode` (through a list: holds when any element's field does).
 */
function checkFieldPath(text: string, at: PathSegment[], collection: Collection, report: Report, isKey = false): { segments: string[]; type: FieldType } | undefined {
  const segments = text.split('.');
  const prefix = nameOf(collection);
  let type: FieldType | undefined = topFieldType(collection, segments[0]!);
  if (type === undefined) {
    const names = topFieldNames(collection);
    return void report(CHECK.noSuchField(`${prefix}[]`, segments[0]!, closestMatch(segments[0]!, names) ?? names.find((name) => name.toLowerCase() === segments[0]!.toLowerCase())), at, isKey);
  }
  for (let index = 1; index < segments.length; index++) {
    while (isList(type)) type = type.list;
    if (type === 'any') break;
    const where = `${prefix}[].${segments.slice(0, index).join('.')}`;
    if (!isObject(type)) return void report(CHECK.notAnObject(where, segments[index]!), at, isKey);
    const next: FieldType | undefined = type.fields[segments[index]!];
    if (next === undefined) {
      const names = Object.keys(type.fields);
      return void report(CHECK.noSuchField(where, segments[index]!, closestMatch(segments[index]!, names) ?? names.find((name) => name.toLowerCase() === segments[index]!.toLowerCase())), at, isKey);
    }
    type = next;
  }
  while (isList(type)) type = type.list;
  return { segments, type };
}

/** The catalog name of a collection, for messages (`tasks[].lastStatus`). */
function nameOf(collection: Collection): string {
  return Object.entries(COLLECTIONS).find(([, candidate]) => candidate === collection)?.[0] ?? 'item';
}

function checkCondition(raw: unknown, at: PathSegment[], type: FieldType | undefined, report: Report): Condition | undefined {
  if (isScalar(raw)) return { op: 'eq', value: raw };
  if (Array.isArray(raw)) {
    if (raw.length > 0 && raw.every(isScalar)) return { op: 'oneOf', values: raw };
    return void report(CHECK.badCondition(describeValue(raw)), at);
  }
  if (!isMap(raw) || Object.keys(raw).length !== 1) return void report(CHECK.badCondition(describeValue(raw)), at);
  const [op, value] = Object.entries(raw)[0]!;
  if (!(CONDITION_OPS as readonly string[]).includes(op)) return void report(CHECK.unknownConditionOp(op, OP_TYPOS[op] ?? closestMatch(op, CONDITION_OPS)), [...at, op], true);
  if (op === 'exists') {
    if (typeof value === 'boolean') return { op, value };
    return void report(CHECK.badCondition(describeValue(raw)), [...at, op]);
  }
  if (op === 'startsWith' || op === 'contains') {
    if (typeof value === 'string') return { op, value };
    return void report(CHECK.badValue(describeValue(value)), [...at, op]);
  }
  if (!isScalar(value)) return void report(CHECK.badValue(describeValue(value)), [...at, op]);
  if (isOrdering(op) && (type === 'string' || type === 'boolean') && typeof value !== 'number') return void report(CHECK.orderOnText(op, type), [...at, op]);
  return { op: op as Comparator, value };
}

function checkBounds(operand: Record<string, unknown>, at: PathSegment[], operator: string, report: Report, required: boolean): Bounds | undefined {
  const bounds: Bounds = {};
  let ok = true;
  for (const key of ['is', 'atLeast', 'atMost'] as const) {
    if (!(key in operand)) continue;
    const value = operand[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) bounds[key] = value;
    else {
      report(CHECK.badNumber(key, describeValue(value)), [...at, key]);
      ok = false;
    }
  }
  if (!ok) return undefined;
  if (bounds.is === undefined && bounds.atLeast === undefined && bounds.atMost === undefined) {
    if (required) report(CHECK.noBounds(operator), at);
    return undefined;
  }
  if (bounds.is !== undefined && (bounds.atLeast !== undefined || bounds.atMost !== undefined)) return void report(CHECK.isWithRange(), [...at, 'is']);
  if (bounds.atLeast !== undefined && bounds.atMost !== undefined && bounds.atLeast > bounds.atMost) {
    return void report(CHECK.emptyRange(bounds.atLeast, bounds.atMost), [...at, 'atLeast']);
  }
  return bounds;
}

function checkPathText(raw: unknown, at: PathSegment[], report: Report): { steps: PathStep[]; type: FieldType } | undefined {
  if (typeof raw !== 'string') return void report(CHECK.badPath(describeValue(raw), 'a path is text, e.g. "services[web].desiredCount"'), at);
  const parsed = parsePath(raw);
  if (!parsed.ok) return void report(parsed.message, at);
  const checked = checkPath(parsed.steps);
  if (!checked.ok) return void report(checked.message, at);
  return { steps: parsed.steps, type: checked.type };
}

function checkPrediction(operand: Record<string, unknown>, at: PathSegment[], report: Report): PredictionSpec | undefined {
  const passScore = operand.passScore ?? 1;
  if (typeof passScore !== 'number' || !(passScore >= 0 && passScore <= 1)) return void report(CHECK.badScore(describeValue(passScore)), [...at, 'passScore']);
  if ('of' in operand && 'next' in operand && !('path' in operand)) {
    if (operand.of !== 'tasks') return void report(CHECK.predictOnlyTasks(describeValue(operand.of)), [...at, 'of']);
    const set = checkSet(operand, at, 'predict', report);
    const next = operand.next;
    if (typeof next !== 'number' || !Number.isInteger(next) || next < 1) return void report(CHECK.badNumber('next', describeValue(next)), [...at, 'next']);
    const by = operand.by;
    if (by !== 'availabilityZone' && by !== 'instanceId') return void report(CHECK.predictBy(describeValue(by)), [...at, 'by']);
    const choices = operand.choices;
    if (choices !== undefined && (!Array.isArray(choices) || !choices.every((choice) => typeof choice === 'string'))) {
      return void report(CHECK.badValue(describeValue(choices)), [...at, 'choices']);
    }
    if (!set) return undefined;
    return { about: 'placement', set, next, by, passScore, ...(choices ? { choices: choices as string[] } : {}) };
  }
  if ('path' in operand && 'after' in operand && !('of' in operand)) {
    const path = checkPathText(operand.path, [...at, 'path'], report);
    const after = parseDuration(operand.after);
    if (!after.ok) report(CHECK.badDuration('after', after.message.replace(/^a wait/, 'a duration')), [...at, 'after']);
    const tolerance = operand.tolerance ?? 0;
    if (typeof tolerance !== 'number' || !(tolerance >= 0)) return void report(CHECK.badNumber('tolerance', describeValue(tolerance)), [...at, 'tolerance']);
    if (!path || !after.ok) return undefined;
    return { about: 'value', path: path.steps, text: String(operand.path), afterMs: after.ms, tolerance, passScore };
  }
  return void report(CHECK.predictKind(), at);
}
