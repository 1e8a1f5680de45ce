/**
 * The instance must have the task's memory unreserved. The task reserves its task-level memory,
 * else per container its memoryReservation (soft limit) if given, else its memory (hard limit)
 * (ecs-reference §2; computed by taskdef taskReservation).
 */
import type { BindingRule } from '../rule.ts';
import { fail, pass } from '../rule.ts';

export function memoryFilter(memoryMiB: number): BindingRule {
  return {
    id: 'memory',
    kind: 'filter',
    title: 'Memory',
    detail: `needs ${memoryMiB} MiB`,
    reason: 'RESOURCE:MEMORY',
    passes: (ledger, i) => ledger.freeMemory[i]! >= memoryMiB,
    cell: (ledger, i) => {
      const free = ledger.freeMemory[i]!;
      const text = `${free} of ${ledger.instances[i]!.registeredMemoryMiB} MiB free`;
      return free >= memoryMiB ? pass(text) : fail(`${text}, needs ${memoryMiB}`);
    },
    failureKey: () => 'memory',
    failureClause: (ledger, refused) =>
      `insufficient memory (needs ${memoryMiB} MiB, most free ${Math.max(...refused.map((i) => ledger.freeMemory[i]!))} MiB)`,
  };
}
