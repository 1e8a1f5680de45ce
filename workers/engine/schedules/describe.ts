/**
 * A short English sentence for a parsed schedule, for the UI and the event log:
 * "every 5 minutes", "at 09:00 UTC every day", "at 18:00 UTC on weekdays (MON-FRI)",
 * "every 5 minutes from 08:00 to 17:55 UTC on weekdays (MON-FRI)", "once, at 2026-01-01 12:00 UTC".
 * Anything the phrases below do not cover falls back to naming the field values, never to silence.
 */
import { DAY_NAMES, MONTH_NAMES, MAX_YEAR, MIN_YEAR, type CronFields } from './cron.ts';
import type { Schedule } from './expression.ts';

const pad = (n: number): string => String(n).padStart(2, '0');
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const DAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function zoneLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "a, b and c" */
function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Sorted values as runs: [1,2,3,5] → "1-3, 5" (names when given). */
function runs(values: number[], name: (v: number) => string = String): string {
  const out: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j += 1;
    out.push(j - i >= 2 ? `${name(values[i]!)}-${name(values[j]!)}` : values.slice(i, j + 1).map(name).join(', '));
    i = j + 1;
  }
  return out.join(', ');
}

/** The step N when values are a, a+N, a+2N … up to the end of a field of `size` values from 0. */
function everyStep(values: number[], size: number): number | undefined {
  if (values.length < 2) return undefined;
  const step = values[1]! - values[0]!;
  const regular = values.every((v, i) => v === values[0]! + i * step);
  return regular && values[0]! < step && values[values.length - 1]! + step >= size ? step : undefined;
}

const isContiguous = (values: number[]): boolean => values.every((v, i) => i === 0 || v === values[i - 1]! + 1);

function timePhrase(f: CronFields, zone: string): string {
  const { minutes, hours } = f;
  const allMinutes = minutes.length === 60;
  const minuteStep = allMinutes ? 1 : everyStep(minutes, 60);
  const minuteFrequency =
    minuteStep === undefined ? undefined : minuteStep === 1 ? 'every minute' : `every ${minuteStep} minutes${minutes[0] ? ` (from minute ${minutes[0]})` : ''}`;
  if (hours.length === 24) {
    if (minuteFrequency) return minuteFrequency;
    if (minutes.length === 1) return `every hour at minute ${minutes[0]}`;
    return `at minutes ${runs(minutes)} of every hour`;
  }
  if (minutes.length === 1 && hours.length <= 4) return `at ${joinAnd(hours.map((h) => `${pad(h)}:${pad(minutes[0]!)}`))} ${zone}`;
  if (isContiguous(hours)) {
    const from = `${pad(hours[0]!)}:${pad(minutes[0]!)}`;
    const to = `${pad(hours[hours.length - 1]!)}:${pad(minutes[minutes.length - 1]!)}`;
    if (minuteFrequency) return `${minuteFrequency} from ${from} to ${to} ${zone}`;
    if (minutes.length === 1) return `every hour from ${from} to ${to} ${zone}`;
  }
  return `at minutes ${runs(minutes)} of hours ${runs(hours)} ${zone}`;
}

const dayName = (d: number): string => DAY_NAMES[d - 1] ?? String(d);

function dayPhrase(f: CronFields): string {
  const dom = f.dayOfMonth;
  switch (dom.kind) {
    case 'days':
      if (dom.days.length === 31) return 'every day';
      return dom.days.length === 1 ? `on day ${dom.days[0]} of the month` : `on days ${runs(dom.days)} of the month`;
    case 'last':
      return 'on the last day of the month';
    case 'lastWeekday':
      return 'on the last weekday of the month';
    case 'nearestWeekday':
      return `on the weekday nearest day ${dom.day} of the month`;
    case 'any':
      break;
  }
  const dow = f.dayOfWeek;
  switch (dow.kind) {
    case 'days': {
      const key = dow.days.join(',');
      if (key === '1,2,3,4,5,6,7') return 'every day';
      if (key === '2,3,4,5,6') return 'on weekdays (MON-FRI)';
      if (key === '1,7') return 'on weekends (SAT, SUN)';
      return `on ${joinAnd(dow.days.map(dayName))}`;
    }
    case 'last':
      return `on the last ${DAY_WORDS[dow.day - 1]} of the month`;
    case 'nth':
      return `on the ${ORDINALS[dow.n - 1]} ${DAY_WORDS[dow.day - 1]} of the month`;
    case 'any':
      return 'every day';
  }
}

function describeCron(f: CronFields, zone: string): string {
  const time = timePhrase(f, zone);
  const day = dayPhrase(f);
  const parts = [time];
  if (!(day === 'every day' && time.startsWith('every'))) parts.push(day);
  if (f.months.length < 12) parts.push(`in ${runs(f.months, (m) => MONTH_NAMES[m - 1] ?? String(m))}`);
  if (f.years.length < MAX_YEAR - MIN_YEAR + 1) parts.push(`in ${runs(f.years)}`);
  return parts.join(' ');
}

/** One sentence describing when the schedule fires. */
export function describeSchedule(schedule: Schedule, options: { utcOffsetMinutes?: number } = {}): string {
  const zone = zoneLabel(options.utcOffsetMinutes ?? 0);
  switch (schedule.kind) {
    case 'rate':
      return schedule.value === 1 ? `every ${schedule.unit}` : `every ${schedule.value} ${schedule.unit}s`;
    case 'at': {
      const d = new Date(schedule.wallMs);
      const seconds = d.getUTCSeconds() ? `:${pad(d.getUTCSeconds())}` : '';
      return `once, at ${d.toISOString().slice(0, 10)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds} ${zone}`;
    }
    case 'cron':
      return describeCron(schedule.fields, zone);
  }
}
