/**
 * The lesson panel's view of the worker's LessonState: each step with its state and number, the
 * active step's objectives as passed / failed / pending with the failing condition's expected and
 * actual values, the hints revealed so far and the label of the next-hint button. Pure: the worker
 * judges objectives; this only arranges what it said, in the learner's language.
 */
import type { LessonState, LessonStepStatus, ObjectiveStatus } from '../../../../workers/protocol.ts';
import { localize } from './locale.ts';
import { predictionView, type PredictionView } from './prediction.ts';

export type ObjectiveState = 'passed' | 'failed' | 'pending';

export interface ObjectiveView {
  id: string;
  title: string;
  state: ObjectiveState;
  /** What the mark says to a screen reader: "Passed", "Not yet met", "Waiting". */
  stateLabel: string;
  /** The failing condition's sentence when it fails (else the objective's own). */
  sentence: string;
  /** Shown side by side when the objective fails and the worker gave both. */
  comparison: { expected: string; actual: string } | null;
  hints: string[];
  /** "Show hint (1 of 3)", or null when none is left (or the objective passed). */
  hintButton: string | null;
  prediction: PredictionView | null;
}

export interface StepView {
  id: string;
  number: number;
  title: string;
  state: LessonStepStatus['state'];
  /** Markdown, in the learner's language. */
  instructions: string;
  objectives: ObjectiveView[];
}

export interface LessonView {
  steps: StepView[];
  /** The active step, or null once every step is done. */
  active: StepView | null;
  completed: boolean;
  doneCount: number;
  /** "Step 2 of 3" or "All 3 steps done". */
  progressLabel: string;
  solutionRevealed: boolean;
}

const STATE_LABELS: Record<ObjectiveState, string> = { passed: 'Passed', failed: 'Not yet met', pending: 'Waiting' };

export function lessonView(lesson: LessonState, lang: string): LessonView {
  const steps = lesson.steps.map((step, index) => stepView(step, index, lang));
  const doneCount = steps.filter((s) => s.state === 'done').length;
  const active = steps.find((s) => s.state === 'active') ?? null;
  const progressLabel = lesson.completed ? `All ${steps.length} steps done` : `Step ${Math.min(lesson.activeStep + 1, steps.length)} of ${steps.length}`;
  return { steps, active, completed: lesson.completed, doneCount, progressLabel, solutionRevealed: lesson.solutionRevealed };
}

function stepView(step: LessonStepStatus, index: number, lang: string): StepView {
  return {
    id: step.id,
    number: index + 1,
    title: localize(step.title, lang),
    state: step.state,
    instructions: localize(step.instructions, lang),
    objectives: step.objectives.map((o) => objectiveView(o, lang)),
  };
}

export function objectiveState(objective: Pick<ObjectiveStatus, 'passed' | 'pending'>): ObjectiveState {
  if (objective.passed) return 'passed';
  return objective.pending ? 'pending' : 'failed';
}

export function objectiveView(objective: ObjectiveStatus, lang: string): ObjectiveView {
  const state = objectiveState(objective);
  const failing = objective.failing;
  const expected = failing?.expected ?? objective.expected;
  const actual = failing?.actual ?? objective.actual;
  const comparison = state !== 'passed' && (expected !== '' || actual !== '') ? { expected, actual } : null;
  const next = objective.hints.length + 1;
  const hintButton = state !== 'passed' && objective.hints.length < objective.hintCount ? `Show hint (${next} of ${objective.hintCount})` : null;
  return {
    id: objective.id,
    title: localize(objective.title, lang),
    state,
    stateLabel: STATE_LABELS[state],
    sentence: (state !== 'passed' ? failing?.sentence : undefined) ?? objective.sentence,
    comparison,
    hints: objective.hints.map((h) => localize(h, lang)),
    hintButton,
    prediction: objective.prediction ? predictionView(objective.prediction, objective) : null,
  };
}
