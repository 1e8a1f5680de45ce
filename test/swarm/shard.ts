/**
 * The swarm's test cases, one shard per test file so that vitest spreads the seeds over its
 * workers (files run in parallel, the cases of one file in sequence). Environment:
 *   SEED=<n>             replay one seed (in shard 1 only), printing its full step log
 *   SWARM_SEEDS=<n>      how many seeds (default 200); SWARM_FROM=<n> the first (default 1)
 *   SWARM_CHAOS_MIN=<n>  virtual minutes of operations and faults per seed (default 15), before
 *                        the convergence phase (up to 2 h more)
 *   SWARM_CHECK_S=<n>    waits are cut into slices of at most n seconds, each checked (default 30)
 */
import { describe, expect, it } from 'vitest';
import { describeFailure, runSwarm, type SwarmOptions } from './swarm.ts';

export const SHARDS = 4;
const BATCH = 10;

function options(seed: number): SwarmOptions {
  return {
    seed,
    chaosMs: Number(process.env.SWARM_CHAOS_MIN ?? 15) * 60_000,
    checkEveryMs: Number(process.env.SWARM_CHECK_S ?? 30) * 1000,
  };
}

export function defineSwarmShard(shard: number): void {
  const replay = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
  describe(`services swarm, shard ${shard}/${SHARDS}`, () => {
    if (replay !== undefined) {
      it.runIf(shard === 1)(`seed ${replay}`, () => {
        const outcome = runSwarm(options(replay));
        console.log(outcome.ok ? `seed ${replay}: ok — ${JSON.stringify(outcome.stats)}\n${outcome.log.join('\n')}` : describeFailure(outcome, Infinity));
        expect(outcome.ok, outcome.ok ? '' : describeFailure(outcome)).toBe(true);
      });
      return;
    }
    const seeds = Number(process.env.SWARM_SEEDS ?? 200);
    const from = Number(process.env.SWARM_FROM ?? 1);
    // Seeds are dealt round robin over the shards, in batches of BATCH per test case.
    const mine: number[] = [];
    for (let seed = from + shard - 1; seed < from + seeds; seed += SHARDS) mine.push(seed);
    for (let i = 0; i < mine.length; i += BATCH) {
      const batch = mine.slice(i, i + BATCH);
      it(`seeds ${batch.join(', ')}`, () => {
        const failures: string[] = [];
        for (const seed of batch) {
          const outcome = runSwarm(options(seed));
          if (!outcome.ok) failures.push(describeFailure(outcome));
        }
        // Every failing seed of the batch is printed, each with its replay command.
        expect(failures, failures.join('\n\n')).toEqual([]);
      });
    }
  });
}
