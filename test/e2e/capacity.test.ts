// Proves the capacity UI end to end in Chromium, driven through the command box and the capacity
// provider editor as a learner would: a launch template and an Auto Scaling group (its card
// appears); a capacity provider created in the editor (Monaco with the CreateCapacityProvider
// schema; a refused request shows AWS's error) and put on the cluster; a service on it whose tasks
// wait in PROVISIONING while ghost instances boot and then become container instances; the
// reservation and ASG charts drawing; Fargate and Fargate Spot side by side with SPOT badges; the
// cost meter moving; a Spot interruption flagged with its countdown; a zone out greyed.
// Screenshots go to /tmp/ecs-sandbox-capacity-*.png for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, type OpenedPage, openPage, requestEditorDriver, sendCommand, startWithPage, waitForClusterPaint } from './app.ts';

let session: AppSession;
let opened: OpenedPage;
let page: Page;
const shot = (name: string) => page.screenshot({ path: `/tmp/ecs-sandbox-capacity-${name}.png` });

beforeAll(async () => {
  ({ session, opened, page } = await startWithPage());
  await page.setViewportSize({ width: 1400, height: 1100 });
});
afterAll(async () => {
  await session?.close();
});

const command = (step: unknown) => sendCommand(page, step);
const editor = requestEditorDriver(() => page, 'capacity');

/** The EC2 instance the first scale-out launched (set once it has registered). */
let firstAsgInstance = '';

/** Wait until the chart path `selector` has at least `n` one-minute points. */
const pointsAtLeast = (selector: string, n: number) =>
  page.waitForFunction(([sel, min]) => Number(document.querySelector(sel)?.getAttribute('data-points') ?? 0) >= min, [selector, n] as const, { timeout: 20_000 });

const SUBNETS = { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } };

