// Undo is the log without its last command: the run goes back to the instant that command ran,
// exactly as it was just before it (the same snapshot), and a plain engine that never ran the
// command agrees. Redo puts it back; a new command or new time ends redo.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { Timeline } from '../../../workers/timeline/index.ts';
import { CAPACITY, drive, MINUTE, sameJson, timeline } from './helpers.ts';

const SEED = 8;

describe('undo and redo (capacity.yaml)', () => {
  it('undo removes exactly the last command: the snapshot is the one just before it ran', () => {
    const run = timeline();
    drive(run, 20, SEED);
    const before = JSON.stringify(run.snapshot());
    const at = run.now;
    const command = { 'ecs:UpdateService': { cluster: 'managed', service: 'worker', desiredCount: 14 } };
    expect('error' in run.dispatch(command)).toBe(false);
    run.advance(7 * MINUTE);
    const after = JSON.stringify(run.snapshot());
    expect(after).not.toBe(before);

    const undone = run.undo();
    expect(undone).toEqual({ ok: true, undone: { at, step: command } });
    expect(run.now).toBe(at);
    sameJson(JSON.stringify(run.snapshot()), before, 'after undo');
    expect(run.log().entries.map((entry) => JSON.stringify(entry.step))).not.toContain(JSON.stringify(command));

    // A plain engine given the log without the command reaches the same state.
    const plain = createEngine();
    plain.load(CAPACITY);
    let now = plain.snapshot().time;
    for (const entry of run.log().entries) {
      plain.advance(entry.at - now);
      now = entry.at;
      plain.dispatch(entry.step);
    }
    plain.advance(at - now);
    sameJson(JSON.stringify(plain.snapshot()), before, 'plain engine without the command');

    expect(run.redo()).toEqual({ ok: true });
    expect(run.now).toBe(at + 7 * MINUTE);
    sameJson(JSON.stringify(run.snapshot()), after, 'after redo');
  });

  it('undo after time ran on removes the command, then the one before it', () => {
    const run = timeline();
    drive(run, 13, SEED);
    const entries = run.log().entries;
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const [second, last] = entries.slice(-2);
    expect(run.undo()).toMatchObject({ ok: true, undone: last });
    expect(run.undo()).toMatchObject({ ok: true, undone: second });
    expect(run.now).toBe(second!.at);
    expect(run.log().entries).toEqual(entries.slice(0, -2));
    expect(run.redo()).toEqual({ ok: true });
    expect(run.log().entries).toEqual(entries.slice(0, -1));
    expect(run.now).toBe(last!.at);
  });

  it('a command or new time after an undo ends redo; nothing to undo is said', () => {
    const run = timeline();
    expect(run.undo()).toEqual({ ok: false, message: expect.stringContaining('nothing to undo') });
    drive(run, 7, SEED);
    run.undo();
    run.advance(MINUTE);
    expect(run.canRedo).toBe(false);
    expect(run.redo()).toEqual({ ok: false, message: expect.stringContaining('nothing to redo') });
    run.undo();
    expect(run.canRedo).toBe(true);
    run.dispatch({ 'ecs:UpdateService': { cluster: 'managed', service: 'web', desiredCount: 3 } });
    expect(run.canRedo).toBe(false);
  });

  it('a refused command is not logged: undo skips it', () => {
    const run = timeline();
    run.dispatch({ 'ecs:UpdateService': { cluster: 'managed', service: 'worker', desiredCount: 9 } });
    run.advance(MINUTE);
    const refused = run.dispatch({ 'ecs:UpdateService': { cluster: 'managed', service: 'nope', desiredCount: 1 } });
    expect('error' in refused).toBe(true);
    expect(run.log().entries).toHaveLength(1);
    expect(run.undo()).toMatchObject({ ok: true, undone: { step: { 'ecs:UpdateService': { service: 'worker' } } } });
  });

  it('undo works on a rebuilt run and leaves spares no later than the cut', () => {
    const run = timeline();
    drive(run, 30, SEED);
    for (let i = 0; i < 30; i++) run.maintain(() => false);
    const rebuilt = Timeline.fromLog(run.log(), { createEngine: () => createEngine() });
    const last = run.log().entries.at(-1)!;
    rebuilt.undo();
    run.undo();
    sameJson(JSON.stringify(rebuilt.snapshot()), JSON.stringify(run.snapshot()), 'undo on a rebuilt run');
    for (const cursor of run.spareCursors) expect(cursor.timeMs <= last.at).toBe(true);
  });
});
