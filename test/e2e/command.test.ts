// Proves the command box runs any step of the command language typed as JSON or YAML, shows the
// response, walks its history with ArrowUp, and answers a bad step with a clear error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, type OpenedPage, startWithPage } from './app.ts';

let session: AppSession;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  ({ session, opened, page } = await startWithPage());
});
afterAll(async () => {
  await session?.close();
});

async function run(text: string) {
  const before = await page.locator('.command-entry').count();
  await page.fill('#command-input', text);
  await page.press('#command-input', text.includes('\n') ? 'Control+Enter' : 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.command-entry').length === n + 1, before);
  return page.locator('.command-entry').last();
}

describe('the command box', () => {
  it('runs a JSON step and shows the response', async () => {
    const entry = await run('{"ecs:DescribeClusters": {"clusters": ["demo"]}}');
    expect(await entry.locator('.result.ok .action').textContent()).toBe('ecs:DescribeClusters');
    expect(await entry.locator('pre.json').textContent()).toContain('"clusterName": "demo"');
    expect(await page.inputValue('#command-input')).toBe('');
  });

  it('runs a YAML wait step, which moves the virtual clock', async () => {
    await page.click('button.play[aria-pressed="true"]'); // pause, so only the wait moves time
    const clock = async () => (await page.textContent('output.clock')) ?? '';
    const before = await clock();
    await run('wait: 1h');
    await page.waitForFunction((b) => document.querySelector('output.clock')?.textContent !== b, before);
    const [h] = (await clock()).slice(1).split(':').map(Number);
    expect(h).toBeGreaterThanOrEqual(1);
  });

  it('runs a multi-line YAML list with Ctrl+Enter', async () => {
    const entry = await run('- ecs:ListClusters: {}\n- ecs:ListTaskDefinitions: {}');
    expect(await entry.locator('.result .action').allTextContents()).toEqual(['ecs:ListClusters', 'ecs:ListTaskDefinitions']);
  });

  it('answers an unknown action with a clear error', async () => {
    const entry = await run('{"ecs:RunTsk": {"cluster": "demo"}}');
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('ecs:RunTsk');
    expect(text).toMatch(/RunTask/); // did-you-mean
    expect(await entry.locator('.error').count()).toBeGreaterThan(0);
  });

  it('answers an AWS error with its code and message', async () => {
    const entry = await run('{"ecs:RunTask": {"cluster": "nope", "taskDefinition": "web"}}');
    expect(await entry.locator('.result.error').textContent()).toContain('ClusterNotFoundException');
  });

  it('answers unreadable text with where the problem is', async () => {
    const entry = await run('{"ecs:ListClusters": ');
    expect(await entry.locator('.message.error').textContent()).toMatch(/Could not read the command: line 1/);
  });

  it('recalls earlier commands with ArrowUp', async () => {
    await page.fill('#command-input', '');
    await page.press('#command-input', 'ArrowUp');
    expect(await page.inputValue('#command-input')).toBe('{"ecs:ListClusters":');
    await page.press('#command-input', 'ArrowUp');
    expect(await page.inputValue('#command-input')).toContain('"cluster": "nope"');
    expect(opened.problems).toEqual([]);
  });
});
