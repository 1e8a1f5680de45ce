/**
 * Amazon S3, as much as event-driven tasks need: buckets (CreateBucket, DeleteBucket, ListBuckets),
 * their notification configuration (Put/GetBucketNotificationConfiguration — `EventBridgeConfiguration:
 * {}` turns on delivery to EventBridge), uploads (s3:PutObject, and sim:PutObject for a learner's upload
 * of a given size) and ListObjectsV2. The model is s3/; what an upload sends to EventBridge is
 * s3/upload.ts. Every check comes before any change.
 */
import type { EngineContext } from '../context.ts';
import { fail, ok, type CommandResult } from '../errors.ts';
import { isoAt } from '../ids/arn.ts';
import { REGION } from '../ids/arn.ts';
import { decodeToken, listObjects } from '../s3/list-objects.ts';
import { KEY_MAX_BYTES, S3_ERRORS, bucketNameProblem, utf8Length } from '../s3/messages.ts';
import { CANONICAL_USER_ID, bucketArn, s3Of, sendsToEventBridge, type BucketRecord } from '../s3/model.ts';
import '../s3/render.ts';
import { uploadObject } from '../s3/upload.ts';
import { checkParams } from './params.ts';

/** Sandbox: the size of a sim:PutObject upload when sizeBytes is not given (1 KiB). */
export const DEFAULT_UPLOAD_BYTES = 1024;
/** S3's largest single PUT: 5 GiB (S3 User Guide, upload-objects: "upload a single object up to 5 GB"). */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;

const s3Error = (code: keyof typeof S3_ERRORS | 'InvalidLocationConstraint', message: string, why?: string): CommandResult =>
  fail(code, why === undefined ? message : `${message} (Sandbox: ${why})`);

function findBucket(ctx: EngineContext, name: string): { ok: true; bucket: BucketRecord } | { ok: false; result: CommandResult } {
  const bucket = ctx.state.s3?.buckets.get(name);
  if (bucket !== undefined) return { ok: true, bucket };
  const known = [...(ctx.state.s3?.buckets.keys() ?? [])];
  return {
    ok: false,
    result: s3Error('NoSuchBucket', S3_ERRORS.NoSuchBucket, `there is no bucket "${name}"; ${known.length === 0 ? 'none exists yet (s3:CreateBucket)' : `the buckets are ${known.join(', ')}`}.`),
  };
}

const BUCKET_ACL = { ACL: 'string', GrantFullControl: 'string', GrantRead: 'string', GrantReadACP: 'string', GrantWrite: 'string', GrantWriteACP: 'string' } as const;

export function s3CreateBucket(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ Bucket: string; CreateBucketConfiguration?: { LocationConstraint?: unknown } }>(raw, {
    params: { Bucket: 'string', CreateBucketConfiguration: 'structure', ObjectLockEnabledForBucket: 'boolean', ObjectOwnership: 'string', ...BUCKET_ACL },
    required: ['Bucket'],
  });
  if (!checked.ok) return checked.result;
  const { Bucket: name, CreateBucketConfiguration: config } = checked.input;
  const problem = bucketNameProblem(name);
  if (problem !== undefined) return s3Error('InvalidBucketName', S3_ERRORS.InvalidBucketName, problem);
  const constraint = config?.LocationConstraint;
  if (constraint !== undefined) {
    // S3: us-east-1 is the default and takes no LocationConstraint; any other Region is another endpoint.
    if (constraint === REGION) return s3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', `${REGION} is the default Region: leave CreateBucketConfiguration out.`);
    return s3Error('IllegalLocationConstraintException', S3_ERRORS.IllegalLocationConstraintException(String(constraint)), `the sandbox has one Region, ${REGION}.`);
  }
  const existing = ctx.state.s3?.buckets.get(name);
  if (existing !== undefined) {
    // AWS: "if you re-create an existing bucket that you already own in the North Virginia Region,
    // Amazon S3 returns 200 OK" (elsewhere BucketAlreadyOwnedByYou). The sandbox is us-east-1.
    ctx.emit(
      's3.bucket-exists',
      `Bucket ${name} already exists and is yours: in ${REGION} S3 answers 200 OK for legacy compatibility and changes nothing (in any other Region: BucketAlreadyOwnedByYou, "${S3_ERRORS.BucketAlreadyOwnedByYou}").`,
      bucketArn(name),
    );
    return ok({ Location: `/${name}` });
  }
  s3Of(ctx.state).buckets.set(name, { name, createdMs: ctx.clock.now, notification: {}, objects: new Map() });
  ctx.emit('s3.bucket-created', `Bucket ${name} created in ${REGION}. It sends no events to EventBridge until its notification configuration has EventBridgeConfiguration.`, bucketArn(name));
  return ok({ Location: `/${name}` });
}

