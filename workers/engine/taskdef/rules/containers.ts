/**
 * How containers refer to each other and to the task: dependencies, volumes, health checks and
 * log configuration (ecs-reference §4, §13).
 */
import { HEALTH_CHECK, MAX_IGNORED_EXIT_CODES, NAME_PATTERN, RESTART_ATTEMPT_PERIOD_S } from '../limits.ts';
import { MSG } from '../messages.ts';
import { containerLabel, isEssential, type Rule, type RuleIssue } from './context.ts';
import { FIX } from './fixes.ts';

export const healthCheckRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const check = c.healthCheck;
    if (!check) return;
    const name = containerLabel(c, i);
    const at = (field: string) => ['containerDefinitions', i, 'healthCheck', field];
    const [kind] = check.command;
    if (check.command.length < 2 || (kind !== 'CMD' && kind !== 'CMD-SHELL')) {
      issues.push({ path: at('command'), message: MSG.healthCheckCommand(name) });
    }
    for (const field of ['interval', 'timeout', 'retries', 'startPeriod'] as const) {
      const value = check[field];
      const { min, max } = HEALTH_CHECK[field];
      if (value !== undefined && (value < min || value > max)) {
        issues.push({ path: at(field), message: MSG.healthCheckRange(name, field, min, max, value), fix: FIX.clamp(at(field), `healthCheck.${field}`, value, min, max) });
      }
    }
  });
  return issues;
};

/**
 * dependsOn names another container of this task; SUCCESS/COMPLETE only on non-essential ones;
 * HEALTHY needs a health check. (Cycles: rules/references.ts.)
 */
export const dependsOnRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  const byName = new Map(containers.filter((c) => c.name).map((c) => [c.name!, c]));
  const indexOf = new Map(containers.map((c, i) => [c, i]));
  containers.forEach((c, i) => {
    (c.dependsOn ?? []).forEach((dep, j) => {
      const path = ['containerDefinitions', i, 'dependsOn', j];
      const target = byName.get(dep.containerName);
      if (!target) {
        issues.push({ path: [...path, 'containerName'], message: MSG.unknownContainer(containerLabel(c, i), 'dependsOn', dep.containerName) });
      } else if (target === c) {
        issues.push({ path: [...path, 'containerName'], message: MSG.selfReference(containerLabel(c, i), 'dependsOn') });
      } else if ((dep.condition === 'SUCCESS' || dep.condition === 'COMPLETE') && isEssential(target)) {
        issues.push({ path: [...path, 'condition'], message: MSG.dependencyEssential, fix: FIX.nonEssential(indexOf.get(target)!, dep.containerName) });
      } else if (dep.condition === 'HEALTHY' && !target.healthCheck) {
        issues.push({ path: [...path, 'condition'], message: MSG.dependencyNeedsHealthCheck(containerLabel(c, i), dep.containerName) });
      }
    });
  });
  return issues;
};

/** Volume names follow the container-name pattern and are unique; mountPoints name a declared volume. */
export const volumesRule: Rule = ({ td, containers }) => {
  const hasVolumes = td.volumes !== undefined;
  const issues: RuleIssue[] = [];
  const names = new Set<string>();
  (td.volumes ?? []).forEach((v, i) => {
    if (v.name === undefined) return;
    if (!NAME_PATTERN.test(v.name)) issues.push({ path: ['volumes', i, 'name'], message: MSG.volumeNameInvalid });
    else if (names.has(v.name)) issues.push({ path: ['volumes', i, 'name'], message: MSG.volumeNamesNotUnique });
    names.add(v.name);
  });
  containers.forEach((c, i) => {
    (c.mountPoints ?? []).forEach((mp, j) => {
      if (mp.sourceVolume !== undefined && !names.has(mp.sourceVolume)) {
        issues.push({
          path: ['containerDefinitions', i, 'mountPoints', j, 'sourceVolume'],
          message: MSG.mountPointUnknownVolume(containerLabel(c, i), mp.sourceVolume),
          fix: FIX.declareVolume(mp.sourceVolume, hasVolumes),
        });
      }
    });
  });
  return issues;
};

/** awslogs needs to know where to write: awslogs-region and awslogs-group. */
export const awslogsRule: Rule = ({ containers, td }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const log = c.logConfiguration;
    if (!log || log.logDriver !== 'awslogs') return;
    const missing = ['awslogs-region', 'awslogs-group'].filter((option) => !log.options?.[option]);
    if (missing.length > 0) {
      issues.push({ path: ['containerDefinitions', i, 'logConfiguration', 'options'], message: MSG.awslogsOptions(missing), fix: FIX.awslogsOptions(i, td.family, log.options, missing) });
    }
  });
  return issues;
};

/** A ulimit's soft limit cannot exceed its hard limit. */
export const ulimitsRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    (c.ulimits ?? []).forEach((u, j) => {
      if (u.softLimit > u.hardLimit) {
        issues.push({ path: ['containerDefinitions', i, 'ulimits', j, 'softLimit'], message: MSG.ulimitSoftAboveHard(containerLabel(c, i), u.name, u.softLimit, u.hardLimit) });
      }
    });
  });
  return issues;
};

export const restartPolicyRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  const { min, max } = RESTART_ATTEMPT_PERIOD_S;
  containers.forEach((c, i) => {
    const period = c.restartPolicy?.restartAttemptPeriod;
    if (period !== undefined && (period < min || period > max)) {
      issues.push({ path: ['containerDefinitions', i, 'restartPolicy', 'restartAttemptPeriod'], message: MSG.restartAttemptPeriod(containerLabel(c, i), min, max, period) });
    }
  });
  return issues;
};

/**
 * FireLens needs both halves: a log router container (firelensConfiguration) and at least one
 * container sending its logs to it (logDriver awsfirelens). Either alone is refused.
 */
export const firelensRule: Rule = ({ containers }) => {
  const router = containers.findIndex((c) => c.firelensConfiguration !== undefined);
  const sender = containers.findIndex((c) => c.logConfiguration?.logDriver === 'awsfirelens');
  if (router >= 0 && sender < 0) return [{ path: ['containerDefinitions', router, 'firelensConfiguration'], message: MSG.firelensWithoutDriver }];
  if (sender >= 0 && router < 0) return [{ path: ['containerDefinitions', sender, 'logConfiguration', 'logDriver'], message: MSG.firelensDriverWithoutRouter }];
  return [];
};

/** At most 50 exit codes that do not restart a container (restartPolicy.ignoredExitCodes). */
export const ignoredExitCodesRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const codes = c.restartPolicy?.ignoredExitCodes ?? [];
    if (codes.length > MAX_IGNORED_EXIT_CODES) {
      issues.push({ path: ['containerDefinitions', i, 'restartPolicy', 'ignoredExitCodes'], message: MSG.tooManyIgnoredExitCodes(containerLabel(c, i), codes.length, MAX_IGNORED_EXIT_CODES) });
    }
  });
  return issues;
};
