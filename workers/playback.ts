/**
 * The playback controller: play, pause, step and speed are nothing but calls to the engine's
 * `advance(ms)`. It owns no simulation state of its own; it only decides *how much* virtual time
 * to advance and *when* to tell the UI about it.
 *
 * Real time and scheduling are injected (`now`, `schedule`) so that the whole controller is pure
 * and can be driven by a fake clock in unit tests; the worker passes `performance.now` and
 * `setTimeout`.
 *
 * Two concerns, two small classes:
 * - `SnapshotPublisher` throttles snapshots to at most one per `minIntervalMs`, always delivering
 *   a trailing snapshot after the last change, so a burst of commands never floods the page.
 * - `PlaybackController` runs the clock: at ×N every tick advances virtual time by the real time
 *   elapsed × N; at 'max' it advances in bounded slices (timer to timer, at most `maxSliceMs` of
 *   real work per slice) and yields between slices so the worker keeps answering commands.
 */
import type { PlaybackState, Snapshot, Speed } from './protocol.ts';

/** What playback needs of the engine: a subset of SandboxEngine. */
export interface PlaybackEngine {
  advance(ms: number): void;
  nextTimerAt(): number | null;
  snapshot(): Snapshot;
}

/** Real time, injected. `schedule` returns a function that cancels the callback. */
export interface PlaybackClock {
  /** Real milliseconds (any origin), monotonic. */
  now(): number;
  schedule(fn: () => void, delayMs: number): () => void;
}

export type SnapshotListener = (snapshot: Snapshot, playback: PlaybackState) => void;

export interface PlaybackOptions {
  /** Real milliseconds between ticks at ×N speeds. */
  tickMs?: number;
  /** Upper bound of real work per slice at 'max' speed, so commands are served between slices. */
  maxSliceMs?: number;
  /** Upper bound of timer jumps per slice at 'max' (guards against a clock that does not move). */
  maxJumpsPerSlice?: number;
  /** At 'max' with no timer pending, time still flows at this multiple so the clock visibly moves. */
  idleMaxMultiplier?: number;
  /** `step()` with no timer pending advances by this much. */
  idleStepMs?: number;
}

export const DEFAULT_TICK_MS = 50;
export const DEFAULT_MAX_SLICE_MS = 8;
export const DEFAULT_MIN_PUBLISH_INTERVAL_MS = 100;
const DEFAULT_MAX_JUMPS_PER_SLICE = 10_000;
const DEFAULT_IDLE_MAX_MULTIPLIER = 60;
const DEFAULT_IDLE_STEP_MS = 1_000;
/**
 * A timer due right now (a command scheduled it at the current instant) is fired by advancing 1 ms,
 * not 0: the timeline treats advance(0) as no time at all (firing timers at an instant between two
 * commands of that instant would make a replay differ from the run), so stepping or playing at
 * 'max' by 0 would never move on.
 */
const MIN_TIMER_STEP_MS = 1;

export const SPEEDS: readonly Speed[] = [1, 2, 5, 10, 30, 60, 'max'];

export function isSpeed(value: unknown): value is Speed {
  return (SPEEDS as readonly unknown[]).includes(value);
}

/**
 * Throttles snapshot delivery: at most one per `minIntervalMs`, and a trailing one after the last
 * change. The snapshot is taken at publication time, not at change time, so a burst of changes
 * costs one snapshot, not one per change.
 */
export class SnapshotPublisher {
  #listener: SnapshotListener | null = null;
  #minIntervalMs = DEFAULT_MIN_PUBLISH_INTERVAL_MS;
  #lastPublishedAt = Number.NEGATIVE_INFINITY;
  #dirty = false;
  #cancelTrailing: (() => void) | null = null;

  constructor(
    private readonly clock: PlaybackClock,
    private readonly read: () => { snapshot: Snapshot; playback: PlaybackState },
  ) {}

  /** Replace the listener (one UI at a time) and send it the current state right away. */
  subscribe(listener: SnapshotListener, minIntervalMs = DEFAULT_MIN_PUBLISH_INTERVAL_MS): void {
    this.#listener = listener;
    this.#minIntervalMs = Number.isFinite(minIntervalMs) && minIntervalMs >= 0 ? minIntervalMs : DEFAULT_MIN_PUBLISH_INTERVAL_MS;
    this.#cancel();
    this.#dirty = true;
    this.#publish();
  }

  /** Something visible changed: publish now if the interval allows, else once it does. */
  changed(): void {
    this.#dirty = true;
    if (this.#listener === null || this.#cancelTrailing !== null) return;
    const waitMs = this.#lastPublishedAt + this.#minIntervalMs - this.clock.now();
    if (waitMs <= 0) {
      this.#publish();
      return;
    }
    this.#cancelTrailing = this.clock.schedule(() => {
      this.#cancelTrailing = null;
      this.#publish();
    }, waitMs);
  }

  dispose(): void {
    this.#cancel();
    this.#listener = null;
  }

  #cancel(): void {
    this.#cancelTrailing?.();
    this.#cancelTrailing = null;
  }

  #publish(): void {
    const listener = this.#listener;
    if (listener === null || !this.#dirty) return;
    this.#dirty = false;
    this.#lastPublishedAt = this.clock.now();
    const { snapshot, playback } = this.read();
    try {
      listener(snapshot, playback);
    } catch {
      // A listener that throws (e.g. a closed page) must not stop the clock.
    }
  }
}

