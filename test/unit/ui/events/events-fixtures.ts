/**
 * Fixture snapshots for the events panel's view models, in the shapes the engine gives them (taken
 * from the event-driven and sqs-worker scenarios): three EventBridge rules (an S3 pattern with an ECS
 * target, an hourly schedule, an ECS pattern with an SNS target), the photo-uploads bucket, and the
 * jobs queue with its consumer and four minutes of ApproximateNumberOfMessagesVisible.
 */
import type { EventRule, S3Bucket, Snapshot, SqsQueue } from '../../../../workers/protocol.ts';
import { snapshot, task } from '../fixtures.ts';
import { series } from '../capacity-fixtures.ts';

const ACCOUNT = '123456789012';
const CLUSTER = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/events-demo`;
const MIN = 60_000;

export const onUpload: EventRule = {
  Name: 'on-upload',
  Arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/on-upload`,
  EventPattern: '{ "source": ["aws.s3"], "detail-type": ["Object Created"] }',
  State: 'ENABLED',
  Description: 'Process every photo uploaded to photo-uploads',
  EventBusName: 'default',
  Targets: [{ Id: 'process-photo', Arn: CLUSTER, EcsParameters: { TaskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/image-processor:1`, LaunchType: 'FARGATE' } }],
  matchedEvents: 2,
  triggeredRules: 2,
  failedInvocations: 0,
};

export const hourly: EventRule = {
  Name: 'hourly-batch',
  Arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/hourly-batch`,
  ScheduleExpression: 'rate(1 hour)',
  State: 'ENABLED',
  EventBusName: 'default',
  Targets: [{ Id: 'batch', Arn: CLUSTER, EcsParameters: { TaskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/hourly-batch:1`, TaskCount: 3 } }],
  nextFireMs: 60 * MIN,
  matchedEvents: 0,
  // Fired twice (a schedule matches no events: its firings are its TriggeredRules).
  triggeredRules: 2,
  failedInvocations: 1,
};

export const stopped: EventRule = {
  Name: 'stopped-tasks',
  Arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/stopped-tasks`,
  EventPattern: '{"source":["aws.ecs"]}',
  State: 'DISABLED',
  EventBusName: 'default',
  Targets: [{ Id: 'email-ops', Arn: `arn:aws:sns:us-east-1:${ACCOUNT}:ops-alerts` }],
  matchedEvents: 1,
  triggeredRules: 1,
  failedInvocations: 0,
};

const object = (Key: string, Size: number, minute: number) => ({ Key, Size, LastModified: new Date(Date.UTC(2026, 0, 1) + minute * MIN).toISOString(), ETag: '"x"' });

export const photos: S3Bucket = {
  Name: 'photo-uploads',
  CreationDate: '2026-01-01T00:00:00.000Z',
  eventBridgeEnabled: true,
  // S3 lists by key; the uploads came in the order cat (minute 0), uploads/photo-3 (2), dog (5), uploads/photo-1 (7), zebra (7).
  objects: [object('photos/cat.jpg', 245_760, 0), object('photos/dog.jpg', 1024, 5), object('photos/zebra.jpg', 512, 7), object('uploads/photo-1.jpg', 3 * 1024 * 1024, 7), object('uploads/photo-3.jpg', 1024, 2), object('uploads/photo-6.jpg', 1024, 1)],
};

export const jobs: SqsQueue = {
  QueueName: 'jobs',
  QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs`,
  QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
  Attributes: { ApproximateNumberOfMessages: '1110', ApproximateNumberOfMessagesNotVisible: '4', ApproximateNumberOfMessagesDelayed: '2', VisibilityTimeout: '60' },
  consumers: [
    { serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/workers/worker`, serviceName: 'worker', runningTasks: 2, messagesPerSecond: 0.5 },
    { serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/workers/locked`, serviceName: 'locked', runningTasks: 0, accessDeniedTasks: 1 },
  ],
};

/** At minute 4 (+00:04:00): tasks started by on-upload (one stopped, one running), one by hand. */
export function eventsSnapshot(parts: Partial<Snapshot> = {}): Snapshot {
  const byRule = (id: string, status: 'RUNNING' | 'STOPPED') => ({ ...task(id, null, status, 'image-processor'), launchType: 'FARGATE' as const, startedBy: 'events-rule/on-upload' });
  return snapshot({
    time: 4 * MIN,
    eventRules: [onUpload, hourly, stopped],
    buckets: [photos],
    queues: [jobs],
    tasks: [byRule('t1', 'STOPPED'), byRule('t2', 'RUNNING'), task('t3', null, 'RUNNING')],
    metrics: [
      // Visible messages at minutes 1 … 3 (t = 0 … 2 min in the helper → shifted below).
      { ...series('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: 'jobs' }, [1200, 1170, 1140]), points: [1200, 1170, 1140].map((v, i) => ({ t: (i + 1) * MIN, v })) },
      series('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: 'other' }, [5, 5]),
    ],
    ...parts,
  });
}
