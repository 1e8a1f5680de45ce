// Proves issue 7's SQS flow end to end on the shipped scenario (scenarios/sqs-worker.yaml, opened in
// the app with ?scenario=sqs-worker): a worker service working off a queue, scaled by target
// tracking on backlog per task — AWS's metric math m1 / m2 (AWS/SQS ApproximateNumberOfMessagesVisible
// over ECS/ContainerInsights RunningTaskCount), target 60 = 120 s acceptable latency ÷ 2 s per message:
//  - one task works off 30 messages a minute (MESSAGE_PROCESSING_SECONDS 2): 1,200 → 1,170 → 1,140;
//  - three datapoints above 60 (minutes 2, 3, 4) put AlarmHigh in ALARM: desired 1 → 10 (the
//    proportional ask, ⌈1 × 1,110 / 60⌉ = 19, capped at MaxCapacity);
//  - ten tasks at 300 a minute drain the queue by minute 8; every message is deleted once;
//  - fifteen datapoints below 54 (90 % of the target, minutes 6 … 20) put AlarmLow in ALARM: 10 → 1.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { Snapshot } from '../../../workers/protocol.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';
import { attr, sqsPoints } from './fixtures.ts';

function loaded() {
  const parsed = parseScenarioText(readFileSync(new URL('../../../scenarios/sqs-worker.yaml', import.meta.url), 'utf8'), { fileName: 'sqs-worker.yaml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const engine = createEngine({ seed: 11 });
  const load = engine.load(parsed.scenario);
  expect(load.results.filter((r) => 'error' in r)).toEqual([]);
  return engine;
}

const worker = (s: Snapshot) => s.services.find((x) => x.serviceName === 'worker')!;
const alarm = (s: Snapshot, kind: 'High' | 'Low') => s.alarms!.find((a) => a.AlarmName.includes(`-Alarm${kind}-`))!;

describe('the sqs-worker scenario', () => {
  it('a burst scales the worker service out on backlog per task, the queue drains, and it scales back in', () => {
    const engine = loaded();
    // The scenario ends at minute 1 with the burst sent.
    let s = engine.snapshot();
    expect(s.time).toBe(60_000);
    expect(attr(s, 'ApproximateNumberOfMessages')).toBe(1200);
    expect(alarm(s, 'High').Metrics!.map((q) => q.Id)).toEqual(['m1', 'm2', 'e1']);

    engine.advance(2 * 60_000);
    s = engine.snapshot();
    expect(attr(s, 'ApproximateNumberOfMessages')).toBe(1140);
    expect(worker(s).desiredCount).toBe(1);

    engine.advance(60_000); // minute 4
    s = engine.snapshot();
    expect(alarm(s, 'High').StateValue).toBe('ALARM');
    expect(alarm(s, 'High').StateReason).toMatch(/^Threshold Crossed: 3 out of the last 3 datapoints \[1110\.0 \(01\/01\/26 00:04:00\), 1140\.0 \(01\/01\/26 00:03:00\), 1170\.0 \(01\/01\/26 00:02:00\)\] were greater than the threshold \(60\.0\)/);
    expect(worker(s).desiredCount).toBe(10);

    engine.advance(60_000); // minute 5: ten tasks at work
    s = engine.snapshot();
    expect(worker(s).runningCount).toBe(10);
    expect(queueConsumers(s)).toBe(10);

    engine.advance(3 * 60_000); // minute 8: drained
    s = engine.snapshot();
    expect(attr(s, 'ApproximateNumberOfMessages')).toBe(0);
    expect(attr(s, 'ApproximateNumberOfMessagesNotVisible')).toBe(0);
    expect(sqsPoints(s, 'NumberOfMessagesDeleted').reduce((n, p) => n + p.v, 0)).toBe(1200);
    expect(sqsPoints(s, 'ApproximateNumberOfMessagesVisible').map((p) => p.v)).toEqual([0, 1170, 1140, 1110, 811, 511, 211, 0]);
    expect(worker(s).desiredCount).toBe(10);

    engine.advance(11 * 60_000); // minute 19: scale-in waits for 15 datapoints below 54
    expect(worker(engine.snapshot()).desiredCount).toBe(10);
    engine.advance(60_000); // minute 20
    s = engine.snapshot();
    expect(alarm(s, 'Low').StateValue).toBe('ALARM');
    expect(worker(s).desiredCount).toBe(1);
    const causes = (s.serviceScalingActivities ?? []).map((a) => a.Cause);
    expect(causes.some((c) => c.includes('AlarmHigh') && c.includes('in state ALARM'))).toBe(true);
    expect(causes.some((c) => c.includes('AlarmLow') && c.includes('in state ALARM'))).toBe(true);
    // Nothing was processed twice (the visibility timeout, 60 s, is longer than the 2 s of work).
    expect(s.events.some((e) => e.kind === 'sqs.redelivery')).toBe(false);

    engine.advance(2 * 60_000);
    s = engine.snapshot();
    expect(worker(s).runningCount).toBe(1);
  });
});

const queueConsumers = (s: Snapshot) => s.queues![0]!.consumers.reduce((n, c) => n + c.runningTasks, 0);
