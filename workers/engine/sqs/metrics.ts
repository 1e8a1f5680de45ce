/**
 * The minute's SQS work (ticker phase 'publish', before alarms evaluate): every queue is caught up
 * (its consumers work it, sqs/catch-up.ts), then its AWS/SQS datapoints are put, dimension
 * QueueName — AWS (SQS Developer Guide, "Available CloudWatch metrics for Amazon SQS"; metrics are
 * pushed at one-minute intervals):
 * - ApproximateNumberOfMessagesVisible, ApproximateNumberOfMessagesNotVisible (gauges);
 * - NumberOfMessagesSent, NumberOfMessagesDeleted (in the minute);
 * - ApproximateAgeOfOldestMessage: seconds since the oldest message still in the queue was sent
 *   (AWS's unit is Seconds; the store knows only Percent/Count/None, so it is stored as None).
 * The job is active only while a queue exists. O(queues + consuming tasks) per minute.
 */
import type { EngineContext } from '../context.ts';
import { provideMinuteJob } from '../metrics/minute-tick.ts';
import { dropSeries, putDatapoint, type MetricId } from '../metrics/store.ts';
import type { EngineState } from '../state.ts';
import { catchUp, queueAt } from './catch-up.ts';
import { consumersByQueue, type ConsumerGroup } from './consumers.ts';
import { hasQueues, type QueueRecord } from './model.ts';
import { approximateNumberOfMessagesNotVisible, approximateNumberOfMessagesVisible, type Queue } from './queue.ts';

export const SQS_METRIC_NAMES = [
  'ApproximateNumberOfMessagesVisible',
  'ApproximateNumberOfMessagesNotVisible',
  'NumberOfMessagesSent',
  'NumberOfMessagesDeleted',
  'ApproximateAgeOfOldestMessage',
] as const;
export type SqsMetricName = (typeof SQS_METRIC_NAMES)[number];

export const sqsMetric = (metricName: SqsMetricName, queueName: string): MetricId => ({ namespace: 'AWS/SQS', metricName, dimensions: [{ Name: 'QueueName', Value: queueName }] });

/** Seconds since the oldest message not yet deleted was sent (0 when the queue is empty). */
export function ageOfOldestMessage(queue: Queue, nowMs: number): number {
  let oldest = Infinity;
  for (const b of queue.ready) oldest = Math.min(oldest, b.sentMs);
  for (const b of queue.inFlight) oldest = Math.min(oldest, b.sentMs);
  for (const b of queue.delayed) oldest = Math.min(oldest, b.sentMs);
  return Number.isFinite(oldest) ? Math.max(0, Math.floor((nowMs - oldest) / 1000)) : 0;
}

/** The gauges as a reader sees the queue now (queueAt), the counts from what the stored queue has done. */
function publish(state: EngineState, record: QueueRecord, nowMs: number): void {
  const { queue } = record;
  const seen = queueAt(record, nowMs);
  const put = (name: SqsMetricName, value: number) => putDatapoint(state, sqsMetric(name, queue.name), name === 'ApproximateAgeOfOldestMessage' ? 'None' : 'Count', nowMs, value);
  put('ApproximateNumberOfMessagesVisible', approximateNumberOfMessagesVisible(seen));
  put('ApproximateNumberOfMessagesNotVisible', approximateNumberOfMessagesNotVisible(seen));
  put('NumberOfMessagesSent', queue.totals.sent - record.published.sent);
  put('NumberOfMessagesDeleted', queue.totals.deleted - record.published.deleted);
  put('ApproximateAgeOfOldestMessage', ageOfOldestMessage(seen, nowMs));
  record.published = { sent: queue.totals.sent, deleted: queue.totals.deleted, redelivered: queue.totals.redelivered };
}

/** Say once what keeps a service's tasks from consuming (AccessDenied, a bad setting); forget it once fixed. */
function noteConsumers(ctx: EngineContext, record: QueueRecord, groups: readonly ConsumerGroup[]): void {
  const live = new Set<string>();
  for (const group of groups) {
    for (const problem of group.problems) {
      const key = `problem|${problem}`;
      live.add(key);
      if (!record.noted.has(key)) ctx.emit('sqs.consumer', `Queue ${record.queue.name}: ${problem}`, group.serviceArn);
    }
    if (group.denied === undefined) continue;
    const key = `denied|${group.serviceArn}|${group.denied.principal.replace(/\/[^/]*$/, '')}|${group.denied.action}`;
    live.add(key);
    if (record.noted.has(key)) continue;
    const refused = group.running - group.consuming;
    ctx.emit(
      'sqs.consumer',
      `${refused} of service ${group.serviceName}'s ${group.running} running task${group.running === 1 ? '' : 's'} cannot work off queue ${record.queue.name}: AccessDenied (${group.denied.text}). Its task role must allow sqs:ReceiveMessage and sqs:DeleteMessage on ${record.queue.arn}.`,
      group.serviceArn,
    );
  }
  // Redelivered messages, at most once a minute: the visibility-timeout lesson.
  const redelivered = record.queue.totals.redelivered - record.published.redelivered;
  if (redelivered > 0) {
    ctx.emit(
      'sqs.redelivery',
      `${redelivered} message${redelivered === 1 ? ' was' : 's were'} received again from queue ${record.queue.name} in the last minute: ${redelivered === 1 ? 'its' : 'their'} visibility timeout (${record.queue.visibilityTimeoutSeconds} s) ran out before a consumer deleted ${redelivered === 1 ? 'it' : 'them'} (processing took longer, or a task stopped holding ${redelivered === 1 ? 'it' : 'them'}), so ${redelivered === 1 ? 'it is' : 'they are'} processed twice.`,
      record.queue.arn,
    );
  }
  record.noted = live;
}

function run(ctx: EngineContext): void {
  const queues = ctx.state.sqs?.queues;
  if (queues === undefined) return;
  const byQueue = consumersByQueue(ctx.state);
  for (const record of queues.values()) {
    const groups = byQueue.get(record.queue.name) ?? [];
    catchUp(ctx, record, groups);
    noteConsumers(ctx, record, groups);
    publish(ctx.state, record, ctx.clock.now);
  }
}

/** A deleted queue's metrics go with it. */
export function dropQueueMetrics(state: EngineState, queueName: string): void {
  for (const name of SQS_METRIC_NAMES) dropSeries(state, sqsMetric(name, queueName));
}

provideMinuteJob('sqs', { phase: 'publish', active: (ctx) => hasQueues(ctx.state), run });
