/**
 * Bringing an engine from one cursor of a log to a later one: advance to each command's time, run
 * it, and advance to the target time. Nothing else — no snapshot is rendered on the way, so a
 * replay costs the simulation itself and nothing more.
 */
import type { SandboxEngine, Scenario } from '../protocol.ts';
import type { CommandLog, Cursor } from './log.ts';

/**
 * A logged command was refused on replay: the replay is no longer the run (a log that was not
 * recorded here, e.g. edited by hand, or an engine whose commands have not all loaded).
 */
export class ReplayDivergedError extends Error {
  constructor(
    readonly index: number,
    readonly at: number,
    reason: string,
  ) {
    super(`Replaying the run failed at command ${index + 1} (virtual time ${at} ms): ${reason}`);
    this.name = 'ReplayDivergedError';
  }
}

/** Replays `log` in `engine` from `from` to `to` (`from` ≤ `to`); returns `to`. Throws ReplayDivergedError. */
export function replayBetween(engine: SandboxEngine, log: CommandLog, from: Cursor, to: Cursor): Cursor {
  let now = from.timeMs;
  for (let k = from.applied; k < to.applied; k++) {
    const entry = log.entries[k]!;
    if (entry.at > now) engine.advance(entry.at - now);
    now = Math.max(now, entry.at);
    const result = engine.dispatch(entry.step);
    if ('error' in result) throw new ReplayDivergedError(k, entry.at, `${result.action} was refused: ${result.error.code}: ${result.error.message}`);
  }
  if (to.timeMs > now) engine.advance(to.timeMs - now);
  return { timeMs: Math.max(now, to.timeMs), applied: to.applied };
}

/**
 * A fresh engine with the scenario loaded, and where that leaves it: the setup's `wait` steps move
 * the clock, and each answers with the time it reached.
 */
export function freshStart(createEngine: () => SandboxEngine, scenario: Scenario, seed: number): { engine: SandboxEngine; cursor: Cursor; results: ReturnType<SandboxEngine['load']> } {
  const engine = createEngine();
  const results = engine.load(scenario, { seed });
  let timeMs = 0;
  for (const result of results.results) {
    const time = 'response' in result && result.action === 'wait' ? (result.response as { time?: unknown } | undefined)?.time : undefined;
    if (typeof time === 'number') timeMs = Math.max(timeMs, time);
  }
  return { engine, cursor: { timeMs, applied: 0 }, results };
}
