/**
 * Which instances an Auto Scaling group terminates on scale-in (pure; groundwork for issue 6, not
 * wired into the engine yet).
 *
 * AWS, EC2 Auto Scaling User Guide, "Configure termination policies for Amazon EC2 Auto Scaling"
 * (ec2-auto-scaling-termination-policies):
 *   "When Amazon EC2 Auto Scaling terminates instances, it attempts to maintain balance across the
 *    Availability Zones that are used by your Auto Scaling group. Maintaining balance across
 *    Availability Zones takes precedence over termination policies. If one Availability Zone has
 *    more instances than the other Availability Zones that are used by the group, Amazon EC2 Auto
 *    Scaling applies the termination policies to the instances from the imbalanced Availability
 *    Zone. If the Availability Zones used by the group are balanced, Amazon EC2 Auto Scaling
 *    applies the termination policies across all of the Availability Zones for the group."
 *   Default policy: "When Amazon EC2 Auto Scaling terminates instances, it first determines which
 *    Availability Zones have the most instances, and it finds at least one instance that is not
 *    protected from scale in. Within the selected Availability Zone": (allocation strategy — not
 *    modelled) "Determine whether any of the instances use the oldest launch template, unless there
 *    are instances that use a launch configuration. Amazon EC2 Auto Scaling terminates instances
 *    that use a launch configuration before it terminates instances that use a launch template"
 *    (callers encode that by giving launch-configuration instances the lowest
 *    `launchTemplateAgeRank`); "After applying the preceding criteria, if there are multiple
 *    unprotected instances to terminate, determine which instances are closest to the next billing
 *    hour. If there are multiple unprotected instances closest to the next billing hour, terminate
 *    one of these instances at random."
 *   Custom policies: OldestInstance "Terminate the oldest instance in the group", NewestInstance
 *    "Terminate the newest instance in the group", OldestLaunchConfiguration / OldestLaunchTemplate
 *    "Terminate instances that have the oldest launch configuration / template",
 *    ClosestToNextInstanceHour "Terminate instances that are closest to the next billing hour".
 *   Policies are applied in the order listed; a policy that does not single out one instance
 *   hands its remaining candidates to the next one (API Reference CreateAutoScalingGroup
 *   TerminationPolicies: "These policies are executed in the order that they are listed."; the
 *   hand-over between policies is how we read it, UNCONFIRMED); `Default` is the implicit last step.
 *   Instance scale-in protection (ec2-auto-scaling-instance-protection): protected instances are
 *   never chosen on scale-in, but still count towards their zone's size (UNCONFIRMED detail: the
 *   guide only says the chosen zone must have "at least one instance that is not protected").
 *
 * Randomness is an input (`draw(n)` → integer in [0, n)), so the engine's seeded PRNG decides ties.
 */

export type TerminationPolicy =
  | 'Default'
  | 'OldestInstance'
  | 'NewestInstance'
  | 'OldestLaunchConfiguration'
  | 'OldestLaunchTemplate'
  | 'ClosestToNextInstanceHour'
  | 'AllocationStrategy';

export const TERMINATION_POLICIES: readonly TerminationPolicy[] = [
  'Default',
  'OldestInstance',
  'NewestInstance',
  'OldestLaunchConfiguration',
  'OldestLaunchTemplate',
  'ClosestToNextInstanceHour',
  'AllocationStrategy',
];

export interface TerminationCandidate {
  instanceId: string;
  zone: string;
  launchedMs: number;
  protectedFromScaleIn: boolean;
  /**
   * Age rank of the launch template version / launch configuration the instance was launched
   * from: smaller = older. Omitted → the "oldest launch template" steps cannot tell instances apart.
   */
  launchTemplateAgeRank?: number;
}

export interface TerminationRequest {
  instances: readonly TerminationCandidate[];
  count: number;
  /** In order; defaults to ['Default']. */
  policies?: readonly TerminationPolicy[];
  /** Virtual now, for ClosestToNextInstanceHour; omitted → that step narrows nothing. */
  nowMs?: number;
  /** Uniform integer in [0, n). */
  draw: (n: number) => number;
}

export type TerminationResult =
  | {
      ok: true;
      /** In the order chosen; each choice saw the previous ones already gone. */
      instanceIds: string[];
      /** How many of `count` could not be chosen because every remaining instance is protected. */
      blockedByProtection: number;
    }
  | { ok: false; error: { code: 'ValidationError'; message: string } };

const HOUR_MS = 3_600_000;

export function chooseInstancesToTerminate(request: TerminationRequest): TerminationResult {
  const problem = requestProblem(request);
  if (problem) return { ok: false, error: { code: 'ValidationError', message: problem } };
  const policies = request.policies && request.policies.length > 0 ? request.policies : ['Default' as const];
  let remaining = [...request.instances];
  const chosen: string[] = [];
  for (let i = 0; i < request.count; i++) {
    const victim = chooseOne(remaining, policies, request);
    if (!victim) break;
    chosen.push(victim.instanceId);
    remaining = remaining.filter((instance) => instance.instanceId !== victim.instanceId);
  }
  return { ok: true, instanceIds: chosen, blockedByProtection: request.count - chosen.length };
}

