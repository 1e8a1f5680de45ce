// Proves what an instance box says about networking, from fixture snapshots: ENI slots count the
// awsvpc tasks that still hold an ENI against maxEnis − 1 (or the trunking limit), host ports are
// the static PORTS minus the agent's reserved ones plus the tasks' dynamic bindings, written as
// compact ranges; DRAINING instances are marked; the instance's aria label carries it all.
import { describe, expect, it } from 'vitest';
import type { ContainerInstance, Task, TaskDefinition } from '../../../workers/protocol.ts';
import { clusterViewModel } from '../../../src/lib/view-model/cluster.ts';
import { AGENT_RESERVED_PORTS, eniSlots as slotsWithLookup, hostPorts, isAwsvpcTask, portRanges } from '../../../src/lib/view-model/cluster-network.ts';
import { eniTaskLimit } from '../../../src/lib/view-model/cluster-eni-limits.ts';
import { instance, snapshot, task, taskDefinition } from './fixtures.ts';

function typed(base: ContainerInstance, instanceType: string, extra: { name: string; value?: string }[] = []): ContainerInstance {
  return {
    ...base,
    attributes: [...base.attributes.filter((a) => a.name !== 'ecs.instance-type'), { name: 'ecs.instance-type', value: instanceType }, ...extra],
  };
}

function withPorts(base: ContainerInstance, tcp: number[], udp: number[] = []): ContainerInstance {
  const set = (name: string, values: number[]) => ({ name, type: 'STRINGSET' as const, doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: values.map(String) });
  return { ...base, remainingResources: [...base.remainingResources, set('PORTS', tcp), set('PORTS_UDP', udp)] };
}

function eniTask(id: string, instanceId: string, lastStatus: Task['lastStatus'] = 'RUNNING'): Task {
  return {
    ...task(id, instanceId, lastStatus),
    attachments: [{ id: `eni-att-${id}`, type: 'ElasticNetworkInterface', status: 'ATTACHED', details: [{ name: 'privateIPv4Address', value: '10.0.0.5' }] }],
  };
}

function bound(id: string, instanceId: string, ports: [hostPort: number, protocol?: 'tcp' | 'udp'][], lastStatus: Task['lastStatus'] = 'RUNNING'): Task {
  const t = task(id, instanceId, lastStatus);
  return {
    ...t,
    containers: [
      {
        containerArn: `${t.taskArn}/c`,
        taskArn: t.taskArn,
        name: 'web',
        image: 'nginx',
        lastStatus,
        networkBindings: ports.map(([hostPort, protocol = 'tcp']) => ({ bindIP: '0.0.0.0', containerPort: 80, hostPort, protocol })),
        networkInterfaces: [],
        healthStatus: 'UNKNOWN',
        cpu: '256',
      },
    ],
  };
}

const noDefs = new Map<string, TaskDefinition>();
const eniSlots = (box: ContainerInstance, tasks: Task[], defs: ReadonlyMap<string, TaskDefinition>) => slotsWithLookup(box, tasks, defs, eniTaskLimit);

describe('eniTaskLimit', () => {
  it.each([
    // m5.large: 3 ENIs − 1 primary = 2 awsvpc tasks
    ['m5.large', false, 2],
    // t3.medium: 3 − 1 = 2
    ['t3.medium', false, 2],
    // m5.4xlarge: 8 − 1 = 7
    ['m5.4xlarge', false, 7],
    // t3 is not trunking-capable: a trunk attribute leaves 3 − 1 = 2
    ['t3.medium', true, 2],
    // m5.large with a trunk ENI: ECS's table says 10; c5.large too
    ['m5.large', true, 10],
    ['c5.large', true, 10],
  ] as const)('%s (trunk %s) → %i', (type, trunked, limit) => {
    expect(eniTaskLimit(type, trunked).limit).toBe(limit);
  });

  it('says how the limit was worked out', () => {
    expect(eniTaskLimit('m5.large', false).detail).toBe('m5.large: 3 ENIs − 1 primary = 2 awsvpc tasks');
  });

  it('has no limit for a type outside the catalogue, and says so', () => {
    expect(eniTaskLimit('x9.huge', false)).toEqual({ limit: null, detail: 'x9.huge is not in the instance catalogue' });
  });

  it('until the catalogue has loaded, the slots show what is used and "?" for the limit', () => {
    const box = typed(instance('a1', 'us-east-1a', [0, 2048], [0, 7680]), 'm5.large');
    expect(slotsWithLookup(box, [eniTask('t1', 'a1')], noDefs)).toMatchObject({ used: 1, limit: null, slots: [], text: '1 / ?', fraction: 1 });
  });
});

