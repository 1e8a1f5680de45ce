/**
 * The rewindable timeline: one live engine the learner drives, the command log it records, and a
 * few spare engines left at earlier points of the same run, so undo and jumps back replay minutes,
 * not the whole session (README.md: the choice and the figures).
 *
 * - `dispatch` runs a command on the live engine; one that took effect is logged at the virtual
 *   time it ran. A `wait` step is time, not a command: it advances like `advance` does.
 * - `jumpTo(t)` moves to virtual time t of the run (0…endMs). The "future" after t is kept: the
 *   run can be jumped forward again, and `advance` from the past replays it exactly (commands at
 *   their times), like watching a recording. Running a command from the past branches: the future
 *   is dropped and the new command is logged (a read — Describe*, List*… — does not: read-only.ts).
 * - `undo()` is the log without its last command (the last one before the cursor): the run goes
 *   back to the instant that command ran, just before it. `redo()` puts back what the last undo
 *   removed, as long as nothing new was recorded since (a command, or time past the log's end).
 *
 * Engines cannot be copied (their timers are closures on the virtual clock), so a point of the run
 * is reached by replaying the log into an engine that is at or before it: the best spare, or a
 * fresh one. Spares come from two places: the live engine is kept when a jump leaves it (jumping
 * back to the present is free), and `maintain` builds spares behind the present in the background.
 */
import type { LoadResult, SandboxEngine, Scenario, Snapshot, Step, StepResult } from '../protocol.ts';
import { parseDuration } from '../engine/duration.ts';
import { compareCursors, cursorAt, type CommandLog, type Cursor, type TimelineEntry } from './log.ts';
import { isReadOnlyStep } from './read-only.ts';
import { freshStart, replayBetween, ReplayDivergedError } from './replay.ts';

export interface TimelineOptions {
  /** Builds an engine (the CLI and tests: `createEngine`; the worker: its own lazily loaded one). */
  createEngine: () => SandboxEngine;
  /** Virtual time between the spares `maintain` keeps behind the present (default 15 minutes). */
  checkpointEveryMs?: number;
  /** How many spares `maintain` keeps behind the present (default 3: the last 30 to 45 virtual minutes). */
  checkpoints?: number;
}

export const DEFAULT_CHECKPOINT_EVERY_MS = 15 * 60_000;
export const DEFAULT_CHECKPOINTS = 3;
const WAIT = 'wait';

interface Placed {
  engine: SandboxEngine;
  cursor: Cursor;
}

interface Undone {
  entries: TimelineEntry[];
  endMs: number;
  cursor: Cursor;
  /** Engines beyond the cut: valid again once the entries are back. */
  engines: Placed[];
}

export type TimelineRefusal = { ok: false; message: string };

export class Timeline {
  #log: CommandLog;
  #start: Cursor;
  #live: Placed;
  #spares: Placed[] = [];
  #redo: Undone[] = [];
  readonly #createEngine: () => SandboxEngine;
  readonly #everyMs: number;
  readonly #checkpoints: number;
  readonly #loadResult: LoadResult;

