// Proves UpdateService: desiredCount alone scales the PRIMARY deployment without a new one; a new
// task definition, forceNewDeployment, another platform version, network configuration or load
// balancers start a new PRIMARY deployment (the old one turns ACTIVE with desiredCount 0); the
// deployment configuration merges over the current one; and every refusal (service missing or
// not ACTIVE, DAEMON desiredCount, the checks CreateService shares) changes nothing.
import { describe, expect, it } from 'vitest';
import { AWSVPC, call, createOk, describe1, errorOf, update, updateOk, world } from './helpers.ts';

const register = (engine: ReturnType<typeof world>['engine'], image: string): void => {
  call(engine, 'ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image, memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }] });
};

describe('UpdateService without a new deployment', () => {
  it('desiredCount alone scales the service and its PRIMARY deployment', () => {
    const { engine } = world();
    const before = createOk(engine);
    const after = updateOk(engine, { desiredCount: 5 });
    expect(after.desiredCount).toBe(5);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments[0]).toMatchObject({ id: before.deployments[0].id, status: 'PRIMARY', desiredCount: 5 });
  });

  it('deployment configuration merges over the current one', () => {
    const { engine } = world();
    createOk(engine, { deploymentConfiguration: { maximumPercent: 150, deploymentCircuitBreaker: { enable: true, rollback: false } } });
    const after = updateOk(engine, { deploymentConfiguration: { minimumHealthyPercent: 50 } });
    expect(after.deploymentConfiguration).toEqual({ deploymentCircuitBreaker: { enable: true, rollback: false }, maximumPercent: 150, minimumHealthyPercent: 50 });
    expect(after.deployments).toHaveLength(1);
  });

  it('the same task definition again is no deployment', () => {
    const { engine } = world();
    createOk(engine);
    expect(updateOk(engine, { taskDefinition: 'web:1' }).deployments).toHaveLength(1);
  });

  it('placement, grace period, flags and propagateTags change in place', () => {
    const w = world();
    createOk(w.engine, { loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }] });
    const after = updateOk(w.engine, {
      placementStrategy: [{ type: 'binpack', field: 'cpu' }],
      placementConstraints: [{ type: 'distinctInstance' }],
      healthCheckGracePeriodSeconds: 300,
      enableExecuteCommand: true,
      propagateTags: 'TASK_DEFINITION',
    });
    expect(after).toMatchObject({
      placementStrategy: [{ type: 'binpack', field: 'cpu' }],
      placementConstraints: [{ type: 'distinctInstance' }],
      healthCheckGracePeriodSeconds: 300,
      enableExecuteCommand: true,
      propagateTags: 'TASK_DEFINITION',
    });
    expect(after.deployments).toHaveLength(1);
    expect(updateOk(w.engine, { placementStrategy: [] }).placementStrategy).toEqual([]);
  });
});

