/**
 * The page's handle on the placement explainer, whose UI lives in a lazy chunk
 * (`placement-explainer-ui.ts`). Every entry point (E, "Why?", "Why here?", "Check placement")
 * calls `explain()`. Once the chunk is in — normally long before, since the app preloads it when
 * idle — that is exactly `PlacementExplainerState.show()`. Before that, the question waits: the
 * page's dialog (PlacementDialog.svelte) opens at once with "Loading the explainer…", and the
 * question is asked the moment the chunk arrives. Closing the dialog meanwhile drops it.
 */
import type { ExplainQuery } from '../../workers/protocol.ts';
import type { SandboxClient } from './sandbox-client.svelte.ts';
import type { PlacementExplainerState } from './placement-explainer.svelte.ts';
import { freshImport } from './fresh-import.ts';

export type ExplainerUi = typeof import('./placement-explainer-ui.ts');
export type LoadExplainerUi = () => Promise<ExplainerUi>;

/** The one import() of the chunk (Vite preloads its CSS with it), fetched afresh after a failure. */
const importChunk: LoadExplainerUi = freshImport(() => import('./placement-explainer-ui.ts'), (module) => module);

export class LazyExplainer {
  /** The chunk's exports, once loaded: the dialog mounts `ui.PlacementExplainer` with `state`. */
  ui = $state.raw<ExplainerUi | null>(null);
  state = $state.raw<PlacementExplainerState | null>(null);
  /** The question asked before the chunk arrived; non-null while the dialog says it is loading. */
  waiting = $state.raw<ExplainQuery | null>(null);
  /** Why the chunk did not load (offline, a new deployment replaced it); shown in the dialog. */
  loadError = $state.raw<string | null>(null);
  readonly #client: SandboxClient;
  readonly #loadChunk: LoadExplainerUi;
  #loading: Promise<boolean> | null = null;
  /** Where focus returns when the explainer closes: the element that asked the first question. */
  #from: Element | null = null;

  /** `loadChunk` is for tests, which have no bundler to make the chunk. */
  constructor(client: SandboxClient, loadChunk: LoadExplainerUi = importChunk) {
    this.#client = client;
    this.#loadChunk = loadChunk;
  }

  /** Open with an answer, or waiting for the chunk to ask the question. The page's shortcuts defer to it. */
  get isOpen(): boolean {
    return this.waiting !== null || (this.state?.isOpen ?? false);
  }

  /** Open the explainer on a question; focus returns to `from` when it closes. */
  explain(query: ExplainQuery, from: Element | null): void {
    if (this.state !== null) {
      void this.state.show(query, from);
      return;
    }
    // A later question while waiting replaces the earlier one; focus still returns to the first asker.
    if (this.waiting === null) this.#from = from;
    this.waiting = query;
    this.loadError = null;
    void this.load();
  }

  /** Fetch the chunk (once; again after a failure). Resolves whether it is loaded. */
  load(): Promise<boolean> {
    this.#loading ??= this.#fetch();
    return this.#loading;
  }

  /**
   * Esc, ✕ or the backdrop: close the explainer, or drop the question still waiting for the chunk.
   * Either way the dialog closes and the browser gives focus back to whatever had it before.
   */
  close(): void {
    if (this.state !== null) {
      this.state.close();
      return;
    }
    this.waiting = null;
    this.loadError = null;
    this.#from = null;
  }

  /** "Try again" in the dialog after a failed load. */
  retry(): void {
    if (this.waiting === null) return;
    this.loadError = null;
    void this.load();
  }

  async #fetch(): Promise<boolean> {
    let ui: ExplainerUi;
    try {
      ui = await this.#loadChunk();
    } catch (error) {
      this.#loading = null;
      this.loadError = error instanceof Error ? error.message : String(error);
      return false;
    }
    this.state = new ui.PlacementExplainerState(this.#client);
    this.ui = ui;
    this.#handOver(this.state);
    return true;
  }

  /**
   * The waiting question goes to the explainer in the same synchronous step that creates it, so
   * the dialog's "Loading the explainer…" turns into the pending answer in one update.
   */
  #handOver(state: PlacementExplainerState): void {
    const query = this.waiting;
    if (query === null) return;
    const from = this.#from;
    this.waiting = null;
    this.#from = null;
    void state.show(query, from);
  }
}
