// Proves the learning format's checks never throw and always answer with located issues, whatever
// shape a key holds: the full example with one random node replaced by a random value (null, a
// number, a string, a list, a map) — or a random key deleted — many times over. The randomness is
// seeded; the seed is in each test's name, so a failure can be replayed exactly.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../workers/engine/prng.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';

const FULL = parseYaml(readFileSync(new URL('./fixtures/full-scenario.yaml', import.meta.url), 'utf8')) as unknown;
const REPLACEMENTS: unknown[] = [null, 0, -1, 1.5, 'x', '', '10m', [], [null], {}, { en: '' }, { wait: '5m' }, ['ecs:RunTask'], true];
const ROUNDS = 150;

/** Every [parent, key] of the document, so one can be replaced or deleted. */
function places(node: unknown, found: [Record<string, unknown> | unknown[], string | number][] = []): typeof found {
  if (Array.isArray(node)) node.forEach((item, index) => (found.push([node, index]), places(item, found)));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      found.push([node as Record<string, unknown>, key]);
      places(value, found);
    }
  }
  return found;
}

describe('the learning format under random shapes', () => {
  for (const seed of [1, 7, 20261207]) {
    it(`never throws and locates every issue, seed ${seed}`, () => {
      const prng = new Prng(seed);
      for (let round = 0; round < ROUNDS; round++) {
        const copy = structuredClone(FULL);
        const all = places(copy);
        const [parent, key] = all[prng.int(0, all.length)]!;
        const replacement = REPLACEMENTS[prng.int(0, REPLACEMENTS.length + 1)];
        if (replacement === undefined && !Array.isArray(parent)) delete parent[key as string];
        else (parent as Record<string | number, unknown>)[key] = replacement ?? null;
        const text = JSON.stringify(copy, null, 1);
        const context = `seed ${seed}, round ${round}, ${JSON.stringify(key)} → ${JSON.stringify(replacement)}`;
        let result!: ReturnType<typeof parseScenarioText>;
        expect(() => (result = parseScenarioText(text, { fileName: 'x.json' })), context).not.toThrow();
        if (result.ok) {
          expect(structuredClone(result.scenario), context).toEqual(result.scenario);
          continue;
        }
        for (const issue of result.issues) {
          expect(issue.line, context).toBeGreaterThanOrEqual(1);
          expect(issue.path, context).toMatch(/^(\/[^/]*)*$/);
          expect(issue.message.length, context).toBeGreaterThan(5);
        }
      }
    });
  }
});
