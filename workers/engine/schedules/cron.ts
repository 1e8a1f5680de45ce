/**
 * The six fields of an AWS cron expression — `cron(Minutes Hours Day-of-month Month Day-of-week Year)` —
 * parsed into plain sorted number lists (JSON-safe, so a parsed schedule can live in the engine state),
 * and the one calendar question the fire-time search asks: which days of this month match?
 *
 * Source (EventBridge UG "Cron expressions reference", eb-scheduled-rule-pattern / eb-cron-expressions;
 * Application Auto Scaling points to the same page for its scheduled actions):
 *   Minutes 0-59 `, - * /` · Hours 0-23 `, - * /` · Day-of-month 1-31 `, - * ? / L W` ·
 *   Month 1-12 or JAN-DEC `, - * /` · Day-of-week 1-7 or SUN-SAT `, - * ? L #` · Year 1970-2199 `, - * /`.
 *   `*` can't be in both day-of-month and day-of-week: if you use a value or `*` in one, use `?` in the other.
 *   `L` = last day of the month / week; `3W` = the weekday nearest the 3rd; `3#2` = the 2nd Tuesday;
 *   with `#` the day-of-week field holds one expression only ("3#1,6#3" is not valid).
 * Sandbox choices where AWS documents nothing (UNCONFIRMED, Quartz-like, which AWS cron descends from):
 *   backwards ranges wrap (`FRI-MON`, `22-2`), except in the year; `L`, `LW`, `nW`, `nL`, `n#k` stand alone
 *   (no lists or ranges with them); `W` never crosses into another month; day-of-week `L` alone = every SAT (Quartz: "L" alone = "7");
 *   `/` steps are refused in day-of-week (the English doc table does not list it there); day and month
 *   names are upper case only (AWS refuses `rate(10 MINUTES)`, so its parser is case-sensitive there);
 *   a step must be 1 to the field's number of values.
 */

export type DayOfMonthSpec =
  | { kind: 'any' } // `?`
  | { kind: 'days'; days: number[] }
  | { kind: 'last' } // `L`
  | { kind: 'lastWeekday' } // `LW`
  | { kind: 'nearestWeekday'; day: number }; // `15W`

export type DayOfWeekSpec =
  | { kind: 'any' } // `?`
  | { kind: 'days'; days: number[] } // 1 = SUN … 7 = SAT
  | { kind: 'last'; day: number } // `6L` = last Friday of the month
  | { kind: 'nth'; day: number; n: number }; // `2#1` = first Monday

export interface CronFields {
  minutes: number[];
  hours: number[];
  dayOfMonth: DayOfMonthSpec;
  months: number[];
  dayOfWeek: DayOfWeekSpec;
  years: number[];
  /** The six fields as written, for describeSchedule. */
  text: [string, string, string, string, string, string];
}

export type CronResult = { ok: true; fields: CronFields } | { ok: false; message: string };

export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

export const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

interface FieldRule {
  label: string;
  min: number;
  max: number;
  names?: readonly string[]; // names[i] means min + i
  slash: boolean;
  wraps: boolean;
  hint: string;
}

