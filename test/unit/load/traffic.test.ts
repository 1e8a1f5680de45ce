// Request-rate patterns over virtual time (load/traffic.ts): the checker's refusals, the rate at a
// time and the exact per-minute integral RequestCount will publish.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkTrafficPattern,
  requestsBetween,
  requestsInMinute,
  requestsPerSecondAt,
  MAX_REQUESTS_PER_SECOND,
  type TrafficPattern,
} from '../../../workers/engine/load/traffic.ts';

const HOUR = 3600_000;
const MINUTE = 60_000;

function ok(raw: unknown, options?: Parameters<typeof checkTrafficPattern>[1]): TrafficPattern {
  const result = checkTrafficPattern(raw, options);
  if (!result.ok) throw new Error(result.message);
  return result.pattern;
}
function refused(raw: unknown, options?: Parameters<typeof checkTrafficPattern>[1]): string {
  const result = checkTrafficPattern(raw, options);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(raw)}`);
  return result.message;
}

/** Midpoint-rule integral in 10 ms steps, to check the closed forms against. */
function numeric(pattern: TrafficPattern, from: number, to: number): number {
  let sum = 0;
  for (let t = from; t < to; t += 10) sum += requestsPerSecondAt(pattern, t + 5) * 0.01;
  return sum;
}

describe('checkTrafficPattern', () => {
  it('reads each pattern, seconds becoming virtual ms from the anchor', () => {
    expect(ok({ type: 'constant', requestsPerSecond: 100 })).toEqual({ type: 'constant', requestsPerSecond: 100 });
    expect(ok({ type: 'ramp', from: 50, to: 400, durationSeconds: 600, startSeconds: 60 }, { anchorMs: 5 * MINUTE })).toEqual({
      type: 'ramp', from: 50, to: 400, startMs: 6 * MINUTE, durationMs: 600_000,
    });
    expect(ok({ type: 'dailyWave', low: 20, high: 300, peakHour: 14.5 })).toEqual({ type: 'dailyWave', low: 20, high: 300, peakHour: 14.5 });
    expect(ok({ type: 'spike', base: 100, height: 500, startSeconds: 300, durationSeconds: 120 })).toEqual({
      type: 'spike', base: 100, height: 500, startMs: 300_000, durationMs: 120_000,
    });
  });

  it('takes sim:SetTraffic requestsPerSecond: alone a constant, beside a pattern the ramp start or spike base', () => {
    expect(ok(undefined, { requestsPerSecond: 80 })).toEqual({ type: 'constant', requestsPerSecond: 80 });
    expect(ok(42)).toEqual({ type: 'constant', requestsPerSecond: 42 });
    expect(ok({ type: 'ramp', to: 400, durationSeconds: 60 }, { requestsPerSecond: 80, anchorMs: 1000 })).toMatchObject({ from: 80, startMs: 1000 });
    expect(ok({ type: 'spike', height: 900, durationSeconds: 30 }, { requestsPerSecond: 80 })).toMatchObject({ base: 80, startMs: 0 });
    // The pattern's own number wins.
    expect(ok({ type: 'ramp', from: 10, to: 400, durationSeconds: 60 }, { requestsPerSecond: 80 })).toMatchObject({ from: 10 });
  });

  it('refuses with the field and the number', () => {
    expect(refused(undefined)).toBe('Give a traffic pattern or requestsPerSecond.');
    expect(refused({ type: 'constant', requestsPerSecond: -5 })).toBe(`"requestsPerSecond" of a constant traffic pattern must be from 0 to ${MAX_REQUESTS_PER_SECOND}; it is -5.`);
    expect(refused({ type: 'constant', requestsPerSecond: '100' })).toContain('not "100"');
    expect(refused({ type: 'ramp', from: 1, to: 2, durationSeconds: 0 })).toContain('"durationSeconds" of a ramp traffic pattern must be from 1 to');
    expect(refused({ type: 'ramp', from: 1, durationSeconds: 10 })).toContain('A ramp traffic pattern needs "to"');
    expect(refused({ type: 'dailyWave', low: 300, high: 20, peakHour: 14 })).toBe('"low" (300) of a dailyWave traffic pattern must not exceed "high" (20).');
    expect(refused({ type: 'dailyWave', low: 1, high: 2, peakHour: 24 })).toContain('below 24');
    expect(refused({ type: 'dailyWave', low: 1, high: 2 })).toContain('needs "peakHour"');
    expect(refused({ type: 'spike', base: 1, height: 2, durationSeconds: 5, startSeconds: -1 })).toContain('it is -1');
    expect(refused({ type: 'sine', low: 1 })).toBe('Unknown traffic pattern type "sine": use one of constant, ramp, dailyWave, spike.');
    expect(refused({ type: 'constant', requestsPerSecond: 1, rps: 2 })).toContain('Unknown field "rps" in a constant traffic pattern');
    expect(refused([1, 2])).toContain('not an array');
    expect(refused({ type: 'constant', requestsPerSecond: Infinity })).toContain('not Infinity');
  });

  const seed = Date.now() % 1_000_000;
  it(`never throws, and whatever it accepts gives finite rates ≥ 0 (seed ${seed})`, () => {
    const value = fc.oneof(fc.double(), fc.integer({ min: -10, max: 100_000 }), fc.string({ maxLength: 4 }), fc.constant(null), fc.constant(undefined));
    const raw = fc.oneof(
      fc.anything(),
      fc.record(
        {
          type: fc.constantFrom('constant', 'ramp', 'dailyWave', 'spike', 'other'),
          requestsPerSecond: value, from: value, to: value, low: value, high: value, peakHour: value,
          base: value, height: value, startSeconds: value, durationSeconds: value,
        },
        { requiredKeys: ['type'] },
      ),
    );
    fc.assert(
      fc.property(raw, fc.integer({ min: 0, max: 30 * 24 * HOUR }), (input, t) => {
        const result = checkTrafficPattern(input);
        if (!result.ok) {
          expect(result.message.length).toBeGreaterThan(10);
          return;
        }
        const r = requestsPerSecondAt(result.pattern, t);
        expect(Number.isFinite(r) && r >= 0).toBe(true);
        const n = requestsInMinute(result.pattern, t);
        expect(Number.isFinite(n) && n >= 0).toBe(true);
      }),
      { seed, numRuns: 3000 },
    );
  });
});

describe('requestsPerSecondAt', () => {
  it('ramps in a straight line, holding from before and to after', () => {
    const ramp = ok({ type: 'ramp', from: 100, to: 400, durationSeconds: 600, startSeconds: 60 });
    expect(requestsPerSecondAt(ramp, 0)).toBe(100);
    expect(requestsPerSecondAt(ramp, 60_000 + 300_000)).toBe(250);
    expect(requestsPerSecondAt(ramp, HOUR)).toBe(400);
    const down = ok({ type: 'ramp', from: 400, to: 0, durationSeconds: 100 });
    expect(requestsPerSecondAt(down, 25_000)).toBe(300);
  });

  it('peaks the wave at peakHour (UTC of the virtual clock) and bottoms it 12 h later, every day', () => {
    const wave = ok({ type: 'dailyWave', low: 20, high: 300, peakHour: 14 });
    expect(requestsPerSecondAt(wave, 14 * HOUR)).toBeCloseTo(300, 9);
    expect(requestsPerSecondAt(wave, 2 * HOUR)).toBeCloseTo(20, 9);
    expect(requestsPerSecondAt(wave, 8 * HOUR)).toBeCloseTo(160, 9);
    expect(requestsPerSecondAt(wave, 3 * 24 * HOUR + 14 * HOUR)).toBeCloseTo(300, 9);
  });

  it('adds the spike on top of the base for [start, start + duration)', () => {
    const spike = ok({ type: 'spike', base: 100, height: 500, startSeconds: 300, durationSeconds: 120 });
    expect(requestsPerSecondAt(spike, 299_999)).toBe(100);
    expect(requestsPerSecondAt(spike, 300_000)).toBe(600);
    expect(requestsPerSecondAt(spike, 419_999)).toBe(600);
    expect(requestsPerSecondAt(spike, 420_000)).toBe(100);
  });
});

describe('requestsInMinute', () => {
  it('is exact for constant, ramp and spike', () => {
    expect(requestsInMinute(ok({ type: 'constant', requestsPerSecond: 100 }), 7 * MINUTE)).toBe(6000);
    // Ramp 0 → 600 over 10 minutes from t = 30 s: minute [0, 60 s) = 30 s at 0 + 30 s averaging 15 req/s.
    const ramp = ok({ type: 'ramp', from: 0, to: 600, durationSeconds: 600, startSeconds: 30 });
    expect(requestsInMinute(ramp, 0)).toBeCloseTo(450, 9);
    // Minute [600 s, 660 s): 30 s averaging 585, then 30 s at 600.
    expect(requestsInMinute(ramp, 10 * MINUTE)).toBeCloseTo(30 * 585 + 30 * 600, 9);
    // Spike of +500 for 120 s from 300 s: the minute [4 min, 5 min) has none, [5, 6) all 60 s, [6.5, 7.5) 30 s.
    const spike = ok({ type: 'spike', base: 100, height: 500, startSeconds: 300, durationSeconds: 120 });
    expect(requestsInMinute(spike, 4 * MINUTE)).toBe(6000);
    expect(requestsInMinute(spike, 5 * MINUTE)).toBe(36_000);
    expect(requestsInMinute(spike, 6.5 * MINUTE)).toBe(6000 + 30 * 500);
  });

  it('integrates the wave in closed form: matches fine steps, and a day holds the mean × 86,400 s', () => {
    const wave = ok({ type: 'dailyWave', low: 20, high: 300, peakHour: 14 });
    for (const minute of [0, 14 * 60, 14 * 60 - 1, 8 * 60 + 17, 23 * 60 + 59]) {
      const start = minute * MINUTE;
      expect(requestsInMinute(wave, start)).toBeCloseTo(numeric(wave, start, start + MINUTE), 3);
    }
    expect(requestsBetween(wave, 5 * HOUR, 29 * HOUR)).toBeCloseTo(160 * 86_400, 3);
  });

  it('sums over consecutive minutes to the whole interval (no request lost or counted twice)', () => {
    const patterns = [
      ok({ type: 'ramp', from: 7, to: 913, durationSeconds: 437, startSeconds: 71 }),
      ok({ type: 'spike', base: 3, height: 1000, durationSeconds: 95, startSeconds: 130 }),
      ok({ type: 'dailyWave', low: 0, high: 1000, peakHour: 0.25 }),
    ];
    for (const pattern of patterns) {
      let sum = 0;
      for (let m = 0; m < 30; m++) sum += requestsInMinute(pattern, m * MINUTE);
      expect(sum).toBeCloseTo(requestsBetween(pattern, 0, 30 * MINUTE), 6);
      expect(requestsBetween(pattern, 0, 30 * MINUTE)).toBeCloseTo(numeric(pattern, 0, 30 * MINUTE), 0);
    }
  });
});
