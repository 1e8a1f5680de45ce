// Proves the editor's "no lost edits" storage: text is saved per scenario and read back; saving the
// scenario's own version clears the key; and every way browser storage fails (absent, throwing on
// access, full) is a value with a reason, never an exception.
import { describe, expect, it } from 'vitest';
import { clearEdits, loadEdits, saveEdits, storageKey, type StorageLike } from '../../../src/lib/editor/edit-storage.ts';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const throwing = (name: string): StorageLike => {
  const fail = () => {
    const error = new Error('nope');
    error.name = name;
    throw error;
  };
  return { getItem: fail, setItem: fail, removeItem: fail };
};

describe('edit storage', () => {
  it('saves and restores per scenario id', () => {
    const s = memoryStorage();
    expect(saveEdits(s, 'sandbox', '{"a":1}', '{}')).toEqual({ ok: true });
    expect(s.data.get('ecs-sandbox:editor:sandbox')).toBe('{"a":1}');
    expect(loadEdits(s, 'sandbox')).toBe('{"a":1}');
    expect(loadEdits(s, 'other')).toBeNull();
    expect(storageKey('x')).toBe('ecs-sandbox:editor:x');
  });

  it('removes the key when the text is the scenario\'s own version again', () => {
    const s = memoryStorage();
    saveEdits(s, 'sandbox', 'edited', 'original');
    saveEdits(s, 'sandbox', 'original', 'original');
    expect(s.data.size).toBe(0);
    saveEdits(s, 'sandbox', 'edited', 'original');
    expect(clearEdits(s, 'sandbox')).toEqual({ ok: true });
    expect(loadEdits(s, 'sandbox')).toBeNull();
  });

  it('reports missing storage, a full quota and refusals as values', () => {
    expect(saveEdits(null, 'sandbox', 'a', 'b')).toEqual({ ok: false, reason: 'this browser does not allow the page to store data' });
    expect(loadEdits(null, 'sandbox')).toBeNull();
    expect(saveEdits(throwing('QuotaExceededError'), 'sandbox', 'a', 'b')).toEqual({ ok: false, reason: 'the browser storage is full' });
    expect(saveEdits(throwing('SecurityError'), 'sandbox', 'a', 'b')).toEqual({ ok: false, reason: 'the browser refused to store them' });
    expect(loadEdits(throwing('SecurityError'), 'sandbox')).toBeNull();
    expect(clearEdits(throwing('SecurityError'), 'sandbox').ok).toBe(false);
    expect(clearEdits(null, 'sandbox').ok).toBe(true);
  });
});
