/**
 * application-autoscaling:PutScheduledAction / DeleteScheduledAction / DescribeScheduledActions for
 * ECS services. Checks: appautoscaling/scheduled-requests.ts; firing: appautoscaling/scheduled-runner.ts.
 *
 * AWS facts (API reference PutScheduledAction; AASUG scheduled scaling; ecs-reference §8): the answer
 * is empty; the action's ARN is
 * `arn:aws:autoscaling:<region>:<account>:scheduledAction:<uuid>:resource/ecs/service/<c>/<s>:scheduledActionName/<name>`;
 * putting an action of an existing name updates it (same ARN).
 */
import type { EngineContext } from '../context.ts';
import { ok, type CommandResult } from '../errors.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import { toEpochMs } from '../schedules/index.ts';
import { aasOf, scheduledKey, scheduledOfTarget, type ScheduledActionRecord } from '../appautoscaling/model.ts';
import { removeScheduledAction } from '../appautoscaling/lifecycle.ts';
import { renderScheduledAction } from '../appautoscaling/render.ts';
import { pageOf } from '../appautoscaling/requests.ts';
import { armScheduledAction } from '../appautoscaling/scheduled-runner.ts';
import { checkDeleteScheduledAction, checkDescribeScheduledActions, checkPutScheduledAction } from '../appautoscaling/scheduled-requests.ts';
import { refusal, registeredTarget } from './app-autoscaling-shared.ts';

const storedOf = (ctx: EngineContext, resourceId: string) => scheduledOfTarget(ctx.state, resourceId).map((a) => a.stored);

const utc = (ms: number): string => `${new Date(toEpochMs(ms)).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function aasPutScheduledAction(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkPutScheduledAction(raw, { target: (id) => registeredTarget(ctx, id), scheduledActions: (id) => storedOf(ctx, id) });
  if (!checked.ok) return refusal(checked);
  const v = checked.value;
  const key = scheduledKey(v.ResourceId, v.ScheduledActionName);
  const scheduled = aasOf(ctx.state).scheduled;
  const existing = scheduled.get(key);
  if (existing !== undefined) removeScheduledAction(ctx, existing);
  const action: ScheduledActionRecord = {
    resourceId: v.ResourceId,
    arn: existing?.arn ?? `arn:aws:autoscaling:${REGION}:${ACCOUNT_ID}:scheduledAction:${ctx.prng.uuid()}:resource/ecs/${v.ResourceId}:scheduledActionName/${v.ScheduledActionName}`,
    stored: {
      ScheduledActionName: v.ScheduledActionName,
      Schedule: v.Schedule,
      Timezone: v.Timezone,
      ...(v.StartTime === undefined ? {} : { StartTime: v.StartTime }),
      ...(v.EndTime === undefined ? {} : { EndTime: v.EndTime }),
      ScalableTargetAction: { ...v.ScalableTargetAction },
    },
    schedule: v.schedule,
    utcOffsetMinutes: v.utcOffsetMinutes,
    ...(v.startMs === undefined ? {} : { startMs: v.startMs }),
    ...(v.endMs === undefined ? {} : { endMs: v.endMs }),
    createdMs: existing?.createdMs ?? ctx.clock.now,
  };
  scheduled.set(key, action);
  armScheduledAction(ctx, action);
  const { MinCapacity: min, MaxCapacity: max } = action.stored.ScalableTargetAction;
  const sets = [min === undefined ? '' : `MinCapacity ${min}`, max === undefined ? '' : `MaxCapacity ${max}`].filter(Boolean).join(' and ');
  const next = action.nextFireMs === undefined ? 'it will not fire (no time left in its schedule)' : `next at ${utc(action.nextFireMs)}`;
  ctx.emit('appautoscaling.scheduled', `Scheduled action ${v.ScheduledActionName} ${existing === undefined ? 'created' : 'updated'} on ${v.ResourceId}: ${v.Schedule} (${v.Timezone}) sets ${sets}; ${next}.`, action.arn);
  return ok({});
}

export function aasDeleteScheduledAction(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkDeleteScheduledAction(raw, { scheduledActions: (id) => storedOf(ctx, id) });
  if (!checked.ok) return refusal(checked);
  const action = aasOf(ctx.state).scheduled.get(scheduledKey(checked.value.ResourceId, checked.value.ScheduledActionName))!;
  removeScheduledAction(ctx, action);
  ctx.emit('appautoscaling.scheduled', `Scheduled action ${checked.value.ScheduledActionName} deleted from ${checked.value.ResourceId}.`, action.arn);
  return ok({});
}

/** DescribeScheduledActions' shape: the snapshot's without the sandbox's nextFireMs. */
function describedAction(action: ScheduledActionRecord) {
  const { nextFireMs: _next, ...shown } = renderScheduledAction(action);
  return shown;
}

export function aasDescribeScheduledActions(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkDescribeScheduledActions(raw);
  if (!checked.ok) return refusal(checked);
  const { ResourceId, ScheduledActionNames } = checked.value;
  const all = [...(ctx.state.appAutoScaling?.scheduled.values() ?? [])].filter(
    (a) => (ResourceId === undefined || a.resourceId === ResourceId) && (ScheduledActionNames === undefined || ScheduledActionNames.includes(a.stored.ScheduledActionName)),
  );
  const page = pageOf(all, checked.value);
  if (!page.ok) return refusal(page);
  return ok({ ScheduledActions: page.value.items.map(describedAction), ...(page.value.NextToken === undefined ? {} : { NextToken: page.value.NextToken }) });
}
