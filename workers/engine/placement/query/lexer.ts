/**
 * The scanner: reads one kind of token at the current position, as the parser asks for it. The
 * language is context dependent (a value such as `service:production` or `2018-06-18T22:28:28+00:00`
 * contains characters that are operators elsewhere), so the parser says what it expects next
 * instead of the scanner guessing from the characters alone.
 */
import type { OperatorName, QueryValue } from './ast.ts';
import { describeFound, QUERY_MESSAGES } from './messages.ts';

/** A syntax or argument error at a 1-based column; caught by parseClusterQuery, never escapes it. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Symbol form → word form. Longest symbols first so `!=` is not read as `!` then `=`. */
const SYMBOL_OPERATORS: readonly (readonly [string, OperatorName])[] = [
  ['!exists', 'not_exists'],
  ['!in', 'not_in'],
  ['==', 'equals'],
  ['!=', 'not_equals'],
  ['>=', 'greater_than_equal'],
  ['<=', 'less_than_equal'],
  ['=~', 'matches'],
  ['!~', 'not_matches'],
  ['>', 'greater_than'],
  ['<', 'less_than'],
];

export const WORD_OPERATORS: readonly OperatorName[] = [
  'equals',
  'not_equals',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'exists',
  'not_exists',
  'in',
  'not_in',
  'matches',
  'not_matches',
];

export const OPERATOR_SYMBOL: Readonly<Record<OperatorName, string>> = {
  equals: '==',
  not_equals: '!=',
  greater_than: '>',
  greater_than_equal: '>=',
  less_than: '<',
  less_than_equal: '<=',
  exists: 'exists',
  not_exists: '!exists',
  in: 'in',
  not_in: '!in',
  matches: '=~',
  not_matches: '!~',
};

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
/** Characters of a subject: names such as `attribute:ecs.instance-type`, `task:group`, `agentVersion`. */
const isSubjectChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_:.\-/\\]/.test(c);

export interface OperatorToken {
  readonly name: OperatorName;
  readonly text: string;
  readonly column: number;
}

export class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  get column(): number {
    return this.pos + 1;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  found(): string {
    return describeFound(this.text, this.pos);
  }

  skipSpace(): void {
    while (isSpace(this.text[this.pos])) this.pos++;
  }

  /** A keyword (`and`, `or`, `not`, case-insensitive) as a whole word at the current position. */
  atKeyword(word: string): boolean {
    const end = this.pos + word.length;
    return this.text.slice(this.pos, end).toLowerCase() === word && !isSubjectChar(this.text[end]);
  }

  /** The subject's text (possibly empty): letters, digits and `: . - _ / \`. */
  readSubjectText(): string {
    const start = this.pos;
    while (isSubjectChar(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** An operator in symbol or word form, or undefined (position unchanged) when none is here. */
  readOperator(candidatesForHint: readonly string[]): OperatorToken | undefined {
    const column = this.column;
    for (const [symbol, name] of SYMBOL_OPERATORS) {
      if (!this.text.startsWith(symbol, this.pos)) continue;
      // `!in` and `!exists` are words: `!index` is not `!in` followed by `dex`.
      if (/[a-z]$/.test(symbol) && isWordChar(this.text[this.pos + symbol.length])) continue;
      this.pos += symbol.length;
      return { name, text: symbol, column };
    }
    if (this.peek() === '=' ) throw new QueryError(QUERY_MESSAGES.singleEquals(column), column);
    if (this.peek() === '!' && isWordChar(this.peek(1))) {
      const word = this.readWordAt(this.pos + 1);
      throw new QueryError(QUERY_MESSAGES.unknownOperator(`!${word}`, column, candidatesForHint), column);
    }
    if (!isWordChar(this.peek())) return undefined;
    const word = this.readWordAt(this.pos);
    const name = WORD_OPERATORS.find((operator) => operator === word.toLowerCase());
    if (name === undefined) return undefined;
    this.pos += word.length;
    return { name, text: word, column };
  }

  /** The word at a position (letters, digits, `_`), without moving. */
  readWordAt(position: number): string {
    let end = position;
    while (isWordChar(this.text[end])) end++;
    return this.text.slice(position, end);
  }

  /**
   * A value: quoted ('…' or "…", where a backslash before the quote keeps the quote and any
   * other backslash stays as written, so '\d+' is the pattern \d+) or unquoted. An unquoted value
   * ends at white space, a bracket, a comma, `&&` or `||`; a regular expression (`pattern`) may
   * contain brackets and commas. Parentheses never belong to an unquoted value: AWS says a single
   * expression can't contain them, and `not(task:group == database)` needs the `)` to close.
   */
  readValue(pattern: boolean): QueryValue | undefined {
    const quote = this.peek();
    if (quote === "'" || quote === '"') return this.readQuoted(quote);
    const start = this.pos;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || isSpace(c) || c === ')' || c === "'" || c === '"') break;
      if (c === '(') throw new QueryError(QUERY_MESSAGES.parenthesisInValue(this.column), this.column);
      if (!pattern && (c === '[' || c === ']' || c === ',')) break;
      if ((c === '&' && this.peek(1) === '&') || (c === '|' && this.peek(1) === '|')) break;
      this.pos++;
    }
    if (this.pos === start) return undefined;
    return { text: this.text.slice(start, this.pos), quoted: false, column: start + 1 };
  }

  private readQuoted(quote: string): QueryValue {
    const column = this.column;
    let out = '';
    let i = this.pos + 1;
    for (;;) {
      const c = this.text[i];
      if (c === undefined) throw new QueryError(QUERY_MESSAGES.unclosedQuote(quote, column), column);
      if (c === quote) break;
      if (c === '\\' && i + 1 < this.text.length) {
        const next = this.text[i + 1]!;
        out += next === quote ? quote : c + next;
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
    this.pos = i + 1;
    return { text: out, quoted: true, column };
  }
}
