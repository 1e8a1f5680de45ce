/**
 * The smallest changes that would let a task place, for the explainer (issue 4 item 9). Each is
 * found by asking the same rules the pipeline uses, never by guessing:
 *   - change the task: lower its memory or CPU to what the best instance refused only for that
 *     has free; use a dynamic host port when instances refuse only because a host port is taken;
 *   - change the cluster: reactivate a DRAINING instance that would otherwise pass everything;
 *     turn on ENI trunking when instances refuse only for lack of ENIs; add the cheapest instance
 *     type, in an Availability Zone the constraints allow (checked on a hypothetical empty instance);
 *   - relax a constraint that alone refuses instances.
 * Suggestions that need a command carry it (the UI offers an Apply button).
 */
import type { PlacementSuggestion } from '../../protocol.ts';
import { agentAttributes } from '../catalog/agent-attributes.ts';
import { awsvpcTaskLimit, INSTANCE_TYPES, registeredCpuUnits, registeredMemoryMiB, type InstanceType } from '../catalog/instance-types.ts';
import { AVAILABILITY_ZONES } from '../catalog/network.ts';
import { newInstanceRecord } from '../commands/instance-record.ts';
import type { EngineState, InstanceRecord } from '../state.ts';
import { buildLedger, type Ledger } from './ledger.ts';
import { staticPorts } from './request.ts';
import type { BindingRule } from './rule.ts';

export function suggestPlacementChanges(ledger: Ledger, rules: readonly BindingRule[]): PlacementSuggestion[] {
  const onlyBy = instancesRefusedOnlyBy(ledger, rules);
  const suggestions: PlacementSuggestion[] = [];
  const request = ledger.request;
  const clusterName = request.clusterName;

  const memoryOnly = onlyBy.get('memory') ?? [];
  if (memoryOnly.length > 0) {
    const best = Math.max(...memoryOnly.map((i) => ledger.freeMemory[i]!));
    if (best > 0) suggestions.push({ kind: 'lower-memory', text: `Lower the task's memory reservation from ${request.memoryMiB} to ${best} MiB or less: ${countText(memoryOnly.length)} refused only for memory, and the best has ${best} MiB free.` });
  }
  const cpuOnly = onlyBy.get('cpu') ?? [];
  if (cpuOnly.length > 0) {
    const best = Math.max(...cpuOnly.map((i) => ledger.freeCpu[i]!));
    if (best > 0) suggestions.push({ kind: 'lower-cpu', text: `Lower the task's CPU from ${request.cpuUnits} to ${best} units or less: ${countText(cpuOnly.length)} refused only for CPU, and the best has ${best} units free.` });
  }
  const portsOnly = (onlyBy.get('ports') ?? []).filter((i) => ledger.portConflict[i] !== 0);
  if (portsOnly.length > 0) {
    const port = staticPorts(request)[0]!;
    suggestions.push({
      kind: 'dynamic-host-port',
      text: `Use a dynamic host port: set hostPort to 0 (bridge network mode) for container ${port.containerName}'s port ${port.containerPort}, so each task gets a free port from 32768–60999 and several can share an instance; ${countText(portsOnly.length)} refused only because host port ${port.hostPort} is taken.`,
    });
  }
  request.constraints.forEach((constraint, index) => {
    const only = onlyBy.get(`constraint-${index}`) ?? [];
    if (only.length === 0) return;
    const what = constraint.type === 'memberOf' ? `memberOf(${constraint.query.text})` : 'distinctInstance';
    const where = constraint.source.origin === 'taskDefinition' ? "the task definition's" : 'the request\'s';
    suggestions.push({ kind: 'relax-constraint', text: `Relax or remove ${where} ${what} constraint: ${countText(only.length)} refused by it alone.` });
  });
  const drainingOnly = onlyBy.get('status') ?? [];
  if (drainingOnly.length > 0) {
    const arns = drainingOnly.slice(0, 10).map((i) => ledger.instances[i]!.containerInstanceArn);
    suggestions.push({
      kind: 'activate-instance',
      text: `Set ${countText(drainingOnly.length, 'DRAINING instance')} back to ACTIVE: ${drainingOnly.length === 1 ? 'it' : 'each'} could run the task otherwise.`,
      step: { 'ecs:UpdateContainerInstancesState': { cluster: clusterName, containerInstances: arns, status: 'ACTIVE' } },
    });
  }
  const eniOnly = onlyBy.get('eni') ?? [];
  if (eniOnly.some((i) => ledger.instances[i]!.instanceType.trunkingTaskLimit !== null && ledger.instances[i]!.trunkEnabled !== true)) {
    suggestions.push({
      kind: 'enable-trunking',
      text: `Turn on ENI trunking (account setting awsvpcTrunking): instances registered afterwards take many more awsvpc tasks (e.g. m5.large: 10 instead of 2); ${countText(eniOnly.length)} refused only for lack of ENIs. Existing instances keep their limit, so add new ones after.`,
      step: { 'ecs:PutAccountSettingDefault': { name: 'awsvpcTrunking', value: 'enabled' } },
    });
  }
  const addition = cheapestInstanceThatFits(ledger, rules);
  if (addition !== undefined) {
    suggestions.push({
      kind: 'add-instance',
      text: `Add an instance of type ${addition.type.name} (${addition.type.vcpus} vCPU, ${addition.type.memoryMiB / 1024} GiB, $${addition.type.onDemandUsdPerHour}/h) in ${addition.zone}: the cheapest instance type that can run ${request.label} there${request.constraints.length > 0 ? ' within its constraints' : ''}.`,
      step: { 'sim:AddContainerInstances': { cluster: clusterName, instanceType: addition.type.name, availabilityZones: [addition.zone] } },
    });
  } else {
    suggestions.push({ kind: 'other', text: `No instance type in the sandbox's catalogue could run ${request.label} even when empty: ${impossibleReason(ledger, rules)}.` });
  }
  return suggestions;
}

