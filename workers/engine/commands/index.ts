/**
 * The dispatch table: one handler per action of SUPPORTED_ACTIONS (the type makes a missing or
 * extra entry a compile error): the core commands (core.ts) and every other. `wait` is handled by
 * the engine itself.
 */
import { CORE_COMMANDS } from './core.ts';
import { sendRequests } from './send-requests.ts';
import { explainPlacementCommand } from './explain-placement.ts';
import type { ActionName } from '../actions.ts';
import { deleteAccountSetting, listAccountSettings, putAccountSetting, putAccountSettingDefault } from './account-settings.ts';
import { deleteAttributes, listAttributes, putAttributes } from './attributes.ts';
import { updateContainerInstancesState } from './instance-state.ts';
import {
  batchDeleteImage,
  createRepository,
  deleteLifecyclePolicy,
  deleteRepository,
  describeImages,
  describeImageScanFindings,
  describeRepositories,
  getLifecyclePolicy,
  listImages,
  pushImage,
  putImage,
  putImageScanningConfiguration,
  putImageTagMutability,
  putLifecyclePolicy,
} from './ecr.ts';
import {
  attachRolePolicy,
  createRole,
  deleteRole,
  deleteRolePolicy,
  detachRolePolicy,
  getRole,
  getRolePolicy,
  listAttachedRolePolicies,
  listRolePolicies,
  listRoles,
  putRolePolicy,
} from './iam.ts';
import { callFromTask } from './call-from-task.ts';
import { setImageBehavior } from './image-behavior.ts';
import { createService, deleteService, describeServices, listServices, updateService } from './services.ts';
import { authorizeSecurityGroupIngress, createSecurityGroup, describeSecurityGroups, describeSubnets, describeVpcs, revokeSecurityGroupIngress } from './ec2.ts';
import {
  createListener,
  createLoadBalancer,
  createTargetGroup,
  deleteListener,
  deleteLoadBalancer,
  deleteTargetGroup,
  deregisterTargets,
  describeListeners,
  describeLoadBalancers,
  describeTargetGroupAttributes,
  describeTargetGroups,
  describeTargetHealth,
  modifyTargetGroupAttributes,
  registerTargets,
} from './elbv2.ts';
import { configureHealthCheck, createClassicLoadBalancer, deleteClassicLoadBalancer, describeClassicLoadBalancers, describeInstanceHealth } from './elb-classic.ts';

import { createAutoScalingGroup, updateAutoScalingGroup, deleteAutoScalingGroup, describeAutoScalingGroups, setDesiredCapacity, setInstanceProtection, terminateInstanceInAutoScalingGroup, describeScalingActivities, putScalingPolicy, describePolicies, deletePolicy, executePolicy } from './autoscaling.ts';
import { createLaunchTemplate, describeLaunchTemplates, deleteLaunchTemplate, describeInstances, terminateInstances, simTerminateInstance, deregisterContainerInstance } from './ec2-instances.ts';
import { deleteAlarms, describeAlarms, getMetricData, putMetricAlarm, setServiceLoad } from './cloudwatch.ts';
import { aasRegisterScalableTarget, aasDeregisterScalableTarget, aasDescribeScalableTargets, aasPutScalingPolicy, aasDeleteScalingPolicy, aasDescribeScalingPolicies, aasPutScheduledAction, aasDeleteScheduledAction, aasDescribeScheduledActions, aasDescribeScalingActivities } from './app-autoscaling.ts';
import { simSetTraffic } from './traffic.ts';
import { eventsPutRule, eventsDeleteRule, eventsDescribeRule, eventsListRules, eventsEnableRule, eventsDisableRule, eventsPutTargets, eventsRemoveTargets, eventsListTargetsByRule } from './eventbridge.ts';
import { s3CreateBucket, s3DeleteBucket, s3ListBuckets, s3PutBucketNotificationConfiguration, s3GetBucketNotificationConfiguration, s3PutObject, s3ListObjectsV2, simPutObject } from './s3.ts';
import { sqsCreateQueue, sqsDeleteQueue, sqsGetQueueUrl, sqsListQueues, sqsGetQueueAttributes, sqsSetQueueAttributes, sqsSendMessage, sqsPurgeQueue, simSendMessages } from './sqs.ts';
import { createCapacityProvider, updateCapacityProvider, deleteCapacityProvider, describeCapacityProviders, putClusterCapacityProviders } from './capacity-providers.ts';
import { interruptSpot, setSpotMarket, failAvailabilityZone, restoreAvailabilityZone, disconnectAgent, reconnectAgent, registerExternalInstance } from './faults.ts';
// The first-chunk commands reach these through capacity-hooks.ts, filled as they load.
import '../capacity/run-with-strategy.ts';
import '../capacity/association.ts';
import '../faults/fargate-capacity.ts';
import '../cost/ledger.ts';

