// Proves virtual time: timers fire in (due time, scheduling order), each with `now` at its own due
// time, timers scheduled while firing are honoured within the window, cancelled timers never fire,
// and the clock works as xstate's Clock.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../workers/engine/clock.ts';

describe('VirtualClock', () => {
  it('fires due timers in order, with now set to each due time, and ends at the target', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.schedule(300, () => fired.push(`c@${clock.now}`));
    clock.schedule(100, () => fired.push(`a@${clock.now}`));
    clock.schedule(100, () => fired.push(`b@${clock.now}`)); // same time as a, scheduled later → after a
    clock.schedule(1000, () => fired.push(`late@${clock.now}`));
    clock.advance(500);
    expect(fired).toEqual(['a@100', 'b@100', 'c@300']);
    expect(clock.now).toBe(500);
    expect(clock.nextTimerAt()).toBe(1000);
  });

  it('fires timers scheduled while firing when they fall inside the window', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.schedule(10, () => {
      fired.push(clock.now);
      clock.setTimeout(() => fired.push(clock.now), 5);
      clock.setTimeout(() => fired.push(clock.now), 50);
    });
    clock.advance(20);
    expect(fired).toEqual([10, 15]);
    clock.advance(40);
    expect(fired).toEqual([10, 15, 60]);
  });

  it('never fires a cancelled timer and reports no next timer once all are gone', () => {
    const clock = new VirtualClock();
    let fired = false;
    const id = clock.setTimeout(() => (fired = true), 100);
    expect(clock.nextTimerAt()).toBe(100);
    clock.clearTimeout(id);
    expect(clock.nextTimerAt()).toBeNull();
    clock.advance(1000);
    expect(fired).toBe(false);
  });

  it('many small advances fire exactly what one big advance fires', () => {
    const run = (steps: number[]): string[] => {
      const clock = new VirtualClock();
      const log: string[] = [];
      const tick = (n: number): void => {
        log.push(`${n}@${clock.now}`);
        if (n < 20) clock.setTimeout(() => tick(n + 1), 250);
      };
      clock.setTimeout(() => tick(0), 0);
      for (const step of steps) clock.advance(step);
      return log;
    };
    expect(run(Array(100).fill(70))).toEqual(run([7000]));
  });

  it('keeps 10 000 timers in order (heap)', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const due = (i * 7919) % 10_007;
      clock.schedule(due, () => fired.push(due));
    }
    clock.advance(20_000);
    expect(fired.length).toBe(10_000);
    expect(fired.every((due, i) => i === 0 || due >= fired[i - 1]!)).toBe(true);
  });
});
