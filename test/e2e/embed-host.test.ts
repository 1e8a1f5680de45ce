// The host helper across two origins: dist/ (the sandbox, under /ecs/) is served on one loopback
// port and the demo course page (dist/examples/host.html, with its own copy of embed.js) on another,
// so every message crosses origins. The demo mounts two sandboxes with embed.js; both complete the
// handshake (`ready`), each frame takes its content's height from `resize`, getState answers a state,
// the event lists fill, and a message from any window but the frame's moves nothing. A second page
// loads embed.js from the sandbox's site and mounts without `origin`: the default is where the script
// came from. Against a stub sandbox that speaks protocol version 1 (independent of the app), the
// helper's own rules are checked: replies by id, the sandbox's refusal sentence, state kept in the
// host page's localStorage and restored after a reload, Canvas's duplicate resize and malformed
// messages ignored, and the same with sandbox="allow-scripts" (opaque origin).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { DIST } from './app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCENARIOS = ['launch-types', 'placement-strategies'];

/** A course page that loads embed.js from the sandbox's own site and gives no origin. */
const defaultOriginPage = (sandboxOrigin: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head>
<body><h1>Lesson</h1><div id="lab"></div>
<script src="${sandboxOrigin}/ecs/embed.js"></script>
<script>
  window.events = [];
  window.lab = EcsSandbox.mount(document.getElementById('lab'), { scenario: 'launch-types', onEvent: (e) => window.events.push(e.type) });
  window.lab.ready.then(() => { document.body.dataset.ready = '1'; });
</script></body></html>`;

/**
 * A stand-in sandbox at /stub/: posts ready, scenarioLoaded, Canvas's lti.frameResize, a malformed
 * resize and a real one, and a completed with a statement; answers getState, setState and play
 * (which changes the state and posts stateChanged), refuses anything else. It records the commands.
 */
const STUB_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Stub sandbox</title></head>
<body><p>stub</p><script>
  const params = new URLSearchParams(location.search);
  const host = params.get('origins');
  window.received = [];
  const scenario = params.get('scenario');
  let state = { v: 1, scenarioId: scenario, run: '{"commands":[]}' };
  // late=1: the scenario opens 300 ms after ready (a setState before then is refused, as the app does).
  let open = params.get('late') === '1' ? null : scenario;
  const post = (m) => parent.postMessage({ source: 'ecs-sandbox', version: 1, ...m }, host);
  addEventListener('message', (e) => {
    if (e.origin !== host || e.source !== parent) return;
    const d = e.data;
    window.received.push({ type: d.type, payload: d.payload });
    if (d.type === 'getState') post({ type: 'reply', id: d.id, payload: { state } });
    else if (d.type === 'setState') {
      if (d.payload.state.v !== 1) post({ type: 'error', id: d.id, payload: { code: 'wrongState', message: 'another version' } });
      else if (d.payload.state.scenarioId !== open) post({ type: 'error', id: d.id, payload: { code: 'wrongState', message: 'another scenario' } });
      else { state = d.payload.state; post({ type: 'reply', id: d.id, payload: {} }); }
    } else if (d.type === 'play') {
      state = { ...state, run: '{"commands":["played"]}' };
      post({ type: 'reply', id: d.id, payload: {} });
      post({ type: 'stateChanged', payload: { state } });
    } else post({ type: 'error', id: d.id, payload: { code: 'unknownCommand', message: d.type + ' is not a command of this stub.' } });
  });
  post({ type: 'ready', payload: { commands: ['getState', 'setState', 'play'] } });
  const opened = () => { open = scenario; post({ type: 'scenarioLoaded', payload: { id: scenario } }); };
  if (open === null) setTimeout(opened, 300); else opened();
  parent.postMessage({ subject: 'lti.frameResize', height: 5 }, host);
  parent.postMessage({ source: 'ecs-sandbox', version: 2, type: 'resize', payload: { height: 300 } }, host);
  post({ type: 'resize', payload: { height: 777 } });
  post({ type: 'completed', payload: { score: 1, max: 1, attempts: 1, durationMs: 10, statement: { verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } } } });
</script></body></html>`;

/**
 * A course page (on the host server, with its embed.js) mounting the stub. Its query: `sandboxed=1`
 * adds sandbox="allow-scripts"; `late=1` is passed to the stub; `preset=<v>` stores a played state
 * of version v under the persist key before mounting.
 */
const stubHostPage = (sandboxOrigin: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head>
<body><div id="lab"></div>
<script src="/embed.js"></script>
<script>
  window.events = [];
  const query = new URLSearchParams(location.search);
  if (query.has('preset')) localStorage.setItem('lab-1', JSON.stringify({ v: Number(query.get('preset')), scenarioId: 'launch-types', run: '{"commands":["preset"]}' }));
  window.lab = EcsSandbox.mount(document.getElementById('lab'), {
    origin: '${sandboxOrigin}/stub/', scenario: 'launch-types', persist: { key: 'lab-1' }, loading: 'eager',
    sandboxed: query.get('sandboxed') === '1', params: { late: query.get('late') },
    onEvent: (e) => window.events.push(e.statement ? e.type + ':' + e.statement.verb.id.split('/').pop() : e.type),
  });
  window.lab.ready.then(() => { document.body.dataset.ready = '1'; });
</script></body></html>`;

/** A course page mounting the real sandbox in `<iframe sandbox="allow-scripts">`. */
const sandboxedPage = (sandboxOrigin: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head>
<body><div id="lab"></div>
<script src="/embed.js"></script>
<script>
  window.events = [];
  window.lab = EcsSandbox.mount(document.getElementById('lab'), {
    origin: '${sandboxOrigin}/ecs/', scenario: 'launch-types', sandboxed: true, loading: 'eager', onEvent: (e) => window.events.push(e.type),
  });
  window.lab.ready.then(() => { document.body.dataset.ready = '1'; });
</script></body></html>`;

let sandbox: StaticServer;
/** The sandbox again, sending Access-Control-Allow-Origin: * as GitHub Pages does: an opaque-origin frame loads its module scripts only with it. */
let corsSandbox: StaticServer;
let host: StaticServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  sandbox = await serveStatic(DIST, { basePath: '/ecs/', pages: { '/stub/': STUB_PAGE } });
  corsSandbox = await serveStatic(DIST, { basePath: '/ecs/', headers: { 'access-control-allow-origin': '*' } });
  host = await serveStatic(DIST, {
    pages: { '/course.html': defaultOriginPage(sandbox.origin), '/stub-course.html': stubHostPage(sandbox.origin), '/sandboxed-course.html': sandboxedPage(corsSandbox.origin) },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await corsSandbox?.close();
  await host?.close();
});

async function openPage(path: string): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(host.origin + path);
  return { page, problems, close: () => context.close() };
}

/** The frame's height in the host page and its document's own height, in CSS pixels. */
async function heights(page: Page, index: number): Promise<{ frame: number; content: number }> {
  const handle = (await page.$$('iframe'))[index]!;
  const frame = (await handle.contentFrame())!;
  const outer = await handle.evaluate((el) => el.getBoundingClientRect().height);
  const content = await frame.evaluate(() => document.documentElement.scrollHeight);
  return { frame: Math.round(outer), content };
}

describe('embed.js on a course page of another origin', () => {
  it('mounts two sandboxes from the demo page: handshake, resize, getState, live events', async () => {
    const { page, problems, close } = await openPage(`/examples/host.html?sandbox=${encodeURIComponent(`${sandbox.origin}/ecs/`)}`);
    const srcs = await page.$$eval('iframe', (frames) => frames.map((f) => f.getAttribute('src') ?? ''));
    expect(srcs).toHaveLength(2);
    for (const [i, src] of srcs.entries()) {
      const url = new URL(src);
      expect(url.origin + url.pathname).toBe(`${sandbox.origin}/ecs/`);
      expect(url.searchParams.get('origins')).toBe(host.origin);
      expect(url.searchParams.get('scenario')).toBe(SCENARIOS[i]);
    }

    // Handshake: both sandboxes post `ready` to this origin.
    await page.waitForSelector('.lab[data-ready="1"] ~ .lab[data-ready="1"]', { timeout: 40_000 });
    for (const scenario of SCENARIOS) {
      expect(await page.locator(`.lab[data-scenario="${scenario}"] .events li[data-type="ready"]`).count()).toBe(1);
      // ready comes as soon as the sandbox listens; its scenario opens just after.
      await page.waitForSelector(`.lab[data-scenario="${scenario}"] .events li[data-type="scenarioLoaded"]`, { timeout: 20_000 });
    }

    // Resize: each frame leaves its initial 480 px for its content's height, cut by nothing.
    for (const index of [0, 1]) {
      await page.waitForFunction((i) => document.querySelectorAll('.lab')[i]!.querySelector('.events li[data-type="resize"]') !== null, index, { timeout: 20_000 });
      await expect.poll(async () => {
        const { frame, content } = await heights(page, index);
        return frame !== 480 && Math.abs(frame - content) <= 2;
      }, { timeout: 10_000 }).toBe(true);
    }

    // getState answers the open scenario's state, through the helper and through the demo's button.
    const state = await page.evaluate(() => (window as unknown as { demoLabs: Record<string, { getState(): Promise<unknown> }> }).demoLabs['launch-types']!.getState());
    const held = (state as { state?: unknown }).state ?? state;
    expect(held).toMatchObject({ v: 1, scenarioId: 'launch-types' });
    expect(typeof (held as { run: unknown }).run).toBe('string');
    await page.locator('.lab[data-scenario="placement-strategies"] button', { hasText: 'Get state' }).click();
    await expect.poll(() => page.locator('.lab[data-scenario="placement-strategies"] .state').textContent()).toMatch(/scenario placement-strategies, version 1, run of \d+ characters/);

    // A message that looks like the sandbox's but comes from another window (here, the page itself) is ignored.
    const before = await heights(page, 0);
    await page.evaluate(() => window.postMessage({ source: 'ecs-sandbox', version: 1, type: 'resize', payload: { height: 150 } }, '*'));
    await page.waitForTimeout(300);
    expect((await heights(page, 0)).frame).toBe(before.frame);

    await page.screenshot({ path: `${ROOT}test-results/embed-host.png`, fullPage: true });

    // persist: the learner's work (a command run in the first lab) reaches this page's localStorage
    // through stateChanged, and after a reload the helper restores it into the fresh sandbox.
    const frame = (await (await page.$$('iframe'))[0]!.contentFrame())!;
    await frame.fill('#command-input', 'wait: 5s');
    await frame.press('#command-input', 'Enter');
    await page.waitForSelector('.lab[data-scenario="launch-types"] .events li[data-type="stateChanged"]', { timeout: 15_000 });
    const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => JSON.parse(localStorage.getItem(k)!) as { scenarioId: string; run: string }));
    const kept = stored.find((s) => s.scenarioId === 'launch-types');
    expect(kept?.run).not.toBe((held as { run: string }).run);
    await page.reload();
    await page.waitForSelector('.lab[data-ready="1"] ~ .lab[data-ready="1"]', { timeout: 40_000 });
    await page.waitForSelector('.lab[data-scenario="launch-types"] .events li[data-type="scenarioLoaded"]', { timeout: 20_000 });
    await expect.poll(async () => {
      const again = await page.evaluate(() => (window as unknown as { demoLabs: Record<string, { getState(): Promise<{ state: { run: string } }> }> }).demoLabs['launch-types']!.getState());
      return again.state.run;
    }, { timeout: 15_000 }).toBe(kept!.run);

    // The learner starts over in the frame (a reset opens the scenario again: scenarioLoaded). The
    // helper must not push the stored work back: the sandbox stays fresh, and the host's copy
    // becomes the fresh run (the sandbox sends the emptied state).
    const again = (await (await page.$$('iframe'))[0]!.contentFrame())!;
    const storedRun = () => page.evaluate(() => Object.keys(localStorage).map((k) => JSON.parse(localStorage.getItem(k)!) as { scenarioId: string; run: string }).find((s) => s.scenarioId === 'launch-types')?.run);
    const liveRun = async () => (await page.evaluate(() => (window as unknown as { demoLabs: Record<string, { getState(): Promise<{ state: { run: string } }> }> }).demoLabs['launch-types']!.getState())).state.run;
    // A real command first (a wait moves time but is not one), kept by the host like the rest.
    const outcome = await again.evaluate(() => window.__ecsSandbox!.client!.runCommandText('ecs:CreateCluster: {clusterName: extra}'));
    expect(JSON.stringify(outcome)).not.toMatch(/"error"/);
    await expect.poll(storedRun, { timeout: 15_000 }).not.toBe(kept!.run);
    const worked = await storedRun();
    await again.evaluate(() => window.__ecsSandbox!.client!.reset());
    await expect.poll(storedRun, { timeout: 15_000 }).not.toBe(worked);
    await page.waitForTimeout(2000);
    const fresh = await liveRun();
    expect(fresh).not.toBe(worked);
    expect(await again.evaluate(() => window.__ecsSandbox!.client!.session?.timeline.commands)).toBe(0);
    expect(await storedRun()).toBe(fresh);
    expect(problems).toEqual([]);
    await close();
  });

  it('defaults the sandbox address to where embed.js was loaded from', async () => {
    const { page, problems, close } = await openPage('/course.html');
    const src = await page.$eval('iframe', (f) => f.getAttribute('src') ?? '');
    expect(src.startsWith(`${sandbox.origin}/ecs/?embed=1&origins=${encodeURIComponent(host.origin)}&scenario=launch-types`)).toBe(true);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 40_000 });
    expect(await page.evaluate(() => (window as unknown as { events: string[] }).events)).toContain('ready');
    expect(problems).toEqual([]);
    await close();
  });

  it('drives the sandbox in <iframe sandbox="allow-scripts"> (opaque origin: matched by window, posted with "*")', async () => {
    const { page, problems, close } = await openPage('/sandboxed-course.html');
    expect(await page.$eval('iframe', (f) => f.getAttribute('sandbox'))).toBe('allow-scripts');
    await page.waitForSelector('body[data-ready="1"]', { timeout: 40_000 });
    await page.waitForFunction(() => (window as unknown as { events: string[] }).events.includes('scenarioLoaded'), undefined, { timeout: 20_000 });
    expect(await page.evaluate('window.lab.getState()')).toMatchObject({ state: { v: 1, scenarioId: 'launch-types' } });
    await expect.poll(() => page.$eval('iframe', (f) => f.style.height), { timeout: 10_000 }).not.toBe('480px');
    expect(problems).toEqual([]);
    await close();
  });
});

