// Random walks over a group (desired changes, protection, user and fault terminations, zone
// outages), each from a printed seed, checking after every settle that the group, its EC2
// instances and their container instances agree.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../workers/protocol.ts';
import { group, groupEngine, type Engine } from './helpers.ts';

function lcg(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

function randomStep(engine: Engine, draw: (n: number) => number): Step {
  const g = group(engine);
  const ids = g.Instances.map((i) => i.InstanceId);
  const pick = () => ids[draw(ids.length)]!;
  switch (draw(7)) {
    case 0:
    case 1:
      return { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: draw(7) } };
    case 2:
      return ids.length === 0 ? { wait: '30s' } : { 'autoscaling:SetInstanceProtection': { AutoScalingGroupName: 'asg', InstanceIds: [pick()], ProtectedFromScaleIn: draw(2) === 0 } };
    case 3:
      return ids.length === 0 ? { wait: '30s' } : { 'sim:TerminateInstance': { instanceId: pick() } };
    case 4:
      return ids.length === 0 ? { wait: '30s' } : { 'autoscaling:TerminateInstanceInAutoScalingGroup': { InstanceId: pick(), ShouldDecrementDesiredCapacity: draw(2) === 0 } };
    case 5:
      return draw(2) === 0 ? { 'sim:FailAvailabilityZone': { zone: ZONES[draw(3)]!, durationSeconds: 120 + 60 * draw(5) } } : { wait: '45s' };
    default:
      return { wait: `${10 + draw(120)}s` };
  }
}

function checkAgreement(engine: Engine): void {
  const snap = engine.snapshot();
  const g = group(engine);
  const ec2 = new Map(snap.ec2Instances!.map((i) => [i.InstanceId, i]));
  expect(g.DesiredCapacity).toBeGreaterThanOrEqual(g.MinSize);
  expect(g.DesiredCapacity).toBeLessThanOrEqual(g.MaxSize);
  for (const member of g.Instances) {
    const instance = ec2.get(member.InstanceId);
    expect(instance, member.InstanceId).toBeDefined();
    if (member.LifecycleState === 'InService') expect(instance!.State.Name).toBe('running');
    if (member.LifecycleState === 'Pending') expect(instance!.State.Name).toBe('pending');
  }
  for (const instance of ec2.values()) {
    if (instance.State.Name === 'running' || instance.State.Name === 'pending') {
      expect(g.Instances.some((m) => m.InstanceId === instance.InstanceId), `${instance.InstanceId} is ${instance.State.Name} but not in the group`).toBe(true);
    }
  }
  for (const ci of snap.containerInstances) {
    expect(ec2.get(ci.ec2InstanceId)?.State.Name, `container instance ${ci.ec2InstanceId}`).toBe('running');
  }
}

describe('group invariants under random operations', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}`, () => {
      const engine = groupEngine({ seed, desired: 3, min: 0, max: 6, zones: ZONES });
      const draw = lcg(seed);
      const refused: string[] = [];
      for (let i = 0; i < 40; i++) {
        const result = engine.dispatch(randomStep(engine, draw));
        if ('error' in result) refused.push(result.error.code);
        checkAgreement(engine);
      }
      // Settled, with every zone back: live instances match desired unless protection holds extras.
      // Most steps must be accepted, or the walk proves little.
      expect(refused.length, refused.join(', ')).toBeLessThan(15);
      engine.advance(15 * 60_000);
      checkAgreement(engine);
      const g = group(engine);
      const live = g.Instances.filter((m) => m.LifecycleState === 'InService' || m.LifecycleState === 'Pending');
      if (live.length > g.DesiredCapacity) expect(live.filter((m) => m.ProtectedFromScaleIn).length).toBeGreaterThan(0);
      else expect(live.length, `seed ${seed}`).toBe(g.DesiredCapacity);
    });
  }
});
