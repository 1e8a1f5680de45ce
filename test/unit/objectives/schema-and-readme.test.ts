// The JSON Schema fragment and the README cannot drift from the checker: the schema lists exactly
// the operators, collections and condition operators checkObjective knows, and every objective in
// the README's YAML examples is accepted by checkObjective.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONDITION_OPS, OPERATORS } from '../../../workers/scenario/objectives/check.ts';
import { COLLECTION_NAMES } from '../../../workers/scenario/objectives/catalog.ts';
import { checkObjective } from '../../../workers/scenario/objectives/index.ts';

interface Schema {
  $id: string;
  definitions: Record<string, { oneOf?: { required?: string[]; properties?: Record<string, unknown> }[]; enum?: string[] }>;
}
const schema = JSON.parse(readFileSync(new URL('../../../scenarios/schema/objective.schema.json', import.meta.url), 'utf8')) as Schema;
const readme = readFileSync(new URL('../../../workers/scenario/objectives/README.md', import.meta.url), 'utf8');

describe('objective.schema.json', () => {
  it('is the fragment the scenario schema references', () => {
    expect(schema.$id).toBe('objective.schema.json');
    expect(schema.definitions.Objective).toBeDefined();
  });
  it('lists exactly the operators, collections and condition operators of the checker', () => {
    expect(schema.definitions.Objective!.oneOf!.map((branch) => branch.required![0])).toEqual([...OPERATORS]);
    expect(new Set(schema.definitions.Collection!.enum)).toEqual(new Set(COLLECTION_NAMES));
    const conditionMap = schema.definitions.Condition!.oneOf!.find((branch) => branch.properties)!;
    expect(Object.keys(conditionMap.properties!)).toEqual([...CONDITION_OPS]);
  });
});

describe('the README', () => {
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]!) as unknown[]);
  it('has example objectives, and checkObjective accepts every one', () => {
    const examples = blocks.flat();
    expect(examples.length).toBeGreaterThanOrEqual(18);
    for (const [index, example] of examples.entries()) {
      const result = checkObjective(example, `/example/${index}`);
      expect(result.ok ? [] : result.issues, JSON.stringify(example)).toEqual([]);
    }
  });
});
