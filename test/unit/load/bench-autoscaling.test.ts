// Proves `ecs-sandbox bench autoscaling` (in-process, a few virtual hours so it is quick): 20 services
// with traffic, target tracking and scheduled actions scale, and the --json form carries the figures.
// (The figure itself — a 7-day week in ≤ 5 s — is measured by `ecs-sandbox bench autoscaling` /
// bench/autoscaling.mjs, not asserted here: timings flake on shared machines.)
import { describe, expect, it } from 'vitest';
import { autoscalingCommand, benchAutoscaling } from '../../../cli/bench-autoscaling.ts';
import { UsageError } from '../../../cli/args.ts';

describe('bench autoscaling', () => {
  it('builds 20 services that scale with their traffic and schedules', () => {
    const result = benchAutoscaling({ services: 20, hours: 4, runs: 1, seed: 1 });
    expect(result.scaling).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.activities).toBeGreaterThan(0);
    expect(result.perRun[0]!.runningAtEnd).toBeGreaterThanOrEqual(20);
    expect(result.wallMs).toBeGreaterThan(0);
  }, 60_000);

  it('--json gives one object with the figures and the budget', () => {
    let out = '';
    const code = autoscalingCommand(new Map<string, string | true>([['--hours', '2'], ['--runs', '1'], ['--json', true]]), { out: (s: string) => (out += s), err: () => {} } as never);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ name: 'autoscaling', services: 20, hours: 2, runs: 1, scaling: true, budgets: { wallMs: 5000 }, withinBudget: true });
  }, 60_000);

  it('refuses options that do not apply', () => {
    expect(() => autoscalingCommand(new Map([['--tasks', '5']]), { out: () => {}, err: () => {} } as never)).toThrow(UsageError);
  });
});
