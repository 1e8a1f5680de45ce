// Proves the SQS actions (commands/sqs.ts) against AWS's behaviour: CreateQueue's defaults, reuse and
// QueueAlreadyExists, the 60-second name reuse rule, GetQueueUrl, ListQueues with a prefix and pages,
// GetQueueAttributes (none, names, All), SetQueueAttributes, SendMessage (MD5, delay, size),
// PurgeQueue once per 60 s, DeleteQueue, and sim:SendMessages as a burst or a producer over time —
// and that every refusal leaves the sandbox byte-identical.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { errorOf, expectError, responseOf } from '../engine/helpers.ts';
import { ARN, MIN, URL, attr, sqsPoints } from './fixtures.ts';

function fresh(steps: Step[] = [{ 'sqs:CreateQueue': { QueueName: 'jobs' } }]): SandboxEngine {
  const engine = createEngine({ seed: 3 });
  engine.load({ id: 't', title: 't', seed: 3, setup: steps });
  return engine;
}
const call = (engine: SandboxEngine, step: Step) => engine.dispatch(step);
const ok = (engine: SandboxEngine, step: Step) => responseOf(engine.dispatch(step));
const attributes = (engine: SandboxEngine, names: string[] = ['All'], url = URL) => ok(engine, { 'sqs:GetQueueAttributes': { QueueUrl: url, AttributeNames: names } }).Attributes as Record<string, string>;
const sqsEvents = (engine: SandboxEngine) => engine.snapshot().events.filter((e) => e.kind.startsWith('sqs.')).map((e) => e.message);

describe('sqs:CreateQueue', () => {
  it('answers the URL; the queue has AWS’s defaults', () => {
    const engine = fresh([]);
    expect(ok(engine, { 'sqs:CreateQueue': { QueueName: 'jobs' } })).toEqual({ QueueUrl: URL });
    expect(attributes(engine)).toEqual({
      QueueArn: ARN,
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      CreatedTimestamp: '1767225600',
      LastModifiedTimestamp: '1767225600',
      VisibilityTimeout: '30',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
    });
    expect(sqsEvents(engine)).toEqual([
      `Created SQS queue jobs (visibility timeout 30 s, retention 345600 s, delay 0 s). A service works it off when its tasks have ${URL} in their environment.`,
    ]);
  });

  it('takes attributes as strings, as the CLI sends them', () => {
    const engine = fresh([]);
    ok(engine, {
      'sqs:CreateQueue': {
        QueueName: 'slow_jobs-1',
        Attributes: { VisibilityTimeout: '120', MessageRetentionPeriod: '3600', DelaySeconds: '5', ReceiveMessageWaitTimeSeconds: '20', MaximumMessageSize: '2048', Policy: '{"Version":"2012-10-17","Statement":[]}' },
      },
    });
    expect(attributes(engine, ['All'], 'https://sqs.us-east-1.amazonaws.com/123456789012/slow_jobs-1')).toMatchObject({
      VisibilityTimeout: '120',
      MessageRetentionPeriod: '3600',
      DelaySeconds: '5',
      ReceiveMessageWaitTimeSeconds: '20',
      MaximumMessageSize: '2048',
      Policy: '{"Version":"2012-10-17","Statement":[]}',
    });
  });

  it('returns the existing queue for the same name and attributes, refuses different ones', () => {
    const engine = fresh([{ 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { VisibilityTimeout: '60', ReceiveMessageWaitTimeSeconds: '10' } } }]);
    expect(ok(engine, { 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { VisibilityTimeout: '60', ReceiveMessageWaitTimeSeconds: '10' } } })).toEqual({ QueueUrl: URL });
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'jobs' } }), 'QueueAlreadyExists', 'A queue already exists with the same name and a different value for attribute VisibilityTimeout');
    expectError(
      call(engine, { 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { VisibilityTimeout: '60' } } }),
      'QueueAlreadyExists',
      'A queue already exists with the same name and a different value for attribute ReceiveMessageWaitTimeSeconds',
    );
    expect(sqsEvents(engine)).toHaveLength(1);
  });

  it('refuses bad names, FIFO queues, unknown attributes and bad values', () => {
    const engine = fresh([]);
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'bad name' } }), 'InvalidParameterValue', 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'x'.repeat(81) } }), 'InvalidParameterValue');
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'orders.fifo' } }), 'InvalidParameterValue', /the sandbox simulates standard queues only/);
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'orders', Attributes: { FifoQueue: 'true' } } }), 'InvalidParameterValue', /FIFO queues are not simulated/);
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { Colour: 'blue' } } }), 'InvalidAttributeName', 'Unknown Attribute Colour.');
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { VisibilityTimeout: '43201' } } }), 'InvalidAttributeValue', 'Invalid value for the parameter VisibilityTimeout.');
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { MaximumMessageSize: '1023' } } }), 'InvalidAttributeValue', 'Invalid value for the parameter MaximumMessageSize.');
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { ReceiveMessageWaitTimeSeconds: '21' } } }), 'InvalidAttributeValue', 'Invalid value for the parameter ReceiveMessageWaitTimeSeconds.');
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { RedrivePolicy: 'not json' } } }), 'InvalidAttributeValue', 'Invalid value for the parameter RedrivePolicy.');
    expectError(call(engine, { 'sqs:CreateQueue': {} }), 'ParamValidationError', 'Parameter validation failed:\nMissing required parameter in input: "QueueName"');
    expect(engine.snapshot().queues).toBeUndefined();
  });

  it('a deleted queue’s name can be used again only after 60 seconds', () => {
    const engine = fresh();
    ok(engine, { 'sqs:DeleteQueue': { QueueUrl: URL } });
    engine.advance(59_000);
    expectError(call(engine, { 'sqs:CreateQueue': { QueueName: 'jobs' } }), 'AWS.SimpleQueueService.QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.');
    engine.advance(1_000);
    expect(ok(engine, { 'sqs:CreateQueue': { QueueName: 'jobs' } })).toEqual({ QueueUrl: URL });
  });
});

