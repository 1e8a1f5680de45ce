// A learner takes the first course scenario through the UI alone: opens ?scenario=launch-types,
// sees the first objective fail with Expected and Actual, reveals a hint, runs the command in the
// command box, and sees the objective pass and the step complete. Then: the work survives a reload
// (restored from localStorage, "Start over" clears it), a Share link restores the run in a fresh
// browser, and a tampered link is refused while the scenario still opens. The picker switches
// scenarios in place and puts the id in the address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, sendCommand, startSession, waitForClusterPaint, type AppSession, type OpenedPage } from './app.ts';

const RUN_ON_FARGATE = { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'hello', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } } };
const OBJECTIVE = '.objective[data-objective="fargate-task"]';

let session: AppSession;
let opened: OpenedPage;
let page: Page;

async function openLesson(path: string): Promise<OpenedPage> {
  const o = await openPage(session, path);
  await waitForClusterPaint(o.page);
  await o.page.waitForSelector('[data-testid="lesson-panel"]', { timeout: 20_000 });
  return o;
}

/** Problems seen, less the requests a reload aborts on its way out (Monaco's worker, mid-fetch). */
function realProblems(o: OpenedPage): string[] {
  return o.problems.filter((p) => !(p.startsWith('requestfailed:') && p.includes('net::ERR_ABORTED')));
}

/** The states of the step chips, in order ("done", "active", "locked"). */
function stepStates(p: Page): Promise<string[]> {
  return p.$$eval('.lesson-panel .step', (els) => els.map((e) => (e as HTMLElement).dataset.state ?? ''));
}

beforeAll(async () => {
  session = await startSession();
  opened = await openLesson('/?scenario=launch-types');
  page = opened.page;
});
afterAll(async () => {
  await session?.close();
});

