/**
 * The sandbox's postMessage contract with a course page (issue 9, item 3), version 1.
 *
 * Every message, both ways, is an envelope `{source: 'ecs-sandbox', version: 1, type, payload, id?}`.
 * The sandbox posts events (ready, completed, resize…) and replies; the host posts commands
 * (loadScenario, getState, setState…), each answered by a reply of type 'reply' or 'error' carrying
 * the command's id.
 *
 * What arrives is untrusted: `parseIncoming` accepts a message only when its origin is exactly (===)
 * one of the allowed origins, its source is the parent window, and its shape validates field by
 * field. Messages from elsewhere are ignored without a reply (answering would tell any page the
 * sandbox is there, and there is no safe origin to answer to); a message from the host that does not
 * validate gets an `error` reply with a one-sentence message. Nothing here throws, and nothing from a
 * message is executed. Replies and events must be posted to the host's exact origin, never '*'.
 */
import { hintsProblem, isRun, isScenarioId, MAX_RUN_CHARS, parseHints, PROGRESS_VERSION, runProblem } from '../progress/progress.ts';
import { isSpeed, SPEEDS } from '../../../workers/playback.ts';
import type { Speed } from '../../../workers/protocol.ts';
import { parseScenarioSource, THEMES, type Theme } from './options.ts';
import { MAX_DURATION_MS, type Statement } from './xapi.ts';

export const MESSAGE_SOURCE = 'ecs-sandbox';
export const PROTOCOL_VERSION = 1;

/**
 * Sandbox limit on one incoming message, in characters of its data's JSON form, strings counted
 * unescaped (see `measure`). Not the 256 KB first suggested: a `setState` must carry back any state
 * `getState` gave, and a saved run may be MAX_RUN_CHARS long, so the limit is that plus room for an
 * envelope and hints. A learner's run is a few KB; an inline scenario is at most ~100 KB.
 */
export const MAX_MESSAGE_CHARS = MAX_RUN_CHARS + 64 * 1024;
/** Sandbox limit on nesting: a scenario is a few levels deep; deeper data is refused, not walked. */
export const MAX_MESSAGE_DEPTH = 64;
/** Sandbox limit on a request id (a counter or a UUID in practice). */
export const MAX_ID_CHARS = 128;
/** Sandbox limits on a `loadScenario` address (same as the `scenario=` parameter's). */
export { MAX_SCENARIO_URL_CHARS } from './options.ts';

export type RequestId = string | number;

export interface Envelope<T extends string = string, P = unknown> {
  source: typeof MESSAGE_SOURCE;
  version: typeof PROTOCOL_VERSION;
  type: T;
  payload: P;
  id?: RequestId;
}

/**
 * The state the host keeps for the learner (getState/setState): the saved-progress shapes of
 * src/lib/progress/progress.ts without the summary and the save time, which the sandbox recomputes.
 */
export interface HostState {
  v: typeof PROGRESS_VERSION;
  scenarioId: string;
  /** The exported run (JSON text from the worker), at most MAX_RUN_CHARS. */
  run: string;
  /** Hints revealed, by objective id. */
  hints?: Record<string, number>;
  /**
   * The learner's wall-clock time on the exercise so far, whole ms (0 … MAX_DURATION_MS of xapi.ts):
   * from when the scenario opened (in this frame, or in an earlier one whose state was restored) to
   * the state's making. setState carries it on, so `completed.durationMs` counts the time spent before
   * a reload. Absent in states of older sandboxes: the time then counts from the scenario's opening
   * in this frame.
   */
  spentMs?: number;
}

// ——— events (sandbox → host) ———

/**
 * The learner's events also carry an xAPI statement (xapi.ts) for the host to forward to its LRS:
 * absent when the statement could not be built (said in development builds) or has no verb.
 */
export interface WithStatement {
  statement?: Statement;
}

