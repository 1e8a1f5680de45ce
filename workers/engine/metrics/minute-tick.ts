/**
 * One timer at the start of every virtual minute runs everything that works by the minute, in a
 * fixed order: first what PUBLISHES datapoints (EC2 CPU, Auto Scaling group metrics,
 * CapacityProviderReservation, cost), then what EVALUATES them (alarms), then what ACTS on the
 * result (scaling policies, managed scaling), then what SETTLES the minute's actions (several
 * Application Auto Scaling policies acting at one instant: the largest capacity wins, applied
 * once). CloudWatch's own cadence is one-minute periods, so
 * a single ordered tick is both faithful and cheap: no per-task timers.
 *
 * Jobs register at module load (like the other hooks: the same functions for every engine) and
 * say whether they still have work; the ticker stops when none has, and `ensureMinuteTicks` starts
 * it again (call it when you create something that needs minutes: a group, a provider, an alarm).
 */
import type { EngineContext } from '../context.ts';
import { metricsOf, minuteOf, PERIOD_MS } from './store.ts';

export type MinutePhase = 'publish' | 'evaluate' | 'act' | 'settle';
const PHASES: readonly MinutePhase[] = ['publish', 'evaluate', 'act', 'settle'];

export interface MinuteJob {
  phase: MinutePhase;
  /** Whether this job has anything to do in this engine (keeps the ticker alive). */
  active(ctx: EngineContext): boolean;
  /** Runs at the start of each virtual minute (ctx.clock.now is a multiple of 60 000). */
  run(ctx: EngineContext): void;
}

const jobs = new Map<string, MinuteJob>();

/** Register a job under its owner's name (one per owner; registering again replaces it). */
export function provideMinuteJob(owner: string, job: MinuteJob): void {
  jobs.set(owner, job);
}

/** Start the ticker if it is not running: its first tick is the next minute boundary. */
export function ensureMinuteTicks(ctx: EngineContext): void {
  const metrics = metricsOf(ctx.state);
  if (metrics.tickTimer !== undefined) return;
  const next = minuteOf(ctx.clock.now) + PERIOD_MS;
  metrics.tickTimer = ctx.clock.schedule(next, () => tick(ctx));
}

function tick(ctx: EngineContext): void {
  const metrics = metricsOf(ctx.state);
  delete metrics.tickTimer;
  let anyActive = false;
  for (const phase of PHASES) {
    for (const job of jobs.values()) {
      if (job.phase !== phase || !job.active(ctx)) continue;
      anyActive = true;
      job.run(ctx);
    }
  }
  if (anyActive) ensureMinuteTicks(ctx);
}
