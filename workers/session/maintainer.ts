/**
 * Background upkeep of the timeline's spare engines (so undo and jumps back stay fast): short slices
 * of work (`sliceMs` of real time each) with gaps between them, so playback ticks and the page's
 * requests are served in between. Idle once the work is done, until `kick()` says the run moved.
 * Real time is injected (the playback controller's clock), so tests drive it with a fake one.
 */
import type { PlaybackClock } from '../playback.ts';

export const MAINTAIN_SLICE_MS = 8;
export const MAINTAIN_GAP_MS = 30;

export class Maintainer {
  #cancel: (() => void) | null = null;

  constructor(
    private readonly clock: PlaybackClock,
    /** Does work until `deadline()` is true; returns whether work remains. */
    private readonly work: (deadline: () => boolean) => boolean,
    private readonly options: { sliceMs?: number; gapMs?: number } = {},
  ) {}

  /** The run changed (time passed, a command, a jump): make sure a slice is coming. */
  kick(): void {
    if (this.#cancel !== null) return;
    this.#cancel = this.clock.schedule(() => {
      this.#cancel = null;
      this.#slice();
    }, this.options.gapMs ?? MAINTAIN_GAP_MS);
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = null;
  }

  #slice(): void {
    const end = this.clock.now() + (this.options.sliceMs ?? MAINTAIN_SLICE_MS);
    let more = false;
    try {
      more = this.work(() => this.clock.now() > end);
    } catch {
      // A spare that cannot be built is not the learner's problem: jumps fall back to a replay.
      more = false;
    }
    if (more) this.kick();
  }
}
