// capacityProviderStrategy through RunTask and services: AWS's base/weight example (FARGATE base 2
// weight 1 + FARGATE_SPOT weight 3, 10 tasks → 4 / 6), the cluster default strategy, the refusals,
// and tasks of an Auto Scaling group provider waiting in PROVISIONING until instances register.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../workers/protocol.ts';
import { AWSVPC, BRIDGE_TD, capacityEngine, FARGATE_TD, joinGroup, standInGroup } from './helpers.ts';

const EXAMPLE = [
  { capacityProvider: 'FARGATE', base: 2, weight: 1 },
  { capacityProvider: 'FARGATE_SPOT', weight: 3 },
];

function fargateCluster(seed = 5) {
  const t = capacityEngine(seed);
  t.run({ 'ecs:CreateCluster': { clusterName: 'demo', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [] } });
  t.run({ 'ecs:RegisterTaskDefinition': FARGATE_TD });
  return t;
}

const byProvider = (tasks: readonly Task[]) => {
  const out: Record<string, number> = {};
  for (const task of tasks) out[task.capacityProviderName ?? '-'] = (out[task.capacityProviderName ?? '-'] ?? 0) + 1;
  return out;
};

describe('base and weight', () => {
  it('RunTask: 10 tasks over FARGATE base 2 weight 1 + FARGATE_SPOT weight 3 → 4 / 6', () => {
    const t = fargateCluster();
    const out = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 10, capacityProviderStrategy: EXAMPLE, networkConfiguration: AWSVPC } });
    expect(out.tasks).toHaveLength(10);
    expect(byProvider(out.tasks)).toEqual({ FARGATE: 4, FARGATE_SPOT: 6 });
    expect(out.tasks.every((task: Task) => task.launchType === 'FARGATE')).toBe(true);
  });

  it('the cluster default strategy applies when neither launchType nor a strategy is given', () => {
    const t = fargateCluster();
    t.run({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: EXAMPLE } });
    const out = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 10, networkConfiguration: AWSVPC } });
    expect(byProvider(out.tasks)).toEqual({ FARGATE: 4, FARGATE_SPOT: 6 });
    // With launchType the default strategy is not used (and the task has no provider).
    const plain = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: AWSVPC } });
    expect(plain.tasks[0].capacityProviderName).toBeUndefined();
  });

  it('a service of 10 splits 4 / 6, and keeps the split when it scales from 2 to 10', () => {
    for (const start of [10, 2]) {
      const t = fargateCluster();
      t.run({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: start, capacityProviderStrategy: EXAMPLE, networkConfiguration: AWSVPC } });
      t.engine.advance(120_000);
      if (start !== 10) {
        t.run({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 10 } });
        t.engine.advance(120_000);
      }
      const tasks = t.engine.snapshot().tasks.filter((task) => task.desiredStatus === 'RUNNING');
      expect(tasks).toHaveLength(10);
      expect(byProvider(tasks)).toEqual({ FARGATE: 4, FARGATE_SPOT: 6 });
      const service = t.run({ 'ecs:DescribeServices': { cluster: 'demo', services: ['web'] } }).services[0];
      expect(service.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE', base: 2, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 }]);
      expect(service.launchType).toBeUndefined();
      expect(service.deployments[0].capacityProviderStrategy).toHaveLength(2);
    }
  });
});

describe('strategy refusals change nothing', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['launchType and a strategy', { launchType: 'FARGATE', capacityProviderStrategy: EXAMPLE }, 'InvalidParameterException', /^Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.$/],
    ['seven providers', { capacityProviderStrategy: Array.from({ length: 7 }, (_, i) => ({ capacityProvider: `p${i}`, weight: 1 })) }, 'InvalidParameterException', /maximum of 6/],
    ['two bases', { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', base: 1, weight: 1 }] }, 'InvalidParameterException', /Only one capacity provider/],
    ['all-zero weights', { capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }, { capacityProvider: 'FARGATE_SPOT' }] }, 'InvalidParameterException', /weight value greater than zero/],
    ['a provider not associated', { capacityProviderStrategy: [{ capacityProvider: 'cp-ec2', weight: 1 }] }, 'InvalidParameterException', /not associated with the cluster/],
    ['mixing Fargate and ASG providers', { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'cp-ec2', weight: 1 }] }, 'InvalidParameterException', /cannot contain a mix/],
    ['weight 1001', { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1001 }] }, 'InvalidParameterException', /0 to 1000/],
  ];
  for (const [what, extra, code, message] of cases) {
    it(`RunTask and CreateService refuse ${what}`, () => {
      const t = capacityEngine(3);
      standInGroup(t.ctx, 'asg-a');
      t.run({ 'ecs:CreateCapacityProvider': { name: 'cp-ec2', autoScalingGroupProvider: { autoScalingGroupArn: 'asg-a' } } });
      const associated = what.startsWith('mixing') ? ['FARGATE', 'FARGATE_SPOT', 'cp-ec2'] : ['FARGATE', 'FARGATE_SPOT'];
      t.run({ 'ecs:CreateCluster': { clusterName: 'demo', capacityProviders: associated, defaultCapacityProviderStrategy: [] } });
      t.run({ 'ecs:RegisterTaskDefinition': FARGATE_TD });
      const before = JSON.stringify(t.engine.snapshot());
      const a = t.refuse({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', networkConfiguration: AWSVPC, ...extra } });
      const b = t.refuse({ 'ecs:CreateService': { cluster: 'demo', serviceName: 's', taskDefinition: 'web', desiredCount: 1, networkConfiguration: AWSVPC, ...extra } });
      for (const error of [a, b]) {
        expect(error.code).toBe(code);
        expect(error.message).toMatch(message);
      }
      expect(JSON.stringify(t.engine.snapshot())).toBe(before);
    });
  }
});