const RULES = {
  minutes: { label: 'minutes', min: 0, max: 59, slash: true, wraps: true, hint: '0-59' },
  hours: { label: 'hours', min: 0, max: 23, slash: true, wraps: true, hint: '0-23' },
  dayOfMonth: { label: 'day-of-month', min: 1, max: 31, slash: true, wraps: true, hint: '1-31' },
  months: { label: 'month', min: 1, max: 12, names: MONTH_NAMES, slash: true, wraps: true, hint: '1-12 or JAN-DEC' },
  dayOfWeek: { label: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, slash: false, wraps: true, hint: '1-7 (SUN=1 … SAT=7) or SUN-SAT' },
  years: { label: 'year', min: MIN_YEAR, max: MAX_YEAR, slash: true, wraps: false, hint: `${MIN_YEAR}-${MAX_YEAR}` },
} satisfies Record<string, FieldRule>;

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const bad = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** One value: digits, or (for months and days of the week) a capitalised name. */
function parseValue(token: string, rule: FieldRule): Parsed<number> {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (n < rule.min || n > rule.max) {
      if (rule === RULES.dayOfWeek && n === 0) {
        return bad("day-of-week value 0 is out of range: AWS counts 1-7 from SUN=1 to SAT=7 (Unix cron's 0 for Sunday is 1 here).");
      }
      return bad(`${rule.label} value ${token} is out of range: use ${rule.hint}.`);
    }
    return { ok: true, value: n };
  }
  if (rule.names) {
    const index = rule.names.indexOf(token);
    if (index >= 0) return { ok: true, value: rule.min + index };
    if (rule.names.includes(token.toUpperCase())) {
      return bad(`${rule.label} name "${token}" must be written in capitals: ${token.toUpperCase()}.`);
    }
  }
  return bad(`"${token}" is not a ${rule.label} value: use ${rule.hint}.`);
}

/** The values of a range a-b (wrapping past the field's end when a > b, where the field allows it). */
function rangeValues(from: number, to: number, step: number, rule: FieldRule): number[] {
  const span = rule.max - rule.min + 1;
  const length = to >= from ? to - from : to + span - from;
  const out: number[] = [];
  for (let offset = 0; offset <= length; offset += step) {
    out.push(((from - rule.min + offset) % span) + rule.min);
  }
  return out;
}

/** A list of items: `*`, `*​/n`, `v`, `v/n`, `a-b`, `a-b/n`, separated by commas. */
function parseList(field: string, rule: FieldRule): Parsed<number[]> {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    if (item === '') return bad(`${rule.label} field "${field}" has an empty item: check the commas.`);
    const slash = item.split('/');
    if (slash.length > 2) return bad(`${rule.label} item "${item}" has more than one '/'.`);
    let step = 1;
    if (slash.length === 2) {
      if (!rule.slash) {
        return bad(`${rule.label} does not take '/' steps: list the days instead (e.g. MON,WED,FRI).`);
      }
      const stepText = slash[1]!;
      const span = rule.max - rule.min + 1;
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1 || Number(stepText) > span) {
        return bad(`${rule.label} step "/${stepText}" must be a whole number from 1 to ${span}.`);
      }
      step = Number(stepText);
    }
    const base = slash[0]!;
    let from: number;
    let to: number;
    if (base === '*') {
      from = rule.min;
      to = rule.max;
    } else {
      const dash = base.split('-');
      if (dash.length > 2) return bad(`${rule.label} range "${base}" has more than one '-'.`);
      const start = parseValue(dash[0]!, rule);
      if (!start.ok) return start;
      from = start.value;
      if (dash.length === 2) {
        const end = parseValue(dash[1]!, rule);
        if (!end.ok) return end;
        to = end.value;
        if (to < from && !rule.wraps) {
          return bad(`${rule.label} range ${base} runs backwards: write the smaller ${rule.label} first.`);
        }
      } else {
        // `v/n` runs from v to the end of the field; a lone `v` is just v.
        to = slash.length === 2 ? rule.max : from;
      }
    }
    for (const v of rangeValues(from, to, step, rule)) values.add(v);
  }
  return { ok: true, value: [...values].sort((a, b) => a - b) };
}

/** Characters a field may hold at all; anything else gets named. */
function strayCharacter(field: string, allowed: RegExp): string | undefined {
  for (const ch of field) if (!allowed.test(ch)) return ch;
  return undefined;
}

const WHERE_WILDCARDS_GO: Record<string, string> = {
  '?': "'?' only goes in day-of-month or day-of-week (the one you leave open).",
  L: "'L' (last) only goes in day-of-month or day-of-week.",
  W: "'W' (nearest weekday) only goes in day-of-month, e.g. 15W.",
  '#': "'#' (nth weekday of the month) only goes in day-of-week, e.g. 2#1 for the first Monday.",
};

