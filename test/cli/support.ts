/**
 * Helpers for the CLI tests: run `main` in-process with captured output, and write throw-away
 * input files into a temporary directory.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, against the real file system, with `env` as its environment. */
export function runCli(argv: readonly string[], env: Record<string, string | undefined> = {}): CliRun {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    readFile: (path) => readFileSync(path, 'utf8'),
    env,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory; `write(name, text)` puts a file in it and returns its path. */
export function scratchDir(): { dir: string; write(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-sandbox-cli-'));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

export const VALID_TASK_DEFINITION = {
  family: 'web',
  containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', memory: 512, portMappings: [{ containerPort: 80 }] }],
};
