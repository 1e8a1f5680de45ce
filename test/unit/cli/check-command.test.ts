// `ecs-sandbox check`: per file ✓/✗ with each attempt's objectives and located problems, --json,
// the closing line, exit 1 on any failure and 2 for an unreadable file, and bad input (schema error,
// unknown action, unknown predicate field, YAML error) named with file, line and problem.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../../cli/support.ts';

const FIXTURES = 'test/fixtures/scenarios';
const fixture = (name: string) => `${FIXTURES}/${name}.yaml`;

describe('ecs-sandbox check', () => {
  it('passes a good scenario: its solution meets every objective, its anti-solution fails what it must', () => {
    const run = runCli(['check', fixture('good')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`✓ ${fixture('good')} (fixture-good)`);
    expect(lines[1]).toBe('  ✓ solution (1m virtual): ✓ web-registered  ✓ two-running');
    expect(lines[2]).toBe("  ✓ anti-solution 'one task' (1m virtual): ✓ web-registered  ✗ two-running");
    expect(lines[3]).toMatch(/^1 scenario checked: 1 passed, 0 failed \(\d+\.\d s\)$/);
  });

  it('fails a solution that is refused a step and leaves an objective unmet, saying where and why', () => {
    const run = runCli(['check', fixture('solution-fails')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✗ ${fixture('solution-fails')} (fixture-solution-fails)`);
    expect(run.stdout).toContain('  ✗ solution (1m virtual): ✗ three-running');
    expect(run.stdout).toContain(`    ${fixture('solution-fails')}:18:5: solution step 2 (ecs:RunTask) was refused: ClusterNotFoundException: Cluster not found.`);
    expect(run.stdout).toContain(
      `    ${fixture('solution-fails')}:13:9: objective three-running (step run) is not met at the end of the solution: Expected at least 3 RUNNING tasks of family web; found 1. (expected ≥ 3, actual 1)`,
    );
    expect(run.stdout).toMatch(/1 scenario checked: 0 passed, 1 failed/);
  });

  it('fails an anti-solution that meets an objective it must fail', () => {
    const run = runCli(['check', fixture('anti-solution-passes')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`    ${fixture('anti-solution-passes')}:22:16: anti-solution 'static host port': objective web-registered passed but must fail`);
  });

  it('refuses a file with a schema error before replaying anything: unknown action, unknown predicate field', () => {
    const run = runCli(['check', fixture('schema-error')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        `✗ ${fixture('schema-error')}`,
        `    ${fixture('schema-error')}:7:5: unknown action "ecs:RunTasks" — did you mean "ecs:RunTask"?`,
        `    ${fixture('schema-error')}:15:45: tasks[].lastStatu: no such field; did you mean lastStatus?`,
        '',
      ].join('\n') + run.stdout.split('\n').at(-2) + '\n',
    );
    expect(run.stdout).not.toContain('solution');
  });

  it('names the line of a YAML error', () => {
    const run = runCli(['check', fixture('yaml-error')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`${fixture('yaml-error')}:3:1: invalid YAML`));
  });

  it('says which file cannot be read, checks the others, and exits 2', () => {
    const run = runCli(['check', `${FIXTURES}/missing.yaml`, fixture('good')]);
    expect(run.stderr).toBe(`ecs-sandbox check: cannot read ${FIXTURES}/missing.yaml: no such file\n`);
    expect(run.stdout).toContain(`✓ ${fixture('good')}`);
    expect(run.code).toBe(2);
  });

  it('checks a course file against the scenarios beside it', () => {
    const run = runCli(['check', `${FIXTURES}/course.yaml`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${FIXTURES}/course.yaml:6:55: sequence lists "fixture-nope", which is no scenario's id — did you mean "fixture-good"?`);
    expect(run.stdout).toContain(`scenario "fixture-anti-solution-passes" (${FIXTURES}/anti-solution-passes.yaml) is in no sequence of the course`);
    // A scenario file with problems of its own still has its id, for the course.
    expect(run.stdout).toContain(`scenario "fixture-schema-error" (${FIXTURES}/schema-error.yaml) is in no sequence of the course`);
    expect(run.stdout).toContain('no scenario of the course covers the topic spot (Fargate Spot and Spot interruptions)');
    expect(run.stdout).toMatch(new RegExp(`0 scenarios checked: 0 passed, 0 failed; ${FIXTURES}/course.yaml failed \\(\\d+ problems\\)`));
  });

  it('--json prints one object with every report', () => {
    const run = runCli(['check', fixture('good'), fixture('anti-solution-passes'), '--json']);
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({ ok: false, passed: 1, failed: 1 });
    expect(output.reports.map((report: { file: string; ok: boolean }) => [report.file, report.ok])).toEqual([
      [fixture('good'), true],
      [fixture('anti-solution-passes'), false],
    ]);
    expect(output.reports[0].solution.objectives).toEqual([
      { id: 'web-registered', stepId: 'register', passed: true, sentence: 'Found a task definition of family web.' },
      expect.objectContaining({ id: 'two-running', stepId: 'run', passed: true }),
    ]);
  });

  it('passes a free sandbox (no objectives) on its parse alone, and fails objectives without a solution', () => {
    const scratch = scratchDir();
    const free = scratch.write('free.yaml', 'id: free\ntitle: Free\nsetup:\n  - ecs:CreateCluster: {clusterName: demo}\n');
    const noSolution = scratch.write(
      'no-solution.yaml',
      'id: no-solution\ntitle: No solution\nsetup: []\nsteps:\n  - id: s\n    title: S\n    instructions: S\n    objectives:\n      - {id: o, title: O, check: {exists: {of: clusters}}}\n',
    );
    const run = runCli(['check', free, noSolution]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✓ ${free} (free)\n`);
    expect(run.stdout).toContain(`✗ ${noSolution} (no-solution)\n    ${noSolution}:4:1: the scenario has objectives but no solution`);
  });

  it('reports a scripted event the engine refused during the solution', () => {
    const scratch = scratchDir();
    const file = scratch.write(
      'event.yaml',
      [
        'id: event',
        'title: Event',
        'setup:',
        '  - ecs:CreateCluster: {clusterName: demo}',
        'events:',
        '  - at: 1m',
        '    do: {sim:SetTraffic: {cluster: demo, service: nope, requestsPerSecond: 10}}',
        'steps:',
        '  - id: s',
        '    title: S',
        '    instructions: S',
        '    objectives:',
        '      - {id: o, title: O, check: {exists: {of: clusters}}}',
        'solution:',
        '  - wait: 2m',
        '',
      ].join('\n'),
    );
    const run = runCli(['check', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`    ${file}:6:3: Scripted event 1 \\(sim:SetTraffic at 1m\\) was refused: \\w+: `));
  });

  it('proves a prediction gets revealed: one the solution never reveals is a problem', () => {
    const scratch = scratchDir();
    const file = scratch.write(
      'predict.yaml',
      [
        'id: predict',
        'title: Predict',
        'setup:',
        '  - ecs:CreateCluster: {clusterName: demo}',
        '  - sim:AddContainerInstances: {cluster: demo, instanceType: m5.large, count: 2, availabilityZones: [us-east-1a, us-east-1b]}',
        '  - ecs:RegisterTaskDefinition: {family: web, containerDefinitions: [{name: web, image: nginx, memory: 256}]}',
        'steps:',
        '  - id: s',
        '    title: S',
        '    instructions: S',
        '    objectives:',
        '      - {id: next-three, title: Where will three land, check: {predict: {of: tasks, where: {family: web}, next: 3, by: availabilityZone}}}',
        'solution:',
        '  - ecs:RunTask: {cluster: demo, taskDefinition: web, count: 2}',
        '',
      ].join('\n'),
    );
    const run = runCli(['check', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  ✗ solution (0s virtual): ✗ next-three');
    expect(run.stdout).toContain(`    ${file}:12:9: objective next-three (step s) is not met at the end of the solution: `);
    // Three tasks: revealed, and answered with the truth by check.
    const three = scratch.write('predict3.yaml', readFileSync(file, 'utf8').replace('count: 2}', 'count: 3}'));
    expect(runCli(['check', three]).code).toBe(0);
  });

  it('without files checks every scenarios/*.yaml and the course', () => {
    const run = runCli(['check', '--help']);
    expect(run.stdout).toContain('Without files: every scenarios/*.yaml of the working directory, then scenarios/course.yaml.');
    expect(runCli(['help', 'check']).code).toBe(0);
    expect(runCli(['--help']).stdout).toContain('check      replay scenarios');
  });
});
