// Proves RunTask with launchType FARGATE through createEngine: the AWS-shaped task it returns
// (PROVISIONING, no container instance, platform fields, a PRECREATED ENI attachment), AWS's
// refusals (network configuration, subnets, strategies and constraints, EC2-only definitions,
// platform versions) leaving the state untouched, the AZ balance over the request's subnets, and
// that one seed always gives the same tasks, ENIs and addresses.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../workers/protocol.ts';
import { MESSAGES } from '../../../workers/engine/errors.ts';
import { FARGATE_MESSAGES } from '../../../workers/engine/commands/run-task-fargate.ts';
import { expectError, responseOf, WEB_TASK_DEFINITION } from '../engine/helpers.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { eniDetail, FARGATE_WEB, fargateEngine, fargateSteps, networkConfiguration, runFargate, runStep, SUBNETS } from './helpers.ts';

const zonesOf = (tasks: Task[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const task of tasks) out[task.availabilityZone] = (out[task.availabilityZone] ?? 0) + 1;
  return out;
};

describe('RunTask on Fargate: the response', () => {
  it('returns a PROVISIONING Fargate task sized by the task definition, with a PRECREATED ENI and no failures', () => {
    const engine = fargateEngine(2);
    const response = responseOf<{ tasks: Task[]; failures: unknown[] }>(engine.dispatch(runStep(1, ['subnet-us-east-1b'])));
    expect(response.failures).toEqual([]);
    const [task] = response.tasks;
    expect(task).toMatchObject({
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      launchType: 'FARGATE',
      availabilityZone: 'us-east-1b',
      cpu: '256',
      memory: '512',
      group: 'family:web',
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      ephemeralStorage: { sizeInGiB: 20 },
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(task).not.toHaveProperty('containerInstanceArn');
    expect(task).not.toHaveProperty('connectivityAt');
    // While PRECREATED, AWS lists only the subnet of the ENI to come.
    expect(task!.attachments).toEqual([
      { id: expect.stringMatching(/^[0-9a-f-]{36}$/), type: 'ElasticNetworkInterface', status: 'PRECREATED', details: [{ name: 'subnetId', value: 'subnet-us-east-1b' }] },
    ]);
    expect(task!.containers[0]).toMatchObject({ lastStatus: 'PENDING', networkInterfaces: [], networkBindings: [] });
    const cluster = engine.snapshot().clusters[0]!;
    expect(cluster).toMatchObject({ registeredContainerInstancesCount: 0, pendingTasksCount: 1, runningTasksCount: 0 });
  });

  it('says where the task went, its size, address and hourly price in the event log', () => {
    const engine = fargateEngine(2);
    const [task] = runFargate(engine, 1, ['subnet-us-east-1b']);
    const events = engine.snapshot().events;
    const provisioning = events.find((e) => e.kind === 'task.provisioning')!;
    expect(provisioning.resourceArn).toBe(task!.taskArn);
    // 0.25 vCPU × $0.04048 + 0.5 GB × $0.004445 = $0.0123425 per hour (catalog/fargate-pricing.json)
    expect(provisioning.message).toMatch(
      /^web:1 task [0-9a-f]{8} is PROVISIONING on Fargate in us-east-1b: attaching ENI eni-[0-9a-f]{17} \(172\.31\.(1[6-9]|2\d|3[01])\.\d+\) in subnet-us-east-1b \(0\.25 vCPU, 0\.5 GB, platform version 1\.4\.0, \$0\.0123 per hour\)\.$/,
    );
    expect(events.find((e) => e.kind === 'placement.fargate')!.message).toContain('1 in us-east-1b');
  });

  it('takes ephemeral storage from the task definition', () => {
    const engine = fargateEngine(3, [{ 'ecs:RegisterTaskDefinition': { ...FARGATE_WEB, family: 'big', ephemeralStorage: { sizeInGiB: 50 } } }]);
    const [task] = runFargate(engine, 1, SUBNETS, { taskDefinition: 'big' });
    expect(task!.ephemeralStorage).toEqual({ sizeInGiB: 50 });
  });

  it('runs on platform version 1.3.0 when asked (without ephemeralStorage, which 1.3.0 does not have), LATEST is 1.4.0', () => {
    const engine = fargateEngine(4);
    const [old] = runFargate(engine, 1, SUBNETS, { platformVersion: '1.3.0' });
    expect(old!.platformVersion).toBe('1.3.0');
    expect(old).not.toHaveProperty('ephemeralStorage');
    const [latest] = runFargate(engine, 1, SUBNETS, { platformVersion: 'LATEST' });
    expect(latest!.platformVersion).toBe('1.4.0');
  });

  it('uses the VPC default security group when none is given and accepts assignPublicIp ENABLED', () => {
    const engine = fargateEngine(5);
    const tasks = runFargate(engine, 1, SUBNETS, {
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'], securityGroups: ['sg-default'], assignPublicIp: 'ENABLED' } },
    });
    expect(tasks).toHaveLength(1);
  });
});

describe('RunTask on Fargate: refusals change nothing', () => {
  const cases: { name: string; request: Record<string, unknown>; code: string; message: string | RegExp; setup?: boolean }[] = [
    { name: 'no networkConfiguration', request: { networkConfiguration: undefined }, code: 'InvalidParameterException', message: MESSAGES.networkConfigurationRequired() },
    { name: 'empty subnets', request: { networkConfiguration: networkConfiguration([]) }, code: 'InvalidParameterException', message: MESSAGES.subnetsEmpty() },
    { name: 'an unknown subnet', request: { networkConfiguration: networkConfiguration(['subnet-us-east-1a', 'subnet-nope']) }, code: 'InvalidParameterException', message: /subnet-nope/ },
    { name: 'an unknown security group', request: { networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS, securityGroups: ['sg-nope'] } } }, code: 'InvalidParameterException', message: /sg-nope/ },
    { name: 'a placement strategy', request: { placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] }, code: 'InvalidParameterException', message: FARGATE_MESSAGES.strategiesNotSupported() },
    { name: 'a placement constraint', request: { placementConstraints: [{ type: 'distinctInstance' }] }, code: 'InvalidParameterException', message: FARGATE_MESSAGES.constraintsNotSupported() },
    { name: 'a retired platform version', request: { platformVersion: '1.2.0' }, code: 'PlatformUnknownException', message: /^The specified platform version does not exist\. .*not "1\.2\.0"/ },
    { name: 'an unknown platform version', request: { platformVersion: '2.0' }, code: 'PlatformUnknownException', message: /1\.4\.0 \(LATEST\) and 1\.3\.0/ },
    { name: 'an EC2-only task definition', request: { taskDefinition: 'bridge-web' }, code: 'InvalidParameterException', message: MESSAGES.launchTypeNotSupported('FARGATE') },
  ];
  for (const { name, request, code, message } of cases) {
    it(`refuses ${name}`, () => {
      const engine = fargateEngine(6, [{ 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, family: 'bridge-web' } }]);
      const before = engine.snapshot();
      const step = runStep(1);
      const body = { ...(step['ecs:RunTask'] as Record<string, unknown>), ...request };
      for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
      expectError(engine.dispatch({ 'ecs:RunTask': body }), code, message);
      expect(engine.snapshot()).toEqual(before);
      // The PRNG was not advanced either: the next task is the one a fresh engine would start.
      const fresh = fargateEngine(6, [{ 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, family: 'bridge-web' } }]);
      expect(runFargate(engine, 1)[0]!.taskArn).toBe(runFargate(fresh, 1)[0]!.taskArn);
    });
  }

  it('refuses on 1.3.0 what needs 1.4.0: ephemeral storage, 8 vCPU', () => {
    const engine = fargateEngine(7, [
      { 'ecs:RegisterTaskDefinition': { ...FARGATE_WEB, family: 'disk', ephemeralStorage: { sizeInGiB: 30 } } },
      { 'ecs:RegisterTaskDefinition': { ...FARGATE_WEB, family: 'huge', cpu: '8192', memory: '16384' } },
    ]);
    expectError(engine.dispatch(runStep(1, SUBNETS, { taskDefinition: 'disk', platformVersion: '1.3.0' })), 'PlatformTaskDefinitionIncompatibilityException', /cannot run ephemeralStorage/);
    expectError(engine.dispatch(runStep(1, SUBNETS, { taskDefinition: 'huge', platformVersion: '1.3.0' })), 'PlatformTaskDefinitionIncompatibilityException', /cpu 8192 \(8 and 16 vCPU\)/);
    expect(runFargate(engine, 1, SUBNETS, { taskDefinition: 'huge' })[0]).toMatchObject({ cpu: '8192', memory: '16384', platformVersion: '1.4.0' });
  });

  it('accepts empty placementStrategy and placementConstraints lists (nothing to refuse)', () => {
    const engine = fargateEngine(8);
    expect(runFargate(engine, 1, SUBNETS, { placementStrategy: [], placementConstraints: [] })).toHaveLength(1);
  });
});

