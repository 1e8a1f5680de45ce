/**
 * Invoking an ECS RunTask target of an EventBridge rule: EventBridge assumes the target's role and
 * calls ecs:RunTask with the target's EcsParameters — here through the engine's own RunTask
 * (commands/run-task.ts), so placement, capacity providers, Fargate and awsvpc behave exactly as a
 * learner's RunTask does.
 *
 * Facts (ECS Developer Guide scheduled_tasks and CWE_IAM_role; EventBridge User Guide
 * eb-troubleshooting "rule ran but my target was not invoked" and eb-use-identity-based):
 * - The role must trust events.amazonaws.com and allow ecs:RunTask (on the task definition) and
 *   iam:PassRole for the roles the task uses (task role, task execution role).
 * - Tasks EventBridge starts have startedBy "events-rule/<rule name>" (what the ECS console shows and
 *   `aws ecs list-tasks --started-by events-rule/NAME` finds).
 * - Input / InputPath / InputTransformer: the result is RunTask's `overrides` (e.g.
 *   {"containerOverrides":[{"name":"app","command":[...]}]}); without them nothing from the event is
 *   passed (PutTargets API reference).
 * - A failed invocation is counted in FailedInvocations; the reason reaches the learner through a
 *   dead-letter queue's ERROR_CODE/ERROR_MESSAGE on AWS. The sandbox writes it in the event log; the
 *   texts of role problems are the sandbox's (UNCONFIRMED), those of IAM denials are IAM's.
 */
import type { EventBridgeEvent } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import type { CommandResult } from '../errors.ts';
import { ACCOUNT_ID } from '../ids/arn.ts';
import { evaluate } from '../iam/evaluate.ts';
import { trusts } from '../iam/policy.ts';
import { findRole, roleStatements } from '../iam/roles.ts';
import { runTask } from '../commands/run-task.ts';
import { lookupTaskDefinition } from '../commands/task-definitions.ts';
import { applyInputTransformer, parseJsonPath } from './input-transformer.ts';
import type { RuleRecord } from './rule-requests.ts';
import { EVENTS_PRINCIPAL, type EcsParameters, type TargetRecord } from './target-requests.ts';

/** What AWS puts in startedBy for tasks an EventBridge rule starts. */
export const startedByRule = (ruleName: string): string => `events-rule/${ruleName}`;
export const STARTED_BY_RULE_PREFIX = 'events-rule/';

export type EcsInvocation = { ok: true; taskArns: string[]; failures: string[] } | { ok: false; reason: string };

/**
 * Sandbox: the session name in the assumed-role ARN IAM quotes in a denial. What EventBridge uses is
 * UNCONFIRMED; the sandbox names the rule so the learner sees which one was refused.
 */
const sessionName = (rule: RuleRecord): string => `events-rule-${rule.Name}`.slice(0, 64);

function denial(principal: string, action: string, resource: string, explicit: boolean): string {
  return `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`}`;
}

/** The RunTask overrides the target's input gives for this event, or why there are none. */
export function targetOverrides(target: TargetRecord, rule: RuleRecord, event: EventBridgeEvent): { ok: true; overrides?: Record<string, unknown> } | { ok: false; reason: string } {
  let value: unknown;
  if (target.Input !== undefined) value = JSON.parse(target.Input) as unknown; // checked by PutTargets
  else if (target.InputPath !== undefined) {
    let node: unknown = event;
    for (const step of parseJsonPath(target.InputPath) ?? []) node = node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[step];
    value = node;
  } else if (target.InputTransformer !== undefined) {
    const applied = applyInputTransformer(target.InputTransformer, event, { ruleArn: rule.Arn, ruleName: rule.Name, ingestionTime: event.time });
    if (!applied.ok) return { ok: false, reason: `the input transformer failed: ${applied.message}` };
    value = applied.value;
  } else return { ok: true };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `the target's input is ${JSON.stringify(value) ?? 'nothing'}, but an ECS target's input must be RunTask's overrides object, e.g. {"containerOverrides":[{"name":"app","environment":[…]}]}.` };
  }
  return { ok: true, overrides: value as Record<string, unknown> };
}

