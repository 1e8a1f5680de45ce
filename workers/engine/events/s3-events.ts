/**
 * The EventBridge event Amazon S3 emits when an object is uploaded ("Object Created", source aws.s3),
 * as a pure builder: the caller gives the bucket, key, size, virtual time and the ids (drawn from its
 * own PRNG), so the same inputs always give the same event. Same envelope as events/eventbridge.ts.
 *
 * Shape: Amazon S3 User Guide, "EventBridge event message structure" (ev-events): detail { version "0",
 * bucket { name }, object { key, size, etag, version-id?, sequencer }, request-id, requester,
 * source-ip-address, reason "PutObject" | "POST Object" | "CopyObject" | "CompleteMultipartUpload" },
 * resources [arn:aws:s3:::BUCKET]. The bucket must have EventBridge notifications turned on for S3 to
 * send it (the caller's concern).
 */
import { ACCOUNT_ID, REGION, isoAt } from '../ids/arn.ts';

export type ObjectCreatedReason = 'PutObject' | 'POST Object' | 'CopyObject' | 'CompleteMultipartUpload';

export interface ObjectCreatedInput {
  bucket: string;
  key: string;
  size: number;
  /** 32 hex digits (the MD5 of a single-part upload). */
  etag: string;
  /** Hex string that orders events for one key. */
  sequencer: string;
  requestId: string;
  /** The log sequence number the envelope id is derived from (as eventBridgeEnvelope does). */
  sequence: number;
  virtualMs: number;
  versionId?: string;
  requester?: string;
  sourceIpAddress?: string;
  reason?: ObjectCreatedReason;
}

export interface S3ObjectCreatedEvent {
  version: '0';
  id: string;
  'detail-type': 'Object Created';
  source: 'aws.s3';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    version: '0';
    bucket: { name: string };
    object: { key: string; size: number; etag: string; 'version-id'?: string; sequencer: string };
    'request-id': string;
    requester: string;
    'source-ip-address': string;
    reason: ObjectCreatedReason;
  };
}

/** Sandbox default for the uploader's address (a documentation range, RFC 5737). */
export const SANDBOX_SOURCE_IP = '192.0.2.10';

export function objectCreatedEvent(input: ObjectCreatedInput): S3ObjectCreatedEvent {
  return {
    version: '0',
    id: `00000000-0000-4000-8000-${input.sequence.toString(16).padStart(12, '0')}`,
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: ACCOUNT_ID,
    time: isoAt(input.virtualMs).replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [`arn:aws:s3:::${input.bucket}`],
    detail: {
      version: '0',
      bucket: { name: input.bucket },
      object: {
        key: input.key,
        size: input.size,
        etag: input.etag,
        ...(input.versionId !== undefined ? { 'version-id': input.versionId } : {}),
        sequencer: input.sequencer,
      },
      'request-id': input.requestId,
      requester: input.requester ?? ACCOUNT_ID,
      'source-ip-address': input.sourceIpAddress ?? SANDBOX_SOURCE_IP,
      reason: input.reason ?? 'PutObject',
    },
  };
}

/** The event pattern of a rule on uploads to one bucket, optionally under a key prefix (as the S3 docs write it). */
export function objectCreatedPattern(bucket: string, keyPrefix?: string): Record<string, unknown> {
  return {
    source: ['aws.s3'],
    'detail-type': ['Object Created'],
    detail: {
      bucket: { name: [bucket] },
      ...(keyPrefix !== undefined ? { object: { key: [{ prefix: keyPrefix }] } } : {}),
    },
  };
}
