// Auto Scaling groups through their commands: create/update/delete/describe, desired capacity,
// balance over zones, scale-in by the termination policies with protection honoured,
// TerminateInstanceInAutoScalingGroup, activities in AWS's words, refusals that change nothing,
// zone outages and determinism.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { group, groupEngine, refusal, run, userData, type Engine } from './helpers.ts';

const zonesOf = (engine: Engine) => group(engine).Instances.filter((i) => i.LifecycleState !== 'Terminating').map((i) => i.AvailabilityZone).sort();

describe('CreateAutoScalingGroup', () => {
  it('launches DesiredCapacity instances balanced over the zones, with AWS activity wording', () => {
    const engine = groupEngine({ desired: 5, zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
    expect(zonesOf(engine)).toEqual(['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1b', 'us-east-1c']);
    const activities = engine.snapshot().scalingActivities!;
    expect(activities).toHaveLength(5);
    expect(activities[0]!.Description).toMatch(/^Launching a new EC2 instance: i-[0-9a-f]{17}$/);
    expect(activities[0]!.Cause).toBe(
      'At 2026-01-01T00:00:00Z a user request created an AutoScalingGroup changing the desired capacity from 0 to 5.  At 2026-01-01T00:00:00Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 0 to 5.',
    );
    expect(activities[0]!.StatusCode).toBe('PreInService');
    engine.advance(60_000);
    expect(engine.snapshot().scalingActivities!.every((a) => a.StatusCode === 'Successful' && a.Progress === 100)).toBe(true);
  });

  it('refuses what AWS refuses, and a refusal creates nothing', () => {
    const engine = groupEngine({ desired: 1 });
    const before = JSON.stringify(engine.snapshot());
    const base = { AutoScalingGroupName: 'asg2', MinSize: 0, MaxSize: 2, AvailabilityZones: ['us-east-1a'], LaunchTemplate: { LaunchTemplateName: 'ecs-lt' } };
    expect(refusal(engine, { 'autoscaling:CreateAutoScalingGroup': { ...base, AutoScalingGroupName: 'asg' } })).toEqual({ code: 'AlreadyExists', message: 'AutoScalingGroup by this name already exists - A group with the name asg already exists' });
    expect(refusal(engine, { 'autoscaling:CreateAutoScalingGroup': { ...base, MinSize: 3 } }).message).toBe('Max bound, 2, must be greater than or equal to min bound, 3');
    expect(refusal(engine, { 'autoscaling:CreateAutoScalingGroup': { ...base, DesiredCapacity: 5 } }).message).toBe('Desired capacity:5 must be between the specified min size:0 and max size:2');
    expect(refusal(engine, { 'autoscaling:CreateAutoScalingGroup': { ...base, LaunchTemplate: { LaunchTemplateName: 'nope' } } }).message).toBe('You must use a valid fully-formed launch template. The specified launch template, with template name nope, does not exist.');
    expect(refusal(engine, { 'autoscaling:CreateAutoScalingGroup': { ...base, AvailabilityZones: undefined } }).message).toBe('At least one Availability Zone or VPC Subnet is required.');
    expect(refusal(engine, { 'autoscaling:CreateAutoScalingGroup': { ...base, AvailabilityZones: undefined, VPCZoneIdentifier: 'subnet-nope' } }).message).toBe("The subnet ID 'subnet-nope' does not exist");
    expect(refusal(engine, { 'autoscaling:CreateAutoScalingGroup': { ...base, MinSize: '1' } }).code).toBe('ParamValidationError');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('takes its zones from VPCZoneIdentifier subnets', () => {
    const engine = createEngine({ seed: 2 });
    run(engine, { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'ecs-lt', LaunchTemplateData: { InstanceType: 't3.medium' } } });
    run(engine, { 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'g', MinSize: 2, MaxSize: 2, VPCZoneIdentifier: 'subnet-us-east-1d, subnet-us-east-1e', LaunchTemplate: { LaunchTemplateName: 'ecs-lt' } } });
    expect(group(engine, 'g').AvailabilityZones).toEqual(['us-east-1d', 'us-east-1e']);
    expect(group(engine, 'g').VPCZoneIdentifier).toBe('subnet-us-east-1d,subnet-us-east-1e');
    expect(group(engine, 'g').Instances.map((i) => i.AvailabilityZone).sort()).toEqual(['us-east-1d', 'us-east-1e']);
  });
});

describe('tags', () => {
  it('propagates PropagateAtLaunch tags to its instances, beside aws:autoscaling:groupName', () => {
    const engine = groupEngine({ desired: 1, extra: { Tags: [{ Key: 'Name', Value: 'ecs-node', PropagateAtLaunch: true }, { Key: 'team', Value: 'a', PropagateAtLaunch: false }] } });
    expect(engine.snapshot().ec2Instances![0]!.Tags).toEqual([{ Key: 'aws:autoscaling:groupName', Value: 'asg' }, { Key: 'Name', Value: 'ecs-node' }]);
    expect(group(engine).Tags.map((t) => t.Key)).toEqual(['Name', 'team']);
    const found = run(engine, { 'ec2:DescribeInstances': { Filters: [{ Name: 'tag:Name', Values: ['ecs-node'] }] } }) as { Reservations: unknown[] };
    expect(found.Reservations).toHaveLength(1);
  });
});

describe('SetDesiredCapacity and UpdateAutoScalingGroup', () => {
  it('scales out and in with AWS causes; refuses values outside min..max', () => {
    const engine = groupEngine({ desired: 1, max: 4 });
    engine.advance(60_000);
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 3 } });
    expect(group(engine).Instances).toHaveLength(3);
    expect(engine.snapshot().scalingActivities![0]!.Cause).toMatch(/^At 2026-01-01T00:01:00Z a user request explicitly set group desired capacity changing the desired capacity from 1 to 3\.  At 2026-01-01T00:01:00Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 1 to 3\.$/);
    expect(refusal(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 5 } })).toEqual({ code: 'ValidationError', message: 'New SetDesiredCapacity value 5 is above max value 4 for the AutoScalingGroup.' });
    expect(refusal(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'nope', DesiredCapacity: 1 } }).message).toBe('AutoScalingGroup name not found - AutoScalingGroup nope not found');
    engine.advance(60_000);
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 1 } });
    const terminating = group(engine).Instances.filter((i) => i.LifecycleState === 'Terminating');
    expect(terminating).toHaveLength(2);
    const cause = engine.snapshot().scalingActivities![0]!.Cause;
    expect(cause).toContain('a user request explicitly set group desired capacity changing the desired capacity from 3 to 1.  At 2026-01-01T00:02:00Z an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from 3 to 1.  At 2026-01-01T00:02:00Z instance i-');
    expect(cause).toMatch(/was selected for termination\.$/);
    engine.advance(60_000);
    expect(group(engine).Instances).toHaveLength(1);
  });

  it('HonorCooldown refuses during the default cooldown after a scaling activity', () => {
    const engine = groupEngine({ desired: 1 });
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 2 } });
    expect(refusal(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 3, HonorCooldown: true } }).code).toBe('ScalingActivityInProgress');
    engine.advance(300_000);
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 3, HonorCooldown: true } });
    expect(group(engine).DesiredCapacity).toBe(3);
  });

  it('UpdateAutoScalingGroup: a new MinSize above desired raises it, a new MaxSize below lowers it', () => {
    const engine = groupEngine({ desired: 1 });
    run(engine, { 'autoscaling:UpdateAutoScalingGroup': { AutoScalingGroupName: 'asg', MinSize: 3 } });
    expect(group(engine)).toMatchObject({ MinSize: 3, DesiredCapacity: 3 });
    expect(engine.snapshot().scalingActivities![0]!.Cause).toContain('a user request update of AutoScalingGroup constraints to min: 3, max: 10, desired: 3 changing the desired capacity from 1 to 3.');
    run(engine, { 'autoscaling:UpdateAutoScalingGroup': { AutoScalingGroupName: 'asg', MinSize: 0, MaxSize: 2 } });
    expect(group(engine)).toMatchObject({ MinSize: 0, MaxSize: 2, DesiredCapacity: 2 });
    const before = JSON.stringify(engine.snapshot());
    expect(refusal(engine, { 'autoscaling:UpdateAutoScalingGroup': { AutoScalingGroupName: 'asg', MaxSize: 1, DesiredCapacity: 2 } }).code).toBe('ValidationError');
    expect(refusal(engine, { 'autoscaling:UpdateAutoScalingGroup': { AutoScalingGroupName: 'asg', TerminationPolicies: ['Youngest'] } }).code).toBe('ValidationError');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});

