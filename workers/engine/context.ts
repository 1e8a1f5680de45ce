/**
 * What a command gets to work with. Commands validate everything first and only then mutate the
 * state through this context, so a refused command changes nothing.
 */
import type { EventBridgeDraft } from './events/eventbridge.ts';
import { VirtualClock } from './clock.ts';
import { Prng } from './prng.ts';
import { emptyState, type EngineState, type TaskRecord } from './state.ts';

export interface EngineContext {
  state: EngineState;
  clock: VirtualClock;
  prng: Prng;
  /**
   * Append a line to the event log at the current virtual time (placement events name their
   * decision; events ECS also sends to EventBridge carry their draft, events/eventbridge.ts).
   */
  emit(kind: string, message: string, resourceArn?: string, placementId?: string, eventBridge?: EventBridgeDraft): void;
  /** Start the state machine of a task that was just placed. */
  launchTask(record: TaskRecord): void;
  /** Ask a task to stop (StopTask); desiredStatus and stoppedReason are already set. */
  requestStop(record: TaskRecord): void;
}

/**
 * A context with state, clock and PRNG but no event log and no task machines: for tools and tests
 * that run commands to build a state and then study it (the placement benchmark, placement tests),
 * where nothing should start moving.
 */
export function silentContext(seed: number): EngineContext {
  return {
    state: emptyState(seed),
    clock: new VirtualClock(),
    prng: new Prng(seed),
    emit: () => {},
    launchTask: () => {},
    requestStop: () => {},
  };
}
