// The services swarm test (issue 5 item 8, style guide §9): for each seed, a random cluster, services
// (bridge/dynamic ports, static ports, host, awsvpc, Fargate; with and without an ALB), rolling
// deployments, scaling and faults run for virtual hours through the public engine API, with the
// invariants of invariants.ts checked after every step and convergence required once the faults stop.
//   npm test                       → SWARM_SEEDS seeds (default 200), split over several test cases
//   SEED=123 npx vitest run --project swarm          → replay one seed, with its step log on failure
//   SWARM_SEEDS=5000 npx vitest run --project swarm  → thousands of seeds
//   SWARM_FROM=1000                → first seed (default 1)
import { describe, expect, it } from 'vitest';
import { describeFailure, runSwarm } from './swarm.ts';

const replay = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
const seeds = Number(process.env.SWARM_SEEDS ?? 200);
const from = Number(process.env.SWARM_FROM ?? 1);
const BATCH = 25;

function runSeeds(first: number, count: number): void {
  const failures: string[] = [];
  for (let seed = first; seed < first + count; seed++) {
    const outcome = runSwarm({ seed });
    if (!outcome.ok) failures.push(describeFailure(outcome));
  }
  // Every failing seed of the batch is printed, each with its replay command.
  expect(failures, failures.join('\n\n')).toEqual([]);
}

describe('services swarm', () => {
  if (replay !== undefined) {
    it(`seed ${replay}`, () => {
      const outcome = runSwarm({ seed: replay });
      if (!outcome.ok) console.log(describeFailure(outcome, 400));
      else console.log(`seed ${replay}: ok — ${JSON.stringify(outcome.stats)}`);
      expect(outcome.ok, outcome.ok ? '' : describeFailure(outcome)).toBe(true);
    });
    return;
  }
  for (let first = from; first < from + seeds; first += BATCH) {
    const count = Math.min(BATCH, from + seeds - first);
    it(`seeds ${first}–${first + count - 1}`, () => runSeeds(first, count), 600_000);
  }
});
