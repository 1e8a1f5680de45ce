/**
 * Application Auto Scaling's error codes and texts for the request checks in requests.ts,
 * policy-requests.ts and scheduled-requests.ts — every wording in one place, each with its source.
 *
 * CONFIRMED (AWS's answer quoted in public reports):
 * - ObjectNotFoundException "No scalable target registered for service namespace: ecs, resource ID:
 *   service/poc-pricing/test-as, scalable dimension: ecs:service:DesiredCount" — PutScalingPolicy
 *   (ansible/ansible#35632, cloudposse/terraform-aws-ecs-cloudwatch-autoscaling#36); the same text for
 *   PutScheduledAction (a public blog's CLI output for rds).
 * - ValidationException "Unsupported service namespace, resource type or scalable dimension" — a
 *   resource id of the wrong form (pulumi/pulumi-policy-aws#11, real AWS; moto uses the same text).
 * - ValidationException "At least one of minimum capacity and maximum capacity should be provided" —
 *   PutScheduledAction (aws-cloudformation/community-registry-extensions#255).
 * - The "1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: Member must
 *   satisfy enum value set: [a, b]" form is AWS's generic request validation; the enum lists below are
 *   the service model's (botocore application-autoscaling 2016-02-06, as generated into LocalStack's
 *   api module), in the model's order.
 * From moto (moto/applicationautoscaling/models.py), UNCONFIRMED against AWS:
 * - "ECS service doesn't exist: service/<cluster>/<service>" (ecs-reference §8),
 * - "No scalable target found for service namespace: …" (DeregisterScalableTarget, ObjectNotFoundException),
 * - "No scaling policy found for service namespace: …, policy name: …" (DeleteScalingPolicy).
 * Everything else is marked UNCONFIRMED where it is written.
 */

export type AasErrorCode = 'ValidationException' | 'ObjectNotFoundException' | 'LimitExceededException' | 'InvalidNextTokenException';
export interface AasError {
  code: AasErrorCode;
  message: string;
}
export type AasResult<T> = { ok: true; value: T } | { ok: false; error: AasError };

/** ServiceNamespace enum (service model order). */
export const SERVICE_NAMESPACES = [
  'ecs', 'elasticmapreduce', 'ec2', 'appstream', 'dynamodb', 'rds', 'sagemaker', 'custom-resource', 'comprehend',
  'lambda', 'cassandra', 'kafka', 'elasticache', 'neptune', 'workspaces',
] as const;

/** ScalableDimension enum (service model order). */
export const SCALABLE_DIMENSIONS = [
  'ecs:service:DesiredCount', 'ec2:spot-fleet-request:TargetCapacity', 'elasticmapreduce:instancegroup:InstanceCount',
  'appstream:fleet:DesiredCapacity', 'dynamodb:table:ReadCapacityUnits', 'dynamodb:table:WriteCapacityUnits',
  'dynamodb:index:ReadCapacityUnits', 'dynamodb:index:WriteCapacityUnits', 'rds:cluster:ReadReplicaCount',
  'sagemaker:variant:DesiredInstanceCount', 'custom-resource:ResourceType:Property',
  'comprehend:document-classifier-endpoint:DesiredInferenceUnits', 'comprehend:entity-recognizer-endpoint:DesiredInferenceUnits',
  'lambda:function:ProvisionedConcurrency', 'cassandra:table:ReadCapacityUnits', 'cassandra:table:WriteCapacityUnits',
  'kafka:broker-storage:VolumeSize', 'elasticache:replication-group:NodeGroups', 'elasticache:replication-group:Replicas',
  'neptune:cluster:ReadReplicaCount', 'sagemaker:variant:DesiredProvisionedConcurrency',
  'sagemaker:inference-component:DesiredCopyCount', 'workspaces:workspacespool:DesiredUserSessions',
] as const;

/** MetricType enum of PredefinedMetricSpecification (service model order). */
export const PREDEFINED_METRIC_TYPES = [
  'DynamoDBReadCapacityUtilization', 'DynamoDBWriteCapacityUtilization', 'ALBRequestCountPerTarget',
  'RDSReaderAverageCPUUtilization', 'RDSReaderAverageDatabaseConnections', 'EC2SpotFleetRequestAverageCPUUtilization',
  'EC2SpotFleetRequestAverageNetworkIn', 'EC2SpotFleetRequestAverageNetworkOut', 'SageMakerVariantInvocationsPerInstance',
  'ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization', 'AppStreamAverageCapacityUtilization',
  'ComprehendInferenceUtilization', 'LambdaProvisionedConcurrencyUtilization', 'CassandraReadCapacityUtilization',
  'CassandraWriteCapacityUtilization', 'KafkaBrokerStorageUtilization', 'ElastiCachePrimaryEngineCPUUtilization',
  'ElastiCacheReplicaEngineCPUUtilization', 'ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage',
  'NeptuneReaderAverageCPUUtilization', 'SageMakerVariantProvisionedConcurrencyUtilization',
  'ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage', 'SageMakerInferenceComponentInvocationsPerCopy',
  'WorkSpacesAverageUserSessionsCapacityUtilization', 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
  'SageMakerVariantConcurrentRequestsPerModelHighResolution',
] as const;

