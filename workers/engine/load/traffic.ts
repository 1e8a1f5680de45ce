/**
 * A service's request rate over virtual time, as plain data a scenario or
 * `sim:SetTraffic: {cluster, service, requestsPerSecond, pattern?}` can hold (issue 7; pure, not wired).
 *
 * Patterns (JSON, times in seconds as a learner writes them; rates in requests per second):
 * - `{ "type": "constant", "requestsPerSecond": 100 }`
 * - `{ "type": "ramp", "from": 50, "to": 400, "durationSeconds": 600, "startSeconds"?: 0 }` — `from`
 *   until the start, then a straight line to `to` over the duration, then `to` for good.
 * - `{ "type": "dailyWave", "low": 20, "high": 300, "peakHour": 14 }` — a cosine over 24 h of the
 *   virtual clock's UTC day: `high` at peakHour (0 ≤ peakHour < 24, fractions allowed), `low` twelve
 *   hours later. It does not depend on when it was set.
 * - `{ "type": "spike", "base": 100, "height": 500, "startSeconds": 300, "durationSeconds": 120 }` —
 *   `base`, and `base + height` during [start, start + duration); startSeconds defaults to 0 (now).
 *
 * `startSeconds` counts from the pattern's anchor: the virtual time it was set (sim:SetTraffic) or 0
 * (a scenario) — the caller passes it as `anchorMs`. With `requestsPerSecond` given beside a pattern
 * (sim:SetTraffic), it fills a ramp's missing `from` and a spike's missing `base`.
 *
 * The checker never throws: every input gives `{ ok: true, pattern }` or `{ ok: false, message }`,
 * the message naming the field and the number. Limits below are the sandbox's own (Sandbox), there
 * to keep the numbers readable and the arithmetic exact.
 */
import { toEpochMs } from '../schedules/next-fire.ts';

/** Sandbox ceiling on any rate: 1,000,000 requests per second (a large ALB's order of magnitude). */
export const MAX_REQUESTS_PER_SECOND = 1_000_000;
/** Sandbox ceiling on any start or duration: 30 days, in seconds. */
export const MAX_PATTERN_SECONDS = 30 * 24 * 3600;

const DAY_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60_000;

export type TrafficPattern =
  | { type: 'constant'; requestsPerSecond: number }
  | { type: 'ramp'; from: number; to: number; startMs: number; durationMs: number }
  | { type: 'dailyWave'; low: number; high: number; peakHour: number }
  | { type: 'spike'; base: number; height: number; startMs: number; durationMs: number };

export type TrafficPatternResult = { ok: true; pattern: TrafficPattern } | { ok: false; message: string };

export interface TrafficPatternOptions {
  /** Virtual ms that `startSeconds` counts from (sim:SetTraffic: now; a scenario: 0). */
  anchorMs?: number;
  /** sim:SetTraffic's requestsPerSecond: a plain number means a constant rate; fills ramp.from / spike.base. */
  requestsPerSecond?: number;
}

const FIELDS: Record<TrafficPattern['type'], { required: string[]; optional: string[] }> = {
  constant: { required: ['requestsPerSecond'], optional: [] },
  ramp: { required: ['from', 'to', 'durationSeconds'], optional: ['startSeconds'] },
  dailyWave: { required: ['low', 'high', 'peakHour'], optional: [] },
  spike: { required: ['base', 'height', 'durationSeconds'], optional: ['startSeconds'] },
};
const TYPES = Object.keys(FIELDS) as TrafficPattern['type'][];

class Refusal {
  constructor(readonly message: string) {}
}

const show = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
};

function numberField(raw: Record<string, unknown>, type: string, name: string, min: number, max: number, fallback?: number): number {
  const value = raw[name] ?? fallback;
  if (value === undefined) throw new Refusal(`A ${type} traffic pattern needs "${name}" (a number from ${min} to ${max}).`);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Refusal(`"${name}" of a ${type} traffic pattern must be a number from ${min} to ${max}, not ${show(value)}.`);
  }
  if (value < min || value > max) throw new Refusal(`"${name}" of a ${type} traffic pattern must be from ${min} to ${max}; it is ${value}.`);
  return value;
}

