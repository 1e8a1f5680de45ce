/**
 * The scenarios shipped with the site (scenarios/*.yaml), opened with `?scenario=<id>`, each file
 * its own lazily fetched chunk so the first paint carries none of them. The default sandbox is not
 * fetched this way: its first frame is computed at build time (main.ts). An http(s) URL names a
 * scenario file elsewhere (issue 8's authoring mode): the page opens the default scenario, then
 * fetches the URL as text and switches to it only if it parses (src/lib/authoring/open-url.ts).
 */
// sandbox.yaml is left out: main.ts imports it at once (and draws its build-time first frame).
// course.yaml is the course's sequences, not a scenario (the picker reads it on its own).
const FILES = import.meta.glob(['../../scenarios/*.yaml', '!../../scenarios/sandbox.yaml', '!../../scenarios/course.yaml'], { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

/** Bundled scenario ids (file names without .yaml), sorted; `sandbox` is the default. */
export const BUNDLED_SCENARIO_IDS: readonly string[] = ['sandbox', ...Object.keys(FILES).map((path) => path.slice(path.lastIndexOf('/') + 1, -'.yaml'.length))].sort();

export type ScenarioChoice = { kind: 'default' } | { kind: 'bundled'; id: string } | { kind: 'url'; url: string } | { kind: 'unknown'; given: string };

/**
 * What `?scenario=` asks for: nothing or `sandbox` → the default; a bundled id; an absolute
 * http(s) URL (fetched as data, never executed); anything else is unknown (said, never fetched).
 */
export function scenarioChoice(search: string): ScenarioChoice {
  const given = new URLSearchParams(search).get('scenario');
  if (given === null || given === '' || given === 'sandbox') return { kind: 'default' };
  if (Object.hasOwn(FILES, `../../scenarios/${given}.yaml`)) return { kind: 'bundled', id: given };
  return /^https?:\/\//i.test(given) && URL.canParse(given) ? { kind: 'url', url: new URL(given).href } : { kind: 'unknown', given };
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
