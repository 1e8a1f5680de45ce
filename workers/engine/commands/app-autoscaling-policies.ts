/**
 * application-autoscaling:PutScalingPolicy / DeleteScalingPolicy / DescribeScalingPolicies for ECS
 * services. The checks are appautoscaling/policy-requests.ts (plus, here, whether an
 * ALBRequestCountPerTarget ResourceLabel names a real Application Load Balancer and a target group
 * behind it); what a policy does is appautoscaling/dynamic.ts.
 *
 * AWS facts (API reference PutScalingPolicy / DeleteScalingPolicy; AASUG target tracking; ecs-reference §8):
 * - PutScalingPolicy answers PolicyARN and, for target tracking, the Alarms it created (AlarmHigh
 *   and AlarmLow, tracking-alarms.ts). Putting a policy of an existing name updates it: same ARN.
 * - Deleting a target tracking policy deletes its alarms; deleting a step scaling policy deletes the
 *   alarm action but not the alarm (lifecycle.ts).
 * - A learner's cloudwatch:DeleteAlarms on a policy's own alarm is not refused (CloudWatch does not
 *   know owners; AWS only asks "DO NOT EDIT OR DELETE"): the policy then has no alarm for that
 *   direction and stops scaling that way until PutScalingPolicy is run again, which recreates the
 *   pair. DescribeScalingPolicies lists only the alarms that still exist. (UNCONFIRMED: what AWS does
 *   with a target tracking policy whose alarm was deleted.)
 */
import type { EngineContext } from '../context.ts';
import { ok, type CommandResult } from '../errors.ts';
import { elbOf, loadBalancersOf } from '../elb/model.ts';
import { alarmArn, deleteAlarm, putAlarm, type AlarmRecord } from '../metrics/alarms.ts';
import { ensureMinuteTicks } from '../metrics/minute-tick.ts';
import { aasOf, policiesOfTarget, type ServiceScalingPolicyRecord } from '../appautoscaling/model.ts';
import { checkDeleteScalingPolicy, checkDescribeScalingPolicies, checkPutScalingPolicy, type PutScalingPolicyValue, type TargetTrackingConfig } from '../appautoscaling/policy-requests.ts';
import { removePolicy } from '../appautoscaling/lifecycle.ts';
import { renderPolicy } from '../appautoscaling/render.ts';
import { pageOf } from '../appautoscaling/requests.ts';
import { ecsScalingPolicyArn, predefinedMetric, targetTrackingAlarms, type TrackedMetric } from '../appautoscaling/tracking-alarms.ts';
import { refusal, registeredTarget } from './app-autoscaling-shared.ts';
import '../appautoscaling/dynamic.ts';

/** ALBRequestCountPerTarget's ResourceLabel `app/<lb>/<lb-id>/targetgroup/<tg>/<tg-id>` must name what exists. UNCONFIRMED wording. */
function resourceLabelProblem(ctx: EngineContext, label: string): string | undefined {
  const [, lbName, lbId, , tgName, tgId] = label.split('/');
  const elb = ctx.state.elb === undefined ? undefined : elbOf(ctx.state);
  const lb = [...(elb?.loadBalancers.values() ?? [])].find((l) => l.name === lbName && l.id === lbId);
  if (lb === undefined || lb.type !== 'application') {
    return `ResourceLabel ${label} names no Application Load Balancer ${lbName} with id ${lbId}: use app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id> from the load balancer's and target group's ARNs (elbv2:DescribeLoadBalancers, DescribeTargetGroups)`;
  }
  const tg = [...elb!.targetGroups.values()].find((g) => g.arn.endsWith(`:targetgroup/${tgName}/${tgId}`));
  if (tg === undefined) return `ResourceLabel ${label} names no target group ${tgName} with id ${tgId} (elbv2:DescribeTargetGroups lists their ARNs)`;
  if (!loadBalancersOf(elb!, tg.arn).includes(lb.arn)) {
    return `ResourceLabel ${label}: target group ${tgName} is not behind load balancer ${lbName} (no listener of ${lbName} forwards to it), so it has no RequestCountPerTarget from it`;
  }
  return undefined;
}

