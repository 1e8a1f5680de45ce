/**
 * The `ecs-sandbox` command line: dispatches to `run` and `validate`, prints help and version, and
 * turns every user mistake into a one-line message on stderr with exit status 2 — never a stack
 * trace. An unexpected exception is a bug: "internal error", with the stack only when
 * ECS_SANDBOX_DEBUG=1.
 *
 * `main` returns the exit status instead of exiting, so tests can call it in-process.
 */
import packageJson from '../package.json' with { type: 'json' };
import { UsageError } from './args.ts';
import { benchCommand } from './bench-command.ts';
import { checkCommand } from './check-command.ts';
import { BENCH_HELP, CHECK_HELP, PROGRAM_HELP, RUN_HELP, VALIDATE_HELP } from './help.ts';
import { processIo, type CliIo } from './io.ts';
import { EXIT, runCommand } from './run-command.ts';
import { validateCommand } from './validate-command.ts';
import { closestMatch } from '../workers/engine/text.ts';

const COMMANDS = {
  run: { handler: runCommand, help: RUN_HELP },
  validate: { handler: validateCommand, help: VALIDATE_HELP },
  check: { handler: checkCommand, help: CHECK_HELP },
  bench: { handler: benchCommand, help: BENCH_HELP },
} as const;
type CommandName = keyof typeof COMMANDS;

/** Exit status for an internal error (a bug), distinct from the documented 0, 1 and 2. */
const EXIT_INTERNAL = 70;

export const VERSION: string = packageJson.version;

export function main(argv: readonly string[], io: CliIo = processIo): number {
  try {
    return dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const prefix = error.command ? `ecs-sandbox ${error.command}` : 'ecs-sandbox';
      io.err(`${prefix}: ${error.message}\nRun "${prefix} --help" for usage.\n`);
      return EXIT.usage;
    }
    io.err(`ecs-sandbox: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.ECS_SANDBOX_DEBUG === '1') io.err(`${error instanceof Error ? error.stack : ''}\n`);
    else io.err('This is a bug in ecs-sandbox. Set ECS_SANDBOX_DEBUG=1 to see the stack trace.\n');
    return EXIT_INTERNAL;
  }
}

function dispatch(argv: readonly string[], io: CliIo): number {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(PROGRAM_HELP);
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h') {
    io.out(PROGRAM_HELP);
    return EXIT.ok;
  }
  if (first === '--version' || first === '-V') {
    io.out(`ecs-sandbox ${VERSION}\n`);
    return EXIT.ok;
  }
  if (first === 'help') return helpFor(rest[0], io);
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first}; options come after the command, e.g. "ecs-sandbox run file.yaml --json"`);
  if (!isCommand(first)) {
    const suggestion = closestMatch(first, Object.keys(COMMANDS));
    throw new UsageError(`unknown command "${first}"` + (suggestion ? ` — did you mean "${suggestion}"?` : '; the commands are run, validate, check and bench'));
  }
  const command = COMMANDS[first];
  return command.handler(rest, io, command.help);
}

function helpFor(name: string | undefined, io: CliIo): number {
  if (name === undefined) {
    io.out(PROGRAM_HELP);
    return EXIT.ok;
  }
  if (!isCommand(name)) throw new UsageError(`no help for "${name}": the commands are run, validate, check and bench`);
  io.out(COMMANDS[name].help);
  return EXIT.ok;
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
