/**
 * A small, strict command-line parser (no dependency): known flags only, `--flag value` and
 * `--flag=value`, `--` ends the options. Every mistake becomes a UsageError whose message names
 * the problem and, for a misspelt flag, the flag that was probably meant.
 */
import { closestMatch } from '../workers/engine/text.ts';

export class UsageError extends Error {
  constructor(
    message: string,
    /** The subcommand whose --help to point to, if any. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  /** `--json`; aliases like `-h` map to the same name. */
  name: string;
  aliases?: readonly string[];
  /** Whether the flag takes a value (`--seed 7`). */
  takesValue: boolean;
}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command?: string): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const written = equals > 0 && arg.startsWith('--') ? arg.slice(0, equals) : arg;
    const spec = specs.find((candidate) => candidate.name === written || candidate.aliases?.includes(written));
    if (!spec) throw new UsageError(unknownFlagMessage(written, specs), command);
    if (flags.has(spec.name)) throw new UsageError(`option ${spec.name} is given twice`, command);
    if (!spec.takesValue) {
      if (equals > 0 && arg.startsWith('--')) throw new UsageError(`option ${spec.name} takes no value`, command);
      flags.set(spec.name, true);
      continue;
    }
    const value = equals > 0 && arg.startsWith('--') ? arg.slice(equals + 1) : argv[++index];
    if (value === undefined || value === '') throw new UsageError(`option ${spec.name} needs a value`, command);
    flags.set(spec.name, value);
  }
  return { flags, positionals };
}

function unknownFlagMessage(flag: string, specs: readonly FlagSpec[]): string {
  const names = specs.flatMap((spec) => [spec.name, ...(spec.aliases ?? [])]);
  const suggestion = closestMatch(flag, names);
  return `unknown option ${flag}` + (suggestion ? ` — did you mean ${suggestion}?` : `; the options are ${specs.map((spec) => spec.name).join(', ')}`);
}

/** A bench flag's whole number in [min, max] (`fallback` when the flag is absent); a usage error otherwise. */
export function benchCount(value: string | true | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${value === true ? '' : value}"`, 'bench');
  return n;
}
