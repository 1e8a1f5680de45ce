/**
 * The pure parts of the host helper (embed.js, issue 9 item 6): the frame's address, the check of
 * what the sandbox posts, the table of commands waiting for their reply, and the height rule. No DOM
 * here, so the tests run them in Node; src/host/embed.ts wires them to a page.
 *
 * embed.js runs on course pages, so it stays small and self-contained: it imports only *types* from
 * the sandbox's protocol module (src/lib/embed/protocol.ts), whose values would pull the progress
 * and playback modules into the script. The few constants it needs are repeated below, typed against
 * the protocol's, and test/unit/host/core.test.ts checks they are equal.
 */
import type { CommandType, ErrorCode, EventPayloads, EventType, MESSAGE_SOURCE as ProtocolSource, PROTOCOL_VERSION as ProtocolVersion, RequestId } from '../lib/embed/protocol.ts';

export const MESSAGE_SOURCE: typeof ProtocolSource = 'ecs-sandbox';
export const PROTOCOL_VERSION: typeof ProtocolVersion = 1;

/** The events of protocol version 1 (EVENT_TYPES in protocol.ts; the test checks they match). */
export const EVENT_TYPES: readonly EventType[] = ['ready', 'scenarioLoaded', 'objectiveChanged', 'hintShown', 'solutionRevealed', 'completed', 'stateChanged', 'resize', 'error'];
export const COMMAND_TYPES: readonly CommandType[] = ['loadScenario', 'reset', 'getState', 'setState', 'setTheme', 'setSpeed', 'play', 'pause'];

/** How long a command waits for its reply once posted. */
export const REPLY_TIMEOUT_MS = 10_000;
/** The frame's height before the sandbox's first `resize`. */
export const INITIAL_HEIGHT_PX = 480;
/** Heights from `resize` are clamped to this range: never 0 (a collapsed frame never grows back), never a runaway layout. */
export const MIN_HEIGHT_PX = 120;
/** RESIZE_MAX_HEIGHT_PX in src/lib/embed/resize.ts: the sandbox never reports more. */
export const MAX_HEIGHT_PX = 20_000;

/** Parameters mount() sets itself; a host gives them through its own options instead. */
const OWN_PARAMS = ['embed', 'origins', 'scenario'];

export type ParamValue = string | number | boolean | null | undefined;

export interface FrameAddress {
  /** The iframe's src. */
  src: string;
  /** The sandbox's origin (scheme://host[:port]), compared with === to MessageEvent.origin. */
  sandboxOrigin: string;
}

/**
 * The iframe's address: `<sandbox>?embed=1&origins=<host origin>&scenario=<id>` plus the host's other
 * URL options (panels, theme, lang, readonly, autoplay, speed, seed, clickToLoad), passed as strings
 * for the sandbox to validate (booleans as 1 or 0). Throws one Error with a sentence when the sandbox
 * address or the host page's origin cannot work.
 */
