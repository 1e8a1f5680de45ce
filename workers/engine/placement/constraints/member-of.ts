/**
 * memberOf: only instances matching a cluster query language expression (ecs-reference §1). The
 * expression is read against the ledger (the instance as it was when the decision was made), so
 * the explainer can answer for past decisions too.
 */
import { AGENT_VERSION_INFO } from '../../snapshot.ts';
import { attributeValue, fixedVerdictCache, type Ledger } from '../ledger.ts';
import { PLACEMENT_MESSAGES } from '../messages.ts';
import type { ClusterQuery, QueryTarget } from '../query/index.ts';
import type { BindingRule } from '../rule.ts';
import { fail, pass } from '../rule.ts';

/** One reusable target per rule: pointing it at instance i costs nothing on the hot path. */
class LedgerTarget implements QueryTarget {
  i = 0;
  constructor(private readonly ledger: Ledger) {}
  get ec2InstanceId(): string {
    return this.ledger.instances[this.i]!.ec2InstanceId;
  }
  readonly agentConnected = true;
  readonly agentVersion = AGENT_VERSION_INFO.agentVersion;
  get registeredAtMs(): number {
    return Date.parse(this.ledger.instances[this.i]!.registeredAt);
  }
  get runningTasksCount(): number {
    return this.ledger.runningTasks[this.i]!;
  }
  attribute(name: string): string | null | undefined {
    return attributeValue(this.ledger.attributes[this.i]!, name);
  }
  hasTaskInGroup(group: string): boolean {
    if (group === this.ledger.request.group) return this.ledger.groupTasks[this.i]! > 0;
    return this.ledger.groupsOn?.[this.i]!.has(group) ?? false;
  }
}

const TARGETS = new WeakMap<Ledger, LedgerTarget>();

function targetAt(ledger: Ledger, i: number): LedgerTarget {
  let target = TARGETS.get(ledger);
  if (target === undefined) {
    target = new LedgerTarget(ledger);
    TARGETS.set(ledger, target);
  }
  target.i = i;
  return target;
}

export function memberOfConstraint(index: number, query: ClusterQuery): BindingRule {
  const fixedVerdict = fixedVerdictCache(`constraint-${index}`);
  return {
    id: `constraint-${index}`,
    kind: 'constraint',
    title: 'memberOf',
    detail: query.text,
    reason: PLACEMENT_MESSAGES.memberOfUnsatisfied(),
    // An expression that reads neither task:group nor runningTasksCount gives each instance the
    // same verdict for the whole plan (and its explanations): it is evaluated once per instance.
    passes: query.dependsOnPlacements
      ? (ledger, i) => query.matches(targetAt(ledger, i))
      : (ledger, i) => fixedVerdict(ledger, i, () => query.matches(targetAt(ledger, i))),
    cell: (ledger, i) => {
      const target = targetAt(ledger, i);
      const matches = query.matches(target);
      const why = query.explain(targetAt(ledger, i));
      return matches ? pass(why) : fail(why);
    },
    failureKey: () => `constraint-${index}`,
    failureClause: () => `not matching memberOf(${query.text})`,
  };
}
