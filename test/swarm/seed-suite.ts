/**
 * The tests of a swarm, registered inside its describe(): SEED=<n> replays one seed and prints its
 * log (or its whole failure); otherwise `<SEEDS_VAR>` seeds from SWARM_FROM (default 1), a few per
 * test so a failure names its batch, each failure described with its replay command.
 */
import { expect, it } from 'vitest';

export interface SeedOutcome {
  ok: boolean;
  stats?: unknown;
  log: string[];
}

export interface SeedSuite<O extends SeedOutcome> {
  /** The environment variable with the number of seeds, and its default. */
  seedsVar: string;
  defaultSeeds: number;
  /** Seeds per test. */
  batch: number;
  run(seed: number): O;
  /** The failure in words; `maxLines` Infinity for a replay. */
  describeFailure(outcome: O, maxLines?: number): string;
}

/** Registers the tests; answers the first seed (for further tests such as determinism), or undefined when replaying. */
export function seedSuite<O extends SeedOutcome>(suite: SeedSuite<O>): number | undefined {
  const replay = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
  if (replay !== undefined) {
    it(`seed ${replay}`, () => {
      const outcome = suite.run(replay);
      console.log(outcome.ok ? `seed ${replay}: ok — ${JSON.stringify(outcome.stats)}\n${outcome.log.join('\n')}` : suite.describeFailure(outcome, Infinity));
      expect(outcome.ok, outcome.ok ? '' : suite.describeFailure(outcome)).toBe(true);
    });
    return undefined;
  }
  const seeds = Number(process.env[suite.seedsVar] ?? suite.defaultSeeds);
  const from = Number(process.env.SWARM_FROM ?? 1);
  for (let first = from; first < from + seeds; first += suite.batch) {
    const batch = Array.from({ length: Math.min(suite.batch, from + seeds - first) }, (_, i) => first + i);
    it(`seeds ${batch.join(', ')}`, () => {
      const failures: string[] = [];
      for (const seed of batch) {
        const outcome = suite.run(seed);
        if (!outcome.ok) failures.push(suite.describeFailure(outcome));
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    });
  }
  return from;
}
