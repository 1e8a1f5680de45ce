// Proves the SQS queue model: CreateQueue's limits and errors, the drain of 1,000 messages by 4
// consumers at 5 msg/s (50 s), the three approximate counts along the way, visibility-timeout
// redelivery (too-slow consumers and stopped consumers), delay, retention expiry, fractional rates,
// 100,000 messages held in a few buckets, purity, determinism, and backlog per task.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  approximateNumberOfMessagesDelayed as delayed,
  approximateNumberOfMessagesNotVisible as notVisible,
  approximateNumberOfMessagesVisible as visible,
  createQueue,
  SQS_MESSAGES,
  type CreateQueueInput,
  type Queue,
} from '../../../workers/engine/sqs/queue.ts';
import { advanceQueue, consume, producerDue, sendMessages, stopConsumers, type ConsumerModel } from '../../../workers/engine/sqs/flow.ts';
import { createOrReuseQueue, parseCreateQueueRequest } from '../../../workers/engine/sqs/create-queue-request.ts';
import { acceptableBacklogPerTask, backlogPerTask } from '../../../workers/engine/sqs/backlog.ts';

const S = 1000;

function queue(input: Partial<CreateQueueInput> = {}): Queue {
  const r = createQueue({ name: 'jobs', ...input });
  if (!r.ok) throw new Error(r.error.message);
  return r.queue;
}
function must<T>(r: { ok: true } & T | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r;
}
const send = (q: Queue, count: number, at: number, delay?: number): Queue => must(sendMessages(q, count, at, delay)).queue;
const workers = (consumers: number, rate: number, processingSeconds: number): ConsumerModel => ({ consumers, messagesPerSecondPerConsumer: rate, processingSeconds });

