/**
 * Schedule expressions as EventBridge rules and Application Auto Scaling scheduled actions take them:
 * `rate(value unit)`, `cron(6 fields)` and (not for EventBridge rules) `at(yyyy-mm-ddThh:mm:ss)`.
 * Parsing never throws: every input gives `{ ok: true, schedule }` or `{ ok: false, message, awsMessage }`,
 * `message` saying in a learner's words what is wrong, `awsMessage` being AWS's own error text to put in
 * the ValidationException.
 *
 * Sources:
 * - EventBridge UG "Rate expressions reference" (eb-rate-expressions): value is a positive number; unit
 *   minute | minutes | hour | hours | day | days; "If the value is equal to 1, then the unit must be
 *   singular. If the value is greater than 1, the unit must be plural" (rate(1 hours), rate(5 hour) invalid).
 *   "A rate expression starts when you create the scheduled event rule, and then it runs on a defined schedule."
 * - AWS's refusal texts, measured against AWS (LocalStack's `markers.aws.validated` test
 *   tests/aws/services/events/test_events_schedule.py): PutRule refuses `rate(10 seconds)`, `rate(1 minutes)`,
 *   `rate(10 minute)`, `rate(0 minutes)`, `rate(-10 minutes)`, `rate(10 MINUTES)`, `rate( 10 minutes )` and
 *   ` rate(10 minutes)` (leading space) — all with ValidationException "Parameter ScheduleExpression is not valid."
 * - Application Auto Scaling API (PutScheduledAction `Schedule`): at(yyyy-mm-ddThh:mm:ss), rate(value unit),
 *   cron(fields); value is a positive integer. Its refusal text, as quoted from a real deployment:
 *   "Invalid schedule expression. Details: Schedule expressions must have the following syntax:
 *   rate(<number>\s?(minutes?|hours?|days?)), cron(<cron_expression>) or at(yyyy-MM-dd'T'HH:mm:ss)."
 *   (UNCONFIRMED that AAS uses this one text for every kind of mistake, and whether AAS also enforces the
 *   singular/plural rule — the sandbox enforces it for both services.)
 * - Cron fields: see cron.ts.
 */
import { MIN_YEAR, parseCronFields, type CronFields } from './cron.ts';

export type RateUnit = 'minute' | 'hour' | 'day';

export interface RateSchedule {
  kind: 'rate';
  expression: string;
  value: number;
  unit: RateUnit;
  periodMs: number;
}

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  fields: CronFields;
}

export interface AtSchedule {
  kind: 'at';
  expression: string;
  /** The written date and time read as UTC, in Unix epoch ms (a time zone offset is applied when firing). */
  wallMs: number;
}

export type Schedule = RateSchedule | CronSchedule | AtSchedule;

/** Which API the expression is given to: EventBridge PutRule takes rate/cron; AAS PutScheduledAction also at(). */
export type ScheduleDialect = 'events-rule' | 'application-autoscaling';

export type ScheduleParseResult =
  | { ok: true; schedule: Schedule }
  | { ok: false; message: string; awsMessage: string };

/** EventBridge PutRule's ValidationException message (confirmed, see above). */
export const EVENTBRIDGE_INVALID_SCHEDULE = 'Parameter ScheduleExpression is not valid.';
/** Application Auto Scaling PutScheduledAction's ValidationException message (quoted from a deployment log). */
export const AAS_INVALID_SCHEDULE =
  "Invalid schedule expression. Details: Schedule expressions must have the following syntax: rate(<number>\\s?(minutes?|hours?|days?)), cron(<cron_expression>) or at(yyyy-MM-dd'T'HH:mm:ss).";

const UNIT_MS: Record<RateUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const UNITS = new Set(['minute', 'minutes', 'hour', 'hours', 'day', 'days']);

type Inner = { ok: true; schedule: Schedule } | { ok: false; message: string };

