/**
 * The learning session: one scenario's run as the learner drives it — the rewindable timeline
 * (workers/timeline/), the lesson watching it (workers/lesson/, when the scenario has steps) and
 * the exercise's action rules. Pure and synchronous, like the engine: the worker (a thin comlink
 * shell) loads the lazy chunks first, then calls in; tests drive it without a worker.
 *
 * - Time passes through `advance`: with a lesson, in slices so objectives are observed every
 *   OBSERVE_EVERY_MS of virtual time (advanceObserved); the playback controller drives it.
 * - A learner's step (`runLearnerStep`) is counted as an attempt, refused without running when the
 *   exercise does not offer its action, else run on the timeline and observed.
 * - The lesson follows the run (the log up to its end), not the cursor: looking at the past (a jump
 *   back, playing the recording again) leaves it as the run left it, and a jump forward again costs
 *   nothing. What changes the run rewinds it: a command from the past (a branch) to the instant it
 *   ran, undo to the instant the undone command ran, reset to the start. Time past the run's end
 *   is observed as usual.
 * - `restore` builds another session from an exported run; the caller swaps it in only on success.
 */
import { WAIT } from '../engine/actions.ts';
import { parseDuration } from '../engine/duration.ts';
import type { LoadResult, SandboxEngine, Scenario, SessionRefusal, SessionState, Snapshot, Step, StepResult } from '../protocol.ts';
import type { CommandLog } from '../timeline/log.ts';
import { decodeLog, encodeLog } from '../timeline/share.ts';
import { Timeline } from '../timeline/timeline.ts';
import { actionOf, actionRefusal, refusedResult } from './action-rules.ts';
import type { LessonRunLike, LessonRuntime } from './lesson-runtime.ts';

export interface SessionOptions {
  /** Builds an engine with the full command table (replays must not meet a command not yet loaded). */
  createEngine: () => SandboxEngine;
  /** The lesson module, for a scenario with steps (null: the scenario is played without a lesson). */
  lesson: LessonRuntime | null;
  seed?: number;
}

const NO_LESSON = 'This scenario has no lesson steps: there are no hints, predictions or solution to show.';

export class Session {
  readonly scenario: Scenario;
  readonly seed: number;
  #timeline: Timeline;
  #lesson: LessonRunLike | null;
  readonly #runtime: LessonRuntime | null;
  readonly #createEngine: () => SandboxEngine;
  /** The step the clock last stopped for (each prediction step stops it once). */
  #stoppedForStep = -1;

  private constructor(scenario: Scenario, timeline: Timeline, options: SessionOptions, lesson: LessonRunLike | null) {
    this.scenario = scenario;
    this.#timeline = timeline;
    this.seed = timeline.seed;
    this.#runtime = options.lesson;
    this.#createEngine = options.createEngine;
    this.#lesson = lesson;
  }

  /** A new run of `scenario`, its setup applied (throws only on an engine failure). */
  static start(scenario: Scenario, options: SessionOptions): Session {
    const timeline = Timeline.start(scenario, { createEngine: options.createEngine, ...(options.seed === undefined ? {} : { seed: options.seed }) });
    const session = new Session(scenario, timeline, options, Session.#newLesson(scenario, timeline, options.lesson));
    session.#lesson?.observe(timeline.snapshot());
    return session;
  }

  static #newLesson(scenario: Scenario, timeline: Timeline, runtime: LessonRuntime | null): LessonRunLike | null {
    if (runtime === null || !Array.isArray(scenario.steps) || scenario.steps.length === 0) return null;
    return runtime.LessonRun.create(scenario, timeline.startMs);
  }

  /** What loading the scenario did (the setup steps' results). */
  get loadResult(): LoadResult {
    return this.#timeline.loadResult;
  }

  get timeline(): Timeline {
    return this.#timeline;
  }

  get hasLesson(): boolean {
    return this.#lesson !== null;
  }