describe('sqs:GetQueueUrl and sqs:ListQueues', () => {
  it('finds a queue by name (case-sensitive) in this account', () => {
    const engine = fresh();
    expect(ok(engine, { 'sqs:GetQueueUrl': { QueueName: 'jobs' } })).toEqual({ QueueUrl: URL });
    expect(ok(engine, { 'sqs:GetQueueUrl': { QueueName: 'jobs', QueueOwnerAWSAccountId: '123456789012' } })).toEqual({ QueueUrl: URL });
    expectError(call(engine, { 'sqs:GetQueueUrl': { QueueName: 'Jobs' } }), 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
    expectError(call(engine, { 'sqs:GetQueueUrl': { QueueName: 'jobs', QueueOwnerAWSAccountId: '111122223333' } }), 'AWS.SimpleQueueService.NonExistentQueue');
  });

  it('lists URLs by prefix, in pages with NextToken', () => {
    const engine = fresh(['b', 'a2', 'a1', 'c'].map((n) => ({ 'sqs:CreateQueue': { QueueName: n } })));
    const url = (n: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${n}`;
    expect(ok(engine, { 'sqs:ListQueues': {} })).toEqual({ QueueUrls: ['a1', 'a2', 'b', 'c'].map(url) });
    expect(ok(engine, { 'sqs:ListQueues': { QueueNamePrefix: 'a' } })).toEqual({ QueueUrls: ['a1', 'a2'].map(url) });
    expect(ok(engine, { 'sqs:ListQueues': { QueueNamePrefix: 'z' } })).toEqual({});
    const first = ok(engine, { 'sqs:ListQueues': { MaxResults: 3 } });
    expect(first.QueueUrls).toEqual(['a1', 'a2', 'b'].map(url));
    const second = ok(engine, { 'sqs:ListQueues': { MaxResults: 3, NextToken: first.NextToken } });
    expect(second).toEqual({ QueueUrls: [url('c')] });
    expectError(call(engine, { 'sqs:ListQueues': { MaxResults: 0 } }), 'InvalidParameterValue', 'Value 0 for parameter MaxResults is invalid. Reason: MaxResults must be between 1 and 1000.');
    expectError(call(engine, { 'sqs:ListQueues': { MaxResults: 3, NextToken: 'garbage' } }), 'InvalidParameterValue', 'Invalid NextToken value.');
  });
});

describe('sqs:GetQueueAttributes and sqs:SetQueueAttributes', () => {
  it('answers nothing, named attributes, or All; unknown names are refused', () => {
    const engine = fresh();
    expect(ok(engine, { 'sqs:GetQueueAttributes': { QueueUrl: URL } })).toEqual({});
    expect(attributes(engine, ['QueueArn', 'VisibilityTimeout', 'FifoQueue'])).toEqual({ QueueArn: ARN, VisibilityTimeout: '30' });
    expectError(call(engine, { 'sqs:GetQueueAttributes': { QueueUrl: URL, AttributeNames: ['Size'] } }), 'InvalidAttributeName', 'Unknown Attribute Size.');
    expectError(call(engine, { 'sqs:GetQueueAttributes': { QueueUrl: `${URL}x` } }), 'AWS.SimpleQueueService.NonExistentQueue');
    // A name alone is not a queue URL (the API takes the URL).
    expectError(call(engine, { 'sqs:GetQueueAttributes': { QueueUrl: 'jobs' } }), 'AWS.SimpleQueueService.NonExistentQueue');
  });

  it('sets attributes, stamps LastModifiedTimestamp, refuses read-only and bad ones', () => {
    const engine = fresh();
    engine.advance(90_000);
    ok(engine, { 'sqs:SetQueueAttributes': { QueueUrl: URL, Attributes: { VisibilityTimeout: '300', DelaySeconds: '10', RedrivePolicy: '{"maxReceiveCount":"5","deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq"}' } } });
    expect(attributes(engine)).toMatchObject({ VisibilityTimeout: '300', DelaySeconds: '10', LastModifiedTimestamp: '1767225690', CreatedTimestamp: '1767225600' });
    expect(attributes(engine, ['RedrivePolicy'])).toEqual({ RedrivePolicy: '{"maxReceiveCount":"5","deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq"}' });
    expectError(call(engine, { 'sqs:SetQueueAttributes': { QueueUrl: URL, Attributes: { ApproximateNumberOfMessages: '5' } } }), 'InvalidAttributeName', 'Unknown Attribute ApproximateNumberOfMessages.');
    expectError(call(engine, { 'sqs:SetQueueAttributes': { QueueUrl: URL, Attributes: { MessageRetentionPeriod: '59' } } }), 'InvalidAttributeValue', 'Invalid value for the parameter MessageRetentionPeriod.');
    expectError(call(engine, { 'sqs:SetQueueAttributes': { QueueUrl: URL } }), 'ParamValidationError');
    expect(attributes(engine, ['MessageRetentionPeriod'])).toEqual({ MessageRetentionPeriod: '345600' });
  });
});

describe('sqs:SendMessage, sqs:PurgeQueue, sqs:DeleteQueue', () => {
  it('sends one message with its MD5 and a MessageId; DelaySeconds holds it back', () => {
    const engine = fresh();
    const sent = ok(engine, { 'sqs:SendMessage': { QueueUrl: URL, MessageBody: 'hello' } });
    expect(sent.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(sent.MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    ok(engine, { 'sqs:SendMessage': { QueueUrl: URL, MessageBody: 'later', DelaySeconds: 30 } });
    expect(attributes(engine, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed'])).toEqual({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesDelayed: '1' });
    engine.advance(30_000);
    expect(attributes(engine, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed'])).toEqual({ ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesDelayed: '0' });
  });

  it('refuses empty or oversized bodies, bad delays and deduplication ids', () => {
    const engine = fresh([{ 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { MaximumMessageSize: '1024' } } }]);
    expectError(call(engine, { 'sqs:SendMessage': { QueueUrl: URL, MessageBody: '' } }), 'MissingParameter', 'The request must contain the parameter MessageBody.');
    expectError(call(engine, { 'sqs:SendMessage': { QueueUrl: URL, MessageBody: 'é'.repeat(513) } }), 'InvalidParameterValue', 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.');
    expect(ok(engine, { 'sqs:SendMessage': { QueueUrl: URL, MessageBody: 'é'.repeat(512) } }).MD5OfMessageBody).toHaveLength(32);
    expectError(call(engine, { 'sqs:SendMessage': { QueueUrl: URL, MessageBody: 'x', DelaySeconds: 901 } }), 'InvalidParameterValue', 'Value 901 for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.');
    expectError(call(engine, { 'sqs:SendMessage': { QueueUrl: URL, MessageBody: 'x', MessageDeduplicationId: 'd' } }), 'InvalidParameterValue', 'The request include parameter that is not valid for this queue type.');
    expectError(call(engine, { 'sqs:SendMessage': { QueueUrl: URL } }), 'ParamValidationError');
  });

  it('purges every message, at most once per 60 seconds', () => {
    const engine = fresh();
    ok(engine, { 'sim:SendMessages': { queue: 'jobs', count: 250 } });
    ok(engine, { 'sqs:PurgeQueue': { QueueUrl: URL } });
    expect(attributes(engine, ['ApproximateNumberOfMessages'])).toEqual({ ApproximateNumberOfMessages: '0' });
    expect(sqsEvents(engine).at(-1)).toBe('Purged queue jobs: 250 messages deleted (messages in flight too).');
    engine.advance(59_999);
    expectError(call(engine, { 'sqs:PurgeQueue': { QueueUrl: URL } }), 'AWS.SimpleQueueService.PurgeQueueInProgress', 'Only one PurgeQueue operation on jobs is allowed every 60 seconds.');
    engine.advance(1);
    ok(engine, { 'sqs:PurgeQueue': { QueueUrl: URL } });
  });

  it('deletes a queue with its metrics; the minute ticker stops when no queue is left', () => {
    const engine = fresh();
    ok(engine, { 'sim:SendMessages': { queue: 'jobs', count: 3 } });
    engine.advance(2 * MIN);
    expect(sqsPoints(engine.snapshot(), 'ApproximateNumberOfMessagesVisible').map((p) => p.v)).toEqual([3, 3]);
    ok(engine, { 'sqs:DeleteQueue': { QueueUrl: URL } });
    expect(sqsEvents(engine).at(-1)).toBe('Deleted SQS queue jobs with 3 messages in it; its name can be used again in 60 s.');
    expectError(call(engine, { 'sqs:DeleteQueue': { QueueUrl: URL } }), 'AWS.SimpleQueueService.NonExistentQueue');
    const s = engine.snapshot();
    expect(s.queues).toEqual([]);
    expect(s.metrics!.filter((m) => m.Namespace === 'AWS/SQS')).toEqual([]);
    engine.advance(MIN);
    expect(engine.nextTimerAt()).toBeNull();
  });
});

describe('sim:SendMessages', () => {
  it('sends a burst now, to a queue named by URL, name or ARN', () => {
    const engine = fresh();
    expect(ok(engine, { 'sim:SendMessages': { queue: URL, count: 100 } })).toEqual({ QueueUrl: URL, messages: 100, sentAt: '2026-01-01T00:00:00.000Z' });
    ok(engine, { 'sim:SendMessages': { queue: 'jobs', count: 10 } });
    ok(engine, { 'sim:SendMessages': { queue: ARN, count: 1 } });
    expect(attr(engine.snapshot(), 'ApproximateNumberOfMessages')).toBe(111);
    expect(sqsEvents(engine).at(-1)).toBe('Sent 1 message to queue jobs.');
  });

  it('a producer spreads messages evenly over time: count at a rate, rate × duration, or count over a duration', () => {
    const engine = fresh();
    expect(ok(engine, { 'sim:SendMessages': { queue: 'jobs', count: 600, ratePerSecond: 10 } })).toEqual({
      QueueUrl: URL,
      messages: 600,
      ratePerSecond: 10,
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '2026-01-01T00:01:00.000Z',
    });
    expect(sqsEvents(engine).at(-1)).toBe('A producer sends 600 messages to queue jobs over 60 s (10 a second).');
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      engine.advance(15_000);
      seen.push(attr(engine.snapshot(), 'ApproximateNumberOfMessages'));
    }
    // A reader at second k sees the producer's batch of that second already sent (10 a second from 0 s).
    expect(seen).toEqual([160, 310, 460, 600]);
    engine.advance(MIN);
    expect(attr(engine.snapshot(), 'ApproximateNumberOfMessages')).toBe(600);
    expect(ok(engine, { 'sim:SendMessages': { queue: 'jobs', ratePerSecond: 0.5, durationSeconds: 20 } }).messages).toBe(10);
    expect(ok(engine, { 'sim:SendMessages': { queue: 'jobs', count: 7, durationSeconds: 7 } }).ratePerSecond).toBe(1);
    engine.advance(20_000);
    expect(attr(engine.snapshot(), 'ApproximateNumberOfMessages')).toBe(617);
    // NumberOfMessagesSent per minute follows the producer (minutes 1, 2 and 3).
    engine.advance(40_000);
    expect(sqsPoints(engine.snapshot(), 'NumberOfMessagesSent').map((p) => p.v)).toEqual([600, 0, 17]);
  });

  it('refuses what does not add up', () => {
    const engine = fresh();
    const refusal = (request: Record<string, unknown>) => errorOf(call(engine, { 'sim:SendMessages': { queue: 'jobs', ...request } })).message;
    expect(refusal({})).toBe('sim:SendMessages: give count (a burst now), or count or ratePerSecond with durationSeconds (a producer over time).');
    expect(refusal({ ratePerSecond: 5 })).toMatch(/give count/);
    expect(refusal({ count: 0 })).toBe('sim:SendMessages: count must be a whole number of messages from 1 to 100000, not 0.');
    expect(refusal({ count: 100_001 })).toMatch(/from 1 to 100000/);
    expect(refusal({ count: 10, ratePerSecond: -1 })).toBe('sim:SendMessages: ratePerSecond must be a number above 0 and at most 10000, not -1.');
    expect(refusal({ count: 10, ratePerSecond: '5' })).toMatch(/ratePerSecond must be a number/);
    expect(refusal({ count: 10, ratePerSecond: 2, durationSeconds: 6 })).toBe('sim:SendMessages: count 10 does not match ratePerSecond 2 × durationSeconds 6 = 12; give two of the three.');
    expect(refusal({ ratePerSecond: 0.01, durationSeconds: 10 })).toBe('sim:SendMessages: ratePerSecond 0.01 for 10 s sends no message; raise the rate or the duration.');
    expect(refusal({ ratePerSecond: 10_000, durationSeconds: 11 })).toBe('sim:SendMessages: that is 110000 messages; one call sends at most 100000.');
    expect(refusal({ count: 5, durationSeconds: 0 })).toMatch(/durationSeconds must be from 1 to 604800/);
    expect(errorOf(call(engine, { 'sim:SendMessages': { queue: 'nope', count: 1 } })).message).toBe('sim:SendMessages: no queue named nope (give its URL, name or ARN; sqs:ListQueues lists them).');
    expectError(call(engine, { 'sim:SendMessages': { queue: 'jobs', count: 1, colour: 'red' } }), 'ParamValidationError');
  });
});

describe('refusals change nothing', () => {
  const SETUP: Step[] = [
    { 'sqs:CreateQueue': { QueueName: 'jobs', Attributes: { VisibilityTimeout: '60' } } },
    { 'sim:SendMessages': { queue: 'jobs', count: 40, ratePerSecond: 2 } },
    { 'sqs:PurgeQueue': { QueueUrl: URL } },
    { wait: '5s' },
  ];
  const REFUSED: [string, Step][] = [
    ['CreateQueue different attributes', { 'sqs:CreateQueue': { QueueName: 'jobs' } }],
    ['CreateQueue bad value', { 'sqs:CreateQueue': { QueueName: 'other', Attributes: { DelaySeconds: '901' } } }],
    ['CreateQueue FIFO', { 'sqs:CreateQueue': { QueueName: 'x.fifo' } }],
    ['DeleteQueue missing', { 'sqs:DeleteQueue': { QueueUrl: `${URL}2` } }],
    ['GetQueueUrl missing', { 'sqs:GetQueueUrl': { QueueName: 'nope' } }],
    ['ListQueues bad MaxResults', { 'sqs:ListQueues': { MaxResults: 1001 } }],
    ['GetQueueAttributes unknown', { 'sqs:GetQueueAttributes': { QueueUrl: URL, AttributeNames: ['Nope'] } }],
    ['SetQueueAttributes bad', { 'sqs:SetQueueAttributes': { QueueUrl: URL, Attributes: { VisibilityTimeout: 'soon' } } }],
    ['SendMessage too long', { 'sqs:SendMessage': { QueueUrl: URL, MessageBody: 'x'.repeat(1_048_577) } }],
    ['PurgeQueue again', { 'sqs:PurgeQueue': { QueueUrl: URL } }],
    ['SendMessages mismatch', { 'sim:SendMessages': { queue: 'jobs', count: 3, ratePerSecond: 1, durationSeconds: 2 } }],
    ['SendMessages unknown queue', { 'sim:SendMessages': { queue: 'nope', count: 3 } }],
  ];
  it.each(REFUSED)('%s', (_name, step) => {
    const engine = fresh(SETUP);
    const before = JSON.stringify(engine.snapshot());
    const timer = engine.nextTimerAt();
    expect('error' in engine.dispatch(step)).toBe(true);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    expect(engine.nextTimerAt()).toBe(timer);
    // And the queue goes on exactly as in a run without the refused step.
    const twin = fresh(SETUP);
    engine.advance(3 * MIN);
    twin.advance(3 * MIN);
    expect(JSON.stringify(engine.snapshot().queues)).toBe(JSON.stringify(twin.snapshot().queues));
  });
});

describe('any request', () => {
  it('is answered, never thrown; a refusal changes nothing (fast-check)', () => {
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 2000 }), fc.double(), fc.boolean(), fc.constant(null), fc.constant(URL), fc.constant('jobs'), fc.constant(ARN));
    const request = fc.dictionary(
      fc.constantFrom('QueueName', 'QueueUrl', 'Attributes', 'AttributeNames', 'MessageBody', 'DelaySeconds', 'MaxResults', 'NextToken', 'queue', 'count', 'ratePerSecond', 'durationSeconds', 'x'),
      fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.dictionary(fc.constantFrom('VisibilityTimeout', 'DelaySeconds', 'FifoQueue', 'Policy', 'Nope'), value)),
    );
    const action = fc.constantFrom('sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueUrl', 'sqs:ListQueues', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:SendMessage', 'sqs:PurgeQueue', 'sim:SendMessages');
    const engine = fresh([{ 'sqs:CreateQueue': { QueueName: 'jobs' } }, { 'sim:SendMessages': { queue: 'jobs', count: 5 } }]);
    fc.assert(
      fc.property(action, fc.oneof(request, value), (name, req) => {
        const before = JSON.stringify(engine.snapshot().queues);
        const result = engine.dispatch({ [name]: req } as Step);
        if ('error' in result) expect(JSON.stringify(engine.snapshot().queues)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
