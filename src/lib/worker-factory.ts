/**
 * Module workers that also start inside `<iframe sandbox="allow-scripts">`.
 *
 * A sandboxed document without allow-same-origin has an opaque origin ('null'), and the Worker
 * constructor refuses every script URL that is not same-origin with it, so every http(s) URL:
 * Chromium throws a SecurityError ("Script at '…' cannot be accessed from origin 'null'"). The
 * fallback starts instead a module worker from a data: URL whose only code is
 * `import "<absolute url of the real worker script>";`. A data: worker is allowed from any document
 * (it gets an opaque origin of its own), and as a module worker it keeps the real worker's
 * semantics: the whole module graph is loaded and run before the worker takes its first message
 * (comlink's requests posted at once are not lost), and a failed load is the worker's error event.
 * Not a blob: URL: Chromium (measured, 150) fails every *module* worker from a blob: URL made by an
 * opaque-origin document, with an error event and no message, even an empty one.
 *
 * The import is a cross-origin module fetch (CORS mode, `Origin: null`): the host must send
 * `Access-Control-Allow-Origin: *` for the assets (GitHub Pages does), as it must anyway for the
 * page's own module scripts in a sandboxed frame. Under the built site's Content-Security-Policy
 * the fallback needs `worker-src data:` (tools/csp.plugin.ts); the imported script is still checked
 * against script-src 'self'.
 *
 * The call site keeps Vite's literal `new Worker(new URL('…', import.meta.url), …)` (or a `?worker`
 * constructor) inside `construct`: that literal is how Vite finds and bundles the worker, and how
 * bench/bundle-size.mjs finds it in dist/. The normal path is that one construction, exactly as
 * before: no extra fetch, no URL kept twice. Only when it is refused is `construct` run a second
 * time, with the global Worker constructor swapped, for the duration of that synchronous call, for
 * one that wraps the URL it is given in the data: importer.
 *
 * Inside the worker `import.meta.url` is the real script's URL, so its relative imports and lazy
 * chunks resolve as usual; only `self.location` is the data: URL (the sandbox worker never reads
 * it; Monaco's two workers run fine so, test/e2e/sandboxed-iframe.test.ts).
 */

/**
 * Runs `construct` (a `new Worker(…)`). If that throws, it is the opaque origin's refusal (the
 * constructor throws nothing else for a valid literal URL): `construct` runs once more with the
 * global Worker swapped, for that synchronous call only, for one that starts the data: importer of
 * the URL it is given. Anything else fails the second time too and is thrown from there.
 */
export function createModuleWorker(construct: () => Worker): Worker {
  try {
    return construct();
  } catch {
    const NativeWorker = Worker;
    globalThis.Worker = function (url: string | URL, options?: WorkerOptions) {
      return new NativeWorker(importerUrl(new URL(url, document.baseURI).href), { ...options, type: 'module' });
    } as unknown as typeof Worker;
    try {
      return construct();
    } finally {
      globalThis.Worker = NativeWorker;
    }
  }
}

/** A data: URL whose module code is `import "<absoluteUrl>";`. */
export function importerUrl(absoluteUrl: string): string {
  return `data:text/javascript,${encodeURIComponent(`import ${JSON.stringify(absoluteUrl)};`)}`;
}