function ec2ProviderCluster(managedScaling: 'ENABLED' | 'DISABLED', seed = 11) {
  const t = capacityEngine(seed);
  standInGroup(t.ctx, 'asg-a', { instances: new Map() });
  t.run({ 'ecs:CreateCapacityProvider': { name: 'cp-a', autoScalingGroupProvider: { autoScalingGroupArn: 'asg-a', managedScaling: { status: managedScaling } } } });
  t.run({ 'ecs:CreateCluster': { clusterName: 'demo', capacityProviders: ['cp-a'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp-a', weight: 1 }] } });
  t.run({ 'ecs:RegisterTaskDefinition': BRIDGE_TD });
  return t;
}

/** Add `count` t3.medium instances (2048 CPU units, ~3.9 GiB) and make them the group's. */
function addGroupInstances(t: ReturnType<typeof ec2ProviderCluster>, count: number): string[] {
  const added = t.run({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count } }).containerInstances.map((i: { containerInstanceArn: string }) => i.containerInstanceArn);
  joinGroup(t.ctx, 'demo', 'asg-a', added);
  return added;
}

describe('waiting for capacity', () => {
  it('RunTask through a provider with managed scaling: tasks wait in PROVISIONING, then place FIFO as instances register', () => {
    const t = ec2ProviderCluster('ENABLED');
    const out = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api', count: 3 } });
    expect(out.failures).toEqual([]);
    expect(out.tasks.map((task: Task) => [task.lastStatus, task.containerInstanceArn, task.capacityProviderName])).toEqual([
      ['PROVISIONING', undefined, 'cp-a'],
      ['PROVISIONING', undefined, 'cp-a'],
      ['PROVISIONING', undefined, 'cp-a'],
    ]);
    expect(t.engine.snapshot().events.some((e) => /waiting for capacity from provider cp-a: needs 1024 CPU units \/ 1024 MiB/.test(e.message))).toBe(true);
    t.engine.advance(60_000);
    expect(t.engine.snapshot().tasks.every((task) => task.lastStatus === 'PROVISIONING')).toBe(true);
    const [first] = addGroupInstances(t, 1);
    const placed = t.engine.snapshot().tasks.filter((task) => task.containerInstanceArn === first);
    // 2048 CPU units: two of the three fit; the first two asked are the ones placed.
    expect(placed.map((task) => task.taskArn)).toEqual(out.tasks.slice(0, 2).map((task: Task) => task.taskArn));
    expect(t.engine.snapshot().containerInstances[0]!.capacityProviderName).toBe('cp-a');
    addGroupInstances(t, 1);
    t.engine.advance(60_000);
    const tasks = t.engine.snapshot().tasks;
    expect(tasks.map((task) => task.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(tasks.map((task) => task.createdAt)).toEqual(out.tasks.map((task: Task) => task.createdAt));
  });

  it('StopTask stops a waiting task cleanly (never placed later)', () => {
    const t = ec2ProviderCluster('ENABLED');
    const arn = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api' } }).tasks[0].taskArn;
    t.run({ 'ecs:StopTask': { cluster: 'demo', task: arn, reason: 'no longer needed' } });
    t.engine.advance(1_000);
    const task = t.engine.snapshot().tasks[0]!;
    expect(task).toMatchObject({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'no longer needed' });
    addGroupInstances(t, 1);
    t.engine.advance(60_000);
    expect(t.engine.snapshot().tasks[0]!.lastStatus).toBe('STOPPED');
    expect(t.engine.snapshot().containerInstances[0]!.remainingResources.find((r) => r.name === 'CPU')!.integerValue).toBe(2048);
  });

  it('without managed scaling nothing waits: RunTask fails as on EC2', () => {
    const t = ec2ProviderCluster('DISABLED');
    addGroupInstances(t, 1);
    const out = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api', count: 3 } });
    expect(out.tasks).toHaveLength(2);
    expect(out.failures.map((f: { reason: string }) => f.reason)).toContain('RESOURCE:CPU');
  });

  it('only the provider’s own instances are eligible', () => {
    const t = ec2ProviderCluster('ENABLED');
    t.run({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.xlarge', count: 2 } });
    const out = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api', count: 2 } });
    expect(out.tasks.map((task: Task) => task.lastStatus)).toEqual(['PROVISIONING', 'PROVISIONING']);
    const plain = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api', launchType: 'EC2' } });
    expect(plain.tasks[0].containerInstanceArn).toBeDefined();
  });

  it('at most 300 tasks wait per cluster; the rest are failures', () => {
    const t = ec2ProviderCluster('ENABLED');
    t.run({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'big', taskDefinition: 'api', desiredCount: 320 } });
    t.engine.advance(5 * 60_000);
    const waiting = t.engine.snapshot().tasks.filter((task) => task.lastStatus === 'PROVISIONING');
    expect(waiting).toHaveLength(300);
    const extra = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api' } });
    expect(extra.tasks).toEqual([]);
    expect(extra.failures[0].reason).toBe('PROVISIONING_LIMIT');
  });

  it('a service counts its waiting tasks as pending: no duplicates, then all start once capacity registers', () => {
    const t = ec2ProviderCluster('ENABLED');
    t.run({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'api', taskDefinition: 'api', desiredCount: 5 } });
    t.engine.advance(10 * 60_000);
    const service = () => t.run({ 'ecs:DescribeServices': { cluster: 'demo', services: ['api'] } }).services[0];
    expect(t.engine.snapshot().tasks).toHaveLength(5);
    expect(service()).toMatchObject({ pendingCount: 5, runningCount: 0, capacityProviderStrategy: [{ capacityProvider: 'cp-a', weight: 1, base: 0 }] });
    addGroupInstances(t, 3);
    t.engine.advance(2 * 60_000);
    expect(service()).toMatchObject({ pendingCount: 0, runningCount: 5 });
    expect(t.engine.snapshot().tasks).toHaveLength(5);
  });
});

describe('UpdateService with a capacity provider strategy', () => {
  it('a new strategy starts a deployment; switching kinds or moving from a launch type without forceNewDeployment is refused', () => {
    const t = fargateCluster();
    standInGroup(t.ctx, 'asg-a');
    t.run({ 'ecs:CreateCapacityProvider': { name: 'cp-ec2', autoScalingGroupProvider: { autoScalingGroupArn: 'asg-a' } } });
    t.run({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['FARGATE', 'FARGATE_SPOT', 'cp-ec2'], defaultCapacityProviderStrategy: [] } });
    t.run({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'spot', taskDefinition: 'web', desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }], networkConfiguration: AWSVPC } });
    t.run({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'plain', taskDefinition: 'web', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: AWSVPC } });
    const before = JSON.stringify(t.engine.snapshot());
    expect(t.refuse({ 'ecs:UpdateService': { cluster: 'demo', service: 'spot', capacityProviderStrategy: [{ capacityProvider: 'cp-ec2', weight: 1 }] } }).message).toMatch(/can't switch between Auto Scaling group capacity providers and Fargate/);
    expect(t.refuse({ 'ecs:UpdateService': { cluster: 'demo', service: 'plain', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } }).message).toMatch(/forceNewDeployment/);
    expect(JSON.stringify(t.engine.snapshot())).toBe(before);
    const updated = t.run({ 'ecs:UpdateService': { cluster: 'demo', service: 'spot', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } }).service;
    expect(updated.deployments).toHaveLength(2);
    expect(updated.deployments[0].capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }]);
    const moved = t.run({ 'ecs:UpdateService': { cluster: 'demo', service: 'plain', forceNewDeployment: true, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } }).service;
    expect(moved.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }]);
    t.engine.advance(5 * 60_000);
    const spotTasks = t.engine.snapshot().tasks.filter((task) => task.desiredStatus === 'RUNNING');
    expect(spotTasks.map((task) => task.capacityProviderName)).toEqual(['FARGATE_SPOT', 'FARGATE_SPOT', 'FARGATE_SPOT']);
  });
});

describe('room freed by stopping tasks', () => {
  it('a waiting task is placed within a minute when a task on the provider’s instance stops', () => {
    const t = ec2ProviderCluster('ENABLED');
    addGroupInstances(t, 1);
    const out = t.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api', count: 3 } });
    const [first, , third] = out.tasks as Task[];
    expect(third!.lastStatus).toBe('PROVISIONING');
    t.engine.advance(60_000);
    t.run({ 'ecs:StopTask': { cluster: 'demo', task: first!.taskArn } });
    t.engine.advance(3 * 60_000);
    const placed = t.engine.snapshot().tasks.find((task) => task.taskArn === third!.taskArn)!;
    expect(placed.lastStatus).toBe('RUNNING');
  });
});