describe('eniSlots', () => {
  const box = typed(instance('a1', 'us-east-1a', [0, 2048], [0, 7680]), 'm5.large');

  it('counts the awsvpc tasks that still hold an ENI (not STOPPED ones, not bridge ones)', () => {
    // 2 slots (m5.large); t1 RUNNING and t2 PENDING hold one each; t3 STOPPED gave its back; t4 is bridge
    const tasks = [eniTask('t1', 'a1'), eniTask('t2', 'a1', 'PENDING'), eniTask('t3', 'a1', 'STOPPED'), task('t4', 'a1', 'RUNNING')];
    const slots = eniSlots(box, tasks, noDefs);
    expect(slots).toMatchObject({ used: 2, limit: 2, trunked: false, slots: [true, true], fraction: 1, text: '2 / 2' });
  });

  it('treats a task whose definition is awsvpc as holding an ENI even before its attachment shows', () => {
    const def = { ...taskDefinition('web', 1), networkMode: 'awsvpc' };
    const defs = new Map([[def.taskDefinitionArn, def]]);
    expect(isAwsvpcTask(task('t1', 'a1', 'PROVISIONING'), defs)).toBe(true);
    expect(eniSlots(box, [task('t1', 'a1', 'PROVISIONING')], defs)).toMatchObject({ used: 1, slots: [true, false], text: '1 / 2' });
  });

  it('with a trunk ENI uses the type’s trunking limit', () => {
    const trunk = typed(instance('a2', 'us-east-1a', [0, 2048], [0, 7680]), 'm5.large', [{ name: 'ecs.awsvpc-trunk-id', value: 'eni-trunk' }]);
    const slots = eniSlots(trunk, [eniTask('t1', 'a2')], noDefs);
    expect(slots.trunked).toBe(true);
    // m5.large trunking limit is 10 (ecs-reference §2): 10 slots drawn, 1 used
    expect(slots).toMatchObject({ limit: 10, text: '1 / 10' });
    expect(slots.slots).toHaveLength(10);
    expect(slots.detail).toBe('m5.large with a trunk ENI (awsvpcTrunking): 10 awsvpc tasks');
  });

  it('draws a bar instead of slots past 12 (m5.2xlarge trunked: 40 tasks)', () => {
    const big = typed(instance('a3', 'us-east-1a', [0, 8192], [0, 31940]), 'm5.2xlarge', [{ name: 'ecs.awsvpc-trunk-id', value: 'x' }]);
    // 4 of 40 → 10 %
    const slots = eniSlots(big, [eniTask('t1', 'a3'), eniTask('t2', 'a3'), eniTask('t3', 'a3'), eniTask('t4', 'a3')], noDefs);
    expect(slots).toMatchObject({ used: 4, limit: 40, slots: [], fraction: 0.1, text: '4 / 40' });
  });

  it('shows the overflow rather than hiding it if more tasks hold ENIs than the limit', () => {
    const slots = eniSlots(box, [eniTask('t1', 'a1'), eniTask('t2', 'a1'), eniTask('t3', 'a1')], noDefs);
    expect(slots.slots).toEqual([true, true, true]);
    expect(slots.text).toBe('3 / 2');
  });
});

