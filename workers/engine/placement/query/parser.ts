/**
 * Recursive-descent parser for the cluster query language:
 *
 *   expression := and-expr ( ('||' | 'or') and-expr )*
 *   and-expr   := unary ( ('&&' | 'and') unary )*
 *   unary      := ('!' | 'not') unary | '(' expression ')' | comparison
 *   comparison := subject operator [argument]
 *
 * so `not` binds tighter than `and`, which binds tighter than `or` (AWS documents the operators
 * and that parentheses set precedence, not the default order; this is the usual Boolean order).
 * Keywords and word operators are matched case-insensitively; subjects and values are not.
 * Throws QueryError; parseClusterQuery turns it into a value.
 */
import type { ComparisonNode, QueryNode, QueryValue, Subject, SubjectKind } from './ast.ts';
import { closestMatch } from '../../text.ts';
import { QueryError, Scanner, WORD_OPERATORS } from './lexer.ts';
import { MAX_EXPRESSION_LENGTH, QUERY_MESSAGES } from './messages.ts';
import {
  ATTRIBUTE_PREFIX,
  describeOperators,
  FIXED_SUBJECTS,
  MAX_ATTRIBUTE_NAME_LENGTH,
  SUBJECT_OPERATORS,
} from './subjects.ts';

const SUBJECT_CANDIDATES: readonly string[] = [...FIXED_SUBJECTS, 'attribute'];
const OPERATOR_CANDIDATES: readonly string[] = [...WORD_OPERATORS, '!in', '!exists'];

export function parseQueryText(text: string): QueryNode {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new QueryError(QUERY_MESSAGES.tooLong(text.length), MAX_EXPRESSION_LENGTH + 1);
  }
  return new Parser(text).parseWhole();
}

class Parser {
  private readonly scanner: Scanner;
  /** The text of the last token read, for "after '…'" in messages. */
  private last = '';
  /** Whether the last token was a value: then a following word is probably an unquoted space. */
  private lastWasValue = false;

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  parseWhole(): QueryNode {
    const s = this.scanner;
    s.skipSpace();
    if (s.atEnd()) throw new QueryError(QUERY_MESSAGES.empty(), 1);
    const node = this.parseOr();
    s.skipSpace();
    if (!s.atEnd()) {
      if (s.peek() === ')') throw new QueryError(QUERY_MESSAGES.unexpectedClosingParenthesis(s.column), s.column);
      throw this.expectedJunction();
    }
    return node;
  }

  private parseOr(): QueryNode {
    const operands = [this.parseAnd()];
    while (this.readJunction('||', 'or')) operands.push(this.parseAnd());
    return operands.length === 1 ? operands[0]! : { type: 'or', operands };
  }

  private parseAnd(): QueryNode {
    const operands = [this.parseUnary()];
    while (this.readJunction('&&', 'and')) operands.push(this.parseUnary());
    return operands.length === 1 ? operands[0]! : { type: 'and', operands };
  }

  /** Reads `symbol` or `word` (then white space or `(` or `!` must follow the word). */
  private readJunction(symbol: string, word: string): boolean {
    const s = this.scanner;
    s.skipSpace();
    if (s.text.startsWith(symbol, s.pos)) {
      s.pos += symbol.length;
      this.last = symbol;
      return true;
    }
    if (s.atKeyword(word)) {
      this.last = s.text.slice(s.pos, s.pos + word.length);
      s.pos += word.length;
      return true;
    }
    return false;
  }