describe('a learner takes launch-types through the UI', () => {
  it('sees the first objective failing, with Expected and Actual side by side', async () => {
    await page.waitForSelector(`${OBJECTIVE}[data-state="failed"]`);
    expect(await stepStates(page)).toEqual(['active', 'locked', 'locked']);
    expect(await page.textContent('#active-step-title')).toBe('Step 1: Run a task on Fargate');
    const objective = page.locator(OBJECTIVE);
    expect(await objective.locator('.sentence').textContent()).toMatch(/^Expected .*FARGATE.*; found none\.$/);
    expect(await objective.locator('.comparison dt').allTextContents()).toEqual(['Expected', 'Actual']);
    expect(await objective.locator('.comparison dd').last().textContent()).toBe('0');
    // Instructions are drawn from markdown: the strong and code elements are there, no raw markers.
    expect(await page.locator('.active-step .markdown strong').first().textContent()).toBe('task');
    expect(await page.locator('.active-step .markdown').textContent()).not.toContain('**');
  });

  it('reveals the hints in order under the objective', async () => {
    const button = page.locator(`${OBJECTIVE} .hint-button`);
    expect(await button.textContent()).toBe('Show hint (1 of 3)');
    await button.click();
    await page.waitForSelector(`${OBJECTIVE} .hints li`);
    expect(await page.locator(`${OBJECTIVE} .hints li`).first().textContent()).toContain('set launchType to FARGATE');
    expect(await button.textContent()).toBe('Show hint (2 of 3)');
  });

  it('runs the command in the command box; the objective passes and the step completes', async () => {
    await sendCommand(page, RUN_ON_FARGATE);
    await page.waitForSelector('.celebrate.step-done');
    expect(await page.locator('.celebrate.step-done').textContent()).toMatch(/Step 1 done:.*Run a task on Fargate[\s\S]*✓ A task of hello was launched on Fargate/);
    expect(await stepStates(page)).toEqual(['done', 'active', 'locked']);
    expect(await page.textContent('#active-step-title')).toBe('Step 2: Run the same task on your EC2 instances');
    expect(await page.textContent('.lesson-panel .progress')).toBe('Step 2 of 3');
  });

  it('completes the whole scenario through the command box: each step fails first, then passes', async () => {
    const o = await openLesson('/?scenario=launch-types');
    const p = o.page;
    try {
      const onEc2 = { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'hello', launchType: 'EC2', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } } } };
      const fourOnFargate = { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'hello', launchType: 'FARGATE', count: 4, networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } } } };
      await sendCommand(p, RUN_ON_FARGATE);
      await p.waitForFunction(() => document.querySelector('#active-step-title')?.textContent?.startsWith('Step 2'));
      // Step 2's objective fails until the EC2 task runs; then step 3's until four more run on Fargate.
      await p.waitForSelector('.active-step .objective[data-state="failed"]');
      await sendCommand(p, onEc2);
      await sendCommand(p, { wait: '30s' });
      await p.waitForFunction(() => document.querySelector('#active-step-title')?.textContent?.startsWith('Step 3'));
      await p.waitForSelector('.active-step .objective[data-state="failed"]');
      await sendCommand(p, fourOnFargate);
      await sendCommand(p, { wait: '30s' });
      await p.waitForSelector('.celebrate.scenario-done', { timeout: 15_000 });
      expect(await p.locator('.celebrate.scenario-done').textContent()).toMatch(/Scenario complete! You did all 3 steps/);
      expect(await stepStates(p)).toEqual(['done', 'done', 'done']);
      expect(realProblems(o)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('keeps the work across a reload, and Start over clears it', async () => {
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k === 'ecs-sandbox:progress:launch-types'), undefined, { timeout: 10_000 });
    await page.reload();
    await waitForClusterPaint(page);
    await page.waitForSelector('.notice.restored', { timeout: 20_000 });
    expect(await page.textContent('.notice.restored')).toMatch(/^Restored your work from .+\.\s*Start over$/);
    await page.waitForFunction(() => document.querySelector('.lesson-panel .step')?.getAttribute('data-state') === 'done');
    await page.click('.notice.restored button');
    await page.waitForFunction(() => document.querySelector('.lesson-panel .step')?.getAttribute('data-state') === 'active');
    expect(await page.locator('.notice.restored').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('ecs-sandbox:progress:launch-types'))).toBeNull();
  });

  it('shares the run as a link that restores it in a fresh browser', async () => {
    await sendCommand(page, RUN_ON_FARGATE);
    await page.waitForSelector('.celebrate.step-done');
    await page.click('.lesson-tools button.share');
    const url = await page.locator('.share-url').inputValue();
    expect(url).toMatch(/\?scenario=launch-types#run=[A-Za-z0-9_-]+$/);
    const { pathname, search, hash } = new URL(url);
    const friend = await openLesson(pathname + search + hash); // a new context: nothing saved
    await friend.page.waitForSelector('.notice.restored');
    expect(await friend.page.textContent('.notice.restored')).toContain('Restored the shared run.');
    await friend.page.waitForFunction(() => document.querySelector('.lesson-panel .step')?.getAttribute('data-state') === 'done');
    expect(new URL(friend.page.url()).hash).toBe(''); // a reload now uses saved progress, not the link
    expect(friend.problems).toEqual([]);
    await friend.context.close();
  });

  it('refuses a cut link with a sentence, and the scenario still opens', async () => {
    const broken = await openLesson('/?scenario=launch-types#run=AAAA');
    await broken.page.waitForSelector('.notice.refused');
    expect(await broken.page.textContent('.notice.refused')).toBe('The shared run in this link was not restored: it could not be unpacked (was the link cut or edited?).');
    expect(await stepStates(broken.page)).toEqual(['active', 'locked', 'locked']);
    await broken.context.close();
  });

  it('Show solution asks first, in a dialog the keyboard can answer', async () => {
    await page.click('button.show-solution');
    await page.waitForSelector('dialog.confirm[open]');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep trying');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog.confirm:not([open])', { state: 'attached' });
    expect(await page.locator('.solution-steps').count()).toBe(0);
    await page.click('button.show-solution');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.solution-steps');
    expect(JSON.parse((await page.textContent('.solution-steps')) ?? '[]')[0]).toHaveProperty('ecs:RunTask');
    await page.click('button:has-text("Copy into the command box")');
    expect(await page.inputValue('#command-input')).toContain('"ecs:RunTask"');
    await page.fill('#command-input', '');
  });

  it('a step that asks for a prediction pauses the clock so it can be answered', async () => {
    const o = await openLesson('/?scenario=placement-strategies');
    try {
      await o.page.waitForSelector('.prediction form', { timeout: 20_000 });
      // The page starts the clock on load; the prediction step stops it at the first tick.
      await o.page.waitForSelector('.time-controls .play[aria-pressed="false"]', { timeout: 10_000 });
      const before = await o.page.evaluate(() => (window as unknown as { __ecsSandbox: { client: { snapshot: { time: number } } } }).__ecsSandbox.client.snapshot.time);
      await o.page.waitForTimeout(1500);
      const after = await o.page.evaluate(() => (window as unknown as { __ecsSandbox: { client: { snapshot: { time: number } } } }).__ecsSandbox.client.snapshot.time);
      expect(after).toBe(before);
      expect(await o.page.textContent('.prediction .note')).toMatch(/clock paused/);
    } finally {
      await o.page.close();
    }
  });

  it('the picker lists the course and switches scenarios in place', async () => {
    await page.click('.lesson-tools button:has-text("Scenarios")');
    await page.waitForSelector('dialog.picker[open] .entry[data-scenario="launch-types"]');
    expect(await page.locator('dialog.picker .group h3').first().textContent()).toBe('First steps');
    expect(await page.locator('.entry[data-scenario="launch-types"]').getAttribute('aria-current')).toBe('true');
    await page.click('.entry[data-scenario="tasks-vs-services"]');
    await page.waitForSelector('dialog.picker', { state: 'detached' });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('scenario') === 'tasks-vs-services');
    await page.waitForFunction(() => document.querySelector('.lesson-panel .step')?.getAttribute('data-state') === 'active' && !document.querySelector('#active-step-title')?.textContent?.includes('Fargate'));
    expect(realProblems(opened)).toEqual([]);
  });

  it('without storage (private mode, a sandboxed iframe) it says so in one line, and the lesson runs to its end', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    });
    const p = await context.newPage();
    const problems: string[] = [];
    p.on('pageerror', (e) => problems.push(e.message));
    await p.goto(`${session.server.origin}/?scenario=launch-types`);
    await waitForClusterPaint(p);
    await p.waitForSelector('.notice.storage');
    expect(await p.textContent('.notice.storage')).toMatch(/^Your progress is not saved: /);
    await p.click('button.show-solution');
    await p.click('button.confirm-show');
    await p.click('.solution button:has-text("Run it")');
    await p.waitForSelector('.celebrate.scenario-done', { timeout: 30_000 });
    expect(await p.textContent('.scenario-done p')).toBe('✓ Scenario complete! You did all 3 steps, with the solution shown.');
    await p.waitForSelector('.scenario-done a.next');
    expect(await p.getAttribute('.scenario-done a.next', 'href')).toMatch(/^\?scenario=[a-z0-9-]+$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('exports progress as a file and imports it in another browser; a bad file is refused and changes nothing', async () => {
    const source = await openLesson('/?scenario=launch-types');
    await sendCommand(source.page, RUN_ON_FARGATE);
    await source.page.waitForFunction(() => localStorage.getItem('ecs-sandbox:progress:launch-types') !== null, undefined, { timeout: 10_000 });
    await source.page.click('.progress-menu summary');
    const [download] = await Promise.all([source.page.waitForEvent('download'), source.page.click('button:has-text("Export progress")')]);
    expect(download.suggestedFilename()).toBe('ecs-sandbox-progress.json');
    const file = JSON.parse(await streamText(await download.createReadStream()));
    expect(file).toMatchObject({ format: 'ecs-sandbox-progress', v: 1, scenarios: [{ scenarioId: 'launch-types', summary: { stepsDone: 1, stepsTotal: 3 } }] });
    await source.context.close();

    const target = await openLesson('/?scenario=launch-types');
    await target.page.click('.progress-menu summary');
    const input = target.page.locator('input[type="file"][aria-label="Progress file to import"]');
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"ecs-sandbox-progress","v":1,"scenarios":[{"v":1}]}') });
    await target.page.waitForSelector('.menu p[role="status"]');
    expect(await target.page.textContent('.menu p[role="status"]')).toMatch(/^This file was not imported: entry 1: .*Nothing was changed\.$/);
    expect(await target.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ecs-sandbox:progress:')))).toEqual([]);
    await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await target.page.waitForFunction(() => document.querySelector('.menu p[role="status"]')?.textContent?.startsWith('Imported progress for 1 scenario.'));
    // Reopening the scenario restores the imported work.
    await target.page.reload();
    await waitForClusterPaint(target.page);
    await target.page.waitForSelector('.notice.restored', { timeout: 20_000 });
    await target.page.waitForFunction(() => document.querySelector('.lesson-panel .step')?.getAttribute('data-state') === 'done');
    expect(realProblems(target)).toEqual([]);
    await target.context.close();
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
