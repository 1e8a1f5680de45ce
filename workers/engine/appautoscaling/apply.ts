/**
 * How Application Auto Scaling changes an ECS service: it calls ecs:UpdateService with the new
 * desiredCount (AWS does exactly that, as the service-linked role AWSServiceRoleForApplicationAutoScaling_ECSService;
 * the service's events then say the scheduler started or stopped tasks). The sandbox calls the same
 * command handler, so there is one path for a desired count change and no scheduler logic here.
 * Every change is a scaling activity (DescribeScalingActivities) in AWS's words (activity-text.ts)
 * and one event-log line with the numbers.
 */
import type { ServiceScalingActivity } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { isoAt } from '../ids/arn.ts';
import { updateService } from '../commands/services.ts';
import { findService, type ServiceRecord } from '../services/model.ts';
import { activityDescription, activitySuccessMessage } from './activity-text.ts';
import { aasOf, ACTIVITY_LIMIT, type ScalableTargetRecord } from './model.ts';

/** The target's service while it is ACTIVE (a DRAINING or INACTIVE service is not scaled). */
export function activeServiceOf(ctx: EngineContext, target: Pick<ScalableTargetRecord, 'cluster' | 'service'>): ServiceRecord | undefined {
  const service = findService(ctx.state, target.cluster, target.service);
  return service !== undefined && service.status === 'ACTIVE' ? service : undefined;
}

/** True while the service has a deployment rolling out (Application Auto Scaling then turns scale-in off). */
export function deploymentInProgress(service: ServiceRecord): boolean {
  return service.deployments.length > 1 || service.deployments.some((d) => d.rolloutState === 'IN_PROGRESS');
}

export function recordActivity(ctx: EngineContext, target: ScalableTargetRecord, fields: Pick<ServiceScalingActivity, 'Description' | 'Cause' | 'StatusCode'> & { StatusMessage?: string }): ServiceScalingActivity {
  const now = ctx.clock.now;
  const activity: ServiceScalingActivity = {
    ActivityId: ctx.prng.uuid(),
    ServiceNamespace: 'ecs',
    ResourceId: target.resourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    Description: fields.Description,
    Cause: fields.Cause,
    StartTime: isoAt(now),
    EndTime: isoAt(now),
    StatusCode: fields.StatusCode,
    ...(fields.StatusMessage === undefined ? {} : { StatusMessage: fields.StatusMessage }),
    startMs: now,
  };
  const list = aasOf(ctx.state).activities;
  list.unshift(activity);
  if (list.length > ACTIVITY_LIMIT) list.length = ACTIVITY_LIMIT;
  return activity;
}

/**
 * Set the service's desired count to `to` through ecs:UpdateService, record the activity and write
 * `line` (the learner's one sentence, without the trailing count) to the event log. Returns whether
 * the change was made.
 */
export function setServiceDesired(ctx: EngineContext, target: ScalableTargetRecord, service: ServiceRecord, to: number, cause: string, line: string): boolean {
  const from = service.desiredCount;
  // Only whether it worked is read: no rendered service in the answer.
  const result = updateService(ctx, { cluster: target.cluster, service: target.service, desiredCount: to }, 'none');
  if (!result.ok) {
    recordActivity(ctx, target, { Description: activityDescription(to), Cause: cause, StatusCode: 'Failed', StatusMessage: `Failed to set desired count to ${to}. ${result.error.code}: ${result.error.message}` });
    ctx.emit('appautoscaling.failed', `${line} — could not set desired count ${from} → ${to}: ${result.error.message}`, service.arn);
    return false;
  }
  recordActivity(ctx, target, { Description: activityDescription(to), Cause: cause, StatusCode: 'Successful', StatusMessage: activitySuccessMessage(to) });
  ctx.emit('appautoscaling.scaling', `${line} — desired count ${from} → ${to}.`, service.arn);
  return true;
}
