// Proves the strategies and constraints, table-driven: which instance each chain picks and why,
// with the arithmetic in the comments, and that every task of a request sees the ones before it.
// Strategies rank only; constraints refuse. Ties left after the chain go to the earliest-registered
// instance (the sandbox's documented choice).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { planPlacements } from '../../../workers/engine/placement/pipeline.ts';
import { responseOf } from '../engine/helpers.ts';
import { bench, ledgerFor, register, setFree, taskDef } from './fixture.ts';

const first = (_n: number): number => 0;

/** The ec2 ids' order letters a, b, c… of the chosen instances for `count` tasks. */
function place(b: ReturnType<typeof bench>, request: Record<string, unknown>, count: number, draw = first): string[] {
  const ledger = ledgerFor(b, request);
  const plan = planPlacements(ledger, count, draw);
  return plan.placed.map((p) => 'abcdefgh'[p.instanceIndex]!);
}

const binpack = (field: string) => ({ type: 'binpack', field });
const spread = (field: string) => ({ type: 'spread', field });

describe('binpack', () => {
  it.each([
    // [free memory a/b/c (MiB), chosen] — task needs 512; binpack(memory) takes the least left after placing
    [[3992, 1024, 2048], 'b'], // b: 1024 − 512 = 512 left, the least
    [[3992, 400, 2048], 'c'], // b: 400 < 512 does not fit; c: 2048 − 512 = 1536 < a's 3480
    [[512, 1024, 512], 'a'], // a and c leave 0; tie → earliest registered (a)
  ])('memory free %j → %s', (free, chosen) => {
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b'], ['t3.medium', 'us-east-1c']]);
    free.forEach((mib, i) => setFree(b.instances[i]!, { memory: mib }));
    register(b, taskDef('web', { memory: 512 }));
    expect(place(b, { taskDefinition: 'web', placementStrategy: [binpack('memory')] }, 1)).toEqual([chosen]);
  });

  it('fills one instance before the next: b (1024 free) takes 2 × 512, then a (3480 left after 1) — with cpu', () => {
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b']]);
    setFree(b.instances[1]!, { cpu: 600 });
    register(b, taskDef('web', { cpu: 256, memory: 64 }));
    // binpack(cpu): b leaves 600 − 256 = 344, then 88, then cannot fit (88 < 256) → a
    expect(place(b, { taskDefinition: 'web', placementStrategy: [binpack('cpu')] }, 3)).toEqual(['b', 'b', 'a']);
  });
});

describe('spread', () => {
  it('over Availability Zones: 6 tasks on 3 AZs (a,b in 1a; c in 1b; d in 1c) → 2 per AZ', () => {
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b'], ['t3.medium', 'us-east-1c']]);
    register(b, taskDef('web', { memory: 128 }));
    const chosen = place(b, { taskDefinition: 'web', placementStrategy: [spread('attribute:ecs.availability-zone')] }, 6);
    // 1a (0) ties 1b (0), 1c (0) → a; then 1b (0) → c; 1c (0) → d; all 1 → a (first); …
    const zone = (x: string) => ({ a: '1a', b: '1a', c: '1b', d: '1c' })[x as 'a'];
    const perZone = chosen.map(zone).reduce<Record<string, number>>((acc, z) => ({ ...acc, [z!]: (acc[z!] ?? 0) + 1 }), {});
    expect(perZone).toEqual({ '1a': 2, '1b': 2, '1c': 2 });
  });

  it('counts only the tasks of the same group', () => {
    const engine = createEngine({ seed: 3 });
    engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } });
    engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] } });
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('api', { memory: 128 }) });
    engine.dispatch({ 'ecs:RegisterTaskDefinition': taskDef('web', { memory: 128 }) });
    // Two api tasks (group family:api) on the us-east-1a instance …
    const api = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api', count: 2, placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1a' }] } }));
    expect(api.tasks.map((t: { availabilityZone: string }) => t.availabilityZone)).toEqual(['us-east-1a', 'us-east-1a']);
    // … do not count for web: 1a and 1b both have 0 web tasks, so spread ties and 1a (registered first) takes it.
    const web = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', placementStrategy: [spread('attribute:ecs.availability-zone'), spread('instanceId')] } }));
    expect(web.tasks[0].availabilityZone).toBe('us-east-1a');
  });

  it('on instanceId (alias host) puts each next task on the instance with the fewest of the group', () => {
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1a']]);
    register(b, taskDef('web', { memory: 128 }));
    expect(place(b, { taskDefinition: 'web', placementStrategy: [spread('host')] }, 5)).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('chained [spread AZ, binpack memory]: balance across AZs, binpack within each', () => {
    // 1a: a (3992 free), b (1024 free); 1b: c (3992 free). Task 512.
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b']]);
    setFree(b.instances[1]!, { memory: 1024 });
    register(b, taskDef('web', { memory: 512 }));
    // task 1: 1a and 1b tie at 0 → binpack among a, b, c: b leaves 512 → b (1a)
    // task 2: 1b has 0 < 1 → c; task 3: tie 1/1 → binpack: b leaves 0 → b; task 4: 1b (1) < 1a (2) → c
    expect(place(b, { taskDefinition: 'web', placementStrategy: [spread('attribute:ecs.availability-zone'), binpack('memory')] }, 4)).toEqual(['b', 'c', 'b', 'c']);
  });

  it('instances without the attribute share one value', () => {
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1a']]);
    b.instances[0]!.attributes = [...b.instances[0]!.attributes, { name: 'rack', value: 'r1' }];
    register(b, taskDef('web', { memory: 128 }));
    // values: a = r1, b and c = (none) → a, then b (none: 0), then a (r1: 1 vs none: 1, tie → a first)
    expect(place(b, { taskDefinition: 'web', placementStrategy: [spread('attribute:rack')] }, 3)).toEqual(['a', 'b', 'a']);
  });
});

