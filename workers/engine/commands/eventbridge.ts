/**
 * EventBridge rules and targets (events:PutRule … ListTargetsByRule), the default event bus only for
 * schedules. The pure checkers (events/rule-requests.ts, target-requests.ts) answer the new rule list
 * or AWS's error without touching anything; on success the handler stores the list, keeps each rule's
 * schedule timer in step (events/rule-schedules.ts) and writes one line to the event log. Matching
 * events to rules and invoking targets: events/rule-delivery.ts, events/invoke-targets.ts.
 */
import type { EngineContext } from '../context.ts';
import { fail, ok, type CommandResult } from '../errors.ts';
import { trustedServices } from '../iam/policy.ts';
import { isoAt } from '../ids/arn.ts';
import { describeSchedule } from '../schedules/index.ts';
import '../events/rule-delivery.ts';
import '../events/render.ts';
import {
  checkDeleteRule,
  checkPutRule,
  checkSetRuleState,
  describeRule,
  findRule,
  listRules,
  type RuleRecord,
  type RulesContext,
  type RuleState,
} from '../events/rule-requests.ts';
import { checkPutTargets, checkRemoveTargets, listTargetsByRule, type TargetsContext } from '../events/target-requests.ts';
import type { EventsError } from '../events/request-messages.ts';
import { armSchedule, disarmSchedule } from '../events/rule-schedules.ts';
import { eventBridgeOf, statsOf } from '../events/rules-state.ts';
import { checkParams, type OperationShape } from './params.ts';

const SHAPES = {
  PutRule: {
    params: { Name: 'string', ScheduleExpression: 'string', EventPattern: 'string', State: 'string', Description: 'string', RoleArn: 'string', Tags: 'list', EventBusName: 'string' },
    required: ['Name'],
  },
  DeleteRule: { params: { Name: 'string', EventBusName: 'string', Force: 'boolean' }, required: ['Name'] },
  DescribeRule: { params: { Name: 'string', EventBusName: 'string' }, required: ['Name'] },
  ListRules: { params: { NamePrefix: 'string', EventBusName: 'string', NextToken: 'string', Limit: 'integer' } },
  RuleState: { params: { Name: 'string', EventBusName: 'string' }, required: ['Name'] },
  PutTargets: { params: { Rule: 'string', EventBusName: 'string', Targets: 'list' }, required: ['Rule', 'Targets'] },
  RemoveTargets: { params: { Rule: 'string', EventBusName: 'string', Ids: 'list', Force: 'boolean' }, required: ['Rule', 'Ids'] },
  ListTargetsByRule: { params: { Rule: 'string', EventBusName: 'string', NextToken: 'string', Limit: 'integer' }, required: ['Rule'] },
} as const satisfies Record<string, OperationShape>;

const refuse = (error: EventsError): CommandResult => fail(error.code, error.message);

/** The rules as the checkers read them, without creating any state (a refusal must leave none behind). */
const rulesContext = (ctx: EngineContext): RulesContext => ({ rules: ctx.state.eventBridge?.rules ?? [] });

/** EventPattern may be given as an object in a scenario file (the CLI sends a string); the checker takes both. */
function normalisePattern(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const request = raw as Record<string, unknown>;
  const pattern = request.EventPattern;
  return typeof pattern === 'object' && pattern !== null ? { ...request, EventPattern: JSON.stringify(pattern) } : raw;
}

/** Paging for ListRules / ListTargetsByRule (Limit 1-100; the token is the sandbox's, opaque to the caller). */
function page<T>(items: readonly T[], limit: unknown, token: unknown): { ok: true; items: T[]; next?: string } | { ok: false; result: CommandResult } {
  const size = limit === undefined ? 100 : (limit as number);
  if (size < 1 || size > 100) {
    return { ok: false, result: fail('ValidationException', `1 validation error detected: Value '${size}' at 'limit' failed to satisfy constraint: Member must have value ${size < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`) };
  }
  let offset = 0;
  if (token !== undefined) {
    const m = /^sandbox-events-(\d+)$/.exec(String(token));
    if (m === null) return { ok: false, result: fail('ValidationException', 'The NextToken is not valid: pass the NextToken of the previous answer unchanged.') }; // UNCONFIRMED wording
    offset = Number(m[1]);
  }
  const slice = items.slice(offset, offset + size);
  const end = offset + slice.length;
  return { ok: true, items: slice, ...(end < items.length ? { next: `sandbox-events-${end}` } : {}) };
}

