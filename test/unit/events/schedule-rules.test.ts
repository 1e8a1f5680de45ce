// Schedule rules fire their ECS RunTask targets at the times their expressions name, on the virtual
// clock (virtual 0 = 2026-01-01T00:00:00Z, a Thursday): rate() from the rule's creation, cron() in UTC
// with the 6-field AWS syntax (? and L included). Disabled rules do not fire; expressions AWS refuses
// are refused by events:PutRule with "Parameter ScheduleExpression is not valid."
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { CLUSTER_ARN, EVENTS_ROLE_ARN, PROCESSOR_TD_ARN, baseSteps, engineWith, err, messages, ok } from './event-fixtures.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function scheduleRule(name: string, expression: string, extra: Record<string, unknown> = {}): Step[] {
  return [
    { 'events:PutRule': { Name: name, ScheduleExpression: expression, ...extra } },
    { 'events:PutTargets': { Rule: name, Targets: [{ Id: 'run', Arn: CLUSTER_ARN, RoleArn: EVENTS_ROLE_ARN, EcsParameters: { TaskDefinitionArn: PROCESSOR_TD_ARN, LaunchType: 'EC2' } }] } },
  ];
}

/** Virtual times (ms) at which the rule started tasks (from the event log: stopped tasks leave the snapshot after an hour, as on ECS). */
function startTimes(engine: SandboxEngine, rule: string): number[] {
  return engine
    .snapshot()
    .events.filter((e) => e.kind === 'events.invocation' && e.message.startsWith(`Rule ${rule} ran 1 task(s)`))
    .map((e) => e.time);
}

/** Quick tasks: the busybox image exits after 10 s, so months of firings do not fill the cluster. */
const QUICK: Step = { 'sim:SetImageBehavior': { image: 'public.ecr.aws/docker/library/busybox:1.36', behavior: 'crashAfter', afterSeconds: 10 } };

describe('schedule rules', () => {
  it('rate(5 minutes) runs the task every 5 minutes from the rule creation, and says when it fires next', () => {
    const engine = engineWith([...baseSteps(), { wait: '2m' }, ...scheduleRule('every-5', 'rate(5 minutes)')]);
    expect(engine.snapshot().eventRules![0]!.nextFireMs).toBe(7 * MINUTE);
    engine.advance(16 * MINUTE);
    expect(startTimes(engine, 'every-5')).toEqual([7 * MINUTE, 12 * MINUTE, 17 * MINUTE]);
    expect(messages(engine, 'events.schedule-fired')[0]).toBe('Rule every-5 fired on its schedule rate(5 minutes) at 2026-01-01T00:07:00Z.');
    const rule = engine.snapshot().eventRules![0]!;
    expect(rule.nextFireMs).toBe(22 * MINUTE);
    expect(rule.failedInvocations).toBe(0);
  });

  it('cron(0/15 9-10 * * ? *) fires at :00 :15 :30 :45 from 09:00 to 10:45 UTC', () => {
    const engine = engineWith([...baseSteps(), QUICK, ...scheduleRule('quarterly', 'cron(0/15 9-10 * * ? *)')]);
    engine.advance(11 * HOUR);
    expect(startTimes(engine, 'quarterly')).toEqual([0, 15, 30, 45, 60, 75, 90, 105].map((m) => 9 * HOUR + m * MINUTE));
  });

  it('cron(30 12 L * ? *) fires on the last day of each month at 12:30 UTC', () => {
    const engine = engineWith([...baseSteps(), QUICK, ...scheduleRule('month-end', 'cron(30 12 L * ? *)')]);
    engine.advance(60 * DAY);
    // 31 January and 28 February 2026.
    expect(startTimes(engine, 'month-end')).toEqual([30 * DAY + 12.5 * HOUR, 58 * DAY + 12.5 * HOUR]);
  });

  it('cron(0 8 ? * MON-FRI *) fires on weekdays only (1 January 2026 is a Thursday)', () => {
    const engine = engineWith([...baseSteps(), QUICK, ...scheduleRule('weekdays', 'cron(0 8 ? * MON-FRI *)')]);
    engine.advance(7 * DAY);
    // Thu 1, Fri 2, (Sat 3, Sun 4 skipped), Mon 5, Tue 6, Wed 7.
    expect(startTimes(engine, 'weekdays')).toEqual([0, 1, 4, 5, 6].map((d) => d * DAY + 8 * HOUR));
  });

  it('a rule created DISABLED, or disabled later, does not fire; enabled again it does', () => {
    const engine = engineWith([...baseSteps(), ...scheduleRule('off', 'rate(1 minute)', { State: 'DISABLED' }), ...scheduleRule('on', 'rate(1 minute)')]);
    expect(engine.snapshot().eventRules!.find((r) => r.Name === 'off')!.nextFireMs).toBeUndefined();
    engine.advance(3 * MINUTE);
    expect(startTimes(engine, 'off')).toEqual([]);
    expect(startTimes(engine, 'on')).toEqual([1, 2, 3].map((m) => m * MINUTE));
    ok(engine.dispatch({ 'events:DisableRule': { Name: 'on' } }));
    engine.advance(3 * MINUTE);
    expect(startTimes(engine, 'on')).toHaveLength(3);
    ok(engine.dispatch({ 'events:EnableRule': { Name: 'off' } }));
    engine.advance(2 * MINUTE);
    expect(startTimes(engine, 'off')).toEqual([7, 8].map((m) => m * MINUTE));
  });

  it('a deleted rule stops firing', () => {
    const engine = engineWith([...baseSteps(), ...scheduleRule('gone', 'rate(1 minute)')]);
    engine.advance(MINUTE);
    ok(engine.dispatch({ 'events:RemoveTargets': { Rule: 'gone', Ids: ['run'] } }));
    ok(engine.dispatch({ 'events:DeleteRule': { Name: 'gone' } }));
    engine.advance(5 * MINUTE);
    expect(startTimes(engine, 'gone')).toEqual([MINUTE]);
    expect(engine.nextTimerAt()).not.toBe(2 * MINUTE);
  });

  it.each([
    ['cron(0 12 * * *)', /5-field Unix cron/],
    ['cron(0 12 * * * *)', /./],
    ['cron(0 25 * * ? *)', /./],
    ['rate(1 minutes)', /./],
    ['rate(0 minutes)', /./],
    ['every 5 minutes', /./],
  ])('PutRule refuses %s with AWS text', (expression, explanation) => {
    const engine = engineWith(baseSteps());
    const before = JSON.stringify(engine.snapshot());
    const error = err(engine.dispatch({ 'events:PutRule': { Name: 'bad', ScheduleExpression: expression } }));
    expect(error.code).toBe('ValidationException');
    expect(error.message.startsWith('Parameter ScheduleExpression is not valid.')).toBe(true);
    expect(error.message).toMatch(explanation);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('a schedule on another event bus is refused', () => {
    const engine = engineWith(baseSteps());
    expect(err(engine.dispatch({ 'events:PutRule': { Name: 'x', ScheduleExpression: 'rate(5 minutes)', EventBusName: 'orders' } })).message).toBe(
      'ScheduleExpression is supported only on the default event bus.',
    );
  });
});
