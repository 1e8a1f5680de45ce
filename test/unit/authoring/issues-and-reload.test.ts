// Issue sentences name the source, line, column and problem; markers span from the issue's
// column to the end of its line (clamped into the text); live reload waits for the author to
// pause, runs one reload at a time with only the newest text, and never reloads the same text twice.
import { describe, expect, it } from 'vitest';
import { issueMarkers, issueSentence, refusalSentence } from '../../../src/lib/authoring/issues.ts';
import { LiveReload, type Timers } from '../../../src/lib/authoring/live-reload.ts';

describe('issue sentences and markers', () => {
  it('names source, line and column', () => {
    expect(issueSentence('a.yaml', { message: 'unknown key "titel"', line: 3, column: 5 })).toBe('a.yaml, line 3, column 5: unknown key "titel"');
    expect(issueSentence('a.yaml', { message: 'not YAML' })).toBe('a.yaml: not YAML');
    expect(refusalSentence('https://x/a.yaml', [{ message: 'm1', line: 1 }, { message: 'm2' }, { message: 'm3' }])).toBe(
      'Refused https://x/a.yaml, line 1: m1 (and 2 more problems). The scenario loaded before stays.',
    );
  });

  it('marks from the column to the end of the line, clamped into the text', () => {
    const text = 'id: x\nsteps:\n  - titel: y\n';
    expect(issueMarkers(text, [{ message: 'm', line: 3, column: 5 }])).toEqual([{ message: 'm', startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 13 }]);
    // No column: from the first non-blank character.
    expect(issueMarkers(text, [{ message: 'm', line: 3 }])[0]).toMatchObject({ startColumn: 3 });
    // No line: the first line; past the end: the last line.
    expect(issueMarkers(text, [{ message: 'm' }])[0]).toMatchObject({ startLineNumber: 1 });
    expect(issueMarkers(text, [{ message: 'm', line: 99 }])[0]).toMatchObject({ startLineNumber: 4, startColumn: 1, endColumn: 2 });
  });
});

/** Timers the test fires by hand. */
function manualTimers(): Timers & { fire(): void; pending(): number } {
  let queue: { fn: () => void; id: number }[] = [];
  let next = 0;
  return {
    set(fn) {
      const id = next++;
      queue.push({ fn, id });
      return id;
    },
    clear(handle) {
      queue = queue.filter((t) => t.id !== handle);
    },
    fire() {
      const due = queue;
      queue = [];
      for (const t of due) t.fn();
    },
    pending: () => queue.length,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('LiveReload', () => {
  it('reloads the last text after a pause, one at a time, newest only, never the same twice', async () => {
    const timers = manualTimers();
    const reloaded: string[] = [];
    const results: string[] = [];
    let release: () => void = () => undefined;
    const live = new LiveReload(
      (text: string) => {
        reloaded.push(text);
        return new Promise<string>((resolve) => (release = () => resolve(`ok ${text}`)));
      },
      (_text, result) => results.push(result),
      500,
      timers,
    );
    live.loaded('a');
    live.changed('ab');
    live.changed('abc'); // the pause starts again: one timer
    expect(timers.pending()).toBe(1);
    timers.fire();
    expect(reloaded).toEqual(['abc']);
    live.changed('abcd');
    timers.fire(); // while 'abc' reloads: waits
    live.changed('abcde');
    timers.fire();
    expect(reloaded).toEqual(['abc']);
    release();
    await settle();
    expect(reloaded).toEqual(['abc', 'abcde']);
    release();
    await settle();
    expect(results).toEqual(['ok abc', 'ok abcde']);
    live.changed('abcde'); // unchanged since the last reload
    timers.fire();
    expect(reloaded).toHaveLength(2);
    live.changed('a'); // the text the page opened with is not "already loaded" any more
    timers.fire();
    expect(reloaded).toEqual(['abc', 'abcde', 'a']);
  });

  it('does nothing while switched off, or after dispose', () => {
    const timers = manualTimers();
    const reloaded: string[] = [];
    const live = new LiveReload(async (t: string) => reloaded.push(t), () => undefined, 500, timers);
    live.enabled = false;
    live.changed('x');
    expect(timers.pending()).toBe(0);
    live.enabled = true;
    live.changed('y');
    live.dispose();
    expect(timers.pending()).toBe(0);
    expect(reloaded).toEqual([]);
  });
});
