/**
 * The course file (`scenarios/course.yaml`): the scenarios in sequences, the order a learner takes
 * them in. Data only, read with the scenario reader (same limits, same line and column):
 *
 *   sequences:
 *     - id: first-steps
 *       title: First steps
 *       summary: Clusters, task definitions and tasks.
 *       scenarios: [sandbox, first-task]
 *
 * `checkCourse` reports what the course lacks against the scenarios that exist: ids that are no
 * scenario's, scenarios in no sequence (or in two), and course topics (topics.ts) no scenario of
 * the course covers.
 */
import { closestMatch } from '../../engine/text.ts';
import type { CheckReport, LocalizedText, ScenarioIssue } from '../../protocol.ts';
import { readDocument, type ReadDocument } from '../document.ts';
import { forEachMap, listField, localizedText, refuseUnknownKeys, requiredId, requiredText, type Report } from '../fields.ts';
import { describeValue, MESSAGES } from '../messages.ts';
// Through the index: it wires the objective checker into the parser.
import { parseScenarioText } from '../index.ts';
import { toPointer, type PathSegment } from '../pointer.ts';
import { isPlainMap } from '../steps.ts';
import { TOPICS } from '../topics.ts';
import { CHECK_SAY } from './messages.ts';

export const COURSE_KEYS = ['$schema', 'sequences'] as const;
export const SEQUENCE_KEYS = ['id', 'title', 'summary', 'scenarios'] as const;

export interface CourseSequence {
  id: string;
  title: LocalizedText;
  summary?: LocalizedText;
  /** Scenario ids, in the order a learner takes them. */
  scenarios: string[];
}

export interface Course {
  sequences: CourseSequence[];
}

export type CourseParseResult = { ok: true; course: Course; locate: (path: readonly PathSegment[]) => { line: number; column: number } } | { ok: false; issues: ScenarioIssue[] };

