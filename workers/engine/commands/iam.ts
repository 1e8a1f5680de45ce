/**
 * IAM roles: iam:CreateRole, GetRole, ListRoles, DeleteRole, AttachRolePolicy, DetachRolePolicy,
 * ListAttachedRolePolicies, PutRolePolicy, GetRolePolicy, ListRolePolicies, DeleteRolePolicy.
 * IAM's request parameters are PascalCase and its errors are EntityAlreadyExists, NoSuchEntity,
 * MalformedPolicyDocument, ValidationError, LimitExceeded and DeleteConflict (wording in errors.ts).
 * Lists are never truncated (IsTruncated false): the sandbox holds few roles.
 */
import type { EngineContext } from '../context.ts';
import { fail, IAM_MESSAGES, ok, type CommandResult } from '../errors.ts';
import { isoAt } from '../ids/arn.ts';
import { MANAGED_POLICIES, managedPolicy } from '../iam/managed-policies.ts';
import { parsePolicyDocument, trustedServices } from '../iam/policy.ts';
import { EC2_PRINCIPAL, ECS_TASKS_PRINCIPAL, ROLE_NAME, roleArn, type RoleRecord } from '../iam/roles.ts';
import { renderRole } from '../snapshot.ts';
import { closestMatch } from '../text.ts';
import { checkParams } from './params.ts';

/** IAM's default quota of managed policies attached to one role. */
export const MAX_ATTACHED_POLICIES = 10;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const PATH = /^(\/|\/[\u0021-\u007E]{1,510}\/)$/;
const ROLE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

type Found = { ok: true; role: RoleRecord } | { ok: false; result: CommandResult };

function validateRoleName(name: string): CommandResult | undefined {
  if (name.length > 64) return fail('ValidationError', IAM_MESSAGES.tooLong(name, 'roleName', 64));
  if (!ROLE_NAME.test(name)) return fail('ValidationError', IAM_MESSAGES.badPattern(name, 'roleName', '[\\w+=,.@-]+'));
  return undefined;
}

function findRoleByName(ctx: EngineContext, name: string): Found {
  const invalid = validateRoleName(name);
  if (invalid !== undefined) return { ok: false, result: invalid };
  const role = ctx.state.roles.get(name);
  return role === undefined ? { ok: false, result: fail('NoSuchEntity', IAM_MESSAGES.noSuchRole(name)) } : { ok: true, role };
}

function roleResponse(role: RoleRecord): Record<string, unknown> {
  const { attachedPolicies: _attached, inlinePolicyNames: _inline, ...shape } = renderRole(role);
  return { ...shape, RoleLastUsed: {} };
}

/** What a role is good for, from its trust policy, for the event log. */
function usesOf(services: readonly string[]): string {
  const uses: string[] = [];
  if (services.includes(ECS_TASKS_PRINCIPAL) || services.includes('*')) uses.push('as a task role or task execution role (it trusts ecs-tasks.amazonaws.com)');
  if (services.includes(EC2_PRINCIPAL) || services.includes('*')) uses.push('as a container instance role (it trusts ec2.amazonaws.com)');
  return uses.length > 0
    ? `ECS can use it ${uses.join(' and ')}`
    : `its trust policy trusts neither ecs-tasks.amazonaws.com nor ec2.amazonaws.com (it trusts ${services.length > 0 ? services.join(', ') : 'no service'}), so ECS cannot use it`;
}

interface CreateRoleInput {
  RoleName: string;
  AssumeRolePolicyDocument: unknown;
  Description?: string;
  Path?: string;
  MaxSessionDuration?: number;
  Tags?: unknown[];
}

