// Proves identifiers have AWS's forms, timestamps come from the fixed epoch plus virtual time, and
// names, ids and ARNs resolve to the same resource.
import { describe, expect, it } from 'vitest';
import {
  clusterArn,
  clusterNameOf,
  containerArn,
  containerInstanceArn,
  isoAt,
  newEc2InstanceId,
  parseTaskDefinitionRef,
  resourceIdOf,
  taskArn,
  taskDefinitionArn,
} from '../../../workers/engine/ids/arn.ts';
import { Prng } from '../../../workers/engine/prng.ts';

describe('ARNs and ids', () => {
  it('forms ARNs in us-east-1 for account 123456789012', () => {
    expect(clusterArn('demo')).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/demo');
    expect(taskArn('demo', 'a'.repeat(32))).toBe(`arn:aws:ecs:us-east-1:123456789012:task/demo/${'a'.repeat(32)}`);
    expect(containerInstanceArn('demo', 'b1')).toBe('arn:aws:ecs:us-east-1:123456789012:container-instance/demo/b1');
    expect(taskDefinitionArn('web', 3)).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/web:3');
    expect(containerArn('demo', 't1', 'u-1')).toBe('arn:aws:ecs:us-east-1:123456789012:container/demo/t1/u-1');
    expect(newEc2InstanceId(new Prng(1))).toMatch(/^i-[0-9a-f]{17}$/);
  });

  it('stamps virtual time from 2026-01-01T00:00:00.000Z', () => {
    expect(isoAt(0)).toBe('2026-01-01T00:00:00.000Z');
    expect(isoAt(90_500)).toBe('2026-01-01T00:01:30.500Z');
  });

  it('resolves names and ARNs alike', () => {
    expect(clusterNameOf(undefined)).toBe('default');
    expect(clusterNameOf('demo')).toBe('demo');
    expect(clusterNameOf(clusterArn('demo'))).toBe('demo');
    expect(resourceIdOf(taskArn('demo', 'abc'), 'task')).toBe('abc');
    expect(resourceIdOf('arn:aws:ecs:us-east-1:123456789012:task/abc', 'task')).toBe('abc');
    expect(resourceIdOf('abc', 'task')).toBe('abc');
    expect(resourceIdOf(containerInstanceArn('demo', 'ci1'), 'container-instance')).toBe('ci1');
  });

  it.each([
    ['web', { kind: 'family', family: 'web' }],
    ['web:2', { kind: 'revision', family: 'web', revision: 2 }],
    [taskDefinitionArn('web', 12), { kind: 'revision', family: 'web', revision: 12 }],
    ['web:0', { kind: 'invalid' }],
    ['web:x', { kind: 'invalid' }],
    ['we b', { kind: 'invalid' }],
    ['', { kind: 'invalid' }],
  ])('parses task definition reference %j', (text, expected) => {
    expect(parseTaskDefinitionRef(text)).toEqual(expected);
  });
});
