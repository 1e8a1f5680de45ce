/**
 * The timeline scrubber's view model: a pure function of the session's TimelineState. The slider
 * runs from the setup's end to the furthest point the run reached; command marks sit at the
 * fractions of that span where logged commands ran. Times are virtual milliseconds.
 */
import type { TimelineState } from '../../../../workers/protocol.ts';
import { formatVirtualTime } from '../time.ts';

export interface ScrubberMark {
  key: string;
  atMs: number;
  /** 0..1 along the slider. */
  fraction: number;
}

export interface ScrubberView {
  minMs: number;
  maxMs: number;
  valueMs: number;
  /** Arrow keys move by this much; Page Up/Down by ten times as much. */
  stepMs: number;
  marks: ScrubberMark[];
  /** The slider's aria-valuetext: the virtual time and where it stands. */
  valueText: string;
  inPast: boolean;
  /** The span is empty (nothing happened after the setup): the slider is disabled. */
  empty: boolean;
}

/** One virtual second: the finest step that is still a visible change of the clock. */
const MIN_STEP_MS = 1000;
/** The slider has about this many arrow-key steps over its span (then rounded to whole seconds). */
const STEPS_OVER_SPAN = 100;

export function scrubberStepMs(spanMs: number): number {
  const raw = Math.max(MIN_STEP_MS, spanMs / STEPS_OVER_SPAN);
  return Math.round(raw / MIN_STEP_MS) * MIN_STEP_MS;
}

export function scrubberValueText(valueMs: number, timeline: Pick<TimelineState, 'endMs' | 'inPast'>): string {
  const at = formatVirtualTime(valueMs);
  if (!timeline.inPast) return `${at}, the present`;
  return `${at}, in the past (the run reached ${formatVirtualTime(timeline.endMs)})`;
}

export function scrubberView(timeline: TimelineState | null | undefined): ScrubberView | null {
  if (!timeline) return null;
  const minMs = timeline.startMs;
  const maxMs = Math.max(timeline.startMs, timeline.endMs, timeline.nowMs);
  const span = maxMs - minMs;
  const valueMs = Math.min(maxMs, Math.max(minMs, timeline.nowMs));
  const marks = timeline.commandTimes
    .filter((at) => at >= minMs && at <= maxMs)
    .map((atMs, i) => ({ key: `${i}:${atMs}`, atMs, fraction: span > 0 ? (atMs - minMs) / span : 0 }));
  return {
    minMs,
    maxMs,
    valueMs,
    stepMs: scrubberStepMs(span),
    marks,
    valueText: scrubberValueText(valueMs, timeline),
    inPast: timeline.inPast,
    empty: span <= 0,
  };
}

/**
 * Latest-wins throttle for jumps while dragging: at most one call in flight, and the newest value
 * asked for meanwhile runs when it settles (values in between are dropped — a drag only needs to
 * land where the pointer stops).
 */
export function latestWins<T>(run: (value: T) => Promise<unknown>): (value: T) => void {
  let busy = false;
  let queued: { value: T } | null = null;
  const next = (value: T): void => {
    busy = true;
    void run(value)
      .catch(() => undefined)
      .finally(() => {
        busy = false;
        const waiting = queued;
        queued = null;
        if (waiting) next(waiting.value);
      });
  };
  return (value: T) => {
    if (busy) queued = { value };
    else next(value);
  };
}
