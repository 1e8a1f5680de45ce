/**
 * The sandbox's side of the postMessage API (issue 9 items 3–5), a lazy chunk that boot.ts loads
 * only when the page is framed and `origins=` allows at least one host.
 *
 * - **Who is listened to**: a message is read only when `parseIncoming` (protocol.ts) accepts it:
 *   its origin is exactly one of the allowed origins, its source is `window.parent`, and its shape
 *   validates. Anything else is ignored without a reply (logged in development builds); a message
 *   from the host that does not validate gets an `error` reply carrying its id.
 * - **Who is posted to** (never '*'): the host's origin, known at once from
 *   `location.ancestorOrigins[0]` (Chromium, Safari) — when that origin is not allowed the bridge
 *   posts nothing at all. Without ancestorOrigins (Firefox) each message is posted once per allowed
 *   origin: `postMessage(message, origin)` is delivered only when the parent's origin is exactly
 *   `origin`, so only the real parent, when allowed, receives it and no other page can. As soon as
 *   a command arrives, its origin is the host's and only it is posted to from then on.
 * - **Commands** run one after another (a setState never interleaves with a loadScenario), each
 *   answered by a `reply` or an `error` with the command's id.
 * - **Events** come from the sessions the worker publishes (`onSession`): each change of an
 *   objective's verdict, each hint, the solution revealed, the lesson completed, once per change,
 *   each with an xAPI statement (xapi.ts); `stateChanged` (debounced) carries the host state so the
 *   host can keep the learner's work; `resize` comes from the HeightReporter (resize.ts).
 * - **Restores**: while a setState restores a run (from just before the run is restored until the
 *   sessions showing it and its hints were published), the events it causes carry `restored: true`
 *   and no statement: the host's UI can follow, but an LRS does not record a passed/completed twice.
 * - **Time**: `completed.durationMs` is the learner's wall-clock time on the exercise, from the
 *   scenario's opening in this frame (`now()`), carried across reloads by the host state's `spentMs`.
 *
 * Everything a message carries is data: a scenario (inline or fetched) goes to the worker's
 * scenario parser only, never executed nor shown as HTML.
 */
import type { LessonState, LessonStepStatus, ObjectiveStatus, Scenario, ScenarioIssue, SessionState, Speed } from '../../../workers/protocol.ts';
import { hintsOf, isRun, PROGRESS_VERSION } from '../progress/progress.ts';
import {
  COMMAND_TYPES, errorReply, eventMessage, parseIncoming, replyMessage,
  type Command, type ErrorCode, type EventPayloads, type EventType, type HostState, type RequestId,
} from './protocol.ts';
import { createStatementFactory, MAX_DURATION_MS, type Built, type Statement, type StatementFactory } from './xapi.ts';
import type { EmbedOptions, Theme } from './options.ts';
import { animationFrameScheduler, HeightReporter, type ResizeMessages } from './resize.ts';
import { applyTheme } from './theme.ts';
import { watchClient } from './session-watch.svelte.ts';
import { fetchScenarioText } from '../authoring/fetch-scenario.ts';
import { BUNDLED_SCENARIO_IDS, loadBundledScenario } from '../bundled-scenarios.ts';
import sandboxYaml from '../../../scenarios/sandbox.yaml?raw';

/** stateChanged waits this long after the last change (a learner typing commands makes one event). */
export const STATE_DEBOUNCE_MS = 1000;
/**
 * After a restore, how long setState waits for the restored session before revealing hints, and
 * for the session showing the last hint revealed, before the restore is over.
 */
export const RESTORE_SETTLE_MS = 3000;