/**
 * An event re-said for a run the host restored (setState), not something the learner just did: it
 * carries `restored: true` and NO statement, so an LRS does not record a passed or completed twice —
 * the first frame's events already carried them. A host UI can still use it to show its checkmarks.
 * Set from just before the run is restored until the sessions showing the restored run and its hints
 * were published; the learner's own later changes are normal events, with statements.
 */
export interface MaybeRestored {
  restored?: true;
}

export interface EventPayloads {
  /** The sandbox listens; `commands` lists what it accepts. */
  ready: { commands: readonly CommandType[] };
  /** statement: initialized. `restored`: the scenario reopened by a setState restore (no statement). */
  scenarioLoaded: { id: string } & WithStatement & MaybeRestored;
  /** statement: passed / failed, or answered for a prediction. `restored`: re-said for a restored run (no statement). */
  objectiveChanged: { id: string; passed: boolean } & WithStatement & MaybeRestored;
  /** statement: interacted (the objective). `restored`: a hint shown again by a restore (no statement). */
  hintShown: { objectiveId: string; hints: number } & WithStatement & MaybeRestored;
  /** statement: interacted (the scenario, response "solution"). `restored`: re-said for a restored run (no statement). */
  solutionRevealed: WithStatement & MaybeRestored;
  /**
   * statement: completed, with score, success and duration. `durationMs`: the learner's wall-clock
   * time on the exercise (from the scenario's opening, counting the `spentMs` of a restored state, to
   * the completion). `restored`: re-said for a restored run that was complete (no statement).
   */
  completed: { score: number; max: number; attempts: number; durationMs: number } & WithStatement & MaybeRestored;
  /** Debounced; carries the state so the host can keep it without asking. statement: attempted, once per opened scenario. */
  stateChanged: { state: HostState } & WithStatement;
  resize: { height: number };
  error: { code: ErrorCode; message: string };
}
export type EventType = keyof EventPayloads;
export const EVENT_TYPES: readonly EventType[] = ['ready', 'scenarioLoaded', 'objectiveChanged', 'hintShown', 'solutionRevealed', 'completed', 'stateChanged', 'resize', 'error'];

export type EventMessage<T extends EventType = EventType> = Envelope<T, EventPayloads[T]>;

export function eventMessage<T extends EventType>(type: T, payload: EventPayloads[T]): EventMessage<T> {
  return { source: MESSAGE_SOURCE, version: PROTOCOL_VERSION, type, payload };
}

// ——— commands (host → sandbox) ———

export interface CommandPayloads {
  /** Exactly one of id, url, scenario. The inline scenario is only checked to be a JSON object here: the scenario loader validates it. */
  loadScenario: { id: string } | { url: string } | { scenario: Record<string, unknown> };
  reset: Record<string, never>;
  getState: Record<string, never>;
  setState: { state: HostState };
  setTheme: { theme: Theme };
  setSpeed: { speed: Speed };
  play: Record<string, never>;
  pause: Record<string, never>;
}
export type CommandType = keyof CommandPayloads;
export const COMMAND_TYPES: readonly CommandType[] = ['loadScenario', 'reset', 'getState', 'setState', 'setTheme', 'setSpeed', 'play', 'pause'];

export type Command = { [T in CommandType]: { type: T; payload: CommandPayloads[T]; id?: RequestId } }[CommandType];

// ——— replies ———

export type ErrorCode = 'badEnvelope' | 'unsupportedVersion' | 'unknownCommand' | 'badPayload' | 'tooLarge' | 'wrongState' | 'failed';

export type ReplyMessage = Envelope<'reply', unknown> & { id: RequestId };
export type ErrorReply = Envelope<'error', { code: ErrorCode; message: string }>;

export function replyMessage(id: RequestId, result: unknown): ReplyMessage {
  return { source: MESSAGE_SOURCE, version: PROTOCOL_VERSION, type: 'reply', id, payload: result };
}

/** An error in answer to a command; without id when the command had none (or an unusable one). */
export function errorReply(id: RequestId | undefined, code: ErrorCode, message: string): ErrorReply {
  const reply: ErrorReply = { source: MESSAGE_SOURCE, version: PROTOCOL_VERSION, type: 'error', payload: { code, message } };
  if (id !== undefined) reply.id = id;
  return reply;
}

