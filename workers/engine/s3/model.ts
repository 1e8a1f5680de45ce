/**
 * Amazon S3 in the sandbox: general purpose buckets of one account in us-east-1, their objects (key,
 * size, ETag, time — no content is kept), and each bucket's notification configuration, whose
 * `EventBridgeConfiguration: {}` makes S3 send its events to EventBridge (S3 User Guide,
 * EventBridge.html: "you must enable EventBridge on the bucket"; without it S3 sends nothing there).
 * Added to the engine state by module augmentation.
 */
import type { EngineState } from '../state.ts';

export interface S3ObjectRecord {
  key: string;
  size: number;
  /** 32 hex digits (S3 shows it in double quotes). */
  etag: string;
  lastModifiedMs: number;
}

export interface BucketRecord {
  name: string;
  createdMs: number;
  /** As PutBucketNotificationConfiguration gave it ({} when never set), for GetBucketNotificationConfiguration. */
  notification: Record<string, unknown>;
  objects: Map<string, S3ObjectRecord>;
}

export interface S3State {
  buckets: Map<string, BucketRecord>;
  /** Orders the events of every upload (the "sequencer" of S3 events). */
  uploads: number;
}

declare module '../state.ts' {
  interface EngineState {
    /** S3 buckets and objects (s3/, issue 7). */
    s3?: S3State;
  }
}

export function s3Of(state: EngineState): S3State {
  state.s3 ??= { buckets: new Map(), uploads: 0 };
  return state.s3;
}

export const sendsToEventBridge = (bucket: BucketRecord): boolean => bucket.notification.EventBridgeConfiguration !== undefined;

/** Sandbox: the account's canonical user id (ListBuckets' Owner.ID), fixed: 64 hex digits. */
export const CANONICAL_USER_ID = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';

export const bucketArn = (name: string): string => `arn:aws:s3:::${name}`;
