/**
 * Scheduled actions on the virtual clock: each action holds one timer for its next fire time
 * (schedules/ nextFireAfter: at/rate/cron, StartTime/EndTime, a fixed-offset Timezone; a recurring
 * action with a StartTime also runs at the StartTime itself), and re-arms itself after firing;
 * `at()` fires once. Firing replaces the target's MinCapacity and/or MaxCapacity and moves the
 * desired count into the new range (scheduled.ts: raise to the new minimum, lower to the new
 * maximum), ignoring cooldowns; skipped while ScheduledScalingSuspended is set (AASUG "Scheduled
 * scaling", "Suspend and resume scaling"; ecs-reference §8).
 */
import type { EngineContext } from '../context.ts';
import { nextFireAfter, toEpochMs } from '../schedules/index.ts';
import { activeServiceOf, recordActivity, setServiceDesired } from './apply.ts';
import { boundsCause } from './activity-text.ts';
import { aasOf, scheduledKey, type ScheduledActionRecord } from './model.ts';
import { scheduledActionEffect } from './scheduled.ts';

/** (Re)arm the action's timer for its next fire strictly after now; none when it never fires again. */
export function armScheduledAction(ctx: EngineContext, action: ScheduledActionRecord): void {
  if (action.timer !== undefined) ctx.clock.cancel(action.timer);
  delete action.timer;
  const next = nextFireAfter(action.schedule, ctx.clock.now, {
    createdMs: action.createdMs,
    ...(action.startMs === undefined ? {} : { startMs: action.startMs }),
    ...(action.endMs === undefined ? {} : { endMs: action.endMs }),
    fireAtStart: true,
    utcOffsetMinutes: action.utcOffsetMinutes,
  });
  if (next === null) {
    delete action.nextFireMs;
    return;
  }
  action.nextFireMs = next;
  const key = scheduledKey(action.resourceId, action.stored.ScheduledActionName);
  action.timer = ctx.clock.schedule(next, () => fire(ctx, key));
}

const wallTime = (ms: number, offsetMinutes: number): string => new Date(toEpochMs(ms) + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');

function fire(ctx: EngineContext, key: string): void {
  const action = aasOf(ctx.state).scheduled.get(key);
  if (action === undefined) return;
  delete action.timer;
  const target = aasOf(ctx.state).targets.get(action.resourceId);
  const service = target === undefined ? undefined : activeServiceOf(ctx, target);
  if (target !== undefined && service !== undefined) {
    const name = action.stored.ScheduledActionName;
    const when = `${action.stored.Schedule} at ${wallTime(ctx.clock.now, action.utcOffsetMinutes)} ${action.stored.Timezone}`;
    const head = `Scheduled action ${name} on service ${service.name} (${when})`;
    const { MinCapacity: newMin, MaxCapacity: newMax } = action.stored.ScalableTargetAction;
    const effect = scheduledActionEffect({
      min: target.min,
      max: target.max,
      desired: service.desiredCount,
      ...(newMin === undefined ? {} : { newMin }),
      ...(newMax === undefined ? {} : { newMax }),
      scheduledScalingSuspended: target.suspended.ScheduledScalingSuspended,
    });
    if (!effect.ok) {
      // A scheduled action whose minimum ends above the target's maximum (or the reverse) fails.
      recordActivity(ctx, target, { Description: `Setting min capacity to ${newMin ?? target.min} and max capacity to ${newMax ?? target.max}`, Cause: `scheduled action name ${name} was triggered`, StatusCode: 'Failed', StatusMessage: effect.message });
      ctx.emit('appautoscaling.failed', `${head} failed: ${effect.message}.`, service.arn);
    } else if (effect.changed === 'suspended') {
      ctx.emit('appautoscaling.held', `${head} was skipped: scheduled scaling is suspended on the scalable target (ScheduledScalingSuspended).`, service.arn);
    } else {
      const bounds = `MinCapacity ${target.min} → ${effect.min}, MaxCapacity ${target.max} → ${effect.max}`;
      target.min = effect.min;
      target.max = effect.max;
      if (effect.changed === 'bounds-only') {
        ctx.emit('appautoscaling.scheduled', `${head}: ${bounds}; desired count ${service.desiredCount} is already within them.`, service.arn);
      } else {
        const cause = effect.changed === 'raised-to-min' ? boundsCause('minimum', effect.min) : boundsCause('maximum', effect.max);
        setServiceDesired(ctx, target, service, effect.desired, cause, `${head}: ${bounds}`);
      }
    }
  }
  armScheduledAction(ctx, action);
}
