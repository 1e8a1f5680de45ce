// The learning session in the real worker, driven as the UI drives it (the page's SandboxClient,
// reached through the test hook): a command typed in the command box, then undone — the task is
// gone from the worker's snapshot and from the picture, and the session says a redo is possible.
// A scenario that does not parse is refused and the loaded one stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, type OpenedPage, sendCommand, startWithPage, tileArns } from './app.ts';

let session: AppSession;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  ({ session, opened, page } = await startWithPage());
  await page.waitForFunction(() => window.__ecsSandbox?.client?.session != null, undefined, { timeout: 20_000 });
  // The page opens playing: pause, so time past the end does not clear the redo.
  await page.click('button.play[aria-pressed="true"]');
  await page.waitForSelector('button.play[aria-pressed="false"]');
});
afterAll(async () => {
  await session?.close();
});

const timelineState = () => page.evaluate(() => window.__ecsSandbox!.client!.session!.timeline);

describe('the learning session in the worker', () => {
  it('runs a command, undoes it, and the task is gone', async () => {
    const before = (await timelineState()).commands;
    const response = await sendCommand(page, { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 1 } });
    const arn: string = response.tasks[0].taskArn;
    await page.waitForFunction((n) => window.__ecsSandbox!.client!.session!.timeline.commands === n + 1, before);
    await page.waitForFunction((a) => document.querySelector(`.tile[data-arn="${a}"]`) !== null, arn);

    const undone = await page.evaluate(() => window.__ecsSandbox!.client!.undo());
    expect(undone).toMatchObject({ ok: true, undone: { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 1 } } });
    await page.waitForFunction((n) => window.__ecsSandbox!.client!.session!.timeline.commands === n, before);
    expect(await timelineState()).toMatchObject({ canRedo: true });
    const tasks = await page.evaluate(() => window.__ecsSandbox!.client!.snapshot!.tasks.map((task) => task.taskArn));
    expect(tasks).not.toContain(arn);
    await page.waitForFunction((a) => document.querySelector(`.tile[data-arn="${a}"]:not(.exiting)`) === null, arn);
    expect(await tileArns(page)).not.toContain(arn);
  });

  it('refuses a scenario that does not parse and keeps the loaded one', async () => {
    const id = await page.evaluate(() => window.__ecsSandbox!.client!.scenario!.id);
    const outcome = await page.evaluate(() => window.__ecsSandbox!.client!.loadScenarioText('id: broken\ntitle: Broken\nsetup: 12\n'));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.issues[0]!.line).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__ecsSandbox!.client!.scenario!.id)).toBe(id);
    expect(await page.evaluate(() => window.__ecsSandbox!.client!.session!.scenarioId)).toBe(id);
    expect(opened.problems).toEqual([]);
  });
});
