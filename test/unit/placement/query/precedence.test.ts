// Proves the grouping of compound expressions: not binds tighter than and, and tighter than or,
// parentheses override both, keywords are case-insensitive, and the printer shows the grouping
// the parser chose (printQuery puts every nested and/or in parentheses).
import { describe, expect, it } from 'vitest';
import { normalizeClusterQuery } from '../../../../workers/engine/placement/query/index.ts';
import { matches } from './helpers.ts';

describe('grouping, shown by the canonical form', () => {
  it.each([
    ['runningTasksCount == 1 or runningTasksCount == 2 and agentConnected == true', 'runningTasksCount == 1 or (runningTasksCount == 2 and agentConnected == true)'],
    ['runningTasksCount == 1 and runningTasksCount == 2 or agentConnected == true', '(runningTasksCount == 1 and runningTasksCount == 2) or agentConnected == true'],
    ['not runningTasksCount == 1 and agentConnected == true', 'not(runningTasksCount == 1) and agentConnected == true'],
    ['!runningTasksCount == 1 || agentConnected == true', 'not(runningTasksCount == 1) or agentConnected == true'],
    ['not (runningTasksCount == 1 and agentConnected == true)', 'not(runningTasksCount == 1 and agentConnected == true)'],
    ['(runningTasksCount == 1 or runningTasksCount == 2) and agentConnected == true', '(runningTasksCount == 1 or runningTasksCount == 2) and agentConnected == true'],
    ['a == 1', undefined],
    ['runningTasksCount==1&&agentConnected==true', 'runningTasksCount == 1 and agentConnected == true'], // no spaces needed around symbols
    ['runningTasksCount == 1 AND agentConnected EQUALS true OR NOT ec2InstanceId == i-1', '(runningTasksCount == 1 and agentConnected == true) or not(ec2InstanceId == i-1)'],
    ['((((runningTasksCount == 1))))', 'runningTasksCount == 1'],
    ['not not runningTasksCount == 1', 'not(not(runningTasksCount == 1))'],
    ["attribute:stack in [prod, 'blue green', \"x,y\"]", "attribute:stack in [prod, 'blue green', 'x,y']"],
    ["attribute:ecs.instance-type =~ '(t2|t3)\\..*'", "attribute:ecs.instance-type =~ '(t2|t3)\\..*'"],
  ])('%s', (text, canonical) => {
    expect(normalizeClusterQuery(text)).toBe(canonical);
  });
});

describe('grouping, shown by evaluation', () => {
  // a = runningTasksCount == 1, b = agentConnected == true, c = ec2InstanceId == i-c
  const expr = 'runningTasksCount == 1 or agentConnected == true and ec2InstanceId == i-c';
  it.each([
    // a or (b and c):  a=true → true whatever b, c
    [{ runningTasksCount: 1, agentConnected: false, ec2InstanceId: 'i-x' }, true],
    // a=false, b=true, c=false → (b and c) = false → false; (a or b) and c would also be false
    [{ runningTasksCount: 0, agentConnected: true, ec2InstanceId: 'i-x' }, false],
    // a=true, c=false: a or (b and c) = true, but (a or b) and c = false — this row tells them apart
    [{ runningTasksCount: 1, agentConnected: true, ec2InstanceId: 'i-x' }, true],
    [{ runningTasksCount: 0, agentConnected: true, ec2InstanceId: 'i-c' }, true],
  ])('%j → %s', (instance, expected) => {
    expect(matches(expr, instance)).toBe(expected);
  });

  it('not applies to the comparison right after it, not to the whole and', () => {
    // not(a) and b with a=false, b=false → false; not(a and b) would be true
    expect(matches('not runningTasksCount == 1 and agentConnected == true', { runningTasksCount: 0, agentConnected: false })).toBe(false);
    expect(matches('not (runningTasksCount == 1 and agentConnected == true)', { runningTasksCount: 0, agentConnected: false })).toBe(true);
  });

  it('and/or/not must be whole words', () => {
    // "order" and "notable" are values here, not keywords
    expect(matches('attribute:x == order', { attributes: { x: 'order' } })).toBe(true);
    expect(matches('attribute:x == notable or attribute:x == andover', { attributes: { x: 'andover' } })).toBe(true);
  });
});
