/**
 * How messages move through a queue (sqs/queue.ts) on the virtual clock: sent → (delayed →) visible
 * → in flight → deleted, or back to visible when the visibility timeout lapses before the consumer
 * deletes them, or expired when MessageRetentionPeriod runs out. Every function is pure: it returns
 * a new queue (the caller's is never changed) and what happened, or an error value.
 *
 * The consumer model (Sandbox, documented here, not AWS's): `consumers` tasks together receive
 * `consumers × messagesPerSecondPerConsumer` messages per second, oldest first, in one-second steps
 * (a fractional rate carries over between steps); each received message stays in flight for
 * `processingSeconds`, then the consumer deletes it. If processing takes at least the visibility
 * timeout, the message becomes visible again first and the late delete is lost (the sandbox's
 * simplification: AWS may or may not honour a stale receipt handle) — so it is received again, the
 * classic duplicate-processing lesson. A consumer that stops (stopConsumers) never deletes what it
 * holds: those messages reappear when their visibility timeout ends. Standard queues promise only
 * best-effort order; the sandbox serves oldest first so a run is reproducible.
 * Retention (AWS): a message older than MessageRetentionPeriod is deleted, counted from when it was
 * sent (in flight too — UNCONFIRMED for in-flight messages).
 */
import {
  cloneQueue,
  DELAY_SECONDS,
  MAX_IN_FLIGHT,
  SQS_MESSAGES,
  type InFlightBucket,
  type Producer,
  type Queue,
  type QueueResult,
  type WaitingBucket,
} from './queue.ts';

/** Sandbox: the most messages one sim:SendMessages call may add. */
export const MAX_SEND_PER_CALL = 100_000;
/** The consumer model's step. */
export const STEP_MS = 1000;

export interface ConsumerModel {
  consumers: number;
  messagesPerSecondPerConsumer: number;
  processingSeconds: number;
}

/** What happened in a window (counts of messages). */
export interface FlowReport {
  received: number;
  deleted: number;
  expired: number;
  /** Receives of messages received before (their visibility timeout had lapsed). */
  redelivered: number;
  /** Messages that went back to visible because their visibility timeout lapsed. */
  returnedToVisible: number;
  /** When the queue last became empty (nothing visible, delayed or in flight) in the window, if it did. */
  emptyAtMs?: number;
}

const emptyReport = (): FlowReport => ({ received: 0, deleted: 0, expired: 0, redelivered: 0, returnedToVisible: 0 });

const backwards = (queue: Queue, atMs: number): QueueResult<never> => ({
  ok: false,
  error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.timeBackwards(atMs, queue.clockMs) },
});

const isEmpty = (q: Queue): boolean => q.ready.length === 0 && q.delayed.length === 0 && q.inFlight.length === 0;

/** Insert keeping `ready` ordered by sentMs (oldest first); equal times keep arrival order. */
function insertReady(q: Queue, bucket: WaitingBucket): void {
  let i = q.ready.length;
  while (i > 0 && q.ready[i - 1]!.sentMs > bucket.sentMs) i--;
  q.ready.splice(i, 0, bucket);
}

/** Apply every event up to and including `t` (deletes, lapsed timeouts, delays ending, expiry). Mutates `q`. */
function settle(q: Queue, t: number, report: FlowReport): void {
  const retentionMs = q.messageRetentionSeconds * 1000;
  if (q.inFlight.length > 0) {
    const keep: InFlightBucket[] = [];
    for (const b of q.inFlight) {
      const expiry = b.sentMs + retentionMs;
      if (b.deleteAtMs !== undefined && b.deleteAtMs <= t && b.deleteAtMs < expiry) {
        report.deleted += b.count;
        q.totals.deleted += b.count;
      } else if (expiry <= t) {
        report.expired += b.count;
        q.totals.expired += b.count;
      } else if (b.visibleAgainMs <= t && (b.deleteAtMs === undefined || b.deleteAtMs > b.visibleAgainMs)) {
        report.returnedToVisible += b.count;
        insertReady(q, { count: b.count, sentMs: b.sentMs, visibleAtMs: b.visibleAgainMs, receiveCount: b.receiveCount });
      } else keep.push(b);
    }
    q.inFlight = keep;
  }
  while (q.delayed.length > 0 && q.delayed[0]!.visibleAtMs <= t) insertReady(q, q.delayed.shift()!);
  const expire = (b: WaitingBucket): boolean => {
    if (b.sentMs + retentionMs > t) return false;
    report.expired += b.count;
    q.totals.expired += b.count;
    return true;
  };
  q.delayed = q.delayed.filter((b) => !expire(b));
  while (q.ready.length > 0 && expire(q.ready[0]!)) q.ready.shift();
  if (q.clockMs < t) q.clockMs = t;
}

