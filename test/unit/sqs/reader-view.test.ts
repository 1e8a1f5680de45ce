// A reader's view of a queue at `now` (catch-up.ts queueAt, what the snapshot and GetQueueAttributes
// show) holds the receives of that instant but nothing later: a message whose consumer deletes it
// 1 ms after `now` is still in flight. (The autoscaling swarm, seed 30 with 120 minutes of chaos,
// found the view applying deletes at now + 1 ms: at a minute start the queue then showed one message
// fewer than NumberOfMessagesDeleted accounted for, so sent ≠ deleted + in the queue.)
import { describe, expect, it } from 'vitest';
import { queueAt } from '../../../workers/engine/sqs/catch-up.ts';
import type { QueueRecord } from '../../../workers/engine/sqs/model.ts';
import { sendMessages } from '../../../workers/engine/sqs/flow.ts';
import { approximateNumberOfMessagesNotVisible, approximateNumberOfMessagesVisible, createQueue } from '../../../workers/engine/sqs/queue.ts';

function record(): QueueRecord {
  const created = createQueue({ name: 'jobs', visibilityTimeoutSeconds: 60 }, 0);
  if (!created.ok) throw new Error('createQueue');
  const sent = sendMessages({ ...created.queue, clockMs: 1 }, 3, 1);
  if (!sent.ok) throw new Error('sendMessages');
  // One consumer taking a message a second, 2 s each: receives at 1, 1001, 2001 ms; deletes at 2001, 3001, 4001 ms.
  return { queue: sent.queue, model: { consumers: 1, messagesPerSecondPerConsumer: 1, processingSeconds: 2 } } as unknown as QueueRecord;
}

describe('queueAt: the queue as a reader sees it at now', () => {
  it('shows the receives of that instant but no delete due 1 ms later', () => {
    const view = queueAt(record(), 2000);
    expect(view.totals.deleted).toBe(0);
    expect(approximateNumberOfMessagesNotVisible(view)).toBe(2);
    expect(approximateNumberOfMessagesVisible(view)).toBe(1);
  });

  it('at the delete instant the message is gone and the receive of that instant is made', () => {
    const view = queueAt(record(), 2001);
    expect(view.totals.deleted).toBe(1);
    expect(approximateNumberOfMessagesNotVisible(view)).toBe(2);
    expect(approximateNumberOfMessagesVisible(view)).toBe(0);
  });
});
