// Proves that the parsers never throw and always answer with a well-formed result, whatever the
// text: random bytes, random mutations of valid scenarios (YAML and JSON), random truncations. The
// randomness is seeded; the seed is in each test's name, so a failure can be replayed exactly.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Prng } from '../../../workers/engine/prng.ts';
import { parseScenarioText, parseStepsText } from '../../../workers/scenario/index.ts';
import type { ScenarioIssue } from '../../../workers/protocol.ts';

const SANDBOX_YAML = readFileSync(new URL('../../../scenarios/sandbox.yaml', import.meta.url), 'utf8');
const SAMPLE_JSON = JSON.stringify({ id: 'j', title: 'JSON', setup: [{ 'ecs:CreateCluster': { clusterName: 'demo' } }, { wait: '30s' }] }, null, 2);
// Rounds per seed: each round parses four texts twice; the yaml package needs ~2 ms for sandbox.yaml.
const ROUNDS = 100;
const ALPHABET = ' \n\t-:{}[],"\'#&*!|>?%@`abcXYZ019.~\\/ecs:RunTaskwait';

function mutate(text: string, prng: Prng): string {
  let out = text;
  const edits = prng.int(1, 6);
  for (let edit = 0; edit < edits; edit++) {
    const at = prng.int(0, out.length + 1);
    switch (prng.int(0, 4)) {
      case 0: // insert a character
        out = out.slice(0, at) + ALPHABET[prng.int(0, ALPHABET.length)] + out.slice(at);
        break;
      case 1: // delete a run
        out = out.slice(0, at) + out.slice(at + prng.int(1, 8));
        break;
      case 2: // truncate
        out = out.slice(0, at);
        break;
      default: // duplicate a slice elsewhere
        out = out.slice(0, at) + out.slice(prng.int(0, out.length + 1), prng.int(0, out.length + 1)) + out.slice(at);
    }
  }
  return out;
}

function randomText(prng: Prng): string {
  const length = prng.int(0, 200);
  let out = '';
  for (let index = 0; index < length; index++) out += ALPHABET[prng.int(0, ALPHABET.length)];
  return out;
}

function expectWellFormed(issues: ScenarioIssue[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(5);
    if (issue.line !== undefined) expect(issue.line).toBeGreaterThanOrEqual(1);
    if (issue.column !== undefined) expect(issue.column).toBeGreaterThanOrEqual(1);
  }
}

describe('parsers never throw', () => {
  for (const seed of [1, 2, 3, 20261125]) {
    it(`mutated scenarios and random text, seed ${seed}`, () => {
      const prng = new Prng(seed);
      for (let round = 0; round < ROUNDS; round++) {
        const inputs: [string, string | undefined][] = [
          [mutate(SANDBOX_YAML, prng), 'sandbox.yaml'],
          [mutate(SAMPLE_JSON, prng), 'sample.json'],
          [mutate(SAMPLE_JSON, prng), undefined],
          [randomText(prng), undefined],
        ];
        for (const [text, fileName] of inputs) {
          const context = `seed ${seed}, round ${round}, text ${JSON.stringify(text.slice(0, 80))}`;
          let scenario!: ReturnType<typeof parseScenarioText>;
          let steps!: ReturnType<typeof parseStepsText>;
          expect(() => {
            scenario = parseScenarioText(text, fileName === undefined ? undefined : { fileName });
            steps = parseStepsText(text);
          }, context).not.toThrow();
          if (!scenario.ok) expectWellFormed(scenario.issues);
          else expect(typeof scenario.scenario.id).toBe('string');
          if (!steps.ok) expectWellFormed(steps.issues);
          // Whatever is accepted must cross the worker boundary: plain, cloneable data.
          if (scenario.ok) expect(structuredClone(scenario.scenario)).toEqual(scenario.scenario);
        }
      }
    });
  }

  it('answers non-string input with an issue', () => {
    for (const input of [undefined, null, 42, {}, []]) {
      expect(parseScenarioText(input as unknown as string).ok).toBe(false);
      expect(parseStepsText(input as unknown as string).ok).toBe(false);
    }
  });
});
