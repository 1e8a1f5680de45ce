/**
 * `check` of one scenario file: parse it (problems with line and column; then nothing is replayed),
 * replay its solution (every objective must be met at the end: its step completed) and each
 * anti-solution (each objective it names in mustFail must not be met), each in a fresh engine.
 * Problems are sentences that start with `file:line:col:` where the thing they are about is.
 */
import type { AttemptReport, CheckReport, LessonState, SandboxEngine, Scenario, ScenarioIssue } from '../../protocol.ts';
import { readDocument, type Position, type ReadDocument } from '../document.ts';
// Through the index: it wires the objective checker into the parser.
import { formatIssue, parseScenarioText } from '../index.ts';
import type { PathSegment } from '../pointer.ts';
import { runAttempt, type AttemptOutcome } from './attempt.ts';
import { CHECK_SAY } from './messages.ts';

export interface CheckOptions {
  /** A fresh engine with every command (the CLI and tests: createEngine; the worker: its own). */
  createEngine: () => SandboxEngine;
  /** Real time in ms, for durationMs (performance.now); absent: durationMs is 0. */
  now?: () => number;
}

export function checkScenarioText(text: string, fileName: string, options: CheckOptions): CheckReport {
  const now = options.now ?? (() => 0);
  const started = now();
  const finish = (report: Omit<CheckReport, 'durationMs'>): CheckReport => ({ ...report, durationMs: Math.max(0, now() - started) });
  const parsed = parseScenarioText(text, { fileName });
  if (!parsed.ok) return finish({ file: fileName, ok: false, issues: parsed.issues, antiSolutions: [] });
  const { scenario } = parsed;
  const document = readDocument(text, /\.json$/i.test(fileName) ? 'json' : /\.ya?ml$/i.test(fileName) ? 'yaml' : 'auto');
  const locate = (path: readonly PathSegment[], key = false): Position | undefined => (document.ok ? (document as ReadDocument).locate(path, { key }) : undefined);
  const at = (path: readonly PathSegment[], message: string): string => formatIssue({ message, ...locate(path) }, fileName);
  const objectiveCount = (scenario.steps ?? []).reduce((sum, step) => sum + step.objectives.length, 0);
  if (objectiveCount === 0 && scenario.solution === undefined) return finish({ file: fileName, scenarioId: scenario.id, ok: true, issues: [], antiSolutions: [] });
  if (scenario.solution === undefined) {
    const issue: ScenarioIssue = { message: CHECK_SAY.noSolution(), ...locate(['steps'], true), path: '/steps' };
    return finish({ file: fileName, scenarioId: scenario.id, ok: false, issues: [issue], antiSolutions: [] });
  }
  const solution = solutionReport(runAttempt(scenario, scenario.solution, options.createEngine), at);
  const antiSolutions = (scenario.antiSolutions ?? []).map((anti, index) =>
    antiSolutionReport(scenario, index, runAttempt(scenario, anti.steps, options.createEngine), at),
  );
  const ok = solution.ok && antiSolutions.every((report) => report.ok);
  return finish({ file: fileName, scenarioId: scenario.id, ok, issues: [], solution, antiSolutions });
}

type At = (path: readonly PathSegment[], message: string) => string;

interface ObjectiveOutcome {
  id: string;
  stepId: string;
  stepIndex: number;
  objectiveIndex: number;
  met: boolean;
  sentence: string;
  expected: string;
  actual: string;
  stepState: 'done' | 'active' | 'locked';
}

/** Every objective's outcome: met when its step completed, or (the active step) met at the last observation. */
function outcomes(lesson: LessonState): ObjectiveOutcome[] {
  return lesson.steps.flatMap((step, stepIndex) =>
    step.objectives.map((objective, objectiveIndex) => ({
      id: objective.id,
      stepId: step.id,
      stepIndex,
      objectiveIndex,
      met: step.state === 'done' || (step.state === 'active' && objective.passed && !objective.pending),
      sentence: objective.sentence,
      expected: objective.expected,
      actual: objective.actual,
      stepState: step.state,
    })),
  );
}

function commonProblems(kind: 'solution' | 'antiSolution', outcome: AttemptOutcome, at: At, stepsPath: readonly PathSegment[], where: string): string[] {
  const problems = outcome.setupFailures.map((failure) => at(['setup', failure.index], CHECK_SAY.setupFailed(failure.index + 1, failure.action, failure.code, failure.message)));
  // A known-wrong attempt may well include a step AWS refuses: only the solution's refusals are problems.
  if (kind === 'solution') {
    problems.push(...outcome.refused.map((refused) => at([...stepsPath, refused.index], CHECK_SAY.stepRefused(where, refused.index + 1, refused.action, refused.code, refused.message))));
    problems.push(...outcome.eventFailures.map((sentence) => at(['events'], sentence)));
  }
  return problems;
}

function solutionReport(outcome: AttemptOutcome, at: At): AttemptReport {
  const problems = commonProblems('solution', outcome, at, ['solution'], 'solution');
  const all = outcomes(outcome.lesson);
  const activeStepId = outcome.lesson.steps[outcome.lesson.activeStep]?.id ?? '';
  for (const objective of all) {
    if (objective.met) continue;
    const path = ['steps', objective.stepIndex, 'objectives', objective.objectiveIndex];
    problems.push(
      at(
        path,
        objective.stepState === 'locked'
          ? CHECK_SAY.neverReached(objective.id, objective.stepId, activeStepId)
          : CHECK_SAY.notMet(objective.id, objective.stepId, objective.sentence, objective.expected, objective.actual),
      ),
    );
  }
  return attemptReport('solution', 'solution', all, problems, outcome.virtualMs);
}

function antiSolutionReport(scenario: Scenario, index: number, outcome: AttemptOutcome, at: At): AttemptReport {
  const anti = scenario.antiSolutions![index]!;
  const problems = commonProblems('antiSolution', outcome, at, ['antiSolutions', index, 'steps'], `anti-solution '${anti.name}'`);
  const all = outcomes(outcome.lesson);
  anti.mustFail.forEach((id, position) => {
    const objective = all.find((candidate) => candidate.id === id);
    if (objective?.met) problems.push(at(['antiSolutions', index, 'mustFail', position], CHECK_SAY.mustFailPassed(anti.name, id)));
  });
  return attemptReport(anti.name, 'antiSolution', all, problems, outcome.virtualMs);
}

function attemptReport(name: string, kind: AttemptReport['kind'], all: ObjectiveOutcome[], problems: string[], virtualMs: number): AttemptReport {
  return {
    name,
    kind,
    ok: problems.length === 0,
    objectives: all.map((objective) => ({ id: objective.id, stepId: objective.stepId, passed: objective.met, sentence: objective.sentence })),
    problems,
    virtualMs,
  };
}
