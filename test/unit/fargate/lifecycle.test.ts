// Proves a Fargate task's life on virtual time: PROVISIONING (ENI attach) → PENDING (micro-VM and
// image pull) → RUNNING within the ranges of machines/timings.ts, with connectivityAt, the pull
// fields and startedAt in order; the ENI attachment's shape as DescribeTasks returns it; StopTask
// through STOPPING and DEPROVISIONING to STOPPED with the ENI deleted and its address counted free
// again (ec2:DescribeSubnets); a stop during PROVISIONING; and launch failures on Fargate (the
// execution role is the only role the agent has).
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../workers/protocol.ts';
import {
  FARGATE_CONTAINER_START_MS,
  FARGATE_ENI_ATTACH_MS,
  FARGATE_ENI_DETACH_MS,
  FARGATE_IMAGE_PULL_MS,
  FARGATE_PICKUP_MS,
  SIGTERM_EXIT_MS,
  STOP_REPORT_MS,
  UNSTARTED_STOP_MS,
} from '../../../workers/engine/machines/timings.ts';
import { expectError, responseOf } from '../engine/helpers.ts';
import { ECS_TASKS_TRUST } from '../engine/iam-fixtures.ts';
import { advanceUntil, eniDetail, FARGATE_WEB, fargateEngine, ms, runFargate, statusTrail, taskOf } from './helpers.ts';

const inRange = (value: number, [min, max]: readonly [number, number]) => {
  expect(value).toBeGreaterThanOrEqual(min);
  expect(value).toBeLessThan(max);
};

const availableIps = (engine: ReturnType<typeof fargateEngine>, subnetId: string): number =>
  responseOf<{ Subnets: { AvailableIpAddressCount: number }[] }>(engine.dispatch({ 'ec2:DescribeSubnets': { SubnetIds: [subnetId] } })).Subnets[0]!
    .AvailableIpAddressCount;

