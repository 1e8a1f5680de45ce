// Proves the rolling-update arithmetic against ecs-reference §5 and the course notes' examples:
// rounding (minimum healthy up, maximum down), the circuit breaker threshold, and each step of a
// deployment — which tasks may start, which may stop, and when the configuration allows neither.
import { describe, expect, it } from 'vitest';
import { circuitBreakerThreshold, maximumTasks, minimumHealthyTasks, rolloutStep, type RolloutCounts } from '../../../workers/engine/services/deployment-math.ts';

describe('rounding', () => {
  it.each([
    // [desired, min %, min healthy] — ceil
    [4, 50, 2], // 2 may be stopped first
    [2, 75, 2], // ceil(1.5) = 2: nothing can be stopped
    [10, 60, 6],
    [3, 100, 3],
    [0, 100, 0],
  ])('minimum healthy of %i at %i%% = %i', (desired, percent, expected) => {
    expect(minimumHealthyTasks(desired, percent)).toBe(expected);
  });

  it.each([
    // [desired, max %, max tasks] — floor
    [4, 200, 8], // 4 new before any old one stops
    [3, 125, 3], // floor(3.75) = 3: no extra task can start
    [10, 100, 10],
    [5, 150, 7],
  ])('maximum of %i at %i%% = %i', (desired, percent, expected) => {
    expect(maximumTasks(desired, percent)).toBe(expected);
  });

  it.each([
    [1, 10], // clamp(ceil(0.5), 10, 200) = 10
    [25, 13], // ceil(12.5) = 13
    [400, 200],
    [800, 200],
  ])('circuit breaker threshold for %i desired = %i', (desired, expected) => {
    expect(circuitBreakerThreshold(desired)).toBe(expected);
  });
});

const base = (c: Partial<RolloutCounts>): RolloutCounts => ({
  desiredCount: 10, minimumHealthyPercent: 100, maximumPercent: 200, newTasks: 0, newHealthy: 0, oldTasks: 10, oldHealthy: 10, stopping: 0, ...c,
});

describe('rolloutStep', () => {
  it('course notes: 10 tasks, minimum healthy 60 %, maximum 100 %: stops 4 and keeps 6 at first', () => {
    // max 100 % of 10 = 10 in flight already → start 0; min 60 % = 6 → stop 10 − 6 = 4
    expect(rolloutStep(base({ minimumHealthyPercent: 60, maximumPercent: 100 }))).toEqual({ kind: 'act', start: 0, stop: 4 });
    // the 4 have stopped: 6 old in flight → 4 new may start
    expect(rolloutStep(base({ minimumHealthyPercent: 60, maximumPercent: 100, oldTasks: 6, oldHealthy: 6 }))).toEqual({ kind: 'act', start: 4, stop: 0 });
  });

  it('defaults 100/200: every new task starts before any old one stops', () => {
    // max 200 % = 20, 10 in flight → start 10; min 100 % = 10 healthy → stop 0
    expect(rolloutStep(base({}))).toEqual({ kind: 'act', start: 10, stop: 0 });
    // new tasks starting, not yet healthy: wait
    expect(rolloutStep(base({ newTasks: 10 }))).toEqual({ kind: 'wait' });
    // all 10 new healthy: 20 healthy − 10 = 10 old may stop
    expect(rolloutStep(base({ newTasks: 10, newHealthy: 10 }))).toEqual({ kind: 'act', start: 0, stop: 10 });
    expect(rolloutStep(base({ newTasks: 10, newHealthy: 10, oldTasks: 0, oldHealthy: 0 }))).toEqual({ kind: 'done' });
  });

  it('minimum healthy 50 % of 4 stops 2 old first', () => {
    expect(rolloutStep(base({ desiredCount: 4, minimumHealthyPercent: 50, maximumPercent: 100, oldTasks: 4, oldHealthy: 4 }))).toEqual({ kind: 'act', start: 0, stop: 2 });
  });

  it('stopping tasks count toward maximumPercent', () => {
    // max 100 % of 4 = 4; 2 old running + 2 stopping = 4 in flight → no start yet
    expect(rolloutStep(base({ desiredCount: 4, minimumHealthyPercent: 50, maximumPercent: 100, oldTasks: 2, oldHealthy: 2, stopping: 2 }))).toEqual({ kind: 'wait' });
  });

  it('is stuck when neither a stop nor a start is possible (min 75 % of 2, max 100 %)', () => {
    // min ceil(1.5) = 2 → stop 0; max floor(2) = 2 in flight → start 0; nothing in flight
    expect(rolloutStep(base({ desiredCount: 2, minimumHealthyPercent: 75, maximumPercent: 100, oldTasks: 2, oldHealthy: 2 }))).toEqual({ kind: 'stuck', minHealthy: 2, maxTasks: 2 });
    // 125 % of 3 = 3 (floor 3.75), min 100 % → stuck as well
    expect(rolloutStep(base({ desiredCount: 3, minimumHealthyPercent: 100, maximumPercent: 125, oldTasks: 3, oldHealthy: 3 }))).toEqual({ kind: 'stuck', minHealthy: 3, maxTasks: 3 });
  });
});
