// Proves the task ENI below the facade: attachTaskEni gives an EC2 awsvpc task (as run-task-ec2.ts
// will call it) a PROVISIONING phase with EC2's attach time, then PENDING → RUNNING, and a
// DEPROVISIONING phase on stop that frees both the address and the instance's ENI slot; a freed
// address is handed out again; a Fargate RunTask over subnets out of addresses starts what fits
// and lists each full subnet under `failures`, or is refused when nothing fits.
import { describe, expect, it } from 'vitest';
import type { RunTaskRequest } from '../../../workers/engine/commands/run-task-request.ts';
import { FARGATE_MESSAGES } from '../../../workers/engine/commands/run-task-fargate.ts';
import { createTaskRecord } from '../../../workers/engine/commands/task-factory.ts';
import { attachTaskEni, subnetInZone } from '../../../workers/engine/machines/task-eni.ts';
import { EC2_ENI_ATTACH_MS, EC2_ENI_DETACH_MS } from '../../../workers/engine/machines/timings.ts';
import { availableIpAddressCount, DEFAULT_SUBNETS, defaultSubnetOfZone } from '../../../workers/engine/network/index.ts';
import { parseCidr, RESERVED_AT_START, usableAddressCount } from '../../../workers/engine/network/ipv4.ts';
import type { TaskRecord } from '../../../workers/engine/state.ts';
import type { Task, TaskDefinition } from '../../../workers/protocol.ts';
import { testContext, type TestContext } from './context.ts';
import { FARGATE_WEB } from './helpers.ts';

const SUBNET_A = DEFAULT_SUBNETS[0]!;

/** Take every address of the subnet but `keep` (offsets from the network address). */
function fillSubnet(ctx: TestContext, keep: number[]): void {
  const usable = usableAddressCount(parseCidr(SUBNET_A.cidrBlock)!);
  const used = new Set<number>();
  for (let i = 0; i < usable; i++) if (!keep.includes(RESERVED_AT_START + i)) used.add(RESERVED_AT_START + i);
  ctx.state.network.usedOffsets.set(SUBNET_A.subnetId, used);
}

function fargateContext(seed: number): TestContext {
  const ctx = testContext(seed);
  ctx.call('ecs:CreateCluster', { clusterName: 'demo' });
  ctx.call('ecs:RegisterTaskDefinition', FARGATE_WEB);
  return ctx;
}

const runFargate = (ctx: TestContext, count: number, subnets = [SUBNET_A.subnetId]) =>
  ctx.attempt('ecs:RunTask', { cluster: 'demo', taskDefinition: 'web', launchType: 'FARGATE', count, networkConfiguration: { awsvpcConfiguration: { subnets } } });

const ipOf = (task: Task) => task.attachments[0]!.details.find((d) => d.name === 'privateIPv4Address')?.value;

function advanceUntil(ctx: TestContext, record: TaskRecord, status: string): number {
  for (let i = 0; i < 100 && record.task.lastStatus !== status; i++) {
    const next = ctx.clock.nextTimerAt();
    if (next === null) break;
    ctx.clock.advance(next - ctx.clock.now);
  }
  return record.task.lastStatus === status ? ctx.clock.now : -1;
}

describe('attachTaskEni on EC2 (awsvpc)', () => {
  function ec2AwsvpcTask(ctx: TestContext): TaskRecord {
    ctx.call('ecs:CreateCluster', { clusterName: 'demo' });
    ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 1 });
    const { taskDefinition } = ctx.call('ecs:RegisterTaskDefinition', { ...FARGATE_WEB, family: 'api', requiresCompatibilities: ['EC2'] }) as { taskDefinition: TaskDefinition };
    const instance = [...ctx.state.instances.values()][0]!;
    const run: RunTaskRequest = { cluster: ctx.state.clusters.get('demo')!, taskDefinition, networkMode: 'awsvpc', count: 1, group: 'family:api', tags: [], containerOverrides: [] };
    const record = createTaskRecord(ctx, run, { launchType: 'EC2', availabilityZone: instance.availabilityZone, instance, cpuUnits: 256, memoryMiB: 512, ports: [], usesEni: true });
    instance.enisUsed += 1; // what run-task-ec2.ts's reserve() does for an awsvpc task
    attachTaskEni(ctx, record, defaultSubnetOfZone(instance.availabilityZone)!, ' (reserved 256 CPU units, 512 MiB)');
    ctx.launchTask(record);
    return record;
  }

  it('is PROVISIONING on its instance while the ENI attaches, then PENDING and RUNNING', () => {
    const ctx = testContext(41);
    const record = ec2AwsvpcTask(ctx);
    const instance = [...ctx.state.instances.values()][0]!;
    expect(record.task.lastStatus).toBe('PROVISIONING');
    expect(record.task.attachments[0]).toMatchObject({ status: 'PRECREATED' });
    expect(ctx.events.at(-1)!.message).toMatch(
      new RegExp(`^api:1 task [0-9a-f]{8} is PROVISIONING on ${instance.ec2InstanceId} in ${instance.availabilityZone}: attaching ENI eni-[0-9a-f]{17} \\(172\\.31\\.\\d+\\.\\d+\\) in subnet-${instance.availabilityZone} \\(reserved 256 CPU units, 512 MiB\\)\\.$`),
    );
    const pendingAt = advanceUntil(ctx, record, 'PENDING');
    expect(pendingAt).toBeGreaterThanOrEqual(EC2_ENI_ATTACH_MS[0]);
    expect(pendingAt).toBeLessThan(EC2_ENI_ATTACH_MS[1]);
    expect(record.task.connectivityAt).toBeDefined();
    expect(record.task.attachments[0]!.status).toBe('ATTACHED');
    expect(advanceUntil(ctx, record, 'RUNNING')).toBeGreaterThan(pendingAt);
    expect(ctx.events.find((e) => e.kind === 'task.running')!.message).toContain(`private IP ${ipOf(record.task)}`);
  });

  it('deprovisions on stop with EC2\'s detach time and gives back the address and the ENI slot', () => {
    const ctx = testContext(42);
    const record = ec2AwsvpcTask(ctx);
    const instance = [...ctx.state.instances.values()][0]!;
    advanceUntil(ctx, record, 'RUNNING');
    record.task.desiredStatus = 'STOPPED';
    ctx.requestStop(record);
    const deprovisioningAt = advanceUntil(ctx, record, 'DEPROVISIONING');
    const stoppedAt = advanceUntil(ctx, record, 'STOPPED');
    expect(stoppedAt - deprovisioningAt).toBeGreaterThanOrEqual(EC2_ENI_DETACH_MS[0]);
    expect(stoppedAt - deprovisioningAt).toBeLessThan(EC2_ENI_DETACH_MS[1]);
    expect(instance.enisUsed).toBe(0);
    expect(ctx.state.network.enis.size).toBe(0);
    expect(record.task.attachments[0]!.status).toBe('DELETED');
    expect(ctx.events.at(-1)!.message).toMatch(/its resources are free again \(ENI eni-[0-9a-f]{17} is deleted and 172\.31\.\d+\.\d+ is free again\)\.$/);
  });
});