export function s3DeleteBucket(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ Bucket: string }>(raw, { params: { Bucket: 'string', ExpectedBucketOwner: 'string' }, required: ['Bucket'] });
  if (!checked.ok) return checked.result;
  const found = findBucket(ctx, checked.input.Bucket);
  if (!found.ok) return found.result;
  const count = found.bucket.objects.size;
  if (count > 0) return s3Error('BucketNotEmpty', S3_ERRORS.BucketNotEmpty, `${found.bucket.name} holds ${count} object(s); S3 deletes only empty buckets.`);
  ctx.state.s3!.buckets.delete(found.bucket.name);
  ctx.emit('s3.bucket-deleted', `Bucket ${found.bucket.name} deleted.`, bucketArn(found.bucket.name));
  return ok({});
}

export function s3ListBuckets(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ Prefix?: string }>(raw ?? {}, { params: { MaxBuckets: 'integer', ContinuationToken: 'string', Prefix: 'string', BucketRegion: 'string' } });
  if (!checked.ok) return checked.result;
  const prefix = checked.input.Prefix ?? '';
  const buckets = [...(ctx.state.s3?.buckets.values() ?? [])]
    .filter((b) => b.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((b) => ({ Name: b.name, CreationDate: isoAt(b.createdMs), BucketRegion: REGION }));
  return ok({ Buckets: buckets, Owner: { ID: CANONICAL_USER_ID } });
}

const NOTIFICATION_KINDS = { TopicConfigurations: 'TopicArn', QueueConfigurations: 'QueueArn', LambdaFunctionConfigurations: 'LambdaFunctionArn' } as const;

/** Why a NotificationConfiguration is not one S3 accepts (AWS answers MalformedXML), or undefined. */
function notificationProblem(config: Record<string, unknown>): string | undefined {
  for (const [field, value] of Object.entries(config)) {
    if (field === 'EventBridgeConfiguration') {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length > 0) return 'EventBridgeConfiguration is an empty object: {}.';
      continue;
    }
    const arnField = NOTIFICATION_KINDS[field as keyof typeof NOTIFICATION_KINDS];
    if (arnField === undefined) return `"${field}" is not part of a notification configuration (TopicConfigurations, QueueConfigurations, LambdaFunctionConfigurations, EventBridgeConfiguration).`;
    if (!Array.isArray(value)) return `${field} is a list.`;
    for (const [i, entry] of value.entries()) {
      const e = entry as Record<string, unknown> | null;
      if (typeof e?.[arnField] !== 'string') return `${field}[${i}] needs ${arnField}.`;
      if (!Array.isArray(e.Events) || e.Events.length === 0 || e.Events.some((x) => typeof x !== 'string' || !x.startsWith('s3:'))) return `${field}[${i}].Events is a list of S3 event types such as s3:ObjectCreated:*.`;
    }
  }
  return undefined;
}

export function s3PutBucketNotificationConfiguration(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ Bucket: string; NotificationConfiguration: Record<string, unknown> }>(raw, {
    params: { Bucket: 'string', NotificationConfiguration: 'structure', ExpectedBucketOwner: 'string', SkipDestinationValidation: 'boolean' },
    required: ['Bucket', 'NotificationConfiguration'],
  });
  if (!checked.ok) return checked.result;
  const found = findBucket(ctx, checked.input.Bucket);
  if (!found.ok) return found.result;
  const config = checked.input.NotificationConfiguration;
  const problem = notificationProblem(config);
  if (problem !== undefined) return s3Error('MalformedXML', S3_ERRORS.MalformedXML, problem);
  const bucket = found.bucket;
  const before = sendsToEventBridge(bucket);
  bucket.notification = structuredClone(config);
  const after = sendsToEventBridge(bucket);
  const others = Object.keys(config).filter((k) => k !== 'EventBridgeConfiguration');
  const otherText = others.length > 0 ? ` ${others.join(', ')} are stored; the sandbox delivers only the EventBridge events (its rules can target an SQS queue or SNS topic).` : '';
  ctx.emit(
    's3.notification-configured',
    `${after ? `Bucket ${bucket.name} ${before ? 'still sends' : 'now sends'} its events (Object Created on every upload) to EventBridge.` : `Bucket ${bucket.name} ${before ? 'no longer sends' : 'does not send'} events to EventBridge (no EventBridgeConfiguration).`}${otherText}`,
    bucketArn(bucket.name),
  );
  return ok({});
}

export function s3GetBucketNotificationConfiguration(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ Bucket: string }>(raw, { params: { Bucket: 'string', ExpectedBucketOwner: 'string' }, required: ['Bucket'] });
  if (!checked.ok) return checked.result;
  const found = findBucket(ctx, checked.input.Bucket);
  if (!found.ok) return found.result;
  return ok(structuredClone(found.bucket.notification));
}

