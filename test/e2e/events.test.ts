// Proves the "Events and queues" panel end to end in Chromium, driven as a learner would, on the two
// shipped scenarios. event-driven: the dock opens by itself with the three rules, the bucket and its
// first upload; an upload from the panel makes the on-upload rule match and run a Fargate task; the
// hourly rule fires after `wait: 70m`; the rule switch disables a rule (DISABLED, and an upload no
// longer counts); the bucket switch turns EventBridge notifications off; a refused upload shows the
// engine's error. sqs-worker: "Send messages" raises the queue's visible count, the worker service
// drains it (the sparkline follows), and a refused send shows the engine's error.
// Screenshots go to /tmp/ecs-sandbox-events-*.png for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, type OpenedPage, openPage, sendCommand, startSession, waitForClusterPaint } from './app.ts';

let session: AppSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

/** Send one command from the command box and wait for its entry; fails the test on an error. */
const command = async (page: Page, text: string): Promise<void> => void (await sendCommand(page, text));

/**
 * Stops the clock (a scenario opens playing at ×1), so the counts move only with `wait`. A lesson
 * that opens on a prediction step stops it by itself at the first tick (sqs-worker does).
 */
async function pause(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  const playing = page.locator('.time-controls .play[aria-pressed="true"]');
  if ((await playing.count()) > 0) await playing.click();
  await page.locator('.time-controls .play[aria-pressed="false"]').waitFor();
}

/** A scenario opened, painted and paused. */
async function openScenario(id: string): Promise<{ opened: OpenedPage; page: Page }> {
  const opened = await openPage(session, `/?scenario=${id}`, { width: 1400, height: 1300 });
  await waitForClusterPaint(opened.page);
  await pause(opened.page);
  return { opened, page: opened.page };
}

/** The left pane scrolls on its own: bring the panel into the picture, then take it. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.locator('.events-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `/tmp/ecs-sandbox-events-${name}.png` });
}

/** The number in `[data-count=name]` inside `scope`. */
const count = (page: Page, scope: string, name: string) => page.locator(`${scope} [data-count="${name}"]`).textContent().then(Number);
/** Waits until that number passes `test`. */
const countReaches = (page: Page, scope: string, name: string, op: '>' | '===' | '<', value: number) =>
  page.waitForFunction(
    ([sel, o, v]) => {
      const n = Number(document.querySelector(sel)?.textContent);
      return o === '>' ? n > v : o === '<' ? n < v : n === v;
    },
    [`${scope} [data-count="${name}"]`, op, value] as const,
    { timeout: 20_000 },
  );

