// Wired into the scenario parser (objective-hook.ts), checkObjective's issues come back with the
// file's line and column: a predicate on a field that does not exist is refused before anything runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue, parseScenarioText } from '../../../workers/scenario/index.ts';
import { provideObjectiveChecker } from '../../../workers/scenario/objective-hook.ts';
import { checkObjective } from '../../../workers/scenario/objectives/index.ts';

const SCENARIO = `id: scale-web
title: Scale web to ten
setup: []
steps:
  - id: scale
    title: Scale up
    instructions: Set the desired count of web to 10.
    objectives:
      - id: ten-running
        title: Ten tasks run
        check:
          count: {of: tasks, where: {service: web, lastStatu: RUNNING}, is: 10}
      - id: desired
        title: Desired count is 10
        check: {compare: {path: "services[web].desiredcount", op: ">=", value: 10}}
`;

describe('objectives inside a scenario file', () => {
  beforeAll(() => provideObjectiveChecker(checkObjective));
  afterAll(() => provideObjectiveChecker(undefined));

  it('locates each predicate problem by line and column', () => {
    const parsed = parseScenarioText(SCENARIO, { fileName: 'scale-web.yaml' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => formatIssue(issue, 'scale-web.yaml'))).toEqual([
      'scale-web.yaml:12:52: tasks[].lastStatu: no such field; did you mean lastStatus?',
      'scale-web.yaml:15:33: services[].desiredcount: no such field; did you mean desiredCount?',
    ]);
  });

  it('accepts the corrected file', () => {
    const fixed = SCENARIO.replace('lastStatu:', 'lastStatus:').replace('desiredcount', 'desiredCount');
    const parsed = parseScenarioText(fixed, { fileName: 'scale-web.yaml' });
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });
});