type TrackingAlarmFields = Omit<AlarmRecord, 'arn' | 'state' | 'stateReason' | 'stateUpdatedMs'>;

/** The metric the policy's alarms watch, and the metric math queries when the policy uses Metrics. */
function trackedOf(config: TargetTrackingConfig, cluster: string, service: string): { tracked: TrackedMetric; queries?: NonNullable<TrackingAlarmFields['queries']> } {
  const predefined = config.PredefinedMetricSpecification;
  if (predefined !== undefined) {
    const built = predefinedMetric(predefined.PredefinedMetricType, cluster, service, predefined.ResourceLabel);
    if ('error' in built) throw new Error(built.error); // checked by policy-requests.ts
    return { tracked: built };
  }
  const custom = config.CustomizedMetricSpecification!;
  if ('Metrics' in custom) {
    const returned = custom.Metrics.find((q) => q.ReturnData !== false)!;
    // The alarm's own metric is a name only (metric math alarms have none); metrics/alarms.ts evaluates the queries.
    return { tracked: { metric: { namespace: 'MetricMath', metricName: returned.Label ?? returned.Id, dimensions: [] }, statistic: 'Average', unit: 'None' }, queries: custom.Metrics.map((q) => structuredClone(q)) };
  }
  return { tracked: { metric: { namespace: custom.Namespace, metricName: custom.MetricName, dimensions: custom.Dimensions }, statistic: custom.Statistic, unit: 'None' } };
}

const uuidOf = (alarmName: string | undefined): string | undefined => (alarmName === undefined ? undefined : /-Alarm(?:High|Low)-(.+)$/.exec(alarmName)?.[1]);

/** Create (or recreate) a target tracking policy's two alarms; returns them. */
function putTrackingAlarms(ctx: EngineContext, policy: ServiceScalingPolicyRecord, config: TargetTrackingConfig): ServiceScalingPolicyRecord['ownedAlarms'] {
  const { tracked, queries } = trackedOf(config, policy.cluster, policy.service);
  const highUuid = uuidOf(policy.ownedAlarms.find((a) => a.role === 'high')?.name) ?? ctx.prng.uuid();
  const lowUuid = uuidOf(policy.ownedAlarms.find((a) => a.role === 'low')?.name) ?? ctx.prng.uuid();
  for (const alarm of policy.ownedAlarms) deleteAlarm(ctx.state, alarm.name);
  const alarms = targetTrackingAlarms({ cluster: policy.cluster, service: policy.service, policyArn: policy.arn, targetValue: config.TargetValue, tracked, disableScaleIn: config.DisableScaleIn, highUuid, lowUuid });
  return alarms.map(({ role, ...fields }) => {
    putAlarm(ctx, { ...fields, ...(queries === undefined ? {} : { queries }) });
    return { name: fields.name, role };
  });
}

function describeConfig(v: PutScalingPolicyValue): string {
  if (v.PolicyType === 'StepScaling') {
    const c = v.StepScalingPolicyConfiguration;
    return `step scaling (${c.AdjustmentType}, ${c.StepAdjustments.length} step${c.StepAdjustments.length === 1 ? '' : 's'}, cooldown ${c.Cooldown ?? 300} s); it acts when a CloudWatch alarm naming its ARN in AlarmActions is in ALARM`;
  }
  const c = v.TargetTrackingScalingPolicyConfiguration;
  const metric = c.PredefinedMetricSpecification?.PredefinedMetricType ?? (c.CustomizedMetricSpecification && 'Metrics' in c.CustomizedMetricSpecification ? 'a metric math expression' : c.CustomizedMetricSpecification?.MetricName);
  return `target tracking ${metric} at ${c.TargetValue} (scale-out cooldown ${c.ScaleOutCooldown} s, scale-in cooldown ${c.ScaleInCooldown} s${c.DisableScaleIn ? ', scale-in disabled' : ''})`;
}

