import { describe, expect, it } from 'vitest';
import { group, refusal, run, userData } from '../autoscaling/helpers.ts';
import { createEngine } from '../../../workers/engine/index.ts';

function spotGroup(draining: boolean) {
  const engine = createEngine({ seed: 11 });
  run(engine, { 'ecs:CreateCluster': { clusterName: 'demo' } });
  run(engine, { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'spot-lt', LaunchTemplateData: { InstanceType: 'm5.large', UserData: userData('demo', draining ? 'echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config' : '') } } });
  run(engine, {
    'autoscaling:CreateAutoScalingGroup': {
      AutoScalingGroupName: 'spot', MinSize: 0, MaxSize: 4, DesiredCapacity: 1, AvailabilityZones: ['us-east-1a'],
      MixedInstancesPolicy: {
        LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateName: 'spot-lt' }, Overrides: [{ InstanceType: 'm5.large' }] },
        InstancesDistribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 0 },
      },
    },
  });
  engine.advance(5 * 60_000);
  return engine;
}

describe('EC2 Spot interruptions', () => {
  it('drains the container instance at the notice when ECS_ENABLE_SPOT_INSTANCE_DRAINING is set, and terminates the instance two minutes later', () => {
    const engine = spotGroup(true);
    const [instance] = engine.snapshot().ec2Instances!;
    expect(instance!.InstanceLifecycle).toBe('spot');
    // Billed at the Spot price (35% of m5.large's $0.096 On-Demand) plus its gp3 root volume.
    expect(engine.snapshot().cost!.byLaunchType.EC2.ratePerHourUsd).toBeCloseTo(0.0336 + (30 * 0.08) / 730, 12);
    expect(engine.snapshot().containerInstances).toHaveLength(1);
    run(engine, { 'sim:InterruptSpot': { instanceIds: [instance!.InstanceId] } });
    expect(engine.snapshot().containerInstances[0]!.status).toBe('DRAINING');
    expect(engine.snapshot().faults!.some((f) => f.target === 'EC2 Spot')).toBe(true);
    engine.advance(119_000);
    expect(engine.snapshot().ec2Instances!.find((i) => i.InstanceId === instance!.InstanceId)!.State.Name).toBe('running');
    engine.advance(1_000);
    const after = engine.snapshot().ec2Instances!.find((i) => i.InstanceId === instance!.InstanceId)!;
    expect(['shutting-down', 'terminated']).toContain(after.State.Name);
    expect(group(engine, 'spot')).toBeDefined();
  });

  it('leaves the container instance ACTIVE without the agent option', () => {
    const engine = spotGroup(false);
    const [instance] = engine.snapshot().ec2Instances!;
    run(engine, { 'sim:InterruptSpot': { instanceIds: [instance!.InstanceId] } });
    expect(engine.snapshot().containerInstances[0]!.status).toBe('ACTIVE');
    expect(refusal(engine, { 'sim:InterruptSpot': { instanceIds: [instance!.InstanceId] } }).message).toMatch(/already has its two-minute/);
  });

  it('interrupts Spot Instances at the market rate, the same way for the same seed', () => {
    const noticed = (): string[] => {
      const engine = spotGroup(true);
      run(engine, { 'sim:SetSpotMarket': { ec2SpotInterruptionsPerHour: 30 } });
      engine.advance(20 * 60_000);
      return engine.snapshot().events.filter((e) => e.kind === 'ec2.spot-interruption').map((e) => `${e.time} ${e.message.slice(0, 40)}`);
    };
    const first = noticed();
    expect(first.length, 'seed 11').toBeGreaterThan(0);
    expect(noticed()).toEqual(first);
  });
});
