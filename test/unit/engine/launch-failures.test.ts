// Proves the launch-time checks end to end through createEngine: RunTask → advance → the task is
// STOPPED with stopCode TaskFailedToStart and AWS-shaped reasons when the role that pulls the
// image, reads the secrets or starts the awslogs driver lacks a permission, when the image does not
// exist, or when a role cannot be assumed; and that public images, the default instance role and
// well-permitted roles start as before (the default scenario is unaffected).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';
import type { SandboxEngine, Step, Task } from '../../../workers/protocol.ts';
import { expectError, responseOf } from './helpers.ts';
import { EC2_TRUST, ECS_TASKS_TRUST } from './iam-fixtures.ts';

const URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const EXEC_ROLE = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole';
const PULL_PREFIX = "The task can’t pull the image. Check that the role has the permissions to pull images from the registry.";

interface Setup {
  instanceProfile?: string;
  execPolicies?: string[];
  execInline?: Record<string, unknown>;
  skipExecRole?: boolean;
}

/** A cluster with one instance, an ECR repository `app` with image v1, and (unless skipped) ecsTaskExecutionRole. */
function launchEngine(setup: Setup = {}, seed = 9): SandboxEngine {
  const engine = createEngine({ seed });
  const steps: Step[] = [{ 'ecs:CreateCluster': { clusterName: 'demo' } }];
  if (setup.instanceProfile !== undefined) steps.push({ 'iam:CreateRole': { RoleName: setup.instanceProfile, AssumeRolePolicyDocument: EC2_TRUST } });
  steps.push({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', ...(setup.instanceProfile === undefined ? {} : { iamInstanceProfile: setup.instanceProfile }) } });
  if (setup.skipExecRole !== true) {
    steps.push({ 'iam:CreateRole': { RoleName: 'ecsTaskExecutionRole', AssumeRolePolicyDocument: ECS_TASKS_TRUST } });
    for (const arn of setup.execPolicies ?? []) steps.push({ 'iam:AttachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn: arn } });
    if (setup.execInline !== undefined) steps.push({ 'iam:PutRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyName: 'inline', PolicyDocument: setup.execInline } });
  }
  steps.push({ 'ecr:CreateRepository': { repositoryName: 'app' } }, { 'sim:PushImage': { repositoryName: 'app', imageTag: 'v1' } });
  for (const step of steps) responseOf(engine.dispatch(step));
  return engine;
}

function container(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'app', image: `${URI}/app:v1`, memory: 256, ...extra };
}

/** Register `app` with the given fields, run one task, let 30 s pass, return the task. */
function runApp(engine: SandboxEngine, definition: Record<string, unknown>): Task {
  responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'app', containerDefinitions: [container()], ...definition } }));
  const arn = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app' } })).tasks[0].taskArn;
  engine.advance(30_000);
  return engine.snapshot().tasks.find((task) => task.taskArn === arn)!;
}

function expectFailed(task: Task, reason: string | RegExp): void {
  expect(task.lastStatus).toBe('STOPPED');
  expect(task.desiredStatus).toBe('STOPPED');
  expect(task.stopCode).toBe('TaskFailedToStart');
  if (typeof reason === 'string') expect(task.stoppedReason).toBe(reason);
  else expect(task.stoppedReason).toMatch(reason);
  expect(task.containers[0]!.reason).toBe(task.stoppedReason);
  expect(task.containers[0]!.lastStatus).toBe('STOPPED');
  expect(task.startedAt).toBeUndefined();
}

describe('image pulls', () => {
  it('public images always pull, with any roles', () => {
    const engine = launchEngine({ instanceProfile: 'bareInstanceRole' });
    const task = runApp(engine, { containerDefinitions: [container({ image: 'nginx:latest' })] });
    expect(task.lastStatus).toBe('RUNNING');
  });

  it('without an execution role the default container instance role (ecsInstanceRole) pulls from ECR', () => {
    const task = runApp(launchEngine(), {});
    expect(task.lastStatus).toBe('RUNNING');
  });

  it('an execution role without ecr:GetAuthorizationToken stops the task: CannotPullECRContainerError', () => {
    const engine = launchEngine();
    const task = runApp(engine, { executionRoleArn: EXEC_ROLE });
    const taskId = task.taskArn.split('/').pop();
    expectFailed(
      task,
      `CannotPullECRContainerError: ${PULL_PREFIX} AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/${taskId} is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action`,
    );
    const failed = engine.snapshot().events.find((event) => event.kind === 'task.failed')!;
    expect(failed.message).toContain('the task execution role ecsTaskExecutionRole does not allow ecr:GetAuthorizationToken on * (no statement of its policies allows it)');
    expect(engine.snapshot().events.find((event) => event.kind === 'task.stopped')!.message).toContain('stop code TaskFailedToStart');
  });

  it('an instance role without ecr:BatchGetImage stops the task with the agent\'s pull-access-denied reason', () => {
    const engine = launchEngine({ instanceProfile: 'pullTokenOnly' });
    responseOf(engine.dispatch({ 'iam:PutRolePolicy': { RoleName: 'pullTokenOnly', PolicyName: 'token', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }] } } }));
    const instanceId = engine.snapshot().containerInstances[0]!.ec2InstanceId;
    const task = runApp(engine, {});
    expectFailed(
      task,
      `CannotPullContainerError: ${PULL_PREFIX} Error response from daemon: pull access denied for ${URI}/app, repository does not exist or may require 'docker login': denied: User: arn:aws:sts::123456789012:assumed-role/pullTokenOnly/${instanceId} is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:123456789012:repository/app because no identity-based policy allows the ecr:BatchGetImage action`,
    );
    expect(engine.snapshot().events.find((event) => event.kind === 'task.failed')!.message).toContain(
      'the container instance role pullTokenOnly does not allow ecr:BatchGetImage on arn:aws:ecr:us-east-1:123456789012:repository/app',
    );
  });

  it('an explicit Deny on the layers is named as such', () => {
    const engine = launchEngine({
      execPolicies: [EXECUTION_POLICY],
      execInline: { Statement: [{ Effect: 'Deny', Action: 'ecr:GetDownloadUrlForLayer', Resource: 'arn:aws:ecr:us-east-1:123456789012:repository/*' }] },
    });
    const task = runApp(engine, { executionRoleArn: EXEC_ROLE });
    expectFailed(task, /^CannotPullContainerError: .*error pulling image configuration: download failed after attempts=1: denied: .* is not authorized to perform: ecr:GetDownloadUrlForLayer on resource: arn:aws:ecr:us-east-1:123456789012:repository\/app with an explicit deny in an identity-based policy$/);
  });

  it('a tag that does not exist: CannotPullContainerError … manifest unknown', () => {
    const task = runApp(launchEngine({ execPolicies: [EXECUTION_POLICY] }), { executionRoleArn: EXEC_ROLE, containerDefinitions: [container({ image: `${URI}/app:v2` })] });
    expectFailed(task, `CannotPullContainerError: Error response from daemon: manifest for ${URI}/app:v2 not found: manifest unknown: Requested image not found`);
  });

  it('a repository that does not exist: CannotPullContainerError … name unknown', () => {
    const task = runApp(launchEngine(), { containerDefinitions: [container({ image: `${URI}/nope:v1` })] });
    expectFailed(task, `CannotPullContainerError: Error response from daemon: repository ${URI}/nope not found: name unknown: The repository with name 'nope' does not exist in the registry with id '123456789012'`);
  });

  it('an image referenced by digest resolves; an unknown digest does not', () => {
    const engine = launchEngine();
    const digest = engine.snapshot().repositories![0]!.images[0]!.imageDigest;
    expect(runApp(engine, { containerDefinitions: [container({ image: `${URI}/app@${digest}` })] }).lastStatus).toBe('RUNNING');
    const missing = `sha256:${'0'.repeat(64)}`;
    expectFailed(runApp(engine, { containerDefinitions: [container({ image: `${URI}/app@${missing}` })] }), /manifest for .*app@sha256:0{64} not found/);
  });

  it('an image expired by a lifecycle policy no longer starts', () => {
    const engine = launchEngine();
    engine.advance(60_000);
    responseOf(engine.dispatch({ 'sim:PushImage': { repositoryName: 'app', imageTag: 'v2' } }));
    responseOf(engine.dispatch({ 'ecr:PutLifecyclePolicy': { repositoryName: 'app', lifecyclePolicyText: { rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }] } } }));
    engine.advance(3_600_000);
    const task = runApp(engine, {});
    expectFailed(task, /manifest for .*app:v1 not found: manifest unknown/);
    expect(engine.snapshot().events.find((event) => event.kind === 'task.failed')!.message).toContain('its tags are v2; a lifecycle policy or BatchDeleteImage may have removed it');
  });

  it('the failed task frees its reservation and keeps its timeline', () => {
    const engine = launchEngine();
    const task = runApp(engine, { executionRoleArn: EXEC_ROLE });
    expect(task.pullStartedAt).toBeDefined();
    expect(task.pullStoppedAt).toBeDefined();
    expect(task.executionStoppedAt).toBeDefined();
    expect(task.stoppedAt! >= task.executionStoppedAt!).toBe(true);
    const instance = engine.snapshot().containerInstances[0]!;
    expect(instance.remainingResources.find((resource) => resource.name === 'MEMORY')!.integerValue).toBe(
      instance.registeredResources.find((resource) => resource.name === 'MEMORY')!.integerValue,
    );
    // StopTask on it changes nothing.
    expect(responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task.taskArn } })).task.stopCode).toBe('TaskFailedToStart');
  });
});

