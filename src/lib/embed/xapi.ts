/**
 * xAPI (Experience API 1.0.3) statements for the learner events a host page records (issue 9 item 4).
 * The widget builds statements and hands them to the host over postMessage; the host forwards them
 * to its learning record store (LRS) with its own credentials — the widget has none and sends
 * nothing itself.
 *
 * Choices, each checked against the xAPI 1.0.3 spec (adlnet/xAPI-Spec, xAPI-Data.md):
 * - **actor**: a stored statement MUST have one. The host passes its learner as `actor` (an Agent
 *   with exactly one identifier); without it each statement carries PLACEHOLDER_ACTOR, an account
 *   Agent the host is expected to replace (`statement.actor = learner`) before sending.
 *   `isPlaceholderActor` tells a host whether it still has to.
 * - **id**: left out, so the LRS assigns one. A deterministic id would collide across learners
 *   whenever the actor is filled in by the host afterwards (same inputs, different actor), and an
 *   LRS answers 409 Conflict to a reused id with different content.
 * - **timestamp**: given by the caller (epoch milliseconds), never read from a clock here.
 * - **object**: an Activity. Scenario: `<activityBase><scenario id>`, type ADL `simulation`.
 *   Objective: `<scenario activity>#objectives/<id>`, type ADL `objective`; a prediction answered:
 *   `<scenario activity>#objectives/<id>`, type ADL `cmi.interaction`. Steps: `#steps/<id>` (used
 *   as `grouping` context). Separate fragments keep a step and an objective of the same id apart.
 * - **duration**: ISO 8601, truncated to 0.01 s (the precision xAPI compares at): `PT1H2M3.4S`.
 * - **context**: `registration` (a UUID the host gives, validated), `contextActivities.parent` =
 *   the scenario for objective-level statements, `platform` and `language`.
 *
 * Every input is checked (the lesson's own values, but also a host-supplied actor, base IRI and
 * registration); a builder never throws and answers a sentence for the first problem.
 */
import type { LocalizedText, Scenario } from '../../../workers/protocol.ts';
import { canonicalLanguageTag } from './options.ts';

// ---------------------------------------------------------------------------------------------
// Vocabulary (ADL verbs and activity types, as published by ADL; confirmed against the ADL
// xAPIWrapper's lists and the xAPI Moodle/cmi5 profiles).
// ---------------------------------------------------------------------------------------------

export const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  interacted: 'http://adlnet.gov/expapi/verbs/interacted',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
} as const;
export type VerbName = keyof typeof VERBS;

export const ACTIVITY_TYPES = {
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
  objective: 'http://adlnet.gov/expapi/activities/objective',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
} as const;

/** The language the verbs' `display` is written in. */
export const VERB_DISPLAY_LANGUAGE = 'en-US';

// ---------------------------------------------------------------------------------------------
// Limits (sandbox limits, not xAPI's)
// ---------------------------------------------------------------------------------------------

export const MAX_IRI_CHARS = 2048;
export const MAX_LOCAL_ID_CHARS = 64;
export const MAX_TEXT_CHARS = 2000;
export const MAX_LANGUAGES = 32;
export const MAX_RESPONSE_ITEMS = 100;
/** A week of learning: a longer duration is a bug upstream. */
export const MAX_DURATION_MS = 7 * 24 * 3600 * 1000;
export const PLATFORM = 'ECS Sandbox';

/** Stands in for the learner until the host fills `actor`; never a real person. */
export const PLACEHOLDER_ACTOR: Agent = Object.freeze({
  objectType: 'Agent',
  account: Object.freeze({ homePage: 'https://ecs-sandbox.invalid/', name: 'learner-placeholder' }),
}) as Agent;

// ---------------------------------------------------------------------------------------------
// Statement shapes (the subset this module writes)
// ---------------------------------------------------------------------------------------------

export type LanguageMap = Record<string, string>;

export interface Agent {
  objectType?: 'Agent';
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage: string; name: string };
}

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition?: {
    name?: LanguageMap;
    description?: LanguageMap;
    type?: string;
    interactionType?: 'numeric' | 'other';
    extensions?: Record<string, unknown>;
  };
}

export interface Score { raw?: number; min?: number; max?: number; scaled?: number }

