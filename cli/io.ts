/**
 * What the CLI needs from the outside world, passed in so that tests can run `main` in-process
 * with captured output and the real file system.
 */
import { readFileSync } from 'node:fs';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads a UTF-8 file; throws Node's errno errors (ENOENT, EISDIR, EACCES, …). */
  readFile(path: string): string;
  env: Record<string, string | undefined>;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  env: process.env,
};

/** "no such file", "is a directory", … for a file that cannot be read. */
export function describeReadError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Editors on Windows may save UTF-8 with a byte order mark; neither YAML nor JSON wants it. */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
