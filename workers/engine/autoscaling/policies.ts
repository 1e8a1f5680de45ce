/**
 * Auto Scaling scaling policies at work: what each does when an alarm naming it in AlarmActions is
 * in ALARM (CloudWatch invokes Auto Scaling actions once a minute while the alarm stays there), or
 * when ExecutePolicy runs it. The arithmetic is scaling-policies.ts; the alarms metrics/alarms.ts.
 *
 * AWS facts (EC2 Auto Scaling User Guide: "Target tracking scaling policies", "Step and simple
 * scaling policies", "Scaling cooldowns", "Set the default instance warmup"; ecs-reference §7):
 * - Target tracking creates and owns two alarms, TargetTracking-<group>-AlarmHigh-<uuid> (metric >
 *   target for 3 of 3 one-minute datapoints) and TargetTracking-<group>-AlarmLow-<uuid> (metric <
 *   LOW_ALARM_FACTOR × target for 15 of 15), described "DO NOT EDIT OR DELETE. For
 *   TargetTrackingScaling policy <arn>." Deleting the policy deletes them.
 * - Simple scaling waits for its cooldown (the policy's Cooldown, else the group's DefaultCooldown,
 *   300 s) after a scaling activity before it acts again. (AWS starts the cooldown when the
 *   activity completes; the sandbox starts it when the policy acts — a simplification.)
 * - Step scaling and target tracking use instance warmup instead (EstimatedInstanceWarmup, else the
 *   group's DefaultInstanceWarmup, else its DefaultCooldown): instances still warming count toward capacity, so repeated breaches in
 *   the same step make one scaling activity, and a larger step adds only the difference.
 */
import type { AutoScalingPolicy } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import type { EngineState } from '../state.ts';
import { deleteAlarm, provideAlarmActionHandler, putAlarm, type AlarmRecord } from '../metrics/alarms.ts';
import { groupCpuMetric } from '../metrics/ec2-metrics.ts';
import type { MetricId } from '../metrics/store.ts';
import { autoScalingOf, type AsgRecord, type ScalingPolicyRecord } from './model.ts';
import { onGroupRemoved, setDesiredCapacity } from './groups.ts';
import { applySimpleAdjustment, applyStepPolicy, inCooldown, targetTrackingDesired, type AdjustmentType, type StepAdjustment } from './scaling-policies.ts';

/**
 * The low alarm's threshold as a fraction of the target. UNCONFIRMED: AWS documents only that
 * scale-in happens below the target ("usually more than 10% lower"); consoles show 0.9 × target
 * for ECS service policies (ecs-reference §7, §8).
 */
export const LOW_ALARM_FACTOR = 0.9;
export const HIGH_DATAPOINTS = 3;
export const LOW_DATAPOINTS = 15;

export const policyArn = (uuid: string, group: string, name: string): string =>
  `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${uuid}:autoScalingGroupName/${group}:policyName/${name}`;

/** The stored policy configuration: DescribePolicies' own fields, as the engine reads them back. */
export type PolicyConfig = Pick<
  AutoScalingPolicy,
  'AdjustmentType' | 'ScalingAdjustment' | 'MinAdjustmentMagnitude' | 'Cooldown' | 'StepAdjustments' | 'MetricAggregationType' | 'EstimatedInstanceWarmup' | 'TargetTrackingConfiguration'
>;

const configOf = (policy: ScalingPolicyRecord): PolicyConfig => policy.config as PolicyConfig;

export function findPolicy(state: EngineState, groupName: string | undefined, nameOrArn: string): ScalingPolicyRecord | undefined {
  for (const policy of state.autoscaling?.policies.values() ?? []) {
    if (policy.arn === nameOrArn) return policy;
    if (policy.name === nameOrArn && (groupName === undefined || policy.groupName === groupName)) return policy;
  }
  return undefined;
}

/** The metric a target tracking policy tracks. */
export function trackedMetric(group: AsgRecord, config: NonNullable<PolicyConfig['TargetTrackingConfiguration']>): { metric: MetricId; statistic: AlarmRecord['statistic'] } {
  const custom = config.CustomizedMetricSpecification;
  if (custom !== undefined) {
    return {
      metric: { namespace: custom.Namespace, metricName: custom.MetricName, dimensions: (custom.Dimensions ?? []).map((d) => ({ Name: d.Name, Value: d.Value })) },
      statistic: custom.Statistic as AlarmRecord['statistic'],
    };
  }
  return { metric: groupCpuMetric(group.name), statistic: 'Average' };
}

