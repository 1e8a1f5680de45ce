// Proves the theme option paints the whole app, Monaco included, in the built site: ?theme=dark
// gives dark surfaces (page, side panel, an instance box, the editor) with light text and
// task tiles still readable; ?theme=light gives today's colours; ?theme=auto follows the
// system's colour scheme live, without a reload, editor included. Colours are read with
// getComputedStyle and judged by WCAG relative luminance.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startSession, waitForClusterPaint, waitForEditor, type AppSession } from './app.ts';

let session: AppSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

type Rgb = [number, number, number];
type Region = { bg: Rgb; ink: Rgb };
const REGIONS = ['page', 'side', 'instance', 'tile', 'editor', 'eventLog'] as const;
type Regions = Record<(typeof REGIONS)[number], Region>;

function parse(css: string): Rgb {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The colours of the regions the test judges: [background, text] for each. */
async function regions(page: Page): Promise<Regions> {
  const raw = await page.evaluate(() => {
    const read = (selector: string) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      const cs = getComputedStyle(el);
      return { bg: cs.backgroundColor, ink: cs.color };
    };
    return {
      // app.css paints the page on :root (html); the app's grid over it is transparent.
      page: read('html'),
      side: read('.side'),
      instance: read('.instance'),
      tile: read('.tile[data-status="RUNNING"]'),
      editor: read('.editor-host .monaco-editor .monaco-editor-background'),
      eventLog: read('.bottom'),
    };
  });
  const out = {} as Regions;
  for (const name of REGIONS) {
    const value = raw[name];
    if (!value) throw new Error(`no ${name} region on the page`);
    out[name] = { bg: parse(value.bg), ink: parse(value.ink) };
  }
  return out;
}

async function openWithTheme(theme: string) {
  const opened = await openPage(session, `/?theme=${theme}`);
  await waitForClusterPaint(opened.page);
  await opened.page.waitForFunction(() => document.querySelectorAll('.tile[data-status="RUNNING"]').length > 0, undefined, { timeout: 20_000 });
  await waitForEditor(opened.page);
  await opened.page.waitForSelector('.editor-host .monaco-editor .monaco-editor-background');
  return opened;
}

function expectDark(r: Regions) {
  for (const name of ['page', 'side', 'instance', 'editor', 'eventLog'] as const) {
    expect(luminance(r[name].bg), `${name} background`).toBeLessThan(0.05);
    expect(contrast(r[name].ink, r[name].bg), `${name} text`).toBeGreaterThanOrEqual(4.5);
  }
  // Monaco sits in its panel: its dark theme is painted on the page's own panel colour.
  expect(r.editor.bg).toEqual(r.side.bg);
  // Tiles keep their family colour and white text; they stand out from the instance box.
  expect(contrast(r.tile.ink, r.tile.bg)).toBeGreaterThanOrEqual(4.5);
  expect(contrast(r.tile.bg, r.instance.bg)).toBeGreaterThanOrEqual(1.5);
}

function expectLight(r: Regions) {
  // Today's light palette: page #f2f3f3, panels white, ink #16191f; Monaco's 'vs' paints #fffffe.
  expect(r.page.bg).toEqual([242, 243, 243]);
  expect(r.side.bg).toEqual([255, 255, 255]);
  expect(r.instance.bg).toEqual([255, 255, 255]);
  expect(r.side.ink).toEqual([22, 25, 31]);
  expect(r.editor.bg).toEqual([255, 255, 254]);
  expect(contrast(r.tile.ink, r.tile.bg)).toBeGreaterThanOrEqual(4.5);
}

describe('the theme option', () => {
  it('?theme=dark paints the page, panels, cluster view and editor dark, readable', async () => {
    const { page, context, problems } = await openWithTheme('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    expectDark(await regions(page));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('?theme=light keeps the light colours', async () => {
    const { page, context, problems } = await openWithTheme('light');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expectLight(await regions(page));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('?theme=auto follows the system colour scheme live, editor included', async () => {
    const { page, context, problems } = await openWithTheme('auto');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expectDark(await regions(page));
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    expectLight(await regions(page));
    expect(problems).toEqual([]);
    await context.close();
  });
});
