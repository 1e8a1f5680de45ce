// The S3 actions event-driven tasks need, with S3's answers and errors: bucket names, NoSuchBucket,
// BucketNotEmpty, re-creating an owned bucket in us-east-1 (200 OK), the notification configuration,
// uploads and ListObjectsV2 paging — and every refusal leaving the sandbox byte-identical.
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { engineWith, err, ok } from '../events/event-fixtures.ts';

function expectRefused(engine: SandboxEngine, step: Step, code: string, message: string | RegExp): void {
  const before = JSON.stringify(engine.snapshot());
  const timer = engine.nextTimerAt();
  const error = err(engine.dispatch(step));
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(JSON.stringify(engine.snapshot())).toBe(before);
  expect(engine.nextTimerAt()).toBe(timer);
}

const withBucket = (): SandboxEngine => engineWith([{ 's3:CreateBucket': { Bucket: 'uploads' } }]);

describe('S3 buckets', () => {
  it('CreateBucket answers the Location; ListBuckets lists by name; the snapshot shows the buckets', () => {
    const engine = engineWith([]);
    expect(engine.snapshot().buckets).toBeUndefined();
    expect(ok(engine.dispatch({ 's3:CreateBucket': { Bucket: 'zeta-logs' } }))).toEqual({ Location: '/zeta-logs' });
    ok(engine.dispatch({ 's3:CreateBucket': { Bucket: 'alpha.data-1' } }));
    const list = ok(engine.dispatch({ 's3:ListBuckets': {} }));
    expect(list.Buckets.map((b: { Name: string }) => b.Name)).toEqual(['alpha.data-1', 'zeta-logs']);
    expect(list.Buckets[0]).toEqual({ Name: 'alpha.data-1', CreationDate: '2026-01-01T00:00:00.000Z', BucketRegion: 'us-east-1' });
    expect(list.Owner.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(engine.snapshot().buckets).toEqual([
      { Name: 'alpha.data-1', CreationDate: '2026-01-01T00:00:00.000Z', eventBridgeEnabled: false, objects: [] },
      { Name: 'zeta-logs', CreationDate: '2026-01-01T00:00:00.000Z', eventBridgeEnabled: false, objects: [] },
    ]);
  });

  it.each([
    ['ab', /3 to 63 characters/],
    ['a'.repeat(64), /3 to 63 characters/],
    ['My-Bucket', /only lowercase letters/],
    ['my_bucket', /only lowercase letters/],
    ['-bucket', /begins and ends with a letter or a number/],
    ['bucket.', /begins and ends/],
    ['my..bucket', /no two adjacent dots/],
    ['192.168.5.4', /IP address/],
    ['xn--bucket', /reserved prefix "xn--"/],
    ['sthree-data', /reserved prefix "sthree-"/],
    ['data-s3alias', /reserved suffix "-s3alias"/],
    ['data--ol-s3', /reserved suffix "--ol-s3"/],
  ])('CreateBucket %s → InvalidBucketName', (name, why) => {
    const engine = withBucket();
    expectRefused(engine, { 's3:CreateBucket': { Bucket: name } }, 'InvalidBucketName', new RegExp(`^The specified bucket is not valid\\. \\(Sandbox: .*${why.source}`));
  });

  it('re-creating a bucket you own in us-east-1 answers 200 OK and changes nothing (AWS legacy behaviour)', () => {
    const engine = withBucket();
    ok(engine.dispatch({ 's3:PutObject': { Bucket: 'uploads', Key: 'a', Body: 'x' } }));
    expect(ok(engine.dispatch({ 's3:CreateBucket': { Bucket: 'uploads' } }))).toEqual({ Location: '/uploads' });
    expect(engine.snapshot().buckets![0]!.objects).toHaveLength(1);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/in us-east-1 S3 answers 200 OK for legacy compatibility .* BucketAlreadyOwnedByYou/);
  });

  it('a LocationConstraint other than the sandbox Region is refused', () => {
    const engine = withBucket();
    expectRefused(engine, { 's3:CreateBucket': { Bucket: 'eu-data', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } } }, 'IllegalLocationConstraintException', /^The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to\./);
    expectRefused(engine, { 's3:CreateBucket': { Bucket: 'us-data', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' } } }, 'InvalidLocationConstraint', /^The specified location-constraint is not valid/);
  });

  it('DeleteBucket: BucketNotEmpty while objects remain, NoSuchBucket for a missing one, then deletes', () => {
    const engine = withBucket();
    ok(engine.dispatch({ 'sim:PutObject': { bucket: 'uploads', key: 'k' } }));
    expectRefused(engine, { 's3:DeleteBucket': { Bucket: 'uploads' } }, 'BucketNotEmpty', 'The bucket you tried to delete is not empty (Sandbox: uploads holds 1 object(s); S3 deletes only empty buckets.)');
    expectRefused(engine, { 's3:DeleteBucket': { Bucket: 'nope' } }, 'NoSuchBucket', 'The specified bucket does not exist (Sandbox: there is no bucket "nope"; the buckets are uploads.)');
    const empty = engineWith([{ 's3:CreateBucket': { Bucket: 'empty' } }]);
    expect(ok(empty.dispatch({ 's3:DeleteBucket': { Bucket: 'empty' } }))).toEqual({});
    expect(empty.snapshot().buckets).toEqual([]);
  });
});

describe('notification configuration', () => {
  it('EventBridgeConfiguration turns delivery to EventBridge on; an empty configuration turns it off', () => {
    const engine = withBucket();
    expect(ok(engine.dispatch({ 's3:GetBucketNotificationConfiguration': { Bucket: 'uploads' } }))).toEqual({});
    ok(engine.dispatch({ 's3:PutBucketNotificationConfiguration': { Bucket: 'uploads', NotificationConfiguration: { EventBridgeConfiguration: {} } } }));
    expect(ok(engine.dispatch({ 's3:GetBucketNotificationConfiguration': { Bucket: 'uploads' } }))).toEqual({ EventBridgeConfiguration: {} });
    expect(engine.snapshot().buckets![0]!.eventBridgeEnabled).toBe(true);
    ok(engine.dispatch({ 's3:PutBucketNotificationConfiguration': { Bucket: 'uploads', NotificationConfiguration: {} } }));
    expect(engine.snapshot().buckets![0]!.eventBridgeEnabled).toBe(false);
  });

  it('malformed configurations are refused with MalformedXML', () => {
    const engine = withBucket();
    const malformed = /^The XML you provided was not well-formed or did not validate against our published schema \(Sandbox: /;
    expectRefused(engine, { 's3:PutBucketNotificationConfiguration': { Bucket: 'uploads', NotificationConfiguration: { EventBridge: {} } } }, 'MalformedXML', malformed);
    expectRefused(engine, { 's3:PutBucketNotificationConfiguration': { Bucket: 'uploads', NotificationConfiguration: { EventBridgeConfiguration: { On: true } } } }, 'MalformedXML', malformed);
    expectRefused(engine, { 's3:PutBucketNotificationConfiguration': { Bucket: 'uploads', NotificationConfiguration: { QueueConfigurations: [{ QueueArn: 'arn:aws:sqs:us-east-1:123456789012:q', Events: ['ObjectCreated'] }] } } }, 'MalformedXML', malformed);
    expectRefused(engine, { 's3:GetBucketNotificationConfiguration': { Bucket: 'nope' } }, 'NoSuchBucket', /^The specified bucket does not exist/);
  });
});

describe('uploads and ListObjectsV2', () => {
  it('PutObject stores the object with its byte size and answers an ETag; the same key replaces it', () => {
    const engine = withBucket();
    const put = ok(engine.dispatch({ 's3:PutObject': { Bucket: 'uploads', Key: 'notes/é.txt', Body: 'héllo' } }));
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(engine.snapshot().buckets![0]!.objects).toEqual([{ Key: 'notes/é.txt', Size: 6, LastModified: '2026-01-01T00:00:00.000Z', ETag: put.ETag }]);
    engine.advance(5_000);
    ok(engine.dispatch({ 'sim:PutObject': { bucket: 'uploads', key: 'notes/é.txt', sizeBytes: 10 } }));
    expect(engine.snapshot().buckets![0]!.objects).toMatchObject([{ Key: 'notes/é.txt', Size: 10, LastModified: '2026-01-01T00:00:05.000Z' }]);
  });

  it('uploads are refused for a missing bucket, a key over 1024 bytes, a size over 5 GiB', () => {
    const engine = withBucket();
    expectRefused(engine, { 'sim:PutObject': { bucket: 'nope', key: 'k' } }, 'NoSuchBucket', /^The specified bucket does not exist/);
    expectRefused(engine, { 's3:PutObject': { Bucket: 'uploads', Key: 'k'.repeat(1025) } }, 'KeyTooLongError', /^Your key is too long \(Sandbox: a key is at most 1024 bytes of UTF-8; this one is 1025\.\)$/);
    expectRefused(engine, { 'sim:PutObject': { bucket: 'uploads', key: 'big', sizeBytes: 6 * 1024 ** 3 } }, 'EntityTooLarge', /^Your proposed upload exceeds the maximum allowed size/);
    expectRefused(engine, { 'sim:PutObject': { bucket: 'uploads', key: 'neg', sizeBytes: -1 } }, 'InvalidParameterException', /sizeBytes/);
    expectRefused(engine, { 's3:PutObject': { Bucket: 'uploads', Key: '' } }, 'ParamValidationError', /Invalid length for parameter Key/);
  });

  it('ListObjectsV2 lists by key with Prefix, MaxKeys and continuation tokens, and Delimiter common prefixes', () => {
    const keys = ['b/2.txt', 'a/1.txt', 'a/2.txt', 'c.txt', 'a/sub/3.txt', 'b/1.txt'];
    const engine = engineWith([{ 's3:CreateBucket': { Bucket: 'uploads' } }, ...keys.map((key) => ({ 'sim:PutObject': { bucket: 'uploads', key, sizeBytes: 1 } }))]);
    const all = ok(engine.dispatch({ 's3:ListObjectsV2': { Bucket: 'uploads' } }));
    expect(all.Contents.map((c: { Key: string }) => c.Key)).toEqual(['a/1.txt', 'a/2.txt', 'a/sub/3.txt', 'b/1.txt', 'b/2.txt', 'c.txt']);
    expect(all).toMatchObject({ IsTruncated: false, KeyCount: 6, MaxKeys: 1000, Name: 'uploads', Prefix: '' });
    expect(all.Contents[0]).toMatchObject({ StorageClass: 'STANDARD', Size: 1 });

    const page1 = ok(engine.dispatch({ 's3:ListObjectsV2': { Bucket: 'uploads', Prefix: 'a/', MaxKeys: 2 } }));
    expect(page1.Contents.map((c: { Key: string }) => c.Key)).toEqual(['a/1.txt', 'a/2.txt']);
    expect(page1.IsTruncated).toBe(true);
    const page2 = ok(engine.dispatch({ 's3:ListObjectsV2': { Bucket: 'uploads', Prefix: 'a/', MaxKeys: 2, ContinuationToken: page1.NextContinuationToken } }));
    expect(page2.Contents.map((c: { Key: string }) => c.Key)).toEqual(['a/sub/3.txt']);
    expect(page2).toMatchObject({ IsTruncated: false, ContinuationToken: page1.NextContinuationToken });

    const folders = ok(engine.dispatch({ 's3:ListObjectsV2': { Bucket: 'uploads', Delimiter: '/', MaxKeys: 2 } }));
    expect(folders.CommonPrefixes).toEqual([{ Prefix: 'a/' }, { Prefix: 'b/' }]);
    expect(folders.Contents).toBeUndefined();
    const rest = ok(engine.dispatch({ 's3:ListObjectsV2': { Bucket: 'uploads', Delimiter: '/', ContinuationToken: folders.NextContinuationToken } }));
    expect(rest.Contents.map((c: { Key: string }) => c.Key)).toEqual(['c.txt']);
    expect(rest.CommonPrefixes).toBeUndefined();
    expect(ok(engine.dispatch({ 's3:ListObjectsV2': { Bucket: 'uploads', StartAfter: 'b/1.txt' } })).Contents.map((c: { Key: string }) => c.Key)).toEqual(['b/2.txt', 'c.txt']);

    expectRefused(engine, { 's3:ListObjectsV2': { Bucket: 'uploads', ContinuationToken: 'garbage' } }, 'InvalidArgument', /^The continuation token provided is incorrect/);
    expectRefused(engine, { 's3:ListObjectsV2': { Bucket: 'uploads', MaxKeys: -1 } }, 'InvalidArgument', /max-keys/);
  });
});
