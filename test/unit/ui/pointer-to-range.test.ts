// Proves the editor's JSON helpers: syntax errors are located by line and column, and a
// validation error's JSON pointer becomes the text range of the offending property (or, when the
// property is missing, of the nearest ancestor that is present).
import { describe, expect, it } from 'vitest';
import { describeJsonError, parsePointer, pointerToRange } from '../../../src/lib/editor/pointer-to-range.ts';
import { offsetToPosition, parseJsonTree } from '../../../src/lib/editor/json-tree.ts';

const TEXT = `{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "nginx:1.27",
      "portMappings": [{ "containerPort": 80 }]
    }
  ],
  "a/b": { "c~d": 1 }
}`;

describe('parsePointer', () => {
  it.each([
    ['', []],
    ['/family', ['family']],
    ['/containerDefinitions/0/name', ['containerDefinitions', '0', 'name']],
    ['/a~1b/c~0d', ['a/b', 'c~d']],
  ])('%j → %j', (pointer, segments) => {
    expect(parsePointer(pointer)).toEqual(segments);
  });
});

describe('pointerToRange', () => {
  it('points at a property name', () => {
    // line 2 is `  "family": "web",`: the key spans columns 3..11 ("family" with quotes)
    expect(pointerToRange(TEXT, '/family')).toEqual({ startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 11, exact: true });
  });

  it('walks arrays and nested objects', () => {
    expect(pointerToRange(TEXT, '/containerDefinitions/0/image')).toMatchObject({ startLineNumber: 6, startColumn: 7, exact: true });
    expect(pointerToRange(TEXT, '/containerDefinitions/0/portMappings/0/containerPort')).toMatchObject({ startLineNumber: 7, exact: true });
  });

  it('points at an array element itself (its opening brace)', () => {
    expect(pointerToRange(TEXT, '/containerDefinitions/0')).toEqual({ startLineNumber: 4, startColumn: 5, endLineNumber: 4, endColumn: 6, exact: true });
  });

  it('unescapes ~1 and ~0', () => {
    expect(pointerToRange(TEXT, '/a~1b/c~0d')).toMatchObject({ startLineNumber: 10, startColumn: 12, exact: true });
  });

  it('falls back to the nearest present ancestor for a missing field', () => {
    // memory is missing in container 0: the container object's opening brace (line 4) is marked
    expect(pointerToRange(TEXT, '/containerDefinitions/0/memory')).toMatchObject({ startLineNumber: 4, startColumn: 5, exact: false });
    // a missing top-level field marks the document's opening brace
    expect(pointerToRange(TEXT, '/cpu')).toMatchObject({ startLineNumber: 1, startColumn: 1, exact: false });
    // an index past the end marks the array's property name
    expect(pointerToRange(TEXT, '/containerDefinitions/3/name')).toMatchObject({ startLineNumber: 3, startColumn: 3, exact: false });
  });

  it('the empty pointer is the whole document; invalid JSON has no ranges', () => {
    expect(pointerToRange(TEXT, '')).toMatchObject({ startLineNumber: 1, startColumn: 1, exact: true });
    expect(pointerToRange('{"a": }', '/a')).toBeNull();
  });
});

describe('describeJsonError', () => {
  it('is null for valid JSON', () => {
    expect(describeJsonError(TEXT)).toBeNull();
  });

  it.each([
    // line 2 col 15 is where the missing comma should be (after "web")
    ['{\n  "family": "web"\n  "cpu": "256"\n}', 3, 3, /Expected ',' or '}'/],
    ['{"a": 1,}', 1, 8, /Trailing comma/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": "x', 1, 7, /Unterminated string/],
    ['{a: 1}', 1, 2, /property name in double quotes/],
    ['{"a": 1} x', 1, 10, /after the end/],
    ['   ', 1, 1, /empty/],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    const error = describeJsonError(text);
    expect(error).toMatchObject({ line, column });
    expect(error!.message).toMatch(message);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['[]', '{}', '"x"', '-1.5e3', '[1, [2, {"a": null}], true]', '{"a":"\\u00e9\\n"}']) {
      expect(parseJsonTree(text).ok, text).toBe(true);
      expect(() => JSON.parse(text)).not.toThrow();
    }
    for (const text of ['[1,]', '{"a" 1}', '01', "{'a': 1}", '[1 2]']) {
      expect(parseJsonTree(text).ok, text).toBe(false);
      expect(() => JSON.parse(text)).toThrow();
    }
  });
});

describe('offsetToPosition', () => {
  it('counts lines and columns from 1', () => {
    expect(offsetToPosition('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(offsetToPosition('ab\ncd', 3)).toEqual({ line: 2, column: 1 });
    expect(offsetToPosition('ab\ncd', 99)).toEqual({ line: 2, column: 3 });
  });
});