describe('embed.js against a stub sandbox (the helper\'s own rules)', () => {
  for (const sandboxed of [false, true]) {
    it(`handshake, replies by id, refusals, resize and host-side persistence${sandboxed ? ' in a sandboxed frame (opaque origin)' : ''}`, async () => {
      const { page, problems, close } = await openPage(`/stub-course.html${sandboxed ? '?sandboxed=1' : ''}`);
      expect(await page.$eval('iframe', (f) => f.getAttribute('sandbox'))).toBe(sandboxed ? 'allow-scripts' : null);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
      // Canvas's lti.frameResize (5) and a version-2 resize (300) are ignored; the real one is taken.
      await expect.poll(() => page.$eval('iframe', (f) => f.style.height)).toBe('777px');
      expect(await page.evaluate(() => (window as unknown as { events: string[] }).events)).toEqual(['ready', 'scenarioLoaded', 'resize', 'completed:completed']);

      type Lab = { getState(): Promise<any>; play(): Promise<unknown>; pause(): Promise<unknown>; destroy(): void };
      const lab = () => (window as unknown as { lab: Lab }).lab;
      expect(await page.evaluate(`(${lab})().getState()`)).toEqual({ state: { v: 1, scenarioId: 'launch-types', run: '{"commands":[]}' } });
      // The stub refuses pause: the promise rejects with its sentence.
      expect(await page.evaluate(`(${lab})().pause().then(() => 'resolved', (e) => e.code + ': ' + e.message)`)).toBe('unknownCommand: pause is not a command of this stub.');

      // play changes the stub's state; its stateChanged is kept in the host page's localStorage …
      await page.evaluate(`(${lab})().play()`);
      await expect.poll(() => page.evaluate(() => localStorage.getItem('lab-1'))).toBe(JSON.stringify({ v: 1, scenarioId: 'launch-types', run: '{"commands":["played"]}' }));
      // … and after a reload the helper gives it back to the fresh sandbox with setState.
      await page.reload();
      await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
      const frame = (await (await page.$('iframe'))!.contentFrame())!;
      await expect.poll(() => frame.evaluate(() => (window as unknown as { received: Array<{ type: string }> }).received.map((r) => r.type))).toContain('setState');
      expect(await page.evaluate(`(${lab})().getState()`)).toEqual({ state: { v: 1, scenarioId: 'launch-types', run: '{"commands":["played"]}' } });

      // destroy: the frame goes, and a command after it rejects at once.
      expect(await page.evaluate(`(${lab})().destroy(), document.querySelectorAll('iframe').length`)).toBe(0);
      expect(await page.evaluate(`(${lab})().getState().then(() => 'resolved', (e) => e.message)`)).toBe('The sandbox was removed; getState was not sent.');
      expect(problems).toEqual([]);
      await close();
    });
  }
});

