/**
 * EC2's records in DescribeInstances / DescribeLaunchTemplates shapes, and the snapshot's
 * `ec2Instances` and `launchTemplates` fields.
 */
import type { Ec2Instance, LaunchTemplate } from '../../protocol.ts';
import { isoAt } from '../ids/arn.ts';
import { provideCapacitySnapshot } from '../snapshot-parts.ts';
import type { Ec2InstanceRecord, LaunchTemplateRecord } from './model.ts';

const STATE_CODES = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48 } as const;

export function renderEc2Instance(record: Ec2InstanceRecord): Ec2Instance {
  const tags = [
    ...(record.autoScalingGroupName === undefined ? [] : [{ Key: 'aws:autoscaling:groupName', Value: record.autoScalingGroupName }]),
    ...(record.tags ?? []).map((tag) => ({ Key: tag.Key, Value: tag.Value })),
  ];
  return {
    InstanceId: record.instanceId,
    InstanceType: record.instanceType,
    State: { Code: STATE_CODES[record.state], Name: record.state },
    LaunchTime: isoAt(record.launchedMs),
    Placement: { AvailabilityZone: record.availabilityZone },
    SubnetId: record.subnetId,
    PrivateIpAddress: record.privateIp,
    ...(record.spot ? { InstanceLifecycle: 'spot' as const } : {}),
    Tags: tags,
    ...(record.stateTransitionReason === undefined ? {} : { StateTransitionReason: record.stateTransitionReason }),
    ecsCluster: record.ecsCluster,
    ...(record.containerInstanceArn === undefined ? {} : { containerInstanceArn: record.containerInstanceArn }),
    launchedMs: record.launchedMs,
    ...(record.runningMs === undefined ? {} : { runningMs: record.runningMs }),
  };
}

export function renderLaunchTemplate(record: LaunchTemplateRecord): LaunchTemplate {
  const data = record.versions[record.defaultVersion - 1] ?? {};
  const profile = data.iamInstanceProfile;
  return {
    LaunchTemplateId: record.id,
    LaunchTemplateName: record.name,
    CreateTime: isoAt(record.createdMs),
    DefaultVersionNumber: record.defaultVersion,
    LatestVersionNumber: record.versions.length,
    LaunchTemplateData: {
      ...(data.instanceType === undefined ? {} : { InstanceType: data.instanceType }),
      ...(data.imageId === undefined ? {} : { ImageId: data.imageId }),
      ...(profile === undefined ? {} : { IamInstanceProfile: profile.startsWith('arn:') ? { Arn: profile } : { Name: profile } }),
      ...(data.userData === undefined ? {} : { UserData: data.userData }),
      ...(data.securityGroupIds === undefined ? {} : { SecurityGroupIds: [...data.securityGroupIds] }),
    },
  };
}

provideCapacitySnapshot('ec2', (state) => {
  if (state.ec2 === undefined) return {};
  return {
    ec2Instances: [...state.ec2.instances.values()].map(renderEc2Instance),
    launchTemplates: [...state.ec2.launchTemplates.values()].map(renderLaunchTemplate),
  };
});