/** Store a policy (replacing one of the same name in the group, and its alarms); target tracking gets its two alarms. */
export function savePolicy(ctx: EngineContext, group: AsgRecord, name: string, type: ScalingPolicyRecord['type'], config: PolicyConfig, enabled: boolean): ScalingPolicyRecord {
  const state = autoScalingOf(ctx.state);
  const existing = findPolicy(ctx.state, group.name, name);
  if (existing !== undefined) for (const alarm of existing.alarmNames) deleteAlarm(ctx.state, alarm);
  const arn = existing?.arn ?? policyArn(ctx.prng.uuid(), group.name, name);
  const policy: ScalingPolicyRecord = { arn, name, groupName: group.name, type, config: config as Record<string, unknown>, alarmNames: [], enabled };
  state.policies.set(arn, policy);
  const tracking = config.TargetTrackingConfiguration;
  if (type === 'TargetTrackingScaling' && tracking !== undefined) {
    const { metric, statistic } = trackedMetric(group, tracking);
    const description = `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${arn}.`;
    const common = { metric, statistic, periodSeconds: 60, alarmActions: [arn], actionsEnabled: true, ownerArn: arn, description };
    const high = putAlarm(ctx, {
      ...common,
      name: `TargetTracking-${group.name}-AlarmHigh-${ctx.prng.uuid()}`,
      evaluationPeriods: HIGH_DATAPOINTS,
      datapointsToAlarm: HIGH_DATAPOINTS,
      threshold: tracking.TargetValue,
      comparisonOperator: 'GreaterThanThreshold',
    });
    policy.alarmNames.push(high.name);
    // With scale-in disabled there is nothing for a low alarm to do (UNCONFIRMED that AWS omits it).
    if (tracking.DisableScaleIn !== true) {
      const low = putAlarm(ctx, {
        ...common,
        name: `TargetTracking-${group.name}-AlarmLow-${ctx.prng.uuid()}`,
        evaluationPeriods: LOW_DATAPOINTS,
        datapointsToAlarm: LOW_DATAPOINTS,
        threshold: Math.round(tracking.TargetValue * LOW_ALARM_FACTOR * 1e6) / 1e6,
        comparisonOperator: 'LessThanThreshold',
      });
      policy.alarmNames.push(low.name);
    }
  }
  ctx.emit('autoscaling.policy', `Scaling policy ${name} (${type}) ${existing === undefined ? 'created' : 'updated'} on Auto Scaling group ${group.name}${policy.alarmNames.length > 0 ? `, with alarms ${policy.alarmNames.join(' and ')}` : ''}.`, arn);
  return policy;
}

export function removePolicy(ctx: EngineContext, policy: ScalingPolicyRecord): void {
  for (const alarm of policy.alarmNames) deleteAlarm(ctx.state, alarm);
  ctx.state.autoscaling?.policies.delete(policy.arn);
}

onGroupRemoved((ctx, group) => {
  for (const policy of [...(ctx.state.autoscaling?.policies.values() ?? [])]) if (policy.groupName === group.name) removePolicy(ctx, policy);
});

/** The group's instances that are up but still within `warmupSeconds` of launch (step and target tracking). */
function warmingCount(ctx: EngineContext, group: AsgRecord, warmupSeconds: number): number {
  let n = 0;
  for (const instance of group.instances.values()) {
    if ((instance.lifecycleState === 'Pending' || instance.lifecycleState === 'InService') && ctx.clock.now - instance.launchedMs < warmupSeconds * 1000) n++;
  }
  return n;
}

function runningCount(ctx: EngineContext, group: AsgRecord): number {
  let n = 0;
  for (const instance of group.instances.values()) if (instance.lifecycleState === 'InService') n++;
  return n;
}

export interface Trigger {
  /** What ran the policy, in AWS's words: "a monitor alarm X in state ALARM triggered policy Y", "a user request executed policy Y". */
  cause: string;
  /** The metric's value and the alarm's threshold (step scaling), the alarm's direction (target tracking). */
  metric?: number;
  threshold?: number;
  scaleOut?: boolean;
  honorCooldown: boolean;
}

export type Outcome = { changed: boolean; note: string };

