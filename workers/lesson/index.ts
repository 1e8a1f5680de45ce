/**
 * The lesson runtime (issue 8): a learner's progress through a scenario's steps and objectives,
 * hints, predictions and the solution, judged on snapshots. Pure: the worker and `check` feed it.
 */
export { LessonRun, type LessonRunOptions } from './lesson-run.ts';
export { OBSERVE_EVERY_MS, advanceObserved, type ObservableTarget } from './observe.ts';
export { LESSON_SAY } from './messages.ts';
