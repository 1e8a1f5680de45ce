/**
 * What an instance box shows about networking: its ENI slots for awsvpc tasks and the host ports
 * its tasks hold. Pure functions of the snapshot (the instance, the tasks placed on it and the
 * registered task definitions), so the numbers can be checked in Node against fixture snapshots.
 *
 * ENI slots (ecs-reference §2 "ENIs for awsvpc on EC2"): every awsvpc task takes one ENI; the
 * instance's primary ENI is not available to tasks, so the limit is maxEnis − 1, or the trunking
 * limit when the instance registered with a trunk ENI (attribute `ecs.awsvpc-trunk-id`).
 *
 * Host ports: the agent's reserved ports (22, 2375, 2376, 51678, 51679) are always in the
 * instance's PORTS resource and are left out of the picture (they say nothing about its tasks);
 * static host ports of running tasks are added to PORTS by ECS; dynamic ones (bridge, hostPort 0)
 * appear only in the tasks' `networkBindings`. awsvpc tasks bind ports on their own ENI, not on
 * the host, so they hold no host port.
 */
import type { ContainerInstance, Task, TaskDefinition } from '../../../workers/protocol.ts';

/** The ECS agent's default reserved TCP ports on Linux (ECS_RESERVED_PORTS). */
export const AGENT_RESERVED_PORTS: readonly number[] = [22, 2375, 2376, 51678, 51679];
/** The attribute an instance registers with when it has a trunk ENI (awsvpcTrunking). */
export const TRUNK_ATTRIBUTE = 'ecs.awsvpc-trunk-id';
/** Up to this many ENI slots are drawn one by one; beyond (trunking), a bar. */
export const MAX_DRAWN_ENI_SLOTS = 12;
/** Host-port segments shown in the box before "+N more" (the tooltip has the full list). */
export const MAX_PORT_SEGMENTS = 4;

export interface EniSlots {
  used: number;
  /** Tasks' ENI limit, or null when the instance type is not in the catalogue. */
  limit: number | null;
  trunked: boolean;
  /** One entry per slot when the limit is small enough to draw (true = held by a task). */
  slots: boolean[];
  /** 0..1, used / limit. */
  fraction: number;
  /** `1 / 2` */
  text: string;
  /** How the limit was worked out, for the tooltip. */
  detail: string;
}

export interface HostPorts {
  tcp: number[];
  udp: number[];
  /** `80, 32768–32771` (at most MAX_PORT_SEGMENTS segments, then `+N more`); `none` when empty. */
  compact: string;
  /** Every port, for the tooltip. */
  full: string;
}

/** Tasks that still hold what placement gave them (ENI, ports): all but STOPPED ones. */
function holdsResources(task: Task): boolean {
  return task.lastStatus !== 'STOPPED';
}

/** The task has (or its definition asks for) its own ENI: awsvpc network mode. */
export function isAwsvpcTask(task: Task, definitions: ReadonlyMap<string, TaskDefinition>): boolean {
  if ((task.attachments ?? []).some((a) => a.type === 'ElasticNetworkInterface')) return true;
  return definitions.get(task.taskDefinitionArn)?.networkMode === 'awsvpc';
}

export function definitionsByArn(definitions: readonly TaskDefinition[] | undefined): Map<string, TaskDefinition> {
  return new Map((definitions ?? []).map((td) => [td.taskDefinitionArn, td]));
}

/** An instance type's awsvpc task limit and how it was worked out (null: unknown). */
export interface EniLimit {
  limit: number | null;
  detail: string;
}

/** Looks up the limit (cluster-eni-limits.ts, loaded lazily: it carries the instance catalogue). */
export type EniLimitLookup = (instanceType: string, trunked: boolean) => EniLimit;

/** Until the catalogue has loaded: the slots show what is used, and "?" for the limit. */
export const UNKNOWN_ENI_LIMIT: EniLimitLookup = () => ({ limit: null, detail: 'The instance catalogue is still loading' });

export function eniSlots(
  instance: ContainerInstance,
  tasks: readonly Task[],
  definitions: ReadonlyMap<string, TaskDefinition>,
  lookup: EniLimitLookup = UNKNOWN_ENI_LIMIT,
): EniSlots {
  const instanceType = instance.attributes?.find((a) => a.name === 'ecs.instance-type')?.value ?? '';
  const trunked = (instance.attributes ?? []).some((a) => a.name === TRUNK_ATTRIBUTE);
  const used = tasks.filter((t) => holdsResources(t) && isAwsvpcTask(t, definitions)).length;
  const { limit, detail } = lookup(instanceType, trunked);
  const drawn = limit !== null && limit <= MAX_DRAWN_ENI_SLOTS ? Math.max(limit, used) : 0;
  return {
    used,
    limit,
    trunked,
    slots: Array.from({ length: drawn }, (_, i) => i < used),
    fraction: limit ? Math.min(1, used / limit) : used > 0 ? 1 : 0,
    text: `${used} / ${limit ?? '?'}`,
    detail,
  };
}

function portsResource(instance: ContainerInstance, name: 'PORTS' | 'PORTS_UDP'): number[] {
  const values = instance.remainingResources?.find((r) => r.name === name)?.stringSetValue ?? [];
  return values.map(Number).filter((p) => Number.isInteger(p) && p > 0);
}

function sortedUnique(ports: Iterable<number>): number[] {
  return [...new Set(ports)].sort((a, b) => a - b);
}

export function hostPorts(instance: ContainerInstance, tasks: readonly Task[], definitions: ReadonlyMap<string, TaskDefinition>): HostPorts {
  const reserved = new Set(AGENT_RESERVED_PORTS);
  const tcp = portsResource(instance, 'PORTS').filter((p) => !reserved.has(p));
  const udp = portsResource(instance, 'PORTS_UDP');
  for (const task of tasks) {
    if (!holdsResources(task) || isAwsvpcTask(task, definitions)) continue;
    for (const container of task.containers ?? []) {
      for (const binding of container.networkBindings ?? []) {
        if (!Number.isInteger(binding.hostPort) || binding.hostPort <= 0) continue;
        (binding.protocol === 'udp' ? udp : tcp).push(binding.hostPort);
      }
    }
  }
  const tcpPorts = sortedUnique(tcp);
  const udpPorts = sortedUnique(udp);
  const segments = [...portRanges(tcpPorts), ...portRanges(udpPorts).map((s) => `${s}/udp`)];
  const shown = segments.slice(0, MAX_PORT_SEGMENTS);
  const more = segments.length - shown.length;
  const full = [
    tcpPorts.length ? `TCP ${tcpPorts.join(', ')}` : '',
    udpPorts.length ? `UDP ${udpPorts.join(', ')}` : '',
  ].filter(Boolean);
  return {
    tcp: tcpPorts,
    udp: udpPorts,
    compact: segments.length === 0 ? 'none' : shown.join(', ') + (more > 0 ? ` +${more} more` : ''),
    full:
      (full.length ? `Host ports in use: ${full.join('; ')}` : 'No host ports in use') +
      ` (the agent also reserves ${AGENT_RESERVED_PORTS.join(', ')})`,
  };
}

/** Sorted unique ports → `80`, `32768–32771` segments (consecutive runs of 2+ become a range). */
export function portRanges(sorted: readonly number[]): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]! + 1) continue;
    const first = sorted[start]!;
    const last = sorted[i - 1]!;
    if (sorted.length > 0) out.push(first === last ? String(first) : `${first}–${last}`);
    start = i;
  }
  return out;
}
