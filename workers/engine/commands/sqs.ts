/**
 * Amazon SQS for the worker-service architecture (issue 7): standard queues on the virtual clock
 * (sqs/), worked off by services whose tasks name the queue URL in their environment
 * (sqs/consumers.ts), with AWS/SQS metrics each minute (sqs/metrics.ts).
 *
 * Each handler checks everything before it changes anything. A handler that changes a queue first
 * catches it up to now (its consumers work it until this instant), so what it does lands at the
 * right moment in the queue's life.
 *
 * AWS facts (SQS API Reference; texts with sources in sqs/queue.ts, sqs/attributes.ts, and here):
 * - A missing queue: AWS.SimpleQueueService.NonExistentQueue "The specified queue does not exist."
 *   (the JSON protocol's text; the query protocol added "for this wsdl version").
 * - A deleted queue's name cannot be reused for 60 s: AWS.SimpleQueueService.QueueDeletedRecently
 *   "You must wait 60 seconds after deleting a queue before you can create another with the same
 *   name." (UNCONFIRMED wording).
 * - One PurgeQueue per 60 s: AWS.SimpleQueueService.PurgeQueueInProgress "Only one PurgeQueue
 *   operation on <name> is allowed every 60 seconds." (UNCONFIRMED wording). A purge deletes every
 *   message, in flight too (AWS: it takes up to 60 s; the sandbox does it at once).
 * - SendMessage returns MessageId and MD5OfMessageBody; a body longer than MaximumMessageSize is
 *   refused (InvalidParameterValue, UNCONFIRMED wording); DelaySeconds 0–900.
 * - ListQueues: up to 1,000 URLs, MaxResults 1–1,000 with NextToken (order: by name, Sandbox).
 */
import type { EngineContext } from '../context.ts';
import { fail, ok, type AwsError, type CommandResult } from '../errors.ts';
import { ACCOUNT_ID, isoAt } from '../ids/arn.ts';
import { ensureMinuteTicks } from '../metrics/minute-tick.ts';
import { checkSettableAttributes, MAXIMUM_MESSAGE_SIZE, NUMERIC_ATTRIBUTES, RECEIVE_WAIT_SECONDS, allAttributes, selectAttributes } from '../sqs/attributes.ts';
import { catchUp, NO_CONSUMERS, queueAt } from '../sqs/catch-up.ts';
import { consumersByQueue } from '../sqs/consumers.ts';
import { createOrReuseQueue } from '../sqs/create-queue-request.ts';
import { MAX_SEND_PER_CALL, sendMessages } from '../sqs/flow.ts';
import { md5Hex } from '../sqs/md5.ts';
import { dropQueueMetrics } from '../sqs/metrics.ts';
import { findQueue, sqsOf, type QueueRecord } from '../sqs/model.ts';
import { DELAY_SECONDS, queueUrl, type Queue } from '../sqs/queue.ts';
import '../sqs/render.ts';
import '../sqs/eventbridge-delivery.ts';
import { checkParams } from './params.ts';
import type { CommandHandler } from './handler.ts';

/** AWS: a deleted queue's name is free again after 60 s; one purge per 60 s. */
export const QUEUE_NAME_REUSE_MS = 60_000;
export const PURGE_INTERVAL_MS = 60_000;
/** Sandbox: the longest a sim:SendMessages producer may run (7 days) and its highest rate. */
export const MAX_PRODUCER_SECONDS = 604_800;
export const MAX_PRODUCER_RATE = 10_000;
const LIST_MAX = 1000;

export const SQS_ERRORS = {
  nonExistent: (): AwsError => ({ code: 'AWS.SimpleQueueService.NonExistentQueue', message: 'The specified queue does not exist.' }),
  deletedRecently: (): AwsError => ({
    code: 'AWS.SimpleQueueService.QueueDeletedRecently',
    message: 'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
  }),
  purgeInProgress: (name: string): AwsError => ({ code: 'AWS.SimpleQueueService.PurgeQueueInProgress', message: `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.` }),
  tooLong: (max: number): AwsError => ({ code: 'InvalidParameterValue', message: `One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.` }),
  emptyBody: (): AwsError => ({ code: 'MissingParameter', message: 'The request must contain the parameter MessageBody.' }),
  badDelay: (value: number): AwsError => ({ code: 'InvalidParameterValue', message: `Value ${value} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.` }),
  fifoParameter: (): AwsError => ({ code: 'InvalidParameterValue', message: 'The request include parameter that is not valid for this queue type.' }),
  badMaxResults: (value: number): AwsError => ({ code: 'InvalidParameterValue', message: `Value ${value} for parameter MaxResults is invalid. Reason: MaxResults must be between 1 and ${LIST_MAX}.` }),
  badNextToken: (): AwsError => ({ code: 'InvalidParameterValue', message: 'Invalid NextToken value.' }),
  alreadyExists: (attribute: string): AwsError => ({ code: 'QueueAlreadyExists', message: `A queue already exists with the same name and a different value for attribute ${attribute}` }),
} as const;

