// Proves that scenario text is treated as untrusted data: no YAML tags beyond plain data, an alias
// budget that stops "billion laughs", and limits on size, steps and nesting — each refused with a
// message that gives the numbers, and none of them throws.
import { describe, expect, it } from 'vitest';
import { LIMITS, parseScenarioText, parseStepsText } from '../../../workers/scenario/index.ts';
import { MAX_NESTING } from '../../../workers/scenario/nesting.ts';

function messages(text: string, fileName?: string): string[] {
  const result = parseScenarioText(text, fileName === undefined ? undefined : { fileName });
  return result.ok ? [] : result.issues.map((issue) => issue.message);
}

describe('YAML tags', () => {
  it.each(['!!js/function "function () { return 1 }"', '!!js/regexp /x/', '!!binary aGVsbG8=', '!!set {a, b}', '!!omap [a: 1]', '!custom 3', '!<tag:example.com,2000:app/foo> x'])(
    'refuses %s',
    (tagged) => {
      const result = parseScenarioText(`id: a\ntitle: ${tagged}\nsetup: []\n`);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issues[0]!.message).toMatch(/^the YAML tag \S+ is not allowed: scenario files are plain data/);
        expect(result.issues[0]!.line).toBe(2);
      }
    },
  );

  it('accepts the plain data tags', () => {
    const result = parseScenarioText('id: a\ntitle: !!str 42\nseed: !!int "7"\nsetup: !!seq []\n');
    expect(result).toEqual({ ok: true, scenario: { id: 'a', title: '42', seed: 7, setup: [] } });
  });

  it('treats << as a plain key, not a merge', () => {
    expect(messages('id: a\ntitle: t\nsetup: []\n<<: {seed: 3}\n')).toEqual([expect.stringContaining('unknown key "<<"')]);
  });
});

describe('aliases', () => {
  it('refuses a billion-laughs expansion', () => {
    const text = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(messages(text)).toEqual([`too many YAML aliases (*name) are expanded: at most ${LIMITS.maxAliasCount} are allowed, so that a small file cannot expand into a huge one`]);
  });
});

describe('keys', () => {
  it('refuses a key written twice, at any depth, at the second one', () => {
    const result = parseScenarioText('id: a\ntitle: t\nsetup:\n  - ecs:RunTask: {cluster: a, cluster: b}\n');
    expect(result).toEqual({ ok: false, issues: [{ message: 'the key "cluster" appears twice in the same map', line: 4, column: 31 }] });
  });

  it('refuses a key that is a list or a map', () => {
    expect(messages('id: a\ntitle: t\nsetup: []\n? [x, y]\n: z\n')).toEqual(['a key must be a plain name (a string), not a list or a map']);
  });

  it(`lists at most ${LIMITS.maxIssues} problems, then says there are more`, () => {
    const text = 'id: a\ntitle: t\nsetup:\n' + '  - ecs:Nope: {}\n'.repeat(150);
    const result = parseScenarioText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(LIMITS.maxIssues + 1);
    expect(result.issues.at(-1)).toEqual({ message: `only the first ${LIMITS.maxIssues} problems are listed; fix these and check again` });
  });

  it('stays fast on a map with 20 000 unknown keys (no quadratic duplicate check)', () => {
    const text = Array.from({ length: 20_000 }, (_, index) => `key${index}: 1`).join('\n');
    const started = performance.now();
    const result = parseScenarioText(text);
    expect(result.ok).toBe(false);
    // Generous bound for a loaded CI machine; the yaml package's own check took ~10 s here.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('size limits', () => {
  it('refuses text over 1 MB', () => {
    const text = `id: a\ntitle: t\nsummary: "${'x'.repeat(LIMITS.maxTextChars)}"\nsetup: []\n`;
    expect(messages(text)).toEqual([`the text is ${text.length} characters long; the limit is 1000000 (1 MB): split it into several files`]);
  });

  it(`refuses more than ${LIMITS.maxSteps} steps, and accepts exactly that many`, () => {
    const steps = (count: number) => `id: a\ntitle: t\nsetup:\n${'  - wait: 1s\n'.repeat(count)}`;
    expect(parseScenarioText(steps(LIMITS.maxSteps)).ok).toBe(true);
    const result = parseScenarioText(steps(LIMITS.maxSteps + 1));
    expect(result).toMatchObject({ ok: false, issues: [{ message: '1001 steps; the limit is 1000 per file', path: '/setup/1000', line: 1004 }] });
  });

  it.each([
    ['flow lists', '['.repeat(5000) + ']'.repeat(5000)],
    ['unclosed flow lists', '['.repeat(100_000)],
    ['flow maps', '{a: '.repeat(3000) + '}'.repeat(3000)],
    ['compact list items', '- '.repeat(3000) + 'x\n'],
    ['indented maps', Array.from({ length: 1200 }, (_, depth) => ' '.repeat(depth) + 'a:').join('\n') + ' 1\n'],
  ])('refuses deep nesting (%s) up front', (_name, text) => {
    for (const attempt of [1, 2]) {
      // Twice: a second deep parse in the same process is what used to exhaust memory.
      expect(messages(text), `attempt ${attempt}`).toEqual([`the text nests more than ${MAX_NESTING} levels deep; scenario files need only a few`]);
    }
    expect(parseStepsText(text).ok).toBe(false);
  });

  it('accepts ordinary nesting with brackets inside strings and comments', () => {
    const text = `id: a\ntitle: "[[[[[[ {{{{ not nesting"\nsummary: '[[[['\n# [[[[[[[[[[[[[[[\nsetup: []\n`;
    expect(parseScenarioText(text).ok).toBe(true);
  });
});
