// xAPI statements: each builder writes the ADL verb, an activity id under the host's base IRI, the
// result and context xAPI 1.0.3 asks for, and passes validateStatement; validateStatement itself
// refuses each required-field breach; bad host options and bad inputs get a sentence, and fuzzed
// input never throws (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_TYPES, attemptsExtension, createStatementFactory, formatDuration, isPlaceholderActor, isUuid,
  MAX_DURATION_MS, PLACEHOLDER_ACTOR, validateStatement, VERBS, type ScenarioRef, type Statement, type StatementFactory,
} from '../../../src/lib/embed/xapi.ts';

const BASE = 'https://courses.example.com/ecs/';
const REG = '6f1c2a3e-5b4d-4c7a-9e8f-0a1b2c3d4e5f';
const AT = Date.UTC(2026, 11, 7, 13, 0, 0, 250);
const SCENARIO: ScenarioRef = {
  id: 'launch-types',
  title: 'Launch types',
  summary: 'Run one task on Fargate and one on EC2.',
  translations: { title: { en: 'Launch types', fr: 'Types de lancement' }, summary: { en: 'x', 'pt-BR': 'Rode uma tarefa.' } },
};
const OBJECTIVE = { id: 'fargate-running', title: { en: 'A Fargate task is RUNNING' }, stepId: 'step-1' };
const LEARNER = { objectType: 'Agent' as const, account: { homePage: 'https://lms.example.com', name: 'u-42' } };

function make(options: Record<string, unknown> = {}): StatementFactory {
  const built = createStatementFactory({ activityBase: BASE, registration: REG, actor: LEARNER, ...options });
  if (!built.ok) throw new Error(built.message);
  return built.value;
}

function value(built: { ok: true; value: Statement } | { ok: false; message: string }): Statement {
  if (!built.ok) throw new Error(built.message);
  const check = validateStatement(built.value);
  expect(check).toEqual({ ok: true });
  return built.value;
}

describe('formatDuration', () => {
  it.each([
    [0, 'PT0S'],
    [9, 'PT0S'], // below 0.01 s: truncated
    [10, 'PT0.01S'],
    [400, 'PT0.4S'],
    [3_723_400, 'PT1H2M3.4S'], // 1 h + 2 min + 3.4 s
    [3_723_456, 'PT1H2M3.45S'], // the 6 ms are below xAPI's 0.01 s
    [60_000, 'PT1M'],
    [3_600_000, 'PT1H'],
    [3_600_050, 'PT1H0.05S'],
    [90_061_000, 'PT25H1M1S'], // hours are not folded into days
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('refuses negative, fractional, non-number and oversized durations', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, MAX_DURATION_MS + 1, '10' as unknown as number]) expect(formatDuration(bad)).toBeNull();
  });

  it('round-trips to the same hundredths (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_DURATION_MS }), (ms) => {
      const text = formatDuration(ms)!;
      const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?$/.exec(text);
      expect(m).not.toBeNull();
      const centis = Number(m![1] ?? 0) * 360_000 + Number(m![2] ?? 0) * 6000 + Math.round(Number(m![3] ?? 0) * 100);
      expect(centis).toBe(Math.floor(ms / 10));
    }));
  });
});

