/**
 * The sandbox's guard against a rule that starts tasks on task events feeding itself: a rule on "ECS
 * Task State Change" with an ECS RunTask target starts a task, whose own state changes match the
 * rule again, and so on — on AWS this runs (and bills) until someone disables the rule; the
 * EventBridge User Guide warns about such infinite loops (eb-rules-best-practices: "Avoid infinite
 * loops") and AWS has no limit of its own beyond the account's quotas.
 *
 * Sandbox: an event about a task that an EventBridge rule started (startedBy "events-rule/…") is a
 * chained event; a rule may start at most CHAINED_TASKS_PER_RULE tasks from chained events. Past
 * that, the rule's chained invocations are skipped and the event log says why, once. Events about
 * other tasks (a service's, a learner's RunTask) never count, so an ordinary "restart what stopped"
 * rule is unaffected.
 */
import type { EventBridgeEvent } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { STARTED_BY_RULE_PREFIX } from './ecs-target.ts';
import type { RuleRecord } from './rule-requests.ts';
import { statsOf } from './rules-state.ts';

/**
 * Sandbox: tasks one rule may start from events about rule-started tasks. 25 lets a learner watch a
 * loop grow for a few generations (a rule on every state change starts ~4 tasks per task) while the
 * sandbox stays responsive; a real loop has no such stop.
 */
export const CHAINED_TASKS_PER_RULE = 25;

/** An event about a task that an EventBridge rule started. */
export function chainedEvent(event: EventBridgeEvent): boolean {
  if (event['detail-type'] !== 'ECS Task State Change') return false;
  const startedBy = event.detail.startedBy;
  return typeof startedBy === 'string' && startedBy.startsWith(STARTED_BY_RULE_PREFIX);
}

/** True (and says so in the log, once per rule) when starting `count` more chained tasks would pass the cap. */
export function loopGuardRefuses(ctx: EngineContext, rule: RuleRecord, count: number): boolean {
  const stats = statsOf(ctx.state, rule, ctx.clock.now);
  if (stats.chainedTasks + count <= CHAINED_TASKS_PER_RULE) return false;
  if (!stats.loopStopped) {
    stats.loopStopped = true;
    ctx.emit(
      'events.loop-stopped',
      `Rule ${rule.Name} looks like a loop: it has started ${stats.chainedTasks} task(s) from the events of tasks EventBridge rules started, and the sandbox stops at ${CHAINED_TASKS_PER_RULE}. It will not start tasks on such events any more (on AWS the loop would go on, and bill, until the rule is disabled or its pattern narrowed — e.g. exclude "startedBy": [{"prefix": "events-rule/"}] with anything-but).`,
      rule.Arn,
    );
  }
  return true;
}
