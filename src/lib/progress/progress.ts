/**
 * A learner's saved work on one scenario: a summary of the lesson (for the picker's ✓ and "2 of 3
 * steps") and the run exported by the worker (client.exportRun(), replayed by restoreRun). Saved
 * as versioned JSON; anything read back (localStorage, an imported file) is untrusted and checked
 * field by field, with a sentence for the first problem.
 */
import type { LessonState } from '../../../workers/protocol.ts';

export const PROGRESS_VERSION = 1;
/** Sandbox limit: a run longer than this is not saved or read (a learner's run is a few KB). */
export const MAX_RUN_CHARS = 1_000_000;

export interface LessonSummary {
  stepsDone: number;
  stepsTotal: number;
  completed: boolean;
  hintsShown: number;
  solutionRevealed: boolean;
  attempts: number;
}

export interface SavedProgress {
  v: typeof PROGRESS_VERSION;
  scenarioId: string;
  /** Real time (ISO 8601) the work was saved: "Restored your work from …". */
  savedAt: string;
  summary: LessonSummary;
  /** The exported run (JSON text from the worker). */
  run: string;
  /**
   * Hints revealed, by objective id: the run carries commands, not what the learner read, so they
   * are revealed again after the run is replayed (optional: files saved before it lack it).
   */
  hints?: Record<string, number>;
}

/** Sandbox limits on what `hints` may hold (read from untrusted files). */
const MAX_HINT_ENTRIES = 200;
const MAX_HINTS_PER_OBJECTIVE = 20;

/** The hints revealed so far, by objective id (objectives with none are left out). */
export function hintsOf(lesson: LessonState): Record<string, number> {
  const hints: Record<string, number> = {};
  for (const step of lesson.steps) for (const objective of step.objectives) if (objective.hints.length > 0) hints[objective.id] = objective.hints.length;
  return hints;
}

export function summarize(lesson: LessonState): LessonSummary {
  return {
    stepsDone: lesson.steps.filter((s) => s.state === 'done').length,
    stepsTotal: lesson.steps.length,
    completed: lesson.completed,
    hintsShown: lesson.hintsShown,
    solutionRevealed: lesson.solutionRevealed,
    attempts: lesson.attempts,
  };
}

const SCENARIO_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isScenarioId(value: unknown): value is string {
  return typeof value === 'string' && SCENARIO_ID.test(value);
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseSavedProgress(raw: unknown): ParseResult<SavedProgress> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'saved progress must be a JSON object.' };
  const p = raw as Record<string, unknown>;
  if (p.v !== PROGRESS_VERSION) return { ok: false, message: `saved progress has version ${JSON.stringify(p.v) ?? 'none'}; this sandbox reads version ${PROGRESS_VERSION}.` };
  if (!isScenarioId(p.scenarioId)) return { ok: false, message: `"scenarioId" must be a scenario id (lower-case letters, digits and "-"), not ${JSON.stringify(p.scenarioId)?.slice(0, 40) ?? 'nothing'}.` };
  if (typeof p.savedAt !== 'string' || Number.isNaN(Date.parse(p.savedAt))) return { ok: false, message: `"savedAt" of ${p.scenarioId} must be a date and time.` };
  if (!isRun(p.run)) return { ok: false, message: runProblem(p.scenarioId) };
  const summary = parseSummary(p.summary);
  if (summary === null) return { ok: false, message: `"summary" of ${p.scenarioId} must give stepsDone, stepsTotal, completed, hintsShown, solutionRevealed and attempts.` };
  const hints = parseHints(p.hints);
  if (hints === null) return { ok: false, message: hintsProblem(p.scenarioId) };
  return { ok: true, value: { v: PROGRESS_VERSION, scenarioId: p.scenarioId, savedAt: p.savedAt, summary, run: p.run, ...(hints === undefined ? {} : { hints }) } };
}

/** Whether `run` can be an exported run's text (also the check of a host's state: embed/protocol.ts). */
export function isRun(run: unknown): run is string {
  return typeof run === 'string' && run.length > 0 && run.length <= MAX_RUN_CHARS;
}

export function runProblem(scenarioId: string): string {
  return `"run" of ${scenarioId} must be the exported run's text (at most ${MAX_RUN_CHARS} characters).`;
}

export function hintsProblem(scenarioId: string): string {
  return `"hints" of ${scenarioId} must map objective ids to how many hints were shown (0–${MAX_HINTS_PER_OBJECTIVE}).`;
}

/** Hints read, by objective id. undefined: absent; null: malformed. */
export function parseHints(raw: unknown): Record<string, number> | undefined | null {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_HINT_ENTRIES) return null;
  const hints: Record<string, number> = {};
  for (const [id, count] of entries) {
    if (!isScenarioId(id) || typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || count > MAX_HINTS_PER_OBJECTIVE) return null;
    hints[id] = count;
  }
  return hints;
}

function parseSummary(raw: unknown): LessonSummary | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Record<string, unknown>;
  const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!count(s.stepsDone) || !count(s.stepsTotal) || s.stepsDone > s.stepsTotal || !count(s.hintsShown) || !count(s.attempts)) return null;
  if (typeof s.completed !== 'boolean' || typeof s.solutionRevealed !== 'boolean') return null;
  return { stepsDone: s.stepsDone, stepsTotal: s.stepsTotal, completed: s.completed, hintsShown: s.hintsShown, solutionRevealed: s.solutionRevealed, attempts: s.attempts };
}
