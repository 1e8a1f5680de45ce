// Proves every example expression in AWS's documentation parses and selects the instances the
// documentation says it selects: the cluster query language page (ECSDG:cluster-query-language,
// "Example expressions") and the task placement constraints page (ECSDG:task-placement-constraints,
// the list-container-instances filters and the memberOf constraints).
import { describe, expect, it } from 'vitest';
import { parseClusterQuery } from '../../../../workers/engine/placement/query/index.ts';
import { matches, type TargetSpec } from './helpers.ts';

const az = (zone: string, type = 'm5.large'): TargetSpec => ({
  attributes: { 'ecs.availability-zone': zone, 'ecs.instance-type': type },
});

interface Example {
  expression: string;
  /** What the documentation says the expression selects. */
  says: string;
  selected: TargetSpec[];
  notSelected: TargetSpec[];
}

const CLUSTER_QUERY_LANGUAGE_PAGE: Example[] = [
  {
    expression: 'attribute:ecs.instance-type == t2.small',
    says: 'String Equality: instances with the specified instance type',
    selected: [az('us-east-1a', 't2.small')],
    notSelected: [az('us-east-1a', 't2.medium'), { attributes: {} }],
  },
  {
    expression: 'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]',
    says: 'Argument List: instances in the us-east-1a or us-east-1b Availability Zone',
    selected: [az('us-east-1a'), az('us-east-1b')],
    notSelected: [az('us-east-1c'), { attributes: {} }],
  },
  {
    expression: 'attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d',
    says: 'Compound Expression: G2 instances that are not in the us-east-1d Availability Zone',
    selected: [az('us-east-1a', 'g2.2xlarge'), az('us-east-1b', 'g2.8xlarge')],
    notSelected: [az('us-east-1d', 'g2.2xlarge'), az('us-east-1a', 't2.micro')],
  },
  {
    expression: 'task:group == service:production',
    says: 'Task Affinity: instances hosting tasks in the service:production group',
    selected: [{ groups: ['service:production'] }, { groups: ['family:web', 'service:production'] }],
    notSelected: [{ groups: [] }, { groups: ['service:staging'] }],
  },
  {
    expression: 'not(task:group == database)',
    says: 'Task Anti-Affinity: instances that are not hosting tasks in the database group',
    selected: [{ groups: [] }, { groups: ['service:web'] }],
    notSelected: [{ groups: ['database'] }, { groups: ['service:web', 'database'] }],
  },
  {
    expression: 'runningTasksCount == 1',
    says: 'Running task count: instances that are only running one task',
    selected: [{ runningTasksCount: 1 }],
    notSelected: [{ runningTasksCount: 0 }, { runningTasksCount: 2 }],
  },
  {
    expression: 'agentVersion < 1.14.5',
    says: 'Agent version: instances running a container agent version below 1.14.5',
    selected: [{ agentVersion: '1.14.4' }, { agentVersion: '1.9.0' }, { agentVersion: '0.99.99' }],
    // 1.100.0 > 1.14.5 as versions, although '1.100.0' < '1.14.5' as strings.
    notSelected: [{ agentVersion: '1.14.5' }, { agentVersion: '1.100.0' }, { agentVersion: '1.92.0' }],
  },
  {
    expression: 'registeredAt < 2018-02-13',
    says: 'Instance registration time: instances registered before February 13, 2018',
    selected: [{ registeredAt: '2018-02-12T23:59:59.000Z' }, { registeredAt: '2017-06-01T00:00:00.000Z' }],
    notSelected: [{ registeredAt: '2018-02-13T00:00:00.000Z' }, { registeredAt: '2018-02-13T12:00:00.000Z' }],
  },
  {
    expression: "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
    says: 'Amazon EC2 instance ID: instances with the listed EC2 instance IDs',
    selected: [{ ec2InstanceId: 'i-abcd1234' }, { ec2InstanceId: 'i-wxyx7890' }],
    notSelected: [{ ec2InstanceId: 'i-abcd12345' }, { ec2InstanceId: "'i-abcd1234'" }],
  },
];

