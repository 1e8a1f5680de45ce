// Fire times on the virtual clock (virtual ms 0 = 2026-01-01T00:00:00Z, a Thursday), hand-checked
// against a calendar, plus a fast-check property against an independent, naive matcher.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nextFireAfter,
  parseFixedTimezone,
  parseScheduleExpression,
  toEpochMs,
  type FireOptions,
  type Schedule,
} from '../../../workers/engine/schedules/index.ts';
import type { CronFields } from '../../../workers/engine/schedules/cron.ts';
import { EPOCH_ISO } from '../../../workers/engine/ids/arn.ts';

const EPOCH = Date.parse(EPOCH_ISO);
/** Virtual ms of a UTC wall time written 'YYYY-MM-DDTHH:MM[:SS]'. */
const v = (iso: string): number => Date.parse(`${iso}Z`) - EPOCH;
/** Virtual ms → 'YYYY-MM-DDTHH:MM' (UTC), or null. */
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(EPOCH + ms).toISOString().slice(0, 16));

function schedule(text: string): Schedule {
  const r = parseScheduleExpression(text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.schedule;
}

/** The first `n` fire times strictly after `after` (an ISO wall time), as ISO minutes. */
function fires(text: string, after: string, n: number, options: FireOptions = {}): (string | null)[] {
  const s = schedule(text);
  const out: (string | null)[] = [];
  let t: number | null = v(after);
  for (let i = 0; i < n && t !== null; i += 1) {
    t = nextFireAfter(s, t, options);
    out.push(iso(t));
  }
  return out;
}

describe('cron: AWS doc examples from the start of virtual time', () => {
  it.each([
    ['cron(0 10 * * ? *)', ['2026-01-01T10:00', '2026-01-02T10:00', '2026-01-03T10:00']],
    ['cron(15 12 * * ? *)', ['2026-01-01T12:15', '2026-01-02T12:15']],
    // Jan 1 2026 is a Thursday: Fri 2nd, then Mon 5th (the weekend skipped)
    ['cron(0 18 ? * MON-FRI *)', ['2026-01-01T18:00', '2026-01-02T18:00', '2026-01-05T18:00']],
    ['cron(0 8 1 * ? *)', ['2026-01-01T08:00', '2026-02-01T08:00', '2026-03-01T08:00']],
    ['cron(0/15 * * * ? *)', ['2026-01-01T00:15', '2026-01-01T00:30', '2026-01-01T00:45', '2026-01-01T01:00']],
    ['cron(0/5 8-17 ? * MON-FRI *)', ['2026-01-01T08:00', '2026-01-01T08:05']],
    // first Monday of the month: Jan 5, Feb 2, Mar 2 2026
    ['cron(0 9 ? * 2#1 *)', ['2026-01-05T09:00', '2026-02-02T09:00', '2026-03-02T09:00']],
  ])('%s', (text, expected) => {
    expect(fires(text, '2026-01-01T00:00', expected.length)).toEqual(expected);
  });

  it('cron(0/10 * ? * MON-FRI *) runs through Friday and resumes on Monday', () => {
    expect(fires('cron(0/10 * ? * MON-FRI *)', '2026-01-02T23:40', 3)).toEqual(['2026-01-02T23:50', '2026-01-05T00:00', '2026-01-05T00:10']);
  });

  it('cron(0/5 8-17 …) stops at 17:55 and resumes at 08:00 the next weekday', () => {
    expect(fires('cron(0/5 8-17 ? * MON-FRI *)', '2026-01-02T17:50', 2)).toEqual(['2026-01-02T17:55', '2026-01-05T08:00']);
  });
});

describe('cron: hand-checked calendar cases', () => {
  it('29 FEB only in leap years: 2028, then 2032', () => {
    expect(fires('cron(0 12 29 2 ? *)', '2026-01-01T00:00', 2)).toEqual(['2028-02-29T12:00', '2032-02-29T12:00']);
  });
  it('L in February: the 28th, and the 29th in 2028', () => {
    expect(fires('cron(0 0 L 2 ? *)', '2026-01-01T00:00', 3)).toEqual(['2026-02-28T00:00', '2027-02-28T00:00', '2028-02-29T00:00']);
  });
  it('day 31 skips the months without one', () => {
    expect(fires('cron(0 0 31 * ? *)', '2026-01-31T00:00', 3)).toEqual(['2026-03-31T00:00', '2026-05-31T00:00', '2026-07-31T00:00']);
  });
  it('L = last day of each month, month ends of 2028', () => {
    expect(fires('cron(30 23 L * ? 2028)', '2026-01-01T00:00', 4)).toEqual(['2028-01-31T23:30', '2028-02-29T23:30', '2028-03-31T23:30', '2028-04-30T23:30']);
  });
  it('LW = last weekday: Sat Jan 31 2026 → Fri 30th; Sat Feb 28 → Fri 27th; Tue Mar 31', () => {
    expect(fires('cron(0 12 LW * ? *)', '2026-01-01T00:00', 3)).toEqual(['2026-01-30T12:00', '2026-02-27T12:00', '2026-03-31T12:00']);
  });
  it('15W = weekday nearest the 15th: Thu Jan 15; Sun Feb 15 → Mon 16th; Sat Aug 15 → Fri 14th', () => {
    expect(fires('cron(0 12 15W * ? *)', '2026-01-01T00:00', 2)).toEqual(['2026-01-15T12:00', '2026-02-16T12:00']);
    expect(fires('cron(0 12 15W * ? *)', '2026-08-01T00:00', 1)).toEqual(['2026-08-14T12:00']);
  });
  it('1W never leaves the month: Sat Aug 1 2026 → Mon Aug 3 (not Fri Jul 31)', () => {
    expect(fires('cron(0 12 1W 8 ? *)', '2026-01-01T00:00', 1)).toEqual(['2026-08-03T12:00']);
  });
  it('31W never leaves the month: Sun May 31 2026 → Fri May 29 (not Mon Jun 1); 30-day months have no 31W', () => {
    expect(fires('cron(0 12 31W * ? *)', '2026-05-01T00:00', 2)).toEqual(['2026-05-29T12:00', '2026-07-31T12:00']);
  });
  it('6L = last Friday: Jan 30, Feb 27, Mar 27 2026', () => {
    expect(fires('cron(0 12 ? * 6L *)', '2026-01-01T00:00', 3)).toEqual(['2026-01-30T12:00', '2026-02-27T12:00', '2026-03-27T12:00']);
  });
  it('L alone in day-of-week = every Saturday (the last day of the week)', () => {
    expect(fires('cron(0 12 ? * L *)', '2026-01-01T00:00', 2)).toEqual(['2026-01-03T12:00', '2026-01-10T12:00']);
  });
  it('5#5 = fifth Thursday: Jan 29 2026, then none until Apr 30', () => {
    expect(fires('cron(0 9 ? * 5#5 *)', '2026-01-01T00:00', 2)).toEqual(['2026-01-29T09:00', '2026-04-30T09:00']);
  });
  it('MON#2 names work like 2#2: Jan 12 2026', () => {
    expect(fires('cron(0 9 ? * MON#2 *)', '2026-01-01T00:00', 1)).toEqual(['2026-01-12T09:00']);
  });
  it('a fixed year: fires in it and then never again', () => {
    expect(fires('cron(0 0 1 1 ? 2199)', '2026-01-01T00:00', 2)).toEqual(['2199-01-01T00:00', null]);
    expect(fires('cron(0 0 1 1 ? 2025)', '2026-01-01T00:00', 1)).toEqual([null]);
  });
  it('impossible dates (30 FEB, 31 APR) give null, fast', () => {
    const feb30 = schedule('cron(0 0 30 2 ? *)');
    const apr31 = schedule('cron(0 0 31 4 ? *)');
    const t0 = performance.now();
    for (let i = 0; i < 100; i += 1) {
      expect(nextFireAfter(feb30, i * 1000)).toBeNull();
      expect(nextFireAfter(apr31, i * 1000)).toBeNull();
    }
    expect(performance.now() - t0).toBeLessThan(500); // ≈ 0.1 ms each; generous for a shared machine
  });
  it('a typical next fire costs well under 1 ms', () => {
    const s = schedule('cron(0/5 8-17 ? * MON-FRI *)');
    let t = 0;
    const t0 = performance.now();
    for (let i = 0; i < 2000; i += 1) t = nextFireAfter(s, t) ?? t;
    // 120 fires a weekday (10 hours × 12): 2,000 = 16 weekdays (Jan 1-22) + 80 more on Fri Jan 23 → 08:00 + 79 × 5 min
    expect(iso(t)).toBe('2026-01-23T14:35');
    expect((performance.now() - t0) / 2000).toBeLessThan(1);
  });
  it('strictly after: a fire time itself is not returned again; a mid-minute instant rounds up', () => {
    const s = schedule('cron(0 10 * * ? *)');
    expect(iso(nextFireAfter(s, v('2026-01-01T10:00')))).toBe('2026-01-02T10:00');
    expect(iso(nextFireAfter(s, v('2026-01-01T09:59:59')))).toBe('2026-01-01T10:00');
    const every = schedule('cron(* * * * ? *)');
    expect(nextFireAfter(every, v('2026-01-01T10:00:30'))).toBe(v('2026-01-01T10:01'));
    expect(nextFireAfter(every, v('2026-01-01T10:00') - 1)).toBe(v('2026-01-01T10:00'));
  });
  it('before virtual time 0 works too (negative virtual ms)', () => {
    expect(iso(nextFireAfter(schedule('cron(0 10 * * ? *)'), v('2025-12-31T00:00')))).toBe('2025-12-31T10:00');
  });
});

describe('rate: every period from the anchor', () => {
  it('first fire one period after creation (UNCONFIRMED: AWS says the rate "starts when you create the rule")', () => {
    expect(fires('rate(5 minutes)', '2026-01-01T00:07', 3, { createdMs: v('2026-01-01T00:07') })).toEqual(['2026-01-01T00:12', '2026-01-01T00:17', '2026-01-01T00:22']);
  });
  it('keeps its phase from the anchor, whatever instant it is asked from', () => {
    const s = schedule('rate(1 hour)');
    const created = v('2026-01-01T00:20');
    expect(iso(nextFireAfter(s, v('2026-01-03T07:00'), { createdMs: created }))).toBe('2026-01-03T07:20');
    expect(iso(nextFireAfter(s, v('2026-01-03T07:20'), { createdMs: created }))).toBe('2026-01-03T08:20');
    expect(iso(nextFireAfter(s, v('2025-12-31T00:00'), { createdMs: created }))).toBe('2026-01-01T01:20'); // never before creation + period
  });
  it('rate(7 days) from creation', () => {
    expect(fires('rate(7 days)', '2026-01-01T00:00', 2, { createdMs: 0 })).toEqual(['2026-01-08T00:00', '2026-01-15T00:00']);
  });
});

describe('at: once', () => {
  it('fires once at its time, then never', () => {
    expect(fires('at(2026-01-01T12:00:00)', '2026-01-01T00:00', 2)).toEqual(['2026-01-01T12:00', null]);
    expect(fires('at(2026-01-01T12:00:00)', '2026-01-01T12:00', 1)).toEqual([null]); // strictly after
    expect(nextFireAfter(schedule('at(2026-03-01T09:00:30)'), 0)).toBe(v('2026-03-01T09:00:30')); // seconds kept
  });
});

describe('start and end times', () => {
  it('endMs is the last instant that may fire (inclusive), then null', () => {
    expect(fires('rate(5 minutes)', '2026-01-01T00:00', 3, { createdMs: 0, endMs: v('2026-01-01T00:10') })).toEqual(['2026-01-01T00:05', '2026-01-01T00:10', null]);
    expect(fires('cron(0 10 * * ? *)', '2026-01-01T00:00', 3, { endMs: v('2026-01-02T09:59') })).toEqual(['2026-01-01T10:00', null]);
    expect(fires('at(2026-01-01T12:00:00)', '2026-01-01T00:00', 1, { endMs: v('2026-01-01T11:00') })).toEqual([null]);
  });
  it('startMs: nothing before it; rate counts from it', () => {
    expect(fires('cron(0 10 * * ? *)', '2026-01-01T00:00', 1, { startMs: v('2026-01-05T10:00') })).toEqual(['2026-01-05T10:00']);
    expect(fires('cron(0 10 * * ? *)', '2026-01-01T00:00', 1, { startMs: v('2026-01-05T10:00:01') })).toEqual(['2026-01-06T10:00']);
    expect(fires('rate(1 hour)', '2026-01-01T00:00', 2, { createdMs: 0, startMs: v('2026-01-02T06:30') })).toEqual(['2026-01-02T07:30', '2026-01-02T08:30']);
    expect(fires('at(2026-01-01T12:00:00)', '2026-01-01T00:00', 1, { startMs: v('2026-01-02T00:00') })).toEqual([null]);
  });
  it('fireAtStart (Application Auto Scaling: "performs the action at this time, and then … based on the specified recurrence")', () => {
    const start = v('2026-01-02T06:30');
    expect(fires('cron(0 10 * * ? *)', '2026-01-01T00:00', 3, { startMs: start, fireAtStart: true })).toEqual(['2026-01-02T06:30', '2026-01-02T10:00', '2026-01-03T10:00']);
    expect(fires('rate(1 hour)', '2026-01-01T00:00', 2, { startMs: start, fireAtStart: true })).toEqual(['2026-01-02T06:30', '2026-01-02T07:30']);
    expect(fires('cron(0 10 * * ? *)', '2026-01-01T00:00', 1, { startMs: start, endMs: start - 1, fireAtStart: true })).toEqual([null]);
  });
});

describe('time zones: fixed offsets only', () => {
  it('reads UTC and Etc/GMT±N names, with the POSIX sign', () => {
    expect(parseFixedTimezone('UTC')).toEqual({ ok: true, offsetMinutes: 0 });
    expect(parseFixedTimezone('Etc/GMT-2')).toEqual({ ok: true, offsetMinutes: 120 });
    expect(parseFixedTimezone('Etc/GMT+9')).toEqual({ ok: true, offsetMinutes: -540 });
    expect(parseFixedTimezone('Etc/GMT-14')).toEqual({ ok: true, offsetMinutes: 840 });
    for (const name of ['Europe/Paris', 'Etc/GMT+13', 'Etc/GMT-15', 'utc', '', 42]) {
      const r = parseFixedTimezone(name);
      expect(r.ok, String(name)).toBe(false);
      if (!r.ok) expect(r.message).toMatch(typeof name === 'string' ? /is not simulated: the sandbox runs schedules in UTC or a fixed offset/ : /must be a string/);
    }
  });
  it('cron and at read in the zone; rate ignores it', () => {
    const utcPlus2 = { utcOffsetMinutes: 120 };
    expect(fires('cron(0 9 * * ? *)', '2026-01-01T00:00', 1, utcPlus2)).toEqual(['2026-01-01T07:00']);
    // Monday 01:00 at UTC+2 is Sunday 23:00 UTC: the day-of-week is the zone's
    expect(fires('cron(0 1 ? * MON *)', '2026-01-01T00:00', 1, utcPlus2)).toEqual(['2026-01-04T23:00']);
    expect(fires('at(2026-01-01T12:00:00)', '2026-01-01T00:00', 1, { utcOffsetMinutes: -540 })).toEqual(['2026-01-01T21:00']);
    expect(fires('rate(5 minutes)', '2026-01-01T00:00', 1, { createdMs: 0, ...utcPlus2 })).toEqual(['2026-01-01T00:05']);
  });
});

describe('never throws, whatever the instant', () => {
  it('non-finite instants give null; instants past what a Date holds give null for cron and at', () => {
    for (const s of [schedule('cron(0 10 * * ? *)'), schedule('rate(5 minutes)'), schedule('at(2026-01-01T12:00:00)')]) {
      expect(nextFireAfter(s, Number.NaN)).toBeNull();
      expect(nextFireAfter(s, Number.POSITIVE_INFINITY)).toBeNull();
      expect(nextFireAfter(s, Number.NEGATIVE_INFINITY)).toBeNull();
      if (s.kind !== 'rate') expect(nextFireAfter(s, 1e300)).toBeNull();
    }
  });
});

// ---------- property: strictly increasing, and every fire matches (independent naive matcher) ----------

const inList = (list: number[], x: number): boolean => list.includes(x);

/** Does the minute starting at `epochMs` (UTC) match the cron fields? Written from the AWS definitions, not from cron.ts. */
function naiveMatches(f: CronFields, epochMs: number): boolean {
  const d = new Date(epochMs);
  if (d.getUTCSeconds() !== 0 || d.getUTCMilliseconds() !== 0) return false;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const dow = d.getUTCDay() + 1; // 1 = SUN
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const weekdayAt = (x: number): number => new Date(Date.UTC(y, m - 1, x)).getUTCDay() + 1;
  const workday = (x: number): boolean => weekdayAt(x) >= 2 && weekdayAt(x) <= 6;
  if (!inList(f.minutes, d.getUTCMinutes()) || !inList(f.hours, d.getUTCHours()) || !inList(f.months, m) || !inList(f.years, y)) return false;
  const dom = f.dayOfMonth;
  const w = f.dayOfWeek;
  if (dom.kind === 'days') return inList(dom.days, day);
  if (dom.kind === 'last') return day === dim;
  if (dom.kind === 'lastWeekday') return workday(day) && [...Array(dim - day).keys()].every((i) => !workday(day + 1 + i));
  if (dom.kind === 'nearestWeekday') {
    if (dom.day > dim) return false;
    // the workday of this month closest to the target day
    let best = -1;
    for (let x = 1; x <= dim; x += 1) if (workday(x) && (best < 0 || Math.abs(x - dom.day) < Math.abs(best - dom.day))) best = x;
    return day === best;
  }
  if (w.kind === 'days') return inList(w.days, dow);
  if (w.kind === 'last') return dow === w.day && day + 7 > dim;
  if (w.kind === 'nth') return dow === w.day && Math.ceil(day / 7) === w.n;
  return false;
}

const fieldList = (min: number, max: number, steps = true) =>
  fc.oneof(
    fc.constant('*'),
    fc.integer({ min, max }).map(String),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${a}-${b}`),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: Math.min(15, max - min + 1) })).map(([a, s]) => (steps ? `${a}/${s}` : `${a}`)),
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 4 }).map((xs) => xs.join(',')),
  );
const cronText = fc
  .record({
    minutes: fieldList(0, 59),
    hours: fieldList(0, 23),
    months: fieldList(1, 12),
    years: fc.oneof(fc.constant('*'), fc.integer({ min: 2026, max: 2031 }).map(String), fc.constant('2026-2030')),
    days: fc.oneof(
      fieldList(1, 31).map((d) => [d, '?'] as const),
      fc.constantFrom('L', 'LW', '1W', '15W', '30W', '31W').map((d) => [d, '?'] as const),
      fieldList(1, 7, false).map((d) => ['?', d] as const),
      fc.constantFrom('MON-FRI', 'SAT,SUN', 'L', '6L', '2#1', '5#5', '1#3').map((d) => ['?', d] as const),
    ),
  })
  .map((r) => `cron(${r.minutes} ${r.hours} ${r.days[0]} ${r.months} ${r.days[1]} ${r.years})`);

describe('property (fast-check)', () => {
  const seed = Date.now() % 1_000_000;
  it(`nextFireAfter is strictly increasing and every fire matches the fields, with no match skipped nearby (seed ${seed})`, () => {
    fc.assert(
      fc.property(cronText, fc.integer({ min: 0, max: 3 * 365 * 86_400_000 }), fc.constantFrom(0, 120, -540), (text, after, offset) => {
        const s = schedule(text);
        if (s.kind !== 'cron') return;
        let t = after;
        for (let i = 0; i < 4; i += 1) {
          const next = nextFireAfter(s, t, { utcOffsetMinutes: offset });
          if (next === null) return;
          expect(next).toBeGreaterThan(t);
          expect(naiveMatches(s.fields, toEpochMs(next) + offset * 60_000), `${text} at ${iso(next)} (offset ${offset})`).toBe(true);
          // nothing matching between t and next (checked when the gap is under a day: 1,440 minutes)
          if (next - t < 86_400_000) {
            for (let m = Math.floor((toEpochMs(t) + offset * 60_000) / 60_000) + 1; m * 60_000 < toEpochMs(next) + offset * 60_000; m += 1) {
              expect(naiveMatches(s.fields, m * 60_000), `${text}: skipped ${new Date(m * 60_000).toISOString()}`).toBe(false);
            }
          }
          t = next;
        }
      }),
      { seed, numRuns: 400 },
    );
  });

  it(`rate(): fires are anchor + k × period, strictly increasing (seed ${seed})`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom('minute', 'hour', 'day'),
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 10 ** 10 }),
        (value, unit, created, after) => {
          const s = schedule(`rate(${value} ${unit}${value === 1 ? '' : 's'})`);
          if (s.kind !== 'rate') return;
          const next = nextFireAfter(s, after, { createdMs: created });
          expect(next).not.toBeNull();
          expect(next!).toBeGreaterThan(after);
          expect(next!).toBeGreaterThan(created);
          expect((next! - created) % s.periodMs).toBe(0);
          expect(next! - s.periodMs <= Math.max(after, created)).toBe(true); // the first such, not a later one
        },
      ),
      { seed, numRuns: 500 },
    );
  });

  it('is deterministic: the same schedule and instant give the same answer', () => {
    const s = schedule('cron(0/5 8-17 ? * MON-FRI *)');
    const a: (number | null)[] = [];
    const b: (number | null)[] = [];
    for (let t = 0; t < 10; t += 1) a.push(nextFireAfter(s, t * 7_777_777));
    for (let t = 0; t < 10; t += 1) b.push(nextFireAfter(s, t * 7_777_777));
    expect(a).toEqual(b);
  });
});