const rate = (raw: Record<string, unknown>, type: string, name: string, fallback?: number): number =>
  numberField(raw, type, name, 0, MAX_REQUESTS_PER_SECOND, fallback);

function check(raw: unknown, options: TrafficPatternOptions): TrafficPattern {
  const anchorMs = options.anchorMs ?? 0;
  if (raw === undefined || typeof raw === 'number') {
    const value = raw ?? options.requestsPerSecond;
    if (value === undefined) throw new Refusal('Give a traffic pattern or requestsPerSecond.');
    return { type: 'constant', requestsPerSecond: rate({ requestsPerSecond: value }, 'constant', 'requestsPerSecond') };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Refusal(`A traffic pattern must be an object with "type" (${TYPES.join(', ')}), not ${show(raw)}.`);
  }
  const object = raw as Record<string, unknown>;
  const type = object.type;
  if (typeof type !== 'string' || !TYPES.includes(type as TrafficPattern['type'])) {
    throw new Refusal(`Unknown traffic pattern type ${show(type)}: use one of ${TYPES.join(', ')}.`);
  }
  const fields = FIELDS[type as TrafficPattern['type']];
  const known = new Set(['type', ...fields.required, ...fields.optional]);
  for (const key of Object.keys(object)) {
    if (!known.has(key)) throw new Refusal(`Unknown field "${key}" in a ${type} traffic pattern; its fields are ${[...known].join(', ')}.`);
  }
  const seconds = (name: string, min: number): number => numberField(object, type, name, min, MAX_PATTERN_SECONDS, name === 'startSeconds' ? 0 : undefined);
  switch (type as TrafficPattern['type']) {
    case 'constant':
      return { type: 'constant', requestsPerSecond: rate(object, type, 'requestsPerSecond') };
    case 'ramp': {
      const from = rate(object, type, 'from', options.requestsPerSecond);
      const to = rate(object, type, 'to');
      const durationSeconds = seconds('durationSeconds', 1);
      return { type: 'ramp', from, to, startMs: anchorMs + seconds('startSeconds', 0) * 1000, durationMs: durationSeconds * 1000 };
    }
    case 'dailyWave': {
      const low = rate(object, type, 'low');
      const high = rate(object, type, 'high');
      if (low > high) throw new Refusal(`"low" (${low}) of a dailyWave traffic pattern must not exceed "high" (${high}).`);
      const peakHour = object.peakHour;
      if (peakHour === undefined) throw new Refusal('A dailyWave traffic pattern needs "peakHour" (the UTC hour of the peak, at least 0 and below 24).');
      if (typeof peakHour !== 'number' || !Number.isFinite(peakHour) || peakHour < 0 || peakHour >= 24) {
        throw new Refusal(`"peakHour" of a dailyWave traffic pattern is the UTC hour of the peak, at least 0 and below 24 (0 is midnight); it is ${show(peakHour)}.`);
      }
      return { type: 'dailyWave', low, high, peakHour };
    }
    case 'spike': {
      const base = rate(object, type, 'base', options.requestsPerSecond);
      const height = rate(object, type, 'height');
      const startSeconds = seconds('startSeconds', 0);
      const durationSeconds = seconds('durationSeconds', 1);
      return { type: 'spike', base, height, startMs: anchorMs + startSeconds * 1000, durationMs: durationSeconds * 1000 };
    }
  }
}

