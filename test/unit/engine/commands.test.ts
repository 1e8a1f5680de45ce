// Proves each supported action's happy path and its refusals, with AWS's error codes and
// wording (ecs-reference §13) or the sandbox's own where AWS has none, and the command-language
// errors (InvalidStep, InvalidAction, InvalidWait).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { demoEngine, errorOf, expectError, responseOf, run, WEB_TASK_DEFINITION } from './helpers.ts';

const ARN = 'arn:aws:ecs:us-east-1:123456789012';

describe('the command language', () => {
  it('refuses a step without exactly one key, an unknown action and a bad wait', () => {
    const engine = createEngine();
    expectError(engine.dispatch({}), 'InvalidStep', /has none/);
    expectError(engine.dispatch({ 'ecs:ListClusters': {}, wait: '1s' }), 'InvalidStep', /has 2: ecs:ListClusters, wait/);
    expectError(engine.dispatch(null as never), 'InvalidStep', /not null/);
    expectError(engine.dispatch({ 'ecs:RunTsk': {} }), 'InvalidAction', /Did you mean "ecs:RunTask"\?/);
    expectError(engine.dispatch({ wait: 'ten seconds' }), 'InvalidWait', /is not a duration/);
  });

  it('numbers steps from 1 and answers wait with the new virtual time', () => {
    const engine = createEngine();
    expect(engine.dispatch({ wait: '90s' })).toEqual({ step: 1, action: 'wait', response: { time: 90_000 } });
    expect(engine.dispatch({ wait: 500 })).toEqual({ step: 2, action: 'wait', response: { time: 90_500 } });
  });
});

describe('clusters', () => {
  it('creates a cluster, idempotently, and describes and lists it', () => {
    const engine = createEngine();
    const created = responseOf(engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } }));
    expect(created.cluster).toMatchObject({ clusterArn: `${ARN}:cluster/demo`, clusterName: 'demo', status: 'ACTIVE', registeredContainerInstancesCount: 0 });
    const again = responseOf(engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } }));
    expect(again.cluster).toEqual(created.cluster);
    expect(engine.snapshot().clusters).toHaveLength(1);
    expect(responseOf(engine.dispatch({ 'ecs:CreateCluster': {} })).cluster.clusterName).toBe('default');
    expect(responseOf(engine.dispatch({ 'ecs:ListClusters': {} })).clusterArns).toEqual([`${ARN}:cluster/demo`, `${ARN}:cluster/default`]);
    const described = responseOf(engine.dispatch({ 'ecs:DescribeClusters': { clusters: ['demo', `${ARN}:cluster/default`, 'nope'] } }));
    expect(described.clusters.map((c: { clusterName: string }) => c.clusterName)).toEqual(['demo', 'default']);
    expect(described.failures).toEqual([{ arn: `${ARN}:cluster/nope`, reason: 'MISSING' }]);
  });

  it('refuses a bad cluster name and unknown parameters', () => {
    const engine = createEngine();
    expectError(engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'my cluster' } }), 'InvalidParameterException', /Cluster name "my cluster" is invalid/);
    expectError(
      engine.dispatch({ 'ecs:CreateCluster': { name: 'demo' } }),
      'ParamValidationError',
      /Unknown parameter in input: "name", must be one of: clusterName, tags, settings/,
    );
  });
});

