// Proves the published JSON Schema (scenarios/schema/scenario.schema.json) is current and agrees
// with the parser: the file is exactly what workers/scenario/json-schema.ts generates from
// SUPPORTED_ACTIONS, the topics and the parser's key lists (so it cannot drift from actions.ts);
// every scenario in scenarios/ validates against it; and a corpus of files is accepted, or refused,
// by the schema and the parser alike. ajv is not a dependency: a small draft-07 validator
// (mini-json-schema.ts) that refuses keywords it does not know does the validating.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_ACTIONS, WAIT } from '../../../workers/engine/actions.ts';
import { ANTI_SOLUTION_KEYS } from '../../../workers/scenario/attempts.ts';
import { OBJECTIVE_SCHEMA_REF, scenarioJsonSchema } from '../../../workers/scenario/json-schema.ts';
import { LESSON_STEP_KEYS, OBJECTIVE_KEYS } from '../../../workers/scenario/lesson.ts';
import { EDITOR_KEYS, SCENARIO_KEYS } from '../../../workers/scenario/parse.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';
import { EVENT_KEYS } from '../../../workers/scenario/timeline-events.ts';
import { LEVELS, TOPIC_IDS } from '../../../workers/scenario/topics.ts';
import { scenarioSchemaText } from '../../../tools/write-scenario-schema.ts';
import { isAnnotation, keywordsOf, validate, VALIDATION_KEYWORDS, type JsonSchema } from './mini-json-schema.ts';

const SCENARIOS = new URL('../../../scenarios/', import.meta.url);
const SCHEMA_TEXT = readFileSync(new URL('schema/scenario.schema.json', SCENARIOS), 'utf8');
const SCHEMA = JSON.parse(SCHEMA_TEXT) as Record<string, any>;
const OBJECTIVE_FILE = new URL('schema/objective.schema.json', SCENARIOS);
const PLACEHOLDER = JSON.parse(readFileSync(new URL('./fixtures/objective.placeholder.schema.json', import.meta.url), 'utf8')) as JsonSchema;
/** The objective language's own schema when it exists; the test placeholder (any map) until then. */
const OBJECTIVE_SCHEMA = existsSync(OBJECTIVE_FILE) ? (JSON.parse(readFileSync(OBJECTIVE_FILE, 'utf8')) as JsonSchema) : PLACEHOLDER;
const FULL = readFileSync(new URL('./fixtures/full-scenario.yaml', import.meta.url), 'utf8');

function schemaErrors(value: unknown, objectiveSchema: JsonSchema = PLACEHOLDER) {
  return validate(value, { 'scenario.schema.json': SCHEMA, 'objective.schema.json': objectiveSchema }, 'scenario.schema.json');
}

