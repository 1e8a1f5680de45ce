/**
 * Issue 2's placement: for each task, keep the cluster's ACTIVE container instances that have the
 * CPU, memory, host ports, ENIs and architecture it needs, then let `choose` pick one of them. RunTask
 * chooses at random with the engine's seeded PRNG, because AWS documents that RunTask without a
 * strategy "distribute[s] tasks randomly across your cluster" (ecs-reference §1); tests may choose
 * the first candidate to get plain first fit. (The real pipeline of filters and strategies comes
 * later.) Each instance gets a verdict
 * with every reason it cannot take the task, with the numbers, so RunTask can report AWS's
 * failure reasons (RESOURCE:CPU, RESOURCE:MEMORY, RESOURCE:PORTS, RESOURCE:ENI, ATTRIBUTE —
 * ecs-reference §13) and the event log can explain the refusal in one sentence.
 *
 * Dynamic host ports (bridge mode, hostPort 0) follow the ECS agent (ecs-reference §2): it hands
 * ports out sequentially, starting after the last port it gave on that instance, taking the first
 * free one and wrapping around at the end of the range 32768–60999 (the agent's constant range,
 * which is also Linux's default ip_local_port_range).
 *
 * Planning works on a ledger copied from the instances, so several tasks of one RunTask see each
 * other's reservations and nothing is mutated until the caller commits the plan.
 */
import type { InstanceRecord, PortAssignment } from '../state.ts';

export const DYNAMIC_PORT_MIN = 32768;
export const DYNAMIC_PORT_MAX = 60999;

export interface PortRequirement {
  containerName: string;
  containerPort: number;
  /** 0 = dynamic. */
  hostPort: number;
  protocol: 'tcp' | 'udp';
}

export interface PlacementRequest {
  /** `family:revision`, for messages. */
  label: string;
  cpuUnits: number;
  memoryMiB: number;
  /** Host ports the task binds on the instance (empty in awsvpc and none modes). */
  ports: PortRequirement[];
  needsEni: boolean;
  /** Required ecs.cpu-architecture, when the task definition's runtimePlatform names one. */
  cpuArchitecture?: 'x86_64' | 'arm64';
}

export type Rejection =
  | { code: 'CPU'; needs: number; free: number }
  | { code: 'MEMORY'; needs: number; free: number }
  | { code: 'PORTS'; port: number; protocol: 'tcp' | 'udp' }
  | { code: 'PORTS'; port: 0; protocol: 'tcp' | 'udp' }
  | { code: 'ENI'; maxEnis: number }
  | { code: 'ATTRIBUTE'; name: string; value: string };

export interface InstanceVerdict {
  containerInstanceArn: string;
  rejections: Rejection[];
}

export interface Placement {
  instance: InstanceRecord;
  ports: PortAssignment[];
  /** The agent's last dynamic port on the instance after this placement. */
  lastDynamicPort: number;
}

export interface PlacementPlan {
  placements: Placement[];
  /** Tasks that could not be placed. */
  unplaced: number;
  /** Why each instance refused the first task that could not be placed (empty when all were placed). */
  verdicts: InstanceVerdict[];
}

interface Ledger {
  instance: InstanceRecord;
  freeCpu: number;
  freeMemory: number;
  tcp: Set<number>;
  udp: Set<number>;
  lastDynamicPort: number;
  freeEnis: number;
}

function ledgerOf(instance: InstanceRecord): Ledger {
  return {
    instance,
    freeCpu: instance.registeredCpuUnits - instance.usedCpuUnits,
    freeMemory: instance.registeredMemoryMiB - instance.usedMemoryMiB,
    tcp: new Set([...instance.reservedTcpPorts, ...instance.staticTcp.keys(), ...instance.dynamicTcp.keys()]),
    udp: new Set([...instance.reservedUdpPorts, ...instance.staticUdp.keys(), ...instance.dynamicUdp.keys()]),
    lastDynamicPort: instance.lastDynamicPort,
    // The primary ENI counts against the limit (ecs-reference §2).
    freeEnis: instance.instanceType.maxEnis - 1 - instance.enisUsed,
  };
}

/** Picks one of `candidates` (≥ 1) by index. */
export type Choose = (candidates: number) => number;

/** Always the first candidate in registration order: plain first fit. */
export const chooseFirst: Choose = () => 0;

export function planPlacement(
  instances: readonly InstanceRecord[],
  request: PlacementRequest,
  count: number,
  choose: Choose,
): PlacementPlan {
  const ledgers = instances.filter((instance) => instance.status === 'ACTIVE').map(ledgerOf);
  const placements: Placement[] = [];
  for (let n = 0; n < count; n++) {
    const verdicts: InstanceVerdict[] = [];
    const candidates: { ledger: Ledger; fit: Fit }[] = [];
    for (const ledger of ledgers) {
      const attempt = evaluate(ledger, request);
      if (attempt.ok) candidates.push({ ledger, fit: attempt.fit });
      else verdicts.push({ containerInstanceArn: ledger.instance.containerInstanceArn, rejections: attempt.rejections });
    }
    // Nothing was placed, so nothing changed: every later task would meet the same verdicts.
    if (candidates.length === 0) return { placements, unplaced: count - n, verdicts };
    const chosen = candidates[Math.min(candidates.length - 1, Math.max(0, choose(candidates.length)))]!;
    placements.push(commit(chosen.ledger, request, chosen.fit));
  }
  return { placements, unplaced: 0, verdicts: [] };
}

