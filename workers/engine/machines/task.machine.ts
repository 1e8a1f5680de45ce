/**
 * The life of one task on an EC2 container instance, as a thin xstate v5 machine:
 *
 *   pending ─pickup→ pulling ─pull→ starting ─start→ running
 *      │ task.stop      │ task.stop     │ task.stop      │ task.stop
 *      └───────────────→┴──────────────→┴───────────────→┴→ stopping ─exit→ executionStopped ─report→ stopped
 *
 * The machine only decides *when* things happen; every state's entry action reports the phase to
 * the engine (context.report), which updates the AWS-shaped task, the instance and the event log.
 * All delays come in as input or with the stop event, drawn from the seeded PRNG by the engine, so
 * nothing random happens in here. Actors run on the engine's VirtualClock.
 */
import { assign, setup } from 'xstate';
import type { StartTimings, StopTimings } from './timings.ts';

export type TaskPhase = 'pulling' | 'starting' | 'running' | 'stopping' | 'executionStopped' | 'stopped';

export interface TaskMachineInput {
  timings: StartTimings;
  report: (phase: TaskPhase, stop?: StopTimings) => void;
}

interface TaskMachineContext extends TaskMachineInput {
  stop: StopTimings;
}

export type TaskMachineEvent = { type: 'task.stop'; timing: StopTimings };

const NO_STOP: StopTimings = { exitMs: 0, reportMs: 0, killed: false };

export const taskMachine = setup({
  types: {
    context: {} as TaskMachineContext,
    input: {} as TaskMachineInput,
    events: {} as TaskMachineEvent,
  },
  delays: {
    pickup: ({ context }) => context.timings.pickupMs,
    pull: ({ context }) => context.timings.pullMs,
    start: ({ context }) => context.timings.startMs,
    exit: ({ context }) => context.stop.exitMs,
    report: ({ context }) => context.stop.reportMs,
  },
  actions: {
    rememberStop: assign({ stop: ({ event }) => event.timing }),
    reportPulling: ({ context }) => context.report('pulling'),
    reportStarting: ({ context }) => context.report('starting'),
    reportRunning: ({ context }) => context.report('running'),
    reportStopping: ({ context }) => context.report('stopping', context.stop),
    reportExecutionStopped: ({ context }) => context.report('executionStopped', context.stop),
    reportStopped: ({ context }) => context.report('stopped', context.stop),
  },
}).createMachine({
  id: 'task',
  context: ({ input }) => ({ ...input, stop: NO_STOP }),
  initial: 'pending',
  on: {
    'task.stop': { target: '.stopping', actions: 'rememberStop' },
  },
  states: {
    pending: { after: { pickup: 'pulling' } },
    pulling: { entry: 'reportPulling', after: { pull: 'starting' } },
    starting: { entry: 'reportStarting', after: { start: 'running' } },
    running: { entry: 'reportRunning' },
    stopping: {
      entry: 'reportStopping',
      // A second StopTask while stopping changes nothing.
      on: { 'task.stop': {} },
      after: { exit: 'executionStopped' },
    },
    executionStopped: { entry: 'reportExecutionStopped', on: { 'task.stop': {} }, after: { report: 'stopped' } },
    stopped: { type: 'final', entry: 'reportStopped' },
  },
});