describe('statements', () => {
  it('initialized: the scenario as a simulation activity under the base IRI, with its translations', () => {
    const s = value(make().initialized(SCENARIO, AT));
    expect(s.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/initialized', display: { 'en-US': 'initialized' } });
    expect(s.object).toEqual({
      objectType: 'Activity',
      id: 'https://courses.example.com/ecs/launch-types',
      definition: {
        name: { en: 'Launch types', fr: 'Types de lancement' },
        // the scenario's English summary wins over an `en` in the translations
        description: { en: 'Run one task on Fargate and one on EC2.', 'pt-BR': 'Rode uma tarefa.' },
        type: ACTIVITY_TYPES.simulation,
      },
    });
    expect(s.timestamp).toBe('2026-12-07T13:00:00.250Z');
    expect(s.actor).toEqual(LEARNER);
    expect(s.context).toEqual({ registration: REG, platform: 'ECS Sandbox' });
    expect(s).not.toHaveProperty('id'); // the LRS assigns it
    expect(s).not.toHaveProperty('result');
  });

  it('a base without a trailing slash gets one', () => {
    expect(make({ activityBase: 'https://courses.example.com/ecs' }).initialized(SCENARIO, AT)).toMatchObject({ ok: true, value: { object: { id: 'https://courses.example.com/ecs/launch-types' } } });
  });

  it('attempted and interacted: the command summary is the response, a refused one is not a success', () => {
    expect(value(make().attempted(SCENARIO, AT)).verb.id).toBe(VERBS.attempted);
    const s = value(make().interacted(SCENARIO, { action: 'ecs:CreateService', refused: true }, AT));
    expect(s.verb.id).toBe('http://adlnet.gov/expapi/verbs/interacted');
    expect(s.result).toEqual({ response: 'ecs:CreateService', success: false });
    expect(make().interacted(SCENARIO, { action: 'rm -rf /; <script>', refused: false }, AT)).toMatchObject({ ok: false });
  });

  it('answered: the prediction as an interaction under the objective, the scenario as parent, the step as grouping', () => {
    const s = value(make().answered(SCENARIO, OBJECTIVE, { answer: ['us-east-1a', 'us-east-1b'], score: 0.5, passed: false }, AT));
    expect(s.verb.id).toBe('http://adlnet.gov/expapi/verbs/answered');
    expect(s.object).toEqual({
      objectType: 'Activity',
      id: 'https://courses.example.com/ecs/launch-types#objectives/fargate-running',
      definition: { name: { en: 'A Fargate task is RUNNING' }, type: ACTIVITY_TYPES.interaction, interactionType: 'other' },
    });
    expect(s.result).toEqual({ response: 'us-east-1a[,]us-east-1b', score: { raw: 0.5, min: 0, max: 1, scaled: 0.5 }, success: false });
    expect(s.context?.contextActivities).toEqual({
      parent: [{ objectType: 'Activity', id: 'https://courses.example.com/ecs/launch-types' }],
      grouping: [{ objectType: 'Activity', id: 'https://courses.example.com/ecs/launch-types#steps/step-1' }],
    });
    const numeric = value(make().answered(SCENARIO, { id: 'desired', title: { en: 'Desired count' } }, { answer: 4, score: 1 }, AT));
    expect(numeric.result).toEqual({ response: '4', score: { raw: 1, min: 0, max: 1, scaled: 1 } });
    expect(numeric.object.definition?.interactionType).toBe('numeric');
    expect(numeric.context?.contextActivities).not.toHaveProperty('grouping');
  });

  it('passed and failed: an objective, or the scenario as a whole', () => {
    const p = value(make().passed(SCENARIO, OBJECTIVE, AT));
    expect(p.verb.id).toBe(VERBS.passed);
    expect(p.object.definition?.type).toBe(ACTIVITY_TYPES.objective);
    expect(p.result).toEqual({ success: true });
    const f = value(make().failed(SCENARIO, null, AT));
    expect(f.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(f.object.id).toBe(`${BASE}launch-types`);
    expect(f.result).toEqual({ success: false });
  });

  it('completed: score, scaled, completion, duration and attempts', () => {
    const s = value(make().completed(SCENARIO, { score: 2, max: 3, attempts: 7, durationMs: 3_723_400 }, AT));
    expect(s.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } });
    expect(s.result).toEqual({
      score: { raw: 2, min: 0, max: 3, scaled: 0.6667 }, // 2/3 to four places
      completion: true,
      duration: 'PT1H2M3.4S',
      extensions: { [attemptsExtension(BASE)]: 7 },
    });
    expect(s.result).not.toHaveProperty('success'); // success is said by passed/failed
  });

  it('without an actor from the host, the placeholder (which the host replaces) keeps the statement valid', () => {
    const built = createStatementFactory({ activityBase: BASE });
    expect(built.ok).toBe(true);
    const s = value(built.ok ? built.value.initialized(SCENARIO, AT) : (null as never));
    expect(s.actor).toEqual(PLACEHOLDER_ACTOR);
    expect(isPlaceholderActor(s.actor)).toBe(true);
    expect(isPlaceholderActor(LEARNER)).toBe(false);
    expect(s.context).toEqual({ platform: 'ECS Sandbox' });
  });

  it('a statement does not share objects with the factory (a host mutating one does not change the next)', () => {
    const f = make();
    const a = value(f.initialized(SCENARIO, AT));
    (a.actor.account as { name: string }).name = 'mallory';
    expect(value(f.initialized(SCENARIO, AT)).actor).toEqual(LEARNER);
  });
});

