/**
 * A scenario's scripted `events` at run time: after the setup, each `{at, do}` is put on the
 * virtual clock at (the setup's end + at) and its step is dispatched then, as the author (the
 * scenario's action lists restrict learners, not the scenario). Living in the engine, events are
 * part of every run for free: the worker, the timeline's replays and `check` see the same ones.
 *
 * A refused event step must not stop the run: it is said in the event log (which event, when, and
 * AWS's error), so an author sees it in the sandbox and `check` sees it in the snapshot.
 */
import type { ScenarioEvent, Step, StepResult } from '../protocol.ts';
import type { VirtualClock } from './clock.ts';
import { parseDuration } from './duration.ts';

/** Event-log kinds: a scripted event ran, or was refused. */
export const SCENARIO_EVENT_KINDS = { ran: 'scenario.event', refused: 'scenario.event-failed' } as const;

export interface ScriptedEventHost {
  clock: VirtualClock;
  emit(kind: string, message: string): void;
}

/**
 * Schedules `events` from now (the setup's end). Events due at once (at: 0) run before this returns,
 * so the state right after loading already shows them. `run` dispatches one step.
 */
export function scheduleScenarioEvents(host: ScriptedEventHost, events: readonly ScenarioEvent[] | undefined, run: (step: Step) => StepResult): void {
  if (!Array.isArray(events)) return;
  const startMs = host.clock.now;
  events.forEach((event, index) => {
    const atMs = eventOffset(event);
    if (atMs === undefined) return;
    const fire = (): void => runScriptedEvent(host, event, index, run);
    if (atMs === 0) fire();
    else host.clock.schedule(startMs + atMs, fire);
  });
}

function runScriptedEvent(host: ScriptedEventHost, event: ScenarioEvent, index: number, run: (step: Step) => StepResult): void {
  const result = run(event.do);
  const what = `Scripted event ${index + 1} (${result.action || 'step'} at ${String(event.at ?? event.atMs)})`;
  if ('error' in result) host.emit(SCENARIO_EVENT_KINDS.refused, `${what} was refused: ${result.error.code}: ${result.error.message}`);
  else host.emit(SCENARIO_EVENT_KINDS.ran, `${what} ran.`);
}

/** The parser fills `atMs`; a scenario built by hand may give `at` alone. */
function eventOffset(event: ScenarioEvent): number | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  if (typeof event.atMs === 'number' && Number.isFinite(event.atMs) && event.atMs >= 0) return Math.floor(event.atMs);
  const parsed = parseDuration(event.at);
  return parsed.ok ? parsed.ms : undefined;
}
