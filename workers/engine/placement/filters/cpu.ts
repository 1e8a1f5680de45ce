/** The instance must have the task's CPU units unreserved (1024 units per vCPU; ecs-reference §2). */
import type { BindingRule } from '../rule.ts';
import { fail, pass } from '../rule.ts';

export function cpuFilter(cpuUnits: number): BindingRule {
  return {
    id: 'cpu',
    kind: 'filter',
    title: 'CPU',
    detail: `needs ${cpuUnits} units`,
    reason: 'RESOURCE:CPU',
    passes: (ledger, i) => ledger.freeCpu[i]! >= cpuUnits,
    cell: (ledger, i) => {
      const free = ledger.freeCpu[i]!;
      const registered = ledger.instances[i]!.registeredCpuUnits;
      const text = `${free} of ${registered} units free`;
      return free >= cpuUnits ? pass(text) : fail(`${text}, needs ${cpuUnits}`);
    },
    failureKey: () => 'cpu',
    failureClause: (ledger, refused) =>
      `insufficient CPU (needs ${cpuUnits} units, most free ${Math.max(...refused.map((i) => ledger.freeCpu[i]!))} units)`,
  };
}
