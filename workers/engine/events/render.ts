/**
 * The snapshot's `eventRules`: each rule as DescribeRule shows it, its targets as ListTargetsByRule
 * does, and the sandbox's counters (matchedEvents, failedInvocations, nextFireMs) — only once a rule
 * has ever been put (the field stays absent before, as the other issue-7 parts do).
 */
import type { EventRule, EventTarget } from '../../protocol.ts';
import { provideCapacitySnapshot, type CapacitySnapshot } from '../snapshot-parts.ts';
import type { EngineState } from '../state.ts';
import { describeRuleShape } from './rule-requests.ts';
import type { TargetRecord } from './target-requests.ts';

function renderTarget(target: TargetRecord): EventTarget {
  return {
    Id: target.Id,
    Arn: target.Arn,
    ...(target.RoleArn !== undefined ? { RoleArn: target.RoleArn } : {}),
    ...(target.Input !== undefined ? { Input: target.Input } : {}),
    ...(target.InputPath !== undefined ? { InputPath: target.InputPath } : {}),
    ...(target.InputTransformer !== undefined ? { InputTransformer: structuredClone(target.InputTransformer) } : {}),
    ...(target.EcsParameters !== undefined ? { EcsParameters: structuredClone(target.EcsParameters) as unknown as Record<string, unknown> } : {}),
  };
}

export function renderEventRules(state: EngineState): EventRule[] | undefined {
  const eb = state.eventBridge;
  if (eb === undefined) return undefined;
  return eb.rules.map((rule) => {
    const stats = eb.stats.get(rule.Arn);
    const shape = describeRuleShape(rule) as Omit<EventRule, 'Targets' | 'matchedEvents' | 'triggeredRules' | 'failedInvocations'> & { CreatedBy?: string };
    const { CreatedBy: _createdBy, ...described } = shape;
    return {
      ...described,
      Targets: rule.targets.map(renderTarget),
      ...(stats?.nextFireMs !== undefined ? { nextFireMs: stats.nextFireMs } : {}),
      matchedEvents: stats?.matchedEvents ?? 0,
      triggeredRules: stats?.triggeredRules ?? 0,
      failedInvocations: stats?.failedInvocations ?? 0,
    };
  });
}

// `eventRules` is an issue-7 snapshot field the capacity parts' key list does not name yet (snapshot-parts.ts).
provideCapacitySnapshot('events', (state) => {
  const eventRules = renderEventRules(state);
  return (eventRules === undefined ? {} : { eventRules }) as Partial<CapacitySnapshot>;
});
