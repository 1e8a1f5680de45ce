// npm test runs `check` on every scenario (issue 8: "check passes on every scenario in npm test"):
// one test per file, so a failing scenario is named with its problems, and the course file against
// the scenarios (every id a scenario's, every scenario in a sequence, every topic covered).
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { CheckReport } from '../../../workers/protocol.ts';
import { checkCourseText, checkScenarioText, courseScenarioOf, type CourseScenario } from '../../../workers/scenario/check/index.ts';
import { formatIssue } from '../../../workers/scenario/index.ts';
import { COURSE_KEYS, SEQUENCE_KEYS } from '../../../workers/scenario/check/course.ts';
import { validate, type JsonSchema } from './mini-json-schema.ts';

const DIR = new URL('../../../scenarios/', import.meta.url);
const COURSE_FILE = 'course.yaml';
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.yaml') && name !== COURSE_FILE).sort();

/** Every problem of a report, one per line, as the CLI prints them. */
function problemsOf(report: CheckReport): string {
  return [
    ...report.issues.map((issue) => formatIssue(issue, report.file)),
    ...[report.solution, ...report.antiSolutions].flatMap((attempt) => attempt?.problems ?? []),
  ].join('\n');
}

describe('check on scenarios/*.yaml', () => {
  it.each(FILES)('scenarios/%s: its solution meets every objective and each anti-solution fails what it must', (file) => {
    const report = checkScenarioText(readFileSync(new URL(file, DIR), 'utf8'), `scenarios/${file}`, { createEngine: () => createEngine() });
    expect(problemsOf(report)).toBe('');
    expect(report.ok).toBe(true);
    // A long lesson replays hours of virtual time, several times: generous under a loaded test run.
  }, 60_000);
});

describe('scenarios/course.yaml', () => {
  const text = readFileSync(new URL(COURSE_FILE, DIR), 'utf8');

  it('lists every scenario once, only scenarios that exist, and covers every course topic', () => {
    const scenarios: CourseScenario[] = FILES.flatMap((file) => courseScenarioOf(readFileSync(new URL(file, DIR), 'utf8'), `scenarios/${file}`) ?? []);
    const report = checkCourseText(text, `scenarios/${COURSE_FILE}`, scenarios);
    expect(problemsOf(report)).toBe('');
  }, 30_000);

  it('validates against scenarios/schema/course.schema.json, which names exactly the parser\'s keys', () => {
    const schema = JSON.parse(readFileSync(new URL('schema/course.schema.json', DIR), 'utf8')) as Record<string, any>;
    expect(validate(parseYaml(text), { 'course.schema.json': schema as JsonSchema }, 'course.schema.json')).toEqual([]);
    expect(Object.keys(schema.properties)).toEqual([...COURSE_KEYS]);
    expect(Object.keys(schema.definitions.Sequence.properties)).toEqual([...SEQUENCE_KEYS]);
    // Its ids and texts are the scenario schema's (copied, so the two do not drift apart).
    const scenarioSchema = JSON.parse(readFileSync(new URL('schema/scenario.schema.json', DIR), 'utf8')) as Record<string, any>;
    for (const name of ['Id', 'Text', 'NonBlank']) expect(schema.definitions[name], name).toEqual(scenarioSchema.definitions[name]);
    expect(validate({ sequences: [{ id: 'x', title: 'X', scenarios: [], extra: 1 }] }, { 'course.schema.json': schema as JsonSchema }, 'course.schema.json')).not.toEqual([]);
  });
});
