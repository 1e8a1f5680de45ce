import { freshImport } from './fresh-import.ts';

/**
 * A module (or a component) fetched with a dynamic import the first time it is wanted, held as
 * reactive state so the markup that needs it appears once it is there: `pick` takes what is
 * wanted from the module. A failed fetch is forgotten, so the next `load()` (the next snapshot,
 * the next press) tries again — with a fresh request (fresh-import.ts).
 */
export class LazyImport<T, M = unknown> {
  current = $state.raw<T | null>(null);
  #loading = false;
  readonly #importer: () => Promise<T>;

  constructor(importer: () => Promise<M>, pick: (module: M) => T) {
    this.#importer = freshImport(importer, pick);
  }

  /** Start fetching, unless it is here or on its way; `onError` runs when the fetch fails. */
  load(onError?: () => void): void {
    if (this.current !== null || this.#loading) return;
    this.#loading = true;
    this.#importer().then(
      (value) => {
        this.current = value;
      },
      () => {
        this.#loading = false;
        onError?.();
      },
    );
  }
}
