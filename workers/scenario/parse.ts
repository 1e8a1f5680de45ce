/**
 * The scenario format: parse a scenario file (or a bare list of steps, or the command box's text)
 * into plain data, checking its shape and every step's action before anything runs. Never throws:
 * every problem comes back as a ScenarioIssue with a message, a 1-based line and column, and a
 * JSON pointer, and all problems are reported at once.
 */
import type { Scenario, ScenarioIssue, ScenarioParseResult, Step } from '../protocol.ts';
import { readDocument, type ReadDocument, type Syntax } from './document.ts';
import { describeValue, LIMITS, MESSAGES } from './messages.ts';
import { toPointer, type PathSegment } from './pointer.ts';
import { checkSingleStep, checkSteps, isPlainMap } from './steps.ts';
import { checkActionLists, checkAntiSolutions, checkSolution } from './attempts.ts';
import { checkEstimatedMinutes, checkLevel, checkTopics } from './catalog-fields.ts';
import { localizedText, optionalString, refuseUnknownKeys, requiredId, requiredText, type FieldContext, type Report } from './fields.ts';
import { checkLesson } from './lesson.ts';
import { providedObjectiveChecker } from './objective-hook.ts';
import { checkEvents } from './timeline-events.ts';

/**
 * The top-level keys of a scenario, in the order the JSON Schema lists them. Any other key is
 * refused (with "did you mean"), so that a misspelt key never passes silently.
 * `$schema` lets a JSON file name its schema for the editor, as `# yaml-language-server:` does in YAML.
 */
export const SCENARIO_KEYS = [
  '$schema', 'id', 'title', 'summary', 'topics', 'level', 'estimatedMinutes', 'seed', 'setup', 'events',
  'steps', 'solution', 'antiSolutions', 'allowedActions', 'disabledActions', 'editor',
] as const;
export const EDITOR_KEYS = ['taskDefinition'] as const;
export const MAX_SEED = 0xffff_ffff;
/** The seed of a file that does not choose one (a bare list of steps). */
export const DEFAULT_SEED = 1;

export type StepsParseResult = { ok: true; steps: Step[] } | { ok: false; issues: ScenarioIssue[] };

export function parseScenarioText(text: string, options?: { fileName?: string }): ScenarioParseResult {
  const fileName = options?.fileName;
  const read = readChecked(text, syntaxOf(fileName));
  if (!read.ok) return read;
  const { document } = read;
  const value = document.value;
  if (Array.isArray(value)) {
    const { steps, issues, truncated } = checkSteps(value, [], document);
    if (issues.length > 0) return { ok: false, issues: withTruncationNote(issues, truncated) };
    return { ok: true, scenario: { id: idFromFileName(fileName), title: fileName ?? 'steps', seed: DEFAULT_SEED, setup: steps } };
  }
  if (!isPlainMap(value)) return { ok: false, issues: [{ message: MESSAGES.notScenario(describeValue(value)), ...document.locate([]), path: '' }] };
  if (looksLikeOneStep(value)) return { ok: false, issues: [{ message: MESSAGES.singleStepFile(), ...document.locate([]), path: '' }] };
  return checkScenario(value, document);
}

export function parseStepsText(text: string): StepsParseResult {
  const read = readChecked(text, 'auto');
  if (!read.ok) return read;
  const { document } = read;
  const value = document.value;
  const { steps, issues, truncated } = Array.isArray(value) ? checkSteps(value, [], document) : checkSingleStep(value, document);
  return issues.length > 0 ? { ok: false, issues: withTruncationNote(issues, truncated) } : { ok: true, steps };
}

/** `file:line:col: message` (the form compilers use, so editors and terminals can link to it). */
export function formatIssue(issue: ScenarioIssue, fileName?: string): string {
  const where =
    issue.line === undefined
      ? fileName
      : fileName !== undefined
        ? `${fileName}:${issue.line}:${issue.column ?? 1}`
        : `line ${issue.line}, column ${issue.column ?? 1}`;
  return where === undefined ? issue.message : `${where}: ${issue.message}`;
}

