/**
 * Fargate's extra rules (ecs-reference §3): awsvpc only, a task size from the fixed table, no
 * host-level features, an execution role to pull from private ECR.
 */
import {
  ECR_IMAGE_PATTERN,
  EPHEMERAL_STORAGE_MAX_GIB,
  EPHEMERAL_STORAGE_MIN_GIB,
  FARGATE_MAX_NOFILE,
  FARGATE_MAX_STOP_TIMEOUT_S,
  FARGATE_LOG_DRIVERS,
  FARGATE_SIZES,
  FARGATE_UNSUPPORTED_CONTAINER_PARAMS,
  FARGATE_UNSUPPORTED_LINUX_PARAMS,
  type FargateSize,
} from '../limits.ts';
import { FIX, nearest } from './fixes.ts';
import { MSG } from '../messages.ts';
import { containerLabel, type Rule, type RuleContext, type RuleIssue } from './context.ts';

export const fargateNetworkModeRule: Rule = ({ fargate, networkMode }) =>
  fargate && networkMode !== 'awsvpc' ? [{ path: ['networkMode'], message: MSG.fargateNetworkMode, fix: FIX.awsvpc() }] : [];

/** Task-level cpu and memory are required and must be one of the combinations of the size table. */
export const fargateSizeRule: Rule = (ctx) => {
  if (!ctx.fargate) return [];
  const issues: RuleIssue[] = [];
  // With one of the two given, the other has an obvious value: the smallest that goes with it.
  const memory = ctx.taskMemoryMiB;
  const cpu = ctx.taskCpuUnits;
  const rows = fargateRows(ctx);
  if (cpu === undefined) {
    const row = typeof memory === 'number' ? rows.find((size) => size.memoryMiB.includes(memory)) : undefined;
    issues.push({ path: ['cpu'], message: MSG.fargateCpuRequired, ...(row && { fix: FIX.fargateCpu(row.cpuUnits) }) });
  }
  if (memory === undefined) {
    const row = typeof cpu === 'number' ? rows.find((size) => size.cpuUnits === cpu) : undefined;
    issues.push({ path: ['memory'], message: MSG.fargateMemoryRequired, ...(row && { fix: FIX.fargateMemoryForCpu(row.memoryMiB[0]!) }) });
  }
  if (typeof ctx.taskCpuUnits === 'number' && typeof ctx.taskMemoryMiB === 'number') {
    const problem = fargateSizeProblem(ctx, ctx.taskCpuUnits, ctx.taskMemoryMiB);
    if (problem) issues.push(problem);
  }
  return issues;
};

/**
 * Why the size is invalid for Fargate — on the field at fault, with the values that would be
 * valid — or null when it is valid. A memory that does not go with the cpu gets the nearest one
 * that does as a quick fix.
 */
/** The rows of the size table this definition's operating system may use. */
function fargateRows(ctx: RuleContext): readonly FargateSize[] {
  const windows = (ctx.td.runtimePlatform?.operatingSystemFamily ?? 'LINUX') !== 'LINUX';
  return windows ? FARGATE_SIZES.filter((size) => size.windows) : FARGATE_SIZES;
}

function fargateSizeProblem(ctx: RuleContext, cpuUnits: number, memoryMiB: number): RuleIssue | null {
  const windows = (ctx.td.runtimePlatform?.operatingSystemFamily ?? 'LINUX') !== 'LINUX';
  const rows = fargateRows(ctx);
  const row = rows.find((size) => size.cpuUnits === cpuUnits);
  if (!row) return { path: ['cpu'], message: MSG.invalidFargateCpu(cpuUnits, rows.map((r) => r.cpuUnits), windows) };
  if (row.memoryMiB.includes(memoryMiB)) return null;
  return { path: ['memory'], message: MSG.invalidFargateMemory(cpuUnits, memoryMiB, row.memoryMiB), fix: FIX.fargateMemory(nearest(memoryMiB, row.memoryMiB)) };
}

/** True when Fargate could run this size: used for `compatibilities` too. */
export function isFargateSize(cpuUnits: number, memoryMiB: number, windows: boolean): boolean {
  const row = FARGATE_SIZES.find((size) => size.cpuUnits === cpuUnits);
  return !!row && (!windows || row.windows) && row.memoryMiB.includes(memoryMiB);
}

/** Task-level features Fargate refuses: pidMode other than task, ipcMode, placementConstraints. */
export const fargateTaskParamsRule: Rule = ({ fargate, td }) => {
  if (!fargate) return [];
  const issues: RuleIssue[] = [];
  if (td.pidMode !== undefined && td.pidMode !== 'task') issues.push({ path: ['pidMode'], message: MSG.fargatePidMode(td.pidMode), fix: FIX.remove(['pidMode'], 'pidMode') });
  if (td.ipcMode !== undefined) issues.push({ path: ['ipcMode'], message: MSG.fargateIpcMode, fix: FIX.remove(['ipcMode'], 'ipcMode') });
  if (td.placementConstraints && td.placementConstraints.length > 0) {
    issues.push({ path: ['placementConstraints'], message: MSG.fargateUnsupported('placementConstraints'), fix: FIX.remove(['placementConstraints'], 'placementConstraints') });
  }
  return issues;
};

