// Issue 9, item 2: the embed options of the address, in the built app (run `npm run build` first).
// embed=1's compact chrome and intrinsic height, panels=, readonly=1, seed=, speed=/autoplay=,
// theme=, a bad parameter's sentence, and clickToLoad=1's poster (only the entry before the click).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, tileArns, waitForClusterPaint, type AppSession, type OpenedPage } from './app.ts';
import { launchChromium } from '../support/browser.ts';
import { serveStatic } from '../support/static-server.ts';

const READ_ONLY = 'This sandbox is read-only: you can watch the cluster, but not change it.';

// A private copy of dist/: other test files rebuild dist/ while this one runs, and a chunk
// renamed mid-test would fail it for nothing.
let session: AppSession;
let copy = '';
beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'embed-options-'));
  await cp(DIST, copy, { recursive: true });
  const server = await serveStatic(copy);
  const browser = await launchChromium();
  session = { browser, server, close: async () => { await browser.close(); await server.close(); } };
});
afterAll(async () => {
  await session?.close();
  if (copy !== '') await rm(copy, { recursive: true, force: true });
});

/** Opens the app at `query`, recording the URL of every JavaScript response. */
async function open(query: string, viewport = { width: 900, height: 700 }): Promise<OpenedPage & { scripts: string[] }> {
  const context = await session.browser.newContext({ viewport });
  const page = await context.newPage();
  const scripts: string[] = [];
  const problems: string[] = [];
  page.on('response', (r) => {
    if (/\.m?js(\?|$)/.test(new URL(r.url()).pathname)) scripts.push(new URL(r.url()).pathname);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${session.server.origin}/${query}`);
  return { context, page, problems, scripts };
}

/** The scenario is loaded in the worker (the live snapshot replaced the first frame). */
async function waitForLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__ecsSandbox?.client?.scenario != null, undefined, { timeout: 20_000 });
}

const clock = (page: Page) => page.locator('output.clock').textContent();

describe('embed=1', () => {
  it('has compact chrome and a height that follows its content, not the viewport', async () => {
    const heights: number[] = [];
    for (const height of [600, 1400]) {
      const { page, context, problems } = await open('?embed=1&panels=services,log', { width: 800, height });
      await waitForClusterPaint(page);
      await waitForLoaded(page);
      expect(await page.getAttribute('html', 'data-embed')).toBe('1');
      // No big product title (kept for screen readers), no Author button; time controls and the scenario's title stay.
      const title = await page.locator('header.top h1').boundingBox();
      expect(title === null || title.width <= 1).toBe(true);
      expect(await page.locator('header.top button', { hasText: 'Author' }).count()).toBe(0);
      await page.locator('.time-controls button.play').waitFor();
      expect(await page.locator('.scenario-title').textContent()).toContain('Sandbox');
      await page.waitForTimeout(300);
      const box = await page.evaluate(() => ({ app: document.getElementById('app')!.getBoundingClientRect().height, body: document.body.getBoundingClientRect().height }));
      heights.push(box.app);
      expect(box.body).toBeCloseTo(box.app, 0);
      expect(problems).toEqual([]);
      await context.close();
    }
    // The same content at two viewport heights: the same height, and less than the tall viewport.
    expect(Math.abs(heights[0]! - heights[1]!)).toBeLessThan(2);
    expect(heights[1]!).toBeLessThan(1400);
  });

  it('stays paused by default in an embed, and the site plays', async () => {
    const embedded = await open('?embed=1&panels=log');
    await waitForLoaded(embedded.page);
    const before = await clock(embedded.page);
    await embedded.page.waitForTimeout(1500);
    expect(await clock(embedded.page)).toBe(before);
    expect(await embedded.page.getAttribute('.time-controls button.play', 'aria-pressed')).toBe('false');
    await embedded.context.close();

    const site = await open('?panels=log');
    await waitForLoaded(site.page);
    await site.page.waitForSelector('.time-controls button.play[aria-pressed="true"]', { timeout: 10_000 });
    await site.context.close();
  });
});

describe('panels=', () => {
  it('shows only the lesson and the log, and never fetches the side column or Monaco', async () => {
    const { page, context, scripts, problems } = await open('?embed=1&scenario=launch-types&panels=lesson,log');
    await waitForClusterPaint(page);
    await page.locator('.lesson-panel').waitFor({ timeout: 20_000 });
    await page.locator('.event-log').waitFor();
    // Idle-time preloads (explainer, editor) have had their chance.
    await page.waitForTimeout(2500);
    expect(await page.locator('.services-panel').count()).toBe(0);
    expect(await page.locator('.capacity-dock').count()).toBe(0);
    expect(await page.locator('aside.side').count()).toBe(0);
    expect(await page.locator('#command-input').count()).toBe(0);
    const unwanted = scripts.filter((s) => /side-panels|monaco|editor\.api|editor\.worker|RunTaskPlacementCustom/.test(s));
    expect(unwanted).toEqual([]);
    expect(scripts.some((s) => /lesson-ui/.test(s))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('hides the lesson (its chunk never fetched) and shows the side column when asked', async () => {
    const { page, context, scripts } = await open('?scenario=launch-types&panels=command,log');
    await waitForClusterPaint(page);
    await page.locator('#command-input').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    expect(await page.locator('.lesson-panel').count()).toBe(0);
    expect(await page.locator('.run-task, form.run-task-form').count()).toBe(0);
    expect(scripts.some((s) => /lesson-ui/.test(s))).toBe(false);
    await context.close();
  });
});

describe('readonly=1', () => {
  it('lets the learner watch but not change the cluster, in the UI and in the client', async () => {
    const { page, context, problems } = await open('?embed=1&readonly=1&panels=services,command,runTask,log');
    await waitForClusterPaint(page);
    await waitForLoaded(page);
    await page.locator('.readonly-badge', { hasText: 'Read-only' }).waitFor();
    await page.locator('#command-input').waitFor({ timeout: 20_000 });
    expect(await page.locator('#command-input').isDisabled()).toBe(true);
    expect(await page.locator('button', { hasText: 'Run task' }).isDisabled()).toBe(true);
    expect(await page.locator('button.create-service').isDisabled()).toBe(true);
    // Every path of a learner's edit refuses in the client, with the one sentence.
    const refused = await page.evaluate(async () => {
      const client = window.__ecsSandbox!.client!;
      const command = await client.runCommandText('ecs:ListTasks: {cluster: demo}');
      const step = await client.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web' } });
      const undo = await client.undo();
      return { command, step, undo };
    });
    expect(refused.command).toEqual({ ok: false, issues: [{ message: READ_ONLY }] });
    expect(refused.step).toMatchObject({ error: { code: 'ReadOnlySandbox', message: READ_ONLY } });
    expect(refused.undo).toEqual({ ok: false, message: READ_ONLY });
    // Nothing ran: still the scenario's three tasks.
    expect((await tileArns(page)).length).toBe(3);
    // Time still works.
    const before = await clock(page);
    await page.click('.time-controls button.play');
    await page.waitForFunction((b) => document.querySelector('output.clock')?.textContent !== b, before, { timeout: 10_000 });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('seed=, speed=, autoplay=, theme=', () => {
  async function arnsWith(query: string): Promise<string[]> {
    const { page, context } = await open(query);
    await waitForLoaded(page);
    await page.waitForFunction(() => document.querySelectorAll('.tile[data-status="RUNNING"]').length === 3, undefined, { timeout: 20_000 });
    const arns = (await tileArns(page, 'RUNNING')).sort();
    await context.close();
    return arns;
  }

  it('makes ids deterministic per seed', async () => {
    const a = await arnsWith('?embed=1&panels=log&seed=7');
    const b = await arnsWith('?embed=1&panels=log&seed=7');
    const c = await arnsWith('?embed=1&panels=log&seed=8');
    expect(a).toHaveLength(3);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('plays at the speed asked with autoplay=1, in an embed', async () => {
    const { page, context } = await open('?embed=1&panels=log&speed=max&autoplay=1');
    await waitForLoaded(page);
    await page.waitForSelector('.time-controls button.play[aria-pressed="true"]', { timeout: 10_000 });
    await page.waitForFunction(() => (document.querySelector('select[aria-label="Speed"]') as HTMLSelectElement | null)?.value === 'max', undefined, { timeout: 10_000 });
    await context.close();
  });

  it('autoplay=0 keeps the site paused', async () => {
    const { page, context } = await open('?panels=log&autoplay=0');
    await waitForLoaded(page);
    await page.waitForTimeout(1000);
    expect(await page.getAttribute('.time-controls button.play', 'aria-pressed')).toBe('false');
    await context.close();
  });

  it('theme=dark sets the dark theme', async () => {
    const { page, context } = await open('?embed=1&panels=log&theme=dark');
    await waitForClusterPaint(page);
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await context.close();
  });

  it('lang= sets the page language', async () => {
    const { page, context } = await open('?embed=1&panels=log&lang=fr-CA');
    await waitForClusterPaint(page);
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
    await context.close();
  });
});

describe('a bad parameter', () => {
  it('is said in one dismissible note, and the app still opens', async () => {
    const { page, context, problems } = await open('?embed=1&speed=fast&panels=log,bogus&theme=purple');
    await waitForClusterPaint(page);
    const note = page.locator('.address-problems');
    await note.waitFor();
    const items = await note.locator('li').allTextContents();
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('"speed" must be one of');
    expect(items[1]).toContain('"panels" names a panel this sandbox does not have');
    expect(items[2]).toContain('"theme" must be light, dark or auto');
    expect(await page.locator('.address-problems').count()).toBe(1);
    await note.locator('button').click();
    expect(await page.locator('.address-problems').count()).toBe(0);
    await page.locator('.event-log').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('clickToLoad=1', () => {
  it('loads only the entry before the click, then boots on click', async () => {
    const { page, context, scripts, problems } = await open('?embed=1&clickToLoad=1&scenario=launch-types');
    await page.locator('[data-testid="poster"]').waitFor();
    expect(await page.locator('.poster-scenario').textContent()).toBe('Launch types');
    await page.waitForTimeout(1000);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/\/assets\/index-[\w-]+\.js$/);
    // No worker, no app yet; the poster fills the frame as the host sized it (nothing reports a
    // height before the click), so no part of the frame is left blank.
    expect(await page.locator('.app').count()).toBe(0);
    const posterHeight = (await page.locator('[data-testid="poster"]').boundingBox())!.height;
    expect(posterHeight).toBe(page.viewportSize()!.height);
    await page.locator('[data-testid="poster"]').click({ position: { x: 10, y: 10 } });
    await waitForClusterPaint(page);
    expect(await page.locator('[data-testid="poster"]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('.time-controls') !== null)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('starts from the keyboard too', async () => {
    const { page, context } = await open('?clickToLoad=1');
    await page.locator('[data-testid="poster"]').waitFor();
    expect(await page.locator('.poster-scenario').textContent()).toBe('Free sandbox');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('poster-start');
    await page.keyboard.press('Enter');
    await waitForClusterPaint(page);
    await context.close();
  });
});
