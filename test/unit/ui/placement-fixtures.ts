/**
 * Explanations shaped as the engine gives them, for the explainer's view-model tests: the default
 * scenario's cluster (3 × m5.large and 3 × t3.medium over us-east-1a/b/c) with every kind of rule
 * (filters, memberOf and distinctInstance constraints, spread then binpack strategies).
 */
import type { ExplainCell, ExplainRow, ExplainRule, PlacementExplanation } from '../../../workers/protocol.ts';

const ACCOUNT = 'arn:aws:ecs:us-east-1:123456789012';

export const RULES: ExplainRule[] = [
  { id: 'cpu', kind: 'filter', title: 'CPU', detail: 'needs 256 units' },
  { id: 'memory', kind: 'filter', title: 'Memory', detail: 'needs 512 MiB' },
  { id: 'ports', kind: 'filter', title: 'Host ports', detail: 'tcp 80 (static)' },
  { id: 'eni', kind: 'filter', title: 'ENIs', detail: 'bridge mode: no ENI needed' },
  { id: 'status', kind: 'filter', title: 'Status', detail: 'instance must be ACTIVE' },
  { id: 'attributes', kind: 'filter', title: 'Attributes', detail: 'requires com.amazonaws.ecs.capability.docker-remote-api.1.18' },
  { id: 'constraint-0', kind: 'constraint', title: 'memberOf', detail: 'attribute:ecs.instance-type =~ m5.*' },
  { id: 'constraint-1', kind: 'constraint', title: 'distinctInstance', detail: 'one task of family:web per instance' },
  { id: 'strategy-0', kind: 'strategy', title: 'spread(attribute:ecs.availability-zone)', detail: 'fewest tasks of family:web in the zone first' },
  { id: 'strategy-1', kind: 'strategy', title: 'binpack(memory)', detail: 'least free memory that still fits first' },
];

const pass = (text: string): ExplainCell => ({ verdict: 'pass', text });
const fail = (text: string): ExplainCell => ({ verdict: 'fail', text });
const score = (text: string): ExplainCell => ({ verdict: 'score', text });
const skipped = (text: string): ExplainCell => ({ verdict: 'skipped', text });

function row(id: string, type: string, zone: string, cells: ExplainCell[], extra: Partial<ExplainRow> = {}): ExplainRow {
  const eligible = cells.slice(0, 8).every((c) => c.verdict !== 'fail');
  return {
    containerInstanceArn: `${ACCOUNT}:container-instance/demo/${id}`,
    ec2InstanceId: `i-${id}`,
    instanceType: type,
    availabilityZone: zone,
    cells,
    eligible,
    chosen: false,
    ...extra,
  };
}

const common = [pass('1792 of 2048 units free'), pass('7168 of 7680 MiB free'), pass('tcp 80 free'), skipped('bridge mode'), pass('ACTIVE'), pass('present')];

/**
 * web:3 placed on i-0b in us-east-1b: the t3.medium instances fail memberOf, i-0a already runs a
 * web task (distinctInstance); of i-0b and i-0c, spread ties (0 tasks in each zone) and binpack
 * prefers i-0b, which has less free memory (6656 < 7168 MiB).
 */
