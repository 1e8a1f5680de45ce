// Proves the Java-regex translation: the common Java syntax means the same in JavaScript, the
// whole value must match (Pattern.matches), what JavaScript can't express is refused by name,
// and the patterns that can take exponential time are refused before they run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  hasLineTerminator,
  literalPrefix,
  MAX_PATTERN_LENGTH,
  MAX_UNBOUNDED_REPETITIONS,
  translateJavaRegex,
} from '../../../../workers/engine/placement/query/java-regex.ts';

function compiled(pattern: string): RegExp {
  const translated = translateJavaRegex(pattern);
  if (!translated.ok) throw new Error(`${pattern}: ${translated.message}`);
  return translated.regExp;
}

describe('Java syntax that translates', () => {
  it.each([
    // [Java pattern, value, whole-value match?]
    ['g2.*', 'g2.2xlarge', true],
    ['t2', 't2.micro', false], // Pattern.matches needs the whole value
    ['.*micro', 't3.micro', true],
    ['t3\\.micro', 't3xmicro', false], // \. is a literal dot
    ['t[23]\\..+', 't2.small', true],
    ['[^t].*', 'm5.large', true],
    ['\\d+', '12345', true],
    ['\\w+-\\w+', 'us-east', true],
    ['\\s', ' ', true],
    ['\\s', '\u00a0', false], // Java's \s is ASCII only
    ['\\S', '\u00a0', true],
    ['[\\s,]+', ' ,\t', true],
    ['a{2,3}', 'aaa', true],
    ['a{2,3}', 'aaaa', false],
    ['a{2,}', 'aaaaa', true],
    ['a+?b', 'aaab', true], // lazy quantifier
    ['(m5|c5)\\.(large|xlarge)', 'c5.xlarge', true],
    ['(?:ab)+', 'ababab', true],
    ['(?<family>m5)\\.\\k<family>', 'm5.m5', true], // named group and back-reference
    ['(a)\\1', 'aa', true],
    ['(?i)T3\\.MICRO', 't3.micro', true],
    ['(?s)a.b', 'a\nb', true],
    ['\\Qg2.*\\E', 'g2.*', true], // \Q…\E quotes
    ['\\Qg2.*\\E', 'g2.2xlarge', false],
    ['\\p{Alpha}+', 'abcXYZ', true], // POSIX class
    ['\\p{Digit}{3}', '123', true],
    ['[\\p{Lower}\\d]+', 'abc123', true], // POSIX class inside brackets
    ['\\P{Alpha}+', '123', true],
    ['\\p{L}+', 'héllo', true], // Unicode category
    ['\\p{IsLatin}+', 'abc', true], // Unicode script
    ['\\pL\\pN', 'a1', true],
    ['\\x41\\u0042\\x{43}', 'ABC', true],
    ['\\0101', 'A', true], // octal 101 = 65 = 'A'
    ['\\t', '\t', true],
    ['\\h', ' ', true],
    ['a\\-b\\@c\\:d', 'a-b@c:d', true], // escaped punctuation is the character
    ['\\Aabc\\z', 'abc', true],
    ['abc\\Z', 'abc', true],
    ['[]a]+', ']a]', true], // a ] right after [ is literal
    ['a]b}', 'a]b}', true], // lone ] and } are literal in Java
    ['(?=t3)t3\\..*', 't3.micro', true], // lookahead
    ['.*(?<!large)', 'm5.xlarge', false], // lookbehind
    ['', '', true],
  ])('%s vs %j → %s', (pattern, value, expected) => {
    expect(compiled(pattern).test(value)).toBe(expected);
  });

  it('anchors the translation as a whole-value match', () => {
    const translated = translateJavaRegex('t3|m5');
    expect(translated.ok && translated.source).toBe('^(?:t3|m5)$');
    expect(compiled('t3|m5').test('t3x')).toBe(false);
  });
});

