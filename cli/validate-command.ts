/**
 * `ecs-sandbox validate <taskdef.json>... [--json]`: check each file as ECS RegisterTaskDefinition
 * would, without registering anything. Every file is checked even when an earlier one is invalid or
 * unreadable. Exit 0 all valid, 1 any invalid, 2 usage error or any unreadable file.
 */
import { validateTaskDefinition } from '../workers/engine/taskdef/index.ts';
import type { ValidationIssue } from '../workers/protocol.ts';
import { positionIn } from '../workers/scenario/document.ts';
import { findJsonSyntaxError } from '../workers/scenario/json-syntax.ts';
import { parseArgs, UsageError } from './args.ts';
import { describeReadError, stripByteOrderMark, type CliIo } from './io.ts';
import { EXIT } from './run-command.ts';

const FLAGS = [
  { name: '--json', takesValue: false },
  { name: '--help', aliases: ['-h'], takesValue: false },
] as const;

/** Sandbox codes for problems found before the task definition rules can run. */
const CODES = { invalidJson: 'InvalidJSON', unreadable: 'UnreadableFile' } as const;

interface FileVerdict {
  file: string;
  valid: boolean;
  errors: ValidationIssue[];
  /** Set when the file could not be read at all (exit 2, not 1). */
  unreadable?: true;
}

export function validateCommand(argv: readonly string[], io: CliIo, help: string): number {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'validate');
  if (flags.has('--help')) {
    io.out(help);
    return EXIT.ok;
  }
  if (positionals.length === 0) {
    throw new UsageError('validate needs at least one task definition file, e.g. "ecs-sandbox validate web.json"', 'validate');
  }
  const verdicts = positionals.map((file) => checkFile(file, io));
  for (const verdict of verdicts) {
    if (verdict.unreadable) io.err(`ecs-sandbox validate: cannot read ${verdict.file}: ${verdict.errors[0]!.message}\n`);
  }
  if (flags.has('--json')) {
    const output = verdicts.map(({ file, valid, errors }) => ({ file, valid, errors: errors.map(({ path, code, message }) => ({ path, code, message })) }));
    io.out(JSON.stringify(output, null, 2) + '\n');
  } else {
    io.out(verdicts.filter((verdict) => !verdict.unreadable).map(formatVerdict).join(''));
  }
  if (verdicts.some((verdict) => verdict.unreadable)) return EXIT.usage;
  return verdicts.every((verdict) => verdict.valid) ? EXIT.ok : EXIT.failed;
}

function checkFile(file: string, io: CliIo): FileVerdict {
  let text: string;
  try {
    text = stripByteOrderMark(io.readFile(file));
  } catch (error) {
    return { file, valid: false, unreadable: true, errors: [{ path: '', code: CODES.unreadable, message: describeReadError(error) }] };
  }
  const syntaxError = findJsonSyntaxError(text);
  if (syntaxError) {
    const { line, column } = positionIn(text, syntaxError.offset);
    const message = `invalid JSON at line ${line}, column ${column}: ${syntaxError.message}`;
    return { file, valid: false, errors: [{ path: '', code: CODES.invalidJson, message }] };
  }
  const result = validateTaskDefinition(JSON.parse(text));
  return { file, valid: result.valid, errors: result.errors };
}

function formatVerdict(verdict: FileVerdict): string {
  const head = `${verdict.valid ? 'OK' : 'INVALID'} ${verdict.file}\n`;
  return head + verdict.errors.map((error) => `  ${error.path === '' ? '(top level)' : error.path}: ${error.message}\n`).join('');
}
