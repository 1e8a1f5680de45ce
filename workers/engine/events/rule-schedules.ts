/**
 * Schedule rules on the virtual clock: an ENABLED rule with a ScheduleExpression has one timer at
 * its next firing (schedules/ nextFireAfter: rate() counted from when the rule got its schedule,
 * cron() in UTC at minute precision); each firing runs the targets with a "Scheduled Event" (source
 * aws.events, resources [the rule's ARN], detail {} — EventBridge User Guide, eb-run-lambda-schedule's
 * example event) and arms the next one. A disabled or deleted rule has no timer.
 */
import type { EventBridgeEvent } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { ACCOUNT_ID, REGION, isoAt } from '../ids/arn.ts';
import { nextFireAfter } from '../schedules/index.ts';
import { invokeTargets, noTargetsText } from './invoke-targets.ts';
import type { RuleRecord } from './rule-requests.ts';
import { countRuleMetric, eventBridgeOf, statsOf } from './rules-state.ts';

/** The event a schedule rule's targets receive (its id from the firing's virtual time and the rule, so a seed reproduces it). */
export function scheduledEvent(rule: RuleRecord, atMs: number, sequence: number): EventBridgeEvent {
  return {
    version: '0',
    id: `00000000-0000-4000-9000-${sequence.toString(16).padStart(12, '0')}`,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ACCOUNT_ID,
    time: isoAt(atMs).replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [rule.Arn],
    detail: {},
  };
}

/** Cancel the rule's pending firing, if any. */
export function disarmSchedule(ctx: EngineContext, ruleArn: string): void {
  const stats = ctx.state.eventBridge?.stats.get(ruleArn);
  if (stats?.timer === undefined) return;
  ctx.clock.cancel(stats.timer);
  delete stats.timer;
  delete stats.nextFireMs;
}

/** (Re)arm the rule's next firing from now, or leave it without one (disabled, no schedule, none left). */
export function armSchedule(ctx: EngineContext, rule: RuleRecord): void {
  disarmSchedule(ctx, rule.Arn);
  if (rule.State !== 'ENABLED' || rule.schedule === undefined) return;
  const stats = statsOf(ctx.state, rule, ctx.clock.now);
  const next = nextFireAfter(rule.schedule, ctx.clock.now, { createdMs: stats.createdMs });
  if (next === null) return;
  stats.nextFireMs = next;
  stats.timer = ctx.clock.schedule(next, () => fire(ctx, rule.Arn));
}

function fire(ctx: EngineContext, ruleArn: string): void {
  const eb = eventBridgeOf(ctx.state);
  const rule = eb.rules.find((r) => r.Arn === ruleArn);
  const stats = eb.stats.get(ruleArn);
  if (rule === undefined || stats === undefined) return;
  delete stats.timer;
  delete stats.nextFireMs;
  if (rule.State !== 'ENABLED' || rule.schedule === undefined) return;
  countRuleMetric(ctx.state, rule, 'TriggeredRules', ctx.clock.now);
  ctx.emit('events.schedule-fired', `Rule ${rule.Name} fired on its schedule ${rule.ScheduleExpression} at ${isoAt(ctx.clock.now).replace(/\.\d{3}Z$/, 'Z')}.${noTargetsText(rule)}`, rule.Arn);
  // The id of the line just written: unique, and the same for the same seed and commands.
  invokeTargets(ctx, rule, scheduledEvent(rule, ctx.clock.now, ctx.state.nextEventId - 1));
  armSchedule(ctx, rule);
}
