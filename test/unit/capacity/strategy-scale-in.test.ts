// Scale-in keeps a service's capacity provider strategy: `base` is "how many tasks, at a minimum, to
// run on the specified capacity provider", so the providers furthest over their share of the new
// count give up tasks first (found by the capacity swarm, seed 264: a 1-task service with FARGATE
// base 2 had kept its FARGATE_SPOT task).
import { describe, expect, it } from 'vitest';
import { responseOf } from '../engine/helpers.ts';
import { networkConfiguration } from '../fargate/helpers.ts';
import { spotEngine } from '../faults/helpers.ts';

function counts(engine: ReturnType<typeof spotEngine>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of engine.snapshot().tasks) {
    if (t.lastStatus === 'STOPPED' || t.desiredStatus === 'STOPPED') continue;
    out[t.capacityProviderName!] = (out[t.capacityProviderName!] ?? 0) + 1;
  }
  return out;
}

describe('scaling in a service on a capacity provider strategy', () => {
  it.each([
    [2, { FARGATE: 2 }],
    [1, { FARGATE: 1 }],
    [6, { FARGATE: 3, FARGATE_SPOT: 3 }],
  ])('10 tasks (4 FARGATE / 6 FARGATE_SPOT) scaled to %i keep %j', (desired, expected) => {
    const engine = spotEngine();
    responseOf(engine.dispatch({
      'ecs:CreateService': {
        cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 10,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 2, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }],
        networkConfiguration: networkConfiguration(),
      },
    }));
    engine.advance(3 * 60_000);
    expect(counts(engine)).toEqual({ FARGATE: 4, FARGATE_SPOT: 6 });
    responseOf(engine.dispatch({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: desired } }));
    engine.advance(3 * 60_000);
    expect(counts(engine)).toEqual(expected);
  });
});
