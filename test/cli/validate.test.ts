// Proves `ecs-sandbox validate` (in-process): OK/INVALID lines with one "  <pointer>: <message>"
// per error, the --json form [{file, valid, errors: [{path, code, message}]}], a Describe output
// accepted, JSON syntax errors located by line and column, and the exit codes 0 (all valid),
// 1 (any invalid), 2 (usage error or unreadable file — the other files are still checked).
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir, VALID_TASK_DEFINITION } from './support.ts';

const { write } = scratchDir();
const okFile = write('ok.json', JSON.stringify(VALID_TASK_DEFINITION, null, 2));
const describeFile = write(
  'describe.json',
  JSON.stringify({
    taskDefinition: {
      ...VALID_TASK_DEFINITION,
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
      revision: 3,
      status: 'ACTIVE',
      compatibilities: ['EC2'],
      requiresAttributes: [],
      registeredAt: '2026-01-01T00:00:00.000Z',
      registeredBy: 'arn:aws:iam::123456789012:root',
    },
    tags: [],
  }),
);
const badFile = write('bad.json', JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', memory: 512 }] }));
const brokenFile = write('broken.json', '{\n  "family": "web",\n  "containerDefinitions": [],\n}\n');
const missingFile = `${okFile}.missing`;

describe('ecs-sandbox validate', () => {
  it('OK for a RegisterTaskDefinition input and for a DescribeTaskDefinition output, exit 0', () => {
    expect(runCli(['validate', okFile, describeFile])).toEqual({ code: 0, stdout: `OK ${okFile}\nOK ${describeFile}\n`, stderr: '' });
  });

  it('INVALID with one line per error, exit 1', () => {
    const { code, stdout } = runCli(['validate', okFile, badFile]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`OK ${okFile}`);
    expect(lines[1]).toBe(`INVALID ${badFile}`);
    expect(lines[2]).toMatch(/^ {2}\/containerDefinitions\/0\/image: \S/);
  });

  it('--json: one entry per file with path, code and message', () => {
    const { code, stdout } = runCli(['validate', '--json', okFile, badFile]);
    expect(code).toBe(1);
    const output = JSON.parse(stdout);
    expect(output).toEqual([
      { file: okFile, valid: true, errors: [] },
      { file: badFile, valid: false, errors: expect.arrayContaining([{ path: '/containerDefinitions/0/image', code: expect.any(String), message: expect.any(String) }]) },
    ]);
  });

  it('locates a JSON syntax error', () => {
    const { code, stdout } = runCli(['validate', brokenFile]);
    expect(code).toBe(1);
    expect(stdout).toBe(`INVALID ${brokenFile}\n  (top level): invalid JSON at line 4, column 1: trailing comma before '}' (JSON allows no comma after the last item)\n`);
    const json = JSON.parse(runCli(['validate', brokenFile, '--json']).stdout);
    expect(json[0].errors[0]).toMatchObject({ path: '', code: 'InvalidJSON' });
  });

  it('names an unreadable file on stderr, still checks the others, exit 2', () => {
    const { code, stdout, stderr } = runCli(['validate', missingFile, okFile]);
    expect(code).toBe(2);
    expect(stdout).toBe(`OK ${okFile}\n`);
    expect(stderr).toBe(`ecs-sandbox validate: cannot read ${missingFile}: no such file\n`);
    const json = JSON.parse(runCli(['validate', '--json', missingFile]).stdout);
    expect(json).toEqual([{ file: missingFile, valid: false, errors: [{ path: '', code: 'UnreadableFile', message: 'no such file' }] }]);
  });

  it('usage errors, exit 2', () => {
    expect(runCli(['validate'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('validate needs at least one task definition file') });
    expect(runCli(['validate', okFile, '--jason'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --jason — did you mean --json?') });
    expect(runCli(['validate', okFile, '--seed', '3'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --seed; the options are --json, --help') });
  });

  it('--help, exit 0', () => {
    const { code, stdout } = runCli(['validate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: ecs-sandbox validate <taskdef.json>\.\.\. \[--json\]/);
  });

  it('accepts a file name that starts with a dash after --', () => {
    const { write: writeHere, dir } = scratchDir();
    writeHere('-odd.json', JSON.stringify(VALID_TASK_DEFINITION));
    const { code, stdout } = runCli(['validate', '--', `${dir}/-odd.json`]);
    expect(code).toBe(0);
    expect(stdout).toBe(`OK ${dir}/-odd.json\n`);
  });
});
