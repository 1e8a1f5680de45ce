// Proves the services UI end to end in Chromium: an ALB, target group and listener made from the
// command box; a service created behind it from the service editor (Monaco, prefilled, with the
// CreateService schema; a refused request shows AWS's error); the services panel's counts,
// deployments and events; the load balancer drawn above the cluster with one health-coloured line
// per target, tasks sharing an instance through distinct dynamic ports; a rolling update (Update…,
// Ctrl+S) drawing old and new revisions apart; picking a service; Delete refused without force and
// accepted with it; targets a security group keeps out drawn red with the reason on their group. Screenshots go to /tmp/ecs-sandbox-services-*.png for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, type OpenedPage, startWithPage } from './app.ts';

let session: AppSession;
let opened: OpenedPage;
let page: Page;
const shot = (name: string) => page.screenshot({ path: `/tmp/ecs-sandbox-services-${name}.png` });

beforeAll(async () => {
  ({ session, opened, page } = await startWithPage());
  await page.setViewportSize({ width: 1400, height: 1000 });
});
afterAll(async () => {
  await session?.close();
});

/** Run one step in the command box; its response JSON, or null for an error. */
async function run(step: unknown): Promise<Record<string, any> | null> {
  const before = await page.locator('.command-entry').count();
  await page.fill('#command-input', typeof step === 'string' ? step : JSON.stringify(step));
  await page.press('#command-input', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.command-entry').length === n + 1, before);
  const json = page.locator('.command-entry').last().locator('pre.json');
  return (await json.count()) > 0 ? JSON.parse((await json.textContent()) ?? 'null') : null;
}

async function openServiceEditor(button: string): Promise<void> {
  await page.click(button);
  await page.waitForFunction(() => window.__ecsSandbox?.serviceEditor !== undefined, undefined, { timeout: 20_000 });
}

const editorText = () => page.evaluate(() => window.__ecsSandbox!.serviceEditor!.getText());
const setEditorText = (text: string) => page.evaluate((t) => window.__ecsSandbox!.serviceEditor!.setText(t), text);
const editorMessage = () => page.locator('[data-testid="service-editor-message"]');

let targetGroupArn = '';

describe('services and load balancers in the UI', () => {
  it('creates an ALB, a target group and a listener from the command box, drawn above the cluster', async () => {
    const lb = await run({ 'elbv2:CreateLoadBalancer': { Name: 'web-alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b', 'subnet-us-east-1c'], Type: 'application' } });
    const tg = await run({ 'elbv2:CreateTargetGroup': { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'instance' } });
    targetGroupArn = tg!.TargetGroups[0].TargetGroupArn;
    await run({ 'elbv2:CreateListener': { LoadBalancerArn: lb!.LoadBalancers[0].LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }] } });
    await page.waitForSelector('.lb-strip:not([hidden]) article.lb[data-kind="application"] .tg[data-tg]');
    expect(await page.textContent('article.lb .lb-name')).toBe('web-alb');
    expect(await page.textContent('article.lb .tg-name')).toBe('web-tg');
    expect(await page.locator('.lb-legend [data-health]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.health))).toEqual(['initial', 'healthy', 'unhealthy', 'draining']);
  });

  it('opens the service editor prefilled with a CreateService request for that target group, with the schema', async () => {
    await openServiceEditor('button.create-service');
    const request = JSON.parse(await editorText());
    expect(request).toMatchObject({ cluster: 'demo', taskDefinition: 'web:1', loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 80 }] });
    // The JSON Schema is on: a string where an integer belongs gets a schema marker.
    await setEditorText(JSON.stringify({ ...request, desiredCount: 'seven' }, null, 2));
    await page.waitForFunction(() => (window.__ecsSandbox!.serviceEditor!.getMarkers() ?? []).some((m) => /integer/i.test(m.message)), undefined, { timeout: 15_000 });
    expect(await page.locator('.schema-note').count()).toBe(0);
  });

  it("shows AWS's error when the request is refused, and creates the service when it is fixed", async () => {
    const request = JSON.parse(await editorText());
    await setEditorText(JSON.stringify({ ...request, desiredCount: 7, taskDefinition: 'nope:1' }, null, 2));
    await page.click('button.send-service');
    await page.waitForSelector('[data-testid="service-editor-message"].error');
    expect(await editorMessage().textContent()).toMatch(/Exception: /);
    await setEditorText(JSON.stringify({ ...request, desiredCount: 7 }, null, 2));
    await page.click('button.send-service');
    await page.waitForSelector('[data-testid="service-editor-message"].ok');
    await shot('1-editor');
    await page.click('button[aria-label="Close the service editor"]');
    expect(await page.locator('.service-editor').count()).toBe(0);
  });

  it('shows the service with its counts, deployment and events, and a healthy line per task', async () => {
    await run('wait: 4m');
    await page.waitForFunction(() => document.querySelector('.service-card [data-count="running"]')?.textContent === '7', undefined, { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll('svg.lb-links g.lb-link[data-health="healthy"]').length === 7, undefined, { timeout: 20_000 });
    const card = page.locator('.service-card[data-service="web-service"]');
    expect(await card.locator('[data-count="desired"]').textContent()).toBe('7');
    expect(await card.locator('tr[data-deployment-status="PRIMARY"] .rollout').textContent()).toBe('COMPLETED');
    const events = await card.locator('.service-events li span').allTextContents();
    expect(events[0]).toContain('has reached a steady state.');
    const stamps = await card.locator('.service-events li time').allTextContents();
    expect([...stamps].sort().reverse()).toEqual(stamps); // newest first
    // Seven tasks on six instances: at least two share one, through two distinct host ports.
    const targets = await page.locator('svg.lb-links g.lb-link').evaluateAll((els) => els.map((e) => ({ target: e.getAttribute('data-target')!, task: e.getAttribute('data-task')!, d: e.querySelector('path')!.getAttribute('d')! })));
    expect(new Set(targets.map((t) => t.target)).size).toBe(7);
    expect(new Set(targets.map((t) => t.task)).size).toBe(7);
    expect(new Set(targets.map((t) => t.d.split(' ').pop())).size).toBe(7); // seven distinct end points
    const perInstance = new Map<string, number>();
    for (const t of targets) perInstance.set(t.target.split(':')[0]!, (perInstance.get(t.target.split(':')[0]!) ?? 0) + 1);
    expect(Math.max(...perInstance.values())).toBeGreaterThanOrEqual(2);
    // Each line ends at its task's tile.
    for (const t of targets) expect(await page.locator(`.tile[data-arn="${t.task}"]`).count()).toBe(1);
    await shot('2-steady');
  });

  it('draws a rolling update: old and new revisions apart, PRIMARY and ACTIVE deployments', async () => {
    await run({ 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.28', cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 0 }] }] } });
    await openServiceEditor('.service-card button.update-service');
    expect(JSON.parse(await editorText())).toMatchObject({ service: 'web-service', taskDefinition: 'web:2', desiredCount: 7 });
    await page.click('.service-editor .monaco-editor .view-lines');
    await page.keyboard.press('Control+s');
    await page.waitForSelector('[data-testid="service-editor-message"].ok');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('.service-editor') === null);
    await run('wait: 20s');
    await page.waitForFunction(() => document.querySelectorAll('.tile[data-deployment="new"]').length > 0 && document.querySelectorAll('.tile[data-deployment="old"]').length > 0, undefined, { timeout: 20_000 });
    const card = page.locator('.service-card[data-service="web-service"]');
    expect(await card.locator('tr[data-deployment-status] .dep-status').allTextContents()).toEqual(['PRIMARY', 'ACTIVE']);
    expect(await card.locator('.badge.deploying').count()).toBe(1);
    const oldDefs = await page.locator('.tile[data-deployment="old"] .tile-def').allTextContents();
    const newDefs = await page.locator('.tile[data-deployment="new"] .tile-def').allTextContents();
    expect(new Set(oldDefs)).toEqual(new Set(['web:1']));
    expect(new Set(newDefs)).toEqual(new Set(['web:2']));
    const styles = await page.evaluate(() => {
      const look = (sel: string) => {
        const s = getComputedStyle(document.querySelector(sel)!);
        return `${s.borderTopStyle}|${s.boxShadow}`;
      };
      return { old: look('.tile[data-deployment="old"]'), new: look('.tile[data-deployment="new"]') };
    });
    expect(styles.old).not.toEqual(styles.new);
    await shot('3-rolling');
  });

  it('picks a service: its tasks stand out, the others fade', async () => {
    await run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web:1', count: 1 } });
    await page.click('.service-card button.service-name');
    await page.waitForSelector('.zones.service-selected');
    const hit = await page.locator('.tile.svc-hit:not(.exiting)').count();
    const service = await page.locator('.tile[data-service="web-service"]:not(.exiting)').count();
    expect(hit).toBe(service);
    expect(await page.locator('.tile:not(.svc-hit):not(.exiting)').count()).toBeGreaterThan(0);
    await shot('4-selected');
    await page.click('.service-card button.service-name');
    expect(await page.locator('.zones.service-selected').count()).toBe(0);
  });

  it('finishes the rollout, then Delete is refused without force and accepted with it', async () => {
    await run('wait: 10m');
    await page.waitForFunction(() => document.querySelectorAll('.service-card tr[data-deployment-status]').length === 1, undefined, { timeout: 20_000 });
    expect(await page.locator('.tile[data-deployment="old"]:not(.exiting)').count()).toBe(0);
    const card = page.locator('.service-card[data-service="web-service"]');
    await card.locator('button.delete-service').click();
    await page.waitForSelector('[data-testid="service-message"].error');
    expect(await card.locator('[data-testid="service-message"]').textContent()).toMatch(/Exception/);
    await card.locator('.service-actions input[type="checkbox"]').check();
    await card.locator('button.delete-service').click();
    await page.waitForSelector('[data-testid="service-message"].ok');
    await page.waitForFunction(() => document.querySelector('.service-card')?.getAttribute('data-status') !== 'ACTIVE', undefined, { timeout: 20_000 });
    await shot('5-deleted');
  });

  it('draws targets a security group keeps out as unhealthy, with the reason on their target group', async () => {
    const sg = await run({ 'ec2:CreateSecurityGroup': { GroupName: 'alb-sg', Description: 'the load balancer only', VpcId: 'vpc-default' } });
    const lb = await run({ 'elbv2:CreateLoadBalancer': { Name: 'locked-alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], Type: 'application', SecurityGroups: [sg!.GroupId] } });
    const tg = await run({ 'elbv2:CreateTargetGroup': { Name: 'locked-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'instance', HealthCheckIntervalSeconds: 10 } });
    const tgArn: string = tg!.TargetGroups[0].TargetGroupArn;
    await run({ 'elbv2:CreateListener': { LoadBalancerArn: lb!.LoadBalancers[0].LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] } });
    await run({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'locked', taskDefinition: 'web:2', desiredCount: 2, healthCheckGracePeriodSeconds: 300, loadBalancers: [{ targetGroupArn: tgArn, containerName: 'web', containerPort: 80 }] } });
    await run('wait: 60s');
    const chip = page.locator(`.tg[data-tg="${tgArn}"]`);
    await chip.locator('.tg-problem:not([hidden])').waitFor({ timeout: 20_000 });
    expect(await chip.locator('.tg-problem').textContent()).toMatch(/^Target\.\w+/);
    await page.waitForFunction(() => document.querySelectorAll('svg.lb-links g.lb-link[data-health="unhealthy"]').length === 2, undefined, { timeout: 20_000 });
    expect(await page.locator('svg.lb-links g.lb-link[data-health="unhealthy"] .lb-line').evaluateAll((els) => els.map((e) => getComputedStyle(e).stroke))).toEqual(['rgb(217, 21, 21)', 'rgb(217, 21, 21)']);
    await shot('6-unhealthy');
    expect(opened.problems).toEqual([]);
  });
});
