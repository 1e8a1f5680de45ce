/**
 * Every text the capacity provider actions answer with, in one place. "AWS" = AWS's own wording as
 * its API returned it (the public thread that quotes it is named); "UNCONFIRMED" = the sandbox's
 * wording where AWS's exact text was not found (the rule itself is documented unless said so).
 */
import { plural } from '../text.ts';

export const RESERVED_PREFIXES = ['aws', 'ecs', 'fargate'] as const;

export const CAPACITY_MESSAGES = {
  // AWS — aws/containers-roadmap#632, #688 (ClientException)
  alreadyExists: () =>
    'The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.',
  // AWS — aws/containers-roadmap#632 (ClientException)
  asgInUse: () => 'The specified Auto Scaling group ARN is already being used by another capacity provider. Specify a unique Auto Scaling group ARN and try again.',
  // AWS — aws/containers-roadmap#653, hashicorp/terraform-provider-aws#11338 (ClientException)
  terminationProtectionNeedsAsgProtection: () =>
    'The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, the Auto Scaling group must have instance protection from scale in enabled.',
  // UNCONFIRMED — AWS's first sentence above, with the documented rule (managed termination protection requires managed scaling)
  terminationProtectionNeedsScaling: () =>
    'The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, managed scaling must be enabled.',
  // AWS — pahud/cdk-fargate-patterns#71 (PutClusterCapacityProviders, ResourceInUseException)
  inUse: () => 'The specified capacity provider is in use and cannot be removed.',
  // AWS — hashicorp/terraform-provider-aws#48156 (DeleteCapacityProvider: updateStatus DELETE_FAILED, this updateStatusReason)
  deleteAssociated: (cluster: string) =>
    `The capacity provider cannot be deleted because it is associated with cluster: ${cluster}. Remove the capacity provider from the cluster and try again.`,
  // AWS — terraform-linters/tflint-ruleset-aws#349, pulumi/pulumi-awsx#599 (InvalidParameterException)
  launchTypeAndStrategy: () => 'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
  // UNCONFIRMED (the API reference's name rule)
  reservedName: (name: string) =>
    `The capacity provider name "${name}" is invalid: the name can't be prefixed with "aws", "ecs", or "fargate".`,
  invalidName: (name: string) =>
    `The capacity provider name "${name}" is invalid: up to 255 letters (upper or lower case), numbers, underscores (_) and hyphens (-) are allowed.`,
  // UNCONFIRMED
  asgNotFound: (given: string) =>
    `The specified Auto Scaling group ${given} does not exist. Create it with autoscaling:CreateAutoScalingGroup (or give the ARN of an existing group) and try again.`,
  notFound: (given: string) => `The specified capacity provider ${given} does not exist. Specify a valid name or ARN and try again.`,
  fargateImmutable: (name: string) => `${name} is a capacity provider managed by AWS: it cannot be created, updated or deleted.`,
  notActive: (name: string) => `The capacity provider ${name} is not ACTIVE and cannot be associated with a cluster.`,
  otherCluster: (name: string, cluster: string) =>
    `The capacity provider ${name} is already associated with cluster ${cluster}; an Auto Scaling group capacity provider can belong to one cluster only. Remove it from ${cluster} first.`,
  tooManyForCluster: (count: number, max: number) => `A cluster can have at most ${max} capacity providers; ${count} were given.`,
  duplicateInList: (name: string) => `The capacity provider ${name} is listed more than once.`,
  managedInstancesUnsupported: () =>
    'The sandbox simulates Auto Scaling group capacity providers (and FARGATE / FARGATE_SPOT); give autoScalingGroupProvider, not managedInstancesProvider.',
  asgProviderRequired: () => 'autoScalingGroupProvider is required: the Auto Scaling group (autoScalingGroupArn) and its managed scaling settings.',
  asgArnRequired: () => 'autoScalingGroupProvider.autoScalingGroupArn is required.',
  asgArnImmutable: () => 'The Auto Scaling group of a capacity provider cannot be changed; create a new capacity provider for another group.',
  enumValue: (field: string, given: unknown, values: readonly string[]) =>
    `${field} must be one of ${values.join(', ')}; got ${JSON.stringify(given)}.`,
  range: (field: string, given: unknown, min: number, max: number) =>
    `${field} must be a whole number from ${min} to ${max}; got ${JSON.stringify(given)}.`,
  stepOrder: (min: number, max: number) =>
    `managedScaling.minimumScalingStepSize (${min}) must not be greater than maximumScalingStepSize (${max}).`,
  unknownField: (where: string, key: string, known: readonly string[]) => `${where} has an unknown field "${key}"; its fields are ${known.join(', ')}.`,
  // Sandbox (the quota: tasks in PROVISIONING per cluster, ecs-reference §15)
  provisioningLimit: (cluster: string, max: number) =>
    `Cluster ${cluster} already has ${max} tasks waiting in PROVISIONING for capacity, the most ECS allows (service quota, not adjustable); the task was not started.`,
  waiting: (label: string, provider: string, cpu: number, memory: number, count: number) =>
    `${label}: ${plural(count, 'task')} waiting for capacity from provider ${provider}: needs ${cpu} CPU units / ${memory} MiB each, and no instance of the provider has room. ${count === 1 ? 'It waits' : 'They wait'} in PROVISIONING until an instance registers.`,
} as const;
