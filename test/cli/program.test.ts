// Proves the program-level behaviour of the CLI (in-process): --help, --version, `help <command>`,
// unknown commands and options with "did you mean", no arguments → usage on stderr with exit 2,
// and an internal error reported as such, with its stack only when ECS_SANDBOX_DEBUG=1.
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { main } from '../../cli/main.ts';
import { runCli } from './support.ts';

describe('ecs-sandbox (program)', () => {
  it('--help and -h print the program help, exit 0', () => {
    for (const flag of ['--help', '-h', 'help']) {
      const { code, stdout, stderr } = runCli([flag]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('ecs-sandbox run <file.yaml|file.json> [--seed N] [--json]');
      expect(stdout).toContain('ecs-sandbox validate <taskdef.json>... [--json]');
    }
  });

  it('--version prints the package version', () => {
    expect(runCli(['--version'])).toEqual({ code: 0, stdout: `ecs-sandbox ${packageJson.version}\n`, stderr: '' });
  });

  it('no arguments: the help on stderr, exit 2', () => {
    const { code, stdout, stderr } = runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage:');
  });

  it.each([
    [['rn', 'x.yaml'], 'ecs-sandbox: unknown command "rn" — did you mean "run"?'],
    [['validat'], 'ecs-sandbox: unknown command "validat" — did you mean "validate"?'],
    [['deploy'], 'ecs-sandbox: unknown command "deploy"; the commands are run, validate, check and bench'],
    [['--json'], 'ecs-sandbox: unknown option --json; options come after the command'],
    [['help', 'deploy'], 'ecs-sandbox: no help for "deploy"'],
  ])('%j → exit 2 with a message', (argv, message) => {
    const { code, stderr } = runCli(argv);
    expect(code).toBe(2);
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr).toContain('Run "ecs-sandbox --help" for usage.');
  });

  it('reports an internal error without a stack trace, unless ECS_SANDBOX_DEBUG=1', () => {
    // A failing stdout is not a user mistake: it stands in here for any unexpected exception.
    const run = (env: Record<string, string | undefined>) => {
      let stderr = '';
      const code = main(['--version'], {
        out: () => {
          throw new TypeError('something broke');
        },
        err: (text) => {
          stderr += text;
        },
        readFile: () => '',
        env,
      });
      return { code, stderr };
    };
    expect(run({})).toEqual({
      code: 70,
      stderr: 'ecs-sandbox: internal error: something broke\nThis is a bug in ecs-sandbox. Set ECS_SANDBOX_DEBUG=1 to see the stack trace.\n',
    });
    const debug = run({ ECS_SANDBOX_DEBUG: '1' });
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/internal error: something broke\nTypeError: something broke\n\s+at /);
  });
});
