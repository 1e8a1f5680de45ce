/**
 * The UI's one handle on the sandbox: attached to the worker connection that main.ts started, it
 * keeps the latest snapshot and playback state as `$state.raw` (replaced whole, never mutated).
 * Components read from it and call its methods; none of them touch comlink or the worker.
 */
import type * as Comlink from 'comlink';
import type { ExplainQuery, ExplainResult, PlaybackState, Scenario, ScenarioIssue, Snapshot, Speed, Step, StepResult, ValidationResult, WorkerApi } from '../../workers/protocol.ts';
import type { SandboxConnection } from './sandbox-connection.ts';
import { hasPlacementFailures, placementExplanations } from './view-model/results.ts';

export type CommandOutcome = Awaited<ReturnType<WorkerApi['runCommandText']>>;

export class SandboxClient {
  snapshot = $state.raw<Snapshot | null>(null);
  playback = $state.raw<PlaybackState>({ playing: false, speed: 1 });
  scenario = $state.raw<Scenario | null>(null);
  /** Problems loading the scenario (shown in the header), or a failure to reach the worker. */
  loadIssues = $state.raw<ScenarioIssue[]>([]);
  readonly #connection: SandboxConnection;
  #validateSeq = 0;

  constructor(connection: SandboxConnection) {
    this.#connection = connection;
    // Snapshots arrive every tick (50 ms); a big cluster can take longer than that to draw. Only
    // the newest one is drawn, at most once per frame: without this, messages queued up behind
    // slow renders and the page stopped answering (hundreds of tasks). Hidden pages draw nothing,
    // so they apply the newest snapshot right away instead of waiting for a frame.
    let pending: { snapshot: Snapshot; playback: PlaybackState } | null = null;
    const apply = (): void => {
      if (pending === null) return;
      this.snapshot = pending.snapshot;
      this.playback = pending.playback;
      pending = null;
    };
    connection.onSnapshot((snapshot, playback) => {
      const scheduled = pending !== null;
      pending = { snapshot, playback };
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
      this.scenario = outcome.load.scenario;
      const failed = outcome.load.results.filter((r): r is Extract<StepResult, { error: unknown }> => 'error' in r);
      const notices = connection.notice === undefined ? [] : [{ message: connection.notice }];
      this.loadIssues = [...notices, ...failed.map((r) => ({ message: `setup step ${r.step} (${r.action}): ${r.error.code}: ${r.error.message}` }))];
    }, (error: unknown) => {
      this.loadIssues = [{ message: `The sandbox could not load its scenario: ${(error as Error)?.message ?? String(error)}` }];
    });
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
    return this.#api.dispatch(step);
  }

  runCommandText(text: string): Promise<CommandOutcome> {
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
