// Proves the playback controller turns play/pause/step/speed into nothing but engine.advance()
// calls with the right amounts, that 'max' works in bounded slices and yields between them, and
// that snapshot publication is throttled with a guaranteed trailing publish. Real time is a fake
// clock driven by the test; the engine is a tiny fake with a sorted timer list.
import { describe, expect, it } from 'vitest';
import { PlaybackController, SnapshotPublisher, type PlaybackClock, type PlaybackEngine } from '../../workers/playback.ts';
import type { PlaybackState, Snapshot } from '../../workers/protocol.ts';

/** A fake real-time clock: callbacks run only when the test calls `run(ms)`. */
class FakeClock implements PlaybackClock {
  t = 0;
  /** Extra real time each now() call costs, to simulate work inside a 'max' slice. */
  costPerNowMs = 0;
  #queue: { at: number; seq: number; fn: () => void }[] = [];
  #seq = 0;
  now(): number {
    this.t += this.costPerNowMs;
    return this.t;
  }
  schedule(fn: () => void, delayMs: number): () => void {
    // Like setTimeout, a zero delay still waits for the next turn (here: 1 ms), so a loop that
    // reschedules itself at 0 ms cannot spin forever inside run().
    const entry = { at: this.t + Math.max(1, delayMs), seq: this.#seq++, fn };
    this.#queue.push(entry);
    return () => {
      this.#queue = this.#queue.filter((e) => e !== entry);
    };
  }
  pending(): number {
    return this.#queue.length;
  }
  /** Let `ms` of real time pass, running due callbacks in order. */
  run(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.#queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const first = this.#queue[0];
      if (first === undefined || first.at > end) break;
      this.#queue.shift();
      this.t = Math.max(this.t, first.at);
      first.fn();
    }
    this.t = Math.max(this.t, end);
  }
}

/** A fake engine: virtual time plus a list of timer times; records every advance. */
class FakeEngine implements PlaybackEngine {
  time = 0;
  timers: number[] = [];
  advances: number[] = [];
  snapshots = 0;
  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0) throw new Error(`advance(${ms}) is not a non-negative integer`);
    this.advances.push(ms);
    this.time += ms;
    this.timers = this.timers.filter((t) => t > this.time);
  }
  nextTimerAt(): number | null {
    return this.timers.length === 0 ? null : Math.min(...this.timers);
  }
  snapshot(): Snapshot {
    this.snapshots++;
    return { time: this.time, seed: 1, clusters: [], containerInstances: [], taskDefinitions: [], tasks: [], services: [], events: [] };
  }
}

function setup(options = {}) {
  const clock = new FakeClock();
  const engine = new FakeEngine();
  const playback = new PlaybackController(engine, clock, { tickMs: 50, ...options });
  const published: { time: number; playback: PlaybackState; at: number }[] = [];
  playback.publisher.subscribe((s, p) => published.push({ time: s.time, playback: p, at: clock.t }), 100);
  return { clock, engine, playback, published };
}

describe('PlaybackController at ×N speeds', () => {
  it('advances virtual time by real elapsed × speed, in integer ms', () => {
    const { clock, engine, playback } = setup();
    playback.setSpeed(10);
    playback.play();
    clock.run(1000); // 20 ticks of 50 ms × 10 = 10 000 virtual ms
    expect(engine.time).toBe(10_000);
    expect(engine.advances.every((ms) => Number.isInteger(ms))).toBe(true);
  });

  it('keeps fractional time owed, so no time is lost to rounding', () => {
    const { clock, engine, playback } = setup({ tickMs: 3 });
    playback.play();
    clock.run(3000); // ×1: 3000 virtual ms exactly, in 1000 ticks of 3 ms
    expect(engine.time).toBe(3000);
  });

  it('pause stops the clock and cancels the pending tick', () => {
    const { clock, engine, playback } = setup();
    playback.play();
    clock.run(500);
    playback.pause();
    const at = engine.time;
    clock.run(5000);
    expect(engine.time).toBe(at);
    expect(clock.pending()).toBe(0);
    expect(playback.state()).toEqual({ playing: false, speed: 1 });
  });

  it('changing speed while playing settles the old speed first', () => {
    const { clock, engine, playback } = setup();
    playback.play();
    clock.run(100); // ×1: 100
    clock.t += 30; // 30 ms pass without a tick
    playback.setSpeed(60); // settles 30 at ×1 → 130
    expect(engine.time).toBe(130);
    clock.run(100); // ×60: 6000 → 6130
    expect(engine.time).toBe(6130);
  });

  it('ignores speeds that are not offered', () => {
    const { playback } = setup();
    playback.setSpeed(7 as never);
    expect(playback.state().speed).toBe(1);
  });
});