/** Store a checker's new rule list, keep stats and schedules in step with it. */
function storeRules(ctx: EngineContext, rules: RuleRecord[]): void {
  const eb = eventBridgeOf(ctx.state);
  const before = new Map(eb.rules.map((r) => [r.Arn, r]));
  eb.rules = rules;
  const after = new Set(rules.map((r) => r.Arn));
  for (const arn of before.keys()) {
    if (after.has(arn)) continue;
    disarmSchedule(ctx, arn);
    eb.stats.delete(arn);
  }
  for (const rule of rules) {
    const old = before.get(rule.Arn);
    if (old !== undefined && old.State === rule.State && old.ScheduleExpression === rule.ScheduleExpression) continue;
    const stats = statsOf(ctx.state, rule, ctx.clock.now);
    // A new or changed schedule counts its rate() periods from now.
    if (old !== undefined && old.ScheduleExpression !== rule.ScheduleExpression) stats.createdMs = ctx.clock.now;
    armSchedule(ctx, rule);
  }
}

function ruleSentence(rule: RuleRecord): string {
  const parts: string[] = [];
  if (rule.schedule !== undefined) parts.push(`runs ${describeSchedule(rule.schedule)} (${rule.ScheduleExpression})`);
  if (rule.EventPattern !== undefined) parts.push(`matches events with the pattern ${rule.EventPattern}`);
  return parts.join(' and ');
}

export function eventsPutRule(ctx: EngineContext, raw: unknown): CommandResult {
  const request = normalisePattern(raw);
  const checked = checkParams(request, SHAPES.PutRule);
  if (!checked.ok) return checked.result;
  const existed = findRule(rulesContext(ctx), (request as { Name: string }).Name, (request as { EventBusName?: string }).EventBusName) !== undefined;
  const result = checkPutRule(rulesContext(ctx), request);
  if (!result.ok) return refuse(result.error);
  storeRules(ctx, result.rules);
  const rule = result.rules.find((r) => r.Arn === result.response.RuleArn)!;
  const next = ctx.state.eventBridge?.stats.get(rule.Arn)?.nextFireMs;
  ctx.emit(
    existed ? 'events.rule-updated' : 'events.rule-created',
    `Rule ${rule.Name} ${existed ? 'updated' : 'created'} (${rule.State}): it ${ruleSentence(rule)}${next !== undefined ? `; next run at ${isoAt(next).replace(/\.\d{3}Z$/, 'Z')}` : ''}${rule.targets.length === 0 ? '. Add targets with events:PutTargets.' : '.'}`,
    rule.Arn,
  );
  return ok(result.response);
}

export function eventsDeleteRule(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams(raw, SHAPES.DeleteRule);
  if (!checked.ok) return checked.result;
  const existing = findRule(rulesContext(ctx), (raw as { Name: string }).Name, (raw as { EventBusName?: string }).EventBusName);
  const result = checkDeleteRule(rulesContext(ctx), raw);
  if (!result.ok) return refuse(result.error);
  if (existing !== undefined) {
    storeRules(ctx, result.rules);
    ctx.emit('events.rule-deleted', `Rule ${existing.Name} deleted.`, existing.Arn);
  }
  return ok({});
}

export function eventsDescribeRule(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams(raw, SHAPES.DescribeRule);
  if (!checked.ok) return checked.result;
  const result = describeRule(rulesContext(ctx), raw);
  return result.ok ? ok(result.response) : refuse(result.error);
}

export function eventsListRules(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams(raw ?? {}, SHAPES.ListRules);
  if (!checked.ok) return checked.result;
  const result = listRules(rulesContext(ctx), raw ?? {});
  if (!result.ok) return refuse(result.error);
  const input = (raw ?? {}) as { Limit?: number; NextToken?: string };
  const paged = page(result.response.Rules, input.Limit, input.NextToken);
  if (!paged.ok) return paged.result;
  return ok({ Rules: paged.items, ...(paged.next !== undefined ? { NextToken: paged.next } : {}) });
}

