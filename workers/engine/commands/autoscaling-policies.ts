/**
 * autoscaling:PutScalingPolicy, DescribePolicies, DeletePolicy, ExecutePolicy (issue 6). Policies
 * run from alarms (autoscaling/policies.ts); the arithmetic is autoscaling/scaling-policies.ts.
 * Defaults from the API reference: PolicyType SimpleScaling; MetricAggregationType Average;
 * Enabled true; Cooldown the group's DefaultCooldown when not given.
 */
import type { EngineContext } from '../context.ts';
import { fail, ok, type CommandResult } from '../errors.ts';
import { checkParams } from './params.ts';
import { findAutoScalingGroup } from '../autoscaling/groups.ts';
import { ASG_MESSAGES } from '../autoscaling/messages.ts';
import { executePolicy as runPolicy, findPolicy, removePolicy, savePolicy, type PolicyConfig } from '../autoscaling/policies.ts';
import { renderPolicy } from '../autoscaling/render.ts';
import { stepsProblem, type AdjustmentType } from '../autoscaling/scaling-policies.ts';
import type { ScalingPolicyRecord } from '../autoscaling/model.ts';
import { alarmArn } from '../metrics/alarms.ts';
import { paginate } from './paginate.ts';

const validation = (message: string): CommandResult => fail('ValidationError', message);

const POLICY_TYPES = ['SimpleScaling', 'StepScaling', 'TargetTrackingScaling'] as const;
const ADJUSTMENT_TYPES: readonly AdjustmentType[] = ['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity'];
const PREDEFINED_METRICS = ['ASGAverageCPUUtilization', 'ASGAverageNetworkIn', 'ASGAverageNetworkOut', 'ALBRequestCountPerTarget'];
const STATISTICS = ['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum'];

interface PutInput {
  AutoScalingGroupName: string;
  PolicyName: string;
  PolicyType?: string;
  AdjustmentType?: string;
  MinAdjustmentStep?: number;
  MinAdjustmentMagnitude?: number;
  ScalingAdjustment?: number;
  Cooldown?: number;
  MetricAggregationType?: string;
  StepAdjustments?: unknown[];
  EstimatedInstanceWarmup?: number;
  TargetTrackingConfiguration?: Record<string, unknown>;
  Enabled?: boolean;
}

type Built = { ok: true; config: PolicyConfig } | { ok: false; result: CommandResult };

