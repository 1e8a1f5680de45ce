// The authoring guide's worked example is test/fixtures/scenarios/authoring-example.yaml, word for
// word, and it passes `check`: its solution meets every objective and its anti-solution fails the
// objective it names. The guide's sample outputs name the example's real objective ids.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { checkScenarioText } from '../../../workers/scenario/check/index.ts';

const GUIDE = readFileSync(new URL('../../../docs/authoring.md', import.meta.url), 'utf8');
const FIXTURE = readFileSync(new URL('../../fixtures/scenarios/authoring-example.yaml', import.meta.url), 'utf8');

/** The YAML between the guide's `authoring-example` markers. */
function guideExample(): string {
  const match = /<!-- authoring-example: begin -->\n```yaml\n([\s\S]*?)```\n<!-- authoring-example: end -->/.exec(GUIDE);
  if (!match) throw new Error('docs/authoring.md has no authoring-example block');
  return match[1]!;
}

describe('docs/authoring.md worked example', () => {
  it('is the fixture, word for word', () => {
    expect(guideExample()).toBe(FIXTURE);
  });

  it('passes check', () => {
    const report = checkScenarioText(guideExample(), 'scenarios/spread-a-service.yaml', { createEngine: () => createEngine() });
    expect(report.issues).toEqual([]);
    expect(report.solution?.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.solution?.objectives.map((o) => [o.id, o.passed])).toEqual([
      ['predict-zones', true],
      ['three-running', true],
      ['one-per-zone', true],
      ['six-for-a-minute', true],
    ]);
    expect(report.antiSolutions.map((a) => [a.name, a.ok])).toEqual([['RunTask instead of a service', true]]);
  });

  it('uses every part the guide promises: steps, objectives, hints, a prediction, an event, a solution and an anti-solution', () => {
    for (const key of ['\nsteps:', '\nevents:', '\nsolution:', '\nantiSolutions:', 'hints:', 'predict:', 'mustFail:']) expect(FIXTURE).toContain(key);
  });

  it('a broken copy fails check, as the guide shows', () => {
    const broken = FIXTURE.replace('desiredCount: 6}\n', 'desiredCount: 5}\n');
    expect(broken).not.toBe(FIXTURE);
    const report = checkScenarioText(broken, 'scenarios/spread-a-service.yaml', { createEngine: () => createEngine() });
    expect(report.ok).toBe(false);
    expect(report.solution?.problems.join('\n')).toContain('six-for-a-minute');
  });
});
