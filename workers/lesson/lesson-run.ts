/**
 * LessonRun: a learner's progress through a scenario's steps, judged on snapshots. Pure and
 * deterministic: it never reads the engine, it is given snapshots (after every command and every
 * OBSERVE_EVERY_MS of virtual time: observe.ts), and time is the snapshots' virtual time.
 *
 * - Steps are sequential. The active step's objectives each get an ObjectiveTracker started at the
 *   step's start; only the active step is evaluated (cost: one evaluation per objective of one step).
 * - An objective is met when it passed and is not pending; a passed `ever` / `within` / `holdsFor`
 *   is latched by the tracker, so it stays met. A prediction is settled once revealed: a wrong
 *   prediction is scored (it does not pass) but does not hold the lesson up, since it cannot be
 *   undone by doing anything (UNCONFIRMED choice of ours; the issue says "reveals and scores").
 * - A step completes at an observation where every objective is met; the next step starts at that
 *   same time and is observed at once, so several steps can complete in one observation.
 * - rewind(snapshot) after a jump back or an undo: steps completed after its time reopen, the active
 *   step's trackers restart there. Hints seen, answers given and the solution revealed are kept
 *   (they were seen; answers are final).
 */
import type { LessonState, LessonStepStatus, LocalizedText, ObjectiveStatus, Scenario, SessionRefusal, Snapshot, Step } from '../protocol.ts';
import { evaluate } from '../scenario/objectives/evaluate.ts';
import { ObjectiveTracker } from '../scenario/objectives/tracker.ts';
import type { ObjectiveResult, PredictionAnswer } from '../scenario/objectives/types.ts';
import { compileLesson, type CompiledObjective, type CompiledStep } from './compile.ts';
import { LESSON_SAY } from './messages.ts';
import { answerProblem, predictionPrompt, revealedTruth } from './predictions.ts';

export interface LessonRunOptions {
  /**
   * `check` proves that predictions get revealed: it answers each with the truth once revealed
   * (a perfect predictor), which a learner cannot do (answers after the reveal are refused).
   */
  perfectPredictor?: boolean;
}

/** Where an objective is: its step's index and its index in the step. */
interface Located {
  step: number;
  index: number;
  compiled: CompiledObjective;
}

export class LessonRun {
  readonly #scenario: Scenario;
  readonly #steps: CompiledStep[];
  readonly #startedAtMs: number;
  readonly #perfectPredictor: boolean;
  readonly #byId = new Map<string, Located>();
  #active = 0;
  #activeStartMs: number;
  #trackers: (ObjectiveTracker | undefined)[] = [];
  /** The active step's results at the latest observation (empty before the first). */
  #results: ObjectiveResult[] = [];
  /** Per step: when it was completed, and its results at that observation. */
  #completedAt: (number | undefined)[];
  #doneResults: (ObjectiveResult[] | undefined)[];
  #latest: Snapshot | null = null;
  #attempts = 0;
  #solutionRevealed = false;
  readonly #hintsShown = new Map<string, number>();
  readonly #answers: Record<string, PredictionAnswer> = {};
  /** Objectives whose prediction was revealed at some point (answers are refused after that, even after a rewind). */
  readonly #revealedOnce = new Set<string>();

  private constructor(scenario: Scenario, startMs: number, options: LessonRunOptions) {
    this.#scenario = scenario;
    this.#steps = compileLesson(scenario);
    this.#startedAtMs = startMs;
    this.#activeStartMs = startMs;
    this.#perfectPredictor = options.perfectPredictor === true;
    this.#completedAt = this.#steps.map(() => undefined);
    this.#doneResults = this.#steps.map(() => undefined);
    this.#steps.forEach((step, stepIndex) =>
      step.objectives.forEach((compiled, index) => {
        if (!this.#byId.has(compiled.source.id)) this.#byId.set(compiled.source.id, { step: stepIndex, index, compiled });
      }),
    );
    this.#startStep(startMs);
  }

  /** A lesson for a scenario with steps, starting at `startMs` (the setup's end). Observe it at once. */
  static create(scenario: Scenario, startMs: number, options: LessonRunOptions = {}): LessonRun {
    return new LessonRun(scenario, startMs, options);
  }

  get completed(): boolean {
    return this.#active >= this.#steps.length;
  }

