// Proves CapacityProviderReservation follows ecs-reference §6 (M/N × 100; N = 0 → 100 or 200; the
// doc's "100 − empty instances" reading) against hand-computed cases, and that one minute of
// managed scaling (target tracking on it) picks the documented scale-out step (min/max step, the
// several-types-or-AZs rule), waits for warm-up and for 15 low datapoints before scale-in, removes
// fewer than half the instances a minute, and never leaves MinSize..MaxSize.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  capacityProviderReservation,
  managedScalingDesired,
  maxScaleInPerMinute,
  scaleInReservationPerDoc,
  scaleOutStepSize,
  SCALE_IN_DATAPOINTS,
  type ManagedScalingInput,
} from '../../../workers/engine/capacity/reservation.ts';

describe('capacityProviderReservation', () => {
  it.each([
    // [M needed, N running, reservation]
    [0, 0, 100], // nothing runs, nothing waits
    [1, 0, 200], // tasks wait, no instance: 200
    [50, 0, 200],
    [4, 4, 100], // exactly right
    [6, 4, 150], // 2 more needed
    [3, 4, 75], // one instance spare
    [0, 5, 0], // all empty
    [9, 10, 90],
  ])('M=%i, N=%i → %d%%', (needed, running, expected) => {
    expect(capacityProviderReservation({ instancesNeeded: needed, runningInstances: running })).toBeCloseTo(expected, 10);
  });

  it('reads bad counts as 0 and never throws', () => {
    expect(capacityProviderReservation({ instancesNeeded: Number.NaN, runningInstances: -3 })).toBe(100);
    expect(capacityProviderReservation({ instancesNeeded: 2.7, runningInstances: 2 })).toBe(100);
  });

  it("the doc's scale-in reading: 100 − empty instances (2 empty → 98)", () => {
    expect(scaleInReservationPerDoc(2)).toBe(98);
    expect(scaleInReservationPerDoc(0)).toBe(100);
    expect(scaleInReservationPerDoc(250)).toBe(0);
  });
});

describe('scaleOutStepSize', () => {
  it.each([
    // [missing, min, max, multiple, step]
    [1, 1, 10_000, false, 1],
    [7, 1, 10_000, false, 7],
    [7, 1, 5, false, 5], // capped by the maximum step
    [2, 3, 10, false, 3], // fewer missing than the minimum step → the minimum
    [50, 4, 100, true, 4], // several instance types or AZs → exactly the minimum
    [0, 1, 10, false, 1],
  ])('missing %i, min %i, max %i, several types/AZs %s → %i', (missing, min, max, multiple, step) => {
    expect(
      scaleOutStepSize({ instancesMissing: missing, minimumScalingStepSize: min, maximumScalingStepSize: max, multipleInstanceTypesOrAzs: multiple }),
    ).toBe(step);
  });

  it('defaults are min 1, max 10000', () => {
    expect(scaleOutStepSize({ instancesMissing: 20_000 })).toBe(10_000);
  });
});

describe('maxScaleInPerMinute: at least 1, less than 50%', () => {
  it.each([
    [1, 1],
    [2, 1],
    [3, 1],
    [4, 1],
    [5, 2],
    [10, 4],
    [11, 5],
  ])('N=%i → %i', (running, remove) => {
    expect(maxScaleInPerMinute(running)).toBe(remove);
  });
});

const base: ManagedScalingInput = {
  runningInstances: 0,
  instancesNeeded: 0,
  currentDesired: 0,
  minSize: 0,
  maxSize: 100,
};

