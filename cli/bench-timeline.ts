/**
 * The timeline benchmark behind `ecs-sandbox bench timeline` (issue 8's figure: undo or a jump back
 * 30 virtual minutes in a busy scenario ≤ 200 ms). The session: scenarios/capacity.yaml (two
 * clusters, an Auto Scaling group on CPU, a capacity provider with managed scaling from zero,
 * Fargate and Fargate Spot) run for 2 virtual hours, with a learner command every 4 virtual
 * minutes (scaling services, changing load, running tasks, reading). Measured, each the median of
 * N runs: undo of the last command and a jump back 30 virtual minutes, on the timeline with its
 * spares kept by `maintain` (untimed, as the worker does it between ticks), and the naive way for
 * comparison (a fresh engine replaying the whole log to the same point).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { createEngine } from '../workers/engine/index.ts';
import type { Scenario, Step } from '../workers/protocol.ts';
import { parseScenarioText } from '../workers/scenario/index.ts';
import { cursorAt, encodeLog, freshStart, replayBetween, Timeline } from '../workers/timeline/index.ts';
import * as lessonRuntime from '../workers/lesson/index.ts';
import { Session } from '../workers/session/index.ts';
import { median } from './bench-services.ts';
import { UsageError, benchCount } from './args.ts';
import type { CliIo } from './io.ts';
import { EXIT } from './run-command.ts';

const MINUTE_MS = 60_000;

/** Issue 8's figure. */
export const TIMELINE_BUDGETS = { undoMs: 200, jumpBackMs: 200 } as const;

export interface TimelineBenchOptions {
  minutes: number;
  runs: number;
  seed?: number;
  scenarioText?: string;
  progress?: (line: string) => void;
}

export interface TimelineBenchResult {
  minutes: number;
  runs: number;
  commands: number;
  /** Wall time of recording the session itself (live engine, spares kept up to date). */
  sessionMs: number;
  undoMs: number;
  jumpBackMs: number;
  /** Jumping forward again to the end of the run (the engine a jump leaves is kept). */
  jumpToEndMs: number;
  /** The naive way: a fresh engine replays the log from the scenario's start. */
  naiveUndoMs: number;
  naiveJumpBackMs: number;
  /** Wall time `maintain` spent rebuilding spares after each measured move (background work). */
  maintainMs: number;
  logJsonBytes: number;
  logGzipBytes: number;
  /** The same moves through the worker's learning session (benchSession), when measured. */
  session?: SessionBenchResult;
  ok: boolean;
  problems: string[];
}

export interface SessionBenchResult {
  /** Session.undo + the session state and snapshot the worker then publishes (the lesson rewound and observed). */
  undoMs: number;
  /** Session.jumpTo 30 virtual minutes back + state and snapshot. */
  jumpBackMs: number;
  /** Back to the end again (the lesson follows the run, not the cursor: nothing to observe). */
  jumpForwardMs: number;
  /** Redo after the undo: the lesson watches the redone stretch (replayed, observed every 10 s). */
  redoMs: number;
  /** Recording the session (commands as the learner's, time observed by the lesson, spares kept). */
  sessionMs: number;
  commands: number;
  lessonSteps: number;
  problems: string[];
}

/** The learner's command at minute m of the session (every 4 minutes), cycling through what a learner does there. */
export function busyCommand(m: number): Step | undefined {
  if (m % 4 !== 2) return undefined;
  const n = (m - 2) / 4;
  switch (n % 6) {
    case 0:
      return { 'ecs:UpdateService': { cluster: 'managed', service: 'worker', desiredCount: 4 + ((n * 3) % 9) } };
    case 1:
      return { 'sim:SetServiceLoad': { cluster: 'cpu-scaled', service: 'api', cpuUnits: 1200 + ((n * 700) % 2400) } };
    case 2:
      return { 'ecs:UpdateService': { cluster: 'managed', service: 'web', desiredCount: 6 + (n % 7) } };
    case 3:
      return { 'ecs:RunTask': { cluster: 'cpu-scaled', taskDefinition: 'api', count: 1 + (n % 3), launchType: 'EC2' } };
    case 4:
      return { 'ecs:DescribeServices': { cluster: 'managed', services: ['worker', 'web'] } };
    default:
      return { 'ecs:UpdateService': { cluster: 'cpu-scaled', service: 'api', desiredCount: 4 + (n % 5) } };
  }
}