const refuse = (error: AwsError): CommandResult => fail(error.code, error.message);
const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Every message still in the queue: visible, delayed and in flight. */
const messagesIn = (q: Queue): number => [...q.ready, ...q.delayed, ...q.inFlight].reduce((n, b) => n + b.count, 0);

/** The queue a QueueUrl names (SQS takes the URL; names and URLs are case-sensitive). */
function byUrl(ctx: EngineContext, url: string): QueueRecord | undefined {
  const record = findQueue(ctx.state, url);
  return record !== undefined && record.queue.url === url ? record : undefined;
}

/** Catch one queue up to now with its current consumers (before a command changes it). */
function catchUpOne(ctx: EngineContext, record: QueueRecord): void {
  catchUp(ctx, record, consumersByQueue(ctx.state).get(record.queue.name) ?? []);
}

/** The queue as it is now, without storing anything (reads). */
function viewNow(ctx: EngineContext, record: QueueRecord): Queue {
  return queueAt(record, ctx.clock.now);
}

/** Put checked attribute values on a queue: the modelled ones into the flow model, the rest kept as given. */
function applyAttributes(record: QueueRecord, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    switch (name) {
      case 'VisibilityTimeout':
        record.queue.visibilityTimeoutSeconds = Number(value);
        break;
      case 'MessageRetentionPeriod':
        record.queue.messageRetentionSeconds = Number(value);
        break;
      case 'DelaySeconds':
        record.queue.delaySeconds = Number(value);
        break;
      case 'MaximumMessageSize':
        record.maximumMessageSize = Number(value);
        break;
      case 'ReceiveMessageWaitTimeSeconds':
        record.receiveMessageWaitTimeSeconds = Number(value);
        break;
      default:
        record.otherAttributes[name] = value;
    }
  }
}

/** The attribute on which a same-name CreateQueue differs from the existing queue (beyond the ones createOrReuseQueue compares). */
function differingExtra(record: QueueRecord, values: Record<string, string>): string | undefined {
  if (Number(values.MaximumMessageSize ?? MAXIMUM_MESSAGE_SIZE.default) !== record.maximumMessageSize) return 'MaximumMessageSize';
  if (Number(values.ReceiveMessageWaitTimeSeconds ?? RECEIVE_WAIT_SECONDS.default) !== record.receiveMessageWaitTimeSeconds) return 'ReceiveMessageWaitTimeSeconds';
  for (const [name, value] of Object.entries(values)) {
    if (Object.hasOwn(NUMERIC_ATTRIBUTES, name) && name !== 'KmsDataKeyReusePeriodSeconds') continue;
    if (record.otherAttributes[name] !== value) return name;
  }
  return undefined;
}

interface CreateQueueInput {
  QueueName: string;
  Attributes?: Record<string, unknown>;
  tags?: Record<string, string>;
}

export const sqsCreateQueue: CommandHandler = (ctx, raw) => {
  const checked = checkParams<CreateQueueInput>(raw, { params: { QueueName: 'string', Attributes: 'map', tags: 'map' }, required: ['QueueName'] });
  if (!checked.ok) return checked.result;
  const sqs = ctx.state.sqs;
  const existing = new Map<string, Queue>([...(sqs?.queues.values() ?? [])].map((r) => [r.queue.name, r.queue]));
  const made = createOrReuseQueue(existing, { QueueName: checked.input.QueueName, Attributes: checked.input.Attributes }, ctx.clock.now);
  if (!made.ok) return refuse(made.error);
  const values = checkSettableAttributes(checked.input.Attributes ?? {});
  if (!values.ok) return refuse(values.error);
  const name = made.queue.name;
  if (!made.created) {
    const old = sqs!.queues.get(name)!;
    const differs = differingExtra(old, values.value);
    if (differs !== undefined) return refuse(SQS_ERRORS.alreadyExists(differs));
    return ok({ QueueUrl: old.queue.url });
  }
  const deletedAt = sqs?.deleted.get(name);
  if (deletedAt !== undefined && ctx.clock.now - deletedAt < QUEUE_NAME_REUSE_MS) return refuse(SQS_ERRORS.deletedRecently());
  // Valid: create it.
  const state = sqsOf(ctx.state);
  state.deleted.delete(name);
  const record: QueueRecord = {
    queue: made.queue,
    receiveMessageWaitTimeSeconds: RECEIVE_WAIT_SECONDS.default,
    maximumMessageSize: MAXIMUM_MESSAGE_SIZE.default,
    // New queues have SSE-SQS on unless a KMS key is given (AWS).
    otherAttributes: values.value.KmsMasterKeyId === undefined ? { SqsManagedSseEnabled: 'true' } : {},
    lastModifiedMs: ctx.clock.now,
    published: { sent: 0, deleted: 0, redelivered: 0 },
    model: NO_CONSUMERS,
    consumerRates: new Map(),
    noted: new Set(),
  };
  applyAttributes(record, values.value);
  state.queues.set(name, record);
  ensureMinuteTicks(ctx);
  const q = record.queue;
  ctx.emit(
    'sqs.queue',
    `Created SQS queue ${name} (visibility timeout ${q.visibilityTimeoutSeconds} s, retention ${q.messageRetentionSeconds} s, delay ${q.delaySeconds} s). A service works it off when its tasks have ${q.url} in their environment.`,
    q.arn,
  );
  return ok({ QueueUrl: q.url });
};

