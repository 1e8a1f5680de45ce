/**
 * Validation of an EventBridge event pattern, refusing what PutRule refuses with the rule engine's
 * own reasons.
 *
 * Source: aws/event-ruler JsonRuleCompiler.java (the compiler EventBridge runs on PutRule; its
 * messages are the "Reason" in EventBridge's error, e.g. the real response
 * `Event pattern is not valid. Reason: "slug" must be an object or an array at [Source: …; line: 5,
 * column: 16]` quoted in buildkite/docs#896). The Jackson position suffix ("at [Source: …]") is
 * replaced by the path in the pattern (Sandbox: the learner sees where, without line numbers).
 */
import { NUMERIC_LIMIT, NUMERIC_LIMIT_MESSAGE, parseCidr, wildcardProblem } from './pattern-values.ts';

/*
 * `$or` must be an array of at least two objects without reserved field names. The compiler source
 * refuses anything else (as here); Ruler's README describes an older fallback that read such a "$or"
 * as a plain field name — UNCONFIRMED which one EventBridge applies today.
 */

/** Field names Ruler refuses inside a `$or` branch (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP). */
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after', 'date-on-or-after',
  'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range', 'ip-address-not-in-range',
]);

/** Deeper patterns are refused before they can exhaust the stack (Sandbox limit; AWS's size quota comes first in practice). */
export const MAX_PATTERN_DEPTH = 64;

