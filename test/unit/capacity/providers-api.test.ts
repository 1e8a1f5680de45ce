// The capacity provider actions: Create / Update / Delete / Describe and PutClusterCapacityProviders,
// their AWS defaults, and every refusal leaving the snapshot byte-identical.
import { describe, expect, it } from 'vitest';
import { capacityEngine, standInGroup, type CapacityTestEngine } from './helpers.ts';
import type { Step } from '../../../workers/protocol.ts';

function setup(): CapacityTestEngine & { groupArn: string } {
  const t = capacityEngine(7);
  t.run({ 'ecs:CreateCluster': { clusterName: 'demo' } });
  const group = standInGroup(t.ctx, 'asg-a', { newInstancesProtectedFromScaleIn: true });
  standInGroup(t.ctx, 'asg-b');
  return { ...t, groupArn: group.arn };
}

const provider = (name: string, group: string, extra: Record<string, unknown> = {}): Step => ({
  'ecs:CreateCapacityProvider': { name, autoScalingGroupProvider: { autoScalingGroupArn: group, ...extra } },
});

describe('CreateCapacityProvider', () => {
  it('fills in AWS defaults (managed scaling settings, termination protection off, draining on)', () => {
    const t = setup();
    const out = t.run(provider('cp-a', t.groupArn));
    expect(out.capacityProvider).toMatchObject({
      name: 'cp-a',
      status: 'ACTIVE',
      capacityProviderArn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/cp-a',
      autoScalingGroupProvider: {
        autoScalingGroupArn: t.groupArn,
        managedScaling: { status: 'DISABLED', targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 10000, instanceWarmupPeriod: 300 },
        managedTerminationProtection: 'DISABLED',
        managedDraining: 'ENABLED',
      },
    });
  });

  it('accepts the group by name too, and lists FARGATE and FARGATE_SPOT in DescribeCapacityProviders', () => {
    const t = setup();
    t.run(provider('cp-a', 'asg-a', { managedScaling: { status: 'ENABLED', targetCapacity: 90 } }));
    const names = t.run({ 'ecs:DescribeCapacityProviders': {} }).capacityProviders.map((p: { name: string }) => p.name);
    expect(names).toEqual(['FARGATE', 'FARGATE_SPOT', 'cp-a']);
    const one = t.run({ 'ecs:DescribeCapacityProviders': { capacityProviders: ['cp-a', 'nope'] } });
    expect(one.capacityProviders[0].autoScalingGroupProvider.managedScaling.targetCapacity).toBe(90);
    expect(one.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/nope', reason: 'MISSING' }]);
  });

  const refusals: [string, (t: ReturnType<typeof setup>) => Step, string, RegExp][] = [
    ['reserved name FARGATE', (t) => provider('FARGATE', t.groupArn), 'InvalidParameterException', /AWS|cannot be created/],
    ['aws prefix', (t) => provider('awsthing', t.groupArn), 'InvalidParameterException', /can't be prefixed with "aws", "ecs", or "fargate"/],
    ['ecs prefix (any case)', (t) => provider('ECS-cp', t.groupArn), 'InvalidParameterException', /prefixed/],
    ['bad characters', (t) => provider('a b', t.groupArn), 'InvalidParameterException', /255 letters/],
    ['missing group', () => provider('cp-x', 'nope'), 'ClientException', /does not exist/],
    ['target capacity 0', (t) => provider('cp-x', t.groupArn, { managedScaling: { status: 'ENABLED', targetCapacity: 0 } }), 'InvalidParameterException', /targetCapacity must be a whole number from 1 to 100/],
    ['warm-up 10001', (t) => provider('cp-x', t.groupArn, { managedScaling: { instanceWarmupPeriod: 10001 } }), 'InvalidParameterException', /0 to 10000/],
    ['min step > max step', (t) => provider('cp-x', t.groupArn, { managedScaling: { minimumScalingStepSize: 5, maximumScalingStepSize: 2 } }), 'InvalidParameterException', /\(5\) must not be greater than maximumScalingStepSize \(2\)/],
    ['bad status', (t) => provider('cp-x', t.groupArn, { managedScaling: { status: 'ON' } }), 'InvalidParameterException', /ENABLED, DISABLED/],
    ['termination protection without managed scaling', (t) => provider('cp-x', t.groupArn, { managedTerminationProtection: 'ENABLED' }), 'ClientException', /managed scaling must be enabled/],
    ['termination protection without the group protecting new instances', () => provider('cp-x', 'asg-b', { managedScaling: { status: 'ENABLED' }, managedTerminationProtection: 'ENABLED' }), 'ClientException', /^The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, the Auto Scaling group must have instance protection from scale in enabled.$/],
    ['no autoScalingGroupProvider', () => ({ 'ecs:CreateCapacityProvider': { name: 'cp-x' } }), 'InvalidParameterException', /autoScalingGroupProvider is required/],
    ['unknown field', (t) => provider('cp-x', t.groupArn, { managedScalling: {} }), 'InvalidParameterException', /unknown field "managedScalling"/],
  ];
  for (const [what, step, code, message] of refusals) {
    it(`refuses ${what} and changes nothing`, () => {
      const t = setup();
      const before = JSON.stringify(t.engine.snapshot());
      const error = t.refuse(step(t));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(JSON.stringify(t.engine.snapshot())).toBe(before);
    });
  }

  it('refuses a duplicate name and a group already used, with AWS wording', () => {
    const t = setup();
    t.run(provider('cp-a', t.groupArn));
    expect(t.refuse(provider('cp-a', 'asg-b')).message).toBe(
      'The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.',
    );
    expect(t.refuse(provider('cp-b', t.groupArn)).message).toBe(
      'The specified Auto Scaling group ARN is already being used by another capacity provider. Specify a unique Auto Scaling group ARN and try again.',
    );
  });
});

describe('PutClusterCapacityProviders, UpdateCapacityProvider, DeleteCapacityProvider', () => {
  it('associates providers and a default strategy; DescribeClusters shows them', () => {
    const t = setup();
    t.run(provider('cp-a', t.groupArn));
    const out = t.run({
      'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }] },
    });
    expect(out.cluster.capacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(out.cluster.defaultCapacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE', weight: 1, base: 1 }]);
    const described = t.run({ 'ecs:DescribeClusters': { clusters: ['demo'] } }).clusters[0];
    expect(described.capacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT']);
  });

  it('CreateCluster takes capacityProviders and a default strategy, checked the same way', () => {
    const t = setup();
    t.run({ 'ecs:CreateCluster': { clusterName: 'f', capacityProviders: ['FARGATE_SPOT'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } });
    expect(t.run({ 'ecs:DescribeClusters': { clusters: ['f'] } }).clusters[0].defaultCapacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }]);
    const before = JSON.stringify(t.engine.snapshot());
    const error = t.refuse({ 'ecs:CreateCluster': { clusterName: 'g', capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } });
    expect(error.message).toMatch(/not associated with the cluster/);
    expect(JSON.stringify(t.engine.snapshot())).toBe(before);
  });

  const putRefusals: [string, Record<string, unknown>, RegExp][] = [
    ['a default strategy naming an unlisted provider', { capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] }, /cannot contain a capacity provider that is not associated with the cluster/],
    ['an unknown provider', { capacityProviders: ['nope'], defaultCapacityProviderStrategy: [] }, /nope does not exist/],
    ['a mix of Fargate and ASG providers in the default strategy', { capacityProviders: ['FARGATE', 'cp-a'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'cp-a', weight: 1 }] }, /cannot contain a mix/],
    ['all-zero weights', { capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE' }, { capacityProvider: 'FARGATE_SPOT' }] }, /no capacity providers with a weight value greater than zero defined in the default capacity provider strategy/],
    ['two bases', { capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', base: 1, weight: 1 }] }, /Only one capacity provider/],
  ];
  for (const [what, request, message] of putRefusals) {
    it(`refuses ${what} and changes nothing`, () => {
      const t = setup();
      t.run(provider('cp-a', t.groupArn));
      const before = JSON.stringify(t.engine.snapshot());
      expect(t.refuse({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo', ...request } }).message).toMatch(message);
      expect(JSON.stringify(t.engine.snapshot())).toBe(before);
    });
  }

  it('a provider belongs to one cluster; removing one in use is refused with AWS wording; deleting an associated one fails as AWS does', () => {
    const t = setup();
    t.run(provider('cp-a', t.groupArn));
    t.run({ 'ecs:CreateCluster': { clusterName: 'other' } });
    t.run({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['cp-a', 'FARGATE'], defaultCapacityProviderStrategy: [] } });
    expect(t.refuse({ 'ecs:PutClusterCapacityProviders': { cluster: 'other', capacityProviders: ['cp-a'], defaultCapacityProviderStrategy: [] } }).message).toMatch(/already associated with cluster demo/);
    const deleted = t.run({ 'ecs:DeleteCapacityProvider': { capacityProvider: 'cp-a' } }).capacityProvider;
    expect(deleted).toMatchObject({
      status: 'ACTIVE',
      updateStatus: 'DELETE_FAILED',
      updateStatusReason: 'The capacity provider cannot be deleted because it is associated with cluster: demo. Remove the capacity provider from the cluster and try again.',
    });
    // A Fargate task launched through FARGATE keeps the provider in use.
    t.run({ 'ecs:RegisterTaskDefinition': { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'web', image: 'nginx' }] } });
    t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }], networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } } });
    const error = t.refuse({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['cp-a'], defaultCapacityProviderStrategy: [] } });
    expect(error).toEqual({ code: 'ResourceInUseException', message: 'The specified capacity provider is in use and cannot be removed.' });
    t.run({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [] } });
    expect(t.run({ 'ecs:DeleteCapacityProvider': { capacityProvider: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/cp-a' } }).capacityProvider).toMatchObject({ status: 'INACTIVE', updateStatus: 'DELETE_COMPLETE' });
    expect(t.run({ 'ecs:DescribeCapacityProviders': {} }).capacityProviders.map((p: { name: string }) => p.name)).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(t.refuse({ 'ecs:DeleteCapacityProvider': { capacityProvider: 'FARGATE' } }).message).toMatch(/managed by AWS/);
  });

  it('UpdateCapacityProvider changes managed scaling and keeps the group; checks as Create does', () => {
    const t = setup();
    t.run(provider('cp-a', t.groupArn));
    const out = t.run({ 'ecs:UpdateCapacityProvider': { name: 'cp-a', autoScalingGroupProvider: { managedScaling: { status: 'ENABLED', targetCapacity: 80 }, managedTerminationProtection: 'ENABLED' } } }).capacityProvider;
    expect(out.autoScalingGroupProvider).toMatchObject({ managedScaling: { status: 'ENABLED', targetCapacity: 80, instanceWarmupPeriod: 300 }, managedTerminationProtection: 'ENABLED' });
    expect(out.updateStatus).toBe('UPDATE_COMPLETE');
    const before = JSON.stringify(t.engine.snapshot());
    expect(t.refuse({ 'ecs:UpdateCapacityProvider': { name: 'cp-a', autoScalingGroupProvider: { managedScaling: { status: 'DISABLED' } } } }).message).toMatch(/managed scaling must be enabled/);
    expect(t.refuse({ 'ecs:UpdateCapacityProvider': { name: 'cp-a', autoScalingGroupProvider: { autoScalingGroupArn: 'asg-b' } } }).message).toMatch(/cannot be changed/);
    expect(t.refuse({ 'ecs:UpdateCapacityProvider': { name: 'nope', autoScalingGroupProvider: {} } }).code).toBe('ClientException');
    expect(JSON.stringify(t.engine.snapshot())).toBe(before);
  });
});

describe('association stamps the container instances of the group', () => {
  it('instances of the group show the provider while it is associated, and lose it when it is removed', () => {
    const t = setup();
    t.run(provider('cp-a', t.groupArn));
    const arns = t.run({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count: 2 } }).containerInstances.map((i: { containerInstanceArn: string }) => i.containerInstanceArn);
    t.ctx.state.instances.get(arns[0])!.autoScalingGroupName = 'asg-a';
    const names = () => t.run({ 'ecs:DescribeContainerInstances': { cluster: 'demo', containerInstances: arns } }).containerInstances.map((i: { capacityProviderName?: string }) => i.capacityProviderName);
    expect(names()).toEqual([undefined, undefined]);
    t.run({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['cp-a'], defaultCapacityProviderStrategy: [] } });
    expect(names()).toEqual(['cp-a', undefined]);
    t.run({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: [], defaultCapacityProviderStrategy: [] } });
    expect(names()).toEqual([undefined, undefined]);
  });
});
