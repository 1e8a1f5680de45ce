/**
 * Application Auto Scaling for ECS services (issue 7): scalable targets and scaling activities here;
 * policies in app-autoscaling-policies.ts, scheduled actions in app-autoscaling-scheduled.ts. Every
 * request is checked whole by the appautoscaling/ checkers (AWS's codes and texts) before anything
 * changes; the engine's side is appautoscaling/ (model, apply, dynamic, scheduled-runner, lifecycle).
 *
 * AWS facts used here (API reference RegisterScalableTarget; AASUG; ecs-reference §8):
 * - RegisterScalableTarget answers the target's ScalableTargetARN
 *   (`arn:aws:application-autoscaling:<region>:<account>:scalable-target/<id>`).
 * - Registering (or updating) with a MinCapacity above the current desired count scales out to it, a
 *   MaxCapacity below it scales in to it, at once (the scheduled-scaling rule, which AWS applies to
 *   RegisterScalableTarget too), as an activity.
 * - DeregisterScalableTarget deletes the target's scaling policies and scheduled actions.
 */
import type { EngineContext } from '../context.ts';
import { ok, type CommandResult } from '../errors.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import { ensureMinuteTicks } from '../metrics/minute-tick.ts';
import { findService } from '../services/model.ts';
import { checkDescribeScalingActivities } from '../appautoscaling/activity-requests.ts';
import { activeServiceOf, setServiceDesired } from '../appautoscaling/apply.ts';
import { boundsCause } from '../appautoscaling/activity-text.ts';
import { removeTarget } from '../appautoscaling/lifecycle.ts';
import { aasOf, type ScalableTargetRecord } from '../appautoscaling/model.ts';
import { renderTarget } from '../appautoscaling/render.ts';
import { refusal, registeredTarget } from './app-autoscaling-shared.ts';
import { checkDeregisterScalableTarget, checkDescribeScalableTargets, checkRegisterScalableTarget, checkResourceId, pageOf } from '../appautoscaling/requests.ts';
import '../appautoscaling/dynamic.ts';
export { aasDeleteScalingPolicy, aasDescribeScalingPolicies, aasPutScalingPolicy } from './app-autoscaling-policies.ts';
export { aasDeleteScheduledAction, aasDescribeScheduledActions, aasPutScheduledAction } from './app-autoscaling-scheduled.ts';

function serviceExists(ctx: EngineContext, resourceId: string): boolean {
  const { cluster, service } = checkResourceId(resourceId);
  return findService(ctx.state, cluster, service)?.status === 'ACTIVE';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function aasRegisterScalableTarget(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkRegisterScalableTarget(raw, { serviceExists: (id) => serviceExists(ctx, id), target: (id) => registeredTarget(ctx, id) });
  if (!checked.ok) return refusal(checked);
  const v = checked.value;
  const targets = aasOf(ctx.state).targets;
  let target = targets.get(v.ResourceId);
  if (target === undefined) {
    target = {
      resourceId: v.ResourceId,
      cluster: v.cluster,
      service: v.service,
      arn: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT_ID}:scalable-target/${ctx.prng.hex(36)}`,
      min: v.MinCapacity,
      max: v.MaxCapacity,
      suspended: { ...v.SuspendedState },
      roleArn: v.RoleARN,
      createdMs: ctx.clock.now,
      history: {},
    } satisfies ScalableTargetRecord;
    targets.set(v.ResourceId, target);
  } else {
    target.min = v.MinCapacity;
    target.max = v.MaxCapacity;
    target.suspended = { ...v.SuspendedState };
    target.roleArn = v.RoleARN;
  }
  ensureMinuteTicks(ctx);
  const service = activeServiceOf(ctx, target)!;
  const suspended = Object.entries(target.suspended).filter(([, on]) => on).map(([flag]) => flag);
  const line = `Scalable target ${v.ResourceId} ${v.isNew ? 'registered' : 'updated'}: MinCapacity ${target.min}, MaxCapacity ${target.max}${suspended.length > 0 ? `, suspended: ${suspended.join(', ')}` : ''}`;
  const desired = service.desiredCount;
  if (desired < target.min) setServiceDesired(ctx, target, service, target.min, boundsCause('minimum', target.min), line);
  else if (desired > target.max) setServiceDesired(ctx, target, service, target.max, boundsCause('maximum', target.max), line);
  else ctx.emit('appautoscaling.target', `${line}; desired count ${desired} is within them.`, service.arn);
  return ok({ ScalableTargetARN: target.arn });
}

export function aasDeregisterScalableTarget(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkDeregisterScalableTarget(raw, { target: (id) => registeredTarget(ctx, id) });
  if (!checked.ok) return refusal(checked);
  const target = aasOf(ctx.state).targets.get(checked.value.ResourceId)!;
  const removed = removeTarget(ctx, target);
  const policies = removed.policies === 1 ? '1 scaling policy' : `${removed.policies} scaling policies`;
  ctx.emit('appautoscaling.deregistered', `Scalable target ${target.resourceId} deregistered with its ${policies} (and their target tracking alarms) and ${plural(removed.scheduled, 'scheduled action')}; the service keeps desired count ${findService(ctx.state, target.cluster, target.service)?.desiredCount ?? 0}.`);
  return ok({});
}

export function aasDescribeScalableTargets(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkDescribeScalableTargets(raw);
  if (!checked.ok) return refusal(checked);
  const { ResourceIds } = checked.value;
  const all = [...(ctx.state.appAutoScaling?.targets.values() ?? [])].filter((t) => ResourceIds === undefined || ResourceIds.includes(t.resourceId));
  const page = pageOf(all, checked.value);
  if (!page.ok) return refusal(page);
  return ok({ ScalableTargets: page.value.items.map(renderTarget), ...(page.value.NextToken === undefined ? {} : { NextToken: page.value.NextToken }) });
}

export function aasDescribeScalingActivities(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkDescribeScalingActivities(raw);
  if (!checked.ok) return refusal(checked);
  const { ResourceId } = checked.value;
  const all = (ctx.state.appAutoScaling?.activities ?? []).filter((a) => ResourceId === undefined || a.ResourceId === ResourceId);
  const page = pageOf(all, checked.value);
  if (!page.ok) return refusal(page);
  return ok({ ScalingActivities: page.value.items.map(({ startMs: _startMs, ...activity }) => activity), ...(page.value.NextToken === undefined ? {} : { NextToken: page.value.NextToken }) });
}
