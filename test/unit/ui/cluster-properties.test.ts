// Property tests (fast-check, seeded) of the cluster view model over drawn snapshots, malformed
// fields included: it never throws; every live task is drawn exactly once, in the right place
// (its instance's box, its AZ's Fargate lane, or "awaiting placement"); ENI slots never count
// more than the tasks on the instance; host ports are sorted, unique and never the agent's own;
// zone columns are sorted and unique. And the Run task request builder never throws either, and
// sends placement only on EC2.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContainerInstance, Task } from '../../../workers/protocol.ts';
import { clusterViewModel } from '../../../src/lib/view-model/cluster.ts';
import { eniTaskLimit } from '../../../src/lib/view-model/cluster-eni-limits.ts';
import { AGENT_RESERVED_PORTS } from '../../../src/lib/view-model/cluster-network.ts';
import { buildRunTaskRequest, initialFormState } from '../../../src/lib/view-model/run-task-request.ts';
import { instance, snapshot, task } from './fixtures.ts';

const SEED = 20261125;
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const TYPES = ['m5.large', 't3.medium', 'c5.large', 'nope.huge'];
const STATUSES: Task['lastStatus'][] = ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED'];

const instanceArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  type: fc.constantFrom(...TYPES),
  draining: fc.boolean(),
  trunk: fc.boolean(),
  ports: fc.array(fc.oneof(fc.constantFrom(...AGENT_RESERVED_PORTS), fc.integer({ min: 1, max: 65535 })), { maxLength: 6 }),
});

const taskArb = fc.record({
  on: fc.integer({ min: -1, max: 5 }), // index of an instance; -1 or past the end: none / a missing one
  fargate: fc.boolean(),
  zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  status: fc.constantFrom(...STATUSES),
  eni: fc.boolean(),
  bindings: fc.option(fc.array(fc.record({ hostPort: fc.integer({ min: -1, max: 65535 }), udp: fc.boolean() }), { maxLength: 3 }), { nil: undefined }),
  cpu: fc.option(fc.constantFrom('256', '1024', 'x', ''), { nil: undefined }),
});

type Drawn<A> = A extends fc.Arbitrary<infer T> ? T : never;

function build(instances: Drawn<typeof instanceArb>[], tasks: Drawn<typeof taskArb>[]) {
  const boxes: ContainerInstance[] = instances.map((d, i) => {
    const base = instance(`i${i}`, d.zone, [0, 2048], [0, 3904]);
    return {
      ...base,
      status: d.draining ? 'DRAINING' : 'ACTIVE',
      attributes: [...base.attributes.filter((a) => a.name !== 'ecs.instance-type'), { name: 'ecs.instance-type', value: d.type }, ...(d.trunk ? [{ name: 'ecs.awsvpc-trunk-id', value: 't' }] : [])],
      remainingResources: [...base.remainingResources, { name: 'PORTS', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: d.ports.map(String) }],
    };
  });
  const list: Task[] = tasks.map((d, i) => {
    const base = task(`t${i}`, d.fargate || d.on < 0 ? null : `i${d.on}`, d.status);
    const drawn = {
      ...base,
      launchType: d.fargate ? 'FARGATE' : 'EC2',
      availabilityZone: d.zone as string,
      cpu: d.cpu,
      attachments: d.eni ? [{ id: 'a', type: 'ElasticNetworkInterface', status: 'ATTACHED', details: [] }] : [],
      containers:
        d.bindings === undefined
          ? (undefined as unknown as Task['containers'])
          : [{ ...({} as Task['containers'][number]), networkBindings: d.bindings.map((b) => ({ bindIP: '0.0.0.0', containerPort: 80, hostPort: b.hostPort, protocol: b.udp ? 'udp' : 'tcp' })) }],
    } as Task;
    return drawn;
  });
  return snapshot({ containerInstances: boxes, tasks: list });
}