describe('sim:AddContainerInstances', () => {
  it('registers instances round-robin over the zones with the standard attributes and resources', () => {
    const engine = createEngine();
    engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } });
    const added = responseOf(
      engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm6g.large', count: 4, attributes: { team: 'blue' } } }),
    );
    expect(added.containerInstances).toHaveLength(4);
    const zones = added.containerInstances.map(
      (ci: { attributes: { name: string; value?: string }[] }) => ci.attributes.find((a) => a.name === 'ecs.availability-zone')!.value,
    );
    expect(zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1a']);
    const first = added.containerInstances[0];
    expect(first.containerInstanceArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:container-instance\/demo\/[0-9a-f]{32}$/);
    expect(first.ec2InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    const attributes = Object.fromEntries(first.attributes.map((a: { name: string; value?: string }) => [a.name, a.value]));
    expect(attributes).toMatchObject({
      'ecs.instance-type': 'm6g.large',
      'ecs.os-type': 'linux',
      'ecs.os-family': 'LINUX',
      'ecs.cpu-architecture': 'arm64',
      team: 'blue',
    });
    expect(attributes['ecs.vpc-id']).toMatch(/^vpc-/);
    expect(attributes['ecs.subnet-id']).toMatch(/^subnet-/);
    expect(attributes['ecs.ami-id']).toMatch(/^ami-/);
    expect('com.amazonaws.ecs.capability.docker-remote-api.1.44' in attributes).toBe(true);
    expect(first.registeredResources).toEqual([
      { name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: 2048 },
      { name: 'MEMORY', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: 7985 },
      { name: 'PORTS', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: ['22', '2375', '2376', '51678', '51679'] },
      { name: 'PORTS_UDP', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: [] },
    ]);
    expect(engine.snapshot().clusters[0]!.registeredContainerInstancesCount).toBe(4);
  });

  it('creates the default cluster like the agent does, but needs a named cluster to exist', () => {
    const engine = createEngine();
    responseOf(engine.dispatch({ 'sim:AddContainerInstances': { instanceType: 't3.micro' } }));
    expect(engine.snapshot().clusters.map((c) => c.clusterName)).toEqual(['default']);
    expectError(engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'nope', instanceType: 't3.micro' } }), 'ClusterNotFoundException', 'Cluster not found.');
  });

  it.each([
    [{ cluster: 'demo', instanceType: 't3.mirco' }, 'InvalidParameterException', /Instance type "t3.mirco" is not in the sandbox's catalog. Did you mean "t3.micro"\?/],
    [{ cluster: 'demo', instanceType: 't3.micro', count: 0 }, 'InvalidParameterException', /between 1 and 100/],
    [{ cluster: 'demo', instanceType: 't3.micro', count: 101 }, 'InvalidParameterException', /not 101/],
    [{ cluster: 'demo', instanceType: 't3.micro', count: '2' }, 'ParamValidationError', /Invalid type for parameter count, value: 2, type: <class 'str'>, valid types: <class 'int'>/],
    [{ cluster: 'demo', instanceType: 't3.micro', availabilityZones: ['eu-west-1a'] }, 'InvalidParameterException', /"eu-west-1a" is not an Availability Zone of us-east-1/],
    [{ cluster: 'demo', instanceType: 't3.micro', availabilityZones: [] }, 'InvalidParameterException', /at least one/],
    [{ cluster: 'demo', instanceType: 't3.micro', attributes: { 'ecs.instance-type': 'x' } }, 'InvalidParameterException', /reserved/],
    [{ cluster: 'demo', instanceType: 't3.micro', attributes: { team: ' blue' } }, 'InvalidParameterException', /Attribute "team" has an invalid value/],
    [{ cluster: 'demo' }, 'ParamValidationError', /Missing required parameter in input: "instanceType"/],
  ])('refuses %j', (request, code, message) => {
    const engine = createEngine();
    engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } });
    expectError(engine.dispatch({ 'sim:AddContainerInstances': request }), code, message);
  });

  it('lists and describes container instances, with MISSING failures', () => {
    const engine = demoEngine();
    const arns = responseOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'demo' } })).containerInstanceArns as string[];
    expect(arns).toHaveLength(3);
    const id = arns[1]!.split('/').pop()!;
    const described = responseOf(engine.dispatch({ 'ecs:DescribeContainerInstances': { cluster: 'demo', containerInstances: [arns[0], id, 'feedface'] } }));
    expect(described.containerInstances.map((ci: { containerInstanceArn: string }) => ci.containerInstanceArn)).toEqual([arns[0], arns[1]]);
    expect(described.failures).toEqual([{ arn: `${ARN}:container-instance/demo/feedface`, reason: 'MISSING' }]);
    const page = responseOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'demo', maxResults: 2 } }));
    expect(page.containerInstanceArns).toEqual(arns.slice(0, 2));
    const rest = responseOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'demo', nextToken: page.nextToken } }));
    expect(rest).toEqual({ containerInstanceArns: arns.slice(2) });
    expectError(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'nope' } }), 'ClusterNotFoundException', 'Cluster not found.');
    expectError(engine.dispatch({ 'ecs:DescribeContainerInstances': { cluster: 'demo' } }), 'ParamValidationError', /"containerInstances"/);
  });
});

