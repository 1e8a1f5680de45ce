/**
 * Runs an xstate v5 machine on the engine's VirtualClock through the machine's own transition
 * function, without an xstate Actor. The machine definition, its guards, delays, `after`, `always`
 * and actions are xstate's and behave exactly as under createActor; what is left out is the actor
 * around them — its actor system, mailbox, observers and per-actor scheduler — which a sandbox of
 * thousands of tasks paid for on every task (createActor was the largest single cost of a
 * 1,000-task service day, bench/services.mjs).
 *
 * What the actor did and this driver does the same way:
 *   - custom actions run during the transition (the report callbacks);
 *   - delayed events (`after`) are scheduled once the transition is complete, in the order the
 *     machine raised them, and cancelled when their state is left (xstate.raise / xstate.cancel);
 *   - an event sent while a transition runs (an action that reacts synchronously) waits its turn;
 *   - a machine that throws is stopped and the error reported, once.
 * Only flat machines with `after` delays and no spawned or invoked actors are supported (the task
 * machine is one); that is checked once, when the driver starts a machine.
 */
import type { AnyStateMachine, EventFromLogic, EventObject, InputFrom, MachineSnapshot } from 'xstate';
import type { TimerId, VirtualClock } from '../clock.ts';

export interface DrivenMachine<TEvent extends EventObject> {
  send(event: TEvent): void;
  /** The machine's current state value (for tests and the explainer). */
  value(): unknown;
}

interface ExecutableAction {
  type: string;
  info: unknown;
  params: unknown;
  exec?: ((info: unknown, params: unknown) => void) | undefined;
}

type AnySnapshot = MachineSnapshot<any, any, any, any, any, any, any, any>;

export function driveMachine<TMachine extends AnyStateMachine, TEvent extends EventObject = EventFromLogic<TMachine>>(
  machine: TMachine,
  input: InputFrom<TMachine>,
  clock: VirtualClock,
  onError: (error: unknown) => void,
): DrivenMachine<TEvent> {
  const timers = new Map<string, TimerId>();
  const queue: EventObject[] = [];
  /** Delayed events raised during the current transition, scheduled once it is complete. */
  let raised: { id: string; event: EventObject; delay: number }[] = [];
  let processing = false;
  let failed = false;
  let snapshot: AnySnapshot;

  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    for (const timer of timers.values()) clock.cancel(timer);
    timers.clear();
    queue.length = 0;
    onError(error);
  };

  const scope = {
    self: undefined as unknown,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    // macrostep reports each microstep to the system's inspector; nobody inspects here.
    system: { _sendInspectionEvent: () => {} } as unknown,
    actionExecutor: (action: ExecutableAction): void => {
      if (action.type === 'xstate.raise') {
        const params = action.params as { event: EventObject; delay?: number; id?: string };
        if (typeof params.delay === 'number') raised.push({ id: params.id ?? params.event.type, event: params.event, delay: params.delay });
        return; // an immediate raise is handled inside the transition
      }
      if (action.type === 'xstate.cancel') {
        const id = (action.params as { sendId: string }).sendId;
        const timer = timers.get(id);
        if (timer !== undefined) {
          clock.cancel(timer);
          timers.delete(id);
        }
        raised = raised.filter((entry) => entry.id !== id);
        return;
      }
      action.exec?.(action.info, action.params);
    },
  };
  scope.self = { id: machine.id, sessionId: '', send: (event: TEvent) => driven.send(event), getSnapshot: () => snapshot, system: undefined };

  const scheduleRaised = (): void => {
    const due = raised;
    raised = [];
    for (const { id, event, delay } of due) {
      const previous = timers.get(id);
      if (previous !== undefined) clock.cancel(previous);
      timers.set(
        id,
        clock.schedule(clock.now + delay, () => {
          timers.delete(id);
          driven.send(event as TEvent);
        }),
      );
    }
  };

  const run = (step: () => AnySnapshot): void => {
    processing = true;
    try {
      snapshot = step();
      if (snapshot.status === 'error') fail(snapshot.error);
      else scheduleRaised();
    } catch (error) {
      fail(error);
    } finally {
      processing = false;
    }
  };

  const driven: DrivenMachine<TEvent> = {
    send(event) {
      if (failed || snapshot.status !== 'active') return;
      queue.push(event);
      if (processing) return;
      while (queue.length > 0 && !failed && snapshot.status === 'active') {
        const next = queue.shift()!;
        run(() => machine.transition(snapshot, next, scope as never) as AnySnapshot);
      }
      queue.length = 0;
    },
    value: () => snapshot.value,
  };

  run(() => machine.getInitialSnapshot(scope as never, input) as AnySnapshot);
  return driven;
}
