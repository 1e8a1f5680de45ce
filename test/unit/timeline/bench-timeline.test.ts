// Proves `ecs-sandbox bench timeline` (in-process, one virtual hour and two runs so it is quick):
// the session records, undo/redo and the jumps come back to the same snapshot, and the --json form
// carries the figures. (The figure itself is measured by the command / bench/timeline.mjs, not
// asserted here: timings flake on shared machines.)
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../cli/args.ts';
import { benchCommand } from '../../../cli/bench-command.ts';
import { benchTimeline, timelineCommand } from '../../../cli/bench-timeline.ts';

describe('bench timeline', () => {
  it('records a busy session and measures undo and a jump back against the naive replay', () => {
    const result = benchTimeline({ minutes: 60, runs: 2 });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.commands).toBe(15);
    expect(result.naiveJumpBackMs).toBeGreaterThan(0);
    expect(result.logJsonBytes).toBeGreaterThan(result.logGzipBytes);
  }, 60_000);

  it('is reached through `bench timeline`, --json gives one object with the budgets', () => {
    let out = '';
    const code = benchCommand(['timeline', '--hours', '1', '--runs', '1', '--json'], { out: (s: string) => (out += s), err: () => {} } as never, 'help');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ name: 'timeline', minutes: 60, runs: 1, ok: true, budgets: { undoMs: 200, jumpBackMs: 200 }, withinBudget: true });
  }, 60_000);

  it('refuses options that do not apply', () => {
    expect(() => timelineCommand(new Map([['--tasks', '5']]), { out: () => {}, err: () => {} } as never)).toThrow(UsageError);
    expect(() => timelineCommand(new Map([['--hours', '0']]), { out: () => {}, err: () => {} } as never)).toThrow(UsageError);
  });
});
