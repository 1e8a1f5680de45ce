// Proves the placement explainer's lazy loading on the built app: its UI is not in the page's
// first script but a chunk fetched once the app is live (the idle preload); a question asked
// while that chunk is still on its way opens the dialog at once with "Loading the explainer…",
// and the answer replaces that in the same dialog when the chunk arrives (focus stays inside,
// and returns to the asker on close); Esc while loading closes it and gives focus back; a failed
// load is fetched again on the next question, and when that fails the dialog says so and Try
// again loads it. The test holds the chunk's requests back (Playwright routing) to see all this.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, type AppSession, startSession, waitForClusterPaint } from './app.ts';

// A retry asks for the same chunk with a query (src/lib/fresh-import.ts): browsers keep failed imports.
const CHUNK = /\/assets\/placement-explainer-ui-[\w-]+\.js(\?retry=\d+)?$/;
const dialog = 'dialog.placement-explainer';

let session: AppSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

/** A page whose explainer chunk requests wait until the test answers them. */
async function openHeld(): Promise<{ context: BrowserContext; page: Page; held: Route[]; problems: string[] }> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const held: Route[] = [];
  await context.route(CHUNK, (route) => {
    held.push(route);
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(session.server.origin + '/');
  await waitForClusterPaint(page);
  await page.waitForFunction(() => document.querySelectorAll('.tile[data-status="RUNNING"]:not(.exiting)').length >= 3, undefined, { timeout: 20_000 });
  return { context, page, held, problems };
}

async function waitForHeld(held: Route[], count: number): Promise<void> {
  for (let i = 0; i < 200 && held.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  expect(held.length).toBeGreaterThanOrEqual(count);
}

async function selectTask(page: Page): Promise<void> {
  await page.locator('.tile[data-status="RUNNING"]:not(.exiting)').first().click();
  await page.waitForSelector('aside.details button.why-here');
}

describe('the placement explainer, loaded lazily', () => {
  it('is not in the page\'s first script: its own chunk holds the dialog', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const entry = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const page = readFileSync(join(DIST, entry!), 'utf8');
    expect(page).not.toContain('Only refused');
    const chunk = readdirSync(join(DIST, 'assets')).find((f) => /^placement-explainer-ui-[\w-]+\.js$/.test(f));
    expect(chunk).toBeDefined();
    expect(readFileSync(join(DIST, 'assets', chunk!), 'utf8')).toContain('Only refused');
  });

  it('preloads when the app is idle; asked before it arrives, opens the dialog at once, then the answer in place', async () => {
    const { context, page, held, problems } = await openHeld();
    await waitForHeld(held, 1); // the idle preload asked for the chunk
    await selectTask(page);
    await page.click('aside.details button.why-here');
    await page.waitForSelector(`${dialog}[open]`);
    expect(await page.textContent(`${dialog} [role="status"]`)).toBe('Loading the explainer…');
    expect(await page.getAttribute(`${dialog}`, 'aria-busy')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    // E while the frame is open asks nothing more.
    await page.keyboard.press('e');

    await held[0]!.continue();
    await page.waitForFunction((sel) => {
      const d = document.querySelector(sel);
      return d?.hasAttribute('open') && d.getAttribute('aria-busy') === 'false' && d.querySelector('.summary') !== null;
    }, dialog, { timeout: 10_000 });
    expect(await page.locator(`${dialog}`).count()).toBe(1);
    expect(await page.textContent(`${dialog} .headline`)).toMatch(/Placed web:1 on i-/);
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector(`${dialog}[open]`, { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('why-here'))).toBe(true);
    expect(held).toHaveLength(1); // fetched once
    expect(problems).toEqual([]);
    await context.close();
  });

  it('Esc while loading closes it and returns focus; a failed load says so and Try again loads it', async () => {
    const { context, page, held } = await openHeld();
    await waitForHeld(held, 1);
    await selectTask(page);
    await page.click('aside.details button.why-here');
    await page.waitForSelector(`${dialog}[open] p.loading`);
    await page.keyboard.press('Escape');
    await page.waitForSelector(`${dialog}[open]`, { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('why-here'))).toBe(true);

    // The preload fails (the server is gone, say): the next question fetches again; when that
    // fails too, the dialog says so, and Try again fetches once more.
    await held[0]!.abort('connectionfailed');
    await page.waitForTimeout(100);
    await page.click('aside.details button.why-here');
    await waitForHeld(held, 2);
    expect(await page.textContent(`${dialog}[open] p.loading`)).toBe('Loading the explainer…');
    await held[1]!.abort('connectionfailed');
    await page.waitForSelector(`${dialog}[open] [role="alert"]`);
    expect(await page.textContent(`${dialog} [role="alert"]`)).toContain('The explainer could not load');
    expect(await page.getAttribute(dialog, 'aria-busy')).toBe('false');
    await page.click(`${dialog} button:has-text("Try again")`);
    await waitForHeld(held, 3);
    await held[2]!.continue();
    await page.waitForFunction((sel) => document.querySelector(sel)?.querySelector('.summary') !== null, dialog, { timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.waitForSelector(`${dialog}[open]`, { state: 'detached' });
    await context.close();
  });
});
