/**
 * ListObjectsV2 over a bucket's objects (S3 API Reference, ListObjectsV2): keys in UTF-8 binary
 * order, Prefix, StartAfter, Delimiter (keys sharing the part up to the delimiter are rolled into one
 * CommonPrefixes entry, which counts as one key toward MaxKeys), MaxKeys (default and maximum 1000 —
 * a larger value returns at most 1000), ContinuationToken (opaque; the sandbox's holds the last key or
 * common prefix returned). Pure.
 */
import type { BucketRecord } from './model.ts';
import { MAX_KEYS_LIMIT } from './messages.ts';
import { isoAt } from '../ids/arn.ts';

export interface ListObjectsInput {
  Prefix?: string;
  Delimiter?: string;
  MaxKeys?: number;
  StartAfter?: string;
  ContinuationToken?: string;
}

const TOKEN_PREFIX = 'sandbox-s3-';

/** Token ↔ the marker it holds (hex of the UTF-16 code units: opaque, reversible, ASCII). */
export function encodeToken(marker: string): string {
  let hex = '';
  for (let i = 0; i < marker.length; i++) hex += marker.charCodeAt(i).toString(16).padStart(4, '0');
  return TOKEN_PREFIX + hex;
}

export function decodeToken(token: string): string | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const hex = token.slice(TOKEN_PREFIX.length);
  if (hex.length % 4 !== 0 || !/^[0-9a-f]*$/.test(hex)) return undefined;
  let out = '';
  for (let i = 0; i < hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** UTF-8 binary order: code point order, which is UTF-16 order except around surrogates (close enough for keys). */
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function listObjects(bucket: BucketRecord, input: ListObjectsInput, marker: string | undefined): Record<string, unknown> {
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter !== undefined && input.Delimiter !== '' ? input.Delimiter : undefined;
  const maxKeys = Math.min(input.MaxKeys ?? MAX_KEYS_LIMIT, MAX_KEYS_LIMIT);
  const after = marker ?? input.StartAfter;
  const keys = [...bucket.objects.keys()].filter((k) => k.startsWith(prefix)).sort(byKey);
  const contents: Record<string, unknown>[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let truncated = false;
  for (const key of keys) {
    if (after !== undefined && (key <= after || (marker !== undefined && delimiter !== undefined && marker.endsWith(delimiter) && key.startsWith(marker)))) continue;
    const rest = key.slice(prefix.length);
    const cut = delimiter === undefined ? -1 : rest.indexOf(delimiter);
    const common = cut >= 0 ? prefix + rest.slice(0, cut + delimiter!.length) : undefined;
    if (common !== undefined && common === commonPrefixes[commonPrefixes.length - 1]) continue;
    if (contents.length + commonPrefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      commonPrefixes.push(common);
      last = common;
    } else {
      const o = bucket.objects.get(key)!;
      contents.push({ Key: o.key, LastModified: isoAt(o.lastModifiedMs), ETag: `"${o.etag}"`, Size: o.size, StorageClass: 'STANDARD' });
      last = key;
    }
  }
  return {
    IsTruncated: truncated,
    ...(contents.length > 0 ? { Contents: contents } : {}),
    Name: bucket.name,
    Prefix: prefix,
    ...(delimiter !== undefined ? { Delimiter: delimiter } : {}),
    MaxKeys: maxKeys,
    ...(commonPrefixes.length > 0 ? { CommonPrefixes: commonPrefixes.map((p) => ({ Prefix: p })) } : {}),
    KeyCount: contents.length + commonPrefixes.length,
    ...(input.ContinuationToken !== undefined ? { ContinuationToken: input.ContinuationToken } : {}),
    ...(truncated && last !== undefined ? { NextContinuationToken: encodeToken(last) } : {}),
    ...(input.StartAfter !== undefined ? { StartAfter: input.StartAfter } : {}),
  };
}