/** What the bridge needs of the SandboxClient (sandbox-client.svelte.ts). */
export interface BridgeClient {
  readonly session: SessionState | null;
  /** Set on the first getState/setState: the host keeps the learner's work from then on. */
  progressKeptByHost: boolean;
  readonly scenario: Scenario | null;
  loadScenarioText(text: string): Promise<{ ok: true } | { ok: false; issues: ScenarioIssue[] }>;
  reset(): Promise<{ ok: true } | { ok: false; issues: ScenarioIssue[] }>;
  exportRun(): Promise<string>;
  restoreRun(run: string): Promise<{ ok: true } | { ok: false; message: string }>;
  revealHint(objectiveId: string): Promise<{ ok: true } | { ok: false; message: string }>;
  play(): Promise<void>;
  pause(): Promise<void>;
  setSpeed(speed: Speed): Promise<void>;
}

/** The window the bridge lives in (a fake in the unit tests). */
export interface BridgeWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
  location: { ancestorOrigins?: ArrayLike<string> | undefined };
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type TextOutcome = { ok: true; text: string } | { ok: false; message: string };

export interface BridgeOptions {
  client: BridgeClient;
  win: BridgeWindow;
  /** Exact allowed host origins (options.ts `origins`). */
  origins: readonly string[];
  /** Activity ids start with this absolute http(s) IRI (xapi.ts). */
  activityBase: string;
  /** The learner's language for the statements' context (options.ts `lang`). */
  language?: string | null;
  /** A bundled scenario's text by id; rejects (or answers null) for an unknown id. */
  bundledScenario(id: string): Promise<string | null>;
  /** A scenario file at an http(s) address, with the `?scenario=<url>` limits (fetch-scenario.ts). */
  fetchScenario(url: string): Promise<TextOutcome>;
  applyTheme(theme: Theme): void;
  /** Wall-clock epoch ms, for statement timestamps and the learner's time on the exercise. */
  now(): number;
  /** Ignored messages and unbuilt statements (development builds); default: nothing. */
  log?(message: string): void;
}

type Reply = { ok: true; result: unknown } | { ok: false; code: ErrorCode; message: string };

interface SessionWait {
  promise: Promise<SessionState | null>;
  cancel(): void;
}

interface Seen {
  scenarioId: string;
  /** The client's scenario object: a new one means the scenario was loaded again or reset. */
  scenario: Scenario;
  /** Objective verdicts as last reported (absent: not passed). */
  passed: Map<string, boolean>;
  /** Predictions whose score was reported. */
  judged: Set<string>;
  hints: Map<string, number>;
  solutionRevealed: boolean;
  completed: boolean;
  attemptedSent: boolean;
  signature: string;
  /** The last session had the learner's work (commands or hints). */
  hadWork: boolean;
  /** now() when the scenario opened in this frame, moved back by a restored state's spentMs. */
  openedAt: number;
}

/** A setState restore in progress: its events are `restored`, without statements. */
interface Restoring {
  /** The restored state's time on the exercise, if it had one. */
  spentMs?: number;
}

export class EmbedBridge {
  readonly #o: BridgeOptions;
  readonly #xapi: StatementFactory | null;
  #targets: string[];
  #queue: Promise<void> = Promise.resolve();
  #seen: Seen | null = null;
  #stateTimer: unknown = null;
  #sessionWaiters: Array<(session: SessionState | null) => void> = [];
  #disposed = false;
  #lastSession: SessionState | null = null;
  #restoring: Restoring | null = null;
  readonly #listener = (event: MessageEvent): void => this.#receive(event);

