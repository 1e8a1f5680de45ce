/**
 * EC2 as the sandbox models it for ECS capacity (issue 6): launch templates and the instances Auto
 * Scaling groups launch. An instance boots (pending → running), then its ECS agent registers it
 * as a container instance of the cluster named by the user data's ECS_CLUSTER (the `default`
 * cluster without one), as the ECS-optimized AMI does. Owned by ec2/ and autoscaling/.
 */
import type { TimerId } from '../clock.ts';
import type { Ec2InstanceStateName } from '../../protocol.ts';

export interface LaunchTemplateRecord {
  id: string;
  name: string;
  createdMs: number;
  defaultVersion: number;
  /** Versions by number − 1. */
  versions: LaunchTemplateVersion[];
}

export interface LaunchTemplateVersion {
  instanceType?: string;
  imageId?: string;
  iamInstanceProfile?: string;
  /** As given (plain text or base64); `ecsClusterOf` reads ECS_CLUSTER from it. */
  userData?: string;
  securityGroupIds?: string[];
}

export interface Ec2InstanceRecord {
  instanceId: string;
  instanceType: string;
  availabilityZone: string;
  subnetId: string;
  privateIp: string;
  state: Ec2InstanceStateName;
  /** A Spot Instance (priced and interrupted as Spot). */
  spot: boolean;
  launchedMs: number;
  runningMs?: number;
  terminatedMs?: number;
  stateTransitionReason?: string;
  /** The Auto Scaling group that launched it. */
  autoScalingGroupName?: string;
  /** The group's tags with PropagateAtLaunch (DescribeInstances shows them besides aws:autoscaling:groupName). */
  tags?: { Key: string; Value: string }[];
  launchTemplateId?: string;
  launchTemplateVersion?: string;
  /** The cluster its agent registers with, and the instance profile / security groups it launches with. */
  ecsCluster: string;
  iamInstanceProfile?: string;
  /** The role of that profile, as the agent registers it (absent: the default ecsInstanceRole). */
  instanceRoleName?: string;
  securityGroupIds: string[];
  /** ECS_ENABLE_SPOT_INSTANCE_DRAINING=true in its user data: the agent sets the instance DRAINING on a Spot interruption notice. */
  spotInstanceDraining?: boolean;
  /** Which version of the launch template launched it (for DescribeInstances and the termination policy's "oldest launch template"). */
  launchTemplateVersionNumber?: number;
  /** Its container instance, once the agent registered. */
  containerInstanceArn?: string;
  /** Boot, agent registration, shutdown. */
  timer?: TimerId;
}

export interface Ec2State {
  instances: Map<string, Ec2InstanceRecord>;
  launchTemplates: Map<string, LaunchTemplateRecord>;
}

export function ec2Of(state: { ec2?: Ec2State }): Ec2State {
  state.ec2 ??= { instances: new Map(), launchTemplates: new Map() };
  return state.ec2;
}
