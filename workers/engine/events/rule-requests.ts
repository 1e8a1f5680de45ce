/**
 * EventBridge rule requests — PutRule, DeleteRule, DescribeRule, ListRules, EnableRule / DisableRule —
 * as pure checkers over a plain context the caller fills (the rules that exist). Nothing here reads
 * engine state, mutates its input or throws: each answers `{ ok: true, ... }` with the new rule list
 * and AWS's response, or `{ ok: false, error }` with AWS's code and text (request-messages.ts).
 *
 * Facts used (PutRule / DeleteRule API references unless marked):
 * - Name: 1-64 characters of [.\-_A-Za-z0-9]. State ENABLED | DISABLED, default ENABLED.
 * - A rule needs an EventPattern or a ScheduleExpression; it may have both ("the rule triggers on
 *   matching events as well as on a schedule", PutRule API reference).
 * - Schedules only on the default bus (moto / LocalStack text). Expressions: schedules/ 'events-rule'.
 * - PutRule on an existing name updates it and keeps its targets (the API "creates or updates").
 * - RuleArn: arn:aws:events:REGION:ACCOUNT:rule/NAME on the default bus, rule/BUS/NAME on another.
 * - DeleteRule refuses while targets remain; deleting an unknown rule answers success (moto's test,
 *   "verified against AWS").
 * - 300 rules per bus (quota); past it LimitExceededException (text UNCONFIRMED).
 */
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import { parseScheduleExpression, type Schedule } from '../schedules/index.ts';
import { checkEventPattern, type EventPattern } from './patterns.ts';
import { MESSAGES, NAME_MAX, NAME_RE, RULES_PER_BUS, notFound, validation, type EventsError } from './request-messages.ts';
import type { TargetRecord } from './target-requests.ts';

export type RuleState = 'ENABLED' | 'DISABLED';
export const DEFAULT_BUS = 'default';

export interface RuleRecord {
  Name: string;
  Arn: string;
  EventBusName: string;
  State: RuleState;
  Description?: string;
  ScheduleExpression?: string;
  EventPattern?: string;
  RoleArn?: string;
  /** Parsed forms, for the caller that fires the rule. */
  schedule?: Schedule;
  pattern?: EventPattern;
  targets: readonly TargetRecord[];
}

/** What the caller fills: every rule of the account (all buses). */
export interface RulesContext {
  rules: readonly RuleRecord[];
}

export type RuleFailure = { ok: false; error: EventsError };
export type RulesChange<R> = { ok: true; rules: RuleRecord[]; response: R } | RuleFailure;

export const ruleArn = (name: string, bus = DEFAULT_BUS): string =>
  `arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/${bus === DEFAULT_BUS ? '' : `${bus}/`}${name}`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (error: EventsError): RuleFailure => ({ ok: false, error });

/** A rule or target name/id against the model constraint; undefined when fine. */
export function nameProblem(value: unknown, field: string): EventsError | undefined {
  if (typeof value !== 'string' || value.length === 0) return validation(MESSAGES.minLength(field, 1));
  if (value.length > NAME_MAX) return validation(MESSAGES.maxLength(value, field, NAME_MAX));
  if (!NAME_RE.test(value)) return validation(MESSAGES.patternConstraint(value, field));
  return undefined;
}

/** EventBusName given as a name or an event-bus ARN → its name (default when absent). */
export function busNameOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') return DEFAULT_BUS;
  const slash = value.lastIndexOf('/');
  return value.startsWith('arn:') && slash >= 0 ? value.slice(slash + 1) : value;
}

export function findRule(context: RulesContext, name: unknown, bus: unknown): RuleRecord | undefined {
  const busName = busNameOf(bus);
  return context.rules.find((r) => r.Name === name && r.EventBusName === busName);
}