describe('what JavaScript can not express is refused by name', () => {
  it.each([
    ['a*+', 'possessive quantifiers'],
    ['a++b', 'possessive quantifiers'],
    ['(?>ab)', 'atomic groups'],
    ['[a-z&&[^e]]', 'intersections'],
    ['[a[bc]]', 'nested character classes'],
    ['a(?i)b', 'inline flags are supported only at the start'],
    ['(?x) a b', '(?x) has no JavaScript equivalent'],
    ['\\G', '\\G has no JavaScript equivalent'],
    ['\\X', '\\X has no JavaScript equivalent'],
    ['\\p{InGreek}', 'Unicode blocks'],
    ['\\p{javaLowerCase}', 'java.lang.Character classes'],
    ['\\p{Nonsense}', 'is not a property the sandbox knows'],
    ['[\\P{Alpha}]', 'negated POSIX class'],
    ['\\y', '\\y is not a Java escape'],
    ['abc\\', 'lone backslash'],
    ['(ab', 'is not closed'],
    ['ab)', "unmatched ')'"],
    ['[ab', 'is not closed'],
    ['*a', 'follows nothing it can repeat'],
    ['a{x}', "starts no repetition"],
    ['a{3,1}', 'maximum below its minimum'],
    ['\\p{IsNotAScript}', "JavaScript can't compile it"],
  ])('%s', (pattern, words) => {
    const translated = translateJavaRegex(pattern);
    expect(translated.ok).toBe(false);
    if (!translated.ok) expect(translated.message).toContain(words);
  });
});

describe('catastrophic patterns are refused before they run', () => {
  it.each([
    ['(a+)+', 'exponential time'],
    ['(a*)*b', 'exponential time'],
    ['(x+x+)+y', 'exponential time'],
    ['((ab)+c)+', 'exponential time'],
    ['(a{1,5}){2,}', 'exponential time'],
    ['.*.*.*.*.*x', `more than ${MAX_UNBOUNDED_REPETITIONS} unbounded repetitions`],
  ])('%s', (pattern, words) => {
    const translated = translateJavaRegex(pattern);
    expect(translated.ok).toBe(false);
    if (!translated.ok) expect(translated.message).toContain(words);
  });

  it(`refuses patterns longer than ${MAX_PATTERN_LENGTH} characters`, () => {
    const translated = translateJavaRegex('a'.repeat(MAX_PATTERN_LENGTH + 1));
    expect(translated.ok).toBe(false);
    if (!translated.ok) expect(translated.message).toBe('the pattern is 257 characters long; the sandbox accepts at most 256');
    expect(translateJavaRegex('a'.repeat(MAX_PATTERN_LENGTH)).ok).toBe(true);
  });

  it('still accepts a repeated group without inner repetition, and up to 4 unbounded repetitions', () => {
    expect(compiled('(ab)+').test('abab')).toBe(true);
    expect(compiled('(a|b)*c').test('abbac')).toBe(true);
    expect(compiled('.*-.*-.*-.*').test('a-b-c-d')).toBe(true);
  });
});

describe('the startsWith shortcut for text followed by .*', () => {
  it.each([
    ['g2.*', 'g2'],
    ['t2.*', 't2'],
    ['.*', ''],
    ['us-east-1.*', 'us-east-1'],
    ['t2\\..*', undefined], // an escape: not plain text
    ['(t2).*', undefined],
    ['t2.+', undefined],
    ['t2*', undefined],
  ])('%s → %j', (pattern, prefix) => {
    expect(literalPrefix(pattern)).toBe(prefix);
  });

  it('answers exactly as the translated RegExp would (including values with line breaks)', () => {
    const text = fc.array(fc.constantFrom('t', '2', '.', 'g', '-', ' ', '\n', '\r', '\u2028', '\u0085', 'x'), { maxLength: 8 }).map((c) => c.join(''));
    fc.assert(
      fc.property(text.filter((p) => literalPrefix(`${p}.*`) !== undefined), text, (prefix, value) => {
        const pattern = `${prefix}.*`;
        const translated = translateJavaRegex(pattern);
        if (!translated.ok) throw new Error(translated.message);
        const shortcut = value.startsWith(prefix) && !hasLineTerminator(value, prefix.length);
        expect(shortcut).toBe(translated.regExp.test(value));
      }),
      { numRuns: 2000 },
    );
  });
});
