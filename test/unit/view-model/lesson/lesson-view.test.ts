// The lesson panel's view: steps done/active/locked, objectives passed/failed/pending with the
// failing condition's expected and actual, hint buttons counting up, and the learner's language.
import { describe, expect, it } from 'vitest';
import { lessonView, objectiveView } from '../../../../src/lib/view-model/lesson/lesson-view.ts';
import { localize } from '../../../../src/lib/view-model/lesson/locale.ts';
import { lesson, objective } from './fixtures.ts';

describe('lessonView', () => {
  it('numbers the steps, finds the active one and says where the learner is', () => {
    const view = lessonView(lesson(), 'en');
    expect(view.steps.map((s) => [s.number, s.state])).toEqual([[1, 'done'], [2, 'active'], [3, 'locked']]);
    expect(view.active?.id).toBe('fargate');
    expect(view.progressLabel).toBe('Step 2 of 3');
    expect(view.doneCount).toBe(1);
  });

  it('has no active step once every step is done', () => {
    const done = lesson({ completed: true, activeStep: 3, steps: lesson().steps.map((s) => ({ ...s, state: 'done' as const })) });
    const view = lessonView(done, 'en');
    expect(view.active).toBeNull();
    expect(view.progressLabel).toBe('All 3 steps done');
  });

  it('shows the page language when the scenario has it, English otherwise', () => {
    expect(lessonView(lesson(), 'fr').active?.instructions).toBe('Maintenant `FARGATE`.');
    expect(lessonView(lesson(), 'fr-CA').active?.title).toBe('Fargate (fr)'); // bare language
    expect(lessonView(lesson(), 'de').active?.instructions).toBe('Now `FARGATE`.');
  });
});

describe('objectiveView', () => {
  it('a failing objective shows its innermost failing condition, expected next to actual', () => {
    const view = objectiveView(objective({ failing: { pointer: '/all/1', expected: 'launch type FARGATE', actual: 'EC2', sentence: 'Expected launch type FARGATE; it is EC2.' } }), 'en');
    expect(view.state).toBe('failed');
    expect(view.sentence).toBe('Expected launch type FARGATE; it is EC2.');
    expect(view.comparison).toEqual({ expected: 'launch type FARGATE', actual: 'EC2' });
  });

  it('falls back to the objective\'s own expected and actual without a failing part', () => {
    expect(objectiveView(objective(), 'en').comparison).toEqual({ expected: 'at least 1 RUNNING task of family web with launch type FARGATE', actual: '0' });
  });

  it('counts hints up: 1 of 3, then 2 of 3; none left after the last', () => {
    expect(objectiveView(objective(), 'en').hintButton).toBe('Show hint (1 of 3)');
    const one = objectiveView(objective({ hints: [{ en: 'Look at launchType.' }] }), 'en');
    expect(one.hintButton).toBe('Show hint (2 of 3)');
    expect(one.hints).toEqual(['Look at launchType.']);
    expect(objectiveView(objective({ hints: [{ en: 'a' }, { en: 'b' }, { en: 'c' }] }), 'en').hintButton).toBeNull();
  });

  it('a passed objective offers no hint and no comparison; a pending one says it is waiting', () => {
    const passed = objectiveView(objective({ passed: true }), 'en');
    expect([passed.state, passed.hintButton, passed.comparison]).toEqual(['passed', null, null]);
    const pending = objectiveView(objective({ pending: true }), 'en');
    expect([pending.state, pending.stateLabel]).toEqual(['pending', 'Waiting']);
  });

  it('an objective without hints offers none', () => {
    expect(objectiveView(objective({ hintCount: 0 }), 'en').hintButton).toBeNull();
  });
});

describe('localize', () => {
  it('reads plain strings and maps; a map without the language falls back to en', () => {
    expect(localize('plain', 'fr')).toBe('plain');
    expect(localize({ en: 'hi', 'pt-BR': 'oi' }, 'pt-BR')).toBe('oi');
    expect(localize({ en: 'hi', pt: 'olá' }, 'pt-BR')).toBe('olá');
    expect(localize({ en: 'hi' }, '')).toBe('hi');
    expect(localize(undefined, 'en')).toBe('');
  });
});
