// Proves what the scaling panel sends: the traffic presets are sized from the service's tasks and
// every one is a pattern the engine's own checker (load/traffic.ts) accepts; the slider's steps;
// the editor's three templates pass the engine's Application Auto Scaling request checks as they
// stand; the JSON schema's enums are the engine's; the debouncer sends only the last value; the
// chart renderer's tick and label layout.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkTrafficPattern } from '../../../../workers/engine/load/traffic.ts';
import { checkPutScalingPolicy } from '../../../../workers/engine/appautoscaling/policy-requests.ts';
import { checkRegisterScalableTarget } from '../../../../workers/engine/appautoscaling/requests.ts';
import { checkPutScheduledAction } from '../../../../workers/engine/appautoscaling/scheduled-requests.ts';
import { ECS_PREDEFINED_METRIC_TYPES } from '../../../../workers/engine/appautoscaling/request-messages.ts';
import { activePreset, estimatedCpuUnits, takesTraffic, fullRate, loadSlider, roundRate, serviceLoadStep, trafficPatternStep, trafficPresets, trafficRateStep, trafficSlider } from '../../../../src/lib/view-model/scaling/traffic.ts';
import { albResourceLabel, atExpression, firstKind, scalingAcceptedText, scalingStep, scalingTemplate } from '../../../../src/lib/view-model/scaling/policy-request.ts';
import { scalingRequestJsonSchema } from '../../../../src/lib/view-model/scaling/request-schema.ts';
import { Debouncer } from '../../../../src/components/scaling/debounce.ts';
import { labelPositions, minuteTicks } from '../../../../src/components/scaling/scaling-chart-render.ts';
import { policy, RESOURCE_ID, scalingSnapshot, target } from './scaling-fixtures.ts';

const s = scalingSnapshot();
const web = s.services[0]!;
const worker = s.services[1]!;

describe('traffic presets', () => {
  it('are sized from the tasks: 256 CPU units at 2 units per request/s is 128 requests/s a task, × 3 desired = 384', () => {
    expect(fullRate(s, web)).toBe(384);
    const byKey = Object.fromEntries(trafficPresets(s, web).map((p) => [p.key, p.pattern]));
    expect(byKey).toEqual({
      quiet: { type: 'constant', requestsPerSecond: 38 }, // 10 % → 38.4 → 38
      steady: { type: 'constant', requestsPerSecond: 190 }, // 50 % → 192 → 190
      dailyWave: { type: 'dailyWave', low: 38, high: 580, peakHour: 6 }, // 150 % → 576 → 580; peak 6 h after 00:10
      spike: { type: 'spike', base: 150, height: 770, startSeconds: 60, durationSeconds: 900 },
      ramp: { type: 'ramp', from: 77, to: 770, durationSeconds: 1200 },
    });
  });

  it('are each accepted by the engine’s pattern checker', () => {
    for (const p of trafficPresets(s, web)) expect(checkTrafficPattern(p.pattern, { anchorMs: s.time }), p.key).toMatchObject({ ok: true });
  });

  it('send sim:SetTraffic for the service, and the slider a plain rate', () => {
    const spike = trafficPresets(s, web).find((p) => p.key === 'spike')!;
    expect(trafficPatternStep(web, spike.pattern)).toEqual({ 'sim:SetTraffic': { cluster: 'demo', service: 'web', pattern: spike.pattern } });
    expect(trafficRateStep(web, 250)).toEqual({ 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 250 } });
    expect(takesTraffic(web)).toBe(true);
    expect(takesTraffic({ ...web, loadBalancers: [{ loadBalancerName: 'classic', containerName: 'web', containerPort: 80 }] })).toBe(false); // no target group
    expect(serviceLoadStep(worker, 300.4)).toEqual({ 'sim:SetServiceLoad': { cluster: 'demo', service: 'worker', cpuUnits: 300 } });
  });

  it('start the CPU slider from the CPU the service uses now: 60 % of 3 tasks × 256 units = 461', () => {
    expect(estimatedCpuUnits(s, web)).toBe(461);
    expect(estimatedCpuUnits(scalingSnapshot({ metrics: [] }), web)).toBe(0);
  });

  it('know which one is running', () => {
    const presets = trafficPresets(s, web);
    expect(activePreset(presets, { type: 'constant', requestsPerSecond: 190 })).toBe('steady');
    expect(activePreset(presets, { type: 'constant', requestsPerSecond: 191 })).toBeNull();
    expect(activePreset(presets, undefined)).toBeNull();
    // As sim:SetTraffic writes a pattern back: its own key order, a ramp's startSeconds 0 spelled out.
    expect(activePreset(presets, { type: 'ramp', from: 77, to: 770, durationSeconds: 1200, startSeconds: 0 })).toBe('ramp');
    expect(activePreset(presets, { type: 'spike', base: 150, height: 770, durationSeconds: 900, startSeconds: 60 })).toBe('spike');
  });

  it.each([
    [0.3, 1],
    [12.5, 13],
    [187, 190],
    [1234, 1200],
  ])('round %s requests/s to %s (two significant digits)', (value, rounded) => {
    expect(roundRate(value)).toBe(rounded);
  });

  it('slide to four times what the tasks serve (384 × 4 → 2000), CPU units likewise without a load balancer', () => {
    expect(trafficSlider(s, web)).toEqual({ max: 2000, step: 10 });
    // worker (web:1's 256 units) × 1 task × 4 = 1024 → 2000; a definition not in the snapshot counts 128 units → 512 → 1000.
    expect(loadSlider(s, worker)).toEqual({ max: 2000, step: 8 });
    expect(loadSlider(scalingSnapshot({ taskDefinitions: [] }), worker)).toEqual({ max: 1000, step: 4 });
  });
});

