/**
 * Shared plumbing for the browser tests: one Chromium per test file, the built dist/ served on
 * loopback, and a page that records every console error, page error and failed request so a test
 * can assert the app loaded cleanly.
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { serveStatic, type ServeOptions, type StaticServer } from '../support/static-server.ts';

export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

export interface AppSession {
  browser: Browser;
  server: StaticServer;
  close(): Promise<void>;
}

export async function startSession(options: ServeOptions = {}): Promise<AppSession> {
  const server = await serveStatic(DIST, options);
  const browser = await launchChromium();
  return {
    browser,
    server,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors, failed requests and HTTP errors seen so far. */
  problems: string[];
}

export async function openPage(session: AppSession, path = '/', viewport = { width: 1280, height: 800 }): Promise<OpenedPage> {
  const context = await session.browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(session.server.origin + path);
  return { context, page, problems };
}

/** Starts recording the page's console errors, page errors, failed requests and HTTP errors into `into`. */
export function recordProblems(page: Page, into: string[] = []): string[] {
  page.on('console', (m) => {
    if (m.type() === 'error') into.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => into.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => into.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) into.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return into;
}

/**
 * A session and one page for a whole test file, opened on the app and ready: the cluster view
 * painted and, when `editor` is set, the editor loaded.
 */
export async function startWithPage(options: { editor?: boolean } = {}): Promise<{ session: AppSession; opened: OpenedPage; page: Page }> {
  const session = await startSession();
  const opened = await openPage(session);
  await waitForClusterPaint(opened.page);
  if (options.editor) await waitForEditor(opened.page);
  return { session, opened, page: opened.page };
}

/** The app in `target` (a page or an iframe) has drawn its first real snapshot. */
export async function waitForClusterPaint(target: Page | Frame): Promise<void> {
  await target.waitForSelector('html[data-cluster-painted="1"]', { timeout: 20_000 });
}

export async function waitForEditor(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__ecsSandbox !== undefined, undefined, { timeout: 20_000 });
  await page.evaluate(() => window.__ecsSandbox!.ready);
}

export async function setSpeed(page: Page, speed: string): Promise<void> {
  await page.selectOption('select[aria-label="Speed"]', speed);
}

/** Tiles currently in the picture (not those fading out). */
export async function tileArns(page: Page, status?: string): Promise<string[]> {
  const selector = status ? `.tile[data-status="${status}"]:not(.exiting)` : '.tile:not(.exiting)';
  return page.$$eval(selector, (els) => els.map((e) => (e as HTMLElement).dataset.arn ?? ''));
}

/**
 * Send one command from the command box as a learner types it (a step object is sent as JSON) and
 * answer its response JSON; fails the test when the entry shows an error. The box keeps its last
 * 30 entries: the new entry is the last one without the mark set here.
 */
export async function sendCommand(page: Page, step: unknown): Promise<Record<string, any>> {
  await page.evaluate(() => document.querySelectorAll('.command-entry').forEach((e) => e.setAttribute('data-seen', '')));
  await page.fill('#command-input', typeof step === 'string' ? step : JSON.stringify(step));
  await page.press('#command-input', 'Enter');
  await page.waitForFunction(() => document.querySelector('.command-entry:last-child:not([data-seen])') !== null);
  const last = page.locator('.command-entry').last();
  expect(await last.locator('.error').count(), (await last.textContent()) ?? '').toBe(0);
  const json = last.locator('pre.json');
  return (await json.count()) > 0 ? JSON.parse((await json.textContent()) ?? 'null') : {};
}

/**
 * Drive one of the request editors (Monaco with a schema, in a dialog): its text through the test
 * hook, Send, and the message it shows (`kind`: `capacity` or `scaling`, the editor's test id prefix).
 * `pageOf` answers the page when called (tests open theirs in beforeAll).
 */
export function requestEditorDriver(pageOf: () => Page, kind: 'capacity' | 'scaling') {
  const name: 'capacityEditor' | 'scalingEditor' = kind === 'capacity' ? 'capacityEditor' : 'scalingEditor';
  const testId = `[data-testid="${kind}-editor-message"]`;
  return {
    text: () => pageOf().evaluate((n) => window.__ecsSandbox![n]!.getText(), name),
    set: (value: unknown) => pageOf().evaluate(({ n, t }) => window.__ecsSandbox![n]!.setText(t), { n: name, t: JSON.stringify(value, null, 2) }),
    message: () => pageOf().locator(testId),
    async send(expected: 'ok' | 'error'): Promise<string> {
      const before = (await this.message().count()) > 0 ? await this.message().textContent() : null;
      await pageOf().click(`button.send-${kind}`);
      await pageOf().waitForFunction(
        ([selector, cls, prev]) => {
          const el = document.querySelector(`${selector}.${cls}`);
          return el !== null && el.textContent !== prev;
        },
        [testId, expected, before] as const,
      );
      return (await this.message().textContent()) ?? '';
    },
  };
}
