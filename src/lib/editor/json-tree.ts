/**
 * A small JSON parser that keeps source offsets, so that the editor can point at the exact spot of
 * a syntax error (line and column) and turn a validation error's JSON pointer into a text range.
 * JSON.parse gives neither reliably: its error messages differ between engines and it forgets
 * where each value came from.
 */

export type JsonNode =
  | { kind: 'object'; start: number; end: number; properties: JsonProperty[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'scalar'; start: number; end: number };

export interface JsonProperty {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

export type JsonTreeResult = { ok: true; root: JsonNode } | { ok: false; offset: number; message: string };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parse `text` as strict JSON (no comments, no trailing commas), keeping offsets. Never throws. */
export function parseJsonTree(text: string): JsonTreeResult {
  const parser = new Parser(text);
  try {
    parser.skipSpace();
    const root = parser.value();
    parser.skipSpace();
    if (parser.pos < text.length) throw new JsonSyntaxError(`Unexpected ${describeChar(text, parser.pos)} after the end of the JSON value`, parser.pos);
    return { ok: true, root };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, offset: error.offset, message: error.message };
    return { ok: false, offset: 0, message: String(error) };
  }
}

function describeChar(text: string, pos: number): string {
  if (pos >= text.length) return 'end of text';
  return `character ${JSON.stringify(text[pos])}`;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  value(): JsonNode {
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') {
      const start = this.pos;
      this.string();
      return { kind: 'scalar', start, end: this.pos };
    }
    return this.literal();
  }

  object(): JsonNode {
    const start = this.pos++;
    const properties: JsonProperty[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') return { kind: 'object', start, end: ++this.pos, properties };
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw new JsonSyntaxError(`Expected a property name in double quotes, found ${describeChar(this.text, this.pos)}`, this.pos);
      const keyStart = this.pos;
      const key = this.string();
      const keyEnd = this.pos;
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw new JsonSyntaxError(`Expected ':' after property name "${key}", found ${describeChar(this.text, this.pos)}`, this.pos);
      this.pos++;
      this.skipSpace();
      properties.push({ key, keyStart, keyEnd, value: this.value() });
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '}') return { kind: 'object', start, end: ++this.pos, properties };
      if (c !== ',') throw new JsonSyntaxError(`Expected ',' or '}' after a property value, found ${describeChar(this.text, this.pos)}`, this.pos);
      this.pos++;
      this.skipSpace();
      if (this.text[this.pos] === '}') throw new JsonSyntaxError('Trailing comma before \'}\' is not allowed in JSON', this.pos - 1);
    }
  }

  array(): JsonNode {
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') return { kind: 'array', start, end: ++this.pos, items };
    for (;;) {
      this.skipSpace();
      items.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ']') return { kind: 'array', start, end: ++this.pos, items };
      if (c !== ',') throw new JsonSyntaxError(`Expected ',' or ']' after an array element, found ${describeChar(this.text, this.pos)}`, this.pos);
      this.pos++;
      this.skipSpace();
      if (this.text[this.pos] === ']') throw new JsonSyntaxError('Trailing comma before \']\' is not allowed in JSON', this.pos - 1);
    }
  }

  /** Reads a string token starting at the opening quote; returns its decoded value. */
  string(): string {
    const start = this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') {
        this.pos++;
        return JSON.parse(this.text.slice(start, this.pos)) as string;
      }
      if (c === '\\') this.pos++;
      else if (c === '\n') break;
      this.pos++;
    }
    throw new JsonSyntaxError('Unterminated string', start);
  }

  literal(): JsonNode {
    const match = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.pos, this.pos + 400));
    if (match === null) throw new JsonSyntaxError(`Unexpected ${describeChar(this.text, this.pos)}: expected a value`, this.pos);
    const start = this.pos;
    this.pos += match[0].length;
    return { kind: 'scalar', start, end: this.pos };
  }
}

/** 1-based line and column of a character offset, as editors count them. */
export function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
