/**
 * What the placement explainer asks the engine: a task's placement, a recorded decision (from the
 * event log), or a what-if RunTask. The page builds these questions (E, "Why?", "Why here?",
 * "Check placement"); what the explainer asks next is in placement-followup.ts, which travels
 * in the explainer's lazy chunk.
 */
import type { ExplainQuery } from '../../../workers/protocol.ts';

/** Rows the explainer asks for: enough for a real cluster, small enough for the DOM. */
export const EXPLAIN_MAX_ROWS = 50;

/** ECS task ARNs read `arn:aws:ecs:<region>:<account>:task/<cluster>/<id>`. */
export function isTaskArn(arn: string | null | undefined): arn is string {
  return typeof arn === 'string' && /:task\/[^/]+\/[^/]+$/.test(arn);
}

export function taskQuery(taskArn: string): ExplainQuery {
  return { taskArn, maxRows: EXPLAIN_MAX_ROWS };
}

export function decisionQuery(placementId: string, index?: number): ExplainQuery {
  return index === undefined ? { placementId, maxRows: EXPLAIN_MAX_ROWS } : { placementId, index, maxRows: EXPLAIN_MAX_ROWS };
}

export function whatIfQuery(runTask: unknown): ExplainQuery {
  return { runTask, maxRows: EXPLAIN_MAX_ROWS };
}
