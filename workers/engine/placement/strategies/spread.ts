/**
 * spread (instanceId | host | attribute:<name>): the value of the field with the fewest tasks of
 * the task's group (ecs-reference §1: spread counts only the group's tasks), so tasks spread evenly
 * over Availability Zones, instances, or any attribute's values.
 */
import type { Ledger } from '../ledger.ts';
import type { Strategy } from '../request.ts';
import type { Scorer } from './strategy.ts';

export function spreadScorer(ledger: Ledger, strategy: Strategy & { type: 'spread' }, index: number, id: string): Scorer {
  const buckets = ledger.spread[index]!;
  const { bucketOf, count, names } = buckets;
  const group = ledger.request.group;
  const field = strategy.by === 'instanceId' ? 'instanceId' : `attribute:${strategy.attribute}`;
  const tasks = (n: number) => `${n} task${n === 1 ? '' : 's'}`;
  return {
    id,
    title: `spread(${field})`,
    detail: `fewest tasks of ${group} per ${strategy.by === 'instanceId' ? 'instance' : strategy.attribute}`,
    isRandom: false,
    score: (i) => count[bucketOf[i]!]!,
    scoreText: (i) =>
      strategy.by === 'instanceId' ? `${tasks(count[bucketOf[i]!]!)} of ${group} here` : `${names[bucketOf[i]!]} has ${tasks(count[bucketOf[i]!]!)} of ${group}`,
    keptText: (best, kept) => {
      if (strategy.by === 'instanceId') return `${kept.length === 1 ? 'it has' : `${kept.length} have`} the fewest tasks of ${group} (${best})`;
      const values = [...new Set(kept.map((i) => names[bucketOf[i]!]))];
      return `${values.join(', ')} ${values.length === 1 ? 'has' : 'have'} the fewest tasks of ${group} (${best})`;
    },
  };
}
