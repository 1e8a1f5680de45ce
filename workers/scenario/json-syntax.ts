/**
 * A strict JSON syntax checker that says *where* a JSON text is broken and what was expected.
 * `JSON.parse` only sometimes gives a position (V8 omits it for many errors, e.g. a trailing comma),
 * and the YAML parser, which reads JSON too, accepts things JSON does not (trailing commas,
 * comments, unquoted keys) — so a `.json` file is checked here first. Iterative, so that deep
 * nesting cannot overflow the stack.
 */
export interface JsonSyntaxError {
  /** Offset in the text (0-based) where the problem is. */
  offset: number;
  message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

type Expect = 'value' | 'key' | 'colon' | 'after-value';

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const closers: string[] = [];
  let expect: Expect = 'value';
  let index = skipWhitespace(text, 0);
  // Whether a `]`/`}` may close the current container right now (it is empty so far).
  let emptyContainer = false;
  while (index < text.length) {
    const char = text[index]!;
    if (expect === 'value' || expect === 'key') {
      if ((char === ']' || char === '}') && emptyContainer && closers.at(-1) === char) {
        closers.pop();
        index++;
        expect = 'after-value';
        emptyContainer = false;
      } else if ((char === ']' || char === '}') && !emptyContainer && closers.length > 0) {
        return { offset: index, message: `trailing comma before '${char}' (JSON allows no comma after the last item)` };
      } else if (expect === 'key') {
        if (char !== '"') return { offset: index, message: `expected a property name in double quotes, found ${show(char)}` };
        const end = scanString(text, index);
        if (typeof end !== 'number') return end;
        index = end;
        expect = 'colon';
        emptyContainer = false;
      } else {
        const next = scanValueStart(text, index, closers);
        if ('message' in next) return next;
        index = next.index;
        expect = next.opened === '}' ? 'key' : next.opened === ']' ? 'value' : 'after-value';
        emptyContainer = next.opened !== undefined;
      }
    } else if (expect === 'colon') {
      if (char !== ':') return { offset: index, message: `expected ':' after the property name, found ${show(char)}` };
      index++;
      expect = 'value';
    } else {
      const closer = closers.at(-1);
      if (closer === undefined) return { offset: index, message: `unexpected ${show(char)} after the end of the JSON value` };
      if (char === closer) {
        closers.pop();
        index++;
      } else if (char === ',') {
        index++;
        expect = closer === '}' ? 'key' : 'value';
      } else {
        return { offset: index, message: `expected ',' or '${closer}' after a ${closer === '}' ? 'property value' : 'list item'}, found ${show(char)}` };
      }
    }
    index = skipWhitespace(text, index);
  }
  if (expect === 'after-value' && closers.length === 0) return null;
  const wanted = closers.length > 0 && expect === 'after-value' ? `',' or '${closers.at(-1)}'` : expect === 'colon' ? "':'" : 'a value';
  return { offset: text.length, message: `unexpected end of the text: expected ${wanted}` };
}

function scanValueStart(
  text: string,
  index: number,
  closers: string[],
): { index: number; opened?: '}' | ']' } | JsonSyntaxError {
  const char = text[index]!;
  if (char === '{' || char === '[') {
    const closer = char === '{' ? '}' : ']';
    closers.push(closer);
    return { index: index + 1, opened: closer };
  }
  if (char === '"') {
    const end = scanString(text, index);
    return typeof end === 'number' ? { index: end } : end;
  }
  NUMBER.lastIndex = index;
  if (NUMBER.exec(text)) return { index: NUMBER.lastIndex };
  for (const literal of LITERALS) {
    if (text.startsWith(literal, index)) return { index: index + literal.length };
  }
  if (char === "'") return { offset: index, message: 'strings in JSON take double quotes, not single quotes' };
  return { offset: index, message: `expected a value (a string in double quotes, number, true, false, null, { or [), found ${show(char)}` };
}

/** Returns the offset just past the closing quote, or an error. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"') return index + 1;
    if (char === '\\') {
      const escaped = text[index + 1];
      if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) index += 5;
      else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) index += 1;
      else return { offset: index, message: 'invalid escape sequence in a string' };
    } else if (char === '\n' || char.charCodeAt(0) < 0x20) {
      return { offset: index, message: 'unterminated string (a JSON string cannot span lines)' };
    }
  }
  return { offset: start, message: 'unterminated string: no closing double quote' };
}

function skipWhitespace(text: string, index: number): number {
  while (index < text.length && WHITESPACE.has(text[index]!)) index++;
  return index;
}

function show(char: string): string {
  return char === '\n' ? 'a line break' : `'${char}'`;
}
