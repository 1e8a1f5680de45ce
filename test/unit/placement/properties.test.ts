// Proves the placement invariants with fast-check (issue 4 item 10), checked from the snapshot by a
// checker written apart from the pipeline: after any sequence of RunTask (any task definition,
// count, strategies, constraints), StopTask and waits on a random cluster,
//   - no instance is over-committed on CPU, memory or ENIs,
//   - no host port is bound twice on an instance (nor one of the agent's reserved ports),
//   - no task was refused while some instance could have taken it.
// The seed is random per run and printed by fast-check on failure; PLACEMENT_FC_SEED=<n> replays it
// (PLACEMENT_FC_RUNS changes the number of runs).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES } from '../../../workers/engine/catalog/instance-types.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import type { ContainerInstance, SandboxEngine, Snapshot, Task } from '../../../workers/protocol.ts';

const SEED = process.env.PLACEMENT_FC_SEED === undefined ? undefined : Number(process.env.PLACEMENT_FC_SEED);
const RUNS = Number(process.env.PLACEMENT_FC_RUNS ?? 60);
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

const TYPES = ['t3.micro', 't3.medium', 'm5.large', 'c5.large'];
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const SUBNETS = ZONES.map((zone) => `subnet-${zone}`);
const AGENT_PORTS = [22, 2375, 2376, 51678, 51679];

/** The task definitions the workload runs: what each reserves and binds, known here independently. */
const FAMILIES = {
  static80: { cpu: 256, memory: 512, networkMode: 'bridge', hostPorts: [80] },
  dynamic: { cpu: 128, memory: 256, networkMode: 'bridge', hostPorts: [] as number[] },
  host8080: { cpu: 512, memory: 768, networkMode: 'host', hostPorts: [8080] },
  vpc: { cpu: 256, memory: 512, networkMode: 'awsvpc', hostPorts: [] as number[] },
  big: { cpu: 1024, memory: 3000, networkMode: 'bridge', hostPorts: [] as number[] },
} as const;
type Family = keyof typeof FAMILIES;

function registerAll(engine: SandboxEngine): void {
  for (const [family, f] of Object.entries(FAMILIES)) {
    const portMappings = f.networkMode === 'awsvpc' || family === 'dynamic'
      ? [{ containerPort: 80, ...(family === 'dynamic' ? { hostPort: 0 } : {}) }]
      : f.hostPorts.map((port) => ({ containerPort: port, hostPort: port }));
    const result = engine.dispatch({ 'ecs:RegisterTaskDefinition': { family, networkMode: f.networkMode, containerDefinitions: [{ name: family, image: 'nginx', cpu: f.cpu, memory: f.memory, portMappings }] } });
    if ('error' in result) throw new Error(result.error.message);
  }
}

const strategy = fc.constantFrom(
  { type: 'random' },
  { type: 'binpack', field: 'memory' },
  { type: 'binpack', field: 'cpu' },
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
);
const constraint = fc.constantFrom(
  { type: 'distinctInstance' },
  { type: 'memberOf', expression: 'attribute:ecs.instance-type == t3.medium' },
  { type: 'memberOf', expression: 'attribute:ecs.availability-zone != us-east-1b' },
);

