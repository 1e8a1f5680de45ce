/**
 * The EC2 instance types a learner can add as container instances. The figures are data, in
 * instance-types.json (with their sources): vCPUs, memory, architecture, the maximum number of
 * network interfaces (ENIs), the awsvpc task limit with ENI trunking (null where ECS does not
 * support trunking, e.g. every t2/t3/t3a/t4g size) and the on-demand Linux price in us-east-1.
 *
 * What ECS registers (ecs-reference §2):
 * - CPU: 1024 units per vCPU.
 * - MEMORY: the memory the OS reports, minus ECS_RESERVED_MEMORY (default 0). The OS reports less
 *   than the nominal size (kernel and firmware keep some): the reference's example is an m4.large
 *   with 8 GiB registering about 7985 MiB. We scale that ratio (7985/8192 ≈ 97.5 %) to every type,
 *   so a t3.medium (4096 MiB) registers floor(4096 × 7985 / 8192) = 3992 MiB.
 *
 * awsvpc tasks on EC2 (ecs-reference §2, "ENIs for awsvpc on EC2"): each task holds one ENI and the
 * instance's primary ENI counts against the maximum, so without trunking an instance runs
 * maxEnis − 1 awsvpc tasks (c5.large: 3 − 1 = 2); with the awsvpcTrunking account setting a
 * supported type gets a trunk ENI and ECS's table value instead (c5.large: 10).
 */
import { didYouMean } from '../text.ts';
import catalogue from './instance-types.json' with { type: 'json' };

export type CpuArchitecture = 'x86_64' | 'arm64';

export interface InstanceType {
  name: string;
  /** The part before the dot: `m5` for `m5.large`. */
  family: string;
  vcpus: number;
  memoryMiB: number;
  architecture: CpuArchitecture;
  /** Maximum network interfaces, the primary one included. */
  maxEnis: number;
  /** awsvpc tasks with ENI trunking (ECS's table), or null when the type cannot be trunked. */
  trunkingTaskLimit: number | null;
  /** On-demand Linux price in us-east-1, USD per hour (see instance-types.json for the date). */
  onDemandUsdPerHour: number;
}

interface CatalogueRow {
  name: string;
  family: string;
  vcpus: number;
  memoryGiB: number;
  architecture: string;
  maxEnis: number;
  trunkingTaskLimit: number | null;
  onDemandUsdPerHour: number;
}

const GiB = 1024;

function toInstanceType(row: CatalogueRow): InstanceType {
  return {
    name: row.name,
    family: row.family,
    vcpus: row.vcpus,
    memoryMiB: row.memoryGiB * GiB,
    architecture: row.architecture === 'arm64' ? 'arm64' : 'x86_64',
    maxEnis: row.maxEnis,
    trunkingTaskLimit: row.trunkingTaskLimit,
    onDemandUsdPerHour: row.onDemandUsdPerHour,
  };
}

const ROWS: readonly CatalogueRow[] = catalogue.types;

/** Where the figures come from (sources and dates, from the data file). */
export const INSTANCE_TYPE_SOURCES: Readonly<Record<string, string>> = catalogue.sources;

export const INSTANCE_TYPES: ReadonlyMap<string, InstanceType> = new Map(ROWS.map((row) => [row.name, toInstanceType(row)]));

export const INSTANCE_TYPE_NAMES: readonly string[] = ROWS.map((row) => row.name);

/** The families in catalogue order (`t3`, `t3a`, …, `m5`, …). */
export const INSTANCE_FAMILIES: readonly string[] = [...new Set(ROWS.map((row) => row.family))];

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

/**
 * How many awsvpc tasks an instance of this type can run: maxEnis − 1 without trunking; with
 * trunking, ECS's table value when the type supports trunking, else still maxEnis − 1 (ECS
 * registers such an instance without a trunk).
 */
export function awsvpcTaskLimit(type: InstanceType, trunkingEnabled: boolean): number {
  if (trunkingEnabled && type.trunkingTaskLimit !== null) return type.trunkingTaskLimit;
  return Math.max(0, type.maxEnis - 1);
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
