/**
 * Scaling activities (DescribeScalingActivities), newest first, at most 100 kept. Their wording is
 * AWS's: Description "Launching a new EC2 instance: i-…" / "Terminating EC2 instance: i-…"; Cause
 * a run of timed sentences separated by two spaces, e.g. "At 2026-01-01T00:10:00Z a user request
 * explicitly set group desired capacity changing the desired capacity from 0 to 2.  At
 * 2026-01-01T00:10:05Z an instance was started in response to a difference between desired and
 * actual capacity, increasing the capacity from 0 to 2." (EC2 Auto Scaling User Guide, "Verify a
 * scaling activity" and the DescribeScalingActivities examples of the API reference).
 */
import type { AutoScalingActivity } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { isoAt } from '../ids/arn.ts';
import { autoScalingOf, type AsgRecord } from './model.ts';

export const MAX_ACTIVITIES = 100;

/** The timestamps inside a Cause: ISO 8601 to the second, "2026-01-01T00:10:00Z". */
export function causeTime(ms: number): string {
  return `${isoAt(ms).slice(0, 19)}Z`;
}

/** "At <time> <what>" — one sentence of a Cause. */
export function at(ms: number, what: string): string {
  return `At ${causeTime(ms)} ${what}`;
}

export function startActivity(
  ctx: EngineContext,
  group: AsgRecord,
  description: string,
  cause: string,
  status: AutoScalingActivity['StatusCode'] = 'InProgress',
  statusMessage?: string,
): AutoScalingActivity {
  const state = autoScalingOf(ctx.state);
  const activity: AutoScalingActivity = {
    ActivityId: ctx.prng.uuid(),
    AutoScalingGroupName: group.name,
    Description: description,
    Cause: cause,
    StartTime: isoAt(ctx.clock.now),
    StatusCode: status,
    Progress: status === 'Successful' || status === 'Failed' ? 100 : status === 'InProgress' ? 0 : 30,
    time: ctx.clock.now,
    ...(statusMessage === undefined ? {} : { StatusMessage: statusMessage }),
    ...(status === 'Successful' || status === 'Failed' ? { EndTime: isoAt(ctx.clock.now) } : {}),
  };
  state.activities.unshift(activity);
  if (state.activities.length > MAX_ACTIVITIES) state.activities.length = MAX_ACTIVITIES;
  ctx.emit('autoscaling.activity', `Auto Scaling group ${group.name}: ${description}. ${cause}`, group.arn);
  return activity;
}

export function updateActivity(ctx: EngineContext, activityId: string | undefined, status: AutoScalingActivity['StatusCode'], progress: number): void {
  if (activityId === undefined) return;
  const activity = ctx.state.autoscaling?.activities.find((a) => a.ActivityId === activityId);
  if (activity === undefined) return;
  activity.StatusCode = status;
  activity.Progress = progress;
  if (status === 'Successful' || status === 'Failed' || status === 'Cancelled') activity.EndTime = isoAt(ctx.clock.now);
}