/** Container features that need the host (links, privileged, DNS/hosts overrides, …). */
export const fargateContainerParamsRule: Rule = ({ fargate, containers }) => {
  if (!fargate) return [];
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    for (const param of FARGATE_UNSUPPORTED_CONTAINER_PARAMS) {
      const value: unknown = c[param];
      const used = Array.isArray(value) ? value.length > 0 : value === true;
      const path = ['containerDefinitions', i, param];
      if (used) issues.push({ path, message: MSG.fargateUnsupported(param), fix: FIX.remove(path, param) });
    }
    if (c.stopTimeout !== undefined && c.stopTimeout > FARGATE_MAX_STOP_TIMEOUT_S) {
      issues.push({ path: ['containerDefinitions', i, 'stopTimeout'], message: MSG.fargateStopTimeout(containerLabel(c, i), c.stopTimeout) });
    }
  });
  return issues;
};

/** No GPUs on Fargate, and a nofile ulimit of at most 1048576. */
export const fargateContainerLimitsRule: Rule = ({ fargate, containers }) => {
  if (!fargate) return [];
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    (c.resourceRequirements ?? []).forEach((r, j) => {
      if (r.type === 'GPU') issues.push({ path: ['containerDefinitions', i, 'resourceRequirements', j], message: MSG.fargateUnsupported('GPU resource requirements') });
    });
    (c.ulimits ?? []).forEach((u, j) => {
      if (u.name === 'nofile' && u.hardLimit > FARGATE_MAX_NOFILE) {
        issues.push({ path: ['containerDefinitions', i, 'ulimits', j, 'hardLimit'], message: MSG.fargateNofile(containerLabel(c, i), u.hardLimit, FARGATE_MAX_NOFILE) });
      }
    });
  });
  return issues;
};

/** Fargate pulls private ECR images with the task execution role (ecs-reference §10). */
export const fargateEcrRule: Rule = ({ fargate, containers, td }) => {
  if (!fargate || td.executionRoleArn) return [];
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    if (c.image && ECR_IMAGE_PATTERN.test(c.image)) {
      issues.push({ path: ['containerDefinitions', i, 'image'], message: MSG.fargateEcrNeedsExecutionRole, fix: FIX.addExecutionRole() });
    }
  });
  return issues;
};

/** Fargate has no host to bind-mount from and no Docker volume plugins: only scratch, EFS and FSx volumes. */
export const fargateVolumesRule: Rule = ({ fargate, td }) => {
  if (!fargate) return [];
  const issues: RuleIssue[] = [];
  (td.volumes ?? []).forEach((v, i) => {
    if (v.host?.sourcePath !== undefined) issues.push({ path: ['volumes', i, 'host', 'sourcePath'], message: MSG.fargateUnsupported('host volumes with a sourcePath') });
    if (v.dockerVolumeConfiguration !== undefined) issues.push({ path: ['volumes', i, 'dockerVolumeConfiguration'], message: MSG.fargateUnsupported('dockerVolumeConfiguration') });
  });
  return issues;
};

/** linuxParameters that need the host: devices, shared memory size, tmpfs, swap; added capabilities other than SYS_PTRACE. */
export const fargateLinuxParametersRule: Rule = ({ fargate, containers }) => {
  if (!fargate) return [];
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const linux = c.linuxParameters;
    if (!linux) return;
    const at = (...rest: (string | number)[]) => ['containerDefinitions', i, 'linuxParameters', ...rest];
    for (const param of FARGATE_UNSUPPORTED_LINUX_PARAMS) {
      if (linux[param] !== undefined) issues.push({ path: at(param), message: MSG.fargateUnsupported(`linuxParameters.${param}`), fix: FIX.remove(at(param), `linuxParameters.${param}`) });
    }
    (linux.capabilities?.add ?? []).forEach((capability, j) => {
      if (capability !== 'SYS_PTRACE') issues.push({ path: at('capabilities', 'add', j), message: MSG.fargateUnsupported(`the '${capability}' capability`) });
    });
  });
  return issues;
};

/** Fargate ships logs with awslogs, splunk or FireLens only, and needs the execution role for awslogs. */
export const fargateLoggingRule: Rule = ({ fargate, containers, td }) => {
  if (!fargate) return [];
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const driver = c.logConfiguration?.logDriver;
    if (driver === undefined) return;
    const path = ['containerDefinitions', i, 'logConfiguration', 'logDriver'];
    if (!(FARGATE_LOG_DRIVERS as readonly string[]).includes(driver)) issues.push({ path, message: MSG.fargateLogDriver(driver) });
    else if (driver === 'awslogs' && !td.executionRoleArn) issues.push({ path, message: MSG.fargateAwslogsNeedsExecutionRole, fix: FIX.addExecutionRole() });
  });
  return issues;
};

export const ephemeralStorageRule: Rule = ({ td }) => {
  const gib = td.ephemeralStorage?.sizeInGiB;
  if (gib === undefined || (gib >= EPHEMERAL_STORAGE_MIN_GIB && gib <= EPHEMERAL_STORAGE_MAX_GIB)) return [];
  const path = ['ephemeralStorage', 'sizeInGiB'];
  return [{ path, message: MSG.ephemeralStorage(gib), fix: FIX.clamp(path, 'ephemeralStorage.sizeInGiB', gib, EPHEMERAL_STORAGE_MIN_GIB, EPHEMERAL_STORAGE_MAX_GIB) }];
};

/**
 * Every rule that decides whether Fargate can run the definition. `compatibilities` lists FARGATE
 * exactly when these all pass (attributes.ts), so the two can never disagree.
 */
export const FARGATE_RULES: readonly Rule[] = [
  fargateNetworkModeRule,
  fargateSizeRule,
  fargateTaskParamsRule,
  fargateContainerParamsRule,
  fargateContainerLimitsRule,
  fargateEcrRule,
  fargateVolumesRule,
  fargateLinuxParametersRule,
  fargateLoggingRule,
];
