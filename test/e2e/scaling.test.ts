// Proves the service scaling UI end to end in Chromium, driven as a learner would: a service
// behind an ALB gets traffic from a preset; the scaling editor (Monaco with the Application Auto
// Scaling schema) registers the service as a scalable target and puts a target tracking policy on
// CPU at 70 % (a refused request shows the engine's error); traffic driven up past what the tasks
// serve makes CPUUtilization cross the target line, AlarmHigh go to ALARM and the desired count
// rise — on the charts, in the numbers, and as a scaling activity mark with its Description and
// Cause on focus; a service without a load balancer gets CPU load from its slider instead.
// The bundled service-autoscaling scenario opens with both services charted: target tracking
// scales web out, worker's step policy charts its own alarm's threshold.
// Screenshots go to /tmp/ecs-sandbox-scaling-*.png for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, type OpenedPage, openPage, requestEditorDriver, sendCommand, startWithPage, waitForClusterPaint } from './app.ts';

let session: AppSession;
let opened: OpenedPage;
let page: Page;
const shot = (name: string) => page.screenshot({ path: `/tmp/ecs-sandbox-scaling-${name}.png`, fullPage: false });

beforeAll(async () => {
  ({ session, opened, page } = await startWithPage());
  await page.setViewportSize({ width: 1400, height: 1300 });
});
afterAll(async () => {
  await session?.close();
});

const command = (step: unknown) => sendCommand(page, step);
const editor = requestEditorDriver(() => page, 'scaling');

const card = () => page.locator('.scaling-card[data-service="web"]');
const attr = (selector: string, name: string) => page.locator(selector).first().getAttribute(name);

