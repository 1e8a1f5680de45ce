// A bare EngineContext for tests that reach below the engine facade: the state, clock and PRNG an
// engine has, commands called straight from the dispatch table, task machines started and stopped
// as index.ts does. Lets a test prepare what no public action can (a subnet almost out of
// addresses) and drive attachTaskEni for an EC2 task before run-task-ec2.ts calls it.
import { VirtualClock } from '../../../workers/engine/clock.ts';
import { COMMANDS } from '../../../workers/engine/commands/index.ts';
import type { EngineContext } from '../../../workers/engine/context.ts';
import { startTaskMachine } from '../../../workers/engine/machines/task-lifecycle.ts';
import { Prng } from '../../../workers/engine/prng.ts';
import { emptyState } from '../../../workers/engine/state.ts';
import { startTimings, stopTimings } from '../../../workers/engine/timing-draws.ts';
import type { SimEvent } from '../../../workers/protocol.ts';

export interface TestContext extends EngineContext {
  events: SimEvent[];
  /** Run one action of the dispatch table; throws on an error so setup mistakes are loud. */
  call(action: keyof typeof COMMANDS, request: unknown): any;
  /** Run one action and return its outcome as is. */
  attempt(action: keyof typeof COMMANDS, request: unknown): ReturnType<(typeof COMMANDS)[keyof typeof COMMANDS]>;
}

export function testContext(seed = 1): TestContext {
  const events: SimEvent[] = [];
  const ctx: TestContext = {
    state: emptyState(seed),
    clock: new VirtualClock(),
    prng: new Prng(seed),
    events,
    emit(kind, message, resourceArn) {
      events.push({ id: events.length + 1, time: ctx.clock.now, kind, message, ...(resourceArn === undefined ? {} : { resourceArn }) });
    },
    launchTask(record) {
      startTaskMachine(ctx, record, startTimings(ctx.prng));
    },
    requestStop(record) {
      const started = record.task.containers.some((container) => container.lastStatus === 'RUNNING');
      record.handle?.stop(stopTimings(ctx.prng, record.taskDefinition, started));
    },
    call(action, request) {
      const result = COMMANDS[action](ctx, request);
      if (!result.ok) throw new Error(`${action}: ${result.error.code}: ${result.error.message}`);
      return result.response;
    },
    attempt(action, request) {
      return COMMANDS[action](ctx, request);
    },
  };
  return ctx;
}
