// One English sentence per schedule, for the UI and the event log.
import { describe, expect, it } from 'vitest';
import { describeSchedule, parseScheduleExpression } from '../../../workers/engine/schedules/index.ts';

function said(text: string, utcOffsetMinutes?: number): string {
  const r = parseScheduleExpression(text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return describeSchedule(r.schedule, utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes });
}

describe('describeSchedule', () => {
  it.each([
    ['rate(1 minute)', 'every minute'],
    ['rate(5 minutes)', 'every 5 minutes'],
    ['rate(1 hour)', 'every hour'],
    ['rate(7 days)', 'every 7 days'],
    ['at(2026-01-01T12:00:00)', 'once, at 2026-01-01 12:00 UTC'],
    ['at(2026-03-01T09:00:30)', 'once, at 2026-03-01 09:00:30 UTC'],
    ['cron(0 9 * * ? *)', 'at 09:00 UTC every day'],
    ['cron(0 10 * * ? *)', 'at 10:00 UTC every day'],
    ['cron(15 12 * * ? *)', 'at 12:15 UTC every day'],
    ['cron(0 18 ? * MON-FRI *)', 'at 18:00 UTC on weekdays (MON-FRI)'],
    ['cron(0 8 1 * ? *)', 'at 08:00 UTC on day 1 of the month'],
    ['cron(0/15 * * * ? *)', 'every 15 minutes'],
    ['cron(* * * * ? *)', 'every minute'],
    ['cron(1/10 * * * ? *)', 'every 10 minutes (from minute 1)'],
    ['cron(0/10 * ? * MON-FRI *)', 'every 10 minutes on weekdays (MON-FRI)'],
    ['cron(0/5 8-17 ? * MON-FRI *)', 'every 5 minutes from 08:00 to 17:55 UTC on weekdays (MON-FRI)'],
    ['cron(0 9 ? * 2#1 *)', 'at 09:00 UTC on the first Monday of the month'],
    ['cron(0 12 ? * 6L *)', 'at 12:00 UTC on the last Friday of the month'],
    ['cron(0 12 L * ? *)', 'at 12:00 UTC on the last day of the month'],
    ['cron(0 12 LW * ? *)', 'at 12:00 UTC on the last weekday of the month'],
    ['cron(0 12 15W * ? *)', 'at 12:00 UTC on the weekday nearest day 15 of the month'],
    ['cron(0 10 ? * SAT,SUN *)', 'at 10:00 UTC on weekends (SAT, SUN)'],
    ['cron(0 10 ? * MON,WED,FRI *)', 'at 10:00 UTC on MON, WED and FRI'],
    ['cron(0 8,20 * * ? *)', 'at 08:00 and 20:00 UTC every day'],
    ['cron(30 * * * ? *)', 'every hour at minute 30'],
    ['cron(0 0 1,15 * ? *)', 'at 00:00 UTC on days 1, 15 of the month'],
    ['cron(0 12 29 2 ? *)', 'at 12:00 UTC on day 29 of the month in FEB'],
    ['cron(0 0 1 JAN-MAR ? 2027)', 'at 00:00 UTC on day 1 of the month in JAN-MAR in 2027'],
    ['cron(5,35 0-2,22 * * ? *)', 'at minutes 5, 35 of hours 0-2, 22 UTC every day'],
  ])('%s → %s', (text, sentence) => {
    expect(said(text)).toBe(sentence);
  });

  it('names the fixed offset when the schedule has one', () => {
    expect(said('cron(0 9 * * ? *)', 120)).toBe('at 09:00 UTC+02:00 every day');
    expect(said('at(2026-01-01T12:00:00)', -540)).toBe('once, at 2026-01-01 12:00 UTC-09:00');
    expect(said('rate(5 minutes)', 120)).toBe('every 5 minutes');
  });
});
