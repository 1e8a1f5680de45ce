/**
 * The ledger: what placement needs to know about each container instance of the cluster, for one
 * request, as flat typed arrays indexed by the instance's position (registration order). Filters,
 * constraints and strategies read it; committing a placement updates it, so the tasks of one
 * request each see the placements before them, and nothing in the engine's state changes until
 * the caller applies the plan.
 *
 * It is also the placement explainer's memory: a copy taken before the first placement (a few
 * typed-array copies) lets a decision be explained later exactly as it was made, by replaying
 * the choices made before it. Everything that can change later is copied; what is replaced rather
 * than mutated (an instance's attributes array) is referenced.
 */
import type { Attribute } from '../../protocol.ts';
import { awsvpcTaskLimit } from '../catalog/instance-types.ts';
import type { EngineState, InstanceRecord, PortAssignment } from '../state.ts';
import { staticPorts, type PlacementRequest } from './request.ts';

export const DYNAMIC_PORT_MIN = 32768;
export const DYNAMIC_PORT_MAX = 60999;
const DYNAMIC_PORT_COUNT = DYNAMIC_PORT_MAX - DYNAMIC_PORT_MIN + 1;
/** ECS: at most 100 reserved ports per instance, the agent's included; dynamic ports do not count (ecs-reference §2). */
export const MAX_RESERVED_PORTS = 100;

/** Who holds a conflicting host port, for the explainer. */
export interface PortConflict {
  port: number;
  protocol: 'tcp' | 'udp';
  /** A task ARN, or 'agent' for the ECS agent's reserved ports, or 'batch' for an earlier task of this request. */
  holder: string;
}

/** Per spread strategy: each instance's value of the field, and the group's tasks per value. */
export interface SpreadBuckets {
  names: string[];
  bucketOf: Int32Array;
  count: Int32Array;
}

export interface Ledger {
  readonly request: PlacementRequest;
  readonly instances: readonly InstanceRecord[];
  readonly n: number;
  readonly statuses: string[];
  readonly attributes: (readonly Attribute[])[];
  readonly freeCpu: Int32Array;
  readonly freeMemory: Int32Array;
  readonly freeEnis: Int32Array;
  readonly eniLimit: Int32Array;
  /** Tasks of the request's group on the instance (not STOPPED). */
  readonly groupTasks: Int32Array;
  /** RUNNING tasks on the instance (the query language's runningTasksCount). */
  readonly runningTasks: Int32Array;
  /** The first of the request's static host ports already bound on the instance (index + 1 into conflicts; 0 = none). */
  readonly portConflict: Int32Array;
  readonly conflicts: PortConflict[];
  /** Reserved ports: the agent's plus static host ports of tasks (ECS's limit is 100). */
  readonly reservedPorts: Int32Array;
  /** Dynamic host ports bound (TCP + UDP) — the range has 28,232. */
  readonly dynamicUsed: Int32Array;
  readonly lastDynamicPort: Int32Array;
  /** One per spread-on-attribute or spread-on-instanceId strategy, in strategy order (undefined for other strategies). */
  readonly spread: (SpreadBuckets | undefined)[];
  /** Every task group present on each instance, only when a memberOf expression reads task:group. */
  readonly groupsOn: Set<string>[] | undefined;
  /** Host ports assigned during this plan, by instance (so later tasks of the request see them). */
  readonly planPorts: Map<number, PortAssignment[]>;
  /**
   * Verdicts of rules that placements cannot change (attributes, memberOf without task:group or
   * runningTasksCount), by rule id: -1 not yet known, 0 refused, 1 passed. Shared with the
   * explainer's copies, since they read the same instances as they were.
   */
  readonly fixedVerdicts: Map<string, Int8Array>;
}

