// Proves, for random health check settings within AWS's ranges (interval 5–300 s, retries 1–10,
// startPeriod 0–300 s), that an unhealthy image's container turns UNHEALTHY through the engine at
// exactly the time the pure arithmetic (unhealthyAtMs) says, never a millisecond before, and that a
// healthy image's container turns HEALTHY exactly one interval after RUNNING.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healthCheckSettings, unhealthyAtMs } from '../../../workers/engine/machines/health-checks.ts';
import { advanceTo, lifecycleEngine, startOne, taskOf } from './helpers.ts';

const settingsArb = fc.record({
  interval: fc.integer({ min: 5, max: 300 }),
  retries: fc.integer({ min: 1, max: 10 }),
  startPeriod: fc.integer({ min: 0, max: 300 }),
  unhealthy: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000 }),
});

describe('health checks through the engine match the arithmetic', () => {
  it('for random settings', () => {
    fc.assert(
      fc.property(settingsArb, ({ interval, retries, startPeriod, unhealthy, seed }) => {
        const check = { interval, retries, startPeriod };
        const setup = unhealthy ? [{ 'sim:SetImageBehavior': { image: 'web:v2', behavior: 'unhealthy' } }] : [];
        const engine = lifecycleEngine([{ name: 'web', image: 'web:v2', healthCheck: check }], setup, seed);
        const { arn, runningAt } = startOne(engine);
        const settings = healthCheckSettings({ healthCheck: { command: ['CMD', 'true'], ...check } })!;
        const due = unhealthy ? unhealthyAtMs(settings, runningAt) : runningAt + interval * 1000;
        advanceTo(engine, due - 1);
        expect(taskOf(engine, arn).containers[0]!.healthStatus).toBe('UNKNOWN');
        advanceTo(engine, due);
        expect(taskOf(engine, arn).containers[0]!.healthStatus).toBe(unhealthy ? 'UNHEALTHY' : 'HEALTHY');
        expect(taskOf(engine, arn).lastStatus).toBe('RUNNING');
      }),
      { numRuns: 40, seed: 5 },
    );
  });
});
