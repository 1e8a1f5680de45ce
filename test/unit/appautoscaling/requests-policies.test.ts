// Application Auto Scaling scaling-policy request checks (workers/engine/appautoscaling/policy-requests.ts):
// PutScalingPolicy (target tracking, step), DeleteScalingPolicy, DescribeScalingPolicies.
import { describe, expect, it } from 'vitest';
import {
  checkDeleteScalingPolicy,
  checkDescribeScalingPolicies,
  checkPutScalingPolicy,
  type PutScalingPolicyValue,
} from '../../../workers/engine/appautoscaling/policy-requests.ts';
import { ID, key, refusal, registeredTarget, value } from './request-helpers.ts';

const target = registeredTarget();
const context = (names: string[] = [], registered = true) => ({ target: () => (registered ? target : undefined), policyNames: () => names });
const cpu = (extra: object = {}) => ({
  ...key,
  PolicyName: 'cpu70',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ...extra },
});
const LABEL = 'app/my-alb/50dc6c495c0c9188/targetgroup/my-tg/943f017f100becff';

const tt = (v: PutScalingPolicyValue) => {
  if (v.PolicyType !== 'TargetTrackingScaling') throw new Error('not target tracking');
  return v.TargetTrackingScalingPolicyConfiguration;
};

describe('PutScalingPolicy: target tracking', () => {
  it('fills AWS defaults: cooldowns 300 s, DisableScaleIn false', () => {
    const v = value(checkPutScalingPolicy(cpu(), context()));
    expect(v).toMatchObject({ PolicyName: 'cpu70', PolicyType: 'TargetTrackingScaling', isNew: true, cluster: 'prod', service: 'web' });
    expect(tt(v)).toEqual({
      TargetValue: 70,
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      ScaleOutCooldown: 300,
      ScaleInCooldown: 300,
      DisableScaleIn: false,
    });
  });

  it('keeps given cooldowns and DisableScaleIn; memory metric; an existing name is an update', () => {
    const v = value(
      checkPutScalingPolicy(
        cpu({ TargetValue: 75, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' }, ScaleOutCooldown: 60, ScaleInCooldown: 600, DisableScaleIn: true }),
        context(['cpu70']),
      ),
    );
    expect(v.isNew).toBe(false);
    expect(tt(v)).toMatchObject({ TargetValue: 75, ScaleOutCooldown: 60, ScaleInCooldown: 600, DisableScaleIn: true });
  });

  it('ALBRequestCountPerTarget needs its resource label in AWS\'s form', () => {
    const ok = value(checkPutScalingPolicy(cpu({ PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: LABEL } }), context()));
    expect(tt(ok).PredefinedMetricSpecification).toEqual({ PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: LABEL });
    expect(refusal(checkPutScalingPolicy(cpu({ PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' } }), context())).message).toBe(
      'ResourceLabel must be app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id> for ALBRequestCountPerTarget, got none',
    );
    expect(refusal(checkPutScalingPolicy(cpu({ PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'targetgroup/my-tg/943f' } }), context())).message).toMatch(
      /got 'targetgroup\/my-tg\/943f'$/,
    );
  });

  it('refuses an unknown metric type with the enum sentence, and another service\'s metric for ECS', () => {
    expect(refusal(checkPutScalingPolicy(cpu({ PredefinedMetricSpecification: { PredefinedMetricType: 'CPUUtilization' } }), context())).message).toMatch(
      /^1 validation error detected: Value 'CPUUtilization' at 'targetTrackingScalingPolicyConfiguration\.predefinedMetricSpecification\.predefinedMetricType' failed to satisfy constraint: Member must satisfy enum value set: \[DynamoDBReadCapacityUtilization, /,
    );
    expect(refusal(checkPutScalingPolicy(cpu({ PredefinedMetricSpecification: { PredefinedMetricType: 'DynamoDBReadCapacityUtilization' } }), context())).message).toBe(
      'The predefined metric type DynamoDBReadCapacityUtilization is not supported for ECS services: use ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget',
    );
  });

  it('takes a customized metric (SQS backlog per task) and refuses a bad statistic', () => {
    const custom = {
      ...key,
      PolicyName: 'backlog',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 100,
        CustomizedMetricSpecification: { MetricName: 'BacklogPerTask', Namespace: 'Sandbox/SQS', Dimensions: [{ Name: 'QueueName', Value: 'jobs' }], Statistic: 'Average', Unit: 'Count' },
      },
    };
    expect(tt(value(checkPutScalingPolicy(custom, context()))).CustomizedMetricSpecification).toEqual({
      MetricName: 'BacklogPerTask',
      Namespace: 'Sandbox/SQS',
      Dimensions: [{ Name: 'QueueName', Value: 'jobs' }],
      Statistic: 'Average',
      Unit: 'Count',
    });
    const bad = { ...custom, TargetTrackingScalingPolicyConfiguration: { TargetValue: 100, CustomizedMetricSpecification: { MetricName: 'm', Namespace: 'n', Statistic: 'p99' } } };
    expect(refusal(checkPutScalingPolicy(bad, context())).message).toBe(
      "1 validation error detected: Value 'p99' at 'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.statistic' failed to satisfy constraint: Member must satisfy enum value set: [Average, Minimum, Maximum, SampleCount, Sum]",
    );
  });

  it('refuses neither or both metric specifications, a missing or non-positive target, a missing configuration', () => {
    expect(refusal(checkPutScalingPolicy({ ...cpu(), TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } }, context())).message).toMatch(/^Exactly one of PredefinedMetricSpecification/);
    expect(refusal(checkPutScalingPolicy({ ...cpu(), TargetTrackingScalingPolicyConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } }, context())).message).toBe(
      "1 validation error detected: Value null at 'targetTrackingScalingPolicyConfiguration.targetValue' failed to satisfy constraint: Member must not be null",
    );
    expect(refusal(checkPutScalingPolicy(cpu({ TargetValue: 0 }), context())).message).toMatch(/Value '0' at 'targetTrackingScalingPolicyConfiguration.targetValue'/);
    expect(refusal(checkPutScalingPolicy({ ...key, PolicyName: 'p', PolicyType: 'TargetTrackingScaling' }, context())).message).toBe(
      'TargetTrackingScalingPolicyConfiguration is required for a policy of type TargetTrackingScaling',
    );
  });

  it('refuses an unregistered target with AWS\'s ObjectNotFoundException text', () => {
    expect(refusal(checkPutScalingPolicy(cpu(), context([], false)))).toEqual({
      code: 'ObjectNotFoundException',
      message: 'No scalable target registered for service namespace: ecs, resource ID: service/prod/web, scalable dimension: ecs:service:DesiredCount',
    });
  });

  it('refuses the 51st policy on a target with LimitExceededException, but updates an existing one', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `p${i}`);
    expect(refusal(checkPutScalingPolicy(cpu(), context(fifty))).code).toBe('LimitExceededException');
    expect(value(checkPutScalingPolicy({ ...cpu(), PolicyName: 'p7' }, context(fifty))).isNew).toBe(false);
  });

  it('refuses unknown and predictive policy types, and names longer than 256', () => {
    expect(refusal(checkPutScalingPolicy({ ...cpu(), PolicyType: 'Simple' }, context())).message).toBe(
      "1 validation error detected: Value 'Simple' at 'policyType' failed to satisfy constraint: Member must satisfy enum value set: [StepScaling, TargetTrackingScaling, PredictiveScaling]",
    );
    expect(refusal(checkPutScalingPolicy({ ...cpu(), PolicyType: 'PredictiveScaling' }, context())).message).toMatch(/PredictiveScaling is not simulated/);
    expect(refusal(checkPutScalingPolicy({ ...cpu(), PolicyName: 'x'.repeat(257) }, context())).message).toMatch(/at 'policyName' failed to satisfy constraint: Member must have length less than or equal to 256$/);
  });
});

