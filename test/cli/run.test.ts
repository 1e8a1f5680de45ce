// Proves `ecs-sandbox run` (called in-process through main): the default scenario succeeds with
// three RUNNING tasks; --json prints exactly one JSON object (the snapshot plus one response per
// step); the same seed gives identical output and another --seed other ARNs; failed steps and bad
// files give exit 1 with file:line:col messages; usage mistakes give exit 2 and no stack trace.
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './support.ts';

const SANDBOX = 'scenarios/sandbox.yaml';

describe('ecs-sandbox run', () => {
  it('prints one JSON object: the snapshot and one response per step, all succeeded', () => {
    const { code, stdout, stderr } = runCli(['run', SANDBOX, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual(expect.arrayContaining(['time', 'seed', 'clusters', 'containerInstances', 'taskDefinitions', 'tasks', 'services', 'events', 'responses']));
    expect(output.seed).toBe(42);
    expect(output.time).toBe(30_000);
    expect(output.responses).toHaveLength(6);
    expect(output.responses.map((result: { step: number; action: string }) => [result.step, result.action])).toEqual([
      [1, 'ecs:CreateCluster'],
      [2, 'sim:AddContainerInstances'],
      [3, 'sim:AddContainerInstances'],
      [4, 'ecs:RegisterTaskDefinition'],
      [5, 'ecs:RunTask'],
      [6, 'wait'],
    ]);
    for (const result of output.responses) expect(result).toHaveProperty('response');
    expect(output.tasks.map((task: { lastStatus: string }) => task.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(output.containerInstances).toHaveLength(6);
  });

  it('is deterministic: the same seed twice gives identical output', () => {
    const first = runCli(['run', SANDBOX, '--json']);
    const second = runCli(['run', SANDBOX, '--json']);
    expect(second.stdout).toBe(first.stdout);
  });

  it('--seed overrides the file: other ARNs, same shape', () => {
    const base = JSON.parse(runCli(['run', SANDBOX, '--json']).stdout);
    const other = JSON.parse(runCli(['run', SANDBOX, '--json', '--seed', '7']).stdout);
    const again = JSON.parse(runCli(['run', SANDBOX, '--seed=7', '--json']).stdout);
    expect(other.seed).toBe(7);
    const arns = (output: { tasks: { taskArn: string }[] }) => output.tasks.map((task) => task.taskArn);
    expect(arns(other)).not.toEqual(arns(base));
    expect(arns(again)).toEqual(arns(other));
    expect(other.tasks).toHaveLength(3);
  });

  it('prints a readable summary without --json', () => {
    const { code, stdout } = runCli(['run', SANDBOX]);
    expect(code).toBe(0);
    expect(stdout).toContain('Scenario sandbox: Sandbox: a small EC2 cluster');
    expect(stdout).toContain('Seed 42, virtual time 30s, 6 steps applied, 0 failed');
    expect(stdout).toMatch(/Container instances .*\n\s+INSTANCE\s+CLUSTER\s+AZ\s+TYPE\s+STATUS\s+CPU\s+MEMORY\s+TASKS/);
    expect(stdout).toMatch(/i-[0-9a-f]{17}\s+demo\s+us-east-1a\s+m5\.large\s+ACTIVE/);
    expect(stdout.match(/web:1\s+RUNNING/g)).toHaveLength(3);
    expect(stdout).toMatch(/\d+->80\/tcp/);
    expect(stdout).toContain('events');
  });

  it('runs a bare list of steps, and exits 1 when a step fails, still printing the state', () => {
    const { write } = scratchDir();
    const file = write('steps.yaml', '- ecs:CreateCluster: {clusterName: demo}\n- ecs:RunTask: {cluster: nowhere, taskDefinition: web}\n- wait: 5s\n');
    const json = runCli(['run', file, '--json']);
    expect(json.code).toBe(1);
    const output = JSON.parse(json.stdout);
    expect(output.seed).toBe(1);
    expect(output.responses[1]).toMatchObject({ step: 2, action: 'ecs:RunTask', error: { code: expect.any(String), message: expect.any(String) } });
    const [located, total, end] = json.stderr.split('\n');
    expect(located).toMatch(/:2:3: step 2 \(ecs:RunTask\) failed: \w+: ./);
    expect(located!.startsWith(`${file}:2:3: `)).toBe(true);
    expect([total, end]).toEqual(['ecs-sandbox run: 1 of 3 steps failed', '']);
    const text = runCli(['run', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/Failed steps .*\n\s+step 2 ecs:RunTask: \w+: /);
  });

  it('runs a JSON file (a bare list of steps) the same way', () => {
    const { write } = scratchDir();
    const steps = [{ 'ecs:CreateCluster': { clusterName: 'demo' } }, { 'ecs:ListClusters': {} }, { wait: 90_000 }];
    const file = write('steps.json', JSON.stringify(steps, null, 2));
    const { code, stdout, stderr } = runCli(['run', file, '--json']);
    expect([code, stderr]).toEqual([0, '']);
    const output = JSON.parse(stdout);
    expect(output.time).toBe(90_000);
    expect(output.responses[1]).toEqual({ step: 2, action: 'ecs:ListClusters', response: { clusterArns: ['arn:aws:ecs:us-east-1:123456789012:cluster/demo'] } });
  });

  it('reports every problem of a bad file as file:line:col and runs nothing', () => {
    const { write } = scratchDir();
    const file = write('bad.yaml', 'id: bad\ntitle: Bad\nsetup:\n  - ecs:RunTasks: {cluster: demo}\n  - wait: soon\n');
    const { code, stdout, stderr } = runCli(['run', file, '--json']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      `${file}:4:5: unknown action "ecs:RunTasks" — did you mean "ecs:RunTask"?`,
      `${file}:5:11: wait: "soon" is not a duration: write e.g. "90s", "5m", "2h", "1h30m" or "250ms"`,
      `ecs-sandbox run: ${file} has 2 problems; nothing was run`,
      '',
    ]);
  });

  it('gives a JSON syntax error its line and column', () => {
    const { write } = scratchDir();
    const file = write('bad.json', '[\n  {"wait": "5s"}\n  {"wait": "5s"}\n]\n');
    const { code, stderr } = runCli(['run', file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}:3:3: invalid JSON: expected ',' or ']' after a list item, found '{'`);
  });

  it.each([
    [['run'], 'ecs-sandbox run: run needs a scenario file'],
    [['run', 'a.yaml', 'b.yaml'], 'ecs-sandbox run: run takes one file, not 2: a.yaml b.yaml'],
    [['run', SANDBOX, '--jsn'], 'ecs-sandbox run: unknown option --jsn — did you mean --json?'],
    [['run', SANDBOX, '--seed'], 'ecs-sandbox run: option --seed needs a value'],
    [['run', SANDBOX, '--seed', 'abc'], 'ecs-sandbox run: --seed must be a whole number from 0 to 4294967295, not "abc"'],
    [['run', SANDBOX, '--seed', '-1'], 'ecs-sandbox run: --seed must be a whole number from 0 to 4294967295, not "-1"'],
    [['run', SANDBOX, '--seed', '4294967296'], 'ecs-sandbox run: --seed must be a whole number'],
    [['run', SANDBOX, '--json', '--json'], 'ecs-sandbox run: option --json is given twice'],
  ])('usage error %j → exit 2', (argv, message) => {
    const { code, stdout, stderr } = runCli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr).toContain('Run "ecs-sandbox run --help" for usage.');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names a missing file, exit 2', () => {
    const { code, stderr } = runCli(['run', 'scenarios/no-such-file.yaml']);
    expect(code).toBe(2);
    expect(stderr).toBe('ecs-sandbox run: cannot read scenarios/no-such-file.yaml: no such file\n');
  });

  it('says a directory is not a file, exit 2', () => {
    const { code, stderr } = runCli(['run', 'scenarios']);
    expect(code).toBe(2);
    expect(stderr).toBe('ecs-sandbox run: cannot read scenarios: it is a directory, not a file\n');
  });

  it('prints its help with exit 0', () => {
    for (const argv of [['run', '--help'], ['run', '-h'], ['help', 'run']]) {
      const { code, stdout } = runCli(argv);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: ecs-sandbox run <file.yaml\|file.json> \[--seed N\] \[--json\]/);
      expect(stdout).toContain('Exit status:');
    }
  });
});