/** The predefined metrics for an ECS service (AASUG target tracking; ecs-reference §8). */
export const ECS_PREDEFINED_METRIC_TYPES = ['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization', 'ALBRequestCountPerTarget'] as const;
export const POLICY_TYPES = ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling'] as const;
export const METRIC_STATISTICS = ['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum'] as const;

/** Sandbox sentence appended to refusals of anything but an ECS service. */
export const SANDBOX_ECS_ONLY =
  'The sandbox simulates Application Auto Scaling for ECS services only: ServiceNamespace ecs, ScalableDimension ecs:service:DesiredCount, ResourceId service/<cluster>/<service>.';

function shown(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  try {
    return `'${typeof value === 'object' ? JSON.stringify(value) : String(value)}'`;
  } catch {
    return `'${typeof value}'`; // a value JSON cannot write (BigInt, cycles, no prototype)
  }
}

/** AWS's generic one-member validation sentence. */
export const constraintViolation = (value: unknown, member: string, rule: string): string =>
  `1 validation error detected: Value ${shown(value)} at '${member}' failed to satisfy constraint: ${rule}`;
export const notNull = (member: string): string => constraintViolation(null, member, 'Member must not be null');
export const enumViolation = (value: unknown, member: string, values: readonly string[]): string =>
  constraintViolation(value, member, `Member must satisfy enum value set: [${values.join(', ')}]`);
export const lengthViolation = (value: string, member: string, min: number, max: number): string =>
  constraintViolation(value, member, value.length < min ? `Member must have length greater than or equal to ${min}` : `Member must have length less than or equal to ${max}`);

export const noTargetRegistered = (resourceId: string): string =>
  `No scalable target registered for service namespace: ecs, resource ID: ${resourceId}, scalable dimension: ecs:service:DesiredCount`;
/** moto's text (DeregisterScalableTarget); UNCONFIRMED against AWS. */
export const noTargetFound = (resourceId: string): string =>
  `No scalable target found for service namespace: ecs, resource ID: ${resourceId}, scalable dimension: ecs:service:DesiredCount`;
/** moto's text (DeleteScalingPolicy); UNCONFIRMED against AWS. */
export const noPolicyFound = (resourceId: string, policyName: string): string =>
  `No scaling policy found for service namespace: ecs, resource ID: ${resourceId}, scalable dimension: ecs:service:DesiredCount, policy name: ${policyName}`;
/** UNCONFIRMED: written after the policy text (moto removes a missing scheduled action silently). */
export const noScheduledActionFound = (resourceId: string, name: string): string =>
  `No scheduled action found for service namespace: ecs, resource ID: ${resourceId}, scalable dimension: ecs:service:DesiredCount, scheduled action name: ${name}`;
/** moto's text, ecs-reference §8. */
export const ecsServiceDoesNotExist = (resourceId: string): string => `ECS service doesn't exist: ${resourceId}`;
export const UNSUPPORTED_TARGET = 'Unsupported service namespace, resource type or scalable dimension';
/** UNCONFIRMED wording (the API reference: "required if you are registering a scalable target"). */
export const MIN_MAX_REQUIRED_FOR_NEW_TARGET = 'MinCapacity and MaxCapacity are required when you register a new scalable target';
/** UNCONFIRMED wording; AWS refuses a minimum above the maximum with a ValidationException. */
export const minAboveMax = (min: number, max: number): string =>
  `Minimum capacity cannot be greater than maximum capacity: MinCapacity ${min}, MaxCapacity ${max}`;
export const SCHEDULED_MIN_OR_MAX_REQUIRED = 'At least one of minimum capacity and maximum capacity should be provided';

/** Quotas (AASUG application-auto-scaling-quotas; ecs-reference §8). */
export const MAX_POLICIES_PER_TARGET = 50;
export const MAX_SCHEDULED_ACTIONS_PER_TARGET = 200;
/** LimitExceededException texts: UNCONFIRMED wording, the quota numbers are AWS's. */
export const policyLimit = (resourceId: string): string =>
  `Maximum number of scaling policies (${MAX_POLICIES_PER_TARGET}) reached for scalable target ${resourceId}: delete one before adding another`;
export const scheduledActionLimit = (resourceId: string): string =>
  `Maximum number of scheduled actions (${MAX_SCHEDULED_ACTIONS_PER_TARGET}) reached for scalable target ${resourceId}: delete one before adding another`;
/** UNCONFIRMED wording. */
export const INVALID_NEXT_TOKEN = 'Invalid NextToken: pass the NextToken of the previous response unchanged';