/** The next instant after `t` at which an event changes the queue, or undefined. */
function nextEvent(q: Queue, t: number): number | undefined {
  let next = Infinity;
  const retentionMs = q.messageRetentionSeconds * 1000;
  for (const b of q.inFlight) next = Math.min(next, b.deleteAtMs ?? Infinity, b.visibleAgainMs, b.sentMs + retentionMs);
  for (const b of q.delayed) next = Math.min(next, b.visibleAtMs, b.sentMs + retentionMs);
  if (q.ready.length > 0) next = Math.min(next, q.ready[0]!.sentMs + retentionMs);
  return next > t && Number.isFinite(next) ? next : undefined;
}

/** How many of a producer's messages are due by step `t` (cumulative; see Producer). */
export function producerDue(p: Producer, t: number): number {
  if (t < p.startMs) return 0;
  const seconds = Math.min(p.durationSeconds, Math.floor((t - p.startMs) / STEP_MS) + 1);
  return Math.floor((p.total * seconds) / p.durationSeconds);
}

/** Put a batch sent at `t` where it belongs: ready, or delayed by the queue's DelaySeconds. Mutates `q`. */
function enqueue(q: Queue, count: number, t: number, delaySeconds: number): void {
  const bucket: WaitingBucket = { count, sentMs: t, visibleAtMs: t + delaySeconds * 1000, receiveCount: 0 };
  if (delaySeconds === 0) insertReady(q, bucket);
  else {
    let i = q.delayed.length;
    while (i > 0 && q.delayed[i - 1]!.visibleAtMs > bucket.visibleAtMs) i--;
    q.delayed.splice(i, 0, bucket);
  }
  q.totals.sent += count;
}

/** Producers send what is due by step `t`; finished producers are dropped. Mutates `q`. */
function produce(q: Queue, t: number): void {
  if (q.producers === undefined) return;
  for (const p of q.producers) {
    const due = producerDue(p, t);
    if (due > p.sent) {
      enqueue(q, due - p.sent, t, q.delaySeconds);
      p.sent = due;
    }
  }
  q.producers = q.producers.filter((p) => p.sent < p.total);
  if (q.producers.length === 0) delete q.producers;
}

/** Let time pass to `toMs` with nobody receiving (producers still send). */
export function advanceQueue(queue: Queue, toMs: number): QueueResult<{ queue: Queue; report: FlowReport }> {
  if (queue.producers !== undefined) return consume(queue, { consumers: 0, messagesPerSecondPerConsumer: 0, processingSeconds: 0 }, queue.clockMs, toMs);
  if (!Number.isFinite(toMs) || toMs < queue.clockMs) return backwards(queue, toMs);
  const q = cloneQueue(queue);
  const report = emptyReport();
  const hadMessages = !isEmpty(q);
  settle(q, toMs, report);
  if (hadMessages && isEmpty(q)) report.emptyAtMs = toMs;
  return { ok: true, queue: q, report };
}

/** sim:SendMessages: `count` messages sent at `nowMs` (with the queue's DelaySeconds unless `delaySeconds` is given). */
export function sendMessages(queue: Queue, count: number, nowMs: number, delaySeconds?: number): QueueResult<{ queue: Queue; report: FlowReport }> {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_SEND_PER_CALL)
    return { ok: false, error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.badCount(count, MAX_SEND_PER_CALL) } };
  const delay = delaySeconds ?? queue.delaySeconds;
  if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < DELAY_SECONDS.min || delay > DELAY_SECONDS.max)
    return { ok: false, error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.badAttribute('DelaySeconds') } };
  const advanced = advanceQueue(queue, nowMs);
  if (!advanced.ok) return advanced;
  enqueue(advanced.queue, count, nowMs, delay);
  return { ok: true, queue: advanced.queue, report: advanced.report };
}

function checkModel(model: ConsumerModel): string | undefined {
  if (typeof model !== 'object' || model === null) return 'give {consumers, messagesPerSecondPerConsumer, processingSeconds}.';
  const { consumers, messagesPerSecondPerConsumer: rate, processingSeconds } = model;
  if (typeof consumers !== 'number' || !Number.isInteger(consumers) || consumers < 0 || consumers > 10_000) return `consumers must be a whole number from 0 to 10000, not ${String(consumers)}.`;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 10_000) return `messagesPerSecondPerConsumer must be from 0 to 10000, not ${String(rate)}.`;
  if (typeof processingSeconds !== 'number' || !Number.isFinite(processingSeconds) || processingSeconds < 0 || processingSeconds > 86_400)
    return `processingSeconds must be from 0 to 86400, not ${String(processingSeconds)}.`;
  return undefined;
}

