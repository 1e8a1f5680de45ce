/**
 * Live reload of the scenario being edited: after the author stops typing for `delayMs`, the
 * text is handed to `reload` (the worker parses it and switches only when it is valid). One
 * reload at a time; edits made while one runs are reloaded after it, newest text only. Text
 * already reloaded is not reloaded again.
 */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class LiveReload<R> {
  #timer: unknown = null;
  #running = false;
  #pending: string | null = null;
  #last: string | null = null;
  enabled = true;

  constructor(
    private readonly reload: (text: string) => Promise<R>,
    private readonly onResult: (text: string, result: R) => void,
    private readonly delayMs = 700,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The text the running scenario came from (so an unchanged text is not reloaded). */
  loaded(text: string): void {
    this.#last = text;
  }

  changed(text: string): void {
    if (!this.enabled) return;
    if (this.#timer !== null) this.timers.clear(this.#timer);
    this.#timer = this.timers.set(() => {
      this.#timer = null;
      this.#run(text);
    }, this.delayMs);
  }

  #run(text: string): void {
    if (this.#running) {
      this.#pending = text;
      return;
    }
    if (text === this.#last) return;
    this.#running = true;
    void this.reload(text)
      .then((result) => {
        this.#last = text;
        this.onResult(text, result);
      })
      .catch(() => undefined)
      .finally(() => {
        this.#running = false;
        const next = this.#pending;
        this.#pending = null;
        if (next !== null) this.#run(next);
      });
  }

  dispose(): void {
    if (this.#timer !== null) this.timers.clear(this.#timer);
    this.#timer = null;
    this.#pending = null;
  }
}
