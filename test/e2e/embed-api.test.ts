// The postMessage API end to end, in the real browser across origins: the built sandbox is served
// on one loopback origin (B), a course page on another (A) embeds it with `?embed=1&origins=<A>`,
// collects its events and posts commands with its own script. The handshake completes; a scenario
// loads by command; the learner's objectives and completion arrive with valid xAPI statements; the
// state from getState survives a reload of the frame through setState (run and hints); bad
// messages get error replies and the sandbox keeps working; a page on a third origin (C), or
// another window of the host, is ignored; the frame follows the content's height.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { DIST, waitForClusterPaint } from './app.ts';
import { validateStatement } from '../../src/lib/embed/xapi.ts';
import { BUNDLED_SCENARIO_IDS } from '../../src/lib/bundled-scenarios.ts';
import { MAX_MESSAGE_CHARS } from '../../src/lib/embed/protocol.ts';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/**
 * The course page (served on A, and on C for the stranger): `?sandbox=<B>&allowed=<origins=>`.
 * Its script keeps the sandbox's messages in window.events (Canvas's form as type
 * 'lti.frameResize'), every message it receives in window.received, sets the frame's height from
 * `resize`, and posts commands with window.send / window.sendRaw.
 */
const HOST_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head>
<body style="margin:0"><h1>Lesson 2: launch types</h1>
<iframe id="lab" title="ECS Sandbox" style="display:block;width:1100px;height:300px;border:0"></iframe>
<iframe id="helper" title="helper" src="/helper.html" style="width:10px;height:10px;border:0"></iframe>
<script>
  const q = new URLSearchParams(location.search);
  const sandbox = q.get('sandbox');
  const frame = document.getElementById('lab');
  window.events = [];
  window.received = [];
  window.heights = [];
  // sandboxed=1: <iframe sandbox="allow-scripts">, an opaque origin without storage. Its messages
  // come from origin "null", and only "*" reaches it: the host checks the source window instead.
  const boxed = q.get('sandboxed') === '1';
  if (boxed) frame.setAttribute('sandbox', 'allow-scripts');
  const frameOrigin = boxed ? 'null' : sandbox;
  const target = boxed ? '*' : sandbox;
  frame.src = sandbox + '/?embed=1&origins=' + encodeURIComponent(q.get('allowed'));
  addEventListener('message', (e) => {
    window.received.push({ origin: e.origin, data: e.data });
    if (e.origin !== frameOrigin || e.source !== frame.contentWindow) return;
    const d = e.data;
    if (d && d.subject === 'lti.frameResize') { window.events.push({ type: 'lti.frameResize', height: d.height }); return; }
    if (!d || d.source !== 'ecs-sandbox') return;
    window.events.push(d);
    if (d.type === 'resize') { frame.style.height = d.payload.height + 'px'; window.heights.push(d.payload.height); }
  });
  window.send = (type, payload, id) => frame.contentWindow.postMessage({ source: 'ecs-sandbox', version: 1, type, payload, id }, target);
  window.sendRaw = (data) => frame.contentWindow.postMessage(data, target);
</script></body></html>`;

/** A second window of the host's origin: posts to the sandbox frame, but it is not its parent. */
const HELPER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>helper</title></head><body><script>
  window.poke = (data) => parent.frames[0].postMessage(data, '*');
</script></body></html>`;

declare global {
  interface Window {
    events: any[];
    received: Array<{ origin: string; data: any }>;
    heights: number[];
    send(type: string, payload: unknown, id?: string | number): void;
    sendRaw(data: unknown): void;
    poke(data: unknown): void;
  }
}

const ID = 'launch-types';
const SOLUTION_STEP_1 = { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'hello', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } } };
const SOLUTION_REST = [
  { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'hello', launchType: 'EC2', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } } } },
  { wait: '30s' },
  { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'hello', launchType: 'FARGATE', count: 4, networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } } } },
  { wait: '30s' },
];

let browser: Browser;
let sandboxServer: StaticServer; // B
let hostServer: StaticServer; // A
let strangerServer: StaticServer; // C
/** Scenario files on a site of their own, readable by CORS (as an author's would be). */
let scenarioServer: StaticServer;
const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));
let context: BrowserContext;
let page: Page;
let frame: Frame;
const problems: string[] = [];
let seq = 0;
/** Wall-clock epoch ms when the test first asked for the scenario: the learner's time on it is less. */
let loadAskedAt = 0;