export function createRole(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<CreateRoleInput>(raw, {
    params: {
      RoleName: 'string',
      // The AWS CLI takes a JSON string; the sandbox also takes the document as an object.
      AssumeRolePolicyDocument: 'document',
      Description: 'string',
      Path: 'string',
      MaxSessionDuration: 'integer',
      PermissionsBoundary: 'string',
      Tags: 'list',
    },
    required: ['RoleName', 'AssumeRolePolicyDocument'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const invalid = validateRoleName(input.RoleName);
  if (invalid !== undefined) return invalid;
  const path = input.Path ?? '/';
  if (!PATH.test(path)) return fail('ValidationError', IAM_MESSAGES.badPath(path));
  if (input.Description !== undefined && input.Description.length > 1000) {
    return fail('ValidationError', IAM_MESSAGES.tooLong(input.Description, 'description', 1000));
  }
  const session = input.MaxSessionDuration ?? 3600;
  if (session < 3600 || session > 43200) return fail('ValidationError', IAM_MESSAGES.sessionDuration(session));
  const trust = parsePolicyDocument(input.AssumeRolePolicyDocument, 'trust');
  if (!trust.ok) return fail('MalformedPolicyDocument', trust.message);
  // Role names are unique case-insensitively in IAM.
  const clash = [...ctx.state.roles.keys()].find((name) => name.toLowerCase() === input.RoleName.toLowerCase());
  if (clash !== undefined) return fail('EntityAlreadyExists', IAM_MESSAGES.roleExists(clash));

  let suffix = '';
  for (let i = 0; i < 17; i++) suffix += ROLE_ID_ALPHABET[ctx.prng.int(0, ROLE_ID_ALPHABET.length)];
  const role: RoleRecord = {
    Path: path,
    RoleName: input.RoleName,
    RoleId: `AROA${suffix}`,
    Arn: roleArn(input.RoleName, path),
    CreateDate: isoAt(ctx.clock.now),
    AssumeRolePolicyDocument: trust.original,
    trustPolicy: trust.document,
    ...(input.Description === undefined ? {} : { Description: input.Description }),
    MaxSessionDuration: session,
    attachedPolicyArns: [],
    inlinePolicies: new Map(),
  };
  ctx.state.roles.set(role.RoleName, role);
  ctx.emit('iam.role.created', `IAM role ${role.RoleName} was created; ${usesOf(trustedServices(trust.document))}. It has no permissions until policies are attached.`, role.Arn);
  const { RoleLastUsed: _unused, MaxSessionDuration: _session, ...created } = roleResponse(role);
  return ok({ Role: created });
}

export function getRole(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ RoleName: string }>(raw, { params: { RoleName: 'string' }, required: ['RoleName'] });
  if (!checked.ok) return checked.result;
  const found = findRoleByName(ctx, checked.input.RoleName);
  if (!found.ok) return found.result;
  return ok({ Role: roleResponse(found.role) });
}

export function listRoles(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ PathPrefix?: string; MaxItems?: number; Marker?: string }>(raw, {
    params: { PathPrefix: 'string', MaxItems: 'integer', Marker: 'string' },
  });
  if (!checked.ok) return checked.result;
  const prefix = checked.input.PathPrefix ?? '/';
  // IAM lists roles in alphabetical order of name.
  const roles = [...ctx.state.roles.values()]
    .filter((role) => role.Path.startsWith(prefix))
    .sort((a, b) => (a.RoleName < b.RoleName ? -1 : a.RoleName > b.RoleName ? 1 : 0))
    .map((role) => {
      const { RoleLastUsed: _unused, ...listed } = roleResponse(role);
      return listed;
    });
  return ok({ Roles: roles, IsTruncated: false });
}

export function deleteRole(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ RoleName: string }>(raw, { params: { RoleName: 'string' }, required: ['RoleName'] });
  if (!checked.ok) return checked.result;
  const found = findRoleByName(ctx, checked.input.RoleName);
  if (!found.ok) return found.result;
  const role = found.role;
  if (role.attachedPolicyArns.length > 0) return fail('DeleteConflict', IAM_MESSAGES.detachFirst());
  if (role.inlinePolicies.size > 0) return fail('DeleteConflict', IAM_MESSAGES.deleteInlineFirst());
  ctx.state.roles.delete(role.RoleName);
  ctx.emit('iam.role.deleted', `IAM role ${role.RoleName} was deleted; tasks that name it can no longer start.`, role.Arn);
  return ok({});
}

interface PolicyArnInput {
  RoleName: string;
  PolicyArn: string;
}

export function attachRolePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<PolicyArnInput>(raw, { params: { RoleName: 'string', PolicyArn: 'string' }, required: ['RoleName', 'PolicyArn'] });
  if (!checked.ok) return checked.result;
  const { PolicyArn: arn } = checked.input;
  const found = findRoleByName(ctx, checked.input.RoleName);
  if (!found.ok) return found.result;
  const policy = managedPolicy(arn);
  if (policy === undefined) {
    // The usual slip is the path (service-role/) or a letter of the name: suggest by name.
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    const closeName = MANAGED_POLICIES.find((managed) => managed.PolicyName.toLowerCase() === name.toLowerCase())?.PolicyName
      ?? closestMatch(name, MANAGED_POLICIES.map((managed) => managed.PolicyName));
    const suggestion = MANAGED_POLICIES.find((managed) => managed.PolicyName === closeName)?.Arn;
    return fail('NoSuchEntity', IAM_MESSAGES.noSuchPolicy(arn, suggestion));
  }
  const role = found.role;
  if (role.attachedPolicyArns.includes(arn)) return ok({}); // attaching twice changes nothing, as in IAM
  if (role.attachedPolicyArns.length >= MAX_ATTACHED_POLICIES) return fail('LimitExceeded', IAM_MESSAGES.policiesPerRole(MAX_ATTACHED_POLICIES));
  role.attachedPolicyArns.push(arn);
  ctx.emit('iam.policy.attached', `Policy ${policy.PolicyName} was attached to role ${role.RoleName}.`, role.Arn);
  return ok({});
}

