// Proves the placement explainer (issue 4 item 9): for a placed task, a failed request and a
// what-if, every instance's verdict under every rule with its numbers, the strategies' ranks, the
// one-sentence summary, and the smallest changes that would let the task place — each change
// checked by applying it and seeing the task place.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { PlacementExplanation, SandboxEngine } from '../../../workers/protocol.ts';
import { responseOf } from '../engine/helpers.ts';
import { taskDef } from './fixture.ts';

function cluster(types: [string, string][]): SandboxEngine {
  const engine = createEngine({ seed: 11 });
  engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } });
  for (const [instanceType, zone] of types) engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType, availabilityZones: [zone] } });
  return engine;
}

function explain(engine: SandboxEngine, query: Parameters<SandboxEngine['explainPlacement']>[0]): PlacementExplanation {
  const result = engine.explainPlacement(query);
  if (!result.ok) throw new Error(result.error.message);
  return result.explanation;
}

const AZ3: [string, string][] = [['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b'], ['m5.large', 'us-east-1c']];

describe('explaining a placed task', () => {
  it('shows every rule per instance, the chosen row first and the strategies\' ranks', () => {
    const engine = cluster(AZ3);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web', { memory: 1024, cpu: 256 }) });
    const run = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', placementStrategy: [{ type: 'binpack', field: 'memory' }] } }));
    const x = explain(engine, { taskArn: run.tasks[0].taskArn });
    expect(x.outcome).toBe('placed');
    expect(x.rules.map((r) => `${r.kind}:${r.title}`)).toEqual(['filter:Status', 'filter:CPU', 'filter:Memory', 'strategy:binpack(memory)']);
    // binpack(memory): t3.medium leaves 3992 − 1024 = 2968 MiB, m5.large 7985 − 1024 = 6961 → a medium, the first (tie a/b)
    expect(x.rows[0]).toMatchObject({ chosen: true, rank: 1, instanceType: 't3.medium', availabilityZone: 'us-east-1a' });
    expect(x.rows[0]!.cells.map((c) => c.text)).toEqual(['ACTIVE', '2048 of 2048 units free', '3992 of 3992 MiB free', 'would leave 2968 MiB']);
    expect(x.rows.find((r) => r.instanceType === 'm5.large')).toMatchObject({ rank: 2, eligible: true, chosen: false });
    expect(x.summary).toBe(`web:1 was placed on ${x.chosen!.ec2InstanceId} (t3.medium, us-east-1a): 3/3 instances could run it; binpack(memory): 2 leave the least memory (2968 MiB); still tied, so the earliest-registered instance.`);
    expect(x.strategies).toEqual([{ type: 'binpack', field: 'memory', origin: 'request' }]);
    expect(x.instanceCount).toBe(3);
    expect(x.eligibleCount).toBe(3);
  });

  it('explains the 2nd task of a request as it was decided: it saw the 1st', () => {
    const engine = cluster(AZ3);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web', { memory: 3000 }) });
    const run = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 2, placementStrategy: [{ type: 'binpack', field: 'memory' }] } }));
    const second = explain(engine, { taskArn: run.tasks[1].taskArn });
    // after the 1st task took 3000 of a's 3992 MiB, a has 992 free and is refused for memory
    const a = second.rows.find((r) => r.containerInstanceArn === run.tasks[0].containerInstanceArn)!;
    expect(a.eligible).toBe(false);
    expect(a.cells[2]).toEqual({ verdict: 'fail', text: '992 of 3992 MiB free, needs 3000' });
    expect(second.index).toBe(1);
    expect(second.count).toBe(2);
  });

  it('names the default strategy (RunTask: random) and how many were tied', () => {
    const engine = cluster(AZ3);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    const run = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web' } }));
    const x = explain(engine, { taskArn: run.tasks[0].taskArn });
    expect(x.strategies).toEqual([{ type: 'random', origin: 'default' }]);
    expect(x.summary).toMatch(/3\/3 instances could run it; random: picked at random among 3\.$/);
  });
});