function plainField(field: string, rule: FieldRule, allowed: RegExp): Parsed<number[]> {
  const stray = strayCharacter(field, allowed);
  if (stray !== undefined) {
    return bad(`${rule.label} field "${field}": ${WHERE_WILDCARDS_GO[stray] ?? `'${stray}' is not allowed here; use ${rule.hint} with , - * /.`}`);
  }
  return parseList(field, rule);
}

function parseDayOfMonth(field: string): Parsed<DayOfMonthSpec> {
  const rule = RULES.dayOfMonth;
  if (field === '?') return { ok: true, value: { kind: 'any' } };
  if (field === 'L') return { ok: true, value: { kind: 'last' } };
  if (field === 'LW') return { ok: true, value: { kind: 'lastWeekday' } };
  const w = /^(\d+)W$/.exec(field);
  if (w) {
    const day = parseValue(w[1]!, rule);
    return day.ok ? { ok: true, value: { kind: 'nearestWeekday', day: day.value } } : day;
  }
  if (/[LW]/.test(field)) {
    return bad(`day-of-month "${field}": 'L', 'LW' and 'W' stand alone (L, LW or a single day like 15W), not in a list or range.`);
  }
  const list = plainField(field, rule, /[0-9,\-*/]/);
  return list.ok ? { ok: true, value: { kind: 'days', days: list.value } } : list;
}

function parseDayOfWeek(field: string): Parsed<DayOfWeekSpec> {
  const rule = RULES.dayOfWeek;
  if (field === '?') return { ok: true, value: { kind: 'any' } };
  if (field === 'L') return { ok: true, value: { kind: 'days', days: [7] } }; // the last day of the week: SAT
  if (field.includes('#')) {
    if (field.includes(',')) return bad(`day-of-week "${field}": with '#' the field holds one expression only (AWS refuses e.g. 3#1,6#3).`);
    const parts = field.split('#');
    const day = parseValue(parts[0] ?? '', rule);
    if (!day.ok) return day;
    const n = parts[1] ?? '';
    if (parts.length !== 2 || !/^[1-5]$/.test(n)) return bad(`day-of-week "${field}": after '#' comes which week, 1 to 5 (2#1 = the first Monday of the month).`);
    return { ok: true, value: { kind: 'nth', day: day.value, n: Number(n) } };
  }
  const last = /^([A-Z0-9]+)L$/.exec(field);
  if (last) {
    const day = parseValue(last[1]!, rule);
    return day.ok ? { ok: true, value: { kind: 'last', day: day.value } } : day;
  }
  if (field.includes('L')) {
    return bad(`day-of-week "${field}": 'L' stands alone (L = every Saturday, the last day of the week; 6L = last Friday of the month), not in a list or range.`);
  }
  const list = plainField(field, rule, /[0-9A-Za-z,\-*/]/);
  return list.ok ? { ok: true, value: { kind: 'days', days: list.value } } : list;
}

const FIELD_NAMES = 'minutes hours day-of-month month day-of-week year';

