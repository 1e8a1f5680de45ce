/**
 * Dynamic scaling at work: what an Application Auto Scaling policy does when an alarm naming it in
 * AlarmActions is in ALARM. CloudWatch invokes scaling actions once a minute while the alarm stays
 * in ALARM (metrics/alarms.ts, the minute tick's 'act' phase), so this runs there.
 *
 * - Target tracking (target-tracking.ts): on the first invocation of a minute for a scalable target,
 *   every target tracking policy of the target is asked: a policy whose AlarmHigh is in ALARM asks
 *   for ceil(capacity × metric / target); one whose AlarmLow is in ALARM asks for less; one with an
 *   alarm in INSUFFICIENT_DATA holds scale-in; the rest hold. Out if ANY asks for more, in only if
 *   ALL with scale-in enabled ask for less; the largest capacity wins (combineTargetTracking).
 *   During a scale-out cooldown the proposal is computed from the capacity before that scale-out,
 *   so the capacity already added counts ("the capacity added by the initiating scale-out activity
 *   is calculated as part of the desired capacity for the next scale-out activity", AASUG).
 * - Step scaling (step-scaling.ts): the alarm's newest datapoint against its threshold picks the
 *   step; cooldown rules as there.
 * - Several policies acting at one instant (a step policy and target tracking, two step
 *   policies): each proposes a capacity from the same current one and the LARGEST wins, for scale-out
 *   and scale-in alike ("Application Auto Scaling gives precedence to the policy that provides the
 *   largest capacity", PutScalingPolicy API reference); it is applied once, in the minute tick's
 *   'settle' phase, after every alarm action of the minute has run.
 * - Both: clamped to [MinCapacity, MaxCapacity]; DynamicScalingOut/InSuspended and the ECS rule
 *   "Application Auto Scaling turns off scale-in processes while Amazon ECS deployments are in
 *   progress" (suspension.ts); one history per scalable target (UNCONFIRMED: AWS may keep cooldowns
 *   per policy).
 * EC2 Auto Scaling policy ARNs also start `arn:aws:autoscaling:…:scalingPolicy:`; Application Auto
 * Scaling's carry `:resource/ecs/` (tracking-alarms.ts ecsScalingPolicyArn), EC2's
 * `:autoScalingGroupName/`, so each handler owns only its own.
 */
import type { EngineContext } from '../context.ts';
import { alarmsOf, latestDatapoint, provideAlarmActionHandler, type AlarmRecord } from '../metrics/alarms.ts';
import type { ServiceRecord } from '../services/model.ts';
import { activeServiceOf, deploymentInProgress, setServiceDesired } from './apply.ts';
import { alarmCause } from './activity-text.ts';
import { inScaleOutCooldown, inScaleInCooldown, recordScaling } from './cooldowns.ts';
import { aasOf, type PendingScaling, type ScalableTargetRecord, type ServiceScalingPolicyRecord } from './model.ts';
import { provideMinuteJob } from '../metrics/minute-tick.ts';
import { stepCooldownSeconds, stepScalingDesired, type StepAdjustment, type StepScalingPolicyConfiguration } from './step-scaling.ts';
import { dynamicScalingAllowed } from './suspension.ts';
import { combineTargetTracking, targetTrackingDesired, type PolicyProposal } from './target-tracking.ts';

export const AAS_POLICY_ARN = /^arn:aws:autoscaling:[^:]*:\d*:scalingPolicy:[^:]+:resource\/ecs\//;

/** 92.3456 → "92.3"; 70 → "70". */
export const shortNumber = (value: number): string => String(Math.round(value * 10) / 10);

const minutes = (alarm: AlarmRecord): string => {
  const period = alarm.periodSeconds / 60;
  return `${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} ${period === 1 ? 'minutes' : `periods of ${period} minutes`}`;
};

/** What the alarm watches, for a sentence: the metric name, or a metric math alarm's returned query. */
function watched(alarm: AlarmRecord): string {
  const queries = alarm.queries;
  if (queries !== undefined && queries.length > 0) {
    const returned = queries.find((q) => q.ReturnData !== false) ?? queries[0]!;
    return returned.Label ?? returned.Id;
  }
  return alarm.metric.metricName;
}

/** Scale-out / scale-in allowed now? Writes the reason to the event log once per change of reason. */
function allowed(ctx: EngineContext, target: ScalableTargetRecord, service: ServiceRecord, direction: 'out' | 'in', policyName: string): boolean {
  const verdict = dynamicScalingAllowed({
    direction,
    deploymentInProgress: deploymentInProgress(service),
    dynamicScalingInSuspended: target.suspended.DynamicScalingInSuspended,
    dynamicScalingOutSuspended: target.suspended.DynamicScalingOutSuspended,
  });
  if (verdict.allowed) {
    delete target.heldNote;
    return true;
  }
  const note = `Policy ${policyName} on service ${service.name} would scale ${direction} but ${verdict.note}; desired count stays ${service.desiredCount}.`;
  if (target.heldNote !== note) ctx.emit('appautoscaling.held', note, service.arn);
  target.heldNote = note;
  return false;
}

