// Proves ecs:UpdateContainerInstancesState as the API documents it: ACTIVE and DRAINING only (AWS's
// error otherwise), unknown instances come back as failures with reason MISSING, versions bump on a
// real change, a DRAINING instance gets no new tasks while its standalone tasks keep running (and
// the event says so), and it takes tasks again once ACTIVE. ListContainerInstances' status filter
// sees the change.
import { describe, expect, it } from 'vitest';
import { errorOf, instances, mixedEngine, responseOf } from './helpers.ts';

const CLUSTER_ARN_PREFIX = 'arn:aws:ecs:us-east-1:123456789012:container-instance/mixed/';

describe('ecs:UpdateContainerInstancesState', () => {
  it('drains the named instances and reports the unknown ones as MISSING', () => {
    const engine = mixedEngine();
    const [a, b] = instances(engine);
    const response = responseOf(
      engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: [a!.containerInstanceArn, 'feedface', b!.containerInstanceArn], status: 'DRAINING' } }),
    );
    expect(response.containerInstances.map((i: { status: string; version: number }) => [i.status, i.version])).toEqual([['DRAINING', 2], ['DRAINING', 2]]);
    expect(response.failures).toEqual([{ arn: `${CLUSTER_ARN_PREFIX}feedface`, reason: 'MISSING' }]);
    expect(instances(engine).map((i) => i.status)).toEqual(['DRAINING', 'DRAINING', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE']);
    const drained = responseOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'mixed', status: 'DRAINING' } }));
    expect(drained.containerInstanceArns).toEqual([a!.containerInstanceArn, b!.containerInstanceArn]);
    // Without status every status but INACTIVE is listed.
    expect(responseOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'mixed' } })).containerInstanceArns).toHaveLength(6);
  });

  it('places no new task on a DRAINING instance; standalone tasks keep running; ACTIVE again takes tasks', () => {
    const engine = mixedEngine();
    const all = instances(engine);
    const first = all[0]!;
    // Drain all but the first, run a task (it can only land on the first), then drain the first too.
    responseOf(engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: all.slice(1).map((i) => i.containerInstanceArn), status: 'DRAINING' } }));
    const run = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'mixed', taskDefinition: 'web' } }));
    expect(run.tasks[0].containerInstanceArn).toBe(first.containerInstanceArn);
    engine.advance(60_000);
    responseOf(engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: [first.containerInstanceArn], status: 'DRAINING' } }));
    expect(engine.snapshot().events.at(-1)!.message).toMatch(
      /is DRAINING: no new tasks will be placed on it\. Its standalone task keeps running: draining leaves tasks started by RunTask alone until they stop/,
    );
    const refused = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'mixed', taskDefinition: 'web' } }));
    // No ACTIVE instance is left, so nothing is placed (what RunTask reports as failures then is the
    // placement code's business, not this test's).
    expect(refused.tasks).toHaveLength(0);
    engine.advance(60_000);
    expect(engine.snapshot().tasks.map((t) => t.lastStatus)).toEqual(['RUNNING']);
    responseOf(engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: [first.containerInstanceArn], status: 'ACTIVE' } }));
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/is ACTIVE again: new tasks can be placed on it/);
    expect(responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'mixed', taskDefinition: 'web' } })).tasks).toHaveLength(1);
  });

  it('an instance still REGISTERING (trunk being attached) comes back as a failure, the others change', () => {
    const engine = mixedEngine(7, [
      { 'ecs:PutAccountSettingDefault': { name: 'awsvpcTrunking', value: 'enabled' } },
      { 'sim:AddContainerInstances': { cluster: 'mixed', instanceType: 'c5.large' } },
    ]);
    const all = instances(engine);
    const registering = all[6]!;
    expect(registering.status).toBe('REGISTERING');
    const response = responseOf(
      engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: [registering.containerInstanceArn, all[0]!.containerInstanceArn], status: 'DRAINING' } }),
    );
    expect(response.containerInstances.map((i: { containerInstanceArn: string }) => i.containerInstanceArn)).toEqual([all[0]!.containerInstanceArn]);
    expect(response.failures).toEqual([
      { arn: registering.containerInstanceArn, reason: 'INVALID_STATUS', detail: expect.stringMatching(/is REGISTERING: .* only once it has reached ACTIVE/) },
    ]);
    expect(instances(engine)[6]!.status).toBe('REGISTERING');
  });

  it('setting the status an instance already has changes nothing but is not an error', () => {
    const engine = mixedEngine();
    const first = instances(engine)[0]!;
    const response = responseOf(engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: [first.containerInstanceArn], status: 'ACTIVE' } }));
    expect(response.containerInstances[0].version).toBe(1);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/is already ACTIVE; nothing changed/);
  });

  it.each([
    ['status INACTIVE', { status: 'INACTIVE' }, 'InvalidParameterException', /^Container instance status should be one of \[ACTIVE, DRAINING\]$/],
    ['status draining (lower case)', { status: 'draining' }, 'InvalidParameterException', /should be one of \[ACTIVE, DRAINING\]/],
    ['status REGISTERING', { status: 'REGISTERING' }, 'InvalidParameterException', /should be one of/],
    ['no instances', { containerInstances: [] }, 'InvalidParameterException', /can not be empty/],
    ['11 instances', { containerInstances: Array.from({ length: 11 }, (_, i) => `id${i}`) }, 'InvalidParameterException', /at most 10 container instances per call; 11 were given/],
    ['unknown cluster', { cluster: 'nope' }, 'ClusterNotFoundException', /Cluster not found/],
    ['no status', { status: undefined }, 'ParamValidationError', /Missing required parameter in input: "status"/],
  ])('refuses %s and changes nothing', (_, override, code, message) => {
    const engine = mixedEngine();
    const first = instances(engine)[0]!;
    const request: Record<string, unknown> = { cluster: 'mixed', containerInstances: [first.containerInstanceArn], status: 'DRAINING', ...override };
    for (const key of Object.keys(request)) if (request[key] === undefined) delete request[key];
    const before = JSON.stringify(engine.snapshot());
    const error = errorOf(engine.dispatch({ 'ecs:UpdateContainerInstancesState': request }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});
