// Proves scheduled actions' effect at fire time (raise to a new min, lower to a new max, bounds only,
// refusals, suspension) and the dynamic-scaling gate: scale-in suspended during an ECS deployment,
// scale-out continuing, and the target's suspend flags; the wording of a scaling activity.
import { describe, expect, it } from 'vitest';
import { scheduledActionEffect } from '../../../workers/engine/appautoscaling/scheduled.ts';
import { dynamicScalingAllowed } from '../../../workers/engine/appautoscaling/suspension.ts';
import { clampCapacity, ecsServiceResourceId } from '../../../workers/engine/appautoscaling/capacity.ts';
import * as text from '../../../workers/engine/appautoscaling/activity-text.ts';

describe('scheduled action at fire time', () => {
  it('raises the capacity to a new minimum above it', () => {
    expect(scheduledActionEffect({ desired: 2, min: 1, max: 10, newMin: 5 })).toEqual({ ok: true, min: 5, max: 10, desired: 5, changed: 'raised-to-min' });
  });
  it('lowers the capacity to a new maximum below it', () => {
    expect(scheduledActionEffect({ desired: 8, min: 1, max: 10, newMax: 3 })).toEqual({ ok: true, min: 1, max: 3, desired: 3, changed: 'lowered-to-max' });
  });
  it('only changes the bounds when the capacity is inside them', () => {
    expect(scheduledActionEffect({ desired: 4, min: 1, max: 10, newMin: 2, newMax: 6 })).toEqual({ ok: true, min: 2, max: 6, desired: 4, changed: 'bounds-only' });
  });
  it('ignores cooldowns: it takes no cooldown input and acts whatever happened before', () => {
    expect(scheduledActionEffect.length).toBe(1);
    expect(scheduledActionEffect({ desired: 9, min: 9, max: 20, newMin: 0, newMax: 4 })).toMatchObject({ desired: 4 });
  });
  it('refuses a new minimum above the maximum, and does nothing while scheduled scaling is suspended', () => {
    expect(scheduledActionEffect({ desired: 2, min: 1, max: 4, newMin: 6 })).toEqual({ ok: false, message: 'Minimum capacity cannot be greater than maximum capacity: MinCapacity 6, MaxCapacity 4' });
    expect(scheduledActionEffect({ desired: 2, min: 1, max: 4, newMin: -1 })).toMatchObject({ ok: false, message: 'MinCapacity must be a whole number ≥ 0, got -1' });
    expect(scheduledActionEffect({ desired: 2, min: 1, max: 10, newMin: 5, scheduledScalingSuspended: true })).toEqual({ ok: true, min: 1, max: 10, desired: 2, changed: 'suspended' });
  });
});

describe('dynamic scaling during a deployment and with suspend flags', () => {
  it('scale-in is suspended during an ECS deployment; scale-out continues', () => {
    expect(dynamicScalingAllowed({ direction: 'in', deploymentInProgress: true })).toMatchObject({ allowed: false, why: 'deployment-in-progress' });
    expect(dynamicScalingAllowed({ direction: 'out', deploymentInProgress: true })).toEqual({ allowed: true });
    expect(dynamicScalingAllowed({ direction: 'in', deploymentInProgress: false })).toEqual({ allowed: true });
  });
  it('the scalable target\'s DynamicScalingIn/OutSuspended flags', () => {
    expect(dynamicScalingAllowed({ direction: 'out', deploymentInProgress: true, dynamicScalingOutSuspended: true })).toMatchObject({ allowed: false, why: 'DynamicScalingOutSuspended' });
    expect(dynamicScalingAllowed({ direction: 'in', deploymentInProgress: false, dynamicScalingInSuspended: true })).toMatchObject({ allowed: false, why: 'DynamicScalingInSuspended' });
    expect(dynamicScalingAllowed({ direction: 'out', deploymentInProgress: false, dynamicScalingInSuspended: true })).toEqual({ allowed: true });
  });
});

describe('capacity helpers', () => {
  it('clamps to [MinCapacity, MaxCapacity] and names the ECS resource', () => {
    expect(clampCapacity({ min: 2, max: 5 }, 9)).toEqual({ desired: 5, unclamped: 9, clampedBy: 'MaxCapacity' });
    expect(clampCapacity({ min: 2, max: 5 }, 0)).toEqual({ desired: 2, unclamped: 0, clampedBy: 'MinCapacity' });
    expect(clampCapacity({ min: 2, max: 5 }, 3)).toEqual({ desired: 3, unclamped: 3 });
    expect(ecsServiceResourceId('demo', 'web')).toBe('service/demo/web');
  });
});

describe('scaling activity wording', () => {
  it('matches the API reference example and a real scheduled activity', () => {
    expect(text.activityDescription(3)).toBe('Setting desired count to 3.');
    expect(text.activitySuccessMessage(3)).toBe('Successfully set desired count to 3. Change successfully fulfilled by ecs.');
    expect(text.alarmCause('TargetTracking-service/my-cluster/my-service-AlarmHigh-d4f0770c-b46e-434a-a60f-3b36d653feca', 'cpu75-target-tracking-scaling-policy'))
      .toBe('monitor alarm TargetTracking-service/my-cluster/my-service-AlarmHigh-d4f0770c-b46e-434a-a60f-3b36d653feca in state ALARM triggered policy cpu75-target-tracking-scaling-policy');
    expect(text.boundsCause('minimum', 1)).toBe('minimum capacity was set to 1');
    expect(text.boundsCause('maximum', 4)).toBe('maximum capacity was set to 4');
  });
});
