/** The snapshot's `buckets` (ListBuckets with each bucket's objects), once a bucket has ever been created. */
import type { S3Bucket } from '../../protocol.ts';
import { isoAt } from '../ids/arn.ts';
import { provideCapacitySnapshot, type CapacitySnapshot } from '../snapshot-parts.ts';
import type { EngineState } from '../state.ts';
import { sendsToEventBridge } from './model.ts';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function renderBuckets(state: EngineState): S3Bucket[] | undefined {
  if (state.s3 === undefined) return undefined;
  return [...state.s3.buckets.values()]
    .sort((a, b) => byName(a.name, b.name))
    .map((bucket) => ({
      Name: bucket.name,
      CreationDate: isoAt(bucket.createdMs),
      eventBridgeEnabled: sendsToEventBridge(bucket),
      objects: [...bucket.objects.values()]
        .sort((a, b) => byName(a.key, b.key))
        .map((o) => ({ Key: o.key, Size: o.size, LastModified: isoAt(o.lastModifiedMs), ETag: `"${o.etag}"` })),
    }));
}

// `buckets` is an issue-7 snapshot field the capacity parts' key list does not name yet (snapshot-parts.ts).
provideCapacitySnapshot('s3', (state) => {
  const buckets = renderBuckets(state);
  return (buckets === undefined ? {} : { buckets }) as Partial<CapacitySnapshot>;
});