export function putScalingPolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<PutInput>(raw, {
    params: {
      AutoScalingGroupName: 'string', PolicyName: 'string', PolicyType: 'string', AdjustmentType: 'string', MinAdjustmentStep: 'integer', MinAdjustmentMagnitude: 'integer',
      ScalingAdjustment: 'integer', Cooldown: 'integer', MetricAggregationType: 'string', StepAdjustments: 'list', EstimatedInstanceWarmup: 'integer',
      TargetTrackingConfiguration: 'structure', Enabled: 'boolean', PredictiveScalingConfiguration: 'structure',
    },
    required: ['AutoScalingGroupName', 'PolicyName'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const group = findAutoScalingGroup(ctx.state, input.AutoScalingGroupName);
  if (group === undefined) return validation(ASG_MESSAGES.groupNotFound(input.AutoScalingGroupName));
  if (input.PolicyName.length < 1 || input.PolicyName.length > 255) {
    return validation(`1 validation error detected: Value '${input.PolicyName}' at 'policyName' failed to satisfy constraint: Member must have length between 1 and 255`);
  }
  const type = (input.PolicyType ?? 'SimpleScaling') as (typeof POLICY_TYPES)[number];
  if (!POLICY_TYPES.includes(type)) {
    return validation(`Invalid PolicyType ${input.PolicyType}: the sandbox simulates ${POLICY_TYPES.join(', ')} (PredictiveScaling is not simulated).`);
  }
  const built = type === 'SimpleScaling' ? simpleConfig(input) : type === 'StepScaling' ? stepConfig(input) : trackingConfig(input);
  if (!built.ok) return built.result;
  const policy = savePolicy(ctx, group, input.PolicyName, type, built.config, input.Enabled ?? true);
  return ok({ PolicyARN: policy.arn, Alarms: policy.alarmNames.map((name) => ({ AlarmName: name, AlarmARN: alarmArn(name) })) });
}

function notAllowed(input: PutInput, type: string, fields: (keyof PutInput)[]): CommandResult | undefined {
  for (const field of fields) if (input[field] !== undefined) return validation(ASG_MESSAGES.policyFieldNotAllowed(field, type));
  return undefined;
}

function adjustmentType(input: PutInput, type: string): { ok: true; value: AdjustmentType } | { ok: false; result: CommandResult } {
  if (input.AdjustmentType === undefined) return { ok: false, result: validation(ASG_MESSAGES.policyFieldRequired('AdjustmentType', type)) };
  if (!ADJUSTMENT_TYPES.includes(input.AdjustmentType as AdjustmentType)) {
    return { ok: false, result: validation(`Invalid AdjustmentType ${input.AdjustmentType}; valid: ${ADJUSTMENT_TYPES.join(', ')}`) };
  }
  if (input.MinAdjustmentMagnitude !== undefined && input.AdjustmentType !== 'PercentChangeInCapacity') {
    return { ok: false, result: validation('MinAdjustmentMagnitude is only valid with AdjustmentType PercentChangeInCapacity') };
  }
  return { ok: true, value: input.AdjustmentType as AdjustmentType };
}

function simpleConfig(input: PutInput): Built {
  const refused = notAllowed(input, 'SimpleScaling', ['StepAdjustments', 'MetricAggregationType', 'EstimatedInstanceWarmup', 'TargetTrackingConfiguration']);
  if (refused !== undefined) return { ok: false, result: refused };
  const adjustment = adjustmentType(input, 'SimpleScaling');
  if (!adjustment.ok) return adjustment;
  if (input.ScalingAdjustment === undefined) return { ok: false, result: validation(ASG_MESSAGES.policyFieldRequired('ScalingAdjustment', 'SimpleScaling')) };
  if (adjustment.value === 'ExactCapacity' && input.ScalingAdjustment < 0) return { ok: false, result: validation('For exact capacity, ScalingAdjustment must be non-negative.') };
  if (input.Cooldown !== undefined && input.Cooldown < 0) return { ok: false, result: validation('Cooldown must be a whole number of seconds ≥ 0.') };
  return {
    ok: true,
    config: {
      AdjustmentType: adjustment.value,
      ScalingAdjustment: input.ScalingAdjustment,
      ...(input.MinAdjustmentMagnitude === undefined ? {} : { MinAdjustmentMagnitude: input.MinAdjustmentMagnitude }),
      ...(input.Cooldown === undefined ? {} : { Cooldown: input.Cooldown }),
    },
  };
}

function stepConfig(input: PutInput): Built {
  const refused = notAllowed(input, 'StepScaling', ['ScalingAdjustment', 'Cooldown', 'TargetTrackingConfiguration']);
  if (refused !== undefined) return { ok: false, result: refused };
  const adjustment = adjustmentType(input, 'StepScaling');
  if (!adjustment.ok) return adjustment;
  if (input.StepAdjustments === undefined || input.StepAdjustments.length === 0) {
    return { ok: false, result: validation(ASG_MESSAGES.policyFieldRequired('StepAdjustments', 'StepScaling')) };
  }
  const steps: NonNullable<PolicyConfig['StepAdjustments']> = [];
  for (const raw of input.StepAdjustments) {
    const step = raw as Record<string, unknown> | null;
    const lower = step?.['MetricIntervalLowerBound'];
    const upper = step?.['MetricIntervalUpperBound'];
    const adjustmentValue = step?.['ScalingAdjustment'];
    if (step === null || typeof step !== 'object' || !Number.isInteger(adjustmentValue) || (lower !== undefined && typeof lower !== 'number') || (upper !== undefined && typeof upper !== 'number')) {
      return { ok: false, result: validation('Each step adjustment needs a whole-number ScalingAdjustment and numeric MetricIntervalLowerBound / MetricIntervalUpperBound.') };
    }
    steps.push({ ScalingAdjustment: adjustmentValue as number, ...(lower === undefined ? {} : { MetricIntervalLowerBound: lower }), ...(upper === undefined ? {} : { MetricIntervalUpperBound: upper }) });
  }
  const problem = stepsProblem({
    adjustmentType: adjustment.value,
    stepAdjustments: steps.map((s) => ({ scalingAdjustment: s.ScalingAdjustment, ...(s.MetricIntervalLowerBound === undefined ? {} : { metricIntervalLowerBound: s.MetricIntervalLowerBound }), ...(s.MetricIntervalUpperBound === undefined ? {} : { metricIntervalUpperBound: s.MetricIntervalUpperBound }) })),
    ...(input.MinAdjustmentMagnitude === undefined ? {} : { minAdjustmentMagnitude: input.MinAdjustmentMagnitude }),
  });
  if (problem !== undefined) return { ok: false, result: validation(problem) };
  const aggregation = input.MetricAggregationType ?? 'Average';
  if (!['Average', 'Minimum', 'Maximum'].includes(aggregation)) return { ok: false, result: validation(`Invalid MetricAggregationType ${aggregation}; valid: Average, Minimum, Maximum`) };
  return {
    ok: true,
    config: {
      AdjustmentType: adjustment.value,
      StepAdjustments: steps,
      MetricAggregationType: aggregation as 'Average' | 'Minimum' | 'Maximum',
      ...(input.MinAdjustmentMagnitude === undefined ? {} : { MinAdjustmentMagnitude: input.MinAdjustmentMagnitude }),
      ...(input.EstimatedInstanceWarmup === undefined ? {} : { EstimatedInstanceWarmup: input.EstimatedInstanceWarmup }),
    },
  };
}

function trackingConfig(input: PutInput): Built {
  const refused = notAllowed(input, 'TargetTrackingScaling', ['AdjustmentType', 'ScalingAdjustment', 'Cooldown', 'StepAdjustments', 'MetricAggregationType', 'MinAdjustmentMagnitude']);
  if (refused !== undefined) return { ok: false, result: refused };
  const config = input.TargetTrackingConfiguration;
  if (config === undefined) return { ok: false, result: validation(ASG_MESSAGES.policyFieldRequired('TargetTrackingConfiguration', 'TargetTrackingScaling')) };
  const target = config['TargetValue'];
  if (typeof target !== 'number' || !Number.isFinite(target) || target <= 0) {
    return { ok: false, result: validation(`TargetValue must be a number greater than 0, got ${JSON.stringify(target)}`) };
  }
  const predefined = config['PredefinedMetricSpecification'] as Record<string, unknown> | undefined;
  const custom = config['CustomizedMetricSpecification'] as Record<string, unknown> | undefined;
  if ((predefined === undefined) === (custom === undefined)) {
    // Wording UNCONFIRMED.
    return { ok: false, result: validation('Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified.') };
  }
  const disableScaleIn = config['DisableScaleIn'];
  if (disableScaleIn !== undefined && typeof disableScaleIn !== 'boolean') return { ok: false, result: validation('DisableScaleIn must be true or false.') };
  const out: NonNullable<PolicyConfig['TargetTrackingConfiguration']> = { TargetValue: target, ...(disableScaleIn === undefined ? {} : { DisableScaleIn: disableScaleIn }) };
  if (predefined !== undefined) {
    const metricType = predefined['PredefinedMetricType'];
    if (typeof metricType !== 'string' || !PREDEFINED_METRICS.includes(metricType)) {
      return { ok: false, result: validation(`1 validation error detected: Value '${String(metricType)}' at 'targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType' failed to satisfy constraint: Member must satisfy enum value set: [${PREDEFINED_METRICS.join(', ')}]`) };
    }
    if (metricType !== 'ASGAverageCPUUtilization') return { ok: false, result: validation(ASG_MESSAGES.unsupportedMetric(metricType)) };
    out.PredefinedMetricSpecification = { PredefinedMetricType: metricType };
  } else {
    const { MetricName: metricName, Namespace: namespace, Dimensions: dimensions, Statistic: statistic } = custom!;
    if (typeof metricName !== 'string' || typeof namespace !== 'string' || typeof statistic !== 'string' || !STATISTICS.includes(statistic)) {
      return { ok: false, result: validation(`CustomizedMetricSpecification needs MetricName, Namespace and Statistic (one of ${STATISTICS.join(', ')}).`) };
    }
    const dims = (Array.isArray(dimensions) ? dimensions : []).map((d) => ({ Name: String((d as Record<string, unknown>)['Name']), Value: String((d as Record<string, unknown>)['Value']) }));
    out.CustomizedMetricSpecification = { MetricName: metricName, Namespace: namespace, Dimensions: dims, Statistic: statistic };
  }
  return { ok: true, config: { TargetTrackingConfiguration: out, ...(input.EstimatedInstanceWarmup === undefined ? {} : { EstimatedInstanceWarmup: input.EstimatedInstanceWarmup }) } };
}

export function describePolicies(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ AutoScalingGroupName?: string; PolicyNames?: string[]; PolicyTypes?: string[]; MaxRecords?: number; NextToken?: string }>(raw, {
    params: { AutoScalingGroupName: 'string', PolicyNames: 'list', PolicyTypes: 'list', MaxRecords: 'integer', NextToken: 'string' },
  });
  if (!checked.ok) return checked.result;
  const { AutoScalingGroupName: groupName, PolicyNames: names, PolicyTypes: types } = checked.input;
  if (groupName !== undefined && findAutoScalingGroup(ctx.state, groupName) === undefined) return validation(ASG_MESSAGES.groupNotFound(groupName));
  const policies = [...(ctx.state.autoscaling?.policies.values() ?? [])].filter(
    (p) => (groupName === undefined || p.groupName === groupName) && (names === undefined || names.includes(p.name) || names.includes(p.arn)) && (types === undefined || types.includes(p.type)),
  );
  const page = paginate(policies, checked.input.MaxRecords, checked.input.NextToken);
  if (!page.ok) return page.result;
  return ok({ ScalingPolicies: page.items.map(renderPolicy), ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }) });
}

