/**
 * Checks a list of command-language steps without running any of them: each is a map with exactly
 * one key, that key is `wait` (with a valid duration) or an action the engine supports (with a map
 * as its request). All problems are collected, each with its JSON pointer and line/column, so an
 * author fixes a file in one pass.
 */
import { isSupportedAction, WAIT } from '../engine/actions.ts';
import { parseDuration } from '../engine/duration.ts';
import type { ScenarioIssue, Step } from '../protocol.ts';
import { explainUnknownAction } from './action-names.ts';
import type { ReadDocument } from './document.ts';
import { describeValue, LIMITS, MESSAGES } from './messages.ts';
import { toPointer, type PathSegment } from './pointer.ts';

export interface StepsCheck {
  steps: Step[];
  issues: ScenarioIssue[];
  /** Whether checking stopped early because `budget` issues were found. */
  truncated: boolean;
}

export function checkSteps(
  list: readonly unknown[],
  base: readonly PathSegment[],
  document: ReadDocument,
  budget: number = LIMITS.maxIssues,
): StepsCheck {
  const issue = issueMaker(document);
  if (list.length > LIMITS.maxSteps) {
    return { steps: [], issues: [issue(MESSAGES.tooManySteps(list.length), [...base, LIMITS.maxSteps])], truncated: false };
  }
  const steps: Step[] = [];
  const issues: ScenarioIssue[] = [];
  for (let index = 0; index < list.length; index++) {
    // Past the cap, stop: locating each issue costs a walk of the document.
    if (issues.length >= budget) return { steps, issues, truncated: true };
    const result = checkStep(list[index], [...base, index], issue);
    if ('step' in result) steps.push(result.step);
    else issues.push(...result.issues);
  }
  return { steps, issues, truncated: false };
}

/** One step on its own: the command box's single object (at the empty pointer), or a timeline event's `do`. */
export function checkSingleStep(raw: unknown, document: ReadDocument, path: readonly PathSegment[] = []): StepsCheck {
  const result = checkStep(raw, path, issueMaker(document));
  return 'step' in result ? { steps: [result.step], issues: [], truncated: false } : { steps: [], issues: result.issues, truncated: false };
}

function issueMaker(document: ReadDocument): MakeIssue {
  return (message, path, options) => ({
    message,
    ...document.locate(options?.at ?? path, { key: options?.key ?? false }),
    path: toPointer(path),
  });
}

type MakeIssue = (message: string, path: readonly PathSegment[], options?: { key?: boolean; at?: readonly PathSegment[] }) => ScenarioIssue;

function checkStep(raw: unknown, path: readonly PathSegment[], issue: MakeIssue): { step: Step } | { issues: ScenarioIssue[] } {
  if (!isPlainMap(raw)) return { issues: [issue(MESSAGES.stepNotMap(describeValue(raw)), path)] };
  const keys = Object.keys(raw);
  if (keys.length === 0) return { issues: [issue(MESSAGES.stepNoKey(), path)] };
  if (keys.length > 1) return { issues: [manyKeysIssue(raw, keys, path, issue)] };
  const action = keys[0]!;
  const value = raw[action];
  const actionPath = [...path, action];
  if (action === WAIT) {
    const duration = parseDuration(value);
    return duration.ok ? { step: { [WAIT]: value } } : { issues: [issue(MESSAGES.badWait(duration.message), actionPath)] };
  }
  if (!isSupportedAction(action)) return { issues: [issue(explainUnknownAction(action), actionPath, { key: true })] };
  // `- ecs:ListClusters:` with nothing after it is an empty request, as the AWS CLI treats `{}`.
  if (value === null || value === undefined) return { step: { [action]: {} } };
  if (!isPlainMap(value)) return { issues: [issue(MESSAGES.requestNotMap(action, describeValue(value)), actionPath)] };
  return { step: { [action]: value } };
}

/**
 * Two keys in one step are usually one of two YAML slips: the request's fields were not indented
 * under the action (`- ecs:RunTask:` then `cluster: demo` at the same column), or a `-` is missing
 * before the next step. Say which.
 */
function manyKeysIssue(raw: Record<string, unknown>, keys: string[], path: readonly PathSegment[], issue: MakeIssue): ScenarioIssue {
  const actions = keys.filter((key) => key === WAIT || isSupportedAction(key));
  const action = actions[0];
  if (actions.length === 1 && action !== WAIT && action !== undefined && (raw[action] === null || raw[action] === undefined)) {
    const others = keys.filter((key) => key !== action);
    return issue(MESSAGES.stepUnindented(action, others), path, { key: true, at: [...path, others[0]!] });
  }
  return issue(MESSAGES.stepManyKeys(keys), path, { key: true, at: [...path, keys[1]!] });
}

export function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
