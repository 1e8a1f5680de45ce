// Scheduled actions through the actions, on the virtual clock (epoch 2026-01-01T00:00:00Z): cron in
// UTC and in a fixed-offset Timezone, at() once, rate() within StartTime/EndTime, raise to the new
// minimum / lower to the new maximum, ScheduledScalingSuspended, cooldowns ignored, refusals.
import { describe, expect, it } from 'vitest';
import { activities, aasWorld, cpuPolicy, eventsOf, MIN, register, TARGET, type AasWorld } from './engine-helpers.ts';

const HOUR = 60 * MIN;
const scheduled = (name: string, fields: Record<string, unknown>) => ({ 'application-autoscaling:PutScheduledAction': { ...TARGET, ScheduledActionName: name, ...fields } });

function at(w: AasWorld, ms: number): void {
  w.engine.advance(ms - w.now());
}

describe('scheduled actions through the actions', () => {
  it('a daily cron in UTC raises the minimum at 09:00 and the desired count with it', () => {
    const w = aasWorld();
    register(w, 1, 10);
    w.run(scheduled('morning', { Schedule: 'cron(0 9 * * ? *)', ScalableTargetAction: { MinCapacity: 5 } }));
    const [action] = w.engine.snapshot().scheduledActions!;
    expect(action).toMatchObject({ ScheduledActionName: 'morning', Schedule: 'cron(0 9 * * ? *)', Timezone: 'UTC', ScalableTargetAction: { MinCapacity: 5 }, nextFireMs: 9 * HOUR });
    expect(action!.ScheduledActionARN).toMatch(/^arn:aws:autoscaling:us-east-1:123456789012:scheduledAction:[0-9a-f-]{36}:resource\/ecs\/service\/demo\/web:scheduledActionName\/morning$/);
    at(w, 9 * HOUR - 1);
    expect(w.desired()).toBe(2);
    at(w, 9 * HOUR);
    expect(w.desired()).toBe(5);
    expect(w.run({ 'application-autoscaling:DescribeScalableTargets': { ServiceNamespace: 'ecs' } }).ScalableTargets[0]).toMatchObject({ MinCapacity: 5, MaxCapacity: 10 });
    expect(activities(w)[0]).toMatchObject({ Description: 'Setting desired count to 5.', Cause: 'minimum capacity was set to 5' });
    expect(eventsOf(w, 'appautoscaling.scaling')).toEqual([
      'Scheduled action morning on service web (cron(0 9 * * ? *) at 2026-01-01 09:00 UTC): MinCapacity 1 → 5, MaxCapacity 10 → 10 — desired count 2 → 5.',
    ]);
    // Next day, same time; the desired count is already within the bounds.
    expect(w.engine.snapshot().scheduledActions![0]!.nextFireMs).toBe(33 * HOUR);
  });

  it('a cron in a Timezone fires at its local time (Etc/GMT-2 is UTC+2: 09:00 there is 07:00 UTC)', () => {
    const w = aasWorld();
    register(w, 1, 10);
    w.run(scheduled('morning', { Schedule: 'cron(0 9 * * ? *)', Timezone: 'Etc/GMT-2', ScalableTargetAction: { MinCapacity: 4 } }));
    at(w, 7 * HOUR - 1);
    expect(w.desired()).toBe(2);
    at(w, 7 * HOUR);
    expect(w.desired()).toBe(4);
    expect(eventsOf(w, 'appautoscaling.scaling')[0]).toContain('(cron(0 9 * * ? *) at 2026-01-01 09:00 Etc/GMT-2)');
  });

  it('at() fires once, lowering the maximum and the desired count; it is not scheduled again', () => {
    const w = aasWorld({ desired: 4 });
    register(w, 1, 10);
    w.run(scheduled('night', { Schedule: 'at(2026-01-01T00:30:00)', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 1 } }));
    at(w, 30 * MIN);
    expect(w.desired()).toBe(1);
    expect(activities(w)[0]).toMatchObject({ Cause: 'maximum capacity was set to 1' });
    expect(w.engine.snapshot().scheduledActions![0]!.nextFireMs).toBeUndefined();
    w.tick(3);
    expect(w.running()).toBe(1);
  });

  it('rate() fires from creation, within StartTime / EndTime (a recurring action also runs at its StartTime)', () => {
    const w = aasWorld();
    register(w, 1, 20);
    const epoch = Date.parse('2026-01-01T00:00:00Z') / 1000;
    w.run(scheduled('grow', { Schedule: 'rate(10 minutes)', StartTime: epoch + 5 * 60, EndTime: epoch + 35 * 60, ScalableTargetAction: { MinCapacity: 3 } }));
    at(w, 60 * MIN);
    const lines = [...eventsOf(w, 'appautoscaling.scaling'), ...eventsOf(w, 'appautoscaling.scheduled').filter((l) => l.startsWith('Scheduled action grow on'))];
    expect(lines.map((l) => /at 2026-01-01 (\d\d:\d\d)/.exec(l)![1]).sort()).toEqual(['00:05', '00:15', '00:25', '00:35']);
    expect(w.desired()).toBe(3);
  });

  it('ScheduledScalingSuspended skips the action and says so', () => {
    const w = aasWorld();
    register(w, 1, 10, { SuspendedState: { ScheduledScalingSuspended: true } });
    w.run(scheduled('morning', { Schedule: 'at(2026-01-01T01:00:00)', ScalableTargetAction: { MinCapacity: 6 } }));
    at(w, HOUR);
    expect(w.desired()).toBe(2);
    expect(eventsOf(w, 'appautoscaling.held')).toEqual([
      'Scheduled action morning on service web (at(2026-01-01T01:00:00) at 2026-01-01 01:00 UTC) was skipped: scheduled scaling is suspended on the scalable target (ScheduledScalingSuspended).',
    ]);
  });

  it('ignores cooldowns: it lowers the maximum right after a target tracking scale-out', () => {
    const w = aasWorld();
    register(w, 1, 10);
    w.run(cpuPolicy());
    w.tick(3);
    w.load(512); // 100 %
    w.tick(3);
    expect(w.desired()).toBe(3);
    w.run(scheduled('cap', { Schedule: 'at(2026-01-01T00:07:30)', ScalableTargetAction: { MaxCapacity: 2 } }));
    at(w, 7.5 * MIN);
    expect(w.desired()).toBe(2);
  });

  it('refuses a malformed cron, an unknown time zone, min above max and an unregistered target, changing nothing', () => {
    const w = aasWorld();
    register(w);
    const before = JSON.stringify(w.engine.snapshot());
    const timer = w.engine.nextTimerAt();
    expect(w.refused(scheduled('x', { Schedule: 'cron(0 9 * *)', ScalableTargetAction: { MinCapacity: 2 } })).code).toBe('ValidationException');
    expect(w.refused(scheduled('x', { Schedule: 'cron(0 9 * * ? *)', Timezone: 'Mars/Olympus', ScalableTargetAction: { MinCapacity: 2 } })).message).toMatch(/Time zone "Mars\/Olympus" is not simulated/);
    expect(w.refused(scheduled('x', { Schedule: 'rate(1 hour)', ScalableTargetAction: { MinCapacity: 5, MaxCapacity: 2 } })).message).toBe('Minimum capacity cannot be greater than maximum capacity: MinCapacity 5, MaxCapacity 2');
    expect(w.refused(scheduled('x', { Schedule: 'rate(1 hour)', ScalableTargetAction: {} })).message).toBe('At least one of minimum capacity and maximum capacity should be provided');
    expect(w.refused({ 'application-autoscaling:PutScheduledAction': { ...TARGET, ResourceId: 'service/demo/other', ScheduledActionName: 'x', Schedule: 'rate(1 hour)', ScalableTargetAction: { MinCapacity: 1 } } }).code).toBe('ObjectNotFoundException');
    expect(w.refused({ 'application-autoscaling:DeleteScheduledAction': { ...TARGET, ScheduledActionName: 'x' } }).code).toBe('ObjectNotFoundException');
    expect(JSON.stringify(w.engine.snapshot())).toBe(before);
    expect(w.engine.nextTimerAt()).toBe(timer);
  });

  it('DescribeScheduledActions shows AWS shape; DeleteScheduledAction stops it', () => {
    const w = aasWorld();
    register(w);
    w.run(scheduled('morning', { Schedule: 'cron(0 9 * * ? *)', ScalableTargetAction: { MinCapacity: 5 } }));
    const described = w.run({ 'application-autoscaling:DescribeScheduledActions': { ServiceNamespace: 'ecs', ResourceId: TARGET.ResourceId } }).ScheduledActions;
    expect(described).toEqual([
      {
        ScheduledActionName: 'morning',
        ScheduledActionARN: expect.stringMatching(/scheduledActionName\/morning$/),
        ServiceNamespace: 'ecs',
        Schedule: 'cron(0 9 * * ? *)',
        Timezone: 'UTC',
        ResourceId: 'service/demo/web',
        ScalableDimension: 'ecs:service:DesiredCount',
        ScalableTargetAction: { MinCapacity: 5 },
        CreationTime: '2026-01-01T00:00:00.000Z',
      },
    ]);
    w.run({ 'application-autoscaling:DeleteScheduledAction': { ...TARGET, ScheduledActionName: 'morning' } });
    at(w, 10 * HOUR);
    expect(w.desired()).toBe(2);
  });
});