describe('task definitions', () => {
  it('registers revisions 1, 2, 3 and describes by family, family:revision and ARN', () => {
    const engine = createEngine();
    for (const revision of [1, 2, 3]) {
      const registered = responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': WEB_TASK_DEFINITION }));
      expect(registered.taskDefinition).toMatchObject({ family: 'web', revision, status: 'ACTIVE', taskDefinitionArn: `${ARN}:task-definition/web:${revision}` });
    }
    expect(responseOf(engine.dispatch({ 'ecs:DescribeTaskDefinition': { taskDefinition: 'web' } })).taskDefinition.revision).toBe(3);
    expect(responseOf(engine.dispatch({ 'ecs:DescribeTaskDefinition': { taskDefinition: 'web:2' } })).taskDefinition.revision).toBe(2);
    expect(responseOf(engine.dispatch({ 'ecs:DescribeTaskDefinition': { taskDefinition: `${ARN}:task-definition/web:1` } })).taskDefinition.revision).toBe(1);
    expectError(engine.dispatch({ 'ecs:DescribeTaskDefinition': { taskDefinition: 'web:9' } }), 'ClientException', 'Unable to describe task definition.');
    expectError(engine.dispatch({ 'ecs:DescribeTaskDefinition': { taskDefinition: 'api' } }), 'ClientException', 'Unable to describe task definition.');
  });

  it('refuses an invalid task definition with the first error, as AWS returns one', () => {
    const engine = createEngine();
    const result = engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx' }] } });
    const validation = engine.validateTaskDefinition({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx' }] });
    expect(validation.valid).toBe(false);
    expect(errorOf(result).message).toBe(validation.errors[0]!.message);
    expect(engine.snapshot().taskDefinitions).toEqual([]);
  });

  it('reports shape problems as the AWS CLI does, all at once after botocore\'s first line', () => {
    const engine = createEngine();
    const error = errorOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, cpu: 256, foo: 1 } }));
    expect(error.code).toBe('ParamValidationError');
    expect(error.message).toMatch(/^Parameter validation failed:\n/);
    expect(error.message).toContain('Invalid type for parameter cpu, value: 256, type: <class \'int\'>, valid types: <class \'str\'>');
    expect(error.message).toContain('Unknown parameter in input: "foo"');
  });

  it('refuses a DescribeTaskDefinition output as the AWS CLI does, and says what to register instead', () => {
    const engine = createEngine();
    const error = errorOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { taskDefinition: { ...WEB_TASK_DEFINITION, revision: 3, status: 'ACTIVE' } } }));
    expect(error.code).toBe('ParamValidationError');
    expect(error.message).toMatch(/^Parameter validation failed:\nUnknown parameter in input: "taskDefinition", must be one of: family, taskRoleArn, /);
    expect(error.message).toContain('This is a DescribeTaskDefinition output');
    expect(engine.snapshot().taskDefinitions).toEqual([]);
  });

  it('deregisters a revision (INACTIVE), after which the bare family resolves to the latest ACTIVE one', () => {
    const engine = createEngine();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': WEB_TASK_DEFINITION });
    engine.dispatch({ 'ecs:RegisterTaskDefinition': WEB_TASK_DEFINITION });
    const gone = responseOf(engine.dispatch({ 'ecs:DeregisterTaskDefinition': { taskDefinition: 'web:2' } }));
    expect(gone.taskDefinition).toMatchObject({ revision: 2, status: 'INACTIVE', deregisteredAt: '2026-01-01T00:00:00.000Z' });
    expect(responseOf(engine.dispatch({ 'ecs:DescribeTaskDefinition': { taskDefinition: 'web' } })).taskDefinition.revision).toBe(1);
    expect(responseOf(engine.dispatch({ 'ecs:DescribeTaskDefinition': { taskDefinition: 'web:2' } })).taskDefinition.status).toBe('INACTIVE');
    expectError(engine.dispatch({ 'ecs:DeregisterTaskDefinition': { taskDefinition: 'web' } }), 'InvalidParameterException', /A revision is required/);
    expectError(engine.dispatch({ 'ecs:DeregisterTaskDefinition': { taskDefinition: 'web:7' } }), 'ClientException', 'The specified task definition does not exist.');
  });

  it('lists by family prefix, status and sort order', () => {
    const engine = createEngine();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': WEB_TASK_DEFINITION });
    engine.dispatch({ 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, family: 'api' } });
    engine.dispatch({ 'ecs:RegisterTaskDefinition': WEB_TASK_DEFINITION });
    engine.dispatch({ 'ecs:DeregisterTaskDefinition': { taskDefinition: 'web:1' } });
    const td = (name: string): string => `${ARN}:task-definition/${name}`;
    expect(responseOf(engine.dispatch({ 'ecs:ListTaskDefinitions': {} })).taskDefinitionArns).toEqual([td('api:1'), td('web:2')]);
    expect(responseOf(engine.dispatch({ 'ecs:ListTaskDefinitions': { sort: 'DESC' } })).taskDefinitionArns).toEqual([td('web:2'), td('api:1')]);
    expect(responseOf(engine.dispatch({ 'ecs:ListTaskDefinitions': { familyPrefix: 'we' } })).taskDefinitionArns).toEqual([td('web:2')]);
    expect(responseOf(engine.dispatch({ 'ecs:ListTaskDefinitions': { status: 'INACTIVE' } })).taskDefinitionArns).toEqual([td('web:1')]);
    expectError(engine.dispatch({ 'ecs:ListTaskDefinitions': { status: 'GONE' } }), 'InvalidParameterException', /status must be one of ACTIVE, INACTIVE, DELETE_IN_PROGRESS/);
  });
});

