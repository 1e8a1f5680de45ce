/**
 * One sentence a learner can read for a placement refusal, in the style of Kubernetes'
 * "0/X nodes are available" message: each reason with the number of instances that gave it and
 * the numbers that matter, most common first.
 *   "0/6 instances can run web:1: 4 × insufficient memory (needs 512 MiB, most free 384 MiB), 2 × host port 80 in use"
 * An instance with several problems is counted under each of them.
 */
import type { InstanceVerdict, Rejection } from './plan.ts';

interface ReasonTally {
  count: number;
  text: (detail: number) => string;
  /** The most free CPU or memory among the instances refusing for this reason. */
  mostFree: number;
}

function keyOf(rejection: Rejection): string {
  switch (rejection.code) {
    case 'PORTS':
      return `PORTS:${rejection.protocol}:${rejection.port}`;
    case 'ATTRIBUTE':
      return `ATTRIBUTE:${rejection.name}=${rejection.value}`;
    default:
      return rejection.code;
  }
}

function describe(rejection: Rejection): (mostFree: number) => string {
  switch (rejection.code) {
    case 'CPU':
      return (free) => `insufficient CPU (needs ${rejection.needs} units, most free ${free} units)`;
    case 'MEMORY':
      return (free) => `insufficient memory (needs ${rejection.needs} MiB, most free ${free} MiB)`;
    case 'PORTS':
      if (rejection.port === 0) return () => `no free dynamic host port (${rejection.protocol})`;
      return () => `host port ${rejection.port}${rejection.protocol === 'udp' ? '/udp' : ''} in use`;
    case 'ENI':
      return () => `no free ENI for an awsvpc task (all ${rejection.maxEnis - 1} besides the primary in use)`;
    case 'ATTRIBUTE':
      return () => `missing attribute ${rejection.name} == ${rejection.value}`;
  }
}

function freeOf(rejection: Rejection): number {
  return rejection.code === 'CPU' || rejection.code === 'MEMORY' ? rejection.free : 0;
}

export function explainPlacementFailure(label: string, verdicts: readonly InstanceVerdict[]): string {
  if (verdicts.length === 0) return `0/0 instances can run ${label}: the cluster has no ACTIVE container instances`;
  const tallies = new Map<string, ReasonTally>();
  for (const verdict of verdicts) {
    for (const rejection of verdict.rejections) {
      const key = keyOf(rejection);
      const tally = tallies.get(key);
      if (tally === undefined) tallies.set(key, { count: 1, text: describe(rejection), mostFree: freeOf(rejection) });
      else {
        tally.count += 1;
        tally.mostFree = Math.max(tally.mostFree, freeOf(rejection));
      }
    }
  }
  // Stable sort: equal counts keep the order in which reasons were first met.
  const parts = [...tallies.values()].sort((a, b) => b.count - a.count).map((t) => `${t.count} × ${t.text(t.mostFree)}`);
  return `0/${verdicts.length} instances can run ${label}: ${parts.join(', ')}`;
}
