/**
 * A run as a link: `?scenario=<id>#run=<base64url of deflate-raw(run)>`, where `run` is the text
 * client.exportRun() gives. Browsers without CompressionStream share it uncompressed as
 * `#runjson=<base64url(run)>`. The fragment never reaches a server. Everything read from a link is
 * untrusted: its size, alphabet, decompressed size and shape are checked here, and the worker's
 * restoreRun checks every command again before replaying.
 */
import { readBytesLimited } from './read-limited.ts';

/** Sandbox limits on what a link may carry (a learner's run compresses to a few hundred bytes). */
export const MAX_FRAGMENT_CHARS = 100_000;
export const MAX_RUN_BYTES = 1_000_000;

export async function shareUrl(base: string, scenarioId: string, run: string): Promise<string> {
  const url = new URL(base);
  url.search = new URLSearchParams({ scenario: scenarioId }).toString();
  const bytes = new TextEncoder().encode(run);
  const compressed = typeof CompressionStream === 'function' ? await transform(bytes, new CompressionStream('deflate-raw')).catch(() => null) : null;
  url.hash = compressed === null ? `runjson=${toBase64Url(bytes)}` : `run=${toBase64Url(compressed)}`;
  return url.href;
}

export type LinkRun = { ok: true; run: string } | { ok: false; message: string };

/** The run a link's fragment carries: null when it carries none. */
export async function runFromHash(hash: string, scenarioId: string): Promise<LinkRun | null> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const compressed = params.get('run');
  const plain = params.get('runjson');
  const encoded = compressed ?? plain;
  if (encoded === null) return null;
  const refuse = (why: string): LinkRun => ({ ok: false, message: `The shared run in this link was not restored: ${why}` });
  if (encoded.length > MAX_FRAGMENT_CHARS) return refuse(`it is longer than ${MAX_FRAGMENT_CHARS} characters.`);
  const bytes = fromBase64Url(encoded);
  if (bytes === null) return refuse('it is not base64url text (was the link cut or edited?).');
  let text: string;
  try {
    const raw = compressed !== null ? await inflateLimited(bytes) : bytes;
    if (raw === null) return refuse(`it unpacks to more than ${MAX_RUN_BYTES / 1_000_000} MB.`);
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return refuse('it could not be unpacked (was the link cut or edited?).');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse('it is not a run exported by the sandbox.');
  }
  const named = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).scenario : undefined;
  if (typeof named !== 'string') return refuse('it does not name its scenario.');
  if (named !== scenarioId) return refuse(`it is a run of scenario "${named.slice(0, 60)}", not of "${scenarioId}".`);
  return { ok: true, run: text };
}

/** The URL without its run fragment (kept in the address bar after the run is restored, so a reload uses saved progress). */
export function withoutRunFragment(href: string): string {
  const url = new URL(href);
  const params = new URLSearchParams(url.hash.replace(/^#/, ''));
  params.delete('run');
  params.delete('runjson');
  const rest = params.toString();
  url.hash = rest === '' ? '' : rest;
  return url.href;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(base64);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Inflate, stopping once the output passes MAX_RUN_BYTES (a zip bomb in a link stops there). */
async function inflateLimited(bytes: Uint8Array): Promise<Uint8Array | null> {
  if (typeof DecompressionStream !== 'function') throw new Error('no DecompressionStream');
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const read = await readBytesLimited(reader, MAX_RUN_BYTES);
  return 'bytes' in read ? read.bytes : null;
}
