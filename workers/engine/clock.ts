/**
 * Virtual time. The engine never reads wall time: `now` moves only when `advance` is called, and
 * every timer due on the way fires with `now` set to its own due time. Timers are ordered by
 * (dueMs, seq), so timers due at the same millisecond fire in the order they were scheduled —
 * which is what makes a run reproducible.
 *
 * The clock also implements xstate's `Clock` interface (`setTimeout`/`clearTimeout`), so actors
 * created with `createActor(machine, { clock })` run their `after` delays on virtual time. We do
 * not use xstate's SimulatedClock: one big increment there fires a repeating timer only once.
 */

export type TimerId = number;

interface Timer {
  id: TimerId;
  dueMs: number;
  seq: number;
  fn: () => void;
}

/** xstate's Clock interface (not exported by xstate's typings), which VirtualClock satisfies. */
export interface XstateClock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

export class VirtualClock implements XstateClock {
  private nowMs = 0;
  private nextSeq = 1;
  /** Binary min-heap on (dueMs, seq). Cancelled timers are removed lazily. */
  private heap: Timer[] = [];
  private live = new Map<TimerId, Timer>();

  get now(): number {
    return this.nowMs;
  }

  /** Run `fn` at virtual time `dueMs` (clamped to now). Returns an id for `cancel`. */
  schedule(dueMs: number, fn: () => void): TimerId {
    const timer: Timer = { id: this.nextSeq, seq: this.nextSeq, dueMs: Math.max(this.nowMs, Math.floor(dueMs)), fn };
    this.nextSeq += 1;
    this.live.set(timer.id, timer);
    this.push(timer);
    return timer.id;
  }

  cancel(id: TimerId): void {
    this.live.delete(id);
  }

  /** xstate Clock: run `fn` after `timeoutMs` of virtual time. */
  setTimeout(fn: (...args: unknown[]) => void, timeoutMs: number): TimerId {
    return this.schedule(this.nowMs + Math.max(0, timeoutMs || 0), fn);
  }

  /** xstate Clock. */
  clearTimeout(id: unknown): void {
    if (typeof id === 'number') this.cancel(id);
  }

  /** Virtual time of the next live timer, or null. */
  nextTimerAt(): number | null {
    this.dropCancelled();
    return this.heap.length > 0 ? this.heap[0]!.dueMs : null;
  }

  pendingTimers(): number {
    return this.live.size;
  }

  /**
   * Move time forward by `ms`, firing every timer due up to and including the target, each at its
   * own due time. Timers scheduled while firing are honoured if they fall within the window.
   */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      this.dropCancelled();
      const top = this.heap[0];
      if (top === undefined || top.dueMs > target) break;
      this.pop();
      this.live.delete(top.id);
      this.nowMs = top.dueMs;
      top.fn();
    }
    this.nowMs = target;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && !this.live.has(this.heap[0]!.id)) this.pop();
  }

  private static before(x: Timer, y: Timer): boolean {
    return x.dueMs < y.dueMs || (x.dueMs === y.dueMs && x.seq < y.seq);
  }

  // Sifts move a hole instead of swapping pairs (no array literal per step: the clock fires over a
  // million timers in a virtual week of 20 services); the heap ends up exactly as with swaps.
  private push(timer: Timer): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent]!;
      if (!VirtualClock.before(timer, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    const size = heap.length;
    if (size === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = last;
      let at = i;
      if (l < size && VirtualClock.before(heap[l]!, smallest)) {
        smallest = heap[l]!;
        at = l;
      }
      if (r < size && VirtualClock.before(heap[r]!, smallest)) {
        smallest = heap[r]!;
        at = r;
      }
      if (at === i) break;
      heap[i] = smallest;
      i = at;
    }
    heap[i] = last;
  }
}