describe('Fargate task lifecycle', () => {
  it('goes PROVISIONING → PENDING → RUNNING with the timeline of ecs-reference §3', () => {
    const engine = fargateEngine(21);
    const [task] = runFargate(engine, 1, ['subnet-us-east-1b']);
    expect(statusTrail(engine, task!.taskArn, 'RUNNING')).toEqual(['PROVISIONING', 'PENDING', 'RUNNING']);
    const t = taskOf(engine, task!.taskArn);
    inRange(ms(t.connectivityAt), FARGATE_ENI_ATTACH_MS);
    inRange(ms(t.pullStartedAt) - ms(t.connectivityAt), FARGATE_PICKUP_MS);
    inRange(ms(t.pullStoppedAt) - ms(t.pullStartedAt), FARGATE_IMAGE_PULL_MS);
    inRange(ms(t.startedAt) - ms(t.pullStoppedAt), FARGATE_CONTAINER_START_MS);
    // 3000+4000+3000+1000 = 11 s at the fastest, 6000+10000+9000+4000 = 29 s at the slowest (the documented example: ~24 s)
    inRange(ms(t.startedAt), [11_000, 29_000]);
    expect(t).toMatchObject({ connectivity: 'CONNECTED', healthStatus: 'UNKNOWN' });
    expect(t.containers[0]!.lastStatus).toBe('RUNNING');
    expect(engine.snapshot().clusters[0]).toMatchObject({ pendingTasksCount: 0, runningTasksCount: 1 });
    const kinds = engine.snapshot().events.filter((e) => e.resourceArn === task!.taskArn).map((e) => e.kind);
    expect(kinds).toEqual(['task.provisioning', 'task.pending', 'task.running']);
  });

  it('shows the ENI attachment as DescribeTasks does once ATTACHED, and the containers\' network interface', () => {
    const engine = fargateEngine(22);
    const [task] = runFargate(engine, 1, ['subnet-us-east-1b']);
    advanceUntil(engine, task!.taskArn, 'PENDING');
    const described = responseOf<{ tasks: Task[] }>(engine.dispatch({ 'ecs:DescribeTasks': { cluster: 'demo', tasks: [task!.taskArn] } })).tasks[0]!;
    const attachment = described.attachments[0]!;
    expect(attachment).toMatchObject({ id: task!.attachments[0]!.id, type: 'ElasticNetworkInterface', status: 'ATTACHED' });
    expect(attachment.details.map((d) => d.name)).toEqual(['subnetId', 'networkInterfaceId', 'macAddress', 'privateDnsName', 'privateIPv4Address']);
    const ip = eniDetail(described, 'privateIPv4Address')!;
    // subnet-us-east-1b is 172.31.16.0/20: 172.31.16.0 – 172.31.31.255
    expect(ip).toMatch(/^172\.31\.(1[6-9]|2\d|3[01])\.\d{1,3}$/);
    expect(eniDetail(described, 'privateDnsName')).toBe(`ip-${ip.replaceAll('.', '-')}.ec2.internal`);
    expect(eniDetail(described, 'networkInterfaceId')).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(eniDetail(described, 'macAddress')).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(described.containers[0]!.networkInterfaces).toEqual([{ attachmentId: attachment.id, privateIpv4Address: ip }]);
    expect(described.connectivityAt).toBeDefined();
    expect(described).not.toHaveProperty('containerInstanceArn');
  });

  it('stops through STOPPING and DEPROVISIONING to STOPPED, deleting the ENI and freeing its address', () => {
    const engine = fargateEngine(23);
    const full = availableIps(engine, 'subnet-us-east-1a');
    const [task] = runFargate(engine, 1, ['subnet-us-east-1a']);
    expect(availableIps(engine, 'subnet-us-east-1a')).toBe(full - 1);
    advanceUntil(engine, task!.taskArn, 'RUNNING');
    const stopAt = engine.snapshot().time;
    const ip = eniDetail(taskOf(engine, task!.taskArn), 'privateIPv4Address');
    const stopped = responseOf<{ task: Task }>(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task!.taskArn, reason: 'done' } })).task;
    expect(stopped).toMatchObject({ lastStatus: 'STOPPING', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'done' });
    const trail: { status: string; attachment: string }[] = [{ status: 'STOPPING', attachment: 'ATTACHED' }];
    for (let i = 0; i < 20 && taskOf(engine, task!.taskArn).lastStatus !== 'STOPPED'; i++) {
      engine.advance(engine.nextTimerAt()! - engine.snapshot().time);
      const t = taskOf(engine, task!.taskArn);
      if (trail.at(-1)?.status !== t.lastStatus) trail.push({ status: t.lastStatus, attachment: t.attachments[0]!.status });
    }
    expect(trail).toEqual([
      { status: 'STOPPING', attachment: 'ATTACHED' },
      { status: 'DEPROVISIONING', attachment: 'DETACHING' },
      { status: 'STOPPED', attachment: 'DELETED' },
    ]);
    const t = taskOf(engine, task!.taskArn);
    expect(ms(t.stoppingAt)).toBe(stopAt);
    inRange(ms(t.executionStoppedAt) - stopAt, SIGTERM_EXIT_MS);
    const deprovisioningAt = engine.snapshot().events.find((e) => e.kind === 'task.deprovisioning')!.time;
    inRange(deprovisioningAt - ms(t.executionStoppedAt), STOP_REPORT_MS);
    inRange(ms(t.stoppedAt) - deprovisioningAt, FARGATE_ENI_DETACH_MS);
    expect(t.containers[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    // The details stay on the DELETED attachment, as on AWS.
    expect(eniDetail(t, 'privateIPv4Address')).toBe(ip);
    expect(availableIps(engine, 'subnet-us-east-1a')).toBe(full);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/is STOPPED, stop code UserInitiated: done \(web exited 0\); ENI eni-[0-9a-f]{17} is deleted and 172\.31\.\d+\.\d+ is free again\.$/);
    expect(engine.snapshot().clusters[0]).toMatchObject({ pendingTasksCount: 0, runningTasksCount: 0 });
  });

  it('stops a task still PROVISIONING: nothing to signal, and its ENI is still deleted', () => {
    const engine = fargateEngine(24);
    const [task] = runFargate(engine, 1);
    engine.advance(1_000);
    responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task!.taskArn } }));
    expect(statusTrail(engine, task!.taskArn, 'STOPPED')).toEqual(['STOPPING', 'DEPROVISIONING', 'STOPPED']);
    const t = taskOf(engine, task!.taskArn);
    expect(t).not.toHaveProperty('connectivityAt');
    expect(t).not.toHaveProperty('pullStartedAt');
    inRange(ms(t.executionStoppedAt) - 1_000, UNSTARTED_STOP_MS);
    expect(t.containers[0]).not.toHaveProperty('exitCode');
    expect(t.attachments[0]!.status).toBe('DELETED');
    expect(availableIps(engine, 'subnet-us-east-1a')).toBe(4091);
  });

  it('ignores a second StopTask while DEPROVISIONING', () => {
    const engine = fargateEngine(25);
    const [task] = runFargate(engine, 1);
    advanceUntil(engine, task!.taskArn, 'RUNNING');
    responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task!.taskArn } }));
    advanceUntil(engine, task!.taskArn, 'DEPROVISIONING');
    const again = responseOf<{ task: Task }>(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task!.taskArn, reason: 'again' } })).task;
    expect(again).toMatchObject({ lastStatus: 'DEPROVISIONING', stoppedReason: 'Task stopped by user' });
    expect(advanceUntil(engine, task!.taskArn, 'STOPPED')).toBeGreaterThan(0);
  });
});

