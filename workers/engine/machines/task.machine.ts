/**
 * The life of one task, on an EC2 container instance or on Fargate, as a thin xstate v5 machine:
 *
 *   created ─(ENI)→ provisioning ─attach→ pending ─pickup→ pulling ─pull→ starting ─start→ running
 *      └──(no ENI)───────────────────────────→┘                          └─(load balancers)→ activating ─activate→ running
 *   task.stop in provisioning, pending, pulling, starting or running → stopping
 *   task.stop in activating or running with registered targets → deactivating ─drain→ stopping
 *   stopping ─exit→ executionStopped ─report→ leaving
 *   pulling ─pull, fails→ pullFailed ─failReport→ leaving;  starting ─start, fails→ startFailed ─failReport→ leaving
 *   leaving ─(ENI)→ deprovisioning ─detach→ stopped;  leaving ─(no ENI)→ stopped
 *   running ─container.exit (essential)→ stopping;  running ─container.exit (not essential)→ running
 *
 * A task with its own ENI (awsvpc: always on Fargate, and on EC2 in awsvpc mode) starts in
 * PROVISIONING while the ENI is created and attached, and passes through DEPROVISIONING while it
 * is detached and deleted; other tasks start PENDING and go straight to STOPPED. A StopTask during
 * PROVISIONING stops the task like one during PENDING (nothing to signal), and its ENI is still
 * deleted on the way out.
 *
 * A task with load balancers (a service task; TaskRecord.loadBalancers) is ACTIVATING between its
 * containers starting and RUNNING while ECS registers its targets, and DEACTIVATING when it is asked
 * to stop with registered targets: they drain for the deregistration delay before SIGTERM
 * (machines/timings.ts gives the sources). An essential container's crash deregisters the targets
 * too, but goes straight to STOPPING: the agent stops the other containers at once.
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
import type { EniTimings, StartTimings, StopTimings } from './timings.ts';

export type TaskPhase = 'provisioned' | 'deprovisioning' | 'pulling' | 'starting' | 'activating' | 'running' | 'deactivating' | 'pullFailed' | 'startFailed' | 'stopping' | 'executionStopped' | 'stopped';

export interface TaskMachineInput {
  timings: StartTimings;
  /** Present for a task with its own ENI: it is PROVISIONING first and DEPROVISIONING last. */
  eni?: EniTimings;
  report: (phase: TaskPhase, stop?: StopTimings) => void;
  /** Whether the launch fails when the image pull (`pull`) or the container start (`start`) ends. Read-only. */
  failsAt?: (stage: 'pull' | 'start') => boolean;
  /** A container exited on its own while the task ran (machines/container-exits.ts). */
  containerExited?: (containerName: string, essential: boolean) => void;
  /** Load balancers (task-load-balancers.ts); read when the containers have started and on a stop. */
  loadBalancing?: {
    /** The task has load balancers to register with (ACTIVATING comes before RUNNING). */
    has: () => boolean;
    /** Some of its targets are registered (a stop passes through DEACTIVATING). */
    registered: () => boolean;
    /** How long ACTIVATING lasts, decided when it began. */
    activationMs: () => number;
    /** How long DEACTIVATING lasts (the longest deregistration delay), decided when it began. */
    drainMs: () => number;
  };
}

interface TaskMachineContext extends TaskMachineInput {
  stop: StopTimings;
}

export type TaskMachineEvent =
  | { type: 'task.stop'; timing: StopTimings }
  /** A container's process exited (crash); `timing` is the SIGTERM/report timing of the others, drawn before. */
  | { type: 'container.exit'; containerName: string; essential: boolean; timing: StopTimings };

const NO_STOP: StopTimings = { exitMs: 0, reportMs: 0, killed: false };

