/**
 * The queues list of the events panel, as data: each SQS queue (snapshot.queues) with its counts as
 * GetQueueAttributes gives them (visible, in flight, delayed), its consumers (the services whose tasks
 * work it off, with a warning when their role stops tasks), the ApproximateNumberOfMessagesVisible
 * sparkline (AWS/SQS, dimension QueueName, one point a minute, with the count now at the end), and the
 * step "Send messages" sends (sim:SendMessages: a burst, or spread at a rate).
 */
import type { SqsQueue, Snapshot, Step } from '../../../../workers/protocol.ts';
import type { ChartPoint } from '../capacity/chart.ts';
import { findSeries, pointsUpToNow } from '../capacity/chart.ts';

export interface ConsumerRow {
  serviceArn: string;
  serviceName: string;
  runningTasks: number;
  /** "12 messages/s", or "–" while the engine has no rate to show. */
  rate: string;
  /** A warning sentence when RUNNING tasks get AccessDenied from SQS, else undefined. */
  warning?: string;
}

export interface QueueRow {
  name: string;
  url: string;
  visible: number;
  inFlight: number;
  delayed: number;
  consumers: ConsumerRow[];
  /** ApproximateNumberOfMessagesVisible by the minute over the last hour, oldest first, ending now. */
  sparkline: ChartPoint[];
  /** One sentence with the numbers, for screen readers and the sparkline's label. */
  summary: string;
}

/** The sparkline's window: the last hour of minutes (the metric store keeps more). */
export const SPARKLINE_WINDOW_MS = 60 * 60_000;

const count = (attributes: Record<string, string>, name: string): number => {
  const v = Number(attributes[name]);
  return Number.isFinite(v) ? v : 0;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Messages a second with two significant digits at most: 0.5, 5, 12, 130. */
export function rateText(perSecond: number | undefined): string {
  if (perSecond === undefined || !Number.isFinite(perSecond)) return '–';
  const rounded = perSecond >= 10 ? Math.round(perSecond) : Math.round(perSecond * 10) / 10;
  return `${rounded} messages/s`;
}

function consumerRow(c: SqsQueue['consumers'][number]): ConsumerRow {
  const denied = c.accessDeniedTasks ?? 0;
  return {
    serviceArn: c.serviceArn,
    serviceName: c.serviceName,
    runningTasks: c.runningTasks,
    rate: rateText(c.messagesPerSecond),
    ...(denied > 0 ? { warning: `${plural(denied, 'task')} get AccessDenied from SQS: the task role must allow sqs:ReceiveMessage and sqs:DeleteMessage on this queue.` } : {}),
  };
}

export function queueRows(snapshot: Snapshot | null): QueueRow[] {
  if (!snapshot) return [];
  return (snapshot.queues ?? []).map((q) => {
    const visible = count(q.Attributes, 'ApproximateNumberOfMessages');
    const inFlight = count(q.Attributes, 'ApproximateNumberOfMessagesNotVisible');
    const delayed = count(q.Attributes, 'ApproximateNumberOfMessagesDelayed');
    const series = findSeries(snapshot, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: q.QueueName });
    const sparkline = pointsUpToNow(series, snapshot.time, visible).filter((p) => p.t >= snapshot.time - SPARKLINE_WINDOW_MS);
    const peak = Math.max(0, ...sparkline.map((p) => p.v));
    const workers = q.consumers.reduce((n, c) => n + c.runningTasks, 0);
    const summary =
      `Queue ${q.QueueName}: ${visible} visible, ${inFlight} in flight, ${delayed} delayed; ` +
      (q.consumers.length === 0 ? 'no service consumes it' : `${plural(workers, 'consuming task')}`) +
      (sparkline.length > 1 ? `; visible messages peaked at ${peak} over the last ${sparkline.length - 1} min.` : '.');
    return { name: q.QueueName, url: q.QueueUrl, visible, inFlight, delayed, consumers: q.consumers.map(consumerRow), sparkline, summary };
  });
}

/** "Send messages": `count` now, or spread at `ratePerSecond` when a rate is given. */
export function sendMessagesStep(queue: string, messages: number, ratePerSecond?: number): Step {
  return { 'sim:SendMessages': { queue, count: messages, ...(ratePerSecond !== undefined ? { ratePerSecond } : {}) } };
}

/**
 * The form's text fields → the step. Nothing is checked here: a blank count is left out and a bad
 * number is sent as typed, so the learner sees the engine's own refusal, with its limits.
 */
export function sendMessagesFromForm(queue: string, countText: string, rateText: string): Step {
  const num = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const messages = num(countText);
  const rate = num(rateText);
  return { 'sim:SendMessages': { queue, ...(messages !== undefined ? { count: messages } : {}), ...(rate !== undefined ? { ratePerSecond: rate } : {}) } };
}
