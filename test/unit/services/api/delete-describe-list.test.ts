// Proves DeleteService (DRAINING, desiredCount 0 everywhere; refused while scaled above 0 unless
// forced, as AWS does; DAEMON needs no force), DescribeServices (ARNs or names, at most 10,
// `failures` with reason MISSING, tags only with include TAGS, DRAINING services still described)
// and ListServices (ACTIVE only, filters, 10 per page by default, nextToken paging).
import { describe, expect, it } from 'vitest';
import { call, createOk, errorOf, world } from './helpers.ts';

const arnOf = (name: string, cluster = 'demo'): string => `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/${name}`;

describe('DeleteService', () => {
  it('refuses a service scaled above 0 without force', () => {
    const { engine } = world();
    createOk(engine);
    const before = JSON.stringify(engine.snapshot());
    expect(errorOf(engine.dispatch({ 'ecs:DeleteService': { cluster: 'demo', service: 'web' } }))).toEqual({
      code: 'InvalidParameterException',
      message: 'The service cannot be stopped while it is scaled above 0.',
    });
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('force: DRAINING with desiredCount 0 on the service and every deployment', () => {
    const { engine } = world();
    createOk(engine, { desiredCount: 3 });
    call(engine, 'ecs:UpdateService', { cluster: 'demo', service: 'web', forceNewDeployment: true });
    const service = call(engine, 'ecs:DeleteService', { cluster: 'demo', service: 'web', force: true }).service;
    expect(service.status).toBe('DRAINING');
    expect(service.desiredCount).toBe(0);
    expect(service.deployments.map((d: { desiredCount: number }) => d.desiredCount)).toEqual([0, 0]);
    expect(engine.snapshot().clusters.find((c) => c.clusterName === 'demo')!.activeServicesCount).toBe(0);
  });

  it('scaled to 0 first, no force is needed', () => {
    const { engine } = world();
    createOk(engine);
    call(engine, 'ecs:UpdateService', { cluster: 'demo', service: 'web', desiredCount: 0 });
    expect(call(engine, 'ecs:DeleteService', { cluster: 'demo', service: arnOf('web') }).service.status).toBe('DRAINING');
  });

  it('a DAEMON service needs no force', () => {
    const { engine } = world();
    createOk(engine, { schedulingStrategy: 'DAEMON', desiredCount: undefined });
    expect(call(engine, 'ecs:DeleteService', { cluster: 'demo', service: 'web' }).service.status).toBe('DRAINING');
  });

  it('unknown and already deleted services', () => {
    const { engine } = world();
    expect(errorOf(engine.dispatch({ 'ecs:DeleteService': { cluster: 'demo', service: 'web' } }))).toEqual({ code: 'ServiceNotFoundException', message: 'Service not found.' });
    expect(errorOf(engine.dispatch({ 'ecs:DeleteService': { cluster: 'nope', service: 'web' } })).code).toBe('ClusterNotFoundException');
    createOk(engine, { desiredCount: 0 });
    call(engine, 'ecs:DeleteService', { cluster: 'demo', service: 'web' });
    expect(errorOf(engine.dispatch({ 'ecs:DeleteService': { cluster: 'demo', service: 'web' } }))).toEqual({ code: 'ServiceNotActiveException', message: 'Service was not ACTIVE.' });
    expect(errorOf(engine.dispatch({ 'ecs:DeleteService': { cluster: 'demo' } })).code).toBe('ParamValidationError');
  });
});

describe('DescribeServices', () => {
  it('describes by name and by ARN, lists the unknown ones as MISSING', () => {
    const { engine } = world();
    createOk(engine);
    const answer = call(engine, 'ecs:DescribeServices', { cluster: 'demo', services: ['web', arnOf('web'), 'nope', arnOf('gone')] });
    expect(answer.services.map((s: { serviceArn: string }) => s.serviceArn)).toEqual([arnOf('web'), arnOf('web')]);
    expect(answer.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/nope', reason: 'MISSING' }, // AWS's form for a name, without the cluster
      { arn: arnOf('gone'), reason: 'MISSING' },
    ]);
  });

  it('gives tags only with include TAGS', () => {
    const { engine } = world();
    createOk(engine, { tags: [{ key: 'team', value: 'web' }] });
    expect(call(engine, 'ecs:DescribeServices', { cluster: 'demo', services: ['web'] }).services[0]).not.toHaveProperty('tags');
    expect(call(engine, 'ecs:DescribeServices', { cluster: 'demo', services: ['web'], include: ['TAGS'] }).services[0].tags).toEqual([{ key: 'team', value: 'web' }]);
  });

  it('still describes a DRAINING service', () => {
    const { engine } = world();
    createOk(engine, { desiredCount: 0 });
    call(engine, 'ecs:DeleteService', { cluster: 'demo', service: 'web' });
    expect(call(engine, 'ecs:DescribeServices', { cluster: 'demo', services: ['web'] }).services[0].status).not.toBe('ACTIVE');
  });

  it('takes 1 to 10 services of string type', () => {
    const { engine } = world();
    expect(errorOf(engine.dispatch({ 'ecs:DescribeServices': { cluster: 'demo', services: [] } })).message).toMatch(/at least one service/);
    expect(errorOf(engine.dispatch({ 'ecs:DescribeServices': { cluster: 'demo', services: Array.from({ length: 11 }, (_, i) => `s${i}`) } })).message).toBe(
      'DescribeServices takes at most 10 services per call; 11 were given.',
    );
    expect(errorOf(engine.dispatch({ 'ecs:DescribeServices': { cluster: 'demo', services: [3] } })).message).toMatch(/Invalid type for parameter services\[0\], value: 3/);
    expect(errorOf(engine.dispatch({ 'ecs:DescribeServices': { cluster: 'demo' } })).message).toMatch(/Missing required parameter in input: "services"/);
    expect(errorOf(engine.dispatch({ 'ecs:DescribeServices': { cluster: 'demo', services: ['web'], include: ['EVENTS'] } })).message).toBe('include can only list TAGS, not "EVENTS".');
    expect(errorOf(engine.dispatch({ 'ecs:DescribeServices': { cluster: 'nope', services: ['web'] } })).code).toBe('ClusterNotFoundException');
  });
});

describe('ListServices', () => {
  it('lists ACTIVE services of the cluster in creation order, with filters', () => {
    const { engine } = world();
    call(engine, 'ecs:CreateCluster', { clusterName: 'other' });
    createOk(engine, { serviceName: 'a' });
    createOk(engine, { serviceName: 'b', schedulingStrategy: 'DAEMON', desiredCount: undefined });
    createOk(engine, { serviceName: 'c', taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } });
    createOk(engine, { serviceName: 'd', desiredCount: 0 });
    createOk(engine, { serviceName: 'x', cluster: 'other' });
    call(engine, 'ecs:DeleteService', { cluster: 'demo', service: 'd' });
    const list = (request: Record<string, unknown>): string[] => call(engine, 'ecs:ListServices', { cluster: 'demo', ...request }).serviceArns;
    expect(list({})).toEqual([arnOf('a'), arnOf('b'), arnOf('c')]);
    expect(list({ launchType: 'FARGATE' })).toEqual([arnOf('c')]);
    expect(list({ launchType: 'EC2', schedulingStrategy: 'REPLICA' })).toEqual([arnOf('a')]);
    expect(list({ schedulingStrategy: 'DAEMON' })).toEqual([arnOf('b')]);
    expect(call(engine, 'ecs:ListServices', { cluster: 'other' }).serviceArns).toEqual([arnOf('x', 'other')]);
    expect(errorOf(engine.dispatch({ 'ecs:ListServices': {} })).code).toBe('ClusterNotFoundException'); // no cluster named default
  });

  it('pages 10 at a time by default, or maxResults, with nextToken', () => {
    const { engine } = world();
    for (let i = 0; i < 12; i++) createOk(engine, { serviceName: `s${String(i).padStart(2, '0')}`, desiredCount: 0 });
    const first = call(engine, 'ecs:ListServices', { cluster: 'demo' });
    expect(first.serviceArns).toHaveLength(10);
    const second = call(engine, 'ecs:ListServices', { cluster: 'demo', nextToken: first.nextToken });
    expect(second.serviceArns).toEqual([arnOf('s10'), arnOf('s11')]);
    expect(second).not.toHaveProperty('nextToken');
    const pages: string[] = [];
    let token: string | undefined;
    do {
      const page = call(engine, 'ecs:ListServices', { cluster: 'demo', maxResults: 5, ...(token === undefined ? {} : { nextToken: token }) });
      pages.push(...page.serviceArns);
      token = page.nextToken;
    } while (token !== undefined);
    expect(pages).toEqual([...first.serviceArns, ...second.serviceArns]);
  });

  it('refuses bad filters and paging', () => {
    const { engine } = world();
    expect(errorOf(engine.dispatch({ 'ecs:ListServices': { cluster: 'demo', maxResults: 101 } })).message).toBe('maxResults must be between 1 and 100, not 101.');
    expect(errorOf(engine.dispatch({ 'ecs:ListServices': { cluster: 'demo', nextToken: 'x' } })).code).toBe('InvalidParameterException');
    expect(errorOf(engine.dispatch({ 'ecs:ListServices': { cluster: 'demo', launchType: 'SPOT' } })).message).toMatch(/launchType must be/);
    expect(errorOf(engine.dispatch({ 'ecs:ListServices': { cluster: 'demo', schedulingStrategy: 'X' } })).message).toMatch(/schedulingStrategy must be REPLICA or DAEMON/);
    expect(errorOf(engine.dispatch({ 'ecs:ListServices': { cluster: 'nope' } })).code).toBe('ClusterNotFoundException');
  });
});