describe('capacity in the UI', () => {
  it('starts folded, with the running cost in one line; the toggle opens the cost meter', async () => {
    const toggle = page.locator('button.capacity-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.waitForFunction(() => /^Cost \$\d/.test(document.querySelector('.capacity-head .hint')?.textContent?.trim() ?? ''), undefined, { timeout: 20_000 });
    await toggle.press('Enter');
    await page.locator('#capacity-body .cost-meter').waitFor({ timeout: 20_000 });
    await toggle.press('Enter');
    expect(await page.locator('#capacity-body').isHidden()).toBe(true);
    await toggle.press('Enter'); // left open: the learner's choice wins from here on
  });

  it('shows an Auto Scaling group made from the command box', async () => {
    await command({ 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'ecs-nodes', LaunchTemplateData: { InstanceType: 't3.medium', UserData: 'ECS_CLUSTER=demo' } } });
    await command({
      'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'web-asg', LaunchTemplate: { LaunchTemplateName: 'ecs-nodes' }, MinSize: 0, MaxSize: 6, DesiredCapacity: 0, AvailabilityZones: ['us-east-1a', 'us-east-1b'], NewInstancesProtectedFromScaleIn: true },
    });
    // The capacity section opens by itself once there is an Auto Scaling group.
    const card = page.locator('.asg-card[data-asg="web-asg"]');
    await card.waitFor({ timeout: 20_000 });
    expect(await page.getAttribute('button.capacity-toggle', 'aria-expanded')).toBe('true');
    expect(await card.locator('[data-count="max"]').textContent()).toBe('6');
    expect(await card.locator('[data-count="desired"]').textContent()).toBe('0');
  });

  it("creates a capacity provider in the editor: AWS's error first, then accepted; then puts it on the cluster", async () => {
    await page.click('button.open-capacity-editor');
    await page.waitForFunction(() => window.__ecsSandbox?.capacityEditor !== undefined, undefined, { timeout: 30_000 });
    const request = JSON.parse(await editor.text());
    expect(request).toMatchObject({ name: 'cp-web-asg', autoScalingGroupProvider: { managedScaling: { status: 'ENABLED' }, managedTerminationProtection: 'ENABLED' } });
    expect(request.autoScalingGroupProvider.autoScalingGroupArn).toMatch(/autoScalingGroupName\/web-asg$/);
    // The schema is on: a targetCapacity over 100 gets a schema marker.
    await editor.set({ ...request, autoScalingGroupProvider: { ...request.autoScalingGroupProvider, managedScaling: { ...request.autoScalingGroupProvider.managedScaling, targetCapacity: 150 } } });
    await page.waitForFunction(() => (window.__ecsSandbox!.capacityEditor!.getMarkers() ?? []).some((m) => /100/.test(m.message)), undefined, { timeout: 15_000 });
    // A name AWS reserves: refused, with AWS's error.
    await editor.set({ ...request, name: 'fargate-nodes' });
    expect(await editor.send('error')).toMatch(/Exception/);
    await editor.set(request);
    expect(await editor.send('ok')).toContain('cp-web-asg created');
    // The next snapshot has the provider (its card appears): the cluster template lists it.
    await page.locator('.reservation-card[data-provider="cp-web-asg"]').waitFor({ timeout: 20_000 });
    await page.click('.capacity-editor .tabs label:has-text("Cluster providers")');
    await page.waitForFunction(() => window.__ecsSandbox!.capacityEditor!.getText().includes('"capacityProviders"'));
    const put = JSON.parse(await editor.text());
    expect(put).toMatchObject({ cluster: 'demo', capacityProviders: expect.arrayContaining(['cp-web-asg', 'FARGATE', 'FARGATE_SPOT']) });
    expect(await editor.send('ok')).toContain('PutClusterCapacityProviders accepted');
    await shot('1-editor');
    await page.click('button[aria-label="Close the capacity provider editor"]');
    expect(await page.locator('.capacity-editor').count()).toBe(0);
  });

  it("knows capacityProviderStrategy in the service editor's schema", async () => {
    await page.click('button.create-service');
    await page.waitForFunction(() => window.__ecsSandbox?.serviceEditor !== undefined, undefined, { timeout: 30_000 });
    const { launchType: _dropped, ...request } = JSON.parse(await page.evaluate(() => window.__ecsSandbox!.serviceEditor!.getText()));
    const strategy = [{ capacityProvider: 'cp-web-asg', weight: 5000 }];
    await page.evaluate((t) => window.__ecsSandbox!.serviceEditor!.setText(t), JSON.stringify({ ...request, capacityProviderStrategy: strategy }, null, 2));
    await page.waitForFunction(() => window.__ecsSandbox!.serviceEditor!.getMarkers().some((m) => /1000/.test(m.message)), undefined, { timeout: 15_000 });
    const markers = await page.evaluate(() => window.__ecsSandbox!.serviceEditor!.getMarkers().map((m) => m.message));
    expect(markers.filter((m) => /not allowed/i.test(m))).toEqual([]);
    await page.click('button[aria-label="Close the service editor"]');
  });

  it('runs a service on the provider: tasks wait in PROVISIONING while ghost instances boot, then become container instances', async () => {
    await command({ 'ecs:RegisterTaskDefinition': { family: 'app', containerDefinitions: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 512, memory: 1024 }] } });
    await command({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'app', taskDefinition: 'app', desiredCount: 6, capacityProviderStrategy: [{ capacityProvider: 'cp-web-asg', weight: 1 }] } });
    // The first scale-out comes on a minute tick; an instance boots for some seconds: step until one shows.
    for (let i = 0; i < 24 && (await page.locator('.ghost').count()) === 0; i++) {
      await command('wait: 5s');
      await page.waitForTimeout(100);
    }
    await page.waitForSelector('.ghost[data-phase="booting"], .ghost[data-phase="registering"]', { timeout: 5_000 });
    const reservation = page.locator('.reservation-card[data-provider="cp-web-asg"]');
    expect(Number(await reservation.locator('[data-value="provisioning"]').textContent())).toBeGreaterThan(0);
    expect(await reservation.locator('[data-value="reservation"]').textContent()).toMatch(/^\d+(\.\d)?%$/);
    expect(await page.locator('.service-card[data-service="app"] .service-def').textContent()).toContain('cp-web-asg weight 1');
    const ghostId = (await page.locator('.ghost').first().getAttribute('data-instance-id'))!;
    await page.locator('.ghost').first().scrollIntoViewIfNeeded();
    await shot('2-booting');
    // Booted and registered: the outline is gone, the real box stands there, labelled with its provider.
    await command('wait: 2m');
    const box = page.locator('article.instance', { has: page.locator(`.instance-id:text-is("${ghostId}")`) });
    await box.waitFor({ timeout: 20_000 });
    expect(await page.locator(`.ghost[data-instance-id="${ghostId}"]`).count()).toBe(0);
    expect(await box.locator('.instance-owner').textContent()).toContain('cp-web-asg');
    firstAsgInstance = ghostId;
    await command('wait: 3m');
    // The charts draw: one-minute points of the reservation and the group's three series.
    await pointsAtLeast('.reservation-card[data-provider="cp-web-asg"] path.series', 5);
    const asg = page.locator('.asg-card[data-asg="web-asg"]');
    for (const metric of ['GroupDesiredCapacity', 'GroupPendingInstances', 'GroupInServiceInstances']) {
      await pointsAtLeast(`.asg-card[data-asg="web-asg"] path.series[data-series="${metric}"]`, 5);
    }
    expect(await asg.locator('.activities li .desc').first().textContent()).toMatch(/^Launching a new EC2 instance/);
    expect(await asg.locator('svg g.mark').count()).toBeGreaterThan(0);
    expect(Number(await asg.locator('[data-count="inService"]').textContent())).toBeGreaterThan(0);
    await page.locator('.capacity-dock').scrollIntoViewIfNeeded();
    await shot('3-scaled');
  });

  it('scales a second group on its average CPU (the other EC2 style), next to the capacity provider', async () => {
    await command({ 'ecs:CreateCluster': { clusterName: 'cpu' } });
    await command({ 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'cpu-nodes', LaunchTemplateData: { InstanceType: 't3.medium', UserData: 'ECS_CLUSTER=cpu' } } });
    await command({ 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'cpu-asg', LaunchTemplate: { LaunchTemplateName: 'cpu-nodes' }, MinSize: 1, MaxSize: 4, DesiredCapacity: 1, AvailabilityZones: ['us-east-1a', 'us-east-1b'] } });
    await command({
      'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'cpu-asg', PolicyName: 'cpu50', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 } },
    });
    await command({ 'ecs:RegisterTaskDefinition': { family: 'busy', containerDefinitions: [{ name: 'busy', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 768, memory: 512 }] } });
    await command('wait: 2m');
    await command({ 'ecs:CreateService': { cluster: 'cpu', serviceName: 'busy', taskDefinition: 'busy', desiredCount: 2, launchType: 'EC2' } });
    await command('wait: 1m');
    // Two tasks of 768 CPU units working flat out on one t3.medium: 1536 / 2048 = 75 % > the 50 % target.
    await command({ 'sim:SetServiceLoad': { cluster: 'cpu', service: 'busy', cpuUnits: 1800 } });
    await command('wait: 5m');
    const card = page.locator('.asg-card[data-asg="cpu-asg"]');
    await page.waitForFunction(() => document.querySelector('.asg-card[data-asg="cpu-asg"] [data-count="desired"]')?.textContent === '2', undefined, { timeout: 20_000 });
    expect(await card.locator('.alarm').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.alarm))).toEqual(['AlarmHigh', 'AlarmLow']);
    expect(await card.locator('.activities li .cause').first().textContent()).toMatch(/TargetTracking-cpu-asg-AlarmHigh/);
    await pointsAtLeast('.asg-card[data-asg="cpu-asg"] [data-chart="cpu"] path.series', 5);
    expect(await card.locator('[data-chart="cpu"] g.rule[data-rule="target"]').count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await shot('4-two-styles');
  });

  it('puts Fargate and Fargate Spot next to EC2: SPOT badges, and the cost meter moves by launch type', async () => {
    const costBefore = await page.locator('[data-cost="total"]').textContent();
    await command({ 'ecs:RegisterTaskDefinition': { family: 'worker', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'worker', image: 'public.ecr.aws/nginx/nginx:1.27' }] } });
    await command({
      'ecs:CreateService': {
        cluster: 'demo',
        serviceName: 'worker',
        taskDefinition: 'worker',
        desiredCount: 4,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }],
        networkConfiguration: SUBNETS,
      },
    });
    await command('wait: 2m');
    await page.waitForFunction(() => document.querySelectorAll('.fargate-tile.spot[data-status="RUNNING"]').length >= 2, undefined, { timeout: 20_000 });
    expect(new Set(await page.locator('.fargate-tile.spot:not([data-interruption]) .tile-badge').allTextContents())).toEqual(new Set(['SPOT']));
    expect(await page.locator('.fargate-providers [data-provider="FARGATE_SPOT"]').count()).toBe(1);
    expect(await page.locator('[data-cost="total"]').textContent()).not.toBe(costBefore);
    expect(await page.locator('.cost-rows tr[data-launch-type="EC2"]').count()).toBe(1);
    expect(await page.locator('.cost-rows tr[data-cost-service="app"]').count()).toBe(1);
    expect(await page.locator('svg.cost-chart path.band').count()).toBeGreaterThan(0);
  });

  it('flags a Spot interruption with its two-minute countdown', async () => {
    await command({ 'sim:InterruptSpot': { cluster: 'demo', count: 1 } });
    const tile = page.locator('.fargate-tile[data-interruption="warned"]');
    await tile.first().waitFor({ timeout: 20_000 });
    expect(await tile.first().locator('.tile-status').textContent()).toMatch(/^Spot interruption [0-2]:\d\d$/);
    expect(await tile.first().locator('.tile-badge').textContent()).toMatch(/^SPOT [0-2]:\d\d$/);
    expect(await tile.first().getAttribute('aria-label')).toMatch(/Spot interruption/);
    // The countdown runs on virtual time. nginx exits on SIGTERM, so the task stops within seconds,
    // long before the two minutes are up; then it is marked interrupted while it fades.
    const arn = (await tile.first().getAttribute('data-arn'))!;
    const badge = (a: string) => document.querySelector(`.tile[data-arn="${a}"] .tile-badge`)?.textContent ?? '';
    await command('wait: 1s');
    await page.waitForFunction((a) => /^SPOT 1:5\d$/.test(document.querySelector(`.tile[data-arn="${a}"] .tile-badge`)?.textContent ?? ''), arn, { timeout: 20_000 });
    await tile.first().scrollIntoViewIfNeeded();
    await shot('5-spot');
    await command('wait: 30s');
    await page.waitForSelector(`.tile[data-arn="${arn}"][data-interruption="stopped"]`, { timeout: 20_000 });
    expect(await page.evaluate(badge, arn)).toBe('SPOT ✕');
  });

  it('badges an EC2 Spot Instance and counts down its interruption notice', async () => {
    await command({
      'autoscaling:CreateAutoScalingGroup': {
        AutoScalingGroupName: 'spot-asg',
        MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateName: 'ecs-nodes' } }, InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 0 } },
        MinSize: 1,
        MaxSize: 1,
        DesiredCapacity: 1,
        AvailabilityZones: ['us-east-1b'],
      },
    });
    await command('wait: 90s');
    const box = page.locator('article.instance.spot');
    await box.waitFor({ timeout: 20_000 });
    expect(await box.locator('.instance-owner').textContent()).toBe('SPOT · spot-asg');
    const id = (await box.locator('.instance-id').textContent())!;
    await command({ 'sim:InterruptSpot': { instanceIds: [id] } });
    await command('wait: 5s');
    await page.waitForFunction((i) => [...document.querySelectorAll('article.instance.spot-notice')].some((b) => b.querySelector('.instance-id')?.textContent === i && /Spot notice 1:5\d/.test(b.querySelector('.instance-owner')?.textContent ?? '')), id, { timeout: 20_000 });
  });

  it('draws an EXTERNAL instance, a disconnected agent and an instance shutting down apart', async () => {
    await command({ 'sim:RegisterExternalInstance': { cluster: 'demo', hostname: 'rack-1', cpu: 2048, memory: 4096 } });
    const external = page.locator('article.instance.external');
    await external.waitFor({ timeout: 20_000 });
    expect(await external.locator('.instance-owner').textContent()).toContain('EXTERNAL');
    expect(await external.getAttribute('aria-label')).toMatch(/^External container instance /);
    expect(await page.locator('section.zone[aria-label="Availability zone on-premises (ECS Anywhere)"] article.instance.external').count()).toBe(1);
    const box = page.locator('article.instance', { has: page.locator(`.instance-id:text-is("${firstAsgInstance}")`) });
    await box.waitFor({ timeout: 5_000 });
    await command({ 'sim:DisconnectAgent': { cluster: 'demo', containerInstance: (await box.getAttribute('data-arn'))! } });
    await page.waitForFunction((id) => [...document.querySelectorAll('article.instance.disconnected .instance-id')].some((e) => e.textContent === id), firstAsgInstance, { timeout: 20_000 });
    expect(await box.locator('.instance-owner').textContent()).toContain('agent disconnected');
    // Another of the group's instances is terminated: its box leaves, an outline fades in its place.
    const other = (await page.locator('article.instance:has(.instance-owner:text("cp-web-asg")) .instance-id').allTextContents()).find((id) => id !== firstAsgInstance)!;
    await command({ 'ec2:TerminateInstances': { InstanceIds: [other] } });
    const leaving = page.locator(`.ghost[data-instance-id="${other}"][data-phase="shutting-down"]`);
    await leaving.waitFor({ timeout: 20_000 });
    expect(await leaving.locator('.ghost-phase').textContent()).toBe('shutting down');
    await external.scrollIntoViewIfNeeded();
    await shot('6-instances');
  });

  it('greys a zone that is out, with its reason', async () => {
    await command({ 'sim:FailAvailabilityZone': { zone: 'us-east-1c', durationSeconds: 600 } });
    const zone = page.locator('section.zone.zone-out[aria-label^="Availability zone us-east-1c"]');
    await zone.waitFor({ timeout: 20_000 });
    expect(await zone.locator('.zone-outage').textContent()).toMatch(/us-east-1c is out/);
    expect(await page.locator('.faults-card li[data-fault="availability-zone-outage"]').textContent()).toMatch(/us-east-1c is out/);
    await zone.scrollIntoViewIfNeeded();
    await shot('7-zone-out');
    expect(opened.problems).toEqual([]);
  });
});

