// Proves the installed command end to end, as a user runs it: `node bin/ecs-sandbox.mjs` against
// the bundle that `npm run build:cli` makes (built once here, into a temporary copy of the layout
// so that the repository's build/ is left alone). Real processes, real exit codes, real streams:
// --json prints exactly one JSON object on stdout, same seed → byte-identical stdout, errors go to
// stderr without a stack trace, a closed pipe is not an error, and a missing bundle is explained.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const layout = mkdtempSync(join(tmpdir(), 'ecs-sandbox-bin-'));
const bin = join(layout, 'bin', 'ecs-sandbox.mjs');

function cli(args: string[], options: { shell?: string } = {}) {
  const result = options.shell
    ? spawnSync('sh', ['-c', options.shell], { cwd: root, encoding: 'utf8' })
    : spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  mkdirSync(join(layout, 'bin'));
  copyFileSync(join(root, 'bin', 'ecs-sandbox.mjs'), bin);
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.cli.config.ts', '--outDir', join(layout, 'build'), '--logLevel', 'error'],
    { cwd: root, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`vite build of the CLI failed:\n${build.stdout}\n${build.stderr}`);
}, 60_000);

describe('bin/ecs-sandbox.mjs', () => {
  it('run --json: exactly one JSON object on stdout, nothing on stderr, exit 0', () => {
    const { code, stdout, stderr } = cli(['run', 'scenarios/sandbox.yaml', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout); // throws if there is anything besides one JSON value
    expect(typeof output).toBe('object');
    expect(Array.isArray(output)).toBe(false);
    expect(output.responses).toHaveLength(6);
    expect(output.responses.every((result: object) => 'response' in result)).toBe(true);
    expect(output.tasks.filter((task: { lastStatus: string }) => task.lastStatus === 'RUNNING')).toHaveLength(3);
  });

  it('same seed, separate processes: byte-identical stdout; another seed: other ARNs', () => {
    const first = cli(['run', 'scenarios/sandbox.yaml', '--json']);
    const second = cli(['run', 'scenarios/sandbox.yaml', '--json']);
    expect(second.stdout).toBe(first.stdout);
    const other = cli(['run', 'scenarios/sandbox.yaml', '--json', '--seed', '1234']);
    const arns = (stdout: string) => JSON.parse(stdout).tasks.map((task: { taskArn: string }) => task.taskArn);
    expect(arns(other.stdout)).not.toEqual(arns(first.stdout));
  });

  it('a bad step: file:line:col on stderr, exit 1', () => {
    const { code, stdout, stderr } = cli(['run', 'test/cli/fixtures/bad-step.yaml']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('test/cli/fixtures/bad-step.yaml:9:5: unknown action "ecs:RunTasks" — did you mean "ecs:RunTask"?');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('validate: exit 0, 1, 2', () => {
    expect(cli(['validate', 'test/cli/fixtures/web.json'])).toMatchObject({ code: 0, stdout: 'OK test/cli/fixtures/web.json\n' });
    expect(cli(['validate', 'test/cli/fixtures/web-invalid.json'])).toMatchObject({ code: 1, stdout: expect.stringMatching(/^INVALID test\/cli\/fixtures\/web-invalid.json\n {2}\/\S+: /) });
    expect(cli(['validate', 'nope.json'])).toMatchObject({ code: 2, stderr: 'ecs-sandbox validate: cannot read nope.json: no such file\n' });
  });

  it('unknown flag: usage error on stderr, exit 2', () => {
    expect(cli(['run', 'scenarios/sandbox.yaml', '--verbose'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ecs-sandbox run: unknown option --verbose; the options are --seed, --json, --help\nRun "ecs-sandbox run --help" for usage.\n',
    });
  });

  it('--help and --version', () => {
    expect(cli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage:') });
    expect(cli(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ecs-sandbox \d+\.\d+\.\d+\n$/) });
  });

  it('a reader that closes the pipe early is not an error', () => {
    const { code, stderr } = cli([], { shell: `"${process.execPath}" "${bin}" run scenarios/sandbox.yaml --json | head -c 10 >/dev/null` });
    expect(code).toBe(0);
    expect(stderr).not.toContain('EPIPE');
  });

  it('explains a missing bundle', () => {
    const bare = mkdtempSync(join(tmpdir(), 'ecs-sandbox-nobuild-'));
    mkdirSync(join(bare, 'bin'));
    copyFileSync(bin, join(bare, 'bin', 'ecs-sandbox.mjs'));
    const result = spawnSync(process.execPath, [join(bare, 'bin', 'ecs-sandbox.mjs'), '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('npm run build:cli');
  });
});
