/**
 * The lesson part of a scenario: `steps`, each with markdown instructions and objectives, and each
 * objective with its predicate (`check`, handed to the provided objective checker) and its hints.
 * Step ids are unique among steps, objective ids unique in the whole scenario (anti-solutions and
 * progress name objectives by id alone).
 */
import type { LessonStep, LocalizedText, ScenarioIssue, ScenarioObjective } from '../protocol.ts';
import type { ReadDocument } from './document.ts';
import { listField, localizedText, refuseUnknownKeys, requiredId, requiredText, type Report } from './fields.ts';
import { describeValue, MESSAGES } from './messages.ts';
import { fromPointer, issuesOfAnswer, type ObjectiveChecker } from './objective-hook.ts';
import { toPointer, type PathSegment } from './pointer.ts';
import { isPlainMap } from './steps.ts';

export const LESSON_STEP_KEYS = ['id', 'title', 'instructions', 'objectives'] as const;
export const OBJECTIVE_KEYS = ['id', 'title', 'check', 'hints'] as const;

export interface LessonCheck {
  steps: LessonStep[];
  /** Every objective id, valid or not, in file order: anti-solutions name them. */
  objectiveIds: string[];
}

export function checkLesson(
  value: Record<string, unknown>,
  issue: Report,
  document: ReadDocument,
  checker: ObjectiveChecker | undefined,
  addIssues: (issues: ScenarioIssue[]) => void,
): LessonCheck {
  const result: LessonCheck = { steps: [], objectiveIds: [] };
  if (!('steps' in value)) return result;
  const list = listField(value, 'steps', [], 'lesson steps (id, title, instructions, objectives)', issue);
  if (list === undefined) return result;
  const stepIds = new Set<string>();
  const objectiveIds = new Set<string>();
  list.forEach((raw, index) => {
    const path = ['steps', index];
    if (!isPlainMap(raw)) {
      issue(MESSAGES.notMap(`steps/${index}`, describeValue(raw)), path);
      return;
    }
    refuseUnknownKeys(raw, LESSON_STEP_KEYS, 'a lesson step', path, issue);
    const id = requiredId(raw, path, 'a short name for the step, e.g. "id: register"', issue);
    if (id !== undefined && stepIds.has(id)) issue(MESSAGES.duplicateId('step', id), [...path, 'id']);
    if (id !== undefined) stepIds.add(id);
    const title = requiredText(raw, 'title', path, 'what the step asks for, in a few words', issue);
    const instructions = requiredText(raw, 'instructions', path, 'the step\'s text in markdown: teach the concept, then ask for action', issue);
    const objectives: ScenarioObjective[] = [];
    let objectivesOk = true;
    if ('objectives' in raw) {
      const rawObjectives = listField(raw, 'objectives', path, 'objectives (id, title, check, hints)', issue);
      if (rawObjectives === undefined) objectivesOk = false;
      rawObjectives?.forEach((rawObjective, objectiveIndex) => {
        const objective = checkObjective(rawObjective, [...path, 'objectives', objectiveIndex], issue, document, checker, addIssues, objectiveIds);
        if (objective === undefined) objectivesOk = false;
        else objectives.push(objective);
      });
    }
    if (id !== undefined && title !== undefined && instructions !== undefined && objectivesOk) {
      result.steps.push({ id, title, instructions, objectives });
    }
  });
  result.objectiveIds = [...objectiveIds];
  return result;
}

function checkObjective(
  raw: unknown,
  path: PathSegment[],
  issue: Report,
  document: ReadDocument,
  checker: ObjectiveChecker | undefined,
  addIssues: (issues: ScenarioIssue[]) => void,
  seenIds: Set<string>,
): ScenarioObjective | undefined {
  if (!isPlainMap(raw)) {
    issue(MESSAGES.notMap('objective', describeValue(raw)), path);
    return undefined;
  }
  refuseUnknownKeys(raw, OBJECTIVE_KEYS, 'an objective', path, issue);
  const id = requiredId(raw, path, 'a short name for the objective, e.g. "id: web-running"', issue);
  if (id !== undefined && seenIds.has(id)) issue(MESSAGES.duplicateId('objective', id), [...path, 'id']);
  if (id !== undefined) seenIds.add(id);
  const title = requiredText(raw, 'title', path, 'what the learner must achieve, in one sentence', issue);
  const check = checkPredicate(raw, path, issue, document, checker, addIssues);
  const hints = checkHints(raw, path, issue);
  if (id === undefined || title === undefined || check === undefined || hints === undefined) return undefined;
  return { id, title, check, hints };
}

function checkPredicate(
  raw: Record<string, unknown>,
  path: PathSegment[],
  issue: Report,
  document: ReadDocument,
  checker: ObjectiveChecker | undefined,
  addIssues: (issues: ScenarioIssue[]) => void,
): Record<string, unknown> | undefined {
  if (!('check' in raw)) {
    issue(MESSAGES.missingKey('check', 'the condition on the sandbox\'s state that meets the objective'), path);
    return undefined;
  }
  const check = raw.check;
  const checkPath = [...path, 'check'];
  if (!isPlainMap(check)) {
    issue(MESSAGES.notMap('check', describeValue(check)), checkPath);
    return undefined;
  }
  if (checker === undefined) return check;
  const found = issuesOfAnswer(checker(check, toPointer(checkPath)));
  addIssues(found.map((problem) => ({ message: problem.message, ...document.locate(fromPointer(problem.path), { key: problem.key ?? false }), path: problem.path })));
  return found.length === 0 ? check : undefined;
}

function checkHints(raw: Record<string, unknown>, path: PathSegment[], issue: Report): LocalizedText[] | undefined {
  if (!('hints' in raw)) return [];
  const list = listField(raw, 'hints', path, 'hints (strings, or maps of languages), shown in order', issue);
  if (list === undefined) return undefined;
  const hints: LocalizedText[] = [];
  let ok = true;
  list.forEach((hint, index) => {
    const text = localizedText(hint, 'hint', [...path, 'hints', index], issue);
    if (text === undefined) ok = false;
    else hints.push(text);
  });
  return ok ? hints : undefined;
}
