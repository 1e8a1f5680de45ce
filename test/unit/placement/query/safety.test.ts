// Proves nothing in an expression can be executed: the query modules contain no eval, Function
// constructor or dynamic import, so an expression is only ever data for the parser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../../../workers/engine/placement/query');
const sources = readdirSync(dir).filter((file) => file.endsWith('.ts'));

describe('no code execution in the query language', () => {
  it('has the modules it is expected to have', () => {
    expect(sources).toEqual(expect.arrayContaining(['index.ts', 'lexer.ts', 'parser.ts', 'compile.ts', 'java-regex.ts']));
  });

  it.each(sources)('%s uses no eval, Function constructor or dynamic import', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).not.toMatch(/\beval\s*\(/);
    expect(text).not.toMatch(/\bnew\s+Function\b|\bFunction\s*\(/);
    expect(text).not.toMatch(/\bimport\s*\(/);
  });
});