interface TrackingVote {
  policy: ServiceScalingPolicyRecord;
  proposal: PolicyProposal;
  alarm?: AlarmRecord;
  metric?: number;
}

function alarmOf(ctx: EngineContext, policy: ServiceScalingPolicyRecord, role: 'high' | 'low'): AlarmRecord | undefined {
  const name = policy.ownedAlarms.find((a) => a.role === role)?.name;
  return name === undefined ? undefined : ctx.state.metrics?.alarms?.get(name);
}

/**
 * The alarm's newest datapoint (what evaluateAlarm calls `latest`) without building its reason text
 * or reading back further than that datapoint: the tick asks this every minute an alarm stays in ALARM.
 */
function latestOf(ctx: EngineContext, alarm: AlarmRecord): number | undefined {
  return latestDatapoint(ctx.state, alarm, ctx.clock.now);
}

const inAlarm = (alarm: AlarmRecord | undefined): boolean => alarm !== undefined && alarm.actionsEnabled && alarm.state === 'ALARM';

function vote(ctx: EngineContext, target: ScalableTargetRecord, policy: ServiceScalingPolicyRecord, current: number, outBase: number): TrackingVote {
  const config = policy.targetTracking!;
  const scaleInEnabled = !config.DisableScaleIn;
  const ask = (alarm: AlarmRecord, base: number): { desired: number | undefined; metric: number | undefined } => {
    const metric = latestOf(ctx, alarm);
    const result = targetTrackingDesired({ min: target.min, max: target.max, current: base, metric, target: config.TargetValue, disableScaleIn: config.DisableScaleIn });
    return { desired: result.reason === 'insufficient-data' ? undefined : result.desired, metric };
  };
  const high = alarmOf(ctx, policy, 'high');
  const low = alarmOf(ctx, policy, 'low');
  // (Votes are built without object spreads: this runs for every alarm in ALARM every minute.)
  if (high !== undefined && inAlarm(high)) {
    const { desired, metric } = ask(high, outBase);
    // A high alarm never votes for scale-in (its proposal from the pre-cooldown capacity may be below the current one).
    return { policy, alarm: high, metric, proposal: { policyName: policy.name, desired: desired === undefined ? undefined : Math.max(desired, current), scaleInEnabled } };
  }
  if (low !== undefined && inAlarm(low)) {
    const { desired, metric } = ask(low, current);
    return { policy, alarm: low, metric, proposal: { policyName: policy.name, desired: desired === undefined ? undefined : Math.min(desired, current), scaleInEnabled } };
  }
  // No scaling on missing data: an alarm in INSUFFICIENT_DATA holds scale-in (AASUG).
  const unknown = high === undefined || high.state === 'INSUFFICIENT_DATA' || low?.state === 'INSUFFICIENT_DATA';
  return { policy, proposal: { policyName: policy.name, desired: unknown ? undefined : current, scaleInEnabled } };
}

/** Every target tracking policy of the target, once per minute. */
export function runTargetTracking(ctx: EngineContext, target: ScalableTargetRecord): void {
  const now = ctx.clock.now;
  if (target.trackedAtMs === now) return;
  target.trackedAtMs = now;
  const service = activeServiceOf(ctx, target);
  if (service === undefined) return;
  const current = service.desiredCount;
  const history = target.history;
  const outBase = inScaleOutCooldown(history, now) ? history.lastScaleOut!.capacityBefore : current;
  // The target's tracking policies in the state's order (model.ts policiesOfTarget, without its copies: this runs every minute).
  const votes: TrackingVote[] = [];
  for (const p of ctx.state.appAutoScaling?.policies.values() ?? []) {
    if (p.resourceId === target.resourceId && p.type === 'TargetTrackingScaling') votes.push(vote(ctx, target, p, current, outBase));
  }
  const combined = combineTargetTracking(current, votes.map((v) => v.proposal));
  if (combined.direction === 'none' || combined.policyName === undefined) return;
  const winner = votes.find((v) => v.policy.name === combined.policyName)!;
  const direction = combined.direction;
  if (!allowed(ctx, target, service, direction, winner.policy.name)) return;
  if (direction === 'in' && inScaleInCooldown(history, now)) return;
  const alarm = winner.alarm!;
  const config = winner.policy.targetTracking!;
  const sign = direction === 'out' ? '>' : '<';
  const line = `Target tracking policy ${winner.policy.name} on service ${service.name}: ${watched(alarm)} ${winner.metric === undefined ? '?' : shortNumber(winner.metric)} ${sign} ${shortNumber(alarm.threshold)} for ${minutes(alarm)}`;
  propose(target, { atMs: now, from: current, to: combined.desired, cause: alarmCause(alarm.name, winner.policy.name), line, cooldownSeconds: direction === 'out' ? config.ScaleOutCooldown : config.ScaleInCooldown });
}

