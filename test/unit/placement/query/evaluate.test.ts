// Proves each subject × operator evaluates as documented (or as the sandbox decided where AWS is
// silent, see compile.ts): one table per subject, each row an expression, the instance it is
// evaluated against and the expected answer, with the comparison spelled out in a comment.
import { describe, expect, it } from 'vitest';
import { parseClusterQuery } from '../../../../workers/engine/placement/query/index.ts';
import { matches, query, target, type TargetSpec } from './helpers.ts';

type Row = [expression: string, instance: TargetSpec, expected: boolean];

function table(rows: Row[]): void {
  it.each(rows)('%s on %j → %s', (expression, instance, expected) => {
    expect(matches(expression, instance)).toBe(expected);
  });
}

const TYPE = (type: string | null): TargetSpec => ({ attributes: { 'ecs.instance-type': type } as Record<string, string | null> });
const NONE: TargetSpec = { attributes: {} };

describe('attribute:<name>', () => {
  describe('== / equals and != / not_equals (case-sensitive string equality)', () => {
    table([
      ['attribute:ecs.instance-type == t3.micro', TYPE('t3.micro'), true],
      ['attribute:ecs.instance-type equals t3.micro', TYPE('t3.micro'), true],
      ['attribute:ecs.instance-type == T3.MICRO', TYPE('t3.micro'), false], // 'T3.MICRO' ≠ 't3.micro'
      ['attribute:ecs.instance-type == t3.micro', NONE, false], // no attribute: matches nothing
      ['attribute:ecs.instance-type != t3.micro', TYPE('m5.large'), true],
      ['attribute:ecs.instance-type not_equals t3.micro', TYPE('t3.micro'), false],
      ['attribute:ecs.instance-type != t3.micro', NONE, false], // AWS: "instances with the attribute … unless"
      ["attribute:ecs.instance-type == 't3.micro'", TYPE('t3.micro'), true], // quotes are not part of the value
      ['attribute:ecs.instance-type == "t3.micro"', TYPE('t3.micro'), true],
    ]);
  });

  describe('exists / !exists / not_exists', () => {
    table([
      ['attribute:ecs.instance-type exists', TYPE('t3.micro'), true],
      ['attribute:ecs.instance-type exists', NONE, false],
      ['attribute:ecs.capability.secrets.asm.environment-variables exists', { attributes: { 'ecs.capability.secrets.asm.environment-variables': null } }, true], // value-less capability attribute exists
      ['attribute:ecs.instance-type !exists', NONE, true],
      ['attribute:ecs.instance-type not_exists', NONE, true],
      ['attribute:ecs.instance-type not_exists', TYPE('t3.micro'), false],
    ]);
  });

  describe('in / !in / not_in', () => {
    table([
      ['attribute:ecs.instance-type in [t3.micro, t3.small]', TYPE('t3.small'), true],
      ["attribute:ecs.instance-type in ['t3.micro', \"t3.small\"]", TYPE('t3.small'), true],
      ['attribute:ecs.instance-type in [t3.micro]', TYPE('t3.small'), false],
      ['attribute:ecs.instance-type in [t3.micro]', NONE, false],
      ['attribute:ecs.instance-type !in [t3.micro, t3.small]', TYPE('m5.large'), true],
      ['attribute:ecs.instance-type not_in [t3.micro, t3.small]', TYPE('t3.micro'), false],
      ['attribute:ecs.instance-type not_in [t3.micro]', NONE, false], // no attribute: matches nothing
      ['attribute:stack in [prod, "blue green"]', { attributes: { stack: 'blue green' } }, true], // a quoted value keeps its space
    ]);
  });

  describe('=~ / matches and !~ / not_matches (Java regex, whole value)', () => {
    table([
      ['attribute:ecs.instance-type =~ t3.*', TYPE('t3.micro'), true],
      ['attribute:ecs.instance-type matches t3.*', TYPE('m5.large'), false],
      ['attribute:ecs.instance-type =~ t3', TYPE('t3.micro'), false], // whole-value match: 't3' ≠ 't3.micro'
      ['attribute:ecs.instance-type =~ .*micro', TYPE('t3.micro'), true],
      ["attribute:ecs.instance-type =~ '(t3|m5)\\.(micro|large)'", TYPE('m5.large'), true],
      ['attribute:ecs.instance-type =~ t[23]\\.\\w+', TYPE('t2.small'), true], // brackets allowed unquoted in a pattern
      ["attribute:ecs.instance-type =~ '(?i)T3.*'", TYPE('t3.micro'), true], // leading (?i) → case-insensitive (quoted: it has parentheses)
      ['attribute:ecs.instance-type !~ t3.*', TYPE('m5.large'), true],
      ['attribute:ecs.instance-type not_matches t3.*', TYPE('t3.micro'), false],
      ['attribute:ecs.instance-type !~ t3.*', NONE, false], // no attribute: matches nothing
      ['attribute:flag =~ .*', { attributes: { flag: null } }, true], // a value-less attribute is ''
    ]);
  });

  describe('> >= < <= (sandbox decision: as numbers when both are numbers, else as strings)', () => {
    table([
      ['attribute:gpus > 2', { attributes: { gpus: '4' } }, true], // 4 > 2
      ['attribute:gpus > 9', { attributes: { gpus: '10' } }, true], // 10 > 9 as numbers ('10' < '9' as strings)
      ['attribute:gpus greater_than 4', { attributes: { gpus: '4' } }, false],
      ['attribute:gpus >= 4', { attributes: { gpus: '4' } }, true],
      ['attribute:gpus greater_than_equal 4.5', { attributes: { gpus: '4' } }, false], // 4 < 4.5
      ['attribute:gpus < 1', { attributes: { gpus: '0' } }, true],
      ['attribute:gpus less_than 1', { attributes: { gpus: '-1' } }, true],
      ['attribute:gpus <= 0', { attributes: { gpus: '0' } }, true],
      ['attribute:gpus less_than_equal 0', { attributes: { gpus: '1' } }, false],
      ['attribute:tier > b', { attributes: { tier: 'c' } }, true], // 'c' > 'b' as strings
      ['attribute:tier > b', { attributes: { tier: '10' } }, false], // '10' < 'b' (not both numbers → strings)
      ['attribute:gpus > 2', NONE, false], // no attribute: matches nothing
    ]);
  });

  it('names with every allowed character (letters, digits, - _ / \\ .)', () => {
    expect(matches('attribute:My_attr-1/x\\y.z == v', { attributes: { 'My_attr-1/x\\y.z': 'v' } })).toBe(true);
  });

  it('an unknown attribute is not an error: it matches nothing', () => {
    const parsed = parseClusterQuery('attribute:no.such.attribute == x');
    expect(parsed.ok).toBe(true);
    expect(matches('attribute:no.such.attribute == x')).toBe(false);
    expect(matches('attribute:no.such.attribute != x')).toBe(false);
  });
});

