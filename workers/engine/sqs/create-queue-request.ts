/**
 * sqs:CreateQueue in AWS's request shape — { QueueName, Attributes: { VisibilityTimeout: "30", … } }
 * with attribute values as strings, as the CLI sends them — turned into createQueue's input, and
 * CreateQueue's rule for a name that already exists (pure; not wired to an action yet).
 *
 * AWS facts (SQS API Reference CreateQueue): attribute values are strings; if a queue of that name
 * exists with exactly the same attributes, CreateQueue returns its URL; with different values it is
 * an error (QueueAlreadyExists in the query protocol, QueueNameExists in JSON). UNCONFIRMED wording
 * (moto's, which copies AWS): "A queue already exists with the same name and a different value for
 * attribute VisibilityTimeout", "Unknown Attribute Foo.". Attributes the sandbox accepts without
 * modelling them are listed in IGNORED_ATTRIBUTES (Sandbox).
 */
import type { AwsError } from '../../protocol.ts';
import { createQueue, type CreateQueueInput, type Queue, type QueueResult } from './queue.ts';

/** The attributes that shape the model, by AWS name. */
const MODELLED = {
  VisibilityTimeout: 'visibilityTimeoutSeconds',
  MessageRetentionPeriod: 'messageRetentionSeconds',
  DelaySeconds: 'delaySeconds',
} as const;

/** Valid CreateQueue attributes the sandbox accepts and does not model (no effect on the flow). */
export const IGNORED_ATTRIBUTES: readonly string[] = [
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
];

const FIFO_ONLY = ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'];

const err = (code: string, message: string): { ok: false; error: AwsError } => ({ ok: false, error: { code, message } });

/** CreateQueue's request → createQueue's input, or the error AWS (or the sandbox) answers. */
export function parseCreateQueueRequest(request: unknown): QueueResult<{ input: CreateQueueInput }> {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return err('MissingParameter', 'The request must include the parameter QueueName.');
  const { QueueName, Attributes } = request as Record<string, unknown>;
  if (typeof QueueName !== 'string') return err('MissingParameter', 'The request must include the parameter QueueName.');
  const input: CreateQueueInput = { name: QueueName };
  if (Attributes !== undefined) {
    if (typeof Attributes !== 'object' || Attributes === null || Array.isArray(Attributes)) return err('InvalidParameterValue', 'Attributes must be a map of attribute names to string values.');
    for (const [name, raw] of Object.entries(Attributes as Record<string, unknown>)) {
      if (FIFO_ONLY.includes(name)) {
        if (name === 'FifoQueue' && raw === 'false') continue;
        return err('InvalidParameterValue', `${name}: FIFO queues are not simulated by the sandbox; create a standard queue (no FifoQueue attribute, no .fifo suffix).`);
      }
      if (IGNORED_ATTRIBUTES.includes(name)) continue;
      if (!Object.hasOwn(MODELLED, name)) return err('InvalidAttributeName', `Unknown Attribute ${name}.`);
      const text = typeof raw === 'number' ? String(raw) : raw;
      if (typeof text !== 'string' || !/^-?\d+$/.test(text)) return err('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
      input[MODELLED[name as keyof typeof MODELLED]] = Number(text);
    }
  }
  return { ok: true, input };
}

/**
 * CreateQueue against the queues that exist: the existing queue when its name and attributes match
 * (AWS returns its URL), an error when only the name matches, else a new queue at `nowMs`.
 */
export function createOrReuseQueue(existing: ReadonlyMap<string, Queue>, request: unknown, nowMs: number): QueueResult<{ queue: Queue; created: boolean }> {
  const parsed = parseCreateQueueRequest(request);
  if (!parsed.ok) return parsed;
  const made = createQueue(parsed.input, nowMs);
  if (!made.ok) return made;
  const old = existing.get(made.queue.name);
  if (old === undefined) return { ok: true, queue: made.queue, created: true };
  for (const [awsName, field] of Object.entries(MODELLED)) {
    if (old[field] !== made.queue[field]) return err('QueueAlreadyExists', `A queue already exists with the same name and a different value for attribute ${awsName}`);
  }
  return { ok: true, queue: old, created: false };
}