describe('managedScalingDesired', () => {
  it('from zero instances, tasks waiting: reservation 200, scale out by the missing instances', () => {
    const decision = managedScalingDesired({ ...base, instancesNeeded: 3 });
    expect(decision).toMatchObject({ reservation: 200, action: 'scale-out', desiredCapacity: 3, step: 3, idealInstances: 3 });
    expect(decision.reason).toContain('200%');
  });

  it('nothing running, nothing waiting: 100, no action', () => {
    expect(managedScalingDesired(base)).toMatchObject({ reservation: 100, action: 'none', desiredCapacity: 0 });
  });

  it('target 90 keeps spare instances: 10 needed → 12 wanted (ceil(10 × 100 / 90))', () => {
    const decision = managedScalingDesired({ ...base, runningInstances: 10, currentDesired: 10, instancesNeeded: 10, targetCapacity: 90 });
    expect(decision).toMatchObject({ reservation: 100, target: 90, idealInstances: 12, action: 'scale-out', desiredCapacity: 12, step: 2 });
  });

  it('at the target: no action', () => {
    expect(managedScalingDesired({ ...base, runningInstances: 10, currentDesired: 10, instancesNeeded: 9, targetCapacity: 90 })).toMatchObject({
      reservation: 90,
      action: 'none',
    });
  });

  it('the maximum step caps a large scale-out; the minimum step raises a small one', () => {
    expect(
      managedScalingDesired({ ...base, runningInstances: 2, currentDesired: 2, instancesNeeded: 40, maximumScalingStepSize: 5 }),
    ).toMatchObject({ action: 'scale-out', desiredCapacity: 7, step: 5 });
    expect(
      managedScalingDesired({ ...base, runningInstances: 2, currentDesired: 2, instancesNeeded: 3, minimumScalingStepSize: 4 }),
    ).toMatchObject({ action: 'scale-out', desiredCapacity: 6, step: 4 });
  });

  it('several instance types or AZs: exactly the minimum step', () => {
    expect(
      managedScalingDesired({ ...base, runningInstances: 2, currentDesired: 2, instancesNeeded: 40, minimumScalingStepSize: 2, multipleInstanceTypesOrAzs: true }),
    ).toMatchObject({ action: 'scale-out', desiredCapacity: 4 });
  });

  it('scale-out waits while an instance is in its warm-up period', () => {
    const decision = managedScalingDesired({ ...base, runningInstances: 2, currentDesired: 4, instancesNeeded: 8, instancesInWarmup: 2 });
    expect(decision).toMatchObject({ action: 'none', desiredCapacity: 4 });
    expect(decision.reason).toContain('2 instance(s) still in their warm-up');
  });

  it('scale-out stops at MaxSize and says so; MaxSize 0 refuses', () => {
    expect(managedScalingDesired({ ...base, runningInstances: 4, currentDesired: 4, instancesNeeded: 20, maxSize: 6 })).toMatchObject({
      action: 'scale-out',
      desiredCapacity: 6,
    });
    const atMax = managedScalingDesired({ ...base, runningInstances: 6, currentDesired: 6, instancesNeeded: 20, maxSize: 6 });
    expect(atMax.action).toBe('none');
    expect(atMax.reason).toContain('MaxSize 6');
    expect(managedScalingDesired({ ...base, instancesNeeded: 2, maxSize: 0 }).reason).toContain('MaxSize is 0');
  });

  it('scale-out waits for the high datapoints it needs', () => {
    expect(managedScalingDesired({ ...base, instancesNeeded: 2, highDatapoints: 0 }).action).toBe('none');
    expect(managedScalingDesired({ ...base, instancesNeeded: 2, highDatapoints: 1 }).action).toBe('scale-out');
  });

  it(`scale-in needs ${SCALE_IN_DATAPOINTS} low datapoints, then removes < 50% a minute, not below MinSize`, () => {
    const idle: ManagedScalingInput = { ...base, runningInstances: 10, currentDesired: 10, instancesNeeded: 2, minSize: 1 };
    const early = managedScalingDesired({ ...idle, lowDatapoints: 14 });
    expect(early).toMatchObject({ action: 'none', reservation: 20 });
    expect(early.reason).toContain('14 of 15');
    expect(managedScalingDesired({ ...idle, lowDatapoints: 15 })).toMatchObject({ action: 'scale-in', desiredCapacity: 6, step: -4 });
    expect(managedScalingDesired({ ...idle, runningInstances: 2, currentDesired: 2, instancesNeeded: 0, minSize: 2, lowDatapoints: 20 })).toMatchObject({
      action: 'none',
      desiredCapacity: 2,
    });
  });

  it('scale-in never goes below the instances the target wants', () => {
    // 10 running, 9 needed, target 100 → ideal 9: remove 1 even though 4 would be allowed.
    expect(managedScalingDesired({ ...base, runningInstances: 10, currentDesired: 10, instancesNeeded: 9, lowDatapoints: 15 })).toMatchObject({
      action: 'scale-in',
      desiredCapacity: 9,
    });
  });

  it('property: desired stays within MinSize..MaxSize (or unchanged), never throws', () => {
    fc.assert(
      fc.property(
        fc.record({
          runningInstances: fc.nat({ max: 200 }),
          instancesNeeded: fc.nat({ max: 400 }),
          currentDesired: fc.nat({ max: 200 }),
          minSize: fc.nat({ max: 20 }),
          maxSize: fc.nat({ max: 250 }),
          targetCapacity: fc.integer({ min: -5, max: 120 }),
          minimumScalingStepSize: fc.integer({ min: 1, max: 20 }),
          maximumScalingStepSize: fc.integer({ min: 1, max: 100 }),
          multipleInstanceTypesOrAzs: fc.boolean(),
          instancesInWarmup: fc.nat({ max: 3 }),
          highDatapoints: fc.nat({ max: 3 }),
          lowDatapoints: fc.nat({ max: 30 }),
        }),
        (input) => {
          const decision = managedScalingDesired(input);
          if (decision.action === 'none') {
            expect(decision.desiredCapacity).toBe(input.currentDesired);
          } else {
            const max = Math.max(input.minSize, input.maxSize);
            expect(decision.desiredCapacity).toBeGreaterThanOrEqual(input.minSize);
            expect(decision.desiredCapacity).toBeLessThanOrEqual(max);
            expect(decision.step).toBe(decision.desiredCapacity - input.currentDesired);
            expect(decision.action === 'scale-out' ? decision.step > 0 : decision.step < 0).toBe(true);
          }
          expect(decision.target).toBeGreaterThanOrEqual(1);
          expect(decision.target).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});
