/**
 * What the session needs of the lesson runtime (workers/lesson/, built separately and loaded by the
 * worker as a lazy chunk only for scenarios with steps). Declared here structurally so the session
 * holds no static import of it: the chunk stays out of the worker's first JavaScript.
 */
import type { LessonState, LocalizedText, Scenario, SessionRefusal, Snapshot, Step } from '../protocol.ts';

export interface LessonRunLike {
  /** Every step done: nothing left to observe. */
  readonly completed: boolean;
  /** Index of the active step. */
  readonly activeStep: number;
  /** The active step waits for a prediction the learner has not given (nor seen revealed). */
  readonly awaitingPrediction: boolean;
  observe(snapshot: Snapshot): void;
  commandRan(): void;
  revealHint(objectiveId: string): { ok: true; hint: LocalizedText } | SessionRefusal;
  answerPrediction(objectiveId: string, answer: string[] | number): { ok: true } | SessionRefusal;
  revealSolution(): { ok: true; steps: Step[] } | SessionRefusal;
  rewind(snapshot: Snapshot): void;
  state(): LessonState;
}

/** Something time can be advanced on while a lesson watches (the timeline). */
export interface ObservedTarget {
  advance(ms: number): void;
  snapshot(): Snapshot;
  nextTimerAt(): number | null;
}

/** The lesson module's exports the session uses (`import('../lesson/index.ts')` satisfies it). */
export interface LessonRuntime {
  /** Objectives are observed at every multiple of this much virtual time. */
  OBSERVE_EVERY_MS: number;
  LessonRun: { create(scenario: Scenario, startMs: number): LessonRunLike };
  // Method syntax on purpose: the module's own LessonRun class is accepted where LessonRunLike is declared.
  /** Advances `target` by `ms`, letting `run` observe every OBSERVE_EVERY_MS of virtual time. */
  advanceObserved(target: ObservedTarget, run: LessonRunLike | null, ms: number): void;
}
