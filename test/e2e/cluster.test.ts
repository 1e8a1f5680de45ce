// Proves, in a real Chromium against the built dist/, that the default scenario comes alive: the
// cluster view shows 6 instances in 3 AZ columns with 3 running task tiles; that the page loads
// (Monaco included) without a console error or failed request; and that a task run from the
// form appears as a new tile and can be stopped from its details panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, setSpeed, startSession, tileArns, waitForClusterPaint, waitForEditor, type AppSession } from './app.ts';

let session: AppSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

describe('the default scenario', () => {
  it('shows 6 container instances in 3 AZ columns and 3 running tasks', async () => {
    const { page, context } = await openPage(session);
    await waitForClusterPaint(page);
    await page.waitForFunction(() => document.querySelectorAll('.tile[data-status="RUNNING"]:not(.exiting)').length === 3, undefined, { timeout: 20_000 });
    const zones = await page.$$eval('.zone', (els) => els.map((z) => [z.querySelector('.zone-title')?.textContent, z.querySelectorAll('.instance').length]));
    expect(zones).toEqual([
      ['us-east-1a', 2],
      ['us-east-1b', 2],
      ['us-east-1c', 2],
    ]);
    expect(await page.locator('.instance').count()).toBe(6);
    // Every instance box carries its numbers: CPU and memory reserved / registered.
    const bars = await page.$$eval('.instance .bar-numbers', (els) => els.map((e) => e.textContent));
    expect(bars).toHaveLength(12);
    expect(bars.every((t) => /^\d+ \/ \d+ (CPU units|MiB)$/.test(t ?? ''))).toBe(true);
    // Tiles are labelled buttons for keyboards and screen readers.
    const label = await page.locator('.tile').first().getAttribute('aria-label');
    expect(label).toMatch(/^Task [0-9a-f]{8} of web:1, RUNNING$/);
    expect(await page.locator('.tile').first().getAttribute('role')).toBe('button');
    await context.close();
  });

  it('paints the build-time first frame before the worker is up, and the live state matches it', async () => {
    const { page, context } = await openPage(session);
    await waitForClusterPaint(page);
    // Painted from the first frame: the worker had not even started when the view was drawn.
    const atPaint = await page.evaluate(() => ({
      paintedAt: performance.getEntriesByName('cluster-view-painted')[0]!.startTime,
      workerStartedAt: performance.getEntriesByName('sandbox-worker-start')[0]?.startTime ?? Infinity,
      loadedAt: performance.getEntriesByName('sandbox-scenario-loaded')[0]?.startTime ?? Infinity,
      tiles: [...document.querySelectorAll<HTMLElement>('.tile')].map((t) => t.dataset.arn).sort(),
      instances: [...document.querySelectorAll<HTMLElement>('.instance')].map((i) => i.dataset.arn).sort(),
    }));
    // (Compared by the marks' times: by the time this runs the worker may already be up.)
    expect(atPaint.workerStartedAt).toBeGreaterThan(atPaint.paintedAt);
    expect(atPaint.loadedAt).toBeGreaterThan(atPaint.paintedAt);
    expect(atPaint.tiles).toHaveLength(3);
    await page.waitForFunction(() => performance.getEntriesByName('sandbox-scenario-loaded').length === 1, undefined, { timeout: 20_000 });
    // The engine is deterministic, so the live state has the very same tasks and instances.
    const live = await page.evaluate(() => ({
      tiles: [...document.querySelectorAll<HTMLElement>('.tile:not(.exiting)')].map((t) => t.dataset.arn).sort(),
      instances: [...document.querySelectorAll<HTMLElement>('.instance')].map((i) => i.dataset.arn).sort(),
    }));
    expect(live).toEqual({ tiles: atPaint.tiles, instances: atPaint.instances });
    await context.close();
  });

  it('loads without console errors or failed requests, Monaco included', async () => {
    const { page, context, problems } = await openPage(session);
    await waitForClusterPaint(page);
    await waitForEditor(page);
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 20_000 });
    await page.waitForTimeout(1000); // let the JSON worker answer and the schema load
    expect(problems).toEqual([]);
    const paint = await page.evaluate(() => performance.getEntriesByName('cluster-view-painted').length);
    expect(paint).toBe(1);
    await context.close();
  });
});