describe('scaling editor templates pass the engine’s checks as they stand', () => {
  const registered = { MinCapacity: 1, MaxCapacity: 6, SuspendedState: target.SuspendedState, RoleARN: target.RoleARN };

  it('RegisterScalableTarget: the current bounds, or 1 to four times the desired count', () => {
    const fresh = scalingTemplate(scalingSnapshot({ scalableTargets: [] }), web, 'target');
    expect(fresh).toEqual({ ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: RESOURCE_ID, MinCapacity: 1, MaxCapacity: 12 });
    expect(checkRegisterScalableTarget(fresh, { serviceExists: (id) => id === RESOURCE_ID, target: () => undefined })).toMatchObject({ ok: true });
    expect(scalingTemplate(s, web, 'target')).toMatchObject({ MinCapacity: 1, MaxCapacity: 6 });
  });

  it('PutScalingPolicy: target tracking on CPU at 70 % for a service with no policy', () => {
    const request = scalingTemplate(scalingSnapshot({ serviceScalingPolicies: [] }), web, 'policy');
    expect(request).toMatchObject({ PolicyName: 'web-cpu70', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } });
    expect(checkPutScalingPolicy(request, { target: () => registered, policyNames: () => [] })).toMatchObject({ ok: true, value: { isNew: true } });
  });

  it('PutScalingPolicy: the existing policy, to edit, for a service that has one', () => {
    const request = scalingTemplate(s, web, 'policy');
    expect(request).toEqual({
      PolicyName: 'web-cpu70',
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
      ResourceId: RESOURCE_ID,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: policy.TargetTrackingScalingPolicyConfiguration,
    });
    expect(checkPutScalingPolicy(request, { target: () => registered, policyNames: () => ['web-cpu70'] })).toMatchObject({ ok: true, value: { isNew: false } });
  });

  it('PutScheduledAction: at() ten virtual minutes from now, min raised by 2', () => {
    const request = scalingTemplate(s, web, 'scheduled');
    expect(request).toMatchObject({ ScheduledActionName: 'web-morning-rush', Schedule: 'at(2026-01-01T00:20:00)', ScalableTargetAction: { MinCapacity: 3, MaxCapacity: 6 } });
    expect(checkPutScheduledAction(request, { target: () => registered, scheduledActions: () => [] })).toMatchObject({ ok: true });
  });

  it('opens on the scalable target until there is one', () => {
    expect(firstKind(scalingSnapshot({ scalableTargets: [] }), web)).toBe('target');
    expect(firstKind(s, web)).toBe('policy');
    expect(atExpression(90_500, 10)).toBe('at(2026-01-01T00:12:00)'); // 1.5 min + 10 → rounded up to the minute
  });

  it('gives the ALB ResourceLabel of the service’s target group', () => {
    expect(albResourceLabel(s, web)).toBe('app/web-alb/fedcba9876543210/targetgroup/web-tg/0123456789abcdef');
    expect(albResourceLabel(s, worker)).toBeNull();
  });

  it('sends application-autoscaling actions and names the alarms created', () => {
    expect(scalingStep('policy', { a: 1 })).toEqual({ 'application-autoscaling:PutScalingPolicy': { a: 1 } });
    expect(scalingAcceptedText('policy', { PolicyName: 'p', ResourceId: RESOURCE_ID }, { Alarms: [{ AlarmName: 'A1' }, { AlarmName: 'A2' }] })).toBe(
      `PutScalingPolicy accepted: policy p on ${RESOURCE_ID}; its alarms: A1, A2.`,
    );
  });
});

