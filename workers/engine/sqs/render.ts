/**
 * The snapshot's `queues`: each queue with GetQueueAttributes' All (caught up to the snapshot's
 * time on a copy — a snapshot changes nothing) and the services working it off.
 */
import type { SqsQueue } from '../../protocol.ts';
import type { CapacitySnapshot } from '../snapshot-parts.ts';
import { provideCapacitySnapshot } from '../snapshot-parts.ts';
import type { EngineState } from '../state.ts';
import { allAttributes } from './attributes.ts';
import { queueAt } from './catch-up.ts';
import { consumersByQueue } from './consumers.ts';

export function renderQueues(state: EngineState, nowMs: number): SqsQueue[] {
  const queues = state.sqs?.queues;
  if (queues === undefined) return [];
  const byQueue = consumersByQueue(state);
  return [...queues.values()].map((record) => {
    const groups = byQueue.get(record.queue.name) ?? [];
    const view = queueAt(record, nowMs);
    return {
      QueueName: view.name,
      QueueUrl: view.url,
      QueueArn: view.arn,
      Attributes: allAttributes(record, view),
      consumers: groups.map((g) => ({
        serviceArn: g.serviceArn,
        serviceName: g.serviceName,
        runningTasks: g.consuming,
        messagesPerSecond: Math.round(g.messagesPerSecond * 1000) / 1000,
        ...(g.running > g.consuming ? { accessDeniedTasks: g.running - g.consuming } : {}),
      })),
    };
  });
}

// `queues` is a snapshot field of issue 7's contract (protocol.ts); the capacity parts carry it.
provideCapacitySnapshot('sqs', (state, timeMs) => (state.sqs === undefined ? {} : ({ queues: renderQueues(state, timeMs) } as Partial<CapacitySnapshot>)));
