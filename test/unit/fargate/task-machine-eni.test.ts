// Proves the task machine's ENI phases alone, on the VirtualClock: with ENI timings it reports
// `provisioned` after the attach time before the usual pickup → pull → start, and `deprovisioning`
// between executionStopped and stopped (also after a launch failure, and for a stop during
// provisioning); without them its phases and times are exactly those of an EC2 task.
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../workers/engine/clock.ts';
import { taskMachine, type TaskPhase } from '../../../workers/engine/machines/task.machine.ts';

function start(clock: VirtualClock, options: { eni?: boolean; pullFails?: boolean } = {}) {
  const log: string[] = [];
  const actor = createActor(taskMachine, {
    clock,
    input: {
      timings: { pickupMs: 1_000, pullMs: 3_000, startMs: 500 },
      ...(options.eni === true ? { eni: { attachMs: 4_000, detachMs: 2_000 } } : {}),
      report: (phase: TaskPhase) => log.push(`${clock.now} ${phase}`),
      failsAt: (stage) => stage === 'pull' && options.pullFails === true,
    },
  });
  actor.start();
  return { actor, log };
}

const STOP = { type: 'task.stop' as const, timing: { exitMs: 1_000, reportMs: 300, killed: false } };

describe('task machine with an ENI', () => {
  it('provisions first: attached at 4 s, then pulling +1 s, starting +3 s, running +0.5 s', () => {
    const clock = new VirtualClock();
    const { log } = start(clock, { eni: true });
    clock.advance(60_000);
    expect(log).toEqual(['4000 provisioned', '5000 pulling', '8000 starting', '8500 running']);
  });

  it('deprovisions after the containers exited: executionStopped, +report deprovisioning, +detach stopped', () => {
    const clock = new VirtualClock();
    const { actor, log } = start(clock, { eni: true });
    clock.advance(10_000);
    actor.send(STOP);
    clock.advance(60_000);
    expect(log.slice(4)).toEqual(['10000 stopping', '11000 executionStopped', '11300 deprovisioning', '13300 stopped']);
    expect(actor.getSnapshot().status).toBe('done');
    expect(clock.nextTimerAt()).toBeNull();
  });

  it('stops during provisioning without ever reporting the ENI attached', () => {
    const clock = new VirtualClock();
    const { actor, log } = start(clock, { eni: true });
    clock.advance(2_000);
    actor.send(STOP);
    clock.advance(60_000);
    expect(log).toEqual(['2000 stopping', '3000 executionStopped', '3300 deprovisioning', '5300 stopped']);
  });

  it('deprovisions after a failed pull too', () => {
    const clock = new VirtualClock();
    const { log } = start(clock, { eni: true, pullFails: true });
    clock.advance(60_000);
    expect(log).toEqual(['4000 provisioned', '5000 pulling', '8000 pullFailed', '8500 deprovisioning', '10500 stopped']);
  });

  it('without an ENI keeps the EC2 phases and times', () => {
    const clock = new VirtualClock();
    const { actor, log } = start(clock);
    clock.advance(5_000);
    actor.send(STOP);
    clock.advance(60_000);
    expect(log).toEqual(['1000 pulling', '4000 starting', '4500 running', '5000 stopping', '6000 executionStopped', '6300 stopped']);
  });
});
