/**
 * Task-wide settings beyond size and networking: what the EXTERNAL launch type supports, placement
 * constraints, secrets and the execution role that reads them, environment files, port ranges, EFS.
 */
import {
  MAX_ENVIRONMENT_FILES,
  MAX_PLACEMENT_CONSTRAINTS,
  MAX_PLACEMENT_EXPRESSION_CHARS,
  MAX_PORT_RANGES_PER_CONTAINER,
  PORT_MAX,
  PORT_MIN,
  PORT_RANGE_PATTERN,
  S3_OBJECT_ARN_PATTERN,
} from '../limits.ts';
import { MSG } from '../messages.ts';
import { containerLabel, type Rule, type RuleIssue } from './context.ts';
import { FIX } from './fixes.ts';
import { memberOfProblem } from './member-of.ts';

/** ECS Anywhere (EXTERNAL) instances support bridge, host and none, not awsvpc. */
export const externalNetworkModeRule: Rule = ({ td }) =>
  (td.requiresCompatibilities ?? []).includes('EXTERNAL') && td.networkMode === 'awsvpc'
    ? [{ path: ['networkMode'], message: MSG.externalAwsvpc }]
    : [];

/** At most 10 memberOf constraints, each with an expression of at most 2000 characters, of the cluster query language's form (member-of.ts). */
export const placementConstraintsRule: Rule = ({ td }) => {
  const constraints = td.placementConstraints ?? [];
  if (constraints.length > MAX_PLACEMENT_CONSTRAINTS) {
    return [{ path: ['placementConstraints'], message: MSG.tooManyPlacementConstraints(constraints.length, MAX_PLACEMENT_CONSTRAINTS) }];
  }
  const issues: RuleIssue[] = [];
  constraints.forEach((constraint, i) => {
    const expression = constraint.expression ?? '';
    if (expression.trim() === '') issues.push({ path: ['placementConstraints', i], message: MSG.placementExpressionRequired });
    else if (expression.length > MAX_PLACEMENT_EXPRESSION_CHARS) {
      issues.push({ path: ['placementConstraints', i, 'expression'], message: MSG.placementExpressionTooLong(expression.length, MAX_PLACEMENT_EXPRESSION_CHARS) });
    } else {
      const problem = memberOfProblem(expression);
      if (problem) issues.push({ path: ['placementConstraints', i, 'expression'], message: MSG.memberOfSyntax(expression, problem) });
    }
  });
  return issues;
};

/** Secrets (as variables or log options) are fetched with the task execution role, on every launch type. */
export const secretsRule: Rule = ({ td, containers }) => {
  if (td.executionRoleArn) return [];
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    if (c.secrets && c.secrets.length > 0) {
      issues.push({ path: ['containerDefinitions', i, 'secrets'], message: MSG.secretsNeedExecutionRole, fix: FIX.addExecutionRole() });
    }
    const logSecrets = c.logConfiguration?.secretOptions;
    if (logSecrets && logSecrets.length > 0) {
      issues.push({ path: ['containerDefinitions', i, 'logConfiguration', 'secretOptions'], message: MSG.logSecretsNeedExecutionRole(containerLabel(c, i)), fix: FIX.addExecutionRole() });
    }
  });
  return issues;
};

export const environmentFilesRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const files = c.environmentFiles ?? [];
    const label = containerLabel(c, i);
    if (files.length > MAX_ENVIRONMENT_FILES) {
      issues.push({ path: ['containerDefinitions', i, 'environmentFiles'], message: MSG.tooManyEnvironmentFiles(label, files.length, MAX_ENVIRONMENT_FILES) });
      return;
    }
    files.forEach((file, j) => {
      if (!S3_OBJECT_ARN_PATTERN.test(file.value)) {
        issues.push({ path: ['containerDefinitions', i, 'environmentFiles', j, 'value'], message: MSG.environmentFileArn(label, file.value) });
      }
    });
  });
  return issues;
};

/** containerPortRange "first-last" (1 ≤ first < last ≤ 65535), alone in its mapping, in bridge or awsvpc mode; ≤ 100 per container. */
export const portRangeSyntaxRule: Rule = ({ containers, networkMode }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const label = containerLabel(c, i);
    const ranges = (c.portMappings ?? []).filter((m) => m.containerPortRange !== undefined).length;
    if (ranges > MAX_PORT_RANGES_PER_CONTAINER) {
      issues.push({ path: ['containerDefinitions', i, 'portMappings'], message: MSG.tooManyPortRanges(label, ranges, MAX_PORT_RANGES_PER_CONTAINER) });
      return;
    }
    (c.portMappings ?? []).forEach((m, j) => {
      if (m.containerPortRange === undefined) return;
      const at = (field: string) => ['containerDefinitions', i, 'portMappings', j, field];
      const match = PORT_RANGE_PATTERN.exec(m.containerPortRange);
      const first = Number(match?.[1]);
      const last = Number(match?.[2]);
      if (!match || first < PORT_MIN || last > PORT_MAX || first >= last) {
        issues.push({ path: at('containerPortRange'), message: MSG.portRangeInvalid(label, m.containerPortRange) });
      } else if (m.containerPort !== undefined || m.hostPort !== undefined) {
        issues.push({ path: at('containerPortRange'), message: MSG.portRangeWithPort(label) });
      } else if (networkMode !== 'bridge' && networkMode !== 'awsvpc') {
        issues.push({ path: at('containerPortRange'), message: MSG.portRangeNetworkMode(label, networkMode) });
      }
    });
  });
  return issues;
};

/** EFS: access points and IAM authorization only over TLS; an access point fixes the root directory. */
export const efsRule: Rule = ({ td }) => {
  const issues: RuleIssue[] = [];
  (td.volumes ?? []).forEach((v, i) => {
    const efs = v.efsVolumeConfiguration;
    if (!efs) return;
    const name = v.name ?? `volumes[${i}]`;
    const auth = efs.authorizationConfig;
    const needsTls = auth?.accessPointId !== undefined || auth?.iam === 'ENABLED';
    const at = (field: string) => ['volumes', i, 'efsVolumeConfiguration', field];
    if (needsTls && efs.transitEncryption !== 'ENABLED') issues.push({ path: at('transitEncryption'), message: MSG.efsTransitEncryption(name) });
    if (auth?.accessPointId !== undefined && efs.rootDirectory !== undefined && efs.rootDirectory !== '/') {
      issues.push({ path: at('rootDirectory'), message: MSG.efsRootWithAccessPoint(name) });
    }
  });
  return issues;
};
