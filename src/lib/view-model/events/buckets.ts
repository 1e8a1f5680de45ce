/**
 * The buckets list of the events panel, as data: each S3 bucket (snapshot.buckets) with whether it
 * sends its events to EventBridge, its newest objects, and the steps its controls send — an upload
 * (sim:PutObject, the learner's upload) and the notification toggle, which keeps whatever else the
 * bucket's notification configuration holds and adds or removes only `EventBridgeConfiguration`
 * (PutBucketNotificationConfiguration replaces the whole configuration, as in AWS).
 */
import type { S3Bucket, Snapshot, Step } from '../../../../workers/protocol.ts';
import { formatVirtualTime } from '../time.ts';
import { virtualMsOf } from '../services.ts';

/** How many objects a bucket card lists (the newest). */
export const OBJECTS_SHOWN = 5;

export interface ObjectRow {
  key: string;
  size: string;
  /** Virtual time of the upload, as the clock shows it. */
  at: string;
}

export interface BucketRow {
  name: string;
  eventBridge: boolean;
  objectCount: number;
  /** The newest OBJECTS_SHOWN objects, newest first. */
  objects: ObjectRow[];
  /** The key the upload box starts with: the first free `uploads/photo-<n>.jpg`. */
  suggestedKey: string;
}

/** Bytes as S3's console shows them: "512 B", "240.0 KB" (1 KB = 1024 B), "1.5 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** `uploads/photo-<n>.jpg` with the smallest n from the object count + 1 that is not a key yet. */
export function suggestedKey(bucket: S3Bucket): string {
  const keys = new Set(bucket.objects.map((o) => o.Key));
  let n = bucket.objects.length + 1;
  while (keys.has(`uploads/photo-${n}.jpg`)) n += 1;
  return `uploads/photo-${n}.jpg`;
}

/** Newest first; uploads in the same millisecond keep S3's (key) order reversed, so the later key leads. */
function newestFirst(bucket: S3Bucket): S3Bucket['objects'] {
  return bucket.objects
    .map((o, i) => ({ o, i, ms: virtualMsOf(o.LastModified) }))
    .sort((a, b) => b.ms - a.ms || b.i - a.i)
    .map((x) => x.o);
}

export function bucketRows(snapshot: Snapshot | null): BucketRow[] {
  return (snapshot?.buckets ?? []).map((bucket) => ({
    name: bucket.Name,
    eventBridge: bucket.eventBridgeEnabled,
    objectCount: bucket.objects.length,
    objects: newestFirst(bucket)
      .slice(0, OBJECTS_SHOWN)
      .map((o) => ({ key: o.Key, size: sizeText(o.Size), at: formatVirtualTime(virtualMsOf(o.LastModified)) })),
    suggestedKey: suggestedKey(bucket),
  }));
}

/** The Upload button: sim:PutObject (1 KiB unless a size is given, the engine's default). */
export function uploadStep(bucket: string, key: string): Step {
  return { 'sim:PutObject': { bucket, key: key.trim() } };
}

/** The step that reads the configuration the toggle starts from. */
export function getNotificationStep(bucket: string): Step {
  return { 's3:GetBucketNotificationConfiguration': { Bucket: bucket } };
}

/** The toggle: the current configuration with EventBridgeConfiguration added ({}) or removed, and nothing else changed. */
export function notificationStep(bucket: string, current: unknown, enable: boolean): Step {
  const config: Record<string, unknown> = current !== null && typeof current === 'object' && !Array.isArray(current) ? { ...(current as Record<string, unknown>) } : {};
  if (enable) config.EventBridgeConfiguration = {};
  else delete config.EventBridgeConfiguration;
  return { 's3:PutBucketNotificationConfiguration': { Bucket: bucket, NotificationConfiguration: config } };
}
