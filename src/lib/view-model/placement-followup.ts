/**
 * What the placement explainer asks next, and says while it waits. A recorded decision is
 * history — it never changes — so after a suggestion is applied the explainer asks the what-if of
 * the same request ("would it place now?"), rebuilt from the explanation itself. Only the
 * explainer (its lazy chunk) needs these; the first questions are in placement-query.ts.
 */
import type { ExplainQuery, PlacementExplanation } from '../../../workers/protocol.ts';
import { arnId, taskDefinitionRef } from './arn.ts';
import { decisionQuery, whatIfQuery } from './placement-query.ts';

/** What the explainer says while it waits: "Asking why task 1a2b3c4d is where it is…". */
export function pendingText(query: ExplainQuery): string {
  if ('taskArn' in query) return `Asking why task ${arnId(query.taskArn).slice(0, 8)} is where it is…`;
  if ('placementId' in query) return 'Reading the placement decision…';
  return 'Asking where RunTask would place the task now…';
}

/**
 * The RunTask request that asks the same thing now: one task of the same revision, in the same
 * cluster, with the strategies and constraints the request gave (defaults and the task
 * definition's own constraints come back by themselves) and its group when it was not the default.
 */
export function whatIfRequest(explanation: PlacementExplanation): Record<string, unknown> {
  const request: Record<string, unknown> = {
    cluster: explanation.clusterName,
    taskDefinition: explanation.taskDefinitionArn,
    count: 1,
    launchType: 'EC2',
  };
  const strategies = (explanation.strategies ?? []).filter((s) => s.origin === 'request');
  if (strategies.length > 0) request.placementStrategy = strategies.map((s) => (s.field ? { type: s.type, field: s.field } : { type: s.type }));
  const constraints = (explanation.constraints ?? []).filter((c) => c.origin === 'request');
  if (constraints.length > 0) {
    request.placementConstraints = constraints.map((c) => (c.expression ? { type: c.type, expression: c.expression } : { type: c.type }));
  }
  const defaultGroup = `family:${taskDefinitionRef(explanation.taskDefinitionArn).family}`;
  if (explanation.group && explanation.group !== defaultGroup) request.group = explanation.group;
  return request;
}

/** After a change to the cluster: a what-if stays a what-if; a decision becomes "would it place now?". */
export function nowQuery(query: ExplainQuery, explanation: PlacementExplanation | null): ExplainQuery {
  if ('runTask' in query || explanation === null) return query;
  return whatIfQuery(whatIfRequest(explanation));
}

/**
 * The same decision, another task of the request (RunTask with count > 1) — also from a task's
 * explanation, which names its decision. A what-if has no decision to step through.
 */
export function siblingQuery(query: ExplainQuery, explanation: PlacementExplanation, delta: -1 | 1): ExplainQuery | null {
  if ('runTask' in query || explanation.placementId === undefined) return null;
  const index = explanation.index + delta;
  if (index < 0 || index >= explanation.count) return null;
  return decisionQuery(explanation.placementId, index);
}

/**
 * Latest-wins for answers that arrive out of order: each request takes a ticket, and only the
 * newest ticket's answer is shown. Closing the explainer voids every ticket.
 */
export class LatestTicket {
  #current = 0;

  take(): number {
    this.#current += 1;
    return this.#current;
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.#current;
  }

  voidAll(): void {
    this.#current += 1;
  }
}