export const sqsDeleteQueue: CommandHandler = (ctx, raw) => {
  const checked = checkParams<{ QueueUrl: string }>(raw, { params: { QueueUrl: 'string' }, required: ['QueueUrl'] });
  if (!checked.ok) return checked.result;
  const record = byUrl(ctx, checked.input.QueueUrl);
  if (record === undefined) return refuse(SQS_ERRORS.nonExistent());
  const sqs = sqsOf(ctx.state);
  const left = messagesIn(viewNow(ctx, record));
  sqs.queues.delete(record.queue.name);
  sqs.deleted.set(record.queue.name, ctx.clock.now);
  dropQueueMetrics(ctx.state, record.queue.name);
  ctx.emit('sqs.queue', `Deleted SQS queue ${record.queue.name}${left > 0 ? ` with ${plural(left, 'message')} in it` : ''}; its name can be used again in 60 s.`, record.queue.arn);
  return ok({});
};

export const sqsGetQueueUrl: CommandHandler = (ctx, raw) => {
  const checked = checkParams<{ QueueName: string; QueueOwnerAWSAccountId?: string }>(raw, { params: { QueueName: 'string', QueueOwnerAWSAccountId: 'string' }, required: ['QueueName'] });
  if (!checked.ok) return checked.result;
  const { QueueName, QueueOwnerAWSAccountId } = checked.input;
  const record = ctx.state.sqs?.queues.get(QueueName);
  if (record === undefined || (QueueOwnerAWSAccountId !== undefined && QueueOwnerAWSAccountId !== ACCOUNT_ID)) return refuse(SQS_ERRORS.nonExistent());
  return ok({ QueueUrl: record.queue.url });
};

export const sqsListQueues: CommandHandler = (ctx, raw) => {
  const checked = checkParams<{ QueueNamePrefix?: string; NextToken?: string; MaxResults?: number }>(raw, {
    params: { QueueNamePrefix: 'string', NextToken: 'string', MaxResults: 'integer' },
  });
  if (!checked.ok) return checked.result;
  const { QueueNamePrefix = '', NextToken, MaxResults } = checked.input;
  if (MaxResults !== undefined && (MaxResults < 1 || MaxResults > LIST_MAX)) return refuse(SQS_ERRORS.badMaxResults(MaxResults));
  const names = [...(ctx.state.sqs?.queues.keys() ?? [])].filter((n) => n.startsWith(QueueNamePrefix)).sort();
  let start = 0;
  if (NextToken !== undefined) {
    // The token is the last name of the previous page (Sandbox: AWS's tokens are opaque).
    const after = NextToken.startsWith('sandbox-next:') ? NextToken.slice('sandbox-next:'.length) : undefined;
    if (after === undefined || MaxResults === undefined) return refuse(SQS_ERRORS.badNextToken());
    start = names.findIndex((n) => n > after);
    if (start < 0) start = names.length;
  }
  const size = MaxResults ?? LIST_MAX;
  const page = names.slice(start, start + size);
  const more = MaxResults !== undefined && start + size < names.length;
  return ok({
    ...(page.length === 0 ? {} : { QueueUrls: page.map(queueUrl) }),
    ...(more ? { NextToken: `sandbox-next:${page.at(-1)!}` } : {}),
  });
};

