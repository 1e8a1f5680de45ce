/**
 * Request checks for Application Auto Scaling scaling policies on ECS services: PutScalingPolicy
 * (TargetTrackingScaling, StepScaling), DeleteScalingPolicy, DescribeScalingPolicies. Pure, never
 * throws; see requests.ts for the shape of checkers and request-messages.ts for the texts.
 *
 * AWS facts (API reference PutScalingPolicy, TargetTrackingScalingPolicyConfiguration,
 * PredefinedMetricSpecification, CustomizedMetricSpecification, DescribeScalingPolicies; AASUG quotas;
 * ecs-reference §8):
 * - The target must be registered first (ObjectNotFoundException, CONFIRMED text).
 * - PolicyName 1–256 characters; 50 scaling policies per scalable target (LimitExceededException).
 * - Target tracking: TargetValue required; exactly one of PredefinedMetricSpecification /
 *   CustomizedMetricSpecification; for ECS the predefined types are ECSServiceAverageCPUUtilization,
 *   ECSServiceAverageMemoryUtilization and ALBRequestCountPerTarget, the last with ResourceLabel
 *   app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>; ScaleOutCooldown / ScaleInCooldown default 300 s
 *   for ECS; DisableScaleIn default false. Customized: MetricName, Namespace, Dimensions, Statistic
 *   (Average | Minimum | Maximum | SampleCount | Sum), Unit.
 * - Step scaling: checked by step-scaling.ts stepScalingConfigurationProblem (reused, not copied).
 * - DescribeScalingPolicies MaxResults 1–10, default 10; "If you specify a scalable dimension, you must
 *   also specify a resource ID."
 */
import { DEFAULT_COOLDOWN_SECONDS } from './capacity.ts';
import {
  constraintViolation,
  ECS_PREDEFINED_METRIC_TYPES,
  enumViolation,
  MAX_POLICIES_PER_TARGET,
  METRIC_STATISTICS,
  noPolicyFound,
  noTargetRegistered,
  notNull,
  policyLimit,
  POLICY_TYPES,
  PREDEFINED_METRIC_TYPES,
  type AasResult,
} from './request-messages.ts';
import {
  booleanMember,
  checkDimension,
  checkNamespace,
  checkPage,
  checkResourceId,
  checkTargetKey,
  countMember,
  guard,
  isObject,
  refuse,
  requestObject,
  stringList,
  stringMember,
  type EcsTargetKey,
  type Fields,
  type Page,
  type RegisteredTarget,
} from './requests.ts';
import { stepScalingConfigurationProblem, type StepScalingPolicyConfiguration } from './step-scaling.ts';
import { predefinedMetric, type PredefinedMetricType } from './tracking-alarms.ts';
import { checkMetricMath, type MetricMathQuery } from '../metrics/metric-math.ts';

export interface PolicyContext {
  target(resourceId: string): RegisteredTarget | undefined;
  /** Names of the policies already on the target (any type). */
  policyNames(resourceId: string): readonly string[];
  /**
   * ALBRequestCountPerTarget: why the ResourceLabel (already of the right form) names nothing that
   * exists — no such Application Load Balancer, target group, or the group not behind it — or undefined.
   */
  resourceLabelProblem?(label: string): string | undefined;
}

export interface PredefinedSpec {
  PredefinedMetricType: PredefinedMetricType;
  ResourceLabel?: string;
}

/** A customized metric: one metric (MetricName, Namespace, Dimensions, Statistic) or metric math (Metrics). */
export type CustomizedSpec = SingleMetricSpec | MetricMathSpec;

export interface MetricMathSpec {
  Metrics: MetricMathQuery[];
}

export interface SingleMetricSpec {
  MetricName: string;
  Namespace: string;
  Dimensions: { Name: string; Value: string }[];
  Statistic: (typeof METRIC_STATISTICS)[number];
  Unit?: string;
}

