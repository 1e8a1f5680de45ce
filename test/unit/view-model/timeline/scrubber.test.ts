// The scrubber's view model: slider bounds, command marks as fractions of the span, the value
// text a screen reader says, and the latest-wins throttle that keeps a drag from queuing jumps.
import { describe, expect, it } from 'vitest';
import type { TimelineState } from '../../../../workers/protocol.ts';
import { latestWins, scrubberStepMs, scrubberValueText, scrubberView } from '../../../../src/lib/view-model/timeline/scrubber.ts';

const timeline = (over: Partial<TimelineState> = {}): TimelineState => ({
  startMs: 60_000,
  endMs: 660_000,
  nowMs: 660_000,
  inPast: false,
  canUndo: true,
  canRedo: false,
  commands: 2,
  commandTimes: [60_000, 360_000],
  ...over,
});

describe('scrubber view', () => {
  it('is null without a session', () => {
    expect(scrubberView(null)).toBeNull();
  });

  it('spans the setup end to the run end, marks at the commands', () => {
    const view = scrubberView(timeline())!;
    expect([view.minMs, view.maxMs, view.valueMs]).toEqual([60_000, 660_000, 660_000]);
    // 360 000 − 60 000 = 300 000 of a 600 000 span → half way
    expect(view.marks.map((m) => m.fraction)).toEqual([0, 0.5]);
    expect(view.stepMs).toBe(6000); // 600 s / 100 steps
    expect(view.empty).toBe(false);
  });

  it('says the present, or the past with where the run reached', () => {
    expect(scrubberView(timeline())!.valueText).toBe('+00:11:00, the present');
    const past = scrubberView(timeline({ nowMs: 120_000, inPast: true, canRedo: true }))!;
    expect(past.inPast).toBe(true);
    expect(past.valueText).toBe('+00:02:00, in the past (the run reached +00:11:00)');
    expect(scrubberValueText(90_500, { endMs: 660_000, inPast: true })).toContain('+00:01:30');
  });

  it('is disabled when nothing happened after the setup', () => {
    const view = scrubberView(timeline({ endMs: 60_000, nowMs: 60_000, commandTimes: [] }))!;
    expect(view.empty).toBe(true);
    expect(view.marks).toEqual([]);
  });

  it('steps by whole seconds, at least one', () => {
    expect(scrubberStepMs(0)).toBe(1000);
    expect(scrubberStepMs(7_200_000)).toBe(72_000);
    expect(scrubberStepMs(150_000)).toBe(2000); // 1 500 ms rounds to 2 s
  });
});

describe('latestWins', () => {
  it('runs one at a time and only the newest value asked meanwhile', async () => {
    const ran: number[] = [];
    const gates: (() => void)[] = [];
    const jump = latestWins((v: number) => {
      ran.push(v);
      return new Promise<void>((resolve) => gates.push(resolve));
    });
    jump(1);
    jump(2);
    jump(3);
    expect(ran).toEqual([1]);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual([1, 3]);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    jump(4);
    expect(ran).toEqual([1, 3, 4]);
  });

  it('goes on after a failed call', async () => {
    const ran: number[] = [];
    const jump = latestWins(async (v: number) => {
      ran.push(v);
      if (v === 1) throw new Error('lost');
    });
    jump(1);
    jump(2);
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual([1, 2]);
  });
});
