// Proves scheduled actions' effect at fire time (raise to a new min, lower to a new max, bounds only,
// refusals, suspension) and the dynamic-scaling gate: scale-in suspended during an ECS deployment,
// scale-out continuing, and the target's suspend flags.
import { describe, expect, it } from 'vitest';
import { scheduledActionEffect } from '../../../workers/engine/appautoscaling/scheduled.ts';
import { dynamicScalingAllowed } from '../../../workers/engine/appautoscaling/suspension.ts';
import { clampCapacity, ecsServiceResourceId } from '../../../workers/engine/appautoscaling/capacity.ts';

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