  constructor(options: BridgeOptions) {
    this.#o = options;
    const built = createStatementFactory({ activityBase: options.activityBase, ...(options.language ? { language: options.language } : {}) });
    this.#xapi = built.ok ? built.value : null;
    if (!built.ok) this.#log(`xAPI statements are off: ${built.message}`);
    this.#targets = hostTargets(options.origins, options.win.location.ancestorOrigins);
    if (this.#targets.length === 0) this.#log('the parent page\'s origin is not one of origins=: the bridge stays silent.');
    options.win.addEventListener('message', this.#listener);
    this.#emit('ready', { commands: COMMAND_TYPES });
  }

  /** Where messages go now (exact origins). */
  get targets(): readonly string[] {
    return this.#targets;
  }

  dispose(): void {
    this.#disposed = true;
    this.#o.win.removeEventListener('message', this.#listener);
    if (this.#stateTimer !== null) this.#o.win.clearTimeout(this.#stateTimer);
    this.#stateTimer = null;
  }

  /** Posts the auto-height messages (HeightReporter's `post`). */
  postResize(messages: ResizeMessages): void {
    this.#post(messages.sandbox);
    this.#post(messages.canvas);
  }

  /** Says a problem of the sandbox itself (a scenario that failed to load, a lost worker). */
  reportError(message: string): void {
    this.#emit('error', { code: 'failed', message });
  }

  // ——— messages in ———

  #receive(event: MessageEvent): void {
    if (this.#disposed) return;
    // No open scenario given: a setState is judged against the scenario open when it runs, after
    // any loadScenario queued before it, not when it arrives.
    const incoming = parseIncoming(event.data, { origin: event.origin, source: event.source }, { origins: this.#o.origins, parent: this.#o.win.parent });
    if (!incoming.ok) {
      this.#log(incoming.reason);
      // An error reply goes to the message's origin, which parseIncoming has checked is allowed and the parent's.
      if (incoming.reply !== undefined) this.#postTo(incoming.reply, event.origin);
      return;
    }
    this.#targets = [event.origin];
    const { command } = incoming;
    this.#queue = this.#queue.then(async () => {
      let reply: Reply;
      try {
        reply = await this.#run(command);
      } catch (error) {
        reply = { ok: false, code: 'failed', message: `${command.type} failed: ${errorText(error)}` };
      }
      this.#answer(command.id, reply);
    });
  }

  #answer(id: RequestId | undefined, reply: Reply): void {
    if (reply.ok) {
      // A command without id wants no answer when it succeeds; a failure is still said.
      if (id !== undefined) this.#post(replyMessage(id, reply.result));
    } else this.#post(errorReply(id, reply.code, reply.message));
  }

  async #run(command: Command): Promise<Reply> {
    const client = this.#o.client;
    switch (command.type) {
      case 'loadScenario':
        return this.#loadScenario(command.payload);
      case 'reset': {
        const outcome = await client.reset();
        return outcome.ok ? done({}) : refused('failed', `reset failed: ${issuesText(outcome.issues)}`);
      }
      case 'getState': {
        client.progressKeptByHost = true;
        const state = await this.#hostState();
        return 'message' in state ? refused('failed', state.message) : done({ state });
      }
      case 'setState':
        client.progressKeptByHost = true;
        return this.#setState(command.payload.state);
      case 'setTheme':
        this.#o.applyTheme(command.payload.theme);
        return done({});
      case 'setSpeed':
        await client.setSpeed(command.payload.speed);
        return done({});
      case 'play':
        await client.play();
        return done({});
      case 'pause':
        await client.pause();
        return done({});
    }
  }

  async #loadScenario(payload: Extract<Command, { type: 'loadScenario' }>['payload']): Promise<Reply> {
    let text: string;
    if ('id' in payload) {
      let found: string | null = null;
      try {
        found = await this.#o.bundledScenario(payload.id);
      } catch {
        found = null;
      }
      if (found === null) return refused('badPayload', `There is no bundled scenario "${payload.id}".`);
      text = found;
    } else if ('url' in payload) {
      const fetched = await this.#o.fetchScenario(payload.url);
      if (!fetched.ok) return refused('failed', fetched.message);
      text = fetched.text;
    } else {
      // JSON is YAML: the worker's scenario parser reads the object's JSON text, field by field.
      text = JSON.stringify(payload.scenario);
    }
    const outcome = await this.#o.client.loadScenarioText(text);
    if (!outcome.ok) return refused('failed', `The scenario was not loaded: ${issuesText(outcome.issues)}`);
    return done({ id: this.#o.client.scenario?.id ?? null });
  }

  /** The host state of the open scenario (with the learner's time on it), or why there is none. */
  async #hostState(): Promise<HostState | { message: string }> {
    const session = this.#o.client.session;
    if (session === null) return { message: 'No scenario is open yet.' };
    const run = await this.#o.client.exportRun();
    if (!isRun(run) || run === '') return { message: 'The run could not be exported.' };
    // The run and the hints must be of one scenario: a switch during the export makes no state.
    const now = this.#o.client.session;
    if (now === null || now.scenarioId !== session.scenarioId) return { message: 'The scenario changed while its state was read.' };
    const hints = now.lesson === null ? {} : hintsOf(now.lesson);
    const seen = this.#seen;
    const spent = seen !== null && seen.scenarioId === session.scenarioId ? { spentMs: wallDuration(seen.openedAt, this.#o.now()) } : {};
    return { v: PROGRESS_VERSION, scenarioId: session.scenarioId, run, ...(Object.keys(hints).length === 0 ? {} : { hints }), ...spent };
  }

  async #setState(state: HostState): Promise<Reply> {
    const client = this.#o.client;
    const open = client.session?.scenarioId ?? null;
    if (state.scenarioId !== open) {
      return refused('wrongState', `setState's state is of scenario ${state.scenarioId}, but ${open === null ? 'no scenario is open' : `${open} is open`}; load that scenario first.`);
    }
    // The restored scenario's time on the exercise: the state's, plus what follows (also when the
    // restore reopens the scenario: see onSession). Put back if the run is refused.
    const seen = this.#seen !== null && this.#seen.scenarioId === state.scenarioId ? this.#seen : null;
    const openedBefore = seen?.openedAt;
    if (seen !== null && state.spentMs !== undefined) seen.openedAt = this.#o.now() - state.spentMs;
    this.#restoring = state.spentMs === undefined ? {} : { spentMs: state.spentMs };
    const settled = this.#nextSession();
    try {
      const restored = await client.restoreRun(state.run);
      if (!restored.ok) {
        settled.cancel();
        if (seen !== null && openedBefore !== undefined) seen.openedAt = openedBefore;
        return refused('failed', `The state was not restored: ${restored.message}`);
      }
      // Hints are not in the run: show as many as the host says were read, counting those shown now.
      const session = await settled.promise;
      let shown = 0;
      // The session showing the last hint revealed is still the restore's: wait for it (bounded).
      let lastShown: SessionWait | null = null;
      for (const [objectiveId, wanted] of Object.entries(state.hints ?? {})) {
        const have = session?.lesson === null || session === null ? 0 : objectiveOf(session.lesson, objectiveId)?.hints.length ?? 0;
        for (let i = have; i < wanted; i++) {
          const next = this.#nextSession();
          const revealed = await client.revealHint(objectiveId);
          if (!revealed.ok) {
            next.cancel();
            break;
          }
          lastShown?.cancel();
          lastShown = next;
          shown++;
        }
      }
      if (lastShown !== null) await lastShown.promise;
      return done({ scenarioId: state.scenarioId, hintsShown: shown });
    } finally {
      this.#restoring = null;
    }
  }

  /**
   * Resolves with the next session published (or the current one after RESTORE_SETTLE_MS). Its
   * continuation runs after onSession has said that session's events. `cancel` stops waiting.
   */
  #nextSession(): SessionWait {
    let resolve!: (s: SessionState | null) => void;
    let timer: unknown = null;
    const promise = new Promise<SessionState | null>((ok) => {
      resolve = (s) => {
        if (timer !== null) this.#o.win.clearTimeout(timer);
        timer = null;
        ok(s);
      };
      timer = this.#o.win.setTimeout(() => {
        timer = null;
        this.#sessionWaiters = this.#sessionWaiters.filter((w) => w !== resolve);
        ok(this.#o.client.session);
      }, RESTORE_SETTLE_MS);
    });
    this.#sessionWaiters.push(resolve);
    const cancel = (): void => {
      this.#sessionWaiters = this.#sessionWaiters.filter((w) => w !== resolve);
      if (timer !== null) this.#o.win.clearTimeout(timer);
      timer = null;
    };
    return { promise, cancel };
  }

