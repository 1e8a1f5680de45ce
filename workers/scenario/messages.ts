/**
 * Every message the scenario parser can produce, as templates in one place (ready for
 * translation, and so that tests and docs can quote them). Messages say what is wrong, with the
 * numbers, and what to write instead.
 */
import { MAX_NESTING } from './nesting.ts';

export const LIMITS = {
  /** Scenario files are hand-written; anything larger is a mistake or an attack. */
  maxTextChars: 1_000_000,
  /** Steps in one file (setup or a bare list). */
  maxSteps: 1_000,
  /** YAML aliases (`*name`) expanded in one file: enough to reuse a few blocks, too few for a "billion laughs". */
  maxAliasCount: 100,
  /** Problems listed per file: enough to fix a file in one pass, few enough to read. */
  maxIssues: 100,
  /** A scenario's announced length: longer than a working day is surely a typo. */
  maxEstimatedMinutes: 600,
} as const;

export const MESSAGES = {
  empty: () => 'the file is empty: write a scenario (id, title, setup) or a list of steps',
  tooLarge: (chars: number) =>
    `the text is ${chars} characters long; the limit is ${LIMITS.maxTextChars} (1 MB): split it into several files`,
  tooManySteps: (count: number) => `${count} steps; the limit is ${LIMITS.maxSteps} per file`,
  aliasBomb: () =>
    `too many YAML aliases (*name) are expanded: at most ${LIMITS.maxAliasCount} are allowed, so that a small file cannot expand into a huge one`,
  tooDeep: () => `the text nests more than ${MAX_NESTING} levels deep; scenario files need only a few`,
  tagRefused: (tag: string) =>
    `the YAML tag ${tag} is not allowed: scenario files are plain data (maps, lists, strings, numbers, booleans, null)`,
  multipleDocuments: () => 'the file holds more than one YAML document (a second "---"); put everything in one',
  complexKey: () => 'a key must be a plain name (a string), not a list or a map',
  tooManyIssues: () => `only the first ${LIMITS.maxIssues} problems are listed; fix these and check again`,
  duplicateKey: (key: string) => `the key ${quote(key)} appears twice in the same map`,
  invalidJson: (detail: string) => `invalid JSON: ${detail}`,
  yamlSyntax: (detail: string) => `invalid YAML: ${detail}`,
  notScenario: (found: string) =>
    `a scenario file must be a map (id, title, setup, …) or a list of steps, not ${found}`,
  singleStepFile: () =>
    'this file holds a single step, but a file is a scenario (id, title, setup) or a list of steps:' +
    ' start the step with "- " (in JSON, wrap it in [ ])',
  missingKey: (key: string, hint: string) => `missing required key ${quote(key)}: ${hint}`,
  unknownKey: (key: string, where: string, allowed: readonly string[], suggestion?: string) =>
    `unknown key ${quote(key)} in ${where}` +
    (suggestion ? ` — did you mean ${quote(suggestion)}?` : `; allowed keys: ${allowed.join(', ')}`),
  badId: (value: string) =>
    `id ${quote(value)} may contain only lower-case letters, digits and "-" (e.g. "first-task")`,
  notString: (key: string, found: string) => `${quote(key)} must be a string, not ${found}`,
  emptyString: (key: string) => `${quote(key)} must not be empty`,
  badSeed: (found: string) => `"seed" must be a whole number from 0 to 4294967295, not ${found}`,
  notList: (key: string, found: string) => `${quote(key)} must be a list of steps, not ${found}`,
  notMap: (key: string, found: string) => `${quote(key)} must be a map, not ${found}`,
  stepNotMap: (found: string) =>
    `a step must be a map with one key, the action (e.g. "ecs:RunTask: {…}" or "wait: 30s"), not ${found}`,
  stepNoKey: () => 'a step must have one key, the action (e.g. "ecs:RunTask: {…}" or "wait: 30s"); this one is empty',
  stepManyKeys: (keys: readonly string[]) =>
    `a step has exactly one key, the action; this one has ${keys.length}: ${quoteList(keys)}` +
    ' — start each step with its own "-"',
  stepUnindented: (action: string, keys: readonly string[]) =>
    `${quote(action)} has no request, and ${quoteList(keys)} ${keys.length === 1 ? 'sits' : 'sit'} beside it in the same step:` +
    ` indent the request's fields under "${action}:"`,
  unknownAction: (action: string, supported: readonly string[]) =>
    `unknown action ${quote(action)}; the supported actions are ${supported.join(', ')} and wait`,
  didYouMean: (action: string, suggestion: string) => `unknown action ${quote(action)} — did you mean ${quote(suggestion)}?`,
  notSupportedYet: (action: string, service: string, supported: readonly string[]) =>
    `${quote(action)} is not supported yet in this version of the sandbox; ` +
    (supported.length > 0
      ? `the ${service} actions supported today are ${supported.join(', ')}`
      : `no ${service} action is supported yet (supported today: ecs and sim actions, and wait)`),
  requestNotMap: (action: string, found: string) =>
    `the request of ${quote(action)} must be a map of its parameters (as in the AWS API), not ${found}`,
  badWait: (detail: string) => `wait: ${detail}`,
  // The learning format (issue 8).
  notLocalized: (key: string, found: string) =>
    `${quote(key)} must be a string or a map of languages (e.g. {en: "…", fr: "…"}), not ${found}`,
  missingEnglish: (key: string) => `${quote(key)} has no English text: a map of languages must have "en"`,
  badLocale: (tag: string) => `${quote(tag)} is not a language tag: write e.g. en, fr, pt-BR`,
  notListOf: (key: string, what: string, found: string) => `${quote(key)} must be a list of ${what}, not ${found}`,
  unknownTopic: (topic: string, topics: readonly string[], suggestion?: string) =>
    `unknown topic ${quote(topic)}` + (suggestion ? ` — did you mean ${quote(suggestion)}?` : `; the topics are ${topics.join(', ')}`),
  listedTwice: (key: string, value: string) => `${quote(key)} lists ${quote(value)} twice`,
  badLevel: (found: string, levels: readonly string[], suggestion?: string) =>
    `"level" must be one of ${levels.join(', ')}, not ${found}` + (suggestion ? ` — did you mean ${quote(suggestion)}?` : ''),
  badMinutes: (found: string) =>
    `"estimatedMinutes" must be a whole number of minutes from 1 to ${LIMITS.maxEstimatedMinutes}, not ${found}`,
  badAt: (found: string) =>
    `"at" must be a virtual time after the setup, as a duration ("90s", "5m", "1h30m", "250ms") or a whole number of milliseconds, at most 30 days; not ${found}`,
  eventIsWait: () =>
    'an event cannot be a wait: "at" already says when it runs; write the action to run, e.g. "do: {sim:InterruptSpot: {…}}"',
  eventsOutOfOrder: (at: string, previous: string) =>
    `events must be in time order: this one at ${at} comes after one at ${previous}`,
  duplicateId: (kind: string, id: string) => `the ${kind} id ${quote(id)} is used twice; each ${kind} needs its own id`,
  duplicateName: (name: string) => `the anti-solution name ${quote(name)} is used twice; each needs its own name`,
  mustFailEmpty: () => '"mustFail" must name at least one objective this attempt has to fail',
  mustFailUnknown: (id: string, known: readonly string[], suggestion?: string) =>
    `"mustFail" names ${quote(id)}, which is not an objective of this scenario` +
    (suggestion
      ? ` — did you mean ${quote(suggestion)}?`
      : known.length > 0
        ? `; its objectives are ${quoteList(known)}`
        : '; it has no objectives (add them under "steps")'),
  bothActionLists: () => 'use either "allowedActions" or "disabledActions", not both: one of them says everything',
  actionNotAllowed: (where: string, action: string, list: 'allowedActions' | 'disabledActions') =>
    `${where} uses ${quote(action)}, which learners cannot use in this scenario` +
    (list === 'allowedActions' ? ' ("allowedActions" does not list it)' : ' ("disabledActions" lists it)'),
  internal: (detail: string) => `the text could not be read (${detail})`,
} as const;

/** A name from the file, quoted and cut short: a 1 MB key must not make a 1 MB message. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? text.slice(0, 60) + '…' : text);
}

/** Up to five quoted names, then how many more. */
export function quoteList(names: readonly string[]): string {
  const shown = names.slice(0, 5).map(quote).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/** A value's kind in words, for messages: "a list", "the number 3", "null". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}