export function buildLedger(state: EngineState, instances: readonly InstanceRecord[], request: PlacementRequest): Ledger {
  const n = instances.length;
  const indexOf = new Map<string, number>();
  instances.forEach((instance, i) => indexOf.set(instance.containerInstanceArn, i));
  const groupTasks = new Int32Array(n);
  const runningTasks = new Int32Array(n);
  // Task groups of other names are read only by a memberOf that reads task:group (or runningTasksCount).
  const needsGroups = request.constraints.some((c) => c.type === 'memberOf' && c.query.dependsOnPlacements);
  const groupsOn = needsGroups ? instances.map(() => new Set<string>()) : undefined;
  for (const record of state.tasks.values()) {
    if (record.instanceArn === undefined || record.released) continue;
    const i = indexOf.get(record.instanceArn);
    if (i === undefined) continue;
    if (record.task.group === request.group) groupTasks[i]! += 1;
    if (record.task.lastStatus === 'RUNNING') runningTasks[i]! += 1;
    groupsOn?.[i]!.add(record.task.group);
  }
  const eniLimit = Int32Array.from(instances, (x) => eniLimitOf(x));
  const ledger: Ledger = {
    request,
    instances,
    n,
    statuses: instances.map((instance) => instance.status),
    attributes: instances.map((instance) => instance.attributes),
    freeCpu: Int32Array.from(instances, (x) => x.registeredCpuUnits - x.usedCpuUnits),
    freeMemory: Int32Array.from(instances, (x) => x.registeredMemoryMiB - x.usedMemoryMiB),
    eniLimit,
    freeEnis: Int32Array.from(instances, (x, i) => eniLimit[i]! - x.enisUsed),
    groupTasks,
    runningTasks,
    portConflict: new Int32Array(n),
    conflicts: [],
    reservedPorts: Int32Array.from(instances, (x) => x.reservedTcpPorts.length + x.reservedUdpPorts.length + x.staticTcp.size + x.staticUdp.size),
    dynamicUsed: Int32Array.from(instances, (x) => x.dynamicTcp.size + x.dynamicUdp.size),
    lastDynamicPort: Int32Array.from(instances, (x) => x.lastDynamicPort),
    spread: request.strategies.map((strategy) => (strategy.type === 'spread' ? spreadBuckets(instances, strategy, groupTasks) : undefined)),
    groupsOn,
    planPorts: new Map(),
    fixedVerdicts: new Map(),
  };
  findPortConflicts(ledger);
  return ledger;
}

/** The instance's awsvpc task limit: its ENIs less the primary, or the trunk's limit when trunking is on. */
function eniLimitOf(instance: InstanceRecord): number {
  return awsvpcTaskLimit(instance.instanceType, instance.trunkEnabled === true);
}

function spreadBuckets(
  instances: readonly InstanceRecord[],
  strategy: { by: 'instanceId' } | { by: 'attribute'; attribute: string },
  groupTasks: Int32Array,
): SpreadBuckets {
  const names: string[] = [];
  const bucketOf = new Int32Array(instances.length);
  if (strategy.by === 'instanceId') {
    instances.forEach((instance, i) => {
      names.push(instance.ec2InstanceId);
      bucketOf[i] = i;
    });
  } else {
    const ids = new Map<string, number>();
    instances.forEach((instance, i) => {
      // Instances without the attribute share one value, "(none)": spread treats them as one more place.
      const value = attributeValue(instance.attributes, strategy.attribute) ?? '(none)';
      let id = ids.get(value);
      if (id === undefined) {
        id = names.length;
        ids.set(value, id);
        names.push(value);
      }
      bucketOf[i] = id;
    });
  }
  const count = new Int32Array(names.length);
  for (let i = 0; i < instances.length; i++) count[bucketOf[i]!]! += groupTasks[i]!;
  return { names, bucketOf, count };
}

/**
 * A rule's verdicts that placements cannot change, computed once per instance per ledger family
 * (a ledger and its explainer copies share them). Each rule keeps its own cache function, which
 * remembers the last ledger's array so the hot path does no map lookup.
 */
