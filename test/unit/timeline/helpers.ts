// A learner's session for the timeline tests: scenarios/capacity.yaml (the busiest scenario) with
// commands at whole virtual minutes — some refused, some `wait` steps typed in the command box —
// and time let run in uneven slices drawn from a seeded PRNG, as the play button does.
import { readFileSync } from 'node:fs';
import { createEngine } from '../../../workers/engine/index.ts';
import { Prng } from '../../../workers/engine/prng.ts';
import type { SandboxEngine, Scenario, Step } from '../../../workers/protocol.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';
import { Timeline } from '../../../workers/timeline/index.ts';

export const MINUTE = 60_000;

export function loadScenario(name: string): Scenario {
  const parsed = parseScenarioText(readFileSync(new URL(`../../../scenarios/${name}.yaml`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}.yaml: ${parsed.issues[0]?.message}`);
  return parsed.scenario;
}

export const CAPACITY = loadScenario('capacity');

/** The command at minute m, if any (every 3 minutes; minute 9 is refused, minute 15 is a typed wait). */
export function commandAt(m: number): Step | undefined {
  if (m % 3 !== 0 || m === 0) return undefined;
  const n = m / 3;
  if (n === 3) return { 'ecs:UpdateService': { cluster: 'managed', service: 'no-such-service', desiredCount: 2 } };
  if (n === 5) return { wait: '90s' };
  switch (n % 4) {
    case 0:
      return { 'ecs:UpdateService': { cluster: 'managed', service: 'worker', desiredCount: 3 + n } };
    case 1:
      return { 'sim:SetServiceLoad': { cluster: 'cpu-scaled', service: 'api', cpuUnits: 900 + 300 * n } };
    case 2:
      return { 'ecs:RunTask': { cluster: 'cpu-scaled', taskDefinition: 'api', count: 2, launchType: 'EC2' } };
    default:
      return { 'ecs:UpdateService': { cluster: 'managed', service: 'web', desiredCount: 4 + (n % 5) } };
  }
}

/** What a driver needs: a plain engine or a timeline. */
export interface Driver {
  dispatch(step: Step): unknown;
  advance(ms: number): void;
  snapshot(): { time: number };
}

/**
 * Runs the session for `minutes`: the command of each minute at its start, then the minute in
 * uneven slices; `observe(minute)` half-way through each minute (never at a command's instant).
 */
export function drive(driver: Driver, minutes: number, seed: number, observe?: (m: number) => void): void {
  const prng = new Prng(seed);
  for (let m = 0; m < minutes; m++) {
    const step = commandAt(m);
    const before = driver.snapshot().time;
    if (step !== undefined) driver.dispatch(step);
    // A typed wait moved the clock itself; the minute goes on from where it left it.
    const waited = driver.snapshot().time - before;
    let left = MINUTE / 2 - waited;
    while (left > 0) {
      const slice = Math.min(left, 1 + prng.int(0, 20_000));
      driver.advance(slice);
      left -= slice;
    }
    observe?.(m);
    driver.advance(MINUTE / 2);
  }
}

export function plainEngine(scenario: Scenario = CAPACITY): SandboxEngine {
  const engine = createEngine();
  engine.load(scenario);
  return engine;
}

export function timeline(scenario: Scenario = CAPACITY): Timeline {
  return Timeline.start(scenario, { createEngine: () => createEngine() });
}

/** Compares two snapshot JSON texts and, when they differ, says where (not the whole megabyte). */
export function sameJson(actual: string, expected: string | undefined, label: string): void {
  if (actual === expected) return;
  if (expected === undefined) throw new Error(`${label}: nothing to compare with`);
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  throw new Error(`${label}: the snapshots differ at character ${i}:\n  got      …${actual.slice(Math.max(0, i - 80), i + 80)}\n  expected …${expected.slice(Math.max(0, i - 80), i + 80)}`);
}
