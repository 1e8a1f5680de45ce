/**
 * Predict-then-reveal in the lesson: whether a prediction has been revealed yet (the tracker saw
 * its answer happen), what the truth was (check's perfect predictor answers with it), whether a
 * learner's answer has the right shape, and the prompt the UI asks with.
 */
import type { PredictionPrompt, Snapshot } from '../protocol.ts';
import type { ObjectiveTracker } from '../scenario/objectives/tracker.ts';
import type { PredictionAnswer } from '../scenario/objectives/types.ts';
import type { PredictNode } from './compile.ts';
import { LESSON_SAY } from './messages.ts';

/** The revealed truth, or undefined while the run has not shown it yet. */
export function revealedTruth(node: PredictNode, tracker: ObjectiveTracker | undefined): PredictionAnswer | undefined {
  const state = tracker?.stateOf(node.pointer);
  const spec = node.prediction;
  if (spec.about === 'placement') {
    return state?.kind === 'placement' && state.landed.length >= spec.next ? state.landed.slice(0, spec.next) : undefined;
  }
  if (state?.kind !== 'value' || !state.revealed) return undefined;
  const value = Number(state.revealed.value);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** A refusal sentence when `answer` does not fit the prediction, else undefined. */
export function answerProblem(node: PredictNode, answer: unknown): string | undefined {
  const spec = node.prediction;
  if (spec.about === 'placement') {
    const fits = Array.isArray(answer) && answer.length === spec.next && answer.every((value) => typeof value === 'string' && value !== '');
    return fits ? undefined : LESSON_SAY.placementAnswer(spec.next);
  }
  return typeof answer === 'number' && Number.isFinite(answer) ? undefined : LESSON_SAY.valueAnswer();
}

export function predictionPrompt(node: PredictNode, answer: PredictionAnswer | undefined, snapshot: Snapshot | null): PredictionPrompt {
  const spec = node.prediction;
  const prompt: PredictionPrompt =
    spec.about === 'placement'
      ? { about: 'placement', next: spec.next, by: spec.by, choices: spec.choices ? [...spec.choices] : defaultChoices(spec.by, snapshot) }
      : { about: 'value', path: spec.text, afterMs: spec.afterMs };
  if (answer !== undefined) prompt.answer = Array.isArray(answer) ? [...answer] : answer;
  return prompt;
}

/** Without `choices` in the file: the zones, or the instances, the latest snapshot shows (sorted). */
function defaultChoices(by: 'availabilityZone' | 'instanceId', snapshot: Snapshot | null): string[] {
  if (snapshot === null) return [];
  const values = new Set<string>();
  for (const instance of snapshot.containerInstances ?? []) {
    if (instance.status !== 'ACTIVE') continue;
    if (by === 'instanceId') values.add(instance.ec2InstanceId);
    else {
      const zone = instance.attributes?.find((attribute) => attribute.name === 'ecs.availability-zone')?.value;
      if (zone) values.add(zone);
    }
  }
  if (by === 'availabilityZone') for (const task of snapshot.tasks ?? []) if (task.availabilityZone) values.add(task.availabilityZone);
  return [...values].sort();
}
