// Proves IAM in the sandbox: the pure policy evaluator (wildcards, NotAction/NotResource, an
// explicit Deny wins, implicit deny), policy document parsing, and every iam: operation's happy
// path and errors with AWS's exact codes and messages.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { evaluate, isAllowed, wildcardMatch } from '../../../workers/engine/iam/evaluate.ts';
import { MANAGED_POLICIES, managedPolicy } from '../../../workers/engine/iam/managed-policies.ts';
import { parsePolicyDocument, trusts } from '../../../workers/engine/iam/policy.ts';
import { roleNameOf, roleStatements } from '../../../workers/engine/iam/roles.ts';
import type { PolicyStatement } from '../../../workers/engine/iam/policy.ts';
import type { SandboxEngine } from '../../../workers/protocol.ts';
import { errorOf, expectError, responseOf } from './helpers.ts';
import { EC2_TRUST, ECS_TASKS_TRUST } from './iam-fixtures.ts';

const EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

const REPO = 'arn:aws:ecr:us-east-1:123456789012:repository/app';
const STATEMENTS: PolicyStatement[] = [
  { Effect: 'Allow', Action: ['ecr:Get*', 'ecr:BatchGetImage'], Resource: ['*'] },
  { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::bucket/reports/*'] },
  { Effect: 'Deny', Action: ['ecr:GetDownloadUrlForLayer'], Resource: ['arn:aws:ecr:us-east-1:123456789012:repository/secret-*'] },
  { Effect: 'Allow', NotAction: ['iam:*', 'sts:*'], Resource: ['arn:aws:sqs:us-east-1:123456789012:jobs'] },
  { Effect: 'Allow', Action: ['logs:PutLogEvents'], NotResource: ['arn:aws:logs:us-east-1:123456789012:log-group:audit:*'] },
  { Effect: 'Allow', Action: ['ssm:GetParameter?'], Resource: ['arn:aws:ssm:us-east-1:123456789012:parameter/app/*'] },
];

describe('isAllowed / evaluate', () => {
  const table: [string, string, boolean, string][] = [
    ['ecr:GetAuthorizationToken', '*', true, 'prefix wildcard on the action'],
    ['ECR:getauthorizationtoken', '*', true, 'actions compare case-insensitively'],
    ['ecr:BatchGetImage', REPO, true, 'exact action, resource *'],
    ['ecr:PutImage', REPO, false, 'no statement allows it: implicit deny'],
    ['ecr:GetDownloadUrlForLayer', REPO, true, 'allowed by ecr:Get*'],
    ['ecr:GetDownloadUrlForLayer', 'arn:aws:ecr:us-east-1:123456789012:repository/secret-db', false, 'explicit Deny wins over Allow'],
    ['s3:GetObject', 'arn:aws:s3:::bucket/reports/2026/jan.csv', true, 'resource wildcard spans slashes'],
    ['s3:GetObject', 'arn:aws:s3:::bucket/private/x', false, 'resource outside the pattern'],
    ['s3:GetObject', 'arn:aws:s3:::BUCKET/reports/x', false, 'resources compare case-sensitively'],
    ['sqs:SendMessage', 'arn:aws:sqs:us-east-1:123456789012:jobs', true, 'NotAction allows everything else'],
    ['iam:PassRole', 'arn:aws:sqs:us-east-1:123456789012:jobs', false, 'NotAction excludes iam:*'],
    ['logs:PutLogEvents', 'arn:aws:logs:us-east-1:123456789012:log-group:web:log-stream:x', true, 'NotResource allows others'],
    ['logs:PutLogEvents', 'arn:aws:logs:us-east-1:123456789012:log-group:audit:log-stream:x', false, 'NotResource excludes audit'],
    ['ssm:GetParameters', 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db', true, '? matches one character'],
    ['ssm:GetParameter', 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db', false, '? needs exactly one character'],
  ];
  it.each(table)('%s on %s → %s (%s)', (action, resource, expected) => {
    expect(isAllowed({ statements: STATEMENTS }, action, resource)).toBe(expected);
  });

  it.each([
    ['a*b*c', 'aXbYc', true],
    ['*b', 'abc', false],
    ['a?c', 'ac', false],
    ['arn:aws:s3:::*', 'arn:aws:s3:::bucket', true],
    ['*', '', true],
  ])('wildcard %s ~ %s → %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value, false)).toBe(expected);
  });

  it('a pathological pattern is matched in linear-ish time, not by exponential backtracking', () => {
    const started = performance.now();
    expect(wildcardMatch('*a*a*a*a*a*a*a*a*a*a*a*a*a*c', 'a'.repeat(5_000), false)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('names the deciding statement and the kind of deny', () => {
    expect(evaluate(STATEMENTS, 'ecr:GetDownloadUrlForLayer', 'arn:aws:ecr:us-east-1:123456789012:repository/secret-x')).toMatchObject({ allowed: false, reason: 'explicitDeny' });
    expect(evaluate(STATEMENTS, 'ecr:PutImage', REPO)).toEqual({ allowed: false, reason: 'implicitDeny' });
    expect(evaluate([], 'ecr:BatchGetImage', REPO)).toEqual({ allowed: false, reason: 'implicitDeny' });
    expect(evaluate([{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }], 'anything:AtAll', 'arn:x')).toMatchObject({ allowed: true });
  });

  it('the managed execution role policy allows exactly the ECR pull and log writes', () => {
    const role = { statements: roleStatements({ attachedPolicyArns: [EXECUTION_POLICY], inlinePolicies: new Map() }) };
    for (const action of ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents']) {
      expect(isAllowed(role, action, '*'), action).toBe(true);
    }
    for (const action of ['ssm:GetParameters', 'secretsmanager:GetSecretValue', 's3:GetObject', 'logs:CreateLogGroup']) {
      expect(isAllowed(role, action, '*'), action).toBe(false);
    }
  });

  it('every catalogued managed policy has a well-formed ARN and statements', () => {
    expect(MANAGED_POLICIES.length).toBeGreaterThanOrEqual(8);
    for (const policy of MANAGED_POLICIES) {
      expect(policy.Arn).toMatch(/^arn:aws:iam::aws:policy\/(service-role\/)?[A-Za-z0-9]+$/);
      expect(managedPolicy(policy.Arn)).toBe(policy);
      expect(policy.statements.length).toBeGreaterThan(0);
    }
  });
});

describe('policy documents', () => {
  it('parses JSON text and objects alike, normalizing strings to lists', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:Get*', Resource: '*' } });
    expect(parsePolicyDocument(text, 'permissions')).toEqual({
      ok: true,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*'], Resource: ['*'] }] },
      original: JSON.parse(text),
    });
  });
  const bad: [string, unknown, 'permissions' | 'trust', string | RegExp][] = [
    ['not JSON', '{"Statement": [', 'permissions', 'This policy contains invalid Json'],
    ['an array', '[]', 'permissions', 'This policy contains invalid Json'],
    ['no Statement', { Version: '2012-10-17' }, 'permissions', /^Syntax errors in policy\. The document needs a "Statement"/],
    ['bad Effect', { Statement: [{ Effect: 'allow', Action: 's3:*', Resource: '*' }] }, 'permissions', /Effect must be "Allow" or "Deny"/],
    ['no Resource', { Statement: [{ Effect: 'Allow', Action: 's3:*' }] }, 'permissions', /needs exactly one of Resource or NotResource/],
    ['bad action', { Statement: [{ Effect: 'Allow', Action: 'GetObject', Resource: '*' }] }, 'permissions', /"GetObject" is not an action/],
    ['Principal in permissions', { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Principal: '*' }] }, 'permissions', /has no Principal/],
    ['Resource in trust', { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' }, Resource: '*' }] }, 'trust', /Has prohibited field Resource/],
    ['bad version', { Version: '2020-01-01', Statement: [] }, 'permissions', /Version must be "2012-10-17"/],
  ];
  it.each(bad)('refuses %s', (_name, document, kind, message) => {
    const parsed = parsePolicyDocument(document, kind);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
  it('reads which services a trust policy trusts', () => {
    const parsed = parsePolicyDocument(ECS_TASKS_TRUST, 'trust');
    expect(parsed.ok && trusts(parsed.document, 'ecs-tasks.amazonaws.com')).toBe(true);
    expect(parsed.ok && trusts(parsed.document, 'ec2.amazonaws.com')).toBe(false);
  });
  it('resolves role names and ARNs', () => {
    expect(roleNameOf('ecsTaskExecutionRole')).toBe('ecsTaskExecutionRole');
    expect(roleNameOf('arn:aws:iam::123456789012:role/ecsTaskExecutionRole')).toBe('ecsTaskExecutionRole');
    expect(roleNameOf('arn:aws:iam::123456789012:role/service-role/app')).toBe('app');
    expect(roleNameOf('arn:aws:iam::123456789012:instance-profile/ecsInstanceRole')).toBe('ecsInstanceRole');
    expect(roleNameOf('arn:aws:iam::999999999999:role/other')).toBeUndefined();
    expect(roleNameOf('bad name')).toBeUndefined();
  });
});

function iamEngine(): SandboxEngine {
  const engine = createEngine({ seed: 5 });
  responseOf(engine.dispatch({ 'iam:CreateRole': { RoleName: 'ecsTaskExecutionRole', AssumeRolePolicyDocument: JSON.stringify(ECS_TASKS_TRUST) } }));
  return engine;
}

describe('iam: operations', () => {
  it('CreateRole answers with the Role, an AROA id and the ARN; GetRole and ListRoles read it', () => {
    const engine = createEngine({ seed: 5 });
    const created = responseOf(engine.dispatch({ 'iam:CreateRole': { RoleName: 'app-task', AssumeRolePolicyDocument: ECS_TASKS_TRUST, Description: 'reads S3' } }));
    expect(created.Role).toMatchObject({
      Path: '/',
      RoleName: 'app-task',
      Arn: 'arn:aws:iam::123456789012:role/app-task',
      CreateDate: '2026-01-01T00:00:00.000Z',
      Description: 'reads S3',
      // As given: IAM gives the document back unchanged (the sandbox evaluates a normalized copy).
      AssumeRolePolicyDocument: ECS_TASKS_TRUST,
    });
    expect(created.Role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(responseOf(engine.dispatch({ 'iam:GetRole': { RoleName: 'app-task' } })).Role).toMatchObject({ RoleId: created.Role.RoleId, MaxSessionDuration: 3600 });
    expect(responseOf(engine.dispatch({ 'iam:ListRoles': {} })).Roles.map((role: { RoleName: string }) => role.RoleName)).toEqual(['app-task']);
    expect(engine.snapshot().roles).toEqual([expect.objectContaining({ RoleName: 'app-task', attachedPolicies: [], inlinePolicyNames: [] })]);
    expect(engine.snapshot().events.at(-1)!.message).toContain('ECS can use it as a task role or task execution role');
  });

  it('role ids are deterministic per seed', () => {
    const id = (seed: number) => {
      const engine = createEngine({ seed });
      return responseOf(engine.dispatch({ 'iam:CreateRole': { RoleName: 'r', AssumeRolePolicyDocument: ECS_TASKS_TRUST } })).Role.RoleId;
    };
    expect(id(3)).toBe(id(3));
    expect(id(3)).not.toBe(id(4));
  });

  const errors: [string, Record<string, unknown>, string, string | RegExp][] = [
    ['duplicate role', { 'iam:CreateRole': { RoleName: 'ecsTaskExecutionRole', AssumeRolePolicyDocument: ECS_TASKS_TRUST } }, 'EntityAlreadyExists', 'Role with name ecsTaskExecutionRole already exists.'],
    ['duplicate role, other case', { 'iam:CreateRole': { RoleName: 'ECSTASKEXECUTIONROLE', AssumeRolePolicyDocument: ECS_TASKS_TRUST } }, 'EntityAlreadyExists', 'Role with name ecsTaskExecutionRole already exists.'],
    ['bad role name', { 'iam:CreateRole': { RoleName: 'my role', AssumeRolePolicyDocument: ECS_TASKS_TRUST } }, 'ValidationError', "1 validation error detected: Value 'my role' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    ['long role name', { 'iam:CreateRole': { RoleName: 'r'.repeat(65), AssumeRolePolicyDocument: ECS_TASKS_TRUST } }, 'ValidationError', /Member must have length less than or equal to 64$/],
    ['bad path', { 'iam:CreateRole': { RoleName: 'x', Path: 'service-role', AssumeRolePolicyDocument: ECS_TASKS_TRUST } }, 'ValidationError', /at 'path' failed to satisfy constraint/],
    ['trust not JSON', { 'iam:CreateRole': { RoleName: 'x', AssumeRolePolicyDocument: '{' } }, 'MalformedPolicyDocument', 'This policy contains invalid Json'],
    ['missing trust', { 'iam:CreateRole': { RoleName: 'x' } }, 'ParamValidationError', /Missing required parameter in input: "AssumeRolePolicyDocument"/],
    ['GetRole missing', { 'iam:GetRole': { RoleName: 'nope' } }, 'NoSuchEntity', 'The role with name nope cannot be found.'],
    ['Attach to missing role', { 'iam:AttachRolePolicy': { RoleName: 'nope', PolicyArn: EXECUTION_POLICY } }, 'NoSuchEntity', 'The role with name nope cannot be found.'],
    ['Attach unknown policy', { 'iam:AttachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' } }, 'NoSuchEntity', 'Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.'],
    ['Attach misspelt policy', { 'iam:AttachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy' } }, 'NoSuchEntity', `Policy arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy does not exist or is not attachable. (Did you mean ${EXECUTION_POLICY}? The sandbox knows AWS managed policies only.)`],
    ['Detach not attached', { 'iam:DetachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn: EXECUTION_POLICY } }, 'NoSuchEntity', `Policy ${EXECUTION_POLICY} was not found.`],
    ['Put malformed', { 'iam:PutRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*' }] } } }, 'MalformedPolicyDocument', /^Syntax errors in policy\./],
    ['Put bad name', { 'iam:PutRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyName: 'a b', PolicyDocument: '{}' } }, 'ValidationError', /at 'policyName'/],
    ['GetRolePolicy missing', { 'iam:GetRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyName: 'p' } }, 'NoSuchEntity', 'The role policy with name p cannot be found.'],
    ['DeleteRolePolicy missing', { 'iam:DeleteRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyName: 'p' } }, 'NoSuchEntity', 'The role policy with name p cannot be found.'],
    ['DeleteRole missing', { 'iam:DeleteRole': { RoleName: 'nope' } }, 'NoSuchEntity', 'The role with name nope cannot be found.'],
  ];
  it.each(errors)('%s', (_name, step, code, message) => {
    const engine = iamEngine();
    const before = JSON.stringify(engine.snapshot());
    expectError(engine.dispatch(step), code, message);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('attach, list, detach managed policies; put, get, list, delete inline policies; delete the role when empty', () => {
    const engine = iamEngine();
    responseOf(engine.dispatch({ 'iam:AttachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn: EXECUTION_POLICY } }));
    responseOf(engine.dispatch({ 'iam:AttachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn: EXECUTION_POLICY } }));
    expect(responseOf(engine.dispatch({ 'iam:ListAttachedRolePolicies': { RoleName: 'ecsTaskExecutionRole' } }))).toEqual({
      AttachedPolicies: [{ PolicyName: 'AmazonECSTaskExecutionRolePolicy', PolicyArn: EXECUTION_POLICY }],
      IsTruncated: false,
    });
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: ['arn:aws:ssm:us-east-1:123456789012:parameter/app/*'] }] };
    responseOf(engine.dispatch({ 'iam:PutRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyName: 'read-params', PolicyDocument: JSON.stringify(document) } }));
    expect(responseOf(engine.dispatch({ 'iam:GetRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyName: 'read-params' } }))).toEqual({
      RoleName: 'ecsTaskExecutionRole',
      PolicyName: 'read-params',
      PolicyDocument: document,
    });
    expect(responseOf(engine.dispatch({ 'iam:ListRolePolicies': { RoleName: 'ecsTaskExecutionRole' } }))).toEqual({ PolicyNames: ['read-params'], IsTruncated: false });
    expect(engine.snapshot().roles![0]).toMatchObject({ attachedPolicies: [{ PolicyName: 'AmazonECSTaskExecutionRolePolicy' }], inlinePolicyNames: ['read-params'] });
    expectError(engine.dispatch({ 'iam:DeleteRole': { RoleName: 'ecsTaskExecutionRole' } }), 'DeleteConflict', 'Cannot delete entity, must detach all policies first.');
    responseOf(engine.dispatch({ 'iam:DetachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn: EXECUTION_POLICY } }));
    expectError(engine.dispatch({ 'iam:DeleteRole': { RoleName: 'ecsTaskExecutionRole' } }), 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
    responseOf(engine.dispatch({ 'iam:DeleteRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyName: 'read-params' } }));
    responseOf(engine.dispatch({ 'iam:DeleteRole': { RoleName: 'ecsTaskExecutionRole' } }));
    expect(engine.snapshot().roles).toEqual([]);
  });

  it('refuses an 11th managed policy (PoliciesPerRole quota 10)', () => {
    const engine = iamEngine();
    for (const policy of MANAGED_POLICIES.slice(0, 10)) responseOf(engine.dispatch({ 'iam:AttachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn: policy.Arn } }));
    expect(MANAGED_POLICIES.length).toBeGreaterThan(10);
    expectError(engine.dispatch({ 'iam:AttachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn: MANAGED_POLICIES[10]!.Arn } }), 'LimitExceeded', 'Cannot exceed quota for PoliciesPerRole: 10');
  });

  it('sim:AddContainerInstances takes an instance profile role that trusts EC2, and refuses others', () => {
    const engine = iamEngine();
    responseOf(engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } }));
    expectError(engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.micro', iamInstanceProfile: 'nope' } }), 'InvalidParameterValue', 'Value (nope) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name');
    expectError(engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.micro', iamInstanceProfile: 'ecsTaskExecutionRole' } }), 'InvalidParameterValue', /trust policy does not let ec2.amazonaws.com assume it/);
    responseOf(engine.dispatch({ 'iam:CreateRole': { RoleName: 'myInstanceRole', AssumeRolePolicyDocument: EC2_TRUST } }));
    responseOf(engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.micro', iamInstanceProfile: 'arn:aws:iam::123456789012:instance-profile/myInstanceRole' } }));
    expect(errorOf(engine.dispatch({ 'iam:GetRole': {} })).code).toBe('ParamValidationError');
  });
});
