/**
 * The one place the objective predicate language plugs into the scenario parser. The parser treats
 * each objective's `check:` as an opaque map; the predicate checker (checkObjective, written with
 * the objective evaluator) is registered here by whoever wires the two together, and is then called
 * for every `check`, with the JSON pointer of that `check` in the file. Its issues are merged with
 * the parser's own, located by their pointers, and sorted into file order.
 *
 * Until one is provided, a `check` only has to be a map.
 */
/** A problem the predicate checker found: `path` is an absolute JSON pointer in the file, at or under the `check`'s. */
export interface ObjectiveCheckIssue {
  message: string;
  path: string;
  /** Point at the key rather than its value (an unknown key). */
  key?: boolean;
}

/**
 * Checks one predicate without evaluating it; must not throw. It answers with its issues (none for
 * a valid predicate), either as a list or as a result `{ok, issues?}` — the shape checkObjective
 * (workers/scenario/objectives/check.ts) returns, so `provideObjectiveChecker(checkObjective)` wires it.
 */
export type ObjectiveChecker = (check: unknown, pointer: string) => ObjectiveCheckerAnswer;
export type ObjectiveCheckerAnswer = readonly ObjectiveCheckIssue[] | { ok: boolean; issues?: readonly ObjectiveCheckIssue[] };

/** The issues of an answer, whichever shape it has. */
export function issuesOfAnswer(answer: ObjectiveCheckerAnswer): readonly ObjectiveCheckIssue[] {
  return Array.isArray(answer) ? answer : (answer as { issues?: readonly ObjectiveCheckIssue[] }).issues ?? [];
}

let provided: ObjectiveChecker | undefined;

/** Registers the predicate checker (undefined removes it). The integrator calls this once at start-up. */
export function provideObjectiveChecker(checker: ObjectiveChecker | undefined): void {
  provided = checker;
}

export function providedObjectiveChecker(): ObjectiveChecker | undefined {
  return provided;
}

/** Turns a JSON pointer back into segments (RFC 6901 unescaping), so its place can be located. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}
