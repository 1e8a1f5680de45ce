// CapacityProviderReservation against hand-computed cases (ECSDG cluster-auto-scaling):
// M / N × 100, N = the group's InService instances, M = N + instances the waiting tasks need
// (binpacked on the group's type) or N − empty instances; N = 0 → 100 (nothing waits) or 200.
import { describe, expect, it } from 'vitest';
import { binpack, reservationInputs } from '../../../workers/engine/capacity/reservation-inputs.ts';
import { capacityProviderReservation } from '../../../workers/engine/capacity/reservation.ts';
import { lookupInstanceType } from '../../../workers/engine/catalog/instance-types.ts';
import type { TaskRecord } from '../../../workers/engine/state.ts';
import { capacityEngine, joinGroup, standInGroup } from './helpers.ts';

const type = (name: string) => {
  const found = lookupInstanceType(name);
  if (!found.ok) throw new Error(name);
  return found.type;
};

/** A cluster with `instances` m5.large container instances (2048 CPU units) in group asg, each InService. */
function cluster(instances: number) {
  const t = capacityEngine(9);
  t.run({ 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'lt-m5', LaunchTemplateData: { InstanceType: 'm5.large' } } });
  const group = standInGroup(t.ctx, 'asg', { launchTemplate: { launchTemplateName: 'lt-m5', version: '$Latest' } });
  t.run({ 'ecs:CreateCapacityProvider': { name: 'cp', autoScalingGroupProvider: { autoScalingGroupArn: 'asg', managedScaling: { status: 'ENABLED' } } } });
  t.run({ 'ecs:CreateCluster': { clusterName: 'demo', capacityProviders: ['cp'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] } });
  t.run({ 'ecs:RegisterTaskDefinition': { family: 'big', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'big', image: 'big:1', cpu: 1024, memory: 1024 }] } });
  if (instances > 0) {
    const added = t.run({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large', count: instances } }).containerInstances;
    for (const instance of added) {
      group.instances.set(instance.ec2InstanceId, { instanceId: instance.ec2InstanceId, instanceType: 'm5.large', availabilityZone: 'us-east-1a', lifecycleState: 'InService', healthStatus: 'Healthy', protectedFromScaleIn: false, launchedMs: 0 } as never);
    }
    joinGroup(t.ctx, 'demo', 'asg', added.map((i: { containerInstanceArn: string }) => i.containerInstanceArn));
  }
  const inputs = () => reservationInputs(t.ctx.state, t.ctx.state.clusters.get('demo')!, t.ctx.state.capacity!.providers.get('cp')!)!;
  return { ...t, inputs, metric: () => capacityProviderReservation(inputs()) };
}

describe('CapacityProviderReservation, hand-computed', () => {
  it('no instances and nothing waiting → 100', () => {
    const c = cluster(0);
    expect(c.inputs()).toMatchObject({ runningInstances: 0, instancesNeeded: 0 });
    expect(c.metric()).toBe(100);
  });

  it('no instances and tasks waiting → 200 (whatever M is)', () => {
    const c = cluster(0);
    c.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'big', count: 5 } });
    // 5 tasks of 1024 CPU units on m5.large (2048): 2 per instance → 3 instances.
    expect(c.inputs()).toMatchObject({ runningInstances: 0, instancesNeeded: 3, provisioningTasks: 5 });
    expect(c.metric()).toBe(200);
  });

  it('every instance busy, nothing waiting → 100', () => {
    const c = cluster(2);
    c.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'big', count: 2, placementStrategy: [{ type: 'spread', field: 'instanceId' }] } });
    expect(c.inputs()).toMatchObject({ runningInstances: 2, instancesNeeded: 2, emptyInstances: 0 });
    expect(c.metric()).toBe(100);
  });

  it('4 instances, 1 busy, 3 empty → M = 1, 25', () => {
    const c = cluster(4);
    c.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'big' } });
    expect(c.inputs()).toMatchObject({ runningInstances: 4, instancesNeeded: 1, emptyInstances: 3 });
    expect(c.metric()).toBe(25);
  });

  it('2 full instances and 5 tasks waiting → M = 2 + 3, 250', () => {
    const c = cluster(2);
    const out = c.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'big', count: 9 } });
    expect(out.tasks.filter((task: { lastStatus: string }) => task.lastStatus === 'PROVISIONING')).toHaveLength(5);
    expect(c.inputs()).toMatchObject({ runningInstances: 2, instancesNeeded: 5, provisioningTasks: 5 });
    expect(c.metric()).toBe(250);
  });

  it('the minute tick publishes it in AWS/ECS/ManagedScaling with both dimensions', () => {
    const c = cluster(0);
    c.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'big' } });
    c.engine.advance(60_000);
    const series = c.engine.snapshot().metrics!.find((m) => m.MetricName === 'CapacityProviderReservation')!;
    expect(series).toMatchObject({ Namespace: 'AWS/ECS/ManagedScaling', Unit: 'Percent', Dimensions: [{ Name: 'CapacityProviderName', Value: 'cp' }, { Name: 'ClusterName', Value: 'demo' }] });
    expect(series.points).toEqual([{ t: 60_000, v: 200 }]);
    expect(c.engine.snapshot().capacityProviders!.find((p) => p.name === 'cp')!.reservation).toMatchObject({ value: 200, instancesNeeded: 1, runningInstances: 0, provisioningTasks: 1 });
  });
});

describe('binpack onto the group type', () => {
  const task = (cpuUnits: number, memoryMiB: number, usesEni = false) =>
    ({ cpuUnits, memoryMiB, usesEni, taskDefinition: { containerDefinitions: [], networkMode: usesEni ? 'awsvpc' : 'bridge' } }) as unknown as TaskRecord;
  it('groups identical requirements; memory, CPU and ENIs each limit; tasks that never fit are ignored', () => {
    // t3.medium: 2048 CPU units, ~3.8 GiB, 3 ENIs → 2 awsvpc tasks.
    expect(binpack([task(512, 512), task(512, 512), task(512, 512), task(512, 512), task(512, 512)], type('t3.medium'))).toEqual({ instances: 2, neverFit: 0 });
    expect(binpack(Array.from({ length: 5 }, () => task(128, 128, true)), type('t3.medium'))).toEqual({ instances: 3, neverFit: 0 });
    expect(binpack([task(4096, 512), task(256, 3000), task(256, 3000)], type('t3.medium'))).toEqual({ instances: 2, neverFit: 1 });
  });
});
