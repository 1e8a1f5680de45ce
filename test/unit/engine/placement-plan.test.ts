// Proves placement's accounting (with `chooseFirst`, i.e. first fit, so results are predictable): CPU, memory, static and dynamic host ports, ENIs and
// architecture, with AWS's failure reasons and the one-sentence explanation. Cases are tables whose
// comments show the arithmetic. Instances are built directly, so no task definition is involved.
import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES } from '../../../workers/engine/catalog/instance-types.ts';
import { explainPlacementFailure } from '../../../workers/engine/placement/explain.ts';
import {
  failureReason,
  nextFreeDynamicPort,
  chooseFirst,
  planPlacement,
  type PlacementRequest,
} from '../../../workers/engine/placement/plan.ts';
import type { InstanceRecord } from '../../../workers/engine/state.ts';

function instance(id: string, opts: { cpu?: number; memory?: number; usedCpu?: number; usedMemory?: number; type?: string; staticTcp?: number[]; enisUsed?: number } = {}): InstanceRecord {
  return {
    containerInstanceArn: `ci-${id}`,
    ec2InstanceId: `i-${id}`,
    clusterName: 'demo',
    instanceType: INSTANCE_TYPES.get(opts.type ?? 't3.medium')!,
    availabilityZone: 'us-east-1a',
    status: 'ACTIVE',
    registeredAt: '',
    version: 1,
    attributes: [],
    registeredCpuUnits: opts.cpu ?? 2048,
    registeredMemoryMiB: opts.memory ?? 3992,
    reservedTcpPorts: [22, 2375, 2376, 51678, 51679],
    reservedUdpPorts: [],
    usedCpuUnits: opts.usedCpu ?? 0,
    usedMemoryMiB: opts.usedMemory ?? 0,
    staticTcp: new Map((opts.staticTcp ?? []).map((port) => [port, 'other-task'])),
    staticUdp: new Map(),
    dynamicTcp: new Map(),
    dynamicUdp: new Map(),
    lastDynamicPort: 0,
    enisUsed: opts.enisUsed ?? 0,
    instanceRoleName: 'ecsInstanceRole',
    instanceRoleDefaulted: true,
  };
}

const request = (overrides: Partial<PlacementRequest> = {}): PlacementRequest => ({
  label: 'web:1',
  cpuUnits: 256,
  memoryMiB: 512,
  ports: [],
  needsEni: false,
  ...overrides,
});

