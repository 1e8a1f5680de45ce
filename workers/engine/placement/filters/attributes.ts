/**
 * Attributes the instance must have (ecs-reference §1): the task definition's requiresAttributes
 * (agent capabilities such as a logging driver), its CPU architecture (runtimePlatform), and for
 * awsvpc tasks a subnet in the instance's Availability Zone (the task's ENI is created in the
 * instance's subnet's AZ). AWS reports a refusal as ATTRIBUTE.
 */
import { attributeValue, fixedVerdictCache, type Ledger } from '../ledger.ts';
import type { PlacementRequest } from '../request.ts';
import type { BindingRule } from '../rule.ts';
import { fail, pass } from '../rule.ts';

export function attributesFilter(request: PlacementRequest): BindingRule {
  const required = request.requiredAttributes;
  const zones = request.subnetZones;
  const missing = (ledger: Ledger, i: number): string | undefined => {
    const attributes = ledger.attributes[i]!;
    for (const attribute of required) {
      const value = attributeValue(attributes, attribute.name);
      if (value === undefined) return attribute.value === undefined ? `missing ${attribute.name}` : `missing ${attribute.name} = ${attribute.value}`;
      if (attribute.value !== undefined && value !== attribute.value) return `${attribute.name} is ${value}, needs ${attribute.value}`;
    }
    if (zones !== undefined && !zones.has(ledger.instances[i]!.availabilityZone)) {
      return `in ${ledger.instances[i]!.availabilityZone}, where the task has no subnet`;
    }
    return undefined;
  };
  const fixedVerdict = fixedVerdictCache('attributes');
  const needs = required.map((a) => (a.value === undefined ? a.name : `${a.name} = ${a.value}`));
  if (zones !== undefined) needs.push(`a subnet in ${[...zones].join(' or ')}`);
  return {
    id: 'attributes',
    kind: 'filter',
    title: 'Attributes',
    detail: `needs ${needs.join(', ')}`,
    reason: 'ATTRIBUTE',
    // Attributes and AZs do not change during a plan: each instance is checked once per ledger.
    passes: (ledger, i) => fixedVerdict(ledger, i, () => missing(ledger, i) === undefined),
    cell: (ledger, i) => {
      const why = missing(ledger, i);
      return why === undefined ? pass(`has all ${needs.length}`) : fail(why);
    },
    failureKey: (ledger, i) => `attribute:${missing(ledger, i) ?? ''}`,
    failureClause: (ledger, refused) => missing(ledger, refused[0]!) ?? 'attributes',
  };
}

/** Whether the filter has anything to check for this request. */
export function needsAttributeFilter(request: PlacementRequest): boolean {
  return request.requiredAttributes.length > 0 || request.subnetZones !== undefined;
}
