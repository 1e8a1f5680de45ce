// Proves the strict JSON checker agrees with JSON.parse on what is valid, and that for what is not
// it names the problem and the exact offset (which JSON.parse in Node 20 often omits).
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../workers/scenario/json-syntax.ts';

describe('findJsonSyntaxError', () => {
  it.each(['{}', '[]', '0', '-1.5e3', '"a\\n\\u00e9"', 'true', ' null ', '{"a": [1, {"b": false}], "c": ""}', '[[[]]]'])('accepts %s like JSON.parse', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxError(text)).toBeNull();
  });

  it.each([
    ['[1,]', 3, "trailing comma before ']' (JSON allows no comma after the last item)"],
    ['{"a": 1,}', 8, "trailing comma before '}' (JSON allows no comma after the last item)"],
    ['{"a" 1}', 5, "expected ':' after the property name, found '1'"],
    ['{a: 1}', 1, "expected a property name in double quotes, found 'a'"],
    ["['a']", 1, 'strings in JSON take double quotes, not single quotes'],
    ['[1 2]', 3, "expected ',' or ']' after a list item, found '2'"],
    ['{"a": 1', 7, "unexpected end of the text: expected ',' or '}'"],
    ['', 0, 'unexpected end of the text: expected a value'],
    ['"abc', 0, 'unterminated string: no closing double quote'],
    ['"a\nb"', 2, 'unterminated string (a JSON string cannot span lines)'],
    ['"\\x"', 1, 'invalid escape sequence in a string'],
    ['{} {}', 3, "unexpected '{' after the end of the JSON value"],
    ['[01]', 2, "expected ',' or ']' after a list item, found '1'"],
    ['// c\n{}', 0, "expected a value (a string in double quotes, number, true, false, null, { or [), found '/'"],
  ])('%j → at %i: %s', (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toEqual({ offset, message });
  });

  it('handles deep nesting without recursion', () => {
    expect(findJsonSyntaxError('['.repeat(200_000) + ']'.repeat(200_000))).toBeNull();
  });
});