describe('RunTask on Fargate: Availability Zones', () => {
  it('spreads 9 tasks over 3 subnets 3/3/3, in the order of the subnets', () => {
    const engine = fargateEngine(9);
    const tasks = [...runFargate(engine, 9)];
    expect(zonesOf(tasks)).toEqual({ 'us-east-1a': 3, 'us-east-1b': 3, 'us-east-1c': 3 });
    expect(tasks.slice(0, 3).map((t) => t.availabilityZone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    for (const task of tasks) expect(eniDetail(task, 'subnetId')).toBe(`subnet-${task.availabilityZone}`);
  });

  it('counts the group\'s tasks already there: 2 in 1a, then 4 more over 1a/1b/1c → 2/2/2', () => {
    const engine = fargateEngine(10);
    runFargate(engine, 2, ['subnet-us-east-1a']);
    const more = runFargate(engine, 4);
    expect(zonesOf(more)).toEqual({ 'us-east-1b': 2, 'us-east-1c': 2 });
  });

  it('breaks ties by the order of the subnets as given', () => {
    const engine = fargateEngine(11);
    expect(runFargate(engine, 1, ['subnet-us-east-1c', 'subnet-us-east-1a'])[0]!.availabilityZone).toBe('us-east-1c');
  });

  it('balances each task group on its own; stopping tasks do not count', () => {
    const engine = fargateEngine(12);
    const first = runFargate(engine, 2, ['subnet-us-east-1a', 'subnet-us-east-1b'], { group: 'batch' });
    expect(zonesOf(first)).toEqual({ 'us-east-1a': 1, 'us-east-1b': 1 });
    // Another group starts again from the first subnet.
    expect(runFargate(engine, 1, ['subnet-us-east-1a', 'subnet-us-east-1b'])[0]!.availabilityZone).toBe('us-east-1a');
    responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: first[0]!.taskArn } }));
    expect(runFargate(engine, 1, ['subnet-us-east-1a', 'subnet-us-east-1b'], { group: 'batch' })[0]!.availabilityZone).toBe('us-east-1a');
  });

  it('gives every task its own address', () => {
    const engine = fargateEngine(13);
    const tasks = [...runFargate(engine, 10), ...runFargate(engine, 10)];
    engine.advance(10_000);
    const ips = tasks.map((t) => eniDetail(engine.snapshot().tasks.find((s) => s.taskArn === t.taskArn)!, 'privateIPv4Address'));
    expect(new Set(ips).size).toBe(20);
  });
});

describe('RunTask on Fargate: determinism', () => {
  const script = () => [...fargateSteps(), runStep(5), { wait: '12s' }, runStep(3, ['subnet-us-east-1b', 'subnet-us-east-1c']), { wait: '1m' }];

  it('gives the same snapshot for the same seed, and other addresses for another', () => {
    const play = (seed: number) => {
      const engine = createEngine({ seed });
      for (const step of script()) responseOf(engine.dispatch(step));
      return engine.snapshot();
    };
    const a = play(42);
    expect(play(42)).toEqual(a);
    const ipsOf = (snapshot: ReturnType<typeof play>) => snapshot.tasks.map((t) => eniDetail(t, 'privateIPv4Address'));
    expect(ipsOf(play(43))).not.toEqual(ipsOf(a));
    expect(a.tasks.every((t) => t.lastStatus === 'RUNNING')).toBe(true);
  });
});
