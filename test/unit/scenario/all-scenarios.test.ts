// Proves every scenario shipped in scenarios/ is solvable as written: it parses, and each of its
// setup steps succeeds on a fresh engine (a scenario whose setup fails would greet learners with
// an error). Scenario-specific checks live beside each scenario's own test.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';

const DIR = new URL('../../../scenarios/', import.meta.url);
// course.yaml sits next to the scenarios but is not one (course-check.test.ts checks it).
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.yaml') && name !== 'course.yaml');

describe('scenarios/*.yaml', () => {
  it.each(FILES)('%s parses and every setup step succeeds', (file) => {
    const parsed = parseScenarioText(readFileSync(new URL(file, DIR), 'utf8'), { fileName: `scenarios/${file}` });
    if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('\n'));
    const { results } = createEngine().load(parsed.scenario);
    const failed = results.filter((result) => 'error' in result);
    expect(failed, JSON.stringify(failed)).toEqual([]);
  });
});

describe('scenarios/placement.yaml', () => {
  it('ends with a RunTask that could not place everything, explained with its numbers', () => {
    const parsed = parseScenarioText(readFileSync(new URL('placement.yaml', DIR), 'utf8'));
    if (!parsed.ok) throw new Error('placement.yaml does not parse');
    const engine = createEngine();
    engine.load(parsed.scenario);
    const snapshot = engine.snapshot();
    const failed = snapshot.events.filter((event) => event.kind === 'placement.failed').at(-1)!;
    expect(failed.message).toBe('RunTask placed 6 of 8 tasks of web:1 in cluster demo; 2 could not be placed: 0/6 instances can run web:1: 6 × host port 80 in use.');
    const explained = engine.explainPlacement({ placementId: failed.placementId! });
    expect(explained.ok && explained.explanation.suggestions[0]!.kind).toBe('dynamic-host-port');
    // One Fargate task, with its ENI in us-east-1b.
    const fargate = snapshot.tasks.filter((task) => task.launchType === 'FARGATE');
    expect(fargate.map((task) => task.availabilityZone)).toEqual(['us-east-1b']);
  });
});
