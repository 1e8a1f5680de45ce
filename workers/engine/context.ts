/**
 * What a command gets to work with. Commands validate everything first and only then mutate the
 * state through this context, so a refused command changes nothing.
 */
import type { VirtualClock } from './clock.ts';
import type { Prng } from './prng.ts';
import type { EngineState, TaskRecord } from './state.ts';

export interface EngineContext {
  state: EngineState;
  clock: VirtualClock;
  prng: Prng;
  /** Append a line to the event log at the current virtual time (placement events name their decision). */
  emit(kind: string, message: string, resourceArn?: string, placementId?: string): void;
  /** Start the state machine of a task that was just placed. */
  launchTask(record: TaskRecord): void;
  /** Ask a task to stop (StopTask); desiredStatus and stoppedReason are already set. */
  requestStop(record: TaskRecord): void;
}
