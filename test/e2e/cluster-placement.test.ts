// Proves, in a real Chromium against the built dist/, issue 4's cluster view and Run task form:
// the form's Request JSON is the exact RunTask request of a console template (and the form
// objects to a count of 11); a task run with BinPack is placed as binpack places it; every
// instance shows its ENI slots and host ports, and an awsvpc task takes a slot; Fargate tasks
// run from the form appear in their AZ's "Fargate (serverless)" lane with size and private IP;
// the custom editor works from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, sendCommand, setSpeed, startWithPage, tileArns } from './app.ts';

let session: AppSession;
let page: Page;
let problems: string[];
beforeAll(async () => {
  const started = await startWithPage();
  session = started.session;
  page = started.page;
  problems = started.opened.problems;
  await page.waitForFunction(() => document.querySelectorAll('.tile[data-status="RUNNING"]').length === 3, undefined, { timeout: 20_000 });
});
afterAll(async () => {
  await session?.close();
});

const FORM = 'form.run-task';

async function requestJson(): Promise<Record<string, unknown>> {
  const open = await page.$eval(`${FORM} details.request-json`, (d) => (d as HTMLDetailsElement).open);
  if (!open) await page.click(`${FORM} details.request-json summary`);
  return JSON.parse((await page.textContent(`${FORM} details.request-json pre`)) ?? '{}') as Record<string, unknown>;
}

const command = async (step: unknown): Promise<void> => void (await sendCommand(page, step));

async function runFromForm(): Promise<string> {
  await page.click(`${FORM} button[type="submit"]`);
  await page.waitForSelector(`${FORM} button[type="submit"]:not([disabled])`);
  await page.waitForSelector(`${FORM} .result`);
  return (await page.textContent(`${FORM} .result .result-summary`)) ?? '';
}

describe('the Run task form', () => {
  it('shows the exact RunTask request of a console template, and objects to a count of 11', async () => {
    await page.selectOption(`${FORM} select[name="taskDefinition"]`, 'web:1');
    await page.selectOption(`${FORM} select[name="placementTemplate"]`, 'az-balanced-binpack');
    await page.fill(`${FORM} input[name="count"]`, '2');
    expect(await requestJson()).toEqual({
      cluster: 'demo',
      taskDefinition: 'web:1',
      count: 2,
      launchType: 'EC2',
      placementStrategy: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'binpack', field: 'memory' },
      ],
    });
    // bridge mode: no networking section; web:1 is no awsvpc definition
    expect(await page.locator(`${FORM} fieldset.network`).count()).toBe(0);

    await page.fill(`${FORM} input[name="count"]`, '11');
    await page.waitForSelector(`${FORM} #run-task-count-issue`);
    expect(await page.textContent(`${FORM} #run-task-count-issue`)).toBe(
      'Count must be a whole number from 1 to 10 (RunTask starts at most 10 tasks per call); it is 11.',
    );
    expect(await page.getAttribute(`${FORM} input[name="count"]`, 'aria-invalid')).toBe('true');
    expect(await page.isDisabled(`${FORM} button[type="submit"]`)).toBe(true);
    await page.fill(`${FORM} input[name="count"]`, '1');
    expect(await page.isDisabled(`${FORM} button[type="submit"]`)).toBe(false);
  });

  it('Check placement opens the placement explainer on the form’s request, without running it', async () => {
    const before = await tileArns(page);
    await page.click(`${FORM} button.check`);
    await page.waitForSelector('dialog.placement-explainer[open]', { timeout: 10_000 });
    await page.waitForFunction(() => /\d+\/6 instances/.test(document.querySelector('#placement-explainer-summary')?.textContent ?? ''), undefined, { timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog.placement-explainer[open]', { state: 'detached' });
    // Focus comes back to the button, and nothing was run.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('check'))).toBe(true);
    expect(await tileArns(page)).toEqual(before);
  });

  it('places tasks run with BinPack (memory) on one instance, the fullest that fits', async () => {
    const before = await tileArns(page);
    await page.selectOption(`${FORM} select[name="placementTemplate"]`, 'binpack');
    await page.check(`${FORM} input[name="binpackField"][value="memory"]`);
    await page.fill(`${FORM} input[name="count"]`, '3');
    expect((await requestJson()).placementStrategy).toEqual([{ type: 'binpack', field: 'memory' }]);
    expect(await runFromForm()).toBe('3 tasks started');
    await page.waitForFunction((n) => document.querySelectorAll('.tile:not(.exiting)').length === n, before.length + 3);
    const added = (await tileArns(page)).filter((arn) => !before.includes(arn));
    const hosts = await Promise.all(added.map((arn) => page.$eval(`.tile[data-arn="${arn}"]`, (el) => el.closest<HTMLElement>('.instance')?.dataset.arn)));
    // binpack on memory: the first task goes where the least memory is left, which then has even
    // less, so all three share one instance.
    expect(new Set(hosts).size).toBe(1);
    expect(hosts[0]).toBeTruthy();
  });

  it('edits custom strategies and constraints from the keyboard, objecting to an empty memberOf', async () => {
    await page.selectOption(`${FORM} select[name="placementTemplate"]`, 'az-balanced-spread');
    await page.selectOption(`${FORM} select[name="placementTemplate"]`, 'custom');
    // Custom starts from the template chosen before.
    expect((await requestJson()).placementStrategy).toEqual([
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'spread', field: 'instanceId' },
    ]);
    await page.focus(`${FORM} button:has-text("+ Add constraint")`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${FORM} input[aria-label="Constraint 1 expression"]`);
    expect(await page.textContent(`${FORM} #constraint-issue-0`)).toMatch(/^Constraint 1: memberOf needs an expression/);
    expect(await page.isDisabled(`${FORM} button[type="submit"]`)).toBe(true);
    await page.focus(`${FORM} input[aria-label="Constraint 1 expression"]`);
    await page.keyboard.type('attribute:ecs.instance-type == t3.medium');
    await page.focus(`${FORM} button[aria-label="Move strategy 2 up"]`);
    await page.keyboard.press('Enter');
    const request = await requestJson();
    expect(request.placementStrategy).toEqual([
      { type: 'spread', field: 'instanceId' },
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
    ]);
    expect(request.placementConstraints).toEqual([{ type: 'memberOf', expression: 'attribute:ecs.instance-type == t3.medium' }]);
    expect(await page.isDisabled(`${FORM} button[type="submit"]`)).toBe(false);
    // Back to no strategy for the tests below.
    await page.selectOption(`${FORM} select[name="placementTemplate"]`, 'random');
  });
});

