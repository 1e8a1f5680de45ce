// Proves the Run task form's pure half: each console placement template becomes the exact
// strategies/constraints JSON AWS documents, custom rows are sent in order, awsvpc and Fargate
// get networkConfiguration.awsvpcConfiguration (Fargate without any placement), subnets follow the
// cluster's AZs, and the form objects (with numbers) only to count, >5 strategies, >10 constraints
// and an empty memberOf expression.
import { describe, expect, it } from 'vitest';
import { PLACEMENT_TEMPLATES, templateRows, type PlacementTemplateId } from '../../../src/lib/view-model/placement-options.ts';
import {
  buildRunTaskRequest,
  initialFormState,
  parseCount,
  requestJson,
  runTaskRequestStep,
  securityGroupList,
  subnetOptions,
  taskDefinitionFacts,
  type RunTaskFormState,
  type TaskDefinitionFacts,
} from '../../../src/lib/view-model/run-task-request.ts';
import { instance, snapshot, taskDefinition } from './fixtures.ts';

const bridge: TaskDefinitionFacts = { networkMode: 'bridge', compatibilities: ['EC2'], placementConstraintCount: 0 };
const awsvpc: TaskDefinitionFacts = { networkMode: 'awsvpc', compatibilities: ['EC2', 'FARGATE'], placementConstraintCount: 0 };

function form(parts: Partial<RunTaskFormState> = {}): RunTaskFormState {
  return { ...initialFormState(), cluster: 'demo', taskDefinition: 'web:1', ...parts };
}

describe('placement templates', () => {
  it.each([
    ['random', undefined, undefined],
    ['az-balanced-spread', [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }], undefined],
    ['az-balanced-binpack', [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }], undefined],
    ['binpack', [{ type: 'binpack', field: 'memory' }], undefined],
    ['one-task-per-host', undefined, [{ type: 'distinctInstance' }]],
  ] as const)('%s → strategy %j, constraints %j', (template, placementStrategy, placementConstraints) => {
    const { request, issues } = buildRunTaskRequest(form({ template: template as PlacementTemplateId }), bridge);
    expect(issues).toEqual([]);
    expect(request.placementStrategy).toEqual(placementStrategy);
    expect(request.placementConstraints).toEqual(placementConstraints);
  });

  it('BinPack packs on the chosen resource', () => {
    expect(buildRunTaskRequest(form({ template: 'binpack', binpackField: 'cpu' }), bridge).request.placementStrategy).toEqual([{ type: 'binpack', field: 'cpu' }]);
  });

  it('lists every template once, Custom last', () => {
    expect(PLACEMENT_TEMPLATES.map((t) => t.id)).toEqual(['random', 'az-balanced-spread', 'az-balanced-binpack', 'binpack', 'one-task-per-host', 'custom']);
    expect(templateRows('custom', 'cpu')).toEqual({ strategies: [], constraints: [] });
  });
});

