/**
 * The engine (protocol.ts `SandboxEngine`), given its command table: `createEngine` in index.ts
 * gives it every command (Node: the CLI, the tests); the worker gives it the core commands at once
 * and the rest when they have loaded (workers/worker-commands.ts), so its first JavaScript stays
 * small. Pure and synchronous; time only moves in `advance`, randomness comes from the seeded
 * PRNG, and `dispatch` never throws: every outcome is a StepResult.
 *
 * Steps are numbered from 1 since the last `load` (or since creation), so a scenario's setup steps
 * are 1…n and the learner's later commands continue the count.
 */
import { eventBridgeEnvelope, eventLogged, type EventBridgeDraft } from './events/eventbridge.ts';
import type { ExplainQuery, ExplainResult, LoadResult, PlacementExplanation, SandboxEngine, Scenario, Snapshot, Step, StepResult, ValidationResult } from '../protocol.ts';
import { SUPPORTED_ACTIONS, WAIT, isSupportedAction } from './actions.ts';
import { VirtualClock } from './clock.ts';
import type { ActionName } from './actions.ts';
import type { CommandHandler } from './commands/handler.ts';
import type { EngineContext } from './context.ts';
import { parseDuration } from './duration.ts';
import { MESSAGES, type CommandResult } from './errors.ts';
import { startTaskMachine } from './machines/task-lifecycle.ts';
import { Prng } from './prng.ts';
import { resolveReferences } from './references.ts';
import { scheduleScenarioEvents } from './scenario-events.ts';
import { buildSnapshot } from './snapshot.ts';
import { EVENT_LIMIT, emptyState, type EngineState, type TaskRecord } from './state.ts';
import { validateTaskDefinition } from './taskdef/index.ts';
import { didYouMean } from './text.ts';
import { stopTimings, startTimings } from './timing-draws.ts';

export const DEFAULT_SEED = 1;

/** Sandbox error codes of the command language (AWS codes come from the commands). */
export const STEP_ERROR_CODES = {
  invalidStep: 'InvalidStep',
  invalidAction: 'InvalidAction',
  invalidWait: 'InvalidWait',
  invalidReference: 'InvalidReference',
  internal: 'InternalError',
} as const;

/** The handler of an action, or undefined while it has not loaded (the worker loads before it dispatches). */
export type CommandLookup = (action: ActionName) => CommandHandler | undefined;

const EXPLAIN_ACTION: ActionName = 'sim:ExplainPlacement';

class Engine implements EngineContext {
  state!: EngineState;
  clock!: VirtualClock;
  prng!: Prng;
  private stepCount = 0;

  constructor(
    seed: number,
    private readonly commands: CommandLookup,
  ) {
    this.reset(seed);
  }

  private reset(seed: number): void {
    const normalized = Number.isFinite(seed) ? Math.trunc(seed) >>> 0 : DEFAULT_SEED;
    this.state = emptyState(normalized);
    // A fresh clock: the machines of the previous run stay bound to the old one and never fire again.
    this.clock = new VirtualClock();
    this.prng = new Prng(normalized);
    this.stepCount = 0;
  }

  emit(kind: string, message: string, resourceArn?: string, placementId?: string, eventBridge?: EventBridgeDraft): void {
    const events = this.state.events;
    const id = this.state.nextEventId++;
    const event = {
      id,
      time: this.clock.now,
      kind,
      message,
      ...(resourceArn === undefined ? {} : { resourceArn }),
      ...(placementId === undefined ? {} : { placementId }),
      ...(eventBridge === undefined ? {} : { eventBridge: eventBridgeEnvelope(eventBridge, id, this.clock.now) }),
    };
    events.push(event);
    // EventBridge rules read the log (events/eventbridge.ts: a registry hook, empty until they load).
    eventLogged(this, event);
    // Trim in batches so appending stays O(1) amortised; the snapshot shows the newest EVENT_LIMIT.
    if (events.length >= 2 * EVENT_LIMIT) events.splice(0, events.length - EVENT_LIMIT);
  }

  launchTask(record: TaskRecord): void {
    startTaskMachine(this, record, startTimings(this.prng));
  }

  requestStop(record: TaskRecord): void {
    const started = record.task.containers.some((container) => container.lastStatus === 'RUNNING');
    record.handle?.stop(stopTimings(this.prng, record.taskDefinition, started));
  }

  load(scenario: Scenario, options?: { seed?: number }): LoadResult {
    this.reset(options?.seed ?? scenario.seed ?? DEFAULT_SEED);
    const steps = Array.isArray(scenario.setup) ? scenario.setup : [];
    const results = steps.map((step) => this.dispatch(step));
    // Scripted events are the author's, not numbered steps: the learner's count goes on unbroken.
    scheduleScenarioEvents(this, scenario.events, (step) => {
      const result = this.dispatch(step);
      this.stepCount--;
      return result;
    });
    return { scenario, results };
  }

