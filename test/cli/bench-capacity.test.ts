// Proves `ecs-sandbox bench capacity` (in-process, at a small scale so it is quick): from 0 instances a
// service on a capacity provider with managed scaling reaches steady state within the hour, in at
// least one scale-out step, and the --json form carries the minutes, steps and timings. (The figure
// itself — 200 tasks, one hour in ≤ 1 s — is measured by `npx ecs-sandbox bench capacity` /
// bench/capacity.mjs, not asserted here: timings flake on shared machines.)
import { describe, expect, it } from 'vitest';
import { runCli } from './support.ts';

describe('ecs-sandbox bench capacity', () => {
  it('--json: a small service reaches steady state from 0 instances, with the figures', () => {
    const { code, stdout, stderr } = runCli(['bench', 'capacity', '--tasks', '20', '--runs', '1', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ name: 'capacity', tasks: 20, minutes: 60, runs: 1, allSteady: true, withinBudget: true, budgets: { wallMs: 1000 } });
    expect(result.steadyAfterMinutes).toBeGreaterThan(1);
    expect(result.steadyAfterMinutes).toBeLessThan(30);
    expect(result.scaleOutSteps).toBeGreaterThanOrEqual(1);
    expect(result.perRun[0].desiredByMinute).toHaveLength(60);
    expect(result.perRun[0].runningAtEnd).toBe(20);
  });

  it.each([
    [['bench', 'capacity', '--hours', '2'], 'bench capacity takes --tasks, --zones, --runs, --seed and --json'],
    [['bench', 'capacity', '--tasks', '0'], '--tasks must be a whole number from 1 to 2000, not "0"'],
  ])('%j → exit 2', (argv, message) => {
    const { code, stderr } = runCli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
