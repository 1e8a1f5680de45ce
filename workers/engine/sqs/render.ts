/**
 * The snapshot's `queues`: each queue with GetQueueAttributes' All (caught up to the snapshot's
 * time on a copy — a snapshot changes nothing) and the services working it off.
 */
import type { SqsQueue } from '../../protocol.ts';
import type { CapacitySnapshot } from '../snapshot-parts.ts';
import { provideCapacitySnapshot } from '../snapshot-parts.ts';
import type { EngineState } from '../state.ts';
import { allAttributes } from './attributes.ts';
import { caughtUp } from './catch-up.ts';
import { consumersByQueue, type ConsumerGroup } from './consumers.ts';
import type { QueueRecord } from './model.ts';
import type { Queue } from './queue.ts';

/** The queue as it is at `nowMs` (its stored state when nothing can be worked). */
export function queueAt(record: QueueRecord, groups: readonly ConsumerGroup[], nowMs: number): Queue {
  const result = caughtUp(record, groups, nowMs);
  return result.ok ? result.queue : record.queue;
}

export function renderQueues(state: EngineState, nowMs: number): SqsQueue[] {
  const queues = state.sqs?.queues;
  if (queues === undefined) return [];
  const byQueue = consumersByQueue(state);
  return [...queues.values()].map((record) => {
    const groups = byQueue.get(record.queue.name) ?? [];
    const view = queueAt(record, groups, nowMs);
    return {
      QueueName: view.name,
      QueueUrl: view.url,
      QueueArn: view.arn,
      Attributes: allAttributes(record, view),
      consumers: groups.map((g) => ({ serviceArn: g.serviceArn, serviceName: g.serviceName, runningTasks: g.consuming })),
    };
  });
}

// `queues` is a snapshot field of issue 7's contract (protocol.ts); the capacity parts carry it.
provideCapacitySnapshot('sqs', (state, timeMs) => (state.sqs === undefined ? {} : ({ queues: renderQueues(state, timeMs) } as Partial<CapacitySnapshot>)));