describe('scale-in', () => {
  it('balances zones first, then follows the termination policy (NewestInstance)', () => {
    const engine = groupEngine({ desired: 2, extra: { TerminationPolicies: ['NewestInstance'] } });
    engine.advance(120_000);
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 4 } });
    engine.advance(120_000);
    const newest = group(engine).Instances.slice(2).map((i) => i.InstanceId);
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 2 } });
    const gone = group(engine).Instances.filter((i) => i.LifecycleState === 'Terminating').map((i) => i.InstanceId);
    expect(gone.sort()).toEqual(newest.sort());
    expect(zonesOf(engine)).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('never takes a protected instance; removing protection lets the group shrink', () => {
    const engine = groupEngine({ desired: 3, zones: ['us-east-1a'] });
    engine.advance(90_000);
    const ids = group(engine).Instances.map((i) => i.InstanceId);
    run(engine, { 'autoscaling:SetInstanceProtection': { AutoScalingGroupName: 'asg', InstanceIds: ids.slice(0, 2), ProtectedFromScaleIn: true } });
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 0 } });
    const terminating = group(engine).Instances.filter((i) => i.LifecycleState === 'Terminating').map((i) => i.InstanceId);
    expect(terminating).toEqual([ids[2]]);
    expect(engine.snapshot().events.some((e) => e.message.includes('protected from scale in'))).toBe(true);
    run(engine, { 'autoscaling:SetInstanceProtection': { AutoScalingGroupName: 'asg', InstanceIds: [ids[0]!], ProtectedFromScaleIn: false } });
    expect(group(engine).Instances.find((i) => i.InstanceId === ids[0])!.LifecycleState).toBe('Terminating');
    expect(group(engine).Instances.find((i) => i.InstanceId === ids[1])!.LifecycleState).toBe('InService');
    expect(refusal(engine, { 'autoscaling:SetInstanceProtection': { AutoScalingGroupName: 'asg', InstanceIds: ['i-nope'], ProtectedFromScaleIn: true } }).message).toBe('The instance i-nope is not part of Auto Scaling group asg.');
  });

  it('scaling in before the instances are up cancels their launch activities', () => {
    const engine = groupEngine({ desired: 2 });
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 0 } });
    engine.advance(120_000);
    const launches = engine.snapshot().scalingActivities!.filter((a) => a.Description.startsWith('Launching'));
    expect(launches.map((a) => a.StatusCode)).toEqual(['Cancelled', 'Cancelled']);
    expect(engine.snapshot().scalingActivities!.filter((a) => a.Description.startsWith('Terminating')).map((a) => a.StatusCode)).toEqual(['Successful', 'Successful']);
    expect(group(engine).Instances).toEqual([]);
  });

  it('NewInstancesProtectedFromScaleIn protects every new instance', () => {
    const engine = groupEngine({ desired: 2, extra: { NewInstancesProtectedFromScaleIn: true } });
    expect(group(engine).Instances.every((i) => i.ProtectedFromScaleIn)).toBe(true);
  });
});