/** A target tracking configuration with AWS's defaults filled in. */
export interface TargetTrackingConfig {
  TargetValue: number;
  PredefinedMetricSpecification?: PredefinedSpec;
  CustomizedMetricSpecification?: CustomizedSpec;
  ScaleOutCooldown: number;
  ScaleInCooldown: number;
  DisableScaleIn: boolean;
}

export type PutScalingPolicyValue = EcsTargetKey & {
  PolicyName: string;
  /** False when a policy of this name already exists on the target (PutScalingPolicy updates it). */
  isNew: boolean;
} & (
    | { PolicyType: 'TargetTrackingScaling'; TargetTrackingScalingPolicyConfiguration: TargetTrackingConfig }
    | { PolicyType: 'StepScaling'; StepScalingPolicyConfiguration: StepScalingPolicyConfiguration }
  );

const TT = 'targetTrackingScalingPolicyConfiguration';

export function checkPutScalingPolicy(raw: unknown, context: PolicyContext): AasResult<PutScalingPolicyValue> {
  return guard(() => {
    const input = requestObject(raw, 'PutScalingPolicy');
    const PolicyName = stringMember(input, 'PolicyName', { required: true, max: 256 }) as string;
    const key = checkTargetKey(input);
    const PolicyType = policyType(input);
    if (!context.target(key.ResourceId)) refuse(noTargetRegistered(key.ResourceId), 'ObjectNotFoundException');
    const names = context.policyNames(key.ResourceId);
    const isNew = !names.includes(PolicyName);
    const base = { ...key, PolicyName, isNew };
    let value: PutScalingPolicyValue;
    if (PolicyType === 'StepScaling') {
      const config = input['StepScalingPolicyConfiguration'];
      const problem = stepScalingConfigurationProblem(config);
      if (problem) refuse(problem);
      value = { ...base, PolicyType, StepScalingPolicyConfiguration: config as StepScalingPolicyConfiguration };
    } else {
      value = { ...base, PolicyType, TargetTrackingScalingPolicyConfiguration: targetTracking(input['TargetTrackingScalingPolicyConfiguration'], key, context) };
    }
    if (isNew && names.length >= MAX_POLICIES_PER_TARGET) refuse(policyLimit(key.ResourceId), 'LimitExceededException');
    return value;
  });
}

function policyType(input: Fields): 'StepScaling' | 'TargetTrackingScaling' {
  const value = input['PolicyType'];
  // UNCONFIRMED: with PolicyType omitted AWS treats the policy as StepScaling (the type that existed first).
  if (value === undefined || value === null) return 'StepScaling';
  if (!POLICY_TYPES.includes(value as 'StepScaling')) refuse(enumViolation(value, 'policyType', POLICY_TYPES));
  if (value === 'PredictiveScaling') refuse('PolicyType PredictiveScaling is not simulated: the sandbox runs TargetTrackingScaling and StepScaling policies.');
  return value as 'StepScaling' | 'TargetTrackingScaling';
}

