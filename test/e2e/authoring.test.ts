// Proves the authoring mode end to end: opened from the header, a scenario file with a misspelt
// key is refused with its file and line (a marker on that line) while the running scenario stays;
// fixing the text reloads it live; Check replays the solution and shows it passing. And a
// `?scenario=` URL that cannot be reached is refused by name while the default scenario runs on.
// Also: key completion, Download, drop, and focus in and out of the panel.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, startSession, waitForClusterPaint, type AppSession } from './app.ts';

const EXAMPLE = readFileSync(new URL('../fixtures/scenarios/authoring-example.yaml', import.meta.url), 'utf8');
const GOOD_TITLE = 'A service spreads its tasks over the zones';
const DEFAULT_TITLE = 'Sandbox: a small EC2 cluster';
// The first step's `title:` misspelt: the parser refuses the key, with "did you mean".
const BAD = EXAMPLE.replace('    title: Create the service', '    titel: Create the service');
const BAD_LINE = BAD.split('\n').findIndex((l) => l.includes('titel:')) + 1;

let session: AppSession;

beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

const title = (page: Page) => page.textContent('.scenario-title span');

describe('authoring mode', () => {
  let page: Page;

  it('opens from the header and refuses a file with a bad field, naming its line', async () => {
    ({ page } = await openPage(session));
    await waitForClusterPaint(page);
    await page.waitForFunction((t) => document.querySelector('.scenario-title span')?.textContent === t, DEFAULT_TITLE);
    await page.click('button.author-button');
    await page.waitForFunction(() => window.__ecsAuthoring !== undefined, undefined, { timeout: 30_000 });
    // Focus moved into the panel, on its first control.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('file-input'))).toBe(true);
    expect(BAD_LINE).toBeGreaterThan(1);
    await page.setInputFiles('input.file-input', { name: 'spread.yaml', mimeType: 'text/yaml', buffer: Buffer.from(BAD) });
    const alert = page.locator('.authoring .refusal');
    await alert.waitFor();
    const said = (await alert.textContent()) ?? '';
    expect(said).toContain('spread.yaml');
    expect(said).toMatch(/line \d+, column \d+: /);
    await page.waitForFunction((line) => (window.__ecsAuthoring?.getMarkers() ?? []).some((m) => m.startLineNumber === line && /titel/.test(m.message)), BAD_LINE);
    const listed = await page.locator('.authoring .issues li').allTextContents();
    expect(listed.some((text) => text.includes(`line ${BAD_LINE}`) && text.includes('titel'))).toBe(true);
    expect(await title(page)).toBe(DEFAULT_TITLE); // the running scenario stays
  });

  it('reloads live once the text is fixed', async () => {
    await page.evaluate((text) => window.__ecsAuthoring!.setText(text), EXAMPLE);
    await page.waitForFunction((t) => document.querySelector('.scenario-title span')?.textContent === t, GOOD_TITLE, { timeout: 15_000 });
    await page.waitForFunction(() => (window.__ecsAuthoring?.getMarkers() ?? []).length === 0);
    expect(await page.textContent('.authoring .reload-status')).toContain('Reloaded');
    expect(await page.locator('.authoring .refusal').count()).toBe(0); // the file's refusal is over
  });

  it('an invalid edit keeps the running scenario and marks the line', async () => {
    await page.evaluate((text) => window.__ecsAuthoring!.setText(text), BAD.replace(GOOD_TITLE, 'Edited title'));
    await page.waitForFunction((line) => (window.__ecsAuthoring?.getMarkers() ?? []).some((m) => m.startLineNumber === line), BAD_LINE, { timeout: 15_000 });
    expect(await page.textContent('.authoring .reload-status')).toContain('Not reloaded');
    expect(await title(page)).toBe(GOOD_TITLE);
    await page.evaluate((text) => window.__ecsAuthoring!.setText(text), EXAMPLE);
    await page.waitForFunction(() => (window.__ecsAuthoring?.getMarkers() ?? []).length === 0, undefined, { timeout: 15_000 });
  });

  it('Check replays the solution and the anti-solution', async () => {
    await page.click('.authoring button.check');
    await page.waitForSelector('.check-results', { timeout: 60_000 });
    expect(await page.getAttribute('.check-results', 'data-ok')).toBe('true');
    const solution = page.locator('.attempt[data-kind="solution"]');
    expect(await solution.getAttribute('data-ok')).toBe('true');
    expect(await solution.locator('li[data-passed="true"]').count()).toBe(4);
    expect(await page.locator('.attempt[data-kind="antiSolution"]').getAttribute('data-ok')).toBe('true');
  });

  it('completes the keys the schema allows at the cursor', async () => {
    await page.uncheck('.authoring .live input[type="checkbox"]'); // a half-typed scenario need not reload
    await page.evaluate(() => window.__ecsAuthoring!.setText('id: x\ntitle: X\nsetup: []\nsteps:\n  - id: a\n    '));
    await page.click('.authoring .editor-host .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.authoring .suggest-widget');
    await page.waitForFunction(() => /instructions/.test(document.querySelector('.authoring .suggest-widget')?.textContent ?? ''), undefined, { timeout: 10_000 });
    expect(await suggest.textContent()).toContain('objectives');
    await page.keyboard.press('Escape'); // closes the suggestions (in the editor: not the panel)
    await page.evaluate((text) => window.__ecsAuthoring!.setText(text), EXAMPLE);
    await page.check('.authoring .live input[type="checkbox"]');
  });

  it('Download saves the edited text under the name it was opened with', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.authoring button.download')]);
    expect(download.suggestedFilename()).toBe('spread.yaml');
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).toBe(EXAMPLE);
  });

  it('opens a file dropped on the panel', async () => {
    const dropped = EXAMPLE.replace(GOOD_TITLE, 'Dropped in');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.yaml', { type: 'text/yaml' }));
      const panel = document.querySelector('.authoring')!;
      panel.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      panel.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, dropped);
    await page.waitForFunction(() => document.querySelector('.scenario-title span')?.textContent === 'Dropped in', undefined, { timeout: 15_000 });
    expect(await page.textContent('.authoring .source')).toBe('dropped.yaml');
    expect(await page.evaluate(() => window.__ecsAuthoring!.getText())).toBe(dropped);
  });

  it('Escape closes the panel and gives focus back to Author', async () => {
    await page.focus('.authoring button.download');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.authoring', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('author-button'))).toBe(true);
    expect(await page.getAttribute('button.author-button', 'aria-pressed')).toBe('false');
  });
});