function locatePolicy(ctx: EngineContext, groupName: string | undefined, name: string): { ok: true; policy: ScalingPolicyRecord } | { ok: false; result: CommandResult } {
  if (groupName !== undefined && findAutoScalingGroup(ctx.state, groupName) === undefined) return { ok: false, result: validation(ASG_MESSAGES.groupNotFound(groupName)) };
  const policy = findPolicy(ctx.state, groupName, name);
  if (policy === undefined) return { ok: false, result: validation(ASG_MESSAGES.policyNotFound(name, groupName)) };
  return { ok: true, policy };
}

export function deletePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ AutoScalingGroupName?: string; PolicyName: string }>(raw, { params: { AutoScalingGroupName: 'string', PolicyName: 'string' }, required: ['PolicyName'] });
  if (!checked.ok) return checked.result;
  const found = locatePolicy(ctx, checked.input.AutoScalingGroupName, checked.input.PolicyName);
  if (!found.ok) return found.result;
  removePolicy(ctx, found.policy);
  ctx.emit('autoscaling.policy', `Scaling policy ${found.policy.name} of Auto Scaling group ${found.policy.groupName} was deleted${found.policy.alarmNames.length > 0 ? `, with its alarms ${found.policy.alarmNames.join(' and ')}` : ''}.`, found.policy.arn);
  return ok({});
}