function requestProblem(request: TerminationRequest): string | undefined {
  if (!request || !Array.isArray(request.instances)) return 'instances must be a list';
  if (!Number.isInteger(request.count) || request.count < 0) {
    return `count must be a whole number ≥ 0, got ${String(request.count)}`;
  }
  if (typeof request.draw !== 'function') return 'draw must be a function';
  for (const policy of request.policies ?? []) {
    if (!TERMINATION_POLICIES.includes(policy)) {
      return `Unknown termination policy "${String(policy)}"; valid: ${TERMINATION_POLICIES.join(', ')}`;
    }
  }
  return undefined;
}

/** One scale-in choice: zone balance first, then the policies in order, then a draw. */
function chooseOne(
  remaining: readonly TerminationCandidate[],
  policies: readonly TerminationPolicy[],
  request: TerminationRequest,
): TerminationCandidate | undefined {
  let candidates = candidatesInMostPopulatedZones(remaining);
  if (candidates.length === 0) return undefined;
  for (const policy of [...policies, 'Default' as const]) {
    if (candidates.length === 1) break;
    candidates = applyPolicy(policy, candidates, request.nowMs);
  }
  return pickAtRandom(candidates, request.draw);
}

/**
 * Unprotected instances in the zone(s) with the most instances among zones that still have an
 * unprotected instance. Zone size counts protected instances too: they keep the zone populated.
 */
export function candidatesInMostPopulatedZones(
  remaining: readonly TerminationCandidate[],
): TerminationCandidate[] {
  const sizeByZone = new Map<string, number>();
  for (const instance of remaining) sizeByZone.set(instance.zone, (sizeByZone.get(instance.zone) ?? 0) + 1);
  const unprotected = remaining.filter((instance) => !instance.protectedFromScaleIn);
  if (unprotected.length === 0) return [];
  const largest = Math.max(...unprotected.map((instance) => sizeByZone.get(instance.zone) ?? 0));
  return unprotected.filter((instance) => sizeByZone.get(instance.zone) === largest);
}

function applyPolicy(
  policy: TerminationPolicy,
  candidates: TerminationCandidate[],
  nowMs: number | undefined,
): TerminationCandidate[] {
  switch (policy) {
    case 'OldestInstance':
      return keepMinimum(candidates, (instance) => instance.launchedMs);
    case 'NewestInstance':
      return keepMinimum(candidates, (instance) => -instance.launchedMs);
    case 'OldestLaunchConfiguration':
    case 'OldestLaunchTemplate':
      return keepOldestLaunchTemplate(candidates);
    case 'ClosestToNextInstanceHour':
      return keepClosestToNextHour(candidates, nowMs);
    case 'AllocationStrategy':
      // Not modelled: the sandbox's groups have one instance type and no Spot allocation.
      return candidates;
    case 'Default': {
      const byTemplate = keepOldestLaunchTemplate(candidates);
      return byTemplate.length === 1 ? byTemplate : keepClosestToNextHour(byTemplate, nowMs);
    }
  }
}

function keepOldestLaunchTemplate(candidates: TerminationCandidate[]): TerminationCandidate[] {
  if (candidates.some((instance) => instance.launchTemplateAgeRank === undefined)) return candidates;
  return keepMinimum(candidates, (instance) => instance.launchTemplateAgeRank ?? 0);
}

/** Billing hours counted from launch; "closest" = fewest ms until the next whole hour of uptime. */
function keepClosestToNextHour(candidates: TerminationCandidate[], nowMs: number | undefined): TerminationCandidate[] {
  if (nowMs === undefined) return candidates;
  return keepMinimum(candidates, (instance) => msUntilNextInstanceHour(instance.launchedMs, nowMs));
}

export function msUntilNextInstanceHour(launchedMs: number, nowMs: number): number {
  const upMs = Math.max(0, nowMs - launchedMs);
  return HOUR_MS - (upMs % HOUR_MS);
}

function keepMinimum(
  candidates: TerminationCandidate[],
  key: (instance: TerminationCandidate) => number,
): TerminationCandidate[] {
  const least = Math.min(...candidates.map(key));
  return candidates.filter((instance) => key(instance) === least);
}

/** Sorted by id first so the same draw picks the same instance whatever the input order. */
function pickAtRandom(
  candidates: TerminationCandidate[],
  draw: (n: number) => number,
): TerminationCandidate | undefined {
  const sorted = [...candidates].sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0));
  if (sorted.length <= 1) return sorted[0];
  const raw = Math.trunc(Number(draw(sorted.length)));
  const index = Number.isFinite(raw) ? ((raw % sorted.length) + sorted.length) % sorted.length : 0;
  return sorted[index];
}
