// Proves the shipped scenario (scenarios/service-autoscaling.yaml, ?scenario=service-autoscaling)
// does what its summary says, with the documented numbers:
//  - web: 384 CPU units on 2 tasks of 256 = 75 % > 70 → after the 3rd breaching minute target
//    tracking sets ceil(2 × 75 / 70) = 3, not before; with 3 tasks 50 % (below 63, but
//    ceil(3 × 50 / 70) = 3: nothing to remove), so it stays at 3;
//  - worker: 400 units on 2 tasks = 78.1 %, 28.1 above the learner's alarm threshold 50 for 2 of 2
//    minutes → the [20, ∞) step: +2 → 4 (39 %, the alarm goes OK);
//  - morning-rush, cron(0 8 * * ? *) in Etc/GMT-1 (UTC+1): fires at 07:00 UTC, MinCapacity 5 → web 5;
//    evening at 19:00 UTC: MinCapacity 1; web has been below 63 % (30 %) all day, so its AlarmLow is in
//    ALARM already and target tracking scales in on that very minute: ceil(5 × 30 / 70) = 3.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { Snapshot } from '../../../workers/protocol.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

function loaded() {
  const parsed = parseScenarioText(readFileSync(new URL('../../../scenarios/service-autoscaling.yaml', import.meta.url), 'utf8'), { fileName: 'service-autoscaling.yaml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const engine = createEngine({ seed: 7 });
  const load = engine.load(parsed.scenario);
  expect(load.results.filter((r) => 'error' in r)).toEqual([]);
  return engine;
}

const desired = (s: Snapshot, name: string) => s.services.find((x) => x.serviceName === name)!.desiredCount;
const running = (s: Snapshot, name: string) => s.services.find((x) => x.serviceName === name)!.runningCount;

describe('the service-autoscaling scenario', () => {
  it('scales web by target tracking, worker by its step policy, and web by the daily schedule', () => {
    const engine = loaded();
    let s = engine.snapshot();
    expect(s.scalableTargets!.map((t) => t.ResourceId)).toEqual(['service/demo/web', 'service/demo/worker']);
    expect(s.alarms!.map((a) => a.AlarmName)).toEqual([expect.stringMatching(/^TargetTracking-service\/demo\/web-AlarmHigh-/), expect.stringMatching(/^TargetTracking-service\/demo\/web-AlarmLow-/), 'worker-cpu-high']);

    engine.advance(2 * MIN + 30_000);
    s = engine.snapshot();
    expect(desired(s, 'web')).toBe(2);
    expect(desired(s, 'worker')).toBe(4); // the learner's alarm: 2 of 2 minutes above 50
    engine.advance(30_000);
    s = engine.snapshot();
    expect(desired(s, 'web')).toBe(3);
    const lines = s.events.filter((e) => e.kind === 'appautoscaling.scaling').map((e) => e.message);
    expect(lines).toEqual([
      'Step scaling policy scale-out on service worker: alarm worker-cpu-high CPUUtilization 78.1 against threshold 50, step [20, ∞) → +2 — desired count 2 → 4.',
      'Target tracking policy cpu-at-70 on service web: CPUUtilization 75 > 70 for 3 of 3 minutes — desired count 2 → 3.',
    ]);

    engine.advance(30 * MIN);
    s = engine.snapshot();
    expect([desired(s, 'web'), running(s, 'web'), desired(s, 'worker'), running(s, 'worker')]).toEqual([3, 3, 4, 4]);

    // 07:00 UTC = 08:00 in Etc/GMT-1.
    engine.advance(7 * HOUR - 1 - s.time);
    expect(desired(engine.snapshot(), 'web')).toBe(3);
    engine.advance(1);
    s = engine.snapshot();
    expect(desired(s, 'web')).toBe(5);
    expect(s.serviceScalingActivities![0]).toMatchObject({ ResourceId: 'service/demo/web', Description: 'Setting desired count to 5.', Cause: 'minimum capacity was set to 5' });

    // All day at 30 %: AlarmLow in ALARM, but the minimum holds 5 (the proposal 3 is clamped).
    engine.advance(19 * HOUR - 1 - s.time);
    s = engine.snapshot();
    expect(desired(s, 'web')).toBe(5);
    expect(s.alarms!.find((a) => a.AlarmName.includes('web-AlarmLow'))!.StateValue).toBe('ALARM');
    // 19:00 UTC: the minimum goes back to 1 and target tracking removes 2 tasks at once.
    engine.advance(1);
    s = engine.snapshot();
    expect(desired(s, 'web')).toBe(3);
    expect(s.events.filter((e) => e.kind === 'appautoscaling.scaling').at(-1)!.message).toBe(
      'Target tracking policy cpu-at-70 on service web: CPUUtilization 30 < 63 for 15 of 15 minutes — desired count 5 → 3.',
    );
    expect(s.scalableTargets![0]).toMatchObject({ MinCapacity: 1, MaxCapacity: 8 });
  });
});