/** "1 instance is", "3 instances are". */
function countText(count: number, what = 'instance'): string {
  return `${count} ${what}${count === 1 ? ' is' : 's are'}`;
}

/** For each rule id, the instances refused by that rule and no other. */
function instancesRefusedOnlyBy(ledger: Ledger, rules: readonly BindingRule[]): Map<string, number[]> {
  const only = new Map<string, number[]>();
  for (let i = 0; i < ledger.n; i++) {
    let refusing: BindingRule | undefined;
    let count = 0;
    for (const rule of rules) {
      if (!rule.passes(ledger, i)) {
        refusing = rule;
        count += 1;
        if (count > 1) break;
      }
    }
    if (count !== 1) continue;
    const list = only.get(refusing!.id);
    if (list === undefined) only.set(refusing!.id, [i]);
    else list.push(i);
  }
  return only;
}

/** A new, empty instance of the type in the zone, as sim:AddContainerInstances would register it. */
function hypotheticalInstance(type: InstanceType, zone: string, clusterName: string): InstanceRecord {
  return newInstanceRecord({
    containerInstanceArn: `(new ${type.name} in ${zone})`,
    ec2InstanceId: '(new)',
    clusterName,
    instanceType: type,
    availabilityZone: zone,
    status: 'ACTIVE',
    registeredAt: '2026-01-01T00:00:00.000Z',
    attributes: agentAttributes(type, zone),
    instanceRoleName: 'ecsInstanceRole',
    instanceRoleDefaulted: true,
  });
}

const NO_TASKS = { tasks: new Map() } as unknown as EngineState;

/** The cheapest catalogue type (then the smallest) that passes every rule when new, in the best zone. */
function cheapestInstanceThatFits(ledger: Ledger, rules: readonly BindingRule[]): { type: InstanceType; zone: string } | undefined {
  const request = ledger.request;
  // Without a runtimePlatform the task may land on either architecture, but its image may not
  // exist for arm64: suggest x86_64 unless the task definition asks for ARM64.
  const architecture = request.requiredAttributes.find((a) => a.name === 'ecs.cpu-architecture')?.value ?? 'x86_64';
  const types = [...INSTANCE_TYPES.values()]
    .filter((type) => type.architecture === architecture)
    .filter((type) => registeredCpuUnits(type) >= request.cpuUnits && registeredMemoryMiB(type) >= request.memoryMiB)
    .filter((type) => !request.needsEni || awsvpcTaskLimit(type, false) >= 1)
    .sort((a, b) => a.onDemandUsdPerHour - b.onDemandUsdPerHour || a.memoryMiB - b.memoryMiB);
  const zones = preferredZones(ledger);
  for (const type of types) {
    for (const zone of zones) {
      const probe = buildLedger(NO_TASKS, [hypotheticalInstance(type, zone, request.clusterName)], request);
      if (rules.every((rule) => rule.passes(probe, 0))) return { type, zone };
    }
  }
  return undefined;
}

/**
 * Zones the task may use: the cluster's own zones first (a learner's cluster spans the zones it
 * chose), the ones with the fewest tasks of the group first among them (as spread on AZ would pick).
 */
function preferredZones(ledger: Ledger): string[] {
  const counts = new Map<string, number>();
  for (const zone of AVAILABILITY_ZONES) counts.set(zone, 0);
  for (let i = 0; i < ledger.n; i++) {
    const zone = ledger.instances[i]!.availabilityZone;
    counts.set(zone, (counts.get(zone) ?? 0) + ledger.groupTasks[i]!);
  }
  const used = new Set(ledger.instances.map((instance) => instance.availabilityZone));
  return [...counts.keys()]
    .filter((zone) => ledger.request.subnetZones === undefined || ledger.request.subnetZones.has(zone))
    .sort((a, b) => Number(used.has(b)) - Number(used.has(a)) || counts.get(a)! - counts.get(b)! || a.localeCompare(b));
}

/** Why even an empty instance of the best-fitting type is refused, for the 'other' suggestion. */
function impossibleReason(ledger: Ledger, rules: readonly BindingRule[]): string {
  const request = ledger.request;
  const largest = [...INSTANCE_TYPES.values()].sort((a, b) => registeredMemoryMiB(b) - registeredMemoryMiB(a))[0]!;
  if (request.memoryMiB > registeredMemoryMiB(largest)) return `it needs ${request.memoryMiB} MiB, more than the largest type (${largest.name}) registers (${registeredMemoryMiB(largest)} MiB)`;
  const probe = buildLedger(NO_TASKS, [hypotheticalInstance(largest, preferredZones(ledger)[0] ?? 'us-east-1a', request.clusterName)], request);
  const refusing = rules.find((rule) => !rule.passes(probe, 0));
  return refusing === undefined ? 'no type satisfies every rule at once' : `${refusing.title}: ${refusing.cell(probe, 0).text}`;
}
