// What a setState restore says (src/lib/embed/bridge.ts): the events it causes are re-said for the
// host's UI with `restored: true` and no xAPI statement (an LRS must not record a passed or a
// completed twice), the learner's own later changes are normal events; and the learner's wall-clock
// time on the exercise (completed.durationMs, the host state's spentMs) survives a reload.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RESTORE_SETTLE_MS, STATE_DEBOUNCE_MS } from '../../../src/lib/embed/bridge.ts';
import { validateStatement, VERBS } from '../../../src/lib/embed/xapi.ts';
import { command, harness, lesson, objective, scenarioOf, session, settle, type Harness, type Posted } from './bridge-fakes.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ID = 'launch-types';
const H = [{ en: 'h1' }];

/** The fresh scenario: objectives a and b, nothing done. */
function opened(): Harness {
  const h = harness();
  h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]])));
  return h;
}

/** The restored run: a met (one hint of a shown by the worker), b met too and the lesson complete when `complete`. */
function restoredSession(complete: boolean, hintsOfA = 0) {
  const hints = Array.from({ length: hintsOfA }, () => H[0]!);
  return session(ID, lesson(ID, [[objective('a', { passed: true, hints }), objective('b', { passed: complete })]], { attempts: 4, completed: complete, hintsShown: hintsOfA }), 4);
}

function payloads(posted: Posted[], type: string): any[] {
  return posted.filter((p) => p.message.type === type).map((p) => p.message.payload);
}

describe('events during a setState restore', () => {
  it('objectiveChanged, hintShown and completed of the restored run carry restored: true and no statement', async () => {
    const h = opened();
    h.client.onRestore = () => setTimeout(() => h.publish(restoredSession(true)), 0);
    h.client.onReveal = () => setTimeout(() => h.publish(restoredSession(true, 1)), 0);
    h.win.reset();
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN', hints: { a: 1 } } }, 1));
    await vi.advanceTimersByTimeAsync(10);
    expect(h.win.of('reply')).toHaveLength(1);
    expect(payloads(h.win.posted, 'objectiveChanged')).toEqual([{ id: 'a', passed: true, restored: true }, { id: 'b', passed: true, restored: true }]);
    expect(payloads(h.win.posted, 'completed')).toEqual([{ score: 2, max: 2, attempts: 4, durationMs: 0, restored: true }]);
    expect(payloads(h.win.posted, 'hintShown')).toEqual([{ objectiveId: 'a', hints: 1, restored: true }]);
    expect(h.win.posted.filter((p) => p.message.payload?.statement !== undefined)).toEqual([]);
  });

  it('the learner\'s own changes after the restore are normal events with statements', async () => {
    const h = opened();
    h.client.onRestore = () => setTimeout(() => h.publish(restoredSession(false)), 0);
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN' } }, 1));
    await vi.advanceTimersByTimeAsync(10);
    expect(h.win.of('reply')).toHaveLength(1);
    h.win.reset();
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: true, hints: H }), objective('b')]], { attempts: 4, hintsShown: 1 }), 4));
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: true, hints: H }), objective('b', { passed: true })]], { attempts: 5, hintsShown: 1, completed: true }), 5));
    const events = h.win.posted.filter((p) => ['hintShown', 'objectiveChanged', 'completed'].includes(p.message.type));
    expect(events.map((p) => [p.message.type, p.message.payload.restored, p.message.payload.statement?.verb.id])).toEqual([
      ['hintShown', undefined, VERBS.interacted],
      ['objectiveChanged', undefined, VERBS.passed],
      ['completed', undefined, VERBS.completed],
    ]);
    for (const p of events) expect(validateStatement(p.message.payload.statement)).toEqual({ ok: true });
  });

  it('the restore lasts until the session of the last hint revealed (bounded by RESTORE_SETTLE_MS), not longer', async () => {
    const h = opened();
    h.client.onRestore = () => setTimeout(() => h.publish(restoredSession(false)), 0);
    // The hint's session comes late, but within RESTORE_SETTLE_MS: still the restore's.
    h.client.onReveal = () => setTimeout(() => h.publish(restoredSession(false, 1)), RESTORE_SETTLE_MS - 500);
    h.win.reset();
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN', hints: { a: 1 } } }, 1));
    await vi.advanceTimersByTimeAsync(10);
    expect(h.win.of('reply')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(RESTORE_SETTLE_MS);
    expect(h.win.of('reply')).toHaveLength(1);
    expect(payloads(h.win.posted, 'hintShown')).toEqual([{ objectiveId: 'a', hints: 1, restored: true }]);
    // Over: the next hint is the learner's.
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: true, hints: [H[0]!, H[0]!] }), objective('b')]], { attempts: 4, hintsShown: 2 }), 4));
    const second = h.win.of('hintShown')[1]!.message.payload;
    expect(second.restored).toBeUndefined();
    expect(second.statement.verb.id).toBe(VERBS.interacted);
  });

  it('a scenario reopened by the restore says scenarioLoaded with restored: true and no initialized statement', async () => {
    const h = opened();
    h.client.onRestore = () => {
      h.client.scenario = scenarioOf(ID); // the worker reopened the scenario: a new scenario object
      setTimeout(() => h.publish(restoredSession(false)), 0);
    };
    h.win.reset();
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN' } }, 1));
    await vi.advanceTimersByTimeAsync(10);
    expect(payloads(h.win.posted, 'scenarioLoaded')).toEqual([{ id: ID, restored: true }]);
    expect(payloads(h.win.posted, 'objectiveChanged')).toEqual([{ id: 'a', passed: true, restored: true }]);
    // A later reopening (a reset) is the learner's: initialized again.
    h.client.scenario = scenarioOf(ID);
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]])));
    expect(h.win.of('scenarioLoaded')[1]!.message.payload.statement.verb.id).toBe(VERBS.initialized);
  });

  it('a refused restore leaves no restore in progress: the next changes have statements', async () => {
    const h = opened();
    h.client.restoreResult = { ok: false, message: 'the run does not replay.' };
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN' } }, 1));
    await settle();
    expect(h.win.of('error')).toHaveLength(1);
    h.win.reset();
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: true }), objective('b')]], { attempts: 1 }), 1));
    expect(h.win.of('objectiveChanged')[0]!.message.payload.statement.verb.id).toBe(VERBS.passed);
  });

  it('the stateChanged the restore causes carries the state but no second attempted statement', async () => {
    const h = opened();
    h.client.onRestore = () => setTimeout(() => h.publish(restoredSession(false)), 0);
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN' } }, 1));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS + 10);
    const states = h.win.of('stateChanged');
    expect(states).toHaveLength(1);
    expect(states[0]!.message.payload.statement).toBeUndefined();
  });
});

