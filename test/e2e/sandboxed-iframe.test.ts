// The built app inside <iframe sandbox="allow-scripts"> on a host page from another origin: an
// opaque origin ('null'), where module scripts are fetched in CORS mode, the Worker constructor
// refuses the app's own http(s) URLs (src/lib/worker-factory.ts falls back to a data: module
// worker that imports them) and localStorage throws. The app host sends
// `Access-Control-Allow-Origin: *` on its files, as GitHub Pages does; without it nothing runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { DIST, waitForClusterPaint } from './app.ts';
import { launchChromium } from '../support/browser.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

let browser: Browser;
let app: StaticServer;
let bare: StaticServer;
let host: StaticServer;

const hostPage = (src: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head>` +
  `<body><h1>A course page</h1><iframe sandbox="allow-scripts" title="ECS Sandbox" src="${src}" style="width:1200px;height:800px;border:1px solid #999"></iframe></body></html>`;

beforeAll(async () => {
  // The app at a sub-path, as on a static host; another server without the CORS header.
  app = await serveStatic(DIST, { basePath: '/sandbox/', headers: { 'access-control-allow-origin': '*' } });
  bare = await serveStatic(DIST, { basePath: '/sandbox/' });
  host = await serveStatic(DIST, {
    basePath: '/nothing-here/',
    pages: { '/course.html': hostPage(`${app.origin}/sandbox/`), '/bare.html': hostPage(`${bare.origin}/sandbox/`) },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.close(), bare?.close(), host?.close()]);
});

interface Hosted {
  page: Page;
  frame: Frame;
  problems: string[];
  workers: string[];
}

async function openHost(path: string): Promise<Hosted> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const workers: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(host.origin + path);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (!frame) throw new Error('the host page has no frame');
  return { page, frame, problems, workers };
}

describe('the app in <iframe sandbox="allow-scripts"> from another origin', () => {
  let hosted: Hosted;

  beforeAll(async () => {
    hosted = await openHost('/course.html');
    await waitForClusterPaint(hosted.frame);
  }, 60_000);
  afterAll(async () => {
    await hosted?.page.context().close();
  });

  it('runs in an opaque origin, where localStorage throws and new Worker(url) is refused', async () => {
    const facts = await hosted.frame.evaluate(() => {
      const refused = (f: () => unknown) => {
        try {
          f();
          return 'allowed';
        } catch (e) {
          return (e as Error).name;
        }
      };
      return {
        origin: self.origin,
        storage: refused(() => localStorage),
        worker: refused(() => new Worker(new URL('./assets/nothing.js', location.href), { type: 'module' }).terminate()),
      };
    });
    expect(facts).toEqual({ origin: 'null', storage: 'SecurityError', worker: 'SecurityError' });
  });

  it('paints the cluster, and the sandbox worker (a data: worker importing the script) answers a command', async () => {
    const { frame } = hosted;
    const tiles = () => frame.locator('.tile:not(.exiting)').count();
    const before = await tiles();
    await frame.fill('#command-input', JSON.stringify({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 2, launchType: 'EC2' } }));
    await frame.press('#command-input', 'Enter');
    await frame.waitForSelector('.command-entry pre.json', { state: 'attached', timeout: 20_000 });
    expect(await frame.locator('.command-entry').last().locator('.error').count()).toBe(0);
    expect(JSON.parse((await frame.locator('.command-entry').last().locator('pre.json').textContent()) ?? '{}')).toMatchObject({
      tasks: [expect.anything(), expect.anything()],
    });
    await frame.waitForFunction((n) => document.querySelectorAll('.tile:not(.exiting)').length >= n + 2, before, { timeout: 20_000 });
    expect(hosted.workers.some((u) => u.startsWith('data:text/javascript,') && decodeURIComponent(u).includes('/sandbox/assets/sandbox.worker-'))).toBe(true);
  });

  it('loads Monaco with both its workers: a task definition without memory gets its marker', async () => {
    const { frame } = hosted;
    await frame.waitForFunction(() => window.__ecsSandbox !== undefined, undefined, { timeout: 20_000 });
    await frame.evaluate(() => window.__ecsSandbox!.ready);
    const bad = { family: 'web', containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256 }] };
    await frame.evaluate((t) => window.__ecsSandbox!.setEditorText(t), JSON.stringify(bad, null, 2));
    await frame.click('.editor-panel button:has-text("Register")');
    await frame.waitForFunction(() => window.__ecsSandbox!.getEditorMarkers().some((m) => /memory/.test(m.message)), undefined, { timeout: 15_000 });
    // The JSON worker's own diagnostics: a syntax error is marked.
    await frame.evaluate(() => window.__ecsSandbox!.setEditorText('{\n  "family": "web"\n  "containerDefinitions": []\n}'));
    await frame.waitForFunction(() => window.__ecsSandbox!.getEditorMarkers('json').some((m) => /expected/i.test(m.message)), undefined, { timeout: 15_000 });
    const monacoWorkers = hosted.workers.map((u) => decodeURIComponent(u)).filter((u) => /(editor|json)\.worker-/.test(u));
    expect(monacoWorkers.length).toBeGreaterThanOrEqual(2);
    expect(monacoWorkers.every((u) => u.startsWith('data:text/javascript,import '))).toBe(true);
  });

  it('says once that progress is not kept here, and nothing threw', async () => {
    const notices = hosted.frame.locator('.notice.storage');
    await notices.first().waitFor();
    expect(await notices.count()).toBe(1);
    expect(await notices.textContent()).toMatch(/^\s*Your progress is not saved: /);
    await hosted.page.screenshot({ path: 'test-results/sandboxed-iframe.png' });
    // It floats over the page (no lesson here): the learner can put it away.
    await hosted.frame.getByRole('button', { name: 'Dismiss this notice' }).click();
    expect(await notices.count()).toBe(0);
    expect(hosted.problems).toEqual([]);
  });
});

describe('without Access-Control-Allow-Origin on the app files', () => {
  it('nothing runs: the module scripts are blocked by CORS (this is why the host must send it)', async () => {
    const hosted = await openHost('/bare.html');
    try {
      await hosted.page.waitForTimeout(2000);
      expect(await hosted.frame.evaluate(() => document.documentElement.dataset.clusterPainted ?? 'not painted').catch(() => 'not painted')).toBe('not painted');
      expect(hosted.problems.some((p) => /blocked by CORS policy/.test(p))).toBe(true);
    } finally {
      await hosted.page.context().close();
    }
  });
});