describe('refusals with a sentence', () => {
  it.each([
    [{ activityBase: 'ftp://x/' }, /activityBase/],
    [{ activityBase: 'https://x.example/?q=1' }, /activityBase/],
    [{ activityBase: 'https://x.example/#f' }, /activityBase/],
    [{ activityBase: 'https://user:pw@x.example/' }, /activityBase/],
    [{ activityBase: 'javascript:alert(1)' }, /activityBase/],
    [{ activityBase: BASE, registration: 'not-a-uuid' }, /registration/],
    [{ activityBase: BASE, registration: '6f1c2a3e-5b4d-4c7a-1e8f-0a1b2c3d4e5f' }, /registration/], // variant nibble 1
    [{ activityBase: BASE, actor: { mbox: 'mailto:a@b.c', openid: 'https://id' } }, /exactly one/],
    [{ activityBase: BASE, actor: { mbox: 'a@b.c' } }, /mailto/],
    [{ activityBase: BASE, actor: { name: 'No identifier' } }, /exactly one/],
    [{ activityBase: BASE, actor: { objectType: 'Group', mbox: 'mailto:a@b.c' } }, /Agent/],
    [{ activityBase: BASE, actor: { account: { homePage: 'https://lms', name: 'u', extra: 1 } } }, /account/],
    [{ activityBase: BASE, language: 'en_US' }, /language/],
  ])('options %j', (options, message) => {
    const built = createStatementFactory(options as never);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.message).toMatch(message);
  });

  it.each([
    ['bad scenario id', (f: StatementFactory) => f.initialized({ ...SCENARIO, id: '../etc' }, AT), /scenario id/],
    ['empty title', (f: StatementFactory) => f.initialized({ ...SCENARIO, title: '' }, AT), /title/],
    ['bad translation tag', (f: StatementFactory) => f.initialized({ ...SCENARIO, translations: { title: { en: 'x', 'not a tag': 'y' } } }, AT), /translations/],
    ['fractional time', (f: StatementFactory) => f.attempted(SCENARIO, 1.5), /epoch milliseconds/],
    ['negative time', (f: StatementFactory) => f.attempted(SCENARIO, -1), /epoch milliseconds/],
    ['score above 1', (f: StatementFactory) => f.answered(SCENARIO, OBJECTIVE, { answer: 1, score: 1.5 }, AT), /between 0 and 1/],
    ['empty answer', (f: StatementFactory) => f.answered(SCENARIO, OBJECTIVE, { answer: [], score: 1 }, AT), /answer/],
    ['delimiter in answer', (f: StatementFactory) => f.answered(SCENARIO, OBJECTIVE, { answer: ['a[,]b'], score: 1 }, AT), /answer/],
    ['NaN answer', (f: StatementFactory) => f.answered(SCENARIO, OBJECTIVE, { answer: Number.NaN, score: 1 }, AT), /answer/],
    ['bad objective id', (f: StatementFactory) => f.passed(SCENARIO, { id: 'a b', title: { en: 'x' } }, AT), /objective's id/],
    ['objective title without en', (f: StatementFactory) => f.passed(SCENARIO, { id: 'a', title: { fr: 'x' } as never }, AT), /locale map/],
    ['score above max', (f: StatementFactory) => f.completed(SCENARIO, { score: 4, max: 3, attempts: 1, durationMs: 1 }, AT), /score/],
    ['max 0', (f: StatementFactory) => f.completed(SCENARIO, { score: 0, max: 0, attempts: 1, durationMs: 1 }, AT), /max/],
    ['negative attempts', (f: StatementFactory) => f.completed(SCENARIO, { score: 1, max: 3, attempts: -1, durationMs: 1 }, AT), /attempts/],
    ['fractional duration', (f: StatementFactory) => f.completed(SCENARIO, { score: 1, max: 3, attempts: 1, durationMs: 0.5 }, AT), /durationMs/],
  ])('%s', (_name, build, message) => {
    const built = build(make());
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.message).toMatch(message);
  });
});

