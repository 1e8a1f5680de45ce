/**
 * Prints a syntax tree back as canonical text: symbol operators, single spaces, every `and`/`or`
 * inside another junction or a `not` in parentheses, values quoted only when they must be. Used
 * to show a normalised expression and by the round-trip property test (print → parse → print).
 */
import type { QueryNode, QueryValue } from './ast.ts';
import { OPERATOR_SYMBOL } from './lexer.ts';

export function printQuery(node: QueryNode): string {
  switch (node.type) {
    case 'comparison': {
      const head = `${node.subject.text} ${OPERATOR_SYMBOL[node.operator]}`;
      if (node.operator === 'exists' || node.operator === 'not_exists') return head;
      const pattern = node.operator === 'matches' || node.operator === 'not_matches';
      if (node.operator === 'in' || node.operator === 'not_in') {
        return `${head} [${node.values.map((v) => printValue(v, false)).join(', ')}]`;
      }
      return `${head} ${printValue(node.values[0]!, pattern)}`;
    }
    case 'not':
      return `not(${printQuery(node.operand)})`;
    default:
      return node.operands
        .map((operand) => (operand.type === 'and' || operand.type === 'or' ? `(${printQuery(operand)})` : printQuery(operand)))
        .join(` ${node.type} `);
  }
}

/** Quoted when an unquoted value would end early or be read as something else. */
export function printValue(value: QueryValue | string, pattern: boolean): string {
  const text = typeof value === 'string' ? value : value.text;
  const unsafe = pattern ? /[\s()'"]|&&|\|\|/ : /[\s()'"[\],]|&&|\|\|/;
  if (text !== '' && !unsafe.test(text)) return text;
  return `'${text.replace(/'/g, "\\'")}'`;
}