/** The form Canvas (and other LMSs that copied it) reads to size an LTI tool's iframe. */
export interface CanvasFrameResize {
  subject: 'lti.frameResize';
  height: number;
}

export function canvasFrameResize(height: number): CanvasFrameResize {
  return { subject: 'lti.frameResize', height: Math.max(0, Math.ceil(Number.isFinite(height) ? height : 0)) };
}

// ——— parsing what arrives ———

export interface MessageOrigin {
  /** MessageEvent.origin */
  origin: string;
  /** MessageEvent.source */
  source: unknown;
}

export interface AllowedSenders {
  /** Exact origins (see parseOrigins in options.ts), compared with ===. */
  origins: readonly string[];
  /** window.parent: the only window whose messages are read. */
  parent: unknown;
}

export type Incoming =
  | { ok: true; command: Command }
  /** `reply` absent: ignore silently (log in development builds). Present: post it to the message's origin. */
  | { ok: false; reason: string; reply?: ErrorReply };

/**
 * The scenario open in the sandbox when the message arrives: given, a setState of another scenario
 * is refused ('wrongState'); omitted, only the state's own shape is checked.
 */
export interface OpenScenario {
  scenarioId: string | null;
}

/**
 * Judges one MessageEvent's data. Origins are compared as given (`===`): `https://a.com` is not
 * `https://a.com:443/` — a browser never reports the latter, and options.ts refuses to allow it.
 */
export function parseIncoming(data: unknown, from: MessageOrigin, allowed: AllowedSenders, open?: OpenScenario): Incoming {
  try {
    return parseChecked(data, from, allowed, open);
  } catch {
    // Only reachable through hostile objects (a Proxy or a getter that throws) — never a structured clone.
    return { ok: false, reason: 'the message could not be read.' };
  }
}

function parseChecked(data: unknown, from: MessageOrigin, allowed: AllowedSenders, open: OpenScenario | undefined): Incoming {
  if (typeof from?.origin !== 'string' || !allowed.origins.includes(from.origin)) return { ok: false, reason: `a message from ${JSON.stringify(String(from?.origin)).slice(0, 80)}, which is not an allowed origin, was ignored.` };
  if (allowed.parent === null || allowed.parent === undefined || from.source !== allowed.parent) return { ok: false, reason: 'a message from a window other than the parent page was ignored.' };
  // Other scripts on the host page post messages too (analytics, other widgets): not ours, no reply.
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as Record<string, unknown>).source !== MESSAGE_SOURCE) return { ok: false, reason: `a message without source "${MESSAGE_SOURCE}" was ignored.` };

  const size = measure(data);
  const message = data as Record<string, unknown>;
  const idCheck = requestId(message.id);
  const id = 'id' in idCheck ? idCheck.id : undefined;
  const refuse = (code: ErrorCode, sentence: string): Incoming => ({ ok: false, reason: sentence, reply: errorReply(id, code, sentence) });

  if (size === 'tooLarge') return refuse('tooLarge', `The message is larger than ${MAX_MESSAGE_CHARS} characters of JSON; it was not read.`);
  if (size === 'tooDeep') return refuse('badEnvelope', `The message is nested more than ${MAX_MESSAGE_DEPTH} levels deep; it was not read.`);
  if (size === 'notJson') return refuse('badEnvelope', 'The message must hold only JSON data (objects, arrays, strings, finite numbers, true, false, null).');
  if ('problem' in idCheck) return refuse('badEnvelope', idCheck.problem);
  if (message.version !== PROTOCOL_VERSION) return refuse('unsupportedVersion', `The message has version ${describe(message.version)}; this sandbox speaks version ${PROTOCOL_VERSION}.`);
  if (typeof message.type !== 'string') return refuse('badEnvelope', `The message's "type" must be one of ${COMMAND_TYPES.join(', ')}.`);
  if (!(COMMAND_TYPES as readonly string[]).includes(message.type)) return refuse('unknownCommand', `${describe(message.type)} is not a command of this sandbox; the commands are ${COMMAND_TYPES.join(', ')}.`);
  const type = message.type as CommandType;
  const payload = message.payload === undefined ? {} : message.payload;
  if (!isPlainObject(payload)) return refuse('badPayload', `The "payload" of ${type} must be an object.`);

  const checked = parsePayload(type, payload, open);
  if (isRefusal(checked)) return refuse(checked.code, checked.message);
  const command = { type, payload: checked, ...(id === undefined ? {} : { id }) } as Command;
  return { ok: true, command };
}