/** Take up to `n` ready messages at `t`, oldest first, into flight. Mutates `q`; returns how many. */
function receive(q: Queue, n: number, t: number, model: ConsumerModel, report: FlowReport): number {
  const visibilityMs = q.visibilityTimeoutSeconds * 1000;
  const processingMs = Math.round(model.processingSeconds * 1000);
  const deletes = processingMs === 0 || processingMs < visibilityMs;
  let left = n;
  while (left > 0 && q.ready.length > 0) {
    const head = q.ready[0]!;
    const take = Math.min(left, head.count);
    q.inFlight.push({
      count: take,
      sentMs: head.sentMs,
      receivedMs: t,
      receiveCount: head.receiveCount + 1,
      deleteAtMs: deletes ? t + processingMs : undefined,
      visibleAgainMs: t + visibilityMs,
    });
    if (head.receiveCount > 0) {
      report.redelivered += take;
      q.totals.redelivered += take;
    }
    head.count -= take;
    if (head.count === 0) q.ready.shift();
    left -= take;
  }
  const taken = n - left;
  report.received += taken;
  q.totals.received += taken;
  return taken;
}

/**
 * Consumers working the queue from `fromMs` to `toMs` (receives at fromMs, fromMs + 1 s, … before
 * toMs — or up to and including toMs with `receiveAtEnd`, a reader's view of that instant; events
 * up to and including toMs, never later). Time before fromMs passes with nobody receiving.
 */
export function consume(queue: Queue, model: ConsumerModel, fromMs: number, toMs: number, receiveAtEnd = false): QueueResult<{ queue: Queue; report: FlowReport }> {
  const problem = checkModel(model);
  if (problem !== undefined) return { ok: false, error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.badConsumers(problem) } };
  if (!Number.isFinite(fromMs) || fromMs < queue.clockMs) return backwards(queue, fromMs);
  if (!Number.isFinite(toMs) || toMs < fromMs) return backwards({ ...queue, clockMs: fromMs }, toMs);
  const q = cloneQueue(queue);
  const report = emptyReport();
  let wasEmpty = isEmpty(q);
  const noteEmpty = (t: number): void => {
    const empty = isEmpty(q);
    if (empty && !wasEmpty) report.emptyAtMs = t;
    wasEmpty = empty;
  };
  const perStep = (model.consumers * model.messagesPerSecondPerConsumer * STEP_MS) / 1000;
  const inWindow = (at: number): boolean => at < toMs || (receiveAtEnd && at === toMs);
  let t = fromMs;
  while (inWindow(t)) {
    settle(q, t, report);
    produce(q, t);
    noteEmpty(t);
    if (perStep > 0 && q.ready.length > 0) {
      q.receiveCredit += perStep;
      const want = Math.min(Math.floor(q.receiveCredit + 1e-9), Math.max(0, MAX_IN_FLIGHT - inFlightCount(q)));
      const taken = receive(q, want, t, model, report);
      // Idle consumers do not bank capacity: only the fraction of a message carries over.
      q.receiveCredit = taken < want ? q.receiveCredit % 1 : q.receiveCredit - taken;
      noteEmpty(t);
      t += STEP_MS;
      continue;
    }
    // A producer sends each second: step on.
    if (q.producers !== undefined) {
      t += STEP_MS;
      continue;
    }
    // Nothing to receive: jump to the step at or after the next event.
    const next = nextEvent(q, t);
    if (next === undefined || !inWindow(next)) break;
    t = fromMs + Math.ceil((next - fromMs) / STEP_MS) * STEP_MS;
  }
  settle(q, toMs, report);
  noteEmpty(toMs);
  return { ok: true, queue: q, report };
}

const inFlightCount = (q: Queue): number => q.inFlight.reduce((n, b) => n + b.count, 0);

/**
 * Consumers stop at `atMs` (tasks stopped or crashed): nothing they hold will be deleted. `share`
 * (0–1, default all) is the fraction of the consumers that stop — e.g. 1 of 4 tasks → 0.25; each
 * in-flight bucket loses that share of its messages, rounded to whole messages.
 */
export function stopConsumers(queue: Queue, atMs: number, share = 1): QueueResult<{ queue: Queue; report: FlowReport; abandoned: number }> {
  if (typeof share !== 'number' || !(share >= 0 && share <= 1))
    return { ok: false, error: { code: 'InvalidParameterValue', message: SQS_MESSAGES.badConsumers(`the share of consumers stopping must be from 0 to 1, not ${String(share)}.`) } };
  const advanced = advanceQueue(queue, atMs);
  if (!advanced.ok) return advanced;
  let abandoned = 0;
  const buckets: InFlightBucket[] = [];
  for (const b of advanced.queue.inFlight) {
    const lost = b.deleteAtMs === undefined ? 0 : Math.round(b.count * share);
    if (lost > 0) {
      buckets.push({ ...b, count: lost, deleteAtMs: undefined });
      abandoned += lost;
    }
    if (b.count - lost > 0) buckets.push({ ...b, count: b.count - lost });
  }
  advanced.queue.inFlight = buckets;
  return { ok: true, queue: advanced.queue, report: advanced.report, abandoned };
}
