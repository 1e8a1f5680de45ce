/**
 * Every EventBridge-shaped event of the event log (ECS task, deployment, service action and
 * container-instance events; S3 "Object Created") offered to the ENABLED rules of the default bus
 * with an event pattern: each match is a line in the log and runs the rule's targets.
 *
 * Delivery is asynchronous, as on AWS ("near real time"): the log listener (events/eventbridge.ts)
 * only notes that new lines exist and schedules one delivery at the same virtual instant; the
 * delivery reads the lines after its cursor. So a rule's RunTask never runs inside the task
 * transition that emitted the event, a line that gets its EventBridge envelope just after it is
 * written (the first PENDING of a task, machines/task-lifecycle.ts) is seen with it, and the lines of
 * a refused command — taken back by the engine before any delivery — are never seen.
 */
import type { EventBridgeEvent, SimEvent } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { provideEventLogListener } from './eventbridge.ts';
import { detailTypeWithArticle, eventSummary } from './event-summary.ts';
import { invokeTargets, noTargetsText } from './invoke-targets.ts';
import { matchesEventPattern } from './patterns.ts';
import { DEFAULT_BUS } from './rule-requests.ts';
import { countRuleMetric, hasPatternRules, type EventBridgeState } from './rules-state.ts';
import { taskStateChanged } from './s3-reader.ts';

function interested(eb: EventBridgeState): boolean {
  return eb.readers.size > 0 || hasPatternRules(eb);
}

provideEventLogListener('events', (ctx, event) => {
  const eb = ctx.state.eventBridge;
  if (eb === undefined || eb.drainTimer !== undefined) return;
  if (!interested(eb)) {
    eb.cursor = event.id;
    return;
  }
  eb.drainTimer = ctx.clock.schedule(ctx.clock.now, () => deliverNewEvents(ctx));
});

/** The log's lines after the cursor (ids increase; the log is trimmed only at its start). */
function linesAfter(events: readonly SimEvent[], cursor: number): SimEvent[] {
  let i = events.length;
  while (i > 0 && events[i - 1]!.id > cursor) i--;
  return events.slice(i);
}

function deliverNewEvents(ctx: EngineContext): void {
  const eb = ctx.state.eventBridge;
  if (eb === undefined) return;
  eb.drainTimer = undefined;
  const lines = linesAfter(ctx.state.events, eb.cursor);
  if (lines.length === 0) return;
  eb.cursor = lines[lines.length - 1]!.id;
  for (const line of lines) if (line.eventBridge !== undefined) offer(ctx, eb, line.eventBridge);
}

/** One event to the S3 readers and to every enabled pattern rule of the default bus, in creation order. */
function offer(ctx: EngineContext, eb: EventBridgeState, event: EventBridgeEvent): void {
  if (event['detail-type'] === 'ECS Task State Change') taskStateChanged(ctx, event);
  // A snapshot of the list: a target may not change rules, but be safe against it.
  for (const rule of [...eb.rules]) {
    if (rule.State !== 'ENABLED' || rule.pattern === undefined || rule.EventBusName !== DEFAULT_BUS) continue;
    if (!matchesEventPattern(rule.pattern, event)) continue;
    countRuleMetric(ctx.state, rule, 'MatchedEvents', ctx.clock.now);
    countRuleMetric(ctx.state, rule, 'TriggeredRules', ctx.clock.now);
    ctx.emit('events.rule-matched', `Rule ${rule.Name} matched ${detailTypeWithArticle(event)}: ${eventSummary(event)}.${noTargetsText(rule)}`, rule.Arn);
    invokeTargets(ctx, rule, event);
  }
}

/** The enabled pattern rules an event would match (read-only; S3 uploads name them in their log line). */
export function rulesMatching(eb: EventBridgeState | undefined, event: unknown): string[] {
  if (eb === undefined) return [];
  return eb.rules.filter((r) => r.State === 'ENABLED' && r.pattern !== undefined && r.EventBusName === DEFAULT_BUS && matchesEventPattern(r.pattern, event)).map((r) => r.Name);
}
