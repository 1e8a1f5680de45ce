// The worker's learning half without comlink: loads (a failed one leaves the previous scenario and
// run), the learner's commands, undo and restore through it, the check runner in fresh engines, and
// the background upkeep of the timeline's spares on a fake clock.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import * as lessonRuntime from '../../../workers/lesson/index.ts';
import type { PlaybackClock } from '../../../workers/playback.ts';
import { Maintainer, WorkerSession } from '../../../workers/session/index.ts';
import { LESSON, MINUTE, runWeb, SETUP } from './helpers.ts';

class FakeClock implements PlaybackClock {
  time = 0;
  queue: { at: number; fn: () => void }[] = [];
  now = (): number => this.time;
  schedule = (fn: () => void, delayMs: number): (() => void) => {
    const entry = { at: this.time + delayMs, fn };
    this.queue.push(entry);
    return () => {
      this.queue = this.queue.filter((queued) => queued !== entry);
    };
  };
  /** Runs every callback due within `ms`, in order. */
  run(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (next === undefined || next.at > end) break;
      this.queue.shift();
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
    this.time = end;
  }
}

function host(clock = new FakeClock()) {
  let changes = 0;
  const session = new WorkerSession({
    createEngine: () => createEngine(),
    commandsFor: async () => undefined,
    loadAllCommands: async () => undefined,
    clock,
    changed: () => {
      changes++;
    },
    lesson: async () => lessonRuntime,
  });
  return { session, clock, changes: () => changes };
}

const yaml = (id: string, rest = '') => `id: ${id}\n${SETUP}${rest}`;

describe('WorkerSession', () => {
  it('switches scenario in place; a scenario that does not parse leaves the previous one and its run', async () => {
    const { session } = host();
    expect(await session.loadScenario(yaml('first'))).toMatchObject({ ok: true, load: { scenario: { id: 'first' } } });
    await session.dispatch(runWeb(2));
    const run = await session.exportRun();
    const refused = await session.loadScenario(`${yaml('second')}steps: 12\n`);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.issues[0]).toMatchObject({ line: expect.any(Number), message: expect.any(String) });
    expect(session.current!.scenario.id).toBe('first');
    expect(await session.exportRun()).toBe(run);
    expect((await session.session()).timeline.commands).toBe(1);
  });

  it('runs the command box text through the rules, stopping at a refused step', async () => {
    const { session, changes } = host();
    await session.loadScenario(yaml('rules', 'allowedActions: [ecs:RunTask]\n'));
    const before = changes();
    const outcome = await session.runCommandText('- ecs:RunTask: {cluster: demo, taskDefinition: web}\n- ecs:CreateService: {cluster: demo, serviceName: web, taskDefinition: web, desiredCount: 1}\n- ecs:RunTask: {cluster: demo, taskDefinition: web}\n');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.results.map((result) => ('error' in result ? result.error.code : 'ok'))).toEqual(['ok', 'ActionNotAllowed']);
    expect(changes()).toBeGreaterThan(before);
    expect(session.current!.snapshot().tasks).toHaveLength(1);
  });

  it('undo and restore answer values, never throw; nothing loaded is said', async () => {
    const { session } = host();
    expect(await session.undo()).toEqual({ ok: false, message: 'No scenario is loaded yet.' });
    expect(await session.reset()).toEqual({ ok: false, issues: [{ message: 'No scenario is loaded yet.' }] });
    await session.loadScenario(yaml('values', LESSON));
    await session.dispatch(runWeb(2));
    expect(await session.undo()).toMatchObject({ ok: true, undone: runWeb(2) });
    expect(session.current!.snapshot().tasks).toEqual([]);
    expect(await session.restoreRun('{"v":1,"scenario":"elsewhere","seed":1,"end":0,"steps":[]}')).toMatchObject({ ok: false, message: expect.stringMatching(/"elsewhere", not of "values"/) });
    expect(await session.revealHint('two-running')).toMatchObject({ ok: true });
  });

  it('the first snapshot waits for a load in flight (idle)', async () => {
    const { session } = host();
    const loading = session.loadScenario(yaml('idle'));
    let idle = false;
    const waiting = session.idle().then(() => {
      idle = true;
    });
    expect(idle).toBe(false);
    await loading;
    await waiting;
    expect(session.current!.scenario.id).toBe('idle');
  });

  it('checks a scenario in fresh engines without touching the run', async () => {
    const { session } = host();
    await session.loadScenario(yaml('checked', LESSON));
    await session.dispatch(runWeb(1));
    const run = await session.exportRun();
    const report = await session.checkScenario(yaml('checked', LESSON), 'checked.yaml');
    expect(report).toMatchObject({ file: 'checked.yaml', scenarioId: 'checked', ok: true, solution: { ok: true } });
    const broken = await session.checkScenario(`${yaml('broken')}steps: 12\n`, 'broken.yaml');
    expect(broken.ok).toBe(false);
    expect(broken.issues.length).toBeGreaterThan(0);
    expect(await session.exportRun()).toBe(run);
  });
});

describe('Maintainer', () => {
  it('works in slices with gaps while work remains, then idles until kicked', () => {
    const clock = new FakeClock();
    const slices: number[] = [];
    let remaining = 3;
    const maintainer = new Maintainer(clock, (deadline) => {
      slices.push(clock.now());
      clock.time += 5; // the work takes real time
      expect(deadline()).toBe(false);
      clock.time += 5;
      expect(deadline()).toBe(true);
      return --remaining > 0;
    }, { sliceMs: 8, gapMs: 30 });
    maintainer.kick();
    maintainer.kick(); // one slice is coming already
    clock.run(1000);
    expect(slices).toEqual([30, 70, 110]);
    expect(clock.queue).toHaveLength(0);
    remaining = 1;
    maintainer.kick();
    clock.run(1000);
    expect(slices).toHaveLength(4);
  });

  it('keeps the timeline spares behind the present while the worker session plays', async () => {
    const { session, clock } = host();
    await session.loadScenario(yaml('spares'));
    await session.fullTable();
    for (let m = 0; m < 40; m++) {
      session.advance(MINUTE);
      clock.run(100);
    }
    clock.run(10_000);
    expect(session.current!.timeline.spareCursors.length).toBeGreaterThan(0);
  });
});