/** What placing the task on an instance would take: its host ports, and the agent's port cursor after. */
interface Fit {
  ports: PortAssignment[];
  lastDynamicPort: number;
}

type Attempt = { ok: true; fit: Fit } | { ok: false; rejections: Rejection[] };

/** Whether the task fits on the instance, without changing the ledger. */
function evaluate(ledger: Ledger, request: PlacementRequest): Attempt {
  const rejections: Rejection[] = [];
  if (request.cpuUnits > ledger.freeCpu) rejections.push({ code: 'CPU', needs: request.cpuUnits, free: ledger.freeCpu });
  if (request.memoryMiB > ledger.freeMemory) {
    rejections.push({ code: 'MEMORY', needs: request.memoryMiB, free: ledger.freeMemory });
  }
  for (const port of request.ports) {
    const used = port.protocol === 'tcp' ? ledger.tcp : ledger.udp;
    if (port.hostPort !== 0 && used.has(port.hostPort)) {
      rejections.push({ code: 'PORTS', port: port.hostPort, protocol: port.protocol });
    }
  }
  if (request.needsEni && ledger.freeEnis < 1) {
    rejections.push({ code: 'ENI', maxEnis: ledger.instance.instanceType.maxEnis });
  }
  const architecture = ledger.instance.instanceType.architecture;
  if (request.cpuArchitecture !== undefined && request.cpuArchitecture !== architecture) {
    rejections.push({ code: 'ATTRIBUTE', name: 'ecs.cpu-architecture', value: request.cpuArchitecture });
  }
  if (rejections.length > 0) return { ok: false, rejections };
  const ports = assignPorts(ledger, request.ports);
  if (!ports.ok) return { ok: false, rejections: [{ code: 'PORTS', port: 0, protocol: ports.protocol }] };
  return { ok: true, fit: { ports: ports.assignments, lastDynamicPort: ports.lastDynamicPort } };
}

/** Reserves the task's resources in the ledger, so the next task of the same RunTask sees them. */
function commit(ledger: Ledger, request: PlacementRequest, fit: Fit): Placement {
  ledger.freeCpu -= request.cpuUnits;
  ledger.freeMemory -= request.memoryMiB;
  if (request.needsEni) ledger.freeEnis -= 1;
  for (const assignment of fit.ports) (assignment.protocol === 'tcp' ? ledger.tcp : ledger.udp).add(assignment.hostPort);
  ledger.lastDynamicPort = fit.lastDynamicPort;
  return { instance: ledger.instance, ports: fit.ports, lastDynamicPort: fit.lastDynamicPort };
}

type PortResult =
  | { ok: true; assignments: PortAssignment[]; lastDynamicPort: number }
  | { ok: false; protocol: 'tcp' | 'udp' };

/** Static ports as asked; dynamic ones sequentially after the instance's last one (see the file comment). */
function assignPorts(ledger: Ledger, requirements: readonly PortRequirement[]): PortResult {
  const assignments: PortAssignment[] = [];
  const taken = { tcp: new Set<number>(), udp: new Set<number>() };
  const inUse = (protocol: 'tcp' | 'udp', port: number): boolean =>
    (protocol === 'tcp' ? ledger.tcp : ledger.udp).has(port) || taken[protocol].has(port);
  let last = ledger.lastDynamicPort;
  for (const requirement of requirements) {
    let hostPort = requirement.hostPort;
    const dynamic = hostPort === 0;
    if (dynamic) {
      const port = nextFreeDynamicPort(last, (candidate) => inUse(requirement.protocol, candidate));
      if (port === undefined) return { ok: false, protocol: requirement.protocol };
      hostPort = port;
      last = port;
    }
    taken[requirement.protocol].add(hostPort);
    assignments.push({ ...requirement, hostPort, dynamic });
  }
  return { ok: true, assignments, lastDynamicPort: last };
}

export function nextFreeDynamicPort(last: number, inUse: (port: number) => boolean): number | undefined {
  const size = DYNAMIC_PORT_MAX - DYNAMIC_PORT_MIN + 1;
  const start = last >= DYNAMIC_PORT_MIN && last < DYNAMIC_PORT_MAX ? last + 1 : DYNAMIC_PORT_MIN;
  for (let i = 0; i < size; i++) {
    const port = DYNAMIC_PORT_MIN + ((start - DYNAMIC_PORT_MIN + i) % size);
    if (!inUse(port)) return port;
  }
  return undefined;
}

/** AWS's failure reason for an instance: its first rejection. */
export function failureReason(rejection: Rejection): string {
  return rejection.code === 'ATTRIBUTE' ? 'ATTRIBUTE' : `RESOURCE:${rejection.code}`;
}