import type { CommandHandler } from './handler.ts';

export type { CommandHandler };

export const COMMANDS: Readonly<Record<ActionName, CommandHandler>> = {
  ...CORE_COMMANDS,
  'sim:ExplainPlacement': explainPlacementCommand,
  'ecs:CreateService': createService,
  'ecs:UpdateService': updateService,
  'ecs:DeleteService': deleteService,
  'ecs:DescribeServices': describeServices,
  'ecs:ListServices': listServices,
  'ecs:UpdateContainerInstancesState': updateContainerInstancesState,
  'ecs:PutAttributes': putAttributes,
  'ecs:DeleteAttributes': deleteAttributes,
  'ecs:ListAttributes': listAttributes,
  'ecs:PutAccountSetting': putAccountSetting,
  'ecs:PutAccountSettingDefault': putAccountSettingDefault,
  'ecs:DeleteAccountSetting': deleteAccountSetting,
  'ecs:ListAccountSettings': listAccountSettings,
  'iam:CreateRole': createRole,
  'iam:GetRole': getRole,
  'iam:ListRoles': listRoles,
  'iam:DeleteRole': deleteRole,
  'iam:AttachRolePolicy': attachRolePolicy,
  'iam:DetachRolePolicy': detachRolePolicy,
  'iam:ListAttachedRolePolicies': listAttachedRolePolicies,
  'iam:PutRolePolicy': putRolePolicy,
  'iam:GetRolePolicy': getRolePolicy,
  'iam:ListRolePolicies': listRolePolicies,
  'iam:DeleteRolePolicy': deleteRolePolicy,
  'ecr:CreateRepository': createRepository,
  'ecr:DescribeRepositories': describeRepositories,
  'ecr:DeleteRepository': deleteRepository,
  'ecr:PutImageTagMutability': putImageTagMutability,
  'ecr:PutImageScanningConfiguration': putImageScanningConfiguration,
  'ecr:PutImage': putImage,
  'ecr:DescribeImages': describeImages,
  'ecr:ListImages': listImages,
  'ecr:BatchDeleteImage': batchDeleteImage,
  'ecr:PutLifecyclePolicy': putLifecyclePolicy,
  'ecr:GetLifecyclePolicy': getLifecyclePolicy,
  'ecr:DeleteLifecyclePolicy': deleteLifecyclePolicy,
  'ecr:DescribeImageScanFindings': describeImageScanFindings,
  'sim:PushImage': pushImage,
  'sim:CallFromTask': callFromTask,
  'sim:SetImageBehavior': setImageBehavior,
  'ec2:DescribeVpcs': describeVpcs,
  'ec2:DescribeSubnets': describeSubnets,
  'ec2:DescribeSecurityGroups': describeSecurityGroups,
  'ec2:CreateSecurityGroup': createSecurityGroup,
  'ec2:AuthorizeSecurityGroupIngress': authorizeSecurityGroupIngress,
  'ec2:RevokeSecurityGroupIngress': revokeSecurityGroupIngress,
  'elbv2:CreateLoadBalancer': createLoadBalancer,
  'elbv2:DescribeLoadBalancers': describeLoadBalancers,
  'elbv2:DeleteLoadBalancer': deleteLoadBalancer,
  'elbv2:CreateTargetGroup': createTargetGroup,
  'elbv2:DescribeTargetGroups': describeTargetGroups,
  'elbv2:DeleteTargetGroup': deleteTargetGroup,
  'elbv2:ModifyTargetGroupAttributes': modifyTargetGroupAttributes,
  'elbv2:DescribeTargetGroupAttributes': describeTargetGroupAttributes,
  'elbv2:CreateListener': createListener,
  'elbv2:DescribeListeners': describeListeners,
  'elbv2:DeleteListener': deleteListener,
  'elbv2:RegisterTargets': registerTargets,
  'elbv2:DeregisterTargets': deregisterTargets,
  'elbv2:DescribeTargetHealth': describeTargetHealth,
  'elb:CreateLoadBalancer': createClassicLoadBalancer,
  'elb:ConfigureHealthCheck': configureHealthCheck,
  'elb:DescribeLoadBalancers': describeClassicLoadBalancers,
  'elb:DescribeInstanceHealth': describeInstanceHealth,
  'elb:DeleteLoadBalancer': deleteClassicLoadBalancer,
  'sim:SendRequests': sendRequests,
  'autoscaling:CreateAutoScalingGroup': createAutoScalingGroup,
  'autoscaling:UpdateAutoScalingGroup': updateAutoScalingGroup,
  'autoscaling:DeleteAutoScalingGroup': deleteAutoScalingGroup,
  'autoscaling:DescribeAutoScalingGroups': describeAutoScalingGroups,
  'autoscaling:SetDesiredCapacity': setDesiredCapacity,
  'autoscaling:SetInstanceProtection': setInstanceProtection,
  'autoscaling:TerminateInstanceInAutoScalingGroup': terminateInstanceInAutoScalingGroup,
  'autoscaling:DescribeScalingActivities': describeScalingActivities,
  'autoscaling:PutScalingPolicy': putScalingPolicy,
  'autoscaling:DescribePolicies': describePolicies,
  'autoscaling:DeletePolicy': deletePolicy,
  'autoscaling:ExecutePolicy': executePolicy,
  'ec2:CreateLaunchTemplate': createLaunchTemplate,
  'ec2:DescribeLaunchTemplates': describeLaunchTemplates,
  'ec2:DeleteLaunchTemplate': deleteLaunchTemplate,
  'ec2:DescribeInstances': describeInstances,
  'ec2:TerminateInstances': terminateInstances,
  'sim:TerminateInstance': simTerminateInstance,
  'ecs:DeregisterContainerInstance': deregisterContainerInstance,
  'cloudwatch:PutMetricAlarm': putMetricAlarm,
  'cloudwatch:DescribeAlarms': describeAlarms,
  'cloudwatch:DeleteAlarms': deleteAlarms,
  'cloudwatch:GetMetricData': getMetricData,
  'sim:SetServiceLoad': setServiceLoad,
  'ecs:CreateCapacityProvider': createCapacityProvider,
  'ecs:UpdateCapacityProvider': updateCapacityProvider,
  'ecs:DeleteCapacityProvider': deleteCapacityProvider,
  'ecs:DescribeCapacityProviders': describeCapacityProviders,
  'ecs:PutClusterCapacityProviders': putClusterCapacityProviders,
  'sim:InterruptSpot': interruptSpot,
  'sim:SetSpotMarket': setSpotMarket,
  'sim:FailAvailabilityZone': failAvailabilityZone,
  'sim:RestoreAvailabilityZone': restoreAvailabilityZone,
  'sim:DisconnectAgent': disconnectAgent,
  'sim:ReconnectAgent': reconnectAgent,
  'sim:RegisterExternalInstance': registerExternalInstance,
  'application-autoscaling:RegisterScalableTarget': aasRegisterScalableTarget,
  'application-autoscaling:DeregisterScalableTarget': aasDeregisterScalableTarget,
  'application-autoscaling:DescribeScalableTargets': aasDescribeScalableTargets,
  'application-autoscaling:PutScalingPolicy': aasPutScalingPolicy,
  'application-autoscaling:DeleteScalingPolicy': aasDeleteScalingPolicy,
  'application-autoscaling:DescribeScalingPolicies': aasDescribeScalingPolicies,
  'application-autoscaling:PutScheduledAction': aasPutScheduledAction,
  'application-autoscaling:DeleteScheduledAction': aasDeleteScheduledAction,
  'application-autoscaling:DescribeScheduledActions': aasDescribeScheduledActions,
  'application-autoscaling:DescribeScalingActivities': aasDescribeScalingActivities,
  'sim:SetTraffic': simSetTraffic,
  'events:PutRule': eventsPutRule,
  'events:DeleteRule': eventsDeleteRule,
  'events:DescribeRule': eventsDescribeRule,
  'events:ListRules': eventsListRules,
  'events:EnableRule': eventsEnableRule,
  'events:DisableRule': eventsDisableRule,
  'events:PutTargets': eventsPutTargets,
  'events:RemoveTargets': eventsRemoveTargets,
  'events:ListTargetsByRule': eventsListTargetsByRule,
  's3:CreateBucket': s3CreateBucket,
  's3:DeleteBucket': s3DeleteBucket,
  's3:ListBuckets': s3ListBuckets,
  's3:PutBucketNotificationConfiguration': s3PutBucketNotificationConfiguration,
  's3:GetBucketNotificationConfiguration': s3GetBucketNotificationConfiguration,
  's3:PutObject': s3PutObject,
  's3:ListObjectsV2': s3ListObjectsV2,
  'sim:PutObject': simPutObject,
  'sqs:CreateQueue': sqsCreateQueue,
  'sqs:DeleteQueue': sqsDeleteQueue,
  'sqs:GetQueueUrl': sqsGetQueueUrl,
  'sqs:ListQueues': sqsListQueues,
  'sqs:GetQueueAttributes': sqsGetQueueAttributes,
  'sqs:SetQueueAttributes': sqsSetQueueAttributes,
  'sqs:SendMessage': sqsSendMessage,
  'sqs:PurgeQueue': sqsPurgeQueue,
  'sim:SendMessages': simSendMessages,
};
