/**
 * Paths into the snapshot: `services[web].desiredCount`, `services[name=web,cluster=demo].deployments[status=PRIMARY].rolloutState`,
 * `taskDefinitions[web:2].containerDefinitions.length`, `tasks[0].lastStatus`. Parsed and checked
 * against the field catalog once (checkPath), read in O(size of the collection) (readPath).
 * `[value]` picks the item whose name field (name, family, …) equals value; `[f=v,g=w]` the one whose
 * fields equal those values (compared as text, so `[revision=2]` works); `[n]` the n-th item.
 */
import type { Snapshot } from '../../protocol.ts';
import { closestMatch } from '../../engine/text.ts';
import {
  collectionNamed, COLLECTION_NAMES, isList, isObject, itemsOf, lookupsOf, nameFieldOf, topFieldNames, topFieldType,
  type Collection, type FieldType, type Lookups,
} from './catalog.ts';
import { CHECK } from './messages.ts';
import type { PathStep, Selector } from './types.ts';

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_-]*)((?:\[[^\]]*\])*)/;

export function parsePath(text: string): { ok: true; steps: PathStep[] } | { ok: false; message: string } {
  const steps: PathStep[] = [];
  let rest = text.trim();
  if (rest === '') return { ok: false, message: CHECK.badPath(text, 'it is empty') };
  for (;;) {
    const match = SEGMENT.exec(rest);
    if (!match) return { ok: false, message: CHECK.badPath(text, `cannot read ${JSON.stringify(rest.slice(0, 20))}: a path is field names joined by "." with optional [selectors]`) };
    const selectors: Selector[] = [];
    for (const [, inside] of match[2]!.matchAll(/\[([^\]]*)\]/g)) {
      const selector = parseSelector(inside!.trim());
      if (!selector) return { ok: false, message: CHECK.badPath(text, `empty selector "[]" after ${match[1]}`) };
      selectors.push(selector);
    }
    steps.push({ field: match[1]!, selectors });
    rest = rest.slice(match[0].length);
    if (rest === '') return { ok: true, steps };
    if (!rest.startsWith('.')) return { ok: false, message: CHECK.badPath(text, `expected "." or the end after ${match[0]}, found ${JSON.stringify(rest.slice(0, 20))}`) };
    rest = rest.slice(1);
  }
}