describe('portRanges', () => {
  it.each([
    [[], []],
    [[80], ['80']],
    [[80, 443], ['80', '443']],
    // 32768, 32769, 32770, 32771 are consecutive → one range
    [[80, 32768, 32769, 32770, 32771], ['80', '32768–32771']],
    [[1, 2, 4, 5, 7], ['1–2', '4–5', '7']],
  ])('%j → %j', (ports, segments) => {
    expect(portRanges(ports)).toEqual(segments);
  });
});

describe('hostPorts', () => {
  it('leaves out the agent’s reserved ports and merges static PORTS with dynamic bindings', () => {
    // PORTS = reserved + 80 (static, from a running task); dynamic 32768–32770 from bindings
    const box = withPorts(instance('a1', 'us-east-1a', [0, 2048], [0, 3904]), [...AGENT_RESERVED_PORTS, 80]);
    const tasks = [bound('t1', 'a1', [[80]]), bound('t2', 'a1', [[32768], [32769]]), bound('t3', 'a1', [[32770]])];
    const ports = hostPorts(box, tasks, noDefs);
    expect(ports.tcp).toEqual([80, 32768, 32769, 32770]);
    expect(ports.compact).toBe('80, 32768–32770');
    expect(ports.full).toBe('Host ports in use: TCP 80, 32768, 32769, 32770 (the agent also reserves 22, 2375, 2376, 51678, 51679)');
  });

  it('ignores stopped tasks and awsvpc tasks (their ports are on their own ENI), lists UDP apart', () => {
    const box = withPorts(instance('a1', 'us-east-1a', [0, 2048], [0, 3904]), [...AGENT_RESERVED_PORTS]);
    const awsvpc = { ...bound('t2', 'a1', [[8080]]), attachments: eniTask('t2', 'a1').attachments };
    const ports = hostPorts(box, [bound('t1', 'a1', [[32768]], 'STOPPED'), awsvpc, bound('t3', 'a1', [[53, 'udp']])], noDefs);
    expect(ports.tcp).toEqual([]);
    expect(ports.udp).toEqual([53]);
    expect(ports.compact).toBe('53/udp');
  });

  it('says none when nothing is bound, and caps the compact form at 4 segments', () => {
    const box = instance('a1', 'us-east-1a', [0, 2048], [0, 3904]);
    expect(hostPorts(box, [], noDefs).compact).toBe('none');
    expect(hostPorts(box, [], noDefs).full).toMatch(/^No host ports in use/);
    const many = bound('t1', 'a1', [[10], [20], [30], [40], [50], [60]]);
    expect(hostPorts(box, [many], noDefs).compact).toBe('10, 20, 30, 40 +2 more');
  });
});

describe('instance boxes in the cluster view model', () => {
  it('carry ENI slots, host ports and the DRAINING state, all in the aria label', () => {
    const draining = { ...typed(withPorts(instance('a1', 'us-east-1a', [256, 2048], [512, 7680]), [...AGENT_RESERVED_PORTS]), 'm5.large'), status: 'DRAINING' as const };
    const vm = clusterViewModel(snapshot({ containerInstances: [draining], tasks: [bound('t1', 'a1', [[32768]]), eniTask('t2', 'a1')] }), eniTaskLimit);
    const box = vm.zones[0]!.instances[0]!;
    expect(box.draining).toBe(true);
    expect(box.eni.text).toBe('1 / 2');
    expect(box.ports.compact).toBe('32768');
    // The awsvpc task's tile names its own address.
    expect(box.tasks.map((t) => t.ariaLabel)).toEqual(['Task t1 of web:1, RUNNING', 'Task t2 of web:1, RUNNING, private IP 10.0.0.5']);
    expect(box.ariaLabel).toBe(
      'Container instance i-a1, m5.large, DRAINING (no new tasks are placed on it), CPU 256 / 2048 CPU units reserved, ' +
        'memory 512 / 7680 MiB reserved, ENIs 1 / 2 used by awsvpc tasks, host ports 32768, 2 running tasks',
    );
  });
});
