// Proves the small view models: virtual clock format, event log lines, the Run task form's
// choices and request, and how step results and parse issues read.
import { describe, expect, it } from 'vitest';
import { formatVirtualTime } from '../../../src/lib/view-model/time.ts';
import { eventLines, eventTone } from '../../../src/lib/view-model/events.ts';
import { clampCount, clusterOptions, defaultCluster, runTaskStep, stopTaskStep, taskDefinitionOptions } from '../../../src/lib/view-model/run-task.ts';
import { describeIssue, hasPlacementFailures, placementExplanations, resultView } from '../../../src/lib/view-model/results.ts';
import { taskDefinitionRef } from '../../../src/lib/view-model/arn.ts';
import { snapshot, taskDefinition } from './fixtures.ts';

describe('formatVirtualTime', () => {
  it.each([
    [0, '+00:00:00'],
    [90_000, '+00:01:30'],
    [3_600_000 + 61_999, '+01:01:01'],
    [-5, '+00:00:00'],
    [Number.NaN, '+00:00:00'],
    [360_000_000, '+100:00:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatVirtualTime(ms)).toBe(text);
  });
});

describe('eventLines', () => {
  it('keeps the newest events, oldest first, with stamps and tones', () => {
    const events = Array.from({ length: 5 }, (_, i) => ({ id: i, time: i * 30_000, kind: i === 4 ? 'task.stopped' : 'task.running', message: `m${i}` }));
    const lines = eventLines(snapshot({ events }), 3);
    expect(lines.map((l) => [l.stamp, l.message, l.tone])).toEqual([
      ['+00:01:00', 'm2', 'good'],
      ['+00:01:30', 'm3', 'good'],
      ['+00:02:00', 'm4', 'warn'],
    ]);
    expect(eventLines(null)).toEqual([]);
    expect(eventTone('task.placement-failed')).toBe('bad');
  });
});

describe('run task form', () => {
  it('offers ACTIVE task definitions, newest revision first', () => {
    const s = snapshot({ taskDefinitions: [taskDefinition('web', 1), taskDefinition('web', 2), taskDefinition('api', 1), taskDefinition('old', 1, 'INACTIVE')] });
    expect(taskDefinitionOptions(s).map((o) => o.value)).toEqual(['api:1', 'web:2', 'web:1']);
  });

  it('starts on the demo cluster when there is one', () => {
    expect(defaultCluster([{ value: 'a', label: 'a' }, { value: 'demo', label: 'demo' }])).toBe('demo');
    expect(defaultCluster([{ value: 'a', label: 'a' }])).toBe('a');
    expect(defaultCluster([])).toBe('');
    expect(clusterOptions(null)).toEqual([]);
  });

  it('builds RunTask and StopTask steps, clamping count to 1..10', () => {
    expect(runTaskStep('demo', 'web:1', 25)).toEqual({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web:1', count: 10, launchType: 'EC2' } });
    expect(clampCount('0')).toBe(1);
    expect(clampCount('x')).toBe(1);
    expect(clampCount(3.7)).toBe(3);
    expect(stopTaskStep('c', 't')).toEqual({ 'ecs:StopTask': { cluster: 'c', task: 't', reason: 'Task stopped by user' } });
  });
});

describe('resultView', () => {
  it('reads an AWS error as code and message', () => {
    const v = resultView({ step: 1, action: 'ecs:RunTask', error: { code: 'ClusterNotFoundException', message: 'Cluster not found.' } });
    expect(v).toMatchObject({ ok: false, summary: 'ClusterNotFoundException: Cluster not found.' });
  });

  it('pulls RunTask placement failures out of a 200 response', () => {
    const v = resultView({
      step: 1,
      action: 'ecs:RunTask',
      response: { tasks: [], failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/demo/abc', reason: 'RESOURCE:MEMORY', detail: 'needs 512 MiB, most free 384 MiB' }] },
    });
    expect(v.ok).toBe(false);
    expect(v.summary).toBe('0 tasks started, 1 failure');
    expect(v.failures).toEqual(['abc: RESOURCE:MEMORY (needs 512 MiB, most free 384 MiB)']);
  });

  it('names the new revision of a registration', () => {
    const v = resultView({ step: 1, action: 'ecs:RegisterTaskDefinition', response: { taskDefinition: { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2' } } });
    expect(v).toMatchObject({ ok: true, summary: 'Registered web:2' });
    expect(v.json).toContain('"taskDefinitionArn"');
  });

  it('finds the placement explanations logged after a command', () => {
    const events = [
      { id: 1, time: 0, kind: 'placement.failed', message: 'old' },
      { id: 2, time: 0, kind: 'task.pending', message: 'p' },
      { id: 3, time: 0, kind: 'placement.failed', message: '0/6 instances can run web:1: 6 × insufficient CPU' },
    ];
    expect(placementExplanations(events, 1)).toEqual(['0/6 instances can run web:1: 6 × insufficient CPU']);
    expect(hasPlacementFailures([{ step: 1, action: 'ecs:RunTask', response: { tasks: [], failures: [{ reason: 'RESOURCE:CPU' }] } }])).toBe(true);
    expect(hasPlacementFailures([{ step: 1, action: 'ecs:RunTask', response: { tasks: [{}], failures: [] } }])).toBe(false);
    expect(hasPlacementFailures([{ step: 1, action: 'x', error: { code: 'C', message: 'm' } }])).toBe(false);
  });

  it('locates parse issues', () => {
    expect(describeIssue({ message: 'bad', line: 2, column: 4 })).toBe('line 2, column 4: bad');
    expect(describeIssue({ message: 'bad' })).toBe('bad');
  });
});

describe('taskDefinitionRef', () => {
  it('splits family and revision', () => {
    expect(taskDefinitionRef('arn:aws:ecs:us-east-1:123456789012:task-definition/my-app:12')).toEqual({ family: 'my-app', revision: 12, label: 'my-app:12' });
    expect(taskDefinitionRef('web')).toEqual({ family: 'web', revision: null, label: 'web' });
  });
});