/** What EventBridge's role must be able to do before RunTask is called; undefined when it can. */
function roleProblem(ctx: EngineContext, rule: RuleRecord, target: TargetRecord, taskDefinitionArn: string, passRoles: readonly string[]): string | undefined {
  const given = target.RoleArn ?? '';
  const role = findRole(ctx.state.roles, given);
  if (role === undefined) return `EventBridge could not assume role ${given}: it does not exist.`;
  if (!trusts(role.trustPolicy, EVENTS_PRINCIPAL)) {
    return `EventBridge could not assume role ${role.Arn}: its trust policy does not let ${EVENTS_PRINCIPAL} assume it.`;
  }
  const statements = roleStatements(role);
  const principal = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${role.RoleName}/${sessionName(rule)}`;
  const runTask = evaluate(statements, 'ecs:RunTask', taskDefinitionArn);
  if (!runTask.allowed) return `AccessDeniedException: ${denial(principal, 'ecs:RunTask', taskDefinitionArn, runTask.reason === 'explicitDeny')}`;
  for (const arn of passRoles) {
    const pass = evaluate(statements, 'iam:PassRole', arn);
    if (!pass.allowed) return `AccessDeniedException: ${denial(principal, 'iam:PassRole', arn, pass.reason === 'explicitDeny')} (the task uses this role, so EventBridge must pass it to ECS)`;
  }
  return undefined;
}

/** EventBridge's EcsParameters (PascalCase) → RunTask's request (camelCase). */
function runTaskRequest(rule: RuleRecord, target: TargetRecord, ecs: EcsParameters, taskDefinitionArn: string, overrides: Record<string, unknown> | undefined): Record<string, unknown> {
  const vpc = ecs.NetworkConfiguration?.awsvpcConfiguration;
  return {
    cluster: target.Arn,
    taskDefinition: taskDefinitionArn,
    count: ecs.TaskCount ?? 1,
    startedBy: startedByRule(rule.Name),
    ...(ecs.LaunchType !== undefined ? { launchType: ecs.LaunchType } : {}),
    ...(ecs.CapacityProviderStrategy !== undefined ? { capacityProviderStrategy: ecs.CapacityProviderStrategy } : {}),
    ...(vpc !== undefined
      ? {
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: vpc.Subnets,
              ...(vpc.SecurityGroups !== undefined ? { securityGroups: vpc.SecurityGroups } : {}),
              ...(vpc.AssignPublicIp !== undefined ? { assignPublicIp: vpc.AssignPublicIp } : {}),
            },
          },
        }
      : {}),
    ...(ecs.PlatformVersion !== undefined ? { platformVersion: ecs.PlatformVersion } : {}),
    ...(ecs.Group !== undefined ? { group: ecs.Group } : {}),
    ...(ecs.PropagateTags !== undefined ? { propagateTags: ecs.PropagateTags } : {}),
    ...(ecs.Tags !== undefined ? { tags: ecs.Tags.map((t) => ({ key: t.Key, value: t.Value })) } : {}),
    ...(overrides !== undefined ? { overrides } : {}),
  };
}

/** Invoke one ECS target for one event: the role, the input, then RunTask itself. */
export function invokeEcsTarget(ctx: EngineContext, rule: RuleRecord, target: TargetRecord, event: EventBridgeEvent): EcsInvocation {
  const ecs = target.EcsParameters;
  if (ecs === undefined) return { ok: false, reason: 'the target has no EcsParameters.' };
  const found = lookupTaskDefinition(ctx.state, ecs.TaskDefinitionArn);
  if (!found.ok) return { ok: false, reason: `InvalidParameterException: Task definition ${ecs.TaskDefinitionArn} does not exist (or has no ACTIVE revision).` };
  const td = found.taskDefinition;
  const passRoles = [td.taskRoleArn, td.executionRoleArn].filter((r): r is string => r !== undefined).map((r) => findRole(ctx.state.roles, r)?.Arn ?? r);
  const problem = roleProblem(ctx, rule, target, td.taskDefinitionArn, passRoles);
  if (problem !== undefined) return { ok: false, reason: problem };
  const input = targetOverrides(target, rule, event);
  if (!input.ok) return { ok: false, reason: input.reason };
  const result: CommandResult = runTask(ctx, runTaskRequest(rule, target, ecs, td.taskDefinitionArn, input.overrides));
  if (!result.ok) return { ok: false, reason: `${result.error.code}: ${result.error.message}` };
  const response = result.response as { tasks?: { taskArn: string }[]; failures?: { arn?: string; reason?: string; detail?: string }[] };
  const taskArns = (response.tasks ?? []).map((t) => t.taskArn);
  const failures = (response.failures ?? []).map((f) => `${f.reason ?? 'failure'}${f.detail ? ` (${f.detail})` : ''}`);
  // UNCONFIRMED: whether EventBridge counts a RunTask answered with only `failures` as a failed
  // invocation. The sandbox does, so the learner sees that no task started.
  if (taskArns.length === 0) return { ok: false, reason: `RunTask started no task: ${failures.join('; ') || 'no reason given'}.` };
  return { ok: true, taskArns, failures };
}
