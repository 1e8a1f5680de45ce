/** Lesson states as the worker publishes them, for the lesson view-model tests. */
import type { LessonState, ObjectiveStatus } from '../../../../workers/protocol.ts';

export function objective(over: Partial<ObjectiveStatus> = {}): ObjectiveStatus {
  return {
    id: 'run-fargate',
    title: { en: 'Run one task on Fargate', fr: 'Lancez une tâche sur Fargate' },
    passed: false,
    pending: false,
    expected: 'at least 1 RUNNING task of family web with launch type FARGATE',
    actual: '0',
    sentence: 'Expected at least 1 RUNNING task of family web with launch type FARGATE; found 0.',
    hints: [],
    hintCount: 3,
    ...over,
  };
}

export function lesson(over: Partial<LessonState> = {}): LessonState {
  return {
    scenarioId: 'launch-types',
    steps: [
      { id: 'ec2', title: { en: 'EC2' }, instructions: { en: 'Run on **EC2**.' }, state: 'done', objectives: [objective({ id: 'run-ec2', passed: true })], completedAtMs: 60_000 },
      { id: 'fargate', title: { en: 'Fargate', fr: 'Fargate (fr)' }, instructions: { en: 'Now `FARGATE`.', fr: 'Maintenant `FARGATE`.' }, state: 'active', objectives: [objective()] },
      { id: 'cost', title: { en: 'Cost' }, instructions: { en: 'Compare.' }, state: 'locked', objectives: [] },
    ],
    activeStep: 1,
    completed: false,
    attempts: 2,
    solutionRevealed: false,
    hintsShown: 0,
    startedAtMs: 0,
    ...over,
  };
}