/** Keep the largest capacity the target's policies asked for at this instant. */
function propose(target: ScalableTargetRecord, proposal: PendingScaling): void {
  const pending = target.pending;
  if (pending !== undefined && pending.atMs === proposal.atMs && pending.to >= proposal.to) return;
  target.pending = proposal;
}

/** Apply each target's winning proposal of this minute (the 'settle' phase, after every alarm action ran). */
function settle(ctx: EngineContext): void {
  const now = ctx.clock.now;
  for (const target of aasOf(ctx.state).targets.values()) {
    const pending = target.pending;
    if (pending === undefined) continue;
    delete target.pending;
    if (pending.atMs !== now) continue;
    const service = activeServiceOf(ctx, target);
    if (service === undefined || service.desiredCount !== pending.from) continue;
    if (setServiceDesired(ctx, target, service, pending.to, pending.cause, pending.line)) {
      target.history = recordScaling(target.history, pending.from, pending.to, now, pending.cooldownSeconds);
    }
  }
}

provideMinuteJob('application-autoscaling-settle', {
  phase: 'settle',
  active: (ctx) => {
    for (const target of ctx.state.appAutoScaling?.targets.values() ?? []) if (target.pending !== undefined) return true;
    return false;
  },
  run: settle,
});

function stepWords(step: StepAdjustment | undefined, config: StepScalingPolicyConfiguration): string {
  if (step === undefined) return '';
  const lower = step.MetricIntervalLowerBound ?? undefined;
  const upper = step.MetricIntervalUpperBound ?? undefined;
  const range = lower !== undefined && lower >= 0 ? `[${lower}, ${upper ?? '∞'})` : `(${lower ?? '-∞'}, ${upper ?? '∞'}]`;
  const n = step.ScalingAdjustment;
  const signed = `${n >= 0 ? '+' : ''}${n}`;
  const adjustment = config.AdjustmentType === 'PercentChangeInCapacity' ? `${signed}%` : config.AdjustmentType === 'ExactCapacity' ? `exactly ${n}` : signed;
  return `, step ${range} → ${adjustment}`;
}

/** A step scaling policy invoked by `alarm`, whose newest datapoint is `latest`. */
export function runStepScaling(ctx: EngineContext, policy: ServiceScalingPolicyRecord, alarm: AlarmRecord, latest: number | undefined): void {
  const target = aasOf(ctx.state).targets.get(policy.resourceId);
  if (target === undefined || latest === undefined || policy.step === undefined) return;
  const service = activeServiceOf(ctx, target);
  if (service === undefined) return;
  const now = ctx.clock.now;
  const current = service.desiredCount;
  const result = stepScalingDesired({ min: target.min, max: target.max, capacity: current, config: policy.step, metric: latest, threshold: alarm.threshold, nowMs: now, history: target.history });
  if (result.direction === 'none') return;
  if (!allowed(ctx, target, service, result.direction, policy.name)) return;
  const line = `Step scaling policy ${policy.name} on service ${service.name}: alarm ${alarm.name} ${watched(alarm)} ${shortNumber(latest)} against threshold ${shortNumber(alarm.threshold)}${stepWords(result.step, policy.step)}`;
  propose(target, { atMs: now, from: current, to: result.desired, cause: alarmCause(alarm.name, policy.name), line, cooldownSeconds: stepCooldownSeconds(policy.step) });
}

provideAlarmActionHandler('application-autoscaling', {
  owns: (arn) => AAS_POLICY_ARN.test(arn),
  exists: (state, arn) => state.appAutoScaling?.policies.has(arn) === true,
  invoke(ctx, arn, alarm, latest) {
    const policy = ctx.state.appAutoScaling?.policies.get(arn);
    if (policy === undefined) return;
    if (policy.type === 'StepScaling') runStepScaling(ctx, policy, alarm, latest);
    else {
      const target = aasOf(ctx.state).targets.get(policy.resourceId);
      if (target !== undefined) runTargetTracking(ctx, target);
    }
  },
});

/** The alarms whose actions name the policy (DescribeScalingPolicies' Alarms for a step policy). */
export function alarmsNaming(ctx: Pick<EngineContext, 'state'>, arn: string): AlarmRecord[] {
  if (ctx.state.metrics?.alarms === undefined) return [];
  return [...alarmsOf(ctx.state).values()].filter((a) => a.alarmActions.includes(arn));
}
