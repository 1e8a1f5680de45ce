// Application Auto Scaling scheduled-action request checks (workers/engine/appautoscaling/scheduled-requests.ts):
// PutScheduledAction, DeleteScheduledAction, DescribeScheduledActions.
import { describe, expect, it } from 'vitest';
import { ID, key, refusal, registeredTarget, value } from './request-helpers.ts';
import {
  checkDeleteScheduledAction,
  checkDescribeScheduledActions,
  checkPutScheduledAction,
  type StoredScheduledAction,
} from '../../../workers/engine/appautoscaling/scheduled-requests.ts';
import { AAS_INVALID_SCHEDULE, nextFireAfter, toVirtualMs } from '../../../workers/engine/schedules/index.ts';

const target = registeredTarget();
const context = (actions: StoredScheduledAction[] = [], registered = true) => ({ target: () => (registered ? target : undefined), scheduledActions: () => actions });
const morning = { ...key, ScheduledActionName: 'morning', Schedule: 'cron(0 8 ? * MON-FRI *)', ScalableTargetAction: { MinCapacity: 4, MaxCapacity: 20 } };


describe('PutScheduledAction', () => {
  it('accepts a weekday cron in UTC, ready for nextFireAfter', () => {
    const v = value(checkPutScheduledAction(morning, context()));
    expect(v).toMatchObject({ ScheduledActionName: 'morning', Timezone: 'UTC', utcOffsetMinutes: 0, isNew: true, ScalableTargetAction: { MinCapacity: 4, MaxCapacity: 20 } });
    // Virtual time 0 is Thursday 2026-01-01 00:00 UTC: the first fire is that day at 08:00.
    expect(nextFireAfter(v.schedule, 0, { utcOffsetMinutes: v.utcOffsetMinutes })).toBe(8 * 3_600_000);
  });

  it('takes one bound alone, a fixed-offset time zone, and start/end times as epoch seconds or ISO text', () => {
    const start = Date.parse('2026-02-01T00:00:00Z') / 1000;
    const v = value(
      checkPutScheduledAction(
        { ...morning, ScalableTargetAction: { MaxCapacity: 2 }, Timezone: 'Etc/GMT-2', StartTime: start, EndTime: '2026-03-01T00:00:00Z', Schedule: 'rate(1 hour)' },
        context(),
      ),
    );
    expect(v).toMatchObject({ ScalableTargetAction: { MaxCapacity: 2 }, utcOffsetMinutes: 120, StartTime: start, EndTime: Date.parse('2026-03-01T00:00:00Z') / 1000 });
    expect(v.startMs).toBe(toVirtualMs(start * 1000));
    expect(v.schedule.kind).toBe('rate');
  });

  it('an update keeps what it does not give', () => {
    const stored: StoredScheduledAction = { ScheduledActionName: 'morning', Schedule: 'at(2026-03-01T09:00:00)', Timezone: 'Etc/GMT+5', ScalableTargetAction: { MinCapacity: 3 } };
    const v = value(checkPutScheduledAction({ ...key, ScheduledActionName: 'morning', ScalableTargetAction: { MaxCapacity: 8 } }, context([stored])));
    expect(v).toMatchObject({ isNew: false, Schedule: 'at(2026-03-01T09:00:00)', Timezone: 'Etc/GMT+5', utcOffsetMinutes: -300, ScalableTargetAction: { MinCapacity: 3, MaxCapacity: 8 } });
  });

  it('refuses a malformed schedule with AWS\'s text, then the reason', () => {
    const error = refusal(checkPutScheduledAction({ ...morning, Schedule: 'cron(0 8 * * *)' }, context()));
    expect(error.code).toBe('ValidationException');
    expect(error.message.startsWith(`${AAS_INVALID_SCHEDULE} `)).toBe(true);
    expect(error.message.length).toBeGreaterThan(AAS_INVALID_SCHEDULE.length + 10);
    expect(refusal(checkPutScheduledAction({ ...morning, Schedule: 'rate(1 hours)' }, context())).message).toContain('A value of 1 takes the singular unit: rate(1 hour)');
  });

  it('refuses a missing schedule for a new action', () => {
    const { Schedule: _omitted, ...noSchedule } = morning;
    expect(refusal(checkPutScheduledAction(noSchedule, context())).message).toBe(
      "1 validation error detected: Value null at 'schedule' failed to satisfy constraint: Member must not be null",
    );
  });

  it('needs MinCapacity or MaxCapacity (AWS\'s text) and min ≤ max', () => {
    expect(refusal(checkPutScheduledAction({ ...morning, ScalableTargetAction: {} }, context()))).toEqual({
      code: 'ValidationException',
      message: 'At least one of minimum capacity and maximum capacity should be provided',
    });
    expect(refusal(checkPutScheduledAction({ ...morning, ScalableTargetAction: { MinCapacity: 9, MaxCapacity: 3 } }, context())).message).toBe(
      'Minimum capacity cannot be greater than maximum capacity: MinCapacity 9, MaxCapacity 3',
    );
  });

  it('refuses a time zone with daylight-saving time (not simulated), an end before the start, a bad timestamp', () => {
    expect(refusal(checkPutScheduledAction({ ...morning, Timezone: 'Europe/London' }, context())).message).toMatch(/^Time zone "Europe\/London" is not simulated/);
    expect(refusal(checkPutScheduledAction({ ...morning, StartTime: 2_000_000_000, EndTime: 1_900_000_000 }, context())).message).toMatch(/^EndTime must be after StartTime/);
    expect(refusal(checkPutScheduledAction({ ...morning, StartTime: 'tomorrow' }, context())).message).toMatch(/Value 'tomorrow' at 'startTime'/);
  });

  it('refuses names with a colon, slash or bar, or edge spaces', () => {
    for (const name of ['a:b', 'a/b', 'a|b', ' a', 'a ']) {
      expect(refusal(checkPutScheduledAction({ ...morning, ScheduledActionName: name }, context())).message).toMatch(/at 'scheduledActionName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    }
  });

  it('needs a registered target, and stops at 200 actions per target', () => {
    expect(refusal(checkPutScheduledAction(morning, context([], false)))).toEqual({
      code: 'ObjectNotFoundException',
      message: 'No scalable target registered for service namespace: ecs, resource ID: service/prod/web, scalable dimension: ecs:service:DesiredCount',
    });
    const full = Array.from({ length: 200 }, (_, i): StoredScheduledAction => ({ ScheduledActionName: `a${i}`, Schedule: 'rate(1 day)', ScalableTargetAction: { MinCapacity: 1 } }));
    expect(refusal(checkPutScheduledAction(morning, context(full))).code).toBe('LimitExceededException');
    expect(value(checkPutScheduledAction({ ...morning, ScheduledActionName: 'a3' }, context(full))).isNew).toBe(false);
  });
});

describe('DeleteScheduledAction and DescribeScheduledActions', () => {
  const stored: StoredScheduledAction = { ScheduledActionName: 'morning', Schedule: 'rate(1 day)', ScalableTargetAction: { MinCapacity: 1 } };
  it('deletes an existing action and refuses an unknown one', () => {
    expect(value(checkDeleteScheduledAction({ ...key, ScheduledActionName: 'morning' }, context([stored])))).toMatchObject({ ScheduledActionName: 'morning' });
    expect(refusal(checkDeleteScheduledAction({ ...key, ScheduledActionName: 'evening' }, context([stored])))).toEqual({
      code: 'ObjectNotFoundException',
      message: 'No scheduled action found for service namespace: ecs, resource ID: service/prod/web, scalable dimension: ecs:service:DesiredCount, scheduled action name: evening',
    });
  });
  it('describes with filters and MaxResults up to 50', () => {
    expect(value(checkDescribeScheduledActions({ ServiceNamespace: 'ecs', ScheduledActionNames: ['morning'], ResourceId: ID }))).toEqual({
      ServiceNamespace: 'ecs',
      ScheduledActionNames: ['morning'],
      ResourceId: ID,
      maxResults: 50,
      offset: 0,
    });
    expect(refusal(checkDescribeScheduledActions({ ServiceNamespace: 'ecs', MaxResults: 51 })).message).toMatch(/less than or equal to 50$/);
  });
});