  private parseUnary(): QueryNode {
    const s = this.scanner;
    s.skipSpace();
    if (s.peek() === '!') {
      s.pos++;
      this.last = '!';
      return { type: 'not', operand: this.parseUnary() };
    }
    if (s.atKeyword('not')) {
      this.last = s.text.slice(s.pos, s.pos + 3);
      s.pos += 3;
      return { type: 'not', operand: this.parseUnary() };
    }
    if (s.peek() === '(') {
      const openColumn = s.column;
      s.pos++;
      this.last = '(';
      const inner = this.parseOr();
      s.skipSpace();
      if (s.peek() !== ')') {
        if (this.lastWasValue && !s.atEnd()) throw this.expectedJunction();
        throw new QueryError(QUERY_MESSAGES.expectedClosingParenthesis(openColumn, s.column, s.found()), s.column);
      }
      s.pos++;
      this.last = ')';
      this.lastWasValue = false;
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): ComparisonNode {
    const subject = this.parseSubject();
    const s = this.scanner;
    s.skipSpace();
    const operator = s.readOperator(OPERATOR_CANDIDATES);
    if (operator === undefined) {
      // A misspelt word operator (`equal`, `not_equal`) gets a did-you-mean; anything else is
      // reported as a missing operator (usually a forgotten one: `attribute:x t2.small`).
      const word = s.readWordAt(s.pos);
      if (word !== '' && (word.includes('_') || closestMatch(word, WORD_OPERATORS) !== undefined)) {
        throw new QueryError(QUERY_MESSAGES.unknownOperator(word, s.column, OPERATOR_CANDIDATES), s.column);
      }
      throw new QueryError(QUERY_MESSAGES.expectedOperator(subject.text, s.column, s.found()), s.column);
    }
    if (!SUBJECT_OPERATORS[subject.kind].includes(operator.name)) {
      const label = subject.kind === 'attribute' ? subject.text : subject.kind;
      throw new QueryError(
        QUERY_MESSAGES.operatorNotAllowed(label, operator.text, operator.column, describeOperators(subject.kind)),
        operator.column,
      );
    }
    this.last = operator.text;
    this.lastWasValue = false;
    const values = this.parseArgument(operator.name, operator.text);
    return {
      type: 'comparison',
      subject,
      operator: operator.name,
      operatorText: operator.text,
      operatorColumn: operator.column,
      values,
    };
  }

  private parseSubject(): Subject {
    const s = this.scanner;
    const column = s.column;
    const text = s.readSubjectText();
    if (text === '') throw new QueryError(QUERY_MESSAGES.expectedSubject(column, s.found()), column);
    this.last = text;
    if (text.startsWith(ATTRIBUTE_PREFIX)) {
      const name = text.slice(ATTRIBUTE_PREFIX.length);
      const nameColumn = column + ATTRIBUTE_PREFIX.length;
      if (name === '') throw new QueryError(QUERY_MESSAGES.expectedAttributeName(nameColumn), nameColumn);
      if (name.length > MAX_ATTRIBUTE_NAME_LENGTH) {
        throw new QueryError(QUERY_MESSAGES.attributeNameTooLong(nameColumn, name.length), nameColumn);
      }
      return { kind: 'attribute', attributeName: name, text, column };
    }
    const kind = FIXED_SUBJECTS.find((subject) => subject === text);
    if (kind === undefined) {
      // `Attribute:stack` is a case slip, not an unknown subject: suggest the spelling that works.
      const candidates = text.toLowerCase().startsWith(ATTRIBUTE_PREFIX)
        ? [ATTRIBUTE_PREFIX + text.slice(ATTRIBUTE_PREFIX.length)]
        : SUBJECT_CANDIDATES;
      throw new QueryError(QUERY_MESSAGES.unknownSubject(text, column, candidates), column);
    }
    return { kind: kind as SubjectKind, attributeName: '', text, column };
  }

  private parseArgument(operator: ComparisonNode['operator'], operatorText: string): QueryValue[] {
    const s = this.scanner;
    if (operator === 'exists' || operator === 'not_exists') return [];
    s.skipSpace();
    if (operator === 'in' || operator === 'not_in') return this.parseList(operatorText);
    const value = s.readValue(operator === 'matches' || operator === 'not_matches');
    if (value === undefined) throw new QueryError(QUERY_MESSAGES.expectedValue(operatorText, s.column, s.found()), s.column);
    this.noteValue(value);
    return [value];
  }

  private parseList(operatorText: string): QueryValue[] {
    const s = this.scanner;
    if (s.peek() !== '[') throw new QueryError(QUERY_MESSAGES.expectedList(operatorText, s.column, s.found()), s.column);
    s.pos++;
    const values: QueryValue[] = [];
    for (;;) {
      s.skipSpace();
      const value = s.readValue(false);
      if (value === undefined) throw new QueryError(QUERY_MESSAGES.expectedListItem(s.column, s.found()), s.column);
      values.push(value);
      s.skipSpace();
      if (s.peek() === ',') {
        s.pos++;
        continue;
      }
      if (s.peek() === ']') {
        s.pos++;
        this.last = ']';
        this.lastWasValue = false;
        return values;
      }
      throw new QueryError(QUERY_MESSAGES.expectedListSeparator(s.column, s.found()), s.column);
    }
  }

  private noteValue(value: QueryValue): void {
    this.last = value.quoted ? `'${value.text}'` : value.text;
    this.lastWasValue = true;
  }

  private expectedJunction(): QueryError {
    const s = this.scanner;
    const exists = !this.lastWasValue && this.last.toLowerCase().endsWith('exists');
    if (exists) return new QueryError(QUERY_MESSAGES.existsTakesNoArgument(this.last, s.column, s.found()), s.column);
    const hint = this.lastWasValue && /[A-Za-z0-9]/.test(s.peek() ?? '') ? QUERY_MESSAGES.quoteHint() : '';
    return new QueryError(QUERY_MESSAGES.expectedJunction(this.last, s.column, s.found(), hint), s.column);
  }
}
