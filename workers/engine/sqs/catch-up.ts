/**
 * Bringing a queue up to now: its consumers (sqs/consumers.ts) work it from where it was left
 * (queue.clockMs) with the flow model (sqs/flow.ts). The minute tick does it for every queue
 * before publishing their metrics; a command that changes a queue does it for that queue first;
 * reads (GetQueueAttributes, the snapshot) look at a caught-up copy and store nothing.
 *
 * Several services on one queue (Sandbox): their tasks are pooled into one consumer model with
 * the same total rate and the same number of messages in flight (one per task): consumers = Σ
 * tasks, rate = Σ 1 / processing seconds, processing seconds = tasks / rate.
 * Consumers that stopped since the last catch-up (fewer now) abandon their share of the messages
 * in flight, which come back when the visibility timeout ends (flow.ts stopConsumers).
 */
import type { EngineContext } from '../context.ts';
import type { ConsumerGroup } from './consumers.ts';
import { consume, stopConsumers, type ConsumerModel, type FlowReport } from './flow.ts';
import type { QueueRecord } from './model.ts';
import type { Queue, QueueResult } from './queue.ts';

export function consumerModel(groups: readonly ConsumerGroup[]): ConsumerModel {
  let consumers = 0;
  let rate = 0;
  for (const group of groups) {
    consumers += group.consuming;
    rate += group.messagesPerSecond;
  }
  if (consumers === 0 || !(rate > 0)) return { consumers: 0, messagesPerSecondPerConsumer: 0, processingSeconds: 0 };
  return { consumers, messagesPerSecondPerConsumer: rate / consumers, processingSeconds: consumers / rate };
}

export interface CaughtUp {
  queue: Queue;
  report: FlowReport;
  /** In-flight messages abandoned by consumers that stopped. */
  abandoned: number;
  consumers: number;
}

/** The queue worked up to `toMs` by `groups` (pure: the record is not changed). */
export function caughtUp(record: QueueRecord, groups: readonly ConsumerGroup[], toMs: number): QueueResult<CaughtUp> {
  let queue = record.queue;
  let abandoned = 0;
  const model = consumerModel(groups);
  if (model.consumers < record.consumerCount) {
    const stopped = stopConsumers(queue, queue.clockMs, (record.consumerCount - model.consumers) / record.consumerCount);
    if (!stopped.ok) return stopped;
    queue = stopped.queue;
    abandoned = stopped.abandoned;
  }
  const worked = consume(queue, model, queue.clockMs, Math.max(toMs, queue.clockMs));
  if (!worked.ok) return worked;
  return { ok: true, queue: worked.queue, report: worked.report, abandoned, consumers: model.consumers };
}

/** Catch the stored queue up to now, and say in the event log what a learner should know. */
export function catchUp(ctx: EngineContext, record: QueueRecord, groups: readonly ConsumerGroup[]): void {
  const result = caughtUp(record, groups, ctx.clock.now);
  // The consumer model is built from checked values and time only moves forward: no error can occur.
  if (!result.ok) return;
  record.queue = result.queue;
  record.consumerCount = result.consumers;
  if (result.abandoned > 0) {
    ctx.emit(
      'sqs.consumer',
      `Consumers of queue ${record.queue.name} stopped while holding ${result.abandoned} message${result.abandoned === 1 ? '' : 's'}: ${result.abandoned === 1 ? 'it stays' : 'they stay'} invisible until the visibility timeout (${record.queue.visibilityTimeoutSeconds} s) ends, then ${result.abandoned === 1 ? 'is' : 'are'} received again.`,
      record.queue.arn,
    );
  }
}