describe('RunTask', () => {
  it('starts PENDING tasks with AWS-shaped fields and the default group', () => {
    const engine = demoEngine();
    const response = run(engine, { count: 2, startedBy: 'me' });
    expect(response.failures).toEqual([]);
    expect(response.tasks).toHaveLength(2);
    const task = response.tasks[0];
    expect(task.taskArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/demo\/[0-9a-f]{32}$/);
    expect(task).toMatchObject({
      clusterArn: `${ARN}:cluster/demo`,
      taskDefinitionArn: `${ARN}:task-definition/web:1`,
      group: 'family:web',
      lastStatus: 'PENDING',
      desiredStatus: 'RUNNING',
      launchType: 'EC2',
      startedBy: 'me',
      availabilityZone: 'us-east-1a',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(task.containers[0].containerArn).toMatch(
      new RegExp(`^${ARN}:container/demo/${task.taskArn.split('/').pop()}/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`),
    );
    expect(engine.snapshot().clusters[0]).toMatchObject({ pendingTasksCount: 2, runningTasksCount: 0 });
  });

  it.each([
    [{ count: 11 }, 'InvalidParameterException', /count must be between 1 and 10, not 11/],
    [{ count: 0 }, 'InvalidParameterException', /not 0/],
    [{ launchType: 'FARGATE' }, 'InvalidParameterException', 'Task definition does not support launch_type FARGATE.'],
    [{ launchType: 'SPOT' }, 'InvalidParameterException', /launchType must be EC2, FARGATE or EXTERNAL/],
    [{ taskDefinition: 'api' }, 'InvalidParameterException', 'TaskDefinition not found.'],
    [{ taskDefinition: 'web:5' }, 'InvalidParameterException', 'TaskDefinition not found.'],
    [{ cluster: 'nope' }, 'ClusterNotFoundException', 'Cluster not found.'],
    [{ count: '2' }, 'ParamValidationError', /Invalid type for parameter count, value: 2, type: <class 'str'>, valid types: <class 'int'>/],
    [{ foo: 1 }, 'ParamValidationError', /Unknown parameter in input: "foo", must be one of: capacityProviderStrategy, cluster, count/],
  ])('refuses %j', (request, code, message) => {
    const engine = demoEngine();
    expectError(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', ...request } }), code, message);
  });

  it('refuses an INACTIVE revision, an empty cluster and awsvpc without network configuration', () => {
    const engine = demoEngine();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': WEB_TASK_DEFINITION });
    engine.dispatch({ 'ecs:DeregisterTaskDefinition': { taskDefinition: 'web:1' } });
    expectError(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web:1' } }), 'InvalidParameterException', 'TaskDefinition is inactive');
    engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'empty' } });
    expectError(engine.dispatch({ 'ecs:RunTask': { cluster: 'empty', taskDefinition: 'web' } }), 'InvalidParameterException', 'No Container Instances were found in your cluster.');
    engine.dispatch({ 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, family: 'vpc', networkMode: 'awsvpc', containerDefinitions: [{ ...WEB_TASK_DEFINITION.containerDefinitions[0], portMappings: [{ containerPort: 80 }] }] } });
    expectError(
      engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'vpc' } }),
      'InvalidParameterException',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
    expectError(
      engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'vpc', networkConfiguration: { awsvpcConfiguration: { subnets: [] } } } }),
      'InvalidParameterException',
      'subnets can not be empty.',
    );
    // t3.medium: 3 ENIs, one is the primary → 2 awsvpc tasks per instance; 3 instances → 6, the 7th fails.
    const subnets = ['subnet-us-east-1a', 'subnet-us-east-1b', 'subnet-us-east-1c'];
    const awsvpc = { cluster: 'demo', taskDefinition: 'vpc', networkConfiguration: { awsvpcConfiguration: { subnets } } };
    const placed = responseOf(engine.dispatch({ 'ecs:RunTask': { ...awsvpc, count: 7 } }));
    expect(placed.tasks).toHaveLength(6);
    expect(placed.failures.map((f: { reason: string }) => f.reason)).toEqual(['RESOURCE:ENI', 'RESOURCE:ENI', 'RESOURCE:ENI']);
    expect(placed.tasks[0].containers[0].networkBindings).toEqual([]);
  });

  it('places awsvpc tasks only on instances in the Availability Zones of the given subnets', () => {
    const engine = demoEngine();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, family: 'vpc', networkMode: 'awsvpc', containerDefinitions: [{ ...WEB_TASK_DEFINITION.containerDefinitions[0], portMappings: [{ containerPort: 80 }] }] } });
    // Only the us-east-1a instance has a subnet the task can use; it takes 2 (t3.medium), the other two are refused as ATTRIBUTE.
    const placed = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'vpc', count: 3, networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } } }));
    expect(placed.tasks.map((t: { availabilityZone: string }) => t.availabilityZone)).toEqual(['us-east-1a', 'us-east-1a']);
    expect(placed.failures.map((f: { reason: string }) => f.reason).sort()).toEqual(['ATTRIBUTE', 'ATTRIBUTE', 'RESOURCE:ENI']);
  });
});