describe('Fargate and the subnet\'s addresses', () => {
  it('hands a freed address out again', () => {
    const ctx = fargateContext(43);
    fillSubnet(ctx, [100]); // one free address: 172.31.0.100
    const first = runFargate(ctx, 1);
    if (!first.ok) throw new Error(first.error.message);
    const task = (first.response as { tasks: Task[] }).tasks[0]!;
    const record = ctx.state.tasks.get(task.taskArn)!;
    advanceUntil(ctx, record, 'RUNNING');
    expect(ipOf(record.task)).toBe('172.31.0.100');
    expect(availableIpAddressCount(ctx.state.network, SUBNET_A)).toBe(0);
    ctx.call('ecs:StopTask', { cluster: 'demo', task: task.taskArn });
    advanceUntil(ctx, record, 'STOPPED');
    expect(availableIpAddressCount(ctx.state.network, SUBNET_A)).toBe(1);
    const second = runFargate(ctx, 1);
    if (!second.ok) throw new Error(second.error.message);
    const next = ctx.state.tasks.get((second.response as { tasks: Task[] }).tasks[0]!.taskArn)!;
    advanceUntil(ctx, next, 'PENDING');
    expect(ipOf(next.task)).toBe('172.31.0.100');
  });

  it('starts what fits and lists the full subnet under failures', () => {
    const ctx = fargateContext(44);
    fillSubnet(ctx, [100, 101]);
    const result = runFargate(ctx, 3);
    expect(result.ok).toBe(true);
    const response = (result as { response: { tasks: Task[]; failures: unknown[] } }).response;
    expect(response.tasks).toHaveLength(2);
    expect(response.failures).toEqual([{ arn: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-us-east-1a', reason: 'RESOURCE:ENI' }]);
    expect(ctx.events.find((e) => e.kind === 'placement.failed')!.message).toContain('could not start 1 task of web:1 on Fargate');
  });

  it('refuses the whole RunTask when no subnet has an address, and takes no address', () => {
    const ctx = fargateContext(45);
    fillSubnet(ctx, []);
    const result = runFargate(ctx, 1);
    expect(result).toEqual({ ok: false, error: { code: 'InvalidParameterException', message: FARGATE_MESSAGES.subnetsFull([SUBNET_A]) } });
    expect(ctx.state.tasks.size).toBe(0);
  });

  it('moves on to the next subnet when one is full', () => {
    const ctx = fargateContext(46);
    fillSubnet(ctx, []);
    const result = runFargate(ctx, 2, ['subnet-us-east-1a', 'subnet-us-east-1b']);
    const tasks = (result as { response: { tasks: Task[] } }).response.tasks;
    expect(tasks.map((t) => t.availabilityZone)).toEqual(['us-east-1b', 'us-east-1b']);
  });
});

describe('subnetInZone', () => {
  it('picks the first given subnet of the zone that has a free address', () => {
    const ctx = testContext(47);
    expect(subnetInZone(ctx.state.network, DEFAULT_SUBNETS, 'us-east-1b')?.subnetId).toBe('subnet-us-east-1b');
    expect(subnetInZone(ctx.state.network, [DEFAULT_SUBNETS[0]!], 'us-east-1b')).toBeUndefined();
    fillSubnet(ctx, []);
    expect(subnetInZone(ctx.state.network, DEFAULT_SUBNETS, 'us-east-1a')).toBeUndefined();
  });
});
