/**
 * The Amazon ECS cluster query language (ECSDG:cluster-query-language; ecs-reference §1): what a
 * memberOf placement constraint and ListContainerInstances' `filter` are written in.
 *
 * parseClusterQuery checks an expression completely (syntax, the operators each subject accepts,
 * argument formats, regular expressions) and compiles it once to closures, so `matches` is a
 * few property reads per instance. Nothing in an expression is ever executed as code. It never
 * throws: a bad expression is a value with a message and its 1-based column.
 */
import type { QueryNode } from './ast.ts';
import { buildTest, compileQuery } from './compile.ts';
import { explainNode } from './explain.ts';
import { QueryError } from './lexer.ts';
import { parseQueryText } from './parser.ts';
import { printQuery } from './print.ts';
import type { QueryTarget } from './target.ts';

export type { QueryTarget } from './target.ts';
export type { QueryNode, OperatorName, SubjectKind } from './ast.ts';
export {
  MAX_EXPRESSION_LENGTH,
  QUERY_ERROR_PREFIX,
  REGISTERED_AT_FORMATS,
  SUBJECT_NAMES,
  invalidExpressionMessage,
} from './messages.ts';
export { SUBJECT_OPERATORS } from './subjects.ts';
export { MAX_PATTERN_LENGTH } from './java-regex.ts';
export { printQuery } from './print.ts';

export interface ClusterQuery {
  readonly text: string;
  matches(target: QueryTarget): boolean;
  /** True when it reads runningTasksCount or task:group, whose values change as tasks are placed. */
  readonly dependsOnPlacements: boolean;
  /** For the placement explainer: a short reason why it matched or not, naming the deciding comparison(s). */
  explain(target: QueryTarget): string;
}

export type ParsedQuery = { ok: true; query: ClusterQuery } | { ok: false; message: string; column: number };

export function parseClusterQuery(text: string): ParsedQuery {
  if (typeof text !== 'string') {
    return { ok: false, message: `an expression is a string, not ${text === null ? 'null' : typeof text}`, column: 1 };
  }
  try {
    const ast = parseQueryText(text);
    const compiled = compileQuery(ast);
    const test = buildTest(compiled);
    const query: ClusterQuery = {
      text,
      matches: test,
      dependsOnPlacements: dependsOnPlacements(ast),
      explain: (target) => explainNode(compiled, target).reason,
    };
    return { ok: true, query };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, message: error.message, column: error.column };
    // A bug here must not take the engine down: report it as a refusal with the cause.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `the sandbox could not read this expression (${detail})`, column: 1 };
  }
}

/** The canonical form of an expression (symbol operators, minimal quoting), or undefined if invalid. */
export function normalizeClusterQuery(text: string): string | undefined {
  try {
    const ast = parseQueryText(text);
    compileQuery(ast);
    return printQuery(ast);
  } catch {
    return undefined;
  }
}

function dependsOnPlacements(node: QueryNode): boolean {
  switch (node.type) {
    case 'comparison':
      return node.subject.kind === 'runningTasksCount' || node.subject.kind === 'task:group';
    case 'not':
      return dependsOnPlacements(node.operand);
    default:
      return node.operands.some(dependsOnPlacements);
  }
}
