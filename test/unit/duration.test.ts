// Proves the command language's `wait` durations parse to whole virtual milliseconds and that every
// malformed duration is refused with a message that says what to write instead.
import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, parseDuration } from '../../workers/engine/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000], // 3_600_000 + 30 × 60_000
    ['250ms', 250],
    ['1m30s', 90_000],
    ['1d', 86_400_000],
    [' 45s ', 45_000],
    ['1500', 1_500],
    [1500, 1_500],
    [0, 0],
  ])('%j → %i ms', (input, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, ms });
  });

  it.each([['ten seconds'], ['5 m'], ['1.5s'], ['-5s'], [''], ['s'], ['10x'], [1.5], [-1], [null], [{}], [[1]], [true]])(
    'refuses %j with a message',
    (input) => {
      const result = parseDuration(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
    },
  );

  it('refuses a wait longer than 30 days', () => {
    expect(parseDuration('31d').ok).toBe(false);
    expect(parseDuration(MAX_WAIT_MS)).toEqual({ ok: true, ms: MAX_WAIT_MS });
  });
});
