/**
 * binpack (cpu | memory): the instance that would have the least of that resource left after
 * placing the task (ecs-reference §1), so tasks fill instances before new ones are used.
 */
import type { Ledger } from '../ledger.ts';
import type { Scorer } from './strategy.ts';

export function binpackScorer(ledger: Ledger, resource: 'cpu' | 'memory', id: string): Scorer {
  const free = resource === 'cpu' ? ledger.freeCpu : ledger.freeMemory;
  const needs = resource === 'cpu' ? ledger.request.cpuUnits : ledger.request.memoryMiB;
  const unit = resource === 'cpu' ? 'CPU units' : 'MiB';
  return {
    id,
    title: `binpack(${resource})`,
    detail: `least ${resource === 'cpu' ? 'CPU' : 'memory'} left after placing`,
    isRandom: false,
    score: (i) => free[i]! - needs,
    scoreText: (i) => `would leave ${free[i]! - needs} ${unit}`,
    keptText: (best, kept) => `${kept.length === 1 ? 'it leaves' : `${kept.length} leave`} the least ${resource === 'cpu' ? 'CPU' : 'memory'} (${best} ${unit})`,
  };
}