  // ——— events from the sessions ———

  /**
   * Called with the client's session (and scenario) whenever either changes. Emits each change
   * once: the same session twice emits nothing.
   */
  onSession(session: SessionState | null, scenario: Scenario | null = this.#o.client.scenario): void {
    if (this.#disposed || session === null) return;
    const waiters = this.#sessionWaiters;
    this.#sessionWaiters = [];
    for (const resolve of waiters) resolve(session);
    // The session and the scenario are published apart: wait until both describe the same scenario.
    if (scenario === null || scenario.id !== session.scenarioId) return;
    const at = this.#o.now();
    let seen = this.#seen;
    // A load (the same scenario again included) or a reset gives the client a new scenario object:
    // the scenario opened again. Its session usually comes a frame later: a session already seen
    // that has commands is the old run's, so wait for the next (one without commands is as good
    // as the fresh one).
    const reopened = seen !== null && seen.scenario !== scenario;
    const stale = session === this.#lastSession;
    this.#lastSession = session;
    if (reopened && stale && session.timeline.commands > 0) return;
    if (seen === null || seen.scenarioId !== session.scenarioId || reopened) {
      this.#cancelStateTimer();
      // The same scenario started over (a reset, "Start over", loaded again) after the learner had
      // worked in it: the host's copy of that work is no longer the learner's, so the empty state
      // is sent. A scenario opened afresh otherwise sends none: a reload must not overwrite the
      // host's copy before its setState.
      const startedOver = seen !== null && seen.scenarioId === session.scenarioId && seen.hadWork;
      // Reopened by a setState restore: the time on the exercise goes on — the restored state's
      // (setState already moved this scenario's openedAt back by its spentMs), else from now.
      const restoring = this.#restoring;
      const openedAt = restoring === null ? at : seen !== null && seen.scenarioId === session.scenarioId ? seen.openedAt : at - (restoring.spentMs ?? 0);
      seen = this.#seen = fresh(session, scenario, openedAt);
      this.#emit('scenarioLoaded', { id: session.scenarioId, ...this.#said(() => this.#xapi!.initialized(scenario, at)) });
      // What the scenario opens with (normally nothing) is its baseline: only changes are events.
      if (session.lesson !== null) this.#lessonEvents(seen, session.lesson, scenario, at, true);
      seen.signature = signature(session);
      seen.hadWork = hasWork(session);
      this.#restoredAttempt(seen, session);
      if (startedOver) this.#scheduleStateChanged();
      return;
    }
    if (session.lesson !== null) this.#lessonEvents(seen, session.lesson, scenario, at, false);
    seen.hadWork = hasWork(session);
    this.#restoredAttempt(seen, session);
    const sig = signature(session);
    if (sig !== seen.signature) {
      seen.signature = sig;
      this.#scheduleStateChanged();
    }
  }

  #lessonEvents(seen: Seen, lesson: LessonState, scenario: Scenario, at: number, baseline: boolean): void {
    const x = this.#xapi;
    for (const step of lesson.steps) {
      for (const objective of step.objectives) {
        const ref = { id: objective.id, title: objective.title, stepId: step.id };
        const hints = objective.hints.length;
        if (hints !== (seen.hints.get(objective.id) ?? 0)) {
          const grew = hints > (seen.hints.get(objective.id) ?? 0);
          seen.hints.set(objective.id, hints);
          if (!baseline && grew) this.#emit('hintShown', { objectiveId: objective.id, hints, ...this.#said(() => x!.hintShown(scenario, ref, hints, at)) });
        }
        const was = seen.passed.get(objective.id) ?? false;
        const judgedNow = isJudgedPrediction(objective) && !seen.judged.has(objective.id);
        if (objective.passed === was && !judgedNow) continue;
        seen.passed.set(objective.id, objective.passed);
        if (judgedNow) seen.judged.add(objective.id);
        if (baseline && !objective.passed) continue;
        this.#emit('objectiveChanged', { id: objective.id, passed: objective.passed, ...this.#said(() => objectiveStatement(x!, scenario, objective, ref, at)) });
      }
    }
    if (lesson.solutionRevealed !== seen.solutionRevealed) {
      seen.solutionRevealed = lesson.solutionRevealed;
      if (lesson.solutionRevealed && !baseline) this.#emit('solutionRevealed', { ...this.#said(() => x!.solutionRevealed(scenario, at)) });
    }
    if (lesson.attempts === 0) seen.attemptedSent = false;
    if (lesson.completed !== seen.completed) {
      seen.completed = lesson.completed;
      if (lesson.completed) {
        const completion = completionOf(lesson, wallDuration(seen.openedAt, at));
        this.#emit('completed', { ...completion, ...this.#said(() => x!.completed(scenario, completion, at)) });
      }
    }
  }

