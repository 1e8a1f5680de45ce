/**
 * The Fargate lane of an AZ column: Fargate tasks have no container instance, only the AZ of the
 * subnet their ENI was created in (`availabilityZone`), a task size from the task definition and
 * a private IP on that ENI. This turns them into tiles for the lane; the cluster view model puts
 * one lane in each AZ column.
 */
import type { Task } from '../../../workers/protocol.ts';
import type { TaskTile } from './cluster.ts';

export interface FargateTile extends TaskTile {
  /** `0.25 vCPU · 0.5 GB`, as the console writes task sizes. */
  size: string;
  cpuUnits: number | null;
  memoryMiB: number | null;
  privateIp: string | null;
  subnetId: string | null;
  networkInterfaceId: string | null;
  /** Everything above in one line, for the tile's tooltip. */
  title: string;
}

export function isFargateTask(task: Pick<Task, 'launchType' | 'capacityProviderName'>): boolean {
  return task.launchType === 'FARGATE' || task.capacityProviderName === 'FARGATE' || task.capacityProviderName === 'FARGATE_SPOT';
}

/** `256` → `0.25 vCPU`; `1024` → `1 vCPU`. */
export function vcpuText(cpuUnits: number): string {
  return `${trimNumber(cpuUnits / 1024)} vCPU`;
}

/** `512` → `0.5 GB`; `3072` → `3 GB` (the console's GB are GiB). */
export function memoryGbText(memoryMiB: number): string {
  return `${trimNumber(memoryMiB / 1024)} GB`;
}

function trimNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function positive(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : null;
}

/** The detail of the task's ENI attachment, e.g. `privateIPv4Address`. */
export function eniDetail(task: Task, name: string): string | null {
  for (const attachment of task.attachments ?? []) {
    if (attachment.type !== 'ElasticNetworkInterface') continue;
    const value = attachment.details?.find((d) => d.name === name)?.value;
    if (value) return value;
  }
  return null;
}

/** `base` is the task's ordinary tile (cluster.ts's taskTile); this adds what the lane shows. */
export function fargateTile(task: Task, base: TaskTile): FargateTile {
  const cpuUnits = positive(task.cpu);
  const memoryMiB = positive(task.memory);
  const size = [cpuUnits !== null ? vcpuText(cpuUnits) : null, memoryMiB !== null ? memoryGbText(memoryMiB) : null].filter(Boolean).join(' · ') || 'size unknown';
  const privateIp = eniDetail(task, 'privateIPv4Address');
  const subnetId = eniDetail(task, 'subnetId');
  const networkInterfaceId = eniDetail(task, 'networkInterfaceId');
  const where = [privateIp ? `private IP ${privateIp}` : 'no IP yet', subnetId, networkInterfaceId].filter(Boolean).join(', ');
  const spot = [base.spot ? 'on Fargate Spot' : null, base.interruptionText].filter(Boolean).join(', ');
  const ariaLabel = `Fargate task ${base.shortId} of ${base.definition}, ${size}, ${task.lastStatus}${privateIp ? `, private IP ${privateIp}` : ''}${spot ? `, ${spot}` : ''}`;
  return {
    ...base,
    ariaLabel,
    size,
    cpuUnits,
    memoryMiB,
    privateIp,
    subnetId,
    networkInterfaceId,
    title: `${base.definition} (${base.shortId}) on Fargate${base.spot ? ' Spot' : ''}: ${size}, ${task.lastStatus}${base.interruptionText ? ` (${base.interruptionText})` : ''}; ${where}`,
  };
}