class PatternProblem {
  constructor(readonly reason: string, readonly path: string) {}
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): string => (v === undefined ? ']' : typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

/** The first reason the pattern is invalid, with where; undefined when valid. */
export function patternProblem(pattern: unknown): { reason: string; path: string } | undefined {
  try {
    if (!isObject(pattern)) return { reason: 'Filter is not an object', path: '' };
    checkObject(pattern, '', false, 0);
    return undefined;
  } catch (error) {
    if (error instanceof PatternProblem) return { reason: error.reason, path: error.path };
    // A hostile object (throwing getter, proxy…): refuse rather than throw.
    return { reason: 'Filter is not valid JSON', path: '' };
  }
}

function fail(reason: string, path: string): never {
  throw new PatternProblem(reason, path);
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function checkObject(object: Record<string, unknown>, path: string, insideOr: boolean, depth: number): void {
  if (depth > MAX_PATTERN_DEPTH) fail(`Pattern nested deeper than ${MAX_PATTERN_DEPTH} levels`, path);
  const keys = Object.keys(object);
  if (keys.length === 0) fail('Empty objects are not allowed', path);
  for (const key of keys) {
    const value = object[key];
    const here = join(path, key);
    if (key === '$or') {
      checkOr(value, path, depth);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`, here);
    if (Array.isArray(value)) checkLeaf(value, here);
    else if (isObject(value)) checkObject(value, here, insideOr, depth + 1);
    else fail(`"${key}" must be an object or an array`, here);
  }
}

function checkOr(value: unknown, path: string, depth: number): void {
  const here = join(path, '$or');
  if (!Array.isArray(value)) fail('It must be an Array followed with $or.', here);
  for (const branch of value) {
    if (!isObject(branch)) fail('Only JSON object is allowed in array of $or relationship.', here);
    checkObject(branch, path, true, depth + 1);
  }
  if (value.length < 2) fail('There must have at least 2 Objects in $or relationship.', here);
}

function checkLeaf(values: unknown[], path: string): void {
  for (const value of values) {
    if (isObject(value)) checkMatchExpression(value, path);
    else if (typeof value === 'string' || value === null || typeof value === 'boolean' || isNumber(value)) continue;
    else fail('Match value must be String, number, true, false, or null', path);
  }
  if (values.length === 0) fail('Empty arrays are not allowed', path);
}

/** `{ "prefix": "us-" }`, `{ "numeric": [">", 0] }`… — one operator per object. */
function checkMatchExpression(expression: Record<string, unknown>, path: string): void {
  const keys = Object.keys(expression);
  const name = keys[0];
  if (name === undefined) fail('Match expression name not found', path);
  const value = expression[name];
  const onlyOne = (message = 'Only one key allowed in match expression') => {
    if (keys.length > 1) fail(message, path);
  };
  switch (name) {
    case 'exactly':
      if (typeof value !== 'string') fail('exact match pattern must be a string', path);
      return onlyOne();
    case 'prefix':
    case 'suffix':
      if (isObject(value)) return checkIgnoreCaseAffix(name, value, path, onlyOne);
      if (typeof value !== 'string') fail(`${name} match pattern must be a string`, path);
      return onlyOne();
    case 'equals-ignore-case':
      if (typeof value !== 'string') fail('equals-ignore-case match pattern must be a string', path);
      return onlyOne();
    case 'wildcard': {
      if (typeof value !== 'string') fail('wildcard match pattern must be a string', path);
      const problem = wildcardProblem(value);
      if (problem) fail(problem, path);
      return onlyOne();
    }
    case 'numeric':
      if (!Array.isArray(value)) fail('Value of numeric must be an array.', path);
      checkNumeric(value, path);
      return onlyOne('Too many elements in numeric expression');
    case 'anything-but':
      checkAnythingBut(value, path);
      return onlyOne('Too many elements in numeric expression');
    case 'exists':
      if (typeof value !== 'boolean') fail('exists match pattern must be either true or false.', path);
      return onlyOne();
    case 'cidr':
      // Ruler's message for a non-string CIDR is the prefix one (sic).
      if (typeof value !== 'string') fail('prefix match pattern must be a string', path);
      // UNCONFIRMED wording for a malformed block.
      if (parseCidr(value) === undefined) fail(`Malformed CIDR, "${value}" is not a block such as 10.0.0.0/24 or 2001:db8::/32`, path);
      return onlyOne();
    default:
      fail(`Unrecognized match type ${name}`, path);
  }
}

/** `{ "prefix": { "equals-ignore-case": "EventB" } }` */
function checkIgnoreCaseAffix(name: 'prefix' | 'suffix', inner: Record<string, unknown>, path: string, onlyOne: () => void): void {
  const Name = name === 'prefix' ? 'Prefix' : 'Suffix';
  const [op, ...rest] = Object.keys(inner);
  if (op === undefined) fail(`${Name} expression name not found`, path);
  if (op !== 'equals-ignore-case') fail(`Unsupported ${name} pattern: ${op}`, path);
  if (typeof inner[op] !== 'string') fail('equals-ignore-case match pattern must be a string', path);
  if (rest.length > 0) fail('Only one key allowed in match expression', path);
  onlyOne();
}

const NUMERIC_OPS = new Set(['=', '<', '<=', '>', '>=']);

function numericValue(value: unknown, message: string, path: string): number {
  if (!isNumber(value)) fail(message, path);
  if (value < -NUMERIC_LIMIT || value > NUMERIC_LIMIT) fail(NUMERIC_LIMIT_MESSAGE, path);
  return value;
}

/** `["=", 5]`, `[">", 0]`, `[">=", 0, "<", 10]`, `["<=", 5]` (JsonRuleCompiler.processNumericMatchExpression). */
function checkNumeric(terms: unknown[], path: string): void {
  const [op, value, op2, value2, ...extra] = terms;
  if (typeof op !== 'string') fail(`Invalid member in numeric match: ${text(op)}`, path);
  if (!NUMERIC_OPS.has(op)) fail(`Unrecognized numeric range operator: ${op}`, path);
  const bottom = numericValue(value, `Value of ${op === '=' ? 'equals' : op} must be numeric`, path);
  if (op === '=' || op === '<' || op === '<=') {
    if (terms.length > 2) fail('Too many elements in numeric expression', path);
    return;
  }
  if (terms.length === 2) return;
  if (typeof op2 !== 'string') fail(`Bad value in numeric range: ${text(op2)}`, path);
  if (op2 !== '<' && op2 !== '<=') fail(`Bad numeric range operator: ${op2}`, path);
  const top = numericValue(value2, `Value of ${op2} must be numeric`, path);
  if (extra.length > 0) fail('Too many terms in numeric range expression', path);
  if (!(bottom < top)) fail('Bottom must be less than top', path);
}

const ANYTHING_BUT_SETS = new Set(['equals-ignore-case', 'prefix', 'suffix', 'wildcard']);

/** `"x"`, `123`, `["a","b"]`, `[1,2]`, `{ "prefix": "init" }`, `{ "suffix": [".png", ".jpg"] }`… */
function checkAnythingBut(value: unknown, path: string): void {
  if (isObject(value)) {
    const [op, ...rest] = Object.keys(value);
    if (op === undefined) fail('Anything-But expression name not found', path);
    if (!ANYTHING_BUT_SETS.has(op)) fail(`Unsupported anything-but pattern: ${op}`, path);
    const inner = value[op];
    if (!(Array.isArray(inner) || typeof inner === 'string' || isNumber(inner))) {
      fail('Value of anything-but must be an array or single string/number value.', path);
    }
    for (const item of Array.isArray(inner) ? inner : [inner]) {
      if (typeof item !== 'string') {
        if (op === 'equals-ignore-case') fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.', path);
        if (op === 'wildcard') fail('wildcard match pattern must be a string', path);
        fail('prefix/suffix match pattern must be a string', path);
      }
      if ((op === 'prefix' || op === 'suffix') && item === '') fail('Null prefix/suffix not allowed', path);
      if (op === 'wildcard') {
        const problem = wildcardProblem(item);
        if (problem) fail(problem, path);
      }
    }
    if (rest.length > 0) fail('Too many elements in numeric expression', path);
    return;
  }
  if (typeof value === 'string') return;
  if (isNumber(value)) {
    numericValue(value, '', path);
    return;
  }
  if (!Array.isArray(value)) fail('Value of anything-but must be an array or single string/number value.', path);
  let strings = 0;
  let numbers = 0;
  for (const item of value) {
    if (typeof item === 'string') strings++;
    else if (isNumber(item)) {
      numericValue(item, '', path);
      numbers++;
    } else fail('Inside anything but list, start|null|boolean is not supported.', path);
  }
  if ((strings > 0) === (numbers > 0)) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported', path);
  }
}
