/**
 * Auto height for the embed (issue 9 item 5): the sandbox tells its host page how tall its content
 * is, in its own `resize` event and in the `{subject: 'lti.frameResize', height}` form Canvas reads.
 *
 * HeightReporter decides *when* to post, from injected `measure()`, `post()` and a scheduler, so it
 * runs in Node with a fake clock. It answers the embed widgets' known complaints (H5P's above all):
 * - a frame inside a hidden tab or a `display: none` container measures 0: never post that (the
 *   host would collapse the frame and never grow it back); keep the last height and post again
 *   once the page is laid out;
 * - content that renders late: every `request()` (from a ResizeObserver, a load, a font, a tab
 *   becoming visible) measures again on the next frame, so the last one wins;
 * - bursts (an animation, a typing learner): at most one post per scheduler tick (an animation
 *   frame, or an interval), and only when the height moved by at least RESIZE_MIN_CHANGE_PX;
 * - runaway layouts (a 100 % height loop between host and frame): heights are clamped to a maximum.
 */
import { canvasFrameResize, eventMessage, type CanvasFrameResize, type EventMessage } from './protocol.ts';

/** A change smaller than this is not worth a post (sub-pixel jitter of fractional layouts). */
export const RESIZE_MIN_CHANGE_PX = 1;
/** Sandbox limit: taller content is reported at this height (the frame then scrolls). */
export const RESIZE_MAX_HEIGHT_PX = 20_000;

export interface ResizeMessages {
  /** The sandbox's own event: `{source: 'ecs-sandbox', version: 1, type: 'resize', payload: {height}}`. */
  sandbox: EventMessage<'resize'>;
  /** Canvas's LTI form. */
  canvas: CanvasFrameResize;
}

/**
 * The two messages for a content height in CSS pixels: rounded up (a frame one pixel short shows a
 * scrollbar) and clamped to `maxHeightPx`. null for a height that is not a positive finite number,
 * which is what a hidden or not-yet-laid-out page measures.
 */
export function resizeMessages(height: number, maxHeightPx: number = RESIZE_MAX_HEIGHT_PX): ResizeMessages | null {
  const px = reportableHeight(height, maxHeightPx);
  if (px === null) return null;
  return { sandbox: eventMessage('resize', { height: px }), canvas: canvasFrameResize(px) };
}

/** A measured height as posted (whole pixels, clamped), or null when there is nothing to post. */
export function reportableHeight(height: unknown, maxHeightPx: number = RESIZE_MAX_HEIGHT_PX): number | null {
  if (typeof height !== 'number' || !Number.isFinite(height) || height <= 0) return null;
  const max = Number.isFinite(maxHeightPx) && maxHeightPx >= 1 ? Math.floor(maxHeightPx) : RESIZE_MAX_HEIGHT_PX;
  return Math.min(Math.ceil(height), max);
}

/** Runs `callback` later (once); the returned function cancels it. */
export interface Scheduler {
  schedule(callback: () => void): () => void;
}

/** A scheduler on animation frames (the browser's `requestAnimationFrame`), passed in. */
export function animationFrameScheduler(win: Pick<Window, 'requestAnimationFrame' | 'cancelAnimationFrame'>): Scheduler {
  return {
    schedule(callback) {
      const handle = win.requestAnimationFrame(() => callback());
      return () => win.cancelAnimationFrame(handle);
    },
  };
}

/**
 * A scheduler on a fixed delay: for a hidden page, where browsers pause animation frames, or for
 * hosts that want fewer posts. The timer functions are passed in.
 */
export function intervalScheduler(
  delayMs: number,
  timers: { setTimeout(cb: () => void, ms: number): unknown; clearTimeout(handle: unknown): void },
): Scheduler {
  const ms = Number.isFinite(delayMs) && delayMs >= 0 ? delayMs : 0;
  return {
    schedule(callback) {
      const handle = timers.setTimeout(callback, ms);
      return () => timers.clearTimeout(handle);
    },
  };
}

export interface HeightReporterOptions {
  /** The content height in CSS pixels (e.g. `document.documentElement.scrollHeight`). */
  measure(): number;
  /** False while the page is hidden or not laid out (e.g. `document.visibilityState !== 'visible'`); default: always laid out. */
  isLaidOut?(): boolean;
  /** Sends the messages (to the exact host origin: the caller's concern). */
  post(messages: ResizeMessages): void;
  scheduler: Scheduler;
  maxHeightPx?: number;
}

/** Posts the content height when it changes; one instance per page. */
export class HeightReporter {
  readonly #options: HeightReporterOptions;
  readonly #maxHeightPx: number;
  #lastPosted: number | null = null;
  #cancel: (() => void) | null = null;
  #disposed = false;

  constructor(options: HeightReporterOptions) {
    this.#options = options;
    const max = options.maxHeightPx;
    this.#maxHeightPx = typeof max === 'number' && Number.isFinite(max) && max >= 1 ? Math.min(Math.floor(max), RESIZE_MAX_HEIGHT_PX) : RESIZE_MAX_HEIGHT_PX;
  }

  /** The last height posted, or null before the first post. */
  get lastPostedHeight(): number | null {
    return this.#lastPosted;
  }

  /** Something may have changed the height: measure on the next tick (bursts make one measure). */
  request(): void {
    if (this.#disposed || this.#cancel !== null) return;
    this.#cancel = this.#options.scheduler.schedule(() => {
      this.#cancel = null;
      this.flush();
    });
  }

  /**
   * Measure now and post if the height moved by RESIZE_MIN_CHANGE_PX or more. Returns whether it
   * posted. A throwing `measure`/`isLaidOut` counts as "not laid out": nothing is posted.
   */
  flush(): boolean {
    if (this.#disposed) return false;
    let height: number | null;
    try {
      if (this.#options.isLaidOut !== undefined && !this.#options.isLaidOut()) return false;
      height = reportableHeight(this.#options.measure(), this.#maxHeightPx);
    } catch {
      return false;
    }
    if (height === null) return false;
    if (this.#lastPosted !== null && Math.abs(height - this.#lastPosted) < RESIZE_MIN_CHANGE_PX) return false;
    const messages = resizeMessages(height, this.#maxHeightPx);
    if (messages === null) return false;
    this.#lastPosted = height;
    this.#options.post(messages);
    return true;
  }

  /**
   * Post the current height again even if unchanged: for a host that (re)attached, e.g. after the
   * handshake, when it has not heard the earlier posts.
   */
  repost(): boolean {
    this.#lastPosted = null;
    return this.flush();
  }

  dispose(): void {
    this.#disposed = true;
    this.#cancel?.();
    this.#cancel = null;
  }
}
