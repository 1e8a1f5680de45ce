/**
 * The EC2 instance types a learner can add as container instances: real vCPU counts, memory and
 * maximum network interfaces (ENIs) from the EC2 instance-type tables (ecs-reference §2 lists the
 * ENI figures it confirms; t3.micro's 2 ENIs is marked unconfirmed there).
 *
 * What ECS registers (ecs-reference §2):
 * - CPU: 1024 units per vCPU.
 * - MEMORY: the memory the OS reports, minus ECS_RESERVED_MEMORY (default 0). The OS reports less
 *   than the nominal size (kernel and firmware keep some): the reference's example is an m4.large
 *   with 8 GiB registering about 7985 MiB. We scale that ratio (7985/8192 ≈ 97.5 %) to every type,
 *   so a t3.medium (4096 MiB) registers floor(4096 × 7985 / 8192) = 3992 MiB.
 */
import { didYouMean } from '../text.ts';

export type CpuArchitecture = 'x86_64' | 'arm64';

export interface InstanceType {
  name: string;
  vcpus: number;
  memoryMiB: number;
  architecture: CpuArchitecture;
  maxEnis: number;
}

const GiB = 1024;

// name, vCPUs, memory GiB, architecture, max ENIs
const TABLE: readonly [string, number, number, CpuArchitecture, number][] = [
  ['t3.micro', 2, 1, 'x86_64', 2],
  ['t3.small', 2, 2, 'x86_64', 3],
  ['t3.medium', 2, 4, 'x86_64', 3],
  ['t3.large', 2, 8, 'x86_64', 3],
  ['t3.xlarge', 4, 16, 'x86_64', 4],
  ['t3.2xlarge', 8, 32, 'x86_64', 4],
  ['t3a.micro', 2, 1, 'x86_64', 2],
  ['t3a.small', 2, 2, 'x86_64', 2],
  ['t3a.medium', 2, 4, 'x86_64', 3],
  ['t3a.large', 2, 8, 'x86_64', 3],
  ['t3a.xlarge', 4, 16, 'x86_64', 4],
  ['t3a.2xlarge', 8, 32, 'x86_64', 4],
  ['t4g.micro', 2, 1, 'arm64', 2],
  ['t4g.small', 2, 2, 'arm64', 3],
  ['t4g.medium', 2, 4, 'arm64', 3],
  ['m5.large', 2, 8, 'x86_64', 3],
  ['m5.xlarge', 4, 16, 'x86_64', 4],
  ['m5.2xlarge', 8, 32, 'x86_64', 4],
  ['m5.4xlarge', 16, 64, 'x86_64', 8],
  ['m6i.large', 2, 8, 'x86_64', 3],
  ['m6i.xlarge', 4, 16, 'x86_64', 4],
  ['c5.large', 2, 4, 'x86_64', 3],
  ['c5.xlarge', 4, 8, 'x86_64', 4],
  ['c5.2xlarge', 8, 16, 'x86_64', 4],
  ['c5.4xlarge', 16, 32, 'x86_64', 8],
  ['r5.large', 2, 16, 'x86_64', 3],
  ['r5.xlarge', 4, 32, 'x86_64', 4],
  ['r5.2xlarge', 8, 64, 'x86_64', 4],
  ['m6g.medium', 1, 4, 'arm64', 2],
  ['m6g.large', 2, 8, 'arm64', 3],
  ['m6g.xlarge', 4, 16, 'arm64', 4],
  ['c6g.large', 2, 4, 'arm64', 3],
  ['c6g.xlarge', 4, 8, 'arm64', 4],
  ['m7g.large', 2, 8, 'arm64', 3],
  ['m7g.xlarge', 4, 16, 'arm64', 4],
];

export const INSTANCE_TYPES: ReadonlyMap<string, InstanceType> = new Map(
  TABLE.map(([name, vcpus, gib, architecture, maxEnis]) => [
    name,
    { name, vcpus, memoryMiB: gib * GiB, architecture, maxEnis },
  ]),
);

export const INSTANCE_TYPE_NAMES: readonly string[] = TABLE.map(([name]) => name);

/** Calibration of OS-visible memory, from ecs-reference §2 (m4.large: 8192 MiB → 7985 MiB). */
const OS_VISIBLE_NUMERATOR = 7985;
const OS_VISIBLE_DENOMINATOR = 8192;

/** ECS_RESERVED_MEMORY's default. */
export const AGENT_RESERVED_MEMORY_MIB = 0;

export function registeredCpuUnits(type: InstanceType): number {
  return type.vcpus * 1024;
}

export function registeredMemoryMiB(type: InstanceType): number {
  return Math.floor((type.memoryMiB * OS_VISIBLE_NUMERATOR) / OS_VISIBLE_DENOMINATOR) - AGENT_RESERVED_MEMORY_MIB;
}

export type InstanceTypeLookup = { ok: true; type: InstanceType } | { ok: false; suggestion: string; examples: string[] };

export function lookupInstanceType(name: string): InstanceTypeLookup {
  const type = INSTANCE_TYPES.get(name);
  if (type !== undefined) return { ok: true, type };
  return {
    ok: false,
    suggestion: didYouMean(name, INSTANCE_TYPE_NAMES),
    examples: ['t3.micro', 't3.medium', 'm5.large', 'c5.xlarge', 'r5.large', 'm6g.large'],
  };
}
