/** distinctInstance: each task of the group on a different container instance (ecs-reference §1). */
import { PLACEMENT_MESSAGES } from '../messages.ts';
import type { BindingRule } from '../rule.ts';
import { fail, pass } from '../rule.ts';

export function distinctInstanceConstraint(index: number, group: string): BindingRule {
  return {
    id: `constraint-${index}`,
    kind: 'constraint',
    title: 'distinctInstance',
    detail: `no other task of ${group} on the instance`,
    reason: PLACEMENT_MESSAGES.distinctInstanceUnsatisfied(),
    passes: (ledger, i) => ledger.groupTasks[i] === 0,
    cell: (ledger, i) => {
      const here = ledger.groupTasks[i]!;
      return here === 0 ? pass(`no task of ${group} here`) : fail(`${here} task${here === 1 ? '' : 's'} of ${group} already here`);
    },
    failureKey: () => `constraint-${index}`,
    failureClause: () => `already running a task of ${group} (distinctInstance)`,
  };
}
