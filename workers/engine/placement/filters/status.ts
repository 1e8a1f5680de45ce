/** Only ACTIVE container instances take new tasks: DRAINING ones do not (ecs-reference §1, draining). */
import type { BindingRule } from '../rule.ts';
import { fail, pass } from '../rule.ts';

export const statusFilter: BindingRule = {
  id: 'status',
  kind: 'filter',
  title: 'Status',
  detail: 'must be ACTIVE',
  // AWS leaves non-ACTIVE instances out of placement altogether, so RunTask does not list them as failures.
  reason: undefined,
  passes: (ledger, i) => ledger.statuses[i] === 'ACTIVE',
  cell: (ledger, i) => (ledger.statuses[i] === 'ACTIVE' ? pass('ACTIVE') : fail(`${ledger.statuses[i]}: takes no new tasks`)),
  failureKey: (ledger, i) => `status:${ledger.statuses[i]}`,
  failureClause: (ledger, refused) => `${ledger.statuses[refused[0]!]} (takes no new tasks)`,
};
