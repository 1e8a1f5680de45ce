// Proves that a refused command leaves the sandbox exactly as it was (ECS, IAM and ECR commands
// alike): the snapshot JSON is byte-identical after each error case, the pending timers are the
// same, and the PRNG is untouched (the next ARNs are the ones a run without the refused command
// would have drawn).
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { demoEngine, errorOf, responseOf, run, WEB_TASK_DEFINITION } from './helpers.ts';
import { ECS_TASKS_TRUST } from './iam-fixtures.ts';

const ERROR_STEPS: [string, Step][] = [
  ['unknown action', { 'ecs:RunTsk': {} }],
  ['two keys', { 'ecs:ListTasks': {}, wait: 1 }],
  ['bad wait', { wait: '-5s' }],
  ['CreateCluster bad name', { 'ecs:CreateCluster': { clusterName: 'a b' } }],
  ['CreateCluster unknown param', { 'ecs:CreateCluster': { clusterName: 'x', foo: 1 } }],
  ['AddContainerInstances unknown type', { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm9.huge', count: 3 } }],
  ['AddContainerInstances bad zone after good ones', { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.micro', count: 3, availabilityZones: ['us-east-1a', 'mars-1a'] } }],
  ['AddContainerInstances missing cluster', { 'sim:AddContainerInstances': { cluster: 'nope', instanceType: 't3.micro' } }],
  ['Register invalid', { 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web' }] } }],
  ['Register wrong type', { 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, cpu: 256 } }],
  ['Describe missing', { 'ecs:DescribeTaskDefinition': { taskDefinition: 'nope' } }],
  ['Deregister family only', { 'ecs:DeregisterTaskDefinition': { taskDefinition: 'web' } }],
  ['RunTask count 11', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 11 } }],
  ['RunTask FARGATE', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', launchType: 'FARGATE' } }],
  ['RunTask missing td', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api' } }],
  ['RunTask bad tags', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', tags: [{ value: 'x' }] } }],
  ['StopTask missing', { 'ecs:StopTask': { cluster: 'demo', task: 'feedface' } }],
  ['DescribeTasks missing cluster', { 'ecs:DescribeTasks': { cluster: 'nope', tasks: ['x'] } }],
  ['ListTasks bad status', { 'ecs:ListTasks': { cluster: 'demo', desiredStatus: 'X' } }],
  ['ListContainerInstances bad filter', { 'ecs:ListContainerInstances': { cluster: 'demo', filter: 'runningTasksCount ==' } }],
  ['RunTask bad memberOf', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type ==' }] } }],
  ['RunTask 6 strategies', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', placementStrategy: Array.from({ length: 6 }, () => ({ type: 'random' })) } }],
  ['CreateRole bad name', { 'iam:CreateRole': { RoleName: 'a b', AssumeRolePolicyDocument: ECS_TASKS_TRUST } }],
  ['CreateRole malformed trust', { 'iam:CreateRole': { RoleName: 'r', AssumeRolePolicyDocument: '{' } }],
  ['AttachRolePolicy missing role', { 'iam:AttachRolePolicy': { RoleName: 'nope', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' } }],
  ['AddContainerInstances unknown profile', { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.micro', iamInstanceProfile: 'nope' } }],
  ['CreateRepository bad name', { 'ecr:CreateRepository': { repositoryName: 'Bad' } }],
  ['PushImage missing repository', { 'sim:PushImage': { repositoryName: 'nope' } }],
  ['PutLifecyclePolicy missing repository', { 'ecr:PutLifecyclePolicy': { repositoryName: 'nope', lifecyclePolicyText: '{}' } }],
];

/** Errors that need IAM and ECR state: a role, an immutable repository with v1, a lifecycle policy. */
const IAM_ECR_SETUP: Step[] = [
  { 'iam:CreateRole': { RoleName: 'exec', AssumeRolePolicyDocument: ECS_TASKS_TRUST } },
  { 'iam:AttachRolePolicy': { RoleName: 'exec', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' } },
  { 'ecr:CreateRepository': { repositoryName: 'app', imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true } } },
  { 'sim:PushImage': { repositoryName: 'app', imageTag: 'v1' } },
  {
    'ecr:PutLifecyclePolicy': {
      repositoryName: 'app',
      lifecyclePolicyText: { rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }, action: { type: 'expire' } }] },
    },
  },
  { 'ecs:RegisterTaskDefinition': { family: 'ghost', taskRoleArn: 'arn:aws:iam::123456789012:role/ghost', containerDefinitions: [{ name: 'g', image: 'nginx', memory: 64 }] } },
];

const IAM_ECR_ERROR_STEPS: [string, Step][] = [
  ['CreateRole duplicate', { 'iam:CreateRole': { RoleName: 'exec', AssumeRolePolicyDocument: ECS_TASKS_TRUST } }],
  ['AttachRolePolicy unknown policy', { 'iam:AttachRolePolicy': { RoleName: 'exec', PolicyArn: 'arn:aws:iam::aws:policy/Nope' } }],
  ['DeleteRole with policies', { 'iam:DeleteRole': { RoleName: 'exec' } }],
  ['PutRolePolicy malformed', { 'iam:PutRolePolicy': { RoleName: 'exec', PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow' }] } } }],
  ['CreateRepository duplicate', { 'ecr:CreateRepository': { repositoryName: 'app' } }],
  ['PushImage immutable tag', { 'sim:PushImage': { repositoryName: 'app', imageTag: 'v1' } }],
  ['DeleteRepository not empty', { 'ecr:DeleteRepository': { repositoryName: 'app' } }],
  ['PutLifecyclePolicy invalid', { 'ecr:PutLifecyclePolicy': { repositoryName: 'app', lifecyclePolicyText: { rules: [{ rulePriority: 1 }] } } }],
  ['RunTask with a missing task role', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'ghost' } }],
];

describe('refused IAM and ECR commands change nothing', () => {
  it.each(IAM_ECR_ERROR_STEPS)('%s', (_name, step) => {
    const setup = (engine: SandboxEngine): void => {
      for (const setupStep of IAM_ECR_SETUP) responseOf(engine.dispatch(setupStep));
      run(engine, { count: 2 });
      engine.advance(3_000);
    };
    const engine = demoEngine(13);
    setup(engine);
    const before = JSON.stringify(engine.snapshot());
    const timerBefore = engine.nextTimerAt();
    errorOf(engine.dispatch(step));
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    expect(engine.nextTimerAt()).toBe(timerBefore);
    const twin = demoEngine(13);
    setup(twin);
    expect(run(engine, {}).tasks[0].taskArn).toBe(run(twin, {}).tasks[0].taskArn);
  });
});

describe('refused commands change nothing', () => {
  it.each(ERROR_STEPS)('%s', (_name, step) => {
    const engine = demoEngine(11);
    run(engine, { count: 2 });
    engine.advance(3_000);
    const before = JSON.stringify(engine.snapshot());
    const timerBefore = engine.nextTimerAt();
    errorOf(engine.dispatch(step));
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    expect(engine.nextTimerAt()).toBe(timerBefore);

    // The PRNG was not consumed: the next task gets the ARN a twin engine without the error gets.
    const twin = demoEngine(11);
    run(twin, { count: 2 });
    twin.advance(3_000);
    expect(run(engine, {}).tasks[0].taskArn).toBe(run(twin, {}).tasks[0].taskArn);
  });

  it('a RunTask that places nothing is not an error: failures and an event, but no task', () => {
    const engine = demoEngine(12, 't3.micro', 1);
    const big = { ...WEB_TASK_DEFINITION, family: 'big', containerDefinitions: [{ ...WEB_TASK_DEFINITION.containerDefinitions[0], memory: 4096 }] };
    responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': big }));
    const response = run(engine, { taskDefinition: 'big', count: 2 });
    const instance = engine.snapshot().containerInstances[0]!;
    expect(response).toEqual({ tasks: [], failures: [{ arn: instance.containerInstanceArn, reason: 'RESOURCE:MEMORY' }] });
    expect(engine.snapshot().tasks).toEqual([]);
    expect(engine.snapshot().events.at(-1)).toMatchObject({
      kind: 'placement.failed',
      message: 'RunTask could not place 2 tasks of big:1 in cluster demo: 0/1 instances can run big:1: 1 × insufficient memory (needs 4096 MiB, most free 998 MiB).',
    });
  });
});