describe('validateStatement', () => {
  const good = (): Record<string, unknown> => JSON.parse(JSON.stringify(value(make().completed(SCENARIO, { score: 1, max: 2, attempts: 3, durationMs: 1000 }, AT))));

  it.each<[string, (s: Record<string, unknown>) => void, RegExp]>([
    ['no actor', (s) => { delete s.actor; }, /actor/],
    ['no verb', (s) => { delete s.verb; }, /verb/],
    ['no object', (s) => { delete s.object; }, /object/],
    ['verb id not an IRI', (s) => { (s.verb as Record<string, unknown>).id = 'completed'; }, /verb/],
    ['display not a language map', (s) => { (s.verb as Record<string, unknown>).display = { 'en US': 'x' }; }, /display/],
    ['object id not an IRI', (s) => { (s.object as Record<string, unknown>).id = 'launch types'; }, /object\.id/],
    ['unknown property', (s) => { s.score = 1; }, /"score" is not a statement property/],
    ['bad id', (s) => { s.id = '123'; }, /"id"/],
    ['scaled above 1', (s) => { ((s.result as Record<string, unknown>).score as Record<string, unknown>).scaled = 1.2; }, /scaled/],
    ['raw above max', (s) => { ((s.result as Record<string, unknown>).score as Record<string, unknown>).raw = 5; }, /raw/],
    ['min not below max', (s) => { ((s.result as Record<string, unknown>).score as Record<string, unknown>).min = 2; }, /min/],
    ['duration in seconds', (s) => { (s.result as Record<string, unknown>).duration = '3.4'; }, /duration/],
    ['empty duration', (s) => { (s.result as Record<string, unknown>).duration = 'PT'; }, /duration/],
    ['timestamp without zone', (s) => { s.timestamp = '2026-12-07T13:00:00'; }, /timestamp/],
    ['bad registration', (s) => { (s.context as Record<string, unknown>).registration = 'x'; }, /registration/],
    ['extension key not an IRI', (s) => { (s.result as Record<string, unknown>).extensions = { attempts: 1 }; }, /extensions/],
    ['a null value', (s) => { (s.result as Record<string, unknown>).success = null; }, /null/],
    ['two identifiers', (s) => { (s.actor as Record<string, unknown>).mbox = 'mailto:a@b.c'; }, /exactly one/],
  ])('refuses %s', (_name, breakIt, message) => {
    const s = good();
    expect(validateStatement(s)).toEqual({ ok: true });
    breakIt(s);
    const check = validateStatement(s);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });

  it('accepts null inside extensions (xAPI allows it there)', () => {
    const s = good();
    (s.result as Record<string, unknown>).extensions = { 'https://x.example/e': null };
    expect(validateStatement(s)).toEqual({ ok: true });
  });

  it('accepts the spec\'s durations and an offset timestamp', () => {
    for (const duration of ['PT0S', 'P1D', 'PT1H2M3.4S', 'P1Y2M3DT4H']) {
      const s = good();
      (s.result as Record<string, unknown>).duration = duration;
      s.timestamp = '2026-12-07T14:00:00+01:00';
      expect(validateStatement(s)).toEqual({ ok: true });
    }
  });
});

describe('fuzz: malformed input never throws', () => {
  it('validateStatement on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => { const r = validateStatement(v); expect(typeof r.ok).toBe('boolean'); }));
  });

  it('validateStatement on a real statement with one field replaced by anything', () => {
    const base = value(make().answered(SCENARIO, OBJECTIVE, { answer: ['a'], score: 0.25 }, AT)) as unknown as Record<string, unknown>;
    fc.assert(fc.property(fc.constantFrom(...Object.keys(base)), fc.anything(), (key, junk) => {
      expect(() => validateStatement({ ...base, [key]: junk })).not.toThrow();
    }));
  });

  it('createStatementFactory and every builder on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (options, scenario, objective, extra) => {
      expect(() => createStatementFactory(options as never)).not.toThrow();
      const f = make();
      const builders = [
        () => f.initialized(scenario as never, extra as never),
        () => f.interacted(scenario as never, objective as never, AT),
        () => f.answered(SCENARIO, objective as never, extra as never, AT),
        () => f.passed(scenario as never, objective as never, AT),
        () => f.completed(SCENARIO, extra as never, AT),
        () => f.completed(scenario as never, { score: 1, max: 1, attempts: 0, durationMs: 0 }, AT),
      ];
      for (const build of builders) {
        const built = build();
        // whatever was accepted is a valid statement
        if (built.ok) expect(validateStatement(built.value)).toEqual({ ok: true });
      }
    }));
  });

  it('every accepted completion is valid and its scaled score is raw/max to four places', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.nat(10_000), fc.integer({ min: 0, max: MAX_DURATION_MS }), fc.integer({ min: 0, max: 4_102_444_800_000 }),
      (max, rawScore, attempts, durationMs, at) => {
        const score = Math.min(rawScore, max);
        const s = value(make().completed(SCENARIO, { score, max, attempts, durationMs }, at));
        expect(Math.abs(s.result!.score!.scaled! - score / max)).toBeLessThanOrEqual(0.00005);
      },
    ));
  });

  it('isUuid accepts what it claims to', () => {
    expect(isUuid(REG)).toBe(true);
    expect(isUuid(REG.toUpperCase())).toBe(true);
    fc.assert(fc.property(fc.uuid(), (u) => { if (/^[0-9a-f-]{14}[1-8].{3}[89ab]/i.test(u)) expect(isUuid(u)).toBe(true); }));
  });
});
