import { describe, expect, it } from 'vitest';
import { demoEngine, errorOf, responseOf } from '../engine/helpers.ts';

type Tasks = { tasks: { taskArn: string; containerInstanceArn?: string; launchType: string }[]; failures: unknown[] };

function withExternal(seed = 7) {
  const engine = demoEngine(seed, 't3.medium', 1);
  const { containerInstance } = responseOf<{ containerInstance: { containerInstanceArn: string; ec2InstanceId: string; attributes: { name: string; value?: string }[]; registeredResources: { name: string; integerValue: number }[] } }>(
    engine.dispatch({ 'sim:RegisterExternalInstance': { cluster: 'demo', hostname: 'rack-1', cpu: 4096, memory: 8192, attributes: { site: 'lab' } } }),
  );
  return { engine, external: containerInstance };
}

describe('ECS Anywhere external instances', () => {
  it('registers with a managed instance id, ecs.capability.external, its own resources, and no Auto Scaling group', () => {
    const { external } = withExternal();
    expect(external.ec2InstanceId).toMatch(/^mi-[0-9a-f]{17}$/);
    const names = external.attributes.map((a) => a.name);
    expect(names).toContain('ecs.capability.external');
    expect(external.attributes).toContainEqual({ name: 'site', value: 'lab' });
    expect(external.attributes).toContainEqual({ name: 'ecs.os-type', value: 'linux' });
    expect(names).not.toContain('ecs.instance-type');
    expect(external.registeredResources.find((r) => r.name === 'CPU')!.integerValue).toBe(4096);
    expect(external.registeredResources.find((r) => r.name === 'MEMORY')!.integerValue).toBe(8192);
  });

  it('takes EXTERNAL tasks only, and EXTERNAL tasks go nowhere else', () => {
    const { engine, external } = withExternal();
    const ext = responseOf<Tasks>(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', launchType: 'EXTERNAL', count: 3 } }));
    expect(ext.tasks).toHaveLength(3);
    for (const t of ext.tasks) {
      expect(t.launchType).toBe('EXTERNAL');
      expect(t.containerInstanceArn).toBe(external.containerInstanceArn);
    }
    const ec2 = responseOf<Tasks>(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 5 } }));
    for (const t of ec2.tasks) expect(t.containerInstanceArn).not.toBe(external.containerInstanceArn);
    engine.advance(30_000);
    expect(engine.snapshot().tasks.filter((t) => t.launchType === 'EXTERNAL' && t.lastStatus === 'RUNNING')).toHaveLength(3);
    const explained = JSON.stringify(responseOf(engine.dispatch({ 'sim:ExplainPlacement': { runTask: { cluster: 'demo', taskDefinition: 'web' } } })));
    expect(explained).toContain('an external (ECS Anywhere) instance: takes EXTERNAL tasks only');
  });

  it('refuses awsvpc definitions on EXTERNAL (not in their compatibilities) and service load balancing', () => {
    const { engine } = withExternal();
    responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'vpc', networkMode: 'awsvpc', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 128 }] } }));
    const before = JSON.stringify(engine.snapshot());
    expect(errorOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'vpc', launchType: 'EXTERNAL' } })).message).toMatch(/EXTERNAL/);
    expect(errorOf(engine.dispatch({
      'ecs:CreateService': { cluster: 'demo', serviceName: 'lb', taskDefinition: 'web', desiredCount: 1, launchType: 'EXTERNAL', loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1', containerName: 'web', containerPort: 80 }] },
    })).message).toMatch(/Service load balancing isn't supported/);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('runs a service with launch type EXTERNAL on the external instance', () => {
    const { engine, external } = withExternal();
    responseOf(engine.dispatch({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'edge', taskDefinition: 'web', desiredCount: 2, launchType: 'EXTERNAL' } }));
    engine.advance(60_000);
    const tasks = engine.snapshot().tasks.filter((t) => t.group === 'service:edge' && t.lastStatus === 'RUNNING');
    expect(tasks).toHaveLength(2);
    for (const t of tasks) expect(t.containerInstanceArn).toBe(external.containerInstanceArn);
  });

  it('refuses a missing cluster and bad sizes, changing nothing', () => {
    const { engine } = withExternal();
    const before = JSON.stringify(engine.snapshot());
    expect(errorOf(engine.dispatch({ 'sim:RegisterExternalInstance': { cluster: 'nope' } })).code).toBe('ClusterNotFoundException');
    expect(errorOf(engine.dispatch({ 'sim:RegisterExternalInstance': { cluster: 'demo', cpu: 10 } })).message).toMatch(/cpu must be/);
    expect(errorOf(engine.dispatch({ 'sim:RegisterExternalInstance': { cluster: 'demo', attributes: { 'ecs.x': 'y' } } })).code).toBe('InvalidParameterException');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});