describe('PutScalingPolicy: step scaling', () => {
  // AWS's worked example (AASUG step scaling): scale-out steps [0,10) 0, [10,20) +10%, [20,∞) +30%.
  const steps = {
    ...key,
    PolicyName: 'step-out',
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: {
      AdjustmentType: 'PercentChangeInCapacity',
      StepAdjustments: [
        { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 0 },
        { MetricIntervalLowerBound: 10, MetricIntervalUpperBound: 20, ScalingAdjustment: 10 },
        { MetricIntervalLowerBound: 20, ScalingAdjustment: 30 },
      ],
      Cooldown: 300,
    },
  };
  it('accepts AWS\'s worked example', () => {
    const v = value(checkPutScalingPolicy(steps, context()));
    expect(v.PolicyType).toBe('StepScaling');
  });
  it('passes on step-scaling.ts\'s refusal (gap between steps)', () => {
    const gap = { ...steps, StepScalingPolicyConfiguration: { ...steps.StepScalingPolicyConfiguration, StepAdjustments: [{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 15, ScalingAdjustment: 2 }] } };
    expect(refusal(checkPutScalingPolicy(gap, context()))).toEqual({
      code: 'ValidationException',
      message: "The ranges of your step adjustments can't overlap or have a gap: one step ends at 10 and the next starts at 15",
    });
  });
  it('a StepScaling policy without its configuration is refused', () => {
    expect(refusal(checkPutScalingPolicy({ ...key, PolicyName: 's', PolicyType: 'StepScaling' }, context())).message).toBe(
      'StepScalingPolicyConfiguration is required for a policy of type StepScaling',
    );
  });
});

describe('DeleteScalingPolicy and DescribeScalingPolicies', () => {
  it('deletes an existing policy and refuses an unknown one', () => {
    expect(value(checkDeleteScalingPolicy({ ...key, PolicyName: 'cpu70' }, context(['cpu70'])))).toMatchObject({ PolicyName: 'cpu70', ResourceId: ID });
    expect(refusal(checkDeleteScalingPolicy({ ...key, PolicyName: 'gone' }, context(['cpu70'])))).toEqual({
      code: 'ObjectNotFoundException',
      message: 'No scaling policy found for service namespace: ecs, resource ID: service/prod/web, scalable dimension: ecs:service:DesiredCount, policy name: gone',
    });
  });
  it('describes with filters, MaxResults 1–10 (default 10), and a dimension only with a resource id', () => {
    expect(value(checkDescribeScalingPolicies({ ServiceNamespace: 'ecs', ResourceId: ID, PolicyNames: ['a'] }))).toEqual({
      ServiceNamespace: 'ecs',
      ResourceId: ID,
      PolicyNames: ['a'],
      maxResults: 10,
      offset: 0,
    });
    expect(refusal(checkDescribeScalingPolicies({ ServiceNamespace: 'ecs', MaxResults: 11 })).message).toMatch(/less than or equal to 10$/);
    expect(refusal(checkDescribeScalingPolicies({ ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' })).message).toBe(
      'If you specify a scalable dimension, you must also specify a resource ID',
    );
  });
});