export function fixedVerdictCache(ruleId: string): (ledger: Ledger, i: number, compute: () => boolean) => boolean {
  let lastMap: Map<string, Int8Array> | undefined;
  let verdicts: Int8Array = new Int8Array(0);
  return (ledger, i, compute) => {
    if (ledger.fixedVerdicts !== lastMap) {
      lastMap = ledger.fixedVerdicts;
      let known = lastMap.get(ruleId);
      if (known === undefined) {
        known = new Int8Array(ledger.n).fill(-1);
        lastMap.set(ruleId, known);
      }
      verdicts = known;
    }
    const known = verdicts[i]!;
    if (known !== -1) return known === 1;
    const verdict = compute();
    verdicts[i] = verdict ? 1 : 0;
    return verdict;
  };
}

/** Lookups by attribute name, cached per attributes array (arrays are replaced, never mutated). */
const ATTRIBUTE_MAPS = new WeakMap<readonly Attribute[], Map<string, string | null>>();

export function attributeMap(attributes: readonly Attribute[]): Map<string, string | null> {
  let map = ATTRIBUTE_MAPS.get(attributes);
  if (map === undefined) {
    map = new Map(attributes.map((a) => [a.name, a.value ?? null]));
    ATTRIBUTE_MAPS.set(attributes, map);
  }
  return map;
}

export function attributeValue(attributes: readonly Attribute[], name: string): string | null | undefined {
  return attributeMap(attributes).get(name);
}

function findPortConflicts(ledger: Ledger): void {
  const wanted = staticPorts(ledger.request);
  if (wanted.length === 0) return;
  for (let i = 0; i < ledger.n; i++) {
    const instance = ledger.instances[i]!;
    for (const port of wanted) {
      const holder = holderOf(instance, port.hostPort, port.protocol);
      if (holder !== undefined) {
        ledger.conflicts.push({ port: port.hostPort, protocol: port.protocol, holder });
        ledger.portConflict[i] = ledger.conflicts.length;
        break;
      }
    }
  }
}

function holderOf(instance: InstanceRecord, port: number, protocol: 'tcp' | 'udp'): string | undefined {
  const reserved = protocol === 'tcp' ? instance.reservedTcpPorts : instance.reservedUdpPorts;
  if (reserved.includes(port)) return 'agent';
  const tables = protocol === 'tcp' ? [instance.staticTcp, instance.dynamicTcp] : [instance.staticUdp, instance.dynamicUdp];
  for (const table of tables) {
    const arn = table.get(port);
    if (arn !== undefined) return arn;
  }
  return undefined;
}

/**
 * A copy to keep with a decision record (before any placement of the request). Written as a
 * literal with buildLedger's field order, so both kinds of ledger share one object shape and the
 * rules' property reads stay monomorphic.
 */
export function cloneLedger(ledger: Ledger): Ledger {
  return {
    request: ledger.request,
    instances: ledger.instances,
    n: ledger.n,
    statuses: ledger.statuses,
    attributes: ledger.attributes,
    freeCpu: ledger.freeCpu.slice(),
    freeMemory: ledger.freeMemory.slice(),
    eniLimit: ledger.eniLimit,
    freeEnis: ledger.freeEnis.slice(),
    groupTasks: ledger.groupTasks.slice(),
    runningTasks: ledger.runningTasks,
    portConflict: ledger.portConflict.slice(),
    conflicts: [...ledger.conflicts],
    reservedPorts: ledger.reservedPorts.slice(),
    dynamicUsed: ledger.dynamicUsed.slice(),
    lastDynamicPort: ledger.lastDynamicPort.slice(),
    spread: ledger.spread.map((s) => (s === undefined ? undefined : { names: s.names, bucketOf: s.bucketOf, count: s.count.slice() })),
    groupsOn: ledger.groupsOn?.map((set) => new Set(set)),
    planPorts: new Map(),
    fixedVerdicts: ledger.fixedVerdicts,
  };
}