describe('UpdateService with a new deployment', () => {
  const TRIGGERS: [string, (w: ReturnType<typeof world>) => Record<string, unknown>][] = [
    ['a new task definition revision', (w) => (register(w.engine, 'nginx:1.28'), { taskDefinition: 'web' })],
    ['forceNewDeployment', () => ({ forceNewDeployment: true })],
    ['new load balancers', (w) => ({ loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }] })],
  ];

  it.each(TRIGGERS)('%s starts a new PRIMARY; the old one turns ACTIVE with desiredCount 0', (_name, request) => {
    const w = world();
    const before = createOk(w.engine, { desiredCount: 3 });
    const after = updateOk(w.engine, request(w));
    expect(after.deployments).toHaveLength(2);
    const [primary, old] = after.deployments;
    expect(primary.id).not.toBe(before.deployments[0].id);
    expect(primary).toMatchObject({ status: 'PRIMARY', desiredCount: 3, rolloutState: 'IN_PROGRESS', rolloutStateReason: `ECS deployment ${primary.id} in progress.` });
    expect(old).toMatchObject({ id: before.deployments[0].id, status: 'ACTIVE', desiredCount: 0 });
    expect(after.taskDefinition).toBe(primary.taskDefinition);
  });

  it('network configuration and platform version changes deploy (Fargate)', () => {
    const { engine } = world();
    createOk(engine, { taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC });
    const net = updateOk(engine, { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1c'] } } });
    expect(net.deployments).toHaveLength(2);
    expect(net.networkConfiguration.awsvpcConfiguration.subnets).toEqual(['subnet-us-east-1c']);
    const platform = updateOk(engine, { platformVersion: '1.3.0' });
    expect(platform.deployments).toHaveLength(3);
    expect(platform.deployments.map((d: { status: string }) => d.status)).toEqual(['PRIMARY', 'ACTIVE', 'ACTIVE']);
    expect(platform.platformVersion).toBe('1.3.0');
    // Unchanged network configuration given again: no deployment.
    expect(updateOk(engine, { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1c'] } } }).deployments).toHaveLength(3);
  });

  it('a new task definition and a new desiredCount together: the new PRIMARY wants the new count', () => {
    const w = world();
    createOk(w.engine);
    register(w.engine, 'nginx:1.28');
    const after = updateOk(w.engine, { taskDefinition: 'web:2', desiredCount: 6 });
    expect(after.deployments.map((d: { desiredCount: number }) => d.desiredCount)).toEqual([6, 0]);
  });

  it('removing the load balancers removes the grace period and deploys', () => {
    const w = world();
    createOk(w.engine, { loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }], healthCheckGracePeriodSeconds: 60 });
    const after = updateOk(w.engine, { loadBalancers: [] });
    expect(after.loadBalancers).toEqual([]);
    expect(after).not.toHaveProperty('healthCheckGracePeriodSeconds');
    expect(after.deployments).toHaveLength(2);
  });
});

describe('UpdateService refusals', () => {
  const CASES: [string, (w: ReturnType<typeof world>) => Record<string, unknown>, string, string | RegExp][] = [
    ['missing service parameter', () => ({ service: undefined }), 'ParamValidationError', /Missing required parameter in input: "service"/],
    ['launchType is not an UpdateService parameter', () => ({ launchType: 'FARGATE' }), 'ParamValidationError', /Unknown parameter in input: "launchType"/],
    ['unknown cluster', () => ({ cluster: 'nope' }), 'ClusterNotFoundException', 'Cluster not found.'],
    ['unknown service', () => ({ service: 'nope' }), 'ServiceNotFoundException', 'Service not found.'],
    ['unknown task definition', () => ({ taskDefinition: 'nope' }), 'ClientException', 'TaskDefinition not found.'],
    ['min > max', () => ({ deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 90 } }), 'InvalidParameterException', /minimumHealthyPercent \(100\) is greater than maximumPercent \(90\)/],
    ['100/100 after the merge', () => ({ deploymentConfiguration: { maximumPercent: 100 } }), 'InvalidParameterException', 'Both maximumPercent and minimumHealthyPercent cannot be 100 as this will block deployments.'],
    ['negative desiredCount', () => ({ desiredCount: -2 }), 'InvalidParameterException', /not -2/],
    ['grace period without load balancers', () => ({ healthCheckGracePeriodSeconds: 30 }), 'InvalidParameterException', 'Health check grace period is only valid for services configured to use load balancers'],
    ['target group without a load balancer', (w) => ({ loadBalancers: [{ targetGroupArn: w.looseTg, containerName: 'web', containerPort: 80 }] }), 'InvalidParameterException', /does not have an associated load balancer/],
    ['awsvpc task definition without networkConfiguration', () => ({ taskDefinition: 'api' }), 'InvalidParameterException', "Network Configuration must be provided when networkMode 'awsvpc' is specified."],
    ['networkConfiguration for bridge tasks', () => ({ networkConfiguration: AWSVPC }), 'InvalidParameterException', 'Network Configuration is not valid for the given networkMode of this task definition.'],
    ['platformVersion on EC2', () => ({ platformVersion: '1.4.0' }), 'InvalidParameterException', 'The platform version must be null when specifying an EC2 launch type.'],
    ['CODE_DEPLOY controller', () => ({ deploymentController: { type: 'CODE_DEPLOY' } }), 'InvalidParameterException', /rolling updates/],
    ['capacity provider strategy naming a provider the cluster does not have', () => ({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] }), 'InvalidParameterException', /not associated with the cluster/],
  ];

  it.each(CASES)('%s', (_name, request, code, message) => {
    const w = world();
    createOk(w.engine);
    const before = JSON.stringify(w.engine.snapshot());
    const error = errorOf(update(w.engine, request(w)));
    expect(error.code).toBe(code);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(JSON.stringify(w.engine.snapshot())).toBe(before);
  });

  it('a new task definition must keep the load balancer container and port', () => {
    const w = world();
    createOk(w.engine, { loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }] });
    call(w.engine, 'ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128, portMappings: [{ containerPort: 80 }] }] });
    expect(errorOf(update(w.engine, { taskDefinition: 'web:2' })).message).toBe('The container web does not exist in the task definition.');
  });

  it('a new task definition must fit the target type of the kept target groups', () => {
    const w = world();
    createOk(w.engine, { loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }] });
    call(w.engine, 'ecs:RegisterTaskDefinition', { family: 'web', networkMode: 'awsvpc', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128, portMappings: [{ containerPort: 80 }] }] });
    expect(errorOf(update(w.engine, { taskDefinition: 'web:2', networkConfiguration: AWSVPC })).message).toMatch(
      /^The provided target group .*web-tg.* has target type instance, which is incompatible with the awsvpc network mode specified in the task definition\.$/,
    );
  });

  it('DAEMON services refuse desiredCount', () => {
    const { engine } = world();
    createOk(engine, { schedulingStrategy: 'DAEMON', desiredCount: undefined });
    expect(errorOf(update(engine, { desiredCount: 1 })).message).toBe(
      'The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again',
    );
  });

  it('a DRAINING service is not ACTIVE', () => {
    const { engine } = world();
    createOk(engine, { desiredCount: 0 });
    call(engine, 'ecs:DeleteService', { cluster: 'demo', service: 'web' });
    expect(errorOf(update(engine, { desiredCount: 1 }))).toEqual({ code: 'ServiceNotActiveException', message: 'Service was not ACTIVE.' });
    expect(describe1(engine).status).not.toBe('ACTIVE');
  });

  it('names the service by ARN too', () => {
    const { engine } = world();
    const service = createOk(engine);
    expect(updateOk(engine, { service: service.serviceArn, desiredCount: 4 }).desiredCount).toBe(4);
  });
});