describe('explaining a failure', () => {
  it('gives the summary with the numbers and suggestions that really make it place', () => {
    const engine = cluster([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b']]);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('big', { memory: 6000 }) });
    responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'big' } }));
    const failed = engine.snapshot().events.find((e) => e.kind === 'placement.failed')!;
    const x = explain(engine, { placementId: failed.placementId! });
    expect(x.outcome).toBe('unplaced');
    expect(x.summary).toBe('0/2 instances can run big:1: 2 × insufficient memory (needs 6000 MiB, most free 3992 MiB).');
    expect(x.rows.every((r) => !r.eligible && r.cells[2]!.verdict === 'fail')).toBe(true);
    expect(x.suggestions.map((s) => s.kind)).toEqual(['lower-memory', 'add-instance']);
    expect(x.suggestions[0]!.text).toBe("Lower the task's memory reservation from 6000 to 3992 MiB or less: 2 instances are refused only for memory, and the best has 3992 MiB free.");
    const add = x.suggestions[1]!;
    // The cheapest x86_64 type registering ≥ 6000 MiB: 8 GiB types register 7985 MiB
    expect(add.step).toMatchObject({ 'sim:AddContainerInstances': { cluster: 'demo' } });
    responseOf(engine.dispatch(add.step!));
    expect(responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'big' } })).tasks).toHaveLength(1);
  });

  it('suggests a dynamic host port when only the port is in the way', () => {
    const engine = cluster([['m5.large', 'us-east-1a']]);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web', { ports: [{ containerPort: 80, hostPort: 80 }] }) });
    responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 2 } }));
    const x = explain(engine, { placementId: 'placement-1' });
    expect(x.index).toBe(1); // the first task that could not be placed
    expect(x.summary).toBe('0/1 instances can run web:1: 1 × host port 80 in use.');
    expect(x.suggestions[0]).toMatchObject({ kind: 'dynamic-host-port' });
    expect(x.suggestions[0]!.text).toMatch(/set hostPort to 0 \(bridge network mode\) for container web's port 80/);
  });

  it('suggests reactivating a DRAINING instance, with the command', () => {
    const engine = cluster([['t3.medium', 'us-east-1a']]);
    const arn = responseOf(engine.dispatch({ 'ecs:ListContainerInstances': { cluster: 'demo' } })).containerInstanceArns[0];
    responseOf(engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'demo', containerInstances: [arn], status: 'DRAINING' } }));
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    const x = explain(engine, { runTask: { cluster: 'demo', taskDefinition: 'web' } });
    expect(x.summary).toBe('0/1 instances can run web:1: 1 × DRAINING (takes no new tasks).');
    const activate = x.suggestions.find((s) => s.kind === 'activate-instance')!;
    responseOf(engine.dispatch(activate.step!));
    expect(explain(engine, { runTask: { cluster: 'demo', taskDefinition: 'web' } }).outcome).toBe('placed');
  });

  it('suggests relaxing the constraint that alone refuses, and adding an instance where the constraint allows', () => {
    const engine = cluster([['t3.medium', 'us-east-1a']]);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    const x = explain(engine, { runTask: { cluster: 'demo', taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1b' }] } });
    expect(x.suggestions.map((s) => s.kind)).toEqual(['relax-constraint', 'add-instance']);
    expect(x.suggestions[1]!.step).toMatchObject({ 'sim:AddContainerInstances': { availabilityZones: ['us-east-1b'] } });
  });

  it('suggests ENI trunking when instances lack only ENIs (awsvpc)', () => {
    const engine = cluster([['m5.large', 'us-east-1a']]);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('vpc', { networkMode: 'awsvpc', memory: 128 }) });
    const net = { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } };
    responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'vpc', count: 3, networkConfiguration: net } }));
    // m5.large: 3 ENIs − primary = 2 awsvpc tasks; the 3rd is refused for ENIs
    const x = explain(engine, { placementId: 'placement-1' });
    expect(x.summary).toBe('0/1 instances can run vpc:1: 1 × no free ENI for an awsvpc task (all 2 in use).');
    expect(x.suggestions.map((s) => s.kind)).toContain('enable-trunking');
  });

  it('says when no instance type could ever run it', () => {
    const engine = cluster([['t3.medium', 'us-east-1a']]);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'huge', memory: '900000', containerDefinitions: [{ name: 'x', image: 'nginx' }] } });
    const x = explain(engine, { runTask: { cluster: 'demo', taskDefinition: 'huge' } });
    expect(x.suggestions.at(-1)!.kind).toBe('other');
    expect(x.suggestions.at(-1)!.text).toMatch(/needs 900000 MiB, more than the largest type/);
  });
});

