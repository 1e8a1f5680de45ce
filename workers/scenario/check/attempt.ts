/**
 * One attempt of `check`: a fresh engine with the scenario loaded, a LessonRun from the setup's end
 * (predictions answered with the truth once revealed: check proves they get revealed), each step of
 * the attempt dispatched and observed — a `wait` lets time pass observed every OBSERVE_EVERY_MS, as
 * in the sandbox — then every objective's outcome.
 */
import { parseDuration } from '../../engine/duration.ts';
import { SCENARIO_EVENT_REFUSED } from '../../engine/scenario-events.ts';
import { advanceObserved, LessonRun } from '../../lesson/index.ts';
import type { LessonState, SandboxEngine, Scenario, Step } from '../../protocol.ts';
import { CHECK_SAY } from './messages.ts';

export interface AttemptOutcome {
  lesson: LessonState;
  /** Steps of the attempt that were refused, by index (0-based) with their sentence. */
  refused: { index: number; action: string; code: string; message: string }[];
  /** Setup steps that failed, by index (0-based). */
  setupFailures: { index: number; action: string; code: string; message: string }[];
  /** Scripted events the engine refused (their event-log sentences). */
  eventFailures: string[];
  virtualMs: number;
}

export function runAttempt(scenario: Scenario, steps: readonly Step[], createEngine: () => SandboxEngine): AttemptOutcome {
  const engine = createEngine();
  const load = engine.load(scenario);
  const setupFailures = load.results.flatMap((result, index) => ('error' in result ? [{ index, action: result.action, ...result.error }] : []));
  const start = engine.snapshot();
  const lesson = LessonRun.create(scenario, start.time, { perfectPredictor: true });
  lesson.observe(start);
  const refused: AttemptOutcome['refused'] = [];
  steps.forEach((step, index) => {
    const action = Object.keys(step)[0] ?? '';
    if (action === 'wait') {
      const parsed = parseDuration(step.wait);
      if (parsed.ok) advanceObserved(engine, lesson, parsed.ms);
      else refused.push({ index, action, code: 'InvalidWait', message: parsed.message });
    } else {
      const result = engine.dispatch(step);
      lesson.commandRan();
      if ('error' in result) refused.push({ index, action: result.action || action, ...result.error });
    }
    lesson.observe(engine.snapshot());
  });
  const end = engine.snapshot();
  const eventFailures = end.events.filter((event) => event.kind === SCENARIO_EVENT_REFUSED).map((event) => CHECK_SAY.eventFailed(event.message));
  return { lesson: lesson.state(), refused, setupFailures, eventFailures, virtualMs: end.time - start.time };
}
