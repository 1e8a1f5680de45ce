// Predict-then-reveal: the learner predicts where the next tasks land (or what a value becomes);
// the tracker watches the run and reveals the answer; the objective scores the prediction.
import { describe, expect, it } from 'vitest';
import { evaluate, ObjectiveTracker, scorePlacement, scoreValue } from '../../../workers/scenario/objectives/index.ts';
import { checked, loaded } from './helpers.ts';

describe('scoring', () => {
  it('placement: multiset overlap over the next N, order free', () => {
    expect(scorePlacement(['a', 'b', 'c'], ['c', 'b', 'a'], 3)).toEqual({ right: 3, score: 1 });
    expect(scorePlacement(['a', 'a', 'b'], ['a', 'b', 'c'], 3)).toEqual({ right: 2, score: 2 / 3 });
    expect(scorePlacement(['a', 'a', 'a'], ['a', 'b', 'c'], 3)).toEqual({ right: 1, score: 1 / 3 });
    expect(scorePlacement([], ['a'], 1)).toEqual({ right: 0, score: 0 });
  });
  it('value: right within the tolerance, partial credit by relative error', () => {
    expect(scoreValue(5, 5, 0)).toEqual({ withinTolerance: true, score: 1 });
    expect(scoreValue(6, 5, 1)).toEqual({ withinTolerance: true, score: 1 });
    expect(scoreValue(4, 5, 0)).toEqual({ withinTolerance: false, score: 0.8 });
    expect(scoreValue(20, 5, 0)).toEqual({ withinTolerance: false, score: 0 });
    expect(scoreValue(1, 'x', 0)).toEqual({ withinTolerance: false, score: 0 });
  });
});

describe('where the next tasks land', () => {
  const objective = checked({
    id: 'next-three',
    predict: { of: 'tasks', where: { family: 'web' }, next: 3, by: 'availabilityZone', choices: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
  }, '/steps/0/objectives/0');

  function run(answer: string[] | undefined) {
    const engine = loaded('sandbox');
    const tracker = new ObjectiveTracker(objective, engine.snapshot().time);
    tracker.observe(engine.snapshot()); // the baseline: the three tasks already running do not count
    const answers: Record<string, string[]> = answer ? { 'next-three': answer } : {};
    const before = evaluate(objective, { snapshot: engine.snapshot(), tracker, answers });
    const result = engine.dispatch({
      'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 3, launchType: 'EC2', placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] },
    });
    if ('error' in result) throw new Error(result.error.message);
    tracker.observe(engine.snapshot());
    return { before, after: evaluate(objective, { snapshot: engine.snapshot(), tracker, answers }) };
  }

  it('is pending until the tasks land', () => {
    expect(run(['us-east-1a']).before).toMatchObject({ passed: false, pending: true, sentence: 'Not revealed yet: 0 of the next 3 tasks have landed.' });
  });
  // The three running tasks were placed by RunTask's default (random): one in us-east-1b, two in
  // us-east-1c. Spreading over zones, the next three go where there are fewest: 1a, 1a, 1b.
  it('scores a right prediction', () => {
    expect(run(['us-east-1b', 'us-east-1a', 'us-east-1a']).after).toMatchObject({
      passed: true, score: 1, expected: 'us-east-1b, us-east-1a ×2', actual: 'us-east-1a ×2, us-east-1b',
      sentence: 'You predicted us-east-1b, us-east-1a ×2; they landed in us-east-1a ×2, us-east-1b: 3 of 3 right.',
    });
  });
  it('scores a partly wrong prediction (one per zone), and names it as the failing part', () => {
    const { after } = run(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(after).toMatchObject({
      passed: false, score: 2 / 3,
      sentence: 'You predicted us-east-1a, us-east-1b, us-east-1c; they landed in us-east-1a ×2, us-east-1b: 2 of 3 right.',
    });
    expect(after.failing).toMatchObject({ pointer: '/steps/0/objectives/0', id: 'next-three', kind: 'predict' });
  });
  it('fails without a prediction', () => {
    expect(run(undefined).after).toMatchObject({ passed: false, score: 0, sentence: 'No prediction was made before the reveal.' });
  });
});

describe('what a value becomes', () => {
  it('reveals the desired count after the given time and scores the guess', () => {
    const objective = checked({ id: 'desired', predict: { path: 'services[web].desiredCount', after: '2m', tolerance: 0 } });
    const engine = loaded('services');
    const tracker = new ObjectiveTracker(objective, engine.snapshot().time);
    tracker.observe(engine.snapshot());
    engine.dispatch({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 9 } });
    engine.advance(60_000);
    tracker.observe(engine.snapshot());
    expect(evaluate(objective, { snapshot: engine.snapshot(), tracker, answers: { desired: 9 } }).sentence).toBe('Not revealed yet: 1m to go.');
    engine.advance(60_000);
    tracker.observe(engine.snapshot());
    expect(evaluate(objective, { snapshot: engine.snapshot(), tracker, answers: { desired: 9 } })).toMatchObject({
      passed: true, score: 1, expected: '9', actual: '9', sentence: 'You predicted a desired count of 9; it became 9 — right.',
    });
    expect(evaluate(objective, { snapshot: engine.snapshot(), tracker, answers: { desired: 6 } })).toMatchObject({
      passed: false, sentence: 'You predicted a desired count of 6; it became 9.',
    });
  });
});

describe('a prediction without an id', () => {
  it('takes its answer under its JSON pointer (answerKey)', async () => {
    const { answerKey } = await import('../../../workers/scenario/objectives/index.ts');
    const objective = checked({ predict: { path: 'services[web].desiredCount', after: '0s' } }, '/steps/2/objectives/0/check');
    expect(answerKey(objective)).toBe('/steps/2/objectives/0/check');
    const engine = loaded('services');
    const tracker = new ObjectiveTracker(objective, engine.snapshot().time);
    tracker.observe(engine.snapshot());
    expect(evaluate(objective, { snapshot: engine.snapshot(), tracker, answers: { '/steps/2/objectives/0/check': 6 } })).toMatchObject({
      passed: true, sentence: 'You predicted a desired count of 6; it became 6 — right.',
    });
  });
});
