/**
 * Every text the cluster query language shows a learner: syntax errors (each says what was
 * expected and at which 1-based column), refused operators and arguments, and the words the
 * explainer uses. Templates, so the wording lives in one place.
 */
import { didYouMean } from '../../text.ts';

export const MAX_EXPRESSION_LENGTH = 2000;

/**
 * AWS answers an invalid expression (RunTask/CreateService constraint, ListContainerInstances
 * filter) with InvalidParameterException; no public source shows its message text, so the
 * sandbox's wording is ours: this prefix, then the parser's detail.
 */
export const QUERY_ERROR_PREFIX = 'Invalid cluster query language expression: ';

/** The message an engine command returns with InvalidParameterException for a bad expression. */
export function invalidExpressionMessage(detail: string): string {
  return `${QUERY_ERROR_PREFIX}${detail}`;
}

export const SUBJECT_NAMES = [
  'agentConnected',
  'agentVersion',
  'attribute:<name>',
  'ec2InstanceId',
  'registeredAt',
  'runningTasksCount',
  'task:group',
] as const;

const SUBJECT_LIST = 'agentConnected, agentVersion, attribute:<name>, ec2InstanceId, registeredAt, runningTasksCount or task:group';
const OPERATOR_LIST = '==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~ or their word forms';

export const REGISTERED_AT_FORMATS = '2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18';

const at = (column: number): string => `at column ${column}`;

export const QUERY_MESSAGES = {
  tooLong: (length: number) =>
    `The expression is ${length} characters long; the maximum is ${MAX_EXPRESSION_LENGTH}.`,
  empty: () => `expected an expression such as 'attribute:ecs.instance-type == t3.micro' ${at(1)}, but the expression is empty`,
  expectedSubject: (column: number, found: string) =>
    `expected a subject (${SUBJECT_LIST}) or '(' or 'not' ${at(column)}, found ${found}`,
  unknownSubject: (word: string, column: number, candidates: readonly string[]) =>
    `unknown subject '${word}' ${at(column)}; the subjects are ${SUBJECT_LIST}.${didYouMean(word, candidates)}`,
  expectedAttributeName: (column: number) =>
    `expected an attribute name after 'attribute:' ${at(column)} (letters, digits, - _ / \\ and ., e.g. attribute:ecs.instance-type)`,
  attributeNameTooLong: (column: number, length: number) =>
    `the attribute name ${at(column)} is ${length} characters long; attribute names have at most 128`,
  expectedOperator: (after: string, column: number, found: string) =>
    `expected an operator after '${after}' ${at(column)} (${OPERATOR_LIST}), found ${found}`,
  unknownOperator: (word: string, column: number, candidates: readonly string[]) =>
    `'${word}' ${at(column)} is not an operator; the operators are ${OPERATOR_LIST}.${didYouMean(word, candidates)}`,
  singleEquals: (column: number) => `'=' ${at(column)} is not an operator; write '==' (or equals) to compare`,
  operatorNotAllowed: (subject: string, operator: string, column: number, allowed: string) =>
    `${subject} can't be compared with '${operator}' (${at(column)}); its operators are ${allowed}`,
  expectedValue: (operator: string, column: number, found: string) =>
    `expected a value after '${operator}' ${at(column)}, found ${found}`,
  expectedList: (operator: string, column: number, found: string) =>
    `expected a list such as [a, b, 'c'] after '${operator}' ${at(column)}, found ${found}`,
  expectedListItem: (column: number, found: string) => `expected a value in the list ${at(column)}, found ${found}`,
  expectedListSeparator: (column: number, found: string) =>
    `expected ',' or ']' in the list ${at(column)}, found ${found}`,
  unclosedQuote: (quote: string, column: number) =>
    `the quoted value starting ${at(column)} has no closing ${quote}`,
  parenthesisInValue: (column: number) =>
    `a single expression can't contain parentheses (${at(column)}); quote the value instead, e.g. '(t2|t3)\\..*'`,
  expectedClosingParenthesis: (openColumn: number, column: number, found: string) =>
    `expected ')' ${at(column)} to close the '(' ${at(openColumn)}, found ${found}`,
  unexpectedClosingParenthesis: (column: number) => `unexpected ')' ${at(column)}: no '(' is open`,
  expectedJunction: (after: string, column: number, found: string, hint: string) =>
    `expected 'and', 'or' or the end of the expression after '${after}' ${at(column)}, found ${found}${hint}`,
  quoteHint: () => ` (quote a value that contains spaces: 'a b')`,
  existsTakesNoArgument: (operator: string, column: number, found: string) =>
    `'${operator}' takes no argument, but ${found} follows it ${at(column)}`,
  invalidBoolean: (value: string, column: number) =>
    `agentConnected is true or false, not '${value}' (${at(column)})`,
  invalidVersion: (value: string, column: number) =>
    `agentVersion compares with a version such as 1.14.5, not '${value}' (${at(column)})`,
  invalidDate: (value: string, column: number) =>
    `registeredAt compares with a date in one of the formats ${REGISTERED_AT_FORMATS}, not '${value}' (${at(column)})`,
  invalidCount: (value: string, column: number) =>
    `runningTasksCount compares with a whole number such as 1, not '${value}' (${at(column)})`,
  invalidPattern: (pattern: string, column: number, detail: string) =>
    `invalid regular expression '${pattern}' ${at(column)}: ${detail}`,
} as const;

/** How the next piece of text is named in a message: its first word, or the end. */
export function describeFound(text: string, position: number): string {
  if (position >= text.length) return 'the end of the expression';
  let end = position + 1;
  while (end < text.length && end - position < 24 && !/\s/.test(text[end]!)) end++;
  return `'${text.slice(position, end)}'`;
}