describe('run and stop a task', () => {
  it('a task run from the form gets a tile on an instance, and Stop task stops it', async () => {
    const { page, context, problems } = await openPage(session);
    await waitForClusterPaint(page);
    await page.waitForFunction(() => document.querySelectorAll('.tile[data-status="RUNNING"]').length === 3, undefined, { timeout: 20_000 });
    const before = await tileArns(page);

    await page.selectOption('form.run-task select[name="taskDefinition"]', 'web:1');
    await page.fill('form.run-task input[name="count"]', '1');
    await page.click('form.run-task button[type="submit"]');
    await page.waitForSelector('form.run-task .result.ok', { timeout: 10_000 });
    expect(await page.textContent('form.run-task .result')).toContain('1 task started');

    await page.waitForFunction((n) => document.querySelectorAll('.tile:not(.exiting)').length === n, before.length + 1, { timeout: 10_000 });
    const added = (await tileArns(page)).filter((arn) => !before.includes(arn));
    expect(added).toHaveLength(1);
    const tile = page.locator(`.tile[data-arn="${added[0]}"]`);
    // It sits inside an instance box.
    expect(await tile.evaluate((el) => el.closest('.instance') !== null)).toBe(true);

    await setSpeed(page, '10');
    await page.waitForSelector(`.tile[data-arn="${added[0]}"][data-status="RUNNING"]`, { timeout: 20_000 });
    await tile.click();
    await page.waitForSelector('aside.details');
    expect(await page.textContent('aside.details h2')).toContain(added[0]!.split('/').pop()!);
    expect(await page.textContent('aside.details pre.json')).toContain('"lastStatus": "RUNNING"');
    await page.click('aside.details button:has-text("Stop task")');
    // ×60, not max: at max the sandbox would jump straight past STOPPED to the task's removal an
    // hour later, faster than a 100 ms snapshot could show it.
    await setSpeed(page, '60');
    await page.waitForSelector('aside.details .status-pill[data-status="STOPPED"]', { timeout: 20_000 });
    expect(await page.textContent('aside.details pre.json')).toContain('"stopCode": "UserInitiated"');
    // The other tasks are untouched.
    expect((await tileArns(page, 'RUNNING')).length).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('explains a placement failure with numbers when the cluster is full', async () => {
    const { page, context, problems } = await openPage(session);
    await waitForClusterPaint(page);
    await page.fill('form.run-task input[name="count"]', '10');
    // 6 instances × 2048 CPU units at 256 units a task hold at most 48 tasks: 6 rounds of 10 overflow.
    for (let round = 0; round < 6; round++) {
      await page.click('form.run-task button[type="submit"]');
      await page.waitForSelector('form.run-task button[type="submit"]:not([disabled])');
    }
    await page.waitForSelector('form.run-task .result.error .explanation', { timeout: 10_000 });
    const explanation = await page.textContent('form.run-task .result.error .explanation');
    expect(explanation).toMatch(/0\/6 instances can run web:1/);
    expect(explanation).toMatch(/insufficient (CPU|memory) \(needs \d+/);
    expect(await page.locator('form.run-task .result.error .failure').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens instance details with the keyboard and closes them with Escape', async () => {
    const { page, context } = await openPage(session);
    await waitForClusterPaint(page);
    await page.focus('.instance');
    await page.keyboard.press('Enter');
    await page.waitForSelector('aside.details');
    expect(await page.textContent('aside.details h2')).toMatch(/^Container instance i-[0-9a-f]+/);
    expect(await page.textContent('aside.details pre.json')).toContain('"registeredResources"');
    await page.keyboard.press('Escape');
    await page.waitForSelector('aside.details', { state: 'detached' });
    await context.close();
  });
});