describe('createQueue', () => {
  it('has AWS’s defaults, URL and ARN', () => {
    expect(queue()).toMatchObject({
      name: 'jobs',
      url: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
      arn: 'arn:aws:sqs:us-east-1:123456789012:jobs',
      visibilityTimeoutSeconds: 30,
      messageRetentionSeconds: 345_600,
      delaySeconds: 0,
    });
  });
  it('accepts names of 1 to 80 letters, digits, - and _', () => {
    for (const name of ['a', 'A-b_9', 'x'.repeat(80)]) expect(createQueue({ name }).ok).toBe(true);
  });
  it('refuses other names with AWS’s InvalidParameterValue text', () => {
    for (const name of ['', 'x'.repeat(81), 'has space', 'dot.name', 'ü', '.fifo']) {
      expect(createQueue({ name })).toEqual({ ok: false, error: { code: 'InvalidParameterValue', message: 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length' } });
    }
  });
  it('refuses FIFO queues as not simulated', () => {
    expect(createQueue({ name: 'orders.fifo' })).toEqual({ ok: false, error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.fifoNotSimulated('orders.fifo') } });
  });
  it('checks attribute ranges with AWS’s InvalidAttributeValue text', () => {
    const bad: [Partial<CreateQueueInput>, string][] = [
      [{ visibilityTimeoutSeconds: 43_201 }, 'VisibilityTimeout'],
      [{ visibilityTimeoutSeconds: -1 }, 'VisibilityTimeout'],
      [{ visibilityTimeoutSeconds: 1.5 }, 'VisibilityTimeout'],
      [{ messageRetentionSeconds: 59 }, 'MessageRetentionPeriod'],
      [{ messageRetentionSeconds: 1_209_601 }, 'MessageRetentionPeriod'],
      [{ delaySeconds: 901 }, 'DelaySeconds'],
    ];
    for (const [input, attribute] of bad) {
      expect(createQueue({ name: 'q', ...input })).toEqual({ ok: false, error: { code: 'InvalidAttributeValue', message: `Invalid value for the parameter ${attribute}.` } });
    }
    expect(createQueue({ name: 'q', visibilityTimeoutSeconds: 0, messageRetentionSeconds: 60, delaySeconds: 900 }).ok).toBe(true);
    expect(createQueue({ name: 'q', visibilityTimeoutSeconds: 43_200, messageRetentionSeconds: 1_209_600 }).ok).toBe(true);
  });
});

describe('draining: 1,000 messages, 4 consumers at 5 msg/s each, 1 s per message', () => {
  const model = workers(4, 5, 1);
  const full = send(queue(), 1000, 0);
  it('takes 50 s: 20 received each second, the last deleted at 50 s', () => {
    const r = must(consume(full, model, 0, 50 * S));
    expect(r.report).toMatchObject({ received: 1000, deleted: 1000, expired: 0, redelivered: 0, emptyAtMs: 50 * S });
    expect([visible(r.queue), notVisible(r.queue), delayed(r.queue)]).toEqual([0, 0, 0]);
  });
  it('half way (24.5 s): 500 visible, 20 in flight, 480 deleted', () => {
    const r = must(consume(full, model, 0, 24_500));
    expect([visible(r.queue), notVisible(r.queue), r.report.deleted]).toEqual([500, 20, 480]);
    expect(r.report.emptyAtMs).toBeUndefined();
  });
  it('consuming in pieces gives the same queue as in one go', () => {
    const one = must(consume(full, model, 0, 40 * S)).queue;
    let q = full;
    for (let t = 0; t < 40 * S; t += 7 * S) q = must(consume(q, model, t, Math.min(t + 7 * S, 40 * S))).queue;
    expect([visible(q), notVisible(q), q.totals]).toEqual([visible(one), notVisible(one), one.totals]);
  });
  it('is pure: the caller’s queue does not change', () => {
    const before = JSON.stringify(full);
    must(consume(full, model, 0, 60 * S));
    must(sendMessages(full, 5, 10 * S));
    expect(JSON.stringify(full)).toBe(before);
  });
});

describe('visibility timeout', () => {
  it('a consumer slower than the timeout gets the messages again (processing 15 s, timeout 10 s)', () => {
    const q = send(queue({ visibilityTimeoutSeconds: 10 }), 5, 0);
    const r = must(consume(q, workers(1, 1, 15), 0, 19_500));
    // Received at 0..4 s, visible again at 10..14 s, received again at 10..14 s (and due back at
    // 20..24 s); nothing is ever deleted.
    expect(r.report).toMatchObject({ received: 10, redelivered: 5, returnedToVisible: 5, deleted: 0 });
    expect(r.queue.inFlight.every((b) => b.receiveCount === 2)).toBe(true);
  });
  it('messages held by a stopped consumer come back when their timeout ends', () => {
    const q = send(queue({ visibilityTimeoutSeconds: 30 }), 10, 0);
    const received = must(consume(q, workers(10, 1, 20), 0, 5 * S)).queue; // all 10 received at 0 s
    expect(notVisible(received)).toBe(10);
    const stopped = must(stopConsumers(received, 5 * S));
    expect(stopped.abandoned).toBe(10);
    const before = must(advanceQueue(stopped.queue, 29_999));
    expect([visible(before.queue), notVisible(before.queue), before.report.deleted]).toEqual([0, 10, 0]);
    const after = must(advanceQueue(before.queue, 30 * S));
    expect([visible(after.queue), notVisible(after.queue), after.report.returnedToVisible]).toEqual([10, 0, 10]);
    // A new consumer then receives them as redeliveries.
    expect(must(consume(after.queue, workers(1, 10, 1), 30 * S, 32 * S)).report).toMatchObject({ received: 10, redelivered: 10, deleted: 10 });
  });
});

describe('a partial stop', () => {
  it('1 of 4 consumers stopping loses a quarter of what is in flight; the rest is still deleted', () => {
    const q = send(queue({ visibilityTimeoutSeconds: 30 }), 100, 0);
    const held = must(consume(q, workers(4, 25, 20), 0, 1 * S)).queue; // 100 received at 0 s, delete due at 20 s
    const stopped = must(stopConsumers(held, 1 * S, 0.25));
    expect(stopped.abandoned).toBe(25);
    const later = must(advanceQueue(stopped.queue, 30 * S));
    expect([later.report.deleted, later.report.returnedToVisible, visible(later.queue)]).toEqual([75, 25, 25]);
    expect(stopConsumers(held, 1 * S, 2).ok).toBe(false);
  });
});

describe('delay and retention', () => {
  it('DelaySeconds keeps messages delayed, then visible', () => {
    const q = send(queue({ delaySeconds: 10 }), 5, 0);
    expect([visible(q), delayed(q)]).toEqual([0, 5]);
    expect(delayed(must(advanceQueue(q, 9_999)).queue)).toBe(5);
    const later = must(advanceQueue(q, 10 * S)).queue;
    expect([visible(later), delayed(later)]).toEqual([5, 0]);
    // A per-message delay overrides the queue's.
    expect(delayed(send(queue(), 3, 0, 60))).toBe(3);
  });
  it('consumers wait for delayed messages', () => {
    const q = send(queue({ delaySeconds: 10 }), 4, 0);
    const r = must(consume(q, workers(1, 4, 1), 0, 12 * S));
    expect(r.report).toMatchObject({ received: 4, deleted: 4 });
    expect(r.queue.totals.received).toBe(4);
  });
  it('messages older than MessageRetentionPeriod are deleted', () => {
    let q = send(queue({ messageRetentionSeconds: 60 }), 100, 0);
    q = send(q, 50, 30 * S);
    const before = must(advanceQueue(q, 59_999));
    expect(visible(before.queue)).toBe(150);
    const at60 = must(advanceQueue(before.queue, 60 * S));
    expect([visible(at60.queue), at60.report.expired]).toEqual([50, 100]);
    const at90 = must(advanceQueue(at60.queue, 90 * S));
    expect([visible(at90.queue), at90.report.expired, at90.report.emptyAtMs]).toEqual([0, 50, 90 * S]);
    expect(at90.queue.totals).toMatchObject({ sent: 150, expired: 150 });
  });
});

describe('rates, scale and determinism', () => {
  it('a fractional rate carries over: 1 consumer at 0.5 msg/s takes 20 s for 10 messages', () => {
    const r = must(consume(send(queue(), 10, 0), workers(1, 0.5, 0), 0, 20 * S));
    expect(r.report).toMatchObject({ received: 10, deleted: 10 });
    expect(must(consume(send(queue(), 10, 0), workers(1, 0.5, 0), 0, 19 * S)).report.received).toBe(9);
  });
  it('no consumers: nothing moves', () => {
    const r = must(consume(send(queue(), 10, 0), workers(0, 5, 1), 0, 100 * S));
    expect([visible(r.queue), r.report.received]).toEqual([10, 0]);
  });
  it('100,000 messages stay a few buckets: 100 consumers at 10 msg/s drain them in 100 s', () => {
    const q = send(queue(), 100_000, 0);
    const mid = must(consume(q, workers(100, 10, 2), 0, 50 * S)).queue;
    // Received at 0..49 s (1,000 a second); those received at 49 s are deleted at 51 s.
    expect([visible(mid), notVisible(mid)]).toEqual([50_000, 1000]);
    expect(mid.ready.length + mid.inFlight.length).toBeLessThanOrEqual(4);
    const r = must(consume(q, workers(100, 10, 2), 0, 101 * S));
    expect(r.report).toMatchObject({ received: 100_000, deleted: 100_000, emptyAtMs: 101 * S });
  });
  it('the same operations give the same queue (property)', () => {
    const seed = 20261207;
    console.log(`sqs determinism fast-check seed ${seed}`);
    fc.assert(
      fc.property(
        fc.array(fc.record({ count: fc.integer({ min: 1, max: 500 }), gap: fc.integer({ min: 0, max: 30_000 }), consumers: fc.integer({ min: 0, max: 5 }), rate: fc.double({ min: 0, max: 20, noNaN: true }), processing: fc.double({ min: 0, max: 40, noNaN: true }) }), { maxLength: 8 }),
        (steps) => {
          const run = (): string => {
            let q = queue({ visibilityTimeoutSeconds: 20, messageRetentionSeconds: 120 });
            let t = 0;
            for (const s of steps) {
              q = send(q, s.count, t);
              q = must(consume(q, workers(s.consumers, s.rate, s.processing), t, t + s.gap)).queue;
              t += s.gap;
            }
            // Conservation: every message sent is visible, delayed, in flight, deleted or expired.
            expect(visible(q) + delayed(q) + notVisible(q) + q.totals.deleted + q.totals.expired).toBe(q.totals.sent);
            return JSON.stringify(q);
          };
          expect(run()).toBe(run());
        },
      ),
      { seed, numRuns: 100 },
    );
  });
});

describe('refusals', () => {
  it('time never goes backwards', () => {
    const q = must(advanceQueue(queue(), 10 * S)).queue;
    expect(sendMessages(q, 1, 5 * S)).toEqual({ ok: false, error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.timeBackwards(5 * S, 10 * S) } });
    expect(consume(q, workers(1, 1, 1), 5 * S, 20 * S).ok).toBe(false);
    expect(consume(q, workers(1, 1, 1), 20 * S, 15 * S).ok).toBe(false);
  });
  it('counts and consumer models are checked', () => {
    for (const count of [0, -1, 1.5, 100_001, Number.NaN]) expect(sendMessages(queue(), count, 0).ok).toBe(false);
    expect(sendMessages(queue(), 1, 0, 901)).toEqual({ ok: false, error: { code: 'InvalidParameterValue', message: 'Invalid value for the parameter DelaySeconds.' } });
    for (const model of [workers(-1, 1, 1), workers(1.5, 1, 1), workers(1, -1, 1), workers(1, 1, Number.NaN), null as unknown as ConsumerModel]) {
      const r = consume(queue(), model, 0, S);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/^Consumer model: /);
    }
  });
});

