// Saved progress: one versioned key per scenario, damaged entries ignored, storage that throws
// degrades to a one-line notice, and an imported file is checked whole before anything is written.
import { describe, expect, it } from 'vitest';
import { KEY_PREFIX, ProgressStore, parseProgressFile } from '../../../src/lib/progress/store.ts';
import { summarize, type SavedProgress } from '../../../src/lib/progress/progress.ts';
import { lesson } from '../view-model/lesson/fixtures.ts';
import { MemoryStorage } from './memory-storage.ts';

/** Private mode in some browsers, or a sandboxed iframe: every access throws. */
const throwing = new Proxy({} as Storage, { get() { throw new DOMException('denied', 'SecurityError'); } });

function saved(scenarioId = 'launch-types', over: Partial<SavedProgress> = {}): SavedProgress {
  return { v: 1, scenarioId, savedAt: '2026-12-07T11:00:00.000Z', summary: summarize(lesson()), run: '{"v":1,"scenario":"launch-types","seed":1,"end":0,"steps":[]}', ...over };
}

describe('ProgressStore', () => {
  it('saves and loads one key per scenario', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage);
    store.save(saved());
    store.save(saved('placement', { hints: { 'run-ec2': 2 } }));
    expect(storage.getItem(`${KEY_PREFIX}launch-types`)).toContain('"scenarioId":"launch-types"');
    expect(store.load('placement')?.hints).toEqual({ 'run-ec2': 2 });
    expect(store.load('launch-types')).toEqual(saved());
    expect(store.all().map((p) => p.scenarioId)).toEqual(['launch-types', 'placement']);
    store.remove('placement');
    expect(store.load('placement')).toBeNull();
  });

  it('the summary says how far the lesson got', () => {
    expect(summarize(lesson())).toEqual({ stepsDone: 1, stepsTotal: 3, completed: false, hintsShown: 0, solutionRevealed: false, attempts: 2 });
  });

  it('ignores a damaged or foreign entry', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${KEY_PREFIX}a`, '{not json');
    storage.setItem(`${KEY_PREFIX}b`, JSON.stringify(saved('c'))); // under another scenario's key
    storage.setItem(`${KEY_PREFIX}d`, JSON.stringify({ ...saved('d'), v: 99 }));
    const store = new ProgressStore(storage);
    expect([store.load('a'), store.load('b'), store.load('d')]).toEqual([null, null, null]);
    expect(store.all()).toEqual([]);
  });

  it('storage that throws is a notice, never a crash', () => {
    const store = new ProgressStore(null);
    expect(store.unavailable).toMatch(/not saved/);
    store.save(saved());
    expect(store.load('launch-types')).toBeNull();
    expect(store.all()).toEqual([]);
    const full = new ProgressStore(throwing);
    expect(() => full.save(saved())).not.toThrow();
    expect(full.unavailable).toMatch(/could not be saved/);
    expect(full.load('x')).toBeNull();
    expect(full.all()).toEqual([]);
    expect(() => full.remove('x')).not.toThrow();
  });

  it('exports everything and imports it into another browser', () => {
    const source = new ProgressStore(new MemoryStorage());
    source.save(saved());
    const file = source.exportFile(new Date('2026-12-07T12:00:00Z'));
    const target = new ProgressStore(new MemoryStorage());
    expect(target.importFile(file)).toEqual({ ok: true, count: 1 });
    expect(target.load('launch-types')).toEqual(saved());
  });

  it('a bad file is refused with a sentence and changes nothing', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage);
    store.save(saved('placement'));
    const before = JSON.stringify([...Array(storage.length).keys()].map((i) => storage.getItem(storage.key(i)!)));
    const good = JSON.parse(new ProgressStore(new MemoryStorage()).exportFile(new Date()));
    const cases: [string, RegExp][] = [
      ['hello', /not JSON/],
      ['{"format":"something-else"}', /not an ECS Sandbox progress file/],
      [JSON.stringify({ ...good, v: 2 }), /version 2/],
      [JSON.stringify({ ...good, scenarios: [saved(), { ...saved('placement'), scenarioId: '../etc' }] }), /entry 2: "scenarioId" must be a scenario id/],
      [JSON.stringify({ ...good, scenarios: [{ ...saved(), summary: { stepsDone: 4, stepsTotal: 3 } }] }), /entry 1: "summary"/],
      [JSON.stringify({ ...good, scenarios: [{ ...saved(), run: 42 }] }), /"run"/],
      [JSON.stringify({ ...good, scenarios: [{ ...saved(), hints: { 'fargate-task': 1e9 } }] }), /"hints"/],
      [JSON.stringify({ ...good, scenarios: [{ ...saved(), hints: ['fargate-task'] }] }), /"hints"/],
    ];
    for (const [text, message] of cases) {
      const result = store.importFile(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
      if (!result.ok) expect(result.message).toMatch(/Nothing was changed\.$/);
    }
    expect(JSON.stringify([...Array(storage.length).keys()].map((i) => storage.getItem(storage.key(i)!)))).toBe(before);
  });

  it('parseProgressFile refuses huge files before parsing them', () => {
    expect(parseProgressFile('x'.repeat(5_000_001))).toMatchObject({ ok: false });
  });
});
