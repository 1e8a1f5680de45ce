/**
 * What the scenario picker lists: every bundled scenario's facts (read from its YAML, fetched as
 * the lazy chunks bundled-scenarios.ts already makes) and the course's sequences
 * (scenarios/course.yaml). Loaded once, when the picker first opens or a lesson is completed (for
 * its "next scenario" link); the YAML parser comes with it, never with the page.
 */
import { BUNDLED_SCENARIO_IDS, loadBundledScenario } from './bundled-scenarios.ts';
import { parseCourse, scenarioMeta, type CourseSequence, type ScenarioMeta } from './view-model/lesson/picker.ts';

const COURSE = import.meta.glob('../../scenarios/course.yaml', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
/** course.yaml sits next to the scenarios but is not one. */
const NOT_SCENARIOS = new Set(['course']);

/** The default sandbox is not fetched as a chunk (main.ts has it): its facts are known here. */
const SANDBOX: ScenarioMeta = { id: 'sandbox', title: 'Free sandbox', summary: 'A small EC2 cluster over three zones, no objectives: try anything.', level: null, estimatedMinutes: null, topics: ['free-sandbox'], lesson: false };

export interface Catalog {
  scenarios: ScenarioMeta[];
  course: CourseSequence[];
}

let cached: Promise<Catalog> | null = null;

export function loadCatalog(lang: string): Promise<Catalog> {
  cached ??= readCatalog(lang).catch((error: unknown) => {
    cached = null; // tried again next time
    throw error;
  });
  return cached;
}

async function readCatalog(lang: string): Promise<Catalog> {
  const { parse } = await import('yaml');
  const read = (text: string): unknown => {
    try {
      return parse(text, { maxAliasCount: 100 });
    } catch {
      return null; // a file being written may not parse yet: listed by its id
    }
  };
  const ids = BUNDLED_SCENARIO_IDS.filter((id) => id !== 'sandbox' && !NOT_SCENARIOS.has(id));
  const scenarios = await Promise.all(ids.map(async (id) => scenarioMeta(id, read(await loadBundledScenario(id)), lang)));
  const courseText = await Object.values(COURSE)[0]?.();
  const course = courseText === undefined ? [] : parseCourse(read(courseText), lang);
  return { scenarios: [SANDBOX, ...scenarios], course };
}

/** The scenario after `id` in the course (the next of its sequence, else the next sequence's first), or null at the end. */
export function nextInCourse(course: CourseSequence[], id: string): string | null {
  const order = course.flatMap((sequence) => sequence.scenarioIds);
  const at = order.indexOf(id);
  return at < 0 ? null : (order[at + 1] ?? null);
}