describe('backlog per task (AWS’s SQS scaling pattern)', () => {
  it('reproduces AWS’s example: 1,500 messages on 10 → 150 each; 10 s latency / 0.1 s per message → 100', () => {
    expect(backlogPerTask(1500, 10)).toBe(150);
    expect(acceptableBacklogPerTask(10, 0.1)).toBe(100);
  });
  it('no running task: the whole backlog; nothing visible: 0; bad inputs: no target', () => {
    expect(backlogPerTask(40, 0)).toBe(40);
    expect(backlogPerTask(0, 3)).toBe(0);
    expect(acceptableBacklogPerTask(10, 0)).toBeUndefined();
    expect(acceptableBacklogPerTask(-1, 1)).toBeUndefined();
  });
});

describe('CreateQueue in AWS’s request shape', () => {
  it('reads string attributes, ignores unmodelled ones, refuses unknown and FIFO ones', () => {
    expect(parseCreateQueueRequest({ QueueName: 'jobs', Attributes: { VisibilityTimeout: '60', DelaySeconds: '5', MaximumMessageSize: '1024' } })).toEqual({
      ok: true,
      input: { name: 'jobs', visibilityTimeoutSeconds: 60, delaySeconds: 5 },
    });
    expect(parseCreateQueueRequest({ QueueName: 'jobs', Attributes: { Colour: 'blue' } })).toEqual({ ok: false, error: { code: 'InvalidAttributeName', message: 'Unknown Attribute Colour.' } });
    expect(parseCreateQueueRequest({ QueueName: 'jobs', Attributes: { toString: '1' } }).ok).toBe(false);
    expect(parseCreateQueueRequest({ QueueName: 'jobs', Attributes: { VisibilityTimeout: 'soon' } })).toEqual({ ok: false, error: { code: 'InvalidAttributeValue', message: 'Invalid value for the parameter VisibilityTimeout.' } });
    expect(parseCreateQueueRequest({ QueueName: 'jobs', Attributes: { FifoQueue: 'true' } }).ok).toBe(false);
    expect(parseCreateQueueRequest({}).ok).toBe(false);
  });
  it('returns the existing queue for the same attributes, an error for different ones', () => {
    const made = must(createOrReuseQueue(new Map(), { QueueName: 'jobs' }, 0));
    expect(made.created).toBe(true);
    const existing = new Map([['jobs', made.queue]]);
    const again = must(createOrReuseQueue(existing, { QueueName: 'jobs', Attributes: { VisibilityTimeout: '30' } }, 5 * S));
    expect([again.created, again.queue]).toEqual([false, made.queue]);
    expect(createOrReuseQueue(existing, { QueueName: 'jobs', Attributes: { VisibilityTimeout: '31' } }, 5 * S)).toEqual({
      ok: false,
      error: { code: 'QueueAlreadyExists', message: 'A queue already exists with the same name and a different value for attribute VisibilityTimeout' },
    });
  });
});

