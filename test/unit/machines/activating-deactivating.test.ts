// Proves the load-balancer phases of a task's life: a task with loadBalancers is ACTIVATING between
// its containers starting and RUNNING (1–3 s, its target registered, the observer told), RUNNING once
// registered; asked to stop, it is DEACTIVATING for exactly the target group's deregistration delay
// (300 s by default, the drain) before STOPPING (SIGTERM) and STOPPED; a delay of 0 goes straight on;
// an essential container's crash deregisters too but does not wait; tasks without load balancers never
// show either phase; every lastStatus change carries an "ECS Task State Change" EventBridge draft.
import { describe, expect, it } from 'vitest';
import { taskLoadBalancerHealth } from '../../../workers/engine/elb/task-targets.ts';
import { advanceUntil, lbContext, runServiceTask, targetState } from './lb-helpers.ts';

describe('ACTIVATING', () => {
  it('comes between the containers starting and RUNNING, registers the target and tells the observer', () => {
    const ctx = lbContext();
    const { record, heard } = runServiceTask(ctx);
    const activatingAt = advanceUntil(ctx, () => record.task.lastStatus === 'ACTIVATING');
    expect(record.task.containers[0]!.lastStatus).toBe('RUNNING');
    expect(record.task.startedAt).toBeUndefined();
    const port = record.ports[0]!.hostPort;
    expect(port).toBe(32768);
    expect(targetState(ctx, ctx.instanceId, port)).toBe('initial');
    expect(heard).toEqual([`registered tg ${ctx.instanceId}:32768 @${activatingAt}`]);
    const runningAt = advanceUntil(ctx, () => record.task.lastStatus === 'RUNNING');
    expect(runningAt - activatingAt).toBeGreaterThanOrEqual(1_000);
    expect(runningAt - activatingAt).toBeLessThan(3_000);
    expect(heard.at(-1)).toBe(`running RUNNING @${runningAt}`);
    expect(ctx.events.map((e) => e.kind)).toContain('task.activating');
  });

  it('the target turns healthy after 5 checks; the observer and taskLoadBalancerHealth follow', () => {
    const ctx = lbContext();
    const { record, heard } = runServiceTask(ctx);
    advanceUntil(ctx, () => record.task.lastStatus === 'RUNNING');
    expect(taskLoadBalancerHealth(ctx.state, record)).toBe('initial');
    advanceUntil(ctx, () => taskLoadBalancerHealth(ctx.state, record) === 'healthy', 200_000);
    expect(heard.filter((h) => h.startsWith('health'))).toEqual([`health healthy :32768 @${ctx.clock.now}`]);
  });

  it('a task without load balancers never shows ACTIVATING or DEACTIVATING', () => {
    const ctx = lbContext();
    const arn = ctx.call('ecs:RunTask', { cluster: 'demo', taskDefinition: 'web' }).tasks[0].taskArn;
    const record = ctx.state.tasks.get(arn)!;
    expect(taskLoadBalancerHealth(ctx.state, record)).toBe('none');
    advanceUntil(ctx, () => record.task.lastStatus === 'RUNNING');
    ctx.call('ecs:StopTask', { cluster: 'demo', task: arn });
    expect(record.task.lastStatus).toBe('STOPPING');
    advanceUntil(ctx, () => record.task.lastStatus === 'STOPPED');
    const statuses = ctx.drafts.filter((d) => d.draft.resources[0] === arn).map((d) => d.draft.detail.lastStatus);
    expect(statuses).toEqual(['RUNNING', 'STOPPING', 'STOPPED']);
  });
});

