// Proves an EventBridge rule with an SQS queue target (sqs/eventbridge-delivery.ts): each time the
// rule runs, one message lands on the queue (counted in NumberOfMessagesSent); a queue that does not
// exist fails the invocation with SQS's text.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { ARN, MIN, attr } from './fixtures.ts';

describe('an EventBridge rule feeding a queue', () => {
  it('sends one message per run; a missing queue fails the invocation', () => {
    const engine = createEngine({ seed: 2 });
    const loaded = engine.load({
      id: 't',
      title: 't',
      seed: 2,
      setup: [
        { 'sqs:CreateQueue': { QueueName: 'jobs' } },
        { 'events:PutRule': { Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' } },
        { 'events:PutTargets': { Rule: 'every-minute', Targets: [{ Id: 'q', Arn: ARN }, { Id: 'gone', Arn: 'arn:aws:sqs:us-east-1:123456789012:gone' }] } },
      ],
    });
    expect(loaded.results.filter((r) => 'error' in r)).toEqual([]);
    engine.advance(5 * MIN + 1);
    const s = engine.snapshot();
    const delivered = s.events.filter((e) => e.kind === 'events.delivered').length;
    expect(delivered).toBeGreaterThanOrEqual(4);
    expect(attr(s, 'ApproximateNumberOfMessages')).toBe(delivered);
    const failed = s.events.filter((e) => e.kind === 'events.invocation-failed').map((e) => e.message);
    expect(failed.length).toBe(delivered);
    expect(failed[0]).toMatch(/sqs:SendMessage to arn:aws:sqs:us-east-1:123456789012:gone: The specified queue does not exist\.$/);
  });
});
