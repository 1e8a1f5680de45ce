/**
 * The scenarios shipped with the site (scenarios/*.yaml), opened with `?scenario=<id>`, each file
 * its own lazily fetched chunk so the first paint carries none of them. The default sandbox is not
 * fetched this way: its first frame is computed at build time (boot.ts). An http(s) URL names a
 * scenario file elsewhere (issue 8's authoring mode): the page opens the default scenario, then
 * fetches the URL as text and switches to it only if it parses (src/lib/authoring/open-url.ts).
 */
import { parseScenarioSource, type ScenarioSource } from './embed/options.ts';

// sandbox.yaml is left out: main.ts imports it at once (and draws its build-time first frame).
// course.yaml is the course's sequences, not a scenario (the picker reads it on its own).
const FILES = import.meta.glob(['../../scenarios/*.yaml', '!../../scenarios/sandbox.yaml', '!../../scenarios/course.yaml'], { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

/** Bundled scenario ids (file names without .yaml), sorted; `sandbox` is the default. */
export const BUNDLED_SCENARIO_IDS: readonly string[] = ['sandbox', ...Object.keys(FILES).map((path) => path.slice(path.lastIndexOf('/') + 1, -'.yaml'.length))].sort();

export type ScenarioChoice = { kind: 'default' } | { kind: 'bundled'; id: string } | { kind: 'url'; url: string } | { kind: 'unknown'; given: string };

/**
 * The scenario the page opens — the one path for the address's `scenario=` (boot.ts), given the
 * embed options' ScenarioSource (options.ts checks its form) or, for the tests, an address's
 * query: nothing or `sandbox` → the default; a bundled id; an absolute http(s) URL (fetched as
 * data once the default scenario runs, never executed; open-url.ts); anything else is unknown
 * (said, never fetched).
 */
export function scenarioChoice(from: ScenarioSource | null | string): ScenarioChoice {
  let source: ScenarioSource | null;
  if (typeof from === 'string') {
    const given = new URLSearchParams(from).get('scenario');
    if (given === null || given === '') return { kind: 'default' };
    const parsed = parseScenarioSource(given);
    if (typeof parsed === 'string') return { kind: 'unknown', given };
    source = parsed;
  } else {
    source = from;
  }
  if (source === null) return { kind: 'default' };
  if (source.kind === 'url') return { kind: 'url', url: source.url };
  if (source.id === 'sandbox') return { kind: 'default' };
  if (Object.hasOwn(FILES, `../../scenarios/${source.id}.yaml`)) return { kind: 'bundled', id: source.id };
  return { kind: 'unknown', given: source.id };
}

export function loadBundledScenario(id: string): Promise<string> {
  const load = FILES[`../../scenarios/${id}.yaml`];
  if (load === undefined) return Promise.reject(new Error(`No bundled scenario "${id}".`));
  return load();
}

export function unknownScenarioNotice(given: string): string {
  const shown = given.length > 60 ? `${given.slice(0, 60)}…` : given;
  return `There is no scenario "${shown}": the sandbox opened its default scenario. Scenarios: ${BUNDLED_SCENARIO_IDS.join(', ')}.`;
}
