// A scenario's scripted events run in the engine at (the setup's end + at): not before, exactly then,
// as the author; a refused one is said in the event log and the run goes on. Replays (the timeline)
// and check get them through the engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { SCENARIO_EVENT_REFUSED } from '../../../workers/engine/scenario-events.ts';
import type { Scenario, Snapshot } from '../../../workers/protocol.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';
import { Timeline } from '../../../workers/timeline/index.ts';

const MIN = 60_000;

function servicesWith(events: string): Scenario {
  const text = readFileSync(new URL('../../../scenarios/services.yaml', import.meta.url), 'utf8');
  const parsed = parseScenarioText(`${text}\n${events}`, { fileName: 'services.yaml' });
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('\n'));
  return parsed.scenario;
}

const rate = (snapshot: Snapshot): number | undefined => snapshot.traffic?.find((traffic) => traffic.serviceName === 'web')?.requestsPerSecond;

describe('scripted events', () => {
  it('sim:SetTraffic at 10m changes the load at 10m after the setup, not before', () => {
    const scenario = servicesWith(`events:
  - at: 10m
    do: {sim:SetTraffic: {cluster: demo, service: web, requestsPerSecond: 120}}
`);
    const engine = createEngine();
    engine.load(scenario);
    const setupEnd = engine.snapshot().time;
    expect(setupEnd).toBeGreaterThan(0);
    engine.advance(10 * MIN - 1);
    expect(rate(engine.snapshot()) ?? 0).toBe(0);
    engine.advance(1);
    const snapshot = engine.snapshot();
    expect(snapshot.time).toBe(setupEnd + 10 * MIN);
    expect(rate(snapshot)).toBe(120);
    expect(snapshot.events.filter((event) => event.kind === SCENARIO_EVENT_REFUSED)).toEqual([]);
  });

  it('runs an event at 0 as the setup ends, before load returns', () => {
    const scenario = servicesWith(`events:
  - at: 0
    do: {sim:SetTraffic: {cluster: demo, service: web, requestsPerSecond: 40}}
`);
    const engine = createEngine();
    engine.load(scenario);
    expect(rate(engine.snapshot())).toBe(40);
  });

  it('logs a refused event with which event and why, and goes on with the next', () => {
    const scenario = servicesWith(`events:
  - at: 1m
    do: {sim:SetTraffic: {cluster: demo, service: nope, requestsPerSecond: 10}}
  - at: 2m
    do: {sim:SetTraffic: {cluster: demo, service: web, requestsPerSecond: 30}}
`);
    const engine = createEngine();
    const load = engine.load(scenario);
    expect(load.results.every((result) => 'response' in result)).toBe(true);
    engine.advance(3 * MIN);
    const snapshot = engine.snapshot();
    const failed = snapshot.events.filter((event) => event.kind === SCENARIO_EVENT_REFUSED);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toMatch(/^Scripted event 1 \(sim:SetTraffic at 1m\) was refused: \w+: .*nope/);
    expect(rate(snapshot)).toBe(30);
  });

  it('does not take step numbers from the learner', () => {
    const scenario = servicesWith(`events:
  - at: 1m
    do: {sim:SetTraffic: {cluster: demo, service: web, requestsPerSecond: 10}}
`);
    const engine = createEngine();
    const load = engine.load(scenario);
    engine.advance(2 * MIN);
    const next = engine.dispatch({ 'ecs:ListClusters': {} });
    expect(next.step).toBe(load.results.length + 1);
  });

  it('are part of the timeline: a jump back and forth replays them exactly', () => {
    const scenario = servicesWith(`events:
  - at: 5m
    do: {sim:SetTraffic: {cluster: demo, service: web, requestsPerSecond: 200}}
`);
    const timeline = Timeline.start(scenario, { createEngine: () => createEngine() });
    const start = timeline.snapshot().time;
    timeline.advance(10 * MIN);
    const live = timeline.snapshot();
    expect(rate(live)).toBe(200);
    timeline.jumpTo(start + 2 * MIN);
    expect(rate(timeline.snapshot()) ?? 0).toBe(0);
    timeline.jumpTo(start + 10 * MIN);
    expect(timeline.snapshot()).toEqual(live);
  });
});
