/**
 * random: any of the instances still tied, drawn from the engine's seeded PRNG (ecs-reference §1;
 * RunTask's default). It ends the chain: nothing is left to rank after a random pick.
 */
import type { Scorer } from './strategy.ts';

export function randomScorer(id: string): Scorer {
  return {
    id,
    title: 'random',
    detail: 'any instance, drawn at random',
    isRandom: true,
    score: () => 0,
    scoreText: () => 'equal chance',
    keptText: (_best, kept) => `picked at random among ${kept.length}`,
  };
}