function optionalString(request: Record<string, unknown>, field: string, max: number): EventsError | undefined {
  const value = request[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return validation(`${field} must be a string.`); // Sandbox: the CLI refuses other types before sending
  if (value.length > max) return validation(MESSAGES.maxLength(value, field.charAt(0).toLowerCase() + field.slice(1), max));
  return undefined;
}

/** PutRule: create or update. Answers `{ RuleArn }`. */
export function checkPutRule(context: RulesContext, request: unknown): RulesChange<{ RuleArn: string }> {
  if (!isRecord(request)) return fail(validation('PutRule takes an object with at least Name.')); // Sandbox
  const name = request.Name;
  const nameError = nameProblem(name, 'name');
  if (nameError) return fail(nameError);
  // Lengths from the PutRule API reference: Description 512, ScheduleExpression 256, RoleArn 1600, EventPattern 4096.
  for (const [field, max] of [['Description', 512], ['ScheduleExpression', 256], ['RoleArn', 1600], ['EventPattern', 4096]] as const) {
    const problem = optionalString(request, field, max);
    if (problem) return fail(problem);
  }
  const state = request.State ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') return fail(validation(MESSAGES.enumConstraint(String(state), 'state', ['ENABLED', 'DISABLED'])));
  const bus = busNameOf(request.EventBusName);
  const scheduleText = request.ScheduleExpression as string | undefined;
  const patternText = request.EventPattern as string | undefined;
  if (!scheduleText && !patternText) return fail(validation(MESSAGES.patternOrSchedule()));

  let schedule: Schedule | undefined;
  if (scheduleText) {
    if (bus !== DEFAULT_BUS) return fail(validation(MESSAGES.scheduleOnDefaultBusOnly()));
    const parsed = parseScheduleExpression(scheduleText, { dialect: 'events-rule' });
    // AWS's text first, then the sandbox's explanation for the learner.
    if (!parsed.ok) return fail(validation(`${parsed.awsMessage} ${parsed.message}`));
    schedule = parsed.schedule;
  }
  let pattern: EventPattern | undefined;
  if (patternText) {
    const checked = checkEventPattern(patternText);
    if (!checked.ok) return fail({ code: checked.code, message: checked.message });
    pattern = checked.pattern;
  }

  const existing = findRule(context, name, bus);
  if (!existing && context.rules.filter((r) => r.EventBusName === bus).length >= RULES_PER_BUS) {
    return fail({ code: 'LimitExceededException', message: `${MESSAGES.limitExceeded()} An event bus holds at most ${RULES_PER_BUS} rules; bus ${bus} has ${RULES_PER_BUS}.` });
  }
  const rule: RuleRecord = {
    Name: name as string,
    Arn: ruleArn(name as string, bus),
    EventBusName: bus,
    State: state,
    ...(request.Description !== undefined ? { Description: request.Description as string } : {}),
    ...(scheduleText ? { ScheduleExpression: scheduleText, schedule } : {}),
    ...(patternText ? { EventPattern: patternText, pattern } : {}),
    ...(request.RoleArn !== undefined ? { RoleArn: request.RoleArn as string } : {}),
    targets: existing?.targets ?? [],
  };
  const rules = existing ? context.rules.map((r) => (r === existing ? rule : r)) : [...context.rules, rule];
  return { ok: true, rules, response: { RuleArn: rule.Arn } };
}

/** DeleteRule: refused while targets remain; an unknown rule is a silent success, as AWS answers. */
export function checkDeleteRule(context: RulesContext, request: unknown): RulesChange<Record<string, never>> {
  const req = isRecord(request) ? request : {};
  const nameError = nameProblem(req.Name, 'name');
  if (nameError) return fail(nameError);
  const rule = findRule(context, req.Name, req.EventBusName);
  if (!rule) return { ok: true, rules: [...context.rules], response: {} };
  if (rule.targets.length > 0) {
    return fail(validation(`${MESSAGES.ruleHasTargets()} Remove its ${rule.targets.length} target(s) first (${rule.targets.map((t) => t.Id).join(', ')}).`));
  }
  return { ok: true, rules: context.rules.filter((r) => r !== rule), response: {} };
}

/** DescribeRule's answer shape. */
export function describeRuleShape(rule: RuleRecord): Record<string, unknown> {
  return {
    Name: rule.Name,
    Arn: rule.Arn,
    ...(rule.EventPattern !== undefined ? { EventPattern: rule.EventPattern } : {}),
    ...(rule.ScheduleExpression !== undefined ? { ScheduleExpression: rule.ScheduleExpression } : {}),
    State: rule.State,
    ...(rule.Description !== undefined ? { Description: rule.Description } : {}),
    ...(rule.RoleArn !== undefined ? { RoleArn: rule.RoleArn } : {}),
    EventBusName: rule.EventBusName,
    CreatedBy: ACCOUNT_ID,
  };
}

export function describeRule(context: RulesContext, request: unknown): { ok: true; response: Record<string, unknown> } | RuleFailure {
  const req = isRecord(request) ? request : {};
  const nameError = nameProblem(req.Name, 'name');
  if (nameError) return fail(nameError);
  const rule = findRule(context, req.Name, req.EventBusName);
  if (!rule) return fail(notFound(MESSAGES.ruleNotFound(String(req.Name), busNameOf(req.EventBusName))));
  return { ok: true, response: describeRuleShape(rule) };
}

/** ListRules: the bus's rules whose name starts with NamePrefix, sorted by name. */
export function listRules(context: RulesContext, request: unknown): { ok: true; response: { Rules: Record<string, unknown>[] } } | RuleFailure {
  const req = isRecord(request) ? request : {};
  const prefix = req.NamePrefix;
  if (prefix !== undefined) {
    const problem = nameProblem(prefix, 'namePrefix');
    if (problem) return fail(problem);
  }
  const bus = busNameOf(req.EventBusName);
  const rules = context.rules
    .filter((r) => r.EventBusName === bus && (typeof prefix !== 'string' || r.Name.startsWith(prefix)))
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
    .map(describeRuleShape);
  return { ok: true, response: { Rules: rules } };
}

/** EnableRule / DisableRule. An unknown rule: ResourceNotFoundException (same text as DescribeRule; UNCONFIRMED). */
export function checkSetRuleState(context: RulesContext, request: unknown, state: RuleState): RulesChange<Record<string, never>> {
  const req = isRecord(request) ? request : {};
  const nameError = nameProblem(req.Name, 'name');
  if (nameError) return fail(nameError);
  const rule = findRule(context, req.Name, req.EventBusName);
  if (!rule) return fail(notFound(MESSAGES.ruleNotFound(String(req.Name), busNameOf(req.EventBusName))));
  return { ok: true, rules: context.rules.map((r) => (r === rule ? { ...r, State: state } : r)), response: {} };
}
