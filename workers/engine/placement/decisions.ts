/**
 * Placement decisions kept for the explainer. A record holds the ledger as it was before the
 * request's first placement and the instance chosen for each task, so any of its decisions can be
 * explained later exactly as made (explain-decision.ts replays the choices before it). The newest
 * MAX_DECISIONS are kept, and fewer when they are large (at most MAX_LEDGER_ROWS instance rows in
 * all), so memory stays bounded on 5,000-instance clusters.
 */
import type { EngineState } from '../state.ts';
import type { Ledger } from './ledger.ts';

export const MAX_DECISIONS = 50;
export const MAX_LEDGER_ROWS = 250_000;

export interface DecisionRecord {
  placementId: string;
  /** Virtual time of the decision. */
  time: number;
  /** The ledger before the request's first placement (a copy, never mutated). */
  ledger: Ledger;
  /** The instance index chosen for each placed task, in order. */
  choices: number[];
  /** How many tasks the request asked for (placed + unplaced). */
  count: number;
}

export function recordDecision(state: EngineState, time: number, ledger: Ledger, choices: number[], count: number): DecisionRecord {
  const placementId = `placement-${state.nextPlacementId++}`;
  const record: DecisionRecord = { placementId, time, ledger, choices, count };
  const decisions = state.placementDecisions;
  decisions.set(placementId, record);
  let rows = 0;
  for (const kept of decisions.values()) rows += kept.ledger.n;
  for (const [id, kept] of decisions) {
    if (decisions.size <= 1 || (decisions.size <= MAX_DECISIONS && rows <= MAX_LEDGER_ROWS)) break;
    decisions.delete(id);
    rows -= kept.ledger.n;
  }
  return record;
}
