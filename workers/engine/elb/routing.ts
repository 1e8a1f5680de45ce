/**
 * Where a load balancer sends requests (for the UI's request counters and the service examples):
 * only to healthy targets, spread round robin — or to the target with the fewest requests so far
 * when load_balancing.algorithm.type is least_outstanding_requests (the sandbox has no request
 * durations, so "outstanding" is approximated by "served so far"). Draining targets get no new
 * requests. When no target is healthy the ALB fails open: every registered target that is not
 * draining gets requests, whatever its health (ALB User Guide, "Health checks for your target
 * groups"). A group without a load balancer receives nothing.
 */
import type { EngineState } from '../state.ts';
import { isInUse } from './health.ts';
import type { TargetGroupRecord, TargetRecord } from './model.ts';

export interface RoutingResult {
  /** Requests given to each target in this call, by `Id:Port`, in registration order. */
  routed: Record<string, number>;
  /** True when no target was healthy and requests went to all of them. */
  failOpen: boolean;
  /** Requests that found no target (no load balancer, no registered target, or — failing open — only targets their security groups keep the load balancer from). */
  dropped: number;
}

export function routeRequests(state: EngineState, tg: TargetGroupRecord, count: number): RoutingResult {
  const n = Number.isInteger(count) && count > 0 ? count : 0;
  const routed: Record<string, number> = {};
  if (!isInUse(state, tg)) return { routed, failOpen: false, dropped: n };
  const live: TargetRecord[] = [];
  const healthy: TargetRecord[] = [];
  for (const target of tg.targets.values()) {
    if (target.state === 'draining') continue;
    live.push(target);
    if (target.state === 'healthy') healthy.push(target);
  }
  const failOpen = healthy.length === 0 && live.length > 0;
  // Failing open does not get requests past security groups: targets whose groups keep the load
  // balancer out (probe.ts) time out, and those requests are lost like requests with no target.
  const pool = failOpen ? live.filter((target) => target.sgRefusal === undefined || target.sgVersion === -1) : healthy;
  if (pool.length === 0) return { routed, failOpen, dropped: n };
  const give = (target: TargetRecord, k: number): void => {
    target.requests += k;
    const key = `${target.id}:${target.port}`;
    routed[key] = (routed[key] ?? 0) + k;
  };
  if (tg.attributes.get('load_balancing.algorithm.type') === 'least_outstanding_requests') {
    for (let i = 0; i < n; i++) {
      let best = pool[0]!;
      for (const target of pool) if (target.requests < best.requests) best = target;
      give(best, 1);
    }
  } else {
    // Whole rounds at once (cheap for big counts), then the remainder from the cursor on.
    const rounds = Math.floor(n / pool.length);
    if (rounds > 0) for (const target of pool) give(target, rounds);
    for (let i = 0; i < n % pool.length; i++) give(pool[(tg.cursor + i) % pool.length]!, 1);
    tg.cursor = (tg.cursor + (n % pool.length)) % pool.length;
  }
  return { routed, failOpen, dropped: 0 };
}
