/**
 * The actions the engine understands, as they are written in the command language. This list is
 * the single source of truth: the engine's dispatch table is keyed by it, the scenario parser uses
 * it to reject unknown actions with their line number before anything runs, and the README's list
 * of supported operations is generated from it.
 */
export const SUPPORTED_ACTIONS = [
  'ecs:CreateCluster',
  'ecs:DescribeClusters',
  'ecs:ListClusters',
  'ecs:RegisterTaskDefinition',
  'ecs:DescribeTaskDefinition',
  'ecs:ListTaskDefinitions',
  'ecs:DeregisterTaskDefinition',
  'ecs:RunTask',
  'ecs:CreateService',
  'ecs:UpdateService',
  'ecs:DeleteService',
  'ecs:DescribeServices',
  'ecs:ListServices',
  'sim:ExplainPlacement',
  'ecs:StopTask',
  'ecs:DescribeTasks',
  'ecs:ListTasks',
  'ecs:DescribeContainerInstances',
  'ecs:ListContainerInstances',
  'sim:AddContainerInstances',
  'ecs:UpdateContainerInstancesState',
  'ecs:PutAttributes',
  'ecs:DeleteAttributes',
  'ecs:ListAttributes',
  'ecs:PutAccountSetting',
  'ecs:PutAccountSettingDefault',
  'ecs:DeleteAccountSetting',
  'ecs:ListAccountSettings',
  'iam:CreateRole',
  'iam:GetRole',
  'iam:ListRoles',
  'iam:DeleteRole',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:PutRolePolicy',
  'iam:GetRolePolicy',
  'iam:ListRolePolicies',
  'iam:DeleteRolePolicy',
  'ecr:CreateRepository',
  'ecr:DescribeRepositories',
  'ecr:DeleteRepository',
  'ecr:PutImage',
  'ecr:DescribeImages',
  'ecr:ListImages',
  'ecr:BatchDeleteImage',
  'ecr:PutLifecyclePolicy',
  'ecr:GetLifecyclePolicy',
  'ecr:DeleteLifecyclePolicy',
  'ecr:DescribeImageScanFindings',
  'sim:PushImage',
  'sim:CallFromTask',
  'sim:SetImageBehavior',
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
  'elbv2:CreateLoadBalancer',
  'elbv2:DescribeLoadBalancers',
  'elbv2:DeleteLoadBalancer',
  'elbv2:CreateTargetGroup',
  'elbv2:DescribeTargetGroups',
  'elbv2:DeleteTargetGroup',
  'elbv2:ModifyTargetGroupAttributes',
  'elbv2:DescribeTargetGroupAttributes',
  'elbv2:CreateListener',
  'elbv2:DescribeListeners',
  'elbv2:DeleteListener',
  'elbv2:RegisterTargets',
  'elbv2:DeregisterTargets',
  'elbv2:DescribeTargetHealth',
  'sim:SendRequests',
] as const;

export type ActionName = (typeof SUPPORTED_ACTIONS)[number];

/** The pseudo-action that advances virtual time. */
export const WAIT = 'wait';

export function isSupportedAction(name: string): name is ActionName {
  return (SUPPORTED_ACTIONS as readonly string[]).includes(name);
}
