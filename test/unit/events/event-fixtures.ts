// Shared setup for the event-driven tests: a cluster with room, the role EventBridge assumes, a task
// role that may (or may not) read the uploads bucket, a batch task definition, an EventBridge-enabled
// bucket and a rule that runs the task for each upload.
import type { SandboxEngine, Step, StepResult } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';

export const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo';
export const EVENTS_ROLE_ARN = 'arn:aws:iam::123456789012:role/events-run-task';
export const PROCESSOR_TD_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/processor:1';

export const EVENTS_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
export const TASKS_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export function baseSteps(options: { readBucket?: boolean; taskRole?: boolean } = {}): Step[] {
  const { readBucket = true, taskRole = true } = options;
  return [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count: 2 } },
    { 'iam:CreateRole': { RoleName: 'events-run-task', AssumeRolePolicyDocument: EVENTS_TRUST } },
    {
      'iam:PutRolePolicy': {
        RoleName: 'events-run-task',
        PolicyName: 'run-task',
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ecs:RunTask', 'iam:PassRole'], Resource: '*' }] },
      },
    },
    { 'iam:CreateRole': { RoleName: 'processor', AssumeRolePolicyDocument: TASKS_TRUST } },
    ...(readBucket
      ? [
          {
            'iam:PutRolePolicy': {
              RoleName: 'processor',
              PolicyName: 'read-uploads',
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/*' }] },
            },
          },
        ]
      : []),
    {
      'ecs:RegisterTaskDefinition': {
        family: 'processor',
        ...(taskRole ? { taskRoleArn: 'arn:aws:iam::123456789012:role/processor' } : {}),
        containerDefinitions: [{ name: 'app', image: 'public.ecr.aws/docker/library/busybox:1.36', cpu: 128, memory: 128 }],
      },
    },
  ];
}

export const UPLOAD_PATTERN = { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: ['uploads'] } } };

export function uploadRuleSteps(eventBridge = true): Step[] {
  return [
    { 's3:CreateBucket': { Bucket: 'uploads' } },
    ...(eventBridge ? [{ 's3:PutBucketNotificationConfiguration': { Bucket: 'uploads', NotificationConfiguration: { EventBridgeConfiguration: {} } } }] : []),
    { 'events:PutRule': { Name: 'on-upload', EventPattern: JSON.stringify(UPLOAD_PATTERN) } },
    {
      'events:PutTargets': {
        Rule: 'on-upload',
        Targets: [
          {
            Id: 'process',
            Arn: CLUSTER_ARN,
            RoleArn: EVENTS_ROLE_ARN,
            EcsParameters: { TaskDefinitionArn: PROCESSOR_TD_ARN, LaunchType: 'EC2' },
            InputTransformer: {
              InputPathsMap: { key: '$.detail.object.key' },
              InputTemplate: '{"containerOverrides":[{"name":"app","environment":[{"name":"OBJECT_KEY","value":<key>}]}]}',
            },
          },
        ],
      },
    },
  ];
}

export function engineWith(steps: Step[], seed = 7): SandboxEngine {
  const engine = createEngine({ seed });
  const load = engine.load({ id: 'events-test', title: 'events test', seed, setup: steps });
  const failed = load.results.filter((r) => 'error' in r);
  if (failed.length > 0) throw new Error(JSON.stringify(failed));
  return engine;
}

export function ok<T = Record<string, any>>(result: StepResult): T {
  if ('error' in result) throw new Error(`${result.action} failed: ${result.error.code}: ${result.error.message}`);
  return result.response as T;
}

export function err(result: StepResult): { code: string; message: string } {
  if (!('error' in result)) throw new Error(`${result.action} succeeded: ${JSON.stringify(result.response).slice(0, 300)}`);
  return result.error;
}

export const messages = (engine: SandboxEngine, kind?: string): string[] =>
  engine.snapshot().events.filter((e) => kind === undefined || e.kind === kind).map((e) => e.message);

/** The environment overrides of a task's first container (RunTask's containerOverrides are untyped in the protocol). */
export const envOf = (task: { overrides: { containerOverrides: unknown[] } }): { name: string; value: string }[] =>
  (task.overrides.containerOverrides[0] as { environment?: { name: string; value: string }[] } | undefined)?.environment ?? [];
