/**
 * An SQS standard queue on the virtual clock, for the worker-service architecture of issue 7
 * (pure groundwork, not wired to an action). A queue is AGGREGATE: messages are held as buckets
 * (a count and the timestamps they share), never one object per message, so 100,000 messages cost
 * a handful of buckets. Flows (send, consume, redelivery, retention) are in sqs/flow.ts.
 *
 * AWS facts (SQS API Reference CreateQueue; Developer Guide "Amazon SQS quotas"):
 * - QueueName: up to 80 characters, alphanumeric, hyphens and underscores; a FIFO queue's name ends
 *   in ".fifo" (the suffix counts towards the 80). Names are case-sensitive.
 * - VisibilityTimeout 0–43,200 s (12 h), default 30; MessageRetentionPeriod 60–1,209,600 s (14 days),
 *   default 345,600 (4 days); DelaySeconds 0–900 (15 min), default 0.
 * - Standard queues: at most about 120,000 in-flight messages (received, not deleted); beyond it
 *   ReceiveMessage returns OverLimit. The backlog itself is unlimited.
 * Error texts: "Invalid value for the parameter VisibilityTimeout." (InvalidAttributeValue) is
 * VERBATIM (a real CreateQueue answer); the queue-name text "Can only include alphanumeric
 * characters, hyphens, or underscores. 1 to 80 in length" (InvalidParameterValue) is AWS's long-seen
 * wording, UNCONFIRMED as today's (a newer form reads "The name of a queue can only include …").
 * Refusing FIFO queues is the sandbox's (not simulated).
 */
import type { AwsError } from '../../protocol.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';

export const QUEUE_NAME_MAX = 80;
export const VISIBILITY_TIMEOUT = { min: 0, max: 43_200, default: 30 } as const;
export const MESSAGE_RETENTION = { min: 60, max: 1_209_600, default: 345_600 } as const;
export const DELAY_SECONDS = { min: 0, max: 900, default: 0 } as const;
/** Standard queue in-flight quota (approximate in AWS). */
export const MAX_IN_FLIGHT = 120_000;

/** Messages sent together, waiting (ready or delayed). */
export interface WaitingBucket {
  count: number;
  /** When they were sent (retention counts from here). */
  sentMs: number;
  /** When they become receivable (sent + delay, or the end of a lapsed visibility timeout). */
  visibleAtMs: number;
  /** How many times they were received before (0 for new messages). */
  receiveCount: number;
}

/** Messages received together and not yet deleted. */
export interface InFlightBucket {
  count: number;
  sentMs: number;
  receivedMs: number;
  receiveCount: number;
  /** When the consumer deletes them; undefined if it never will (stopped, or too slow for the timeout). */
  deleteAtMs: number | undefined;
  /** When the visibility timeout lapses and they become visible again (if not deleted by then). */
  visibleAgainMs: number;
}

/**
 * A producer sending `total` messages evenly over `durationSeconds` from `startMs` (sim:SendMessages
 * with a rate): by the end of second k (k = 0 … duration − 1) it has sent ⌊total × (k + 1) / duration⌋.
 * A cumulative schedule, so no fractional credit has to be carried between windows.
 */
export interface Producer {
  total: number;
  sent: number;
  startMs: number;
  durationSeconds: number;
}

export interface QueueTotals {
  sent: number;
  received: number;
  deleted: number;
  expired: number;
  /** Receives of messages that had been received before (visibility timeout lapsed). */
  redelivered: number;
}

export interface Queue {
  name: string;
  url: string;
  arn: string;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  delaySeconds: number;
  createdMs: number;
  /** The virtual time the queue has been advanced to; nothing may happen before it. */
  clockMs: number;
  /** Receivable now, oldest sent first. */
  ready: WaitingBucket[];
  /** Not receivable before visibleAtMs (DelaySeconds), soonest first. */
  delayed: WaitingBucket[];
  inFlight: InFlightBucket[];
  totals: QueueTotals;
  /** Receive credit carried between steps when consumers' rate is fractional. */
  receiveCredit: number;
  /** Producers still sending (sim:SendMessages with a rate); absent when none. */
  producers?: Producer[];
}

export interface CreateQueueInput {
  name: string;
  visibilityTimeoutSeconds?: number;
  messageRetentionSeconds?: number;
  delaySeconds?: number;
}

