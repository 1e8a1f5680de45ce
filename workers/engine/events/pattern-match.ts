/**
 * Whether an event matches an (already checked) EventBridge event pattern.
 *
 * Semantics (EventBridge User Guide "Event patterns", "Arrays in event patterns", "Content
 * filtering", "Comparison operators"; aws/event-ruler README):
 * - Every field of the pattern must match (AND); the values listed for a field are alternatives (OR).
 *   Fields of the event the pattern does not name are ignored.
 * - A pattern object descends into the event object of the same name. When the event holds an
 *   array there, the pattern matches if ANY element matches it — all the fields of one branch must
 *   then hold in the same element (Ruler's array consistency).
 * - A leaf matches an event array if any element matches ("the intersection … is non-empty").
 * - Exact values: a string matches only that string, a number only an equal JSON number (compared as
 *   Ruler does, to six decimal places), true/false/null only themselves. A missing field matches
 *   nothing but `{"exists": false}`.
 * - `exists` looks at leaves only: a field holding an object (or an empty array — UNCONFIRMED) does
 *   not "exist" as a leaf.
 * - `anything-but` matches any PRESENT leaf value not excluded: a value of another type (a number for
 *   a string list, null…) is "anything but" and matches (UNCONFIRMED; follows Ruler's byte matching).
 * - `$or`: at least one branch (an object of fields at that level) must match.
 */
import { comparableNumber, inCidr, wildcardMatches } from './pattern-values.ts';

type Leaf = string | number | boolean | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Never throws: an unexpected shape (unchecked pattern, hostile event) is simply no match. */
export function patternMatches(pattern: unknown, event: unknown): boolean {
  try {
    return isObject(pattern) && objectMatches(pattern, event, 0);
  } catch {
    return false;
  }
}

const MAX_DEPTH = 64;

function objectMatches(pattern: Record<string, unknown>, value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.some((element) => isObject(element) && objectMatches(pattern, element, depth + 1));
  const event = isObject(value) ? value : undefined;
  for (const key of Object.keys(pattern)) {
    const rule = pattern[key];
    if (key === '$or') {
      if (!Array.isArray(rule) || !rule.some((branch) => isObject(branch) && objectMatches(branch, value, depth + 1))) return false;
      continue;
    }
    const field = event !== undefined && Object.prototype.hasOwnProperty.call(event, key) ? event[key] : undefined;
    if (Array.isArray(rule)) {
      if (!leafMatches(rule, field)) return false;
    } else if (isObject(rule)) {
      if (!objectMatches(rule, field, depth + 1)) return false;
    } else return false;
  }
  return true;
}

/** The leaf values an event field holds: itself, or the elements of its array (nested arrays flattened). */
function leavesOf(value: unknown, out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) for (const element of value) leavesOf(element, out);
  else if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out.push(value);
  return out;
}

function leafMatches(alternatives: unknown[], field: unknown): boolean {
  const leaves = leavesOf(field);
  return alternatives.some((alternative) => {
    if (isObject(alternative) && 'exists' in alternative && Object.keys(alternative).length === 1) {
      return alternative.exists === true ? leaves.length > 0 : leaves.length === 0;
    }
    return leaves.some((leaf) => valueMatches(alternative, leaf));
  });
}

function valueMatches(alternative: unknown, leaf: Leaf): boolean {
  if (!isObject(alternative)) return exactMatches(alternative, leaf);
  const [name] = Object.keys(alternative);
  const operand = name === undefined ? undefined : alternative[name];
  const str = typeof leaf === 'string' ? leaf : undefined;
  switch (name) {
    case 'exactly':
      return str !== undefined && str === operand;
    case 'prefix':
      if (str === undefined) return false;
      if (isObject(operand)) return typeof operand['equals-ignore-case'] === 'string' && fold(str).startsWith(fold(operand['equals-ignore-case']));
      return typeof operand === 'string' && str.startsWith(operand);
    case 'suffix':
      if (str === undefined) return false;
      if (isObject(operand)) return typeof operand['equals-ignore-case'] === 'string' && fold(str).endsWith(fold(operand['equals-ignore-case']));
      return typeof operand === 'string' && str.endsWith(operand);
    case 'equals-ignore-case':
      return str !== undefined && typeof operand === 'string' && fold(str) === fold(operand);
    case 'wildcard':
      return str !== undefined && typeof operand === 'string' && wildcardMatches(operand, str);
    case 'numeric':
      return typeof leaf === 'number' && Array.isArray(operand) && numericMatches(operand, leaf);
    case 'anything-but':
      return anythingButMatches(operand, leaf);
    case 'cidr':
      return str !== undefined && typeof operand === 'string' && inCidr(operand, str);
    default:
      return false;
  }
}

function exactMatches(expected: unknown, leaf: Leaf): boolean {
  if (typeof expected === 'number') return typeof leaf === 'number' && sameNumber(expected, leaf);
  return expected === leaf;
}

function sameNumber(a: number, b: number): boolean {
  const ca = comparableNumber(a);
  const cb = comparableNumber(b);
  // Outside the comparable range Ruler falls back to the literal text of the number.
  return ca !== undefined && cb !== undefined ? ca === cb : a === b;
}

/** Case folding for the ignore-case operators (UNCONFIRMED: Ruler folds with Java's Unicode rules; lower-casing agrees for common text). */
const fold = (s: string): string => s.toLowerCase();

function numericMatches(terms: unknown[], value: number): boolean {
  const v = comparableNumber(value);
  if (v === undefined) return false;
  for (let i = 0; i + 1 < terms.length; i += 2) {
    const op = terms[i];
    const operand = terms[i + 1];
    if (typeof operand !== 'number') return false;
    const bound = comparableNumber(operand);
    if (bound === undefined) return false;
    const ok = op === '=' ? v === bound : op === '<' ? v < bound : op === '<=' ? v <= bound : op === '>' ? v > bound : op === '>=' ? v >= bound : false;
    if (!ok) return false;
  }
  return terms.length >= 2;
}

function anythingButMatches(operand: unknown, leaf: Leaf): boolean {
  if (isObject(operand)) {
    const [op] = Object.keys(operand);
    const raw = op === undefined ? undefined : operand[op];
    const excluded = (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string');
    if (typeof leaf !== 'string') return true;
    switch (op) {
      case 'prefix':
        return !excluded.some((p) => leaf.startsWith(p));
      case 'suffix':
        return !excluded.some((s) => leaf.endsWith(s));
      case 'equals-ignore-case':
        return !excluded.some((s) => fold(s) === fold(leaf));
      case 'wildcard':
        return !excluded.some((w) => wildcardMatches(w, leaf));
      default:
        return false;
    }
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  return !excluded.some((x) => exactMatches(x, leaf));
}