function readChecked(text: string, syntax: Syntax): { ok: true; document: ReadDocument } | { ok: false; issues: ScenarioIssue[] } {
  if (typeof text !== 'string') return { ok: false, issues: [{ message: MESSAGES.notScenario(describeValue(text)) }] };
  if (text.length > LIMITS.maxTextChars) return { ok: false, issues: [{ message: MESSAGES.tooLarge(text.length), line: 1, column: 1 }] };
  try {
    const document = readDocument(text, syntax);
    if (!document.ok) return document;
    if (document.value === null || document.value === undefined) {
      return { ok: false, issues: [{ message: MESSAGES.empty(), line: 1, column: 1 }] };
    }
    return { ok: true, document };
  } catch (error) {
    // The yaml package can overflow the stack on pathological nesting; anything else is a bug,
    // but a parse must still answer with a value.
    const detail = error instanceof RangeError ? MESSAGES.tooDeep() : MESSAGES.internal(String(error));
    return { ok: false, issues: [{ message: detail, line: 1, column: 1 }] };
  }
}

function checkScenario(value: Record<string, unknown>, document: ReadDocument): ScenarioParseResult {
  const issues: ScenarioIssue[] = [];
  let truncated = false;
  const issue = (message: string, path: readonly PathSegment[], key = false): void => {
    // Past the cap, only note that there is more: locating each issue costs a walk of the document.
    if (issues.length >= LIMITS.maxIssues) truncated = true;
    else issues.push({ message, ...document.locate(path, { key }), path: toPointer(path) });
  };
  const addIssues = (found: ScenarioIssue[]): void => {
    const room = Math.max(0, LIMITS.maxIssues - issues.length);
    issues.push(...found.slice(0, room));
    truncated ||= found.length > room;
  };
  const context: FieldContext = {
    issue,
    steps(list, path) {
      if (!Array.isArray(list)) {
        issue(MESSAGES.notList(String(path.at(-1)), describeValue(list)), path);
        return undefined;
      }
      const checked = checkSteps(list, path, document, Math.max(0, LIMITS.maxIssues - issues.length));
      addIssues(checked.issues);
      truncated ||= checked.truncated;
      return checked.issues.length === 0 ? checked.steps : undefined;
    },
    step(raw, path) {
      const checked = checkSingleStep(raw, document, path);
      addIssues(checked.issues);
      return checked.steps[0];
    },
  };
  refuseUnknownKeys(value, SCENARIO_KEYS, 'the scenario', [], issue);
  optionalString(value, '$schema', [], issue);
  const id = requiredId(value, [], 'a short name in lower case, e.g. "id: first-task"', issue);
  const title = requiredText(value, 'title', [], 'the name shown to learners, e.g. "title: Run your first task"', issue);
  const summary = 'summary' in value ? localizedText(value.summary, 'summary', ['summary'], issue) : undefined;
  const topics = checkTopics(value, issue);
  const level = checkLevel(value, issue);
  const estimatedMinutes = checkEstimatedMinutes(value, issue);
  const seed = checkSeed(value, issue);
  let setup: Step[] = [];
  if (!('setup' in value)) {
    issue(MESSAGES.missingKey('setup', 'the list of steps that builds the starting state ("setup: []" for none)'), []);
  } else {
    setup = context.steps(value.setup, ['setup']) ?? [];
  }
  const events = checkEvents(value, context);
  const lesson = checkLesson(value, { issue, document, checker: providedObjectiveChecker(), addIssues });
  const actionLists = checkActionLists(value, context);
  const solution = checkSolution(value, actionLists, context);
  const antiSolutions = checkAntiSolutions(value, lesson.objectiveIds, actionLists, context);
  const editor = checkEditor(value, issue);
  if (issues.length > 0 || id === undefined || title === undefined) {
    return { ok: false, issues: withTruncationNote(inFileOrder(issues), truncated) };
  }
  const scenario: Scenario = { id, title: title.en, seed, setup };
  if (summary !== undefined) scenario.summary = summary.en;
  if (editor !== undefined) scenario.editor = editor;
  const translations = { ...(isPlainMap(value.title) && { title }), ...(isPlainMap(value.summary) && summary && { summary }) };
  if (Object.keys(translations).length > 0) scenario.translations = translations;
  if (topics !== undefined) scenario.topics = topics;
  if (level !== undefined) scenario.level = level;
  if (estimatedMinutes !== undefined) scenario.estimatedMinutes = estimatedMinutes;
  if (events !== undefined) scenario.events = events;
  if ('steps' in value) scenario.steps = lesson.steps;
  if (solution !== undefined) scenario.solution = solution;
  if (antiSolutions !== undefined) scenario.antiSolutions = antiSolutions;
  if (actionLists.allowedActions !== undefined) scenario.allowedActions = actionLists.allowedActions;
  if (actionLists.disabledActions !== undefined) scenario.disabledActions = actionLists.disabledActions;
  return { ok: true, scenario };
}

