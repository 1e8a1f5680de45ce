/**
 * RunTask's `failures` when tasks could not be placed, as AWS gives them (ecs-reference §13): one
 * entry per container instance with the reason of the first rule (in pipeline order) that refused
 * it — RESOURCE:CPU, RESOURCE:MEMORY, RESOURCE:PORTS, RESOURCE:ENI, ATTRIBUTE, or a constraint's
 * "MemberOf placement constraint unsatisfied.". Instances that are not ACTIVE are left out: ECS
 * does not consider them at all.
 */
import type { Ledger } from './ledger.ts';
import { bindingRules } from './pipeline.ts';

export function instanceFailures(ledger: Ledger): { arn: string; reason: string }[] {
  const rules = bindingRules(ledger.request);
  const failures: { arn: string; reason: string }[] = [];
  for (let i = 0; i < ledger.n; i++) {
    const refusing = rules.find((rule) => !rule.passes(ledger, i));
    if (refusing?.reason === undefined) continue;
    failures.push({ arn: ledger.instances[i]!.containerInstanceArn, reason: refusing.reason });
  }
  return failures;
}
