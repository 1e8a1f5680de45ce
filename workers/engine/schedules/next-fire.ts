/**
 * When a parsed schedule fires next, on the sandbox's virtual clock (virtual ms 0 = EPOCH_ISO,
 * 2026-01-01T00:00:00Z; see ids/arn.ts). Pure and fast: a cron search walks year → month → matching
 * days → hours → minutes over sorted lists, so even a date that never comes (30 FEB) costs one pass over
 * the years up to 2199 (< 1 ms), and the answer is null.
 *
 * Semantics (sources in expression.ts / cron.ts):
 * - cron: minute precision — fires at second 0 of every matching minute, in UTC or the fixed offset given.
 * - rate: every period, counted from the schedule's anchor: `startMs` if given, else `createdMs` (when the
 *   rule or action was created), else 0. The first fire is anchor + period (AWS: "a rate expression starts
 *   when you create the scheduled event rule"; that the first run is one period later, not at creation, is
 *   UNCONFIRMED).
 * - at: fires once, at the written date and time (in UTC or the offset given).
 * - `startMs` / `endMs` bound every kind (inclusive). With `fireAtStart`, a recurring schedule also fires AT
 *   `startMs` — Application Auto Scaling: "If you specify a start time, Application Auto Scaling performs the
 *   action at this time, and then performs the action based on the specified recurrence" (AASUG
 *   scheduled-scaling-using-cron-expressions); "If you specify an end time, the action stops repeating after
 *   this time."
 */
import { EPOCH_ISO } from '../ids/arn.ts';
import { matchingDays } from './cron.ts';
import type { CronSchedule, Schedule } from './expression.ts';

const EPOCH_MS = Date.parse(EPOCH_ISO);
const MINUTE = 60_000;

export interface FireOptions {
  /** When the rule / scheduled action was created (virtual ms): the anchor of rate() schedules. */
  createdMs?: number;
  /** No fire before this instant (virtual ms); rate() counts from here when given. */
  startMs?: number;
  /** No fire after this instant (virtual ms). */
  endMs?: number;
  /** Application Auto Scaling: a recurring action with a start time also runs at the start time itself. */
  fireAtStart?: boolean;
  /** Fixed offset of the schedule's time zone, east positive (see timezone.ts); cron() and at() only. */
  utcOffsetMinutes?: number;
}

/** Virtual ms → the same instant in Unix epoch ms. */
export const toEpochMs = (virtualMs: number): number => EPOCH_MS + virtualMs;
/** Unix epoch ms → virtual ms. */
export const toVirtualMs = (epochMs: number): number => epochMs - EPOCH_MS;

/** The first matching minute at or after `fromWall` (wall-clock ms, a minute boundary), as wall ms. */
function firstCronMinuteAtOrAfter(schedule: CronSchedule, fromWall: number): number | null {
  const f = schedule.fields;
  const from = new Date(fromWall);
  const y0 = from.getUTCFullYear();
  const mo0 = from.getUTCMonth() + 1;
  const d0 = from.getUTCDate();
  const h0 = from.getUTCHours();
  const mi0 = from.getUTCMinutes();
  if (Number.isNaN(y0)) return null; // beyond what Date can hold: certainly past 2199
  for (const year of f.years) {
    if (year < y0) continue;
    for (const month of f.months) {
      const firstMonth = year === y0 && month === mo0;
      if (year === y0 && month < mo0) continue;
      for (const day of matchingDays(f, year, month)) {
        const firstDay = firstMonth && day === d0;
        if (firstMonth && day < d0) continue;
        for (const hour of f.hours) {
          const firstHour = firstDay && hour === h0;
          if (firstDay && hour < h0) continue;
          for (const minute of f.minutes) {
            if (firstHour && minute < mi0) continue;
            return Date.UTC(year, month - 1, day, hour, minute);
          }
        }
      }
    }
  }
  return null;
}

/**
 * The first time the schedule fires strictly after `afterMs` (virtual ms), within the options' window,
 * or null when it never fires again.
 */
export function nextFireAfter(schedule: Schedule, afterMs: number, options: FireOptions = {}): number | null {
  const { startMs, endMs, fireAtStart, createdMs } = options;
  const offsetMs = (options.utcOffsetMinutes ?? 0) * MINUTE;
  if (!Number.isFinite(afterMs)) return null;
  const inWindow = (t: number): number | null => (endMs !== undefined && t > endMs ? null : t);

  if (fireAtStart && startMs !== undefined && schedule.kind !== 'at' && afterMs < startMs) return inWindow(startMs);

  switch (schedule.kind) {
    case 'at': {
      const t = toVirtualMs(schedule.wallMs - offsetMs);
      if (t <= afterMs || (startMs !== undefined && t < startMs)) return null;
      return inWindow(t);
    }
    case 'rate': {
      const anchor = startMs ?? createdMs ?? 0;
      const p = schedule.periodMs;
      let k = Math.max(1, Math.floor((afterMs - anchor) / p) + 1);
      if (anchor + k * p <= afterMs) k += 1; // float safety: strictly after
      if (!Number.isFinite(k)) return null;
      return inWindow(anchor + k * p);
    }
    case 'cron': {
      // Wall-clock minute boundaries: the offset is whole minutes, so they are UTC minute boundaries too.
      const afterWall = toEpochMs(afterMs) + offsetMs;
      let fromWall = (Math.floor(afterWall / MINUTE) + 1) * MINUTE;
      if (startMs !== undefined) fromWall = Math.max(fromWall, Math.ceil((toEpochMs(startMs) + offsetMs) / MINUTE) * MINUTE);
      if (!Number.isFinite(fromWall)) return null;
      const wall = firstCronMinuteAtOrAfter(schedule, fromWall);
      return wall === null ? null : inWindow(toVirtualMs(wall - offsetMs));
    }
  }
}
