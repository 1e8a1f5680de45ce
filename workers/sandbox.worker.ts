/**
 * The Web Worker entry: hosts one engine and exposes protocol.ts's WorkerApi over comlink. This is
 * the only file under workers/ that touches comlink or real time; the engine stays pure.
 *
 * Every method returns a value: user mistakes (bad YAML, a bad step, an invalid task definition)
 * come back as `{ok: false, issues}` or as an AWS-shaped error in a StepResult, never as a thrown
 * exception (comlink would turn it into a plain Error and lose its shape).
 */
import * as Comlink from 'comlink';
import { createEngineWith } from './engine/engine.ts';
import { loadTaskDefinitionJsonSchema } from './engine/taskdef/index.ts';
import { PlaybackController, isSpeed } from './playback.ts';
import { commandsFor, loadAllCommands, lookupCommand } from './worker-commands.ts';
import type { ExplainQuery, PlaybackState, Scenario, Snapshot, Speed, Step, StepResult, WorkerApi } from './protocol.ts';

/**
 * The scenario parser (and the yaml package behind it, a fifth of this worker) is loaded on first
 * use: the default scenario arrives already parsed (loadParsedScenario), so only the command box or
 * another scenario's text need it.
 */
const parser = () => import('./scenario/index.ts');

const engine = createEngineWith(lookupCommand);
const playback = new PlaybackController(engine, {
  now: () => performance.now(),
  schedule: (fn, delayMs) => {
    const id = setTimeout(fn, delayMs);
    return () => clearTimeout(id);
  },
});

/** An unexpected failure inside the engine, reported as a value rather than thrown. */
function internalError(action: string, error: unknown): StepResult {
  return {
    step: 0,
    action,
    error: { code: 'InternalError', message: `The sandbox failed while running ${action}: ${(error as Error)?.message ?? String(error)}` },
  };
}

function actionOf(step: Step): string {
  const keys = step !== null && typeof step === 'object' ? Object.keys(step) : [];
  return keys.length === 1 ? keys[0]! : '(invalid step)';
}

function dispatchOne(step: Step, index: number): StepResult {
  try {
    const result = engine.dispatch(step);
    return { ...result, step: index };
  } catch (error) {
    return { ...internalError(actionOf(step), error), step: index };
  }
}

/** Waits for the commands the steps need (the lazy part of the table); a failed load is a message. */
async function commandsReady(steps: readonly Step[]): Promise<string | undefined> {
  try {
    await commandsFor(steps);
    return undefined;
  } catch (error) {
    return `The sandbox could not load its commands (${(error as Error)?.message ?? String(error)}). Reload the page to try again.`;
  }
}

/** Resets the engine to the scenario (its setup applied). Never throws. */
async function loadParsed(scenario: Scenario, options?: { seed?: number }): Promise<Awaited<ReturnType<WorkerApi['loadParsedScenario']>>> {
  const problem = await commandsReady(Array.isArray(scenario?.setup) ? scenario.setup : []);
  if (problem !== undefined) return { ok: false, issues: [{ message: problem }] };
  try {
    return { ok: true, load: engine.load(scenario, options) };
  } catch (error) {
    return { ok: false, issues: [{ message: `The scenario could not be loaded: ${(error as Error)?.message ?? String(error)}` }] };
  } finally {
    playback.engineChanged();
  }
}

const api: WorkerApi = {
  async loadScenario(yamlText: string, options?: { seed?: number }) {
    const { parseScenarioText } = await parser();
    const parsed = parseScenarioText(String(yamlText ?? ''), { fileName: 'scenario.yaml' });
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    return loadParsed(parsed.scenario, options);
  },

  async loadParsedScenario(scenario: Scenario, options?: { seed?: number }) {
    return loadParsed(scenario, options);
  },

  async runCommandText(text: string) {
    const { parseStepsText } = await parser();
    const parsed = parseStepsText(String(text ?? ''));
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const problem = await commandsReady(parsed.steps);
    if (problem !== undefined) return { ok: false, issues: [{ message: problem }] };
    // Steps run in order; like a scenario, the list stops at the first error so nothing after a
    // failed step runs against a state the author did not expect.
    const results: StepResult[] = [];
    for (const [i, step] of parsed.steps.entries()) {
      const result = dispatchOne(step, i + 1);
      results.push(result);
      if ('error' in result) break;
    }
    playback.engineChanged();
    return { ok: true, results };
  },

  async dispatch(step: Step) {
    const problem = await commandsReady([step]);
    if (problem !== undefined) return { step: 1, action: actionOf(step), error: { code: 'InternalError', message: problem } };
    const result = dispatchOne(step, 1);
    playback.engineChanged();
    return result;
  },

  async validateTaskDefinition(input: unknown) {
    try {
      return engine.validateTaskDefinition(input);
    } catch (error) {
      return { valid: false, errors: [{ path: '', code: 'InternalError', message: (error as Error)?.message ?? String(error) }] };
    }
  },

  async explainPlacement(query: ExplainQuery) {
    const problem = await commandsReady([{ 'sim:ExplainPlacement': query }]);
    if (problem !== undefined) return { ok: false, error: { code: 'InternalError', message: problem } };
    try {
      return engine.explainPlacement(query);
    } catch (error) {
      return { ok: false, error: { code: 'InternalError', message: (error as Error)?.message ?? String(error) } };
    }
  },

  async taskDefinitionSchema() {
    try {
      return await loadTaskDefinitionJsonSchema();
    } catch {
      return {};
    }
  },

  async play() {
    playback.play();
  },

  async pause() {
    playback.pause();
  },

  async step(ms?: number) {
    playback.step(ms);
  },

  async setSpeed(speed: Speed) {
    if (isSpeed(speed)) playback.setSpeed(speed);
  },

  async subscribe(listener: (snapshot: Snapshot, playback: PlaybackState) => void, minIntervalMs?: number) {
    playback.publisher.subscribe((snapshot, state) => {
      // The listener is a comlink proxy: calling it posts a message; its promise is not awaited
      // so a slow page never blocks the clock. A closed page just rejects.
      void Promise.resolve(listener(snapshot, state)).catch(() => undefined);
    }, minIntervalMs);
    // The page is live: fetch the rest of the commands now, so the learner's first one need not wait.
    setTimeout(() => void loadAllCommands().catch(() => undefined), 0);
  },

  async snapshot() {
    return engine.snapshot();
  },
};

Comlink.expose(api);
