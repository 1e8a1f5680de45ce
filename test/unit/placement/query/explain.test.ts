// Proves the explanations the placement explainer shows: each names the comparison(s) that
// decided, with the instance's actual value, and agrees with matches().
import { describe, expect, it } from 'vitest';
import { query, target, type TargetSpec } from './helpers.ts';

describe('explain', () => {
  it.each([
    // [expression, instance, explanation]
    ['attribute:ecs.instance-type =~ t3.*', {}, 'attribute:ecs.instance-type is m5.large, which does not match t3.*'],
    ['attribute:ecs.instance-type == m5.large', {}, 'attribute:ecs.instance-type is m5.large, which equals m5.large'],
    ['attribute:ecs.instance-type != m5.large', {}, 'attribute:ecs.instance-type is m5.large, which equals m5.large'],
    ['attribute:stack == prod', {}, 'the instance has no attribute stack, and a missing attribute matches nothing'],
    ['attribute:stack exists', {}, 'the instance has no attribute stack'],
    ['attribute:flag exists', { attributes: { flag: null } }, 'the instance has the attribute flag (present without a value)'],
    ['attribute:ecs.availability-zone not_in [us-east-1a, us-east-1b]', {}, 'attribute:ecs.availability-zone is us-east-1a, which is in [us-east-1a, us-east-1b]'],
    ['agentVersion < 1.14.5', {}, 'agentVersion is 1.92.0, which is not less than 1.14.5'],
    ['agentVersion >= 1.14.5', {}, 'agentVersion is 1.92.0, which is greater than or equal to 1.14.5'],
    ['registeredAt < 2018-02-13', {}, 'registeredAt is 2026-01-01T00:00:00Z, which is not less than 2018-02-13'],
    ['runningTasksCount <= 2', { runningTasksCount: 3 }, 'runningTasksCount is 3, which is greater than 2'],
    ['agentConnected == true', { agentConnected: false }, 'agentConnected is false, which does not equal true'],
    ["ec2InstanceId in ['i-1', 'i-2']", { ec2InstanceId: 'i-3' }, "ec2InstanceId is i-3, which is not in ['i-1', 'i-2']"],
    ['not(task:group == database)', { groups: ['database'] }, 'a task of group database runs on the instance'],
    ['task:group in [database, cache]', {}, 'no task of group database or cache runs on the instance'],
    // and: only the failing comparisons decide
    [
      'attribute:ecs.instance-type =~ m5.* and attribute:ecs.availability-zone == us-east-1b and runningTasksCount < 1',
      { runningTasksCount: 2 },
      'attribute:ecs.availability-zone is us-east-1a, which does not equal us-east-1b; runningTasksCount is 2, which is not less than 1',
    ],
    // or: only the matching comparisons decide
    [
      'attribute:ecs.instance-type =~ t3.* or runningTasksCount == 0',
      {},
      'runningTasksCount is 0, which equals 0',
    ],
    // or that fails: every comparison is a reason
    [
      'attribute:ecs.instance-type =~ t3.* or runningTasksCount > 0',
      {},
      'attribute:ecs.instance-type is m5.large, which does not match t3.*; runningTasksCount is 0, which is not greater than 0',
    ],
  ] as [string, TargetSpec, string][])('%s', (text, instance, explanation) => {
    expect(query(text).explain(target(instance))).toBe(explanation);
  });
});
