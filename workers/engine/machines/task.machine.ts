/**
 * The life of one task on an EC2 container instance, as a thin xstate v5 machine:
 *
 *   pending ─pickup→ pulling ─pull→ starting ─start→ running
 *      │ task.stop      │ task.stop     │ task.stop      │ task.stop
 *      └───────────────→┴──────────────→┴───────────────→┴→ stopping ─exit→ executionStopped ─report→ stopped
 *                       │ pull fails    │ start fails                                                 ↑
 *                       └→ pullFailed ──┴→ startFailed ─────────────── failReport ─────────────────────┘
 *
 * A launch that fails (an image that cannot be pulled, a secret that cannot be read, a log driver
 * that cannot start: machines/launch-checks.ts) ends in STOPPED with TaskFailedToStart. Whether it
 * fails is asked of the engine (`failsAt`, a read-only question) when the pull or the start ends;
 * the time from the failure to STOPPED reuses the start duration, so no extra random draw happens
 * and runs without failures keep their exact timings.
 *
 * The machine only decides *when* things happen; every state's entry action reports the phase to
 * the engine (context.report), which updates the AWS-shaped task, the instance and the event log.
 * All delays come in as input or with the stop event, drawn from the seeded PRNG by the engine, so
 * nothing random happens in here. Actors run on the engine's VirtualClock.
 */
import { assign, setup } from 'xstate';
import type { StartTimings, StopTimings } from './timings.ts';

export type TaskPhase = 'pulling' | 'starting' | 'running' | 'pullFailed' | 'startFailed' | 'stopping' | 'executionStopped' | 'stopped';

export interface TaskMachineInput {
  timings: StartTimings;
  report: (phase: TaskPhase, stop?: StopTimings) => void;
  /** Whether the launch fails when the image pull (`pull`) or the container start (`start`) ends. Read-only. */
  failsAt?: (stage: 'pull' | 'start') => boolean;
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
    failReport: ({ context }) => context.timings.startMs,
  },
  guards: {
    pullFails: ({ context }) => context.failsAt?.('pull') ?? false,
    startFails: ({ context }) => context.failsAt?.('start') ?? false,
  },
  actions: {
    rememberStop: assign({ stop: ({ event }) => event.timing }),
    reportPulling: ({ context }) => context.report('pulling'),
    reportStarting: ({ context }) => context.report('starting'),
    reportRunning: ({ context }) => context.report('running'),
    reportPullFailed: ({ context }) => context.report('pullFailed'),
    reportStartFailed: ({ context }) => context.report('startFailed'),
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
    pulling: { entry: 'reportPulling', after: { pull: [{ guard: 'pullFails', target: 'pullFailed' }, { target: 'starting' }] } },
    starting: { entry: 'reportStarting', after: { start: [{ guard: 'startFails', target: 'startFailed' }, { target: 'running' }] } },
    // The task is already STOPPED as far as the learner can act on it; StopTask changes nothing.
    pullFailed: { entry: 'reportPullFailed', on: { 'task.stop': {} }, after: { failReport: 'stopped' } },
    startFailed: { entry: 'reportStartFailed', on: { 'task.stop': {} }, after: { failReport: 'stopped' } },
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
