/**
 * Auto Scaling's records in DescribeAutoScalingGroups / DescribePolicies shapes, and the snapshot's
 * `autoScalingGroups`, `autoScalingPolicies` and `scalingActivities` fields.
 */
import type { AutoScalingGroup, AutoScalingInstance, AutoScalingPolicy } from '../../protocol.ts';
import type { EngineState } from '../state.ts';
import { isoAt } from '../ids/arn.ts';
import { provideCapacitySnapshot } from '../snapshot-parts.ts';
import type { LaunchTemplateSpecification } from './asg-request.ts';
import type { AsgRecord, ScalingPolicyRecord } from './model.ts';
import { findLaunchTemplate } from '../ec2/launch-templates.ts';
import { alarmArn } from '../metrics/alarms.ts';

export function renderGroup(state: EngineState, group: AsgRecord): AutoScalingGroup {
  const instances: AutoScalingInstance[] = [...group.instances.values()].map((instance) => ({
    InstanceId: instance.instanceId,
    InstanceType: instance.instanceType,
    AvailabilityZone: instance.availabilityZone,
    LifecycleState: instance.lifecycleState,
    HealthStatus: instance.healthStatus,
    ProtectedFromScaleIn: instance.protectedFromScaleIn,
    ...(instance.launchTemplateId === undefined
      ? {}
      : { LaunchTemplate: { LaunchTemplateId: instance.launchTemplateId, LaunchTemplateName: instance.launchTemplateName ?? '', Version: String(instance.launchTemplateVersionNumber ?? 1) } }),
  }));
  const provider = [...(state.capacity?.providers.values() ?? [])].find((p) => p.autoScalingGroupArn === group.arn);
  const mixed = group.mixedInstancesPolicy;
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: group.arn,
    ...(group.launchTemplate === undefined ? {} : { LaunchTemplate: templateShape(state, group.launchTemplate) }),
    ...(mixed === undefined
      ? {}
      : {
          MixedInstancesPolicy: {
            LaunchTemplate: {
              LaunchTemplateSpecification: templateShape(state, mixed.launchTemplate),
              Overrides: mixed.instanceTypeOverrides.map((type) => ({ InstanceType: type })),
            },
            InstancesDistribution: {
              OnDemandBaseCapacity: mixed.onDemandBaseCapacity,
              OnDemandPercentageAboveBaseCapacity: mixed.onDemandPercentageAboveBaseCapacity,
            },
          },
        }),
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    DesiredCapacity: group.desiredCapacity,
    DefaultCooldown: group.defaultCooldownSeconds,
    AvailabilityZones: [...group.availabilityZones],
    ...(group.subnetIds.length === 0 ? {} : { VPCZoneIdentifier: group.subnetIds.join(',') }),
    HealthCheckType: group.healthCheckType,
    HealthCheckGracePeriod: group.healthCheckGracePeriodSeconds,
    Instances: instances,
    CreatedTime: isoAt(group.createdMs),
    TerminationPolicies: [...group.terminationPolicies],
    NewInstancesProtectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
    Tags: group.tags.map((tag) => ({ Key: tag.key, Value: tag.value, ResourceId: group.name, ResourceType: 'auto-scaling-group' as const, PropagateAtLaunch: tag.propagateAtLaunch })),
    ...(group.deleting === true ? { Status: 'Delete in progress' as const } : {}),
    ...(provider === undefined ? {} : { capacityProviderName: provider.name }),
  };
}

function templateShape(state: EngineState, spec: LaunchTemplateSpecification): { LaunchTemplateId: string; LaunchTemplateName: string; Version: string } {
  const found = findLaunchTemplate(state, { ...spec, version: '$Default' });
  return {
    LaunchTemplateId: found.ok ? found.template.id : spec.launchTemplateId ?? '',
    LaunchTemplateName: found.ok ? found.template.name : spec.launchTemplateName ?? '',
    Version: spec.version,
  };
}

export function renderPolicy(policy: ScalingPolicyRecord): AutoScalingPolicy {
  return {
    AutoScalingGroupName: policy.groupName,
    PolicyName: policy.name,
    PolicyARN: policy.arn,
    PolicyType: policy.type,
    ...(policy.config as Partial<AutoScalingPolicy>),
    Alarms: policy.alarmNames.map((name) => ({ AlarmName: name, AlarmARN: alarmArn(name) })),
    Enabled: policy.enabled,
  };
}

provideCapacitySnapshot('autoscaling', (state) => {
  if (state.autoscaling === undefined) return {};
  return {
    autoScalingGroups: [...state.autoscaling.groups.values()].map((group) => renderGroup(state, group)),
    autoScalingPolicies: [...state.autoscaling.policies.values()].map(renderPolicy),
    scalingActivities: state.autoscaling.activities.map((activity) => ({ ...activity })),
  };
});
