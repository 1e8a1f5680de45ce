/**
 * The shape every binding rule of the pipeline has — the resource and attribute filters
 * (filters/) and the placement constraints (constraints/) — in the manner of the Kubernetes
 * scheduler's Filter plugins: a fast yes/no for the hot path, and, only when someone asks, the
 * verdict with its numbers and the clause of the one-sentence summary.
 */
import type { ExplainCell } from '../../protocol.ts';
import type { Ledger } from './ledger.ts';

export interface BindingRule {
  /** Column id in explanations: `cpu`, `memory`, `ports`, `eni`, `status`, `attributes`, `constraint-0`… */
  id: string;
  kind: 'filter' | 'constraint';
  /** Column header. */
  title: string;
  /** What the task asks of this rule, e.g. "needs 512 MiB". */
  detail: string;
  /** AWS's RunTask failure reason for an instance refused by this rule (undefined: not reported). */
  reason: string | undefined;
  passes(ledger: Ledger, i: number): boolean;
  cell(ledger: Ledger, i: number): ExplainCell;
  /** Instances refused for the same key share one clause of the summary. */
  failureKey(ledger: Ledger, i: number): string;
  /** The clause for the instances refused with one key: "insufficient memory (needs 512 MiB, most free 384 MiB)". */
  failureClause(ledger: Ledger, refused: readonly number[]): string;
}

export function pass(text: string): ExplainCell {
  return { verdict: 'pass', text };
}

export function fail(text: string): ExplainCell {
  return { verdict: 'fail', text };
}

export function shortTaskId(arn: string): string {
  const id = arn.slice(arn.lastIndexOf('/') + 1);
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}