describe('the event-driven scenario', () => {
  let opened: OpenedPage;
  let page: Page;
  const rule = (name: string) => `.events-panel .rule[data-rule="${name}"]`;
  const bucket = '.events-panel .bucket[data-bucket="photo-uploads"]';
  const shot = (name: string) => screenshot(page, name);

  beforeAll(async () => {
    ({ opened, page } = await openScenario('event-driven'));
  });
  afterAll(async () => {
    await opened?.context.close();
  });

  it('opens the dock by itself with the rules, their triggers and targets, and the bucket', async () => {
    await page.locator('.events-panel').waitFor({ timeout: 20_000 });
    expect(await page.locator('button.capacity-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('.events-panel .rule').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.rule))).toEqual(['on-upload', 'hourly-batch', 'stopped-tasks']);
    expect(await page.locator(`${rule('hourly-batch')} .trigger`).textContent()).toMatch(/Runs every hour\s+rate\(1 hour\)\s+next \+01:00:00 \(in [^)]+\)/);
    expect(await page.locator(`${rule('on-upload')} .trigger code`).textContent()).toContain('"detail-type":["Object Created"]');
    expect(await page.locator(`${rule('on-upload')} .targets li`).textContent()).toContain('RunTask image-processor:1 × 1 on cluster events-demo (FARGATE)');
    expect(await page.locator(`${rule('stopped-tasks')} .targets li`).textContent()).toContain('arn:aws:sns:us-east-1:123456789012:ops-alerts');
    // The scenario's own upload (photos/cat.jpg) matched on-upload once and started one task.
    expect(await count(page, rule('on-upload'), 'matched')).toBe(1);
    expect(await count(page, rule('on-upload'), 'tasks')).toBe(1);
    expect(await page.locator(`${bucket} .objects li`).count()).toBe(1);
    expect(await page.locator(`${bucket} .switch`).getAttribute('aria-checked')).toBe('true');
  });

  it('uploads from the panel: on-upload matches and runs a Fargate task', async () => {
    const fargateBefore = await page.locator('.tile.fargate-tile').count();
    const key = page.locator(`${bucket} input.key`);
    expect(await key.inputValue()).toBe('uploads/photo-2.jpg');
    // Keyboard only: focus the key, Enter submits the form.
    await key.focus();
    await key.press('Enter');
    await page.locator(`${bucket} .message.ok`).waitFor({ timeout: 10_000 });
    expect(await page.locator(`${bucket} .message`).textContent()).toBe('Uploaded uploads/photo-2.jpg. Matched on-upload.');
    // The answer comes before the next snapshot: wait for the object list, then the key moves on to the next free name.
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'uploads/photo-2.jpg', `${bucket} .objects li code`, { timeout: 10_000 });
    expect(await key.inputValue()).toBe('uploads/photo-3.jpg');
    // S3 → EventBridge → RunTask takes virtual time: the rule counts the event once the clock moves.
    await command(page, 'wait: 1m');
    await countReaches(page, rule('on-upload'), 'matched', '===', 2);
    await countReaches(page, rule('on-upload'), 'tasks', '===', 2);
    await page.waitForFunction((n) => document.querySelectorAll('.tile.fargate-tile').length > n, fargateBefore, { timeout: 20_000 });
  });

  it('fires the hourly rule after 70 minutes: fired once, a task started, the next firing an hour on', async () => {
    await command(page, 'wait: 70m');
    await countReaches(page, rule('hourly-batch'), 'fired', '===', 1);
    expect(await count(page, rule('hourly-batch'), 'tasks')).toBe(1);
    expect(await page.locator(`${rule('hourly-batch')} [data-testid="rule-next"]`).textContent()).toMatch(/^next \+02:00:00/);
    await shot('1-uploaded-and-fired');
  });

  it('disables a rule from its switch: DISABLED, and an upload no longer counts for it', async () => {
    const toggle = page.locator(`${rule('on-upload')} button.switch`);
    expect(await toggle.getAttribute('aria-label')).toBe('Rule on-upload enabled');
    await toggle.focus();
    await toggle.press('Enter');
    await page.locator(`${rule('on-upload')}[data-state="DISABLED"]`).waitFor({ timeout: 10_000 });
    expect(await page.locator(`${rule('on-upload')} [data-testid="rule-state"]`).textContent()).toBe('DISABLED');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    const matched = await count(page, rule('on-upload'), 'matched');
    await page.click(`${bucket} button.upload-button`);
    await page.waitForFunction((sel) => /^Uploaded uploads\/photo-3\.jpg\. No rule matched\./.test(document.querySelector(sel)?.textContent ?? ''), `${bucket} .message`, { timeout: 10_000 });
    await command(page, 'wait: 1m');
    expect(await count(page, rule('on-upload'), 'matched')).toBe(matched);
    await shot('2-rule-disabled');
    // Enable it again with the same switch.
    await toggle.click();
    await page.locator(`${rule('on-upload')}[data-state="ENABLED"]`).waitFor({ timeout: 10_000 });
  });

  it("turns the bucket's EventBridge notifications off, and shows the engine's refusal of an empty key", async () => {
    await page.click(`${bucket} button.switch`);
    await page.locator(`${bucket}[data-eventbridge="false"]`).waitFor({ timeout: 10_000 });
    await page.click(`${bucket} button.upload-button`);
    await page.waitForFunction((sel) => /EventBridge notifications are off/.test(document.querySelector(sel)?.textContent ?? ''), `${bucket} .message`, { timeout: 10_000 });
    // The box follows the suggested key until typed in: make sure it is empty when Upload is pressed.
    await page.fill(`${bucket} input.key`, '');
    await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === '', `${bucket} input.key`);
    await page.click(`${bucket} button.upload-button`);
    await page.locator(`${bucket} .message.error`).waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`no refusal shown; the bucket card reads: ${await page.locator(bucket).textContent()}`, { cause: error });
    });
    expect(await page.locator(`${bucket} .message.error`).textContent()).toMatch(/^InvalidParameterException: key is the object key/);
    expect(opened.problems).toEqual([]);
  });
});

