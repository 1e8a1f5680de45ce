// Proves the placement explainer end to end on the built app and the real engine: a placed task
// of the default scenario opens with its chosen row first and every rule as a column ("Why here?"
// and the E key; Esc closes and focus returns); the Run task form's Check placement answers a
// what-if and Run it runs it; a RunTask that cannot place (more memory than any
// instance has) gets "Why?" in the event log, whose answer names the reason with its numbers and
// offers a suggestion; applying it changes the answer. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { type AppSession, type OpenedPage, startWithPage } from './app.ts';

const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

let session: AppSession;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  ({ session, opened, page } = await startWithPage());
  await page.waitForFunction(() => document.querySelectorAll('.tile[data-status="RUNNING"]:not(.exiting)').length >= 3, undefined, { timeout: 20_000 });
  // Pause: the picture and the log stay still while the test reads them.
  await page.click('button.play[aria-pressed="true"]');
});
afterAll(async () => {
  await session?.close();
});

const dialog = 'dialog.placement-explainer';

async function waitForAnswer(): Promise<void> {
  await page.waitForSelector(`${dialog}[open]`);
  await page.waitForFunction((sel) => {
    const d = document.querySelector(sel);
    return d !== null && d.getAttribute('aria-busy') === 'false' && (d.querySelector('.summary') !== null || d.querySelector('.message.error') !== null);
  }, dialog, { timeout: 10_000 });
}

/** A closed <dialog> is hidden, not gone: wait for the `open` attribute to go. */
async function waitForClosed(): Promise<void> {
  await page.waitForSelector(`${dialog}[open]`, { state: 'detached' });
}

async function answerText(): Promise<{ headline: string; summary: string; error: string }> {
  return page.evaluate((sel) => {
    const d = document.querySelector(sel)!;
    return {
      headline: d.querySelector('.headline')?.textContent?.trim() ?? '',
      summary: d.querySelector('.summary')?.textContent?.trim() ?? '',
      error: d.querySelector('.message.error')?.textContent?.trim() ?? '',
    };
  }, dialog);
}