export function aasPutScalingPolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkPutScalingPolicy(raw, {
    target: (id) => registeredTarget(ctx, id),
    policyNames: (id) => policiesOfTarget(ctx.state, id).map((p) => p.name),
    resourceLabelProblem: (label) => resourceLabelProblem(ctx, label),
  });
  if (!checked.ok) return refusal(checked);
  const v = checked.value;
  const existing = policiesOfTarget(ctx.state, v.ResourceId).find((p) => p.name === v.PolicyName);
  const policy: ServiceScalingPolicyRecord = {
    arn: existing?.arn ?? ecsScalingPolicyArn(ctx.prng.uuid(), v.cluster, v.service, v.PolicyName),
    name: v.PolicyName,
    resourceId: v.ResourceId,
    cluster: v.cluster,
    service: v.service,
    type: v.PolicyType,
    ownedAlarms: existing?.ownedAlarms ?? [],
    createdMs: existing?.createdMs ?? ctx.clock.now,
  };
  if (v.PolicyType === 'TargetTrackingScaling') {
    policy.targetTracking = v.TargetTrackingScalingPolicyConfiguration;
    policy.ownedAlarms = putTrackingAlarms(ctx, policy, v.TargetTrackingScalingPolicyConfiguration);
  } else {
    policy.step = structuredClone(v.StepScalingPolicyConfiguration);
    for (const alarm of policy.ownedAlarms) deleteAlarm(ctx.state, alarm.name);
    policy.ownedAlarms = [];
  }
  aasOf(ctx.state).policies.set(policy.arn, policy);
  ensureMinuteTicks(ctx);
  const alarms = policy.ownedAlarms.map((a) => ({ AlarmName: a.name, AlarmARN: alarmArn(a.name) }));
  ctx.emit(
    'appautoscaling.policy',
    `Scaling policy ${v.PolicyName} ${existing === undefined ? 'created' : 'updated'} on ${v.ResourceId}: ${describeConfig(v)}${alarms.length > 0 ? `; it created alarm${alarms.length === 1 ? '' : 's'} ${alarms.map((a) => a.AlarmName).join(' and ')}` : ''}.`,
    policy.arn,
  );
  return ok({ PolicyARN: policy.arn, ...(v.PolicyType === 'TargetTrackingScaling' ? { Alarms: alarms } : {}) });
}

export function aasDeleteScalingPolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkDeleteScalingPolicy(raw, { policyNames: (id) => policiesOfTarget(ctx.state, id).map((p) => p.name) });
  if (!checked.ok) return refusal(checked);
  const policy = policiesOfTarget(ctx.state, checked.value.ResourceId).find((p) => p.name === checked.value.PolicyName)!;
  const owned = policy.ownedAlarms.length;
  removePolicy(ctx, policy);
  ctx.emit(
    'appautoscaling.policy',
    `Scaling policy ${policy.name} deleted from ${policy.resourceId}${owned > 0 ? ` with its ${owned} target tracking alarm${owned === 1 ? '' : 's'}` : '; alarms that named it keep existing without that action'}.`,
    policy.arn,
  );
  return ok({});
}

export function aasDescribeScalingPolicies(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkDescribeScalingPolicies(raw);
  if (!checked.ok) return refusal(checked);
  const { ResourceId, PolicyNames } = checked.value;
  const all = [...(ctx.state.appAutoScaling?.policies.values() ?? [])].filter(
    (p) => (ResourceId === undefined || p.resourceId === ResourceId) && (PolicyNames === undefined || PolicyNames.includes(p.name)),
  );
  const page = pageOf(all, checked.value);
  if (!page.ok) return refusal(page);
  return ok({ ScalingPolicies: page.value.items.map((p) => renderPolicy(ctx.state, p)), ...(page.value.NextToken === undefined ? {} : { NextToken: page.value.NextToken }) });
}