describe('random', () => {
  it('draws among the instances still tied, with the seeded PRNG', () => {
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b'], ['t3.medium', 'us-east-1c']]);
    register(b, taskDef('web', { memory: 128 }));
    const draws: number[] = [];
    const chosen = place(b, { taskDefinition: 'web' }, 3, (n) => { draws.push(n); return n - 1; });
    // RunTask's default is random: 3 candidates each time, always the last drawn
    expect(draws).toEqual([3, 3, 3]);
    expect(chosen).toEqual(['c', 'c', 'c']);
  });

  it('is not drawn when one candidate is left', () => {
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b']]);
    setFree(b.instances[0]!, { memory: 100 });
    register(b, taskDef('web', { memory: 128 }));
    let drawn = 0;
    place(b, { taskDefinition: 'web' }, 1, () => drawn++);
    expect(drawn).toBe(0);
  });
});

describe('constraints', () => {
  it('distinctInstance: one task of the group per instance; the 4th of 4 finds none', () => {
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b'], ['t3.medium', 'us-east-1c']]);
    register(b, taskDef('web', { memory: 128 }));
    const ledger = ledgerFor(b, { taskDefinition: 'web', placementConstraints: [{ type: 'distinctInstance' }], placementStrategy: [binpack('memory')] });
    const plan = planPlacements(ledger, 4, first);
    // binpack would stack them on a; distinctInstance forbids it
    expect(plan.placed.map((p) => p.instanceIndex)).toEqual([0, 1, 2]);
    expect(plan.unplaced).toBe(1);
  });

  it.each([
    ['attribute:ecs.instance-type == m5.large', ['b']],
    ['attribute:ecs.instance-type =~ t3.*', ['a', 'c']],
    ['attribute:ecs.availability-zone in [us-east-1b, us-east-1c]', ['b', 'c']],
    ['not(attribute:ecs.availability-zone == us-east-1a) and attribute:ecs.instance-type != m5.large', ['c']],
    ['attribute:stack == prod', []], // an unknown attribute matches nothing (not an error)
  ])('memberOf %s → %j', (expression, allowed) => {
    const b = bench([['t3.medium', 'us-east-1a'], ['m5.large', 'us-east-1b'], ['t3.small', 'us-east-1c']]);
    register(b, taskDef('web', { memory: 128 }));
    const ledger = ledgerFor(b, { taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expression }], placementStrategy: [spread('instanceId')] });
    const plan = planPlacements(ledger, allowed.length + 1, first);
    expect(plan.placed.map((p) => 'abc'[p.instanceIndex]).sort()).toEqual(allowed.length === 0 ? [] : [...allowed, allowed[0]!].sort());
  });

  it('memberOf task:group keeps tasks away from another group (anti-affinity) and sees the request\'s own placements', () => {
    const b = bench([['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b']]);
    register(b, taskDef('web', { memory: 128 }));
    // not(task:group == family:web): a task of web may not join another web task — like distinctInstance
    const ledger = ledgerFor(b, { taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expression: 'not(task:group == family:web)' }] });
    const plan = planPlacements(ledger, 3, first);
    expect(plan.placed.map((p) => p.instanceIndex).sort()).toEqual([0, 1]);
    expect(plan.unplaced).toBe(1);
  });

  it('applies the task definition\'s memberOf constraints too', () => {
    const b = bench([['t3.medium', 'us-east-1a'], ['m5.large', 'us-east-1b']]);
    register(b, taskDef('web', { memory: 128, placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == m5.large' }] }));
    expect(place(b, { taskDefinition: 'web' }, 2)).toEqual(['b', 'b']);
  });
});