describe('the sqs-worker scenario', () => {
  let opened: OpenedPage;
  let page: Page;
  const queue = '.events-panel .queue[data-queue="jobs"]';
  const shot = (name: string) => screenshot(page, name);

  beforeAll(async () => {
    ({ opened, page } = await openScenario('sqs-worker'));
  });
  afterAll(async () => {
    await opened?.context.close();
  });

  it('sends messages from the panel: the visible count rises, then the worker service drains the queue', async () => {
    await page.locator(queue).waitFor({ timeout: 20_000 });
    // The scenario's burst of 1,200 at minute 1, one consuming task (it may take a message or two
    // in the moment the clock runs before the pause).
    const before = await count(page, queue, 'visible');
    expect(before).toBeGreaterThan(1190);
    expect(before).toBeLessThanOrEqual(1200);
    expect(await page.locator(`${queue} .consumers li[data-consumer="worker"]`).textContent()).toMatch(/Service worker: \d+ consuming tasks?/);
    await page.fill(`${queue} input.count`, '300');
    await page.press(`${queue} input.count`, 'Enter');
    await page.locator(`${queue} .message.ok`).waitFor({ timeout: 10_000 });
    expect(await page.locator(`${queue} .message`).textContent()).toBe('Sent 300 messages.');
    // 1,500 less what the one task worked off while the engine caught up (it settles the queue on every send).
    await countReaches(page, queue, 'visible', '>', 1450);
    await command(page, 'wait: 3m');
    await shot('3-sqs-sent');
    // Scaled out on backlog per task (up to 10 tasks, 30 messages a minute each): empty within 15 minutes.
    await command(page, 'wait: 15m');
    await countReaches(page, queue, 'visible', '===', 0);
    const spark = page.locator(`${queue} svg[data-series="ApproximateNumberOfMessagesVisible"]`);
    expect(Number(await spark.getAttribute('data-points'))).toBeGreaterThan(10);
    expect(Number(await spark.getAttribute('data-last'))).toBe(0);
    expect(await spark.getAttribute('aria-label')).toMatch(/^Queue jobs: 0 visible, .* peaked at 14\d\d over the last \d+ min\.$/);
    await shot('4-sqs-drained');
  });

  it("sends at a rate, and shows the engine's refusal of a count of 0", async () => {
    await page.fill(`${queue} input.count`, '120');
    await page.fill(`${queue} input.rate`, '2');
    await page.click(`${queue} button.send-button`);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Sending 120 messages at 2 a second.', `${queue} .message`, { timeout: 10_000 });
    await page.fill(`${queue} input.count`, '0');
    await page.fill(`${queue} input.rate`, '');
    await page.click(`${queue} button.send-button`);
    await page.locator(`${queue} .message.error`).waitFor({ timeout: 10_000 });
    expect(await page.locator(`${queue} .message.error`).textContent()).toMatch(/^InvalidParameterException: sim:SendMessages: count must be a whole number/);
    expect(opened.problems).toEqual([]);
  });
});