function parseSelector(inside: string): Selector | undefined {
  if (inside === '') return undefined;
  if (/^\d+$/.test(inside)) return { index: Number(inside) };
  if (!inside.includes('=')) return { match: [{ field: '', value: inside }] };
  return {
    match: inside.split(',').map((pair) => {
      const at = pair.indexOf('=');
      return { field: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
    }),
  };
}

/** The text of steps, for messages: `services[].desiredcount`. */
const shown = (steps: readonly PathStep[]): string => steps.map((step) => step.field + (step.selectors.length ? '[]' : '')).join('.');

/**
 * Checks a parsed path against the catalog: the collection exists, each field exists at its level,
 * lists are narrowed to one item before their fields are read. Returns the final field's type, or an error.
 * Fills the empty field of `[web]` selectors with the collection's name field.
 */
export function checkPath(steps: PathStep[]): { ok: true; type: FieldType } | { ok: false; message: string } {
  const head = steps[0]!;
  const collection = collectionNamed(head.field);
  if (!collection) return { ok: false, message: CHECK.unknownCollection(head.field, closestMatch(head.field, COLLECTION_NAMES), COLLECTION_NAMES) };
  const selectorProblem = checkSelectors(head.selectors, collection, head.field);
  if (selectorProblem) return { ok: false, message: selectorProblem };
  let type: FieldType = { list: collection.item };
  let narrowed = head.selectors.length > 0;
  for (let index = 1; index < steps.length; index++) {
    const step = steps[index]!;
    const where = shown(steps.slice(0, index));
    if (isList(type) && !narrowed) {
      if (step.field === 'length' && step.selectors.length === 0 && index === steps.length - 1) return { ok: true, type: 'number' };
      return { ok: false, message: CHECK.listNeedsSelector(where) };
    }
    const itemType: FieldType = isList(type) ? type.list : type;
    let next: FieldType | undefined;
    if (itemType === 'any') next = 'any';
    else if (!isObject(itemType)) return { ok: false, message: CHECK.notAnObject(where, step.field) };
    else {
      next = index === 1 ? topFieldType(collection, step.field) : itemType.fields[step.field];
      if (next === undefined) {
        const names = index === 1 ? topFieldNames(collection) : Object.keys(itemType.fields);
        return { ok: false, message: CHECK.noSuchField(where, step.field, closestMatch(step.field, names) ?? caseMatch(step.field, names)) };
      }
    }
    if (step.selectors.length > 0) {
      if (next !== 'any' && !isList(next)) return { ok: false, message: CHECK.selectorOnNonList(`${where}.${step.field}`) };
      const inner = next === 'any' ? 'any' : next.list;
      for (const selector of step.selectors) {
        if (!('match' in selector)) continue;
        for (const pair of selector.match) {
          if (pair.field === '') pair.field = 'name';
          if (isObject(inner) && inner.fields[pair.field] === undefined) {
            const names = Object.keys(inner.fields);
            return { ok: false, message: CHECK.noSuchField(`${where}.${step.field}[]`, pair.field, closestMatch(pair.field, names) ?? caseMatch(pair.field, names)) };
          }
        }
      }
    }
    type = next;
    narrowed = step.selectors.length > 0;
  }
  if (isList(type) && !narrowed && steps.length > 1) return { ok: false, message: CHECK.listNeedsSelector(shown(steps)) };
  if (steps.length === 1) return { ok: false, message: CHECK.listNeedsSelector(head.field) };
  return { ok: true, type };
}

function caseMatch(word: string, names: readonly string[]): string | undefined {
  return names.find((name) => name.toLowerCase() === word.toLowerCase());
}

function checkSelectors(selectors: Selector[], collection: Collection, where: string): string | undefined {
  for (const selector of selectors) {
    if (!('match' in selector)) continue;
    for (const pair of selector.match) {
      if (pair.field === '') pair.field = nameFieldOf(collection) ?? 'name';
      else if (topFieldType(collection, pair.field) === undefined) {
        const names = topFieldNames(collection);
        return CHECK.noSuchField(`${where}[]`, pair.field, closestMatch(pair.field, names) ?? caseMatch(pair.field, names));
      }
    }
  }
  return undefined;
}

/** Reads a top-level field of an item, derived fields included. */
export function readTopField(collection: Collection, item: Record<string, unknown>, field: string, lookups: Lookups): unknown {
  const derived = collection.derived[field];
  return derived ? derived.get(item, lookups) : item[field];
}

export type PathValue =
  | { ok: true; value: unknown }
  | { ok: false; missing: string }
  | { ok: false; ambiguous: number; what: string };

/** Reads a checked path. A selector that matches nothing or more than one item says so. */
export function readPath(snapshot: Snapshot, steps: readonly PathStep[]): PathValue {
  const head = steps[0]!;
  const collection = collectionNamed(head.field)!;
  const lookups = lookupsOf(snapshot);
  const read = (item: Record<string, unknown>, field: string, top: boolean): unknown =>
    top ? readTopField(collection, item, field, lookups) : item[field];
  let current: unknown = itemsOf(snapshot, collection);
  let top = true;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    if (index > 0) {
      if (step.field === 'length' && Array.isArray(current)) return { ok: true, value: current.length };
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { ok: true, value: undefined };
      // Derived fields exist on a collection's items only, not on the lists nested inside them.
      current = read(current as Record<string, unknown>, step.field, top);
      top = false;
    }
    for (const selector of step.selectors) {
      if (!Array.isArray(current)) return { ok: true, value: undefined };
      const items = current as Record<string, unknown>[];
      const what = `${step.field}[${'index' in selector ? selector.index : selector.match.map((pair) => `${pair.field}=${pair.value}`).join(',')}]`;
      if ('index' in selector) {
        if (selector.index >= items.length) return { ok: false, missing: what };
        current = items[selector.index];
        continue;
      }
      const found = items.filter((item) =>
        item !== null && typeof item === 'object' &&
        selector.match.every((pair) => String(read(item, pair.field, index === 0)) === pair.value));
      if (found.length === 0) return { ok: false, missing: what };
      if (found.length > 1) return { ok: false, ambiguous: found.length, what };
      current = found[0];
    }
  }
  return { ok: true, value: current };
}