function targetTracking(raw: unknown, key: EcsTargetKey, context: PolicyContext): TargetTrackingConfig {
  // UNCONFIRMED wording, the same form as step-scaling.ts's "StepScalingPolicyConfiguration is required …".
  if (!isObject(raw)) return refuse('TargetTrackingScalingPolicyConfiguration is required for a policy of type TargetTrackingScaling');
  const target = raw['TargetValue'];
  if (target === undefined || target === null) refuse(notNull(`${TT}.targetValue`));
  if (typeof target !== 'number' || !Number.isFinite(target) || target <= 0) {
    // Sandbox: AWS takes any double "valid … based on the choice of metric"; a target ≤ 0 can never be tracked.
    refuse(constraintViolation(target, `${TT}.targetValue`, 'Member must be a number greater than 0 (the metric value to hold, e.g. 70 for 70% CPU)'));
  }
  const predefined = raw['PredefinedMetricSpecification'];
  const customized = raw['CustomizedMetricSpecification'];
  const hasPredefined = predefined !== undefined && predefined !== null;
  const hasCustomized = customized !== undefined && customized !== null;
  if (hasPredefined === hasCustomized) {
    // UNCONFIRMED wording.
    refuse('Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified in a TargetTrackingScalingPolicyConfiguration');
  }
  const ScaleOutCooldown = countMember(raw, 'ScaleOutCooldown', `${TT}.scaleOutCooldown`) ?? DEFAULT_COOLDOWN_SECONDS;
  const ScaleInCooldown = countMember(raw, 'ScaleInCooldown', `${TT}.scaleInCooldown`) ?? DEFAULT_COOLDOWN_SECONDS;
  const DisableScaleIn = booleanMember(raw, 'DisableScaleIn', `${TT}.disableScaleIn`) ?? false;
  return {
    TargetValue: target as number,
    ...(hasPredefined ? { PredefinedMetricSpecification: predefinedSpec(predefined, key, context) } : { CustomizedMetricSpecification: customizedSpec(customized) }),
    ScaleOutCooldown,
    ScaleInCooldown,
    DisableScaleIn,
  };
}

function predefinedSpec(raw: unknown, key: EcsTargetKey, context: PolicyContext): PredefinedSpec {
  const member = `${TT}.predefinedMetricSpecification`;
  if (!isObject(raw)) return refuse(constraintViolation(raw, member, 'Member must be an object'));
  const type = raw['PredefinedMetricType'];
  if (type === undefined || type === null) refuse(notNull(`${member}.predefinedMetricType`));
  if (!PREDEFINED_METRIC_TYPES.includes(type as 'ALBRequestCountPerTarget')) refuse(enumViolation(type, `${member}.predefinedMetricType`, PREDEFINED_METRIC_TYPES));
  if (!ECS_PREDEFINED_METRIC_TYPES.includes(type as 'ALBRequestCountPerTarget')) {
    // UNCONFIRMED wording; AWS refuses a predefined metric of another service for an ECS target.
    refuse(`The predefined metric type ${String(type)} is not supported for ECS services: use ${ECS_PREDEFINED_METRIC_TYPES.join(', ')}`);
  }
  const label = raw['ResourceLabel'];
  if (label !== undefined && label !== null && (typeof label !== 'string' || label.length < 1 || label.length > 1023)) {
    refuse(constraintViolation(label, `${member}.resourceLabel`, 'Member must have length between 1 and 1023'));
  }
  const spec: PredefinedSpec = { PredefinedMetricType: type as PredefinedMetricType, ...(typeof label === 'string' ? { ResourceLabel: label } : {}) };
  if (spec.PredefinedMetricType === 'ALBRequestCountPerTarget') {
    // The label's form is checked where the alarm's metric is built (tracking-alarms.ts), so both agree.
    const built = predefinedMetric(spec.PredefinedMetricType, key.cluster, key.service, spec.ResourceLabel);
    if ('error' in built) refuse(built.error);
    const problem = context.resourceLabelProblem?.(spec.ResourceLabel as string);
    if (problem !== undefined) refuse(problem);
  }
  return spec;
}

