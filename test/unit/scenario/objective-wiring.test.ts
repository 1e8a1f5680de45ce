// The scenario format's public face checks objectives' predicates with the objective language's own
// checker: a misspelt field in a `check:` is refused with its line and column, as any other issue.
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenarioText } from '../../../workers/scenario/index.ts';

const scenario = (field: string) => `id: wiring
title: Wiring
setup:
  - ecs:CreateCluster: {clusterName: demo}
steps:
  - id: scale
    title: Scale web
    instructions: Set the desired count of web to 5.
    objectives:
      - id: five
        title: web wants five tasks
        check: {compare: {path: "services[web].${field}", op: ">=", value: 5}}
`;

describe('objective predicates in scenario files', () => {
  it('accepts a predicate on a real field', () => {
    expect(parseScenarioText(scenario('desiredCount'), { fileName: 'wiring.yaml' }).ok).toBe(true);
  });

  it('refuses a field that does not exist, with the file, line and column', () => {
    const result = parseScenarioText(scenario('desiredcount'), { fileName: 'wiring.yaml' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.issues.map((issue) => formatIssue(issue, 'wiring.yaml')).join('\n');
    expect(text).toMatch(/^wiring\.yaml:12:\d+: .*desiredcount.*did you mean desiredCount\?/);
  });
});
