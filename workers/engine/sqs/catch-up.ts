/**
 * Bringing a queue up to now. A queue remembers the consumer model it is being worked with
 * (`record.model`); its consumers are piecewise constant between catch-ups, so catching up means:
 * work the queue from where it was left (queue.clockMs) to now with the REMEMBERED model
 * (sqs/flow.ts consume), then look at who consumes now (sqs/consumers.ts) and remember that.
 *
 * Catch-ups happen exactly when the consumers may change — a consuming task's state changes (the
 * event-log listener below: RUNNING, STOPPING, STOPPED…) — before a command changes the queue, and
 * every minute before the metrics are published; so the windows are worked with the consumers that
 * were really there. Changes the sandbox is not told about (a role's policy edited) take effect at
 * the next catch-up, within a minute. Reads (GetQueueAttributes, the snapshot) look at a
 * caught-up copy and store nothing.
 *
 * Several services on one queue (Sandbox): their tasks are pooled into one consumer model with the
 * same total rate and the same number of messages in flight (one per task): consumers = Σ tasks,
 * rate = Σ 1 / processing seconds, processing seconds = tasks / rate.
 * Consumers that stop abandon their share of the messages in flight, which come back when the
 * visibility timeout ends (flow.ts stopConsumers).
 */
import type { EngineContext } from '../context.ts';
import { provideEventLogListener } from '../events/eventbridge.ts';
import { consumersByQueue, queueUsesOf, type ConsumerGroup } from './consumers.ts';
import { consume, stopConsumers, type ConsumerModel, type FlowReport } from './flow.ts';
import type { QueueRecord } from './model.ts';
import type { Queue, QueueResult } from './queue.ts';

export const NO_CONSUMERS: ConsumerModel = { consumers: 0, messagesPerSecondPerConsumer: 0, processingSeconds: 0 };

export function consumerModel(groups: readonly ConsumerGroup[]): ConsumerModel {
  let consumers = 0;
  let rate = 0;
  for (const group of groups) {
    consumers += group.consuming;
    rate += group.messagesPerSecond;
  }
  if (consumers === 0 || !(rate > 0)) return NO_CONSUMERS;
  return { consumers, messagesPerSecondPerConsumer: rate / consumers, processingSeconds: consumers / rate };
}

/** The queue worked up to `toMs` by its remembered consumers (pure: the record is not changed). */
export function caughtUp(record: QueueRecord, toMs: number): QueueResult<{ queue: Queue; report: FlowReport }> {
  return consume(record.queue, record.model, record.queue.clockMs, Math.max(toMs, record.queue.clockMs));
}

/**
 * The queue as a reader sees it at `nowMs`: worked up to now INCLUDING the receives of that very
 * instant — a task that takes its next message at `nowMs` holds it, so NotVisible counts one message
 * per busy task, as on AWS (without this, a minute's first instant would show the tasks empty-handed
 * between deleting one message and receiving the next). Pure; the stored queue is not changed, and
 * the next catch-up makes the same receives. Its stored state if it cannot be worked (checked models
 * never cause that).
 */
export function queueAt(record: QueueRecord, nowMs: number): Queue {
  const result = consume(record.queue, record.model, record.queue.clockMs, Math.max(nowMs, record.queue.clockMs) + 1);
  return result.ok ? result.queue : record.queue;
}

/** Catch the stored queue up to now, then remember its consumers as they are now (`groups`). */
export function catchUp(ctx: EngineContext, record: QueueRecord, groups: readonly ConsumerGroup[]): void {
  const worked = caughtUp(record, ctx.clock.now);
  if (worked.ok) record.queue = worked.queue;
  const next = consumerModel(groups);
  const before = record.model.consumers;
  if (next.consumers < before) {
    const stopped = stopConsumers(record.queue, ctx.clock.now, (before - next.consumers) / before);
    if (stopped.ok) {
      record.queue = stopped.queue;
      const n = stopped.abandoned;
      if (n > 0) {
        ctx.emit(
          'sqs.consumer',
          `Consumers of queue ${record.queue.name} stopped while holding ${n} message${n === 1 ? '' : 's'}: ${n === 1 ? 'it stays' : 'they stay'} invisible until the visibility timeout (${record.queue.visibilityTimeoutSeconds} s) ends, then ${n === 1 ? 'is' : 'are'} received again.`,
          record.queue.arn,
        );
      }
    }
  }
  record.model = next;
}

/** Catch up the queues a task names, when that task changes state (it may start or stop consuming). */
function onTaskEvent(ctx: EngineContext, kind: string, taskArn: string | undefined): void {
  const queues = ctx.state.sqs?.queues;
  if (queues === undefined || queues.size === 0 || taskArn === undefined || !kind.startsWith('task.')) return;
  const record = ctx.state.tasks.get(taskArn);
  if (record?.serviceArn === undefined) return;
  const uses = queueUsesOf(record.taskDefinition).filter((use) => queues.has(use.queueName));
  if (uses.length === 0) return;
  const byQueue = consumersByQueue(ctx.state);
  for (const use of uses) catchUp(ctx, queues.get(use.queueName)!, byQueue.get(use.queueName) ?? []);
}

provideEventLogListener('sqs-consumers', (ctx, event) => onTaskEvent(ctx, event.kind, event.resourceArn));
