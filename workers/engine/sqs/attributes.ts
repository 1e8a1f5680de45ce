/**
 * Queue attributes as CreateQueue, SetQueueAttributes and GetQueueAttributes name them: which
 * exist, which may be set, their ranges, and the All answer (strings, as AWS gives them).
 *
 * AWS facts (SQS API Reference SetQueueAttributes / GetQueueAttributes): VisibilityTimeout 0–43,200
 * (30); MessageRetentionPeriod 60–1,209,600 (345,600); DelaySeconds 0–900 (0);
 * ReceiveMessageWaitTimeSeconds 0–20 (0); MaximumMessageSize 1,024 up to 1,048,576 bytes, default
 * 1,048,576 (AWS raised it from 256 KiB to 1 MiB in 2025 — UNCONFIRMED in the stored docs, which
 * still show 262,144); KmsDataKeyReusePeriodSeconds 60–86,400 (300); new queues have SSE-SQS on
 * (SqsManagedSseEnabled "true"). CreatedTimestamp / LastModifiedTimestamp are epoch seconds.
 * Unknown names: InvalidAttributeName "Unknown Attribute Foo." (moto's text, UNCONFIRMED); bad
 * values: InvalidAttributeValue "Invalid value for the parameter X." (VERBATIM, see queue.ts).
 */
import type { AwsError } from '../../protocol.ts';
import { EPOCH_ISO } from '../ids/arn.ts';
import type { QueueRecord } from './model.ts';
import {
  approximateNumberOfMessagesDelayed,
  approximateNumberOfMessagesNotVisible,
  approximateNumberOfMessagesVisible,
  DELAY_SECONDS,
  MESSAGE_RETENTION,
  VISIBILITY_TIMEOUT,
  type Queue,
} from './queue.ts';

export const MAXIMUM_MESSAGE_SIZE = { min: 1024, max: 1_048_576, default: 1_048_576 } as const;
export const RECEIVE_WAIT_SECONDS = { min: 0, max: 20, default: 0 } as const;
const KMS_REUSE_SECONDS = { min: 60, max: 86_400, default: 300 } as const;

/** Whole-number attributes with their ranges. */
export const NUMERIC_ATTRIBUTES: Readonly<Record<string, { min: number; max: number; default: number }>> = {
  VisibilityTimeout: VISIBILITY_TIMEOUT,
  MessageRetentionPeriod: MESSAGE_RETENTION,
  DelaySeconds: DELAY_SECONDS,
  MaximumMessageSize: MAXIMUM_MESSAGE_SIZE,
  ReceiveMessageWaitTimeSeconds: RECEIVE_WAIT_SECONDS,
  KmsDataKeyReusePeriodSeconds: KMS_REUSE_SECONDS,
};

/** Settable attributes the sandbox keeps as given and does not model (no effect on messages). */
export const TEXT_ATTRIBUTES: readonly string[] = ['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'SqsManagedSseEnabled'];

/** Attributes only GetQueueAttributes knows (SQS computes them). */
export const READ_ONLY_ATTRIBUTES: readonly string[] = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
];

/** FIFO-only attributes: valid names, never present on the sandbox's standard queues. */
export const FIFO_ATTRIBUTES: readonly string[] = ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'];

export const unknownAttribute = (name: string): AwsError => ({ code: 'InvalidAttributeName', message: `Unknown Attribute ${name}.` });
export const badAttributeValue = (name: string): AwsError => ({ code: 'InvalidAttributeValue', message: `Invalid value for the parameter ${name}.` });

export type Checked<T> = { ok: true; value: T } | { ok: false; error: AwsError };

/**
 * Attributes a request sets (CreateQueue's modelled and unmodelled ones, SetQueueAttributes'):
 * each name known and settable, each value valid; numbers come back in canonical form ("030" → "30").
 */
export function checkSettableAttributes(raw: unknown): Checked<Record<string, string>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: { code: 'InvalidParameterValue', message: 'Attributes must be a map of attribute names to string values.' } };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const text = typeof value === 'number' ? String(value) : value;
    const range = NUMERIC_ATTRIBUTES[name];
    if (range !== undefined) {
      if (typeof text !== 'string' || !/^-?\d+$/.test(text.trim())) return { ok: false, error: badAttributeValue(name) };
      const n = Number(text.trim());
      if (n < range.min || n > range.max) return { ok: false, error: badAttributeValue(name) };
      out[name] = String(n);
    } else if (TEXT_ATTRIBUTES.includes(name)) {
      if (typeof text !== 'string') return { ok: false, error: badAttributeValue(name) };
      if (name === 'SqsManagedSseEnabled' && text !== 'true' && text !== 'false') return { ok: false, error: badAttributeValue(name) };
      if ((name === 'Policy' || name === 'RedrivePolicy' || name === 'RedriveAllowPolicy') && text !== '' && !isJsonObject(text)) return { ok: false, error: badAttributeValue(name) };
      out[name] = text;
    } else return { ok: false, error: unknownAttribute(name) };
  }
  return { ok: true, value: out };
}

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

const EPOCH_S = Date.parse(EPOCH_ISO) / 1000;
const epochSeconds = (ms: number): string => String(EPOCH_S + Math.floor(ms / 1000));

/** Every attribute of a standard queue, in the order GetQueueAttributes All lists them. `view` is the queue caught up to now. */
export function allAttributes(record: QueueRecord, view: Queue): Record<string, string> {
  return {
    QueueArn: view.arn,
    ApproximateNumberOfMessages: String(approximateNumberOfMessagesVisible(view)),
    ApproximateNumberOfMessagesNotVisible: String(approximateNumberOfMessagesNotVisible(view)),
    ApproximateNumberOfMessagesDelayed: String(approximateNumberOfMessagesDelayed(view)),
    CreatedTimestamp: epochSeconds(view.createdMs),
    LastModifiedTimestamp: epochSeconds(record.lastModifiedMs),
    VisibilityTimeout: String(view.visibilityTimeoutSeconds),
    MaximumMessageSize: String(record.maximumMessageSize),
    MessageRetentionPeriod: String(view.messageRetentionSeconds),
    DelaySeconds: String(view.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(record.receiveMessageWaitTimeSeconds),
    ...record.otherAttributes,
  };
}

/** GetQueueAttributes' AttributeNames: All, or known names (FIFO-only ones simply absent); an unknown name is refused. */
export function selectAttributes(all: Record<string, string>, names: readonly string[]): Checked<Record<string, string>> {
  if (names.includes('All')) return { ok: true, value: all };
  const out: Record<string, string> = {};
  for (const name of names) {
    const known = Object.hasOwn(NUMERIC_ATTRIBUTES, name) || TEXT_ATTRIBUTES.includes(name) || READ_ONLY_ATTRIBUTES.includes(name) || FIFO_ATTRIBUTES.includes(name);
    if (!known) return { ok: false, error: unknownAttribute(name) };
    if (Object.hasOwn(all, name)) out[name] = all[name]!;
  }
  return { ok: true, value: out };
}