describe('the capacity scenario', () => {
  it('shows both EC2 scaling styles, Fargate and Fargate Spot side by side, with their numbers', async () => {
    const scenario = await openPage(session, '/?scenario=capacity', { width: 1400, height: 1100 });
    page = scenario.page;
    try {
      await waitForClusterPaint(page);
      await page.locator('.asg-card[data-asg="cpu-scaled-asg"]').waitFor({ timeout: 30_000 });
      await command('wait: 10m');
      await page.locator('.reservation-card[data-provider="managed-cp"]').waitFor({ timeout: 20_000 });
      await pointsAtLeast('.reservation-card[data-provider="managed-cp"] path.series', 5);
      await pointsAtLeast('.asg-card[data-asg="cpu-scaled-asg"] [data-chart="cpu"] path.series', 5);
      await page.waitForFunction(() => document.querySelectorAll('.fargate-tile.spot').length > 0, undefined, { timeout: 20_000 });
      expect(await page.locator('.cost-rows tr[data-launch-type]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.launchType))).toEqual(expect.arrayContaining(['EC2']));
      await page.locator('.capacity-dock').scrollIntoViewIfNeeded();
      await shot('8-scenario-panel');
      await page.locator('.cluster-view').scrollIntoViewIfNeeded();
      await shot('9-scenario-cluster');
      expect(scenario.problems).toEqual([]);
    } finally {
      await scenario.context.close();
    }
  });
});