  /** Index of the active step (steps.length once all are done). */
  get activeStep(): number {
    return this.#active;
  }

  /**
   * The active step asks for a prediction that is neither given nor revealed yet: the clock should
   * wait for the learner (a prediction 20 virtual seconds ahead is gone at ×1 before it can be typed).
   */
  get awaitingPrediction(): boolean {
    if (this.completed) return false;
    return this.#steps[this.#active]!.objectives.some(
      (compiled, index) =>
        compiled.predict !== undefined &&
        !(compiled.answerKey! in this.#answers) &&
        !this.#revealedOnce.has(compiled.source.id) &&
        revealedTruth(compiled.predict, this.#trackers[index]) === undefined,
    );
  }

  /** Judges the active step on `snapshot`; completes it (and the next ones) when every objective is met. */
  observe(snapshot: Snapshot): void {
    this.#latest = snapshot;
    while (this.#active < this.#steps.length) {
      const step = this.#steps[this.#active]!;
      step.objectives.forEach((compiled, index) => {
        const tracker = this.#trackers[index];
        tracker?.observe(snapshot);
        if (compiled.predict && revealedTruth(compiled.predict, tracker) !== undefined) {
          this.#revealedOnce.add(compiled.source.id);
          if (this.#perfectPredictor && !(compiled.answerKey! in this.#answers)) this.#answers[compiled.answerKey!] = revealedTruth(compiled.predict, tracker)!;
        }
      });
      this.#results = step.objectives.map((compiled, index) => this.#evaluate(compiled, this.#trackers[index], snapshot));
      if (!this.#results.every((result, index) => this.#met(step.objectives[index]!, result, index))) return;
      this.#completedAt[this.#active] = snapshot.time;
      this.#doneResults[this.#active] = this.#results;
      this.#active++;
      this.#startStep(snapshot.time);
    }
  }

  commandRan(): void {
    this.#attempts++;
  }

  revealHint(objectiveId: string): { ok: true; hint: LocalizedText } | SessionRefusal {
    const found = this.#activeObjective(objectiveId);
    if (!found.ok) return found;
    const { source } = found.located.compiled;
    const shown = this.#hintsShown.get(objectiveId) ?? 0;
    if (source.hints.length === 0) return refuse(LESSON_SAY.noHints(source.title.en));
    if (shown >= source.hints.length) return refuse(LESSON_SAY.noMoreHints(source.title.en, source.hints.length));
    this.#hintsShown.set(objectiveId, shown + 1);
    return { ok: true, hint: { ...source.hints[shown]! } };
  }

  answerPrediction(objectiveId: string, answer: string[] | number): { ok: true } | SessionRefusal {
    const found = this.#activeObjective(objectiveId);
    if (!found.ok) return found;
    const { compiled, index } = found.located;
    const title = compiled.source.title.en;
    if (!compiled.predict) return refuse(LESSON_SAY.notPrediction(title));
    if (compiled.answerKey! in this.#answers) return refuse(LESSON_SAY.alreadyAnswered(title));
    if (this.#revealedOnce.has(objectiveId) || revealedTruth(compiled.predict, this.#trackers[index]) !== undefined) return refuse(LESSON_SAY.alreadyRevealed(title));
    const problem = answerProblem(compiled.predict, answer);
    if (problem !== undefined) return refuse(problem);
    this.#answers[compiled.answerKey!] = Array.isArray(answer) ? [...answer] : answer;
    // The objective's result now includes the answer (it is scored at the reveal).
    if (this.#latest !== null) this.#results[index] = this.#evaluate(compiled, this.#trackers[index], this.#latest);
    return { ok: true };
  }

  revealSolution(): { ok: true; steps: Step[] } | SessionRefusal {
    const solution = this.#scenario.solution;
    if (!Array.isArray(solution)) return refuse(LESSON_SAY.noSolution());
    this.#solutionRevealed = true;
    return { ok: true, steps: solution.map((step) => ({ ...step })) };
  }

  /** After a jump back or an undo to `snapshot.time`: later completions are undone, the active step restarts there. */
  rewind(snapshot: Snapshot): void {
    const time = snapshot.time;
    let active = this.#completedAt.findIndex((at) => at === undefined || at > time);
    if (active === -1) active = this.#steps.length;
    for (let index = active; index < this.#steps.length; index++) {
      this.#completedAt[index] = undefined;
      this.#doneResults[index] = undefined;
    }
    this.#active = active;
    this.#startStep(time);
    this.observe(snapshot);
  }

  state(): LessonState {
    const steps: LessonStepStatus[] = this.#steps.map((step, index) => this.#stepStatus(step, index));
    const last = this.#completedAt.at(-1);
    const state: LessonState = {
      scenarioId: this.#scenario.id,
      steps,
      activeStep: this.#active,
      completed: this.completed,
      attempts: this.#attempts,
      solutionRevealed: this.#solutionRevealed,
      hintsShown: [...this.#hintsShown.values()].reduce((sum, count) => sum + count, 0),
      startedAtMs: this.#startedAtMs,
    };
    if (this.completed && this.#steps.length > 0 && last !== undefined) state.completedAtMs = last;
    if (this.completed && this.#steps.length === 0) state.completedAtMs = this.#startedAtMs;
    return state;
  }

  #startStep(timeMs: number): void {
    this.#activeStartMs = timeMs;
    this.#results = [];
    const step = this.#steps[this.#active];
    this.#trackers = step ? step.objectives.map((compiled) => (compiled.objective ? new ObjectiveTracker(compiled.objective, timeMs) : undefined)) : [];
  }

  #evaluate(compiled: CompiledObjective, tracker: ObjectiveTracker | undefined, snapshot: Snapshot): ObjectiveResult {
    if (!compiled.objective) return { passed: false, expected: '', actual: '', sentence: compiled.invalid ?? '', pointer: '', kind: 'all' };
    return evaluate(compiled.objective, { snapshot, tracker, answers: this.#answers });
  }

  #met(compiled: CompiledObjective, result: ObjectiveResult, index: number): boolean {
    if (result.passed && !result.pending) return true;
    // A revealed prediction is settled, right or wrong (see the header).
    return compiled.predict !== undefined && compiled.objective?.kind === 'predict' && revealedTruth(compiled.predict, this.#trackers[index]) !== undefined;
  }

  #activeObjective(objectiveId: string): { ok: true; located: Located } | SessionRefusal {
    const located = this.#byId.get(objectiveId);
    if (!located) return refuse(LESSON_SAY.unknownObjective(objectiveId));
    if (located.step !== this.#active) return refuse(LESSON_SAY.notActive(located.compiled.source.title.en, located.step < this.#active ? 'done' : 'locked'));
    return { ok: true, located };
  }

  #stepStatus(step: CompiledStep, index: number): LessonStepStatus {
    const state: LessonStepStatus['state'] = index < this.#active ? 'done' : index === this.#active ? 'active' : 'locked';
    const results = state === 'done' ? this.#doneResults[index] : state === 'active' ? this.#results : undefined;
    const status: LessonStepStatus = {
      id: step.source.id,
      title: { ...step.source.title },
      instructions: { ...step.source.instructions },
      state,
      objectives: step.objectives.map((compiled, objectiveIndex) => this.#objectiveStatus(compiled, results?.[objectiveIndex], state)),
    };
    const completedAt = this.#completedAt[index];
    if (state === 'done' && completedAt !== undefined) status.completedAtMs = completedAt;
    return status;
  }

  #objectiveStatus(compiled: CompiledObjective, result: ObjectiveResult | undefined, stepState: LessonStepStatus['state']): ObjectiveStatus {
    const { source } = compiled;
    const shown = this.#hintsShown.get(source.id) ?? 0;
    const status: ObjectiveStatus = {
      id: source.id,
      title: { ...source.title },
      passed: result?.passed ?? false,
      pending: result?.pending ?? false,
      expected: result?.expected ?? '',
      actual: result?.actual ?? '',
      sentence: result?.sentence ?? (stepState === 'locked' ? LESSON_SAY.notStarted() : ''),
      hints: source.hints.slice(0, shown).map((hint) => ({ ...hint })),
      hintCount: source.hints.length,
    };
    if (result?.failing) status.failing = { pointer: result.failing.pointer, expected: result.failing.expected, actual: result.failing.actual, sentence: result.failing.sentence };
    if (result?.score !== undefined) status.score = result.score;
    if (compiled.predict) status.prediction = predictionPrompt(compiled.predict, this.#answers[compiled.answerKey!], this.#latest);
    return status;
  }
}

function refuse(message: string): SessionRefusal {
  return { ok: false, message };
}