describe("PlaybackController at 'max'", () => {
  it('jumps from timer to timer and yields between slices', () => {
    const { clock, engine, playback } = setup({ maxSliceMs: 8, maxJumpsPerSlice: 3 });
    engine.timers = [1000, 2000, 3000, 4000, 5000, 6000, 7000];
    playback.setSpeed('max');
    playback.play();
    clock.run(1); // one slice: at most 3 jumps
    expect(engine.time).toBe(3000);
    expect(clock.pending()).toBeGreaterThanOrEqual(1); // the next slice is scheduled, not run inline
    clock.run(1);
    expect(engine.time).toBe(6000);
  });

  it('ends a slice once its real-time budget is spent', () => {
    const { clock, engine, playback } = setup({ maxSliceMs: 8 });
    engine.timers = Array.from({ length: 100 }, (_, i) => (i + 1) * 10);
    clock.costPerNowMs = 1; // every jump costs ~1-2 ms of "work"
    playback.setSpeed('max');
    playback.play();
    clock.run(1);
    expect(engine.advances.length).toBeGreaterThan(0);
    expect(engine.advances.length).toBeLessThan(10);
    expect(engine.time).toBeLessThan(1000);
  });

  it('with nothing pending, time still flows at ×60 so the clock moves', () => {
    const { clock, engine, playback } = setup();
    playback.setSpeed('max');
    playback.play();
    clock.run(1000);
    expect(engine.time).toBeGreaterThanOrEqual(59_000);
    expect(engine.time).toBeLessThanOrEqual(61_000);
  });
});

describe('PlaybackController.step', () => {
  it('advances by the given ms, or to the next timer', () => {
    const { engine, playback } = setup();
    playback.step(1500);
    expect(engine.time).toBe(1500);
    engine.timers = [4000];
    playback.step();
    expect(engine.time).toBe(4000); // 1500 → next timer at 4000
  });

  it('advances by 1 s when nothing is pending, ignores invalid amounts', () => {
    const { engine, playback } = setup();
    playback.step();
    expect(engine.time).toBe(1000);
    playback.step(-5);
    playback.step(Number.NaN);
    expect(engine.time).toBe(1000);
  });

  it('re-reads virtual time after the engine changed outside playback', () => {
    const { engine, playback } = setup();
    playback.step(100);
    engine.time = 50_000; // e.g. a `wait` command or a scenario load moved time
    playback.engineChanged();
    engine.timers = [60_000];
    playback.step();
    expect(engine.time).toBe(60_000);
  });
});

describe('SnapshotPublisher', () => {
  it('sends the current state on subscribe', () => {
    const { published } = setup();
    expect(published).toHaveLength(1);
    expect(published[0]!.playback).toEqual({ playing: false, speed: 1 });
  });

  it('a burst of 1000 changes yields a handful of snapshots and ends on the final state', () => {
    const { clock, engine, playback, published } = setup();
    published.length = 0;
    for (let i = 0; i < 1000; i++) {
      engine.time += 1;
      playback.engineChanged();
      if (i % 100 === 0) clock.run(10); // the burst spans 100 ms of real time
    }
    clock.run(500);
    expect(published.length).toBeGreaterThanOrEqual(1);
    expect(published.length).toBeLessThanOrEqual(4);
    expect(published.at(-1)!.time).toBe(1000);
    expect(engine.snapshots).toBeLessThanOrEqual(published.length + 2); // snapshots taken at publish time only
  });

  it('never publishes twice within minIntervalMs while playing', () => {
    const { clock, playback, published } = setup();
    playback.setSpeed(60);
    playback.play();
    clock.run(2000);
    const gaps = published.slice(1).map((p, i) => p.at - published[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    expect(published.length).toBeGreaterThanOrEqual(15); // ~ every 100 ms over 2 s
  });

  it('publishes the trailing change after the interval, exactly once', () => {
    const clock = new FakeClock();
    let time = 0;
    const publisher = new SnapshotPublisher(clock, () => ({
      snapshot: { time, seed: 1, clusters: [], containerInstances: [], taskDefinitions: [], tasks: [], services: [], events: [] },
      playback: { playing: false, speed: 1 },
    }));
    const seen: number[] = [];
    publisher.subscribe((s) => seen.push(s.time), 100);
    time = 1;
    publisher.changed(); // within 100 ms of the subscribe publish → deferred
    time = 2;
    publisher.changed();
    expect(seen).toEqual([0]);
    clock.run(100);
    expect(seen).toEqual([0, 2]);
    clock.run(1000);
    expect(seen).toEqual([0, 2]);
  });

  it('a listener that throws does not break publication', () => {
    const clock = new FakeClock();
    const publisher = new SnapshotPublisher(clock, () => {
      throw new Error('unreachable');
    });
    expect(() => publisher.changed()).not.toThrow();
  });
});