  /**
   * True once each time a step that asks for a prediction becomes active: playback pauses so the
   * learner can answer before the run reveals it (the worker asks after every advance and command).
   */
  takePredictionPause(): boolean {
    const lesson = this.#lesson;
    if (lesson === null || this.#timeline.inPast || !lesson.awaitingPrediction || this.#stoppedForStep === lesson.activeStep) return false;
    this.#stoppedForStep = lesson.activeStep;
    return true;
  }

  // --- What the playback controller drives ---------------------------------------------------

  advance(ms: number): void {
    const lesson = this.#lesson;
    const runtime = this.#runtime;
    if (lesson === null || runtime === null || lesson.completed || !(ms >= 0) || ms === Infinity) return this.#timeline.advance(ms);
    if (this.#timeline.inPast) {
      // Watching the recording again: the lesson already saw it. Only time past the end is new.
      const replayed = Math.min(Math.floor(ms), this.#timeline.endMs - this.#timeline.now);
      this.#timeline.advance(replayed);
      ms = Math.floor(ms) - replayed;
      if (ms <= 0) return;
    }
    // Observations fall on multiples of OBSERVE_EVERY_MS: an advance that reaches none (most of
    // playback's timer-to-timer jumps at 'max') needs no snapshot at all.
    const every = runtime.OBSERVE_EVERY_MS;
    const now = this.#timeline.now;
    if (Math.floor((now + Math.floor(ms)) / every) === Math.floor(now / every)) return this.#timeline.advance(ms);
    runtime.advanceObserved(this.#timeline, lesson, ms);
  }

  nextTimerAt(): number | null {
    return this.#timeline.nextTimerAt();
  }

  snapshot(): Snapshot {
    return this.#timeline.snapshot();
  }

  /** Background work between ticks (timeline spares); returns whether work remains. */
  maintain(deadline: () => boolean): boolean {
    return this.#timeline.maintain(deadline);
  }

  // --- The learner's commands ------------------------------------------------------------------

  /**
   * One step typed by the learner (`index`: its number in what they sent). Every step counts as an
   * attempt; one the exercise does not offer is refused without running and nothing is logged.
   */
  runLearnerStep(step: Step, index = 1): StepResult {
    const action = actionOf(step);
    this.#lesson?.commandRan();
    const refusal = actionRefusal(action, this.scenario);
    if (refusal !== undefined) return refusedResult(index, action!, refusal);
    if (this.#lesson === null) return { ...this.#timeline.dispatch(step), step: index };
    if (action === WAIT) return { ...this.#observedWait(step), step: index };
    const fromPast = this.#timeline.inPast;
    const result = this.#timeline.dispatch(step);
    // From the past, a command that took effect branched: the lesson goes back to where it ran.
    // A read from the past (answered without branching) leaves the lesson as the run left it.
    if (fromPast && !this.#timeline.inPast) this.#lesson.rewind(this.#timeline.snapshot());
    else if (!this.#timeline.inPast) this.#lesson.observe(this.#timeline.snapshot());
    return { ...result, step: index };
  }

  /** A `wait` under a lesson is watched like playing: objectives are observed on the way. */
  #observedWait(step: Step): StepResult {
    const parsed = parseDuration(step[WAIT]);
    if (!parsed.ok) return this.#timeline.dispatch(step); // the engine's own refusal and wording
    this.advance(parsed.ms);
    if (!this.#timeline.inPast) this.#lesson?.observe(this.#timeline.snapshot());
    return { step: 0, action: WAIT, response: { time: this.#timeline.now } };
  }

  // --- Moving along the run ---------------------------------------------------------------------

  undo(): { ok: true; undone: Step } | SessionRefusal {
    const undone = this.#timeline.undo();
    if (!undone.ok) return undone;
    this.#rewindLesson();
    return { ok: true, undone: undone.undone.step };
  }

  /**
   * Put back what undo removed. The lesson was rewound by the undo, so it watches the redone
   * stretch again (replayed from the undo's instant, observed every 10 s): the cost of a replay of
   * that stretch, usually short (an undo, then a redo).
   */
  redo(): { ok: true } | SessionRefusal {
    const lesson = this.#lesson;
    const from = this.#timeline.now;
    const redone = this.#timeline.redo();
    if (!redone.ok || lesson === null || this.#runtime === null) return redone;
    // Redo returns to where the run was, which may be a point in its past: the lesson watches to the
    // run's end (it follows the run), then the cursor goes back there.
    const to = this.#timeline.now;
    const end = this.#timeline.endMs;
    this.#timeline.jumpTo(from);
    this.#runtime.advanceObserved(this.#timeline, lesson, end - from);
    lesson.observe(this.#timeline.snapshot());
    this.#timeline.jumpTo(to);
    return redone;
  }

  /** Move to `timeMs` of the run (clamped); the lesson stays as the run left it (see the top). */
  jumpTo(timeMs: number): void {
    this.#timeline.jumpTo(timeMs);
  }

  /**
   * The scenario again from its start: setup re-run, log cleared, the lesson's steps reopened (its
   * hints seen, attempts and a revealed solution are kept: they are the learner's history).
   */
  reset(): LoadResult {
    const timeline = Timeline.start(this.scenario, { createEngine: this.#createEngine, seed: this.seed });
    this.#timeline = timeline;
    this.#rewindLesson();
    return timeline.loadResult;
  }

  /** The run now ends here: later completions undone, the active step restarted (rewind observes). */
  #rewindLesson(): void {
    this.#lesson?.rewind(this.#timeline.snapshot());
  }

  // --- The lesson -------------------------------------------------------------------------------

  revealHint(objectiveId: string): ReturnType<LessonRunLike['revealHint']> {
    return this.#lesson?.revealHint(String(objectiveId)) ?? { ok: false, message: NO_LESSON };
  }

  answerPrediction(objectiveId: string, answer: string[] | number): ReturnType<LessonRunLike['answerPrediction']> {
    if (this.#lesson === null) return { ok: false, message: NO_LESSON };
    const result = this.#lesson.answerPrediction(String(objectiveId), answer);
    if (result.ok) this.#lesson.observe(this.#timeline.snapshot());
    return result;
  }

  revealSolution(): ReturnType<LessonRunLike['revealSolution']> {
    if (this.#lesson === null) {
      if (Array.isArray(this.scenario.solution)) return { ok: true, steps: structuredClone(this.scenario.solution) };
      return { ok: false, message: 'This scenario has no reference solution.' };
    }
    return this.#lesson.revealSolution();
  }

  // --- Saving and sharing -----------------------------------------------------------------------

  exportRun(): string {
    return encodeLog(this.#timeline.log());
  }

  /**
   * A new session replaying an exported run of this scenario; this one is untouched either way.
   * With a lesson the run is replayed as it was played (commands at their times, objectives
   * observed on the way), so steps completed in the run are completed again.
   */
  restore(encoded: string): { ok: true; session: Session } | SessionRefusal {
    const decoded = decodeLog(String(encoded ?? ''), (id) => (id === this.scenario.id ? this.scenario : undefined));
    if (!decoded.ok) {
      const other = /^The saved run is of scenario "(.*)", which/.exec(decoded.message);
      if (other !== null) return { ok: false, message: `The saved run is of scenario "${other[1]}", not of "${this.scenario.id}" loaded now: open that scenario first.` };
      return decoded;
    }
    const options: SessionOptions = { createEngine: this.#createEngine, lesson: this.#runtime, seed: decoded.log.seed };
    if (!Array.isArray(this.scenario.steps) || this.scenario.steps.length === 0 || this.#runtime === null) {
      const restored = Timeline.restore(decoded.log, { createEngine: this.#createEngine });
      if (!restored.ok) return restored;
      return { ok: true, session: new Session(this.scenario, restored.timeline, options, null) };
    }
    return Session.#replayWatched(this.scenario, decoded.log, options);
  }

  static #replayWatched(scenario: Scenario, log: CommandLog, options: SessionOptions): { ok: true; session: Session } | SessionRefusal {
    const session = Session.start(scenario, options);
    for (const [index, entry] of log.entries.entries()) {
      if (entry.at > session.#timeline.now) session.advance(entry.at - session.#timeline.now);
      session.#lesson?.commandRan();
      const result = session.#timeline.dispatch(entry.step);
      if ('error' in result) {
        return { ok: false, message: `Replaying the run failed at command ${index + 1} (virtual time ${entry.at} ms): ${result.action} was refused: ${result.error.code}: ${result.error.message}` };
      }
      session.#lesson?.observe(session.#timeline.snapshot());
    }
    if (log.endMs > session.#timeline.now) session.advance(log.endMs - session.#timeline.now);
    return { ok: true, session };
  }

  // --- What the UI is told ----------------------------------------------------------------------

  /** Built with every published snapshot: no copy of the log's steps. */
  state(): SessionState {
    const timeline = this.#timeline;
    const commandTimes = timeline.commandTimes();
    const state: SessionState = {
      scenarioId: this.scenario.id,
      lesson: this.#lesson?.state() ?? null,
      timeline: {
        startMs: timeline.startMs,
        endMs: timeline.endMs,
        nowMs: timeline.now,
        inPast: timeline.inPast,
        canUndo: timeline.canUndo,
        canRedo: timeline.canRedo,
        commands: commandTimes.length,
        commandTimes,
      },
    };
    if (this.scenario.allowedActions !== undefined) state.allowedActions = [...this.scenario.allowedActions];
    if (this.scenario.disabledActions !== undefined) state.disabledActions = [...this.scenario.disabledActions];
    return state;
  }
}