describe('secrets', () => {
  const secrets = (valueFrom: string) => ({ containerDefinitions: [container({ image: 'nginx:latest', secrets: [{ name: 'DB_PASSWORD', valueFrom }] })] });

  it('an SSM parameter the execution role cannot read: ResourceInitializationError', () => {
    const engine = launchEngine({ execPolicies: [EXECUTION_POLICY] });
    const task = runApp(engine, { executionRoleArn: EXEC_ROLE, ...secrets('/app/db-password') });
    const taskId = task.taskArn.split('/').pop();
    expectFailed(
      task,
      `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/${taskId} is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-1:123456789012:parameter/app/db-password because no identity-based policy allows the ssm:GetParameters action`,
    );
    expect(engine.snapshot().events.find((event) => event.kind === 'task.failed')!.message).toContain('The agent reads secrets with the task execution role only');
  });

  it('AmazonSSMReadOnlyAccess lets the task start', () => {
    const engine = launchEngine({ execPolicies: [EXECUTION_POLICY, 'arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess'] });
    expect(runApp(engine, { executionRoleArn: EXEC_ROLE, ...secrets('/app/db-password') }).lastStatus).toBe('RUNNING');
  });

  it('a Secrets Manager secret is checked against the secret\'s own ARN (json key and version stripped)', () => {
    const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';
    const inline = { Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret }] };
    expect(runApp(launchEngine({ execInline: inline }), { executionRoleArn: EXEC_ROLE, ...secrets(`${secret}:password::`) }).lastStatus).toBe('RUNNING');
    const denied = runApp(launchEngine(), { executionRoleArn: EXEC_ROLE, ...secrets(`${secret}:password::`) });
    expectFailed(denied, new RegExp(`^ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time\\(s\\): failed to fetch secret ${secret} from secrets manager: AccessDeniedException: .* secretsmanager:GetSecretValue on resource: ${secret} because`));
  });
});

