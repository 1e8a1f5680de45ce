// Schedule expressions accepted and refused as EventBridge PutRule and Application Auto Scaling
// PutScheduledAction accept and refuse them (sources in workers/engine/schedules/expression.ts, cron.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AAS_INVALID_SCHEDULE,
  EVENTBRIDGE_INVALID_SCHEDULE,
  parseScheduleExpression,
  type Schedule,
} from '../../../workers/engine/schedules/index.ts';

function parsed(text: string, dialect?: 'events-rule' | 'application-autoscaling'): Schedule {
  const r = parseScheduleExpression(text, dialect ? { dialect } : {});
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.schedule;
}

function refusal(text: unknown, dialect?: 'events-rule' | 'application-autoscaling'): string {
  const r = parseScheduleExpression(text, dialect ? { dialect } : {});
  if (r.ok) throw new Error(`${String(text)} was accepted`);
  return r.message;
}

describe('accepted forms (AWS doc examples)', () => {
  // EventBridge UG cron examples, also validated against AWS in LocalStack's test_events_schedule.py.
  const docExamples = [
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0/30 20-23 ? * MON-FRI *)',
    'cron(0/30 0-2 ? * MON-FRI *)',
    'cron(0 9 ? * 2#1 *)',
    'cron(30 6 ? * MON *)', // AASUG scheduled-scaling-using-cron-expressions
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(5 hours)',
    'rate(1 day)',
    'rate(7 days)',
  ];
  it.each(docExamples)('%s is accepted by both EventBridge rules and Application Auto Scaling', (text) => {
    expect(parseScheduleExpression(text, { dialect: 'events-rule' }).ok).toBe(true);
    expect(parseScheduleExpression(text, { dialect: 'application-autoscaling' }).ok).toBe(true);
  });

  it('reads rate() into a period', () => {
    expect(parsed('rate(5 minutes)')).toEqual({ kind: 'rate', expression: 'rate(5 minutes)', value: 5, unit: 'minute', periodMs: 300_000 });
    expect(parsed('rate(1 hour)')).toMatchObject({ value: 1, unit: 'hour', periodMs: 3_600_000 });
    expect(parsed('rate(7 days)')).toMatchObject({ value: 7, unit: 'day', periodMs: 7 * 86_400_000 });
  });

  it('reads cron() fields into sorted value lists', () => {
    const s = parsed('cron(0/5 8-17 ? * MON-FRI *)');
    if (s.kind !== 'cron') throw new Error('not cron');
    expect(s.fields.minutes).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect(s.fields.hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(s.fields.dayOfMonth).toEqual({ kind: 'any' });
    expect(s.fields.dayOfWeek).toEqual({ kind: 'days', days: [2, 3, 4, 5, 6] });
    expect(s.fields.months).toHaveLength(12);
    expect(s.fields.years[0]).toBe(1970);
    expect(s.fields.years.at(-1)).toBe(2199);
  });

  it('takes every documented wildcard in its field', () => {
    const cases: [string, unknown][] = [
      ['cron(1/10 * * * ? *)', { minutes: [1, 11, 21, 31, 41, 51] }], // the doc's "1/10" example
      ['cron(0 0 * JAN,FEB,MAR ? *)', { months: [1, 2, 3] }],
      ['cron(0 0 1-15 * ? *)', { dayOfMonth: { kind: 'days', days: [...Array(15).keys()].map((i) => i + 1) } }],
      ['cron(0 0 L * ? *)', { dayOfMonth: { kind: 'last' } }],
      ['cron(0 0 3W * ? *)', { dayOfMonth: { kind: 'nearestWeekday', day: 3 } }],
      ['cron(0 0 LW * ? *)', { dayOfMonth: { kind: 'lastWeekday' } }],
      ['cron(0 0 ? * 3#2 *)', { dayOfWeek: { kind: 'nth', day: 3, n: 2 } }],
      ['cron(0 0 ? * TUE#2 *)', { dayOfWeek: { kind: 'nth', day: 3, n: 2 } }],
      ['cron(0 0 ? * 6L *)', { dayOfWeek: { kind: 'last', day: 6 } }],
      ['cron(0 0 ? * L *)', { dayOfWeek: { kind: 'days', days: [7] } }], // last day of the week = SAT
      ['cron(0 0 ? * SUN,SAT *)', { dayOfWeek: { kind: 'days', days: [1, 7] } }],
      ['cron(0 0 1/7 * ? *)', { dayOfMonth: { kind: 'days', days: [1, 8, 15, 22, 29] } }],
      ['cron(0 0 1 * ? 2026-2028)', { years: [2026, 2027, 2028] }],
      ['cron(0 0 1 * ? 2026/50)', { years: [2026, 2076, 2126, 2176] }],
      ['cron(0 22-2 * * ? *)', { hours: [0, 1, 2, 22, 23] }], // Sandbox: backwards ranges wrap (UNCONFIRMED)
      ['cron(0 0 ? * FRI-MON *)', { dayOfWeek: { kind: 'days', days: [1, 2, 6, 7] } }],
      ['cron(0 0 ? * 2-6 *)', { dayOfWeek: { kind: 'days', days: [2, 3, 4, 5, 6] } }],
    ];
    for (const [text, expected] of cases) {
      const s = parsed(text);
      expect(s.kind, text).toBe('cron');
      if (s.kind === 'cron') expect(s.fields, text).toMatchObject(expected as object);
    }
  });

  it('at() is for Application Auto Scaling (and EventBridge Scheduler), not EventBridge rules', () => {
    const s = parsed('at(2026-01-01T12:00:00)', 'application-autoscaling');
    expect(s).toEqual({ kind: 'at', expression: 'at(2026-01-01T12:00:00)', wallMs: Date.parse('2026-01-01T12:00:00Z') });
    expect(parsed('at(2028-02-29T23:59:59)').kind).toBe('at'); // leap day
    expect(refusal('at(2026-01-01T12:00:00)', 'events-rule')).toMatch(/EventBridge rules take rate\(\) or cron\(\) only/);
  });
});