/** Posts a command and answers its reply or error (matched by id). */
async function request(type: string, payload: unknown = {}): Promise<any> {
  const id = `req-${++seq}`;
  await page.evaluate(({ t, p, i }) => window.send(t, p, i), { t: type, p: payload, i: id });
  return waitForEvent((m, i) => (m.type === 'reply' || m.type === 'error') && m.id === i, id);
}

/** The first event from `from` on (an index into window.events) that `match` accepts. */
async function waitForEvent(match: (message: any, arg: any) => boolean, arg: unknown = null, from = 0, timeout = 20_000): Promise<any> {
  const source = match.toString();
  const handle = await page.waitForFunction(
    ({ src, a, start }) => {
      const test = new Function(`return (${src})`)() as (m: unknown, a: unknown) => boolean;
      return window.events.slice(start).find((m) => test(m, a)) ?? false;
    },
    { src: source, a: arg, start: from },
    { timeout },
  );
  return handle.jsonValue();
}

const eventCount = () => page.evaluate(() => window.events.length);

function expectValidStatement(message: any): void {
  expect(message.payload.statement, `${message.type} carries a statement`).toBeDefined();
  expect(validateStatement(message.payload.statement), JSON.stringify(message.payload.statement)).toEqual({ ok: true });
}

async function dispatch(steps: unknown[]): Promise<void> {
  for (const step of steps) {
    const result = await frame.evaluate((s) => window.__ecsSandbox!.client!.dispatch(s as never), step);
    expect(JSON.stringify(result)).not.toMatch(/"error"/);
  }
}

beforeAll(async () => {
  const pages = { '/host.html': HOST_PAGE, '/helper.html': HELPER_PAGE };
  // As GitHub Pages does: a sandboxed (opaque-origin) frame fetches its module scripts in CORS mode.
  sandboxServer = await serveStatic(DIST, { headers: { 'Access-Control-Allow-Origin': '*' } });
  hostServer = await serveStatic(DIST, { basePath: '/nothing-here/', pages });
  strangerServer = await serveStatic(DIST, { basePath: '/nothing-here/', pages });
  scenarioServer = await serveStatic(SCENARIOS_DIR, { headers: { 'Access-Control-Allow-Origin': '*' } });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const query = new URLSearchParams({ sandbox: sandboxServer.origin, allowed: hostServer.origin });
  await page.goto(`${hostServer.origin}/host.html?${query}`);
  const handle = await page.waitForSelector('iframe#lab');
  frame = (await handle.contentFrame())!;
  await waitForClusterPaint(frame);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([sandboxServer?.close(), hostServer?.close(), strangerServer?.close(), scenarioServer?.close()]);
});

