// Proves `ecs-sandbox bench services` (in-process, at a small scale so it is quick): the --json form
// carries the median wall and CPU time, the ×real-time factor and the end-state verdict; the run ends
// with every service steady on revision 2 after its two rolling deployments; usage mistakes are exit 2.
// (The figure itself — 100 instances, 1,000 tasks, 24 h in ≤ 3 s — is measured by
// `npx ecs-sandbox bench services` / bench/services.mjs, not asserted here: timings flake on shared machines.)
import { describe, expect, it } from 'vitest';
import { runCli } from './support.ts';

describe('ecs-sandbox bench services', () => {
  it('--json: a small day ends steady, with the figures', () => {
    const { code, stdout } = runCli(['bench', 'services', '--instances', '4', '--tasks', '20', '--hours', '1', '--runs', '1', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ name: 'services', instances: 4, tasks: 20, services: 1, hours: 1, runs: 1, allSteady: true, withinBudget: true, budgets: { wallMs: 3000 } });
    expect(result.wallMs).toBeGreaterThan(0);
    expect(result.cpuMs).toBeGreaterThan(0);
    expect(result.realTimeFactor).toBeGreaterThan(0);
    expect(result.perRun[0]).toMatchObject({ steady: true, problems: [], healthyTargets: 20 });
  });

  it('prints a readable report, saying where the budget applies', () => {
    const { code, stdout, stderr } = runCli(['bench', 'services', '--instances', '2', '--tasks', '4', '--hours', '1', '--runs', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^services benchmark — median of 1 runs\n {2}1 virtual hours, 4 tasks in 1 services on 2 instances behind one ALB/);
    expect(stdout).toContain('(the budget applies at 100 instances, 1,000 tasks and 24 hours)');
    expect(stderr).toContain('Simulating 1 virtual hours of 4 service tasks on 2 instances');
  });

  it.each([
    [['bench', 'services', '--hours', '0'], '--hours must be a whole number from 1 to 168, not "0"'],
    [['bench', 'placement', '--hours', '2'], '--hours applies to "bench services" only'],
    [['bench', 'service'], 'there is no benchmark "service": the benchmarks are "placement", "services", "capacity"'],
  ])('%j → exit 2', (argv, message) => {
    const { code, stderr } = runCli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