export function frameAddress(sandbox: string, base: string, hostOrigin: string, scenario: string | undefined, params: Record<string, ParamValue> = {}): FrameAddress {
  let url: URL;
  try {
    url = new URL(sandbox, base);
  } catch {
    throw new Error(`EcsSandbox.mount: "origin" must be the http(s) address of the sandbox (such as https://sandbox.example.org/ecs/), not ${quote(sandbox)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`EcsSandbox.mount: "origin" must be an http(s) address of the sandbox, not ${quote(sandbox)}.`);
  if (url.username !== '' || url.password !== '') throw new Error('EcsSandbox.mount: "origin" must not carry a user name or password.');
  // The sandbox refuses "null" (file: pages, sandboxed pages): any page could claim it.
  if (!/^https?:\/\/[^/]+$/.test(hostOrigin)) throw new Error(`EcsSandbox.mount: this page's origin is ${quote(hostOrigin)}; the sandbox talks only to pages served over http(s), so serve the course page from a web server.`);
  const search = url.searchParams;
  search.set('embed', '1');
  search.set('origins', hostOrigin);
  if (scenario !== undefined && scenario !== '') search.set('scenario', scenario);
  for (const [name, value] of Object.entries(params)) {
    if (OWN_PARAMS.includes(name)) throw new Error(`EcsSandbox.mount: "${name}" is set by mount itself${name === 'scenario' ? ' (use the scenario option)' : ''}; leave it out of params.`);
    if (value === undefined || value === null) continue;
    search.set(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  url.hash = '';
  return { src: url.href, sandboxOrigin: url.origin };
}

/** The directory a script was loaded from (document.currentScript.src), the default sandbox address. */
export function scriptDirectory(scriptSrc: string | null | undefined): string | null {
  if (!scriptSrc) return null;
  try {
    const url = new URL('.', scriptSrc);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

// ——— what the sandbox posts ———

/** An event as onEvent receives it. */
export interface SandboxEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayloads[T];
  /** The xAPI statement the sandbox attached (payload.statement), for the host's LRS. */
  statement?: Record<string, unknown>;
}

export type SandboxMessage =
  | { kind: 'event'; event: SandboxEvent }
  | { kind: 'reply'; id: RequestId; payload: unknown }
  | { kind: 'error'; id: RequestId; code: string; message: string };

/**
 * Judges one MessageEvent's data, already known to come from the frame (see embed.ts): a version-1
 * envelope of a known event, a reply or an error reply, or null for anything else (Canvas's
 * lti.frameResize, other scripts' messages, malformed data). Never throws.
 */
export function parseSandboxMessage(data: unknown): SandboxMessage | null {
  try {
    if (!isRecord(data) || data.source !== MESSAGE_SOURCE || data.version !== PROTOCOL_VERSION || typeof data.type !== 'string') return null;
    const id = data.id;
    const hasId = id !== undefined;
    if (hasId && !isRequestId(id)) return null;
    const payload = data.payload;
    if (data.type === 'reply') return hasId ? { kind: 'reply', id: id as RequestId, payload } : null;
    if (!isRecord(payload)) return null;
    // 'error' with an id answers a command; without one it is the sandbox's error event.
    if (data.type === 'error' && hasId) {
      const message = typeof payload.message === 'string' ? payload.message : 'The sandbox refused the command.';
      return { kind: 'error', id: id as RequestId, code: typeof payload.code === 'string' ? payload.code : 'failed', message };
    }
    const type = data.type as EventType;
    if (!EVENT_TYPES.includes(type)) return null;
    if (type === 'resize' && clampHeight(payload.height) === null) return null;
    const event: SandboxEvent = { type, payload: payload as EventPayloads[EventType] };
    if (isRecord(payload.statement)) event.statement = payload.statement;
    return { kind: 'event', event };
  } catch {
    // Only a hostile object (a getter that throws) gets here, never a structured clone.
    return null;
  }
}

/** A reported height as the frame's, clamped to [MIN_HEIGHT_PX, MAX_HEIGHT_PX]; null when it is not a positive number. */
export function clampHeight(height: unknown): number | null {
  if (typeof height !== 'number' || !Number.isFinite(height) || height <= 0) return null;
  return Math.min(MAX_HEIGHT_PX, Math.max(MIN_HEIGHT_PX, Math.ceil(height)));
}

function isRequestId(value: unknown): value is RequestId {
  return (typeof value === 'string' && value.length > 0 && value.length <= 128) || (typeof value === 'number' && Number.isSafeInteger(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

// ——— commands waiting for their reply ———

/** The Error a refused command rejects with: the sandbox's sentence, and its code. */
export class CommandError extends Error {
  readonly code: ErrorCode | 'timeout' | 'destroyed' | string;
  constructor(message: string, code: string) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
  }
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface Waiting {
  type: string;
  resolve(payload: unknown): void;
  reject(error: Error): void;
  timer: unknown;
}

/**
 * Commands posted and not yet answered, by id. Ids are `<prefix>-<n>`: the prefix tells two helpers
 * on one page apart in a log, and a reply is matched by its id alone, so a stale or forged reply with
 * an id never issued is ignored.
 */
export class PendingReplies {
  readonly #waiting = new Map<RequestId, Waiting>();
  #next = 1;
  constructor(
    private readonly prefix: string,
    private readonly timers: Timers,
    private readonly timeoutMs: number = REPLY_TIMEOUT_MS,
  ) {}

  /** A new id, and the promise its reply settles; the timeout starts now. */
  open(type: string): { id: string; reply: Promise<unknown> } {
    const id = `${this.prefix}-${this.#next++}`;
    const reply = new Promise<unknown>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.#waiting.delete(id);
        reject(new CommandError(`The sandbox did not answer ${type} within ${Math.round(this.timeoutMs / 1000)} s (is the frame loaded and showing the sandbox?).`, 'timeout'));
      }, this.timeoutMs);
      this.#waiting.set(id, { type, resolve, reject, timer });
    });
    return { id, reply };
  }

  /** Settles the command a reply answers; false when no command waits for that id. */
  settle(message: Extract<SandboxMessage, { kind: 'reply' | 'error' }>): boolean {
    const waiting = this.#waiting.get(message.id);
    if (waiting === undefined) return false;
    this.#waiting.delete(message.id);
    this.timers.clearTimeout(waiting.timer);
    if (message.kind === 'reply') waiting.resolve(message.payload);
    else waiting.reject(new CommandError(message.message, message.code));
    return true;
  }

  /** Rejects every waiting command (the frame was removed). */
  rejectAll(message: string, code: string): void {
    for (const [id, waiting] of this.#waiting) {
      this.timers.clearTimeout(waiting.timer);
      waiting.reject(new CommandError(message.replace('{type}', waiting.type), code));
      this.#waiting.delete(id);
    }
  }

  get size(): number {
    return this.#waiting.size;
  }
}

// ——— host-side persistence ———

/** The state the sandbox gave in stateChanged, when it has the shape a setState needs. */
export function storableState(payload: unknown): { scenarioId: string } & Record<string, unknown> | null {
  if (!isRecord(payload) || !isRecord(payload.state)) return null;
  const state = payload.state;
  return typeof state.scenarioId === 'string' && typeof state.run === 'string' ? (state as { scenarioId: string } & Record<string, unknown>) : null;
}

/** The localStorage key of a mount with `persist: true`: one per sandbox address and scenario. */
export function defaultPersistKey(sandboxSrcWithoutQuery: string, scenario: string | undefined): string {
  return `ecs-sandbox:state:${sandboxSrcWithoutQuery}#${scenario ?? ''}`;
}
