/**
 * The worker's learning half (a lazy chunk, so the worker's first JavaScript stays within issue 2's
 * budget): scenario loads, the learner's commands and the session methods of WorkerApi, on the
 * current Session. sandbox.worker.ts forwards these methods here and keeps only comlink, playback
 * and the engine's read-only questions. Real time (the clock) and the lazily loaded command table
 * are given by the worker; everything answers a value, never throws.
 */
import type { PlaybackClock } from '../playback.ts';
import type { CheckReport, SandboxEngine, Scenario, SessionRefusal, SessionState, Step, StepResult, WorkerApi } from '../protocol.ts';
import { actionOf } from './action-rules.ts';
import type { LessonRuntime } from './lesson-runtime.ts';
import { Maintainer } from './maintainer.ts';
import { Session } from './session.ts';

/** The WorkerApi methods this half answers (the worker forwards them). */
export const LEARNING_METHODS = [
  'loadScenario',
  'loadParsedScenario',
  'runCommandText',
  'dispatch',
  'session',
  'undo',
  'redo',
  'jumpTo',
  'reset',
  'revealHint',
  'answerPrediction',
  'revealSolution',
  'exportRun',
  'restoreRun',
  'checkScenario',
] as const satisfies readonly (keyof WorkerApi)[];

export type LearningMethod = (typeof LEARNING_METHODS)[number];
export type LearningApi = Pick<WorkerApi, LearningMethod>;

export interface WorkerSessionDeps {
  /** An engine looking commands up in the worker's table (the full one once loaded). */
  createEngine: () => SandboxEngine;
  /** Resolves once every command the steps name is loaded. */
  commandsFor: (steps: readonly Step[]) => Promise<void>;
  /** Loads the full command table (replays may meet any command of a log). */
  loadAllCommands: () => Promise<void>;
  clock: PlaybackClock;
  /** The run changed outside playback: the worker re-reads time and publishes. */
  changed: () => void;
  /** The lesson runtime (a chunk of its own); tests pass the module directly. */
  lesson?: () => Promise<LessonRuntime>;
}

const NOTHING_LOADED = 'No scenario is loaded yet.';
const EMPTY_SCENARIO: Scenario = { id: 'empty', title: 'Empty sandbox', seed: 1, setup: [] };

