/**
 * No lost edits: the editor's text is kept in localStorage, one key per scenario, so a reload (or
 * a crashed tab) gives the learner back what they typed. Storage can fail in ordinary ways —
 * disabled by the user, full (QuotaExceededError), or refused inside a sandboxed iframe, where
 * even reading `window.localStorage` throws — and none of that may break the editor: every call
 * returns a value saying whether it worked.
 */

export const EDITOR_STORAGE_PREFIX = 'ecs-sandbox:editor:';

export function storageKey(scenarioId: string): string {
  return EDITOR_STORAGE_PREFIX + scenarioId;
}

/** The subset of the Web Storage API used here (so tests can pass a fake). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type StorageOutcome = { ok: true } | { ok: false; reason: string };

/** `window.localStorage`, or null where touching it throws (sandboxed iframes, disabled storage). */
export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadEdits(storage: StorageLike | null, scenarioId: string): string | null {
  if (storage === null) return null;
  try {
    return storage.getItem(storageKey(scenarioId));
  } catch {
    return null;
  }
}

/**
 * Saves `text` for the scenario; when it equals the scenario's own version the key is removed
 * instead, so an untouched editor leaves nothing behind and opens on later scenario changes.
 */
export function saveEdits(storage: StorageLike | null, scenarioId: string, text: string, scenarioText: string): StorageOutcome {
  if (storage === null) return { ok: false, reason: 'this browser does not allow the page to store data' };
  try {
    if (text === scenarioText) storage.removeItem(storageKey(scenarioId));
    else storage.setItem(storageKey(scenarioId), text);
    return { ok: true };
  } catch (error) {
    const name = (error as { name?: string } | null)?.name ?? '';
    return { ok: false, reason: /quota/i.test(name) ? 'the browser storage is full' : 'the browser refused to store them' };
  }
}

export function clearEdits(storage: StorageLike | null, scenarioId: string): StorageOutcome {
  if (storage === null) return { ok: true };
  try {
    storage.removeItem(storageKey(scenarioId));
    return { ok: true };
  } catch {
    return { ok: false, reason: 'the browser refused to change its storage' };
  }
}