describe('what-if and bad queries', () => {
  it('answers a RunTask request without placing anything', () => {
    const engine = cluster(AZ3);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    const before = JSON.stringify(engine.snapshot());
    const x = explain(engine, { runTask: { cluster: 'demo', taskDefinition: 'web', placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }] } });
    expect(x.placementId).toBeUndefined();
    expect(x.summary).toMatch(/^web:1 would be placed on i-[0-9a-f]+ \(t3\.medium, us-east-1a\)/);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('returns RunTask\'s own errors for a bad request, and clear ones for bad queries', () => {
    const engine = cluster(AZ3);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    expect(engine.explainPlacement({ runTask: { cluster: 'demo', taskDefinition: 'web', count: 11 } })).toMatchObject({ ok: false, error: { code: 'InvalidParameterException' } });
    expect(engine.explainPlacement({ placementId: 'placement-99' })).toEqual({ ok: false, error: { code: 'InvalidParameterException', message: 'There is no placement decision placement-99.' } });
    expect(engine.explainPlacement({ taskArn: 'nope' })).toMatchObject({ ok: false, error: { message: 'The referenced task was not found.' } });
    expect(engine.explainPlacement(null as never)).toMatchObject({ ok: false });
    expect(engine.explainPlacement({} as never)).toMatchObject({ ok: false, error: { message: /Explain what\?/ } });
  });

  it('is also the command sim:ExplainPlacement', () => {
    const engine = cluster(AZ3);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    const x = responseOf<PlacementExplanation>(engine.dispatch({ 'sim:ExplainPlacement': { runTask: { cluster: 'demo', taskDefinition: 'web' } } }));
    expect(x.outcome).toBe('placed');
  });

  it('limits rows to maxRows but summarises every instance', () => {
    const engine = createEngine({ seed: 2 });
    engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } });
    engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.micro', count: 60 } });
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('big', { memory: 2000 }) });
    const x = explain(engine, { runTask: { cluster: 'demo', taskDefinition: 'big' }, maxRows: 10 });
    expect(x.rows).toHaveLength(10);
    expect(x.instanceCount).toBe(60);
    expect(x.summary).toMatch(/^0\/60 instances can run big:1: 60 × insufficient memory/);
  });
});

describe('explaining a Fargate task', () => {
  it('says which zone Fargate chose and why, with the counts it saw', () => {
    const engine = cluster([['t3.medium', 'us-east-1a']]);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'vpc', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'vpc', image: 'nginx' }] } });
    const net = { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } };
    const run = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'vpc', launchType: 'FARGATE', count: 2, networkConfiguration: net } }));
    const second = explain(engine, { taskArn: run.tasks[1].taskArn });
    expect(second).toMatchObject({ outcome: 'placed', launchType: 'FARGATE', index: 1, count: 2, rows: [], instanceCount: 0 });
    // the 1st task went to 1a (tie 0/0, listed first); the 2nd saw 1a 1, 1b 0
    expect(second.summary).toBe("vpc:1 went to us-east-1b (subnet-us-east-1b) on Fargate: AWS places Fargate tasks itself, with no container instances, strategies or constraints, spreading a task group over the Availability Zones of the given subnets; us-east-1b had the fewest tasks of family:vpc among the zones of the request's subnets (us-east-1a 1, us-east-1b 0; ties go to the subnet listed first).");
  });
});

describe('bad explain queries', () => {
  it('any input gives an explanation or a clear error, never an internal error, and changes nothing', async () => {
    const fc = (await import('fast-check')).default;
    const engine = cluster(AZ3);
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web') });
    responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web' } }));
    const before = JSON.stringify(engine.snapshot());
    const query = fc.oneof(
      fc.anything(),
      fc.record({ taskArn: fc.anything() }, { requiredKeys: [] }),
      fc.record({ placementId: fc.oneof(fc.string(), fc.constant('placement-1')), index: fc.anything(), maxRows: fc.anything() }, { requiredKeys: ['placementId'] }),
      fc.record({ runTask: fc.oneof(fc.anything(), fc.record({ cluster: fc.constant('demo'), taskDefinition: fc.constantFrom('web', 'nope'), count: fc.anything(), placementStrategy: fc.anything(), placementConstraints: fc.anything() }, { requiredKeys: ['taskDefinition'] })) }),
    );
    fc.assert(
      fc.property(query, (q) => {
        const result = engine.explainPlacement(q as never);
        if (!result.ok) {
          expect(result.error.code).not.toBe('InternalError');
          expect(result.error.message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: 400, seed: 20261125 },
    );
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});
