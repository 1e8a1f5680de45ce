// Proves the Fargate lanes of the cluster view model from fixture snapshots: Fargate tasks (no
// container instance, an AZ, an ENI) become tiles in their AZ's lane, with the console's size
// text and the ENI's private IP; a zone with Fargate tasks but no instance still gets a column;
// lanes appear only when some zone has Fargate tiles; Fargate tasks are never "awaiting placement".
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../workers/protocol.ts';
import { clusterViewModel } from '../../../src/lib/view-model/cluster.ts';
import { memoryGbText, vcpuText } from '../../../src/lib/view-model/cluster-fargate.ts';
import { instance, snapshot, task } from './fixtures.ts';

function fargate(id: string, zone: string, lastStatus: Task['lastStatus'], ip?: string, cpu = '256', memory = '512'): Task {
  const details = [
    { name: 'subnetId', value: `subnet-${zone}` },
    { name: 'networkInterfaceId', value: `eni-${id}` },
    ...(ip ? [{ name: 'privateIPv4Address', value: ip }] : []),
  ];
  return {
    ...task(id, null, lastStatus, 'api'),
    launchType: 'FARGATE',
    availabilityZone: zone,
    cpu,
    memory,
    platformVersion: '1.4.0',
    attachments: [{ id: `att-${id}`, type: 'ElasticNetworkInterface', status: 'ATTACHED', details }],
  };
}

describe('vcpuText / memoryGbText', () => {
  it.each([
    [256, '0.25 vCPU'],
    [512, '0.5 vCPU'],
    [1024, '1 vCPU'],
    [16384, '16 vCPU'],
  ])('%i CPU units → %s', (units, text) => expect(vcpuText(units)).toBe(text));
  it.each([
    [512, '0.5 GB'],
    [3072, '3 GB'],
    [30720, '30 GB'],
  ])('%i MiB → %s', (mib, text) => expect(memoryGbText(mib)).toBe(text));
});

describe('Fargate lanes', () => {
  const instances = [instance('a1', 'us-east-1a', [0, 2048], [0, 3904]), instance('b1', 'us-east-1b', [0, 2048], [0, 3904])];

  it('put each Fargate task in its AZ lane with size and private IP, beside the instances', () => {
    const vm = clusterViewModel(
      snapshot({
        containerInstances: instances,
        tasks: [fargate('f1', 'us-east-1b', 'RUNNING', '10.0.1.17'), fargate('f2', 'us-east-1c', 'PROVISIONING', undefined, '1024', '2048'), task('e1', 'a1', 'RUNNING')],
      }),
    );
    expect(vm.showFargateLanes).toBe(true);
    // 1c has no instance but a Fargate task: it still gets a column.
    expect(vm.zones.map((z) => [z.zone, z.instances.length, z.fargate.map((t) => t.shortId)])).toEqual([
      ['us-east-1a', 1, []],
      ['us-east-1b', 1, ['f1']],
      ['us-east-1c', 0, ['f2']],
    ]);
    expect(vm.zones[1]!.fargateLabel).toBe('Fargate (serverless) in us-east-1b: 1 task');
    const f1 = vm.zones[1]!.fargate[0]!;
    expect(f1).toMatchObject({ size: '0.25 vCPU · 0.5 GB', cpuUnits: 256, memoryMiB: 512, privateIp: '10.0.1.17', subnetId: 'subnet-us-east-1b', networkInterfaceId: 'eni-f1', phase: 'running' });
    expect(f1.ariaLabel).toBe('Fargate task f1 of api:1, 0.25 vCPU · 0.5 GB, RUNNING, private IP 10.0.1.17');
    expect(f1.title).toBe('api:1 (f1) on Fargate: 0.25 vCPU · 0.5 GB, RUNNING; private IP 10.0.1.17, subnet-us-east-1b, eni-f1');
    const f2 = vm.zones[2]!.fargate[0]!;
    expect([f2.size, f2.privateIp, f2.phase]).toEqual(['1 vCPU · 2 GB', null, 'pending']);
    // Not on an instance, but not "awaiting placement" either.
    expect(vm.unplacedTasks).toEqual([]);
    expect(vm.runningTaskCount).toBe(2);
    expect(vm.fargateRunningCount).toBe(1);
  });

  it('are not shown when no zone has a Fargate task', () => {
    const vm = clusterViewModel(snapshot({ containerInstances: instances, tasks: [task('e1', 'a1', 'RUNNING')] }));
    expect(vm.showFargateLanes).toBe(false);
    expect(vm.zones.every((z) => z.fargate.length === 0)).toBe(true);
  });

  it('keep a few recently stopped Fargate tiles, live ones first', () => {
    const tasks = [fargate('s1', 'us-east-1a', 'STOPPED'), fargate('s2', 'us-east-1a', 'STOPPED'), fargate('s3', 'us-east-1a', 'STOPPED'), fargate('s4', 'us-east-1a', 'STOPPED'), fargate('live', 'us-east-1a', 'RUNNING', '10.0.0.9')];
    const lane = clusterViewModel(snapshot({ tasks })).zones[0]!.fargate;
    expect(lane).toHaveLength(4);
    expect(lane[0]!.shortId).toBe('live');
  });

  it('say when a task has no size or IP yet instead of inventing one', () => {
    const bare = { ...fargate('f1', 'us-east-1a', 'PROVISIONING'), cpu: undefined, memory: undefined, attachments: [] } as Task;
    const tile = clusterViewModel(snapshot({ tasks: [bare] })).zones[0]!.fargate[0]!;
    expect([tile.size, tile.privateIp]).toEqual(['size unknown', null]);
    expect(tile.title).toContain('no IP yet');
  });
});
