// Measures issue 9's figure: "with clickToLoad=1, a page embedding 10 sandboxes loads ≤ 100 KB of
// JavaScript before any click; report it, and the time from click to `ready`."
//
// Two loopback origins, as on a real course page: the built dist/ is served on one, a host page on
// the other embeds 10 sandboxes (`?embed=1&clickToLoad=1&origins=<host>&scenario=<id>`, ten
// different scenarios, eager iframes: the worst case, since `loading="lazy"` would load fewer).
// Before any click: every JavaScript response of the sandbox origin is counted, each time it is
// fetched (no credit for the browser's cache), as gzip -9 of its body (what a static host that
// compresses sends; the raw size is reported beside it). Then one poster is clicked and the time
// until that sandbox posts its `ready` event to the host is taken from the host page's clock, and
// beside it the time until `scenarioLoaded` (its exercise open and live: commands work).
// Each of the 5 runs uses a fresh browser context (empty cache); the medians are reported.
//
// Usage: node bench/click-to-load.mjs [runs]       (build first: npm run build)
// The last stdout line is JSON: {name, median, unit, budget, …}; exit 1 when over budget.
import { gzipSync } from 'node:zlib';
import { browserSupport, median, round1 } from './support.mjs';

const BUDGET_KB = 100;
const FRAMES = 10;
const RUNS = Number(process.argv[2] ?? 5);
const SCENARIOS = [
  'launch-types',
  'task-definitions',
  'tasks-vs-services',
  'ecr',
  'iam-and-secrets',
  'storage',
  'load-balancing',
  'rolling-updates',
  'placement-strategies',
  'target-tracking',
];

const { serveStatic, launchChromium } = await browserSupport();
const sandbox = await serveStatic('dist', { basePath: '/' });

function hostPage(hostOrigin) {
  const frames = SCENARIOS.slice(0, FRAMES)
    .map((id, i) => {
      const src = `${sandbox.origin}/?embed=1&clickToLoad=1&scenario=${id}&origins=${encodeURIComponent(hostOrigin)}`;
      return `<iframe id="f${i}" title="ECS Sandbox ${i + 1}" src="${src}" style="width:720px;height:360px;border:0"></iframe>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head><body><h1>Ten sandboxes</h1>${frames}</body></html>`;
}

// The host page's port is only known once it listens: serve a placeholder, then the real page.
const pages = { '/': '' };
const host = await serveStatic('dist', { basePath: '/__none__/', pages });
pages['/'] = hostPage(host.origin);
const browser = await launchChromium();

async function run() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // The host's listener: when each frame says `ready`, by which frame (matched on its window).
  await page.addInitScript(() => {
    window.__ready = {};
    window.__loaded = {};
    addEventListener('message', (event) => {
      const data = event.data;
      if (data?.source !== 'ecs-sandbox') return;
      const seen = data.type === 'ready' ? window.__ready : data.type === 'scenarioLoaded' ? window.__loaded : null;
      const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === event.source);
      if (seen && frame && seen[frame.id] === undefined) seen[frame.id] = Date.now();
    });
  });
  const scripts = [];
  let clicked = false;
  context.on('response', (response) => {
    if (clicked || !response.url().startsWith(sandbox.origin) || response.request().resourceType() !== 'script') return;
    scripts.push(response.body().then((body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length })));
  });
  await page.goto(`${host.origin}/`);
  await page.waitForLoadState('networkidle');
  const frames = page.frames().filter((f) => f.url().startsWith(sandbox.origin));
  if (frames.length !== FRAMES) throw new Error(`expected ${FRAMES} frames, found ${frames.length}`);
  for (const frame of frames) await frame.getByRole('button', { name: /start/i }).waitFor({ timeout: 20_000 });
  clicked = true;
  const before = await Promise.all(scripts);
  const target = page.frameLocator('#f3');
  const clickAt = Date.now();
  await target.getByRole('button', { name: /start/i }).click();
  await page.waitForFunction(() => window.__ready?.f3 !== undefined, undefined, { timeout: 30_000 });
  const readyMs = (await page.evaluate(() => window.__ready.f3)) - clickAt;
  await page.waitForFunction(() => window.__loaded?.f3 !== undefined, undefined, { timeout: 30_000 });
  const loadedMs = (await page.evaluate(() => window.__loaded.f3)) - clickAt;
  await context.close();
  return {
    gzipKB: before.reduce((n, s) => n + s.gzip, 0) / 1000,
    rawKB: before.reduce((n, s) => n + s.raw, 0) / 1000,
    responses: before.length,
    files: new Set(before.map((s) => new URL(s.url).pathname)).size,
    readyMs,
    loadedMs,
  };
}

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const r = await run();
  runs.push(r);
  console.log(`run ${i + 1}: ${r.responses} script responses (${r.files} files), ${round1(r.gzipKB)} KB gzip (${round1(r.rawKB)} KB raw) before the click; click → ready ${r.readyMs} ms, → scenarioLoaded ${r.loadedMs} ms`);
}
await browser.close();
await sandbox.close();
await host.close();

const kbMedian = round1(median(runs.map((r) => r.gzipKB)));
const result = {
  name: 'click-to-load',
  median: kbMedian,
  unit: 'KB',
  budget: BUDGET_KB,
  rawKB: round1(median(runs.map((r) => r.rawKB))),
  scriptResponses: median(runs.map((r) => r.responses)),
  clickToReadyMs: round1(median(runs.map((r) => r.readyMs))),
  clickToReadyRuns: runs.map((r) => r.readyMs),
  clickToScenarioLoadedMs: round1(median(runs.map((r) => r.loadedMs))),
  detail: `${FRAMES} iframes with clickToLoad=1 on a host page of another origin; every script response before the click counted (gzip -9), fresh context per run; click → the frame's ready event on the host's clock`,
};
console.log(JSON.stringify(result));
process.exit(kbMedian <= BUDGET_KB ? 0 : 1);
