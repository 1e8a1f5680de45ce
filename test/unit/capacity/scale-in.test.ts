// Scale-in under managed scaling: 15 low datapoints first, less than 50% a minute, empty instances
// only while managed termination protection is ENABLED (never an instance running a task: a
// property over seeds), and managed draining before an instance goes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setDesiredCapacity } from '../../../workers/engine/autoscaling/groups.ts';
import { scalingCluster, type ScalingOptions } from './scaling-helpers.ts';

const KILLED_BY_HOST = /^Host EC2 \(instance i-[0-9a-f]+\) terminated\.$/;

/** 40 tasks (5 full m5.large), then 20: every instance keeps 4 of the service's tasks. */
function halfBusy(options: ScalingOptions) {
  const t = grownService(options, 40);
  t.run({ 'ecs:UpdateService': { cluster: 'demo', service: 'app', desiredCount: 20 } });
  t.engine.advance(2 * 60_000);
  expect(t.group.instances.size).toBe(5);
  return t;
}

function grownService(options: ScalingOptions, desired: number, placementStrategy?: unknown[]) {
  const t = scalingCluster(options);
  t.run({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'app', taskDefinition: 'app', desiredCount: desired, ...(placementStrategy === undefined ? {} : { placementStrategy }) } });
  t.engine.advance(10 * 60_000);
  return t;
}

/** Tasks stopped because their instance went away under them. */
const killed = (t: ReturnType<typeof scalingCluster>) => t.engine.snapshot().tasks.filter((task) => KILLED_BY_HOST.test(task.stoppedReason ?? ''));

describe('scale-in', () => {
  it('waits 15 low datapoints, then removes less than half a minute until the empty instances are gone', () => {
    const t = grownService({ seed: 3 }, 80);
    expect(t.group.desiredCapacity).toBe(10);
    t.run({ 'ecs:UpdateService': { cluster: 'demo', service: 'app', desiredCount: 0 } });
    const desired: number[] = [];
    for (let minute = 0; minute < 30; minute++) {
      t.engine.advance(60_000);
      desired.push(t.group.desiredCapacity);
    }
    console.log(`[capacity scale-in] desired capacity per minute after the service went to 0: ${desired.join(' ')}`);
    const firstDrop = desired.findIndex((d) => d < 10);
    expect(firstDrop).toBeGreaterThanOrEqual(13);
    for (let i = 1; i < desired.length; i++) {
      const removed = desired[i - 1]! - desired[i]!;
      expect(removed).toBeLessThan(Math.max(2, desired[i - 1]! / 2 + 1));
    }
    expect(desired.at(-1)).toBe(0);
    expect(killed(t)).toEqual([]);
  });

  it('managed termination protection never lets scale-in take an instance running a task (property over seeds)', () => {
    let scaledIn = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 17, max: 60 }),
        fc.integer({ min: 0, max: 16 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
        (seed, grow, shrink, binpack, userDesired) => {
          console.log(`[capacity property] seed ${seed}: ${grow} → ${shrink} service tasks (${binpack ? 'binpack' : 'spread'}), user SetDesiredCapacity ${userDesired.join(', ')}`);
          const t = grownService({ seed, managedDraining: 'DISABLED' }, grow, binpack ? [{ type: 'binpack', field: 'memory' }] : undefined);
          t.run({ 'ecs:UpdateService': { cluster: 'demo', service: 'app', desiredCount: shrink } });
          // Standalone tasks too: nothing replaces them, so losing their instance would show.
          t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app', count: 2 } });
          let lowest = t.group.desiredCapacity;
          for (let minute = 0; minute < 40; minute++) {
            // A user shrinks the group now and then (scale-in from outside managed scaling).
            const asked = userDesired[minute / 10];
            if (asked !== undefined) setDesiredCapacity(t.ctx, t.group, asked, 'a user request explicitly set group desired capacity');
            t.engine.advance(60_000);
            lowest = Math.min(lowest, t.group.instances.size);
            expect(killed(t)).toEqual([]);
          }
          if (lowest < 5) scaledIn += 1;
          const running = t.engine.snapshot().tasks.filter((task) => task.lastStatus === 'RUNNING').length;
          expect(running).toBe(shrink + 2);
        },
      ),
      { numRuns: 8, seed: 20261207 },
    );
    console.log(`[capacity property] runs in which instances were scaled in: ${scaledIn} of 8`);
    expect(scaledIn).toBeGreaterThan(0);
  });

  it('without managed termination protection (and draining) a scale-in does take instances with tasks — what protection prevents', () => {
    const t = halfBusy({ seed: 5, managedTerminationProtection: 'DISABLED', managedDraining: 'DISABLED' });
    setDesiredCapacity(t.ctx, t.group, 3, 'a user request explicitly set group desired capacity');
    t.engine.advance(5 * 60_000);
    expect(killed(t).length).toBeGreaterThan(0);
  });

  it('the same scale-in with protection leaves the busy instances alone', () => {
    const t = halfBusy({ seed: 5, managedDraining: 'DISABLED' });
    setDesiredCapacity(t.ctx, t.group, 3, 'a user request explicitly set group desired capacity');
    t.engine.advance(5 * 60_000);
    expect(killed(t)).toEqual([]);
    expect(t.group.instances.size).toBe(5);
  });

  it('managed draining: the instance is set DRAINING, its service tasks are replaced elsewhere, then it terminates', () => {
    const t = halfBusy({ seed: 8, managedTerminationProtection: 'DISABLED' });
    setDesiredCapacity(t.ctx, t.group, 3, 'a user request explicitly set group desired capacity');
    t.engine.advance(5 * 60_000);
    const events = t.engine.snapshot().events.map((e) => e.message);
    expect(events.filter((m) => /drains i-[0-9a-f]+ before Auto Scaling group asg terminates it \(managed draining\)/.test(m))).toHaveLength(2);
    expect(events.filter((m) => /is drained .*Auto Scaling group asg may terminate it/.test(m))).toHaveLength(2);
    expect(killed(t)).toEqual([]);
    expect(t.engine.snapshot().tasks.filter((task) => task.lastStatus === 'RUNNING')).toHaveLength(20);
    expect(t.group.instances.size).toBe(3);
  });
});