export function detachRolePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<PolicyArnInput>(raw, { params: { RoleName: 'string', PolicyArn: 'string' }, required: ['RoleName', 'PolicyArn'] });
  if (!checked.ok) return checked.result;
  const found = findRoleByName(ctx, checked.input.RoleName);
  if (!found.ok) return found.result;
  const role = found.role;
  const index = role.attachedPolicyArns.indexOf(checked.input.PolicyArn);
  if (index < 0) return fail('NoSuchEntity', IAM_MESSAGES.policyNotAttached(checked.input.PolicyArn));
  role.attachedPolicyArns.splice(index, 1);
  ctx.emit('iam.policy.detached', `Policy ${managedPolicy(checked.input.PolicyArn)?.PolicyName ?? checked.input.PolicyArn} was detached from role ${role.RoleName}.`, role.Arn);
  return ok({});
}

export function listAttachedRolePolicies(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ RoleName: string; PathPrefix?: string }>(raw, {
    params: { RoleName: 'string', PathPrefix: 'string', Marker: 'string', MaxItems: 'integer' },
    required: ['RoleName'],
  });
  if (!checked.ok) return checked.result;
  const found = findRoleByName(ctx, checked.input.RoleName);
  if (!found.ok) return found.result;
  return ok({ AttachedPolicies: renderRole(found.role).attachedPolicies, IsTruncated: false });
}

interface PutRolePolicyInput {
  RoleName: string;
  PolicyName: string;
  PolicyDocument: unknown;
}

function validatePolicyName(name: string): CommandResult | undefined {
  if (name.length > 128) return fail('ValidationError', IAM_MESSAGES.tooLong(name, 'policyName', 128));
  if (!POLICY_NAME.test(name)) return fail('ValidationError', IAM_MESSAGES.badPattern(name, 'policyName', '[\\w+=,.@-]+'));
  return undefined;
}

export function putRolePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<PutRolePolicyInput>(raw, {
    params: { RoleName: 'string', PolicyName: 'string', PolicyDocument: 'document' },
    required: ['RoleName', 'PolicyName', 'PolicyDocument'],
  });
  if (!checked.ok) return checked.result;
  const { PolicyName: name } = checked.input;
  const invalidName = validatePolicyName(name);
  if (invalidName !== undefined) return invalidName;
  const found = findRoleByName(ctx, checked.input.RoleName);
  if (!found.ok) return found.result;
  const document = parsePolicyDocument(checked.input.PolicyDocument, 'permissions');
  if (!document.ok) return fail('MalformedPolicyDocument', document.message);
  const role = found.role;
  const replaced = role.inlinePolicies.has(name);
  role.inlinePolicies.set(name, { original: document.original, document: document.document });
  const actions = document.document.Statement.flatMap((statement) => statement.Action ?? statement.NotAction ?? []);
  ctx.emit(
    'iam.policy.put',
    `Inline policy ${name} was ${replaced ? 'replaced' : 'added'} on role ${role.RoleName} (${document.document.Statement.length} statement${document.document.Statement.length === 1 ? '' : 's'}: ${actions.slice(0, 6).join(', ')}${actions.length > 6 ? ', …' : ''}).`,
    role.Arn,
  );
  return ok({});
}

export function getRolePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ RoleName: string; PolicyName: string }>(raw, {
    params: { RoleName: 'string', PolicyName: 'string' },
    required: ['RoleName', 'PolicyName'],
  });
  if (!checked.ok) return checked.result;
  const found = findRoleByName(ctx, checked.input.RoleName);
  if (!found.ok) return found.result;
  const inline = found.role.inlinePolicies.get(checked.input.PolicyName);
  if (inline === undefined) return fail('NoSuchEntity', IAM_MESSAGES.noSuchRolePolicy(checked.input.PolicyName));
  return ok({ RoleName: found.role.RoleName, PolicyName: checked.input.PolicyName, PolicyDocument: structuredClone(inline.original) });
}

export function listRolePolicies(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ RoleName: string }>(raw, {
    params: { RoleName: 'string', Marker: 'string', MaxItems: 'integer' },
    required: ['RoleName'],
  });
  if (!checked.ok) return checked.result;
  const found = findRoleByName(ctx, checked.input.RoleName);
  if (!found.ok) return found.result;
  return ok({ PolicyNames: [...found.role.inlinePolicies.keys()], IsTruncated: false });
}

export function deleteRolePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ RoleName: string; PolicyName: string }>(raw, {
    params: { RoleName: 'string', PolicyName: 'string' },
    required: ['RoleName', 'PolicyName'],
  });
  if (!checked.ok) return checked.result;
  const found = findRoleByName(ctx, checked.input.RoleName);
  if (!found.ok) return found.result;
  const role = found.role;
  if (!role.inlinePolicies.delete(checked.input.PolicyName)) return fail('NoSuchEntity', IAM_MESSAGES.noSuchRolePolicy(checked.input.PolicyName));
  ctx.emit('iam.policy.deleted', `Inline policy ${checked.input.PolicyName} was deleted from role ${role.RoleName}.`, role.Arn);
  return ok({});
}