describe('awslogs', () => {
  const logs = (options: Record<string, string> = {}) => ({
    containerDefinitions: [container({ image: 'nginx:latest', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/app', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs', ...options } } })],
  });

  it('an instance role without logs:CreateLogStream: CannotStartContainerError from the logging driver', () => {
    const engine = launchEngine({ instanceProfile: 'noLogs' });
    const task = runApp(engine, logs());
    const taskId = task.taskArn.split('/').pop();
    expectFailed(
      task,
      new RegExp(`^CannotStartContainerError: Error response from daemon: failed to initialize logging driver: failed to create Cloudwatch log stream: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/noLogs/i-[0-9a-f]{17} is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app:log-stream:ecs/app/${taskId} because no identity-based policy allows the logs:CreateLogStream action$`),
    );
    expect(task.pullStoppedAt).toBeDefined();
  });

  it('the execution role is used when there is one; awslogs-create-group also needs logs:CreateLogGroup', () => {
    expect(runApp(launchEngine({ instanceProfile: 'noLogs', execPolicies: [EXECUTION_POLICY] }), { executionRoleArn: EXEC_ROLE, ...logs() }).lastStatus).toBe('RUNNING');
    const task = runApp(launchEngine({ execPolicies: [EXECUTION_POLICY] }), { executionRoleArn: EXEC_ROLE, ...logs({ 'awslogs-create-group': 'true' }) });
    expectFailed(task, /failed to create Cloudwatch log group: AccessDeniedException: .* logs:CreateLogGroup on resource: arn:aws:logs:us-east-1:123456789012:log-group:\/ecs\/app:log-stream: because/);
  });

  it('a role that can create the stream but not put events: the task runs and an event says its logs are lost', () => {
    const engine = launchEngine({ execInline: { Statement: [{ Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: '*' }] } });
    expect(runApp(engine, { executionRoleArn: EXEC_ROLE, ...logs() }).lastStatus).toBe('RUNNING');
    expect(engine.snapshot().events.find((event) => event.kind === 'task.logs.denied')!.message).toMatch(/its logs are lost: the task execution role ecsTaskExecutionRole does not allow logs:PutLogEvents on log group \/ecs\/app\.$/);
  });
});

