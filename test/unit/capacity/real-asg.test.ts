// The whole path with the real Auto Scaling API (autoscaling:CreateAutoScalingGroup): a capacity
// provider with managed scaling and termination protection, tasks waiting in PROVISIONING, the
// group scaled out by ECS, the instances' agents registering with the provider's name, the tasks
// placed FIFO and RUNNING; then the multi-AZ rule (exactly minimumScalingStepSize per scale-out).
import { describe, expect, it } from 'vitest';
import { capacityEngine } from './helpers.ts';

const USER_DATA = btoa('#!/bin/bash\necho ECS_CLUSTER=demo >> /etc/ecs/ecs.config\n');

function realGroup(zones: string[], minStep = 1) {
  const t = capacityEngine(21);
  t.run({ 'ecs:CreateCluster': { clusterName: 'demo' } });
  t.run({ 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'ecs-lt', LaunchTemplateData: { InstanceType: 'm5.large', UserData: USER_DATA } } });
  t.run({
    'autoscaling:CreateAutoScalingGroup': {
      AutoScalingGroupName: 'asg', MinSize: 0, MaxSize: 20, DesiredCapacity: 0, AvailabilityZones: zones,
      LaunchTemplate: { LaunchTemplateName: 'ecs-lt' }, NewInstancesProtectedFromScaleIn: true,
    },
  });
  t.run({
    'ecs:CreateCapacityProvider': {
      name: 'cp',
      autoScalingGroupProvider: { autoScalingGroupArn: 'asg', managedScaling: { status: 'ENABLED', targetCapacity: 100, minimumScalingStepSize: minStep }, managedTerminationProtection: 'ENABLED' },
    },
  });
  t.run({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['cp'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] } });
  t.run({ 'ecs:RegisterTaskDefinition': { family: 'app', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'app', image: 'app:1', cpu: 1024, memory: 1024 }] } });
  return t;
}

describe('with the real Auto Scaling group', () => {
  it('tasks wait, ECS scales the group out, the instances register with the provider, the tasks run in the order asked', () => {
    const t = realGroup(['us-east-1a']);
    const asked = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app', count: 6 } }).tasks.map((task: { taskArn: string }) => task.taskArn);
    t.engine.advance(60_000);
    const group = () => t.run({ 'autoscaling:DescribeAutoScalingGroups': { AutoScalingGroupNames: ['asg'] } }).AutoScalingGroups[0];
    // 6 tasks of 1024 CPU units on m5.large (2048): 3 instances, in one step.
    expect(group().DesiredCapacity).toBe(3);
    t.engine.advance(4 * 60_000);
    const snapshot = t.engine.snapshot();
    expect(snapshot.containerInstances.map((i) => i.capacityProviderName)).toEqual(['cp', 'cp', 'cp']);
    expect(snapshot.tasks.filter((task) => task.lastStatus === 'RUNNING').map((task) => task.taskArn).sort()).toEqual([...asked].sort());
    // Managed termination protection: every busy instance is protected from scale-in.
    expect(group().Instances.every((i: { ProtectedFromScaleIn: boolean }) => i.ProtectedFromScaleIn)).toBe(true);
    expect(snapshot.capacityProviders!.find((p) => p.name === 'cp')!.reservation).toMatchObject({ value: 100, runningInstances: 3, instancesNeeded: 3 });
  });

  it('with several AZs ECS scales out by exactly minimumScalingStepSize, each step waiting for the warm-up', () => {
    const t = realGroup(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app', count: 6 } });
    const desired: number[] = [];
    for (let minute = 0; minute < 12; minute++) {
      t.engine.advance(60_000);
      desired.push(t.run({ 'autoscaling:DescribeAutoScalingGroups': { AutoScalingGroupNames: ['asg'] } }).AutoScalingGroups[0].DesiredCapacity);
    }
    console.log(`[capacity multi-AZ] desired capacity per minute (min step 1, warm-up 300 s): ${desired.join(' ')}`);
    expect(desired.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
    expect(desired[5]).toBe(2);
    const faster = realGroup(['us-east-1a', 'us-east-1b', 'us-east-1c'], 3);
    faster.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app', count: 6 } });
    faster.engine.advance(60_000);
    expect(faster.run({ 'autoscaling:DescribeAutoScalingGroups': { AutoScalingGroupNames: ['asg'] } }).AutoScalingGroups[0].DesiredCapacity).toBe(3);
  });
});
