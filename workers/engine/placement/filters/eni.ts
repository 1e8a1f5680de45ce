/**
 * awsvpc tasks on EC2 each hold one ENI of the instance; the primary ENI counts against the
 * instance's limit, so it takes maxENIs − 1 such tasks, or the trunk's limit when ENI trunking is
 * on (ecs-reference §2).
 */
import type { BindingRule } from '../rule.ts';
import { fail, pass } from '../rule.ts';

export const eniFilter: BindingRule = {
  id: 'eni',
  kind: 'filter',
  title: 'ENIs',
  detail: 'needs 1 ENI (awsvpc)',
  reason: 'RESOURCE:ENI',
  passes: (ledger, i) => ledger.freeEnis[i]! >= 1,
  cell: (ledger, i) => {
    const free = ledger.freeEnis[i]!;
    const text = `${free} of ${ledger.eniLimit[i]} task ENI slots free`;
    return free >= 1 ? pass(text) : fail(text);
  },
  failureKey: () => 'eni',
  failureClause: (ledger, refused) => {
    const limits = [...new Set(refused.map((i) => ledger.eniLimit[i]!))].sort((a, b) => a - b).join(' or ');
    return `no free ENI for an awsvpc task (all ${limits} in use)`;
  },
};
