/**
 * Progress in localStorage, one key per scenario, and the export/import file that carries all of
 * it. Storage may be missing or throw on every access (private mode, a sandboxed iframe, a full
 * quota): the store then says so once (`unavailable`) and every call is a harmless no-op.
 */
import { parseSavedProgress, PROGRESS_VERSION, type SavedProgress } from './progress.ts';

export const KEY_PREFIX = 'ecs-sandbox:progress:';
export const FILE_FORMAT = 'ecs-sandbox-progress';
/** Sandbox limit on an imported file: a hundred scenarios of saved runs fit well inside. */
export const MAX_IMPORT_CHARS = 5_000_000;

export interface ProgressFile {
  format: typeof FILE_FORMAT;
  v: typeof PROGRESS_VERSION;
  exportedAt: string;
  scenarios: SavedProgress[];
}

/** The page's localStorage, or null when the browser refuses it (reading the property can throw). */
export function browserStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    if (storage === undefined || storage === null) return null;
    const probe = `${KEY_PREFIX}probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

export class ProgressStore {
  readonly #storage: Storage | null;
  /** Why progress is not being saved, in one line; null while saving works. */
  unavailable: string | null;

  constructor(storage: Storage | null) {
    this.#storage = storage;
    this.unavailable = storage === null ? 'Your progress is not saved: this browser does not allow local storage here (private mode or an embedded page).' : null;
  }

  load(scenarioId: string): SavedProgress | null {
    const text = this.#get(KEY_PREFIX + scenarioId);
    if (text === null) return null;
    try {
      const parsed = parseSavedProgress(JSON.parse(text));
      return parsed.ok && parsed.value.scenarioId === scenarioId ? parsed.value : null;
    } catch {
      return null; // a damaged entry is ignored, and overwritten by the next save
    }
  }

  save(progress: SavedProgress): void {
    if (this.#storage === null) return;
    try {
      this.#storage.setItem(KEY_PREFIX + progress.scenarioId, JSON.stringify(progress));
    } catch {
      this.unavailable = 'Your progress could not be saved: the browser\'s storage for this page is full or refused.';
    }
  }

  remove(scenarioId: string): void {
    try {
      this.#storage?.removeItem(KEY_PREFIX + scenarioId);
    } catch {
      // nothing saved, nothing to remove
    }
  }

  all(): SavedProgress[] {
    const found: SavedProgress[] = [];
    for (const key of this.#keys()) {
      const saved = this.load(key.slice(KEY_PREFIX.length));
      if (saved !== null) found.push(saved);
    }
    return found.sort((a, b) => a.scenarioId.localeCompare(b.scenarioId));
  }

  exportFile(now: Date): string {
    const file: ProgressFile = { format: FILE_FORMAT, v: PROGRESS_VERSION, exportedAt: now.toISOString(), scenarios: this.all() };
    return JSON.stringify(file, null, 2);
  }

  /** Check the whole file first; only a file without a problem is written (all of it). */
  importFile(text: string): { ok: true; count: number } | { ok: false; message: string } {
    const parsed = parseProgressFile(text);
    if (!parsed.ok) return parsed;
    if (this.#storage === null) return { ok: false, message: this.unavailable ?? 'Storage is unavailable.' };
    for (const progress of parsed.value) this.save(progress);
    return { ok: true, count: parsed.value.length };
  }

  #get(key: string): string | null {
    try {
      return this.#storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  #keys(): string[] {
    try {
      const storage = this.#storage;
      if (storage === null) return [];
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(KEY_PREFIX) && key !== `${KEY_PREFIX}probe`) keys.push(key);
      }
      return keys;
    } catch {
      return [];
    }
  }
}

export function parseProgressFile(text: string): { ok: true; value: SavedProgress[] } | { ok: false; message: string } {
  const refuse = (why: string) => ({ ok: false as const, message: `This file was not imported: ${why} Nothing was changed.` });
  if (text.length > MAX_IMPORT_CHARS) return refuse(`it is larger than ${MAX_IMPORT_CHARS / 1_000_000} MB.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refuse('it is not JSON (export your progress from the sandbox to get one).');
  }
  if (typeof raw !== 'object' || raw === null || (raw as Record<string, unknown>).format !== FILE_FORMAT) return refuse('it is not an ECS Sandbox progress file.');
  const file = raw as Record<string, unknown>;
  if (file.v !== PROGRESS_VERSION) return refuse(`it has version ${JSON.stringify(file.v) ?? 'none'}; this sandbox reads version ${PROGRESS_VERSION}.`);
  if (!Array.isArray(file.scenarios)) return refuse('its "scenarios" is not a list.');
  const out: SavedProgress[] = [];
  for (const [index, entry] of file.scenarios.entries()) {
    const parsed = parseSavedProgress(entry);
    if (!parsed.ok) return refuse(`entry ${index + 1}: ${parsed.message}`);
    out.push(parsed.value);
  }
  return { ok: true, value: out };
}
