// Proves that crashes and health checks keep runs reproducible: the same scenario with the same
// seed gives the same snapshot byte for byte, a different seed gives other timings, and behaviours
// that are never set change no draw (a run without sim:SetImageBehavior keeps its exact timings).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { Scenario, Step } from '../../../workers/protocol.ts';
import { taskDefinition } from './helpers.ts';

const base: Step[] = [
  { 'ecs:CreateCluster': { clusterName: 'demo' } },
  { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large', count: 2 } },
  {
    'ecs:RegisterTaskDefinition': taskDefinition('app', [
      { name: 'web', image: 'web:v2', healthCheck: { interval: 10, retries: 2 }, stopTimeout: 2 },
      { name: 'side', image: 'side:1', essential: false, healthCheck: { interval: 15 } },
    ]),
  },
];

function run(seed: number, behaviours: Step[]): string {
  const engine = createEngine({ seed });
  const scenario: Scenario = { id: 'd', title: 'd', seed, setup: [...base, ...behaviours, { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app', count: 4 } }] };
  engine.load(scenario);
  engine.advance(45_000);
  engine.dispatch({ 'sim:SetImageBehavior': { image: 'web:v2', behavior: 'crashAfter', afterSeconds: 90 } });
  engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app', count: 2 } });
  engine.advance(400_000);
  return JSON.stringify(engine.snapshot());
}

const faults: Step[] = [
  { 'sim:SetImageBehavior': { image: 'web:v2', behavior: 'unhealthy' } },
  { 'sim:SetImageBehavior': { image: 'side:1', behavior: 'crashAfter', afterSeconds: 20 } },
];

describe('determinism with image behaviours', () => {
  it('same seed → same snapshot', () => {
    expect(run(42, faults)).toBe(run(42, faults));
  });
  it('another seed → other timings', () => {
    expect(run(43, faults)).not.toBe(run(42, faults));
  });
  it('healthy behaviours draw nothing: task timings equal a run without any behaviour', () => {
    const timings = (json: string) => (JSON.parse(json).tasks as { startedAt?: string; createdAt: string }[]).slice(0, 4).map((t) => [t.createdAt, t.startedAt]);
    expect(timings(run(7, [{ 'sim:SetImageBehavior': { image: 'other:1', behavior: 'unhealthy' } }]))).toEqual(timings(run(7, [])));
  });
});
