// Proves the page works without a mouse and without sight of the picture: Tab reaches every
// header control and each has a name; undo runs from the keyboard and takes a command back; the
// "Describe the cluster" tables list exactly the tasks the picture shows; the event log's live
// region announces a new event; the scrubber goes into the past and back by keyboard; Reset asks first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sendCommand, startWithPage, tileArns, type AppSession, type OpenedPage } from './app.ts';

let session: AppSession;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  ({ session, opened, page } = await startWithPage());
  // Undo and the scrubber arrive with the worker's first session (a lazy chunk).
  await page.waitForSelector('input.timeline-range', { timeout: 20_000 });
});
afterAll(async () => {
  await session?.close();
});

/** The accessible name of the focused element, as a screen reader would find it (roughly). */
function focusedControl(p: Page) {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const labelledBy = el.getAttribute('aria-labelledby');
    const byLabel = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    const name = (el.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : '') ?? '') || byLabel || el.textContent || el.getAttribute('title') || '';
    return { tag: el.tagName.toLowerCase(), name: name.trim(), inHeader: el.closest('header.top') !== null, cls: el.className };
  });
}

describe('keyboard and screen readers', () => {
  it('tabs through the header controls, each with a name', async () => {
    await page.click('button.play[aria-pressed="true"]'); // pause: nothing moves under the test
    // Start where a keyboard user starts: the sequential focus point at the header's title.
    await page.click('header.top h1');
    const seen: { tag: string; name: string }[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const control = await focusedControl(page);
      if (control === null) continue;
      if (!control.inHeader) {
        if (seen.length > 0) break;
        continue;
      }
      seen.push(control);
    }
    const names = seen.map((c) => c.name);
    expect(names.some((n) => /Play|Pause/.test(n))).toBe(true);
    expect(names).toContain('Speed');
    expect(names.some((n) => n.startsWith('Step'))).toBe(true);
    expect(names.some((n) => n.startsWith('Reset'))).toBe(true);
    expect(names).toContain('Timeline position (virtual time)');
    expect(names).toContain('Author');
    for (const c of seen) expect(c.name, `${c.tag} without a name`).not.toBe('');
  });

  it('every visible control in the page has a name', async () => {
    const unnamed = await page.evaluate(() => {
      const controls = document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [role="button"], [role="slider"], [tabindex]:not([tabindex="-1"])');
      const nameOf = (el: HTMLElement) => {
        const labelledBy = el.getAttribute('aria-labelledby');
        const byId = labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '';
        const byLabel = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? '').join(' ') : '';
        return (el.getAttribute('aria-label') ?? '') + byId + byLabel + (el.tagName === 'INPUT' ? (el as HTMLInputElement).placeholder ? '' : '' : el.textContent ?? '') + (el.getAttribute('title') ?? '');
      };
      return Array.from(controls)
        .filter((el) => el.offsetParent !== null && !el.closest('.monaco-editor'))
        .filter((el) => nameOf(el).trim() === '')
        .map((el) => el.outerHTML.slice(0, 160));
    });
    expect(unnamed).toEqual([]);
  });

  it('undoes a command from the keyboard', async () => {
    const before = (await tileArns(page)).length;
    await sendCommand(page, { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 2, launchType: 'EC2' } });
    await page.waitForFunction((n) => document.querySelectorAll('.tile:not(.exiting)').length === n + 2, before);
    await page.waitForSelector('button.undo:not([disabled])');
    // The Undo button, reached by Tab from Step, pressed with Enter.
    await page.focus('button.undo');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.tile:not(.exiting)').length === n, before);
    // Redo with the shortcut, from outside any field; then Ctrl+Z takes it back again.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.waitForSelector('button.redo:not([disabled])');
    await page.keyboard.press('Control+Shift+Z');
    await page.waitForFunction((n) => document.querySelectorAll('.tile:not(.exiting)').length === n + 2, before);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => document.querySelectorAll('.tile:not(.exiting)').length === n, before);
    // Ctrl+Z typed in the command box edits the text, not the run.
    await page.fill('#command-input', 'abc');
    await page.press('#command-input', 'Control+z');
    expect(await page.isEnabled('button.redo')).toBe(true);
    await page.fill('#command-input', '');
  });

  it('the cluster description lists the tasks the picture shows', async () => {
    await page.focus('button.describe-toggle');
    await page.keyboard.press('Enter');
    await page.waitForSelector('table.describe-tasks');
    expect(await page.getAttribute('button.describe-toggle', 'aria-expanded')).toBe('true');
    const captions = await page.$$eval('.describe-cluster caption', (els) => els.map((e) => e.textContent ?? ''));
    expect(captions.map((c) => c.replace(/ \(\d+\)$/, ''))).toEqual(['Container instances', 'Tasks', 'Services']);
    const tiles = (await tileArns(page)).sort();
    const rows = (await page.$$eval('table.describe-tasks tbody tr[data-task-arn]', (els) => els.map((e) => (e as HTMLElement).dataset.taskArn ?? ''))).sort();
    expect(tiles.length).toBeGreaterThan(0);
    expect(rows).toEqual(tiles);
    expect(await page.locator('table.describe-instances tbody tr').count()).toBe(6);
    expect(await page.locator('table.describe-tasks thead th[scope="col"]').count()).toBe(6);
  });

  it('the event log announces a new event politely', async () => {
    const region = page.locator('.event-announcer');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    await sendCommand(page, { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 1, launchType: 'EC2' } });
    await page.waitForFunction(() => (document.querySelector('.event-announcer')?.textContent ?? '').length > 0, undefined, { timeout: 10_000 });
    expect(await region.textContent()).toMatch(/task|placement/i);
    // The list itself is not a live region (it would flood a screen reader at max speed).
    expect(await page.locator('ol.events[aria-live]').count()).toBe(0);
    expect(opened.problems).toEqual([]);
  });

  it('the timeline scrubber jumps into the past by keyboard, and back to the present', async () => {
    const range = 'input.timeline-range';
    await sendCommand(page, 'wait: 2m'); // a run long enough for the arrow keys to move whole seconds
    await page.waitForFunction((r) => /the present$/.test(document.querySelector(r)?.getAttribute('aria-valuetext') ?? ''), range);
    await page.focus(range);
    await page.keyboard.press('Home');
    await page.waitForSelector('.past-note', { timeout: 10_000 });
    expect(await page.textContent('.past-note')).toContain('a command now starts a new branch (the future is dropped)');
    await page.waitForFunction((r) => /in the past/.test(document.querySelector(r)?.getAttribute('aria-valuetext') ?? ''), range);
    const clockAtStart = await page.textContent('output.clock');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((c) => document.querySelector('output.clock')?.textContent !== c, clockAtStart);
    await page.focus('button.back-to-present');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.past-note', { state: 'detached', timeout: 10_000 });
    await page.waitForFunction((r) => /the present$/.test(document.querySelector(r)?.getAttribute('aria-valuetext') ?? ''), range);
  });

  it('Reset asks first, and only then starts the scenario again', async () => {
    await page.waitForSelector('button.undo:not([disabled])');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.click('button.reset');
    await page.waitForTimeout(300);
    expect(await page.isEnabled('button.undo')).toBe(true); // dismissed: nothing happened
    page.once('dialog', (dialog) => void dialog.accept());
    await page.focus('button.reset');
    await page.keyboard.press('Enter');
    await page.waitForSelector('button.undo[disabled]');
    // The setup's three tasks of web, and nothing the learner ran.
    await page.waitForFunction(() => document.querySelectorAll('.tile:not(.exiting)').length === 3);
    expect(await page.textContent('output.clock')).toBe('+00:00:30');
  });
});
