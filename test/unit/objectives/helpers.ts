// Shared by the objective tests: real engine snapshots from the bundled scenarios, and a checker
// that fails the test with the issues when an objective does not check.
import { readFileSync } from 'node:fs';
import { createEngine } from '../../../workers/engine/index.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';
import { checkObjective } from '../../../workers/scenario/objectives/index.ts';
import type { Objective } from '../../../workers/scenario/objectives/types.ts';
import type { SandboxEngine } from '../../../workers/protocol.ts';

export const SCENARIO_DIR = new URL('../../../scenarios/', import.meta.url);

/** A fresh engine with a bundled scenario loaded (every setup step must succeed). */
export function loaded(name: string): SandboxEngine {
  const parsed = parseScenarioText(readFileSync(new URL(`${name}.yaml`, SCENARIO_DIR), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('\n'));
  const engine = createEngine();
  const { results } = engine.load(parsed.scenario);
  const failed = results.filter((result) => 'error' in result);
  if (failed.length > 0) throw new Error(JSON.stringify(failed));
  return engine;
}

export function checked(raw: unknown, pointer = ''): Objective {
  const result = checkObjective(raw, pointer);
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
  return result.objective;
}

/** Advances virtual time in one-second steps (the tracker sees every second), calling `each` after each. */
export function runFor(engine: SandboxEngine, ms: number, each: () => void, stepMs = 1000): void {
  for (let done = 0; done < ms; done += stepMs) {
    engine.advance(Math.min(stepMs, ms - done));
    each();
  }
}
