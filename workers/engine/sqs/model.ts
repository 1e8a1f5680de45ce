/**
 * The sandbox's SQS state (issue 7, wired): the queues that exist, each a flow model (sqs/queue.ts,
 * sqs/flow.ts) plus what only the API needs — the attributes the model does not use, when the
 * queue was last changed or purged, and what the minute's metrics and the consumer model remember.
 *
 * A queue is advanced lazily: its `queue.clockMs` says how far its messages have been worked;
 * commands that change it, and the minute tick, first catch it up to now (sqs/catch-up.ts).
 */
import type { EngineState } from '../state.ts';
import type { ConsumerModel } from './flow.ts';
import { queueArn, queueUrl, type Queue } from './queue.ts';

export interface QueueRecord {
  queue: Queue;
  /** ReceiveMessageWaitTimeSeconds (long polling): kept and reported; the consumer model does not need it. */
  receiveMessageWaitTimeSeconds: number;
  /** MaximumMessageSize in bytes: SendMessage refuses longer bodies. */
  maximumMessageSize: number;
  /** Valid attributes the sandbox accepts without modelling them (Policy, RedrivePolicy, KMS…), echoed by GetQueueAttributes. */
  otherAttributes: Record<string, string>;
  lastModifiedMs: number;
  /** When PurgeQueue last ran (one purge per 60 s). */
  lastPurgeMs?: number;
  /** Totals when the last minute's datapoints were published (NumberOfMessagesSent/Deleted and redeliveries are per minute). */
  published: { sent: number; deleted: number; redelivered: number };
  /** The consumers working the queue since the last catch-up (sqs/catch-up.ts): piecewise constant between catch-ups. */
  model: ConsumerModel;
  /** The consuming tasks behind `model`, by task ARN, each with its messages per second. */
  consumerRates: Map<string, number>;
  /** Lines the event log has already said about this queue's consumers (an AccessDenied, a bad setting): each once. */
  noted: Set<string>;
}

export interface SqsState {
  /** By queue name, in creation order. */
  queues: Map<string, QueueRecord>;
  /** Queue names deleted in the last 60 s, with when (AWS: a name cannot be reused for 60 s). */
  deleted: Map<string, number>;
}

declare module '../state.ts' {
  interface EngineState {
    /** SQS queues (sqs/model.ts). */
    sqs?: SqsState;
  }
}

export function sqsOf(state: EngineState): SqsState {
  state.sqs ??= { queues: new Map(), deleted: new Map() };
  return state.sqs;
}

export const hasQueues = (state: EngineState): boolean => (state.sqs?.queues.size ?? 0) > 0;

/**
 * The queue a request names: SQS takes a queue URL (QueueUrl); sim:SendMessages also takes a bare
 * name or the ARN for convenience. Queue URLs and names are case-sensitive (AWS).
 */
export function findQueue(state: EngineState, given: string): QueueRecord | undefined {
  const queues = state.sqs?.queues;
  if (queues === undefined) return undefined;
  const byName = queues.get(given);
  if (byName !== undefined) return byName;
  const name = given.slice(given.lastIndexOf(given.startsWith('arn:') ? ':' : '/') + 1);
  const record = queues.get(name);
  if (record === undefined) return undefined;
  return given === queueUrl(name) || given === queueArn(name) ? record : undefined;
}
