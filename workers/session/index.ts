/** The learning session (a lazy chunk of the worker): see session.ts. */
export { Session, type SessionOptions } from './session.ts';
export { ACTION_NOT_ALLOWED, actionOf, actionRefusal } from './action-rules.ts';
export { Maintainer, MAINTAIN_GAP_MS, MAINTAIN_SLICE_MS } from './maintainer.ts';
export type { LessonRunLike, LessonRuntime, ObservedTarget } from './lesson-runtime.ts';
export { WorkerSession, LEARNING_METHODS, type LearningApi, type LearningMethod, type WorkerSessionDeps } from './worker-session.ts';
