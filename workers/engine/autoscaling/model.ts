/**
 * EC2 Auto Scaling's records (issue 6): groups, their instances' lifecycle, scaling policies and
 * activities. Owned by autoscaling/; capacity/ drives groups only through autoscaling/groups.ts.
 */
import type { AsgLifecycleState, AutoScalingActivity } from '../../protocol.ts';
import type { TerminationPolicy } from './termination.ts';
import type { LaunchTemplateSpecification, MixedInstancesPolicySpec } from './asg-request.ts';

export interface AsgInstanceRecord {
  instanceId: string;
  instanceType: string;
  availabilityZone: string;
  lifecycleState: AsgLifecycleState;
  healthStatus: 'Healthy' | 'Unhealthy';
  protectedFromScaleIn: boolean;
  launchedMs: number;
  /** A Spot Instance (MixedInstancesPolicy above its On-Demand share). */
  spot: boolean;
  launchTemplateId?: string;
  launchTemplateName?: string;
  launchTemplateVersionNumber?: number;
  /** The activity of its launch or termination while it is in progress. */
  activityId?: string;
}

export interface AsgRecord {
  name: string;
  arn: string;
  createdMs: number;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  defaultCooldownSeconds: number;
  /** DefaultInstanceWarmup (seconds), when set: step and target tracking policies' warm-up without EstimatedInstanceWarmup. */
  defaultInstanceWarmupSeconds?: number;
  healthCheckGracePeriodSeconds: number;
  healthCheckType: 'EC2' | 'ELB';
  availabilityZones: string[];
  subnetIds: string[];
  launchTemplate?: LaunchTemplateSpecification;
  mixedInstancesPolicy?: MixedInstancesPolicySpec;
  newInstancesProtectedFromScaleIn: boolean;
  terminationPolicies: TerminationPolicy[];
  tags: { key: string; value: string; propagateAtLaunch: boolean }[];
  /** The group's instances by id, in launch order (terminated ones leave the map). */
  instances: Map<string, AsgInstanceRecord>;
  /** Virtual ms of the last scaling activity that started a cooldown (simple scaling). */
  lastScalingMs?: number;
  /** When a launch last failed (no zone available, template gone): retried on the next minute. */
  launchFailedMs?: number;
  deleting?: boolean;
}

export interface ScalingPolicyRecord {
  arn: string;
  name: string;
  groupName: string;
  type: 'SimpleScaling' | 'StepScaling' | 'TargetTrackingScaling';
  /** The request as stored (DescribePolicies' fields). */
  config: Record<string, unknown>;
  alarmNames: string[];
  enabled: boolean;
}

export interface AutoScalingState {
  groups: Map<string, AsgRecord>;
  policies: Map<string, ScalingPolicyRecord>;
  /** Newest first, at most 100 kept per the sandbox. */
  activities: AutoScalingActivity[];
  nextActivity: number;
}

export function autoScalingOf(state: { autoscaling?: AutoScalingState }): AutoScalingState {
  state.autoscaling ??= { groups: new Map(), policies: new Map(), activities: [], nextActivity: 1 };
  return state.autoscaling;
}