describe('instances show ENI slots and host ports', () => {
  it('every instance has ENI slots (maxEnis − 1) and the dynamic host ports of its web tasks', async () => {
    await page.waitForFunction(() => [...document.querySelectorAll('.instance .eni-numbers')].every((e) => !e.textContent?.includes('?')), undefined, { timeout: 10_000 });
    const boxes = await page.$$eval('.instance', (els) =>
      els.map((el) => ({
        type: el.querySelector('.instance-type')?.textContent,
        eni: el.querySelector('.eni-numbers')?.textContent,
        slots: el.querySelectorAll('.eni-slots .slot').length,
        ports: el.querySelector('.ports-value')?.textContent ?? '',
        portsTitle: el.querySelector('.ports-row')?.getAttribute('title') ?? '',
        webTiles: el.querySelectorAll('.tile[data-family="web"]:not(.exiting)').length,
      })),
    );
    expect(boxes).toHaveLength(6);
    // m5.large and t3.medium both have 3 ENIs: 3 − 1 primary = 2 slots, none used yet
    for (const box of boxes) expect([box.eni, box.slots]).toEqual(['0 / 2', 2]);
    // web:1 maps containerPort 80 to a dynamic host port from 32768
    for (const box of boxes.filter((b) => b.webTiles > 0)) {
      expect(box.ports).toMatch(/^327\d\d/);
      expect(box.portsTitle).toMatch(/^Host ports in use: TCP 327\d\d/);
      expect(box.portsTitle).toContain('(the agent also reserves 22, 2375, 2376, 51678, 51679)');
    }
    for (const box of boxes.filter((b) => b.webTiles === 0)) expect(box.ports).toBe('none');
  });

  it('an awsvpc task run from the form takes one ENI slot on its instance', async () => {
    await command({
      'ecs:RegisterTaskDefinition': { family: 'vpc', networkMode: 'awsvpc', containerDefinitions: [{ name: 'v', image: 'nginx', cpu: 128, memory: 256 }] },
    });
    await page.selectOption(`${FORM} select[name="taskDefinition"]`, 'vpc:1');
    await page.fill(`${FORM} input[name="count"]`, '1');
    await page.waitForSelector(`${FORM} fieldset.network`);
    const request = await requestJson();
    expect(request.networkConfiguration).toEqual({
      awsvpcConfiguration: {
        subnets: ['subnet-us-east-1a', 'subnet-us-east-1b', 'subnet-us-east-1c'],
        securityGroups: ['sg-default'],
        assignPublicIp: 'DISABLED',
      },
    });
    const before = await tileArns(page);
    expect(await runFromForm()).toBe('1 task started');
    await page.waitForFunction((n) => document.querySelectorAll('.tile:not(.exiting)').length === n, before.length + 1);
    const [arn] = (await tileArns(page)).filter((a) => !before.includes(a));
    const eni = await page.$eval(`.tile[data-arn="${arn}"]`, (el) => {
      const box = el.closest('.instance')!;
      return { text: box.querySelector('.eni-numbers')?.textContent, used: box.querySelectorAll('.eni-slots .slot.used').length };
    });
    expect(eni).toEqual({ text: '1 / 2', used: 1 });
  });

  it('a DRAINING instance is drawn drained and labelled', async () => {
    const arn = await page.locator('.instance').last().getAttribute('data-arn');
    await command({ 'ecs:UpdateContainerInstancesState': { cluster: 'demo', containerInstances: [arn], status: 'DRAINING' } });
    const box = page.locator(`.instance[data-arn="${arn}"]`);
    await page.waitForSelector(`.instance.draining[data-arn="${arn}"]`);
    expect(await box.locator('.instance-status').textContent()).toBe('DRAINING');
    expect(await box.getAttribute('aria-label')).toContain('DRAINING (no new tasks are placed on it)');
    await command({ 'ecs:UpdateContainerInstancesState': { cluster: 'demo', containerInstances: [arn], status: 'ACTIVE' } });
    await page.waitForSelector(`.instance:not(.draining)[data-arn="${arn}"]`);
  });
});

