// Replaying the log reproduces the run: at many points of a session, the timeline (driven live,
// then jumped to each point in a shuffled order, and rebuilt from its log) shows the very snapshot
// a plain engine showed there. Also: the timeline is transparent while it records.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { Prng } from '../../../workers/engine/prng.ts';
import { Timeline } from '../../../workers/timeline/index.ts';
import { drive, plainEngine, sameJson, timeline } from './helpers.ts';

const MINUTES = 40;
const SEED = 20261207;

describe(`replay equals the original run (capacity.yaml, ${MINUTES} virtual minutes, slices seed ${SEED})`, () => {
  const original = new Map<number, string>();
  const engine = plainEngine();
  drive(engine, MINUTES, SEED, () => {
    const snapshot = engine.snapshot();
    original.set(snapshot.time, JSON.stringify(snapshot));
  });
  const finalSnapshot = JSON.stringify(engine.snapshot());
  const live = timeline();
  const seenLive = new Map<number, string>();
  drive(live, MINUTES, SEED + 1, () => seenLive.set(live.now, JSON.stringify(live.snapshot())));

  it('the timeline records without changing the run (other slices, same snapshots)', () => {
    expect([...seenLive.keys()]).toEqual([...original.keys()]);
    for (const [time, json] of seenLive) sameJson(json, original.get(time), `at ${time}`);
    sameJson(JSON.stringify(live.snapshot()), finalSnapshot, 'snapshot');
  });

  it('logs the commands that took effect, not the refused one nor the typed wait', () => {
    const actions = live.log().entries.map((entry) => Object.keys(entry.step)[0]);
    expect(actions).toHaveLength(11);
    expect(actions).not.toContain('wait');
    expect(live.log().entries.some((entry) => JSON.stringify(entry.step).includes('no-such-service'))).toBe(false);
  });

  it('jumps to every observed point, in a shuffled order, show the original snapshot', () => {
    const times = [...original.keys()];
    const prng = new Prng(SEED);
    for (let i = times.length - 1; i > 0; i--) {
      const j = prng.int(0, i + 1);
      [times[i], times[j]] = [times[j]!, times[i]!];
    }
    for (const time of times) {
      live.jumpTo(time);
      expect(live.now).toBe(time);
      sameJson(JSON.stringify(live.snapshot()), original.get(time), `jump to ${time}`);
    }
    live.jumpTo(live.endMs);
    sameJson(JSON.stringify(live.snapshot()), finalSnapshot, 'snapshot');
  });

  it('a timeline rebuilt from the log ends where the run ended, and jumps back exactly', () => {
    const rebuilt = Timeline.fromLog(live.log(), { createEngine: () => createEngine() });
    expect(rebuilt.now).toBe(live.endMs);
    sameJson(JSON.stringify(rebuilt.snapshot()), finalSnapshot, 'snapshot');
    const time = [...original.keys()][17]!;
    rebuilt.jumpTo(time);
    sameJson(JSON.stringify(rebuilt.snapshot()), original.get(time), 'snapshot');
  });

  it('advancing from the past replays the recorded future: the run reaches the same end', () => {
    const time = [...original.keys()][5]!;
    live.jumpTo(time);
    expect(live.inPast).toBe(true);
    let now = live.now;
    const prng = new Prng(SEED + 2);
    while (now < live.endMs) {
      live.advance(Math.min(live.endMs - now, 1 + prng.int(0, 200_000)));
      now = live.now;
      const expected = original.get(now);
      if (expected !== undefined) sameJson(JSON.stringify(live.snapshot()), expected, `replayed to ${now}`);
    }
    expect(live.inPast).toBe(false);
    sameJson(JSON.stringify(live.snapshot()), finalSnapshot, 'snapshot');
    expect(live.log().entries).toHaveLength(11);
  });

  it('jumps are clamped to the run: before the setup ended, after the end', () => {
    live.jumpTo(-5);
    expect(live.now).toBe(live.startMs);
    live.jumpTo(Number.MAX_SAFE_INTEGER);
    expect(live.now).toBe(live.endMs);
    sameJson(JSON.stringify(live.snapshot()), finalSnapshot, 'snapshot');
  });
});