  /**
   * Sends the learner's state now, when they have worked in the open scenario: a pending debounce
   * goes at once, and otherwise the state goes again with its time on the exercise (`spentMs`)
   * brought up to date. Called when the page is hidden (the learner leaves the tab, the host
   * navigates or reloads the frame), so the host's copy keeps the time spent since the last change.
   */
  flushState(): void {
    const seen = this.#seen;
    if (this.#disposed || seen === null || this.#restoring !== null) return;
    if (this.#stateTimer === null && !seen.hadWork) return;
    this.#cancelStateTimer();
    void this.#sendState();
  }

  #scheduleStateChanged(): void {
    this.#cancelStateTimer();
    this.#stateTimer = this.#o.win.setTimeout(() => {
      this.#stateTimer = null;
      void this.#sendState();
    }, STATE_DEBOUNCE_MS);
  }

  #cancelStateTimer(): void {
    if (this.#stateTimer !== null) this.#o.win.clearTimeout(this.#stateTimer);
    this.#stateTimer = null;
  }

  async #sendState(): Promise<void> {
    const seen = this.#seen;
    const state = await this.#hostState();
    if ('message' in state) {
      this.#log(`stateChanged not sent: ${state.message}`);
      return;
    }
    if (this.#disposed || seen === null || this.#seen !== seen || seen.scenarioId !== state.scenarioId) return;
    const lesson = this.#o.client.session?.lesson ?? null;
    const scenario = this.#o.client.scenario;
    let statement: { statement?: Statement } = {};
    // "attempted" once per opened scenario (and again after a reset), with the first state that has a command.
    if (lesson !== null && lesson.attempts > 0 && !seen.attemptedSent && scenario !== null && scenario.id === state.scenarioId) {
      seen.attemptedSent = true;
      statement = this.#statement(() => this.#xapi!.attempted(scenario, this.#o.now()));
    }
    this.#emit('stateChanged', { state, ...statement });
  }

  /**
   * A restored run's commands were attempted in the frame that made the state (its stateChanged
   * carried the `attempted` statement): the stateChanged the restore causes does not say it again.
   */
  #restoredAttempt(seen: Seen, session: SessionState): void {
    if (this.#restoring !== null && (session.lesson?.attempts ?? 0) > 0) seen.attemptedSent = true;
  }

  // ——— posting ———

  /** An event's statement — or, during a setState restore, `restored: true` and no statement. */
  #said(build: () => Built<Statement>): { statement?: Statement; restored?: true } {
    return this.#restoring !== null ? { restored: true } : this.#statement(build);
  }

  #statement(build: () => Built<Statement>): { statement?: Statement } {
    if (this.#xapi === null) return {};
    const built = build();
    if (built.ok) return { statement: built.value };
    this.#log(`xAPI statement not built: ${built.message}`);
    return {};
  }

  #emit<T extends EventType>(type: T, payload: EventPayloads[T]): void {
    this.#post(eventMessage(type, payload));
  }

  #post(message: unknown): void {
    for (const origin of this.#targets) this.#postTo(message, origin);
  }

  #postTo(message: unknown, origin: string): void {
    if (this.#disposed) return;
    try {
      this.#o.win.parent?.postMessage(message, origin);
    } catch (error) {
      this.#log(`a message to ${origin} could not be posted: ${errorText(error)}`);
    }
  }

  #log(message: string): void {
    this.#o.log?.(`[ecs-sandbox embed] ${message}`);
  }
}