/** The id ({} when absent), or the sentence saying why it is unusable. */
function requestId(raw: unknown): { id: RequestId } | { problem: string } | Record<string, never> {
  if (raw === undefined) return {};
  if (typeof raw === 'string' && raw.length > 0 && raw.length <= MAX_ID_CHARS) return { id: raw };
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return { id: raw };
  return { problem: `The message's "id" must be a string of 1 to ${MAX_ID_CHARS} characters or a whole number.` };
}

/** Why a command's payload was refused: the code and the sentence of the error reply. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}
const bad = (message: string): Refusal => ({ code: 'badPayload', message });
function isRefusal(value: unknown): value is Refusal {
  return isPlainObject(value) && typeof value.code === 'string' && typeof value.message === 'string' && Object.keys(value).length === 2;
}

/** A payload with no fields of its own must be empty: a typo'd field is said, not ignored. */
function noFields(type: CommandType, payload: Record<string, unknown>): Record<string, never> | Refusal {
  const keys = Object.keys(payload);
  return keys.length === 0 ? {} : bad(`${type} takes no payload fields, but was given ${keys.slice(0, 3).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}.`);
}

function parsePayload(type: CommandType, payload: Record<string, unknown>, open: OpenScenario | undefined): CommandPayloads[CommandType] | Refusal {
  switch (type) {
    case 'reset':
    case 'getState':
    case 'play':
    case 'pause':
      return noFields(type, payload);
    case 'setTheme':
      if (!(THEMES as readonly unknown[]).includes(payload.theme)) return bad(`setTheme's "theme" must be light, dark or auto, not ${describe(payload.theme)}.`);
      return { theme: payload.theme as Theme };
    case 'setSpeed':
      if (!isSpeed(payload.speed)) return bad(`setSpeed's "speed" must be one of ${SPEEDS.map((s) => JSON.stringify(s)).join(', ')}, not ${describe(payload.speed)}.`);
      return { speed: payload.speed };
    case 'loadScenario':
      return parseLoadScenario(payload);
    case 'setState':
      return parseHostState(payload.state, open);
  }
}

function parseLoadScenario(payload: Record<string, unknown>): CommandPayloads['loadScenario'] | Refusal {
  const given = (['id', 'url', 'scenario'] as const).filter((k) => payload[k] !== undefined);
  if (given.length !== 1) return bad(`loadScenario needs exactly one of "id", "url" or "scenario" (an inline scenario object), not ${given.length === 0 ? 'none' : given.join(' and ')}.`);
  if (payload.id !== undefined) {
    if (!isScenarioId(payload.id)) return bad(`loadScenario's "id" must be a scenario id (lower-case letters, digits and "-"), not ${describe(payload.id)}.`);
    return { id: payload.id };
  }
  if (payload.url !== undefined) {
    const source = typeof payload.url === 'string' && /^https?:\/\//i.test(payload.url) ? parseScenarioSource(payload.url) : null;
    if (source === null || typeof source === 'string' || source.kind !== 'url') return bad(`loadScenario's "url" must be an http(s) address of a scenario file (without a user name or password), not ${describe(payload.url)}.`);
    return { url: source.url };
  }
  if (!isPlainObject(payload.scenario)) return bad(`loadScenario's "scenario" must be a scenario object (as in a scenario's JSON file).`);
  return { scenario: payload.scenario };
}

