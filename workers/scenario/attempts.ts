/**
 * What a scenario says about the learner's actions: which actions are offered (`allowedActions` or
 * `disabledActions`), the reference `solution`, and `antiSolutions` — known-wrong attempts, each
 * naming the objectives it must fail. A solution or anti-solution stands for a learner's attempt,
 * so it may only use actions a learner can use; the setup and the timeline's events are the
 * author's and may use any.
 */
import { SUPPORTED_ACTIONS, WAIT } from '../engine/actions.ts';
import { closestMatch } from '../engine/text.ts';
import type { AntiSolution, Step } from '../protocol.ts';
import { explainUnknownAction } from './action-names.ts';
import { forEachMap, listField, requireKey, requiredString, type FieldContext } from './fields.ts';
import { describeValue, MESSAGES } from './messages.ts';
import type { PathSegment } from './pointer.ts';

export const ANTI_SOLUTION_KEYS = ['name', 'steps', 'mustFail'] as const;
/** What allowedActions and disabledActions may name: every action, and `wait`. */
export const LISTABLE_ACTIONS: readonly string[] = [...SUPPORTED_ACTIONS, WAIT];

export type ActionLists = { allowedActions?: string[]; disabledActions?: string[] };

export function checkActionLists(value: Record<string, unknown>, { issue }: FieldContext): ActionLists {
  const lists: ActionLists = {};
  for (const key of ['allowedActions', 'disabledActions'] as const) {
    if (!(key in value)) continue;
    const list = listField(value, key, [], 'action names (e.g. ecs:RunTask, wait)', issue);
    if (list === undefined) continue;
    const names: string[] = [];
    list.forEach((name, index) => {
      const path = [key, index];
      if (typeof name !== 'string') issue(MESSAGES.notString(`${key}/${index}`, describeValue(name)), path);
      else if (!LISTABLE_ACTIONS.includes(name)) issue(explainUnknownAction(name), path);
      else if (names.includes(name)) issue(MESSAGES.listedTwice(key, name), path);
      else names.push(name);
    });
    lists[key] = names;
  }
  if ('allowedActions' in value && 'disabledActions' in value) issue(MESSAGES.bothActionLists(), ['disabledActions'], true);
  return lists;
}

/**
 * Whether a learner may use `action` under these lists. Letting time pass is part of every
 * exercise, so `wait` stays allowed unless disabledActions names it.
 */
export function isActionAllowed(action: string, lists: ActionLists): boolean {
  if (lists.allowedActions !== undefined) return action === WAIT || lists.allowedActions.includes(action);
  return !(lists.disabledActions ?? []).includes(action);
}

/** Reports each step of a learner's attempt that uses an action the learner cannot use. */
export function checkAttemptActions(steps: readonly Step[], base: readonly PathSegment[], where: string, lists: ActionLists, { issue }: FieldContext): void {
  steps.forEach((step, index) => {
    const action = Object.keys(step)[0]!;
    if (!isActionAllowed(action, lists)) {
      issue(MESSAGES.actionNotAllowed(where, action, lists.allowedActions !== undefined ? 'allowedActions' : 'disabledActions'), [...base, index, action], true);
    }
  });
}

export function checkSolution(value: Record<string, unknown>, lists: ActionLists, context: FieldContext): Step[] | undefined {
  if (!('solution' in value)) return undefined;
  const steps = context.steps(value.solution, ['solution']);
  if (steps !== undefined) checkAttemptActions(steps, ['solution'], 'the solution', lists, context);
  return steps;
}

export function checkAntiSolutions(
  value: Record<string, unknown>,
  objectiveIds: readonly string[],
  lists: ActionLists,
  context: FieldContext,
): AntiSolution[] | undefined {
  if (!('antiSolutions' in value)) return undefined;
  const { issue } = context;
  const list = listField(value, 'antiSolutions', [], 'known-wrong attempts (name, steps, mustFail)', issue);
  if (list === undefined) return undefined;
  const result: AntiSolution[] = [];
  const names = new Set<string>();
  forEachMap(list, ['antiSolutions'], ANTI_SOLUTION_KEYS, 'an anti-solution', issue, (raw, path) => {
    const name = requiredString(raw, 'name', path, 'what this wrong attempt does, e.g. "name: static host port"', issue);
    if (name !== undefined && names.has(name)) issue(MESSAGES.duplicateName(name), [...path, 'name']);
    if (name !== undefined) names.add(name);
    let steps: Step[] | undefined;
    if (requireKey(raw, 'steps', path, 'the attempt\'s steps, applied after the setup', issue)) {
      steps = context.steps(raw.steps, [...path, 'steps']);
      if (steps !== undefined) checkAttemptActions(steps, [...path, 'steps'], `the anti-solution ${JSON.stringify(name ?? path.at(-1))}`, lists, context);
    }
    const mustFail = checkMustFail(raw, path, objectiveIds, context);
    if (name !== undefined && steps !== undefined && mustFail !== undefined) result.push({ name, steps, mustFail });
  });
  return result;
}

function checkMustFail(raw: Record<string, unknown>, path: PathSegment[], objectiveIds: readonly string[], { issue }: FieldContext): string[] | undefined {
  if (!requireKey(raw, 'mustFail', path, 'the ids of the objectives this attempt must fail', issue)) return undefined;
  const list = listField(raw, 'mustFail', path, 'objective ids', issue);
  if (list === undefined) return undefined;
  if (list.length === 0) {
    issue(MESSAGES.mustFailEmpty(), [...path, 'mustFail']);
    return undefined;
  }
  const ids: string[] = [];
  list.forEach((id, index) => {
    const at = [...path, 'mustFail', index];
    if (typeof id !== 'string') issue(MESSAGES.notString(`mustFail/${index}`, describeValue(id)), at);
    else if (!objectiveIds.includes(id)) issue(MESSAGES.mustFailUnknown(id, objectiveIds, closestMatch(id, objectiveIds)), at);
    else if (ids.includes(id)) issue(MESSAGES.listedTwice('mustFail', id), at);
    else ids.push(id);
  });
  return ids.length === list.length ? ids : undefined;
}
