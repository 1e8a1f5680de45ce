/**
 * The objective language (issue 8): declarative predicates over the Snapshot, checked before
 * anything runs and evaluated into results a learner can read. See README.md here.
 */
export { checkObjective, OPERATORS } from './check.ts';
export { answerKey, evaluate, type EvaluationContext } from './evaluate.ts';
export { ObjectiveTracker, type TrackedState } from './tracker.ts';
export { scorePlacement, scoreValue } from './prediction.ts';
export { COLLECTIONS, COLLECTION_ALIASES } from './catalog.ts';
export type { CheckIssue, CheckResult, FailingPart, Objective, ObjectiveResult, PredictionAnswer } from './types.ts';