function parseRate(expression: string, body: string): Inner {
  const example = 'e.g. rate(5 minutes) or rate(1 hour)';
  if (body !== body.trim()) return { ok: false, message: `rate() takes no spaces inside its parentheses before or after the value and unit: ${example}.` };
  const parts = body.split(' ');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    return { ok: false, message: `rate() needs a value and a unit separated by one space, ${example}.` };
  }
  const [valueText, unitText] = parts as [string, string];
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1 || !Number.isSafeInteger(Number(valueText))) {
    return { ok: false, message: `rate() value "${valueText}" must be a positive whole number (1, 5, 30…), ${example}.` };
  }
  const value = Number(valueText);
  if (!UNITS.has(unitText)) {
    const lower = unitText.toLowerCase();
    const advice = UNITS.has(lower)
      ? `write it in lower case: ${lower}`
      : /^(second|week|month|year)s?$/.test(lower)
        ? 'the units are minutes, hours and days only (the shortest period is 1 minute)'
        : 'use minute(s), hour(s) or day(s)';
    return { ok: false, message: `rate() unit "${unitText}" is not valid: ${advice}.` };
  }
  const singular = !unitText.endsWith('s');
  const unit = (singular ? unitText : unitText.slice(0, -1)) as RateUnit;
  if (value === 1 && !singular) return { ok: false, message: `A value of 1 takes the singular unit: rate(1 ${unit}), not rate(1 ${unitText}).` };
  if (value > 1 && singular) return { ok: false, message: `A value above 1 takes the plural unit: rate(${value} ${unit}s), not rate(${value} ${unitText}).` };
  return { ok: true, schedule: { kind: 'rate', expression, value, unit, periodMs: value * UNIT_MS[unit] } };
}

function parseAt(expression: string, body: string): Inner {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!m) return { ok: false, message: `at() takes a date and time as yyyy-mm-ddThh:mm:ss, e.g. at(2026-03-01T09:00:00), got "${body}".` };
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < MIN_YEAR || year > 9999) return { ok: false, message: `at() year ${year} is before ${MIN_YEAR}.` };
  if (month < 1 || month > 12) return { ok: false, message: `at() month ${m[2]} is not a month (01-12).` };
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > dim) return { ok: false, message: `at() day ${m[3]} does not exist in ${m[1]}-${m[2]} (that month has ${dim} days).` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, message: `at() time ${m[4]}:${m[5]}:${m[6]} is not a time of day (00:00:00-23:59:59).` };
  return { ok: true, schedule: { kind: 'at', expression, wallMs: Date.UTC(year, month - 1, day, hour, minute, second) } };
}

function parseInner(text: unknown, dialect: ScheduleDialect): Inner {
  if (typeof text !== 'string') return { ok: false, message: 'The schedule expression must be a string such as "rate(5 minutes)" or "cron(0 9 * * ? *)".' };
  if (text === '') return { ok: false, message: 'The schedule expression is empty: write rate(5 minutes), cron(0 9 * * ? *) or similar.' };
  if (text !== text.trim()) return { ok: false, message: `Remove the spaces around the expression: "${text.trim()}".` };
  const call = /^([A-Za-z]+)\((.*)\)$/s.exec(text);
  const forms = dialect === 'events-rule' ? 'rate(value unit) or cron(6 fields)' : 'at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(6 fields)';
  if (!call) {
    const bareCron = /^[\d*?/,\-A-Z#]+(\s+[\d*?/,\-A-Z#]+){4,6}$/.test(text);
    return {
      ok: false,
      message: bareCron
        ? `Wrap cron fields in cron(…): AWS takes cron(${text}) — and its cron has 6 fields (${'minutes hours day-of-month month day-of-week year'}).`
        : `A schedule expression is ${forms}, e.g. rate(5 minutes) or cron(0 9 * * ? *); got "${text}".`,
    };
  }
  const [, name, body] = call as unknown as [string, string, string];
  switch (name) {
    case 'rate':
      return parseRate(text, body);
    case 'cron': {
      if (body !== body.trim()) return { ok: false, message: 'cron() takes no spaces inside its parentheses before the first or after the last field, e.g. cron(0 9 * * ? *).' };
      const cron = parseCronFields(body);
      return cron.ok ? { ok: true, schedule: { kind: 'cron', expression: text, fields: cron.fields } } : cron;
    }
    case 'at':
      if (dialect === 'events-rule') {
        return { ok: false, message: 'EventBridge rules take rate() or cron() only: one-time at() schedules belong to EventBridge Scheduler and Application Auto Scaling scheduled actions.' };
      }
      return parseAt(text, body);
    default: {
      const lower = name.toLowerCase();
      const hint = ['rate', 'cron', 'at'].includes(lower) ? `write ${lower}( in lower case` : `use ${forms}`;
      return { ok: false, message: `"${name}(…)" is not a schedule expression: ${hint}.` };
    }
  }
}

/** Parse a schedule expression for the given API (default: Application Auto Scaling, which takes all three forms). */
export function parseScheduleExpression(text: unknown, options: { dialect?: ScheduleDialect } = {}): ScheduleParseResult {
  const dialect = options.dialect ?? 'application-autoscaling';
  const result = parseInner(text, dialect);
  if (result.ok) return result;
  return { ok: false, message: result.message, awsMessage: dialect === 'events-rule' ? EVENTBRIDGE_INVALID_SCHEDULE : AAS_INVALID_SCHEDULE };
}

