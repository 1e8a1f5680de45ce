// Proves CreateService's successes: AWS's defaults (deployment configuration 200/100, DAEMON
// 100/0, circuit breaker off, launch type EC2, propagateTags NONE), the DescribeServices shape of
// the answer, one PRIMARY deployment IN_PROGRESS with AWS's rolloutStateReason, Fargate's
// platform version, load balancers with their default grace period, the service role, and
// idempotency (the same request returns the same service; another one for the name is refused).
import { describe, expect, it } from 'vitest';
import { AWSVPC, call, create, createOk, describe1, errorOf, responseOf, world } from './helpers.ts';

const SERVICE_ARN = 'arn:aws:ecs:us-east-1:123456789012:service/demo/web';

describe('CreateService', () => {
  it('answers the DescribeServices shape with AWS defaults', () => {
    const { engine } = world();
    const service = createOk(engine);
    expect(service).toMatchObject({
      serviceArn: SERVICE_ARN,
      serviceName: 'web',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
      status: 'ACTIVE',
      desiredCount: 2,
      launchType: 'EC2',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: false, rollback: false }, maximumPercent: 200, minimumHealthyPercent: 100 },
      loadBalancers: [],
      serviceRegistries: [],
      placementConstraints: [],
      placementStrategy: [],
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'arn:aws:iam::123456789012:root',
      enableECSManagedTags: false,
      propagateTags: 'NONE',
      enableExecuteCommand: false,
      tags: [],
    });
    expect(typeof service.runningCount).toBe('number');
    expect(typeof service.pendingCount).toBe('number');
    expect(service).not.toHaveProperty('networkConfiguration');
    expect(service).not.toHaveProperty('healthCheckGracePeriodSeconds');
    expect(service).not.toHaveProperty('platformVersion');
    expect(service).not.toHaveProperty('roleArn');
    expect(service.deployments).toHaveLength(1);
    const [primary] = service.deployments;
    expect(primary.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(primary).toMatchObject({
      status: 'PRIMARY',
      taskDefinition: service.taskDefinition,
      desiredCount: 2,
      failedTasks: 0,
      launchType: 'EC2',
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment ${primary.id} in progress.`,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('runs the latest ACTIVE revision of a bare family', () => {
    const { engine } = world();
    call(engine, 'ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.28', memory: 128, portMappings: [{ containerPort: 80 }] }] });
    call(engine, 'ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.29', memory: 128, portMappings: [{ containerPort: 80 }] }] });
    call(engine, 'ecs:DeregisterTaskDefinition', { taskDefinition: 'web:3' });
    expect(createOk(engine).taskDefinition).toMatch(/task-definition\/web:2$/);
  });

  it('refuses an INACTIVE revision named explicitly', () => {
    const { engine } = world();
    call(engine, 'ecs:DeregisterTaskDefinition', { taskDefinition: 'web:1' });
    expect(errorOf(create(engine, { taskDefinition: 'web:1' }))).toEqual({ code: 'InvalidParameterException', message: 'TaskDefinition is inactive' });
  });

  it('keeps what the request gives: strategies, constraints, circuit breaker, tags, flags', () => {
    const { engine } = world();
    createOk(engine, {
      desiredCount: 10,
      deploymentConfiguration: { minimumHealthyPercent: 60, deploymentCircuitBreaker: { enable: true, rollback: true } },
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }],
      tags: [{ key: 'team', value: 'web' }],
      propagateTags: 'SERVICE',
      enableECSManagedTags: true,
      enableExecuteCommand: true,
    });
    expect(describe1(engine)).toMatchObject({
      desiredCount: 10,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 60 },
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }],
      tags: [{ key: 'team', value: 'web' }],
      propagateTags: 'SERVICE',
      enableECSManagedTags: true,
      enableExecuteCommand: true,
    });
  });

  it('allows desiredCount 0 and minimumHealthyPercent 0 with maximumPercent 100', () => {
    const { engine } = world();
    const service = createOk(engine, { desiredCount: 0, deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100 } });
    expect(service.desiredCount).toBe(0);
    expect(service.deploymentConfiguration).toMatchObject({ minimumHealthyPercent: 0, maximumPercent: 100 });
  });

  it('DAEMON: no desiredCount, defaults maximum 100 % and minimum 0 %, no default strategy', () => {
    const { engine } = world();
    const service = createOk(engine, { schedulingStrategy: 'DAEMON', desiredCount: undefined, placementConstraints: [{ type: 'distinctInstance' }] });
    expect(service).toMatchObject({
      schedulingStrategy: 'DAEMON',
      deploymentConfiguration: { maximumPercent: 100, minimumHealthyPercent: 0 },
      placementStrategy: [],
      placementConstraints: [{ type: 'distinctInstance' }],
    });
  });

  it('Fargate: LATEST resolves to 1.4.0 on the service and its deployment, with the network configuration', () => {
    const { engine } = world();
    const service = createOk(engine, { taskDefinition: 'api', launchType: 'FARGATE', platformVersion: 'LATEST', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'], assignPublicIp: 'ENABLED' } } });
    const network = { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'], securityGroups: ['sg-default'], assignPublicIp: 'ENABLED' } };
    expect(service).toMatchObject({ launchType: 'FARGATE', platformVersion: '1.4.0', platformFamily: 'Linux', networkConfiguration: network });
    expect(service.deployments[0]).toMatchObject({ launchType: 'FARGATE', platformVersion: '1.4.0', platformFamily: 'Linux', networkConfiguration: network });
  });

  it('Fargate without platformVersion runs 1.4.0 too; 1.3.0 is kept when asked', () => {
    const { engine } = world();
    expect(createOk(engine, { taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC }).platformVersion).toBe('1.4.0');
    expect(createOk(engine, { serviceName: 'old', taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC, platformVersion: '1.3.0' }).platformVersion).toBe('1.3.0');
  });

  it('awsvpc on EC2 keeps the network configuration, default security group filled in', () => {
    const { engine } = world();
    const service = createOk(engine, { taskDefinition: 'api', networkConfiguration: AWSVPC });
    expect(service.networkConfiguration).toEqual({ awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], securityGroups: ['sg-default'], assignPublicIp: 'DISABLED' } });
  });

  it('awsvpc takes a security group created with ec2:CreateSecurityGroup', () => {
    const { engine } = world();
    const groupId = call(engine, 'ec2:CreateSecurityGroup', { GroupName: 'api', Description: 'api tasks' }).GroupId;
    const service = createOk(engine, { taskDefinition: 'api', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'], securityGroups: [groupId] } } });
    expect(service.networkConfiguration.awsvpcConfiguration.securityGroups).toEqual([groupId]);
    expect(errorOf(create(engine, { serviceName: 'x', taskDefinition: 'api', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'], securityGroups: ['sg-0000'] } } })).message).toMatch(
      /The security group 'sg-0000' does not exist/,
    );
  });

  it('with a target group: grace period defaults to 0, or is kept', () => {
    const w = world();
    const lb = { targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 };
    expect(createOk(w.engine, { loadBalancers: [lb] })).toMatchObject({ loadBalancers: [lb], healthCheckGracePeriodSeconds: 0 });
    expect(createOk(w.engine, { serviceName: 'slow', loadBalancers: [lb], healthCheckGracePeriodSeconds: 120 }).healthCheckGracePeriodSeconds).toBe(120);
  });

  it('awsvpc and Fargate services take target groups of type ip', () => {
    const w = world();
    const lb = { targetGroupArn: w.ipTg, containerName: 'api', containerPort: 8080 };
    expect(createOk(w.engine, { taskDefinition: 'api', networkConfiguration: AWSVPC, loadBalancers: [lb] }).loadBalancers).toEqual([lb]);
    expect(createOk(w.engine, { serviceName: 'api-f', taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC, loadBalancers: [lb] }).loadBalancers).toEqual([lb]);
  });

  it('a Classic Load Balancer on EC2 with a static host port', () => {
    const { engine } = world();
    call(engine, 'elb:CreateLoadBalancer', { LoadBalancerName: 'clb', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 }], AvailabilityZones: ['us-east-1a'] });
    const lb = { loadBalancerName: 'clb', containerName: 'static', containerPort: 80 };
    expect(createOk(engine, { taskDefinition: 'static', loadBalancers: [lb] })).toMatchObject({ loadBalancers: [lb], healthCheckGracePeriodSeconds: 0 });
  });

  it('a service role given by name is stored as its ARN', () => {
    const w = world();
    call(w.engine, 'iam:CreateRole', {
      RoleName: 'ecsServiceRole',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    });
    const service = createOk(w.engine, { role: 'ecsServiceRole', loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }] });
    expect(service.roleArn).toBe('arn:aws:iam::123456789012:role/ecsServiceRole');
  });

  it('is idempotent for the same request and refuses another one for the same name', () => {
    const { engine } = world();
    const first = createOk(engine, { clientToken: 'a' });
    const again = responseOf(create(engine, { clientToken: 'b' })).service;
    expect(again.deployments[0].id).toBe(first.deployments[0].id);
    expect(call(engine, 'ecs:ListServices', { cluster: 'demo' }).serviceArns).toEqual([SERVICE_ARN]);
    expect(errorOf(create(engine, { desiredCount: 3 }))).toEqual({ code: 'InvalidParameterException', message: 'Creation of service was not idempotent.' });
  });

  it('the same name is free in another cluster', () => {
    const { engine } = world();
    call(engine, 'ecs:CreateCluster', { clusterName: 'other' });
    createOk(engine);
    expect(createOk(engine, { cluster: 'other' }).serviceArn).toBe('arn:aws:ecs:us-east-1:123456789012:service/other/web');
  });

  it('a DRAINING service blocks its name, even with the same request', () => {
    const { engine } = world();
    createOk(engine, { desiredCount: 0 });
    call(engine, 'ecs:DeleteService', { cluster: 'demo', service: 'web' });
    expect(errorOf(create(engine, { desiredCount: 0 })).message).toBe('Creation of service was not idempotent.');
  });

  it('shows in the snapshot, and the cluster counts it as active', () => {
    const { engine } = world();
    createOk(engine);
    const snap = engine.snapshot();
    expect(snap.services.map((s) => s.serviceName)).toEqual(['web']);
    expect(snap.clusters.find((c) => c.clusterName === 'demo')!.activeServicesCount).toBe(1);
    expect(call(engine, 'ecs:DescribeClusters', { clusters: ['demo'] }).clusters[0].activeServicesCount).toBe(1);
  });
});
