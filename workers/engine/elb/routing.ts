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
  const routed: Record<string, number> = {};
  const outcome = routeEach(tg, count, isInUse(state, tg), (target, k) => {
    const key = `${target.id}:${target.port}`;
    routed[key] = (routed[key] ?? 0) + k;
  });
  return { routed, failOpen: outcome.failOpen, dropped: outcome.dropped };
}

/** The candidates of one routing call (reused: routing runs for every service every minute, and never re-enters). */
const scratch: { live: TargetRecord[]; healthy: TargetRecord[] } = { live: [], healthy: [] };

/** routeEach's answer: ONE object, overwritten by the next call (read it at once). */
export interface RouteOutcome {
  failOpen: boolean;
  dropped: number;
}
const outcome: RouteOutcome = { failOpen: false, dropped: 0 };

function answer(failOpen: boolean, dropped: number): RouteOutcome {
  outcome.failOpen = failOpen;
  outcome.dropped = dropped;
  return outcome;
}

/**
 * routeRequests without the `Id:Port` record: each target that gets requests is handed to `give`
 * with how many (possibly several times: the whole rounds, then the remainder), in the order
 * routeRequests lists them; `target.requests` is already counted. `inUse` is isInUse(state, tg),
 * which a caller routing every group of the minute may know already (load/usage.ts). Allocates
 * nothing when `give` is not a fresh closure: the answer is a shared object, valid until the next call.
 */
export function routeEach(tg: TargetGroupRecord, count: number, inUse: boolean, give: (target: TargetRecord, k: number) => void): RouteOutcome {
  const n = Number.isInteger(count) && count > 0 ? count : 0;
  if (!inUse) return answer(false, n);
  const { live, healthy } = scratch;
  live.length = 0;
  healthy.length = 0;
  for (const target of tg.targets.values()) {
    if (target.state === 'draining') continue;
    live.push(target);
    if (target.state === 'healthy') healthy.push(target);
  }
  const failOpen = healthy.length === 0 && live.length > 0;
  // Failing open does not get requests past security groups: targets whose groups keep the load
  // balancer out (probe.ts) time out, and those requests are lost like requests with no target.
  const pool = failOpen ? live.filter((target) => target.sgRefusal === undefined || target.sgVersion === -1) : healthy;
  live.length = 0;
  if (pool.length === 0) {
    healthy.length = 0;
    return answer(failOpen, n);
  }
  if (tg.attributes.get('load_balancing.algorithm.type') === 'least_outstanding_requests') {
    leastOutstanding(pool, n, give);
  } else {
    // Whole rounds at once (cheap for big counts), then the remainder from the cursor on.
    const rounds = Math.floor(n / pool.length);
    if (rounds > 0) {
      for (const target of pool) {
        target.requests += rounds;
        give(target, rounds);
      }
    }
    for (let i = 0; i < n % pool.length; i++) {
      const target = pool[(tg.cursor + i) % pool.length]!;
      target.requests += 1;
      give(target, 1);
    }
    tg.cursor = (tg.cursor + (n % pool.length)) % pool.length;
  }
  healthy.length = 0;
  return answer(failOpen, 0);
}

/**
 * Each of `n` requests to the target with the fewest requests so far (the first in pool order on a
 * tie), as a loop over the pool per request would, but in O(n log pool): a min-heap on (requests,
 * pool index). The targets are handed their totals in the order they first got a request.
 */
function leastOutstanding(pool: readonly TargetRecord[], n: number, give: (target: TargetRecord, k: number) => void): void {
  if (n === 0) return;
  const requests = pool.map((target) => target.requests);
  const got = new Array<number>(pool.length).fill(0);
  const order: number[] = [];
  const before = (a: number, b: number): boolean => requests[a]! < requests[b]! || (requests[a] === requests[b] && a < b);
  const heap = pool.map((_, i) => i);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i, before);
  for (let r = 0; r < n; r++) {
    const best = heap[0]!;
    if (got[best] === 0) order.push(best);
    got[best]!++;
    requests[best]!++;
    siftDown(heap, 0, before);
  }
  for (const i of order) {
    pool[i]!.requests += got[i]!;
    give(pool[i]!, got[i]!);
  }
}

function siftDown(heap: number[], from: number, before: (a: number, b: number) => boolean): void {
  const item = heap[from]!;
  let i = from;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= heap.length) break;
    const r = l + 1;
    const child = r < heap.length && before(heap[r]!, heap[l]!) ? r : l;
    if (!before(heap[child]!, item)) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = item;
}
