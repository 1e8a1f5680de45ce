/**
 * The objective language's checked form. Scenario files write objectives as plain YAML/JSON maps
 * (see README.md here); checkObjective turns such a map into one of these nodes, or into issues.
 * Nodes are plain data (never code); each carries the JSON pointer of the map it came from, which
 * is its identity for the tracker, for results and for hints.
 */

/** `==`, `!=`, `>`, `>=`, `<`, `<=`. */
export type Comparator = '==' | '!=' | '>' | '>=' | '<' | '<=';
export const COMPARATORS: readonly Comparator[] = ['==', '!=', '>', '>=', '<', '<='];

export type Scalar = string | number | boolean;

/** A condition on one field of an item: equal to, one of, compared with, starting with, containing, set or not. */
export type Condition =
  | { op: 'eq'; value: Scalar }
  | { op: 'oneOf'; values: Scalar[] }
  | { op: Comparator; value: Scalar }
  | { op: 'startsWith' | 'contains'; value: string }
  | { op: 'exists'; value: boolean };

/** `where` clauses: every one must hold. `field` is a dotted path inside the item (`containers.exitCode`). */
export interface WhereClause {
  field: string[];
  condition: Condition;
}

/** `is`, or `atLeast` and/or `atMost`. */
export interface Bounds {
  is?: number;
  atLeast?: number;
  atMost?: number;
}

/** One step of a path: a field and selectors that pick one item out of a list. */
export interface PathStep {
  field: string;
  selectors: Selector[];
}
export type Selector = { index: number } | { match: { field: string; value: string }[] };

interface Node {
  /** JSON pointer of this objective in its file: its identity. */
  pointer: string;
  /** The author's id (for hints keyed to it, and for predictions). */
  id?: string;
}

export interface SetSpec {
  /** The catalog name (aliases resolved). */
  collection: string;
  where: WhereClause[];
}

export type Objective =
  | (Node & { kind: 'count'; set: SetSpec; bounds: Bounds })
  | (Node & { kind: 'exists' | 'none'; set: SetSpec })
  | (Node & { kind: 'every'; set: SetSpec; match: WhereClause[] })
  | (Node & { kind: 'distinct'; set: SetSpec; by: string[]; bounds?: Bounds })
  | (Node & { kind: 'compare'; path: PathStep[]; text: string; op: Comparator; value: Scalar })
  | (Node & { kind: 'all' | 'any'; of: Objective[] })
  | (Node & { kind: 'not'; of: Objective })
  | (Node & { kind: 'holdsFor' | 'within'; ms: number; of: Objective })
  | (Node & { kind: 'ever'; of: Objective })
  | (Node & { kind: 'predict'; prediction: PredictionSpec });

/** Predict-then-reveal (issue 8 item 6). */
export type PredictionSpec =
  | {
      /** Where the next `next` tasks matching `where` (after the step started) land, by instance or zone. */
      about: 'placement';
      set: SetSpec;
      next: number;
      by: 'availabilityZone' | 'instanceId';
      /** What the UI offers to pick from (optional; otherwise the zones or instances of the cluster). */
      choices?: string[];
      /** Score needed to pass, 0..1 (default 1: every task right). */
      passScore: number;
    }
  | {
      /** What a number (a desired count) becomes `afterMs` after the step started. */
      about: 'value';
      path: PathStep[];
      text: string;
      afterMs: number;
      tolerance: number;
      passScore: number;
    };

/** What the learner predicted: the values in any order (placement), or a number (value). */
export type PredictionAnswer = string[] | number;

/** The outcome of one objective: whether it passed, what was expected and found, one sentence. */
export interface ObjectiveResult {
  passed: boolean;
  /** Not decided yet (a `within` before its deadline, a prediction not yet revealed, a `holdsFor` holding so far). */
  pending?: boolean;
  expected: string;
  actual: string;
  sentence: string;
  pointer: string;
  id?: string;
  kind: Objective['kind'];
  /** When it failed: the innermost failing sub-objective (itself for a leaf), for hints keyed to it. */
  failing?: FailingPart;
  /** A prediction's score, 0..1, once revealed. */
  score?: number;
}

export interface FailingPart {
  pointer: string;
  id?: string;
  kind: Objective['kind'];
  expected: string;
  actual: string;
  sentence: string;
}

export interface CheckIssue {
  /** JSON pointer of the offending node. */
  path: string;
  message: string;
  /** The problem is the key at the end of `path` (an unknown name): editors underline the key, not its value. */
  key?: boolean;
}

export type CheckResult = { ok: true; objective: Objective } | { ok: false; issues: CheckIssue[] };
