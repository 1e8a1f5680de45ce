/**
 * What every swarm driver shares: the engine and the walk's own PRNG (both from the seed), the step
 * log, acting and waiting with the invariants checked after every step (the base ones of
 * invariants.ts plus the driver's own), and the first failure, which ends the run.
 */
import type { SandboxEngine, Snapshot, Step, StepResult } from '../../workers/protocol.ts';
import { createEngine } from '../../workers/engine/index.ts';
import { Prng } from '../../workers/engine/prng.ts';
import { checkSnapshot, RolloutTracker, SnapshotIndex, type Violation } from './invariants.ts';

export interface SwarmFailureInfo {
  step: number;
  timeMs: number;
  violations: Violation[] | string[];
  services?: string[];
}

export class SwarmFailure extends Error {}

export abstract class SwarmBase {
  protected readonly prng: Prng;
  protected readonly engine: SandboxEngine;
  protected readonly tracker = new RolloutTracker();
  protected readonly log: string[] = [];
  protected failure?: SwarmFailureInfo;
  protected stepNo = 0;
  /** Virtual time, kept here so that logging does not need a snapshot. */
  protected nowMs = 0;
  protected checks = 0;
  protected faults = 0;
  /** Virtual time from the end of the faults to the first steady state, once reached. */
  protected convergedAfterMs?: number;
  /** The snapshot of the last check: nothing changes between a check and the next step, so operations read it. */
  protected last!: SnapshotIndex;

  constructor(
    readonly seed: number,
    protected readonly checkEveryMs: number,
    /** Virtual time of random operations and faults, and the bound on converging after them. */
    protected readonly chaosMs: number,
    protected readonly convergeMs: number,
  ) {
    // The world and the walk draw from a stream of their own; the engine has its own seeded one.
    this.prng = new Prng(seed ^ 0x5eed5);
    this.engine = createEngine({ seed });
  }

  /** The fields every swarm's outcome has; a driver adds its world and its own statistics. */
  protected commonOutcome() {
    return {
      seed: this.seed,
      chaosMs: this.chaosMs,
      checkEveryMs: this.checkEveryMs,
      ok: this.failure === undefined,
      ...(this.failure === undefined ? {} : { failure: this.failure }),
      log: this.log,
    };
  }

  protected commonStats() {
    return {
      steps: this.stepNo,
      checks: this.checks,
      virtualMs: this.nowMs,
      faults: this.faults,
      ...(this.convergedAfterMs === undefined ? {} : { convergedAfterMs: this.convergedAfterMs }),
    };
  }

  /** The driver's own invariants, after the shared ones. */
  protected extraChecks(_index: SnapshotIndex): Violation[] {
    return [];
  }

  /** The state of the services at a failure, for the report. */
  protected abstract dump(index: SnapshotIndex): string[];

  fail(violations: Violation[] | string[], throwIt = true): void {
    this.failure ??= { step: this.stepNo, timeMs: this.nowMs, violations, ...(this.last === undefined ? {} : { services: this.dump(this.last) }) };
    if (throwIt) throw new SwarmFailure();
  }

  /** Dispatch one step, log it, and check the invariants. `mustSucceed`: a refusal fails the run. */
  protected act(step: Step, mustSucceed: boolean): StepResult {
    this.stepNo++;
    const result = this.engine.dispatch(step);
    const [action] = Object.keys(step);
    const outcome = 'error' in result ? `✗ ${result.error.code}: ${result.error.message}` : '✓';
    this.log.push(`#${this.stepNo} t=${fmt(this.nowMs)} ${action} ${JSON.stringify(step[action!])} ${outcome}`);
    if ('error' in result && mustSucceed) this.fail([{ invariant: 'steady', message: `${action} was refused: ${result.error.code}: ${result.error.message}` }]);
    this.check();
    return result;
  }

  protected wait(ms: number): void {
    this.stepNo++;
    this.log.push(`#${this.stepNo} t=${fmt(this.nowMs)} wait ${fmt(ms)}`);
    for (let left = ms; left > 0; left -= this.checkEveryMs) {
      const slice = Math.min(left, this.checkEveryMs);
      this.engine.advance(slice);
      this.nowMs += slice;
      this.check();
    }
  }

  protected check(): Snapshot {
    this.checks++;
    const snap = this.engine.snapshot();
    const index = new SnapshotIndex(snap);
    this.last = index;
    const violations = [...checkSnapshot(index), ...this.tracker.observe(index), ...this.extraChecks(index)];
    const engineErrors = snap.events.filter((e) => e.kind === 'engine.error');
    for (const e of engineErrors) violations.push({ invariant: 'steady', message: `engine.error event: ${e.message}` });
    if (violations.length > 0) this.fail(violations);
    return snap;
  }

  protected call<T = any>(action: string, request: unknown): T {
    const result = this.act({ [action]: request }, true);
    return (result as { response: T }).response;
  }
}

/** Run a swarm's phases in order; the first failure (an invariant, or the harness throwing) ends it and is kept in the outcome. */
export function runPhases<T>(run: SwarmBase & { outcome(): T }, phases: readonly (() => void)[]): T {
  try {
    for (const phase of phases) phase();
  } catch (error) {
    if (!(error instanceof SwarmFailure)) {
      run.fail([{ invariant: 'steady', message: `the harness threw: ${error instanceof Error ? error.stack : String(error)}` }], false);
    }
  }
  return run.outcome();
}

export function fmt(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m${String(s % 60).padStart(2, '0')}s` : m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}.${String(ms % 1000).padStart(3, '0')}s`;
}
