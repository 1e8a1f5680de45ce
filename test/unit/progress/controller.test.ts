// The lesson controller around a fake client: saved work is replayed when its scenario opens (with
// the notice), a run in the link wins over it and leaves the address, a refused link is said while
// the scenario still opens, work is saved a moment after a change (not when nothing was done, not
// while restoring), Start over forgets it, and a browser without storage gets a notice, not a crash.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionState } from '../../../workers/protocol.ts';
import type { SandboxClient } from '../../../src/lib/sandbox-client.svelte.ts';
import { LessonController, SAVE_DELAY_MS } from '../../../src/lib/lesson-controller.svelte.ts';
import { ProgressStore } from '../../../src/lib/progress/store.ts';
import { toBase64Url } from '../../../src/lib/share.ts';
import { lesson } from '../view-model/lesson/fixtures.ts';
import { MemoryStorage } from './memory-storage.ts';

const RUN = JSON.stringify({ v: 1, scenario: 'launch-types', seed: 11, end: 5000, steps: [[1000, { 'ecs:RunTask': {} }]] });

/** Saved work on launch-types (from 10:00), as a previous visit left it. */
function saveWork(storage: Storage, summary: { stepsDone: number; hintsShown: number; attempts: number }, extra: { hints?: Record<string, number> } = {}): void {
  new ProgressStore(storage).save({ v: 1, scenarioId: 'launch-types', savedAt: '2026-12-07T10:00:00.000Z', summary: { stepsTotal: 3, completed: false, solutionRevealed: false, ...summary }, run: RUN, ...extra });
}

function session(commands: number, over: Partial<SessionState> = {}): SessionState {
  return {
    scenarioId: 'launch-types',
    lesson: lesson(),
    timeline: { startMs: 0, endMs: 5000, nowMs: 5000, inPast: false, canUndo: commands > 0, canRedo: false, commands, commandTimes: [] },
    ...over,
  };
}

function fakeClient(initial: SessionState) {
  const restored: string[] = [];
  let resets = 0;
  const client = {
    session: initial as SessionState | null,
    restoreRun: vi.fn(async (run: string) => {
      restored.push(run);
      return run.includes('"refuse"') ? { ok: false as const, message: 'Command 1 of the saved run: refused.' } : { ok: true as const };
    }),
    exportRun: vi.fn(async () => RUN),
    revealHint: vi.fn(async (objectiveId: string) =>
      objectiveId === 'fargate-task' ? { ok: true as const, hint: { en: 'a hint' } } : { ok: false as const, message: `${objectiveId} is not in the current step.` },
    ),
    reset: vi.fn(async () => {
      resets++;
      return { ok: true as const };
    }),
  };
  return { client, asClient: client as unknown as SandboxClient, restored, resets: () => resets };
}

function stubPage(hash = '') {
  const page = { href: `https://learn.example/?scenario=launch-types${hash}`, hash };
  const replaced: string[] = [];
  vi.stubGlobal('location', page);
  vi.stubGlobal('history', { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) });
  return replaced;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The controller on a fake client whose scenario has just opened (its first session seen, settled). */
async function opened(storage: Storage | null, initial: SessionState) {
  const fake = fakeClient(initial);
  const controller = new LessonController(fake.asClient, storage);
  controller.onSession(fake.client.session);
  await settle();
  return { ...fake, controller };
}

async function settle() {
  await vi.advanceTimersByTimeAsync(0);
  await flush;
}

