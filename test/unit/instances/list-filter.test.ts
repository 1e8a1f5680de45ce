// Proves ListContainerInstances' `filter` evaluates the cluster query language over a cluster of
// mixed types and AZs (each case lists which instances match and why), combines with `status` and
// paging, treats an unknown attribute as matching nothing (as on AWS), sees running tasks and task
// groups, and refuses a malformed expression with InvalidParameterException naming the column.
import { describe, expect, it } from 'vitest';
import { described, errorOf, mixedEngine, responseOf } from './helpers.ts';
import type { SandboxEngine } from '../../../workers/protocol.ts';

// The mixed cluster, by index:
// 0 m5.large us-east-1a · 1 m5.large us-east-1b · 2 t3.medium us-east-1a · 3 t3.medium us-east-1c
// 4 m6g.large us-east-1b (arm64) · 5 c5.large us-east-1c
function listed(engine: SandboxEngine, request: Record<string, unknown>): number[] {
  const arns = described(engine).map((instance) => instance.arn);
  const response = responseOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'mixed', ...request } }));
  return response.containerInstanceArns.map((arn: string) => arns.indexOf(arn));
}

describe('ListContainerInstances filter', () => {
  const CASES: [string, number[], string][] = [
    ['attribute:ecs.instance-type == m5.large', [0, 1], 'the two m5.large'],
    ['attribute:ecs.instance-type =~ m5.*', [0, 1], 'regex: m6g.large and c5.large do not start with m5'],
    ['attribute:ecs.instance-type matches t3\\..*', [2, 3], 'word form, escaped dot'],
    ['attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', [0, 1, 2, 4], 'everything outside us-east-1c'],
    ['attribute:ecs.availability-zone not_in [us-east-1a, us-east-1b]', [3, 5], 'only us-east-1c'],
    ['attribute:ecs.instance-type =~ t3.* and attribute:ecs.availability-zone != us-east-1a', [3], 'the t3.medium in 1c'],
    ['attribute:ecs.cpu-architecture == arm64 or attribute:ecs.instance-type == c5.large', [4, 5], 'or'],
    ['not(attribute:ecs.instance-type == m5.large)', [2, 3, 4, 5], 'not'],
    ['(attribute:ecs.availability-zone == us-east-1a or attribute:ecs.availability-zone == us-east-1b) and attribute:ecs.instance-type != t3.medium', [0, 1, 4], 'parentheses'],
    ['attribute:stack == prod', [], 'an attribute no instance has matches nothing'],
    ['attribute:stack exists', [], 'exists on an unknown attribute'],
    ['attribute:ecs.capability.task-eni exists', [0, 1, 2, 3, 4, 5], 'value-less capability attributes exist'],
    ['attribute:ecs.capability.task-eni !exists', [], '!exists'],
    ['runningTasksCount == 0', [0, 1, 2, 3, 4, 5], 'no task runs yet'],
    ['agentConnected == true', [0, 1, 2, 3, 4, 5], 'every agent is connected'],
    ['registeredAt < 2026-01-02', [0, 1, 2, 3, 4, 5], 'all registered at the sandbox epoch'],
    ['registeredAt > 2026-01-02', [], 'none later'],
  ];

  it.each(CASES)('%s → %j (%s)', (filter, expected) => {
    expect(listed(mixedEngine(), { filter })).toEqual(expected);
  });

  it('names instances by ec2InstanceId', () => {
    const engine = mixedEngine();
    const all = described(engine);
    expect(listed(engine, { filter: `ec2InstanceId in ['${all[0]!.ec2}', '${all[5]!.ec2}']` })).toEqual([0, 5]);
  });

  it('sees running tasks and task groups', () => {
    const engine = mixedEngine();
    const all = described(engine);
    // Leave only instance 5 ACTIVE so the task lands there.
    responseOf(engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: all.slice(0, 5).map((i) => i.arn), status: 'DRAINING' } }));
    responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'mixed', taskDefinition: 'web' } }));
    // PENDING: in the group already, not yet counted as running.
    expect(listed(engine, { filter: 'task:group == family:web' })).toEqual([5]);
    expect(listed(engine, { filter: 'runningTasksCount > 0' })).toEqual([]);
    engine.advance(120_000);
    expect(listed(engine, { filter: 'runningTasksCount == 1' })).toEqual([5]);
    expect(listed(engine, { filter: 'not(task:group == family:web)' })).toEqual([0, 1, 2, 3, 4]);
  });

  it('combines with status and with paging', () => {
    const engine = mixedEngine();
    const all = described(engine);
    responseOf(engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: [all[0]!.arn], status: 'DRAINING' } }));
    expect(listed(engine, { filter: 'attribute:ecs.instance-type == m5.large', status: 'ACTIVE' })).toEqual([1]);
    expect(listed(engine, { filter: 'attribute:ecs.instance-type == m5.large', status: 'DRAINING' })).toEqual([0]);
    // 4 instances outside us-east-1c, 3 per page.
    const first = responseOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'mixed', filter: 'attribute:ecs.availability-zone != us-east-1c', maxResults: 3 } }));
    expect(first.containerInstanceArns).toHaveLength(3);
    const second = responseOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'mixed', filter: 'attribute:ecs.availability-zone != us-east-1c', maxResults: 3, nextToken: first.nextToken } }));
    expect(second.containerInstanceArns).toEqual([all[4]!.arn]);
    expect(second.nextToken).toBeUndefined();
  });

  it('follows custom attributes set with PutAttributes', () => {
    const engine = mixedEngine();
    const all = described(engine);
    responseOf(engine.dispatch({ 'ecs:PutAttributes': { cluster: 'mixed', attributes: [{ name: 'stack', value: 'prod', targetId: all[2]!.arn }, { name: 'stack', value: 'dev', targetId: all[3]!.arn }] } }));
    expect(listed(engine, { filter: 'attribute:stack == prod' })).toEqual([2]);
    expect(listed(engine, { filter: 'attribute:stack exists' })).toEqual([2, 3]);
    responseOf(engine.dispatch({ 'ecs:DeleteAttributes': { cluster: 'mixed', attributes: [{ name: 'stack', targetId: all[2]!.arn }] } }));
    expect(listed(engine, { filter: 'attribute:stack exists' })).toEqual([3]);
  });

  it('an empty or blank filter lists everything', () => {
    expect(listed(mixedEngine(), { filter: '  ' })).toHaveLength(6);
  });

  it.each([
    ['attribute:ecs.instance-type ==', /^Invalid cluster query language expression: .*at column 31/],
    ['runningTasksCount =~ 1', /^Invalid cluster query language expression: runningTasksCount can't be compared with '=~' \(at column 19\)/],
    ['attribute:ecs.availability-zone in [us-east-1a, us-east-1b', /at column/],
    ['a'.repeat(2001), /2001 characters long; the maximum is 2000/],
  ])('refuses %s with InvalidParameterException and the column', (filter, message) => {
    const engine = mixedEngine();
    const error = errorOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'mixed', filter } }));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toMatch(message);
  });
});
