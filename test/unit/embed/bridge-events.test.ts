// The bridge's events from the sessions the worker publishes: each change once, with a valid xAPI
// statement; stateChanged debounced and carrying the state.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STATE_DEBOUNCE_MS } from '../../../src/lib/embed/bridge.ts';
import { validateStatement, VERBS } from '../../../src/lib/embed/xapi.ts';
import { harness, HOST, lesson, objective, scenarioOf, session, type Posted } from './bridge-fakes.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ID = 'launch-types';

function expectValid(posted: Posted[]): void {
  for (const p of posted) {
    if (p.message.payload?.statement === undefined) continue;
    const verdict = validateStatement(p.message.payload.statement);
    expect(verdict, `${p.message.type}: ${JSON.stringify(p.message.payload.statement)}`).toEqual({ ok: true });
  }
}

function verb(p: Posted | undefined): string | undefined {
  return p?.message.payload.statement?.verb.id;
}

describe('events', () => {
  it('scenarioLoaded with an initialized statement once per opened scenario; the baseline is not an event', () => {
    const h = harness();
    h.win.reset();
    const s = session(ID, lesson(ID, [[objective('a'), objective('b')]]));
    h.publish(s);
    h.publish(s);
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]])));
    expect(h.win.posted.map((p) => p.message.type)).toEqual(['scenarioLoaded']);
    const loaded = h.win.of('scenarioLoaded')[0]!;
    expect(loaded.origin).toBe(HOST);
    expect(loaded.message.payload.id).toBe(ID);
    expect(verb(loaded)).toBe(VERBS.initialized);
    expect(loaded.message.payload.statement.object.id).toBe('https://sandbox.example.org/lab/scenarios/launch-types');
    expectValid(h.win.posted);
  });

  it('nothing is said before the session and the scenario describe the same scenario', () => {
    const h = harness();
    h.win.reset();
    h.bridge.onSession(session(ID, null), scenarioOf('sandbox'));
    h.bridge.onSession(null, scenarioOf(ID));
    expect(h.win.posted).toEqual([]);
  });

  it('objectiveChanged only on change, passed then failed, with passed/failed statements grouped by step', () => {
    const h = harness();
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]])));
    h.win.reset();
    const met = session(ID, lesson(ID, [[objective('a', { passed: true }), objective('b')]], { attempts: 1 }), 1);
    h.publish(met);
    h.publish(met);
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: true }), objective('b')]], { attempts: 1 }), 1, 2000));
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: false }), objective('b')]], { attempts: 2 }), 2));
    const changes = h.win.of('objectiveChanged');
    expect(changes.map((p) => [p.message.payload.id, p.message.payload.passed, verb(p)])).toEqual([['a', true, VERBS.passed], ['a', false, VERBS.failed]]);
    const statement = changes[0]!.message.payload.statement;
    expect(statement.object.id).toBe('https://sandbox.example.org/lab/scenarios/launch-types#objectives/a');
    expect(statement.context.contextActivities.parent[0].id).toBe('https://sandbox.example.org/lab/scenarios/launch-types');
    expect(statement.context.contextActivities.grouping[0].id).toBe('https://sandbox.example.org/lab/scenarios/launch-types#steps/step-1');
    expect(statement.context.language).toBe('en');
    expectValid(h.win.posted);
  });

  it('an objective already met when the scenario opens is said (a restored run), one not met is not', () => {
    const h = harness();
    h.win.reset();
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: true }), objective('b')]])));
    expect(h.win.posted.map((p) => [p.message.type, p.message.payload.id, p.message.payload.passed])).toEqual([['scenarioLoaded', ID, undefined], ['objectiveChanged', 'a', true]]);
  });

  it('a prediction is said once judged, with an answered statement (a wrong one too, whose verdict did not change)', () => {
    const h = harness();
    const predict = (patch = {}) => objective('p', { prediction: { about: 'value', path: 'services[web].desiredCount' }, ...patch });
    h.publish(session(ID, lesson(ID, [[predict()]])));
    h.win.reset();
    h.publish(session(ID, lesson(ID, [[predict({ prediction: { about: 'value', answer: 3 }, pending: true })]]), 1));
    expect(h.win.of('objectiveChanged')).toHaveLength(0);
    h.publish(session(ID, lesson(ID, [[predict({ prediction: { about: 'value', answer: 3 }, score: 0 })]]), 1, 5000));
    h.publish(session(ID, lesson(ID, [[predict({ prediction: { about: 'value', answer: 3 }, score: 0 })]]), 1, 6000));
    const changes = h.win.of('objectiveChanged');
    expect(changes.map((p) => [p.message.payload.id, p.message.payload.passed, verb(p)])).toEqual([['p', false, VERBS.answered]]);
    expect(changes[0]!.message.payload.statement.result).toMatchObject({ response: '3', success: false, score: { raw: 0, scaled: 0 } });
    expectValid(h.win.posted);
  });

  it('hintShown once per hint, with an interacted statement on the objective', () => {
    const h = harness();
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]])));
    h.win.reset();
    const one = session(ID, lesson(ID, [[objective('a', { hints: [{ en: 'h1' }] }), objective('b')]], { hintsShown: 1 }));
    h.publish(one);
    h.publish(one);
    h.publish(session(ID, lesson(ID, [[objective('a', { hints: [{ en: 'h1' }, { en: 'h2' }] }), objective('b')]], { hintsShown: 2 })));
    const hints = h.win.of('hintShown');
    expect(hints.map((p) => [p.message.payload.objectiveId, p.message.payload.hints, verb(p)])).toEqual([['a', 1, VERBS.interacted], ['a', 2, VERBS.interacted]]);
    expect(hints[1]!.message.payload.statement.result.response).toBe('hint:2');
    expectValid(h.win.posted);
  });

  it('solutionRevealed once, completed once with score, max, attempts, the learner\'s wall-clock duration and a completed statement', () => {
    const h = harness();
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]])));
    h.win.reset();
    // 92.4 s of the learner's time (the simulated completedAtMs, 93.4 s, plays no part).
    h.clock.ms += 92_400;
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]], { solutionRevealed: true })));
    const done = lesson(ID, [[objective('a', { passed: true }), objective('b', { passed: true })]], { solutionRevealed: false, completed: true, attempts: 5, completedAtMs: 93_400 });
    h.publish(session(ID, { ...done, solutionRevealed: true }, 5));
    h.publish(session(ID, { ...done, solutionRevealed: true }, 5, 3000));
    expect(h.win.of('solutionRevealed')).toHaveLength(1);
    expect(verb(h.win.of('solutionRevealed')[0])).toBe(VERBS.interacted);
    const completed = h.win.of('completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.message.payload).toMatchObject({ score: 0, max: 2, attempts: 5, durationMs: 92_400 });
    const statement = completed[0]!.message.payload.statement;
    expect(statement.verb.id).toBe(VERBS.completed);
    expect(statement.result).toMatchObject({ score: { raw: 0, min: 0, max: 2, scaled: 0 }, completion: true, duration: 'PT1M32.4S' });
    expectValid(h.win.posted);
  });

  it('a completion without the solution scores every objective met', () => {
    const h = harness();
    h.publish(session(ID, lesson(ID, [[objective('a')]])));
    h.clock.ms += 30_000;
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: true })]], { completed: true, attempts: 1, completedAtMs: 600_000 }), 1));
    expect(h.win.of('completed')[0]!.message.payload).toMatchObject({ score: 1, max: 1, attempts: 1, durationMs: 30_000 });
    expect(h.win.of('completed')[0]!.message.payload.statement.result.score.scaled).toBe(1);
  });

  it('a scenario loaded again or reset (a new scenario object) is a new scenarioLoaded, its regressions not failures', () => {
    const h = harness();
    h.publish(session(ID, lesson(ID, [[objective('a')]])));
    const met = session(ID, lesson(ID, [[objective('a', { passed: true })]], { attempts: 1 }), 1);
    h.publish(met);
    h.win.reset();
    h.client.scenario = scenarioOf(ID);
    // The client has the new scenario a frame before the new session: the old session is not read again.
    h.bridge.onSession(met, h.client.scenario);
    expect(h.win.posted).toEqual([]);
    h.bridge.onSession(session(ID, lesson(ID, [[objective('a')]])), h.client.scenario);
    expect(h.win.posted.map((p) => p.message.type)).toEqual(['scenarioLoaded']);
  });

  it('another scenario: scenarioLoaded for it, and the pending stateChanged of the old one is dropped', async () => {
    const h = harness();
    h.publish(session(ID, lesson(ID, [[objective('a')]])));
    h.publish(session(ID, lesson(ID, [[objective('a')]], { attempts: 1 }), 1));
    h.win.reset();
    h.publish(session('placement', lesson('placement', [[objective('x')]])));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS * 2);
    expect(h.win.posted.map((p) => [p.message.type, p.message.payload.id])).toEqual([['scenarioLoaded', 'placement']]);
  });
});