describe('clusterViewModel over drawn snapshots', () => {
  it('never throws and draws every live task exactly once, in the right place', () => {
    fc.assert(
      fc.property(fc.array(instanceArb, { maxLength: 5 }), fc.array(taskArb, { maxLength: 25 }), (instances, tasks) => {
        const s = build(instances, tasks);
        const vm = clusterViewModel(s, eniTaskLimit);
        const where = new Map<string, string[]>();
        const note = (arn: string, place: string) => where.set(arn, [...(where.get(arn) ?? []), place]);
        for (const zone of vm.zones) {
          for (const box of zone.instances) for (const tile of box.tasks) note(tile.taskArn, box.containerInstanceArn);
          for (const tile of zone.fargate) note(tile.taskArn, `fargate:${zone.zone}`);
        }
        for (const tile of vm.unplacedTasks) note(tile.taskArn, 'unplaced');
        const instanceArns = new Set(s.containerInstances.map((i) => i.containerInstanceArn));
        for (const t of s.tasks) {
          if (t.lastStatus === 'STOPPED') continue; // stopped ones linger only a while
          let expected: string | null;
          if (t.launchType === 'FARGATE') expected = `fargate:${t.availabilityZone || 'unknown AZ'}`;
          else if (!t.containerInstanceArn) expected = 'unplaced';
          else expected = instanceArns.has(t.containerInstanceArn) ? t.containerInstanceArn : null;
          expect(where.get(t.taskArn) ?? [], t.taskArn).toEqual(expected === null ? [] : [expected]);
        }
        const keys = vm.zones.map((z) => z.key);
        expect(keys).toEqual([...new Set(keys)].sort());
        expect(vm.showFargateLanes).toBe(vm.zones.some((z) => z.fargate.length > 0));
        for (const box of vm.zones.flatMap((z) => z.instances)) {
          expect(box.eni.used).toBeLessThanOrEqual(box.tasks.length);
          expect(box.eni.slots.filter(Boolean).length).toBe(box.eni.slots.length > 0 ? box.eni.used : 0);
          for (const ports of [box.ports.tcp, box.ports.udp]) {
            expect(ports).toEqual([...new Set(ports)].sort((a, b) => a - b));
            expect(ports.every((p) => Number.isInteger(p) && p > 0)).toBe(true);
          }
          expect(box.ports.tcp.some((p) => AGENT_RESERVED_PORTS.includes(p))).toBe(false);
          expect(box.draining).toBe(box.status === 'DRAINING');
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('buildRunTaskRequest over drawn forms', () => {
  it('never throws, and sends placement only on EC2 and networkConfiguration whenever Fargate', () => {
    const row = fc.record({ type: fc.constantFrom('binpack', 'spread', 'random'), field: fc.string({ maxLength: 12 }) });
    const constraint = fc.record({ type: fc.constantFrom('distinctInstance', 'memberOf'), expression: fc.string({ maxLength: 20 }) });
    fc.assert(
      fc.property(
        fc.constantFrom('EC2', 'FARGATE'),
        fc.oneof(fc.integer({ min: -5, max: 20 }), fc.string({ maxLength: 4 }), fc.constant(null)),
        fc.constantFrom('random', 'az-balanced-spread', 'az-balanced-binpack', 'binpack', 'one-task-per-host', 'custom'),
        fc.array(row, { maxLength: 7 }),
        fc.array(constraint, { maxLength: 12 }),
        fc.option(fc.constantFrom('bridge', 'awsvpc', 'host'), { nil: undefined }),
        (launchType, count, template, strategies, constraints, networkMode) => {
          const form = { ...initialFormState(), cluster: 'demo', taskDefinition: 'web:1', launchType, count, template, strategies, constraints } as Parameters<typeof buildRunTaskRequest>[0];
          const facts = networkMode ? { networkMode, compatibilities: ['EC2'], placementConstraintCount: 0 } : null;
          const built = buildRunTaskRequest(form, facts);
          if (launchType === 'FARGATE') {
            expect(built.request.placementStrategy).toBeUndefined();
            expect(built.request.placementConstraints).toBeUndefined();
            expect(built.request.networkConfiguration).toBeDefined();
          }
          expect(built.request.networkConfiguration !== undefined).toBe(launchType === 'FARGATE' || networkMode === 'awsvpc');
          const strategiesSent = (built.request.placementStrategy as unknown[] | undefined)?.length ?? 0;
          expect(built.issues.some((i) => i.field === 'strategies')).toBe(strategiesSent > 5);
          expect(JSON.parse(JSON.stringify(built.request))).toEqual(built.request);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
