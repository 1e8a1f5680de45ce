import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createModuleWorker, importerUrl } from '../../../src/lib/worker-factory.ts';

// A stand-in for the browser's Worker: records what it was built with, and refuses http(s) URLs
// when `opaque` is set, as Chromium does in an opaque-origin document.
const made: { url: string; options: WorkerOptions | undefined }[] = [];
let opaque = false;
class FakeWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    const href = String(url);
    const resolved = new URL(href, (globalThis as unknown as { document: { baseURI: string } }).document.baseURI).href;
    if (opaque && /^https?:/.test(resolved)) throw Object.assign(new Error(`Script at '${href}' cannot be accessed from origin 'null'.`), { name: 'SecurityError' });
    made.push({ url: href, options });
  }
}

const g = globalThis as unknown as { Worker?: unknown; document?: unknown };
let saved: { Worker: unknown; document: unknown };
beforeEach(() => {
  saved = { Worker: g.Worker, document: g.document };
  g.Worker = FakeWorker;
  g.document = { baseURI: 'http://127.0.0.1:8080/course/sandbox/index.html' };
  made.length = 0;
  opaque = false;
});
afterEach(() => {
  g.Worker = saved.Worker;
  g.document = saved.document;
});

// What a call site looks like: Vite's literal, reading the global Worker when it runs.
const construct = () => new (globalThis.Worker as unknown as typeof Worker)(new URL('./assets/sandbox.worker-abc.js', 'http://127.0.0.1:8080/course/sandbox/'), { type: 'module', name: 'ecs-sandbox' });

describe('createModuleWorker', () => {
  it('is the normal construction, once, when it is allowed', () => {
    createModuleWorker(construct);
    expect(made).toEqual([{ url: 'http://127.0.0.1:8080/course/sandbox/assets/sandbox.worker-abc.js', options: { type: 'module', name: 'ecs-sandbox' } }]);
  });

  it('when refused (opaque origin), starts a data: module worker that imports the same absolute URL, with the same name', () => {
    opaque = true;
    createModuleWorker(construct);
    expect(made).toHaveLength(1);
    expect(made[0]!.options).toEqual({ type: 'module', name: 'ecs-sandbox' });
    expect(made[0]!.url).toBe(importerUrl('http://127.0.0.1:8080/course/sandbox/assets/sandbox.worker-abc.js'));
    expect(decodeURIComponent(made[0]!.url)).toBe('data:text/javascript,import "http://127.0.0.1:8080/course/sandbox/assets/sandbox.worker-abc.js";');
  });

  it('resolves a relative URL against the document, and forces a module worker (the importer is a module)', () => {
    opaque = true;
    createModuleWorker(() => new (globalThis.Worker as unknown as typeof Worker)('assets/json.worker-x.js'));
    expect(decodeURIComponent(made[0]!.url)).toBe('data:text/javascript,import "http://127.0.0.1:8080/course/sandbox/assets/json.worker-x.js";');
    expect(made[0]!.options).toEqual({ type: 'module' });
  });

  it('puts the real Worker back, also when the retry throws', () => {
    opaque = true;
    createModuleWorker(construct);
    expect(g.Worker).toBe(FakeWorker);
    let calls = 0;
    expect(() =>
      createModuleWorker(() => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('refused'), { name: 'SecurityError' });
        throw new Error('second failure');
      }),
    ).toThrow('second failure');
    expect(g.Worker).toBe(FakeWorker);
  });

  it('a failure that is not the refusal fails the retry too, and that error is thrown', () => {
    let calls = 0;
    expect(() =>
      createModuleWorker(() => {
        calls++;
        throw new TypeError(`bad options ${calls}`);
      }),
    ).toThrow('bad options 2');
    expect(calls).toBe(2);
    expect(g.Worker).toBe(FakeWorker);
  });

  it('writes the URL as a string literal the importer cannot break out of', () => {
    const url = 'http://h/a";postMessage(1);"';
    expect(decodeURIComponent(importerUrl(url))).toBe(`data:text/javascript,import ${JSON.stringify(url)};`);
  });
});
