// Jump, then act: a command run from the past drops the future (the log is the prefix plus the new
// command, and a plain engine given that log agrees); until then the future is kept.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { Timeline } from '../../../workers/timeline/index.ts';
import { CAPACITY, drive, MINUTE, sameJson, timeline } from './helpers.ts';

describe('jump then act branches (capacity.yaml)', () => {
  it('keeps the future while jumping, drops it on a command from the past', () => {
    const run = timeline();
    drive(run, 30, 3);
    const end = run.endMs;
    const fullLog = run.log();
    const back = end - 12 * MINUTE - 1234;
    run.jumpTo(back);
    expect(run.inPast).toBe(true);
    run.jumpTo(end);
    expect(run.log()).toEqual(fullLog);
    run.jumpTo(back);

    const command = { 'ecs:UpdateService': { cluster: 'managed', service: 'worker', desiredCount: 2 } };
    expect('error' in run.dispatch(command)).toBe(false);
    expect(run.inPast).toBe(false);
    expect(run.endMs).toBe(back);
    const kept = fullLog.entries.filter((entry) => entry.at <= back);
    expect(run.log().entries).toEqual([...kept, { at: back, step: command }]);
    for (const cursor of run.spareCursors) expect(cursor.timeMs <= back).toBe(true);

    run.advance(5 * MINUTE);
    const fresh = Timeline.fromLog(run.log(), { createEngine: () => createEngine() });
    sameJson(JSON.stringify(run.snapshot()), JSON.stringify(fresh.snapshot()), 'the branch against its own log replayed');
    // No engine of the dropped future serves a jump inside the branch.
    run.jumpTo(back + 2 * MINUTE);
    fresh.jumpTo(back + 2 * MINUTE);
    sameJson(JSON.stringify(run.snapshot()), JSON.stringify(fresh.snapshot()), 'a jump inside the branch');
    run.jumpTo(back + 5 * MINUTE);
    // The old future is gone: a jump cannot reach its end any more.
    run.jumpTo(end);
    expect(run.now).toBe(back + 5 * MINUTE);
  });

  it('a wait typed in the past is time: it replays the future instead of branching', () => {
    const run = timeline();
    drive(run, 24, 4);
    const fullLog = run.log();
    const finalJson = JSON.stringify(run.snapshot());
    const back = run.endMs - 10 * MINUTE;
    run.jumpTo(back);
    const result = run.dispatch({ wait: '10m' });
    expect(result).toMatchObject({ action: 'wait', response: { time: back + 10 * MINUTE } });
    expect(run.log()).toEqual(fullLog);
    sameJson(JSON.stringify(run.snapshot()), finalJson, 'after the wait');
    expect('error' in run.dispatch({ wait: 'soon' })).toBe(true);
  });
});

describe('spares kept by maintain', () => {
  it('keeps one spare at each of the last checkpoints, stops at its deadline, and bounds their number', () => {
    const run = Timeline.start(CAPACITY, { createEngine: () => createEngine(), checkpointEveryMs: 5 * MINUTE, checkpoints: 3 });
    run.advance(31 * MINUTE);
    expect(run.maintain(() => true)).toBe(true);
    while (run.maintain(() => false));
    const times = run.spareCursors.map((cursor) => cursor.timeMs);
    for (const target of [20, 25, 30].map((m) => m * MINUTE)) expect(times.some((time) => time <= target && time > target - 2.5 * MINUTE), `a spare near ${target}`).toBe(true);
    for (let i = 0; i < 6; i++) {
      run.advance(7 * MINUTE);
      while (run.maintain(() => false));
      run.jumpTo(run.endMs - 4 * MINUTE);
      run.jumpTo(run.endMs);
    }
    expect(run.spareCursors.length).toBeLessThanOrEqual(5);
  });
});


describe('reads from the past', () => {
  it('are answered without branching: the future is kept and replays to the same end', () => {
    const run = timeline();
    drive(run, 24, 5);
    const fullLog = run.log();
    const finalJson = JSON.stringify(run.snapshot());
    run.jumpTo(run.endMs - 11 * MINUTE);
    for (const step of [
      { 'ecs:DescribeServices': { cluster: 'managed', services: ['worker', 'web'] } },
      { 'ecs:ListTasks': { cluster: 'cpu-scaled' } },
      { 'autoscaling:DescribeAutoScalingGroups': {} },
      { 'ecs:DescribeCapacityProviders': {} },
    ]) {
      const result = run.dispatch(step);
      expect('error' in result ? result.error : undefined, Object.keys(step)[0]).toBeUndefined();
    }
    expect(run.log()).toEqual(fullLog);
    expect(run.inPast).toBe(true);
    run.advance(11 * MINUTE);
    sameJson(JSON.stringify(run.snapshot()), finalJson, 'after reads in the past');
  });

  it('a read at the end of the run is logged like any command; SQS reads are not taken for reads', async () => {
    const { isReadOnlyStep } = await import('../../../workers/timeline/index.ts');
    expect(isReadOnlyStep({ 'ecs:DescribeServices': {} })).toBe(true);
    expect(isReadOnlyStep({ 'sim:ExplainPlacement': {} })).toBe(true);
    expect(isReadOnlyStep({ 'sqs:GetQueueAttributes': {} })).toBe(false);
    expect(isReadOnlyStep({ 'ecs:UpdateService': {} })).toBe(false);
    const run = timeline();
    run.dispatch({ 'ecs:ListClusters': {} });
    expect(run.log().entries).toHaveLength(1);
  });
});