export function executePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ AutoScalingGroupName?: string; PolicyName: string; HonorCooldown?: boolean; MetricValue?: number; BreachThreshold?: number }>(strip(raw), {
    params: { AutoScalingGroupName: 'string', PolicyName: 'string', HonorCooldown: 'boolean' },
    required: ['PolicyName'],
  });
  if (!checked.ok) return checked.result;
  const numbers = raw as Record<string, unknown>;
  for (const key of ['MetricValue', 'BreachThreshold']) {
    if (numbers[key] !== undefined && typeof numbers[key] !== 'number') return validation(`${key} must be a number.`);
  }
  const metric = numbers['MetricValue'] as number | undefined;
  const threshold = numbers['BreachThreshold'] as number | undefined;
  const found = locatePolicy(ctx, checked.input.AutoScalingGroupName, checked.input.PolicyName);
  if (!found.ok) return found.result;
  const policy = found.policy;
  if (policy.type === 'TargetTrackingScaling') return validation(ASG_MESSAGES.executeTargetTracking());
  if (policy.type === 'StepScaling' && (metric === undefined || threshold === undefined)) return validation(ASG_MESSAGES.stepNeedsMetric());
  const group = findAutoScalingGroup(ctx.state, policy.groupName)!;
  const honor = checked.input.HonorCooldown === true;
  if (policy.type === 'SimpleScaling' && honor) {
    const cooldown = (policy.config as PolicyConfig).Cooldown ?? group.defaultCooldownSeconds;
    const last = group.lastScalingMs;
    if (last !== undefined && ctx.clock.now < last + cooldown * 1000) {
      return fail('ScalingActivityInProgress', ASG_MESSAGES.inCooldown(group.name, Math.ceil((last + cooldown * 1000 - ctx.clock.now) / 1000)));
    }
  }
  runPolicy(ctx, policy, { cause: `a user request executed policy ${policy.name}`, ...(metric === undefined ? {} : { metric }), ...(threshold === undefined ? {} : { threshold }), honorCooldown: honor });
  return ok({});
}

/** MetricValue and BreachThreshold are doubles, which the request checker has no type for: checked by hand. */
function strip(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const { MetricValue: _m, BreachThreshold: _b, ...rest } = raw as Record<string, unknown>;
  return rest;
}
