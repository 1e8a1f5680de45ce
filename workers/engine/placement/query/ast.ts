/**
 * The syntax tree of a cluster query language expression (ecs-reference §1, ECSDG:cluster-query-language):
 * comparisons `subject operator [argument]` combined with not / and / or. Columns are 1-based
 * positions in the original text, kept so later checks (argument formats, regular expressions)
 * can point at the exact place that is wrong.
 */

/** The operators of AWS's table, by their word form; each also has a symbol form (see lexer.ts). */
export type OperatorName =
  | 'equals'
  | 'not_equals'
  | 'greater_than'
  | 'greater_than_equal'
  | 'less_than'
  | 'less_than_equal'
  | 'exists'
  | 'not_exists'
  | 'in'
  | 'not_in'
  | 'matches'
  | 'not_matches';

export type SubjectKind =
  | 'agentConnected'
  | 'agentVersion'
  | 'attribute'
  | 'ec2InstanceId'
  | 'registeredAt'
  | 'runningTasksCount'
  | 'task:group';

export interface Subject {
  readonly kind: SubjectKind;
  /** The attribute's name for `attribute:<name>`, '' otherwise. */
  readonly attributeName: string;
  /** As written, e.g. `attribute:ecs.instance-type`. */
  readonly text: string;
  readonly column: number;
}

export interface QueryValue {
  readonly text: string;
  readonly quoted: boolean;
  readonly column: number;
}

export interface ComparisonNode {
  readonly type: 'comparison';
  readonly subject: Subject;
  readonly operator: OperatorName;
  /** As written (`==` or `equals`), for messages. */
  readonly operatorText: string;
  readonly operatorColumn: number;
  /** None for exists / not_exists, the list for in / not_in, one value otherwise. */
  readonly values: readonly QueryValue[];
}

export interface NotNode {
  readonly type: 'not';
  readonly operand: QueryNode;
}

/** and / or are n-ary: `a and b and c` is one node with three operands, evaluated left to right. */
export interface JunctionNode {
  readonly type: 'and' | 'or';
  readonly operands: readonly QueryNode[];
}

export type QueryNode = ComparisonNode | NotNode | JunctionNode;
