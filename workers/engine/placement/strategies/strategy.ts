/**
 * Strategies rank; they never refuse (ecs-reference §1: "best effort"). Chained in the order the
 * request lists them, each keeps the instances it likes best among those the previous one kept
 * (the tie-breaking chain the ECS examples describe: [spread az, binpack memory] balances across
 * Availability Zones, then binpacks within the chosen one). A score is a number, lower is better,
 * so the hot path compares integers; the text says what the number means, for the explainer.
 */
import type { Ledger } from '../ledger.ts';
import type { Strategy } from '../request.ts';
import { binpackScorer } from './binpack.ts';
import { randomScorer } from './random.ts';
import { spreadScorer } from './spread.ts';

export interface Scorer {
  id: string;
  title: string;
  detail: string;
  /** random picks among the instances still tied instead of scoring them. */
  isRandom: boolean;
  score: (i: number) => number;
  scoreText: (i: number) => string;
  /** Says why the kept instances were kept: "us-east-1b has the fewest tasks of family:web (0)". */
  keptText: (best: number, kept: readonly number[]) => string;
}

export function scorerFor(ledger: Ledger, strategy: Strategy, index: number): Scorer {
  const id = `strategy-${index}`;
  switch (strategy.type) {
    case 'binpack':
      return binpackScorer(ledger, strategy.resource, id);
    case 'spread':
      return spreadScorer(ledger, strategy, index, id);
    case 'random':
      return randomScorer(id);
  }
}