/** A stop with registered targets deregisters them first (DEACTIVATING); otherwise it is STOPPING at once. */
const STOP_VIA_DEACTIVATING = [
  { guard: 'hasTargets', target: 'deactivating', actions: 'rememberStop' },
  { target: 'stopping', actions: 'rememberStop' },
] as const;

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
    attach: ({ context }) => context.eni?.attachMs ?? 0,
    detach: ({ context }) => context.eni?.detachMs ?? 0,
    activate: ({ context }) => context.loadBalancing?.activationMs() ?? 0,
    drain: ({ context }) => context.loadBalancing?.drainMs() ?? 0,
  },
  guards: {
    pullFails: ({ context }) => context.failsAt?.('pull') ?? false,
    startFails: ({ context }) => context.failsAt?.('start') ?? false,
    hasEni: ({ context }) => context.eni !== undefined,
    essentialExit: ({ event }) => event.type === 'container.exit' && event.essential,
    hasLoadBalancers: ({ context }) => context.loadBalancing?.has() ?? false,
    hasTargets: ({ context }) => context.loadBalancing?.registered() ?? false,
  },
  actions: {
    rememberStop: assign({ stop: ({ event }) => event.timing }),
    reportProvisioned: ({ context }) => context.report('provisioned'),
    reportDeprovisioning: ({ context }) => context.report('deprovisioning', context.stop),
    reportPulling: ({ context }) => context.report('pulling'),
    reportStarting: ({ context }) => context.report('starting'),
    reportActivating: ({ context }) => context.report('activating'),
    reportRunning: ({ context }) => context.report('running'),
    reportDeactivating: ({ context }) => context.report('deactivating', context.stop),
    reportContainerExit: ({ context, event }) => {
      if (event.type === 'container.exit') context.containerExited?.(event.containerName, event.essential);
    },
    reportPullFailed: ({ context }) => context.report('pullFailed'),
    reportStartFailed: ({ context }) => context.report('startFailed'),
    reportStopping: ({ context }) => context.report('stopping', context.stop),
    reportExecutionStopped: ({ context }) => context.report('executionStopped', context.stop),
    reportStopped: ({ context }) => context.report('stopped', context.stop),
  },
}).createMachine({
  id: 'task',
  context: ({ input }) => ({ ...input, stop: NO_STOP }),
  initial: 'created',
  on: {
    'task.stop': { target: '.stopping', actions: 'rememberStop' },
  },
  states: {
    // The task record already says PROVISIONING (with an ENI) or PENDING: RunTask set it.
    created: { always: [{ guard: 'hasEni', target: 'provisioning' }, { target: 'pending' }] },
    provisioning: { after: { attach: { target: 'pending', actions: 'reportProvisioned' } } },
    pending: { after: { pickup: 'pulling' } },
    pulling: { entry: 'reportPulling', after: { pull: [{ guard: 'pullFails', target: 'pullFailed' }, { target: 'starting' }] } },
    starting: {
      entry: 'reportStarting',
      after: { start: [{ guard: 'startFails', target: 'startFailed' }, { guard: 'hasLoadBalancers', target: 'activating' }, { target: 'running' }] },
    },
    activating: {
      entry: 'reportActivating',
      on: { 'task.stop': STOP_VIA_DEACTIVATING },
      after: { activate: 'running' },
    },
    // The task is already STOPPED as far as the learner can act on it; StopTask changes nothing.
    pullFailed: { entry: 'reportPullFailed', on: { 'task.stop': {} }, after: { failReport: 'leaving' } },
    startFailed: { entry: 'reportStartFailed', on: { 'task.stop': {} }, after: { failReport: 'leaving' } },
    running: {
      entry: 'reportRunning',
      on: {
        'task.stop': STOP_VIA_DEACTIVATING,
        // Transition actions run before `stopping`'s entry, so STOPPING is reported with the stop code set.
        'container.exit': [
          { guard: 'essentialExit', target: 'stopping', actions: ['rememberStop', 'reportContainerExit'] },
          { actions: 'reportContainerExit' },
        ],
      },
    },
    // The targets drain; the containers keep serving the requests in flight. A second stop changes nothing.
    deactivating: { entry: 'reportDeactivating', on: { 'task.stop': {} }, after: { drain: 'stopping' } },
    stopping: {
      entry: 'reportStopping',
      // A second StopTask while stopping changes nothing.
      on: { 'task.stop': {} },
      after: { exit: 'executionStopped' },
    },
    executionStopped: { entry: 'reportExecutionStopped', on: { 'task.stop': {} }, after: { report: 'leaving' } },
    leaving: { always: [{ guard: 'hasEni', target: 'deprovisioning' }, { target: 'stopped' }] },
    deprovisioning: { entry: 'reportDeprovisioning', on: { 'task.stop': {} }, after: { detach: 'stopped' } },
    stopped: { type: 'final', entry: 'reportStopped' },
  },
});
