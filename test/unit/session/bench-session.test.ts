// Proves the session half of `ecs-sandbox bench timeline` (one virtual hour, two runs, so it is
// quick): the busy session records through the learning session with capacity.yaml's lesson
// observing, and undo, redo and the jumps come back to the same snapshot. (The figure itself is
// measured by the command / bench/timeline.mjs, not asserted: timings flake on shared machines.)
import { describe, expect, it } from 'vitest';
import { benchSession } from '../../../cli/bench-timeline.ts';

describe('bench timeline, through the session', () => {
  it('records the busy session with the lesson and measures undo, redo and the jumps', () => {
    const result = benchSession({ minutes: 60, runs: 2 });
    expect(result.problems).toEqual([]);
    expect(result.commands).toBe(17);
    expect(result.lessonSteps).toBeGreaterThan(0);
    expect(result.undoMs).toBeGreaterThan(0);
    expect(result.jumpBackMs).toBeGreaterThan(0);
  }, 60_000);
});