function customizedSpec(raw: unknown): CustomizedSpec {
  const member = `${TT}.customizedMetricSpecification`;
  if (!isObject(raw)) return refuse(constraintViolation(raw, member, 'Member must be an object'));
  if (raw['Metrics'] !== undefined && raw['Metrics'] !== null) {
    const single = ['MetricName', 'Namespace', 'Dimensions', 'Statistic', 'Unit'].filter((k) => raw[k] !== undefined && raw[k] !== null);
    // UNCONFIRMED wording: AWS takes either the metric's fields or Metrics.
    if (single.length > 0) refuse(`CustomizedMetricSpecification takes either Metrics (metric math) or MetricName, Namespace, Dimensions and Statistic, not both: remove ${single.join(', ')}`);
    // Metric math (AWS's SQS backlog-per-task example): checked by the same rules as an alarm's Metrics.
    const math = checkMetricMath(raw['Metrics'], 'CustomizedMetricSpecification.Metrics');
    if (!math.ok) refuse(math.message);
    return { Metrics: structuredClone((math as Extract<typeof math, { ok: true }>).value.queries) };
  }
  const MetricName = stringMember(raw, 'MetricName', { required: true, max: 255 }) as string;
  const Namespace = stringMember(raw, 'Namespace', { required: true, max: 255 }) as string;
  const statistic = raw['Statistic'];
  if (statistic === undefined || statistic === null) refuse(notNull(`${member}.statistic`));
  if (!METRIC_STATISTICS.includes(statistic as 'Sum')) refuse(enumViolation(statistic, `${member}.statistic`, METRIC_STATISTICS));
  const Unit = stringMember(raw, 'Unit', { required: false, max: 255 });
  const dims = raw['Dimensions'] ?? [];
  if (!Array.isArray(dims)) return refuse(constraintViolation(dims, `${member}.dimensions`, 'Member must be a list of {Name, Value}'));
  const Dimensions = dims.map((d, i) => {
    if (!isObject(d) || typeof d['Name'] !== 'string' || typeof d['Value'] !== 'string' || d['Name'] === '' || d['Value'] === '') {
      return refuse(constraintViolation(d, `${member}.dimensions.${i + 1}.member`, 'Member must be {Name, Value} with non-empty strings'));
    }
    return { Name: d['Name'] as string, Value: d['Value'] as string };
  });
  return { MetricName, Namespace, Dimensions, Statistic: statistic as SingleMetricSpec['Statistic'], ...(Unit ? { Unit } : {}) };
}

export type DeleteScalingPolicyValue = EcsTargetKey & { PolicyName: string };

/** DeleteScalingPolicy: the policy must exist on the target (ObjectNotFoundException). */
export function checkDeleteScalingPolicy(raw: unknown, context: Pick<PolicyContext, 'policyNames'>): AasResult<DeleteScalingPolicyValue> {
  return guard(() => {
    const input = requestObject(raw, 'DeleteScalingPolicy');
    const PolicyName = stringMember(input, 'PolicyName', { required: true, max: 1600 }) as string;
    const key = checkTargetKey(input);
    if (!context.policyNames(key.ResourceId).includes(PolicyName)) refuse(noPolicyFound(key.ResourceId, PolicyName), 'ObjectNotFoundException');
    return { ...key, PolicyName };
  });
}

export interface DescribeScalingPoliciesValue extends Page {
  ServiceNamespace: 'ecs';
  PolicyNames?: string[];
  ResourceId?: string;
  ScalableDimension?: 'ecs:service:DesiredCount';
}

/** DescribeScalingPolicies: filters and MaxResults 1–10 (default 10). */
export function checkDescribeScalingPolicies(raw: unknown): AasResult<DescribeScalingPoliciesValue> {
  return guard(() => {
    const input = requestObject(raw, 'DescribeScalingPolicies');
    const ServiceNamespace = checkNamespace(input['ServiceNamespace']);
    const PolicyNames = stringList(input, 'PolicyNames', 'policyNames');
    const ResourceId = input['ResourceId'] === undefined || input['ResourceId'] === null ? undefined : checkResourceId(input['ResourceId']).ResourceId;
    const ScalableDimension = checkDimension(input['ScalableDimension'], false);
    if (ScalableDimension && !ResourceId) refuse('If you specify a scalable dimension, you must also specify a resource ID'); // the API reference's sentence; UNCONFIRMED as the error text
    return {
      ServiceNamespace,
      ...(PolicyNames ? { PolicyNames } : {}),
      ...(ResourceId ? { ResourceId } : {}),
      ...(ScalableDimension ? { ScalableDimension } : {}),
      ...checkPage(input, 10),
    };
  });
}