describe('DEACTIVATING', () => {
  it('lasts exactly the deregistration delay (300 s), then SIGTERM; the target drains meanwhile', () => {
    const ctx = lbContext();
    const { record, heard } = runServiceTask(ctx);
    advanceUntil(ctx, () => taskLoadBalancerHealth(ctx.state, record) === 'healthy', 400_000);
    ctx.call('ecs:StopTask', { cluster: 'demo', task: record.task.taskArn, reason: 'scale in' });
    const stopAt = ctx.clock.now;
    expect(record.task.lastStatus).toBe('DEACTIVATING');
    expect(record.task.desiredStatus).toBe('STOPPED');
    expect(record.task.stoppingAt).toBeUndefined();
    expect(targetState(ctx, ctx.instanceId, 32768)).toBe('draining');
    expect(heard.at(-1)).toBe(`deregistered tg ${ctx.instanceId}:32768 @${stopAt}`);
    ctx.clock.advance(299_999);
    expect(record.task.lastStatus).toBe('DEACTIVATING');
    expect(record.task.containers[0]!.lastStatus).toBe('RUNNING');
    ctx.clock.advance(1);
    expect(record.task.lastStatus).toBe('STOPPING');
    expect(ctx.events.filter((e) => e.kind === 'task.stopping').at(-1)!.message).toMatch(/: SIGTERM sent to its containers/);
    expect(targetState(ctx, ctx.instanceId, 32768)).toBeUndefined(); // drained and gone
    advanceUntil(ctx, () => record.task.lastStatus === 'STOPPED');
    expect(heard.at(-1)).toMatch(/^stopped UserInitiated @/);
    // A second stop while DEACTIVATING changes nothing (checked on a fresh task below).
  });

  it('follows deregistration_delay.timeout_seconds (30 s), and a second StopTask changes nothing', () => {
    const ctx = lbContext(1, { 'deregistration_delay.timeout_seconds': '30' });
    const { record } = runServiceTask(ctx);
    advanceUntil(ctx, () => record.task.lastStatus === 'RUNNING');
    ctx.call('ecs:StopTask', { cluster: 'demo', task: record.task.taskArn });
    const at = ctx.clock.now;
    ctx.call('ecs:StopTask', { cluster: 'demo', task: record.task.taskArn });
    const stoppingAt = advanceUntil(ctx, () => record.task.lastStatus === 'STOPPING');
    expect(stoppingAt - at).toBe(30_000);
  });

  it('with a delay of 0 goes on to STOPPING at once', () => {
    const ctx = lbContext(1, { 'deregistration_delay.timeout_seconds': '0' });
    const { record } = runServiceTask(ctx);
    advanceUntil(ctx, () => record.task.lastStatus === 'RUNNING');
    ctx.call('ecs:StopTask', { cluster: 'demo', task: record.task.taskArn });
    expect(record.task.lastStatus).toBe('DEACTIVATING');
    ctx.clock.advance(0);
    expect(record.task.lastStatus).toBe('STOPPING');
  });

  it('a stop while ACTIVATING deregisters too', () => {
    const ctx = lbContext(1, { 'deregistration_delay.timeout_seconds': '10' });
    const { record, heard } = runServiceTask(ctx);
    advanceUntil(ctx, () => record.task.lastStatus === 'ACTIVATING');
    ctx.call('ecs:StopTask', { cluster: 'demo', task: record.task.taskArn });
    expect(record.task.lastStatus).toBe('DEACTIVATING');
    expect(heard.some((h) => h.startsWith('running'))).toBe(false);
    const at = ctx.clock.now;
    expect(advanceUntil(ctx, () => record.task.lastStatus === 'STOPPING') - at).toBe(10_000);
  });

  it('a stop before the containers start needs no DEACTIVATING', () => {
    const ctx = lbContext();
    const { record, heard } = runServiceTask(ctx);
    ctx.call('ecs:StopTask', { cluster: 'demo', task: record.task.taskArn });
    expect(record.task.lastStatus).toBe('STOPPING');
    advanceUntil(ctx, () => record.task.lastStatus === 'STOPPED');
    expect(heard).toEqual([`stopped UserInitiated @${ctx.clock.now}`]);
  });

  it('an essential container crash deregisters the target without waiting for the drain', () => {
    const ctx = lbContext();
    ctx.call('sim:SetImageBehavior', { image: 'nginx:1.27', behavior: 'crashAfter', afterSeconds: 60 });
    const { record, heard } = runServiceTask(ctx);
    const runningAt = advanceUntil(ctx, () => record.task.lastStatus === 'RUNNING');
    advanceUntil(ctx, () => record.task.lastStatus === 'STOPPING');
    expect(ctx.clock.now - runningAt).toBeLessThanOrEqual(60_000);
    expect(record.task.stopCode).toBe('EssentialContainerExited');
    expect(targetState(ctx, ctx.instanceId, 32768)).toBe('draining');
    expect(heard.filter((h) => h.startsWith('deregistered'))).toHaveLength(1);
    advanceUntil(ctx, () => record.task.lastStatus === 'STOPPED', 120_000);
  });
});