describe('Fargate launch failures', () => {
  const URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
  const EXECUTION_ROLE = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole';
  const EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
  const withEcr = (tag: string, policies: string[]) =>
    fargateEngine(31, [
      { 'iam:CreateRole': { RoleName: 'ecsTaskExecutionRole', AssumeRolePolicyDocument: ECS_TASKS_TRUST } },
      ...policies.map((PolicyArn) => ({ 'iam:AttachRolePolicy': { RoleName: 'ecsTaskExecutionRole', PolicyArn } })),
      { 'ecr:CreateRepository': { repositoryName: 'app' } },
      { 'sim:PushImage': { repositoryName: 'app', imageTag: 'v1' } },
      {
        'ecs:RegisterTaskDefinition': {
          ...FARGATE_WEB,
          family: 'app',
          executionRoleArn: EXECUTION_ROLE,
          containerDefinitions: [{ name: 'app', image: `${URI}/app:${tag}` }],
        },
      },
    ]);

  it('runs a private ECR image pulled with the execution role', () => {
    const engine = withEcr('v1', [EXECUTION_POLICY]);
    const [task] = runFargate(engine, 1, undefined, { taskDefinition: 'app' });
    expect(advanceUntil(engine, task!.taskArn, 'RUNNING')).toBeGreaterThan(0);
  });

  it('stops with TaskFailedToStart when the image is missing, through DEPROVISIONING, freeing the address', () => {
    const engine = withEcr('v2', [EXECUTION_POLICY]);
    const [task] = runFargate(engine, 1, ['subnet-us-east-1c'], { taskDefinition: 'app' });
    expect(statusTrail(engine, task!.taskArn, 'STOPPED')).toEqual(['PROVISIONING', 'PENDING', 'DEPROVISIONING', 'STOPPED']);
    const t = taskOf(engine, task!.taskArn);
    expect(t.stopCode).toBe('TaskFailedToStart');
    expect(t.stoppedReason).toMatch(/^CannotPullContainerError: .*manifest for .*app:v2 not found/);
    expect(availableIps(engine, 'subnet-us-east-1c')).toBe(4091);
  });

  it('names the execution role, and no instance role, when it may not pull', () => {
    const engine = withEcr('v1', []);
    const [task] = runFargate(engine, 1, undefined, { taskDefinition: 'app' });
    advanceUntil(engine, task!.taskArn, 'STOPPED');
    const t = taskOf(engine, task!.taskArn);
    expect(t.stoppedReason).toMatch(/^CannotPullECRContainerError: .*assumed-role\/ecsTaskExecutionRole\/.* is not authorized to perform: ecr:GetAuthorizationToken/);
    const failed = engine.snapshot().events.find((e) => e.kind === 'task.failed')!.message;
    expect(failed).toContain('the task execution role ecsTaskExecutionRole does not allow ecr:GetAuthorizationToken');
    expect(failed).toContain('On Fargate the task execution role pulls ECR images');
  });

  it('refuses at once an execution role that does not exist (the shared RunTask check)', () => {
    const engine = fargateEngine(32, [
      { 'ecs:RegisterTaskDefinition': { ...FARGATE_WEB, family: 'ghost', executionRoleArn: 'arn:aws:iam::123456789012:role/ghost' } },
    ]);
    expectError(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'ghost', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } } }), 'ClientException');
  });
});
