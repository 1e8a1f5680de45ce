/**
 * The command log as JSON, to save progress or share a run as a link. A shared log names its
 * scenario by id (the app has the scenario; a link carrying a whole scenario would be long and
 * would be code-free data of unknown origin anyway): `decodeLog` asks the caller for the scenario.
 * Logs read from outside are untrusted: every field is checked and a problem is a value.
 */
import type { Scenario, Step } from '../protocol.ts';
import type { CommandLog, TimelineEntry } from './log.ts';

export const LOG_FORMAT_VERSION = 1;
/** Sandbox limit: a shared run of more commands than this is refused (a learner's session has tens). */
export const MAX_SHARED_ENTRIES = 10_000;

/** The shareable form: entries as [at, step] pairs, times relative to nothing (virtual ms). */
export interface SharedLog {
  v: typeof LOG_FORMAT_VERSION;
  scenario: string;
  seed: number;
  end: number;
  steps: [number, Step][];
}

export function encodeLog(log: CommandLog): string {
  const shared: SharedLog = { v: LOG_FORMAT_VERSION, scenario: log.scenario.id, seed: log.seed, end: log.endMs, steps: log.entries.map((entry) => [entry.at, entry.step]) };
  return JSON.stringify(shared);
}

export type DecodeResult = { ok: true; log: CommandLog } | { ok: false; message: string };

export function decodeLog(text: string, findScenario: (id: string) => Scenario | undefined): DecodeResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The saved run is not JSON: ${(error as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'The saved run must be a JSON object.' };
  const shared = raw as Record<string, unknown>;
  if (shared.v !== LOG_FORMAT_VERSION) return { ok: false, message: `The saved run has format version ${JSON.stringify(shared.v)}; this sandbox reads version ${LOG_FORMAT_VERSION}.` };
  if (typeof shared.scenario !== 'string') return { ok: false, message: 'The saved run does not name its scenario ("scenario" must be a scenario id).' };
  const scenario = findScenario(shared.scenario);
  if (scenario === undefined) return { ok: false, message: `The saved run is of scenario "${shared.scenario}", which this sandbox does not have.` };
  if (!isTime(shared.seed) || shared.seed > 0xffff_ffff) return { ok: false, message: `The saved run's seed must be a whole number from 0 to 4294967295, not ${JSON.stringify(shared.seed)}.` };
  if (!isTime(shared.end)) return { ok: false, message: `The saved run's end time must be a whole number of virtual milliseconds ≥ 0, not ${JSON.stringify(shared.end)}.` };
  if (!Array.isArray(shared.steps)) return { ok: false, message: 'The saved run\'s "steps" must be a list of [time, step] pairs.' };
  if (shared.steps.length > MAX_SHARED_ENTRIES) return { ok: false, message: `The saved run has ${shared.steps.length} commands; at most ${MAX_SHARED_ENTRIES} are read.` };
  const entries: TimelineEntry[] = [];
  for (const [index, pair] of shared.steps.entries()) {
    const problem = checkPair(pair, entries.at(-1)?.at ?? 0, shared.end);
    if (problem !== undefined) return { ok: false, message: `Command ${index + 1} of the saved run: ${problem}` };
    const [at, step] = pair as [number, Step];
    entries.push({ at, step });
  }
  return { ok: true, log: { scenario, seed: shared.seed, entries, endMs: shared.end } };
}

function checkPair(pair: unknown, previousAt: number, end: number): string | undefined {
  if (!Array.isArray(pair) || pair.length !== 2) return 'must be a [time, step] pair.';
  const [at, step] = pair as unknown[];
  if (!isTime(at)) return `its time must be a whole number of virtual milliseconds ≥ 0, not ${JSON.stringify(at)}.`;
  if (at < previousAt) return `its time ${at} is before the previous command's (${previousAt}): commands are in the order they ran.`;
  if (at > end) return `its time ${at} is after the run's end (${end}).`;
  if (typeof step !== 'object' || step === null || Array.isArray(step) || Object.keys(step).length !== 1) return 'its step must be an object with exactly one action, e.g. {"ecs:CreateCluster": {…}}.';
  return undefined;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
