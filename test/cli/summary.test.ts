// Proves the readable summary of `ecs-sandbox run` (a pure function of the snapshot and the step
// results): stopped tasks say why, failures inside successful responses (RunTask placement,
// Describe* MISSING) are listed apart from failed steps, and durations read as people write them.
import { describe, expect, it } from 'vitest';
import { formatDuration, formatSummary } from '../../cli/summary.ts';
import type { Snapshot, StepResult, Task } from '../../workers/protocol.ts';

const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef0123456789abcdef';

function task(overrides: Partial<Task>): Task {
  return {
    taskArn: TASK_ARN,
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2',
    availabilityZone: 'us-east-1b',
    group: 'family:web',
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    launchType: 'EC2',
    containers: [],
    healthStatus: 'UNKNOWN',
    version: 1,
    overrides: { containerOverrides: [], inferenceAcceleratorOverrides: [] },
    attachments: [],
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const EMPTY: Snapshot = { time: 0, seed: 1, clusters: [], containerInstances: [], taskDefinitions: [], tasks: [], services: [], events: [] };
const SCENARIO = { id: 's', title: 'S', seed: 1, setup: [] };

describe('formatSummary', () => {
  it('says why a task stopped, in a column that appears only then', () => {
    const running = formatSummary(SCENARIO, { ...EMPTY, tasks: [task({})] }, []);
    expect(running).not.toContain('STOPPED BECAUSE');
    const stopped = formatSummary(
      SCENARIO,
      { ...EMPTY, tasks: [task({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' })] },
      [],
    );
    expect(stopped).toMatch(/TASK\s+DEFINITION\s+STATUS\s+DESIRED\s+INSTANCE\s+AZ\s+PORTS \(host->container\)\s+STOPPED BECAUSE/);
    expect(stopped).toMatch(/01234567\s+web:2\s+STOPPED\s+STOPPED\s+-\s+us-east-1b\s+-\s+UserInitiated: Task stopped by user/);
  });

  it('lists failed steps and failures inside successful responses separately', () => {
    const results: StepResult[] = [
      { step: 1, action: 'ecs:RunTask', response: { tasks: [], failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/demo/abc', reason: 'RESOURCE:MEMORY' }] } },
      { step: 2, action: 'ecs:StopTask', error: { code: 'InvalidParameterException', message: 'The referenced task was not found.' } },
    ];
    const text = formatSummary(SCENARIO, EMPTY, results);
    expect(text).toContain('2 steps applied, 1 failed');
    expect(text).toContain('Failed steps (each left the state unchanged)\n  step 2 ecs:StopTask: InvalidParameterException: The referenced task was not found.');
    expect(text).toContain('Failures reported in responses (the calls succeeded)\n  step 1 ecs:RunTask: RESOURCE:MEMORY (container-instance/demo/abc)');
  });

  it('shows an empty sandbox plainly', () => {
    expect(formatSummary(SCENARIO, EMPTY, [])).toBe(
      'Scenario s: S\nSeed 1, virtual time 0ms, 0 steps applied, 0 failed\n\nClusters: none\n\nContainer instances: none\n\nTasks: none\n',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [250, '250ms'],
    [30_000, '30s'],
    [90_000, '1m 30s'], // 60 000 + 30 000
    [5_400_250, '1h 30m 250ms'], // 3 600 000 + 1 800 000 + 250
    [86_400_000, '1d'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