export function parseCourseText(text: string, fileName?: string): CourseParseResult {
  let read: ReturnType<typeof readDocument>;
  try {
    read = readDocument(text, fileName !== undefined && /\.json$/i.test(fileName) ? 'json' : 'auto');
  } catch (error) {
    return { ok: false, issues: [{ message: String(error), line: 1, column: 1 }] };
  }
  if (!read.ok) return read;
  const document = read as ReadDocument;
  const issues: ScenarioIssue[] = [];
  const issue: Report = (message, path, key = false) => issues.push({ message, ...document.locate(path, { key }), path: toPointer(path) });
  const value = document.value;
  if (!isPlainMap(value)) return { ok: false, issues: [{ message: `a course file is a map with "sequences", not ${describeValue(value)}`, line: 1, column: 1, path: '' }] };
  refuseUnknownKeys(value, COURSE_KEYS, 'the course', [], issue);
  const sequences: CourseSequence[] = [];
  if (!('sequences' in value)) issue(MESSAGES.missingKey('sequences', 'the list of sequences ({id, title, summary, scenarios})'), []);
  const list = 'sequences' in value ? listField(value, 'sequences', [], 'sequences ({id, title, summary, scenarios})', issue) : undefined;
  const ids = new Set<string>();
  forEachMap(list ?? [], ['sequences'], SEQUENCE_KEYS, 'a sequence', issue, (raw, path) => {
    const id = requiredId(raw, path, 'a short name for the sequence, e.g. "id: first-steps"', issue);
    if (id !== undefined && ids.has(id)) issue(MESSAGES.duplicateId('sequence', id), [...path, 'id']);
    if (id !== undefined) ids.add(id);
    const title = requiredText(raw, 'title', path, 'the sequence\'s name as learners see it', issue);
    const summary = 'summary' in raw ? localizedText(raw.summary, 'summary', [...path, 'summary'], issue) : undefined;
    const scenarios = scenarioIds(raw, path, issue);
    if (id !== undefined && title !== undefined && scenarios !== undefined) sequences.push({ id, title, ...(summary ? { summary } : {}), scenarios });
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, course: { sequences }, locate: (path) => document.locate(path) };
}

function scenarioIds(raw: Record<string, unknown>, path: PathSegment[], issue: Report): string[] | undefined {
  if (!('scenarios' in raw)) {
    issue(MESSAGES.missingKey('scenarios', 'the ids of the scenarios, in order'), path);
    return undefined;
  }
  const list = listField(raw, 'scenarios', path, 'scenario ids', issue);
  if (list === undefined) return undefined;
  const ids: string[] = [];
  list.forEach((id, index) => {
    if (typeof id === 'string' && id !== '') ids.push(id);
    else issue(MESSAGES.notString(`scenarios/${index}`, describeValue(id)), [...path, 'scenarios', index]);
  });
  return ids.length === list.length ? ids : undefined;
}

/** A scenario as the course check needs it: its id, its topics and the file it came from. */
export interface CourseScenario {
  id: string;
  topics: readonly string[];
  file: string;
}

/**
 * A scenario file as the course sees it: its id and topics, read even when the file has problems
 * elsewhere (those are the file's own check's to report, not the course's). Undefined when the file
 * has no readable id.
 */
export function courseScenarioOf(text: string, file: string): CourseScenario | undefined {
  const parsed = parseScenarioText(text, { fileName: file });
  if (parsed.ok) return { id: parsed.scenario.id, topics: parsed.scenario.topics ?? [], file };
  try {
    const read = readDocument(text, /\.json$/i.test(file) ? 'json' : 'auto');
    const value = read.ok ? (read as ReadDocument).value : undefined;
    if (!isPlainMap(value) || typeof value.id !== 'string') return undefined;
    const topics = Array.isArray(value.topics) ? value.topics.filter((topic): topic is string => typeof topic === 'string') : [];
    return { id: value.id, topics, file };
  } catch {
    return undefined;
  }
}

/** What the course lacks, as located issues (unknown ids point at the id in the file). */
export function checkCourse(parsed: Extract<CourseParseResult, { ok: true }>, scenarios: readonly CourseScenario[]): ScenarioIssue[] {
  const { course, locate } = parsed;
  const known = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  const issues: ScenarioIssue[] = [];
  const placed = new Map<string, string>();
  course.sequences.forEach((sequence, sequenceIndex) =>
    sequence.scenarios.forEach((id, index) => {
      const path = ['sequences', sequenceIndex, 'scenarios', index];
      const where = { ...locate(path), path: toPointer(path) };
      if (!known.has(id)) issues.push({ message: CHECK_SAY.unknownScenario(id, closestMatch(id, [...known.keys()])), ...where });
      else if (placed.has(id)) issues.push({ message: CHECK_SAY.listedTwice(id, placed.get(id)!), ...where });
      else placed.set(id, sequence.id);
    }),
  );
  const sequencesAt = { ...locate(['sequences']), path: '/sequences' };
  for (const scenario of scenarios) {
    if (!placed.has(scenario.id)) issues.push({ message: CHECK_SAY.inNoSequence(scenario.id, scenario.file), ...sequencesAt });
  }
  const covered = new Set([...placed.keys()].flatMap((id) => known.get(id)?.topics ?? []));
  for (const topic of TOPICS) {
    if (!covered.has(topic.id)) issues.push({ message: CHECK_SAY.topicUncovered(topic.id, topic.title), ...sequencesAt });
  }
  return issues;
}

/** The course file's check as a CheckReport (no attempts; its issues are the parse's and checkCourse's). */
export function checkCourseText(text: string, fileName: string, scenarios: readonly CourseScenario[], now: () => number = () => 0): CheckReport {
  const started = now();
  const parsed = parseCourseText(text, fileName);
  const issues = parsed.ok ? checkCourse(parsed, scenarios) : parsed.issues;
  return { file: fileName, ok: issues.length === 0, issues, antiSolutions: [], durationMs: Math.max(0, now() - started) };
}
