/**
 * The one part of load balancer health the task lifecycle needs in the worker's first chunk:
 * telling the health rounds that something they depend on changed (elb/health.ts quiet rounds).
 */
import type { EngineState } from '../state.ts';

/** Something a health check depends on changed: call on every task or container status change. */
export function noteHealthInputsChanged(state: EngineState): void {
  state.healthEpoch = (state.healthEpoch ?? 0) + 1;
}
