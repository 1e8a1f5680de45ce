/**
 * Checks of single fields shared by every part of a scenario (the top level, lesson steps,
 * objectives, anti-solutions, events): strings, ids, locale maps, unknown keys. Each reports through
 * `issue` with the field's path, so every problem keeps its line, column and JSON pointer.
 */
import type { LocalizedText, Step } from '../protocol.ts';
import { closestMatch } from '../engine/text.ts';
import { describeValue, MESSAGES } from './messages.ts';
import type { PathSegment } from './pointer.ts';
import { isPlainMap } from './steps.ts';

export type Report = (message: string, path: readonly PathSegment[], key?: boolean) => void;

/** What the checks of a scenario's parts share: where to report, and the step checker within the issue budget. */
export interface FieldContext {
  issue: Report;
  /** A list of command-language steps at `path` (setup, solution, an anti-solution's steps); undefined if it is not a list. */
  steps(list: unknown, path: readonly PathSegment[]): Step[] | undefined;
  /** One command-language step at `path` (a timeline event's `do`); undefined if it has problems. */
  step(raw: unknown, path: readonly PathSegment[]): Step | undefined;
}

/** Ids of scenarios, lesson steps and objectives: `first-task`, `web-running`. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A BCP 47 language tag, simplified: `en`, `fr`, `pt-BR`, `zh-Hant`. */
export const LOCALE_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
export const ENGLISH = 'en';

export function refuseUnknownKeys(
  map: Record<string, unknown>,
  allowed: readonly string[],
  where: string,
  base: readonly PathSegment[],
  issue: Report,
): void {
  for (const key of Object.keys(map)) {
    if (!allowed.includes(key)) issue(MESSAGES.unknownKey(key, where, allowed, closestMatch(key, allowed)), [...base, key], true);
  }
}

/** Whether a required key is there; reports it missing (with what to write) if not. */
export function requireKey(map: Record<string, unknown>, key: string, base: readonly PathSegment[], hint: string, issue: Report): boolean {
  if (key in map) return true;
  issue(MESSAGES.missingKey(key, hint), base);
  return false;
}

export function requiredString(
  map: Record<string, unknown>,
  key: string,
  base: readonly PathSegment[],
  hint: string,
  issue: Report,
): string | undefined {
  return requireKey(map, key, base, hint, issue) ? optionalString(map, key, base, issue) : undefined;
}

export function optionalString(map: Record<string, unknown>, key: string, base: readonly PathSegment[], issue: Report): string | undefined {
  const field = map[key];
  if (field === undefined) return undefined;
  if (typeof field !== 'string') {
    issue(MESSAGES.notString(key, describeValue(field)), [...base, key]);
    return undefined;
  }
  if (field.trim() === '') {
    issue(MESSAGES.emptyString(key), [...base, key]);
    return undefined;
  }
  return field;
}

/** A required id matching ID_PATTERN. */
export function requiredId(map: Record<string, unknown>, base: readonly PathSegment[], hint: string, issue: Report): string | undefined {
  const id = requiredString(map, 'id', base, hint, issue);
  if (id !== undefined && !ID_PATTERN.test(id)) {
    issue(MESSAGES.badId(id), [...base, 'id']);
    return undefined;
  }
  return id;
}

/** A required piece of text: a plain string (English) or a locale map with `en`. */
export function requiredText(
  map: Record<string, unknown>,
  key: string,
  base: readonly PathSegment[],
  hint: string,
  issue: Report,
): LocalizedText | undefined {
  return requireKey(map, key, base, hint, issue) ? localizedText(map[key], key, [...base, key], issue) : undefined;
}

/** `"Run a task"` → `{en: "Run a task"}`; `{en: …, fr: …}` is checked tag by tag. */
export function localizedText(value: unknown, key: string, path: readonly PathSegment[], issue: Report): LocalizedText | undefined {
  if (typeof value === 'string') {
    if (value.trim() !== '') return { en: value };
    issue(MESSAGES.emptyString(key), path);
    return undefined;
  }
  if (!isPlainMap(value)) {
    issue(MESSAGES.notLocalized(key, describeValue(value)), path);
    return undefined;
  }
  let ok = true;
  for (const [tag, text] of Object.entries(value)) {
    if (!LOCALE_PATTERN.test(tag)) {
      issue(MESSAGES.badLocale(tag), [...path, tag], true);
      ok = false;
    } else if (typeof text !== 'string') {
      issue(MESSAGES.notString(`${key}.${tag}`, describeValue(text)), [...path, tag]);
      ok = false;
    } else if (text.trim() === '') {
      issue(MESSAGES.emptyString(`${key}.${tag}`), [...path, tag]);
      ok = false;
    }
  }
  if (!(ENGLISH in value)) {
    issue(MESSAGES.missingEnglish(key), path);
    ok = false;
  }
  return ok ? ({ ...value } as LocalizedText) : undefined;
}

/** The text for a locale: the exact tag, then its language (`pt` for `pt-BR`), then English. */
export function textFor(text: LocalizedText, locale: string): string {
  return text[locale] ?? text[locale.split('-')[0]!] ?? text.en;
}

/** A list field, or undefined (reported) when it is something else. */
export function listField(map: Record<string, unknown>, key: string, base: readonly PathSegment[], what: string, issue: Report): unknown[] | undefined {
  const value = map[key];
  if (Array.isArray(value)) return value;
  issue(MESSAGES.notListOf(key, what, describeValue(value)), [...base, key]);
  return undefined;
}

/**
 * Visits each item of a list of maps (lesson steps, objectives, events, anti-solutions) at
 * `listPath`: an item that is not a map is reported, a map's unknown keys are refused, then
 * `visit` checks the rest.
 */
export function forEachMap(
  list: readonly unknown[],
  listPath: readonly PathSegment[],
  keys: readonly string[],
  where: string,
  issue: Report,
  visit: (map: Record<string, unknown>, path: PathSegment[]) => void,
): void {
  list.forEach((raw, index) => {
    const path = [...listPath, index];
    if (!isPlainMap(raw)) {
      issue(MESSAGES.notMap(`${String(listPath.at(-1))}/${index}`, describeValue(raw)), path);
      return;
    }
    refuseUnknownKeys(raw, keys, where, path, issue);
    visit(raw, path);
  });
}