function message(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

export class WorkerSession implements LearningApi {
  /** The learner's session; null until the first scenario loads. */
  current: Session | null = null;
  #allCommands = false;
  #loading: Promise<unknown> = Promise.resolve();
  readonly #deps: WorkerSessionDeps;
  readonly #maintainer: Maintainer;

  constructor(deps: WorkerSessionDeps) {
    this.#deps = deps;
    this.#maintainer = new Maintainer(deps.clock, (deadline) => {
      if (this.current === null) return false;
      if (!this.#allCommands) return true; // the full table is on its way: try again next slice
      return this.current.maintain(deadline);
    });
  }

  /** Resolves once no scenario load is in flight (the first snapshot published must be the loaded one). */
  idle(): Promise<void> {
    return this.#loading.then(() => undefined, () => undefined);
  }

  /** Playback advances through here (objectives observed, spares kept up). */
  advance(ms: number): void {
    this.current?.advance(ms);
    this.#maintainer.kick();
  }

  /** The run moved outside playback (a step, a pause): publish and keep spares up. */
  changed(): void {
    this.#deps.changed();
    this.#maintainer.kick();
  }

  /** Fetches the full command table; replays wait for it. */
  async fullTable(): Promise<void> {
    await this.#deps.loadAllCommands();
    this.#allCommands = true;
  }

  /** The session state to publish with a snapshot at `timeMs` (before any scenario: an empty run). */
  state(timeMs = 0): SessionState {
    return this.current?.state() ?? {
      scenarioId: '',
      lesson: null,
      timeline: { startMs: 0, endMs: timeMs, nowMs: timeMs, inPast: false, canUndo: false, canRedo: false, commands: 0, commandTimes: [] },
    };
  }

  async #commandsReady(steps: readonly Step[]): Promise<string | undefined> {
    try {
      await this.#deps.commandsFor(steps);
      return undefined;
    } catch (error) {
      return `The sandbox could not load its commands (${message(error)}). Reload the page to try again.`;
    }
  }

  // --- Loading --------------------------------------------------------------------------------

  loadScenario(yamlText: string, options?: { seed?: number }): ReturnType<WorkerApi['loadScenario']> {
    return this.#load(async () => {
      const { parseScenarioText } = await import('../scenario/index.ts');
      const parsed = parseScenarioText(String(yamlText ?? ''), { fileName: 'scenario.yaml' });
      return parsed.ok ? this.#start(parsed.scenario, options) : { ok: false, issues: parsed.issues };
    });
  }

  loadParsedScenario(scenario: Scenario, options?: { seed?: number }): ReturnType<WorkerApi['loadParsedScenario']> {
    return this.#load(() => this.#start(scenario, options));
  }

  #load(run: () => ReturnType<WorkerApi['loadScenario']>): ReturnType<WorkerApi['loadScenario']> {
    const result = run().catch((error: unknown) => ({ ok: false as const, issues: [{ message: `The scenario could not be loaded: ${message(error)}` }] }));
    this.#loading = result;
    return result;
  }

  /** A new session of the scenario; the previous one stays until this one is in. */
  async #start(scenario: Scenario, options?: { seed?: number }): ReturnType<WorkerApi['loadScenario']> {
    const scripted = Array.isArray(scenario?.events) ? scenario.events.map((event) => event.do) : [];
    const problem = await this.#commandsReady([...(Array.isArray(scenario?.setup) ? scenario.setup : []), ...scripted]);
    if (problem !== undefined) return { ok: false, issues: [{ message: problem }] };
    const withSteps = Array.isArray(scenario.steps) && scenario.steps.length > 0;
    const lesson = withSteps ? await (this.#deps.lesson ?? (() => import('../lesson/index.ts')))() : null;
    const seed = typeof options?.seed === 'number' ? options.seed : undefined;
    const next = Session.start(scenario, { createEngine: this.#deps.createEngine, lesson, ...(seed === undefined ? {} : { seed }) });
    this.current = next;
    this.changed();
    return { ok: true, load: next.loadResult };
  }

  // --- The learner's commands -----------------------------------------------------------------

  /** The session to run a learner's command in: before any scenario, an empty sandbox's. */
  #session(): Session {
    this.current ??= Session.start(EMPTY_SCENARIO, { createEngine: this.#deps.createEngine, lesson: null });
    return this.current;
  }

  #run(step: Step, index: number): StepResult {
    try {
      return this.#session().runLearnerStep(step, index);
    } catch (error) {
      const action = actionOf(step) ?? '(invalid step)';
      return { step: index, action, error: { code: 'InternalError', message: `The sandbox failed while running ${action}: ${message(error)}` } };
    }
  }

  async runCommandText(text: string): ReturnType<WorkerApi['runCommandText']> {
    try {
      const { parseStepsText } = await import('../scenario/index.ts');
      const parsed = parseStepsText(String(text ?? ''));
      if (!parsed.ok) return { ok: false, issues: parsed.issues };
      const problem = await this.#commandsReady(parsed.steps);
      if (problem !== undefined) return { ok: false, issues: [{ message: problem }] };
      // Steps run in order; like a scenario, the list stops at the first error so nothing after a
      // failed (or refused) step runs against a state the learner did not expect.
      const results: StepResult[] = [];
      for (const [i, step] of parsed.steps.entries()) {
        const result = this.#run(step, i + 1);
        results.push(result);
        if ('error' in result) break;
      }
      this.changed();
      return { ok: true, results };
    } catch (error) {
      return { ok: false, issues: [{ message: `The sandbox could not run the command: ${message(error)}` }] };
    }
  }

  async dispatch(step: Step): Promise<StepResult> {
    const problem = await this.#commandsReady([step]);
    if (problem !== undefined) return { step: 1, action: actionOf(step) ?? '(invalid step)', error: { code: 'InternalError', message: problem } };
    const result = this.#run(step, 1);
    this.changed();
    return result;
  }

  // --- Moving along the run (replays: the full command table first) ------------------------------

  async #replaying<T>(what: string, run: (current: Session) => T): Promise<T | SessionRefusal> {
    if (this.current === null) return { ok: false, message: NOTHING_LOADED };
    try {
      await this.fullTable();
      return run(this.current);
    } catch (error) {
      return { ok: false, message: `The sandbox could not ${what}: ${message(error)}` };
    } finally {
      this.changed();
    }
  }

  async session(): Promise<SessionState> {
    try {
      return this.state();
    } catch {
      return this.state(0);
    }
  }

  undo(): ReturnType<WorkerApi['undo']> {
    return this.#replaying('undo', (current) => current.undo());
  }

  redo(): ReturnType<WorkerApi['redo']> {
    return this.#replaying('redo', (current) => current.redo());
  }

  async jumpTo(timeMs: number): Promise<void> {
    await this.#replaying('jump', (current) => current.jumpTo(Number(timeMs)));
  }

  async reset(): ReturnType<WorkerApi['reset']> {
    const result = await this.#replaying('reset the scenario', (current) => ({ ok: true as const, load: current.reset() }));
    return result.ok ? result : { ok: false, issues: [{ message: result.message }] };
  }

  async restoreRun(encoded: string): Promise<{ ok: true } | SessionRefusal> {
    // The restored session replaces the current one before #replaying publishes (once, the new run).
    return this.#replaying('restore the run', (current) => {
      const restored = current.restore(String(encoded ?? ''));
      if (!restored.ok) return restored;
      this.current = restored.session;
      return { ok: true as const };
    });
  }

  async exportRun(): Promise<string> {
    try {
      return this.current?.exportRun() ?? '';
    } catch {
      return '';
    }
  }

  // --- The lesson ---------------------------------------------------------------------------------

  async #lessonCall<T>(what: string, run: (current: Session) => T): Promise<T | SessionRefusal> {
    if (this.current === null) return { ok: false, message: NOTHING_LOADED };
    try {
      return run(this.current);
    } catch (error) {
      return { ok: false, message: `The sandbox could not ${what}: ${message(error)}` };
    } finally {
      this.changed();
    }
  }

  revealHint(objectiveId: string): ReturnType<WorkerApi['revealHint']> {
    return this.#lessonCall('show a hint', (current) => current.revealHint(objectiveId));
  }

  answerPrediction(objectiveId: string, answer: string[] | number): ReturnType<WorkerApi['answerPrediction']> {
    return this.#lessonCall('record the prediction', (current) => current.answerPrediction(objectiveId, answer));
  }

  revealSolution(): ReturnType<WorkerApi['revealSolution']> {
    return this.#lessonCall('show the solution', (current) => current.revealSolution());
  }

  // --- Authoring ------------------------------------------------------------------------------------

  /** The scenario's text validated and its solution and anti-solutions replayed in fresh engines (the run is untouched). */
  async checkScenario(yamlText: string, fileName?: string): Promise<CheckReport> {
    const file = typeof fileName === 'string' && fileName !== '' ? fileName : 'scenario.yaml';
    const started = this.#deps.clock.now();
    const failed = (text: string): CheckReport => ({ file, ok: false, issues: [{ message: text }], antiSolutions: [], durationMs: this.#deps.clock.now() - started });
    try {
      await this.fullTable();
      const { checkScenarioText } = await import('../scenario/check/check-scenario.ts');
      return checkScenarioText(String(yamlText ?? ''), file, { createEngine: this.#deps.createEngine, now: () => this.#deps.clock.now() });
    } catch (error) {
      return failed(`The sandbox could not check the scenario: ${message(error)}`);
    }
  }
}