describe('ec2InstanceId (==, !=, in, !in, =~, !~)', () => {
  const ID: TargetSpec = { ec2InstanceId: 'i-0abc' };
  table([
    ['ec2InstanceId == i-0abc', ID, true],
    ['ec2InstanceId != i-0abc', ID, false],
    ['ec2InstanceId in [i-1, i-0abc]', ID, true],
    ['ec2InstanceId !in [i-1, i-0abc]', ID, false],
    ['ec2InstanceId not_in [i-1]', ID, true],
    ['ec2InstanceId =~ i-0.*', ID, true],
    ['ec2InstanceId !~ i-0.*', ID, false],
    ['ec2InstanceId matches i-[0-9a-f]{4}', ID, true], // i- then 4 hex digits
  ]);
});

describe('agentConnected (==, !=, in, !in, =~, !~; true or false)', () => {
  table([
    ['agentConnected == true', { agentConnected: true }, true],
    ['agentConnected == false', { agentConnected: true }, false],
    ['agentConnected == FALSE', { agentConnected: false }, true], // case-insensitive, as Java's Boolean.parseBoolean
    ['agentConnected != true', { agentConnected: false }, true],
    ['agentConnected in [true, false]', { agentConnected: false }, true],
    ['agentConnected not_in [true]', { agentConnected: false }, true],
    ['agentConnected =~ t.*', { agentConnected: true }, true], // 'true' matches t.*
    ['agentConnected !~ t.*', { agentConnected: false }, true], // 'false' does not
  ]);
});

describe('agentVersion (==, !=, >, >=, <, <=; compared as versions)', () => {
  table([
    ['agentVersion == 1.92.0', { agentVersion: '1.92.0' }, true],
    ['agentVersion == 1.92', { agentVersion: '1.92.0' }, true], // missing parts are 0
    ['agentVersion != 1.92.0', { agentVersion: '1.92.1' }, true],
    ['agentVersion > 1.14.5', { agentVersion: '1.100.0' }, true], // 100 > 14 in the second part
    ['agentVersion greater_than 1.14.5', { agentVersion: '1.14.5' }, false],
    ['agentVersion >= 1.14.5', { agentVersion: '1.14.5' }, true],
    ['agentVersion < 1.14.5', { agentVersion: '1.14.10' }, false], // 10 > 5 in the third part
    ['agentVersion less_than 2', { agentVersion: '1.99.99' }, true],
    ['agentVersion <= 1.14.5', { agentVersion: '1.14.5' }, true],
    ['agentVersion less_than_equal 1.14.4', { agentVersion: '1.14.5' }, false],
  ]);
});