describe('TerminateInstanceInAutoScalingGroup', () => {
  it('without decrement, the group launches a replacement; with it, desired drops', () => {
    const engine = groupEngine({ desired: 2, min: 1 });
    engine.advance(90_000);
    const [a, b] = group(engine).Instances.map((i) => i.InstanceId);
    const response = run(engine, { 'autoscaling:TerminateInstanceInAutoScalingGroup': { InstanceId: a, ShouldDecrementDesiredCapacity: false } }) as { Activity: { Description: string; Cause: string } };
    expect(response.Activity.Description).toBe(`Terminating EC2 instance: ${a}`);
    expect(response.Activity.Cause).toBe(`At 2026-01-01T00:01:30Z instance ${a} was taken out of service in response to a user request.`);
    expect(group(engine).Instances.filter((i) => i.LifecycleState === 'Pending')).toHaveLength(1);
    run(engine, { 'autoscaling:TerminateInstanceInAutoScalingGroup': { InstanceId: b, ShouldDecrementDesiredCapacity: true } });
    expect(group(engine).DesiredCapacity).toBe(1);
    expect(engine.snapshot().scalingActivities![0]!.Cause).toBe(`At 2026-01-01T00:01:30Z instance ${b} was taken out of service in response to a user request, shrinking the capacity from 2 to 1.`);
    engine.advance(90_000);
    const last = group(engine).Instances[0]!.InstanceId;
    const before = JSON.stringify(engine.snapshot());
    expect(refusal(engine, { 'autoscaling:TerminateInstanceInAutoScalingGroup': { InstanceId: last, ShouldDecrementDesiredCapacity: true } }).message).toBe(
      "Currently, desiredSize equals minSize (1). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.",
    );
    expect(refusal(engine, { 'autoscaling:TerminateInstanceInAutoScalingGroup': { InstanceId: 'i-nope', ShouldDecrementDesiredCapacity: false } }).message).toBe('Instance Id not found - No managed instance found for instance ID: i-nope');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});

describe('DeleteAutoScalingGroup', () => {
  it('refuses while instances remain; ForceDelete terminates them and the group goes when they have', () => {
    const engine = groupEngine({ desired: 2 });
    engine.advance(90_000);
    expect(refusal(engine, { 'autoscaling:DeleteAutoScalingGroup': { AutoScalingGroupName: 'asg' } }).code).toBe('ResourceInUse');
    run(engine, { 'autoscaling:DeleteAutoScalingGroup': { AutoScalingGroupName: 'asg', ForceDelete: true } });
    expect(group(engine).Status).toBe('Delete in progress');
    engine.advance(60_000);
    expect(engine.snapshot().autoScalingGroups).toEqual([]);
    expect(engine.snapshot().ec2Instances!.every((i) => i.State.Name === 'terminated')).toBe(true);
    expect(engine.snapshot().containerInstances).toEqual([]);
  });

  it('deletes an empty group at once', () => {
    const engine = groupEngine({ desired: 0 });
    run(engine, { 'autoscaling:DeleteAutoScalingGroup': { AutoScalingGroupName: 'asg' } });
    expect(engine.snapshot().autoScalingGroups).toEqual([]);
  });
});

describe('zone outages (EC2 health check)', () => {
  it('an instance in a zone that is out is marked Unhealthy and replaced in another zone', () => {
    const engine = groupEngine({ desired: 2 });
    engine.advance(90_000);
    const inA = group(engine).Instances.find((i) => i.AvailabilityZone === 'us-east-1a')!.InstanceId;
    run(engine, { 'sim:FailAvailabilityZone': { zone: 'us-east-1a' } });
    engine.advance(60_000);
    const g = group(engine);
    expect(g.Instances.find((i) => i.InstanceId === inA)?.HealthStatus ?? 'gone').not.toBe('Healthy');
    expect(g.Instances.filter((i) => i.LifecycleState !== 'Terminating').map((i) => i.AvailabilityZone)).toEqual(['us-east-1b', 'us-east-1b']);
    expect(engine.snapshot().scalingActivities!.some((a) => a.Cause.endsWith('an instance was taken out of service in response to an EC2 instance status checks failure.'))).toBe(true);
  });

  it('a group whose every zone is out records a failed launch and retries each minute', () => {
    const engine = createEngine({ seed: 4 });
    run(engine, { 'ecs:CreateCluster': { clusterName: 'demo' } });
    run(engine, { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'ecs-lt', LaunchTemplateData: { InstanceType: 't3.medium', UserData: userData('demo') } } });
    run(engine, { 'sim:FailAvailabilityZone': { zone: 'us-east-1a' } });
    run(engine, { 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'asg', MinSize: 1, MaxSize: 1, AvailabilityZones: ['us-east-1a'], LaunchTemplate: { LaunchTemplateName: 'ecs-lt' } } });
    const failed = engine.snapshot().scalingActivities![0]!;
    expect(failed.StatusCode).toBe('Failed');
    expect(failed.Description).toMatch(/^Launching a new EC2 instance\.  Status Reason: /);
    run(engine, { 'sim:RestoreAvailabilityZone': { zone: 'us-east-1a' } });
    engine.advance(60_000);
    expect(group(engine).Instances).toHaveLength(1);
  });
});

