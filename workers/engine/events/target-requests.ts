/**
 * EventBridge target requests — PutTargets, RemoveTargets, ListTargetsByRule — for rules whose target is
 * ECS RunTask, as pure checkers over a plain context (rules, IAM roles, clusters, task definitions) the
 * caller fills. Never throws, never mutates its input.
 *
 * Two kinds of refusal, as EventBridge answers them:
 * - the whole request (an exception): unknown rule (ResourceNotFoundException), a malformed Id, Arn or
 *   count (ValidationException in AWS's request-validation format), an ECS target without RoleArn
 *   ("RoleArn is required for target ARN." — real answers for other role-needing targets), more than 5
 *   targets on the rule (LimitExceededException).
 * - per target (FailedEntryCount / FailedEntries; the other targets are stored): the sandbox reports here
 *   what would make the ECS invocation fail later — the role missing or not trusting
 *   events.amazonaws.com, the cluster or task definition missing, awsvpc without a network
 *   configuration, LaunchType with a capacity provider strategy, TaskCount above RunTask's 10.
 *   AWS itself accepts such targets and the invocations fail (FailedInvocations); reporting them up
 *   front is a Sandbox choice so the learner sees why, and the ErrorCode/ErrorMessage texts are UNCONFIRMED.
 *
 * Sources: PutTargets / EcsParameters / Target API references (Id 1-64 of [.\-_A-Za-z0-9]; 10 targets
 * per request; 5 per rule; EcsParameters.TaskDefinitionArn required, TaskCount default 1 and minimum 1;
 * "If a capacityProviderStrategy is specified, the launchType parameter must be omitted"; the network
 * configuration "is required if LaunchType is FARGATE because the awsvpc mode is required for Fargate
 * tasks"; Input, InputPath and InputTransformer "are mutually exclusive"; for an ECS target without them
 * "nothing from the event is passed to the target"); ECS Developer Guide CWE_IAM_role (the role trusts
 * events.amazonaws.com and allows ecs:RunTask).
 */
import { checkInputTransformer, type InputTransformer } from './input-transformer.ts';
import { MESSAGES, TARGETS_PER_REQUEST, TARGETS_PER_RULE, notFound, validation, type EventsError } from './request-messages.ts';
import { busNameOf, findRule, nameProblem, type RuleFailure, type RuleRecord, type RulesContext } from './rule-requests.ts';

export const EVENTS_PRINCIPAL = 'events.amazonaws.com';
/** RunTask's own cap on count (ecs-reference §15): a larger TaskCount could never be launched. */
export const MAX_TASK_COUNT = 10;

export interface AwsVpcConfiguration {
  Subnets: string[];
  SecurityGroups?: string[];
  AssignPublicIp?: 'ENABLED' | 'DISABLED';
}

export interface EcsParameters {
  TaskDefinitionArn: string;
  TaskCount?: number;
  LaunchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
  CapacityProviderStrategy?: { capacityProvider: string; weight?: number; base?: number }[];
  NetworkConfiguration?: { awsvpcConfiguration?: AwsVpcConfiguration };
  PlatformVersion?: string;
  Group?: string;
  PropagateTags?: 'TASK_DEFINITION';
  Tags?: { Key: string; Value: string }[];
}

export interface TargetRecord {
  Id: string;
  Arn: string;
  RoleArn?: string;
  EcsParameters?: EcsParameters;
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
}

/** The plain facts PutTargets looks at, filled by the caller from engine state. */
export interface TargetsContext extends RulesContext {
  roles: readonly { arn: string; trustedServices: readonly string[] }[];
  clusterArns: readonly string[];
  taskDefinitions: readonly { arn: string; networkMode: string; compatibilities: readonly string[] }[];
}

