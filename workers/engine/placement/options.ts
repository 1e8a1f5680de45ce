/**
 * Checking a request's `placementStrategy` and `placementConstraints` (plus the task definition's
 * own memberOf constraints) into the pipeline's Strategy and Constraint values, with the limits
 * ECS applies (ecs-reference §1): at most 5 strategies, at most 10 constraints counting the task
 * definition's, expressions of at most 2000 characters in the cluster query language.
 *
 * Defaults are the scheduler's: RunTask without strategies places at random; the service
 * scheduler (issue 5) spreads across Availability Zones. Each caller passes its default.
 */
import type { PlacementRuleSource, TaskDefinition } from '../../protocol.ts';
import { didYouMean } from '../text.ts';
import { PLACEMENT_MESSAGES as M } from './messages.ts';
import { MAX_EXPRESSION_LENGTH, parseClusterQuery } from './query/index.ts';
import type { Constraint, Strategy } from './request.ts';

export const MAX_STRATEGIES = 5;
export const MAX_CONSTRAINTS = 10;

/** RunTask's default: random (ecs-reference §1, ECSDG:scheduling_tasks). */
export const RUN_TASK_DEFAULT_STRATEGIES: readonly Strategy[] = [{ type: 'random', source: { type: 'random', origin: 'default' } }];

/** The service scheduler's default for REPLICA services: spread across Availability Zones (ecs-reference §1). */
export const SERVICE_DEFAULT_STRATEGIES: readonly Strategy[] = [
  {
    type: 'spread',
    by: 'attribute',
    attribute: 'ecs.availability-zone',
    source: { type: 'spread', field: 'attribute:ecs.availability-zone', origin: 'default' },
  },
];

export type OptionsCheck<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkStrategies(raw: unknown[] | undefined, defaults: readonly Strategy[]): OptionsCheck<Strategy[]> {
  if (raw === undefined || raw.length === 0) return { ok: true, value: [...defaults] };
  if (raw.length > MAX_STRATEGIES) return { ok: false, message: M.tooManyStrategies(raw.length) };
  const strategies: Strategy[] = [];
  for (const [index, item] of raw.entries()) {
    const strategy = checkStrategy(index, item);
    if (!strategy.ok) return strategy;
    strategies.push(strategy.value);
  }
  return { ok: true, value: strategies };
}

function checkStrategy(index: number, item: unknown): OptionsCheck<Strategy> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { ok: false, message: M.strategyNotObject(index) };
  const { type, field } = item as { type?: unknown; field?: unknown };
  const fieldText = typeof field === 'string' ? field : undefined;
  const source: PlacementRuleSource = { type: String(type), ...(fieldText === undefined ? {} : { field: fieldText }), origin: 'request' };
  switch (type) {
    case 'random':
      // AWS: "For the random placement strategy, this field is not used."
      return { ok: true, value: { type: 'random', source: { type: 'random', origin: 'request' } } };
    case 'binpack': {
      const resource = fieldText?.toLowerCase();
      if (resource !== 'cpu' && resource !== 'memory') return { ok: false, message: M.binpackField(index, field) };
      return { ok: true, value: { type: 'binpack', resource, source } };
    }
    case 'spread': {
      if (fieldText === 'instanceId' || fieldText === 'host') return { ok: true, value: { type: 'spread', by: 'instanceId', source } };
      if (fieldText !== undefined && fieldText.startsWith('attribute:') && fieldText.length > 'attribute:'.length) {
        return { ok: true, value: { type: 'spread', by: 'attribute', attribute: fieldText.slice('attribute:'.length), source } };
      }
      return { ok: false, message: M.spreadField(index, field) };
    }
    default:
      return { ok: false, message: M.unknownStrategyType(index, type, didYouMean(String(type), ['random', 'spread', 'binpack'])) };
  }
}

/** The request's constraints, after the task definition's memberOf constraints (which always apply). */
export function checkConstraints(raw: unknown[] | undefined, td: TaskDefinition): OptionsCheck<Constraint[]> {
  const fromTaskDefinition = Array.isArray(td.placementConstraints) ? td.placementConstraints : [];
  const given = raw ?? [];
  const total = fromTaskDefinition.length + given.length;
  if (total > MAX_CONSTRAINTS) return { ok: false, message: M.tooManyConstraints(total, fromTaskDefinition.length) };
  const constraints: Constraint[] = [];
  for (const [index, item] of fromTaskDefinition.entries()) {
    const constraint = checkConstraint(index, item, 'taskDefinition');
    if (!constraint.ok) return constraint;
    constraints.push(constraint.value);
  }
  for (const [index, item] of given.entries()) {
    const constraint = checkConstraint(index, item, 'request');
    if (!constraint.ok) return constraint;
    constraints.push(constraint.value);
  }
  return { ok: true, value: constraints };
}

function checkConstraint(index: number, item: unknown, origin: 'request' | 'taskDefinition'): OptionsCheck<Constraint> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { ok: false, message: M.constraintNotObject(index) };
  const { type, expression } = item as { type?: unknown; expression?: unknown };
  const hasExpression = typeof expression === 'string' && expression.trim() !== '';
  switch (type) {
    case 'distinctInstance':
      if (hasExpression) return { ok: false, message: M.distinctInstanceExpression(index) };
      return { ok: true, value: { type: 'distinctInstance', source: { type: 'distinctInstance', origin } } };
    case 'memberOf': {
      if (!hasExpression) return { ok: false, message: M.memberOfNeedsExpression(index) };
      const text = expression as string;
      if (text.length > MAX_EXPRESSION_LENGTH) return { ok: false, message: M.expressionTooLong(index, text.length) };
      const parsed = parseClusterQuery(text);
      if (!parsed.ok) return { ok: false, message: M.expressionInvalid(index, parsed.message, parsed.column) };
      return { ok: true, value: { type: 'memberOf', query: parsed.query, source: { type: 'memberOf', expression: text, origin } } };
    }
    default:
      return { ok: false, message: M.unknownConstraintType(index, type, didYouMean(String(type), ['distinctInstance', 'memberOf'])) };
  }
}