export const sqsGetQueueAttributes: CommandHandler = (ctx, raw) => {
  const checked = checkParams<{ QueueUrl: string; AttributeNames?: unknown[] }>(raw, { params: { QueueUrl: 'string', AttributeNames: 'list' }, required: ['QueueUrl'] });
  if (!checked.ok) return checked.result;
  const names = checked.input.AttributeNames ?? [];
  const bad = names.find((n) => typeof n !== 'string');
  if (bad !== undefined) return fail('ParamValidationError', `Parameter validation failed:\nInvalid type for parameter AttributeNames, value: ${JSON.stringify(names)}, type: <class 'list'>, valid types: <class 'str'> items`);
  const record = byUrl(ctx, checked.input.QueueUrl);
  if (record === undefined) return refuse(SQS_ERRORS.nonExistent());
  const selected = selectAttributes(allAttributes(record, viewNow(ctx, record)), names as string[]);
  if (!selected.ok) return refuse(selected.error);
  return ok(Object.keys(selected.value).length === 0 ? {} : { Attributes: selected.value });
};

export const sqsSetQueueAttributes: CommandHandler = (ctx, raw) => {
  const checked = checkParams<{ QueueUrl: string; Attributes: Record<string, unknown> }>(raw, { params: { QueueUrl: 'string', Attributes: 'map' }, required: ['QueueUrl', 'Attributes'] });
  if (!checked.ok) return checked.result;
  const record = byUrl(ctx, checked.input.QueueUrl);
  if (record === undefined) return refuse(SQS_ERRORS.nonExistent());
  const values = checkSettableAttributes(checked.input.Attributes);
  if (!values.ok) return refuse(values.error);
  // What happened until now happened under the old settings.
  catchUpOne(ctx, record);
  applyAttributes(record, values.value);
  record.lastModifiedMs = ctx.clock.now;
  const list = Object.entries(values.value).map(([n, v]) => `${n}=${v.length > 40 ? `${v.slice(0, 37)}...` : v}`);
  ctx.emit('sqs.queue', `Queue ${record.queue.name}: set ${list.length === 0 ? 'nothing' : list.join(', ')}.`, record.queue.arn);
  return ok({});
};

