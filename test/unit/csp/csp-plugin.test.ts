import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, cspPlugin, cspValue, injectCspMeta } from '../../../tools/csp.plugin.ts';

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>ECS Sandbox</title>
    <script type="module" crossorigin src="./assets/index-x.js"></script>
  </head>
  <body><div id="app"></div></body>
</html>`;

describe('the Content-Security-Policy', () => {
  it('allows no eval and no inline script, and only the app itself as script', () => {
    const policy = cspValue();
    expect(policy).not.toMatch(/unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'"]);
    expect(policy).toContain("script-src 'self';");
  });

  it('refuses by default and names each thing the app loads', () => {
    expect(CSP_DIRECTIVES).toMatchObject({
      'default-src': ["'none'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'none'"],
      'worker-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
    });
    // 'unsafe-inline' only ever for styles (Monaco), never where it would allow code.
    for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) {
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
    }
    // Scenario files by http(s) address (as the scenario option accepts them), nothing else.
    expect(CSP_DIRECTIVES['connect-src']).toEqual(["'self'", 'https:', 'http:']);
  });

  it('has nothing a meta tag ignores (frame-ancestors, report-uri, sandbox go in headers)', () => {
    for (const name of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) expect(CSP_DIRECTIVES).not.toHaveProperty(name);
  });

  it('is one line of directives separated by "; "', () => {
    expect(cspValue({ a: ['x', 'y'], b: ["'none'"] })).toBe("a x y; b 'none'");
  });
});

describe('injectCspMeta', () => {
  it('puts the meta right after <meta charset>, before every script', () => {
    const html = injectCspMeta(INDEX);
    const meta = `<meta http-equiv="Content-Security-Policy" content="${cspValue()}" />`;
    expect(html).toContain(`<meta charset="UTF-8" />\n    ${meta}\n    <title>`);
    expect(html.indexOf(meta)).toBeLessThan(html.indexOf('<script'));
    expect(html.replace(`\n    ${meta}`, '')).toBe(INDEX);
  });

  it('without a charset meta, goes first in <head>', () => {
    const html = injectCspMeta('<html><head><title>t</title><script src="a.js"></script></head></html>', "default-src 'none'");
    expect(html).toBe(`<html><head>\n    <meta http-equiv="Content-Security-Policy" content="default-src 'none'" /><title>t</title><script src="a.js"></script></head></html>`);
  });

  it('escapes a double quote in the policy, and refuses a page that already has a policy or has no head', () => {
    expect(injectCspMeta('<head></head>', 'a "b"')).toContain('content="a &quot;b&quot;"');
    expect(() => injectCspMeta(injectCspMeta(INDEX))).toThrow(/already has/);
    expect(() => injectCspMeta('<body></body>')).toThrow(/no <head>/);
  });

  it('runs in the build only (the dev server needs inline scripts)', () => {
    const plugin = cspPlugin();
    expect(plugin.apply).toBe('build');
    const hook = plugin.transformIndexHtml as { order: string; handler: (html: string) => string };
    expect(hook.order).toBe('post');
    expect(hook.handler(INDEX)).toContain('http-equiv="Content-Security-Policy"');
  });
});
