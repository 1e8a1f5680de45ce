// Proves the S3 "Object Created" event builder: the envelope and detail as S3 sends them to EventBridge,
// deterministic for the same inputs, and matched by a rule on the bucket and a key prefix (and not by
// another bucket or prefix).
import { describe, expect, it } from 'vitest';
import { objectCreatedEvent, objectCreatedPattern } from '../../../workers/engine/events/s3-events.ts';
import { checkEventPattern, matchesEventPattern } from '../../../workers/engine/events/patterns.ts';

const input = {
  bucket: 'uploads',
  key: 'images/cat.png',
  size: 2048,
  etag: 'b1946ac92492d2347c6235b4d2611184',
  sequencer: '00617F08299329D189',
  requestId: 'N4N7GDK58NMKJ12R',
  sequence: 42,
  virtualMs: 90_000,
};

describe('objectCreatedEvent', () => {
  it('builds the envelope and detail S3 sends', () => {
    expect(objectCreatedEvent(input)).toEqual({
      version: '0',
      id: '00000000-0000-4000-8000-00000000002a',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '123456789012',
      time: '2026-01-01T00:01:30Z',
      region: 'us-east-1',
      resources: ['arn:aws:s3:::uploads'],
      detail: {
        version: '0',
        bucket: { name: 'uploads' },
        object: { key: 'images/cat.png', size: 2048, etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '00617F08299329D189' },
        'request-id': 'N4N7GDK58NMKJ12R',
        requester: '123456789012',
        'source-ip-address': '192.0.2.10',
        reason: 'PutObject',
      },
    });
  });

  it('is deterministic and carries a version id and reason when given', () => {
    expect(objectCreatedEvent(input)).toEqual(objectCreatedEvent({ ...input }));
    const copy = objectCreatedEvent({ ...input, versionId: 'v1', reason: 'CopyObject' });
    expect(copy.detail.object['version-id']).toBe('v1');
    expect(copy.detail.reason).toBe('CopyObject');
  });
});

describe('a rule on the bucket and a key prefix', () => {
  const checked = checkEventPattern(JSON.stringify(objectCreatedPattern('uploads', 'images/')));
  if (!checked.ok) throw new Error(checked.message);
  const pattern = checked.pattern;

  it('matches an upload under the prefix', () => {
    expect(matchesEventPattern(pattern, objectCreatedEvent(input))).toBe(true);
  });

  it('does not match another prefix, another bucket, or another source', () => {
    expect(matchesEventPattern(pattern, objectCreatedEvent({ ...input, key: 'docs/cat.png' }))).toBe(false);
    expect(matchesEventPattern(pattern, objectCreatedEvent({ ...input, bucket: 'other' }))).toBe(false);
    expect(matchesEventPattern(pattern, { ...objectCreatedEvent(input), source: 'aws.ecs' })).toBe(false);
  });

  it('without a prefix matches any key in the bucket', () => {
    const any = checkEventPattern(objectCreatedPattern('uploads'));
    expect(any.ok && matchesEventPattern(any.pattern, objectCreatedEvent({ ...input, key: 'x' }))).toBe(true);
  });
});
