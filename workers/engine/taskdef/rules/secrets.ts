/**
 * Where secrets come from and what they are called: `secrets[].valueFrom` and
 * `logConfiguration.secretOptions[].valueFrom` name a Secrets Manager secret (full ARN) or an SSM
 * Parameter Store parameter (full ARN, or its name when it lives in the task's Region — AWS docs,
 * Secret.valueFrom); a secret's name is unique and not also an environment variable of the
 * container; a private registry's credentials are read with the execution role.
 * (That secrets at all need an execution role: task.ts secretsRule.)
 */
import { MSG } from '../messages.ts';
import { containerLabel, type Rule, type RuleIssue } from './context.ts';
import { FIX } from './fixes.ts';

/** arn:aws:secretsmanager:<region>:<account>:secret:<name>[:<json-key>:<version-stage>:<version-id>] */
const SECRETS_MANAGER_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+(:[^:]*){0,3}$/;
/** arn:aws:ssm:<region>:<account>:parameter/<name> (hierarchical names keep their slashes). */
const SSM_PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[\w.\-/]{1,2048}$/;
/** An SSM parameter name, usable without the ARN for a parameter in the task's Region: "db-password" or "/prod/db/password". */
const SSM_PARAMETER_NAME = /^\/?[\w.-]+(\/[\w.-]+)*$/;
const MAX_PARAMETER_NAME_CHARS = 1011;

export function isSecretSource(valueFrom: string): boolean {
  if (valueFrom.startsWith('arn:')) return SECRETS_MANAGER_ARN.test(valueFrom) || SSM_PARAMETER_ARN.test(valueFrom);
  return valueFrom.length <= MAX_PARAMETER_NAME_CHARS && SSM_PARAMETER_NAME.test(valueFrom);
}

export const secretSourcesRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const label = containerLabel(c, i);
    (c.secrets ?? []).forEach((s, j) => {
      if (!isSecretSource(s.valueFrom)) {
        issues.push({ path: ['containerDefinitions', i, 'secrets', j, 'valueFrom'], message: MSG.secretValueFrom(label, 'secrets', s.valueFrom) });
      }
    });
    (c.logConfiguration?.secretOptions ?? []).forEach((s, j) => {
      if (!isSecretSource(s.valueFrom)) {
        issues.push({
          path: ['containerDefinitions', i, 'logConfiguration', 'secretOptions', j, 'valueFrom'],
          message: MSG.secretValueFrom(label, 'logConfiguration.secretOptions', s.valueFrom),
        });
      }
    });
  });
  return issues;
};

/** A secret's name is a variable name: not twice among the secrets, not also in environment. */
export const secretNamesRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const taken = new Set((c.environment ?? []).flatMap((e) => (e.name === undefined ? [] : [e.name])));
    (c.secrets ?? []).forEach((s, j) => {
      if (taken.has(s.name)) issues.push({ path: ['containerDefinitions', i, 'secrets', j, 'name'], message: MSG.secretNameTaken(s.name) });
      taken.add(s.name);
    });
  });
  return issues;
};

/** repositoryCredentials are a Secrets Manager secret the agent reads with the execution role. */
export const privateRegistryRule: Rule = ({ td, containers }) => {
  if (td.executionRoleArn) return [];
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    if (c.repositoryCredentials) {
      issues.push({ path: ['containerDefinitions', i, 'repositoryCredentials'], message: MSG.privateRegistryNeedsExecutionRole, fix: FIX.addExecutionRole() });
    }
  });
  return issues;
};