/**
 * The origins to post to: the parent's, when the browser tells it (`ancestorOrigins[0]`) and it is
 * allowed (none when it is not); otherwise every allowed origin — the browser delivers a message
 * only to a parent whose origin is exactly the target, so only an allowed real parent hears it.
 */
export function hostTargets(origins: readonly string[], ancestorOrigins: ArrayLike<string> | undefined): string[] {
  const parent = ancestorOrigins !== undefined && ancestorOrigins.length > 0 ? ancestorOrigins[0] : undefined;
  if (parent !== undefined) return origins.includes(parent) ? [parent] : [];
  return [...new Set(origins)];
}

/**
 * The completion a host records. `max`: the lesson's objectives (1 for a lesson without any);
 * `score`: the objectives met, or 0 once the reference solution was revealed (the learner was
 * shown the answer). `attempts`: the learner's commands, refused ones included. `durationMs`: the
 * learner's WALL-CLOCK time on the exercise, `wallMs` (see wallDuration: from the scenario's opening,
 * counting a restored state's spentMs, to the completion), made whole ms in 0 … MAX_DURATION_MS —
 * what cmi5/H5P-style hosts mean by a duration; not the simulated time, which speed= and the
 * timeline make run faster than the learner.
 */
export function completionOf(lesson: LessonState, wallMs: number): { score: number; max: number; attempts: number; durationMs: number } {
  const objectives = lesson.steps.flatMap((s) => s.objectives);
  const max = Math.max(1, objectives.length);
  const met = objectives.length === 0 ? 1 : objectives.filter((o) => o.passed).length;
  const score = lesson.solutionRevealed ? 0 : met;
  return { score, max, attempts: lesson.attempts, durationMs: clampDuration(wallMs) };
}

