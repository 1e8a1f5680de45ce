/**
 * What a task of a registered definition needs from an EC2 container instance (ecs-reference §2):
 * CPU units and MiB to reserve, and the host ports to bind.
 */
import type { TaskDefinition } from '../../protocol.ts';
import { parseTaskCpu, parseTaskMemory } from './units.ts';

export interface TaskReservation {
  cpuUnits: number;
  memoryMiB: number;
}

export interface PortRequirement {
  containerName: string;
  containerPort: number;
  /** 0 means a dynamic port from the instance's ephemeral range (bridge mode). */
  hostPort: number;
  protocol: 'tcp' | 'udp';
}

interface ContainerView {
  name?: unknown;
  cpu?: unknown;
  memory?: unknown;
  memoryReservation?: unknown;
  portMappings?: unknown;
}

const asNumber = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Task-level cpu/memory when given (that is what the task is sized to); otherwise the sum over the
 * containers of cpu, and of memoryReservation if given, else memory (the soft limit is what the
 * scheduler reserves).
 */
export function taskReservation(td: TaskDefinition): TaskReservation {
  const containers = (td.containerDefinitions ?? []) as ContainerView[];
  const taskCpu = typeof td.cpu === 'string' ? parseTaskCpu(td.cpu) : null;
  const taskMemory = typeof td.memory === 'string' ? parseTaskMemory(td.memory) : null;
  const cpuUnits = taskCpu ?? containers.reduce((sum, c) => sum + asNumber(c.cpu), 0);
  const memoryMiB =
    taskMemory ?? containers.reduce((sum, c) => sum + (c.memoryReservation !== undefined ? asNumber(c.memoryReservation) : asNumber(c.memory)), 0);
  return { cpuUnits, memoryMiB };
}

/**
 * The host ports a task binds on its container instance.
 * - bridge: hostPort as given (a static port), or 0 when omitted/0 (dynamic, chosen at placement);
 * - host: the container port itself, on the instance;
 * - awsvpc: none — the task gets its own ENI, so its ports never collide with other tasks';
 * - none: no networking, no ports.
 * Mappings given only as a containerPortRange are not listed (ranges come with a later issue).
 */
export function portRequirements(td: TaskDefinition): PortRequirement[] {
  const networkMode = td.networkMode ?? 'bridge';
  if (networkMode === 'awsvpc' || networkMode === 'none') return [];
  const result: PortRequirement[] = [];
  for (const container of (td.containerDefinitions ?? []) as ContainerView[]) {
    const mappings = Array.isArray(container.portMappings) ? (container.portMappings as Record<string, unknown>[]) : [];
    for (const m of mappings) {
      if (typeof m.containerPort !== 'number') continue;
      const hostPort = networkMode === 'host' ? m.containerPort : asNumber(m.hostPort);
      result.push({
        containerName: String(container.name ?? ''),
        containerPort: m.containerPort,
        hostPort,
        protocol: m.protocol === 'udp' ? 'udp' : 'tcp',
      });
    }
  }
  return result;
}
