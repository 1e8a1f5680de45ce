// A cluster whose capacity provider drives a real Auto Scaling group (autoscaling/groups.ts: EC2
// instances boot, their agents register): the group record stands in for CreateAutoScalingGroup.
import { capacityEngine, standInGroup } from './helpers.ts';

export interface ScalingOptions {
  seed?: number;
  instanceType?: string;
  zones?: string[];
  maxSize?: number;
  targetCapacity?: number;
  minimumScalingStepSize?: number;
  maximumScalingStepSize?: number;
  instanceWarmupPeriod?: number;
  managedTerminationProtection?: 'ENABLED' | 'DISABLED';
  managedDraining?: 'ENABLED' | 'DISABLED';
}

export function scalingCluster(options: ScalingOptions = {}) {
  const t = capacityEngine(options.seed ?? 1);
  t.run({
    'ec2:CreateLaunchTemplate': {
      LaunchTemplateName: 'ecs-lt',
      LaunchTemplateData: { InstanceType: options.instanceType ?? 'm5.large', UserData: '#!/bin/bash\necho ECS_CLUSTER=demo >> /etc/ecs/ecs.config' },
    },
  });
  const protect = (options.managedTerminationProtection ?? 'ENABLED') === 'ENABLED';
  const group = standInGroup(t.ctx, 'asg', {
    launchTemplate: { launchTemplateName: 'ecs-lt', version: '$Latest' },
    availabilityZones: options.zones ?? ['us-east-1a'],
    maxSize: options.maxSize ?? 100,
    newInstancesProtectedFromScaleIn: protect,
  });
  t.run({
    'ecs:CreateCapacityProvider': {
      name: 'cp',
      autoScalingGroupProvider: {
        autoScalingGroupArn: group.arn,
        managedScaling: {
          status: 'ENABLED',
          targetCapacity: options.targetCapacity ?? 100,
          minimumScalingStepSize: options.minimumScalingStepSize ?? 1,
          maximumScalingStepSize: options.maximumScalingStepSize ?? 10000,
          instanceWarmupPeriod: options.instanceWarmupPeriod ?? 300,
        },
        managedTerminationProtection: options.managedTerminationProtection ?? 'ENABLED',
        managedDraining: options.managedDraining ?? 'ENABLED',
      },
    },
  });
  t.run({ 'ecs:CreateCluster': { clusterName: 'demo', capacityProviders: ['cp'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] } });
  t.run({ 'ecs:RegisterTaskDefinition': { family: 'app', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'app', image: 'app:1', cpu: 256, memory: 512 }] } });
  return { ...t, group };
}
