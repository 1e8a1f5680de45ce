/**
 * IAM roles in the sandbox: named objects with a trust policy, attached managed policies and
 * inline policies. Task definitions and container instances name roles by ARN or by name; this
 * module resolves either form, and flattens a role's policies into the statements the evaluator
 * reads.
 */
import type { IamRole } from '../../protocol.ts';
import { ACCOUNT_ID } from '../ids/arn.ts';
import { managedPolicy } from './managed-policies.ts';
import type { PolicyDocument, PolicyStatement } from './policy.ts';

/** A role as the engine keeps it: the GetRole fields (protocol's IamRole) plus what is derived from them. */
export interface RoleRecord
  extends Pick<IamRole, 'Path' | 'RoleName' | 'RoleId' | 'Arn' | 'CreateDate' | 'Description' | 'MaxSessionDuration'> {
  /** The trust policy as given (GetRole returns it unchanged). */
  AssumeRolePolicyDocument: unknown;
  /** The trust policy, normalized. */
  trustPolicy: PolicyDocument;
  /** Attached managed policy ARNs, in attachment order. */
  attachedPolicyArns: string[];
  /** Inline policies by name, in creation order: as given (GetRolePolicy) and normalized. */
  inlinePolicies: Map<string, InlinePolicy>;
}

export interface InlinePolicy {
  original: unknown;
  document: PolicyDocument;
}

export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export function roleArn(name: string, path = '/'): string {
  return `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`;
}

/**
 * The role name in `name`, `arn:aws:iam::ACCOUNT:role/NAME` or `arn:aws:iam::ACCOUNT:role/path/NAME`
 * (also an instance profile ARN `…:instance-profile/NAME`, whose role the sandbox takes to have the
 * same name, as the console creates them). Undefined when the text is neither.
 */
export function roleNameOf(value: string): string | undefined {
  const arn = /^arn:aws:iam::(\d{12}):(role|instance-profile)\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(value);
  if (arn !== null) return arn[1] === ACCOUNT_ID ? arn[3] : undefined;
  return ROLE_NAME.test(value) ? value : undefined;
}

/** The role named (by name or ARN) in `given`, if it exists. */
export function findRole(roles: ReadonlyMap<string, RoleRecord>, given: string): RoleRecord | undefined {
  const name = roleNameOf(given);
  return name === undefined ? undefined : roles.get(name);
}

/** Every permission statement of a role: attached managed policies first, then inline ones. */
export function roleStatements(role: Pick<RoleRecord, 'attachedPolicyArns' | 'inlinePolicies'>): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const arn of role.attachedPolicyArns) out.push(...(managedPolicy(arn)?.statements ?? []));
  for (const inline of role.inlinePolicies.values()) out.push(...inline.document.Statement);
  return out;
}

/** The trust policy ECS tasks' roles need (task role and task execution role). */
export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';
/** The trust policy an EC2 instance profile's role needs. */
export const EC2_PRINCIPAL = 'ec2.amazonaws.com';

/** The name container instances' role gets when sim:AddContainerInstances names none. */
export const DEFAULT_INSTANCE_ROLE_NAME = 'ecsInstanceRole';
export const INSTANCE_ROLE_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role';

/**
 * The role an instance added without `iamInstanceProfile` uses when the learner has not created a
 * role named ecsInstanceRole: the container instance role the ECS console creates by default
 * (trusts ec2.amazonaws.com, AmazonEC2ContainerServiceforEC2Role attached). A plausible default so
 * that scenarios without IAM keep pulling from ECR; it is not listed among the learner's roles.
 * Creating a role named ecsInstanceRole replaces it for those instances.
 */
export const IMPLICIT_INSTANCE_ROLE: Pick<RoleRecord, 'RoleName' | 'Arn' | 'attachedPolicyArns' | 'inlinePolicies'> = {
  RoleName: DEFAULT_INSTANCE_ROLE_NAME,
  Arn: roleArn(DEFAULT_INSTANCE_ROLE_NAME),
  attachedPolicyArns: [INSTANCE_ROLE_POLICY_ARN],
  inlinePolicies: new Map(),
};