describe('registeredAt (==, !=, >, >=, <, <=; compared as dates)', () => {
  const AT = { registeredAt: '2018-06-18T22:28:28.000Z' };
  table([
    ['registeredAt == 2018-06-18T22:28:28Z', AT, true],
    ['registeredAt == 2018-06-18T22:28:28+00:00', AT, true],
    ['registeredAt == 2018-06-18T22:28:28', AT, true], // no zone: UTC
    ['registeredAt == 2018-06-19T00:28:28+02:00', AT, true], // 00:28:28+02:00 = 22:28:28Z the day before
    ['registeredAt == 2018-06-18', AT, true], // a date only compares the UTC day
    ['registeredAt != 2018-06-18', AT, false],
    ['registeredAt > 2018-06-18', AT, false], // same day, not after it
    ['registeredAt > 2018-06-17', AT, true],
    ['registeredAt >= 2018-06-18T22:28:29Z', AT, false], // one second early
    ['registeredAt < 2018-06-19', AT, true],
    ['registeredAt <= 2018-06-18T22:28:28Z', AT, true],
    ['registeredAt less_than 2018-06-18T22:28:28Z', { registeredAt: '2018-06-18T22:28:28.900Z' }, false], // compared to the second
  ]);
});

describe('runningTasksCount (==, !=, >, >=, <, <=)', () => {
  table([
    ['runningTasksCount == 0', { runningTasksCount: 0 }, true],
    ['runningTasksCount != 0', { runningTasksCount: 0 }, false],
    ['runningTasksCount > 2', { runningTasksCount: 3 }, true],
    ['runningTasksCount >= 3', { runningTasksCount: 3 }, true],
    ['runningTasksCount < 3', { runningTasksCount: 3 }, false],
    ['runningTasksCount <= 10', { runningTasksCount: 9 }, true], // 9 ≤ 10 as numbers ('9' > '10' as strings)
  ]);
});

describe('task:group (==, !=, in, !in; sandbox decision: != means "no task of that group")', () => {
  table([
    ['task:group == service:web', { groups: ['service:web'] }, true],
    ['task:group equals family:web', { groups: ['service:web'] }, false],
    ['task:group != database', { groups: ['service:web'] }, true],
    ['task:group != database', { groups: ['service:web', 'database'] }, false], // a database task runs there
    ['task:group != database', { groups: [] }, true],
    ['task:group in [database, cache]', { groups: ['cache'] }, true],
    ['task:group not_in [database, cache]', { groups: ['cache'] }, false],
    ['task:group !in [database, cache]', { groups: ['service:web'] }, true],
  ]);
});

describe('dependsOnPlacements', () => {
  it.each([
    ['runningTasksCount == 0', true],
    ['not(task:group == database)', true],
    ['attribute:ecs.instance-type == t3.micro or runningTasksCount < 2', true],
    ['attribute:ecs.instance-type == t3.micro', false],
    ['agentVersion > 1.0 and registeredAt < 2030-01-01 and ec2InstanceId != i-1 and agentConnected == true', false],
  ])('%s → %s', (text, expected) => {
    expect(query(text).dependsOnPlacements).toBe(expected);
  });
});

describe('matches is fast enough for the placement benchmark', () => {
  it('evaluates a compound expression for 5,000 instances 20 times well under a second', () => {
    const q = query(
      'attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and attribute:ecs.instance-type =~ m5.* and not(task:group == database) and agentVersion >= 1.14.5',
    );
    const targets = Array.from({ length: 5000 }, (_, i) =>
      target({ attributes: { 'ecs.availability-zone': `us-east-1${'abc'[i % 3]}`, 'ecs.instance-type': i % 2 ? 'm5.large' : 't3.micro' } }),
    );
    const start = performance.now();
    let count = 0;
    for (let round = 0; round < 20; round++) for (const t of targets) if (q.matches(t)) count++;
    const elapsedMs = performance.now() - start;
    expect(count).toBe(20 * 1667); // odd i (m5.large) in zone a or b: 1,667 of 5,000
    expect(elapsedMs).toBeLessThan(1000);
  });
});