describe('refusals, each with its reason', () => {
  // [expression, what the learner reads]
  const cases: [string, RegExp][] = [
    // rate(): every refusal LocalStack validated against AWS PutRule
    ['rate(10 seconds)', /units are minutes, hours and days only/],
    ['rate(10 years)', /units are minutes, hours and days only/],
    ['rate(1 minutes)', /value of 1 takes the singular unit: rate\(1 minute\)/],
    ['rate(1 hours)', /rate\(1 hour\), not rate\(1 hours\)/],
    ['rate(1 days)', /rate\(1 day\)/],
    ['rate(10 minute)', /value above 1 takes the plural unit: rate\(10 minutes\)/],
    ['rate(5 minute)', /rate\(5 minutes\), not rate\(5 minute\)/],
    ['rate(10 hour)', /rate\(10 hours\)/],
    ['rate(10 day)', /rate\(10 days\)/],
    ['rate()', /needs a value and a unit/],
    ['rate(10)', /needs a value and a unit/],
    ['rate(10 minutess)', /unit "minutess" is not valid: use minute\(s\), hour\(s\) or day\(s\)/],
    ['rate(foo minutes)', /value "foo" must be a positive whole number/],
    ['rate(0 minutes)', /value "0" must be a positive whole number/],
    ['rate(-10 minutes)', /value "-10" must be a positive whole number/],
    ['rate(1.5 hours)', /value "1.5" must be a positive whole number/],
    ['rate(10 MINUTES)', /write it in lower case: minutes/],
    ['rate( 10 minutes )', /no spaces inside its parentheses/],
    [' rate(10 minutes)', /Remove the spaces around the expression/],
    ['rate(10  minutes)', /separated by one space/],
    // the expression as a whole
    ['', /empty/],
    ['every 5 minutes', /A schedule expression is at\(yyyy-mm-ddThh:mm:ss\), rate\(value unit\) or cron\(6 fields\)/],
    ['0 9 * * ? *', /Wrap cron fields in cron\(…\): AWS takes cron\(0 9 \* \* \? \*\)/],
    ['CRON(0 9 * * ? *)', /write cron\( in lower case/],
    ['schedule(5)', /"schedule\(…\)" is not a schedule expression/],
    // cron(): field count
    ['cron(0 9 * * *)', /cron needs 6 fields \(minutes hours day-of-month month day-of-week year\), got 5: did you write a 5-field Unix cron\? Add the year, e.g. cron\(0 9 \* \* \? \*\)\./],
    ['cron(0 0 9 * * ? *)', /got 7: AWS cron has no seconds field/],
    ['cron(0 9)', /got 2, e.g. cron\(0 9 \* \* \? \*\)/],
    ['cron()', /got 0/],
    ['cron( 0 9 * * ? * )', /no spaces inside its parentheses/],
    // cron(): ranges (AWS refuses a numeric field outside its range — measured, see cron.ts)
    ['cron(60 9 * * ? *)', /minutes value 60 is out of range: use 0-59/],
    ['cron(0 24 * * ? *)', /hours value 24 is out of range: use 0-23/],
    ['cron(0 9 0 * ? *)', /day-of-month value 0 is out of range: use 1-31/],
    ['cron(0 9 32 * ? *)', /day-of-month value 32 is out of range/],
    ['cron(0 9 * 13 ? *)', /month value 13 is out of range: use 1-12 or JAN-DEC/],
    ['cron(0 9 ? * 8 *)', /day-of-week value 8 is out of range: use 1-7 \(SUN=1 … SAT=7\) or SUN-SAT/],
    ['cron(0 9 ? * 0 *)', /Unix cron's 0 for Sunday is 1 here/],
    ['cron(0 9 * * ? 1969)', /year value 1969 is out of range: use 1970-2199/],
    ['cron(0 9 * * ? 2200)', /year value 2200 is out of range/],
    ['cron(0 9 * * ? 2030-2027)', /year range 2030-2027 runs backwards/],
    // cron(): names
    ['cron(0 9 ? * mon-fri *)', /day-of-week name "mon" must be written in capitals: MON/],
    ['cron(0 9 * jan ? *)', /month name "jan" must be written in capitals: JAN/],
    ['cron(0 9 ? * MONDAY *)', /"MONDAY" is not a day-of-week value/],
    ['cron(0 9 * JANUARY ? *)', /"JANUARY" is not a month value/],
    // cron(): the day-of-month / day-of-week rule
    ['cron(0 9 * * MON *)', /day-of-month \(\*\) and day-of-week \(MON\) are both set: AWS needs '\?' in one of them, e.g. cron\(0 9 \? \* MON \*\)/],
    ['cron(0 9 * * * *)', /are both set/],
    ['cron(0 9 1 * 2 *)', /are both set/],
    ['cron(0 9 ? * ? *)', /both '\?': only one may be '\?'; put \* in the other/],
    // cron(): wildcards outside their fields (AWS refuses '#' outside day-of-week — measured, see cron.ts)
    ['cron(0 9 1#2 * ? *)', /'#' \(nth weekday of the month\) only goes in day-of-week/],
    ['cron(0#1 9 * * ? *)', /'#' .* only goes in day-of-week/],
    ['cron(? 9 * * ? *)', /'\?' only goes in day-of-month or day-of-week/],
    ['cron(0 L * * ? *)', /'L' \(last\) only goes in day-of-month or day-of-week/],
    ['cron(0 9 * * ? 2026W)', /'W' \(nearest weekday\) only goes in day-of-month/],
    ['cron(0 9 ? * MON/2 *)', /day-of-week does not take '\/' steps: list the days instead/],
    ['cron(0 9 ? * 3#1,6#3 *)', /with '#' the field holds one expression only/],
    ['cron(0 9 ? * 2#6 *)', /after '#' comes which week, 1 to 5/],
    ['cron(0 9 ? * 2#0 *)', /after '#' comes which week, 1 to 5/],
    ['cron(0 9 ? * 9#1 *)', /day-of-week value 9 is out of range/],
    ['cron(0 9 L,15 * ? *)', /'L', 'LW' and 'W' stand alone/],
    ['cron(0 9 1-5W * ? *)', /'L', 'LW' and 'W' stand alone/],
    ['cron(0 9 32W * ? *)', /day-of-month value 32 is out of range/],
    ['cron(0 9 ? * 1L,7 *)', /'L' stands alone/],
    // cron(): lists and steps
    ['cron(0,,5 9 * * ? *)', /empty item: check the commas/],
    ['cron(0/0 9 * * ? *)', /step "\/0" must be a whole number from 1 to 60/],
    ['cron(0/61 9 * * ? *)', /step "\/61" must be a whole number from 1 to 60/],
    ['cron(0/5/2 9 * * ? *)', /more than one '\/'/],
    ['cron(1-2-3 9 * * ? *)', /more than one '-'/],
    ['cron(x 9 * * ? *)', /'x' is not allowed here; use 0-59 with , - \* \//],
    // at()
    ['at(2026-01-01 12:00:00)', /yyyy-mm-ddThh:mm:ss/],
    ['at(2026-1-1T12:00:00)', /yyyy-mm-ddThh:mm:ss/],
    ['at(2026-01-01T12:00)', /yyyy-mm-ddThh:mm:ss/],
    ['at(2026-02-29T12:00:00)', /day 29 does not exist in 2026-02 \(that month has 28 days\)/],
    ['at(2026-13-01T12:00:00)', /month 13 is not a month/],
    ['at(2026-04-31T12:00:00)', /day 31 does not exist in 2026-04/],
    ['at(2026-01-01T24:00:00)', /not a time of day/],
    ['at(1969-12-31T23:59:59)', /before 1970/],
  ];
  it.each(cases)('%s', (text, reason) => {
    const r = parseScheduleExpression(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(reason);
      expect(r.awsMessage).toBe(AAS_INVALID_SCHEDULE);
    }
    const rule = parseScheduleExpression(text, { dialect: 'events-rule' });
    expect(rule.ok).toBe(false);
    if (!rule.ok) expect(rule.awsMessage).toBe(EVENTBRIDGE_INVALID_SCHEDULE);
  });

  it('puts AWS\'s own text in awsMessage: EventBridge "Parameter ScheduleExpression is not valid."', () => {
    expect(EVENTBRIDGE_INVALID_SCHEDULE).toBe('Parameter ScheduleExpression is not valid.');
    expect(AAS_INVALID_SCHEDULE).toMatch(/^Invalid schedule expression\. Details: Schedule expressions must have the following syntax:/);
  });

  it('refuses values that are not strings, with a message', () => {
    for (const v of [undefined, null, 5, {}, ['rate(5 minutes)'], true]) expect(refusal(v)).toMatch(/must be a string/);
  });
});

describe('never throws (fast-check)', () => {
  const seed = Date.now() % 1_000_000;
  it(`arbitrary strings give a result, never an exception (seed ${seed})`, () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const r = parseScheduleExpression(text);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
      }),
      { seed, numRuns: 2000 },
    );
  });

  it(`cron-like strings built from the cron alphabet never throw (seed ${seed})`, () => {
    const alphabet = fc.constantFrom(...'0123456789 ,-*/?LW#', 'MON', 'FRI', 'JAN', 'DEC', 'SUN', ' ', ' ');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 30 }), fc.constantFrom('cron', 'rate', 'at'), (body, fn) => {
        const r = parseScheduleExpression(`${fn}(${body})`);
        expect(typeof r.ok).toBe('boolean');
      }),
      { seed, numRuns: 3000 },
    );
  });

  it('parsing is deterministic: the same text gives the same value', () => {
    for (const text of ['cron(0/5 8-17 ? * MON-FRI *)', 'rate(7 days)', 'at(2026-01-01T12:00:00)', 'cron(0 9 * * *)']) {
      expect(parseScheduleExpression(text)).toEqual(parseScheduleExpression(text));
    }
    // and the parsed value is plain data (it can live in the engine state and the snapshot)
    const s = parsed('cron(0 9 ? * 2#1 *)');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