export type QueueResult<T> = ({ ok: true } & T) | { ok: false; error: AwsError };

export const SQS_MESSAGES = {
  // AWS (UNCONFIRMED as today's wording, see the header)
  badQueueName: () => 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
  // VERBATIM
  badAttribute: (name: string) => `Invalid value for the parameter ${name}.`,
  // sandbox
  fifoNotSimulated: (name: string) =>
    `Queue "${name}" would be a FIFO queue (.fifo): the sandbox simulates standard queues only; drop the .fifo suffix.`,
  timeBackwards: (atMs: number, clockMs: number) =>
    `The queue is already at virtual time ${clockMs} ms; nothing can happen at ${atMs} ms, which is earlier.`,
  badCount: (count: unknown, max: number) => `count must be a whole number of messages from 1 to ${max}, not ${String(count)}.`,
  badConsumers: (detail: string) => `Consumer model: ${detail}`,
} as const;

const NAME = /^[A-Za-z0-9_-]+$/;

export const queueUrl = (name: string): string => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/${name}`;
export const queueArn = (name: string): string => `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`;

function attribute(name: string, value: number | undefined, range: { min: number; max: number; default: number }): number | AwsError {
  const v = value ?? range.default;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < range.min || v > range.max) return { code: 'InvalidAttributeValue', message: SQS_MESSAGES.badAttribute(name) };
  return v;
}

/** A new, empty standard queue at virtual time `nowMs`, or CreateQueue's error. */
export function createQueue(input: CreateQueueInput, nowMs = 0): QueueResult<{ queue: Queue }> {
  const name = input?.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > QUEUE_NAME_MAX) return { ok: false, error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.badQueueName() } };
  if (name.endsWith('.fifo') && NAME.test(name.slice(0, -5)) && name.length > 5) return { ok: false, error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.fifoNotSimulated(name) } };
  if (!NAME.test(name)) return { ok: false, error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.badQueueName() } };
  const visibility = attribute('VisibilityTimeout', input.visibilityTimeoutSeconds, VISIBILITY_TIMEOUT);
  if (typeof visibility !== 'number') return { ok: false, error: visibility };
  const retention = attribute('MessageRetentionPeriod', input.messageRetentionSeconds, MESSAGE_RETENTION);
  if (typeof retention !== 'number') return { ok: false, error: retention };
  const delay = attribute('DelaySeconds', input.delaySeconds, DELAY_SECONDS);
  if (typeof delay !== 'number') return { ok: false, error: delay };
  return {
    ok: true,
    queue: {
      name,
      url: queueUrl(name),
      arn: queueArn(name),
      visibilityTimeoutSeconds: visibility,
      messageRetentionSeconds: retention,
      delaySeconds: delay,
      createdMs: nowMs,
      clockMs: nowMs,
      ready: [],
      delayed: [],
      inFlight: [],
      totals: { sent: 0, received: 0, deleted: 0, expired: 0, redelivered: 0 },
      receiveCredit: 0,
    },
  };
}

/** A deep copy: every flow works on one, so callers' queues never change. */
export function cloneQueue(queue: Queue): Queue {
  return {
    ...queue,
    ready: queue.ready.map((b) => ({ ...b })),
    delayed: queue.delayed.map((b) => ({ ...b })),
    inFlight: queue.inFlight.map((b) => ({ ...b })),
    totals: { ...queue.totals },
    ...(queue.producers === undefined ? {} : { producers: queue.producers.map((p) => ({ ...p })) }),
  };
}

const total = (buckets: readonly { count: number }[]): number => buckets.reduce((n, b) => n + b.count, 0);

/** ApproximateNumberOfMessagesVisible: receivable now (also what the AWS/SQS metric of that name reports). */
export const approximateNumberOfMessagesVisible = (queue: Queue): number => total(queue.ready);
/** ApproximateNumberOfMessagesNotVisible: in flight (received, not deleted, visibility timeout running). */
export const approximateNumberOfMessagesNotVisible = (queue: Queue): number => total(queue.inFlight);
/** ApproximateNumberOfMessagesDelayed: sent with a delay that has not ended. */
export const approximateNumberOfMessagesDelayed = (queue: Queue): number => total(queue.delayed);