describe('ECS Task State Change events', () => {
  it('one per lastStatus change, with AWS detail fields and a rising version', () => {
    const ctx = lbContext(1, { 'deregistration_delay.timeout_seconds': '5' });
    const { record } = runServiceTask(ctx);
    record.task.startedBy = 'ecs-svc/1234567890123456789';
    advanceUntil(ctx, () => record.task.lastStatus === 'RUNNING');
    ctx.call('ecs:StopTask', { cluster: 'demo', task: record.task.taskArn });
    advanceUntil(ctx, () => record.task.lastStatus === 'STOPPED');
    const mine = ctx.drafts.filter((d) => d.draft.resources[0] === record.task.taskArn);
    expect(mine.map((d) => d.draft.detail.lastStatus)).toEqual(['ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'STOPPED']);
    expect(mine.every((d) => d.draft.detailType === 'ECS Task State Change')).toBe(true);
    const versions = mine.map((d) => d.draft.detail.version as number);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    const stopped = mine.at(-1)!.draft.detail;
    expect(stopped).toMatchObject({
      clusterArn: record.task.clusterArn,
      taskArn: record.task.taskArn,
      taskDefinitionArn: record.task.taskDefinitionArn,
      desiredStatus: 'STOPPED',
      group: 'family:web',
      startedBy: 'ecs-svc/1234567890123456789',
      stopCode: 'UserInitiated',
      stoppedReason: 'Task stopped by user',
      launchType: 'EC2',
    });
    expect(stopped.updatedAt).toBe(stopped.stoppedAt);
    expect((stopped.containers as { name: string; lastStatus: string }[])[0]).toMatchObject({ name: 'web', lastStatus: 'STOPPED' });
    // The RUNNING event kept the state of its moment, not today's.
    expect(mine[1]!.draft.detail.desiredStatus).toBe('RUNNING');
  });
});

describe('target health reaches the task observer', () => {
  it('an unhealthy image: the target turns unhealthy after 2 checks and the observer hears the reason', () => {
    const ctx = lbContext();
    ctx.call('sim:SetImageBehavior', { image: 'nginx:1.27', behavior: 'unhealthy' });
    const { record, heard } = runServiceTask(ctx);
    advanceUntil(ctx, () => taskLoadBalancerHealth(ctx.state, record) === 'unhealthy', 120_000);
    expect(heard.filter((h) => h.startsWith('health'))).toEqual([`health unhealthy Target.ResponseCodeMismatch :32768 @${ctx.clock.now}`]);
    // Healthy again once the image behaves: 5 passes later.
    ctx.call('sim:SetImageBehavior', { image: 'nginx:1.27', behavior: 'healthy' });
    advanceUntil(ctx, () => taskLoadBalancerHealth(ctx.state, record) === 'healthy', 200_000);
    expect(heard.at(-1)).toMatch(/^health healthy :32768 @/);
  });
});

describe('ECS Task State Change events in the engine', () => {
  it('from the first PENDING of a bridge task to STOPPED, in EventBridge envelopes', async () => {
    const { createEngine } = await import('../../../workers/engine/index.ts');
    const engine = createEngine({ seed: 5 });
    const run = (action: string, request: unknown): any => (engine.dispatch({ [action]: request }) as { response?: unknown }).response;
    run('ecs:CreateCluster', { clusterName: 'demo' });
    run('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 1 });
    run('ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 128, portMappings: [{ containerPort: 80 }] }] });
    const arn = run('ecs:RunTask', { cluster: 'demo', taskDefinition: 'web' }).tasks[0].taskArn;
    engine.advance(20_000);
    run('ecs:StopTask', { cluster: 'demo', task: arn });
    engine.advance(20_000);
    const bridge = engine.snapshot().events.filter((e) => e.eventBridge !== undefined).map((e) => e.eventBridge!);
    expect(bridge.map((e) => e.detail.lastStatus)).toEqual(['PENDING', 'RUNNING', 'STOPPING', 'STOPPED']);
    expect(bridge[0]).toMatchObject({ version: '0', 'detail-type': 'ECS Task State Change', source: 'aws.ecs', resources: [arn], time: '2026-01-01T00:00:00Z' });
    expect(new Set(bridge.map((e) => e.id)).size).toBe(4);
  });
});
