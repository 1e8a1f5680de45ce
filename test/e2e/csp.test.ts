// The built site's Content-Security-Policy (tools/csp.plugin.ts) against the real app in Chromium:
// dist/index.html carries it as a meta; the app paints, its worker answers, Monaco loads and marks
// a bad task definition, the scenario picker opens — and nothing violates the policy.
//
// A meta policy governs the page only (workers started from http(s) URLs take their policy from
// their own response). So the server here also sends the same policy as a header on every file,
// with a report-uri to a collector on another loopback port: the workers then run under it too,
// and a violation inside a worker (where no page listener can see it) arrives as a report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type AppSession, DIST, recordProblems, sendCommand, startSession, waitForClusterPaint, waitForEditor } from './app.ts';
import { CSP_DIRECTIVES, cspValue } from '../../tools/csp.plugin.ts';

let session: AppSession;
let problems: string[];
let page: Page;
let collector: Server;
let collectorOrigin: string;
const reports: string[] = [];
const requests: string[] = [];

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      reports.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((ok) => collector.listen(0, '127.0.0.1', ok));
  const address = collector.address();
  if (address === null || typeof address === 'string') throw new Error('collector has no port');
  collectorOrigin = `http://127.0.0.1:${address.port}`;
  session = await startSession({ headers: { 'content-security-policy': `${cspValue()}; report-uri ${collectorOrigin}/csp` } });
  // Like openPage, but with the recorder installed before the first navigation.
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  problems = recordProblems(page);
  await page.goto(session.server.origin + '/');
  await waitForClusterPaint(page);
});
afterAll(async () => {
  await session?.close();
  await new Promise<void>((ok) => (collector ? collector.close(() => ok()) : ok()));
});

const violations = () => page.evaluate(() => window.__cspViolations ?? ['the recorder did not run']);

describe('the Content-Security-Policy of the built site', () => {
  it('is a meta in dist/index.html, before any script, with no unsafe-eval and no inline script allowed', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(cspValue());
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    expect(meta![1]).not.toContain('unsafe-eval');
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'"]);
    // No inline script in the page it ships.
    expect([...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]!) || m[2]!.trim() !== '')).toEqual([]);
  });

  it('is in force (an inline script is refused), so a clean run below means something', async () => {
    const p = await page.context().newPage();
    try {
      await p.goto(session.server.origin + '/?probe=inline');
      const refused = await p.evaluate(
        () =>
          new Promise<string>((resolve) => {
            document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
            const s = document.createElement('script');
            s.textContent = 'window.__inlineRan = true';
            document.head.append(s);
            setTimeout(() => resolve('no violation'), 2000);
          }),
      );
      expect(refused).toBe('script-src-elem');
      expect(await p.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    } finally {
      await p.close();
    }
  });

  it('the app runs under it with no violation: paint, live worker, Monaco with markers, the scenario picker', async () => {
    // The worker answers.
    expect(await sendCommand(page, { 'ecs:ListClusters': {} })).toMatchObject({ clusterArns: [expect.stringContaining(':cluster/')] });
    // Monaco and both its workers: a task definition without memory is refused with a marker.
    await waitForEditor(page);
    const bad = { family: 'web', containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256 }] };
    await page.evaluate((t) => window.__ecsSandbox!.setEditorText(t), JSON.stringify(bad, null, 2));
    await page.click('.editor-panel button:has-text("Register")');
    await page.waitForSelector('[data-testid="editor-message"].error', { timeout: 10_000 });
    await page.waitForFunction(() => window.__ecsSandbox!.getEditorMarkers().some((m) => /memory/.test(m.message)), undefined, { timeout: 15_000 });
    // The JSON worker's own diagnostics as well: a syntax error is marked.
    await page.evaluate(() => window.__ecsSandbox!.setEditorText('{\n  "family": "web"\n  "containerDefinitions": []\n}'));
    await page.waitForFunction(() => window.__ecsSandbox!.getEditorMarkers('json').some((m) => /expected/i.test(m.message)), undefined, { timeout: 15_000 });
    // The scenario picker (a lazy chunk with its own CSS).
    await page.click('button:has-text("Scenarios")');
    await page.waitForSelector('dialog.picker[open] .entry');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500); // reports are sent asynchronously
    expect(await violations(), 'securitypolicyviolation events in the page').toEqual([]);
    // (The deliberate inline script above reports too, from its own address.)
    expect(reports.filter((r) => !r.includes('probe=inline')), 'violation reports (page or workers)').toEqual([]);
    expect(reports.filter((r) => r.includes('probe=inline')).length, 'the collector receives reports').toBeGreaterThan(0);
    expect(problems, 'console errors, page errors, failed requests').toEqual([]);
  });

  it('makes no third-party request: every request is on the serving origin (or data:)', () => {
    expect(requests.length).toBeGreaterThan(10);
    const elsewhere = requests.filter((u) => !u.startsWith(session.server.origin + '/') && !u.startsWith('data:') && !u.startsWith(collectorOrigin));
    expect(elsewhere).toEqual([]);
  });
});
