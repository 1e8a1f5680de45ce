// Proves how services work off queues (sqs/consumers.ts, catch-up.ts, metrics.ts): tasks with the
// queue URL in their environment consume 1 / MESSAGE_PROCESSING_SECONDS messages a second each,
// only while RUNNING and only when their task role allows sqs:ReceiveMessage and sqs:DeleteMessage
// on the queue (else AccessDenied in the event log, once); the AWS/SQS metrics each minute; the
// visibility-timeout lesson (processing longer than the timeout → redelivered, never deleted);
// stopped consumers abandoning what they held; determinism.
import { describe, expect, it } from 'vitest';
import { responseOf } from '../engine/helpers.ts';
import { consumerModel } from '../../../workers/engine/sqs/catch-up.ts';
import { queueUsesOf, DEFAULT_MESSAGE_PROCESSING_SECONDS } from '../../../workers/engine/sqs/consumers.ts';
import type { TaskDefinition } from '../../../workers/protocol.ts';
import { ARN, MIN, URL, engineWith, queueOf, runningTasks, sqsPoints, startWorkers, visible, workerPolicy, workerSetup, workerTaskDefinition, attr } from './fixtures.ts';

const sqsEvents = (engine: ReturnType<typeof engineWith>) => engine.snapshot().events.filter((e) => e.kind.startsWith('sqs.')).map((e) => e.message);

/** The workers running, then `count` messages sent at a minute boundary. */
function running(tasks: number, options: Parameters<typeof workerSetup>[0] = {}) {
  const engine = engineWith(workerSetup(options));
  startWorkers(engine, tasks);
  engine.advance(MIN);
  expect(runningTasks(engine.snapshot())).toBe(tasks);
  return engine;
}

describe('the consumer model', () => {
  it('reads the queue URL and MESSAGE_PROCESSING_SECONDS from a container’s environment', () => {
    const td = (env: Record<string, string>) => workerTaskDefinition(env) as unknown as TaskDefinition;
    expect(queueUsesOf(td({ QUEUE_URL: URL }))).toEqual([{ queueName: 'jobs', processingSeconds: DEFAULT_MESSAGE_PROCESSING_SECONDS }]);
    expect(queueUsesOf(td({ JOBS: URL, MESSAGE_PROCESSING_SECONDS: '0.25' }))).toEqual([{ queueName: 'jobs', processingSeconds: 0.25 }]);
    expect(queueUsesOf(td({ QUEUE_NAME: 'jobs' }))).toEqual([]);
    const bad = queueUsesOf(td({ QUEUE_URL: URL, MESSAGE_PROCESSING_SECONDS: 'fast' }));
    expect(bad[0]).toMatchObject({ processingSeconds: 1, problem: 'MESSAGE_PROCESSING_SECONDS="fast" in container worker of worker:undefined is not a number of seconds from 0.01 to 43200; its tasks take the sandbox default of 1 s per message.' });
  });

  it('pools several services into one model with the same rate and one message in flight per task', () => {
    let n = 0;
    const group = (consuming: number, perTaskRate: number) => ({
      serviceArn: 's',
      serviceName: 's',
      running: consuming,
      consuming,
      messagesPerSecond: consuming * perTaskRate,
      taskRates: Array.from({ length: consuming }, (): [string, number] => [`task-${n++}`, perTaskRate]),
      problems: [],
    });
    expect(consumerModel([group(2, 1), group(2, 0.25)])).toEqual({ consumers: 4, messagesPerSecondPerConsumer: 2.5 / 4, processingSeconds: 4 / 2.5 });
    expect(consumerModel([])).toEqual({ consumers: 0, messagesPerSecondPerConsumer: 0, processingSeconds: 0 });
  });
});

