/**
 * A scenario's scripted `events` at run time: after the setup, each `{at, do}` is put on the
 * virtual clock at (the setup's end + atMs) and its step is dispatched then, as the author (the
 * scenario's action lists restrict learners, not the scenario). Living in the engine, events are
 * part of every run for free: the worker, the timeline's replays and `check` see the same ones.
 * Events due at once (at: 0) run before `load` returns. (Kept tiny: it is in the worker's first
 * JavaScript.)
 *
 * A refused event step must not stop the run: it is said in the event log (which event, when, and
 * AWS's error), so an author sees it in the sandbox and `check` reports it.
 */
import type { ScenarioEvent, Step, StepResult } from '../protocol.ts';
import type { VirtualClock } from './clock.ts';

/** The event-log kind of a scripted event that was refused. */
export const SCENARIO_EVENT_REFUSED = 'scenario.event-failed';

export function scheduleScenarioEvents(
  host: { clock: VirtualClock; emit(kind: string, message: string): void },
  events: readonly ScenarioEvent[] | undefined,
  run: (step: Step) => StepResult,
): void {
  const startMs = host.clock.now;
  events?.forEach((event, index) => {
    const fire = (): void => {
      const result = run(event.do);
      if ('error' in result) host.emit(SCENARIO_EVENT_REFUSED, `Scripted event ${index + 1} (${result.action} at ${event.at}) was refused: ${result.error.code}: ${result.error.message}`);
    };
    if (event.atMs > 0) host.clock.schedule(startMs + event.atMs, fire);
    else fire();
  });
}
