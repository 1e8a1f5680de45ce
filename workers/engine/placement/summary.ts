/**
 * The one sentence a learner reads for a placement refusal, in the style of Kubernetes'
 * "0/X nodes are available" message: each reason with the number of instances that gave it and
 * the numbers that matter, most common first.
 *   "0/6 instances can run web:1: 4 × insufficient memory (needs 512 MiB, most free 384 MiB), 2 × host port 80 in use"
 * An instance refused by several rules is counted under each of them.
 */
import type { Ledger } from './ledger.ts';
import { bindingRules } from './pipeline.ts';
import type { BindingRule } from './rule.ts';

export function failureSummary(ledger: Ledger, rules: readonly BindingRule[] = bindingRules(ledger.request)): string {
  const label = ledger.request.label;
  if (ledger.n === 0) return `0/0 instances can run ${label}: the cluster has no container instances`;
  const tallies = new Map<string, { rule: BindingRule; refused: number[] }>();
  for (let i = 0; i < ledger.n; i++) {
    for (const rule of rules) {
      if (rule.passes(ledger, i)) continue;
      const key = `${rule.id}:${rule.failureKey(ledger, i)}`;
      const tally = tallies.get(key);
      if (tally === undefined) tallies.set(key, { rule, refused: [i] });
      else tally.refused.push(i);
    }
  }
  // Stable sort: equal counts keep pipeline order.
  const parts = [...tallies.values()]
    .sort((a, b) => b.refused.length - a.refused.length)
    .map(({ rule, refused }) => `${refused.length} × ${rule.failureClause(ledger, refused)}`);
  return `0/${ledger.n} instances can run ${label}: ${parts.join(', ')}`;
}
