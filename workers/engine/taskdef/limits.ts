/**
 * The numbers and patterns of ECS task definitions, in one place. The zod model (for the JSON
 * Schema the editor shows) and the rules (for the errors AWS returns) both read them from here,
 * so a limit can never say one thing in the editor and another at registration.
 * Sources: ecs-reference.md §2, §3, §4, §13.
 */

/** `family`: up to 255 letters, numbers, hyphens and underscores (ecs-reference §13). */
export const FAMILY_PATTERN = /^[a-zA-Z0-9_-]{1,255}$/;
/** Container and volume names: same character set and length as the family. */
export const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,255}$/;
/** Image: up to 255 letters, numbers, hyphens, underscores, colons, periods, forward slashes, number signs (and `@` of a digest). */
export const IMAGE_PATTERN = /^[a-zA-Z0-9_\-:./#@]{1,255}$/;
/** A private ECR image URI: `<account>.dkr.ecr.<region>.amazonaws.com/<repo>` (ecs-reference §10). */
export const ECR_IMAGE_PATTERN = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;
/** An IAM role ARN (ecs-reference §11); a bare role name is accepted too (the command language resolves names). */
export const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]{1,512}$/;
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/** At most 10 containers per task definition (quota, ecs-reference §13). */
export const MAX_CONTAINERS = 10;
/** Task definition JSON size quota: 64 KiB (ecs-reference §13). */
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024;

/** Docker ≥ 20.10 refuses a container memory limit under 6 MiB (ecs-reference §2). */
export const MIN_CONTAINER_MEMORY_MIB = 6;
/** Task-level cpu on EC2: 128–10240 units (0.125–10 vCPU) (ecs-reference §2). */
export const EC2_TASK_CPU_MIN = 128;
export const EC2_TASK_CPU_MAX = 10240;
/** 1024 CPU units per vCPU (ecs-reference §2). */
export const CPU_UNITS_PER_VCPU = 1024;

export const PORT_MIN = 1;
export const PORT_MAX = 65535;

/** Container health check bounds in seconds (interval/timeout/retries/startPeriod), ecs-reference §4. */
export const HEALTH_CHECK = {
  interval: { min: 5, max: 300, default: 30 },
  timeout: { min: 2, max: 60, default: 5 },
  retries: { min: 1, max: 10, default: 3 },
  startPeriod: { min: 0, max: 300, default: 0 },
} as const;

/** Fargate stopTimeout maximum (s) and default (ecs-reference §4). */
export const FARGATE_MAX_STOP_TIMEOUT_S = 120;
export const DEFAULT_STOP_TIMEOUT_S = 30;

/** Fargate ephemeral storage: 20 GiB by default, configurable 21–200 GiB (ecs-reference §3). */
export const EPHEMERAL_STORAGE_MIN_GIB = 21;
export const EPHEMERAL_STORAGE_MAX_GIB = 200;

/** One row of the Fargate size table: task cpu units → allowed task memory (MiB). */
export interface FargateSize {
  cpuUnits: number;
  memoryMiB: readonly number[];
  /** Windows containers are supported from 1 vCPU up to 4 vCPU. */
  windows: boolean;
}

function range(fromMiB: number, toMiB: number, stepMiB: number): number[] {
  const values: number[] = [];
  for (let v = fromMiB; v <= toMiB; v += stepMiB) values.push(v);
  return values;
}

/** Valid Fargate cpu/memory combinations (ecs-reference §3). */
export const FARGATE_SIZES: readonly FargateSize[] = [
  { cpuUnits: 256, memoryMiB: [512, 1024, 2048], windows: false },
  { cpuUnits: 512, memoryMiB: range(1024, 4096, 1024), windows: false },
  { cpuUnits: 1024, memoryMiB: range(2048, 8192, 1024), windows: true },
  { cpuUnits: 2048, memoryMiB: range(4096, 16384, 1024), windows: true },
  { cpuUnits: 4096, memoryMiB: range(8192, 30720, 1024), windows: true },
  { cpuUnits: 8192, memoryMiB: range(16384, 61440, 4096), windows: false },
  { cpuUnits: 16384, memoryMiB: range(32768, 122880, 8192), windows: false },
];

/**
 * Container parameters Fargate refuses (ecs-reference §3 "Other Fargate rules"). Not systemControls:
 * the reference lists it, but the API docs (SystemControl) now say Fargate supports it on Linux
 * platform version 1.4.0 and later, which is what the sandbox runs.
 */
export const FARGATE_UNSUPPORTED_CONTAINER_PARAMS = [
  'links',
  'privileged',
  'disableNetworking',
  'dnsServers',
  'dnsSearchDomains',
  'dockerSecurityOptions',
  'extraHosts',
] as const;

/** The fields of a DescribeTaskDefinition output that RegisterTaskDefinition does not take. */
export const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'compatibilities',
  'requiresAttributes',
] as const;

/** Task definition placement constraints: at most 10, expressions up to 2000 characters (ecs-reference §1). */
export const MAX_PLACEMENT_CONSTRAINTS = 10;
export const MAX_PLACEMENT_EXPRESSION_CHARS = 2000;
/** Up to 10 environment files per container, each an S3 object ARN (ecs-reference §13). */
export const MAX_ENVIRONMENT_FILES = 10;
export const S3_OBJECT_ARN_PATTERN = /^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}\/.+/;
/** containerPortRange: "first-last". */
export const PORT_RANGE_PATTERN = /^(\d{1,5})-(\d{1,5})$/;
/** Fargate's log drivers (ecs-reference §3). */
export const FARGATE_LOG_DRIVERS = ['awslogs', 'splunk', 'awsfirelens'] as const;
/** linuxParameters Fargate refuses (capabilities.add is checked apart: SYS_PTRACE is allowed). */
export const FARGATE_UNSUPPORTED_LINUX_PARAMS = ['devices', 'sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness'] as const;

/** Fargate's ceiling for the nofile ulimit (ecs-reference §3). */
export const FARGATE_MAX_NOFILE = 1_048_576;
/** Container restart policy: seconds a container must run before a restart is attempted. */
export const RESTART_ATTEMPT_PERIOD_S = { min: 60, max: 1800 } as const;
/** Container restart policy: at most 50 ignored exit codes (ECS API RestartPolicy). */
export const MAX_IGNORED_EXIT_CODES = 50;
/** At most 100 containerPortRange mappings per container (ecs-reference §3). */
export const MAX_PORT_RANGES_PER_CONTAINER = 100;

/** Work caps so that no input, however large or deep, makes validation slow. */
export const INPUT_CAPS = { maxDepth: 32, maxNodes: 20_000 } as const;
