/**
 * Bringing a queue up to now. A queue remembers the tasks working it (`record.consumerRates`, each
 * with its messages per second) and the consumer model they make (`record.model`); its consumers are
 * piecewise constant between changes, so catching up means: work the queue from where it was left
 * (queue.clockMs) to now with the REMEMBERED model (sqs/flow.ts consume), then change the consumers.
 *
 * The consumers change exactly when they may: a task naming the queue changes state (the event-log
 * listener below: RUNNING, STOPPING, STOPPED…) — that one task is counted in or out, O(1); and every
 * minute (before the metrics are published) and before a command changes the queue, everyone is
 * counted again (sqs/consumers.ts). So each window is worked with the consumers really there.
 * Changes the sandbox is not told about (a role's policy edited) take effect at the next full count,
 * within a minute. Reads (GetQueueAttributes, the snapshot) look at a worked copy and store nothing.
 *
 * Several services on one queue (Sandbox): their tasks are pooled into one consumer model with the
 * same total rate and the same number of messages in flight (one per task): consumers = Σ tasks,
 * rate = Σ 1 / processing seconds, processing seconds = tasks / rate.
 * Consumers that stop abandon their share of the messages in flight, which come back when the
 * visibility timeout ends (flow.ts stopConsumers).
 */
import type { EngineContext } from '../context.ts';
import { provideEventLogListener } from '../events/eventbridge.ts';
import { queueUsesOf, taskRateFor, type ConsumerGroup } from './consumers.ts';
import { consume, stopConsumers, type ConsumerModel, type FlowReport } from './flow.ts';
import type { QueueRecord } from './model.ts';
import type { Queue, QueueResult } from './queue.ts';

export const NO_CONSUMERS: ConsumerModel = { consumers: 0, messagesPerSecondPerConsumer: 0, processingSeconds: 0 };

/** The flow model of a set of consuming tasks (each with its messages per second). */
export function modelOfRates(rates: ReadonlyMap<string, number>): ConsumerModel {
  let rate = 0;
  for (const r of rates.values()) rate += r;
  const consumers = rates.size;
  if (consumers === 0 || !(rate > 0)) return NO_CONSUMERS;
  return { consumers, messagesPerSecondPerConsumer: rate / consumers, processingSeconds: consumers / rate };
}

/** The consumer model of some services' groups (all their consuming tasks pooled). */
export function consumerModel(groups: readonly ConsumerGroup[]): ConsumerModel {
  return modelOfRates(ratesOf(groups));
}

const ratesOf = (groups: readonly ConsumerGroup[]): Map<string, number> => new Map(groups.flatMap((g) => g.taskRates));

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
  // Receives at nowMs included, but no event after it: working to nowMs + 1 would apply a delete due
  // 1 ms later, and the view would miss a message NumberOfMessagesDeleted has not counted yet.
  const result = consume(record.queue, record.model, record.queue.clockMs, Math.max(nowMs, record.queue.clockMs), true);
  return result.ok ? result.queue : record.queue;
}

/** Work the stored queue up to now with the consumers it remembers. */
function workToNow(ctx: EngineContext, record: QueueRecord): void {
  const worked = caughtUp(record, ctx.clock.now);
  if (worked.ok) record.queue = worked.queue;
}

/** From now on the queue is worked by `rates`; consumers that left abandon their share of what is in flight. */
function setConsumers(ctx: EngineContext, record: QueueRecord, rates: Map<string, number>): void {
  const next = modelOfRates(rates);
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
  record.consumerRates = rates;
}

/** Catch the stored queue up to now, then remember its consumers as they are now (`groups`). */
export function catchUp(ctx: EngineContext, record: QueueRecord, groups: readonly ConsumerGroup[]): void {
  workToNow(ctx, record);
  setConsumers(ctx, record, ratesOf(groups));
}

/**
 * A task changed state: if that changes what it contributes to a queue it names (it starts or stops
 * consuming), work the queue up to now with the consumers it had, then count the task in or out.
 * O(1) per event (one task, its IAM decision), so a service starting 200 workers costs 200 small
 * updates, not 200 passes over every task.
 */
function onTaskEvent(ctx: EngineContext, kind: string, taskArn: string | undefined): void {
  const queues = ctx.state.sqs?.queues;
  if (queues === undefined || queues.size === 0 || taskArn === undefined || !kind.startsWith('task.')) return;
  const record = ctx.state.tasks.get(taskArn);
  if (record?.serviceArn === undefined) return;
  for (const use of queueUsesOf(record.taskDefinition)) {
    const queue = queues.get(use.queueName);
    if (queue === undefined) continue;
    const rate = taskRateFor(ctx.state, record, use.queueName);
    if (queue.consumerRates.get(taskArn) === rate) continue;
    workToNow(ctx, queue);
    const rates = new Map(queue.consumerRates);
    if (rate === undefined) rates.delete(taskArn);
    else rates.set(taskArn, rate);
    setConsumers(ctx, queue, rates);
  }
}

provideEventLogListener('sqs-consumers', (ctx, event) => onTaskEvent(ctx, event.kind, event.resourceArn));
