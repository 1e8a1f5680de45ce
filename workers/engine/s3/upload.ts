/**
 * An object upload (s3:PutObject, or the learner's sim:PutObject): the object is stored (a second
 * upload of the same key replaces it, as S3 does without versioning) and, when the bucket sends events
 * to EventBridge, S3's "Object Created" event (events/s3-events.ts) goes onto the event log, where the
 * EventBridge rules see it (events/rule-delivery.ts). Without EventBridgeConfiguration S3 sends nothing
 * to EventBridge, and the upload's line says so — naming the rules that would have matched.
 */
import type { EngineContext } from '../context.ts';
import { isoAt } from '../ids/arn.ts';
import { rulesMatching } from '../events/rule-delivery.ts';
import { objectCreatedEvent } from '../events/s3-events.ts';
import { bucketArn, s3Of, sendsToEventBridge, type BucketRecord } from './model.ts';

export interface UploadOutcome {
  ETag: string;
  /** Whether S3 sent an Object Created event to EventBridge. */
  sentToEventBridge: boolean;
  /** The enabled rules the event matches (or would have matched). */
  matchingRules: string[];
}

export function uploadObject(ctx: EngineContext, bucket: BucketRecord, key: string, size: number, via: 's3:PutObject' | 'sim:PutObject'): UploadOutcome {
  const s3 = s3Of(ctx.state);
  const now = ctx.clock.now;
  const etag = ctx.prng.hex(32);
  const requestId = ctx.prng.hex(16).toUpperCase();
  s3.uploads += 1;
  const sequencer = s3.uploads.toString(16).toUpperCase().padStart(18, '0');
  const replaced = bucket.objects.has(key);
  bucket.objects.set(key, { key, size, etag, lastModifiedMs: now });

  const event = objectCreatedEvent({ bucket: bucket.name, key, size, etag, sequencer, requestId, sequence: ctx.state.nextEventId, virtualMs: now });
  const matching = rulesMatching(ctx.state.eventBridge, event);
  const where = `s3://${bucket.name}/${key}`;
  const what = `${via === 'sim:PutObject' ? 'A learner uploaded' : 'PutObject stored'} ${where} (${size} bytes${replaced ? ', replacing the object of that key' : ''})`;
  const sent = sendsToEventBridge(bucket);
  if (!sent) {
    const wouldMatch = matching.length > 0 ? ` — rule${matching.length > 1 ? 's' : ''} ${matching.join(', ')} would have matched it` : '';
    ctx.emit(
      's3.object-created',
      `${what}. Bucket ${bucket.name} does not send events to EventBridge (its notification configuration has no EventBridgeConfiguration), so no rule sees this upload${wouldMatch}.`,
      `${bucketArn(bucket.name)}/${key}`,
    );
    return { ETag: `"${etag}"`, sentToEventBridge: false, matchingRules: matching };
  }
  const rules = matching.length > 0 ? `it matches rule${matching.length > 1 ? 's' : ''} ${matching.join(', ')}` : 'no enabled rule matches it';
  ctx.emit(
    's3.object-created',
    `${what} at ${isoAt(now).replace(/\.\d{3}Z$/, 'Z')}; S3 sent an Object Created event to EventBridge, and ${rules}.`,
    `${bucketArn(bucket.name)}/${key}`,
    undefined,
    { detailType: 'Object Created', source: 'aws.s3', resources: event.resources, detail: event.detail as unknown as Record<string, unknown> },
  );
  return { ETag: `"${etag}"`, sentToEventBridge: true, matchingRules: matching };
}
