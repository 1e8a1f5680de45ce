// holdsFor, within and ever on the virtual clock: an ObjectiveTracker fed the engine's snapshots as
// virtual time passes (services.yaml: web runs 6 tasks; the step asks for 10).
import { describe, expect, it } from 'vitest';
import { evaluate, ObjectiveTracker } from '../../../workers/scenario/objectives/index.ts';
import type { SandboxEngine } from '../../../workers/protocol.ts';
import { checked, loaded, runFor } from './helpers.ts';

const TEN_RUNNING = { count: { of: 'tasks', where: { service: 'web', lastStatus: 'RUNNING' }, is: 10 } };

function start(raw: unknown): { engine: SandboxEngine; tracker: ObjectiveTracker; judge: () => ReturnType<typeof evaluate> } {
  const engine = loaded('services');
  const objective = checked(raw);
  const tracker = new ObjectiveTracker(objective, engine.snapshot().time);
  tracker.observe(engine.snapshot());
  return { engine, tracker, judge: () => evaluate(objective, { snapshot: engine.snapshot(), tracker }) };
}

const scaleTo = (engine: SandboxEngine, desiredCount: number): void => {
  const result = engine.dispatch({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount } });
  if ('error' in result) throw new Error(result.error.message);
};

describe('within', () => {
  it('is pending before the deadline, then passes when reached, and stays passed', () => {
    const { engine, tracker, judge } = start({ within: { duration: '5m', objective: TEN_RUNNING } });
    expect(judge()).toMatchObject({ passed: false, pending: true, sentence: 'Not yet — 5m left: Expected 10 RUNNING tasks of service web; found 6.' });
    scaleTo(engine, 10);
    runFor(engine, 60_000, () => tracker.observe(engine.snapshot()));
    const result = judge();
    expect(result.passed).toBe(true);
    expect(result.sentence).toMatch(/^Reached after \d+s \(limit 5m\): Found 10 RUNNING tasks of service web, as expected\.$/);
    scaleTo(engine, 2);
    runFor(engine, 60_000, () => tracker.observe(engine.snapshot()));
    expect(judge().passed).toBe(true);
  });

  it('fails for good once the deadline passed without it', () => {
    const { engine, tracker, judge } = start({ within: { duration: '1s', objective: TEN_RUNNING } });
    scaleTo(engine, 10);
    runFor(engine, 120_000, () => tracker.observe(engine.snapshot()));
    expect(judge()).toMatchObject({
      passed: false, expected: 'within 1s', actual: 'after 1s',
      sentence: 'It holds now, but only came after the 1s limit: Found 10 RUNNING tasks of service web, as expected.',
    });
    expect(judge().failing?.sentence).toBe(judge().sentence);
    scaleTo(engine, 2);
    runFor(engine, 60_000, () => tracker.observe(engine.snapshot()));
    expect(judge()).toMatchObject({ passed: false, actual: 'not yet' });
    expect(judge().sentence).toMatch(/^Not reached within 1s: Expected 10 RUNNING tasks of service web; found 2/);
    expect(judge().pending).toBeUndefined();
  });
});

describe('holdsFor', () => {
  it('counts how long it has held, then passes once it held long enough', () => {
    const { engine, tracker, judge } = start({ holdsFor: { duration: '3m', objective: { count: { of: 'tasks', where: { service: 'web' }, atLeast: 6 } } } });
    expect(judge()).toMatchObject({ passed: false, pending: true, sentence: 'Holding for 0s of 3m so far: Found 6 tasks of service web, as expected.' });
    runFor(engine, 60_000, () => tracker.observe(engine.snapshot()));
    expect(judge().sentence).toBe('Holding for 1m of 3m so far: Found 6 tasks of service web, as expected.');
    runFor(engine, 120_000, () => tracker.observe(engine.snapshot()));
    expect(judge()).toMatchObject({ passed: true, expected: 'held 3m', sentence: 'Held for 3m: Found 6 tasks of service web, as expected.' });
  });

  it('starts again when the condition breaks', () => {
    const { engine, tracker, judge } = start({ holdsFor: { duration: '3m', objective: { compare: { path: 'services[web].desiredCount', op: '==', value: 6 } } } });
    runFor(engine, 120_000, () => tracker.observe(engine.snapshot()));
    scaleTo(engine, 7);
    tracker.observe(engine.snapshot());
    expect(judge()).toMatchObject({ passed: false, sentence: 'Needs to hold for 3m: Expected the desired count of service web to be 6; it is 7.' });
    expect(judge().failing?.kind).toBe('compare');
    scaleTo(engine, 6);
    tracker.observe(engine.snapshot());
    runFor(engine, 120_000, () => tracker.observe(engine.snapshot()));
    expect(judge().passed).toBe(false);
    runFor(engine, 60_000, () => tracker.observe(engine.snapshot()));
    expect(judge().passed).toBe(true);
  });

  it('takes the state as unchanged between two observations', () => {
    const { engine, tracker, judge } = start({ holdsFor: { duration: '3m', objective: { compare: { path: 'services[web].desiredCount', op: '==', value: 6 } } } });
    engine.advance(600_000);
    scaleTo(engine, 7);
    tracker.observe(engine.snapshot());
    // It was 6 from the first observation until this one, ten minutes later: it held.
    expect(judge().passed).toBe(true);
  });
});

describe('ever', () => {
  it('remembers that something happened, with when', () => {
    const { engine, tracker, judge } = start({ ever: { exists: { of: 'tasks', where: { service: 'web', lastStatus: 'PENDING' } } } });
    expect(judge()).toMatchObject({ passed: false, pending: true, sentence: 'Has not happened yet: Expected a PENDING task of service web; found none (6 are RUNNING).' });
    engine.advance(30_000);
    tracker.observe(engine.snapshot());
    scaleTo(engine, 8);
    tracker.observe(engine.snapshot());
    runFor(engine, 120_000, () => tracker.observe(engine.snapshot()));
    const result = judge();
    expect(result.passed).toBe(true);
    // The sentence of the moment it happened, not of now (the tasks have been RUNNING for a while).
    expect(result.sentence).toMatch(/^Happened 3\ds into the step: Found a PENDING task of service web \(2 in all\)\.$/);
  });
});

describe('nesting', () => {
  it('within 10m, ten tasks running that hold for 1m', () => {
    const { engine, tracker, judge } = start({ within: { duration: '10m', objective: { holdsFor: { duration: '1m', objective: TEN_RUNNING } } } });
    scaleTo(engine, 10);
    runFor(engine, 30_000, () => tracker.observe(engine.snapshot()));
    expect(judge().passed).toBe(false);
    runFor(engine, 90_000, () => tracker.observe(engine.snapshot()));
    expect(judge().passed).toBe(true);
    expect(judge().sentence).toMatch(/^Reached after 1m \d+s \(limit 10m\): Held for 1m: Found 10 RUNNING tasks of service web, as expected\.$/);
  });

  it('is deterministic: the same run gives the same results', () => {
    const run = (): string[] => {
      const { engine, tracker, judge } = start({ all: [{ within: { duration: '2m', objective: TEN_RUNNING } }, { ever: { exists: { of: 'tasks', where: { lastStatus: 'PENDING' } } } }] });
      scaleTo(engine, 10);
      const sentences: string[] = [];
      runFor(engine, 180_000, () => {
        tracker.observe(engine.snapshot());
        sentences.push(judge().sentence);
      }, 5_000);
      return sentences;
    };
    expect(run()).toEqual(run());
  });
});