const TASK_PLACEMENT_CONSTRAINTS_PAGE: Example[] = [
  {
    expression: 'attribute:ecs.instance-type == g2.2xlarge',
    says: 'Built-in attribute: the g2.2xlarge instances',
    selected: [az('us-east-1a', 'g2.2xlarge')],
    notSelected: [az('us-east-1a', 'g2.8xlarge')],
  },
  {
    expression: 'attribute:stack == prod',
    says: 'Custom attribute: the instances with the custom attribute stack=prod',
    selected: [{ attributes: { stack: 'prod' } }],
    notSelected: [{ attributes: { stack: 'dev' } }, { attributes: {} }],
  },
  {
    expression: 'attribute:stack != prod',
    says: 'Exclude an attribute value: instances with the custom attribute stack unless its value is prod',
    selected: [{ attributes: { stack: 'dev' } }],
    // "with the custom attribute stack": an instance without it is not listed.
    notSelected: [{ attributes: { stack: 'prod' } }, { attributes: {} }],
  },
  {
    expression: 'attribute:ecs.instance-type in [t2.small, t2.medium]',
    says: 'Multiple attribute values: the instances of type t2.small or t2.medium',
    selected: [az('us-east-1a', 't2.small'), az('us-east-1a', 't2.medium')],
    notSelected: [az('us-east-1a', 't2.micro')],
  },
  {
    expression: 'attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a',
    says: 'Multiple attributes: the T2 instances in the us-east-1a Availability Zone',
    selected: [az('us-east-1a', 't2.micro'), az('us-east-1a', 't2.2xlarge')],
    notSelected: [az('us-east-1b', 't2.micro'), az('us-east-1a', 't3.micro')],
  },
  {
    expression: 'attribute:ecs.instance-type =~ t2.*',
    says: 'memberOf constraint: place tasks on T2 instances',
    selected: [az('us-east-1a', 't2.nano')],
    notSelected: [az('us-east-1a', 'm5.large')],
  },
  {
    expression: 'task:group == databases',
    says: 'memberOf constraint: place tasks on instances with other tasks in the databases task group',
    selected: [{ groups: ['databases'] }],
    notSelected: [{ groups: ['database'] }, { groups: [] }],
  },
];

describe.each([
  ['cluster query language page', CLUSTER_QUERY_LANGUAGE_PAGE],
  ['task placement constraints page', TASK_PLACEMENT_CONSTRAINTS_PAGE],
])('AWS examples: %s', (_page, examples) => {
  it.each(examples)('$expression parses', ({ expression }) => {
    const parsed = parseClusterQuery(expression);
    expect(parsed.ok ? 'ok' : parsed.message).toBe('ok');
  });

  it.each(examples)('$expression selects what AWS says: $says', ({ expression, selected, notSelected }) => {
    for (const spec of selected) expect(matches(expression, spec), JSON.stringify(spec)).toBe(true);
    for (const spec of notSelected) expect(matches(expression, spec), JSON.stringify(spec)).toBe(false);
  });
});

describe('the documented registeredAt formats all parse', () => {
  it.each(['2018-06-18T22:28:28+00:00', '2018-06-18T22:28:28Z', '2018-06-18T22:28:28', '2018-06-18'])('%s', (date) => {
    const parsed = parseClusterQuery(`registeredAt >= ${date}`);
    expect(parsed.ok ? 'ok' : parsed.message).toBe('ok');
  });
});

describe('the documented syntax', () => {
  it('accepts the compound form (expression1 or expression2) and expression3', () => {
    const text = '(attribute:ecs.availability-zone == us-east-1a or attribute:ecs.availability-zone == us-east-1b) and runningTasksCount == 0';
    expect(matches(text, { ...az('us-east-1b'), runningTasksCount: 0 })).toBe(true);
    expect(matches(text, { ...az('us-east-1b'), runningTasksCount: 3 })).toBe(false);
    expect(matches(text, { ...az('us-east-1c'), runningTasksCount: 0 })).toBe(false);
  });

  it.each([
    ['&&', 'and'],
    ['||', 'or'],
  ])('accepts %s and %s alike', (symbol, word) => {
    const a = `runningTasksCount == 1 ${symbol} agentConnected == true`;
    const b = `runningTasksCount == 1 ${word} agentConnected == true`;
    for (const runningTasksCount of [0, 1]) {
      expect(matches(a, { runningTasksCount })).toBe(matches(b, { runningTasksCount }));
    }
  });

  it('accepts ! and not alike', () => {
    expect(matches('!(runningTasksCount == 1)', { runningTasksCount: 2 })).toBe(true);
    expect(matches('not (runningTasksCount == 1)', { runningTasksCount: 2 })).toBe(true);
    expect(matches('!runningTasksCount == 1', { runningTasksCount: 1 })).toBe(false);
  });
});