describe('Fargate lanes', () => {
  it('tasks run on Fargate from the form appear in their AZ lane with size and private IP', async () => {
    expect(await page.isHidden('.fargate-lane')).toBe(true);
    await command({
      'ecs:RegisterTaskDefinition': {
        family: 'api',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'api', image: 'nginx', portMappings: [{ containerPort: 8080 }] }],
      },
    });
    await page.selectOption(`${FORM} select[name="taskDefinition"]`, 'api:1');
    await page.check(`${FORM} input[name="launchType"][value="FARGATE"]`);
    await page.fill(`${FORM} input[name="count"]`, '3');
    // Fargate: networking, no placement section, no placement fields in the request
    expect(await page.locator(`${FORM} fieldset.placement`).count()).toBe(0);
    const request = await requestJson();
    expect(request).toEqual({
      cluster: 'demo',
      taskDefinition: 'api:1',
      count: 3,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b', 'subnet-us-east-1c'], securityGroups: ['sg-default'], assignPublicIp: 'DISABLED' },
      },
    });
    expect(await runFromForm()).toBe('3 tasks started');
    await setSpeed(page, '10');
    await page.waitForFunction(() => document.querySelectorAll('.fargate-lane .tile[data-status="RUNNING"]').length === 3, undefined, { timeout: 20_000 });
    await setSpeed(page, '1');
    const lanes = await page.$$eval('.zone', (zones) =>
      zones.map((z) => ({
        zone: z.querySelector('.zone-title')?.textContent,
        title: z.querySelector('.fargate-lane .lane-title')?.textContent,
        tiles: [...z.querySelectorAll<HTMLElement>('.fargate-lane .tile')].map((t) => ({
          size: t.querySelector('.tile-size')?.textContent,
          ip: t.querySelector('.tile-ip')?.textContent ?? '',
          title: t.getAttribute('title') ?? '',
          inInstance: t.closest('.instance') !== null,
        })),
      })),
    );
    expect(lanes.every((l) => l.title === 'Fargate (serverless)')).toBe(true);
    const tiles = lanes.flatMap((l) => l.tiles);
    expect(tiles).toHaveLength(3);
    for (const tile of tiles) {
      expect(tile.size).toBe('0.25 vCPU · 0.5 GB');
      expect(tile.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(tile.title).toContain(`private IP ${tile.ip}`);
      expect(tile.inInstance).toBe(false);
    }
    // Three subnets in three AZs: Fargate spreads the tasks, one per lane.
    expect(lanes.map((l) => l.tiles.length)).toEqual([1, 1, 1]);
    expect(await page.textContent('.cluster-summary')).toContain('(3 on Fargate)');
    expect(problems).toEqual([]);
  });
});