/** Wall-clock ms from `openedAt` to `now` (epoch ms), whole, in 0 … MAX_DURATION_MS. */
export function wallDuration(openedAt: number, now: number): number {
  return clampDuration(now - openedAt);
}

function clampDuration(ms: number): number {
  return Math.min(MAX_DURATION_MS, Math.max(0, Math.round(Number.isFinite(ms) ? ms : 0)));
}

function objectiveStatement(x: StatementFactory, scenario: Scenario, objective: ObjectiveStatus, ref: { id: string; title: ObjectiveStatus['title']; stepId: string }, at: number): Built<Statement> {
  const answer = objective.prediction?.answer;
  if (answer !== undefined && isJudgedPrediction(objective)) {
    return x.answered(scenario, ref, { answer, score: objective.score ?? (objective.passed ? 1 : 0), passed: objective.passed }, at);
  }
  return objective.passed ? x.passed(scenario, ref, at) : x.failed(scenario, ref, at);
}

/** A prediction answered and revealed: its score is known. */
function isJudgedPrediction(objective: ObjectiveStatus): boolean {
  return objective.prediction !== undefined && objective.prediction.answer !== undefined && typeof objective.score === 'number';
}

function objectiveOf(lesson: LessonState, id: string): ObjectiveStatus | undefined {
  for (const step of lesson.steps as LessonStepStatus[]) for (const o of step.objectives) if (o.id === id) return o;
  return undefined;
}

function fresh(session: SessionState, scenario: Scenario, openedAt: number): Seen {
  return { scenarioId: session.scenarioId, scenario, passed: new Map(), judged: new Set(), hints: new Map(), solutionRevealed: false, completed: false, attemptedSent: false, signature: '', hadWork: false, openedAt };
}

function hasWork(session: SessionState): boolean {
  return session.timeline.commands > 0 || (session.lesson?.hintsShown ?? 0) > 0;
}

/** What makes the host's copy of the learner's work stale: commands, hints, steps, answers, the solution, and time in 30-second slices. */
function signature(session: SessionState): string {
  const lesson = session.lesson;
  const answered = lesson?.steps.flatMap((s) => s.objectives).filter((o) => o.prediction?.answer !== undefined).length ?? 0;
  return [session.timeline.commands, lesson?.attempts, lesson?.hintsShown, lesson?.activeStep, lesson?.solutionRevealed, answered, Math.floor(session.timeline.endMs / 30_000)].join('|');
}