describe('embed.js restoring host-kept state', () => {
  const received = async (page: Page) => {
    const frame = (await (await page.$('iframe'))!.contentFrame())!;
    return frame.evaluate(() => (window as unknown as { received: Array<{ type: string }> }).received.map((r) => r.type));
  };

  it('sends the state again on scenarioLoaded when the sandbox refused it at ready (scenario not open yet)', async () => {
    const { page, problems, close } = await openPage('/stub-course.html?late=1&preset=1');
    await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
    await expect.poll(() => received(page)).toEqual(['setState', 'setState']);
    expect(await page.evaluate('window.lab.getState()')).toEqual({ state: { v: 1, scenarioId: 'launch-types', run: '{"commands":["preset"]}' } });
    expect(await page.evaluate(() => localStorage.getItem('lab-1'))).not.toBeNull();
    expect(problems).toEqual([]);
    await close();
  });

  it('drops a stored state the sandbox cannot read (another version) once its scenario is open', async () => {
    const { page, problems, close } = await openPage('/stub-course.html?preset=0');
    await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => localStorage.getItem('lab-1'))).toBeNull();
    expect(await page.evaluate('window.lab.getState()')).toEqual({ state: { v: 1, scenarioId: 'launch-types', run: '{"commands":[]}' } });
    expect(problems).toEqual([]);
    await close();
  });
});