describe('MixedInstancesPolicy', () => {
  it('launches the On-Demand base, then the On-Demand percentage above it, the rest as Spot', () => {
    const engine = createEngine({ seed: 5 });
    run(engine, { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'ecs-lt', LaunchTemplateData: { InstanceType: 'm5.large' } } });
    run(engine, {
      'autoscaling:CreateAutoScalingGroup': {
        AutoScalingGroupName: 'mixed', MinSize: 6, MaxSize: 6, AvailabilityZones: ['us-east-1a'],
        MixedInstancesPolicy: {
          LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateName: 'ecs-lt' }, Overrides: [{ InstanceType: 'c5.large' }] },
          InstancesDistribution: { OnDemandBaseCapacity: 2, OnDemandPercentageAboveBaseCapacity: 25 },
        },
      },
    });
    const instances = engine.snapshot().ec2Instances!;
    expect(instances.map((i) => i.InstanceType)).toEqual(Array(6).fill('c5.large'));
    expect(instances.filter((i) => i.InstanceLifecycle === 'spot')).toHaveLength(3);
  });
});

describe('determinism', () => {
  it('the same seed and commands give the same DescribeAutoScalingGroups', () => {
    const play = () => {
      const engine = groupEngine({ seed: 11, desired: 3, zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
      engine.advance(90_000);
      run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 1 } });
      engine.advance(90_000);
      return JSON.stringify([run(engine, { 'autoscaling:DescribeAutoScalingGroups': {} }), engine.snapshot().scalingActivities]);
    };
    expect(play()).toBe(play());
  });
});
