/**
 * Reading items of a collection: a dotted field's values (through nested lists: every element's),
 * whether a condition holds, which items a `where` selects, and why near misses missed ("3 are
 * PENDING"). One pass over the collection per question: O(items × clauses).
 */
import type { Snapshot } from '../../protocol.ts';
import { collectionNamed, itemsOf, lookupsOf, type Collection, type Lookups } from './catalog.ts';
import { breakdownText, formatScalar } from './messages.ts';
import { readTopField } from './paths.ts';
import type { Condition, SetSpec, WhereClause } from './types.ts';

/** Every value a dotted field has in an item (a field inside a list has one per element). */
const NONE: readonly unknown[] = [];

export function fieldValues(collection: Collection, item: Record<string, unknown>, field: readonly string[], lookups: Lookups): readonly unknown[] {
  const top = readTopField(collection, item, field[0]!, lookups);
  // The common case, one plain field: no arrays built.
  if (field.length === 1 && !Array.isArray(top)) return top === undefined ? NONE : [top];
  let values: unknown[] = [top];
  for (let index = 1; index < field.length; index++) {
    const next: unknown[] = [];
    for (const value of values.flat()) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) next.push((value as Record<string, unknown>)[field[index]!]);
    }
    values = next;
  }
  return values.flat().filter((value) => value !== undefined);
}

export function holds(condition: Condition, values: readonly unknown[]): boolean {
  if (condition.op === 'exists') return condition.value === values.length > 0;
  return values.some((value) => holdsFor(condition, value));
}

function holdsFor(condition: Condition, value: unknown): boolean {
  switch (condition.op) {
    case 'eq':
    case '==':
      return String(value) === String(condition.value);
    case '!=':
      return String(value) !== String(condition.value);
    case 'oneOf':
      return condition.values.some((candidate) => String(candidate) === String(value));
    case 'startsWith':
      return typeof value === 'string' && value.startsWith(condition.value);
    case 'contains':
      return (typeof value === 'string' && value.includes(condition.value));
    case 'exists':
      return condition.value;
    default:
      return compareNumbers(condition.op, value, condition.value);
  }
}

/** Orders numbers (and numeric text, as SQS attributes are); anything else never compares. */
export function compareNumbers(op: '>' | '>=' | '<' | '<=', left: unknown, right: unknown): boolean {
  const a = typeof left === 'number' ? left : typeof left === 'string' && left.trim() !== '' ? Number(left) : NaN;
  const b = typeof right === 'number' ? right : typeof right === 'string' && right.trim() !== '' ? Number(right) : NaN;
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
}

export function clauseHolds(collection: Collection, item: Record<string, unknown>, clause: WhereClause, lookups: Lookups): boolean {
  return holds(clause.condition, fieldValues(collection, item, clause.field, lookups));
}

export interface Selected {
  collection: Collection;
  all: Record<string, unknown>[];
  matched: Record<string, unknown>[];
  lookups: Lookups;
}

export function select(snapshot: Snapshot, set: SetSpec): Selected {
  const collection = collectionNamed(set.collection)!;
  const lookups = lookupsOf(snapshot);
  const all = itemsOf(snapshot, collection);
  const matched = all.filter((item) => item !== null && typeof item === 'object' && set.where.every((clause) => clauseHolds(collection, item, clause, lookups)));
  return { collection, all, matched, lookups };
}

/** Fields that say which items an objective is about, rather than what state they are in. */
const NAMING_FIELDS: ReadonlySet<string> = new Set(['family', 'service', 'serviceName', 'name', 'cluster', 'clusterArn', 'group', 'taskDefinition', 'taskDefinitionArn', 'rule']);

/**
 * Why items missed: for the first clause that alone rules some items out (all the others hold),
 * how those items' values of that field spread, e.g. "3 are PENDING, 1 is STOPPED".
 */
export function nearMisses(selected: Selected, where: readonly WhereClause[]): string {
  const { collection, all, lookups } = selected;
  // Clauses that name which items are meant (family, service, …) rule out every other item, which
  // says nothing useful ("1 has family worker"); the state clauses ("1 is STOPPED") come first.
  const order = where.map((_, index) => index).sort((a, b) => Number(NAMING_FIELDS.has(where[a]!.field.join("."))) - Number(NAMING_FIELDS.has(where[b]!.field.join("."))) || a - b);
  for (const index of order) {
    const groups = new Map<string, number>();
    for (const item of all) {
      if (item === null || typeof item !== 'object') continue;
      if (clauseHolds(collection, item, where[index]!, lookups)) continue;
      if (!where.every((clause, other) => other === index || clauseHolds(collection, item, clause, lookups))) continue;
      const value = fieldValues(collection, item, where[index]!.field, lookups);
      const shown = value.length === 0 ? 'unset' : formatScalar(value[0]);
      groups.set(shown, (groups.get(shown) ?? 0) + 1);
    }
    if (groups.size > 0) return breakdownText([...groups].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3), where[index]!.field);
  }
  return '';
}
