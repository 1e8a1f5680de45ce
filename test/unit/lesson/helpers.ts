// Lesson tests: a small scenario in YAML, a fresh engine with it loaded, and a LessonRun observing
// it the way the worker does (after each command, and every OBSERVE_EVERY_MS while time passes).
import { createEngine } from '../../../workers/engine/index.ts';
import { advanceObserved, LessonRun } from '../../../workers/lesson/index.ts';
import type { LessonRunOptions } from '../../../workers/lesson/index.ts';
import type { SandboxEngine, Scenario, Step, StepResult } from '../../../workers/protocol.ts';
import { parseDuration } from '../../../workers/engine/duration.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';

export const SETUP = `id: lesson-test
title: Lesson test
seed: 3
setup:
  - ecs:CreateCluster: {clusterName: demo}
  - sim:AddContainerInstances: {cluster: demo, instanceType: m5.large, count: 3, availabilityZones: [us-east-1a, us-east-1b, us-east-1c]}
  - wait: 30s
`;

export const WEB = {
  'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 256, cpu: 256 }] },
};
export const runWeb = (count: number): Step => ({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count } });

export function scenario(rest: string): Scenario {
  const parsed = parseScenarioText(SETUP + rest, { fileName: 'lesson-test.yaml' });
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n'));
  return parsed.scenario;
}

export interface Session {
  engine: SandboxEngine;
  lesson: LessonRun;
  /** Runs a command as the worker does: dispatch, count the attempt, observe. */
  run(step: Step): StepResult;
  /** Lets virtual time pass, observed. */
  wait(duration: string | number): void;
}

export function start(text: string, options?: LessonRunOptions): Session {
  const engine = createEngine();
  const loaded = scenario(text);
  engine.load(loaded);
  const lesson = LessonRun.create(loaded, engine.snapshot().time, options);
  lesson.observe(engine.snapshot());
  return {
    engine,
    lesson,
    run(step) {
      const result = engine.dispatch(step);
      lesson.commandRan();
      lesson.observe(engine.snapshot());
      return result;
    },
    wait(duration) {
      const parsed = parseDuration(duration);
      if (!parsed.ok) throw new Error(parsed.message);
      advanceObserved(engine, lesson, parsed.ms);
    },
  };
}