describe('roles ECS cannot assume, and deregistered revisions', () => {
  const assume = (arn: string) =>
    `ECS was unable to assume the role '${arn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;

  it('RunTask refuses a task role that does not exist (ClientException), changing nothing', () => {
    const engine = launchEngine();
    const arn = 'arn:aws:iam::123456789012:role/missingTaskRole';
    responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'app', taskRoleArn: arn, containerDefinitions: [container()] } }));
    const before = JSON.stringify(engine.snapshot());
    expectError(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app' } }), 'ClientException', `${assume(arn)} (Sandbox: the task role ${arn} does not exist; create it with iam:CreateRole.)`);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('RunTask refuses an execution role whose trust policy does not trust ecs-tasks.amazonaws.com', () => {
    const engine = launchEngine({ instanceProfile: 'ec2Only' });
    const arn = 'arn:aws:iam::123456789012:role/ec2Only';
    responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'app', executionRoleArn: arn, containerDefinitions: [container()] } }));
    expectError(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app' } }), 'ClientException', `${assume(arn)} (Sandbox: the trust policy of ec2Only, the task execution role, does not let ecs-tasks.amazonaws.com assume it.)`);
  });

  it('a task role that exists is accepted; the task carries its task definition\'s role', () => {
    const engine = launchEngine();
    responseOf(engine.dispatch({ 'iam:CreateRole': { RoleName: 'appTaskRole', AssumeRolePolicyDocument: ECS_TASKS_TRUST } }));
    const task = runApp(engine, { taskRoleArn: 'arn:aws:iam::123456789012:role/appTaskRole' });
    expect(task.lastStatus).toBe('RUNNING');
  });

  it('a deregistered revision: running tasks go on, RunTask is refused with AWS\'s error', () => {
    const engine = launchEngine();
    const running = runApp(engine, {});
    responseOf(engine.dispatch({ 'ecs:DeregisterTaskDefinition': { taskDefinition: 'app:1' } }));
    expectError(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app:1' } }), 'InvalidParameterException', 'TaskDefinition is inactive');
    engine.advance(60_000);
    expect(engine.snapshot().tasks.find((task) => task.taskArn === running.taskArn)!.lastStatus).toBe('RUNNING');
  });
});

describe('the default scenario', () => {
  it('still runs its three tasks, with no roles or repositories', () => {
    const parsed = parseScenarioText(readFileSync(new URL('../../../scenarios/sandbox.yaml', import.meta.url), 'utf8'), { fileName: 'sandbox.yaml' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const engine = createEngine();
    const load = engine.load(parsed.scenario);
    expect(load.results.every((result) => 'response' in result)).toBe(true);
    const snapshot = engine.snapshot();
    expect(snapshot.tasks.map((task) => task.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(snapshot.roles).toEqual([]);
    expect(snapshot.repositories).toEqual([]);
    expect(snapshot.events.some((event) => event.kind === 'task.failed')).toBe(false);
  });
});

describe('scenarios/ecr-and-roles.yaml', () => {
  it('loads without errors: app runs, app-broken stops with CannotPullContainerError', () => {
    const parsed = parseScenarioText(readFileSync(new URL('../../../scenarios/ecr-and-roles.yaml', import.meta.url), 'utf8'), { fileName: 'ecr-and-roles.yaml' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const engine = createEngine();
    const load = engine.load(parsed.scenario);
    expect(load.results.filter((result) => 'error' in result)).toEqual([]);
    const snapshot = engine.snapshot();
    const byFamily = snapshot.tasks.map((task) => [task.taskDefinitionArn.split('/').pop(), task.lastStatus, task.stopCode]);
    expect(byFamily).toEqual([['app:1', 'RUNNING', undefined], ['app:1', 'RUNNING', undefined], ['app-broken:1', 'STOPPED', 'TaskFailedToStart']]);
    expect(snapshot.tasks[2]!.stoppedReason).toBe(`CannotPullContainerError: Error response from daemon: manifest for ${URI}/app:v3 not found: manifest unknown: Requested image not found`);
    expect(snapshot.roles!.map((role) => role.RoleName)).toEqual(['ecsTaskExecutionRole', 'app-task-role']);
    expect(snapshot.repositories![0]!.images.map((image) => image.imageTags)).toEqual([['v2'], ['v1']]);
    // The same seed gives the same run, byte for byte.
    const again = createEngine();
    again.load(parsed.scenario);
    expect(JSON.stringify(again.snapshot())).toBe(JSON.stringify(snapshot));
  });
});

describe('sim:CallFromTask: the application uses the task role, else the instance role', () => {
  it('a task role with AmazonS3ReadOnlyAccess may read S3 but not write it or use SQS', () => {
    const engine = launchEngine();
    responseOf(engine.dispatch({ 'iam:CreateRole': { RoleName: 'appTaskRole', AssumeRolePolicyDocument: ECS_TASKS_TRUST } }));
    responseOf(engine.dispatch({ 'iam:AttachRolePolicy': { RoleName: 'appTaskRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' } }));
    const task = runApp(engine, { taskRoleArn: 'arn:aws:iam::123456789012:role/appTaskRole' });
    const call = (action: string, resource: string) => responseOf(engine.dispatch({ 'sim:CallFromTask': { cluster: 'demo', task: task.taskArn, action, resource } }));
    expect(call('s3:GetObject', 'arn:aws:s3:::reports/jan.csv')).toMatchObject({ allowed: true, credentialsFrom: 'taskRole', roleArn: 'arn:aws:iam::123456789012:role/appTaskRole' });
    const taskId = task.taskArn.split('/').pop();
    expect(call('sqs:SendMessage', 'arn:aws:sqs:us-east-1:123456789012:jobs')).toEqual({
      allowed: false,
      roleArn: 'arn:aws:iam::123456789012:role/appTaskRole',
      credentialsFrom: 'taskRole',
      principal: `arn:aws:sts::123456789012:assumed-role/appTaskRole/${taskId}`,
      error: {
        code: 'AccessDeniedException',
        message: `User: arn:aws:sts::123456789012:assumed-role/appTaskRole/${taskId} is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:123456789012:jobs because no identity-based policy allows the sqs:SendMessage action`,
      },
    });
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/called sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:jobs with its task role appTaskRole: AccessDenied \(no statement allows it\)\.$/);
  });

  it('without a task role the calls use the container instance role', () => {
    const engine = launchEngine();
    const task = runApp(engine, {});
    expect(responseOf(engine.dispatch({ 'sim:CallFromTask': { cluster: 'demo', task: task.taskArn, action: 'ecr:BatchGetImage' } }))).toMatchObject({ allowed: true, credentialsFrom: 'containerInstanceRole' });
    expect(responseOf(engine.dispatch({ 'sim:CallFromTask': { cluster: 'demo', task: task.taskArn, action: 's3:GetObject' } })).allowed).toBe(false);
  });

  it('refuses calls from tasks that are not running, and bad actions', () => {
    const engine = launchEngine();
    const failed = runApp(engine, { executionRoleArn: EXEC_ROLE });
    expectError(engine.dispatch({ 'sim:CallFromTask': { cluster: 'demo', task: failed.taskArn, action: 's3:GetObject' } }), 'InvalidParameterException', /is STOPPED: only the application of a RUNNING task makes calls\.$/);
    expectError(engine.dispatch({ 'sim:CallFromTask': { cluster: 'demo', task: failed.taskArn, action: 'GetObject' } }), 'InvalidParameterException', /^action must be an AWS API action/);
    expectError(engine.dispatch({ 'sim:CallFromTask': { cluster: 'demo', task: 'feedface', action: 's3:GetObject' } }), 'InvalidParameterException', 'The referenced task was not found.');
  });
});