describe('LessonController', () => {
  it('restores saved work when its scenario opens, and says from when', async () => {
    stubPage();
    const storage = new MemoryStorage();
    saveWork(storage, { stepsDone: 1, hintsShown: 0, attempts: 1 });
    const { restored, controller } = await opened(storage, session(0));
    expect(restored).toEqual([RUN]);
    expect(controller.notice).toEqual({ kind: 'restored', savedAt: '2026-12-07T10:00:00.000Z', from: 'saved' });
  });

  it('shows again the hints the learner had read, after the run is replayed', async () => {
    stubPage();
    const storage = new MemoryStorage();
    saveWork(storage, { stepsDone: 0, hintsShown: 3, attempts: 1 }, { hints: { 'fargate-task': 2, 'done-before': 1 } });
    const { client } = await opened(storage, session(0));
    expect(client.revealHint.mock.calls.map((call) => call[0])).toEqual(['fargate-task', 'fargate-task', 'done-before']);
  });

  it('does not replay saved work over commands run meanwhile', async () => {
    stubPage();
    const storage = new MemoryStorage();
    saveWork(storage, { stepsDone: 1, hintsShown: 0, attempts: 1 });
    const { restored, controller } = await opened(storage, session(1));
    expect(restored).toEqual([]);
    expect(controller.notice).toBeNull();
  });

  it('a run in the link wins over saved work, and leaves the address', async () => {
    const linkRun = RUN.replace('5000', '6000');
    const replaced = stubPage(`#runjson=${toBase64Url(new TextEncoder().encode(linkRun))}`);
    const storage = new MemoryStorage();
    saveWork(storage, { stepsDone: 0, hintsShown: 0, attempts: 0 });
    const { restored, controller } = await opened(storage, session(0));
    expect(restored).toEqual([linkRun]);
    expect(controller.notice).toMatchObject({ kind: 'restored', from: 'link' });
    expect(replaced).toEqual(['https://learn.example/?scenario=launch-types']);
  });

  it('a refused link is said, and saved work is still restored', async () => {
    stubPage('#run=!!');
    const storage = new MemoryStorage();
    saveWork(storage, { stepsDone: 0, hintsShown: 0, attempts: 0 });
    const { restored, controller } = await opened(storage, session(0));
    expect(controller.notice).toEqual({ kind: 'refused', message: 'The shared run in this link was not restored: it is not base64url text (was the link cut or edited?).' });
    expect(restored).toEqual([RUN]);
  });

  it('saves a moment after a change, with the lesson summary; not when nothing was done', async () => {
    stubPage();
    const storage = new MemoryStorage();
    const { client, controller } = await opened(storage, session(0));
    // The clock ran but the learner did nothing: nothing worth restoring.
    client.session = session(0, { timeline: { ...session(0).timeline, endMs: 60_000 } });
    controller.onSession(client.session);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(controller.store.load('launch-types')).toBeNull();
    client.session = session(1);
    controller.onSession(client.session);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 100);
    expect(controller.store.load('launch-types')).toBeNull(); // not yet
    await vi.advanceTimersByTimeAsync(200);
    const saved = controller.store.load('launch-types');
    expect(saved).toMatchObject({ scenarioId: 'launch-types', run: RUN, summary: { stepsDone: 1, stepsTotal: 3, attempts: 2 } });
    expect(controller.savedVersion).toBe(1);
    // Reset (the header's, not Start over) or undoing every command: the saved work goes too.
    client.session = session(0, { lesson: lesson({ hintsShown: 0 }) });
    controller.onSession(client.session);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(controller.store.load('launch-types')).toBeNull();
  });

  it('progress imported for the open scenario is not forgotten while its run is still empty', async () => {
    stubPage();
    const storage = new MemoryStorage();
    const { client, controller } = await opened(storage, session(0));
    saveWork(storage, { stepsDone: 1, hintsShown: 0, attempts: 1 });
    client.session = session(0, { timeline: { ...session(0).timeline, endMs: 90_000 } }); // the clock ran on
    controller.onSession(client.session);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(controller.store.load('launch-types')).not.toBeNull();
  });

  it('Start over forgets the saved work and resets the scenario', async () => {
    stubPage();
    const storage = new MemoryStorage();
    const { client, resets, controller } = await opened(storage, session(1));
    client.session = session(2);
    controller.onSession(client.session);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(controller.store.load('launch-types')).not.toBeNull();
    await controller.startOver();
    expect(controller.store.load('launch-types')).toBeNull();
    expect(resets()).toBe(1);
    expect(controller.notice).toBeNull();
  });

  it('without storage: a one-line notice, and everything else still works', async () => {
    stubPage();
    const { client, asClient } = fakeClient(session(1));
    const controller = new LessonController(asClient, null);
    expect(controller.storageNotice).toMatch(/^Your progress is not saved: /);
    controller.onSession(client.session);
    await settle();
    client.session = session(2);
    controller.onSession(client.session);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(controller.notice).toBeNull();
  });
});