function setState(ctx: EngineContext, raw: unknown, state: RuleState): CommandResult {
  const checked = checkParams(raw, SHAPES.RuleState);
  if (!checked.ok) return checked.result;
  const result = checkSetRuleState(rulesContext(ctx), raw, state);
  if (!result.ok) return refuse(result.error);
  const name = (raw as { Name: string }).Name;
  const before = findRule(rulesContext(ctx), name, (raw as { EventBusName?: string }).EventBusName)!;
  storeRules(ctx, result.rules);
  if (before.State !== state) {
    ctx.emit(
      state === 'ENABLED' ? 'events.rule-enabled' : 'events.rule-disabled',
      state === 'ENABLED' ? `Rule ${name} enabled: it runs its targets again.` : `Rule ${name} disabled: it matches no events and its schedule does not fire until it is enabled.`,
      before.Arn,
    );
  }
  return ok({});
}

export const eventsEnableRule = (ctx: EngineContext, raw: unknown): CommandResult => setState(ctx, raw, 'ENABLED');
export const eventsDisableRule = (ctx: EngineContext, raw: unknown): CommandResult => setState(ctx, raw, 'DISABLED');

/** What PutTargets checks targets against, from the engine state (read-only). */
function targetsContext(ctx: EngineContext): TargetsContext {
  const taskDefinitions: TargetsContext['taskDefinitions'][number][] = [];
  for (const revisions of ctx.state.taskDefinitions.values()) {
    for (const td of revisions) {
      if (td.status !== 'ACTIVE') continue;
      taskDefinitions.push({ arn: td.taskDefinitionArn, networkMode: td.networkMode ?? 'bridge', compatibilities: td.compatibilities });
    }
  }
  return {
    ...rulesContext(ctx),
    roles: [...ctx.state.roles.values()].map((role) => ({ arn: role.Arn, trustedServices: trustedServices(role.trustPolicy) })),
    clusterArns: [...ctx.state.clusters.values()].filter((c) => c.status === 'ACTIVE').map((c) => c.clusterArn),
    taskDefinitions,
  };
}

interface TargetChangeInput {
  Rule: string;
  EventBusName?: string;
}

/** Store the rules after a target change and say what the rule holds now. */
function storeTargetChange(ctx: EngineContext, rules: RuleRecord[], input: TargetChangeInput, kind: string, what: string): void {
  storeRules(ctx, rules);
  const rule = findRule(rulesContext(ctx), input.Rule, input.EventBusName)!;
  ctx.emit(kind, `Rule ${rule.Name} now has ${rule.targets.length} target(s)${what}.`, rule.Arn);
}

export function eventsPutTargets(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<TargetChangeInput & { Targets: { Id: string; Arn: string }[] }>(raw, SHAPES.PutTargets);
  if (!checked.ok) return checked.result;
  // The checker keeps the targets as given: a copy, so the caller's object never aliases the state.
  const input = structuredClone(checked.input);
  const result = checkPutTargets(targetsContext(ctx), input);
  if (!result.ok) return refuse(result.error);
  const failedIds = new Set(result.response.FailedEntries.map((f) => f.TargetId));
  const added = input.Targets.filter((t) => !failedIds.has(t.Id));
  if (added.length > 0) storeTargetChange(ctx, result.rules, input, 'events.targets-put', `; put ${added.map((t) => `${t.Id} → ${t.Arn}`).join(', ')}`);
  for (const failed of result.response.FailedEntries) {
    ctx.emit('events.target-refused', `Rule ${input.Rule}: target ${failed.TargetId} was not added: ${failed.ErrorMessage}`);
  }
  return ok(result.response);
}

export function eventsRemoveTargets(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<TargetChangeInput & { Ids: string[] }>(raw, SHAPES.RemoveTargets);
  if (!checked.ok) return checked.result;
  const result = checkRemoveTargets(rulesContext(ctx), checked.input);
  if (!result.ok) return refuse(result.error);
  if (result.response.FailedEntryCount < checked.input.Ids.length) storeTargetChange(ctx, result.rules, checked.input, 'events.targets-removed', '');
  return ok(result.response);
}

export function eventsListTargetsByRule(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams(raw, SHAPES.ListTargetsByRule);
  if (!checked.ok) return checked.result;
  const result = listTargetsByRule(rulesContext(ctx), raw);
  if (!result.ok) return refuse(result.error);
  const input = raw as { Limit?: number; NextToken?: string };
  const paged = page(result.response.Targets, input.Limit, input.NextToken);
  if (!paged.ok) return paged.result;
  return ok({ Targets: paged.items, ...(paged.next !== undefined ? { NextToken: paged.next } : {}) });
}