describe('the editor schema', () => {
  it('offers the engine’s ECS predefined metrics and the two simulated policy types', () => {
    const schema = scalingRequestJsonSchema('policy') as any;
    const tt = schema.properties.TargetTrackingScalingPolicyConfiguration;
    expect(tt.properties.PredefinedMetricSpecification.properties.PredefinedMetricType.enum).toEqual([...ECS_PREDEFINED_METRIC_TYPES]);
    expect(schema.properties.PolicyType.enum).toEqual(['TargetTrackingScaling', 'StepScaling']);
    expect(schema.properties.StepScalingPolicyConfiguration.properties.AdjustmentType.enum).toEqual(['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity']);
    expect(tt.properties.TargetValue.type).toBe('number');
    const label = new RegExp(tt.properties.PredefinedMetricSpecification.properties.ResourceLabel.pattern);
    expect(label.test('app/web-alb/fedcba/targetgroup/web-tg/0123')).toBe(true);
    expect(label.test('targetgroup/web-tg/0123')).toBe(false);
  });

  it('requires what AWS requires of each request', () => {
    expect((scalingRequestJsonSchema('target') as any).required).toEqual(['ServiceNamespace', 'ResourceId', 'ScalableDimension']);
    expect((scalingRequestJsonSchema('scheduled') as any).required).toContain('Schedule');
  });
});

describe('the slider debouncer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends only the last value, 300 ms after the last move; flush sends at once; cancel drops', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const d = new Debouncer<number>((v) => sent.push(v), 300);
    d.call(1);
    vi.advanceTimersByTime(200);
    d.call(2);
    vi.advanceTimersByTime(299);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([2]);
    d.call(3);
    d.flush();
    expect(sent).toEqual([2, 3]);
    d.call(4);
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([2, 3]);
  });
});

describe('chart layout', () => {
  it('ticks every 1, 2, 5, 10 … minutes, at most six', () => {
    expect(minuteTicks(0, 10 * 60_000)).toEqual([0, 2, 4, 6, 8, 10].map((m) => m * 60_000));
    expect(minuteTicks(0, 3 * 60_000)).toEqual([0, 1, 2, 3].map((m) => m * 60_000));
    expect(minuteTicks(0, 60 * 60_000).length).toBeLessThanOrEqual(6);
  });

  it('pushes apart rule labels that would overlap (target and AlarmHigh at the same value)', () => {
    expect(labelPositions([50, 50, 80])).toEqual([50, 61, 80]);
    expect(labelPositions([80, 50])).toEqual([80, 50]);
  });
});
