/**
 * Bringing a scenario's text in from outside: a URL (`?scenario=<url>`, the authoring mode's
 * "Open URL") or a file the author picked or dropped. The text is data: it is only ever parsed
 * (by the worker's scenario parser), never executed or injected as HTML. Every failure is a value
 * whose message names the URL or the file, so the page can say what was refused and keep the
 * scenario it has.
 */
import { readBytesLimited } from '../read-limited.ts';

/** Larger than any course scenario (the biggest is ~20 KB) by far, small enough to refuse junk fast. */
export const MAX_SCENARIO_BYTES = 512 * 1024;
/** A URL that does not answer within this is refused (the page keeps its scenario meanwhile). */
export const FETCH_TIMEOUT_MS = 10_000;

export type TextOutcome = { ok: true; text: string; source: string } | { ok: false; source: string; message: string };

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** `https://…` shortened for messages: long query strings should not push the reason off screen. */
export function shownSource(source: string): string {
  return source.length > 120 ? `${source.slice(0, 117)}…` : source;
}

function refused(source: string, why: string): TextOutcome {
  return { ok: false, source, message: `Could not open ${shownSource(source)}: ${why}` };
}

/** Only http and https: no `file:`, `data:`, `javascript:` or relative paths. */
export function isScenarioUrl(url: string): boolean {
  return /^https?:\/\//i.test(url) && URL.canParse(url);
}

/** Reads a body as UTF-8 text, stopping (and refusing) once it passes `maxBytes`. */
async function readLimited(response: Response, maxBytes: number): Promise<{ text: string } | { tooBig: number }> {
  const reader = response.body?.getReader();
  if (!reader) {
    const text = await response.text();
    const size = new TextEncoder().encode(text).length;
    return size > maxBytes ? { tooBig: size } : { text };
  }
  const read = await readBytesLimited(reader, maxBytes);
  return 'tooBig' in read ? read : { text: new TextDecoder('utf-8', { fatal: false }).decode(read.bytes) };
}

/** Refuses text that is plainly not a YAML scenario (binary content) before the parser sees it. */
function checkText(source: string, text: string): TextOutcome {
  if (text.includes('\u0000')) return refused(source, 'the content is binary, not YAML text.');
  if (text.trim() === '') return refused(source, 'the file is empty.');
  return { ok: true, text, source };
}

export async function fetchScenarioText(url: string, options: { maxBytes?: number; timeoutMs?: number; fetchImpl?: typeof fetch } = {}): Promise<TextOutcome> {
  const maxBytes = options.maxBytes ?? MAX_SCENARIO_BYTES;
  if (!isScenarioUrl(url)) return refused(url, 'only http:// and https:// URLs can be opened.');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? FETCH_TIMEOUT_MS);
  try {
    const response = await (options.fetchImpl ?? fetch)(url, { credentials: 'omit', redirect: 'follow', cache: 'no-store', signal: controller.signal });
    if (!response.ok) return refused(url, `the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) return refused(url, `it is ${kib(declared)}, more than the ${kib(maxBytes)} a scenario may be.`);
    const body = await readLimited(response, maxBytes);
    if ('tooBig' in body) return refused(url, `it is more than the ${kib(maxBytes)} a scenario may be.`);
    return checkText(url, body.text);
  } catch (error) {
    if (controller.signal.aborted) return refused(url, `no answer within ${Math.round((options.timeoutMs ?? FETCH_TIMEOUT_MS) / 1000)} s.`);
    // Browsers say only "Failed to fetch" for an unreachable host, a refused connection and a
    // missing CORS header alike: name the likely causes.
    const detail = error instanceof Error ? error.message : String(error);
    return refused(url, `the URL is unreachable (${detail}) — the host may be down, or it does not allow this page to read it (CORS).`);
  } finally {
    clearTimeout(timer);
  }
}

/** A file the author picked or dropped. */
export async function readScenarioFile(file: Pick<File, 'name' | 'size' | 'text'>, maxBytes = MAX_SCENARIO_BYTES): Promise<TextOutcome> {
  if (file.size > maxBytes) return refused(file.name, `it is ${kib(file.size)}, more than the ${kib(maxBytes)} a scenario may be.`);
  try {
    return checkText(file.name, await file.text());
  } catch (error) {
    return refused(file.name, error instanceof Error ? error.message : String(error));
  }
}