  dispatch(step: Step): StepResult {
    const number = ++this.stepCount;
    if (typeof step !== 'object' || step === null || Array.isArray(step)) {
      const what = step === null ? 'null' : Array.isArray(step) ? 'a list' : JSON.stringify(step);
      return { step: number, action: '', error: { code: STEP_ERROR_CODES.invalidStep, message: MESSAGES.notAStep(what) } };
    }
    const keys = Object.keys(step);
    if (keys.length !== 1) {
      return { step: number, action: keys.join(','), error: { code: STEP_ERROR_CODES.invalidStep, message: MESSAGES.invalidStep(keys) } };
    }
    const action = keys[0]!;
    const request = step[action];
    if (action === WAIT) return this.wait(number, request);
    if (!isSupportedAction(action)) {
      const suggestion = didYouMean(action, [...SUPPORTED_ACTIONS, WAIT]);
      return {
        step: number,
        action,
        error: { code: STEP_ERROR_CODES.invalidAction, message: MESSAGES.invalidAction(action, suggestion, SUPPORTED_ACTIONS.length) },
      };
    }
    const handler = this.commands(action);
    if (handler === undefined) {
      return { step: number, action, error: { code: STEP_ERROR_CODES.internal, message: MESSAGES.internalError(`${action} is not loaded yet`) } };
    }
    // ${targetGroup:web-tg} and the like name resources whose ids are generated (references.ts).
    const resolved = resolveReferences(this.state, request);
    if (!resolved.ok) return { step: number, action, error: { code: STEP_ERROR_CODES.invalidReference, message: resolved.message } };
    const outcome = this.transact(() => handler(this, resolved.value));
    return outcome.ok ? { step: number, action, response: outcome.response } : { step: number, action, error: outcome.error };
  }

  /**
   * Run a command so that a refusal leaves no trace: commands validate before they mutate, and as
   * a second line of defence the PRNG and the event log are put back if the command still fails.
   */
  private transact(run: () => CommandResult): CommandResult {
    const prngState = this.prng.state();
    const eventCount = this.state.events.length;
    const nextEventId = this.state.nextEventId;
    let outcome: CommandResult;
    try {
      outcome = run();
    } catch (error) {
      outcome = { ok: false, error: { code: STEP_ERROR_CODES.internal, message: MESSAGES.internalError(String(error)) } };
    }
    if (!outcome.ok) {
      this.prng.setState(prngState);
      this.state.events.length = Math.min(this.state.events.length, eventCount);
      this.state.nextEventId = nextEventId;
    }
    return outcome;
  }

  private wait(number: number, request: unknown): StepResult {
    const parsed = parseDuration(request);
    if (!parsed.ok) {
      return { step: number, action: WAIT, error: { code: STEP_ERROR_CODES.invalidWait, message: MESSAGES.invalidWait(parsed.message) } };
    }
    this.advance(parsed.ms);
    return { step: number, action: WAIT, response: { time: this.clock.now } };
  }

  /**
   * Non-integers are floored; negative, NaN and infinite values do nothing (time never goes back).
   * advance(0) fires the timers due right now, if any.
   */
  advance(ms: number): void {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return;
    try {
      this.clock.advance(Math.floor(ms));
    } catch (error) {
      this.emit('engine.error', MESSAGES.internalError(String(error)));
    }
  }

  nextTimerAt(): number | null {
    return this.clock.nextTimerAt();
  }

  snapshot(): Snapshot {
    return buildSnapshot(this.state, this.clock.now);
  }

  explainPlacement(query: ExplainQuery): ExplainResult {
    try {
      // The explainer is the command sim:ExplainPlacement (read-only), so it loads with the commands.
      const handler = this.commands(EXPLAIN_ACTION);
      if (handler === undefined) return { ok: false, error: { code: STEP_ERROR_CODES.internal, message: MESSAGES.internalError('the placement explainer is not loaded yet') } };
      const result = handler(this, query);
      return result.ok ? { ok: true, explanation: result.response as PlacementExplanation } : { ok: false, error: result.error };
    } catch (error) {
      return { ok: false, error: { code: STEP_ERROR_CODES.internal, message: MESSAGES.internalError(String(error)) } };
    }
  }

  validateTaskDefinition(input: unknown): ValidationResult {
    try {
      return validateTaskDefinition(input);
    } catch (error) {
      return { valid: false, errors: [{ path: '', code: STEP_ERROR_CODES.internal, message: MESSAGES.internalError(String(error)) }] };
    }
  }
}

export function createEngineWith(commands: CommandLookup, options?: { seed?: number }): SandboxEngine {
  const engine = new Engine(options?.seed ?? DEFAULT_SEED, commands);
  return {
    load: (scenario, loadOptions) => engine.load(scenario, loadOptions),
    dispatch: (step) => engine.dispatch(step),
    advance: (ms) => engine.advance(ms),
    nextTimerAt: () => engine.nextTimerAt(),
    snapshot: () => engine.snapshot(),
    validateTaskDefinition: (input) => engine.validateTaskDefinition(input),
    explainPlacement: (query) => engine.explainPlacement(query),
  };
}
