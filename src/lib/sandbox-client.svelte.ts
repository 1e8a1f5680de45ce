/**
 * The UI's one handle on the sandbox: attached to the worker connection that main.ts started, it
 * keeps the latest snapshot and playback state as `$state.raw` (replaced whole, never mutated).
 * Components read from it and call its methods; none of them touch comlink or the worker.
 */
import type * as Comlink from 'comlink';
import type { CheckReport, ExplainQuery, ExplainResult, LoadResult, PlaybackState, Scenario, ScenarioIssue, SessionRefusal, SessionState, Snapshot, Speed, Step, StepResult, ValidationResult, WorkerApi } from '../../workers/protocol.ts';
import type { SandboxConnection } from './sandbox-connection.ts';
import { clientReady } from './test-hook.ts';
import { hasPlacementFailures, placementExplanations } from './view-model/results.ts';

export type CommandOutcome = Awaited<ReturnType<WorkerApi['runCommandText']>>;
type Outcome<K extends keyof WorkerApi> = Awaited<ReturnType<WorkerApi[K]>>;

/** What every learner edit answers in a read-only sandbox (the embed's `readonly=1`). */
export const READ_ONLY_SENTENCE = 'This sandbox is read-only: you can watch the cluster, but not change it.';

export class SandboxClient {
  snapshot = $state.raw<Snapshot | null>(null);
  playback = $state.raw<PlaybackState>({ playing: false, speed: 1 });
  scenario = $state.raw<Scenario | null>(null);
  /** The learning session (lesson progress, the timeline), published with every snapshot; null before the worker's first. */
  session = $state.raw<SessionState | null>(null);
  /** Problems loading the scenario (shown in the header), or a failure to reach the worker. */
  loadIssues = $state.raw<ScenarioIssue[]>([]);
  /**
   * The embed's `readonly=1`: the learner watches but cannot change the cluster. Set once at boot.
   * The guard sits here, on every path a learner's edit takes (dispatch, the command language,
   * undo and redo), so no panel can escape it; time, the picture and the explainer still work,
   * and the host's own commands (reset, loadScenario, setState) are not the learner's edits.
   */
  readonly readonly: boolean;
  /**
   * Set by the embed bridge once the course page asks for or hands over the learner's state
   * (getState/setState): the host keeps the learner's work, so the page's own storage (absent in
   * a sandboxed frame, partitioned in any other) no longer matters and the UI says so.
   */
  progressKeptByHost = $state(false);
  readonly #connection: SandboxConnection;
  #validateSeq = 0;

  constructor(connection: SandboxConnection, options: { readonly?: boolean } = {}) {
    this.#connection = connection;
    this.readonly = options.readonly ?? false;
    // Snapshots arrive every tick (50 ms); a big cluster can take longer than that to draw. Only
    // the newest one is drawn, at most once per frame: without this, messages queued up behind
    // slow renders and the page stopped answering (hundreds of tasks). Hidden pages draw nothing,
    // so they apply the newest snapshot right away instead of waiting for a frame.
    let pending: { snapshot: Snapshot; playback: PlaybackState; session: SessionState | null } | null = null;
    const apply = (): void => {
      if (pending === null) return;
      this.snapshot = pending.snapshot;
      this.playback = pending.playback;
      if (pending.session) this.session = pending.session; // null: the build-time first frame
      pending = null;
    };
    connection.onSnapshot((snapshot, playback, session) => {
      const scheduled = pending !== null;
      pending = { snapshot, playback, session };
      if (scheduled) return;
      if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(apply);
      else setTimeout(apply, 0);
    });
    connection.onWorkerError((message) => {
      this.loadIssues = [{ message }];
    });
    void connection.loaded.then((outcome) => {
      if (!outcome.ok) {
        this.loadIssues = outcome.issues;
        return;
      }
      this.#applyLoad(outcome.load, connection.notice);
    }, (error: unknown) => {
      this.loadIssues = [{ message: `The sandbox could not load its scenario: ${errorText(error)}` }];
    });
    clientReady(this);
  }