describe('scenarios/schema/scenario.schema.json', () => {
  it('is exactly what json-schema.ts generates (run `npx tsx tools/write-scenario-schema.ts` after changing actions, topics or keys)', () => {
    expect(SCHEMA_TEXT).toBe(scenarioSchemaText());
  });

  it('is draft-07 and names the objective schema for check', () => {
    expect(SCHEMA.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(SCHEMA.definitions.Objective.properties.check.$ref).toBe(OBJECTIVE_SCHEMA_REF);
    expect(OBJECTIVE_SCHEMA_REF).toBe('objective.schema.json#/definitions/Objective');
  });

  it('lists exactly the supported actions (from actions.ts) and wait', () => {
    expect(Object.keys(SCHEMA.definitions.Step.properties)).toEqual([...SUPPORTED_ACTIONS, WAIT]);
    expect(SCHEMA.definitions.ActionList.items.enum).toEqual([...SUPPORTED_ACTIONS, WAIT]);
  });

  it('lists exactly the course topics and levels', () => {
    expect(SCHEMA.definitions.Topic.enum).toEqual([...TOPIC_IDS]);
    expect(SCHEMA.definitions.Topic.enumDescriptions).toHaveLength(TOPIC_IDS.length);
    expect(SCHEMA.properties.level.enum).toEqual([...LEVELS]);
  });

  it('has the same keys as the parser, everywhere, and refuses any other', () => {
    const keysOf = (node: Record<string, any>) => ({ keys: Object.keys(node.properties), closed: node.additionalProperties === false });
    expect(keysOf(SCHEMA)).toEqual({ keys: [...SCENARIO_KEYS], closed: true });
    expect(keysOf(SCHEMA.properties.editor)).toEqual({ keys: [...EDITOR_KEYS], closed: true });
    expect(keysOf(SCHEMA.definitions.LessonStep)).toEqual({ keys: [...LESSON_STEP_KEYS], closed: true });
    expect(keysOf(SCHEMA.definitions.Objective)).toEqual({ keys: [...OBJECTIVE_KEYS], closed: true });
    expect(keysOf(SCHEMA.definitions.AntiSolution)).toEqual({ keys: [...ANTI_SOLUTION_KEYS], closed: true });
    expect(keysOf(SCHEMA.definitions.Event)).toEqual({ keys: [...EVENT_KEYS], closed: true });
    expect(SCHEMA.required).toEqual(['id', 'title', 'setup']);
  });

  it('resolves every local $ref', () => {
    const refs = [...SCHEMA_TEXT.matchAll(/"\$ref": "#\/definitions\/([A-Za-z]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(SCHEMA.definitions, name).toHaveProperty(name);
  });

  it.each(readdirSync(SCENARIOS).filter((name) => name.endsWith('.yaml') && name !== 'course.yaml'))('scenarios/%s validates against it', (file) => {
    const value: unknown = parseYaml(readFileSync(new URL(file, SCENARIOS), 'utf8'));
    expect(schemaErrors(value, OBJECTIVE_SCHEMA)).toEqual([]);
  });
});

describe('the schema and the parser agree', () => {
  const full = parseYaml(FULL) as Record<string, any>;
  const edit = (change: (copy: Record<string, any>) => void): Record<string, any> => {
    const copy = structuredClone(full);
    change(copy);
    return copy;
  };
  const parserAccepts = (value: unknown) => parseScenarioText(JSON.stringify(value), { fileName: 'x.json' }).ok;

  it.skipIf(!existsSync(OBJECTIVE_FILE))('with the objective language\'s own schema, the full example validates and a misspelt predicate does not', () => {
    expect(schemaErrors(full, OBJECTIVE_SCHEMA)).toEqual([]);
    const misspelt = edit((c) => { c.steps[0].objectives[0].check = { exists: { off: 'tasks' } }; });
    expect(schemaErrors(misspelt, OBJECTIVE_SCHEMA).map((error) => error.path)).toContain('/steps/0/objectives/0/check');
  });

  it('both accept the full example', () => {
    expect(schemaErrors(full)).toEqual([]);
    expect(parserAccepts(full)).toBe(true);
  });

  // Mistakes a schema can express: both must refuse each.
  const BOTH: [string, (copy: Record<string, any>) => void][] = [
    ['a misspelt top-level key', (c) => { c.titel = c.title; }],
    ['no setup', (c) => { delete c.setup; }],
    ['an id with capitals', (c) => { c.id = 'Dynamic'; }],
    ['a title map without English', (c) => { c.title = { fr: 'Bonjour' }; }],
    ['a blank title', (c) => { c.title = '  '; }],
    ['a bad language tag', (c) => { c.title = { en: 'Hi', en_US: 'Hi' }; }],
    ['an unknown topic', (c) => { c.topics = ['placment']; }],
    ['a topic twice', (c) => { c.topics = ['ecr', 'ecr']; }],
    ['an unknown level', (c) => { c.level = 'expert'; }],
    ['zero minutes', (c) => { c.estimatedMinutes = 0; }],
    ['601 minutes', (c) => { c.estimatedMinutes = 601; }],
    ['a fractional seed', (c) => { c.seed = 1.5; }],
    ['an unknown action in setup', (c) => { c.setup.push({ 'ecs:RunTasks': {} }); }],
    ['a step with two keys', (c) => { c.setup.push({ 'ecs:RunTask': {}, wait: '5m' }); }],
    ['a wait that is not a duration', (c) => { c.setup.push({ wait: 'soon' }); }],
    ['a wait longer than 30 days', (c) => { c.setup.push({ wait: 30 * 86_400_000 + 1 }); }],
    ['a request that is a list', (c) => { c.setup.push({ 'ecs:RunTask': [] }); }],
    ['an event with a bad time', (c) => { c.events[0].at = 'later'; }],
    ['an event without do', (c) => { delete c.events[0].do; }],
    ['an event that waits', (c) => { c.events[0].do = { wait: '5m' }; }],
    ['an event with an extra key', (c) => { c.events[0].repeat = true; }],
    ['a lesson step without instructions', (c) => { delete c.steps[0].instructions; }],
    ['a misspelt objective key', (c) => { c.steps[0].objectives[0].hint = ['x']; }],
    ['an objective without check', (c) => { delete c.steps[0].objectives[0].check; }],
    ['a check that is not a map', (c) => { c.steps[0].objectives[0].check = 'tasks > 3'; }],
    ['a hint that is a number', (c) => { c.steps[0].objectives[0].hints = [3]; }],
    ['an objective id with spaces', (c) => { c.steps[0].objectives[0].id = 'web registered'; }],
    ['a solution that is a map', (c) => { c.solution = { 'ecs:RunTask': {} }; }],
    ['an anti-solution without mustFail', (c) => { delete c.antiSolutions[0].mustFail; }],
    ['an empty mustFail', (c) => { c.antiSolutions[0].mustFail = []; }],
    ['mustFail naming an id twice', (c) => { c.antiSolutions[0].mustFail = ['three-running', 'three-running']; }],
    ['an unknown disabled action', (c) => { c.disabledActions = ['ecs:StartTask']; }],
    ['both action lists', (c) => { c.allowedActions = ['ecs:RunTask']; }],
    ['an unknown editor key', (c) => { c.editor.theme = 'dark'; }],
  ];
  it.each(BOTH)('both refuse %s', (_name, change) => {
    const value = edit(change);
    expect(schemaErrors(value)).not.toEqual([]);
    expect(parserAccepts(value)).toBe(false);
  });

  // What a schema cannot say: the parser alone refuses these (the schema, by design, lets them through).
  const PARSER_ONLY: [string, (copy: Record<string, any>) => void][] = [
    ['two objectives with one id', (c) => { c.steps[1].objectives[0].id = 'web-registered'; }],
    ['two lesson steps with one id', (c) => { c.steps[1].id = 'register'; }],
    ['mustFail naming an objective that does not exist', (c) => { c.antiSolutions[0].mustFail = ['web-running']; }],
    ['events out of time order', (c) => { c.events[0].at = '2h'; }],
    ['a solution using a disabled action', (c) => { c.disabledActions = ['ecs:RunTask']; }],
    ['two anti-solutions with one name', (c) => { c.antiSolutions.push(structuredClone(c.antiSolutions[0])); }],
  ];
  it.each(PARSER_ONLY)('the parser alone refuses %s', (_name, change) => {
    const value = edit(change);
    expect(schemaErrors(value)).toEqual([]);
    expect(parserAccepts(value)).toBe(false);
  });
});

describe('the test validator', () => {
  it('refuses a keyword it does not know rather than ignoring it', () => {
    expect(() => validate(1, { s: { type: 'integer', multipleOf: 2 } }, 's')).toThrow('does not support the keyword "multipleOf"');
  });

  it('knows every keyword the published schema uses', () => {
    const unknown = [...keywordsOf(SCHEMA)].filter((keyword) => !VALIDATION_KEYWORDS.has(keyword) && !isAnnotation(keyword));
    expect(unknown).toEqual([]);
    expect(keywordsOf(SCHEMA)).toContain('oneOf');
  });
});
