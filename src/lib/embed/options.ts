/**
 * The embed options a course page sets in the sandbox's address (issue 9, item 2), e.g.
 * `?embed=1&scenario=launch-types&panels=lesson,command&theme=dark&origins=https://lms.example.edu`.
 *
 * The address is written by whoever wrote the course page — untrusted. Each parameter is checked on
 * its own: a bad value is ignored (its default kept) with one sentence naming the parameter and the
 * values it accepts, so one typo never breaks the sandbox. Nothing here throws.
 */
import { isScenarioId } from '../progress/progress.ts';
import { isSpeed, SPEEDS } from '../../../workers/playback.ts';
import type { Speed } from '../../../workers/protocol.ts';

/** The panels a host may show, named after the app's panels (the order is the app's). */
export const PANELS = ['lesson', 'editor', 'runTask', 'command', 'services', 'capacity', 'events', 'log'] as const;
export type Panel = (typeof PANELS)[number];

export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

/** Sandbox limits on the address (a course page's embed code is a few hundred characters). */
export const MAX_SEARCH_CHARS = 8_000;
export const MAX_SCENARIO_URL_CHARS = 2_000;
export const MAX_ORIGINS = 20;
export const MAX_LANG_CHARS = 35;
export const MAX_SEED = 4_294_967_295;

/** Where a scenario comes from: a bundled one by id, or a JSON file at an http(s) address. */
export type ScenarioSource = { kind: 'id'; id: string } | { kind: 'url'; url: string };

export interface EmbedOptions {
  /** Compact chrome for an iframe. */
  embed: boolean;
  /** null: the app's own choice (the picker, or the scenario in a shared link). */
  scenario: ScenarioSource | null;
  /** The panels shown, in the app's order; every panel when the parameter is absent. */
  panels: readonly Panel[];
  theme: Theme;
  /** A canonical BCP 47 tag; null: English, the interface's own language (start.ts pageLanguage). */
  lang: string | null;
  readonly: boolean;
  /** null: the app's own choice (the clock runs on the site, stays paused in an embed). */
  autoplay: boolean | null;
  speed: Speed;
  /** null: the scenario's own seed. */
  seed: number | null;
  /** Host origins allowed to talk to the sandbox, in the exact form a MessageEvent's origin has. */
  origins: readonly string[];
  /** A light poster until the learner clicks; the worker and the editor load only then. */
  clickToLoad: boolean;
}

export const DEFAULT_EMBED_OPTIONS: Readonly<EmbedOptions> = Object.freeze({
  embed: false,
  scenario: null,
  panels: PANELS,
  theme: 'auto',
  lang: null,
  readonly: false,
  autoplay: null,
  speed: 1,
  seed: null,
  origins: [],
  clickToLoad: false,
});

export interface ParsedEmbedOptions {
  options: EmbedOptions;
  /** One sentence per parameter ignored, in the order of the address. */
  problems: string[];
}

const FLAGS = ['embed', 'readonly', 'autoplay', 'clickToLoad'] as const;
const KNOWN = new Set<string>([...FLAGS, 'scenario', 'panels', 'theme', 'lang', 'speed', 'seed', 'origins']);

/** Shown in a sentence: long or odd values are cut and quoted. */
function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

export function parseEmbedOptions(search: URLSearchParams | string): ParsedEmbedOptions {
  const options: EmbedOptions = { ...DEFAULT_EMBED_OPTIONS };
  const problems: string[] = [];
  let params: URLSearchParams;
  if (typeof search === 'string') {
    if (search.length > MAX_SEARCH_CHARS) return { options, problems: [`The address's parameters are longer than ${MAX_SEARCH_CHARS} characters, so none of them was read.`] };
    params = new URLSearchParams(search);
  } else {
    params = search;
  }
  const seen = new Set<string>();
  for (const [name, value] of params) {
    // Other parameters (a shared link's, an LMS's own) are not ours to judge.
    if (!KNOWN.has(name)) continue;
    if (seen.has(name)) {
      problems.push(`"${name}" is given more than once; only the first is used.`);
      continue;
    }
    seen.add(name);
    const problem = applyParameter(options, name, value);
    if (problem !== null) problems.push(problem);
  }
  return { options, problems };
}

