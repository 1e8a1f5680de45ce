/** ecs:RegisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions, DeregisterTaskDefinition. */
import type { TaskDefinition } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { clientError, fail, invalidParameter, MESSAGES, ok, type CommandResult } from '../errors.ts';
import { CALLER_ARN, isoAt, parseTaskDefinitionRef, taskDefinitionArn } from '../ids/arn.ts';
import { renderTaskDefinition } from '../snapshot.ts';
import type { EngineState } from '../state.ts';
import { PARAM } from '../taskdef/messages.ts';
import { RegisterTaskDefinitionInputSchema } from '../taskdef/model.ts';
import {
  buildTaskDefinition,
  isDescribeTaskDefinitionOutput,
  toRegisterInput,
  validateTaskDefinition,
} from '../taskdef/index.ts';
import { paginate } from './paginate.ts';
import { checkParams, PARAM_VALIDATION_ERROR, PARAM_VALIDATION_PREFIX } from './params.ts';
import { checkTags } from './tags.ts';

/** Codes a validation issue may carry through as the command's error code. */
const PASS_THROUGH_CODES = new Set(['ClientException', 'InvalidParameterException', 'ParamValidationError']);

export type TaskDefinitionLookup =
  | { ok: true; taskDefinition: TaskDefinition }
  | { ok: false; reason: 'invalid' | 'missing' };

/**
 * `family` (its latest ACTIVE revision), `family:revision` or an ARN (that revision, whatever its
 * status) — as DescribeTaskDefinition and RunTask resolve them.
 */
export function lookupTaskDefinition(state: EngineState, given: string): TaskDefinitionLookup {
  const ref = parseTaskDefinitionRef(given);
  if (ref.kind === 'invalid') return { ok: false, reason: 'invalid' };
  const revisions = state.taskDefinitions.get(ref.family);
  if (revisions === undefined) return { ok: false, reason: 'missing' };
  if (ref.kind === 'revision') {
    const found = revisions[ref.revision - 1];
    return found === undefined ? { ok: false, reason: 'missing' } : { ok: true, taskDefinition: found };
  }
  for (let i = revisions.length - 1; i >= 0; i--) {
    if (revisions[i]!.status === 'ACTIVE') return { ok: true, taskDefinition: revisions[i]! };
  }
  return { ok: false, reason: 'missing' };
}

