/**
 * When objectives are observed: after every command (the host calls `observe`), and every
 * OBSERVE_EVERY_MS of virtual time while time passes. The observation instants are multiples of
 * OBSERVE_EVERY_MS in the run's virtual time, not counted from the advance: playing in ticks of any
 * size, one `wait: 5m`, or a replay of the timeline then observe at the same instants, so a lesson
 * judged live and one judged on a replay agree (a step completes at the same time).
 */
import type { Snapshot } from '../protocol.ts';
import type { LessonRun } from './lesson-run.ts';

export const OBSERVE_EVERY_MS = 10_000;

export interface ObservableTarget {
  advance(ms: number): void;
  snapshot(): Snapshot;
  nextTimerAt(): number | null;
}

/** Advances `target` by `ms`, letting `run` observe at every multiple of OBSERVE_EVERY_MS on the way (and not once it is completed). */
export function advanceObserved(target: ObservableTarget, run: LessonRun | null, ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return;
  const total = Math.floor(ms);
  if (run === null || run.completed || total === 0) {
    target.advance(total);
    return;
  }
  let now = target.snapshot().time;
  const end = now + total;
  while (now < end) {
    const next = Math.min(end, (Math.floor(now / OBSERVE_EVERY_MS) + 1) * OBSERVE_EVERY_MS);
    target.advance(next - now);
    now = next;
    if (now % OBSERVE_EVERY_MS !== 0) continue;
    run.observe(target.snapshot());
    if (run.completed) {
      if (now < end) target.advance(end - now);
      return;
    }
  }
}
