// A fake window (parent, ancestorOrigins, message listeners, timers) and a fake SandboxClient for
// the bridge tests: the bridge runs exactly as in the page, messages are structured-cloned as a
// browser does, and the tests read what it posted.
import { vi } from 'vitest';
import type { LessonState, ObjectiveStatus, Scenario, ScenarioIssue, SessionState, Speed } from '../../../workers/protocol.ts';
import { EmbedBridge, type BridgeClient, type BridgeOptions, type BridgeWindow, type TextOutcome } from '../../../src/lib/embed/bridge.ts';
import type { Theme } from '../../../src/lib/embed/options.ts';

export const HOST = 'https://lms.example.edu';
export const OTHER = 'https://other.example.com';
/** The harness's wall clock at its start (epoch ms). */
export const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

export interface Posted {
  message: any;
  origin: string;
}

export class FakeWindow implements BridgeWindow {
  posted: Posted[] = [];
  parent = { postMessage: (message: unknown, origin: string) => this.posted.push({ message: structuredClone(message), origin }) };
  location: { ancestorOrigins?: ArrayLike<string> };
  #listeners = new Set<(event: MessageEvent) => void>();

  /** undefined: a browser without location.ancestorOrigins (Firefox). */
  constructor(ancestorOrigins: string[] | undefined) {
    this.location = ancestorOrigins === undefined ? {} : { ancestorOrigins };
  }

  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.#listeners.add(listener);
  }

  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.#listeners.delete(listener);
  }

  setTimeout(callback: () => void, ms: number): unknown {
    return setTimeout(callback, ms);
  }

  clearTimeout(handle: unknown): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }

  /** A message as the browser delivers it: cloned, with its origin and source window. */
  send(data: unknown, origin = HOST, source: unknown = this.parent): void {
    const event = { data: structuredClone(data), origin, source } as unknown as MessageEvent;
    for (const listener of this.#listeners) listener(event);
  }

  /** The messages of one type posted so far. */
  of(type: string): Posted[] {
    return this.posted.filter((p) => p.message?.type === type);
  }

  reset(): void {
    this.posted = [];
  }
}

/** A command envelope; id null: none. */
export function command(type: string, payload: unknown = {}, id: string | number | null = 'r1'): Record<string, unknown> {
  return { source: 'ecs-sandbox', version: 1, type, payload, ...(id === null ? {} : { id }) };
}

export function objective(id: string, patch: Partial<ObjectiveStatus> = {}): ObjectiveStatus {
  return { id, title: { en: `Objective ${id}` }, passed: false, pending: false, expected: '', actual: '', sentence: '', hints: [], hintCount: 2, ...patch };
}

export function lesson(scenarioId: string, objectives: ObjectiveStatus[][], patch: Partial<LessonState> = {}): LessonState {
  return {
    scenarioId,
    steps: objectives.map((list, i) => ({ id: `step-${i + 1}`, title: { en: `Step ${i + 1}` }, instructions: { en: '' }, state: 'active', objectives: list }) as unknown as LessonState['steps'][number]),
    activeStep: 0,
    completed: false,
    attempts: 0,
    solutionRevealed: false,
    hintsShown: 0,
    startedAtMs: 1000,
    ...patch,
  };
}

export function session(scenarioId: string, lessonState: LessonState | null, commands = 0, endMs = 1000): SessionState {
  return { scenarioId, lesson: lessonState, timeline: { startMs: 1000, endMs, nowMs: endMs, inPast: false, canUndo: commands > 0, canRedo: false, commands, commandTimes: [] } };
}

export function scenarioOf(id: string): Scenario {
  return { id, title: `Scenario ${id}`, summary: `About ${id}` } as unknown as Scenario;
}

export class FakeClient implements BridgeClient {
  progressKeptByHost = false;
  session: SessionState | null = null;
  scenario: Scenario | null = null;
  run = '{"run":1}';
  /** What a load of a given text opens (its scenario id), or issues. */
  loads: Array<{ text: string }> = [];
  loadResult: { ok: true; id: string } | { ok: false; issues: ScenarioIssue[] } = { ok: true, id: 'launch-types' };
  restoreResult: { ok: true } | { ok: false; message: string } = { ok: true };
  /** Called by restoreRun when it succeeds, to publish the restored session. */
  onRestore: ((run: string) => void) | null = null;
  hintsRevealed: string[] = [];
  /** Called by revealHint, to publish the session showing the hint. */
  onReveal: ((objectiveId: string) => void) | null = null;

  loadScenarioText = vi.fn(async (text: string) => {
    this.loads.push({ text });
    const result = this.loadResult;
    if (!result.ok) return { ok: false as const, issues: result.issues };
    this.scenario = scenarioOf(result.id);
    return { ok: true as const };
  });

  reset = vi.fn(async () => {
    this.scenario = this.scenario === null ? null : { ...this.scenario };
    return { ok: true as const };
  });

  exportRun = vi.fn(async () => this.run);

  restoreRun = vi.fn(async (run: string) => {
    if (this.restoreResult.ok) this.onRestore?.(run);
    return this.restoreResult;
  });

  revealHint = vi.fn(async (objectiveId: string) => {
    this.hintsRevealed.push(objectiveId);
    this.onReveal?.(objectiveId);
    return { ok: true as const };
  });

  play = vi.fn(async () => undefined);
  pause = vi.fn(async () => undefined);
  setSpeed = vi.fn(async (_speed: Speed) => undefined);
}

export interface Harness {
  win: FakeWindow;
  client: FakeClient;
  bridge: EmbedBridge;
  logs: string[];
  applied: Theme[];
  bundled: ReturnType<typeof vi.fn>;
  fetched: ReturnType<typeof vi.fn>;
  /** The bridge's wall clock (now()): epoch ms, move it forward by hand. */
  clock: { ms: number };
  /** Publishes a session (and the client's scenario) as the client's watcher does. */
  publish(s: SessionState): void;
}

export function harness(options: { origins?: string[]; ancestorOrigins?: string[] | undefined; fetchOutcome?: TextOutcome; activityBase?: string } = {}): Harness {
  const win = new FakeWindow('ancestorOrigins' in options ? options.ancestorOrigins : [HOST]);
  const client = new FakeClient();
  const logs: string[] = [];
  const clock = { ms: T0 };
  const applied: Theme[] = [];
  const bundled = vi.fn(async (id: string) => (id === 'launch-types' || id === 'sandbox' ? `id: ${id}\n` : null));
  const fetched = vi.fn(async (_url: string): Promise<TextOutcome> => options.fetchOutcome ?? { ok: true, text: 'id: from-url\n' });
  const bridgeOptions: BridgeOptions = {
    client,
    win,
    origins: options.origins ?? [HOST],
    activityBase: options.activityBase ?? 'https://sandbox.example.org/lab/scenarios/',
    language: 'en',
    bundledScenario: bundled,
    fetchScenario: fetched,
    applyTheme: (theme) => applied.push(theme),
    now: () => clock.ms,
    log: (m) => logs.push(m),
  };
  const bridge = new EmbedBridge(bridgeOptions);
  return {
    win, client, bridge, logs, applied, bundled, fetched, clock,
    publish(s) {
      client.session = s;
      if (client.scenario === null || client.scenario.id !== s.scenarioId) client.scenario = scenarioOf(s.scenarioId);
      bridge.onSession(s, client.scenario);
    },
  };
}

/** Lets queued commands (promise chains) run to their reply. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
