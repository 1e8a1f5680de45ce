/**
 * Removing Application Auto Scaling things, each as AWS describes it:
 * - DeleteScalingPolicy: a target tracking policy's own alarms are deleted with it (AASUG "Delete a
 *   target tracking scaling policy"); for a step scaling policy "Deleting a step scaling policy
 *   deletes the underlying alarm action, but does not delete the CloudWatch alarm associated with the
 *   scaling policy, even if it no longer has an associated action" (API reference DeleteScalingPolicy):
 *   the policy's ARN leaves the learner's alarms' AlarmActions.
 * - DeregisterScalableTarget: "Deregistering a scalable target deletes the scaling policies and the
 *   scheduled actions that are associated with it" (API reference).
 * - A deleted ECS service (DRAINING or INACTIVE): Sandbox choice, UNCONFIRMED — AWS documents no
 *   automatic clean-up, but a target whose service is gone can never scale again; the sandbox
 *   deregisters it (with its policies, their alarms and its scheduled actions) at the next minute,
 *   and says so in the event log. Until then nothing acts on it (apply.ts activeServiceOf).
 */
import type { EngineContext } from '../context.ts';
import { alarmsOf, deleteAlarm } from '../metrics/alarms.ts';
import { provideMinuteJob } from '../metrics/minute-tick.ts';
import { findService } from '../services/model.ts';
import { aasOf, policiesOfTarget, scheduledKey, scheduledOfTarget, type ScalableTargetRecord, type ServiceScalingPolicyRecord, type ScheduledActionRecord } from './model.ts';

/** Delete the policy, its own alarms (target tracking) and its ARN from every alarm's actions (step). */
export function removePolicy(ctx: EngineContext, policy: ServiceScalingPolicyRecord): void {
  for (const alarm of policy.ownedAlarms) deleteAlarm(ctx.state, alarm.name);
  if (ctx.state.metrics?.alarms !== undefined) {
    for (const alarm of alarmsOf(ctx.state).values()) {
      if (alarm.alarmActions.includes(policy.arn)) alarm.alarmActions = alarm.alarmActions.filter((arn) => arn !== policy.arn);
    }
  }
  aasOf(ctx.state).policies.delete(policy.arn);
}

export function removeScheduledAction(ctx: EngineContext, action: ScheduledActionRecord): void {
  if (action.timer !== undefined) ctx.clock.cancel(action.timer);
  aasOf(ctx.state).scheduled.delete(scheduledKey(action.resourceId, action.stored.ScheduledActionName));
}

/** Deregister the target with everything attached to it; returns how many policies and scheduled actions went. */
export function removeTarget(ctx: EngineContext, target: ScalableTargetRecord): { policies: number; scheduled: number } {
  const policies = policiesOfTarget(ctx.state, target.resourceId);
  const scheduled = scheduledOfTarget(ctx.state, target.resourceId);
  for (const policy of policies) removePolicy(ctx, policy);
  for (const action of scheduled) removeScheduledAction(ctx, action);
  aasOf(ctx.state).targets.delete(target.resourceId);
  return { policies: policies.length, scheduled: scheduled.length };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Targets whose ECS service was deleted are deregistered (Sandbox choice, see the header). */
function pruneDeletedServices(ctx: EngineContext): void {
  const targets = ctx.state.appAutoScaling?.targets;
  if (targets === undefined) return;
  for (const target of [...targets.values()]) {
    const service = findService(ctx.state, target.cluster, target.service);
    if (service !== undefined && service.status === 'ACTIVE') continue;
    const removed = removeTarget(ctx, target);
    ctx.emit(
      'appautoscaling.deregistered',
      `Service ${target.service} in cluster ${target.cluster} was deleted, so its scalable target ${target.resourceId} was deregistered with ${plural(removed.policies, 'scaling policy').replace('policys', 'policies')} and ${plural(removed.scheduled, 'scheduled action')} (sandbox clean-up).`,
      service?.arn,
    );
  }
}

// 'publish' runs before alarms are evaluated and acted on, so a deleted service's policies never act.
provideMinuteJob('application-autoscaling-cleanup', {
  phase: 'publish',
  active: (ctx) => (ctx.state.appAutoScaling?.targets.size ?? 0) > 0,
  run: pruneDeletedServices,
});
