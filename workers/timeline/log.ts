/**
 * The command log: what a learner did, as data. The scenario and seed fix the start; every command
 * that took effect is kept with the virtual time it ran at; `endMs` is how far time was let run.
 * Time between commands needs no entries of its own: the engine's clock fires every timer at its
 * own due time whatever the slices `advance` is called with (test/unit/engine/determinism.test.ts:
 * many small advances equal one big one), so "advance to the next command's time" reproduces any
 * sequence of plays, steps and waits exactly.
 */
import type { Scenario, Step } from '../protocol.ts';

export interface TimelineEntry {
  /** Virtual time (ms since the sandbox epoch) the command ran at. */
  at: number;
  step: Step;
}

export interface CommandLog {
  scenario: Scenario;
  seed: number;
  /** Commands that took effect, in the order they ran (`at` never decreases). */
  entries: TimelineEntry[];
  /** The latest virtual time the run reached (≥ the last entry's `at`). */
  endMs: number;
}

/**
 * A point of a run: virtual time and how many log entries have been applied. Several commands can
 * run at one instant (typed while paused), so time alone does not say which of them are in.
 */
export interface Cursor {
  timeMs: number;
  applied: number;
}

/** Orders cursors along one run: by time, then by commands applied. */
export function compareCursors(a: Cursor, b: Cursor): number {
  return a.timeMs !== b.timeMs ? a.timeMs - b.timeMs : a.applied - b.applied;
}

/**
 * The cursor at virtual time `timeMs` with every command of that instant applied (`from`: entries
 * known to be applied already, so a tick of playback does not scan the whole log).
 */
export function cursorAt(log: CommandLog, timeMs: number, from = 0): Cursor {
  let applied = from;
  while (applied < log.entries.length && log.entries[applied]!.at <= timeMs) applied++;
  return { timeMs, applied };
}