describe('StopTask, DescribeTasks, ListTasks', () => {
  it('stops a task by id with the caller\'s reason and stop code UserInitiated', () => {
    const engine = demoEngine();
    const [task] = run(engine, {}).tasks;
    engine.advance(30_000);
    const id = task.taskArn.split('/').pop();
    const stopped = responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: id, reason: 'scaling down' } }));
    expect(stopped.task).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'scaling down', lastStatus: 'STOPPING' });
    expectError(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: 'feedface' } }), 'InvalidParameterException', 'The referenced task was not found.');
    expectError(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo' } }), 'ParamValidationError', /Missing required parameter in input: "task"/);
  });

  it('describes tasks by ARN or id, with MISSING failures', () => {
    const engine = demoEngine();
    const [a, b] = run(engine, { count: 2 }).tasks;
    const described = responseOf(engine.dispatch({ 'ecs:DescribeTasks': { cluster: 'demo', tasks: [a.taskArn, b.taskArn.split('/').pop(), 'feedface'] } }));
    expect(described.tasks.map((t: { taskArn: string }) => t.taskArn)).toEqual([a.taskArn, b.taskArn]);
    expect(described.failures).toEqual([{ arn: `${ARN}:task/demo/feedface`, reason: 'MISSING' }]);
    expectError(engine.dispatch({ 'ecs:DescribeTasks': { cluster: 'nope', tasks: [a.taskArn] } }), 'ClusterNotFoundException', 'Cluster not found.');
  });

  it('lists by desired status (RUNNING by default), family, startedBy and container instance', () => {
    const engine = demoEngine();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, family: 'api' } });
    const web = run(engine, { count: 2, startedBy: 'ci' }).tasks;
    const api = run(engine, { taskDefinition: 'api' }).tasks;
    engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: web[1].taskArn } });
    const list = (request: Record<string, unknown>): string[] =>
      responseOf(engine.dispatch({ 'ecs:ListTasks': { cluster: 'demo', ...request } })).taskArns;
    expect(list({})).toEqual([web[0].taskArn, api[0].taskArn]);
    expect(list({ desiredStatus: 'STOPPED' })).toEqual([web[1].taskArn]);
    expect(list({ family: 'api' })).toEqual([api[0].taskArn]);
    expect(list({ startedBy: 'ci' })).toEqual([web[0].taskArn]);
    expect(list({ containerInstance: web[0].containerInstanceArn })).toEqual([web[0].taskArn, api[0].taskArn]);
    expectError(engine.dispatch({ 'ecs:ListTasks': { cluster: 'demo', desiredStatus: 'DONE' } }), 'InvalidParameterException', /desiredStatus must be one of/);
  });
});

describe('RunTask placement fields', () => {
  it('evaluates placementStrategy: spread over Availability Zones puts 3 tasks in 3 zones', () => {
    const engine = demoEngine();
    const response = run(engine, { count: 3, placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] });
    expect(response.tasks.map((t: { availabilityZone: string }) => t.availabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });
});

describe('container instance quota', () => {
  it('refuses to grow a cluster past 5000 container instances', () => {
    const engine = createEngine();
    engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'big' } });
    for (let i = 0; i < 50; i++) responseOf(engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'big', instanceType: 't3.micro', count: 100 } }));
    expectError(
      engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'big', instanceType: 't3.micro' } }),
      'InvalidParameterException',
      'A cluster can have at most 5000 container instances (a service quota); this one has 5000, and 1 more would make 5001.',
    );
  });
});