/** Runs virtual time against real time. Every public method is safe to call in any state. */
export class PlaybackController {
  readonly publisher: SnapshotPublisher;
  #playing = false;
  #speed: Speed = 1;
  #cancelTick: (() => void) | null = null;
  #lastTickAt = 0;
  /** Fractional virtual milliseconds owed by ×N ticks, so integer advances lose no time. */
  #owedMs = 0;
  /** Virtual time as last read; null when a command may have moved it (read lazily). */
  #virtualNow: number | null = null;
  readonly #tickMs: number;
  readonly #maxSliceMs: number;
  readonly #maxJumpsPerSlice: number;
  readonly #idleMaxMultiplier: number;
  readonly #idleStepMs: number;

  constructor(
    private readonly engine: PlaybackEngine,
    private readonly clock: PlaybackClock,
    options: PlaybackOptions = {},
  ) {
    this.#tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    this.#maxSliceMs = options.maxSliceMs ?? DEFAULT_MAX_SLICE_MS;
    this.#maxJumpsPerSlice = options.maxJumpsPerSlice ?? DEFAULT_MAX_JUMPS_PER_SLICE;
    this.#idleMaxMultiplier = options.idleMaxMultiplier ?? DEFAULT_IDLE_MAX_MULTIPLIER;
    this.#idleStepMs = options.idleStepMs ?? DEFAULT_IDLE_STEP_MS;
    this.publisher = new SnapshotPublisher(clock, () => ({ snapshot: engine.snapshot(), playback: this.state() }));
  }

  state(): PlaybackState {
    return { playing: this.#playing, speed: this.#speed };
  }

  play(): void {
    if (this.#playing) return;
    this.#playing = true;
    this.#lastTickAt = this.clock.now();
    this.#owedMs = 0;
    this.#scheduleNext();
    this.publisher.changed();
  }

  pause(): void {
    if (!this.#playing) return;
    this.#playing = false;
    this.#cancelTick?.();
    this.#cancelTick = null;
    this.publisher.changed();
  }

  setSpeed(speed: Speed): void {
    if (!isSpeed(speed) || speed === this.#speed) return;
    if (this.#playing) this.#tick(); // settle the time owed at the old speed first
    this.#speed = speed;
    if (this.#playing) {
      this.#cancelTick?.();
      this.#lastTickAt = this.clock.now();
      this.#owedMs = 0;
      this.#scheduleNext();
    }
    this.publisher.changed();
  }

  /**
   * Advance by `ms` virtual milliseconds, or to the next pending timer when `ms` is omitted (by
   * `idleStepMs` when nothing is pending). Invalid `ms` is ignored: the worker reports nothing.
   */
  step(ms?: number): void {
    if (ms === undefined) {
      const now = this.#now();
      const next = this.engine.nextTimerAt();
      this.#advance(next === null ? this.#idleStepMs : Math.max(MIN_TIMER_STEP_MS, next - now));
    } else if (Number.isFinite(ms) && ms >= 0) {
      this.#advance(Math.floor(ms));
    } else {
      return;
    }
    this.publisher.changed();
  }

  /** The engine changed outside playback (a command, a scenario load): re-read time, publish. */
  engineChanged(): void {
    this.#virtualNow = null;
    this.publisher.changed();
  }

  dispose(): void {
    this.pause();
    this.publisher.dispose();
  }

  #now(): number {
    if (this.#virtualNow === null) this.#virtualNow = this.engine.snapshot().time;
    return this.#virtualNow;
  }

  #advance(ms: number): void {
    if (ms <= 0 && this.engine.nextTimerAt() === null) return;
    const before = this.#now();
    this.engine.advance(ms);
    this.#virtualNow = before + ms;
  }

  #scheduleNext(): void {
    const delayMs = this.#speed === 'max' ? 0 : this.#tickMs;
    this.#cancelTick = this.clock.schedule(() => {
      this.#cancelTick = null;
      if (!this.#playing) return;
      this.#tick();
      this.#scheduleNext();
    }, delayMs);
  }

  #tick(): void {
    const realNow = this.clock.now();
    const elapsedMs = Math.max(0, realNow - this.#lastTickAt);
    this.#lastTickAt = realNow;
    if (this.#speed === 'max') this.#maxSlice(elapsedMs);
    else this.#advanceOwed(elapsedMs * this.#speed);
    this.publisher.changed();
  }

  #advanceOwed(virtualMs: number): void {
    this.#owedMs += virtualMs;
    const whole = Math.floor(this.#owedMs);
    this.#owedMs -= whole;
    if (whole > 0) this.#advance(whole);
  }

  /**
   * One slice at 'max': jump from timer to timer until the slice's real-time budget is spent.
   * With nothing pending, time flows at ×idleMaxMultiplier instead, so the clock does not freeze.
   */
  #maxSlice(elapsedMs: number): void {
    const sliceStart = this.clock.now();
    for (let jumps = 0; jumps < this.#maxJumpsPerSlice && this.#playing; jumps++) {
      const next = this.engine.nextTimerAt();
      if (next === null) {
        this.#advanceOwed(Math.max(elapsedMs, 1) * this.#idleMaxMultiplier);
        return;
      }
      this.#advance(Math.max(MIN_TIMER_STEP_MS, next - this.#now()));
      if (this.clock.now() - sliceStart >= this.#maxSliceMs) return;
    }
  }
}
