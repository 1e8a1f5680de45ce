/**
 * The connection to the sandbox worker, started by main.ts before anything else: it creates the
 * worker, posts the default scenario and subscribes to snapshots right away, so the worker's
 * start-up (spawn, fetch, compile, scenario load: the longest step before the first paint) runs
 * while the UI's own code is still downloading. Plain TypeScript without Svelte, so that the
 * page's entry chunk stays a few KB; SandboxClient (Svelte state) attaches to it later.
 *
 * Both requests are posted at once: the worker handles messages in order and loadScenario runs to
 * completion before subscribe, so the first snapshot to arrive is the loaded one, not an empty
 * sandbox, and no round trip is spent in between.
 */
import * as Comlink from 'comlink';
import type { PlaybackState, Snapshot, WorkerApi } from '../../workers/protocol.ts';

export type LoadOutcome = Awaited<ReturnType<WorkerApi['loadScenario']>>;
export type SnapshotSink = (snapshot: Snapshot, playback: PlaybackState) => void;

export class SandboxConnection {
  readonly api: Comlink.Remote<WorkerApi>;
  /** The scenario's load result, once the worker has loaded it and the subscription is in place. */
  readonly loaded: Promise<LoadOutcome>;
  /** Set when the worker itself failed (e.g. its script could not load). */
  workerError: string | null = null;
  #latest: { snapshot: Snapshot; playback: PlaybackState } | null = null;
  #sink: SnapshotSink | null = null;
  #errorSink: ((message: string) => void) | null = null;

  constructor(scenarioText: string, options: { autoplay?: boolean } = {}) {
    performance.mark('sandbox-worker-start');
    const worker = new Worker(new URL('../../workers/sandbox.worker.ts', import.meta.url), { type: 'module', name: 'ecs-sandbox' });
    worker.addEventListener('error', (event) => {
      this.workerError = `The sandbox worker failed to start: ${event.message || 'unknown error'}`;
      this.#errorSink?.(this.workerError);
    });
    this.api = Comlink.wrap<WorkerApi>(worker);
    const loading = this.api.loadScenario(scenarioText);
    const subscribing = this.api.subscribe(
      Comlink.proxy((snapshot: Snapshot, playback: PlaybackState) => {
        this.#latest = { snapshot, playback };
        this.#sink?.(snapshot, playback);
      }),
    );
    this.loaded = Promise.all([loading, subscribing]).then(async ([outcome]) => {
      performance.mark('sandbox-scenario-loaded');
      // The first screen should be alive: start the clock once the scenario is in.
      if (outcome.ok && (options.autoplay ?? true)) await this.api.play();
      return outcome;
    });
  }

  /** Receive every snapshot from now on, starting with the latest one if any arrived already. */
  onSnapshot(sink: SnapshotSink): void {
    this.#sink = sink;
    if (this.#latest) sink(this.#latest.snapshot, this.#latest.playback);
  }

  onWorkerError(sink: (message: string) => void): void {
    this.#errorSink = sink;
    if (this.workerError) sink(this.workerError);
  }
}