describe('the postMessage API across two origins', () => {
  it('completes the handshake: ready with the commands, to the host origin', async () => {
    expect(new URL(sandboxServer.origin).port).not.toBe(new URL(hostServer.origin).port);
    const ready = await waitForEvent((m) => m.type === 'ready');
    expect(ready.payload.commands).toEqual(['loadScenario', 'reset', 'getState', 'setState', 'setTheme', 'setSpeed', 'play', 'pause']);
    const received = await page.evaluate(() => window.received.map((r) => r.origin));
    expect(new Set(received)).toEqual(new Set([sandboxServer.origin]));
  });

  it('loads a scenario by command: a reply, then scenarioLoaded with an initialized statement', async () => {
    expect(BUNDLED_SCENARIO_IDS).toContain(ID);
    const from = await eventCount();
    loadAskedAt = Date.now();
    const reply = await request('loadScenario', { id: ID });
    expect(reply).toMatchObject({ type: 'reply', payload: { id: ID } });
    const loaded = await waitForEvent((m, id) => m.type === 'scenarioLoaded' && m.payload.id === id, ID, from);
    expectValidStatement(loaded);
    expect(loaded.payload.statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized');
    expect(loaded.payload.statement.object.id).toBe(`${sandboxServer.origin}/scenarios/${ID}`);
    await frame.waitForSelector('[data-testid="lesson-panel"]', { timeout: 20_000 });
  });

  it('says the learner\'s hint and objective, with statements, and keeps the state the host reads', async () => {
    const from = await eventCount();
    await frame.evaluate(() => window.__ecsSandbox!.client!.revealHint('fargate-task'));
    const hint = await waitForEvent((m) => m.type === 'hintShown', null, from);
    expect(hint.payload).toMatchObject({ objectiveId: 'fargate-task', hints: 1 });
    expectValidStatement(hint);
    await dispatch([SOLUTION_STEP_1]);
    const passed = await waitForEvent((m) => m.type === 'objectiveChanged' && m.payload.id === 'fargate-task', null, from);
    expect(passed.payload.passed).toBe(true);
    expectValidStatement(passed);
    expect(passed.payload.statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    await frame.evaluate(() => window.__ecsSandbox!.client!.revealHint('ec2-task-running'));
    await waitForEvent((m) => m.type === 'hintShown' && m.payload.objectiveId === 'ec2-task-running', null, from);
    // stateChanged follows about a second later, with the run, the hints and an attempted statement.
    const changed = await waitForEvent((m) => m.type === 'stateChanged' && m.payload.state.hints?.['ec2-task-running'] === 1, null, from);
    expect(changed.payload.state).toMatchObject({ v: 1, scenarioId: ID, hints: { 'fargate-task': 1, 'ec2-task-running': 1 } });
    const attempted = (await page.evaluate(() => window.events)).slice(from).filter((m) => m.type === 'stateChanged' && m.payload.statement);
    expect(attempted).toHaveLength(1);
    expectValidStatement(attempted[0]);
    expect(attempted[0].payload.statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/attempted');
    // Each change is said once.
    const all = (await page.evaluate(() => window.events)).slice(from);
    expect(all.filter((m) => m.type === 'objectiveChanged' && m.payload.id === 'fargate-task')).toHaveLength(1);
    expect(all.filter((m) => m.type === 'hintShown')).toHaveLength(2);
  });

  it('restores the learner\'s work after a reload of the frame: stateChanged (= getState), reload, loadScenario, setState', async () => {
    // What the host kept from the last stateChanged is what getState answers now.
    const events = await page.evaluate(() => window.events);
    const state = events.filter((m) => m.type === 'stateChanged').at(-1).payload.state;
    expect(state).toMatchObject({ v: 1, scenarioId: ID, hints: { 'fargate-task': 1, 'ec2-task-running': 1 } });
    expect(typeof state.run).toBe('string');
    // The learner's wall-clock time on the exercise so far: more than 0, less than the test has run.
    expect(state.spentMs).toBeGreaterThan(0);
    expect(state.spentMs).toBeLessThanOrEqual(Date.now() - loadAskedAt);
    const saved = await request('getState');
    const { spentMs: savedSpent, ...savedRest } = saved.payload.state;
    const { spentMs: _kept, ...stateRest } = state;
    expect(saved.type).toBe('reply');
    expect(savedRest).toEqual(stateRest);
    // getState's time goes on from the stateChanged's.
    expect(savedSpent).toBeGreaterThanOrEqual(state.spentMs);

    // The frame forgets its own saved progress (a partitioned or absent storage): the host's state is all there is.
    const from = await eventCount();
    await frame.evaluate(() => {
      localStorage.clear();
      location.reload();
    });
    await waitForEvent((m) => m.type === 'ready', null, from);
    await waitForClusterPaint(frame);
    expect(await frame.evaluate(() => window.__ecsSandbox!.client!.session?.timeline.commands ?? 0)).toBe(0);

    // A state of another version is refused, and nothing changes.
    const wrong = await request('setState', { state: { ...state, v: 2 } });
    expect(wrong).toMatchObject({ type: 'error', payload: { code: 'wrongState' } });
    // Nor before its scenario is open.
    const early = await request('setState', { state });
    expect(early).toMatchObject({ type: 'error', payload: { code: 'wrongState' } });
    expect(early.payload.message).toMatch(/^setState's state is of scenario launch-types, but (sandbox is open|no scenario is open); load that scenario first\.$/);

    expect(await request('loadScenario', { id: ID })).toMatchObject({ type: 'reply' });
    const afterLoad = await eventCount();
    const restored = await request('setState', { state });
    expect(restored).toMatchObject({ type: 'reply', payload: { scenarioId: ID } });
    const again = await waitForEvent((m) => m.type === 'objectiveChanged' && m.payload.id === 'fargate-task' && m.payload.passed, null, afterLoad);
    // Re-said for the host's UI, but restored and without a statement: an LRS does not record "passed" twice.
    expect(again.payload.restored).toBe(true);
    expect(again.payload.statement).toBeUndefined();
    expect(restored.payload.hintsShown).toBe(1);
    const hintAgain = await waitForEvent((m) => m.type === 'hintShown' && m.payload.objectiveId === 'ec2-task-running', null, afterLoad);
    expect(hintAgain.payload).toMatchObject({ hints: 1, restored: true });
    expect(hintAgain.payload.statement).toBeUndefined();
    // Nothing the restore caused carries a statement (stateChanged's attempted was said before the reload).
    const restoreEvents = (await page.evaluate(() => window.events)).slice(afterLoad);
    const reSaid = restoreEvents.filter((m) => ['objectiveChanged', 'hintShown', 'solutionRevealed', 'completed', 'stateChanged'].includes(m.type));
    expect(reSaid.length).toBeGreaterThan(0);
    expect(reSaid.filter((m) => m.payload?.statement !== undefined).map((m) => m.type)).toEqual([]);
    // The time spent before the reload goes on.
    const after = await request('getState');
    expect(after.payload.state.spentMs).toBeGreaterThanOrEqual(state.spentMs);
    // The reply can arrive before the worker's next published session: wait for the page to have it.
    // The active step's hint is shown again; a done step's hint cannot be (the worker reveals the active step's only).
    await frame.waitForFunction(
      () => window.__ecsSandbox!.client!.session?.lesson?.steps.flatMap((s) => s.objectives).find((o) => o.id === 'ec2-task-running')?.hints.length === 1,
      undefined,
      { timeout: 10_000 },
    );
    const session = await frame.evaluate(() => window.__ecsSandbox!.client!.session);
    expect(session!.timeline.commands).toBe(1);
  });

  it('the learner finishes: objectiveChanged for each objective, then completed with score, max, attempts and a completed statement', async () => {
    const from = await eventCount();
    await dispatch(SOLUTION_REST);
    const completed = await waitForEvent((m) => m.type === 'completed', null, from);
    expect(completed.payload).toMatchObject({ score: 5, max: 5 });
    expect(completed.payload.attempts).toBeGreaterThanOrEqual(3);
    // The learner's wall-clock time (kept across the reload by spentMs), not the simulated minute
    // and more the solution waits: more than 0, less than the test itself has run.
    const elapsed = Date.now() - loadAskedAt;
    expect(completed.payload.durationMs).toBeGreaterThan(0);
    expect(completed.payload.durationMs).toBeLessThan(elapsed);
    expect(completed.payload.durationMs).toBeLessThan(60_000);
    expect(completed.payload.restored).toBeUndefined();
    expectValidStatement(completed);
    expect(completed.payload.statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed');
    expect(completed.payload.statement.result).toMatchObject({ completion: true, score: { raw: 5, max: 5, scaled: 1 } });
    const events = (await page.evaluate(() => window.events)).slice(from);
    const passedIds = events.filter((m) => m.type === 'objectiveChanged' && m.payload.passed).map((m) => m.payload.id);
    expect(passedIds.sort()).toEqual(['ec2-task-running', 'fargate-task-running', 'five-on-fargate', 'still-two-instances']);
    for (const m of events.filter((e) => e.payload?.statement)) expectValidStatement(m);
    expect(events.filter((m) => m.type === 'completed')).toHaveLength(1);
  });

  it('answers malformed, unknown and oversized messages with error replies, and keeps working', async () => {
    await page.evaluate((max) => {
      window.sendRaw({ source: 'ecs-sandbox', version: 'one', type: 'play', id: 'bad-version' });
      window.sendRaw({ source: 'ecs-sandbox', version: 1, type: 'launchRockets', id: 'unknown' });
      window.sendRaw({ source: 'ecs-sandbox', version: 1, type: 'setSpeed', payload: { speed: 'x'.repeat(max + 1) }, id: 'huge' });
      window.sendRaw({ source: 'ecs-sandbox', version: 1, type: 'loadScenario', payload: { id: 'a', url: 'b' }, id: 'two-sources' });
      window.sendRaw({ source: 'ecs-sandbox', version: 1, type: 'loadScenario', payload: { id: 'no-such-scenario' }, id: 'missing' });
      window.sendRaw('hello'); // not ours: no answer
    }, MAX_MESSAGE_CHARS);
    const codes: Record<string, string> = {};
    for (const id of ['bad-version', 'unknown', 'huge', 'two-sources', 'missing']) {
      const reply = await waitForEvent((m, i) => m.type === 'error' && m.id === i, id);
      codes[id] = reply.payload.code;
    }
    expect(codes).toEqual({ 'bad-version': 'unsupportedVersion', unknown: 'unknownCommand', huge: 'tooLarge', 'two-sources': 'badPayload', missing: 'badPayload' });
    const state = await request('getState');
    expect(state).toMatchObject({ type: 'reply', payload: { state: { scenarioId: ID } } });
    expect(await request('setSpeed', { speed: 2 })).toMatchObject({ type: 'reply' });
    await frame.waitForFunction(() => window.__ecsSandbox!.client!.playback.speed === 2);
  });

  it('ignores another window of the host\'s origin (not the parent)', async () => {
    const helper = page.frames().find((f) => f.url().endsWith('/helper.html'))!;
    const from = await eventCount();
    await helper.evaluate(() => window.poke({ source: 'ecs-sandbox', version: 1, type: 'reset', id: 'from-helper' }));
    await page.waitForTimeout(500);
    const events = (await page.evaluate(() => window.events)).slice(from);
    expect(events.filter((m) => m.id === 'from-helper')).toEqual([]);
    expect(await frame.evaluate(() => window.__ecsSandbox!.client!.session?.lesson?.completed)).toBe(true);
  });

  it('follows the content\'s height: resize and lti.frameResize, which the host applies to the frame', async () => {
    const first = await waitForEvent((m) => m.type === 'resize');
    expect(first.payload.height).toBeGreaterThan(0);
    const before = await page.evaluate(() => window.heights.at(-1)!);
    const canvas = await waitForEvent((m, h) => m.type === 'lti.frameResize' && m.height === h, before);
    expect(canvas.height).toBe(before);
    const from = await eventCount();
    await frame.evaluate(() => {
      const tall = document.createElement('div');
      tall.id = 'grown';
      tall.style.height = '700px';
      document.getElementById('app')!.append(tall);
    });
    const grown = await waitForEvent((m, h) => m.type === 'resize' && m.payload.height >= h + 600, before, from);
    await page.waitForFunction((h) => document.getElementById('lab')!.getBoundingClientRect().height === h, grown.payload.height);
    await frame.evaluate(() => document.getElementById('grown')!.remove());
    const shrunk = await waitForEvent((m, h) => m.type === 'resize' && m.payload.height < h, grown.payload.height, from);
    expect(shrunk.payload.height).toBeLessThanOrEqual(before + 1);
  });

  it('a page on a third origin that embeds the sandbox with origins=<A> hears nothing and changes nothing', async () => {
    const stranger = await context.newPage();
    const query = new URLSearchParams({ sandbox: sandboxServer.origin, allowed: hostServer.origin });
    await stranger.goto(`${strangerServer.origin}/host.html?${query}`);
    const strangerFrame = (await (await stranger.waitForSelector('iframe#lab')).contentFrame())!;
    await waitForClusterPaint(strangerFrame);
    await strangerFrame.waitForFunction(() => window.__ecsSandbox?.client?.scenario !== null && window.__ecsSandbox?.client?.scenario !== undefined);
    await stranger.evaluate(() => {
      window.send('loadScenario', { id: 'launch-types' }, 'evil-1');
      window.send('play', {}, 'evil-2');
      (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ source: 'ecs-sandbox', version: 1, type: 'reset', id: 'evil-3' }, '*');
    });
    await stranger.waitForTimeout(1500);
    expect(await stranger.evaluate(() => window.received)).toEqual([]);
    expect(await strangerFrame.evaluate(() => window.__ecsSandbox!.client!.scenario!.id)).toBe('sandbox');
    expect(await strangerFrame.evaluate(() => window.__ecsSandbox!.client!.playback.playing)).toBe(false);
    await stranger.close();
  });

  it('works the same in <iframe sandbox="allow-scripts"> (opaque origin, no storage): progress only through the host', async () => {
    const host = await context.newPage();
    const errors: string[] = [];
    host.on('pageerror', (e) => errors.push(e.message));
    const query = new URLSearchParams({ sandbox: sandboxServer.origin, allowed: hostServer.origin, sandboxed: '1' });
    await host.goto(`${hostServer.origin}/host.html?${query}`);
    const boxed = (await (await host.waitForSelector('iframe#lab')).contentFrame())!;
    await waitForClusterPaint(boxed);
    expect(await boxed.evaluate(() => origin)).toBe('null');
    const wait = async (type: string, id?: string) => (await host.waitForFunction(({ t, i }) => window.events.find((m) => m.type === t && (i === null || m.id === i)) ?? false, { t: type, i: id ?? null }, { timeout: 20_000 }).catch(async (e) => { throw new Error(`${type}: ${JSON.stringify(await host.evaluate(() => window.events.map((m) => [m.type, m.id, m.payload?.code ?? m.payload?.id])))} ${(e as Error).message}`); })).jsonValue() as Promise<any>;
    await wait('ready');
    await host.evaluate(() => window.send('loadScenario', { id: 'launch-types' }, 'b1'));
    expect(await wait('reply', 'b1')).toMatchObject({ payload: { id: ID } });
    await wait('scenarioLoaded');
    await boxed.evaluate((s) => window.__ecsSandbox!.client!.dispatch(s as never), SOLUTION_STEP_1);
    const passed = await wait('objectiveChanged');
    expect(passed.payload).toMatchObject({ id: 'fargate-task', passed: true });
    expectValidStatement(passed);
    const changed = await wait('stateChanged');
    expect(changed.payload.state).toMatchObject({ v: 1, scenarioId: ID });
    await host.evaluate(() => window.send('getState', {}, 'b2'));
    expect((await wait('reply', 'b2')).payload.state.run).toBe(changed.payload.state.run);
    // The frame has no storage, and now says that the course page keeps the learner's work.
    await boxed.locator('.notice.kept').waitFor();
    expect(await boxed.locator('.notice.kept').textContent()).toMatch(/^\s*Your progress is kept by the course page around this sandbox\./);
    expect(await boxed.locator('.notice.storage').count()).toBe(0);
    expect(errors).toEqual([]);
    await host.close();
  });

  it('loads a scenario from an address (fetched as data) and from an inline object; a bad one is refused and changes nothing', async () => {
    let from = await eventCount();
    const byUrl = await request('loadScenario', { url: `${scenarioServer.origin}/task-definitions.yaml` });
    expect(byUrl).toMatchObject({ type: 'reply', payload: { id: 'task-definitions' } });
    const loaded = await waitForEvent((m) => m.type === 'scenarioLoaded' && m.payload.id === 'task-definitions', null, from);
    expectValidStatement(loaded);

    // A file that is there but is no scenario (the folder's README): refused with its problems.
    const notScenario = await request('loadScenario', { url: `${scenarioServer.origin}/README.md` });
    expect(notScenario).toMatchObject({ type: 'error', payload: { code: 'failed' } });
    const broken = await request('loadScenario', { scenario: { id: 'broken', title: 42 } });
    expect(broken).toMatchObject({ type: 'error', payload: { code: 'failed' } });
    expect(broken.payload.message).toMatch(/^The scenario was not loaded: /);
    expect(await frame.evaluate(() => window.__ecsSandbox!.client!.scenario?.id)).toBe('task-definitions');

    from = await eventCount();
    const inline = parseYaml(readFileSync(`${SCENARIOS_DIR}/launch-types.yaml`, 'utf8')) as Record<string, unknown>;
    const byObject = await request('loadScenario', { scenario: inline });
    expect(byObject).toMatchObject({ type: 'reply', payload: { id: ID } });
    await waitForEvent((m) => m.type === 'scenarioLoaded' && m.payload.id === 'launch-types', null, from);
  });

  it('logged no error in the host page or the frame', () => {
    expect(problems).toEqual([]);
  });
});
