// The playback controller drives the worker's session as it drove a bare engine: stepping and
// playing at 'max' move on even when a timer is due at the current instant (a command scheduled
// it), although the timeline treats advance(0) as no time at all. A regression here froze the
// clock at 'max' after such a command.
import { describe, expect, it } from 'vitest';
import { PlaybackController, type PlaybackClock } from '../../../workers/playback.ts';
import { scenario, start } from './helpers.ts';

/** CreateService schedules the service scheduler's first run at the current instant. */
const createService = { 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 2 } };

function fakeClock() {
  let time = 0;
  let queue: { at: number; fn: () => void }[] = [];
  const clock: PlaybackClock = {
    now: () => time,
    schedule: (fn, delayMs) => {
      const entry = { at: time + delayMs, fn };
      queue.push(entry);
      return () => {
        queue = queue.filter((queued) => queued !== entry);
      };
    },
  };
  return {
    clock,
    /** Runs due callbacks; each takes `costMs` of real time (the work a slice does). */
    run(ms: number, costMs = 1) {
      const end = time + ms;
      for (;;) {
        queue.sort((a, b) => a.at - b.at);
        const next = queue[0];
        if (next === undefined || next.at > end) break;
        queue.shift();
        time = Math.max(time, next.at);
        next.fn();
        time += costMs;
      }
      time = Math.max(time, end);
    },
  };
}

describe('playback over the session', () => {
  it('step fires a timer due now by moving on a millisecond', () => {
    const session = start(scenario('step-now'));
    const playback = new PlaybackController(session, fakeClock().clock);
    session.runLearnerStep(createService);
    const now = session.snapshot().time;
    expect(session.nextTimerAt()).toBe(now);
    expect(session.snapshot().tasks).toHaveLength(0);
    playback.step();
    expect(session.snapshot().time).toBe(now + 1);
    expect(session.snapshot().tasks).toHaveLength(2); // the scheduler ran: the tasks are placed
  });

  it("keeps running at 'max' after a command that leaves a timer due now", () => {
    const { clock, run } = fakeClock();
    const session = start(scenario('max-now'));
    const playback = new PlaybackController(session, clock);
    playback.setSpeed('max');
    playback.play();
    run(200);
    session.runLearnerStep(createService);
    const at = session.snapshot().time;
    expect(session.nextTimerAt()).toBe(at);
    run(500);
    playback.pause();
    expect(session.snapshot().time).toBeGreaterThan(at + 10_000);
    expect(session.snapshot().tasks.filter((task) => task.lastStatus === 'RUNNING')).toHaveLength(2);
  });
});
