// Proves the command box's shell-style history: ArrowUp walks back, ArrowDown forward, and the
// draft being typed comes back after the newest entry.
import { describe, expect, it } from 'vitest';
import { CommandHistory } from '../../../src/lib/view-model/command-history.ts';

describe('CommandHistory', () => {
  it('walks back and forward, restoring the draft', () => {
    const h = new CommandHistory();
    h.push('a');
    h.push('b');
    expect(h.previous('draft')).toBe('b');
    expect(h.previous('b')).toBe('a');
    expect(h.previous('a')).toBeNull(); // nothing older
    expect(h.next()).toBe('b');
    expect(h.next()).toBe('draft');
    expect(h.next()).toBeNull();
  });

  it('skips blanks and consecutive duplicates, and keeps at most `limit` entries', () => {
    const h = new CommandHistory(2);
    h.push(' ');
    h.push('x');
    h.push('x');
    h.push('y');
    h.push('z');
    expect(h.entries).toEqual(['y', 'z']);
    expect(new CommandHistory().previous('')).toBeNull();
  });
});
