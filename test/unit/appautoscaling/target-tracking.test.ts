// Proves target tracking for ECS services: the proportional capacity (ceil of current × metric /
// target), conservative scale-in, DisableScaleIn, no scaling without data, clamping; the
// combination of several policies (out if any, in only if all, largest wins); the asymmetric
// cooldowns; and the AlarmHigh/AlarmLow pair a policy creates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyCooldowns, inScaleInCooldown, inScaleOutCooldown, recordScaling } from '../../../workers/engine/appautoscaling/cooldowns.ts';
import { combineTargetTracking, targetTrackingDesired } from '../../../workers/engine/appautoscaling/target-tracking.ts';
import {
  ecsScalingPolicyArn,
  LOW_ALARM_FACTOR,
  lowAlarmThreshold,
  predefinedMetric,
  targetTrackingAlarms,
  type TrackedMetric,
} from '../../../workers/engine/appautoscaling/tracking-alarms.ts';

const MINUTE = 60_000;

describe('targetTrackingDesired', () => {
  it('scales out proportionally, rounding up: 2 tasks at 90 % with a 50 % target → 4', () => {
    expect(targetTrackingDesired({ current: 2, metric: 90, target: 50, min: 1, max: 10 })).toMatchObject({ desired: 4, direction: 'out', reason: 'proportional', proposed: 4 });
    expect(targetTrackingDesired({ current: 3, metric: 70, target: 70, min: 1, max: 10 })).toMatchObject({ desired: 3, direction: 'none' });
    expect(targetTrackingDesired({ current: 3, metric: 71, target: 70, min: 1, max: 10 }).desired).toBe(4);
  });
  it('scales in conservatively: removes only whole tasks the smaller service can spare', () => {
    // 10 tasks at 40 % for a 50 % target: 8 tasks would sit at exactly 50 %.
    expect(targetTrackingDesired({ current: 10, metric: 40, target: 50, min: 1, max: 10 })).toMatchObject({ desired: 8, direction: 'in' });
    // 10 tasks at 41 %: 8.2 → 9, never 8 (which would put the service above target).
    expect(targetTrackingDesired({ current: 10, metric: 41, target: 50, min: 1, max: 10 }).desired).toBe(9);
  });
  it('with DisableScaleIn it never goes below the current capacity', () => {
    expect(targetTrackingDesired({ current: 10, metric: 10, target: 50, min: 1, max: 10, disableScaleIn: true })).toMatchObject({ desired: 10, direction: 'none', reason: 'scale-in-disabled', proposed: 2 });
    expect(targetTrackingDesired({ current: 2, metric: 100, target: 50, min: 1, max: 10, disableScaleIn: true }).desired).toBe(4);
  });
  it('does not scale without data (insufficient data is not low utilization)', () => {
    for (const metric of [undefined, Number.NaN]) {
      expect(targetTrackingDesired({ current: 5, metric, target: 50, min: 1, max: 10 })).toMatchObject({ desired: 5, direction: 'none', reason: 'insufficient-data' });
    }
  });
  it('clamps to [min, max]', () => {
    expect(targetTrackingDesired({ current: 4, metric: 100, target: 10, min: 1, max: 6 })).toMatchObject({ desired: 6, unclamped: 40, clampedBy: 'MaxCapacity', direction: 'out' });
    expect(targetTrackingDesired({ current: 4, metric: 1, target: 50, min: 3, max: 6 })).toMatchObject({ desired: 3, unclamped: 1, clampedBy: 'MinCapacity', direction: 'in' });
  });
  it('from zero tasks, load starts one (sandbox rule) and no load stays at zero', () => {
    expect(targetTrackingDesired({ current: 0, metric: 5, target: 10, min: 0, max: 5 })).toMatchObject({ desired: 1, reason: 'start-from-zero' });
    expect(targetTrackingDesired({ current: 0, metric: 0, target: 10, min: 0, max: 5 }).desired).toBe(0);
  });
  it('never leaves [min, max] and never scales the wrong way (fast-check)', () => {
    const seed = 8_2026;
    console.log(`target tracking fuzz seed ${seed}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0.1, max: 200, noNaN: true }), (current, a, b, metric, target) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const r = targetTrackingDesired({ current, metric, target, min, max });
        expect(r.desired).toBeGreaterThanOrEqual(min);
        expect(r.desired).toBeLessThanOrEqual(max);
        if (r.clampedBy === undefined && current > 0 && metric > target) expect(r.desired).toBeGreaterThanOrEqual(current);
        if (r.clampedBy === undefined && current > 0 && metric < target) expect(r.desired).toBeLessThanOrEqual(current);
      }),
      { seed, numRuns: 2000 },
    );
  });
});

describe('several target tracking policies on one service', () => {
  it('scales out if ANY policy asks, to the largest capacity', () => {
    expect(combineTargetTracking(4, [
      { policyName: 'cpu', desired: 6, scaleInEnabled: true },
      { policyName: 'memory', desired: 3, scaleInEnabled: true },
      { policyName: 'requests', desired: 8, scaleInEnabled: true },
    ])).toEqual({ desired: 8, direction: 'out', policyName: 'requests' });
  });
  it('scales in only if ALL policies with scale-in enabled ask, to the largest of their capacities', () => {
    expect(combineTargetTracking(6, [
      { policyName: 'cpu', desired: 3, scaleInEnabled: true },
      { policyName: 'memory', desired: 5, scaleInEnabled: true },
    ])).toEqual({ desired: 5, direction: 'in', policyName: 'memory' });
    expect(combineTargetTracking(6, [
      { policyName: 'cpu', desired: 3, scaleInEnabled: true },
      { policyName: 'memory', desired: 6, scaleInEnabled: true },
    ])).toEqual({ desired: 6, direction: 'none', heldBy: { policyName: 'memory', why: 'not-ready-to-scale-in' } });
  });
  it('a policy with scale-in disabled does not vote on scale-in; one without data holds it', () => {
    expect(combineTargetTracking(6, [
      { policyName: 'cpu', desired: 3, scaleInEnabled: true },
      { policyName: 'memory', desired: 6, scaleInEnabled: false },
    ])).toMatchObject({ desired: 3, direction: 'in' });
    expect(combineTargetTracking(6, [
      { policyName: 'cpu', desired: 3, scaleInEnabled: true },
      { policyName: 'requests', desired: undefined, scaleInEnabled: true },
    ])).toEqual({ desired: 6, direction: 'none', heldBy: { policyName: 'requests', why: 'insufficient-data' } });
    expect(combineTargetTracking(6, [{ policyName: 'x', desired: 2, scaleInEnabled: false }])).toEqual({ desired: 6, direction: 'none' });
  });
  it('a policy without data does not block another one scaling out', () => {
    expect(combineTargetTracking(2, [
      { policyName: 'cpu', desired: undefined, scaleInEnabled: true },
      { policyName: 'memory', desired: 3, scaleInEnabled: true },
    ])).toMatchObject({ desired: 3, direction: 'out' });
  });
});

describe('cooldowns (300 s by default)', () => {
  it('during a scale-out cooldown a further scale-out acts only if it asks for more', () => {
    const history = recordScaling({}, 2, 4, 0);
    expect(inScaleOutCooldown(history, 299_999)).toBe(true);
    expect(inScaleOutCooldown(history, 300_000)).toBe(false);
    expect(applyCooldowns(4, 4, history, MINUTE)).toEqual({ act: false, desired: 4, why: 'covered-by-scale-out-cooldown' });
    expect(applyCooldowns(4, 6, history, MINUTE)).toEqual({ act: true, desired: 6, direction: 'out', duringScaleOutCooldown: true });
  });
  it('a scale-out inside the cooldown keeps the capacity the cooldown started from', () => {
    const first = recordScaling({}, 2, 4, 0);
    const second = recordScaling(first, 4, 6, MINUTE);
    expect(second.lastScaleOut).toEqual({ atMs: MINUTE, cooldownSeconds: 300, capacityBefore: 2 });
    expect(recordScaling(second, 6, 7, 10 * MINUTE).lastScaleOut?.capacityBefore).toBe(6);
  });
  it('the scale-in cooldown blocks scale-in, with the time left, until it expires', () => {
    const history = recordScaling({}, 6, 5, 0, 120);
    expect(applyCooldowns(5, 4, history, MINUTE)).toEqual({ act: false, desired: 5, why: 'scale-in-cooldown', remainingMs: MINUTE });
    expect(applyCooldowns(5, 4, history, 2 * MINUTE)).toEqual({ act: true, desired: 4, direction: 'in', duringScaleOutCooldown: false });
  });
  it('a scale-out during the scale-in cooldown acts immediately and cancels it', () => {
    let history = recordScaling({}, 6, 5, 0);
    expect(applyCooldowns(5, 7, history, MINUTE)).toMatchObject({ act: true, desired: 7, direction: 'out' });
    history = recordScaling(history, 5, 7, MINUTE);
    expect(inScaleInCooldown(history, 2 * MINUTE)).toBe(false);
    expect(applyCooldowns(7, 6, history, 2 * MINUTE)).toMatchObject({ act: true, direction: 'in' });
  });
});

describe('the alarm pair of a target tracking policy', () => {
  const arn = ecsScalingPolicyArn('11111111-2222-4333-8444-555555555555', 'demo', 'web', 'cpu70');
  const cpu = predefinedMetric('ECSServiceAverageCPUUtilization', 'demo', 'web') as TrackedMetric;
  const alarms = targetTrackingAlarms({ cluster: 'demo', service: 'web', policyArn: arn, targetValue: 70, tracked: cpu, highUuid: 'aaaa', lowUuid: 'bbbb' });

  it('policy ARN in Application Auto Scaling form', () => {
    expect(arn).toBe('arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:11111111-2222-4333-8444-555555555555:resource/ecs/service/demo/web:policyName/cpu70');
  });
  it('AlarmHigh: > target for 3 of 3 one-minute periods', () => {
    expect(alarms[0]).toEqual({
      role: 'high',
      name: 'TargetTracking-service/demo/web-AlarmHigh-aaaa',
      description: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${arn}.`,
      metric: { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: [{ Name: 'ClusterName', Value: 'demo' }, { Name: 'ServiceName', Value: 'web' }] },
      statistic: 'Average',
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: 70,
      comparisonOperator: 'GreaterThanThreshold',
      alarmActions: [arn],
      actionsEnabled: true,
      ownerArn: arn,
    });
  });
  it('AlarmLow: < 0.9 × target for 15 of 15 (70 → 63, 80 → 72, 30 → 27)', () => {
    expect(alarms[1]).toMatchObject({ role: 'low', name: 'TargetTracking-service/demo/web-AlarmLow-bbbb', evaluationPeriods: 15, datapointsToAlarm: 15, threshold: 63, comparisonOperator: 'LessThanThreshold' });
    expect(LOW_ALARM_FACTOR).toBe(0.9);
    expect([lowAlarmThreshold(80), lowAlarmThreshold(30), lowAlarmThreshold(75)]).toEqual([72, 27, 67.5]);
  });
  it('no low alarm when scale-in is disabled', () => {
    const only = targetTrackingAlarms({ cluster: 'demo', service: 'web', policyArn: arn, targetValue: 70, tracked: cpu, disableScaleIn: true, highUuid: 'a', lowUuid: 'b' });
    expect(only.map((a) => a.role)).toEqual(['high']);
  });
  it('predefined metrics: memory, and ALB requests per target with its resource label', () => {
    expect(predefinedMetric('ECSServiceAverageMemoryUtilization', 'demo', 'web')).toMatchObject({ metric: { namespace: 'AWS/ECS', metricName: 'MemoryUtilization' }, statistic: 'Average', unit: 'Percent' });
    expect(predefinedMetric('ALBRequestCountPerTarget', 'demo', 'web', 'app/my-alb/778d41231b141a0f/targetgroup/my-tg/943f017f100becff')).toEqual({
      metric: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCountPerTarget', dimensions: [{ Name: 'TargetGroup', Value: 'targetgroup/my-tg/943f017f100becff' }] },
      statistic: 'Sum',
      unit: 'Count',
    });
    expect(predefinedMetric('ALBRequestCountPerTarget', 'demo', 'web')).toEqual({ error: expect.stringContaining('ResourceLabel must be app/<load-balancer-name>/<load-balancer-id>/targetgroup/') });
    expect(predefinedMetric('ALBRequestCountPerTarget', 'demo', 'web', 'targetgroup/my-tg/1')).toHaveProperty('error');
  });
});