type Op =
  | { kind: 'run'; family: Family; count: number; strategies: object[]; constraints: { type: string; expression?: string }[] }
  | { kind: 'stop'; pick: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'drain'; pick: number; status: 'DRAINING' | 'ACTIVE' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('run' as const), family: fc.constantFrom(...(Object.keys(FAMILIES) as Family[])), count: fc.integer({ min: 1, max: 10 }), strategies: fc.array(strategy, { maxLength: 3 }), constraints: fc.array(constraint, { maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('stop' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 90_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drain' as const), pick: fc.nat(), status: fc.constantFrom('DRAINING' as const, 'ACTIVE' as const) }) },
);

const clusterSpec = fc.array(fc.record({ type: fc.constantFrom(...TYPES), zone: fc.constantFrom(...ZONES) }), { minLength: 1, maxLength: 6 });

// ------------------------------------------------------------------------------------------------
// The independent checker: everything from the snapshot and the FAMILIES table above.

const familyOf = (task: Task): Family => task.taskDefinitionArn.split('/')[1]!.split(':')[0] as Family;
const live = (snapshot: Snapshot) => snapshot.tasks.filter((task) => task.lastStatus !== 'STOPPED' && task.launchType === 'EC2');
const integer = (instance: ContainerInstance, name: string, which: 'registeredResources' | 'remainingResources') =>
  instance[which].find((r) => r.name === name)!.integerValue;
const typeOf = (instance: ContainerInstance) => instance.attributes.find((a) => a.name === 'ecs.instance-type')!.value!;
const zoneOf = (instance: ContainerInstance) => instance.attributes.find((a) => a.name === 'ecs.availability-zone')!.value!;

function checkNoOvercommit(snapshot: Snapshot): void {
  for (const instance of snapshot.containerInstances) {
    const tasks = live(snapshot).filter((t) => t.containerInstanceArn === instance.containerInstanceArn);
    const cpu = tasks.reduce((sum, t) => sum + FAMILIES[familyOf(t)].cpu, 0);
    const memory = tasks.reduce((sum, t) => sum + FAMILIES[familyOf(t)].memory, 0);
    expect(cpu, `CPU on ${instance.ec2InstanceId}`).toBeLessThanOrEqual(integer(instance, 'CPU', 'registeredResources'));
    expect(memory, `memory on ${instance.ec2InstanceId}`).toBeLessThanOrEqual(integer(instance, 'MEMORY', 'registeredResources'));
    const enis = tasks.filter((t) => FAMILIES[familyOf(t)].networkMode === 'awsvpc').length;
    expect(enis, `ENIs on ${instance.ec2InstanceId}`).toBeLessThanOrEqual(INSTANCE_TYPES.get(typeOf(instance))!.maxEnis - 1);
    // Host ports: static ones from the task definitions, dynamic ones from the bindings of RUNNING tasks.
    const ports = [...AGENT_PORTS];
    for (const task of tasks) {
      ports.push(...FAMILIES[familyOf(task)].hostPorts);
      if (familyOf(task) === 'dynamic') ports.push(...task.containers.flatMap((c) => c.networkBindings.map((b) => b.hostPort)));
    }
    expect(new Set(ports).size, `host ports on ${instance.ec2InstanceId}: ${ports.join(',')}`).toBe(ports.length);
  }
}

/** Could this instance have taken one more task of the family, by the rules as documented? */
function couldTake(snapshot: Snapshot, instance: ContainerInstance, family: Family, constraints: { type: string; expression?: string }[]): boolean {
  const f = FAMILIES[family];
  if (instance.status !== 'ACTIVE') return false;
  const tasks = live(snapshot).filter((t) => t.containerInstanceArn === instance.containerInstanceArn);
  const usedCpu = tasks.reduce((sum, t) => sum + FAMILIES[familyOf(t)].cpu, 0);
  const usedMemory = tasks.reduce((sum, t) => sum + FAMILIES[familyOf(t)].memory, 0);
  if (integer(instance, 'CPU', 'registeredResources') - usedCpu < f.cpu) return false;
  if (integer(instance, 'MEMORY', 'registeredResources') - usedMemory < f.memory) return false;
  const bound = new Set(tasks.flatMap((t) => FAMILIES[familyOf(t)].hostPorts));
  if (f.hostPorts.some((port) => bound.has(port))) return false;
  if (f.networkMode === 'awsvpc' && tasks.filter((t) => FAMILIES[familyOf(t)].networkMode === 'awsvpc').length >= INSTANCE_TYPES.get(typeOf(instance))!.maxEnis - 1) return false;
  for (const c of constraints) {
    if (c.type === 'distinctInstance' && tasks.some((t) => t.group === `family:${family}`)) return false;
    if (c.expression === 'attribute:ecs.instance-type == t3.medium' && typeOf(instance) !== 't3.medium') return false;
    if (c.expression === 'attribute:ecs.availability-zone != us-east-1b' && zoneOf(instance) === 'us-east-1b') return false;
  }
  return true;
}

// ------------------------------------------------------------------------------------------------

describe('placement invariants under random workloads', () => {
  it(`hold after every step (${SEED === undefined ? 'random seed, printed on failure; replay with PLACEMENT_FC_SEED' : `seed ${SEED}`})`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), clusterSpec, fc.array(op, { minLength: 1, maxLength: 25 }), (seed, spec, ops) => {
        const engine = createEngine({ seed });
        engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'demo' } });
        for (const { type, zone } of spec) engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: type, availabilityZones: [zone] } });
        registerAll(engine);
        for (const step of ops) {
          const before = engine.snapshot();
          if (step.kind === 'run') {
            const request = {
              cluster: 'demo',
              taskDefinition: step.family,
              count: step.count,
              placementStrategy: step.strategies,
              placementConstraints: step.constraints,
              ...(FAMILIES[step.family].networkMode === 'awsvpc' ? { networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS } } } : {}),
            };
            const result = engine.dispatch({ 'ecs:RunTask': request });
            if ('error' in result) throw new Error(`RunTask refused: ${result.error.message}`);
            const response = result.response as { tasks: Task[] };
            if (response.tasks.length < step.count) {
              const after = engine.snapshot();
              const taker = after.containerInstances.find((instance) => couldTake(after, instance, step.family, step.constraints));
              expect(taker, `a ${step.family} task was refused although ${taker?.ec2InstanceId} could take it`).toBeUndefined();
            }
          } else if (step.kind === 'stop') {
            const tasks = live(before);
            if (tasks.length > 0) engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: tasks[step.pick % tasks.length]!.taskArn } });
          } else if (step.kind === 'wait') {
            engine.advance(step.ms);
          } else {
            const instance = before.containerInstances[step.pick % before.containerInstances.length]!;
            engine.dispatch({ 'ecs:UpdateContainerInstancesState': { cluster: 'demo', containerInstances: [instance.containerInstanceArn], status: step.status } });
          }
          checkNoOvercommit(engine.snapshot());
        }
      }),
      params,
    );
  });
});
