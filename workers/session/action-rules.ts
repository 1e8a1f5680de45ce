/**
 * Which of the learner's commands an exercise offers (a scenario's `allowedActions` or
 * `disabledActions`, judged by workers/scenario/attempts.ts) and the sentence a refused one gets.
 * Only the learner is restricted: the setup, scripted events and replays of a recorded run are the
 * author's or already judged, and never pass through here.
 */
import { isSupportedAction, WAIT } from '../engine/actions.ts';
import type { Scenario, StepResult } from '../protocol.ts';
import { isActionAllowed } from '../scenario/attempts.ts';

/**
 * Sandbox error code (no AWS API refuses an action for being outside an exercise): the command was
 * not run, the state did not change, nothing was logged.
 */
export const ACTION_NOT_ALLOWED = 'ActionNotAllowed';

type ActionLists = Pick<Scenario, 'allowedActions' | 'disabledActions'>;

/** The step's action name, or undefined for a malformed step (the engine refuses those in its own words). */
export function actionOf(step: unknown): string | undefined {
  if (step === null || typeof step !== 'object' || Array.isArray(step)) return undefined;
  const keys = Object.keys(step);
  return keys.length === 1 ? keys[0] : undefined;
}

/**
 * Why the exercise refuses `action`, or undefined when it is offered. Unknown action names are left
 * to the engine, whose refusal suggests the closest real name.
 */
export function actionRefusal(action: string | undefined, lists: ActionLists): string | undefined {
  if (action === undefined || (action !== WAIT && !isSupportedAction(action))) return undefined;
  if (lists.allowedActions === undefined && lists.disabledActions === undefined) return undefined;
  if (isActionAllowed(action, lists)) return undefined;
  if (lists.allowedActions !== undefined) {
    const offered = lists.allowedActions.includes(WAIT) || lists.disabledActions?.includes(WAIT) ? lists.allowedActions : [...lists.allowedActions, WAIT];
    return `This exercise does not offer ${action}: it asks you to use ${joinList(offered, 'or')}.`;
  }
  const disabled = lists.disabledActions ?? [];
  return `This exercise does not offer ${action}: it asks you to do without ${disabled.length === 1 ? 'it' : joinList(disabled, 'and')} and use the other actions.`;
}

/** The refused command's result: an error like the engine's, so every UI path shows it as one. */
export function refusedResult(step: number, action: string, message: string): StepResult {
  return { step, action, error: { code: ACTION_NOT_ALLOWED, message } };
}

function joinList(names: readonly string[], conjunction: 'and' | 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}