/** Run a policy once. Returns what happened, for ExecutePolicy's refusal or the event log. */
export function executePolicy(ctx: EngineContext, policy: ScalingPolicyRecord, trigger: Trigger): Outcome {
  const group = ctx.state.autoscaling?.groups.get(policy.groupName);
  if (group === undefined || group.deleting === true) return { changed: false, note: 'its group is gone' };
  const config = configOf(policy);
  const bounds = { current: group.desiredCapacity, minSize: group.minSize, maxSize: group.maxSize };
  const cause = trigger.cause;
  const warmup = config.EstimatedInstanceWarmup ?? group.defaultInstanceWarmupSeconds ?? group.defaultCooldownSeconds;
  if (policy.type === 'SimpleScaling') {
    const cooldown = config.Cooldown ?? group.defaultCooldownSeconds;
    if (trigger.honorCooldown && inCooldown(group.lastScalingMs, ctx.clock.now, cooldown)) {
      return { changed: false, note: `the group is in its ${cooldown} s cooldown` };
    }
    const result = applySimpleAdjustment(bounds, { adjustmentType: config.AdjustmentType!, scalingAdjustment: config.ScalingAdjustment!, ...(config.MinAdjustmentMagnitude === undefined ? {} : { minAdjustmentMagnitude: config.MinAdjustmentMagnitude }) });
    if (!result.ok || result.desired === group.desiredCapacity) return { changed: false, note: 'the desired capacity would not change' };
    group.lastScalingMs = ctx.clock.now;
    setDesiredCapacity(ctx, group, result.desired, cause);
    return { changed: true, note: '' };
  }
  if (policy.type === 'StepScaling') {
    if (trigger.metric === undefined || trigger.threshold === undefined) return { changed: false, note: 'no metric value' };
    const warming = warmingCount(ctx, group, warmup);
    const step = { adjustmentType: config.AdjustmentType ?? 'ChangeInCapacity', stepAdjustments: stepsOf(config), ...(config.MinAdjustmentMagnitude === undefined ? {} : { minAdjustmentMagnitude: config.MinAdjustmentMagnitude }) };
    const outward = applyStepPolicy(bounds, step, trigger.metric, trigger.threshold);
    if (!outward.ok || outward.step === undefined) return { changed: false, note: 'no step matches the metric' };
    let desired: number;
    if (outward.step.scalingAdjustment > 0 && step.adjustmentType !== 'ExactCapacity') {
      // Warming instances count toward capacity: the step applies to the capacity that is warm.
      const warm = applyStepPolicy({ ...bounds, current: Math.max(0, group.desiredCapacity - warming) }, step, trigger.metric, trigger.threshold);
      desired = warm.ok ? Math.max(group.desiredCapacity, warm.desired) : group.desiredCapacity;
    } else {
      if (warming > 0 && outward.desired < group.desiredCapacity) return { changed: false, note: `${warming} instance(s) are still warming up` };
      desired = outward.desired;
    }
    if (desired === group.desiredCapacity) return { changed: false, note: 'the desired capacity would not change' };
    setDesiredCapacity(ctx, group, desired, cause);
    return { changed: true, note: '' };
  }
  // Target tracking: proportional to the metric over the running instances.
  const tracking = config.TargetTrackingConfiguration!;
  if (trigger.metric === undefined) return { changed: false, note: 'no metric value' };
  const running = runningCount(ctx, group);
  const computed = targetTrackingDesired({ ...bounds, current: running, metric: trigger.metric, targetValue: tracking.TargetValue, disableScaleIn: tracking.DisableScaleIn === true });
  if (!computed.ok) return { changed: false, note: computed.error.message };
  if (trigger.scaleOut !== false) {
    const desired = Math.max(group.desiredCapacity, computed.desired);
    if (desired === group.desiredCapacity) return { changed: false, note: 'the instances warming up already cover it' };
    group.lastScalingMs = ctx.clock.now;
    setDesiredCapacity(ctx, group, desired, cause);
    return { changed: true, note: '' };
  }
  if (tracking.DisableScaleIn === true) return { changed: false, note: 'scale-in is disabled' };
  if (warmingCount(ctx, group, warmup) > 0) return { changed: false, note: 'instances are still warming up' };
  // Scale in gradually: one proportional step per default cooldown (UNCONFIRMED pacing; AWS says only that scale-in is gradual).
  if (inCooldown(group.lastScalingMs, ctx.clock.now, group.defaultCooldownSeconds)) return { changed: false, note: 'the last scaling is too recent' };
  const desired = Math.min(group.desiredCapacity, computed.desired);
  if (desired === group.desiredCapacity) return { changed: false, note: 'the desired capacity would not change' };
  group.lastScalingMs = ctx.clock.now;
  setDesiredCapacity(ctx, group, desired, cause);
  return { changed: true, note: '' };
}

function stepsOf(config: PolicyConfig): StepAdjustment[] {
  return (config.StepAdjustments ?? []).map((step) => ({
    scalingAdjustment: step.ScalingAdjustment,
    ...(step.MetricIntervalLowerBound === undefined ? {} : { metricIntervalLowerBound: step.MetricIntervalLowerBound }),
    ...(step.MetricIntervalUpperBound === undefined ? {} : { metricIntervalUpperBound: step.MetricIntervalUpperBound }),
  }));
}

const POLICY_ARN = /^arn:aws:autoscaling:[^:]*:\d*:scalingPolicy:[^:]+:autoScalingGroupName\//;

provideAlarmActionHandler('autoscaling', {
  owns: (arn) => POLICY_ARN.test(arn),
  exists: (state, arn) => state.autoscaling?.policies.has(arn) === true,
  invoke(ctx, arn, alarm, latest) {
    const policy = ctx.state.autoscaling?.policies.get(arn);
    if (policy === undefined || !policy.enabled) return;
    const scaleOut = alarm.comparisonOperator.startsWith('Greater');
    executePolicy(ctx, policy, {
      cause: `a monitor alarm ${alarm.name} in state ALARM triggered policy ${policy.name}`,
      ...(latest === undefined ? {} : { metric: latest }),
      threshold: alarm.threshold,
      scaleOut,
      honorCooldown: true,
    });
  },
});