describe('stateChanged', () => {
  it('debounced: a burst of changes makes one event, STATE_DEBOUNCE_MS after the last, with the state and an attempted statement once', async () => {
    const h = harness();
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]])));
    h.win.reset();
    h.client.run = '{"commands":["one"]}';
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]], { attempts: 1 }), 1));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS - 100);
    h.publish(session(ID, lesson(ID, [[objective('a', { hints: [{ en: 'h' }] }), objective('b')]], { attempts: 2, hintsShown: 1 }), 2));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS - 100);
    expect(h.win.of('stateChanged')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    const states = h.win.of('stateChanged');
    expect(states).toHaveLength(1);
    expect(states[0]!.message.payload.state).toEqual({ v: 1, scenarioId: ID, run: '{"commands":["one"]}', hints: { a: 1 }, spentMs: 0 });
    expect(verb(states[0])).toBe(VERBS.attempted);
    h.publish(session(ID, lesson(ID, [[objective('a', { hints: [{ en: 'h' }] }), objective('b')]], { attempts: 3, hintsShown: 1 }), 3));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS);
    expect(h.win.of('stateChanged')).toHaveLength(2);
    expect(h.win.of('stateChanged')[1]!.message.payload.statement).toBeUndefined();
    expectValid(h.win.posted);
  });

  it('is not sent for the fresh scenario (it would overwrite the host\'s saved work before its setState), nor for a running clock within 30 s', async () => {
    const h = harness();
    h.publish(session(ID, lesson(ID, [[objective('a')]])));
    for (let t = 1000; t < 30_000; t += 500) h.publish(session(ID, lesson(ID, [[objective('a')]]), 0, t));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS * 3);
    expect(h.win.of('stateChanged')).toHaveLength(0);
    h.publish(session(ID, lesson(ID, [[objective('a')]]), 0, 31_000));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS);
    expect(h.win.of('stateChanged')).toHaveLength(1);
  });

  it('a scenario started over after the learner worked in it sends the empty state (the host\'s copy is stale); one opened afresh does not', async () => {
    const h = harness();
    h.publish(session(ID, lesson(ID, [[objective('a')]])));
    // Loaded again before any work (e.g. scenario= in the address, then the host's loadScenario): nothing to send.
    h.client.scenario = scenarioOf(ID);
    h.publish(session(ID, lesson(ID, [[objective('a')]])));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS * 2);
    expect(h.win.of('stateChanged')).toHaveLength(0);
    h.publish(session(ID, lesson(ID, [[objective('a')]], { attempts: 1 }), 1));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS);
    expect(h.win.of('stateChanged')).toHaveLength(1);
    h.client.run = '{"commands":[]}';
    h.client.scenario = scenarioOf(ID); // a reset: the client's new scenario object, then the fresh session
    h.publish(session(ID, lesson(ID, [[objective('a')]])));
    expect(h.win.of('scenarioLoaded')).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS);
    expect(h.win.of('stateChanged').map((p) => p.message.payload.state.run)).toEqual(['{"run":1}', '{"commands":[]}']);
  });

  it('a free sandbox (no lesson) has a state too, without hints or statement', async () => {
    const h = harness();
    h.publish(session('sandbox', null));
    h.publish(session('sandbox', null, 1));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS);
    const states = h.win.of('stateChanged');
    expect(states.map((p) => p.message.payload)).toEqual([{ state: { v: 1, scenarioId: 'sandbox', run: '{"run":1}', spentMs: 0 } }]);
  });

  it('error events say the sandbox\'s own problems', () => {
    const h = harness();
    h.win.reset();
    h.bridge.reportError('The sandbox could not load its scenario: boom');
    expect(h.win.posted[0]!.message).toEqual({ source: 'ecs-sandbox', version: 1, type: 'error', payload: { code: 'failed', message: 'The sandbox could not load its scenario: boom' } });
  });
});
