// How an ECS RunTask target's parameters reach RunTask: Fargate with its network configuration,
// platform version, group and tags; a static Input and an InputPath as RunTask overrides; a Fargate
// task without a task role has no credentials to read S3 with; and the first PENDING of an EC2 task
// (whose EventBridge envelope is attached just after its line is written) is seen by the rules.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../workers/protocol.ts';
import { CLUSTER_ARN, EVENTS_ROLE_ARN, UPLOAD_PATTERN, baseSteps, engineWith, messages, ok } from './event-fixtures.ts';

const FARGATE_TD: Step = {
  'ecs:RegisterTaskDefinition': {
    family: 'fargate-job',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'job', image: 'public.ecr.aws/docker/library/busybox:1.36' }],
  },
};
const FARGATE_TD_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/fargate-job:1';
const VPC = { awsvpcConfiguration: { Subnets: ['subnet-us-east-1b'], SecurityGroups: ['sg-default'], AssignPublicIp: 'ENABLED' } };

describe('ECS RunTask targets', () => {
  it('Fargate with network configuration, platform version, group, tags and a static Input', () => {
    const engine = engineWith([
      ...baseSteps(),
      FARGATE_TD,
      { 'events:PutRule': { Name: 'tick', ScheduleExpression: 'rate(1 minute)' } },
      {
        'events:PutTargets': {
          Rule: 'tick',
          Targets: [
            {
              Id: 'job',
              Arn: CLUSTER_ARN,
              RoleArn: EVENTS_ROLE_ARN,
              Input: '{"containerOverrides":[{"name":"job","command":["echo","tick"]}]}',
              EcsParameters: { TaskDefinitionArn: FARGATE_TD_ARN, TaskCount: 2, LaunchType: 'FARGATE', NetworkConfiguration: VPC, PlatformVersion: 'LATEST', Group: 'ticks', Tags: [{ Key: 'team', Value: 'data' }] },
            },
          ],
        },
      },
    ]);
    engine.advance(60_000);
    const tasks = engine.snapshot().tasks.filter((t) => t.startedBy === 'events-rule/tick');
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      expect(task).toMatchObject({ launchType: 'FARGATE', group: 'ticks', availabilityZone: 'us-east-1b', tags: [{ key: 'team', value: 'data' }] });
      expect(task.overrides.containerOverrides).toEqual([{ name: 'job', command: ['echo', 'tick'] }]);
    }
    expect(messages(engine, 'events.invocation')[0]).toMatch(/^Rule tick ran 2 task\(s\) in cluster demo \(startedBy events-rule\/tick\): [0-9a-f]{8}, [0-9a-f]{8}\.$/);
  });

  it('an InputPath that selects overrides from a custom field of the event; one selecting a string fails the invocation', () => {
    const engine = engineWith([
      ...baseSteps(),
      { 's3:CreateBucket': { Bucket: 'uploads' } },
      { 's3:PutBucketNotificationConfiguration': { Bucket: 'uploads', NotificationConfiguration: { EventBridgeConfiguration: {} } } },
      { 'events:PutRule': { Name: 'on-upload', EventPattern: UPLOAD_PATTERN } },
      {
        'events:PutTargets': {
          Rule: 'on-upload',
          Targets: [{ Id: 'by-path', Arn: CLUSTER_ARN, RoleArn: EVENTS_ROLE_ARN, InputPath: '$.detail.object.key', EcsParameters: { TaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/processor' } }],
        },
      },
      { 'sim:PutObject': { bucket: 'uploads', key: 'k' } },
    ]);
    engine.advance(1_000);
    expect(messages(engine, 'events.invocation-failed')[0]).toMatch(/the target's input is "k", but an ECS target's input must be RunTask's overrides object/);
    expect(engine.snapshot().eventRules![0]!.failedInvocations).toBe(1);
  });

  it('a Fargate task without a task role cannot read the object: Unable to locate credentials, exit 1', () => {
    const engine = engineWith([
      ...baseSteps(),
      FARGATE_TD,
      { 's3:CreateBucket': { Bucket: 'uploads' } },
      { 's3:PutBucketNotificationConfiguration': { Bucket: 'uploads', NotificationConfiguration: { EventBridgeConfiguration: {} } } },
      { 'events:PutRule': { Name: 'on-upload', EventPattern: UPLOAD_PATTERN } },
      { 'events:PutTargets': { Rule: 'on-upload', Targets: [{ Id: 'f', Arn: CLUSTER_ARN, RoleArn: EVENTS_ROLE_ARN, EcsParameters: { TaskDefinitionArn: FARGATE_TD_ARN, LaunchType: 'FARGATE', NetworkConfiguration: VPC } }] } },
      { 'sim:PutObject': { bucket: 'uploads', key: 'a.csv' } },
    ]);
    engine.advance(2 * 60_000);
    expect(messages(engine, 'task.s3-denied')[0]).toMatch(/could not read s3:\/\/uploads\/a\.csv: Unable to locate credentials/);
    expect(engine.snapshot().tasks[0]!.containers[0]!.exitCode).toBe(1);
  });

  it('the first PENDING of an EC2 task reaches a rule on PENDING tasks', () => {
    const engine = engineWith([
      ...baseSteps(),
      { 'events:PutRule': { Name: 'pending', EventPattern: { source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'], detail: { lastStatus: ['PENDING'] } } } },
      { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'processor' } },
    ]);
    engine.advance(0);
    expect(messages(engine, 'events.rule-matched')).toEqual([expect.stringMatching(/^Rule pending matched an ECS Task State Change: task [0-9a-f]{8}… PENDING\. It has no targets/)]);
  });

  it("PutTargets copies the request: changing the caller's object afterwards changes nothing", () => {
    const engine = engineWith([...baseSteps(), { 'events:PutRule': { Name: 'tick', ScheduleExpression: 'rate(1 day)' } }]);
    const targets = [{ Id: 't', Arn: 'arn:aws:sns:us-east-1:123456789012:x' }];
    ok(engine.dispatch({ 'events:PutTargets': { Rule: 'tick', Targets: targets } }));
    targets[0]!.Arn = 'arn:aws:sns:us-east-1:123456789012:changed';
    expect(engine.snapshot().eventRules![0]!.Targets[0]!.Arn).toBe('arn:aws:sns:us-east-1:123456789012:x');
  });
});