export function capacityScenario(text?: string): Scenario {
  const parsed = parseScenarioText(text ?? readFileSync(new URL('../scenarios/capacity.yaml', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`scenarios/capacity.yaml has problems: ${parsed.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.scenario;
}

/** Records the busy session on a timeline, with `maintain` run to completion each virtual minute. */
export function recordBusySession(scenario: Scenario, minutes: number, seed?: number): { timeline: Timeline; commands: number; problems: string[] } {
  const timeline = Timeline.start(scenario, { createEngine: () => createEngine(), ...(seed === undefined ? {} : { seed }) });
  const problems: string[] = [];
  let commands = 0;
  for (let m = 0; m < minutes; m++) {
    const step = busyCommand(m);
    if (step !== undefined) {
      const result = timeline.dispatch(step);
      if ('error' in result) problems.push(`minute ${m}: ${Object.keys(step)[0]} was refused: ${result.error.message}`);
      else commands++;
    }
    timeline.advance(MINUTE_MS);
    timeline.maintain(() => false);
  }
  return { timeline, commands, problems };
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export function benchTimeline(options: TimelineBenchOptions): TimelineBenchResult {
  const scenario = capacityScenario(options.scenarioText);
  const start = performance.now();
  const { timeline, commands, problems } = recordBusySession(scenario, options.minutes, options.seed);
  const sessionMs = performance.now() - start;
  const undo: number[] = [];
  const jumpBack: number[] = [];
  const jumpToEnd: number[] = [];
  const naiveUndo: number[] = [];
  const naiveJump: number[] = [];
  const maintain: number[] = [];
  let minute = options.minutes;
  for (let r = 0; r < options.runs; r++) {
    // Each run first goes on for 7 virtual minutes with a command at 3 (spares kept up by
    // `maintain`, untimed), so the points jumped to fall between checkpoints, never on one.
    timeline.advance(3 * MINUTE_MS);
    const step = busyCommand(2 + 4 * (r % 6));
    if (step !== undefined && 'error' in timeline.dispatch(step)) problems.push(`run ${r + 1}: ${Object.keys(step)[0]} was refused`);
    for (let m = 0; m < 4; m++) {
      timeline.advance(MINUTE_MS);
      timeline.maintain(() => false);
    }
    minute += 7;
    const endMs = timeline.endMs;
    const expected = JSON.stringify(timeline.snapshot());
    undo.push(timed(() => timeline.undo()));
    timeline.redo();
    maintain.push(timed(() => timeline.maintain(() => false)));
    jumpBack.push(timed(() => timeline.jumpTo(endMs - 30 * MINUTE_MS)));
    jumpToEnd.push(timed(() => timeline.jumpTo(endMs)));
    maintain.push(timed(() => timeline.maintain(() => false)));
    if (JSON.stringify(timeline.snapshot()) !== expected) problems.push(`run ${r + 1}: after undo, redo and the jumps the run is not where it was (the snapshot differs)`);
    const log = timeline.log();
    const last = log.entries.at(-1)!;
    naiveUndo.push(timed(() => {
      const fresh = freshStart(() => createEngine(), log.scenario, log.seed);
      replayBetween(fresh.engine, log, fresh.cursor, { timeMs: last.at, applied: log.entries.length - 1 });
    }));
    naiveJump.push(timed(() => {
      const fresh = freshStart(() => createEngine(), log.scenario, log.seed);
      replayBetween(fresh.engine, log, fresh.cursor, cursorAt(log, endMs - 30 * MINUTE_MS));
    }));
    options.progress?.(`  run ${r + 1}/${options.runs} (at minute ${minute}): undo ${undo.at(-1)!.toFixed(1)} ms, jump back 30 min ${jumpBack.at(-1)!.toFixed(1)} ms, back to the end ${jumpToEnd.at(-1)!.toFixed(1)} ms; naive: undo ${naiveUndo.at(-1)!.toFixed(1)} ms, jump ${naiveJump.at(-1)!.toFixed(1)} ms`);
  }
  const log = timeline.log();
  const json = encodeLog(log);
  return {
    minutes: options.minutes,
    runs: options.runs,
    commands,
    sessionMs,
    undoMs: median(undo),
    jumpBackMs: median(jumpBack),
    jumpToEndMs: median(jumpToEnd),
    naiveUndoMs: median(naiveUndo),
    naiveJumpBackMs: median(naiveJump),
    maintainMs: median(maintain),
    logJsonBytes: Buffer.byteLength(json),
    logGzipBytes: gzipSync(json).length,
    ok: problems.length === 0,
    problems,
  };
}

/**
 * The figure through the worker's learning session (workers/session/): the same busy session of
 * capacity.yaml recorded as the worker records it — learner commands through the action rules,
 * time advanced with the lesson observing every 10 virtual seconds, spares kept by `maintain`
 * (untimed, as the worker does it between ticks) — then undo and a jump back 30 virtual minutes,
 * each timed with the lesson's rewind and the session state and snapshot the worker publishes.
 */
export function benchSession(options: TimelineBenchOptions): SessionBenchResult {
  const scenario = capacityScenario(options.scenarioText);
  const started = performance.now();
  const session = Session.start(scenario, { createEngine: () => createEngine(), lesson: lessonRuntime, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  const problems: string[] = [];
  let commands = 0;
  const learner = (step: Step | undefined, where: string): void => {
    if (step === undefined) return;
    const result = session.runLearnerStep(step);
    if ('error' in result) problems.push(`${where}: ${Object.keys(step)[0]} was refused: ${result.error.message}`);
    else commands++;
  };
  for (let m = 0; m < options.minutes; m++) {
    learner(busyCommand(m), `minute ${m}`);
    session.advance(MINUTE_MS);
    session.maintain(() => false);
  }
  const sessionMs = performance.now() - started;
  const publish = (): void => {
    session.state();
    session.snapshot();
  };
  const undo: number[] = [];
  const jumpBack: number[] = [];
  const jumpForward: number[] = [];
  const redo: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    // As in benchTimeline: 7 more minutes with a command at 3, so the points fall between checkpoints.
    session.advance(3 * MINUTE_MS);
    learner(busyCommand(2 + 4 * (r % 6)), `run ${r + 1}`);
    for (let m = 0; m < 4; m++) {
      session.advance(MINUTE_MS);
      session.maintain(() => false);
    }
    const endMs = session.timeline.endMs;
    const expected = JSON.stringify(session.snapshot());
    undo.push(timed(() => {
      session.undo();
      publish();
    }));
    redo.push(timed(() => {
      session.redo();
      publish();
    }));
    session.maintain(() => false);
    jumpBack.push(timed(() => {
      session.jumpTo(endMs - 30 * MINUTE_MS);
      publish();
    }));
    jumpForward.push(timed(() => {
      session.jumpTo(endMs);
      publish();
    }));
    session.maintain(() => false);
    if (JSON.stringify(session.snapshot()) !== expected) problems.push(`run ${r + 1}: after undo, redo and the jumps the session is not where it was (the snapshot differs)`);
    options.progress?.(`  session run ${r + 1}/${options.runs}: undo ${undo.at(-1)!.toFixed(1)} ms, redo ${redo.at(-1)!.toFixed(1)} ms, jump back 30 min ${jumpBack.at(-1)!.toFixed(1)} ms, forward again ${jumpForward.at(-1)!.toFixed(1)} ms`);
  }
  return {
    undoMs: median(undo),
    jumpBackMs: median(jumpBack),
    jumpForwardMs: median(jumpForward),
    redoMs: median(redo),
    sessionMs,
    commands,
    lessonSteps: session.state().lesson?.steps.length ?? 0,
    problems,
  };
}

/** `ecs-sandbox bench timeline [--hours N] [--runs N] [--seed N] [--json]` (flags parsed by cli/bench-command.ts). */
export function timelineCommand(flags: ReadonlyMap<string, string | true>, io: CliIo): number {
  if (flags.has('--instances') || flags.has('--tasks') || flags.has('--zones')) throw new UsageError('bench timeline takes --hours, --runs, --seed and --json (it records a session of scenarios/capacity.yaml)', 'bench');
  const hours = benchCount(flags.get('--hours'), '--hours', 2, 1, 48);
  const runs = benchCount(flags.get('--runs'), '--runs', 7, 1, 101);
  const seed = flags.has('--seed') ? benchCount(flags.get('--seed'), '--seed', 6, 0, 4_294_967_295) : undefined;
  const json = flags.has('--json');
  if (!json) io.err(`Recording ${hours} virtual hours of scenarios/capacity.yaml with a command every 4 virtual minutes, then undo and jumps back ${runs} times…\n`);
  const benchOptions = { minutes: hours * 60, runs, ...(seed === undefined ? {} : { seed }), progress: json ? undefined : (line: string) => io.err(`${line}\n`) };
  const result = benchTimeline(benchOptions);
  if (!json) io.err('Recording the same session through the worker\'s learning session (lesson observing), then undo and jumps back…\n');
  const session = benchSession(benchOptions);
  result.session = session;
  const notes = [...result.problems.map((problem) => `FAILED: ${problem}`), ...session.problems.map((problem) => `FAILED (session): ${problem}`)];
  if (result.undoMs > TIMELINE_BUDGETS.undoMs) notes.push(`over budget: undo ${result.undoMs.toFixed(1)} ms > ${TIMELINE_BUDGETS.undoMs} ms`);
  if (result.jumpBackMs > TIMELINE_BUDGETS.jumpBackMs) notes.push(`over budget: jump back ${result.jumpBackMs.toFixed(1)} ms > ${TIMELINE_BUDGETS.jumpBackMs} ms`);
  if (session.undoMs > TIMELINE_BUDGETS.undoMs) notes.push(`over budget: undo through the session ${session.undoMs.toFixed(1)} ms > ${TIMELINE_BUDGETS.undoMs} ms`);
  if (session.jumpBackMs > TIMELINE_BUDGETS.jumpBackMs) notes.push(`over budget: jump back through the session ${session.jumpBackMs.toFixed(1)} ms > ${TIMELINE_BUDGETS.jumpBackMs} ms`);
  const sessionOk = session.problems.length === 0 && session.undoMs <= TIMELINE_BUDGETS.undoMs && session.jumpBackMs <= TIMELINE_BUDGETS.jumpBackMs;
  const ok = sessionOk && result.ok && result.undoMs <= TIMELINE_BUDGETS.undoMs && result.jumpBackMs <= TIMELINE_BUDGETS.jumpBackMs;
  if (json) {
    io.out(`${JSON.stringify({ name: 'timeline', ...result, budgets: TIMELINE_BUDGETS, withinBudget: ok })}\n`);
  } else {
    const lines = [
      `timeline benchmark — medians of ${result.runs} runs`,
      `  scenarios/capacity.yaml for ${result.minutes} virtual minutes with ${result.commands} learner commands (one every 4 minutes), spares every 15 virtual minutes (3 kept):`,
      `    undo the last command:          ${result.undoMs.toFixed(1)} ms   (budget ≤ ${TIMELINE_BUDGETS.undoMs} ms; naive replay from the start: ${result.naiveUndoMs.toFixed(1)} ms)`,
      `    jump back 30 virtual minutes:   ${result.jumpBackMs.toFixed(1)} ms   (budget ≤ ${TIMELINE_BUDGETS.jumpBackMs} ms; naive replay from the start: ${result.naiveJumpBackMs.toFixed(1)} ms)`,
      `    jump forward to the end again:  ${result.jumpToEndMs.toFixed(1)} ms`,
      `    the session's log: ${result.logJsonBytes.toLocaleString('en-US')} bytes of JSON, ${result.logGzipBytes.toLocaleString('en-US')} gzipped`,
      `  through the worker's learning session (the lesson of ${session.lessonSteps} steps rewound and observed; the published state and snapshot included):`,
      `    undo the last command:          ${session.undoMs.toFixed(1)} ms   (budget ≤ ${TIMELINE_BUDGETS.undoMs} ms)`,
      `    jump back 30 virtual minutes:   ${session.jumpBackMs.toFixed(1)} ms   (budget ≤ ${TIMELINE_BUDGETS.jumpBackMs} ms)`,
      `    jump forward to the end again:  ${session.jumpForwardMs.toFixed(1)} ms`,
      `    redo (the lesson watches the redone 4 minutes again): ${session.redoMs.toFixed(1)} ms`,
    ];
    io.out(`${[...lines, ...notes.map((note) => `  ${note}`)].join('\n')}\n`);
  }
  return ok ? EXIT.ok : EXIT.failed;
}
