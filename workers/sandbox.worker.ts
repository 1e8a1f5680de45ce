/**
 * The Web Worker entry: a thin comlink shell exposing protocol.ts's WorkerApi. This is the only file
 * under workers/ that touches comlink or real time; the engine stays pure.
 *
 * The learner's side — scenario loads, commands, the rewindable timeline, the lesson, undo, jumps,
 * sharing — is the learning session (workers/session/worker-session.ts), a lazy chunk requested as
 * soon as the worker starts: the worker's first JavaScript stays within issue 2's budget, and the
 * methods it answers are forwarded to it. What stays here: playback (play, pause, step, speed,
 * the published snapshots) and the engine's read-only questions.
 *
 * Every method returns a value: user mistakes come back as `{ok: false, …}` or as an AWS-shaped
 * error in a StepResult, never as a thrown exception (comlink would lose its shape).
 */
import * as Comlink from 'comlink';
import { createEngineWith } from './engine/engine.ts';
import { loadTaskDefinitionJsonSchema } from './engine/taskdef/index.ts';
import { PlaybackController, isSpeed, type PlaybackClock } from './playback.ts';
import type { LearningMethod, WorkerSession } from './session/worker-session.ts';
import { commandsFor, loadAllCommands, lookupCommand } from './worker-commands.ts';
import type { ExplainQuery, PlaybackState, SandboxEngine, SessionState, Snapshot, Speed, WorkerApi } from './protocol.ts';

/** Every engine, live or spare, looks commands up in the one table (the full one once loaded). */
const createEngine = (): SandboxEngine => createEngineWith(lookupCommand);

/** Answers snapshots and read-only questions until the first scenario's session exists. */
let emptyEngine: SandboxEngine | null = null;
const bare = (): SandboxEngine => (emptyEngine ??= createEngine());

const clock: PlaybackClock = {
  now: () => performance.now(),
  schedule: (fn, delayMs) => {
    const id = setTimeout(fn, delayMs);
    return () => clearTimeout(id);
  },
};

let learning: WorkerSession | null = null;
let learningChunk: Promise<WorkerSession> | undefined;
const learn = (): Promise<WorkerSession> =>
  (learningChunk ??= import('./session/worker-session.ts').then(({ WorkerSession }) => {
    learning = new WorkerSession({
      createEngine,
      commandsFor,
      loadAllCommands,
      clock,
      changed: () => {
        pauseForPrediction();
        playback.engineChanged();
      },
    });
    return learning;
  }));
void learn().catch(() => {
  learningChunk = undefined; // retried on first use
});

/** The live engine (the session's timeline) for read-only questions. */
const live = (): SandboxEngine => learning?.current?.timeline.engine ?? bare();

const playback = new PlaybackController(
  {
    advance: (ms) => {
      if (!learning?.current) return bare().advance(ms);
      learning.advance(ms);
      pauseForPrediction();
    },
    nextTimerAt: () => (learning?.current ?? bare()).nextTimerAt(),
    snapshot: () => (learning?.current ?? bare()).snapshot(),
  },
  clock,
);

/**
 * A lesson step that asks for a prediction stops the clock when it begins, so it can be answered.
 * Asked only while playing: a step that begins while paused (at load, before the page starts the
 * clock) stops the clock at the first tick instead.
 */
function pauseForPrediction(): void {
  if (playback.state().playing && learning?.current?.takePredictionPause()) playback.pause();
}

function message(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

/**
 * A forwarded method. If the session chunk cannot be fetched (offline), the answer is a value
 * carrying the sentence in every shape a caller reads (`message`, `issues`, `error`).
 */
function forward(name: LearningMethod) {
  return async (...args: unknown[]): Promise<unknown> => {
    try {
      const session = await learn();
      return await (session[name] as (...a: unknown[]) => Promise<unknown>).apply(session, args);
    } catch (error) {
      learningChunk = undefined;
      const text = `The sandbox could not load its learning session (${message(error)}). Reload the page to try again.`;
      return { ok: false, message: text, issues: [{ message: text }], step: 1, action: name, error: { code: 'InternalError', message: text }, file: '', antiSolutions: [], durationMs: 0 };
    }
  };
}

const FORWARDED = ['loadScenario', 'loadParsedScenario', 'runCommandText', 'dispatch', 'session', 'undo', 'redo', 'jumpTo', 'reset', 'revealHint', 'answerPrediction', 'revealSolution', 'exportRun', 'restoreRun', 'checkScenario'] as const satisfies readonly LearningMethod[];
/** Compile-time: every method the session answers is forwarded (LEARNING_METHODS cannot be imported here without the chunk). */
const everyMethodForwarded: [Exclude<LearningMethod, (typeof FORWARDED)[number]>] extends [never] ? true : never = true;
void everyMethodForwarded;

const api = {
  ...(Object.fromEntries(FORWARDED.map((name) => [name, forward(name)])) as Pick<WorkerApi, LearningMethod>),

  async validateTaskDefinition(input: unknown) {
    try {
      return live().validateTaskDefinition(input);
    } catch (error) {
      return { valid: false, errors: [{ path: '', code: 'InternalError', message: message(error) }] };
    }
  },

  async explainPlacement(query: ExplainQuery) {
    try {
      await commandsFor([{ 'sim:ExplainPlacement': query }]);
      return live().explainPlacement(query);
    } catch (error) {
      return { ok: false as const, error: { code: 'InternalError', message: message(error) } };
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
    learning?.changed();
  },

  async step(ms?: number) {
    playback.step(ms);
    learning?.changed();
  },

  async setSpeed(speed: Speed) {
    if (isSpeed(speed)) playback.setSpeed(speed);
  },

  async subscribe(listener: (snapshot: Snapshot, playback: PlaybackState, session: SessionState) => void, minIntervalMs?: number) {
    // A scenario load posted before this must be in first: the first snapshot is the loaded one.
    await learn().then((session) => session.idle()).catch(() => undefined);
    playback.publisher.subscribe((snapshot, state) => {
      // The listener is a comlink proxy: calling it posts a message; its promise is not awaited
      // so a slow page never blocks the clock. A closed page just rejects.
      void Promise.resolve(listener(snapshot, state, learning?.state(snapshot.time) as SessionState)).catch(() => undefined);
    }, minIntervalMs);
    // The page is live: fetch the rest of the commands now, so the learner's first command (and
    // the first undo) need not wait.
    setTimeout(() => void learning?.fullTable().catch(() => undefined), 0);
  },

  async snapshot() {
    return (learning?.current ?? bare()).snapshot();
  },
} satisfies WorkerApi;

Comlink.expose(api);
