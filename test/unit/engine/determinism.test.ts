// Proves determinism: the same seed and steps give a byte-identical snapshot, many small advances
// equal one big one, another seed gives other ARNs, and a seeded random workload never breaks the
// accounting invariants (the seed is in the test name, so a failure can be replayed).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { Prng } from '../../../workers/engine/prng.ts';
import type { SandboxEngine, Scenario, Snapshot, Step } from '../../../workers/protocol.ts';
import { demoSteps, WEB_TASK_DEFINITION } from './helpers.ts';

const DEFAULT_SCENARIO = parse(readFileSync(new URL('../../../scenarios/sandbox.yaml', import.meta.url), 'utf8')) as Scenario;

/** A session: the default scenario, then commands at set virtual times. */
const SESSION: [atMs: number, step: Step][] = [
  [1_000, { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 4 } }],
  [4_321, { 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, family: 'web' } }],
  [9_000, { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web:2', count: 10 } }],
  [60_000, { 'ecs:StopTask': { cluster: 'demo', task: 'PLACEHOLDER' } }],
  [61_500, { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 3 } }],
];

function play(seed: number, stepMs: number, endMs = 2 * 3_600_000): Snapshot {
  const engine = createEngine();
  engine.load(DEFAULT_SCENARIO, { seed });
  const start = engine.snapshot().time;
  for (const [at, step] of SESSION) {
    advanceTo(engine, start + at, stepMs);
    const resolved = 'ecs:StopTask' in step ? { 'ecs:StopTask': { cluster: 'demo', task: engine.snapshot().tasks[1]!.taskArn } } : step;
    engine.dispatch(resolved);
  }
  advanceTo(engine, start + endMs, stepMs);
  return engine.snapshot();
}

function advanceTo(engine: SandboxEngine, target: number, stepMs: number): void {
  let now = engine.snapshot().time;
  while (now < target) {
    const step = Math.min(stepMs, target - now);
    engine.advance(step);
    now += step;
  }
}

describe('determinism', () => {
  it('the same seed and steps give a byte-identical snapshot', () => {
    const a = JSON.stringify(play(42, 3_600_000));
    const b = JSON.stringify(play(42, 3_600_000));
    expect(a).toBe(b);
    expect(JSON.parse(a).tasks.length).toBeGreaterThan(0);
  });

  it('many small advances equal one big advance', () => {
    const big = JSON.stringify(play(42, 10 * 3_600_000));
    const chunked = JSON.stringify(play(42, 997)); // an odd step so boundaries never line up with timers
    expect(chunked).toBe(big);
  });

  it('a different seed gives different ARNs', () => {
    const a = play(1, 3_600_000);
    const b = play(2, 3_600_000);
    expect(a.containerInstances[0]!.containerInstanceArn).not.toBe(b.containerInstances[0]!.containerInstanceArn);
    expect(a.tasks[0]!.taskArn).not.toBe(b.tasks[0]!.taskArn);
    expect(a.seed).toBe(1);
    expect(b.seed).toBe(2);
  });

  it('the default scenario loads without errors and is structured-clone-safe', () => {
    const engine = createEngine();
    const load = engine.load(DEFAULT_SCENARIO);
    expect(load.results.filter((r) => 'error' in r)).toEqual([]);
    const snapshot = engine.snapshot();
    expect(structuredClone(snapshot)).toEqual(snapshot);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('keeps only the newest 500 events', () => {
    const engine = createEngine();
    for (let i = 0; i < 620; i++) engine.dispatch({ 'ecs:CreateCluster': { clusterName: `c${i}` } });
    const events = engine.snapshot().events;
    expect(events).toHaveLength(500);
    expect(events.at(-1)!.id - events[0]!.id).toBe(499);
    expect(events.at(-1)!.message).toBe('Cluster c619 was created.');
  });
});

/** Invariants of the accounting, checked against the snapshot alone. */
function checkInvariants(snapshot: Snapshot): void {
  for (const instance of snapshot.containerInstances) {
    const get = (list: typeof instance.registeredResources, name: string) => list.find((r) => r.name === name)!;
    const holding = snapshot.tasks.filter((t) => t.containerInstanceArn === instance.containerInstanceArn && t.lastStatus !== 'STOPPED');
    const remainingCpu = get(instance.remainingResources, 'CPU').integerValue;
    const remainingMemory = get(instance.remainingResources, 'MEMORY').integerValue;
    expect(remainingCpu).toBeGreaterThanOrEqual(0);
    expect(remainingMemory).toBeGreaterThanOrEqual(0);
    // Every non-stopped task holds 256 CPU units and 512 MiB (the web task definition).
    expect(get(instance.registeredResources, 'CPU').integerValue - remainingCpu).toBe(256 * holding.length);
    expect(get(instance.registeredResources, 'MEMORY').integerValue - remainingMemory).toBe(512 * holding.length);
    const ports = holding.flatMap((t) => t.containers.flatMap((c) => c.networkBindings.map((b) => b.hostPort)));
    expect(new Set(ports).size).toBe(ports.length);
    expect(instance.runningTasksCount).toBe(holding.filter((t) => t.lastStatus === 'RUNNING').length);
  }
}

const RANDOM_SEED = Math.floor(Math.random() * 2 ** 31);

describe('random workload', () => {
  it(`never over-commits an instance or binds a host port twice (seed ${RANDOM_SEED})`, () => {
    const prng = new Prng(RANDOM_SEED);
    const engine = createEngine();
    engine.load({ id: 't', title: 't', seed: RANDOM_SEED, setup: demoSteps(prng.pick(['t3.micro', 't3.medium', 'm5.large']), prng.int(1, 5)) });
    for (let i = 0; i < 200; i++) {
      const roll = prng.int(0, 10);
      if (roll < 4) engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: prng.int(1, 11) } });
      else if (roll < 7) {
        const live = engine.snapshot().tasks.filter((t) => t.desiredStatus === 'RUNNING');
        if (live.length > 0) engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: prng.pick(live).taskArn } });
      } else engine.advance(prng.int(1, 20_000));
      checkInvariants(engine.snapshot());
    }
  });
});