/** When checking stopped at the cap, say so last (without a position: it concerns the whole file). */
function withTruncationNote(issues: ScenarioIssue[], truncated: boolean): ScenarioIssue[] {
  return truncated ? [...issues, { message: MESSAGES.tooManyIssues() }] : issues;
}

/** Issues sorted by where they are, so an author reads them top to bottom (stable for ties). */
function inFileOrder(issues: ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function checkSeed(value: Record<string, unknown>, issue: Report): number {
  if (!('seed' in value)) return DEFAULT_SEED;
  const seed = value.seed;
  if (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED) return seed;
  issue(MESSAGES.badSeed(describeValue(seed)), ['seed']);
  return DEFAULT_SEED;
}

function checkEditor(value: Record<string, unknown>, issue: Report): Scenario['editor'] | undefined {
  if (!('editor' in value)) return undefined;
  const editor = value.editor;
  if (!isPlainMap(editor)) {
    issue(MESSAGES.notMap('editor', describeValue(editor)), ['editor']);
    return undefined;
  }
  refuseUnknownKeys(editor, EDITOR_KEYS, '"editor"', ['editor'], issue);
  if (editor.taskDefinition === undefined) return {};
  if (!isPlainMap(editor.taskDefinition)) {
    issue(MESSAGES.notMap('taskDefinition', describeValue(editor.taskDefinition)), ['editor', 'taskDefinition']);
    return undefined;
  }
  return { taskDefinition: editor.taskDefinition };
}

/** `ecs:RunTask: {…}` alone in a file: a step, not a scenario (which would have id, title, setup). */
function looksLikeOneStep(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'wait' || keys[0]!.includes(':'));
}

function syntaxOf(fileName: string | undefined): Syntax {
  if (fileName === undefined) return 'auto';
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  return 'auto';
}

/** `scenarios/My Steps.yaml` → `my-steps`: a bare list of steps takes its id from its file name. */
function idFromFileName(fileName: string | undefined): string {
  const base = (fileName ?? '').split(/[\\/]/).pop()!.replace(/\.[^.]*$/, '');
  const id = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id === '' ? 'steps' : id;
}

/**
 * Where each step of a scenario's setup (or of a bare list) starts, in order: lets the CLI report
 * a step that failed when it ran as `file:line:col`, like a parse problem. `list` names another list
 * of steps in the scenario — `['solution']`, `['antiSolutions', 0, 'steps']` — for `check`, which
 * replays those. Empty if the text does not parse or has no such list.
 */
export function locateSteps(
  text: string,
  options?: { fileName?: string; list?: readonly PathSegment[] },
): { line: number; column: number }[] {
  const read = readChecked(text, syntaxOf(options?.fileName));
  if (!read.ok) return [];
  const { document } = read;
  const value = document.value;
  const base: readonly PathSegment[] = Array.isArray(value) ? [] : (options?.list ?? ['setup']);
  let list: unknown = value;
  for (const segment of base) list = isPlainMap(list) || Array.isArray(list) ? (list as Record<string, unknown>)[segment] : undefined;
  return Array.isArray(list) ? list.map((_step, index) => document.locate([...base, index])) : [];
}