describe('the learner\'s wall-clock time: completed.durationMs and spentMs', () => {
  it('getState and stateChanged say spentMs, the time since the scenario opened in this frame', async () => {
    const h = opened();
    h.clock.ms += 42_000;
    h.win.send(command('getState', {}, 1));
    await settle();
    expect(h.win.of('reply')[0]!.message.payload.state.spentMs).toBe(42_000);
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]], { attempts: 1 }), 1));
    h.clock.ms += 1000;
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS);
    expect(h.win.of('stateChanged')[0]!.message.payload.state.spentMs).toBe(43_000);
  });

  it('leaving the page sends the state at once: a pending debounce, or the time spent since the last change', async () => {
    const h = opened();
    // Nothing done yet: leaving sends nothing (a reload must not overwrite the host's copy).
    h.bridge.flushState();
    await settle();
    expect(h.win.of('stateChanged')).toHaveLength(0);
    // A change, then the page is hidden before the debounce: the state goes at once, once.
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]], { attempts: 1 }), 1));
    h.clock.ms += 2_000;
    h.bridge.flushState();
    await settle();
    expect(h.win.of('stateChanged').map((p) => p.message.payload.state.spentMs)).toEqual([2_000]);
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS * 2);
    expect(h.win.of('stateChanged')).toHaveLength(1);
    // No change since, but the learner kept at it for a minute: leaving again brings spentMs up to date.
    h.clock.ms += 60_000;
    h.bridge.flushState();
    await settle();
    expect(h.win.of('stateChanged').map((p) => p.message.payload.state.spentMs)).toEqual([2_000, 62_000]);
  });

  it('completed.durationMs is wall time, not simulated time (speed= and the timeline do not count)', () => {
    const h = opened();
    h.clock.ms += 5_000;
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: true }), objective('b', { passed: true })]], { attempts: 2, completed: true, completedAtMs: 3_600_000 }), 2, 3_600_000));
    const completed = h.win.of('completed')[0]!.message.payload;
    expect(completed.durationMs).toBe(5_000);
    expect(completed.statement.result.duration).toBe('PT5S');
  });

  it('round trip: a setState with spentMs goes on from it — getState after, and the duration at completion is spentMs + the time since', async () => {
    const h = opened();
    h.clock.ms += 7_000; // time in this frame before the host's setState does not count twice
    h.client.onRestore = () => setTimeout(() => h.publish(restoredSession(false)), 0);
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN', spentMs: 600_000 } }, 1));
    await vi.advanceTimersByTimeAsync(10);
    h.clock.ms += 30_000;
    h.win.send(command('getState', {}, 2));
    await settle();
    expect(h.win.posted.find((p) => p.message.id === 2)!.message.payload.state.spentMs).toBe(630_000);
    h.clock.ms += 15_500;
    h.publish(session(ID, lesson(ID, [[objective('a', { passed: true }), objective('b', { passed: true })]], { attempts: 5, completed: true }), 5));
    const completed = h.win.of('completed')[0]!.message.payload;
    expect(completed.durationMs).toBe(645_500);
    expect(completed.restored).toBeUndefined();
    expect(completed.statement.result.duration).toBe('PT10M45.5S');
    expect(validateStatement(completed.statement)).toEqual({ ok: true });
  });

  it('a restored run that was complete says its completion with the restored spentMs', async () => {
    const h = opened();
    h.client.onRestore = () => setTimeout(() => h.publish(restoredSession(true)), 10);
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN', spentMs: 90_000 } }, 1));
    await vi.advanceTimersByTimeAsync(20);
    expect(payloads(h.win.posted, 'completed')).toEqual([{ score: 2, max: 2, attempts: 4, durationMs: 90_000, restored: true }]);
  });

  it('spentMs carries over when the restore reopens the scenario', async () => {
    const h = opened();
    h.client.onRestore = () => {
      h.client.scenario = scenarioOf(ID);
      setTimeout(() => h.publish(restoredSession(false)), 0);
    };
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN', spentMs: 120_000 } }, 1));
    await vi.advanceTimersByTimeAsync(10);
    h.clock.ms += 1_000;
    h.win.send(command('getState', {}, 2));
    await settle();
    expect(h.win.posted.find((p) => p.message.id === 2)!.message.payload.state.spentMs).toBe(121_000);
  });

  it('a refused restore keeps the frame\'s own time', async () => {
    const h = opened();
    h.clock.ms += 2_000;
    h.client.restoreResult = { ok: false, message: 'the run does not replay.' };
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN', spentMs: 500_000 } }, 1));
    await settle();
    h.win.send(command('getState', {}, 2));
    await settle();
    expect(h.win.posted.find((p) => p.message.id === 2)!.message.payload.state.spentMs).toBe(2_000);
  });

  it('a reset, Start over or another scenario starts from 0', async () => {
    const h = opened();
    h.client.onRestore = () => setTimeout(() => h.publish(restoredSession(false)), 0);
    h.win.send(command('setState', { state: { v: 1, scenarioId: ID, run: 'RUN', spentMs: 300_000 } }, 1));
    await vi.advanceTimersByTimeAsync(10);
    h.clock.ms += 4_000;
    h.client.scenario = scenarioOf(ID); // a reset: a new scenario object, then the fresh session
    h.publish(session(ID, lesson(ID, [[objective('a'), objective('b')]])));
    h.clock.ms += 3_000;
    h.win.send(command('getState', {}, 2));
    await settle();
    expect(h.win.posted.find((p) => p.message.id === 2)!.message.payload.state.spentMs).toBe(3_000);
    h.publish(session('placement', lesson('placement', [[objective('x')]])));
    h.clock.ms += 1_000;
    h.win.send(command('getState', {}, 3));
    await settle();
    expect(h.win.posted.find((p) => p.message.id === 3)!.message.payload.state).toMatchObject({ scenarioId: 'placement', spentMs: 1_000 });
  });
});