describe('buildRunTaskRequest', () => {
  it('builds the exact EC2 request for a bridge task definition, keys in the API’s order', () => {
    const built = buildRunTaskRequest(form({ count: '3', template: 'az-balanced-spread' }), bridge);
    expect(built).toEqual({
      request: {
        cluster: 'demo',
        taskDefinition: 'web:1',
        count: 3,
        launchType: 'EC2',
        placementStrategy: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'spread', field: 'instanceId' },
        ],
      },
      issues: [],
      needsNetwork: false,
      placementApplies: true,
    });
    expect(Object.keys(built.request)).toEqual(['cluster', 'taskDefinition', 'count', 'launchType', 'placementStrategy']);
    expect(runTaskRequestStep(built.request)).toEqual({ 'ecs:RunTask': built.request });
    expect(JSON.parse(requestJson(built.request))).toEqual(built.request);
  });

  it('sends custom strategies in the order given, random without a field, constraints with trimmed expressions', () => {
    const { request, issues } = buildRunTaskRequest(
      form({
        template: 'custom',
        strategies: [
          { type: 'spread', field: 'attribute:ecs.instance-type' },
          { type: 'random', field: 'ignored' },
          { type: 'binpack', field: 'cpu' },
        ],
        constraints: [
          { type: 'memberOf', expression: '  attribute:ecs.availability-zone in [us-east-1a, us-east-1b] ' },
          { type: 'distinctInstance', expression: 'ignored' },
        ],
      }),
      bridge,
    );
    expect(issues).toEqual([]);
    expect(request.placementStrategy).toEqual([{ type: 'spread', field: 'attribute:ecs.instance-type' }, { type: 'random' }, { type: 'binpack', field: 'cpu' }]);
    expect(request.placementConstraints).toEqual([
      { type: 'memberOf', expression: 'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]' },
      { type: 'distinctInstance' },
    ]);
  });

  it('adds networkConfiguration for an awsvpc task definition on EC2, keeping placement', () => {
    const { request, needsNetwork } = buildRunTaskRequest(
      form({ subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], securityGroups: 'sg-default, sg-web', assignPublicIp: true, template: 'binpack' }),
      awsvpc,
    );
    expect(needsNetwork).toBe(true);
    expect(request.networkConfiguration).toEqual({
      awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], securityGroups: ['sg-default', 'sg-web'], assignPublicIp: 'ENABLED' },
    });
    expect(request.placementStrategy).toEqual([{ type: 'binpack', field: 'memory' }]);
  });

  it('on Fargate always sends networkConfiguration and never placement, whatever the template', () => {
    const built = buildRunTaskRequest(form({ launchType: 'FARGATE', subnets: ['subnet-us-east-1c'], template: 'one-task-per-host' }), awsvpc);
    expect(built.placementApplies).toBe(false);
    expect(built.request).toEqual({
      cluster: 'demo',
      taskDefinition: 'web:1',
      count: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1c'], securityGroups: ['sg-default'], assignPublicIp: 'DISABLED' } },
    });
  });

  it('leaves securityGroups out when none are typed (AWS then uses the VPC’s default group)', () => {
    const { request } = buildRunTaskRequest(form({ launchType: 'FARGATE', subnets: [], securityGroups: ' , ' }), null);
    expect(request.networkConfiguration).toEqual({ awsvpcConfiguration: { subnets: [], assignPublicIp: 'DISABLED' } });
  });

  it.each([
    [0, 'it is 0'],
    [11, 'it is 11'],
    ['2.5', 'it is 2.5'],
    ['', 'it is empty'],
    [null, 'it is empty'],
  ])('objects to count %j (%s)', (count, tail) => {
    const { issues, request } = buildRunTaskRequest(form({ count }), bridge);
    expect(issues).toEqual([{ field: 'count', message: `Count must be a whole number from 1 to 10 (RunTask starts at most 10 tasks per call); ${tail}.` }]);
    expect(request.count).toBe(parseCount(count) ?? count);
  });

  it('objects to 6 strategies, 11 constraints (counting the task definition’s) and an empty memberOf', () => {
    const strategies = Array.from({ length: 6 }, () => ({ type: 'spread' as const, field: 'instanceId' }));
    const constraints = [{ type: 'memberOf' as const, expression: '  ' }, ...Array.from({ length: 8 }, () => ({ type: 'distinctInstance' as const, expression: '' }))];
    // 9 here + 2 in the task definition = 11 > 10
    const { issues } = buildRunTaskRequest(form({ template: 'custom', strategies, constraints }), { ...bridge, placementConstraintCount: 2 });
    expect(issues).toEqual([
      { field: 'strategies', message: 'At most 5 placement strategies are allowed; there are 6.' },
      { field: 'constraints', message: 'At most 10 placement constraints are allowed; there are 11 (9 here + 2 in the task definition).' },
      { field: 'constraint-0', message: 'Constraint 1: memberOf needs an expression, e.g. attribute:ecs.availability-zone in [us-east-1a, us-east-1b].' },
    ]);
  });

  it('leaves other mistakes (an empty spread field, no subnet) to the engine and AWS’s errors', () => {
    const { issues, request } = buildRunTaskRequest(form({ template: 'custom', strategies: [{ type: 'spread', field: '' }], launchType: 'EC2' }), awsvpc);
    expect(issues).toEqual([]);
    expect(request.placementStrategy).toEqual([{ type: 'spread' }]);
    expect((request.networkConfiguration as { awsvpcConfiguration: { subnets: string[] } }).awsvpcConfiguration.subnets).toEqual([]);
  });
});

describe('subnetOptions and taskDefinitionFacts', () => {
  it('offers the default subnet of each AZ the cluster has instances in, else the three default AZs', () => {
    const s = snapshot({ containerInstances: [instance('c1', 'us-east-1c', [0, 2048], [0, 3904]), instance('a1', 'us-east-1a', [0, 2048], [0, 3904])] });
    expect(subnetOptions(s, 'demo')).toEqual([
      { value: 'subnet-us-east-1a', label: 'us-east-1a' },
      { value: 'subnet-us-east-1c', label: 'us-east-1c' },
    ]);
    expect(subnetOptions(s, 'other').map((o) => o.value)).toEqual(['subnet-us-east-1a', 'subnet-us-east-1b', 'subnet-us-east-1c']);
    expect(subnetOptions(null, 'demo')).toHaveLength(3);
  });

  it('reads network mode, compatibilities and constraint count of family:revision', () => {
    const td = { ...taskDefinition('api', 2), networkMode: 'awsvpc', compatibilities: ['EC2', 'FARGATE'], placementConstraints: [{ type: 'memberOf', expression: 'x' }] };
    const s = snapshot({ taskDefinitions: [taskDefinition('web', 1), td] });
    expect(taskDefinitionFacts(s, 'api:2')).toEqual({ networkMode: 'awsvpc', compatibilities: ['EC2', 'FARGATE'], placementConstraintCount: 1 });
    expect(taskDefinitionFacts(s, 'web:1')?.networkMode).toBe('bridge');
    expect(taskDefinitionFacts(s, 'nope:1')).toBeNull();
  });

  it('splits security groups on commas and spaces', () => {
    expect(securityGroupList('sg-a, sg-b  sg-c,,')).toEqual(['sg-a', 'sg-b', 'sg-c']);
  });
});