/** A screenshot once the dimming of a superseded answer has faded (a 120 ms transition). */
async function shot(name: string): Promise<void> {
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${SHOTS}${name}.png` });
}

async function run(text: string) {
  const before = await page.locator('.command-entry').count();
  await page.fill('#command-input', text);
  await page.press('#command-input', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.command-entry').length === n + 1, before);
}

describe('the placement explainer', () => {
  it('explains a placed task of the default scenario: chosen row first, every rule a column', async () => {
    const tile = page.locator('.tile[data-status="RUNNING"]:not(.exiting)').first();
    const taskArn = (await tile.getAttribute('data-arn'))!;
    await tile.click();
    await page.waitForSelector('aside.details button.why-here');
    await page.click('aside.details button.why-here');
    await waitForAnswer();
    const answer = await answerText();
    expect(answer.error).toBe('');
    expect(answer.headline).toMatch(/^✓\s*Placed web:1 on i-[0-9a-f]+ \((m5\.large|t3\.medium)/);
    // The chosen row comes first, and it is the instance the task runs on.
    const rows = page.locator(`${dialog} tbody tr`);
    expect(await rows.count()).toBe(6);
    expect(await rows.first().getAttribute('class')).toContain('chosen');
    const chosenId = (await rows.first().getAttribute('data-instance'))!;
    const tileInstance = await page.evaluate((arn) => document.querySelector(`.tile[data-arn="${arn}"]`)?.closest('.instance')?.textContent ?? '', taskArn);
    expect(tileInstance).toContain(chosenId);
    // Filters and strategies as columns; every cell has a sentence for the hover.
    const headers = await page.locator(`${dialog} thead tr.rules th`).allTextContents();
    expect(headers.map((h) => h.trim())).toEqual(expect.arrayContaining(['CPU', 'Memory']));
    expect(await page.locator(`${dialog} thead tr.groups th`).allTextContents()).toEqual(expect.arrayContaining(['Filters', 'Strategies']));
    const firstCell = page.locator(`${dialog} tbody tr`).first().locator('td').first();
    await firstCell.hover();
    expect(await page.textContent(`${dialog} .reading`)).toContain(chosenId);
    await shot('placement-placed');

    // The setup's RunTask placed 3 tasks: the footer steps through that request's decisions.
    const siblings = page.locator(`${dialog} .siblings`);
    expect(await siblings.textContent()).toMatch(/task [123] of 3 of this RunTask/);
    const facts = async () => (await page.textContent(`${dialog} .facts`)) ?? '';
    const before = await facts();
    const next = page.locator(`${dialog} .siblings button[aria-disabled="false"]`).first();
    await next.click();
    await page.waitForFunction(([sel, text]) => document.querySelector(sel!)?.textContent !== text, [`${dialog} .facts`, before] as const);
    expect(await facts()).toMatch(/^Task [123] of 3 · group family:web/);

    // Esc closes the dialog only (the details panel stays) and focus returns to "Why here?".
    await page.keyboard.press('Escape');
    await waitForClosed();
    expect(await page.locator('aside.details').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('why-here'))).toBe(true);
  });

  it('opens with E when a task is selected, or on a focused task tile', async () => {
    await page.locator('aside.details h2').focus();
    await page.keyboard.press('e');
    await waitForAnswer();
    expect((await answerText()).headline).toMatch(/Placed web:1/);
    await page.click(`${dialog} button[aria-label="Close the explainer"]`);
    await waitForClosed();
    await page.keyboard.press('Escape'); // close the details panel too
    await page.waitForSelector('aside.details', { state: 'detached' });

    // Nothing selected: E on a focused tile explains that tile's task.
    const tile = page.locator('.tile[data-status="RUNNING"]:not(.exiting)').last();
    const instanceText = await tile.evaluate((el) => el.closest('.instance')?.textContent ?? '');
    await tile.focus();
    await page.keyboard.press('e');
    await waitForAnswer();
    const chosen = (await page.locator(`${dialog} tbody tr.chosen`).getAttribute('data-instance'))!;
    expect(instanceText).toContain(chosen);
    await page.keyboard.press('Escape');
    await waitForClosed();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('tile'))).toBe(true);
  });

  it('checks a Run task request before running it (what-if), and Run it explains the started task', async () => {
    await page.selectOption('form.run-task select[name="taskDefinition"]', 'web:1');
    await page.click('form.run-task button.check');
    await waitForAnswer();
    expect(await page.textContent(`${dialog} .kicker`)).toBe('What if you ran it now?');
    // RunTask's default strategy is random: a what-if names no one instance.
    expect((await answerText()).headline).toMatch(/^✓\s*Would place web:1 on (one of \d eligible instances|i-[0-9a-f]+)/);
    const tilesBefore = await page.locator('.tile:not(.exiting)').count();
    await page.click(`${dialog} button.run-it`);
    await page.waitForFunction((sel) => /Placed web:1 on/.test(document.querySelector(sel)?.querySelector('.headline')?.textContent ?? ''), dialog, { timeout: 10_000 });
    expect(await page.textContent(`${dialog} .applied`)).toContain('Ran: ecs:RunTask: 1 task started.');
    await page.keyboard.press('Escape');
    await waitForClosed();
    await page.waitForFunction((n) => document.querySelectorAll('.tile:not(.exiting)').length === n + 1, tilesBefore, { timeout: 10_000 });
  });

  it('explains a RunTask that cannot place from the event log, with numbers and a suggestion, and applying it changes the answer', async () => {
    await run(JSON.stringify({
      'ecs:RegisterTaskDefinition': { family: 'huge', containerDefinitions: [{ name: 'huge', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256, memory: 12288 }] },
    }));
    await run('{"ecs:RunTask": {"cluster": "demo", "taskDefinition": "huge", "launchType": "EC2"}}');
    // The log gets the failure with the next snapshot: wait for that very line.
    const line = page.locator('.event[data-placement-id]:has-text("could not place 1 task of huge:1")').last();
    await line.waitFor({ timeout: 10_000 });
    expect(await line.getAttribute('class')).toContain('tone-bad');
    const why = line.locator('button.why');
    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}placement-event-log.png`, clip: { x: 0, y: 600, width: 1280, height: 200 } });
    await why.click();
    await waitForAnswer();
    const answer = await answerText();
    expect(answer.headline).toMatch(/Could not place huge:1/);
    // The reason with its numbers: 12288 MiB asked, the most free named.
    expect(answer.summary).toMatch(/0\/6 instances can run huge:1: 6 × insufficient memory \(needs 12288 MiB, most free \d+ MiB\)/);
    expect(await page.locator(`${dialog} tbody tr.chosen`).count()).toBe(0);
    const suggestions = page.locator(`${dialog} .suggestion`);
    expect(await suggestions.count()).toBeGreaterThan(0);
    await shot('placement-failed');

    // Refused only: all six.
    await page.click(`${dialog} label:has-text("Only refused")`);
    expect(await page.locator(`${dialog} tbody tr`).count()).toBe(6);
    await page.click(`${dialog} label:has-text("Only eligible")`);
    expect(await page.locator(`${dialog} tbody tr`).count()).toBe(0);
    await page.click(`${dialog} label:has-text("All")`);

    const apply = page.locator(`${dialog} .suggestion[data-kind="add-instance"] button`).first();
    expect(await apply.count()).toBe(1);
    await apply.click();
    await page.waitForSelector(`${dialog} .applied`);
    await waitForAnswer();
    const after = await answerText();
    expect(await page.textContent(`${dialog} .applied`)).toMatch(/Applied:/);
    expect(after.headline).toMatch(/^✓\s*Would place huge:1 on i-[0-9a-f]+/);
    expect(await page.locator(`${dialog} tbody tr`).first().getAttribute('class')).toContain('chosen');
    // The new instance is in the cluster too.
    expect(await page.locator('.instance').count()).toBe(7);
    await shot('placement-applied');
    await page.keyboard.press('Escape');
    await waitForClosed();
  });

  it('explains a request with strategies and a constraint: every group of rules, the request\'s chips, and the first task of it placed', async () => {
    await run(JSON.stringify({
      'ecs:RegisterTaskDefinition': { family: 'api', containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 128, memory: 256, portMappings: [{ containerPort: 8080, hostPort: 8080 }] }] },
    }));
    const request = {
      cluster: 'demo',
      taskDefinition: 'api',
      count: 2,
      launchType: 'EC2',
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.*' }],
    };
    // Two tasks on two m5.large instances hold port 8080; of the next two, one takes the third
    // m5.large and the other finds port 8080 taken on every m5.large and the rest refused by memberOf.
    await run(JSON.stringify({ 'ecs:RunTask': request }));
    await run(JSON.stringify({ 'ecs:RunTask': request }));
    const line = page.locator('.event[data-placement-id]:has-text("1 could not be placed: 0/7 instances can run api:1")').last();
    await line.waitFor({ timeout: 10_000 });
    await line.locator('button.why').click();
    await waitForAnswer();
    const answer = await answerText();
    // Seven instances now (the r5.large added above): 3 m5.large hold the port, 4 others are not m5.
    expect(answer.summary).toMatch(/^0\/7 instances can run api:1: /);
    expect(answer.summary).toContain('3 × host port 8080 in use');
    expect(answer.summary).toContain('4 × not matching memberOf(attribute:ecs.instance-type =~ m5.*)');
    expect(await page.locator(`${dialog} thead tr.groups th`).allTextContents()).toEqual(['Instance and outcome', 'Filters', 'Constraints', 'Strategies']);
    const headers = (await page.locator(`${dialog} thead tr.rules th`).allTextContents()).map((h) => h.trim());
    expect(headers).toEqual(['Status', 'CPU', 'Memory', 'Host ports', 'memberOf', 'spread(attribute:ecs.availability-zone)', 'binpack(memory)']);
    expect((await page.locator(`${dialog} .chip`).allTextContents()).map((c) => c.trim())).toEqual([
      '1. spread(attribute:ecs.availability-zone)',
      '2. binpack(memory)',
      'memberOf: attribute:ecs.instance-type =~ m5.*',
    ]);
    const kinds = await page.locator(`${dialog} .suggestion`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect(kinds).toEqual(expect.arrayContaining(['dynamic-host-port', 'relax-constraint']));
    // The refused m5.large rows fail on the port, with who holds it.
    const portCells = await page.locator(`${dialog} tbody td.v-fail`).allTextContents();
    expect(portCells.some((t) => /port 8080 (held by task|taken by an earlier task)/.test(t))).toBe(true);
    await shot('placement-constraints');

    // The other task of the same request was placed: spread then binpack ranked the eligible m5.large.
    await page.click(`${dialog} .siblings button[aria-label="Previous task of this request"]`);
    await page.waitForFunction((sel) => /Placed api:1 on/.test(document.querySelector(sel)?.querySelector('.headline')?.textContent ?? ''), dialog, { timeout: 10_000 });
    expect(await page.locator(`${dialog} tbody tr`).first().getAttribute('class')).toContain('chosen');
    expect(await page.textContent(`${dialog} .facts`)).toMatch(/^Task 1 of 2/);
    await shot('placement-constraints-placed');
    await page.keyboard.press('Escape');
    await waitForClosed();
    expect(opened.problems).toEqual([]);
  });

  it('explains a Fargate task: the zone AWS chose and why, without an instance table', async () => {
    await run(JSON.stringify({ 'ecs:RegisterTaskDefinition': { family: 'tiny', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'tiny', image: 'public.ecr.aws/docker/library/httpd:2.4' }] } }));
    await run(JSON.stringify({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'tiny', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1b'] } } } }));
    const tile = page.locator('.fargate-lane .tile').first();
    await tile.waitFor();
    await tile.focus();
    await page.keyboard.press('e');
    await waitForAnswer();
    const answer = await answerText();
    expect(answer.headline).toMatch(/Placed tiny:1 on Fargate$/);
    expect(answer.summary).toMatch(/^tiny:1 went to us-east-1b \(subnet-us-east-1b\) on Fargate: AWS places Fargate tasks itself/);
    expect(await page.locator(`${dialog} table`).count()).toBe(0);
    expect(await page.locator(`${dialog} .fargate-note`).count()).toBe(1);
    await page.keyboard.press('Escape');
    await waitForClosed();
    expect(opened.problems).toEqual([]);
  });
});
