// Share links: a run survives the trip through deflate-raw and base64url (and the uncompressed
// fallback); a link that is cut, edited, of another scenario, or a zip bomb is refused with a sentence.
import { describe, expect, it } from 'vitest';
import { fromBase64Url, MAX_RUN_BYTES, runFromHash, shareUrl, toBase64Url, withoutRunFragment } from '../../../src/lib/share.ts';

const RUN = JSON.stringify({ v: 1, scenario: 'launch-types', seed: 7, end: 90_000, steps: [[1000, { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', launchType: 'FARGATE' } }]] });

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(out).arrayBuffer());
}

describe('share links', () => {
  it('round-trips a run through the link', async () => {
    const href = await shareUrl('https://learn.example/ecs/?scenario=old#x', 'launch-types', RUN);
    const url = new URL(href);
    expect(url.pathname).toBe('/ecs/');
    expect(url.search).toBe('?scenario=launch-types');
    expect(url.hash).toMatch(/^#run=[A-Za-z0-9_-]+$/);
    expect(await runFromHash(url.hash, 'launch-types')).toEqual({ ok: true, run: RUN });
  });

  it('reads the uncompressed fallback', async () => {
    const hash = `#runjson=${toBase64Url(new TextEncoder().encode(RUN))}`;
    expect(await runFromHash(hash, 'launch-types')).toEqual({ ok: true, run: RUN });
  });

  it('a fragment without a run is nothing to restore', async () => {
    expect(await runFromHash('', 'launch-types')).toBeNull();
    expect(await runFromHash('#step-2', 'launch-types')).toBeNull();
  });

  it.each([
    ['#run=not*base64', /not base64url/],
    ['#run=AAAA', /could not be unpacked/],
    [`#runjson=${toBase64Url(new TextEncoder().encode('hello'))}`, /not a run exported/],
    [`#runjson=${toBase64Url(new TextEncoder().encode('{"v":1}'))}`, /does not name its scenario/],
    [`#run=${'A'.repeat(100_004)}`, /longer than/],
  ])('refuses %s', async (hash, message) => {
    const result = await runFromHash(hash, 'launch-types');
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.message).toMatch(message);
  });

  it('refuses a run of another scenario', async () => {
    const href = await shareUrl('https://x.example/', 'placement', RUN.replace('launch-types', 'placement'));
    const result = await runFromHash(new URL(href).hash, 'launch-types');
    expect(result).toEqual({ ok: false, message: 'The shared run in this link was not restored: it is a run of scenario "placement", not of "launch-types".' });
  });

  it('stops unpacking a zip bomb at the limit', async () => {
    const bomb = await deflate(new Uint8Array(MAX_RUN_BYTES + 10).fill(32));
    expect(bomb.length).toBeLessThan(5000);
    const result = await runFromHash(`#run=${toBase64Url(bomb)}`, 'launch-types');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/unpacks to more than 1 MB/) });
  });

  it('base64url round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });

  it('drops the run from the address, keeping the rest', () => {
    expect(withoutRunFragment('https://x.example/?scenario=a#run=abc')).toBe('https://x.example/?scenario=a');
    expect(withoutRunFragment('https://x.example/?scenario=a#run=abc&other=1')).toBe('https://x.example/?scenario=a#other=1');
  });
});