/** The text between `cron(` and `)`. */
export function parseCronFields(body: string): CronResult {
  const parts = body.split(/[ \t]+/);
  if (parts.length !== 6 || parts.some((p) => p === '')) {
    const n = parts.filter((p) => p !== '').length;
    let advice = '';
    if (n === 5) advice = ': did you write a 5-field Unix cron? Add the year, e.g. cron(0 9 * * ? *).';
    else if (n === 7) advice = ': AWS cron has no seconds field; drop the first one, e.g. cron(0 9 * * ? *).';
    else advice = ', e.g. cron(0 9 * * ? *) for 09:00 UTC every day.';
    return bad(`cron needs 6 fields (${FIELD_NAMES}), got ${n}${advice}`);
  }
  const [mi, ho, dom, mo, dow, ye] = parts as [string, string, string, string, string, string];
  const minutes = plainField(mi, RULES.minutes, /[0-9,\-*/]/);
  if (!minutes.ok) return minutes;
  const hours = plainField(ho, RULES.hours, /[0-9,\-*/]/);
  if (!hours.ok) return hours;
  const dayOfMonth = parseDayOfMonth(dom);
  if (!dayOfMonth.ok) return dayOfMonth;
  const months = plainField(mo, RULES.months, /[0-9A-Za-z,\-*/]/);
  if (!months.ok) return months;
  const dayOfWeek = parseDayOfWeek(dow);
  if (!dayOfWeek.ok) return dayOfWeek;
  const years = plainField(ye, RULES.years, /[0-9,\-*/]/);
  if (!years.ok) return years;

  const domOpen = dayOfMonth.value.kind === 'any';
  const dowOpen = dayOfWeek.value.kind === 'any';
  if (domOpen && dowOpen) {
    return bad(`day-of-month and day-of-week are both '?': only one may be '?'; put * in the other, e.g. cron(${mi} ${ho} * ${mo} ? ${ye}).`);
  }
  if (!domOpen && !dowOpen) {
    return bad(
      `day-of-month (${dom}) and day-of-week (${dow}) are both set: AWS needs '?' in one of them, ` +
        `e.g. cron(${mi} ${ho} ? ${mo} ${dow} ${ye}) for those weekdays or cron(${mi} ${ho} ${dom} ${mo} ? ${ye}) for those days of the month.`,
    );
  }
  return {
    ok: true,
    fields: {
      minutes: minutes.value,
      hours: hours.value,
      dayOfMonth: dayOfMonth.value,
      months: months.value,
      dayOfWeek: dayOfWeek.value,
      years: years.value,
      text: [mi, ho, dom, mo, dow, ye],
    },
  };
}

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** AWS numbering: 1 = SUN … 7 = SAT. */
export const weekdayOf = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
const isWorkday = (dow: number): boolean => dow >= 2 && dow <= 6;

/** The days (ascending) of `month` (1-12) of `year` that the day fields select. */
export function matchingDays(fields: CronFields, year: number, month: number): number[] {
  const dim = daysInMonth(year, month);
  const dom = fields.dayOfMonth;
  switch (dom.kind) {
    case 'days':
      return dom.days.filter((d) => d <= dim);
    case 'last':
      return [dim];
    case 'lastWeekday': {
      let d = dim;
      while (!isWorkday(weekdayOf(year, month, d))) d -= 1;
      return [d];
    }
    case 'nearestWeekday': {
      if (dom.day > dim) return []; // 31W in a 30-day month: no such day (Sandbox: Quartz skips the month)
      const wd = weekdayOf(year, month, dom.day);
      // Saturday → the Friday before, Sunday → the Monday after, never leaving the month (1W on a Saturday is the 3rd).
      if (wd === 7) return [dom.day > 1 ? dom.day - 1 : dom.day + 2];
      if (wd === 1) return [dom.day < dim ? dom.day + 1 : dom.day - 2];
      return [dom.day];
    }
    case 'any':
      break;
  }
  const dow = fields.dayOfWeek;
  const first = weekdayOf(year, month, 1);
  const firstOf = (weekday: number): number => 1 + ((weekday - first + 7) % 7);
  switch (dow.kind) {
    case 'days': {
      const out: number[] = [];
      for (let d = 1; d <= dim; d += 1) if (dow.days.includes(((first - 1 + d - 1) % 7) + 1)) out.push(d);
      return out;
    }
    case 'last': {
      let d = firstOf(dow.day);
      while (d + 7 <= dim) d += 7;
      return [d];
    }
    case 'nth': {
      const d = firstOf(dow.day) + 7 * (dow.n - 1);
      return d <= dim ? [d] : [];
    }
    case 'any':
      return []; // unreachable: the parser requires one of the two day fields to be set
  }
}
