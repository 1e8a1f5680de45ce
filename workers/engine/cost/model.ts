/**
 * The running cost's accumulators (issue 6), owned by cost/: totals so far by launch type and by
 * service, and a per-minute history of the hourly rate. Prices are data (catalog/).
 */
import type { CostReport } from '../../protocol.ts';

export interface CostState {
  /** Virtual ms up to which the totals have been accumulated. */
  accountedToMs: number;
  totals: Map<string, number>;
  history: CostReport['history'];
}
