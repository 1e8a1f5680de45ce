/**
 * Durations in the command language: `wait: 90s`, `5m`, `2h`, `1h30m`, `250ms`, or a plain number
 * of milliseconds. Virtual time is whole milliseconds, so fractions are refused rather than rounded.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+)(ms|s|m|h|d)/gy;

/** The largest wait one step may ask for: 30 virtual days. */
export const MAX_WAIT_MS = 30 * 86_400_000;

export type DurationResult = { ok: true; ms: number } | { ok: false; message: string };

export function parseDuration(value: unknown): DurationResult {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) {
      return { ok: false, message: `a wait in milliseconds must be a whole number ≥ 0, not ${value}` };
    }
    return checkMax(value);
  }
  if (typeof value !== 'string') {
    return { ok: false, message: `a wait must be a duration like "90s", "5m", "2h" or a number of milliseconds, not ${describe(value)}` };
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) return checkMax(Number(text));
  let total = 0;
  PART.lastIndex = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match !== null; match = PART.exec(text)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed = PART.lastIndex;
  }
  if (text === '' || consumed !== text.length) {
    return { ok: false, message: `"${value}" is not a duration: write e.g. "90s", "5m", "2h", "1h30m" or "250ms"` };
  }
  return checkMax(total);
}

function checkMax(ms: number): DurationResult {
  if (ms > MAX_WAIT_MS) return { ok: false, message: `a single wait may be at most 30 days (${MAX_WAIT_MS} ms), not ${ms} ms` };
  return { ok: true, ms };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}
