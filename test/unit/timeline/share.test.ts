// The log as JSON and back (a shareable link): the decoded log replays to the same run; what comes
// from outside is checked, each problem said; and the size of a typical session's log.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { decodeLog, encodeLog, Timeline } from '../../../workers/timeline/index.ts';
import { CAPACITY, drive, sameJson, timeline } from './helpers.ts';

const find = (id: string) => (id === CAPACITY.id ? CAPACITY : undefined);

describe('the log serialises to JSON and back', () => {
  const run = timeline();
  drive(run, 60, 11);
  const text = encodeLog(run.log());

  it('round-trips and replays to the same snapshot', () => {
    const decoded = decodeLog(text, find);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.log.entries).toEqual(run.log().entries);
    expect(decoded.log.endMs).toBe(run.endMs);
    const replayed = Timeline.fromLog(decoded.log, { createEngine: () => createEngine() });
    sameJson(JSON.stringify(replayed.snapshot()), JSON.stringify(run.snapshot()), 'decoded run');
  });

  it('is small: a virtual hour with a command every 3 minutes is about a kilobyte or two', () => {
    const bytes = Buffer.byteLength(text);
    const gzip = gzipSync(text).length;
    console.log(`timeline log of ${run.log().entries.length} commands over 60 virtual minutes: ${bytes} bytes of JSON, ${gzip} gzipped, ${Buffer.from(text).toString('base64url').length} characters as base64url`);
    expect(bytes).toBeLessThan(4000);
  });

  it('refuses what is not a log, saying what is wrong', () => {
    const shared = JSON.parse(text);
    const cases: [unknown, RegExp][] = [
      ['{', /not JSON/],
      [[], /JSON object/],
      [{ ...shared, v: 2 }, /format version 2/],
      [{ ...shared, scenario: 'elsewhere' }, /scenario "elsewhere"/],
      [{ ...shared, seed: -1 }, /seed/],
      [{ ...shared, end: 1.5 }, /end time/],
      [{ ...shared, steps: {} }, /list of \[time, step\] pairs/],
      [{ ...shared, steps: [[5, { a: 1, b: 2 }]] }, /Command 1 .*exactly one action/],
      [{ ...shared, steps: [[9, { a: 1 }], [8, { a: 1 }]] }, /Command 2 .*before the previous/],
      [{ ...shared, end: 5, steps: [[9, { a: 1 }]] }, /after the run's end/],
    ];
    for (const [input, message] of cases) {
      const result = decodeLog(typeof input === 'string' ? input : JSON.stringify(input), find);
      expect(result.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    }
  });
});

describe('restoring a log that does not replay', () => {
  it('says which command the replay refused, instead of showing a run that never happened', () => {
    const log = { scenario: CAPACITY, seed: CAPACITY.seed, endMs: 600_000, entries: [
      { at: 300_000, step: { 'ecs:UpdateService': { cluster: 'managed', service: 'worker', desiredCount: 3 } } },
      { at: 400_000, step: { 'ecs:UpdateService': { cluster: 'managed', service: 'ghost', desiredCount: 3 } } },
    ] };
    const restored = Timeline.restore(log, { createEngine: () => createEngine() });
    expect(restored).toEqual({ ok: false, message: expect.stringMatching(/^Replaying the run failed at command 2 \(virtual time 400000 ms\): ecs:UpdateService was refused: ServiceNotFoundException/) });
    const good = Timeline.restore({ ...log, entries: log.entries.slice(0, 1) }, { createEngine: () => createEngine() });
    expect(good.ok && good.timeline.now).toBe(600_000);
  });
});