describe('service scaling in the UI', () => {
  it('offers traffic presets for a service behind a load balancer; a preset sends sim:SetTraffic and the card appears', async () => {
    const lb = await command({ 'elbv2:CreateLoadBalancer': { Name: 'web-alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b', 'subnet-us-east-1c'], Type: 'application' } });
    const tg = await command({ 'elbv2:CreateTargetGroup': { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'instance', HealthCheckIntervalSeconds: 10 } });
    const targetGroupArn = tg.TargetGroups[0].TargetGroupArn;
    await command({ 'elbv2:CreateListener': { LoadBalancerArn: lb.LoadBalancers[0].LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }] } });
    await command({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 2, loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 80 }] } });
    await command({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'worker', taskDefinition: 'web', desiredCount: 1 } });
    await command('wait: 1m');
    // The capacity dock is folded until something scales: opening it loads the scaling panel.
    await page.click('button.capacity-toggle');
    const picker = page.locator('.other-services select[aria-label="Service to drive"]');
    await picker.waitFor({ timeout: 20_000 });
    await picker.selectOption({ label: 'demo/web (load balancer)' });
    await page.click('.other-services .preset[data-preset="steady"]');
    // Traffic set: web leaves the picker for a card of its own, with the rate and the preset pressed.
    await card().waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => Number(document.querySelector('.scaling-card[data-service="web"] [data-count="rps"]')?.textContent) > 0);
    expect(await card().locator('.preset[data-preset="steady"]').getAttribute('aria-pressed')).toBe('true');
    expect(await card().locator('.kind').textContent()).toContain('no scalable target yet');
  });

  it('registers a scalable target and a target tracking policy in the editor, with the schema and the engine’s refusal', async () => {
    await card().locator('button.edit-scaling').click();
    await page.waitForFunction(() => window.__ecsSandbox?.scalingEditor !== undefined, undefined, { timeout: 30_000 });
    const register = JSON.parse(await editor.text());
    expect(register).toEqual({ ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: 'service/demo/web', MinCapacity: 1, MaxCapacity: 8 });
    // Min above max: the engine refuses, with Application Auto Scaling's ValidationException.
    await editor.set({ ...register, MinCapacity: 9 });
    expect(await editor.send('error')).toMatch(/^ValidationException: .*9/);
    await editor.set({ ...register, MinCapacity: 2 });
    expect(await editor.send('ok')).toContain('service/demo/web scales between 2 and 8 tasks');

    await page.click('.scaling-editor .tabs label:has-text("Scaling policy")');
    await page.waitForFunction(() => window.__ecsSandbox!.scalingEditor!.getText().includes('"PolicyName"'));
    const policy = JSON.parse(await editor.text());
    expect(policy).toMatchObject({ PolicyName: 'web-cpu70', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } });
    // The schema knows the predefined metric types: a wrong one gets a marker listing them.
    const config = policy.TargetTrackingScalingPolicyConfiguration;
    await editor.set({ ...policy, TargetTrackingScalingPolicyConfiguration: { ...config, PredefinedMetricSpecification: { PredefinedMetricType: 'CPU' } } });
    await page.waitForFunction(() => window.__ecsSandbox!.scalingEditor!.getMarkers('*').some((m) => /ECSServiceAverageCPUUtilization/.test(m.message)), undefined, { timeout: 15_000 });
    expect(await editor.send('error')).toMatch(/^ValidationException:/);
    // Short cooldowns, so the test sees scale-out within minutes.
    await editor.set({ ...policy, TargetTrackingScalingPolicyConfiguration: { ...config, ScaleOutCooldown: 60 } });
    expect(await editor.send('ok')).toMatch(/policy web-cpu70 on service\/demo\/web; its alarms: TargetTracking-service\/demo\/web-AlarmHigh-/);
    // The accepted request has no schema marker left (the wrong type's marker is gone).
    await page.waitForFunction(() => window.__ecsSandbox!.scalingEditor!.getMarkers('*').length === 0, undefined, { timeout: 15_000 });
    await shot('1-editor');
    await page.click('button[aria-label="Close the scaling editor"]');
    expect(await page.locator('.scaling-editor').count()).toBe(0);
  });

  it('draws the policy metric against its target; traffic above what the tasks serve raises the desired count', async () => {
    await card().locator('[data-chart="metric"]').waitFor({ timeout: 20_000 });
    expect(await attr('.scaling-card[data-service="web"] [data-chart="metric"] g.rule[data-rule="target"]', 'data-value')).toBe('70');
    expect(await card().locator('[data-chart="metric"] g.rule[data-rule="alarm-low"]').getAttribute('data-value')).toBe('63');
    expect(await card().locator('.alarm-list li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.alarm))).toEqual(['AlarmHigh', 'AlarmLow']);
    // Drive traffic up: the slider to 600 requests/s (two 256-unit tasks serve 256 at 100 % CPU).
    const slider = card().locator('.traffic-control input[type="range"]');
    await slider.fill('600');
    await slider.dispatchEvent('change');
    await page.waitForFunction(() => Number(document.querySelector('.scaling-card[data-service="web"] [data-count="rps"]')?.textContent) === 600, undefined, { timeout: 10_000 });
    const desiredBefore = Number(await card().locator('[data-count="desired"]').textContent());
    expect(desiredBefore).toBe(2);
    // Three minutes above 70 % put AlarmHigh in ALARM; the policy then sets a higher desired count.
    for (let i = 0; i < 8 && Number(await card().locator('[data-count="desired"]').textContent()) <= desiredBefore; i++) await command('wait: 1m');
    await page.waitForFunction(() => Number(document.querySelector('.scaling-card[data-service="web"] [data-count="desired"]')?.textContent) > 2, undefined, { timeout: 20_000 });
    await command('wait: 3m');
    const metric = card().locator('[data-chart="metric"] path.series[data-series="CPUUtilization"]');
    await page.waitForFunction(
      () => Number(document.querySelector('.scaling-card[data-service="web"] [data-chart="metric"] path.series[data-series="CPUUtilization"]')?.getAttribute('data-points')) >= 4,
      undefined,
      { timeout: 20_000 },
    );
    expect(Number(await metric.getAttribute('data-last'))).toBeGreaterThan(0);
    expect(await card().locator('[data-policy="web-cpu70"] [data-value="current"]').textContent()).toMatch(/^\d+(\.\d)?%$/);
    // Desired moved on the count chart: its last point is above where it started.
    const desired = card().locator('[data-chart="counts"] path.series[data-series="desired"]');
    expect(Number(await desired.getAttribute('data-last'))).toBeGreaterThan(desiredBefore);
    // The scale-out is a scaling activity, marked on both charts and listed.
    expect(await card().locator('[data-chart="counts"] g.mark').count()).toBeGreaterThan(0);
    expect(await card().locator('[data-chart="metric"] g.mark').count()).toBeGreaterThan(0);
    expect(await card().locator('.activities li .cause').first().textContent()).toMatch(/AlarmHigh/);
    // The alarm went to ALARM on the way: its stretch is shaded on the metric chart.
    expect(await card().locator('[data-chart="metric"] rect.span[data-tone="high"]').count()).toBeGreaterThan(0);
    await card().scrollIntoViewIfNeeded();
    await shot('2-scaled-out');
  });

  it('shows a scaling activity’s Description and Cause when its mark has keyboard focus', async () => {
    const mark = card().locator('[data-chart="counts"] g.mark').first();
    await mark.focus();
    const tip = card().locator('[data-chart="counts"] .mark-tip');
    await tip.waitFor({ timeout: 5_000 });
    expect(await tip.locator('.desc').textContent()).toMatch(/desired count/i);
    expect(await tip.locator('.cause').textContent()).toMatch(/^Cause: /);
    expect(await mark.getAttribute('aria-label')).toMatch(/^Scaling activity at \+\d\d:\d\d:\d\d/);
    // Escape dismisses the tooltip; focus stays on the mark.
    await mark.press('Escape');
    expect(await tip.count()).toBe(0);
    expect(await mark.evaluate((el) => el === document.activeElement)).toBe(true);
    await mark.blur();
    await mark.focus();
    await tip.waitFor({ timeout: 5_000 });
    expect(await card().getByTestId('scaling-summary').textContent()).toMatch(/^Service web: desired \d+, running \d+, min 2, max 8\./);
    await shot('3-mark-focus');
    await mark.blur();
  });

  it('charts a second policy on ALBRequestCountPerTarget: the target group’s requests per target, with the label the editor gives', async () => {
    await card().locator('button.edit-scaling').click();
    await page.waitForFunction(() => window.__ecsSandbox?.scalingEditor?.getText().includes('"PolicyName"'), undefined, { timeout: 30_000 });
    const label = (await page.locator('.scaling-editor code.label').textContent())!;
    expect(label).toMatch(/^app\/web-alb\/[^/]+\/targetgroup\/web-tg\/[^/]+$/);
    await editor.set({
      PolicyName: 'web-requests',
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
      ResourceId: 'service/demo/web',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 6000, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: label } },
    });
    expect(await editor.send('ok')).toContain('policy web-requests');
    await page.click('button[aria-label="Close the scaling editor"]');
    await command('wait: 2m');
    const chart = card().locator('[data-chart="metric"]', { has: page.locator('path.series[data-series="RequestCountPerTarget"]') });
    await chart.waitFor({ timeout: 20_000 });
    expect(await chart.locator('g.rule[data-rule="target"]').getAttribute('data-value')).toBe('6000');
    await page.waitForFunction(
      () => Number(document.querySelector('.scaling-card[data-service="web"] path.series[data-series="RequestCountPerTarget"]')?.getAttribute('data-last')) > 0,
      undefined,
      { timeout: 20_000 },
    );
    await chart.scrollIntoViewIfNeeded();
    await shot('6-requests-per-target');
  });

  it('gives a service without a load balancer a CPU slider (sim:SetServiceLoad)', async () => {
    const picker = page.locator('.other-services select[aria-label="Service to drive"]');
    await picker.selectOption({ label: 'demo/worker' });
    const slider = page.locator('.other-services .traffic-control[data-service="worker"] input[type="range"]');
    expect(await page.locator('.other-services .preset').count()).toBe(0);
    await slider.fill('200');
    await slider.dispatchEvent('change');
    await page.waitForFunction(() => /200 CPU units set/.test(document.querySelector('.other-services [data-testid="traffic-message"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    expect(opened.problems).toEqual([]);
  });
});

describe('the service-autoscaling scenario', () => {
  it('opens with both services charted; web scales out on CPU, worker charts its own alarm', async () => {
    const scenario = await openPage(session, '/?scenario=service-autoscaling', { width: 1400, height: 1500 });
    const p = scenario.page;
    try {
      await waitForClusterPaint(p);
      await p.locator('.scaling-card[data-service="web"] [data-chart="metric"]').waitFor({ timeout: 20_000 });
      await p.locator('.scaling-card[data-service="worker"] [data-chart="metric"]').waitFor({ timeout: 20_000 });
      expect(await p.locator('.scaling-card[data-service="worker"] [data-chart="metric"] g.rule[data-rule="alarm-high"]').getAttribute('data-value')).toBe('50');
      expect(await p.locator('.scaling-card[data-service="web"] .scheduled li').count()).toBe(2);
      // No load balancer: CPU sliders, no presets.
      expect(await p.locator('.scaling-card .preset').count()).toBe(0);
      // web runs at 75 % > 70 %: three breaching minutes put AlarmHigh in ALARM, then desired 2 → 3.
      await p.fill('#command-input', 'wait: 4m');
      await p.press('#command-input', 'Enter');
      await p.waitForFunction(() => Number(document.querySelector('.scaling-card[data-service="web"] [data-count="desired"]')?.textContent) >= 3, undefined, { timeout: 20_000 });
      expect(Number(await p.locator('.scaling-card[data-service="web"] [data-chart="counts"] path.series[data-series="desired"]').getAttribute('data-last'))).toBeGreaterThanOrEqual(3);
      await p.locator('.scaling-dock, .scaling-panel').first().scrollIntoViewIfNeeded();
      await p.screenshot({ path: '/tmp/ecs-sandbox-scaling-4-scenario.png', fullPage: true });
      expect(scenario.problems).toEqual([]);
    } finally {
      await scenario.context.close();
    }
  });
});

describe('the sqs-worker scenario', () => {
  it('charts the backlog per task the policy tracks (metric math m1 / m2) against its target of 60', async () => {
    const scenario = await openPage(session, '/?scenario=sqs-worker', { width: 1400, height: 1300 });
    const p = scenario.page;
    try {
      await waitForClusterPaint(p);
      const chart = p.locator('.scaling-card[data-service="worker"] [data-chart="metric"]');
      await chart.waitFor({ timeout: 20_000 });
      expect(await chart.locator('g.rule[data-rule="target"]').getAttribute('data-value')).toBe('60');
      await p.fill('#command-input', 'wait: 5m');
      await p.press('#command-input', 'Enter');
      // The burst of 1,200 messages on one task: the backlog per task is far above 60, and the service scales out.
      await p.waitForFunction(() => Number(document.querySelector('.scaling-card[data-service="worker"] [data-count="desired"]')?.textContent) > 1, undefined, { timeout: 20_000 });
      expect(Number(await chart.locator('path.series').getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
      expect(await chart.locator('figcaption').textContent()).toContain('backlog per task');
      await chart.scrollIntoViewIfNeeded();
      await p.screenshot({ path: '/tmp/ecs-sandbox-scaling-5-sqs-backlog.png' });
      expect(scenario.problems).toEqual([]);
    } finally {
      await scenario.context.close();
    }
  });
});