/** The checks every upload shares; undefined when the key and size are fine. */
function uploadProblem(key: string, size: number): CommandResult | undefined {
  const bytes = utf8Length(key);
  if (bytes > KEY_MAX_BYTES) return s3Error('KeyTooLongError', S3_ERRORS.KeyTooLongError, `a key is at most ${KEY_MAX_BYTES} bytes of UTF-8; this one is ${bytes}.`);
  if (size > MAX_PUT_BYTES) return s3Error('EntityTooLarge', S3_ERRORS.EntityTooLarge, `one PUT takes at most ${MAX_PUT_BYTES} bytes (5 GiB); this is ${size}.`);
  return undefined;
}

export function s3PutObject(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ Bucket: string; Key: string; Body?: string; ContentLength?: number }>(raw, {
    params: {
      Bucket: 'string',
      Key: 'string',
      Body: 'string',
      ContentLength: 'integer',
      ContentType: 'string',
      ContentMD5: 'string',
      CacheControl: 'string',
      Metadata: 'map',
      StorageClass: 'string',
      ServerSideEncryption: 'string',
      Tagging: 'string',
      ACL: 'string',
      ExpectedBucketOwner: 'string',
      ChecksumAlgorithm: 'string',
    },
    required: ['Bucket', 'Key'],
  });
  if (!checked.ok) return checked.result;
  const { Bucket, Key, Body, ContentLength } = checked.input;
  if (Key.length === 0) return fail('ParamValidationError', 'Parameter validation failed:\nInvalid length for parameter Key, value: 0, valid min length: 1');
  if (ContentLength !== undefined && ContentLength < 0) return s3Error('InvalidArgument', S3_ERRORS.InvalidArgument, `ContentLength is a number of bytes ≥ 0, not ${ContentLength}.`);
  const found = findBucket(ctx, Bucket);
  if (!found.ok) return found.result;
  const size = Body !== undefined ? utf8Length(Body) : (ContentLength ?? 0);
  const problem = uploadProblem(Key, size);
  if (problem !== undefined) return problem;
  const outcome = uploadObject(ctx, found.bucket, Key, size, 's3:PutObject');
  return ok({ ETag: outcome.ETag });
}

export function simPutObject(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ bucket: string; key: string; sizeBytes?: number }>(raw, {
    params: { bucket: 'string', key: 'string', sizeBytes: 'integer' },
    required: ['bucket', 'key'],
  });
  if (!checked.ok) return checked.result;
  const { bucket: name, key, sizeBytes = DEFAULT_UPLOAD_BYTES } = checked.input;
  if (key.length === 0) return fail('InvalidParameterException', 'key is the object key to upload, e.g. uploads/photo.jpg: 1 to 1024 bytes.');
  if (sizeBytes < 0) return fail('InvalidParameterException', `sizeBytes is the object's size in bytes (≥ 0), not ${sizeBytes}.`);
  const found = findBucket(ctx, name);
  if (!found.ok) return found.result;
  const problem = uploadProblem(key, sizeBytes);
  if (problem !== undefined) return problem;
  const outcome = uploadObject(ctx, found.bucket, key, sizeBytes, 'sim:PutObject');
  return ok({ Bucket: name, Key: key, Size: sizeBytes, ETag: outcome.ETag, sentToEventBridge: outcome.sentToEventBridge, matchingRules: outcome.matchingRules });
}

export function s3ListObjectsV2(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ Bucket: string; Prefix?: string; Delimiter?: string; MaxKeys?: number; StartAfter?: string; ContinuationToken?: string }>(raw, {
    params: {
      Bucket: 'string',
      Prefix: 'string',
      Delimiter: 'string',
      MaxKeys: 'integer',
      StartAfter: 'string',
      ContinuationToken: 'string',
      EncodingType: 'string',
      FetchOwner: 'boolean',
      RequestPayer: 'string',
      ExpectedBucketOwner: 'string',
      OptionalObjectAttributes: 'list',
    },
    required: ['Bucket'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const found = findBucket(ctx, input.Bucket);
  if (!found.ok) return found.result;
  if (input.MaxKeys !== undefined && input.MaxKeys < 0) return s3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', `MaxKeys is 0 to 1000, not ${input.MaxKeys}.`);
  let marker: string | undefined;
  if (input.ContinuationToken !== undefined) {
    marker = decodeToken(input.ContinuationToken);
    if (marker === undefined) return s3Error('InvalidArgument', 'The continuation token provided is incorrect', 'pass the NextContinuationToken of the previous answer unchanged.');
  }
  return ok(listObjects(found.bucket, input, marker));
}
