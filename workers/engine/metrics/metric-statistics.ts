/**
 * CloudWatch statistics over the sandbox's one-minute points, for GetMetricData.
 *
 * What a stored point is: the store (metrics/store.ts) keeps ONE value per metric per minute — the
 * value the publisher computed for that minute (a utilization is the minute's average; a count such
 * as ApproximateNumberOfMessagesVisible is the minute's reading). It keeps no sample counts and no
 * per-minute min/max. So, over a period of N one-minute points:
 * - Average, Minimum, Maximum are taken over the N minute values (exact when each minute is one sample);
 * - SampleCount is N, the number of minutes with data (AWS would count the raw samples behind them);
 * - Sum is the sum of the N minute values (AWS would sum the raw samples);
 * - pNN is the nearest-rank percentile of the N minute values (AWS computes it over raw samples with
 *   its own estimator: UNCONFIRMED in detail; equal whenever each minute holds one sample).
 * Other extended statistics (tm, wm, tc, ts, pr, IQR) are valid in AWS but not simulated.
 */

export type BasicStat = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';

export type ParsedStat = { kind: 'basic'; stat: BasicStat } | { kind: 'percentile'; p: number };

const BASIC: readonly string[] = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'];
const PERCENTILE = /^p(\d{1,3}(?:\.\d{1,10})?)$/;
/** AWS's other extended statistics (trimmed mean, winsorized mean, trimmed count/sum, percentile rank, IQR). */
const OTHER_EXTENDED = /^(?:tm|wm|tc|ts|pr)(?:\d|\()|^(?:TM|WM|TC|TS|PR)\(|^IQR$/;

/** 'valid' with the parsed statistic, 'not-simulated' for AWS statistics the sandbox lacks, 'invalid' otherwise. */
export function parseStat(stat: string): { result: 'valid'; parsed: ParsedStat } | { result: 'not-simulated' } | { result: 'invalid' } {
  if (BASIC.includes(stat)) return { result: 'valid', parsed: { kind: 'basic', stat: stat as BasicStat } };
  const m = PERCENTILE.exec(stat);
  if (m !== null) {
    const p = Number(m[1]);
    return p >= 0 && p <= 100 ? { result: 'valid', parsed: { kind: 'percentile', p } } : { result: 'invalid' };
  }
  return OTHER_EXTENDED.test(stat) ? { result: 'not-simulated' } : { result: 'invalid' };
}

/** The statistic of a non-empty list of minute values. */
export function computeStat(stat: ParsedStat, values: readonly number[]): number {
  if (stat.kind === 'percentile') {
    const sorted = [...values].sort((a, b) => a - b);
    // Nearest rank: the smallest value with at least p % of the values at or below it.
    const rank = Math.max(1, Math.ceil((stat.p / 100) * sorted.length));
    return sorted[rank - 1]!;
  }
  switch (stat.stat) {
    case 'Sum':
      return sum(values);
    case 'SampleCount':
      return values.length;
    case 'Minimum':
      return values.reduce((a, b) => (b < a ? b : a));
    case 'Maximum':
      return values.reduce((a, b) => (b > a ? b : a));
    case 'Average':
      return sum(values) / values.length;
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
