// Proves the time controls drive the worker's clock: the sandbox opens playing, Space pauses it
// (when focus is not in a field), Step advances a paused clock, 'max' runs far ahead of real time
// and the worker still answers commands while it does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, setSpeed, startSession, waitForClusterPaint, type AppSession } from './app.ts';

let session: AppSession;
let page: Page;

beforeAll(async () => {
  session = await startSession();
  page = (await openPage(session)).page;
  await waitForClusterPaint(page);
});
afterAll(async () => {
  await session?.close();
});

/** The virtual clock in seconds, read from the header (+HH:MM:SS). */
async function clockSeconds(): Promise<number> {
  const text = (await page.textContent('output.clock')) ?? '+00:00:00';
  const [h, m, s] = text.slice(1).split(':').map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
}

describe('time controls', () => {
  it('opens playing, and Space pauses', async () => {
    await page.waitForSelector('button.play[aria-pressed="true"]');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Space');
    await page.waitForSelector('button.play[aria-pressed="false"]');
    const paused = await clockSeconds();
    await page.waitForTimeout(1500);
    expect(await clockSeconds()).toBe(paused);
  });

  it('Space typed into the command box is just a space', async () => {
    await page.fill('#command-input', 'wait:');
    await page.press('#command-input', 'Space');
    expect(await page.inputValue('#command-input')).toBe('wait: ');
    await page.waitForSelector('button.play[aria-pressed="false"]');
    await page.fill('#command-input', '');
  });

  it('Step advances the paused clock', async () => {
    const before = await clockSeconds();
    await page.click('button:has-text("Step")');
    await page.waitForFunction((b) => {
      const [h, m, s] = (document.querySelector('output.clock')?.textContent ?? '+0:0:0').slice(1).split(':').map(Number);
      return h! * 3600 + m! * 60 + s! > b;
    }, before);
  });

  it("'max' runs far ahead of real time and still answers commands", async () => {
    await setSpeed(page, 'max');
    const before = await clockSeconds();
    await page.click('button.play');
    await page.waitForSelector('button.play[aria-pressed="true"]');
    await page.waitForTimeout(1000);
    expect((await clockSeconds()) - before).toBeGreaterThanOrEqual(30); // ≥ ×30 over one real second
    const asked = Date.now();
    await page.fill('#command-input', '{"ecs:ListClusters": {}}');
    await page.press('#command-input', 'Enter');
    await page.waitForSelector('.command-entry .result.ok');
    expect(Date.now() - asked).toBeLessThan(3000);
  });
});