export function registerTaskDefinition(ctx: EngineContext, raw: unknown): CommandResult {
  // `ecs-sandbox validate` accepts a DescribeTaskDefinition output, but the API does not: the AWS CLI
  // refuses its `taskDefinition` member. Say so, and say what to do instead.
  if (isDescribeTaskDefinitionOutput(raw)) {
    const members = Object.keys(RegisterTaskDefinitionInputSchema.shape);
    return fail(
      PARAM_VALIDATION_ERROR,
      `${PARAM_VALIDATION_PREFIX}${PARAM.unknown('input', 'taskDefinition', members)}
` +
        'This is a DescribeTaskDefinition output: register the contents of its "taskDefinition" member, without the read-only fields.',
    );
  }
  const validation = validateTaskDefinition(raw);
  const first = validation.errors[0];
  if (!validation.valid || first !== undefined) {
    // The AWS CLI reports every shape problem at once, as params.ts does; the service reports one error.
    if (first?.code === PARAM_VALIDATION_ERROR) {
      const lines = validation.errors.filter((issue) => issue.code === PARAM_VALIDATION_ERROR).map((issue) => issue.message);
      return fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}${lines.join('\n')}`);
    }
    const code = first !== undefined && PASS_THROUGH_CODES.has(first.code) ? first.code : 'ClientException';
    return fail(code, first?.message ?? 'The task definition is invalid.');
  }
  const input = toRegisterInput(raw);
  const tags = checkTags(Array.isArray(input.tags) ? input.tags : undefined);
  if (!tags.ok) return tags.result;
  const family = String(input.family);
  const revisions = ctx.state.taskDefinitions.get(family) ?? [];
  const revision = revisions.length + 1;
  const arn = taskDefinitionArn(family, revision);
  const { tags: _tags, ...definition } = input;
  const taskDefinition = buildTaskDefinition(definition, {
    taskDefinitionArn: arn,
    revision,
    registeredAt: isoAt(ctx.clock.now),
    registeredBy: CALLER_ARN,
  });
  revisions.push(taskDefinition);
  ctx.state.taskDefinitions.set(family, revisions);
  if (tags.tags.length > 0) ctx.state.taskDefinitionTags.set(arn, tags.tags);
  ctx.emit('taskdefinition.registered', `Task definition ${family}:${revision} was registered.`, arn);
  return ok({ taskDefinition: renderTaskDefinition(taskDefinition), tags: tags.tags.map((tag) => ({ ...tag })) });
}

interface DescribeTaskDefinitionInput {
  taskDefinition: string;
  include?: string[];
}

export function describeTaskDefinition(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeTaskDefinitionInput>(raw, {
    params: { taskDefinition: 'string', include: 'list' },
    required: ['taskDefinition'],
  });
  if (!checked.ok) return checked.result;
  const found = lookupTaskDefinition(ctx.state, checked.input.taskDefinition);
  if (!found.ok) return clientError(MESSAGES.unableToDescribeTaskDefinition());
  const td = found.taskDefinition;
  const response: Record<string, unknown> = { taskDefinition: renderTaskDefinition(td) };
  if (checked.input.include?.includes('TAGS')) {
    response.tags = (ctx.state.taskDefinitionTags.get(td.taskDefinitionArn) ?? []).map((tag) => ({ ...tag }));
  }
  return ok(response);
}

interface ListTaskDefinitionsInput {
  familyPrefix?: string;
  status?: string;
  sort?: string;
  maxResults?: number;
  nextToken?: string;
}

const STATUSES = ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'] as const;

export function listTaskDefinitions(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ListTaskDefinitionsInput>(raw, {
    params: { familyPrefix: 'string', status: 'string', sort: 'string', maxResults: 'integer', nextToken: 'string' },
  });
  if (!checked.ok) return checked.result;
  const { familyPrefix, status = 'ACTIVE', sort = 'ASC' } = checked.input;
  if (!(STATUSES as readonly string[]).includes(status)) return invalidParameter(MESSAGES.invalidStatusFilter(status, STATUSES));
  if (sort !== 'ASC' && sort !== 'DESC') return invalidParameter(MESSAGES.invalidStatusFilter(sort, ['ASC', 'DESC']).replace('status', 'sort'));
  const arns: string[] = [];
  // AWS sorts by family name, then revision.
  for (const family of [...ctx.state.taskDefinitions.keys()].sort()) {
    if (familyPrefix !== undefined && !family.startsWith(familyPrefix)) continue;
    for (const td of ctx.state.taskDefinitions.get(family)!) if (td.status === status) arns.push(td.taskDefinitionArn);
  }
  if (sort === 'DESC') arns.reverse();
  const page = paginate(arns, checked.input.maxResults, checked.input.nextToken);
  if (!page.ok) return page.result;
  return ok({ taskDefinitionArns: page.items, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) });
}

export function deregisterTaskDefinition(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ taskDefinition: string }>(raw, {
    params: { taskDefinition: 'string' },
    required: ['taskDefinition'],
  });
  if (!checked.ok) return checked.result;
  const given = checked.input.taskDefinition;
  const ref = parseTaskDefinitionRef(given);
  if (ref.kind === 'invalid') return invalidParameter(MESSAGES.invalidTaskDefinitionRef(given));
  if (ref.kind === 'family') return invalidParameter(MESSAGES.deregisterNeedsRevision(given));
  const revisions = ctx.state.taskDefinitions.get(ref.family);
  const current = revisions?.[ref.revision - 1];
  if (revisions === undefined || current === undefined) return clientError(MESSAGES.taskDefinitionDoesNotExist());
  if (current.status === 'ACTIVE') {
    // Task definitions are never mutated in place: tasks keep a reference to the revision they ran.
    const inactive: TaskDefinition = { ...current, status: 'INACTIVE', deregisteredAt: isoAt(ctx.clock.now) };
    revisions[ref.revision - 1] = inactive;
    ctx.emit(
      'taskdefinition.deregistered',
      `Task definition ${ref.family}:${ref.revision} was deregistered (INACTIVE): running tasks keep running, new ones cannot use it.`,
      current.taskDefinitionArn,
    );
  }
  return ok({ taskDefinition: renderTaskDefinition(revisions[ref.revision - 1]!) });
}
