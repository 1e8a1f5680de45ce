/**
 * The subjects of the cluster query language and the operators each accepts. AWS lists the
 * operators for five subjects (ECSDG:cluster-query-language); for the other two it lists none,
 * and the sandbox decides:
 * - `attribute:<name>` accepts every operator. Attribute values are strings, so `>`/`<` compare
 *   them as numbers when both sides are numbers and as strings otherwise (UNCONFIRMED on AWS).
 * - `task:group` accepts ==, !=, in and not_in: the documented examples are `task:group ==
 *   service:production` and `not(task:group == database)`; a pattern or an existence test
 *   over the groups of an instance's tasks is not documented anywhere.
 */
import type { OperatorName, SubjectKind } from './ast.ts';
import { OPERATOR_SYMBOL, WORD_OPERATORS } from './lexer.ts';

const EQUALITY_AND_PATTERNS: readonly OperatorName[] = ['equals', 'not_equals', 'in', 'not_in', 'matches', 'not_matches'];
const ORDERED: readonly OperatorName[] = [
  'equals',
  'not_equals',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
];
/** Every operator has a word form, so the lexer's list of word operators is the list of all of them. */
const EVERY_OPERATOR: readonly OperatorName[] = WORD_OPERATORS;

export const SUBJECT_OPERATORS: Readonly<Record<SubjectKind, readonly OperatorName[]>> = {
  agentConnected: EQUALITY_AND_PATTERNS,
  agentVersion: ORDERED,
  attribute: EVERY_OPERATOR,
  ec2InstanceId: EQUALITY_AND_PATTERNS,
  registeredAt: ORDERED,
  runningTasksCount: ORDERED,
  'task:group': ['equals', 'not_equals', 'in', 'not_in'],
};

/** The subjects written as whole words (attribute:<name> is recognised by its prefix). */
export const FIXED_SUBJECTS: readonly SubjectKind[] = [
  'agentConnected',
  'agentVersion',
  'ec2InstanceId',
  'registeredAt',
  'runningTasksCount',
  'task:group',
];

export const ATTRIBUTE_PREFIX = 'attribute:';
export const MAX_ATTRIBUTE_NAME_LENGTH = 128;

/** `==, !=, in, !in, =~, !~` — how a subject's operators are listed in a refusal. */
export function describeOperators(kind: SubjectKind): string {
  return SUBJECT_OPERATORS[kind]
    .map((name) => (OPERATOR_SYMBOL[name] === name ? name : `${OPERATOR_SYMBOL[name]} (${name})`))
    .join(', ');
}
