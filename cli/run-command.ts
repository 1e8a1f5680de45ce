/**
 * `ecs-sandbox run <file> [--seed N] [--json]`: parse the file (nothing runs if it has a problem),
 * load it into a fresh engine, print the final snapshot. Exit 0 when every step succeeded, 1 when
 * one failed or the file has problems, 2 for usage errors and unreadable files.
 */
import { createEngine } from '../workers/engine/index.ts';
import type { StepResult } from '../workers/protocol.ts';
import { formatIssue, locateSteps, parseScenarioText } from '../workers/scenario/index.ts';
import { parseArgs, UsageError } from './args.ts';
import { describeReadError, stripByteOrderMark, type CliIo } from './io.ts';
import { formatSummary } from './summary.ts';

const FLAGS = [
  { name: '--seed', takesValue: true },
  { name: '--json', takesValue: false },
  { name: '--help', aliases: ['-h'], takesValue: false },
] as const;
const MAX_SEED = 0xffff_ffff;

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function runCommand(argv: readonly string[], io: CliIo, help: string): number {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'run');
  if (flags.has('--help')) {
    io.out(help);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'run needs a scenario file, e.g. "ecs-sandbox run scenarios/sandbox.yaml"' : `run takes one file, not ${positionals.length}: ${positionals.join(' ')}`,
      'run',
    );
  }
  const seed = parseSeed(flags.get('--seed'));
  const file = positionals[0]!;
  let text: string;
  try {
    text = stripByteOrderMark(io.readFile(file));
  } catch (error) {
    io.err(`ecs-sandbox run: cannot read ${file}: ${describeReadError(error)}\n`);
    return EXIT.usage;
  }
  const parsed = parseScenarioText(text, { fileName: file });
  if (!parsed.ok) {
    for (const issue of parsed.issues) io.err(formatIssue(issue, file) + '\n');
    io.err(`ecs-sandbox run: ${file} has ${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}; nothing was run\n`);
    return EXIT.failed;
  }
  const engine = createEngine({ seed: seed ?? parsed.scenario.seed });
  const load = engine.load(parsed.scenario, seed === undefined ? undefined : { seed });
  const snapshot = engine.snapshot();
  if (flags.has('--json')) {
    io.out(JSON.stringify({ ...snapshot, responses: load.results }, null, 2) + '\n');
  } else {
    io.out(formatSummary(parsed.scenario, snapshot, load.results));
  }
  const failed = load.results.filter((result) => 'error' in result);
  if (failed.length === 0) return EXIT.ok;
  reportFailedSteps(failed, text, file, io);
  io.err(`ecs-sandbox run: ${failed.length} of ${load.results.length} steps failed\n`);
  return EXIT.failed;
}

/** Each failed step as `file:line:col: step N (action) failed: Code: message`, for logs and editors. */
function reportFailedSteps(failed: readonly StepResult[], text: string, file: string, io: CliIo): void {
  const positions = locateSteps(text, { fileName: file });
  for (const result of failed) {
    if (!('error' in result)) continue;
    const position = positions[result.step - 1];
    const message = `step ${result.step} (${result.action}) failed: ${result.error.code}: ${result.error.message}`;
    io.err(formatIssue({ message, ...position }, file) + '\n');
  }
}

function parseSeed(value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(seed) || seed > MAX_SEED) {
    throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}, not "${String(value)}"`, 'run');
  }
  return seed;
}