export interface FailedEntry {
  TargetId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

export type TargetsChange = { ok: true; rules: RuleRecord[]; response: { FailedEntryCount: number; FailedEntries: FailedEntry[] } } | RuleFailure;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (error: EventsError): RuleFailure => ({ ok: false, error });
const ARN_RE = /^arn:[\w:\-/.]*$/;
const CLUSTER_ARN_RE = /^arn:aws:ecs:[a-z0-9-]+:\d{12}:cluster\/.+$/;
const notNull = (field: string) => `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`;

export const isEcsTarget = (arn: string): boolean => CLUSTER_ARN_RE.test(arn);

/** Shape checks that refuse the whole request (exceptions). */
function targetShapeProblem(raw: unknown, index: number): EventsError | undefined {
  const at = `targets.${index + 1}.member`;
  if (!isRecord(raw)) return validation(notNull(`${at}.id`));
  const idProblem = nameProblem(raw.Id, `${at}.id`);
  if (idProblem) return idProblem;
  const id = raw.Id as string;
  if (typeof raw.Arn !== 'string' || raw.Arn === '') return validation(notNull(`${at}.arn`));
  if (!ARN_RE.test(raw.Arn)) return validation(MESSAGES.arnFormat(raw.Arn));
  const inputs = ['Input', 'InputPath', 'InputTransformer'].filter((k) => raw[k] !== undefined);
  if (inputs.length > 1) return validation(MESSAGES.inputExclusive(id));
  if (raw.Input !== undefined) {
    let parsedOk = typeof raw.Input === 'string';
    try {
      if (parsedOk) JSON.parse(raw.Input as string);
    } catch {
      parsedOk = false;
    }
    // UNCONFIRMED wording; AWS documents Input as "valid JSON text".
    if (!parsedOk) return validation(`Target ${id}: Input must be valid JSON text.`);
  }
  if (raw.InputPath !== undefined && (typeof raw.InputPath !== 'string' || !/^\$(\.[A-Za-z0-9_\-/]+(\[\d+\])*)*$/.test(raw.InputPath))) {
    return validation(`Target ${id}: InputPath must be a JSON path in dot notation such as $.detail.`); // UNCONFIRMED wording
  }
  if (raw.InputTransformer !== undefined) {
    const checked = checkInputTransformer(raw.InputTransformer);
    if (!checked.ok) return validation(`Target ${id}: ${checked.message}`); // UNCONFIRMED wording
  }
  if (isEcsTarget(raw.Arn)) {
    if (typeof raw.RoleArn !== 'string' || raw.RoleArn === '') return validation(MESSAGES.roleArnRequired(raw.Arn));
    const ecs = raw.EcsParameters;
    if (!isRecord(ecs)) return validation(MESSAGES.parameterRequired('EcsParameters', id));
    if (typeof ecs.TaskDefinitionArn !== 'string' || ecs.TaskDefinitionArn === '') return validation(notNull(`${at}.ecsParameters.taskDefinitionArn`));
    if (ecs.TaskCount !== undefined && (!Number.isInteger(ecs.TaskCount) || (ecs.TaskCount as number) < 1)) {
      return validation(`1 validation error detected: Value '${String(ecs.TaskCount)}' at '${at}.ecsParameters.taskCount' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    }
    if (ecs.LaunchType !== undefined && !['EC2', 'FARGATE', 'EXTERNAL'].includes(ecs.LaunchType as string)) {
      return validation(MESSAGES.enumConstraint(String(ecs.LaunchType), `${at}.ecsParameters.launchType`, ['EC2', 'FARGATE', 'EXTERNAL']));
    }
  }
  return undefined;
}

/** What would make the ECS invocation fail (per-target FailedEntries; Sandbox texts). */
function ecsTargetProblem(target: TargetRecord, context: TargetsContext): string | undefined {
  const ecs = target.EcsParameters as EcsParameters;
  const role = context.roles.find((r) => r.arn === target.RoleArn);
  if (!role) return `Role ${String(target.RoleArn)} does not exist: EventBridge needs a role it can assume to call ecs:RunTask.`;
  if (!role.trustedServices.some((s) => s === EVENTS_PRINCIPAL || s === '*')) {
    return `Role ${role.arn} does not trust ${EVENTS_PRINCIPAL} (its trust policy allows ${role.trustedServices.join(', ') || 'no service'}), so EventBridge cannot assume it to run the task.`;
  }
  if (!context.clusterArns.includes(target.Arn)) return `Cluster ${target.Arn} does not exist.`;
  const taskDef = context.taskDefinitions.find((d) => d.arn === ecs.TaskDefinitionArn) ??
    // An ARN without ":revision" names the family's latest ACTIVE revision.
    [...context.taskDefinitions].reverse().find((d) => d.arn.replace(/:\d+$/, '') === ecs.TaskDefinitionArn);
  if (!taskDef) return `Task definition ${ecs.TaskDefinitionArn} does not exist.`;
  const count = ecs.TaskCount ?? 1;
  if (count > MAX_TASK_COUNT) return `TaskCount ${count} is more than RunTask starts per call (${MAX_TASK_COUNT}).`;
  if (ecs.LaunchType !== undefined && ecs.CapacityProviderStrategy !== undefined) {
    return 'Give LaunchType or CapacityProviderStrategy, not both: with a capacity provider strategy the launch type must be omitted.';
  }
  if (ecs.LaunchType !== undefined && !taskDef.compatibilities.includes(ecs.LaunchType)) {
    return `Task definition ${taskDef.arn} is not compatible with launch type ${ecs.LaunchType} (it supports ${taskDef.compatibilities.join(', ')}).`;
  }
  const awsvpc = taskDef.networkMode === 'awsvpc' || ecs.LaunchType === 'FARGATE';
  const subnets = ecs.NetworkConfiguration?.awsvpcConfiguration?.Subnets;
  if (awsvpc && (!Array.isArray(subnets) || subnets.length === 0)) {
    return `NetworkConfiguration.awsvpcConfiguration with at least one subnet is required: the task uses the awsvpc network mode${ecs.LaunchType === 'FARGATE' ? ' (Fargate)' : ''}.`;
  }
  return undefined;
}

/** A request list (Targets, Ids) of 1..max members, in the request-validation format. */
function listLengthProblem(value: unknown, field: string, max: number): EventsError | undefined {
  if (!Array.isArray(value) || value.length === 0) return validation(MESSAGES.minLength(field, 1));
  if (value.length > max) return validation(`1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  return undefined;
}

/** The rule a target request names (Rule + EventBusName), or the refusal AWS answers. */
function requestedRule(context: RulesContext, req: Record<string, unknown>): { ok: true; rule: RuleRecord } | RuleFailure {
  const ruleProblem = nameProblem(req.Rule, 'rule');
  if (ruleProblem) return fail(ruleProblem);
  const bus = busNameOf(req.EventBusName);
  const rule = findRule(context, req.Rule, bus);
  return rule ? { ok: true, rule } : fail(notFound(MESSAGES.ruleNotFound(req.Rule as string, bus)));
}

/** PutTargets: add or replace (same Id) targets of a rule. */
export function checkPutTargets(context: TargetsContext, request: unknown): TargetsChange {
  const req = isRecord(request) ? request : {};
  const ruleProblem = nameProblem(req.Rule, 'rule');
  if (ruleProblem) return fail(ruleProblem);
  const targets = req.Targets;
  const countProblem = listLengthProblem(targets, 'targets', TARGETS_PER_REQUEST);
  if (countProblem || !Array.isArray(targets)) return fail(countProblem ?? validation(MESSAGES.minLength('targets', 1)));
  const found = requestedRule(context, req);
  if (!found.ok) return found;
  const rule = found.rule;
  for (const [index, raw] of targets.entries()) {
    const problem = targetShapeProblem(raw, index);
    if (problem) return fail(problem);
  }

  const failed: FailedEntry[] = [];
  const accepted = new Map<string, TargetRecord>();
  for (const raw of targets as TargetRecord[]) {
    const problem = isEcsTarget(raw.Arn) ? ecsTargetProblem(raw, context) : undefined;
    if (problem) failed.push({ TargetId: raw.Id, ErrorCode: 'ValidationException', ErrorMessage: problem });
    else accepted.set(raw.Id, raw);
  }
  const merged = rule.targets.filter((t) => !accepted.has(t.Id));
  const next = [...merged, ...accepted.values()];
  if (next.length > TARGETS_PER_RULE) {
    return fail({
      code: 'LimitExceededException',
      message: `${MESSAGES.limitExceeded()} A rule has at most ${TARGETS_PER_RULE} targets; ${rule.Name} has ${rule.targets.length} and this request would make ${next.length}.`,
    });
  }
  // Keep the caller's order: replaced targets stay where they were.
  const ordered = rule.targets.map((t) => accepted.get(t.Id) ?? t);
  for (const t of accepted.values()) if (!rule.targets.some((old) => old.Id === t.Id)) ordered.push(t);
  return {
    ok: true,
    rules: context.rules.map((r) => (r === rule ? { ...r, targets: ordered } : r)),
    response: { FailedEntryCount: failed.length, FailedEntries: failed },
  };
}

/** RemoveTargets: unknown Ids come back as FailedEntries (LocalStack's text; UNCONFIRMED). */
export function checkRemoveTargets(context: RulesContext, request: unknown): TargetsChange {
  const req = isRecord(request) ? request : {};
  const ruleProblem = nameProblem(req.Rule, 'rule');
  if (ruleProblem) return fail(ruleProblem);
  const ids = req.Ids;
  const countProblem = listLengthProblem(ids, 'ids', 100);
  if (countProblem || !Array.isArray(ids)) return fail(countProblem ?? validation(MESSAGES.minLength('ids', 1)));
  for (const [index, id] of ids.entries()) {
    const problem = nameProblem(id, `ids.${index + 1}.member`);
    if (problem) return fail(problem);
  }
  const found = requestedRule(context, req);
  if (!found.ok) return found;
  const rule = found.rule;
  const failed: FailedEntry[] = (ids as string[])
    .filter((id) => !rule.targets.some((t) => t.Id === id))
    .map((id) => ({ TargetId: id, ErrorCode: 'ResourceNotFoundException', ErrorMessage: MESSAGES.noSuchTarget(rule.Name, id) }));
  const remaining = rule.targets.filter((t) => !(ids as string[]).includes(t.Id));
  return {
    ok: true,
    rules: context.rules.map((r) => (r === rule ? { ...r, targets: remaining } : r)),
    response: { FailedEntryCount: failed.length, FailedEntries: failed },
  };
}

export function listTargetsByRule(context: RulesContext, request: unknown): { ok: true; response: { Targets: TargetRecord[] } } | RuleFailure {
  const found = requestedRule(context, isRecord(request) ? request : {});
  return found.ok ? { ok: true, response: { Targets: [...found.rule.targets] } } : found;
}