export interface StatementResult {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

export interface StatementContext {
  registration?: string;
  contextActivities?: { parent?: Activity[]; grouping?: Activity[] };
  platform?: string;
  language?: string;
}

export interface Statement {
  actor: Agent;
  verb: { id: string; display: LanguageMap };
  object: Activity;
  result?: StatementResult;
  context?: StatementContext;
  timestamp: string;
}

export type Built<T> = { ok: true; value: T } | { ok: false; message: string };

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** What a statement needs of a scenario. */
export type ScenarioRef = Pick<Scenario, 'id' | 'title' | 'summary' | 'translations'>;

/** What a statement needs of an objective (ObjectiveStatus fits), and the step it belongs to. */
export interface ObjectiveRef { id: string; title: LocalizedText; stepId?: string }

export interface XapiOptions {
  /** Absolute http(s) IRI the activity ids start with, e.g. `https://courses.example.com/ecs/`. */
  activityBase: string;
  /** The learner, given by the host; PLACEHOLDER_ACTOR when absent. */
  actor?: unknown;
  /** The host's registration (one learner's enrolment/attempt), a UUID. */
  registration?: unknown;
  /** The language the learner sees (`context.language`), an RFC 5646 tag. */
  language?: unknown;
}

export interface CommandSummary {
  /** The action name (`ecs:CreateService`); never the learner's free text. */
  action: string;
  refused: boolean;
}

/**
 * A lesson's completion. `durationMs` (the statement's `result.duration`): the learner's wall-clock
 * time on the exercise, whole ms in 0 … MAX_DURATION_MS — as cmi5/H5P-style hosts read a duration;
 * the bridge measures it (bridge.ts completionOf), never the simulated time.
 */
export interface Completion { score: number; max: number; attempts: number; durationMs: number }

export interface Answer { answer: string[] | number; score: number; passed?: boolean }

// ---------------------------------------------------------------------------------------------
// The factory
// ---------------------------------------------------------------------------------------------

export interface StatementFactory {
  readonly activityBase: string;
  scenarioActivityId(scenarioId: string): string;
  initialized(scenario: ScenarioRef, atMs: number): Built<Statement>;
  attempted(scenario: ScenarioRef, atMs: number): Built<Statement>;
  interacted(scenario: ScenarioRef, command: CommandSummary, atMs: number): Built<Statement>;
  answered(scenario: ScenarioRef, objective: ObjectiveRef, answer: Answer, atMs: number): Built<Statement>;
  /** A hint of an objective read: interacted, the objective, response `hint:<how many read>`. */
  hintShown(scenario: ScenarioRef, objective: ObjectiveRef, hints: number, atMs: number): Built<Statement>;
  /** The reference solution revealed: interacted, the scenario, response `solution`. */
  solutionRevealed(scenario: ScenarioRef, atMs: number): Built<Statement>;
  /** objective null: the scenario as a whole. */
  passed(scenario: ScenarioRef, objective: ObjectiveRef | null, atMs: number): Built<Statement>;
  failed(scenario: ScenarioRef, objective: ObjectiveRef | null, atMs: number): Built<Statement>;
  /** The lesson completed: score, success, completion, duration (the learner's wall-clock time) and the attempts extension. */
  completed(scenario: ScenarioRef, completion: Completion, atMs: number): Built<Statement>;
}

/** Check the host's options once; the factory then builds statements for any scenario. */
export function createStatementFactory(options: XapiOptions): Built<StatementFactory> {
  if (typeof options !== 'object' || options === null) return fail('xAPI options must be an object.');
  const base = normalizeBase(options.activityBase);
  if (base === null) return fail(`"activityBase" must be an absolute http(s) IRI without query or fragment (at most ${MAX_IRI_CHARS} characters).`);
  let actor: Agent = PLACEHOLDER_ACTOR;
  if (options.actor !== undefined) {
    const checked = checkAgent(options.actor);
    if (checked !== null) return fail(`"actor" ${checked}`);
    actor = cloneAgent(options.actor as Agent);
  }
  if (options.registration !== undefined && !isUuid(options.registration)) return fail('"registration" must be a UUID (8-4-4-4-12 hexadecimal digits).');
  if (options.language !== undefined && !isLanguageTag(options.language)) return fail('"language" must be a language tag such as "en" or "pt-BR".');
  const env: Env = { base, actor, registration: options.registration as string | undefined, language: options.language as string | undefined };
  return { ok: true, value: factory(env) };
}

interface Env { base: string; actor: Agent; registration?: string; language?: string }

function factory(env: Env): StatementFactory {
  return {
    activityBase: env.base,
    scenarioActivityId: (id) => env.base + encodeURIComponent(id),
    initialized: (scenario, atMs) => scenarioStatement(env, 'initialized', scenario, atMs, undefined),
    attempted: (scenario, atMs) => scenarioStatement(env, 'attempted', scenario, atMs, undefined),
    interacted: (scenario, command, atMs) => {
      const response = commandResponse(command);
      if (typeof response !== 'object') return fail(response);
      return scenarioStatement(env, 'interacted', scenario, atMs, response);
    },
    answered: (scenario, objective, answer, atMs) => answeredStatement(env, scenario, objective, answer, atMs),
    hintShown: (scenario, objective, hints, atMs) => {
      if (typeof hints !== 'number' || !Number.isSafeInteger(hints) || hints < 1) return fail('the number of hints read must be a whole number, 1 or more.');
      return objectiveStatement(env, 'interacted', scenario, objective, atMs, ACTIVITY_TYPES.objective, { response: `hint:${hints}` });
    },
    solutionRevealed: (scenario, atMs) => scenarioStatement(env, 'interacted', scenario, atMs, { response: 'solution' }),
    passed: (scenario, objective, atMs) => verdictStatement(env, 'passed', scenario, objective, atMs),
    failed: (scenario, objective, atMs) => verdictStatement(env, 'failed', scenario, objective, atMs),
    completed: (scenario, completion, atMs) => {
      const result = completionResult(env, completion);
      if (typeof result === 'string') return fail(result);
      return scenarioStatement(env, 'completed', scenario, atMs, result);
    },
  };
}

function scenarioStatement(env: Env, verb: VerbName, scenario: ScenarioRef, atMs: number, result: StatementResult | undefined): Built<Statement> {
  const object = scenarioActivity(env, scenario);
  if (typeof object === 'string') return fail(object);
  const timestamp = timestampOf(atMs);
  if (timestamp === null) return fail(`the time of "${verb}" must be epoch milliseconds (a whole number).`);
  return ok(statement(env, verb, object, timestamp, result, []));
}

function verdictStatement(env: Env, verb: 'passed' | 'failed', scenario: ScenarioRef, objective: ObjectiveRef | null, atMs: number): Built<Statement> {
  if (objective === null) return scenarioStatement(env, verb, scenario, atMs, { success: verb === 'passed' });
  return objectiveStatement(env, verb, scenario, objective, atMs, ACTIVITY_TYPES.objective, { success: verb === 'passed' });
}

function answeredStatement(env: Env, scenario: ScenarioRef, objective: ObjectiveRef, answer: Answer, atMs: number): Built<Statement> {
  if (typeof answer !== 'object' || answer === null) return fail('the answer must be an object with "answer" and "score".');
  const response = predictionResponse(answer.answer);
  if (response === null) return fail(`the answer must be a number or a list of at most ${MAX_RESPONSE_ITEMS} ids (no "[,]" inside an id).`);
  if (!isFiniteIn(answer.score, 0, 1)) return fail('a prediction\'s score must be between 0 and 1.');
  if (answer.passed !== undefined && typeof answer.passed !== 'boolean') return fail('"passed" must be true or false when given.');
  const result: StatementResult = {
    response,
    score: { raw: answer.score, min: 0, max: 1, scaled: answer.score },
    ...(answer.passed === undefined ? {} : { success: answer.passed }),
  };
  const interactionType = typeof answer.answer === 'number' ? 'numeric' : 'other';
  return objectiveStatement(env, 'answered', scenario, objective, atMs, ACTIVITY_TYPES.interaction, result, interactionType);
}

function objectiveStatement(
  env: Env, verb: VerbName, scenario: ScenarioRef, objective: ObjectiveRef, atMs: number,
  type: string, result: StatementResult, interactionType?: 'numeric' | 'other',
): Built<Statement> {
  const parent = scenarioActivity(env, scenario);
  if (typeof parent === 'string') return fail(parent);
  if (typeof objective !== 'object' || objective === null || !isLocalId(objective.id)) return fail(`an objective's id must be 1–${MAX_LOCAL_ID_CHARS} letters, digits, "-", "_" or ".".`);
  const name = languageMap(objective.title);
  if (name === null) return fail(`objective ${objective.id}'s title must be a locale map with "en".`);
  if (objective.stepId !== undefined && !isLocalId(objective.stepId)) return fail(`objective ${objective.id}'s step id must be 1–${MAX_LOCAL_ID_CHARS} letters, digits, "-", "_" or ".".`);
  const timestamp = timestampOf(atMs);
  if (timestamp === null) return fail(`the time of "${verb}" must be epoch milliseconds (a whole number).`);
  const object: Activity = {
    objectType: 'Activity',
    id: `${parent.id}#objectives/${encodeURIComponent(objective.id)}`,
    definition: { name, type, ...(interactionType === undefined ? {} : { interactionType }) },
  };
  const grouping: Activity[] = objective.stepId === undefined ? [] : [{ objectType: 'Activity', id: `${parent.id}#steps/${encodeURIComponent(objective.stepId)}` }];
  const built = statement(env, verb, object, timestamp, result, [{ objectType: 'Activity', id: parent.id }]);
  if (grouping.length > 0) built.context = { ...built.context, contextActivities: { ...built.context?.contextActivities, grouping } };
  return ok(built);
}

function statement(env: Env, verb: VerbName, object: Activity, timestamp: string, result: StatementResult | undefined, parent: Activity[]): Statement {
  const context: StatementContext = {
    ...(env.registration === undefined ? {} : { registration: env.registration.toLowerCase() }),
    ...(parent.length === 0 ? {} : { contextActivities: { parent } }),
    platform: PLATFORM,
    ...(env.language === undefined ? {} : { language: env.language }),
  };
  return {
    actor: cloneAgent(env.actor),
    verb: { id: VERBS[verb], display: { [VERB_DISPLAY_LANGUAGE]: verb } },
    object,
    ...(result === undefined ? {} : { result }),
    context,
    timestamp,
  };
}

function scenarioActivity(env: Env, scenario: ScenarioRef): Activity | string {
  if (typeof scenario !== 'object' || scenario === null || typeof scenario.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(scenario.id)) {
    return 'the scenario id must be lower-case letters, digits and "-" (at most 64 characters).';
  }
  if (typeof scenario.title !== 'string' || scenario.title.length === 0 || scenario.title.length > MAX_TEXT_CHARS) return `scenario ${scenario.id} must have a title (at most ${MAX_TEXT_CHARS} characters).`;
  const name = languageMap({ ...scenario.translations?.title, en: scenario.title });
  if (name === null) return `scenario ${scenario.id}'s title translations must map language tags to text.`;
  let description: LanguageMap | undefined;
  if (scenario.summary !== undefined) {
    if (typeof scenario.summary !== 'string') return `scenario ${scenario.id}'s summary must be text.`;
    const map = languageMap({ ...scenario.translations?.summary, en: scenario.summary });
    if (map === null) return `scenario ${scenario.id}'s summary translations must map language tags to text.`;
    description = map;
  }
  return {
    objectType: 'Activity',
    id: env.base + encodeURIComponent(scenario.id),
    definition: { name, ...(description === undefined ? {} : { description }), type: ACTIVITY_TYPES.simulation },
  };
}

function commandResponse(command: CommandSummary): StatementResult | string {
  if (typeof command !== 'object' || command === null) return 'the command summary must be an object with "action" and "refused".';
  if (typeof command.action !== 'string' || !/^[A-Za-z][A-Za-z0-9:._-]{0,63}$/.test(command.action)) return 'the command\'s action must be an action name such as "ecs:CreateService".';
  if (typeof command.refused !== 'boolean') return '"refused" must be true or false.';
  return { response: command.action, success: !command.refused };
}

function completionResult(env: Env, c: Completion): StatementResult | string {
  if (typeof c !== 'object' || c === null) return 'the completion must be an object with score, max, attempts and durationMs.';
  if (!isFiniteIn(c.max, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER)) return '"max" must be a positive number.';
  if (!isFiniteIn(c.score, 0, c.max)) return `"score" must be between 0 and max (${c.max}).`;
  if (typeof c.attempts !== 'number' || !Number.isSafeInteger(c.attempts) || c.attempts < 0) return '"attempts" must be a whole number of commands, 0 or more.';
  const duration = formatDuration(c.durationMs);
  if (duration === null) return `"durationMs" must be whole milliseconds between 0 and ${MAX_DURATION_MS}.`;
  return {
    score: { raw: c.score, min: 0, max: c.max, scaled: roundScaled(c.score / c.max) },
    completion: true,
    duration,
    extensions: { [attemptsExtension(env.base)]: c.attempts },
  };
}

/**
 * The extension IRI for the attempt count, under the host's own base IRI (xAPI extensions are keyed
 * by an IRI the writer controls; ADL defines none for "commands tried"). UNCONFIRMED: no published
 * vocabulary term was found for it.
 */
export function attemptsExtension(base: string): string {
  return `${base}xapi/extensions/attempts`;
}

// ---------------------------------------------------------------------------------------------
// Small exact helpers
// ---------------------------------------------------------------------------------------------

/**
 * ISO 8601 duration of whole milliseconds, truncated to hundredths of a second (xAPI compares
 * durations at 0.01 s): 3_723_400 → "PT1H2M3.4S", 0 → "PT0S". Hours are not folded into days
 * (a day is not always 24 h in ISO 8601). null for a negative, fractional or oversized input.
 */
export function formatDuration(ms: number): string | null {
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > MAX_DURATION_MS) return null;
  const centis = Math.floor(ms / 10);
  const hours = Math.floor(centis / 360_000);
  const minutes = Math.floor((centis % 360_000) / 6000);
  const secondCentis = centis % 6000;
  const whole = Math.floor(secondCentis / 100);
  const fraction = secondCentis % 100;
  let text = 'PT';
  if (hours > 0) text += `${hours}H`;
  if (minutes > 0) text += `${minutes}M`;
  if (secondCentis > 0 || (hours === 0 && minutes === 0)) {
    const decimals = fraction === 0 ? '' : `.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
    text += `${whole}${decimals}S`;
  }
  return text;
}

/** RFC 4122 UUID (any version 1–8, the RFC variant), in either case. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value);
}

/** A well-formed BCP 47 (RFC 5646) tag, by the same rule as the `lang` URL option. */
export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && canonicalLanguageTag(value) !== null;
}

export function isPlaceholderActor(actor: unknown): boolean {
  return typeof actor === 'object' && actor !== null && (actor as Agent).account?.homePage === PLACEHOLDER_ACTOR.account?.homePage;
}

function normalizeBase(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_IRI_CHARS) return null;
  if (!/^https?:\/\/[^\s#?]+$/i.test(raw)) return null;
  let url: URL;
  try { url = new URL(raw); } catch { return null; }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return null;
  return raw.endsWith('/') ? raw : `${raw}/`;
}

function languageMap(text: unknown): LanguageMap | null {
  if (typeof text !== 'object' || text === null || Array.isArray(text)) return null;
  const entries = Object.entries(text as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_LANGUAGES) return null;
  const map: LanguageMap = {};
  for (const [tag, value] of entries) {
    if (!isLanguageTag(tag) || typeof value !== 'string' || value.length > MAX_TEXT_CHARS) return null;
    map[tag] = value;
  }
  return typeof map.en === 'string' ? map : null;
}

function predictionResponse(answer: unknown): string | null {
  if (typeof answer === 'number') return Number.isFinite(answer) ? String(answer) : null;
  if (!Array.isArray(answer) || answer.length === 0 || answer.length > MAX_RESPONSE_ITEMS) return null;
  // xAPI's response format joins several items with "[,]".
  if (!answer.every((a) => typeof a === 'string' && a.length > 0 && a.length <= MAX_LOCAL_ID_CHARS * 2 && !a.includes('[,]'))) return null;
  return answer.join('[,]');
}

function isLocalId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_LOCAL_ID_CHARS && /^[A-Za-z0-9._-]+$/.test(value);
}

function isFiniteIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/** Scaled scores are decimals; four places keep 2/3 readable and inside [0, 1]. */
function roundScaled(value: number): number {
  return Math.min(1, Math.max(0, Math.round(value * 10_000) / 10_000));
}

function timestampOf(atMs: number): string | null {
  // ±8.64e15 is the Date range; keep to years 1970–9999 so the ISO form stays four-digit.
  if (typeof atMs !== 'number' || !Number.isSafeInteger(atMs) || atMs < 0 || atMs > 253_402_300_799_999) return null;
  return new Date(atMs).toISOString();
}

function cloneAgent(agent: Agent): Agent {
  return JSON.parse(JSON.stringify(agent)) as Agent;
}

function ok<T>(value: T): Built<T> { return { ok: true, value }; }
function fail<T>(message: string): Built<T> { return { ok: false, message }; }

// ---------------------------------------------------------------------------------------------
// Validation against xAPI 1.0.3's requirements (the subset a statement from here can break)
// ---------------------------------------------------------------------------------------------

const STATEMENT_KEYS = new Set(['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']);
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DURATION = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/**
 * Whether `raw` is a statement an LRS conforming to xAPI 1.0.3 accepts, for what this module
 * writes: required actor/verb/object, an Agent with exactly one identifier, IRIs, language maps,
 * score bounds (scaled in [-1, 1], min ≤ raw ≤ max), ISO 8601 timestamp and duration, UUID
 * registration and id, no null value outside extensions (an LRS MUST reject those), no unknown
 * top-level property (an LRS is recommended to reject those). Answers the first problem in a sentence.
 */
export function validateStatement(raw: unknown): { ok: true } | { ok: false; message: string } {
  const problem = statementProblem(raw);
  return problem === null ? { ok: true } : { ok: false, message: problem };
}

function statementProblem(raw: unknown): string | null {
  if (!isRecord(raw)) return 'a statement must be a JSON object.';
  if (hasNull(raw, 0)) return 'a statement must not contain null values (outside extensions).';
  for (const key of Object.keys(raw)) if (!STATEMENT_KEYS.has(key)) return `"${key.slice(0, 40)}" is not a statement property.`;
  if (raw.id !== undefined && !isUuid(raw.id)) return '"id" must be a UUID.';
  const actor = checkAgent(raw.actor);
  if (actor !== null) return `"actor" ${actor}`;
  if (!isRecord(raw.verb) || !isIri(raw.verb.id)) return '"verb" must have an IRI "id".';
  if (raw.verb.display !== undefined && !isLanguageMapValue(raw.verb.display)) return '"verb.display" must be a language map.';
  const object = activityProblem(raw.object, 'object');
  if (object !== null) return object;
  if (raw.result !== undefined) { const p = resultProblem(raw.result); if (p !== null) return p; }
  if (raw.context !== undefined) { const p = contextProblem(raw.context); if (p !== null) return p; }
  if (raw.timestamp !== undefined && (typeof raw.timestamp !== 'string' || !ISO_TIMESTAMP.test(raw.timestamp) || Number.isNaN(Date.parse(raw.timestamp)))) return '"timestamp" must be an ISO 8601 date and time with a zone.';
  return null;
}

/** null when `raw` is an Agent with exactly one inverse functional identifier, else the rest of a sentence. */
function checkAgent(raw: unknown): string | null {
  if (!isRecord(raw)) return 'must be an Agent object.';
  if (raw.objectType !== undefined && raw.objectType !== 'Agent') return 'must be an Agent (objectType "Agent").';
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name.length > MAX_TEXT_CHARS)) return 'name must be text.';
  const ids = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => raw[k] !== undefined);
  if (ids.length !== 1) return 'must have exactly one of mbox, mbox_sha1sum, openid or account.';
  for (const key of Object.keys(raw)) if (!['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account'].includes(key)) return `has an unknown property "${key.slice(0, 40)}".`;
  if (raw.mbox !== undefined && (typeof raw.mbox !== 'string' || !/^mailto:[^\s@]+@[^\s@]+$/.test(raw.mbox))) return 'mbox must be a "mailto:" IRI.';
  if (raw.mbox_sha1sum !== undefined && (typeof raw.mbox_sha1sum !== 'string' || !/^[0-9a-f]{40}$/i.test(raw.mbox_sha1sum))) return 'mbox_sha1sum must be 40 hexadecimal digits.';
  if (raw.openid !== undefined && !isIri(raw.openid)) return 'openid must be an IRI.';
  if (raw.account !== undefined) {
    const a = raw.account;
    if (!isRecord(a) || !isIri(a.homePage) || typeof a.name !== 'string' || a.name.length === 0 || a.name.length > MAX_TEXT_CHARS || Object.keys(a).some((k) => k !== 'homePage' && k !== 'name')) {
      return 'account must have an IRL "homePage" and a "name".';
    }
  }
  return null;
}

function activityProblem(raw: unknown, where: string): string | null {
  if (!isRecord(raw)) return `"${where}" must be an Activity object.`;
  if (raw.objectType !== undefined && raw.objectType !== 'Activity') return `"${where}" must be an Activity (objectType "Activity").`;
  if (!isIri(raw.id)) return `"${where}.id" must be an IRI.`;
  if (raw.definition === undefined) return null;
  const d = raw.definition;
  if (!isRecord(d)) return `"${where}.definition" must be an object.`;
  if (d.name !== undefined && !isLanguageMapValue(d.name)) return `"${where}.definition.name" must be a language map.`;
  if (d.description !== undefined && !isLanguageMapValue(d.description)) return `"${where}.definition.description" must be a language map.`;
  if (d.type !== undefined && !isIri(d.type)) return `"${where}.definition.type" must be an IRI.`;
  if (d.extensions !== undefined && !extensionsOk(d.extensions)) return `"${where}.definition.extensions" must be keyed by IRIs.`;
  return null;
}

function resultProblem(raw: unknown): string | null {
  if (!isRecord(raw)) return '"result" must be an object.';
  if (raw.success !== undefined && typeof raw.success !== 'boolean') return '"result.success" must be true or false.';
  if (raw.completion !== undefined && typeof raw.completion !== 'boolean') return '"result.completion" must be true or false.';
  if (raw.response !== undefined && typeof raw.response !== 'string') return '"result.response" must be text.';
  if (raw.duration !== undefined && (typeof raw.duration !== 'string' || !ISO_DURATION.test(raw.duration))) return '"result.duration" must be an ISO 8601 duration.';
  if (raw.extensions !== undefined && !extensionsOk(raw.extensions)) return '"result.extensions" must be keyed by IRIs.';
  if (raw.score === undefined) return null;
  const s = raw.score;
  if (!isRecord(s)) return '"result.score" must be an object.';
  for (const k of ['raw', 'min', 'max', 'scaled']) if (s[k] !== undefined && (typeof s[k] !== 'number' || !Number.isFinite(s[k]))) return `"result.score.${k}" must be a number.`;
  const { raw: r, min, max, scaled } = s as Score;
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) return '"result.score.scaled" must be between -1 and 1.';
  if (min !== undefined && max !== undefined && !(min < max)) return '"result.score.min" must be less than max.';
  if (r !== undefined && ((min !== undefined && r < min) || (max !== undefined && r > max))) return '"result.score.raw" must lie between min and max.';
  return null;
}

function contextProblem(raw: unknown): string | null {
  if (!isRecord(raw)) return '"context" must be an object.';
  if (raw.registration !== undefined && !isUuid(raw.registration)) return '"context.registration" must be a UUID.';
  if (raw.platform !== undefined && typeof raw.platform !== 'string') return '"context.platform" must be text.';
  if (raw.language !== undefined && !isLanguageTag(raw.language)) return '"context.language" must be a language tag.';
  if (raw.contextActivities === undefined) return null;
  const ca = raw.contextActivities;
  if (!isRecord(ca)) return '"context.contextActivities" must be an object.';
  for (const [key, list] of Object.entries(ca)) {
    if (!['parent', 'grouping', 'category', 'other'].includes(key)) return `"context.contextActivities.${key.slice(0, 40)}" is not a context activity kind.`;
    const items = Array.isArray(list) ? list : [list];
    for (const item of items) { const p = activityProblem(item, `context.contextActivities.${key}`); if (p !== null) return p; }
  }
  return null;
}

/** Nulls anywhere except inside an `extensions` object; too deep counts as having one. */
function hasNull(value: unknown, depth: number): boolean {
  if (value === null || depth > 16) return true;
  if (typeof value !== 'object') return false;
  const entries = Array.isArray(value) ? value.map((v) => ['', v] as const) : Object.entries(value as Record<string, unknown>);
  return entries.some(([key, v]) => key !== 'extensions' && hasNull(v, depth + 1));
}

function isLanguageMapValue(raw: unknown): boolean {
  return isRecord(raw) && Object.entries(raw).every(([k, v]) => isLanguageTag(k) && typeof v === 'string');
}

function extensionsOk(raw: unknown): boolean {
  return isRecord(raw) && Object.keys(raw).every(isIri);
}

function isIri(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_IRI_CHARS && IRI.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