function done(result: unknown): Reply {
  return { ok: true, result };
}

function refused(code: ErrorCode, message: string): Reply {
  return { ok: false, code, message };
}

function issuesText(issues: readonly ScenarioIssue[]): string {
  const text = issues.slice(0, 5).map((i) => (i.line === undefined ? i.message : `line ${i.line}: ${i.message}`)).join(' ');
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text || 'no reason given.';
}

function errorText(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

// ——— the page's bridge ———

export interface StartOptions {
  client: BridgeClient & { readonly loadIssues: ScenarioIssue[] };
  options: Pick<EmbedOptions, 'origins' | 'lang'>;
  win?: Window;
}

/**
 * Starts the bridge in a framed page (boot.ts, when `origins=` is given): listens, says `ready`,
 * follows the client's sessions, and reports the content height of `#app`. Returns the stop function.
 */
export function startEmbedBridge({ client, options, win = window }: StartOptions): () => void {
  const bridge = new EmbedBridge({
    client,
    win,
    origins: options.origins,
    activityBase: defaultActivityBase(win.location.href),
    language: options.lang,
    bundledScenario: async (id) => {
      if (id === 'sandbox') return sandboxYaml;
      return BUNDLED_SCENARIO_IDS.includes(id) ? loadBundledScenario(id) : null;
    },
    fetchScenario: async (url) => {
      const outcome = await fetchScenarioText(url);
      return outcome.ok ? { ok: true, text: outcome.text } : { ok: false, message: outcome.message };
    },
    applyTheme,
    now: () => Date.now(),
    ...(import.meta.env.DEV ? { log: (message: string) => console.info(message) } : {}),
  });
  const stopWatch = watchClient(client, (session, scenario) => bridge.onSession(session, scenario), (issues) => {
    if (issues.length > 0) bridge.reportError(issuesText(issues));
  });
  const stopHeight = startHeightReporting(win, (messages) => bridge.postResize(messages));
  // Leaving the page (another tab, the host navigating or reloading the frame): keep the time spent.
  const flushWhenHidden = () => {
    if (win.document.visibilityState === 'hidden') bridge.flushState();
  };
  const flush = () => bridge.flushState();
  win.document.addEventListener('visibilitychange', flushWhenHidden);
  win.addEventListener('pagehide', flush);
  return () => {
    win.document.removeEventListener('visibilitychange', flushWhenHidden);
    win.removeEventListener('pagehide', flush);
    stopHeight();
    stopWatch();
    bridge.dispose();
  };
}

/** Activity ids default to `<the sandbox's directory>/scenarios/<scenario id>` (no query, no fragment). */
export function defaultActivityBase(href: string): string {
  return new URL('scenarios/', new URL('./', href)).href;
}

/** Auto height: the height of `#app` (intrinsic in the embed layout), on every change of its size. */
function startHeightReporting(win: Window, post: (messages: ResizeMessages) => void): () => void {
  const doc = win.document;
  const app = doc.getElementById('app');
  if (app === null) return () => undefined;
  const reporter = new HeightReporter({
    measure: () => Math.max(app.getBoundingClientRect().height, app.scrollHeight),
    // A hidden tab or a display:none container measures 0: never posted (resize.ts).
    isLaidOut: () => doc.visibilityState !== 'hidden' && app.getClientRects().length > 0,
    post,
    scheduler: animationFrameScheduler(win),
  });
  const request = () => reporter.request();
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(request) : null;
  observer?.observe(app);
  win.addEventListener('load', request);
  doc.addEventListener('visibilitychange', request);
  void doc.fonts?.ready.then(request, () => undefined);
  reporter.repost();
  request();
  return () => {
    observer?.disconnect();
    win.removeEventListener('load', request);
    doc.removeEventListener('visibilitychange', request);
    reporter.dispose();
  };
}
