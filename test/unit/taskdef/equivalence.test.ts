// Proves the task definition model answers exactly as it did before it moved from zod's classic
// API to zod/mini (a bundle-size change that must change no behaviour):
// - the JSON Schema Monaco gets is deep-equal to the one recorded before (fixtures/schema-before.json);
// - the validator's full result (validity, every error's path, code, message and fix, in order) for
//   each of ~3 800 seeded inputs (equivalence-corpus.ts) equals the one recorded before
//   (fixtures/validation-before.json.gz, gzip of one `"id": result` line per case).
// Both fixtures were written by the code as it stood before the change; regenerate them only for a
// deliberate change of behaviour, and say so in the commit.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { taskDefinitionJsonSchema, validateTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import type { ValidationResult } from '../../../workers/protocol.ts';
import { equivalenceCorpus } from './equivalence-corpus.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

describe('the JSON Schema for the editor', () => {
  it('is deep-equal to the schema recorded before the move to zod/mini', () => {
    const before = JSON.parse(readFileSync(fixture('schema-before.json'), 'utf8'));
    expect(taskDefinitionJsonSchema()).toEqual(before);
    // Key order matters to nobody's validation but shows in Monaco's completion list: keep it too.
    expect(JSON.stringify(taskDefinitionJsonSchema(), null, 2) + '\n').toBe(readFileSync(fixture('schema-before.json'), 'utf8'));
  });
});

describe('validateTaskDefinition on the equivalence corpus', () => {
  const before = JSON.parse(gunzipSync(readFileSync(fixture('validation-before.json.gz'))).toString('utf8')) as Record<string, ValidationResult>;
  const cases = equivalenceCorpus();

  it('covers the same cases as the recording', () => {
    expect(cases.map((c) => c.id)).toEqual(Object.keys(before));
    expect(cases.length).toBeGreaterThan(3000);
  });

  it('answers every case exactly as before (valid, paths, codes, messages, fixes, order)', () => {
    const differing: { id: string; now: ValidationResult; before: ValidationResult | undefined }[] = [];
    for (const c of cases) {
      const now = validateTaskDefinition(c.input);
      // Compared as JSON text: the same as deep equality, and key order of fixes included.
      if (JSON.stringify(now) !== JSON.stringify(before[c.id])) differing.push({ id: c.id, now, before: before[c.id] });
    }
    // On failure, the first few differences are shown whole.
    expect(differing.slice(0, 3)).toEqual([]);
    expect(differing.length).toBe(0);
  });
});