/** What placing a task on an instance takes: its host ports and the agent's dynamic-port cursor after. */
export interface PortFit {
  ports: PortAssignment[];
  lastDynamicPort: number;
}

/**
 * Reserve one task of the request on instance i. With `assignPorts` (a real plan) dynamic host
 * ports are chosen as the agent does; replaying a past decision for the explainer skips that.
 */
export function commitPlacement(ledger: Ledger, i: number, assignPorts: boolean): PortFit {
  const request = ledger.request;
  ledger.freeCpu[i]! -= request.cpuUnits;
  ledger.freeMemory[i]! -= request.memoryMiB;
  if (request.needsEni) ledger.freeEnis[i]! -= 1;
  ledger.groupTasks[i]! += 1;
  for (const buckets of ledger.spread) if (buckets !== undefined) buckets.count[buckets.bucketOf[i]!]! += 1;
  ledger.groupsOn?.[i]!.add(request.group);
  const wanted = staticPorts(request);
  if (wanted.length > 0) {
    ledger.reservedPorts[i]! += wanted.length;
    if (ledger.portConflict[i] === 0) {
      ledger.conflicts.push({ port: wanted[0]!.hostPort, protocol: wanted[0]!.protocol, holder: 'batch' });
      ledger.portConflict[i] = ledger.conflicts.length;
    }
  }
  const dynamicCount = request.ports.length - wanted.length;
  ledger.dynamicUsed[i]! += dynamicCount;
  if (!assignPorts) return { ports: [], lastDynamicPort: ledger.lastDynamicPort[i]! };
  const fit = assignHostPorts(ledger, i);
  ledger.lastDynamicPort[i] = fit.lastDynamicPort;
  const planned = ledger.planPorts.get(i) ?? [];
  planned.push(...fit.ports);
  ledger.planPorts.set(i, planned);
  return fit;
}

/** Static ports as asked; dynamic ones as the ECS agent hands them out (ecs-reference §2): sequentially after the last one it gave, wrapping at the end of 32768–60999. */
function assignHostPorts(ledger: Ledger, i: number): PortFit {
  const instance = ledger.instances[i]!;
  const planned = ledger.planPorts.get(i) ?? [];
  const taken = { tcp: new Set<number>(), udp: new Set<number>() };
  for (const port of planned) taken[port.protocol].add(port.hostPort);
  const inUse = (protocol: 'tcp' | 'udp', port: number): boolean => taken[protocol].has(port) || holderOf(instance, port, protocol) !== undefined;
  let last = ledger.lastDynamicPort[i]!;
  const ports: PortAssignment[] = [];
  for (const requirement of ledger.request.ports) {
    let hostPort = requirement.hostPort;
    const dynamic = hostPort === 0;
    if (dynamic) {
      hostPort = nextFreeDynamicPort(last, (candidate) => inUse(requirement.protocol, candidate)) ?? 0;
      last = hostPort;
    }
    taken[requirement.protocol].add(hostPort);
    ports.push({ ...requirement, hostPort, dynamic });
  }
  return { ports, lastDynamicPort: last };
}

export function nextFreeDynamicPort(last: number, inUse: (port: number) => boolean): number | undefined {
  const start = last >= DYNAMIC_PORT_MIN && last < DYNAMIC_PORT_MAX ? last + 1 : DYNAMIC_PORT_MIN;
  for (let k = 0; k < DYNAMIC_PORT_COUNT; k++) {
    const port = DYNAMIC_PORT_MIN + ((start - DYNAMIC_PORT_MIN + k) % DYNAMIC_PORT_COUNT);
    if (!inUse(port)) return port;
  }
  return undefined;
}

export function dynamicPortsFree(ledger: Ledger, i: number): number {
  return DYNAMIC_PORT_COUNT - ledger.dynamicUsed[i]!;
}
