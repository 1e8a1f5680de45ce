// Scenario text from outside is refused by name when it cannot be had: a non-http URL, an HTTP
// error, an unreachable host, a body over the size limit (declared or streamed), binary or empty
// content; files likewise. A stubbed fetch stands in for the network.
import { describe, expect, it } from 'vitest';
import { fetchScenarioText, isScenarioUrl, readScenarioFile } from '../../../src/lib/authoring/fetch-scenario.ts';

const URL_OK = 'https://courses.example/ecs/spread.yaml';

function respond(body: string | Uint8Array<ArrayBuffer>, init: ResponseInit = {}): typeof fetch {
  return (async () => new Response(body, init)) as typeof fetch;
}

describe('fetchScenarioText', () => {
  it('answers the text of a 200', async () => {
    expect(await fetchScenarioText(URL_OK, { fetchImpl: respond('id: x\n') })).toEqual({ ok: true, text: 'id: x\n', source: URL_OK });
  });

  it('takes only http and https', async () => {
    expect(isScenarioUrl('javascript:alert(1)')).toBe(false);
    expect(isScenarioUrl('file:///etc/passwd')).toBe(false);
    expect(isScenarioUrl('/relative.yaml')).toBe(false);
    const r = await fetchScenarioText('data:text/plain,id: x', { fetchImpl: respond('never') });
    expect(r).toMatchObject({ ok: false, message: 'Could not open data:text/plain,id: x: only http:// and https:// URLs can be opened.' });
  });

  it('names the URL and the HTTP status', async () => {
    const r = await fetchScenarioText(URL_OK, { fetchImpl: respond('nope', { status: 404, statusText: 'Not Found' }) });
    expect(r).toEqual({ ok: false, source: URL_OK, message: `Could not open ${URL_OK}: the server answered HTTP 404 Not Found.` });
  });

  it('says an unreachable host is unreachable', async () => {
    const r = await fetchScenarioText(URL_OK, { fetchImpl: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^Could not open https:\/\/courses\.example\/ecs\/spread\.yaml: the URL is unreachable \(Failed to fetch\)/);
  });

  it('refuses a body over the limit, declared or streamed', async () => {
    const declared = await fetchScenarioText(URL_OK, { maxBytes: 1024, fetchImpl: respond('x', { headers: { 'content-length': '4096' } }) });
    expect(!declared.ok && declared.message).toContain('it is 4 KB, more than the 1 KB a scenario may be');
    const streamed = await fetchScenarioText(URL_OK, { maxBytes: 1024, fetchImpl: respond('y'.repeat(2000)) });
    expect(!streamed.ok && streamed.message).toContain('more than the 1 KB');
  });

  it('refuses binary and empty content', async () => {
    const binary = await fetchScenarioText(URL_OK, { fetchImpl: respond(new Uint8Array([0x50, 0x4b, 0, 1])) });
    expect(!binary.ok && binary.message).toContain('binary');
    const empty = await fetchScenarioText(URL_OK, { fetchImpl: respond('  \n') });
    expect(!empty.ok && empty.message).toContain('empty');
  });

  it('gives up on a URL that does not answer', async () => {
    const hang = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
    const r = await fetchScenarioText(URL_OK, { timeoutMs: 20, fetchImpl: hang });
    expect(!r.ok && r.message).toContain('no answer within 0 s');
  });
});

describe('readScenarioFile', () => {
  const file = (name: string, text: string, size = text.length) => ({ name, size, text: async () => text });

  it('reads a file', async () => {
    expect(await readScenarioFile(file('a.yaml', 'id: a'))).toEqual({ ok: true, text: 'id: a', source: 'a.yaml' });
  });

  it('refuses a big file by name without reading it', async () => {
    const r = await readScenarioFile({ name: 'big.yaml', size: 600 * 1024, text: async () => { throw new Error('read'); } });
    expect(r).toEqual({ ok: false, source: 'big.yaml', message: 'Could not open big.yaml: it is 600 KB, more than the 512 KB a scenario may be.' });
  });
});