describe('?scenario=<url>', () => {
  it('refuses an unreachable URL by name, and the default scenario stays', async () => {
    // A loopback port nothing listens on (taken, then freed): the connection is refused at once.
    const http = await import('node:http');
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const url = `http://127.0.0.1:${port}/course/missing.yaml`;
    const { page, problems } = await openPage(session, `/?scenario=${encodeURIComponent(url)}`);
    await waitForClusterPaint(page);
    const alert = page.locator('.load-issues');
    await page.waitForFunction(() => /missing\.yaml/.test(document.querySelector('.load-issues')?.textContent ?? ''), undefined, { timeout: 20_000 });
    const said = (await alert.textContent()) ?? '';
    expect(said).toContain(url);
    expect(said).toMatch(/unreachable/);
    expect(await title(page)).toBe(DEFAULT_TITLE);
    // The only problems are the refused request itself.
    expect(problems.filter((p) => !p.includes(`127.0.0.1:${port}`) && !p.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
  });

  it('opens a scenario served as text from a URL', async () => {
    const server = await import('node:http');
    const host = server.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/yaml', 'access-control-allow-origin': '*' });
      res.end(EXAMPLE);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const port = (host.address() as { port: number }).port;
      const { page } = await openPage(session, `/?scenario=${encodeURIComponent(`http://127.0.0.1:${port}/spread.yaml`)}`);
      await waitForClusterPaint(page);
      await page.waitForFunction((t) => document.querySelector('.scenario-title span')?.textContent === t, GOOD_TITLE, { timeout: 20_000 });
    } finally {
      host.close();
    }
  });
});
