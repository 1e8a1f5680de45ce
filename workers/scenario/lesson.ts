/**
 * The lesson part of a scenario: `steps`, each with markdown instructions and objectives, and each
 * objective with its predicate (`check`, handed to the provided objective checker) and its hints.
 * Step ids are unique among steps, objective ids unique in the whole scenario (anti-solutions and
 * progress name objectives by id alone).
 */
import type { LessonStep, LocalizedText, ScenarioIssue, ScenarioObjective } from '../protocol.ts';
import type { ReadDocument } from './document.ts';
import { forEachMap, listField, localizedText, requireKey, requiredId, requiredText, type Report } from './fields.ts';
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

/** What checking objectives needs beyond reporting: the document (to locate the checker's issues), the checker, and where its issues go. */
export interface LessonContext {
  issue: Report;
  document: ReadDocument;
  checker: ObjectiveChecker | undefined;
  addIssues: (issues: ScenarioIssue[]) => void;
}

export function checkLesson(value: Record<string, unknown>, context: LessonContext): LessonCheck {
  const { issue } = context;
  const result: LessonCheck = { steps: [], objectiveIds: [] };
  if (!('steps' in value)) return result;
  const list = listField(value, 'steps', [], 'lesson steps (id, title, instructions, objectives)', issue);
  if (list === undefined) return result;
  const stepIds = new Set<string>();
  const objectiveIds = new Set<string>();
  forEachMap(list, ['steps'], LESSON_STEP_KEYS, 'a lesson step', issue, (raw, path) => {
    const id = requiredId(raw, path, 'a short name for the step, e.g. "id: register"', issue);
    claimId(stepIds, id, 'step', path, issue);
    const title = requiredText(raw, 'title', path, 'what the step asks for, in a few words', issue);
    const instructions = requiredText(raw, 'instructions', path, 'the step\'s text in markdown: teach the concept, then ask for action', issue);
    const objectives: ScenarioObjective[] = [];
    let objectivesOk = true;
    if ('objectives' in raw) {
      const rawObjectives = listField(raw, 'objectives', path, 'objectives (id, title, check, hints)', issue);
      if (rawObjectives === undefined) objectivesOk = false;
      if (rawObjectives !== undefined && rawObjectives.some((item) => !isPlainMap(item))) objectivesOk = false;
      forEachMap(rawObjectives ?? [], [...path, 'objectives'], OBJECTIVE_KEYS, 'an objective', issue, (rawObjective, objectivePath) => {
        const objective = checkObjective(rawObjective, objectivePath, context, objectiveIds);
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

/** Reports an id already taken by another step (or objective), and takes it. */
function claimId(seen: Set<string>, id: string | undefined, kind: string, path: PathSegment[], issue: Report): void {
  if (id === undefined) return;
  if (seen.has(id)) issue(MESSAGES.duplicateId(kind, id), [...path, 'id']);
  seen.add(id);
}

function checkObjective(raw: Record<string, unknown>, path: PathSegment[], context: LessonContext, seenIds: Set<string>): ScenarioObjective | undefined {
  const { issue } = context;
  const id = requiredId(raw, path, 'a short name for the objective, e.g. "id: web-running"', issue);
  claimId(seenIds, id, 'objective', path, issue);
  const title = requiredText(raw, 'title', path, 'what the learner must achieve, in one sentence', issue);
  const check = checkPredicate(raw, path, context);
  const hints = checkHints(raw, path, issue);
  if (id === undefined || title === undefined || check === undefined || hints === undefined) return undefined;
  return { id, title, check, hints };
}

function checkPredicate(raw: Record<string, unknown>, path: PathSegment[], { issue, document, checker, addIssues }: LessonContext): Record<string, unknown> | undefined {
  if (!requireKey(raw, 'check', path, 'the condition on the sandbox\'s state that meets the objective', issue)) return undefined;
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