interface SendMessageInput {
  QueueUrl: string;
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, unknown>;
  MessageSystemAttributes?: Record<string, unknown>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export const sqsSendMessage: CommandHandler = (ctx, raw) => {
  const checked = checkParams<SendMessageInput>(raw, {
    params: { QueueUrl: 'string', MessageBody: 'string', DelaySeconds: 'integer', MessageAttributes: 'map', MessageSystemAttributes: 'map', MessageDeduplicationId: 'string', MessageGroupId: 'string' },
    required: ['QueueUrl', 'MessageBody'],
  });
  if (!checked.ok) return checked.result;
  const { QueueUrl, MessageBody, DelaySeconds } = checked.input;
  const record = byUrl(ctx, QueueUrl);
  if (record === undefined) return refuse(SQS_ERRORS.nonExistent());
  if (MessageBody.length === 0) return refuse(SQS_ERRORS.emptyBody());
  if (new TextEncoder().encode(MessageBody).length > record.maximumMessageSize) return refuse(SQS_ERRORS.tooLong(record.maximumMessageSize));
  if (DelaySeconds !== undefined && (DelaySeconds < DELAY_SECONDS.min || DelaySeconds > DELAY_SECONDS.max)) return refuse(SQS_ERRORS.badDelay(DelaySeconds));
  // Deduplication ids belong to FIFO queues (a MessageGroupId is accepted: fair queues).
  if (checked.input.MessageDeduplicationId !== undefined) return refuse(SQS_ERRORS.fifoParameter());
  catchUpOne(ctx, record);
  const sent = sendMessages(record.queue, 1, ctx.clock.now, DelaySeconds);
  if (!sent.ok) return refuse(sent.error);
  record.queue = sent.queue;
  return ok({ MD5OfMessageBody: md5Hex(MessageBody), MessageId: ctx.prng.uuid() });
};

export const sqsPurgeQueue: CommandHandler = (ctx, raw) => {
  const checked = checkParams<{ QueueUrl: string }>(raw, { params: { QueueUrl: 'string' }, required: ['QueueUrl'] });
  if (!checked.ok) return checked.result;
  const record = byUrl(ctx, checked.input.QueueUrl);
  if (record === undefined) return refuse(SQS_ERRORS.nonExistent());
  if (record.lastPurgeMs !== undefined && ctx.clock.now - record.lastPurgeMs < PURGE_INTERVAL_MS) return refuse(SQS_ERRORS.purgeInProgress(record.queue.name));
  catchUpOne(ctx, record);
  const q = record.queue;
  const purged = messagesIn(q);
  q.ready = [];
  q.delayed = [];
  q.inFlight = [];
  record.lastPurgeMs = ctx.clock.now;
  ctx.emit('sqs.queue', `Purged queue ${q.name}: ${plural(purged, 'message')} deleted (messages in flight too).`, q.arn);
  return ok({});
};

interface SendMessagesInput {
  queue: string;
  count?: number;
  durationSeconds?: number;
}

/**
 * sim:SendMessages — a producer: {queue, count} sends a burst now; with ratePerSecond and/or
 * durationSeconds the messages are spread evenly (count at ratePerSecond, rate × duration, or count
 * over the duration). The queue may be given by URL, name or ARN.
 */
export const simSendMessages: CommandHandler = (ctx, raw) => {
  const rate = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).ratePerSecond : undefined;
  const rest = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : raw;
  if (rest !== null && typeof rest === 'object') delete (rest as Record<string, unknown>).ratePerSecond;
  const checked = checkParams<SendMessagesInput>(rest, { params: { queue: 'string', count: 'integer', durationSeconds: 'integer' }, required: ['queue'] });
  if (!checked.ok) return checked.result;
  const { queue, count, durationSeconds } = checked.input;
  const record = findQueue(ctx.state, queue);
  if (record === undefined) return fail('InvalidParameterException', `sim:SendMessages: no queue named ${queue} (give its URL, name or ARN; sqs:ListQueues lists them).`);
  const problem = producerProblem(count, rate, durationSeconds);
  if (typeof problem === 'string') return fail('InvalidParameterException', `sim:SendMessages: ${problem}`);
  const { total, seconds } = problem;
  catchUpOne(ctx, record);
  const now = ctx.clock.now;
  if (seconds === 0) {
    const sent = sendMessages(record.queue, total, now);
    if (!sent.ok) return refuse(sent.error);
    record.queue = sent.queue;
    ctx.emit('sqs.producer', `Sent ${plural(total, 'message')} to queue ${record.queue.name}.`, record.queue.arn);
    return ok({ QueueUrl: record.queue.url, messages: total, sentAt: isoAt(now) });
  }
  (record.queue.producers ??= []).push({ total, sent: 0, startMs: now, durationSeconds: seconds });
  ctx.emit('sqs.producer', `A producer sends ${plural(total, 'message')} to queue ${record.queue.name} over ${seconds} s (${Math.round((total / seconds) * 100) / 100} a second).`, record.queue.arn);
  return ok({ QueueUrl: record.queue.url, messages: total, ratePerSecond: total / seconds, startsAt: isoAt(now), endsAt: isoAt(now + seconds * 1000) });
};

/** sim:SendMessages' numbers → how many messages over how many seconds (0: a burst now), or what is wrong. */
export function producerProblem(count: number | undefined, rate: unknown, duration: number | undefined): string | { total: number; seconds: number } {
  if (rate !== undefined && (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > MAX_PRODUCER_RATE)) return `ratePerSecond must be a number above 0 and at most ${MAX_PRODUCER_RATE}, not ${JSON.stringify(rate)}.`;
  if (duration !== undefined && (duration < 1 || duration > MAX_PRODUCER_SECONDS)) return `durationSeconds must be from 1 to ${MAX_PRODUCER_SECONDS} (7 days), not ${duration}.`;
  if (count !== undefined && (count < 1 || count > MAX_SEND_PER_CALL)) return `count must be a whole number of messages from 1 to ${MAX_SEND_PER_CALL}, not ${count}.`;
  const r = rate as number | undefined;
  let total: number;
  let seconds: number;
  if (count !== undefined && r !== undefined && duration !== undefined) {
    if (Math.round(r * duration) !== count) return `count ${count} does not match ratePerSecond ${r} × durationSeconds ${duration} = ${Math.round(r * duration)}; give two of the three.`;
    [total, seconds] = [count, duration];
  } else if (count !== undefined && r !== undefined) [total, seconds] = [count, Math.ceil(count / r)];
  else if (count !== undefined && duration !== undefined) [total, seconds] = [count, duration];
  else if (count !== undefined) [total, seconds] = [count, 0];
  else if (r !== undefined && duration !== undefined) [total, seconds] = [Math.round(r * duration), duration];
  else return 'give count (a burst now), or count or ratePerSecond with durationSeconds (a producer over time).';
  if (total < 1) return `ratePerSecond ${r} for ${duration} s sends no message; raise the rate or the duration.`;
  if (total > MAX_SEND_PER_CALL) return `that is ${total} messages; one call sends at most ${MAX_SEND_PER_CALL}.`;
  return { total, seconds };
}
