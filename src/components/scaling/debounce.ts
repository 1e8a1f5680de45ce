/**
 * The traffic control's slider sends one command when the learner stops moving it, not one per
 * pixel: `call(value)` restarts a short wait, and only the last value is sent. `flush()` sends a
 * pending value at once (the slider let go, Enter); `cancel()` drops it (the panel closes).
 */
export class Debouncer<T> {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #pending: { value: T } | null = null;

  constructor(
    private readonly send: (value: T) => void,
    private readonly waitMs = 300,
  ) {}

  call(value: T): void {
    this.#pending = { value };
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.waitMs);
  }

  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const pending = this.#pending;
    this.#pending = null;
    if (pending) this.send(pending.value);
  }

  cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
  }
}