  private constructor(options: TimelineOptions, log: CommandLog) {
    this.#createEngine = options.createEngine;
    this.#everyMs = Math.max(60_000, Math.floor(options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS));
    this.#checkpoints = Math.max(0, Math.floor(options.checkpoints ?? DEFAULT_CHECKPOINTS));
    const fresh = freshStart(this.#createEngine, log.scenario, log.seed);
    this.#loadResult = fresh.results;
    this.#start = fresh.cursor;
    this.#live = { engine: fresh.engine, cursor: fresh.cursor };
    this.#log = { ...log, entries: [], endMs: fresh.cursor.timeMs };
  }

  /** A new run of `scenario` (its own seed unless one is given). */
  static start(scenario: Scenario, options: TimelineOptions & { seed?: number }): Timeline {
    return new Timeline(options, { scenario, seed: options.seed ?? scenario.seed, entries: [], endMs: 0 });
  }

  /**
   * A run rebuilt from a log read from outside (a shared link, saved progress), replayed to its
   * end; a command the replay refuses is said, not thrown.
   */
  static restore(log: CommandLog, options: TimelineOptions): { ok: true; timeline: Timeline } | TimelineRefusal {
    try {
      return { ok: true, timeline: Timeline.fromLog(log, options) };
    } catch (error) {
      if (error instanceof ReplayDivergedError) return { ok: false, message: error.message };
      throw error;
    }
  }

  /** A run rebuilt from a log recorded here, replayed to its end (throws ReplayDivergedError otherwise). */
  static fromLog(log: CommandLog, options: TimelineOptions): Timeline {
    const timeline = new Timeline(options, log);
    timeline.#log.entries = log.entries.map((entry) => ({ at: entry.at, step: structuredClone(entry.step) }));
    timeline.#log.endMs = Math.max(timeline.#start.timeMs, log.endMs, ...log.entries.map((entry) => entry.at));
    timeline.#moveTo(cursorAt(timeline.#log, timeline.#log.endMs));
    return timeline;
  }

  /** What loading the scenario did (the setup steps' results). */
  get loadResult(): LoadResult {
    return this.#loadResult;
  }

  /** The live engine's virtual time. */
  get now(): number {
    return this.#live.cursor.timeMs;
  }

  get cursor(): Cursor {
    return { ...this.#live.cursor };
  }

  /** The run's seed (without copying the log, as log() does). */
  get seed(): number {
    return this.#log.seed;
  }

  /** The virtual time the scenario's setup ended at: the earliest point of the run. */
  get startMs(): number {
    return this.#start.timeMs;
  }

  /** The latest virtual time the run reached. */
  get endMs(): number {
    return this.#log.endMs;
  }

  /** Whether the run goes on after the cursor (a jump back or an undo left a future to return to). */
  get inPast(): boolean {
    return this.#live.cursor.applied < this.#log.entries.length || this.#live.cursor.timeMs < this.#log.endMs;
  }

  get canUndo(): boolean {
    return this.#live.cursor.applied > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** Engines kept at earlier points (the live one excluded), for tests and the benchmark. */
  get spareCursors(): Cursor[] {
    return this.#spares.map((spare) => ({ ...spare.cursor })).sort(compareCursors);
  }

  /** Commands in the log, and the virtual time each ran at (no copy of the steps: cheap enough to publish with every snapshot). */
  commandTimes(): number[] {
    return this.#log.entries.map((entry) => entry.at);
  }

  /** A copy of the log (commands and end time), e.g. to save or share. */
  log(): CommandLog {
    return { ...this.#log, entries: this.#log.entries.map((entry) => ({ at: entry.at, step: structuredClone(entry.step) })) };
  }

  snapshot(): Snapshot {
    return this.#live.engine.snapshot();
  }

  nextTimerAt(): number | null {
    return this.#live.engine.nextTimerAt();
  }

  /** The live engine, for read-only questions (validateTaskDefinition, explainPlacement). */
  get engine(): SandboxEngine {
    return this.#live.engine;
  }

  /**
   * Let virtual time run (as SandboxEngine.advance: non-integers floored, negative or non-finite
   * values ignored). In the past, the recorded commands on the way run again at their times.
   */
  advance(ms: number): void {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return;
    const from = this.#live.cursor;
    const timeMs = from.timeMs + Math.floor(ms);
    const to = { timeMs, applied: cursorAt(this.#log, timeMs, from.applied).applied };
    this.#live.cursor = replayBetween(this.#live.engine, this.#log, from, to);
    if (timeMs > this.#log.endMs) {
      this.#log.endMs = timeMs;
      this.#redo = [];
    }
  }

  /**
   * Run a step on the live engine; one that took effect is logged (from the past: a branch). A
   * read from the past (read-only.ts) is answered without branching or logging.
   */
  dispatch(step: Step): StepResult {
    if (isWait(step)) return this.#wait(step);
    const result = this.#live.engine.dispatch(step);
    if ('error' in result || (this.inPast && isReadOnlyStep(step))) return result;
    if (this.inPast) this.#dropFuture();
    this.#log.entries.push({ at: this.#live.cursor.timeMs, step: structuredClone(step) });
    this.#live.cursor = { timeMs: this.#live.cursor.timeMs, applied: this.#log.entries.length };
    this.#redo = [];
    return result;
  }

  /** Move to virtual time `timeMs` of the run (clamped to its start and end), keeping the future. */
  jumpTo(timeMs: number): void {
    if (typeof timeMs !== 'number' || Number.isNaN(timeMs)) return;
    const clamped = Math.min(this.#log.endMs, Math.max(this.#start.timeMs, Math.floor(timeMs)));
    this.#moveTo(cursorAt(this.#log, clamped));
  }

  /** Remove the last command before the cursor: back to the instant it ran, without it. */
  undo(): { ok: true; undone: TimelineEntry } | TimelineRefusal {
    const applied = this.#live.cursor.applied;
    if (applied === 0) return { ok: false, message: 'There is nothing to undo: no command has run since the scenario started.' };
    const undone = this.#log.entries[applied - 1]!;
    const cut: Cursor = { timeMs: undone.at, applied: applied - 1 };
    const beyond = [this.#live, ...this.#spares].filter((placed) => compareCursors(placed.cursor, cut) > 0);
    this.#spares = this.#spares.filter((placed) => compareCursors(placed.cursor, cut) <= 0);
    this.#redo.push({ entries: this.#log.entries.splice(cut.applied), endMs: this.#log.endMs, cursor: this.#live.cursor, engines: beyond });
    this.#log.endMs = cut.timeMs;
    this.#live = this.#takeBest(cut);
    this.#place(cut);
    return { ok: true, undone: { at: undone.at, step: structuredClone(undone.step) } };
  }

  /** Put back what the last undo removed and return to where the run was. */
  redo(): { ok: true } | TimelineRefusal {
    const undone = this.#redo.pop();
    if (undone === undefined) return { ok: false, message: 'There is nothing to redo: nothing was undone since the last command.' };
    this.#log.entries.push(...undone.entries);
    this.#log.endMs = undone.endMs;
    this.#spares.push(...undone.engines);
    this.#moveTo(undone.cursor);
    return { ok: true };
  }

  /**
   * Background work: keep a spare engine at each of the last `checkpoints` multiples of
   * `checkpointEveryMs` behind the present, advancing one spare at a time in slices of one virtual
   * minute until `deadline()` (real time, e.g. `performance.now() + 8`) has passed. Returns whether
   * work remains. Any spare is a valid point of the run, so stopping midway wastes nothing.
   */
  maintain(deadline: () => boolean): boolean {
    for (const target of this.#checkpointTargets()) {
      if (this.#spares.some((spare) => spare.cursor.timeMs <= target && spare.cursor.timeMs > target - this.#everyMs / 2)) continue;
      const goal = cursorAt(this.#log, target);
      const builder = this.#builderFor(goal);
      while (compareCursors(builder.cursor, goal) < 0) {
        if (deadline()) return true;
        const timeMs = Math.min(goal.timeMs, builder.cursor.timeMs + 60_000);
        builder.cursor = replayBetween(builder.engine, this.#log, builder.cursor, cursorAt(this.#log, timeMs));
      }
    }
    this.#trimSpares();
    return false;
  }

  #checkpointTargets(): number[] {
    const targets: number[] = [];
    const newest = Math.floor(this.#live.cursor.timeMs / this.#everyMs) * this.#everyMs;
    for (let j = 0; j < this.#checkpoints; j++) {
      const target = newest - j * this.#everyMs;
      if (target <= this.#start.timeMs) break;
      targets.push(target);
    }
    return targets;
  }

  /** The spare to grow into a checkpoint at `goal`: the newest before it that no checkpoint needs, or a fresh engine. */
  #builderFor(goal: Cursor): Placed {
    let source: Placed | undefined;
    for (const spare of this.#spares) {
      if (compareCursors(spare.cursor, goal) > 0 || this.#isCheckpoint(spare)) continue;
      if (source === undefined || compareCursors(spare.cursor, source.cursor) > 0) source = spare;
    }
    if (source !== undefined) return source;
    const fresh = freshStart(this.#createEngine, this.#log.scenario, this.#log.seed);
    const placed = { engine: fresh.engine, cursor: fresh.cursor };
    this.#spares.push(placed);
    return placed;
  }

  #isCheckpoint(spare: Placed): boolean {
    return this.#checkpointTargets().some((target) => spare.cursor.timeMs <= target && spare.cursor.timeMs > target - this.#everyMs / 2);
  }

  #wait(step: Step): StepResult {
    const parsed = parseDuration(step[WAIT]);
    // Refusals and waits at the end of the run are the engine's own (its wording, its step numbers).
    if (!parsed.ok || !this.inPast) {
      const result = this.#live.engine.dispatch(step);
      if ('response' in result) this.#placeLiveAfterWait(result);
      return result;
    }
    this.advance(parsed.ms);
    return { step: 0, action: WAIT, response: { time: this.#live.cursor.timeMs } };
  }

  #placeLiveAfterWait(result: StepResult): void {
    const time = (('response' in result ? result.response : undefined) as { time?: unknown } | undefined)?.time;
    if (typeof time !== 'number') return;
    this.#live.cursor = { timeMs: time, applied: this.#live.cursor.applied };
    if (time > this.#log.endMs) {
      this.#log.endMs = time;
      this.#redo = [];
    }
  }

  /** A command from the past: the run after the cursor is no longer this run. */
  #dropFuture(): void {
    const cursor = this.#live.cursor;
    this.#log.entries.length = cursor.applied;
    this.#log.endMs = cursor.timeMs;
    this.#spares = this.#spares.filter((spare) => compareCursors(spare.cursor, cursor) <= 0);
  }

  /** Make the live engine be at `target` (≤ the log's end), from the closest engine at or before it. */
  #moveTo(target: Cursor): void {
    if (compareCursors(this.#live.cursor, target) === 0) return;
    this.#spares.push(this.#live);
    this.#live = this.#takeBest(target);
    this.#place(target);
  }

  /** Removes and returns the spare closest at or before `target`, or a fresh engine. */
  #takeBest(target: Cursor): Placed {
    let best: Placed | undefined;
    for (const spare of this.#spares) {
      if (compareCursors(spare.cursor, target) <= 0 && (best === undefined || compareCursors(spare.cursor, best.cursor) > 0)) best = spare;
    }
    if (best === undefined) {
      const fresh = freshStart(this.#createEngine, this.#log.scenario, this.#log.seed);
      return { engine: fresh.engine, cursor: fresh.cursor };
    }
    this.#spares.splice(this.#spares.indexOf(best), 1);
    return best;
  }

  #place(target: Cursor): void {
    this.#live.cursor = replayBetween(this.#live.engine, this.#log, this.#live.cursor, target);
    this.#trimSpares();
  }

  /** At most checkpoints + 2 spares: drop the one closest to a newer neighbour (it adds least). */
  #trimSpares(): void {
    const limit = this.#checkpoints + 2;
    while (this.#spares.length > limit) {
      const sorted = [...this.#spares].sort((a, b) => compareCursors(a.cursor, b.cursor));
      let drop = 0;
      let smallest = Infinity;
      for (let i = 0; i < sorted.length - 1; i++) {
        const gap = sorted[i + 1]!.cursor.timeMs - sorted[i]!.cursor.timeMs;
        if (gap < smallest) {
          smallest = gap;
          drop = i;
        }
      }
      this.#spares.splice(this.#spares.indexOf(sorted[drop]!), 1);
    }
  }
}

function isWait(step: Step): boolean {
  return typeof step === 'object' && step !== null && !Array.isArray(step) && Object.keys(step).length === 1 && WAIT in step;
}