  /** The loaded scenario, and its setup's failed steps as header issues. */
  #applyLoad(load: LoadResult, notice?: string): void {
    this.scenario = load.scenario;
    const failed = load.results.filter((r): r is Extract<StepResult, { error: unknown }> => 'error' in r);
    const notices = notice === undefined ? [] : [{ message: notice }];
    this.loadIssues = [...notices, ...failed.map((r) => ({ message: `setup step ${r.step} (${r.action}): ${r.error.code}: ${r.error.message}` }))];
  }

  /**
   * Switch to another scenario in place (picker, authoring, a link). On failure the previous
   * scenario and its run stay, and the issues (file, line, problem) come back for the caller to show.
   */
  async loadScenarioText(yaml: string, options?: { seed?: number }): Promise<{ ok: true } | { ok: false; issues: ScenarioIssue[] }> {
    let outcome: Outcome<'loadScenario'>;
    try {
      outcome = await this.#api.loadScenario(yaml, options?.seed === undefined ? undefined : { seed: options.seed });
    } catch (error) {
      return { ok: false, issues: [{ message: `The sandbox could not load the scenario: ${errorText(error)}` }] };
    }
    if (!outcome.ok) return outcome;
    this.#applyLoad(outcome.load);
    return { ok: true };
  }

  // The learning session: each call answers a value, a lost worker included (never rejects).
  undo(): Promise<Outcome<'undo'>> {
    if (this.readonly) return Promise.resolve({ ok: false, message: READ_ONLY_SENTENCE });
    return refusing<Outcome<'undo'>>(() => this.#api.undo());
  }

  redo(): Promise<Outcome<'redo'>> {
    if (this.readonly) return Promise.resolve({ ok: false, message: READ_ONLY_SENTENCE });
    return refusing<Outcome<'redo'>>(() => this.#api.redo());
  }

  jumpTo(timeMs: number): Promise<void> {
    return this.#api.jumpTo(timeMs).catch(() => undefined);
  }

  /** The scenario again from its start (hints seen are kept). */
  async reset(): Promise<{ ok: true } | { ok: false; issues: ScenarioIssue[] }> {
    const outcome = await refusing<Outcome<'reset'>>(() => this.#api.reset());
    if ('message' in outcome) return { ok: false, issues: [{ message: outcome.message }] };
    if (!outcome.ok) return outcome;
    this.#applyLoad(outcome.load);
    return { ok: true };
  }

  revealHint(objectiveId: string): Promise<Outcome<'revealHint'>> {
    return refusing<Outcome<'revealHint'>>(() => this.#api.revealHint(objectiveId));
  }

  answerPrediction(objectiveId: string, answer: string[] | number): Promise<Outcome<'answerPrediction'>> {
    return refusing<Outcome<'answerPrediction'>>(() => this.#api.answerPrediction(objectiveId, $state.snapshot(answer)));
  }

  revealSolution(): Promise<Outcome<'revealSolution'>> {
    return refusing<Outcome<'revealSolution'>>(() => this.#api.revealSolution());
  }

  /** The run as shareable text ('' when there is none). */
  exportRun(): Promise<string> {
    return this.#api.exportRun().catch(() => '');
  }

  restoreRun(encoded: string): Promise<Outcome<'restoreRun'>> {
    return refusing<Outcome<'restoreRun'>>(() => this.#api.restoreRun(encoded));
  }

  /** Authoring: validate a scenario and replay its solution and anti-solutions (the run is untouched). */
  checkScenario(yaml: string, fileName?: string): Promise<CheckReport> {
    return this.#api.checkScenario(yaml, fileName).catch((error: unknown) => ({
      file: fileName ?? 'scenario.yaml', ok: false, issues: [{ message: `The sandbox could not check the scenario: ${errorText(error)}` }], antiSolutions: [], durationMs: 0,
    }));
  }

  /** The worker's API (its first use starts the worker, if main.ts has not yet). */
  get #api(): Comlink.Remote<WorkerApi> {
    return this.#connection.api;
  }

  play(): Promise<void> {
    return this.#api.play();
  }

  pause(): Promise<void> {
    return this.#api.pause();
  }

  togglePlay(): Promise<void> {
    return this.playback.playing ? this.pause() : this.play();
  }

  step(ms?: number): Promise<void> {
    return this.#api.step(ms);
  }

  setSpeed(speed: Speed): Promise<void> {
    return this.#api.setSpeed(speed);
  }

  dispatch(step: Step): Promise<StepResult> {
    if (this.readonly) return Promise.resolve({ step: 1, action: Object.keys(step)[0] ?? 'step', error: { code: 'ReadOnlySandbox', message: READ_ONLY_SENTENCE } });
    return this.#api.dispatch(step);
  }

  runCommandText(text: string): Promise<CommandOutcome> {
    if (this.readonly) return Promise.resolve({ ok: false, issues: [{ message: READ_ONLY_SENTENCE }] });
    return this.#api.runCommandText(text);
  }

  /** The id of the newest event this page has seen (-1 before any). */
  lastEventId(): number {
    return this.snapshot?.events.at(-1)?.id ?? -1;
  }

  /**
   * When a result reports placement failures, fetch the engine's explanations of them: the
   * `placement.failed` events logged after event `before` (see placementExplanations).
   */
  async explainPlacement(results: StepResult[], before: number): Promise<string[]> {
    if (!hasPlacementFailures(results)) return [];
    const snapshot = await this.#api.snapshot();
    return placementExplanations(snapshot.events, before);
  }

  /**
   * The placement explainer: why a task is where it is, why a recorded decision went as it did,
   * or what a RunTask request would do now (read-only). Named `explain` because
   * `explainPlacement` above already serves the forms' failure lines. Never rejects: a failure to
   * reach the worker comes back as an error value, like the engine's own refusals.
   */
  async explain(query: ExplainQuery): Promise<ExplainResult> {
    try {
      // A request from a form may be a $state proxy, which cannot be cloned to the worker.
      return await this.#api.explainPlacement($state.snapshot(query) as ExplainQuery);
    } catch (error) {
      return { ok: false, error: { code: 'SandboxError', message: `The explainer could not reach the sandbox: ${(error as Error)?.message ?? String(error)}` } };
    }
  }

  /** Latest-wins: a validation superseded by a newer one resolves to null. */
  async validateTaskDefinition(input: unknown): Promise<ValidationResult | null> {
    const seq = ++this.#validateSeq;
    const result = await this.#api.validateTaskDefinition(input);
    return seq === this.#validateSeq ? result : null;
  }

  taskDefinitionSchema(): Promise<object> {
    return this.#api.taskDefinitionSchema();
  }
}

function errorText(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

/** A call that answers a value or a refusal; a failure to reach the worker becomes a refusal too. */
async function refusing<T>(call: () => Promise<T>): Promise<T | SessionRefusal> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, message: `The sandbox did not answer: ${errorText(error)}` };
  }
}