/**
 * A host state for setState, checked with the saved-progress checks of progress.ts (the same shapes
 * and limits: scenario id, run length, hints) and `spentMs` (whole ms, 0 … MAX_DURATION_MS). Other versions are refused, never guessed at; with
 * `open`, a state of another scenario than the open one is refused too.
 */
export function parseHostState(raw: unknown, open?: OpenScenario): { state: HostState } | Refusal {
  if (!isPlainObject(raw)) return bad(`setState's "state" must be the object getState gave.`);
  if (raw.v !== PROGRESS_VERSION) return { code: 'wrongState', message: `setState's state has version ${describe(raw.v)}; this sandbox reads version ${PROGRESS_VERSION}, so it was not restored.` };
  if (!isScenarioId(raw.scenarioId)) return bad(`setState's "scenarioId" must be a scenario id (lower-case letters, digits and "-"), not ${describe(raw.scenarioId)}.`);
  if (open !== undefined && raw.scenarioId !== open.scenarioId) {
    const where = open.scenarioId === null ? 'no scenario is open' : `${open.scenarioId} is open`;
    return { code: 'wrongState', message: `setState's state is of scenario ${raw.scenarioId}, but ${where}; load that scenario first.` };
  }
  const unknownKeys = Object.keys(raw).filter((k) => !['v', 'scenarioId', 'run', 'hints', 'spentMs'].includes(k));
  if (unknownKeys.length > 0) return bad(`setState's state has fields this sandbox does not know (${unknownKeys.slice(0, 3).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}).`);
  // The saved-progress checks of the fields a host keeps (run, hints).
  if (!isRun(raw.run)) return bad(`setState's state was not restored: ${runProblem(raw.scenarioId)}`);
  const hints = parseHints(raw.hints);
  if (hints === null) return bad(`setState's state was not restored: ${hintsProblem(raw.scenarioId)}`);
  const spentMs = raw.spentMs;
  if (spentMs !== undefined && (typeof spentMs !== 'number' || !Number.isSafeInteger(spentMs) || spentMs < 0 || spentMs > MAX_DURATION_MS)) {
    return bad(`setState's "spentMs" must be whole milliseconds between 0 and ${MAX_DURATION_MS} (the time getState gave), not ${describe(spentMs)}.`);
  }
  return { state: { v: PROGRESS_VERSION, scenarioId: raw.scenarioId, run: raw.run, ...(hints === undefined ? {} : { hints }), ...(spentMs === undefined ? {} : { spentMs }) } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A value in a sentence: short, quoted, never the whole thing. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Walks the data without recursion, counting its JSON size (strings unescaped) and stopping as soon
 * as it exceeds MAX_MESSAGE_CHARS or MAX_MESSAGE_DEPTH, so a huge or cyclic message (structured clone
 * carries cycles) costs at most the limit. Anything not JSON (a function is impossible in a clone,
 * but a Map, a Date, a typed array, undefined inside an array, NaN are possible) is refused.
 */
function measure(root: unknown): 'ok' | 'tooLarge' | 'tooDeep' | 'notJson' {
  let size = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > MAX_MESSAGE_DEPTH) return 'tooDeep';
    if (value === null || typeof value === 'boolean') size += 5;
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return 'notJson';
      size += 24;
    } else if (typeof value === 'string') size += value.length + 2;
    else if (Array.isArray(value)) {
      size += 2 + value.length;
      if (size > MAX_MESSAGE_CHARS) return 'tooLarge';
      for (let i = 0; i < value.length; i++) {
        if (!(i in value) || value[i] === undefined) return 'notJson';
        stack.push([value[i], depth + 1]);
      }
    } else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      size += 2;
      for (const key of keys) {
        size += key.length + 4;
        if (size > MAX_MESSAGE_CHARS) return 'tooLarge';
        // An absent optional field (undefined) is allowed in an object, as JSON.stringify drops it.
        if (value[key] !== undefined) stack.push([value[key], depth + 1]);
      }
    } else return 'notJson';
    if (size > MAX_MESSAGE_CHARS) return 'tooLarge';
  }
  return 'ok';
}
