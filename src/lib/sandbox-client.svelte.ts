/**
 * The UI's one handle on the sandbox: starts the worker, wraps it with comlink, and keeps the
 * latest snapshot and playback state as `$state.raw` (replaced whole, never mutated). Components
 * read from it and call its methods; none of them touch comlink or the worker.
 */
import * as Comlink from 'comlink';
import type { PlaybackState, Scenario, ScenarioIssue, Snapshot, Speed, Step, StepResult, ValidationResult, WorkerApi } from '../../workers/protocol.ts';

export type CommandOutcome = Awaited<ReturnType<WorkerApi['runCommandText']>>;

export class SandboxClient {
  snapshot = $state.raw<Snapshot | null>(null);
  playback = $state.raw<PlaybackState>({ playing: false, speed: 1 });
  scenario = $state.raw<Scenario | null>(null);
  /** Problems loading the scenario (shown in the header), or a failure to reach the worker. */
  loadIssues = $state.raw<ScenarioIssue[]>([]);
  readonly #api: Comlink.Remote<WorkerApi>;
  #validateSeq = 0;

  constructor(worker?: Worker) {
    performance.mark('sandbox-worker-start');
    const w = worker ?? new Worker(new URL('../../workers/sandbox.worker.ts', import.meta.url), { type: 'module', name: 'ecs-sandbox' });
    w.addEventListener('error', (event) => {
      this.loadIssues = [{ message: `The sandbox worker failed to start: ${event.message || 'unknown error'}` }];
    });
    this.#api = Comlink.wrap<WorkerApi>(w);
  }

  /**
   * Load the scenario and subscribe, then start the clock so the first screen is alive. Both
   * requests are posted at once: the worker handles messages in order and loadScenario runs to
   * completion before subscribe, so the first snapshot to arrive is the loaded one (not an empty
   * sandbox) and no round trip is spent waiting in between.
   */
  async start(scenarioText: string, options: { autoplay?: boolean } = {}): Promise<void> {
    const loading = this.#api.loadScenario(scenarioText);
    const subscribing = this.#api.subscribe(
      Comlink.proxy((snapshot: Snapshot, playback: PlaybackState) => {
        // Braces matter: returning the assignment would hand comlink a $state value to clone.
        this.snapshot = snapshot;
        this.playback = playback;
      }),
    );
    const outcome = await loading;
    await subscribing;
    performance.mark('sandbox-scenario-loaded');
    if (!outcome.ok) {
      this.loadIssues = outcome.issues;
      return;
    }
    this.scenario = outcome.load.scenario;
    const failed = outcome.load.results.filter((r): r is Extract<StepResult, { error: unknown }> => 'error' in r);
    this.loadIssues = failed.map((r) => ({ message: `setup step ${r.step} (${r.action}): ${r.error.code}: ${r.error.message}` }));
    if (options.autoplay ?? true) await this.#api.play();
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