/** Sets one option from its parameter; returns the problem, or null. */
function applyParameter(options: EmbedOptions, name: string, value: string): string | null {
  switch (name) {
    case 'embed':
    case 'readonly':
    case 'autoplay':
    case 'clickToLoad': {
      if (value !== '1' && value !== '0') return `"${name}" must be 1 (on) or 0 (off), not ${quote(value)}; it was ignored.`;
      options[name] = value === '1';
      return null;
    }
    case 'scenario': {
      const scenario = parseScenarioSource(value);
      if (typeof scenario === 'string') return scenario;
      options.scenario = scenario;
      return null;
    }
    case 'panels': {
      const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const unknown = names.filter((n) => !(PANELS as readonly string[]).includes(n));
      const known = PANELS.filter((p) => names.includes(p));
      if (known.length === 0) return `"panels" must list at least one of ${PANELS.join(', ')} (separated by commas), not ${quote(value)}; every panel is shown.`;
      options.panels = known;
      if (unknown.length > 0) return `"panels" names ${unknown.length === 1 ? 'a panel' : 'panels'} this sandbox does not have (${unknown.slice(0, 5).map(quote).join(', ')}); the known ones are ${PANELS.join(', ')}.`;
      return null;
    }
    case 'theme': {
      if (!(THEMES as readonly string[]).includes(value)) return `"theme" must be light, dark or auto, not ${quote(value)}; it was ignored.`;
      options.theme = value as Theme;
      return null;
    }
    case 'lang': {
      const lang = canonicalLanguageTag(value);
      if (lang === null) return `"lang" must be a language tag such as en or fr-CA (BCP 47, at most ${MAX_LANG_CHARS} characters), not ${quote(value)}; it was ignored.`;
      options.lang = lang;
      return null;
    }
    case 'speed': {
      const speed = value === 'max' ? 'max' : /^[1-9][0-9]?$/.test(value) ? Number(value) : null;
      if (!isSpeed(speed)) return `"speed" must be one of ${SPEEDS.join(', ')}, not ${quote(value)}; it was ignored.`;
      options.speed = speed;
      return null;
    }
    case 'seed': {
      const seed = /^[0-9]{1,10}$/.test(value) ? Number(value) : -1;
      if (seed < 0 || seed > MAX_SEED) return `"seed" must be a whole number from 0 to ${MAX_SEED}, not ${quote(value)}; it was ignored.`;
      options.seed = seed;
      return null;
    }
    case 'origins': {
      const origins = parseOrigins(value);
      if (typeof origins === 'string') return origins;
      options.origins = origins;
      return null;
    }
  }
  return null;
}

/** The scenario to open, or the sentence saying why not. */
export function parseScenarioSource(text: string): ScenarioSource | string {
  // Checked as unknown: isScenarioId narrows its argument, and a string that is not an id is still a string.
  if (isScenarioId(text as unknown)) return { kind: 'id', id: text };
  const value = text;
  if (/^https?:\/\//i.test(value)) {
    if (value.length > MAX_SCENARIO_URL_CHARS) return `"scenario" is an address longer than ${MAX_SCENARIO_URL_CHARS} characters; it was ignored.`;
    const url = safeUrl(value);
    if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) return `"scenario" must be a scenario id or an http(s) address, and ${quote(value)} is not a valid address; it was ignored.`;
    if (url.username !== '' || url.password !== '') return `"scenario" must not carry a user name or password in its address; it was ignored.`;
    return { kind: 'url', url: url.href };
  }
  return `"scenario" must be a scenario id (lower-case letters, digits and "-", such as launch-types) or an http(s) address, not ${quote(value)}; it was ignored.`;
}

/**
 * The allowed host origins, or the sentence saying why none are taken. An origin is compared with
 * `===` to MessageEvent.origin, which browsers serialise as `scheme://host[:port]`, lower case,
 * without the default port and without a path. So an entry must already be in that form
 * (`new URL(entry).origin === entry`): `https://a.com:443` or `https://a.com/` is refused with the
 * form to write instead, rather than silently normalised — the host's author sees what is compared.
 * One bad entry refuses the whole list: half a list would silently drop the host the author meant.
 */
export function parseOrigins(value: string): string[] | string {
  const entries = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) return `"origins" must list at least one origin such as https://lms.example.edu; it was ignored.`;
  if (entries.length > MAX_ORIGINS) return `"origins" lists more than ${MAX_ORIGINS} origins; it was ignored.`;
  for (const entry of entries) {
    if (entry === '*' || entry.includes('*')) return `"origins" must list exact origins such as https://lms.example.edu: a wildcard ("*") would let any page drive this sandbox and read the learner's work, so the list was ignored.`;
    if (entry === 'null') return `"origins" cannot allow "null" (the origin of every sandboxed or local page), so the list was ignored.`;
    const url = /^https?:\/\//i.test(entry) ? safeUrl(entry) : null;
    if (url === null) return `"origins" must list http(s) origins such as https://lms.example.edu, and ${quote(entry)} is not one; the list was ignored.`;
    if (url.origin !== entry) return `"origins" lists ${quote(entry)}, which is not how a browser names an origin (no path, no default port, lower case): write ${url.origin}; the list was ignored.`;
  }
  return [...new Set(entries)];
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The canonical form of a well-formed BCP 47 tag (`pt-br` → `pt-BR`), or null (also used by xapi.ts). */
export function canonicalLanguageTag(value: string): string | null {
  if (value.length === 0 || value.length > MAX_LANG_CHARS || !/^[A-Za-z0-9-]+$/.test(value)) return null;
  try {
    // Throws RangeError on a tag that is not well-formed BCP 47.
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}