/** Checks a raw pattern (see the header); never throws. */
export function checkTrafficPattern(raw: unknown, options: TrafficPatternOptions = {}): TrafficPatternResult {
  try {
    return { ok: true, pattern: check(raw, options) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    return { ok: false, message: 'The traffic pattern could not be read.' };
  }
}

/** Milliseconds into the UTC day of a virtual time (the virtual clock starts at midnight UTC, EPOCH_ISO). */
const msOfDay = (virtualMs: number): number => ((toEpochMs(virtualMs) % DAY_MS) + DAY_MS) % DAY_MS;

/** The wave's phase: 0 at the peak, 2π a day later. */
const wavePhase = (pattern: { peakHour: number }, virtualMs: number): number =>
  ((msOfDay(virtualMs) - pattern.peakHour * 3600_000) / DAY_MS) * 2 * Math.PI;

/** Requests per second at a virtual time. */
export function requestsPerSecondAt(pattern: TrafficPattern, virtualMs: number): number {
  switch (pattern.type) {
    case 'constant':
      return pattern.requestsPerSecond;
    case 'ramp': {
      const f = (virtualMs - pattern.startMs) / pattern.durationMs;
      if (f <= 0) return pattern.from;
      if (f >= 1) return pattern.to;
      return pattern.from + (pattern.to - pattern.from) * f;
    }
    case 'dailyWave':
      return pattern.low + ((pattern.high - pattern.low) * (1 + Math.cos(wavePhase(pattern, virtualMs)))) / 2;
    case 'spike': {
      const inSpike = virtualMs >= pattern.startMs && virtualMs < pattern.startMs + pattern.durationMs;
      return inSpike ? pattern.base + pattern.height : pattern.base;
    }
  }
}

/** Length in ms of [a, b) ∩ [c, d). */
const overlapMs = (a: number, b: number, c: number, d: number): number => Math.max(0, Math.min(b, d) - Math.max(a, c));

/**
 * Requests arriving in [fromMs, toMs): the integral of the rate, in closed form for every pattern
 * (the wave's cosine integrates to a sine). A real number: round when publishing a count.
 */
export function requestsBetween(pattern: TrafficPattern, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  const seconds = (toMs - fromMs) / 1000;
  switch (pattern.type) {
    case 'constant':
      return pattern.requestsPerSecond * seconds;
    case 'ramp': {
      // Piecewise linear: before the start, along the line, after the end — each part exactly.
      const end = pattern.startMs + pattern.durationMs;
      let total = pattern.from * (overlapMs(fromMs, toMs, -Infinity, pattern.startMs) / 1000);
      total += pattern.to * (overlapMs(fromMs, toMs, end, Infinity) / 1000);
      const a = Math.max(fromMs, pattern.startMs);
      const b = Math.min(toMs, end);
      if (b > a) total += ((requestsPerSecondAt(pattern, a) + requestsPerSecondAt(pattern, b)) / 2) * ((b - a) / 1000);
      return total;
    }
    case 'dailyWave': {
      // ∫ low + (high−low)(1 + cos φ)/2 dt, φ = 2π t / DAY: the cosine's integral is DAY/(2π)·(sin φ_b − sin φ_a).
      const mid = (pattern.low + pattern.high) / 2;
      const amplitude = (pattern.high - pattern.low) / 2;
      const sineTerm = (DAY_MS / 1000 / (2 * Math.PI)) * (Math.sin(wavePhase(pattern, toMs)) - Math.sin(wavePhase(pattern, fromMs)));
      // wavePhase wraps each day; sin is 2π-periodic, so the wrap does not change the difference.
      return Math.max(0, mid * seconds + amplitude * sineTerm);
    }
    case 'spike':
      return pattern.base * seconds + pattern.height * (overlapMs(fromMs, toMs, pattern.startMs, pattern.startMs + pattern.durationMs) / 1000);
  }
}

/** Requests arriving in the minute starting at minuteStartMs (the Sum of RequestCount for that period). */
export function requestsInMinute(pattern: TrafficPattern, minuteStartMs: number): number {
  return requestsBetween(pattern, minuteStartMs, minuteStartMs + MINUTE_MS);
}
