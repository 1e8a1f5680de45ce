/**
 * The command box's history, shell-style: ArrowUp walks back through earlier commands,
 * ArrowDown forward, and walking past the newest returns the draft that was being typed.
 */
export class CommandHistory {
  #entries: string[] = [];
  /** Index into entries while browsing; entries.length means "the draft". */
  #cursor = 0;
  #draft = '';

  constructor(private readonly limit = 100) {}

  get entries(): readonly string[] {
    return this.#entries;
  }

  /** Remember a command that was run (consecutive duplicates are kept once). */
  push(command: string): void {
    const text = command.trim();
    if (text !== '' && this.#entries.at(-1) !== text) this.#entries.push(text);
    if (this.#entries.length > this.limit) this.#entries.splice(0, this.#entries.length - this.limit);
    this.#cursor = this.#entries.length;
    this.#draft = '';
  }

  /** The previous command, or null when there is none (the caller keeps its text). */
  previous(current: string): string | null {
    if (this.#cursor === 0 || this.#entries.length === 0) return null;
    if (this.#cursor === this.#entries.length) this.#draft = current;
    this.#cursor--;
    return this.#entries[this.#cursor]!;
  }

  /** The next command, the draft after the newest, or null when already on the draft. */
  next(): string | null {
    if (this.#cursor >= this.#entries.length) return null;
    this.#cursor++;
    return this.#cursor === this.#entries.length ? this.#draft : this.#entries[this.#cursor]!;
  }
}
