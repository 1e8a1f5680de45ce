// Proves RunTask on EC2 answers as AWS does (issue 4 items 5 and "Bad input"): count 1–10; the
// tasks that fit are placed, the rest come back in `failures` with ECS's reasons; an empty
// cluster is AWS's InvalidParameterException; strategy and constraint limits and mistakes are
// refused with the state untouched; each decision's id rides on its events for the explainer.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { SandboxEngine } from '../../../workers/protocol.ts';
import { errorOf, responseOf } from '../engine/helpers.ts';
import { taskDef } from './fixture.ts';

function cluster(types: [string, string][] = [['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b'], ['t3.medium', 'us-east-1c']]): SandboxEngine {
  const engine = createEngine({ seed: 7 });
  engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } });
  for (const [instanceType, zone] of types) engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType, availabilityZones: [zone] } });
  return engine;
}

const runTask = (engine: SandboxEngine, request: Record<string, unknown>) => engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', ...request } });

describe('RunTask placement outcome', () => {
  it('places what fits and reports the rest per instance: 3 × t3.medium (3992 MiB) and tasks of 1500 MiB → 2 each, 6 of 10', () => {
    const engine = cluster();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('big', { memory: 1500, cpu: 0 }) });
    const response = responseOf(runTask(engine, { taskDefinition: 'big', count: 10 }));
    // 3992 / 1500 = 2 per instance (992 left < 1500)
    expect(response.tasks).toHaveLength(6);
    expect(response.failures).toHaveLength(3);
    expect(response.failures.every((f: { reason: string; arn: string }) => f.reason === 'RESOURCE:MEMORY' && f.arn.includes(':container-instance/demo/'))).toBe(true);
    const failed = engine.snapshot().events.find((e) => e.kind === 'placement.failed')!;
    expect(failed.message).toBe('RunTask placed 6 of 10 tasks of big:1 in cluster demo; 4 could not be placed: 0/3 instances can run big:1: 3 × insufficient memory (needs 1500 MiB, most free 992 MiB).');
    expect(failed.placementId).toBe('placement-1');
    expect(engine.snapshot().events.filter((e) => e.kind === 'task.pending').every((e) => e.placementId === 'placement-1')).toBe(true);
  });

  it('gives each instance the reason of the first rule that refused it', () => {
    const engine = cluster([['t3.medium', 'us-east-1a'], ['t3.micro', 'us-east-1b']]);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web', { memory: 1500, ports: [{ containerPort: 80, hostPort: 80 }] }) });
    responseOf(runTask(engine, { taskDefinition: 'web' })); // a t3.micro registers 998 MiB: only the medium takes it
    const response = responseOf(runTask(engine, { taskDefinition: 'web' }));
    // medium: 2492 MiB free but port 80 taken → RESOURCE:PORTS; micro: 998 < 1500 → RESOURCE:MEMORY
    expect(response.failures.map((f: { reason: string }) => f.reason)).toEqual(['RESOURCE:PORTS', 'RESOURCE:MEMORY']);
  });

  it('reports a memberOf constraint that excludes every instance as ECS does', () => {
    const engine = cluster();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    const response = responseOf(runTask(engine, { taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ g2.*' }] }));
    expect(response.tasks).toEqual([]);
    expect(response.failures.map((f: { reason: string }) => f.reason)).toEqual(Array(3).fill('MemberOf placement constraint unsatisfied.'));
  });

  it('refuses an empty cluster with AWS\'s message', () => {
    const engine = createEngine();
    engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } });
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    expect(errorOf(runTask(engine, { taskDefinition: 'web' }))).toEqual({ code: 'InvalidParameterException', message: 'No Container Instances were found in your cluster.' });
  });

  it('uses the group given, else family:<family>', () => {
    const engine = cluster();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    expect(responseOf(runTask(engine, { taskDefinition: 'web' })).tasks[0].group).toBe('family:web');
    expect(responseOf(runTask(engine, { taskDefinition: 'web', group: 'batch' })).tasks[0].group).toBe('batch');
  });
});

describe('RunTask bad input (AWS-style errors, state untouched)', () => {
  const strategies = (n: number) => Array.from({ length: n }, () => ({ type: 'random' }));
  const constraints = (n: number) => Array.from({ length: n }, () => ({ type: 'distinctInstance' }));
  it.each([
    [{ count: 11 }, /count must be between 1 and 10, not 11/],
    [{ placementStrategy: strategies(6) }, 'At most 5 placement strategies may be given; this request has 6.'],
    [{ placementConstraints: constraints(11) }, 'At most 10 placement constraints may apply to a task, counting the task definition\'s; this request has 11.'],
    [{ placementStrategy: [{ type: 'spreed', field: 'host' }] }, /placementStrategy\[0\]\.type "spreed" is not a placement strategy: use random, spread or binpack\. Did you mean "spread"\?/],
    [{ placementStrategy: [{ type: 'binpack', field: 'disk' }] }, 'placementStrategy[0]: binpack needs field cpu or memory, not "disk".'],
    [{ placementStrategy: [{ type: 'spread' }] }, /spread needs field instanceId \(or host\) or attribute:<name>/],
    [{ placementConstraints: [{ type: 'memberOf' }] }, /memberOf needs an expression/],
    [{ placementConstraints: [{ type: 'distinctInstance', expression: 'x == y' }] }, /distinctInstance takes no expression/],
    [{ placementConstraints: [{ type: 'sameHost' }] }, /is not a placement constraint: use distinctInstance or memberOf/],
    [{ placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type t2.small' }] }, /^placementConstraints\[0\]\.expression is not valid cluster query language: .*\(column 29\)\.$/],
    [{ placementConstraints: [{ type: 'memberOf', expression: `attribute:a == ${'x'.repeat(2000)}` }] }, /at most 2000 characters; this one has 2015/],
  ])('refuses %j', (request, message) => {
    const engine = cluster();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    const before = JSON.stringify(engine.snapshot());
    const error = errorOf(runTask(engine, { taskDefinition: 'web', ...request }));
    expect(error.code).toBe('InvalidParameterException');
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('counts the task definition\'s constraints toward the 10', () => {
    const engine = cluster();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web', { placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }] }) });
    const error = errorOf(runTask(engine, { taskDefinition: 'web', placementConstraints: Array.from({ length: 10 }, () => ({ type: 'distinctInstance' })) }));
    expect(error.message).toBe('At most 10 placement constraints may apply to a task, counting the task definition\'s; this request has 11 (1 from the task definition).');
  });
});

describe('RunTask launch type checks', () => {
  it('refuses a platformVersion with launch type EC2, as AWS does', () => {
    const engine = cluster();
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    expect(errorOf(runTask(engine, { taskDefinition: 'web', platformVersion: 'LATEST' }))).toEqual({
      code: 'InvalidParameterException',
      message: 'The platform version must be null when specifying an EC2 launch type.',
    });
  });
});