export function placedExplanation(): PlacementExplanation {
  return {
    placementId: 'p-7',
    time: 95_000,
    clusterName: 'demo',
    taskDefinitionArn: `${ACCOUNT}:task-definition/web:3`,
    label: 'web:3',
    group: 'family:web',
    index: 1,
    count: 2,
    strategies: [
      { type: 'spread', field: 'attribute:ecs.availability-zone', origin: 'request' },
      { type: 'binpack', field: 'memory', origin: 'request' },
    ],
    constraints: [
      { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.*', origin: 'taskDefinition' },
      { type: 'distinctInstance', origin: 'request' },
    ],
    outcome: 'placed',
    chosen: { containerInstanceArn: `${ACCOUNT}:container-instance/demo/0b`, ec2InstanceId: 'i-0b' },
    summary: '2/6 instances can run web:3; spread(attribute:ecs.availability-zone) then binpack(memory) chose i-0b (us-east-1b)',
    rules: RULES,
    // Deliberately not in display order: the view model sorts.
    rows: [
      row('0d', 't3.medium', 'us-east-1a', [...common, fail('t3.medium does not match'), pass('no web task here'), score('1 task in us-east-1a'), score('3584 MiB free')]),
      row('0c', 'm5.large', 'us-east-1c', [...common, pass('m5.large matches'), pass('no web task here'), score('0 tasks in us-east-1c'), score('7168 MiB free')], { rank: 2 }),
      row('0a', 'm5.large', 'us-east-1a', [...common, pass('m5.large matches'), fail('web task 1a2b3c4d runs here'), score('1 task in us-east-1a'), score('6656 MiB free')]),
      row('0b', 'm5.large', 'us-east-1b', [...common, pass('m5.large matches'), pass('no web task here'), score('0 tasks in us-east-1b'), score('6656 MiB free')], { rank: 1, chosen: true }),
      row('0e', 't3.medium', 'us-east-1b', [...common, fail('t3.medium does not match'), pass('no web task here'), score('0 tasks in us-east-1b'), score('3584 MiB free')]),
      row('0f', 't3.medium', 'us-east-1c', [fail('0 of 2048 units free'), ...common.slice(1), fail('t3.medium does not match'), pass('no web task here'), score('0 tasks in us-east-1c'), score('3584 MiB free')]),
    ],
    instanceCount: 6,
    eligibleCount: 2,
    suggestions: [],
  };
}

/** big:1 needs 16384 MiB; the largest instance has 7680 MiB free. Only 4 of the 6 rows were asked for. */
export function failedExplanation(): PlacementExplanation {
  const memoryFail = (free: number, total: number) => fail(`${free} of ${total} MiB free`);
  const rules: ExplainRule[] = [
    { id: 'cpu', kind: 'filter', title: 'CPU', detail: 'needs 1024 units' },
    { id: 'memory', kind: 'filter', title: 'Memory', detail: 'needs 16384 MiB' },
    { id: 'ports', kind: 'filter', title: 'Host ports', detail: 'dynamic (hostPort 0)' },
    { id: 'status', kind: 'filter', title: 'Status', detail: 'instance must be ACTIVE' },
    { id: 'strategy-0', kind: 'strategy', title: 'random', detail: 'seeded random order' },
  ];
  const cells = (free: number, total: number) => [pass('2048 of 2048 units free'), memoryFail(free, total), pass('32768–61000 free'), pass('ACTIVE'), skipped('refused')];
  return {
    placementId: 'p-9',
    time: 130_000,
    clusterName: 'demo',
    taskDefinitionArn: `${ACCOUNT}:task-definition/big:1`,
    label: 'big:1',
    group: 'family:big',
    index: 0,
    count: 1,
    strategies: [{ type: 'random', origin: 'default' }],
    constraints: [],
    outcome: 'unplaced',
    summary: '0/6 instances can run big:1: 6 × insufficient memory (needs 16384 MiB, most free 7680 MiB)',
    rules,
    rows: [
      row('0d', 't3.medium', 'us-east-1a', cells(3584, 3584)),
      row('0a', 'm5.large', 'us-east-1a', cells(7680, 7680)),
      row('0b', 'm5.large', 'us-east-1b', cells(7168, 7680)),
      row('0c', 'm5.large', 'us-east-1c', cells(6656, 7680)),
    ],
    instanceCount: 6,
    eligibleCount: 0,
    suggestions: [
      { kind: 'lower-memory', text: 'Lower the task memory to 7680 MiB or less (the most free on any instance).' },
      {
        kind: 'add-instance',
        text: 'Add an instance of type r5.large (16384 MiB) in us-east-1a.',
        step: { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'r5.large', count: 1, availabilityZones: ['us-east-1a'] } },
      },
    ],
  };
}