describe('producers (sim:SendMessages with a rate)', () => {
  const withProducer = (total: number, durationSeconds: number, startMs = 0): Queue => ({ ...queue(), producers: [{ total, sent: 0, startMs, durationSeconds }] });

  it('send ⌊total × (k + 1) / duration⌋ by the end of second k, then stop', () => {
    expect([0, 999, 1000, 2500, 9000, 60_000].map((t) => producerDue({ total: 10, sent: 0, startMs: 0, durationSeconds: 4 }, t))).toEqual([2, 2, 5, 7, 10, 10]);
    expect(producerDue({ total: 10, sent: 0, startMs: 5000, durationSeconds: 4 }, 4999)).toBe(0);
    const q = must(advanceQueue(withProducer(10, 4), 10 * S)).queue;
    expect(visible(q)).toBe(10);
    expect(q.producers).toBeUndefined();
    expect(q.totals.sent).toBe(10);
  });

  it('give the same queue whether the time is worked in one window or many', () => {
    const model = workers(3, 0.5, 4);
    const one = must(consume(withProducer(500, 200), model, 0, 300 * S)).queue;
    let many = withProducer(500, 200);
    for (let t = 0; t < 300 * S; t += 17 * S) many = must(consume(many, model, t, Math.min(t + 17 * S, 300 * S))).queue;
    expect(many.totals).toEqual(one.totals);
    expect([visible(many), notVisible(many)]).toEqual([visible(one), notVisible(one)]);
  });

  it('send into the delay when the queue has DelaySeconds', () => {
    const q = must(advanceQueue({ ...queue({ delaySeconds: 10 }), producers: [{ total: 5, sent: 0, startMs: 0, durationSeconds: 1 }] }, 5 * S)).queue;
    expect([visible(q), delayed(q)]).toEqual([0, 5]);
  });
});
