// Proves the task machine alone, on the VirtualClock: phases are reported at the times given as
// input, a stop in any phase goes to stopping with the stop event's timings, a second stop is
// ignored, and the actor leaves no timer behind once STOPPED.
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../workers/engine/clock.ts';
import { taskMachine, type TaskPhase } from '../../../workers/engine/machines/task.machine.ts';

function start(clock: VirtualClock) {
  const log: string[] = [];
  const actor = createActor(taskMachine, {
    clock,
    input: { timings: { pickupMs: 1_000, pullMs: 3_000, startMs: 500 }, report: (phase: TaskPhase) => log.push(`${clock.now} ${phase}`) },
  });
  actor.start();
  return { actor, log };
}

describe('task machine', () => {
  it('reports pulling, starting and running at pickup, +pull and +start', () => {
    const clock = new VirtualClock();
    const { log } = start(clock);
    clock.advance(10_000);
    expect(log).toEqual(['1000 pulling', '4000 starting', '4500 running']);
    expect(clock.nextTimerAt()).toBeNull();
  });

  it('stops from running with the stop event\'s timings; a second stop changes nothing', () => {
    const clock = new VirtualClock();
    const { actor, log } = start(clock);
    clock.advance(5_000);
    actor.send({ type: 'task.stop', timing: { exitMs: 2_000, reportMs: 400, killed: false } });
    actor.send({ type: 'task.stop', timing: { exitMs: 9_000, reportMs: 9_000, killed: true } });
    clock.advance(60_000);
    expect(log.slice(3)).toEqual(['5000 stopping', '7000 executionStopped', '7400 stopped']);
    expect(actor.getSnapshot().status).toBe('done');
    expect(clock.nextTimerAt()).toBeNull();
  });

  it('stops during the image pull, cancelling the pull timer', () => {
    const clock = new VirtualClock();
    const { actor, log } = start(clock);
    clock.advance(2_000);
    actor.send({ type: 'task.stop', timing: { exitMs: 300, reportMs: 300, killed: false } });
    clock.advance(60_000);
    expect(log).toEqual(['1000 pulling', '2000 stopping', '2300 executionStopped', '2600 stopped']);
  });
});
