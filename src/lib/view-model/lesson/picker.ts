/**
 * The scenario picker's view: scenarios grouped by the course's sequences (scenarios/course.yaml)
 * or by topic (workers/scenario/topics.ts), each with its title, level, estimated minutes and the
 * learner's progress. Input is parsed YAML of unknown shape (a scenario being written may be
 * incomplete): every field is read defensively and a missing one is simply not shown.
 */
import type { LessonSummary } from '../../progress/progress.ts';
import { localize } from './locale.ts';

export interface ScenarioMeta {
  id: string;
  title: string;
  summary: string;
  level: string | null;
  estimatedMinutes: number | null;
  topics: string[];
  /** Whether it is a lesson (has steps) rather than a free sandbox. */
  lesson: boolean;
}

export interface CourseSequence {
  id: string;
  title: string;
  scenarioIds: string[];
}

export interface PickerEntry extends ScenarioMeta {
  /** "✓ Completed", "2 of 3 steps done", "Started", or "". */
  progressLabel: string;
  completed: boolean;
  current: boolean;
  /** "beginner · 15 min" */
  facts: string;
}

export interface PickerGroup {
  id: string;
  title: string;
  entries: PickerEntry[];
}

type Text = Parameters<typeof localize>[0];

function asText(value: unknown, lang: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).en === 'string') return localize(value as Text, lang);
  return '';
}

export function scenarioMeta(id: string, doc: unknown, lang: string): ScenarioMeta {
  const d = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  const minutes = d.estimatedMinutes;
  return {
    id,
    title: asText(d.title, lang) || id,
    summary: asText(d.summary, lang),
    level: typeof d.level === 'string' ? d.level : null,
    estimatedMinutes: typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? minutes : null,
    topics: Array.isArray(d.topics) ? d.topics.filter((t): t is string => typeof t === 'string') : [],
    lesson: Array.isArray(d.steps) && d.steps.length > 0,
  };
}

/**
 * scenarios/course.yaml: `sequences: [{id, title, scenarios: [ids]}]` (a bare list of sequences is
 * read too). Entries without scenarios are dropped; unknown keys are ignored.
 */
export function parseCourse(doc: unknown, lang: string): CourseSequence[] {
  const list = Array.isArray(doc) ? doc : typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).sequences : null;
  if (!Array.isArray(list)) return [];
  const out: CourseSequence[] = [];
  for (const [index, raw] of list.entries()) {
    if (typeof raw !== 'object' || raw === null) continue;
    const s = raw as Record<string, unknown>;
    const ids = Array.isArray(s.scenarios) ? s.scenarios.filter((x): x is string => typeof x === 'string') : [];
    if (ids.length === 0) continue;
    const id = typeof s.id === 'string' ? s.id : `sequence-${index + 1}`;
    out.push({ id, title: asText(s.title, lang) || id, scenarioIds: ids });
  }
  return out;
}

export function pickerEntry(meta: ScenarioMeta, progress: LessonSummary | undefined, currentId: string | null): PickerEntry {
  const facts = [meta.level, meta.estimatedMinutes === null ? null : `${meta.estimatedMinutes} min`].filter((f) => f !== null).join(' · ');
  let progressLabel = '';
  if (progress?.completed) progressLabel = '✓ Completed';
  else if (progress !== undefined && progress.stepsDone > 0) progressLabel = `${progress.stepsDone} of ${progress.stepsTotal} steps done`;
  else if (progress !== undefined) progressLabel = 'Started';
  return { ...meta, facts, progressLabel, completed: progress?.completed === true, current: meta.id === currentId };
}

type Progress = ReadonlyMap<string, LessonSummary>;

export function groupBySequence(course: CourseSequence[], metas: ScenarioMeta[], progress: Progress, currentId: string | null): PickerGroup[] {
  const byId = new Map(metas.map((m) => [m.id, m]));
  const placed = new Set<string>();
  const groups: PickerGroup[] = [];
  for (const sequence of course) {
    const entries = sequence.scenarioIds.flatMap((id) => {
      const meta = byId.get(id);
      if (meta === undefined) return []; // named in course.yaml but not (yet) shipped
      placed.add(id);
      return [pickerEntry(meta, progress.get(id), currentId)];
    });
    if (entries.length > 0) groups.push({ id: sequence.id, title: sequence.title, entries });
  }
  const rest = metas.filter((m) => !placed.has(m.id));
  if (rest.length > 0) groups.push({ id: 'other', title: course.length > 0 ? 'More scenarios' : 'Scenarios', entries: rest.map((m) => pickerEntry(m, progress.get(m.id), currentId)) });
  return groups;
}

export function groupByTopic(topics: readonly { id: string; title: string }[], metas: ScenarioMeta[], progress: Progress, currentId: string | null): PickerGroup[] {
  const groups: PickerGroup[] = [];
  for (const topic of topics) {
    const entries = metas.filter((m) => m.topics.includes(topic.id)).map((m) => pickerEntry(m, progress.get(m.id), currentId));
    if (entries.length > 0) groups.push({ id: topic.id, title: topic.title, entries });
  }
  const untagged = metas.filter((m) => m.topics.length === 0);
  if (untagged.length > 0) groups.push({ id: 'untagged', title: 'Other', entries: untagged.map((m) => pickerEntry(m, progress.get(m.id), currentId)) });
  return groups;
}
