// The capacity swarm test (issue 6 item 9): seeded random capacity worlds — an Auto Scaling group
// behind a capacity provider with managed scaling from 0 instances, FARGATE and FARGATE_SPOT — with
// scaling, deployments, instance failures, Spot interruptions and outages, disconnected agents and
// draining, the shared and capacity invariants checked after every step, and convergence required
// once the faults stop. Replay a seed: SEED=<n> npx vitest run --project swarm test/swarm/capacity.swarm.test.ts.
// More: CAPACITY_SWARM_SEEDS=<n> (default 40), SWARM_FROM=<n>.
import { describe, expect, it } from 'vitest';
import { describeCapacityFailure, runCapacitySwarm } from './capacity-swarm.ts';

const BATCH = 5;

describe('capacity swarm', () => {
  const replay = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
  if (replay !== undefined) {
    it(`seed ${replay}`, () => {
      const outcome = runCapacitySwarm({ seed: replay });
      console.log(outcome.ok ? `seed ${replay}: ok — ${JSON.stringify(outcome.stats)}\n${outcome.log.join('\n')}` : describeCapacityFailure(outcome, Infinity));
      expect(outcome.ok, outcome.ok ? '' : describeCapacityFailure(outcome)).toBe(true);
    });
    return;
  }
  const seeds = Number(process.env.CAPACITY_SWARM_SEEDS ?? 40);
  const from = Number(process.env.SWARM_FROM ?? 1);
  for (let first = from; first < from + seeds; first += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, from + seeds - first) }, (_, i) => first + i);
    it(`seeds ${batch.join(', ')}`, () => {
      const failures: string[] = [];
      for (const seed of batch) {
        const outcome = runCapacitySwarm({ seed });
        if (!outcome.ok) failures.push(describeCapacityFailure(outcome));
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    });
  }
});
