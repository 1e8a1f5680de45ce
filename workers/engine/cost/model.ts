/**
 * The running cost's accumulators (issue 6), owned by cost/: totals so far by launch type and by
 * service, and a per-minute history of the hourly rate. Prices are data (catalog/).
 */
import type { CostReport } from '../../protocol.ts';

export interface CostState {
  /** Virtual ms up to which the totals have been accumulated. */
  accountedToMs: number;
  /** Banked USD by `lt:<launch type>` and `svc:<service or group>`. */
  totals: Map<string, number>;
  history: CostReport['history'];
  /** USD banked so far per meter key, and the meter as last seen (cost/meters.ts), to finish its bill when it disappears. */
  billed: Map<string, number>;
  meters: Map<string, import('./meters.ts').Meter>;
  /** Service name → ARN, for the report. */
  services: Map<string, string>;
}
