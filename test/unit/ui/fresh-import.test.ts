// A failed dynamic import is tried again with a fresh URL (browsers keep failed imports in their
// module map, so the same import() would reject again without a request).
import { describe, expect, it } from 'vitest';
import { freshImport } from '../../../src/lib/fresh-import.ts';

describe('freshImport', () => {
  it('passes a successful import through pick', async () => {
    const load = freshImport(async () => ({ default: 42 }), (m) => m.default);
    expect(await load()).toBe(42);
  });

  it('after a failure naming the chunk, imports that URL with a retry query (a new request)', async () => {
    const url = 'http://127.0.0.1:1/assets/chunk-abc.js';
    let calls = 0;
    const load = freshImport(async () => {
      calls += 1;
      throw new TypeError(`Failed to fetch dynamically imported module: ${url}`);
    }, (m: unknown) => m);
    await expect(load()).rejects.toThrow(url);
    // The retry goes to the URL itself (Node cannot import http: URLs, so it fails differently), not to the cached import.
    await expect(load()).rejects.not.toThrow('Failed to fetch dynamically imported module');
    expect(calls).toBe(1);
  });

  it('calls the original import again when the error names no URL', async () => {
    let calls = 0;
    const load = freshImport(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return { default: 'ok' };
    }, (m) => m.default);
    await expect(load()).rejects.toThrow('offline');
    expect(await load()).toBe('ok');
    expect(calls).toBe(2);
  });
});
