/**
 * A scenario's lesson in the form the runtime judges: each objective's `check` (a raw map, already
 * validated by the scenario parser) compiled by checkObjective with the pointer it has in the file,
 * so a prediction without an id is answered under the same key everywhere (answerKey).
 */
import type { LessonStep, Scenario, ScenarioObjective } from '../protocol.ts';
import { checkObjective } from '../scenario/objectives/check.ts';
import { answerKey } from '../scenario/objectives/evaluate.ts';
import type { Objective } from '../scenario/objectives/types.ts';

export type PredictNode = Extract<Objective, { kind: 'predict' }>;

export interface CompiledObjective {
  source: ScenarioObjective;
  /** Undefined when the check does not compile (a scenario built by hand, not parsed): it never passes. */
  objective?: Objective;
  /** Why it did not compile, in one sentence. */
  invalid?: string;
  /** The objective's first predict node, if any: what answerPrediction answers. */
  predict?: PredictNode;
  /** Where its answer is kept (answerKey of the predict node). */
  answerKey?: string;
}

export interface CompiledStep {
  source: LessonStep;
  objectives: CompiledObjective[];
}

export function compileLesson(scenario: Scenario): CompiledStep[] {
  const steps = Array.isArray(scenario.steps) ? scenario.steps : [];
  return steps.map((step, stepIndex) => ({
    source: step,
    objectives: (Array.isArray(step.objectives) ? step.objectives : []).map((objective, index) =>
      compileObjective(objective, `/steps/${stepIndex}/objectives/${index}/check`),
    ),
  }));
}

function compileObjective(source: ScenarioObjective, pointer: string): CompiledObjective {
  const checked = checkObjective(source.check, pointer);
  if (!checked.ok) return { source, invalid: `This objective's check is not valid: ${checked.issues.map((issue) => issue.message).join('; ')}` };
  const predict = findPredict(checked.objective);
  return { source, objective: checked.objective, ...(predict ? { predict, answerKey: answerKey(predict) } : {}) };
}

function findPredict(node: Objective): PredictNode | undefined {
  switch (node.kind) {
    case 'predict':
      return node;
    case 'all':
    case 'any':
      for (const child of node.of) {
        const found = findPredict(child);
        if (found) return found;
      }
      return undefined;
    case 'not':
    case 'holdsFor':
    case 'within':
    case 'ever':
      return findPredict(node.of);
    default:
      return undefined;
  }
}
