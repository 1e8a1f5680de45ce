// Proves `ecs-sandbox bench placement` (in-process, on a small cluster so it is quick): the report
// and its --json form carry every figure issue 4 names, usage mistakes are exit 2 with a message,
// and the budgets are judged only at the scale. (The figures themselves are measured by
// `npx ecs-sandbox bench placement`, not asserted here: timings flake on shared machines.)
import { describe, expect, it } from 'vitest';
import { runCli } from './support.ts';

describe('ecs-sandbox bench placement', () => {
  it('--json gives one object with the throughput, the per-placement costs and the explain times', () => {
    const { code, stdout } = runCli(['bench', 'placement', '--instances', '60', '--tasks', '100', '--runs', '1', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ name: 'placement', instances: 60, tasks: 100, runs: 1, withinBudget: true, budgets: { placeMs: 500, explainMs: 5 } });
    expect(result.placementsPerSecond).toBeGreaterThan(0);
    expect(result.perPlacementUs.map((p: { instances: number }) => p.instances)).toEqual([60, 60]);
    expect(result.explainLastDecisionMs).toBeGreaterThan(0);
  });

  it('prints a readable report, saying budgets apply at 5,000 × 5,000', () => {
    const { code, stdout, stderr } = runCli(['bench', 'placement', '--instances', '30', '--tasks', '50', '--runs', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^placement benchmark — medians of 1 runs\n {2}50 tasks onto 30 instances in 3 AZs/);
    expect(stdout).toContain('(budgets apply at 5,000 instances and 5,000 tasks)');
    expect(stderr).toContain('Building a 30-instance cluster');
  });

  it.each([
    [['bench'], 'bench needs what to measure'],
    [['bench', 'tasks'], 'there is no benchmark "tasks"'],
    [['bench', 'placement', '--instances', '0'], '--instances must be a whole number from 1 to 5000, not "0"'],
    [['bench', 'placement', '--runs', 'many'], '--runs must be a whole number'],
    [['bench', 'placement', '--instance', '5'], 'unknown option --instance'],
  ])('%j → exit 2', (argv, message) => {
    const { code, stderr } = runCli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('--help explains the budgets', () => {
    const { code, stdout } = runCli(['bench', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('budget at 5,000 × 5,000: ≤ 500 ms');
  });
});
