/**
 * The connection to the sandbox worker. Plain TypeScript without Svelte, so that the page's entry
 * chunk stays small; SandboxClient (Svelte state) attaches to it. When the page has a first frame
 * (the default scenario's snapshot, computed at build time), main.ts starts the worker only after
 * that frame is painted: on a 2-core machine the worker's start-up (fetch, compile, scenario
 * load) would otherwise compete with the first paint for the CPU. Without a first frame the
 * worker starts at once.
 *
 * Both requests are posted at once: the worker handles messages in order and loadScenario runs to
 * completion before subscribe, so the first snapshot to arrive is the loaded one, not an empty
 * sandbox, and no round trip is spent in between.
 */
import * as Comlink from 'comlink';
import { createModuleWorker } from './worker-factory.ts';
import type { PlaybackState, Scenario, SessionState, Snapshot, WorkerApi } from '../../workers/protocol.ts';

export type LoadOutcome = Awaited<ReturnType<WorkerApi['loadScenario']>>;
/** `session` is null for the build-time first frame (the worker has not spoken yet). */
export type SnapshotSink = (snapshot: Snapshot, playback: PlaybackState, session: SessionState | null) => void;

export class SandboxConnection {
  /** The scenario's load result, once the worker has loaded it and the subscription is in place. */
  readonly loaded: Promise<LoadOutcome>;
  /** Set when the worker itself failed (e.g. its script could not load). */
  workerError: string | null = null;
  #api: Comlink.Remote<WorkerApi> | null = null;
  #latest: { snapshot: Snapshot; playback: PlaybackState; session: SessionState | null } | null = null;
  #sink: SnapshotSink | null = null;
  #errorSink: ((message: string) => void) | null = null;
  #settleLoaded: (outcome: Promise<LoadOutcome>) => void = () => {};
  readonly #scenarioText: string;
  /** The same scenario already parsed (at build time): the worker then starts without its YAML parser. */
  readonly #parsedScenario: Scenario | null;
  readonly #autoplay: boolean;
  /** A seed overriding the scenario's own (the embed's `seed=`); undefined: the scenario's. */
  readonly #seed: number | undefined;
  /** A sentence to show beside the scenario's own load issues (e.g. an unknown `?scenario=`). */
  readonly notice: string | undefined;

  /**
   * `firstFrame`: the scenario's snapshot after setup, computed ahead (at build time), shown until
   * the worker's first snapshot replaces it with the same state.
   */
  constructor(
    scenarioText: string,
    options: { autoplay?: boolean; firstFrame?: Snapshot | null; parsedScenario?: Scenario | null; notice?: string; seed?: number } = {},
  ) {
    this.notice = options.notice;
    this.#scenarioText = scenarioText;
    this.#parsedScenario = options.parsedScenario ?? null;
    this.#autoplay = options.autoplay ?? true;
    this.#seed = options.seed;
    if (options.firstFrame) this.#latest = { snapshot: options.firstFrame, playback: { playing: false, speed: 1 }, session: null };
    this.loaded = new Promise<LoadOutcome>((resolve) => {
      this.#settleLoaded = resolve;
    });
  }

  /** Whether a snapshot can be shown before the worker is up. */
  get hasFirstFrame(): boolean {
    return this.#latest !== null;
  }

  /** The worker's API; the first use starts the worker. */
  get api(): Comlink.Remote<WorkerApi> {
    return this.#api ?? this.start();
  }

  /** Starts the worker, posts the scenario and subscribes (once; later calls return the same API). */
  start(): Comlink.Remote<WorkerApi> {
    if (this.#api) return this.#api;
    performance.mark('sandbox-worker-start');
    // The literal below, as before; inside a sandboxed (opaque-origin) iframe, a data: module worker importing it (worker-factory.ts).
    const worker = createModuleWorker(
      () => new Worker(new URL('../../workers/sandbox.worker.ts', import.meta.url), { type: 'module', name: 'ecs-sandbox' }),
    );
    worker.addEventListener('error', (event) => {
      this.workerError = `The sandbox worker failed to start: ${event.message || 'unknown error'}`;
      this.#errorSink?.(this.workerError);
    });
    const api = Comlink.wrap<WorkerApi>(worker);
    this.#api = api;
    const seed = this.#seed === undefined ? undefined : { seed: this.#seed };
    const loading = this.#parsedScenario
      ? api.loadParsedScenario(this.#parsedScenario, seed)
      : api.loadScenario(this.#scenarioText, seed);
    const subscribing = api.subscribe(
      Comlink.proxy((snapshot: Snapshot, playback: PlaybackState, session: SessionState) => {
        this.#latest = { snapshot, playback, session };
        this.#sink?.(snapshot, playback, session);
      }),
    );
    this.#settleLoaded(
      Promise.all([loading, subscribing]).then(async ([outcome]) => {
        performance.mark('sandbox-scenario-loaded');
        // The first screen should be alive: start the clock once the scenario is in.
        if (outcome.ok && this.#autoplay) await api.play();
        return outcome;
      }),
    );
    return api;
  }

  /** Receive every snapshot from now on, starting with the latest one if any arrived already. */
  onSnapshot(sink: SnapshotSink): void {
    this.#sink = sink;
    if (this.#latest) sink(this.#latest.snapshot, this.#latest.playback, this.#latest.session);
  }

  onWorkerError(sink: (message: string) => void): void {
    this.#errorSink = sink;
    if (this.workerError) sink(this.workerError);
  }
}
