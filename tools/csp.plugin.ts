/**
 * The built site's Content-Security-Policy, as a `<meta http-equiv>` in dist/index.html, so that it
 * holds on any static host with no server configuration. Build only: Vite's dev server injects an
 * inline client script and evaluates modules in ways a build never does.
 *
 * What a meta policy cannot do (the README's hosting section says what a host may add as headers):
 * - `frame-ancestors` (who may frame the page) is ignored in a meta tag: a host that wants to limit
 *   embedding sends `Content-Security-Policy: frame-ancestors <course origins>` as a header;
 * - it does not reach the workers started from http(s) URLs (their policy comes with the worker
 *   script's response); it does reach data: workers (the sandboxed-iframe fallback), which inherit
 *   the page's policy. The workers run under this same policy when a host sends it as a header
 *   too (test/e2e/csp.test.ts serves it both ways).
 */
import type { Plugin } from 'vite';

/** Directive → sources. Each choice is the smallest the built app needs (checked in the browser by test/e2e/csp.test.ts). */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  // Everything not listed below is refused (frames, media, manifests, prefetch …): the app uses none.
  'default-src': ["'none'"],
  // Only the bundled module scripts: no 'unsafe-eval' (the task definition model uses zod/mini, whose objects never compile validators with new Function: workers/engine/taskdef/model.ts; test/e2e/csp.test.ts would catch a probe),
  // no 'unsafe-inline' (index.html has no inline script; Vite's preload helper adds <link> elements).
  'script-src': ["'self'"],
  // The sandbox worker and Monaco's two workers are bundled files ('self'). data: is for one case
  // only: inside <iframe sandbox="allow-scripts"> (an opaque origin) the Worker constructor refuses
  // every http(s) URL, and src/lib/worker-factory.ts starts a data: module worker whose only code
  // imports the bundled script (still checked against script-src 'self'). Not blob:: Chromium
  // fails module workers from blob: URLs made by an opaque-origin document. A data: worker runs in
  // an opaque origin of its own, and only code already running in the page can create one.
  'worker-src': ["'self'", 'data:'],
  // 'unsafe-inline' for styles (never for scripts), because of Monaco alone: it writes <style>
  // elements at run time (its theme, decorations) and builds its widgets from HTML strings with
  // style="…" attributes. Measured with a policy without it: about a hundred style-src-attr and two
  // style-src-elem violations, all from Monaco's editor.api chunk, and a broken editor. Svelte's
  // style directives and d3's .style() go through the CSSOM (element.style), which CSP does not
  // restrict. Nonces or hashes are impossible on a static host for styles generated at run time,
  // and styles cannot run code.
  'style-src': ["'self'", "'unsafe-inline'"],
  // data: for the page's empty favicon (`<link rel="icon" href="data:,">`) and Monaco's CSS icons.
  'img-src': ["'self'", 'data:'],
  // Monaco's codicon font, bundled.
  'font-src': ["'self'"],
  // 'self': the bundled files. http: and https: for a scenario file the author or the host names by
  // address (`?scenario=<url>`, the bridge's loadScenario {url}; src/lib/embed/options.ts accepts
  // http(s) addresses, e.g. an author's local server at http://127.0.0.1:8000 while writing one).
  // It is fetched as data, size-limited and validated field by field, never executed, and the other
  // origin must allow it by CORS. Leaving out http: would add no protection: once https: is allowed
  // any exfiltration has a channel, and an https page cannot fetch plain http anyway (mixed content,
  // loopback aside). No ws:, data: or blob: fetches. A host that wants no fetch elsewhere at all
  // sends `Content-Security-Policy: connect-src 'self'` as a header (policies only ever tighten).
  'connect-src': ["'self'", 'https:', 'http:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

/** The policy as one header/meta value. */
export function cspValue(directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The meta element, placed before anything it governs: right after `<meta charset>`, else first in <head>. */
export function injectCspMeta(html: string, policy: string = cspValue()): string {
  if (/http-equiv=["']?content-security-policy/i.test(html)) throw new Error('index.html already has a Content-Security-Policy meta');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}" />`;
  const charset = /<meta\s+charset=[^>]*>/i.exec(html);
  if (charset) {
    const end = charset.index + charset[0].length;
    return `${html.slice(0, end)}\n    ${meta}${html.slice(end)}`;
  }
  const head = /<head[^>]*>/i.exec(html);
  if (!head) throw new Error('index.html has no <head> for the Content-Security-Policy meta');
  const end = head.index + head[0].length;
  return `${html.slice(0, end)}\n    ${meta}${html.slice(end)}`;
}

export function cspPlugin(): Plugin {
  return {
    name: 'ecs-sandbox:csp',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => injectCspMeta(html) },
  };
}
