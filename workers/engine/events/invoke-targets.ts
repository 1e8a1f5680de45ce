/**
 * A rule ran (an event matched, or its schedule fired): invoke each of its targets with the event,
 * count Invocations / FailedInvocations, and say in the event log what each target got.
 *
 * - ECS cluster targets start tasks (ecs-target.ts); a task started for an S3 "Object Created" event
 *   is then to read that object (s3-reader.ts).
 * - SQS queue targets: delivered through `provideQueueDelivery` when the SQS module has registered
 *   one (the "sqs" helper hooks its queues there); otherwise, and for every other target (an SNS
 *   topic, a CloudWatch Logs group, a Lambda function…), the sandbox has nothing behind the ARN and
 *   writes "delivered to <arn>" — the notification the course describes.
 * - The loop guard (loop-guard.ts) stops a rule that starts tasks on the events of tasks rules started.
 */
import type { EventBridgeEvent } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { idOfArn } from '../ids/arn.ts';
import { invokeEcsTarget, targetOverrides } from './ecs-target.ts';
import { chainedEvent, loopGuardRefuses } from './loop-guard.ts';
import type { RuleRecord } from './rule-requests.ts';
import { countRuleMetric, eventBridgeOf, statsOf } from './rules-state.ts';
import { isEcsTarget, type TargetRecord } from './target-requests.ts';

/**
 * Delivery of an event to an SQS queue the sandbox models: answers undefined when delivered, or why
 * not (no such queue, …), or 'unknown' when it does not model that queue (then the rule just logs).
 */
export type QueueDelivery = (ctx: EngineContext, queueArn: string, body: string, ruleName: string) => undefined | 'unknown' | { failed: string };

let queueDelivery: QueueDelivery | undefined;

/** For the SQS module: deliver rule events to its queues (arn:aws:sqs:REGION:ACCOUNT:NAME). */
export function provideQueueDelivery(deliver: QueueDelivery): void {
  queueDelivery = deliver;
}

const isQueueArn = (arn: string): boolean => arn.startsWith('arn:aws:sqs:');

/** The text a non-ECS target receives: the whole event unless Input / InputPath / InputTransformer say otherwise. */
function deliveredText(target: TargetRecord, rule: RuleRecord, event: EventBridgeEvent): string {
  if (target.Input === undefined && target.InputPath === undefined && target.InputTransformer === undefined) return JSON.stringify(event);
  const input = targetOverrides(target, rule, event);
  return input.ok ? JSON.stringify(input.overrides ?? {}) : JSON.stringify(event);
}

function fail(ctx: EngineContext, rule: RuleRecord, target: TargetRecord, reason: string): void {
  countRuleMetric(ctx.state, rule, 'FailedInvocations', ctx.clock.now);
  ctx.emit('events.invocation-failed', `Rule ${rule.Name}: invoking target ${target.Id} (${target.Arn}) failed, counted in FailedInvocations: ${reason}`, rule.Arn);
}

/** What the line of a rule that ran adds when it has no targets (AWS just does nothing). */
export const noTargetsText = (rule: RuleRecord): string => (rule.targets.length === 0 ? ' It has no targets, so nothing is invoked (add one with events:PutTargets).' : '');

export function invokeTargets(ctx: EngineContext, rule: RuleRecord, event: EventBridgeEvent): void {
  const chained = chainedEvent(event);
  for (const target of rule.targets) {
    if (isEcsTarget(target.Arn)) {
      const count = target.EcsParameters?.TaskCount ?? 1;
      if (chained && loopGuardRefuses(ctx, rule, count)) continue;
      countRuleMetric(ctx.state, rule, 'Invocations', ctx.clock.now);
      const outcome = invokeEcsTarget(ctx, rule, target, event);
      if (!outcome.ok) {
        fail(ctx, rule, target, outcome.reason);
        continue;
      }
      if (chained) statsOf(ctx.state, rule, ctx.clock.now).chainedTasks += outcome.taskArns.length;
      const ids = outcome.taskArns.map((arn) => idOfArn(arn).slice(0, 8)).join(', ');
      const partial = outcome.failures.length > 0 ? ` (${outcome.failures.length} not placed: ${outcome.failures.join('; ')})` : '';
      ctx.emit(
        'events.invocation',
        `Rule ${rule.Name} ran ${outcome.taskArns.length} task(s) in cluster ${idOfArn(target.Arn)} (startedBy events-rule/${rule.Name}): ${ids}${partial}.`,
        rule.Arn,
      );
      if (event['detail-type'] === 'Object Created') rememberReads(ctx, rule, event, outcome.taskArns);
      continue;
    }
    countRuleMetric(ctx.state, rule, 'Invocations', ctx.clock.now);
    const delivered = isQueueArn(target.Arn) && queueDelivery !== undefined ? queueDelivery(ctx, target.Arn, deliveredText(target, rule, event), rule.Name) : 'unknown';
    if (delivered !== undefined && delivered !== 'unknown') {
      fail(ctx, rule, target, delivered.failed);
      continue;
    }
    ctx.emit('events.delivered', `Rule ${rule.Name} delivered the event to ${target.Arn}.`, rule.Arn);
  }
}

function rememberReads(ctx: EngineContext, rule: RuleRecord, event: EventBridgeEvent, taskArns: readonly string[]): void {
  const detail = event.detail as { bucket?: { name?: string }; object?: { key?: string; size?: number } };
  const bucket = detail.bucket?.name;
  const key = detail.object?.key;
  if (bucket === undefined || key === undefined) return;
  const readers = eventBridgeOf(ctx.state).readers;
  for (const arn of taskArns) readers.set(arn, { bucket, key, size: detail.object?.size ?? 0, ruleName: rule.Name });
}