describe('planPlacement', () => {
  it.each([
    // [case, instances, request, count, chosen instance ids, unplaced]
    ['a: 2048 CPU free → chosen first', [instance('a'), instance('b')], request(), 1, ['a'], 0],
    ['a: 384 MiB free < 512 → b', [instance('a', { usedMemory: 3992 - 384 }), instance('b')], request(), 1, ['b'], 0],
    ['a: 128 CPU free < 256 → b', [instance('a', { usedCpu: 2048 - 128 }), instance('b')], request(), 1, ['b'], 0],
    ['exact fit: 512 of 512 MiB → a', [instance('a', { usedMemory: 3992 - 512 })], request(), 1, ['a'], 0],
    // a: 1024 MiB free = two tasks of 512; the third goes to b
    ['3 tasks: 2 on a, 1 on b', [instance('a', { usedMemory: 3992 - 1024 }), instance('b')], request(), 3, ['a', 'a', 'b'], 0],
    // 2048 CPU / 1024 = 2 tasks per instance, 2 instances → 4, the 5th fails
    ['5 tasks of 1024 CPU on 2 × 2048 → 4 placed', [instance('a'), instance('b')], request({ cpuUnits: 1024, memoryMiB: 128 }), 5, ['a', 'a', 'b', 'b'], 1],
    ['static port 80 taken on a → b', [instance('a', { staticTcp: [80] }), instance('b')], request({ ports: [{ containerName: 'web', containerPort: 80, hostPort: 80, protocol: 'tcp' }] }), 1, ['b'], 0],
    ['static port 22 is the agent\'s → nowhere', [instance('a')], request({ ports: [{ containerName: 'web', containerPort: 22, hostPort: 22, protocol: 'tcp' }] }), 1, [], 1],
    // static port 80 twice in one RunTask: one per instance
    ['2 tasks on port 80 → a and b', [instance('a'), instance('b')], request({ ports: [{ containerName: 'web', containerPort: 80, hostPort: 80, protocol: 'tcp' }] }), 2, ['a', 'b'], 0],
    // t3.medium: 3 ENIs − primary = 2 awsvpc tasks; a has 2 in use → b
    ['awsvpc: a has no free ENI → b', [instance('a', { enisUsed: 2 }), instance('b')], request({ needsEni: true }), 1, ['b'], 0],
    ['arm64 task skips x86 a → b', [instance('a'), instance('b', { type: 'm6g.large' })], request({ cpuArchitecture: 'arm64' }), 1, ['b'], 0],
  ])('%s', (_name, instances, req, count, chosen, unplaced) => {
    const plan = planPlacement(instances, req, count, chooseFirst);
    expect(plan.placements.map((p) => p.instance.ec2InstanceId.slice(2))).toEqual(chosen);
    expect(plan.unplaced).toBe(unplaced);
    // Planning never mutates the instances.
    for (const i of instances) expect(i.dynamicTcp.size).toBe(0);
  });

  it('lets `choose` pick among the instances that fit, and only among them', () => {
    // a is full (0 MiB free), so the candidates for each task are b and c only.
    const instances = [instance('a', { usedMemory: 3992 }), instance('b'), instance('c')];
    const offered: number[] = [];
    const plan = planPlacement(instances, request(), 3, (candidates) => {
      offered.push(candidates);
      return candidates - 1; // always the last candidate
    });
    expect(offered).toEqual([2, 2, 2]);
    expect(plan.placements.map((p) => p.instance.ec2InstanceId)).toEqual(['i-c', 'i-c', 'i-c']);
  });

  it('reports every instance\'s first reason as AWS does, and explains all reasons with numbers', () => {
    const instances = [
      instance('a', { usedMemory: 3992 - 384 }), // 384 MiB free < 512
      instance('b', { usedMemory: 3992 - 256 }), // 256 MiB free < 512
      instance('c', { staticTcp: [80] }), // port 80 bound by another task
      instance('d', { usedCpu: 2048 - 100, usedMemory: 3992 - 100 }), // 100 CPU < 256 and 100 MiB < 512
    ];
    const plan = planPlacement(instances, request({ ports: [{ containerName: 'web', containerPort: 80, hostPort: 80, protocol: 'tcp' }] }), 1, chooseFirst);
    expect(plan.unplaced).toBe(1);
    expect(plan.verdicts.map((v) => [v.containerInstanceArn, failureReason(v.rejections[0]!)])).toEqual([
      ['ci-a', 'RESOURCE:MEMORY'],
      ['ci-b', 'RESOURCE:MEMORY'],
      ['ci-c', 'RESOURCE:PORTS'],
      ['ci-d', 'RESOURCE:CPU'],
    ]);
    expect(explainPlacementFailure('web:1', plan.verdicts)).toBe(
      '0/4 instances can run web:1: 3 × insufficient memory (needs 512 MiB, most free 384 MiB), 1 × host port 80 in use, 1 × insufficient CPU (needs 256 units, most free 100 units)',
    );
  });

  it('explains ENI and attribute refusals', () => {
    const plan = planPlacement([instance('a', { enisUsed: 2 }), instance('b')], request({ needsEni: true, cpuArchitecture: 'arm64' }), 1, chooseFirst);
    expect(plan.verdicts.map((v) => v.rejections.map(failureReason))).toEqual([['RESOURCE:ENI', 'ATTRIBUTE'], ['ATTRIBUTE']]);
    expect(explainPlacementFailure('web:1', plan.verdicts)).toBe(
      '0/2 instances can run web:1: 2 × missing attribute ecs.cpu-architecture == arm64, 1 × no free ENI for an awsvpc task (all 2 besides the primary in use)',
    );
  });
});

describe('dynamic host ports', () => {
  const dynamic = { containerName: 'web', containerPort: 80, hostPort: 0, protocol: 'tcp' as const };

  it('hands out ports sequentially from 32768 on each instance, as the ECS agent does', () => {
    const plan = planPlacement([instance('a')], request({ ports: [dynamic, { ...dynamic, containerPort: 443 }] }), 2, chooseFirst);
    expect(plan.placements.map((p) => p.ports.map((port) => port.hostPort))).toEqual([
      [32768, 32769],
      [32770, 32771],
    ]);
    expect(plan.placements[1]!.lastDynamicPort).toBe(32771);
  });

  it('continues after the last port given, skipping ports in use, and wraps at 60999', () => {
    const inUse = new Set([32769, 32770]);
    expect(nextFreeDynamicPort(32768, (p) => inUse.has(p))).toBe(32771); // 32769 and 32770 busy
    expect(nextFreeDynamicPort(60999, () => false)).toBe(32768); // wraps to the start
    expect(nextFreeDynamicPort(0, () => false)).toBe(32768); // first use
    expect(nextFreeDynamicPort(40000, () => true)).toBeUndefined(); // all 28 232 busy
  });

  it('does not reuse a port freed earlier before the range wraps (sequential, not lowest-free)', () => {
    const a = instance('a');
    a.lastDynamicPort = 32770;
    a.dynamicTcp.set(32770, 't'); // 32768 and 32769 were freed
    const plan = planPlacement([a], request({ ports: [dynamic] }), 1, chooseFirst);
    expect(plan.placements[0]!.ports[0]!.hostPort).toBe(32771);
  });
});