describe('a worker service working off a queue', () => {
  it('drains at tasks × 1 message a second (the default), and the AWS/SQS metrics show it', () => {
    const engine = running(2);
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 600 } }));
    engine.advance(30_000);
    // 31 receive instants (0 s … 30 s, the one at 30 s included: a reader sees the tasks holding them).
    expect(visible(engine)).toBe(538);
    engine.advance(5 * MIN);
    const s = engine.snapshot();
    const at = (name: string) => sqsPoints(s, name).map((p) => p.v);
    // Minutes 1 … 7 (the burst at minute 1, 120 deleted a minute by 2 tasks).
    // Read at each minute's first instant, with that instant's receives: each task holds one message.
    expect(at('ApproximateNumberOfMessagesVisible')).toEqual([0, 478, 358, 238, 118, 0]);
    expect(at('ApproximateNumberOfMessagesNotVisible')).toEqual([0, 2, 2, 2, 2, 0]);
    expect(at('NumberOfMessagesSent')).toEqual([0, 600, 0, 0, 0, 0]);
    expect(at('NumberOfMessagesDeleted')).toEqual([0, 120, 120, 120, 120, 120]);
    expect(at('ApproximateAgeOfOldestMessage')).toEqual([0, 60, 120, 180, 240, 0]);
    expect(queueOf(s).consumers).toEqual([{ serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/worker', serviceName: 'worker', runningTasks: 2, messagesPerSecond: 2 }]);
  });

  it('MESSAGE_PROCESSING_SECONDS sets the rate per task; NotVisible counts the messages being processed', () => {
    const engine = running(3, { env: { QUEUE_URL: URL, MESSAGE_PROCESSING_SECONDS: '4' } });
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 90 } }));
    engine.advance(MIN);
    // 3 tasks × 1/4 s = 0.75 a second: 45 done in a minute, 3 in hand.
    const s = engine.snapshot();
    expect(sqsPoints(s, 'NumberOfMessagesDeleted').at(-1)!.v).toBe(42);
    expect(attr(s, 'ApproximateNumberOfMessagesNotVisible')).toBe(3);
    expect(attr(s, 'ApproximateNumberOfMessages')).toBe(45);
  });

  it('a producer and the workers side by side: the backlog grows only when the rate beats them', () => {
    const engine = running(2);
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', ratePerSecond: 3, durationSeconds: 120 } }));
    engine.advance(2 * MIN);
    // 3 a second in, 2 out: about 120 left after two minutes.
    expect(visible(engine)).toBeGreaterThanOrEqual(118);
    expect(visible(engine)).toBeLessThanOrEqual(122);
  });

  it('consumes nothing without sqs permissions, and says so once in AWS’s words', () => {
    const engine = running(2, { policy: null });
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 50 } }));
    engine.advance(3 * MIN);
    expect(visible(engine)).toBe(50);
    expect(queueOf(engine.snapshot()).consumers).toEqual([{ serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/worker', serviceName: 'worker', runningTasks: 0, messagesPerSecond: 0, accessDeniedTasks: 2 }]);
    const denied = sqsEvents(engine).filter((m) => m.includes('AccessDenied'));
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatch(
      new RegExp(
        `^2 of service worker's 2 running tasks cannot work off queue jobs: AccessDenied \\(User: arn:aws:sts::123456789012:assumed-role/worker-role/[0-9a-f]{32} is not authorized to perform: sqs:receivemessage on resource: ${ARN} because no identity-based policy allows the sqs:receivemessage action\\)\\. Its task role must allow sqs:ReceiveMessage and sqs:DeleteMessage on ${ARN}\\.$`,
      ),
    );
    // Fixing the role lets them work from the next catch-up (the minute tick): the sandbox is not
    // told when a policy changes, so the minute that was running still had no consumer.
    responseOf(engine.dispatch({ 'iam:PutRolePolicy': { RoleName: 'worker-role', PolicyName: 'queue', PolicyDocument: workerPolicy() } }));
    engine.advance(MIN);
    expect(visible(engine)).toBe(48); // the two tasks take their first messages at that minute
    engine.advance(MIN);
    expect(visible(engine)).toBe(0);
  });

  it('needs DeleteMessage as well as ReceiveMessage, on this queue’s ARN', () => {
    const engine = running(1, { policy: workerPolicy(['sqs:ReceiveMessage']) });
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 5 } }));
    engine.advance(MIN);
    expect(visible(engine)).toBe(5);
    expect(sqsEvents(engine).some((m) => m.includes('not authorized to perform: sqs:deletemessage'))).toBe(true);
    const other = running(1, { policy: workerPolicy(undefined, 'arn:aws:sqs:us-east-1:123456789012:other') });
    responseOf(other.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 5 } }));
    other.advance(MIN);
    expect(visible(other)).toBe(5);
    const wildcard = running(1, { policy: workerPolicy(['sqs:*'], 'arn:aws:sqs:*:123456789012:*') });
    responseOf(wildcard.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 5 } }));
    wildcard.advance(MIN);
    expect(visible(wildcard)).toBe(0);
  });

  it('processing longer than the visibility timeout: messages come back and are never deleted', () => {
    const engine = running(2, { env: { QUEUE_URL: URL, MESSAGE_PROCESSING_SECONDS: '45' } });
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 4 } }));
    engine.advance(3 * MIN);
    const s = engine.snapshot();
    expect(sqsPoints(s, 'NumberOfMessagesDeleted').map((p) => p.v).every((v) => v === 0)).toBe(true);
    expect(attr(s, 'ApproximateNumberOfMessages') + attr(s, 'ApproximateNumberOfMessagesNotVisible')).toBe(4);
    expect(sqsEvents(engine).some((m) => /messages were received again from queue jobs in the last minute: their visibility timeout \(30 s\) ran out before a consumer deleted them/.test(m))).toBe(true);
    // Raising the timeout above the processing time fixes it.
    responseOf(engine.dispatch({ 'sqs:SetQueueAttributes': { QueueUrl: URL, Attributes: { VisibilityTimeout: '60' } } }));
    engine.advance(4 * MIN);
    expect(attr(engine.snapshot(), 'ApproximateNumberOfMessages') + attr(engine.snapshot(), 'ApproximateNumberOfMessagesNotVisible')).toBe(0);
  });

  it('a bad MESSAGE_PROCESSING_SECONDS falls back to the default and is said once', () => {
    const engine = running(1, { env: { QUEUE_URL: URL, MESSAGE_PROCESSING_SECONDS: '0' } });
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 100 } }));
    engine.advance(3 * MIN);
    expect(visible(engine)).toBe(0);
    expect(sqsEvents(engine).filter((m) => m.includes('MESSAGE_PROCESSING_SECONDS="0"'))).toHaveLength(1);
  });

  it('tasks that stop while processing abandon their messages until the visibility timeout ends', () => {
    const engine = running(4, { env: { QUEUE_URL: URL, MESSAGE_PROCESSING_SECONDS: '20' } });
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 100 } }));
    engine.advance(10_000);
    responseOf(engine.dispatch({ 'ecs:UpdateService': { cluster: 'demo', service: 'worker', desiredCount: 1 } }));
    engine.advance(2 * MIN);
    // 4 tasks at 1/20 s: 0.2 a second, so 2 received in the first 10 s and in hand when 3 of the 4 stop
    // (at STOPPING, when SIGTERM is sent): they abandon 3/4 of those, rounded.
    expect(sqsEvents(engine).some((m) => /^Consumers of queue jobs stopped while holding 2 messages: they stay invisible until the visibility timeout \(30 s\) ends, then are received again\.$/.test(m))).toBe(true);
    expect(queueOf(engine.snapshot()).consumers[0]!.runningTasks).toBe(1);
  });

  it('standalone tasks are not consumers; a queue nobody names is left alone', () => {
    const engine = engineWith(workerSetup());
    responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'worker' } }));
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 10 } }));
    engine.advance(2 * MIN);
    expect(visible(engine)).toBe(10);
    expect(queueOf(engine.snapshot()).consumers).toEqual([]);
  });

  it('is deterministic: the same steps give the same queue, metrics and events', () => {
    const runOnce = () => {
      const engine = running(3, { env: { QUEUE_URL: URL, MESSAGE_PROCESSING_SECONDS: '1.5' } });
      responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 500, ratePerSecond: 4 } }));
      engine.advance(4 * MIN + 1234);
      const s = engine.snapshot();
      return JSON.stringify([s.queues, s.metrics!.filter((m) => m.Namespace === 'AWS/SQS'), sqsEvents(engine)]);
    };
    expect(runOnce()).toBe(runOnce());
  });
});

describe('consumers counted the moment they change', () => {
  it('tasks consume from the instant they are RUNNING, not from the next minute', () => {
    const engine = engineWith(workerSetup());
    responseOf(engine.dispatch({ 'sim:SendMessages': { queue: 'jobs', count: 1000 } }));
    startWorkers(engine, 3);
    engine.advance(50_000); // before the first minute tick
    const s = engine.snapshot();
    const startedAt = Math.max(...s.tasks.filter((t) => t.lastStatus === 'RUNNING').map((t) => Date.parse(t.startedAt!) - Date.parse('2026-01-01T00:00:00Z')));
    expect(startedAt).toBeLessThan(50_000);
    const consumed = 1000 - visible(engine) - attr(s, 'ApproximateNumberOfMessagesNotVisible');
    // 3 tasks at 1 a second since they started (give or take the instant each started).
    expect(consumed).toBeGreaterThan(3 * Math.floor((50_000 - startedAt) / 1000) - 3);
    expect(consumed).toBeLessThanOrEqual(3 * 50);
  });
});
