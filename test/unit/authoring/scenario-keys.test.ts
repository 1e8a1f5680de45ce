// Key completion reads the path of the map at the cursor from the indentation above it and walks
// the published scenario schema (and the objective schema it refers to) along that path.
import { describe, expect, it } from 'vitest';
import { keysAt, levelsOf, yamlPathAt } from '../../../src/lib/authoring/scenario-keys.ts';
import scenarioSchema from '../../../scenarios/schema/scenario.schema.json' with { type: 'json' };
import objectiveSchema from '../../../scenarios/schema/objective.schema.json' with { type: 'json' };

/** The path and keys offered at the end of `text` (the cursor after its last character). */
function at(text: string) {
  const lines = text.split('\n');
  const column = lines.at(-1)!.length + 1;
  return { path: yamlPathAt(lines, column), keys: keysAt(scenarioSchema, lines, column, { 'objective.schema.json': objectiveSchema as Record<string, unknown> }).map((k) => k.name) };
}

describe('scenario key completion', () => {
  it('reads the structure a line opens', () => {
    expect(levelsOf('  - id: a')).toEqual([{ indent: 2, token: '[]' }, { indent: 4, token: 'id' }]);
    expect(levelsOf('    "ecs:RunTask":')).toEqual([{ indent: 4, token: 'ecs:RunTask' }]);
    expect(levelsOf('# comment')).toEqual([]);
  });

  it('offers the top-level keys at the top', () => {
    expect(at('').keys.slice(0, 4)).toEqual(['$schema', 'id', 'title', 'summary']);
  });

  it('follows steps, list items and objectives', () => {
    expect(at('id: x\nsteps:\n  - id: a\n    ')).toEqual({ path: ['steps', '[]'], keys: ['id', 'title', 'instructions', 'objectives'] });
    expect(at('steps:\n  - id: a\n    objectives:\n      - id: o\n        ').keys).toEqual(['id', 'title', 'check', 'hints']);
    // A list at its key's own indentation.
    expect(at('steps:\n- id: a\n  ').path).toEqual(['steps', '[]']);
    // A fresh list item.
    expect(at('antiSolutions:\n  - ').keys).toEqual(['name', 'steps', 'mustFail']);
  });

  it('reaches into the objective language', () => {
    const keys = at('steps:\n  - id: a\n    objectives:\n      - id: o\n        check:\n          ').keys;
    expect(keys).toEqual(expect.arrayContaining(['count', 'exists', 'compare', 'holdsFor', 'predict']));
  });

  it('skips deeper siblings above the cursor', () => {
    expect(at('steps:\n  - id: a\n    instructions: |\n      Do: this\nsolution: []\n').path).toEqual([]);
  });
});
