// Proves what the scheduler does when tasks fail: a crashed or stopped task is replaced; tasks that
// crash before they ever count as healthy make it back off (up to 15 minutes) and say it "is unable
// to consistently start tasks successfully"; the deployment circuit breaker fails a crashing
// deployment at clamp(ceil(desired/2), 10, 200) failures and rolls back to the last COMPLETED one;
// without rollback a FAILED deployment launches nothing more; unplaceable tasks get AWS's "unable
// to place" event with the closest instance's reason, once, and are placed when capacity arrives.
import { describe, expect, it } from 'vitest';
import { createService, demoCluster, eventsOf, liveTasks, runningOf, schedulerContext, WEB } from './helpers.ts';
import { idOfArn } from '../../../../workers/engine/ids/arn.ts';
import { backoffAfter, MAX_BACKOFF_MS } from '../../../../workers/engine/services/throttle.ts';

describe('replacement and throttling', () => {
  it('the back-off doubles from 10 s and stops at 15 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 50].map(backoffAfter)).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 900_000, 900_000]);
    expect(MAX_BACKOFF_MS).toBe(15 * 60_000);
  });

  it('replaces a task stopped by the user and tasks that crash', () => {
    const ctx = demoCluster(3);
    const svc = createService(ctx, { desiredCount: 3 });
    ctx.advance(2 * 60_000);
    const victim = runningOf(ctx, svc)[0]!;
    ctx.call('ecs:StopTask', { cluster: 'demo', task: victim.task.taskArn });
    ctx.advance(60_000);
    expect(runningOf(ctx, svc)).toHaveLength(3);
    expect(runningOf(ctx, svc).map((r) => r.task.taskArn)).not.toContain(victim.task.taskArn);
    const crashAt = ctx.clock.now;
    ctx.call('sim:SetImageBehavior', { image: 'web:v1', behavior: 'crashAfter', afterSeconds: 1 });
    ctx.advance(5_000);
    ctx.call('sim:SetImageBehavior', { image: 'web:v1', behavior: 'healthy' });
    ctx.advance(2 * 60_000);
    expect(runningOf(ctx, svc)).toHaveLength(3);
    // Each crashed task is replaced once it is STOPPED, in batches ("has started N tasks: (task …) …").
    const started = svc.events.filter((e) => e.createdMs > crashAt && e.message.includes('has started')).map((e) => e.message);
    for (const m of started) expect(m).toMatch(/^\(service api\) has started (\d+) tasks: (\(task [0-9a-f]{32}\) ?)+\.$/);
    expect(started.reduce((n, m) => n + Number(/started (\d+)/.exec(m)![1]), 0)).toBe(3);
  });

  it('backs off when tasks never reach RUNNING, up to 15 minutes, and says it is unable to consistently start tasks', () => {
    const ctx = demoCluster(4);
    // An image in a repository that does not exist: CannotPullContainerError, PENDING → STOPPED.
    ctx.call('ecs:RegisterTaskDefinition', WEB('123456789012.dkr.ecr.us-east-1.amazonaws.com/missing:v1'));
    const svc = createService(ctx, { desiredCount: 1, taskDefinition: 'web:2' });
    ctx.advance(3 * 60 * 60_000);
    // Stopped tasks are forgotten after an hour; the service's "has started" events remember every launch.
    const launches = svc.events.filter((e) => e.message.includes('has started')).map((e) => e.createdMs).reverse();
    const gaps = launches.slice(1).map((t, i) => t - launches[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15 * 60_000 + 60_000);
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(15 * 60_000);
    for (let i = 1; i < 6; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!);
    expect(eventsOf(svc).filter((m) => m === '(service api) is unable to consistently start tasks successfully.')).toHaveLength(1);
    const impaired = ctx.log.filter((l) => l.eventBridge?.detail.eventName === 'SERVICE_TASK_START_IMPAIRED');
    expect(impaired[0]!.eventBridge!.detail.eventType).toBe('WARN');
    // A new deployment resets the back-off at once.
    ctx.call('sim:SetImageBehavior', { image: 'web:v2', behavior: 'healthy' });
    ctx.call('ecs:RegisterTaskDefinition', WEB('web:v2'));
    const before = ctx.clock.now;
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', taskDefinition: 'web:3' });
    ctx.advance(0);
    expect(liveTasks(ctx, svc).some((r) => r.createdMs === before)).toBe(true);
  });

  it('does not throttle tasks that exit right after RUNNING (AWS: they reached RUNNING)', () => {
    const ctx = demoCluster(4);
    ctx.call('sim:SetImageBehavior', { image: 'web:v1', behavior: 'crashOnStart' });
    const svc = createService(ctx, { desiredCount: 1 });
    ctx.advance(10 * 60_000);
    const launches = svc.events.filter((e) => e.message.includes('has started')).length;
    expect(launches).toBeGreaterThan(20);
    expect(eventsOf(svc).some((m) => m.includes('unable to consistently start'))).toBe(false);
  });
});

describe('deployment circuit breaker', () => {
  function crashingDeployment(rollback: boolean) {
    const ctx = demoCluster(5);
    const svc = createService(ctx, { desiredCount: 2, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback } } });
    ctx.advance(3 * 60_000);
    const goodId = svc.deployments[0]!.id;
    expect(svc.deployments[0]!.rolloutState).toBe('COMPLETED');
    ctx.call('ecs:RegisterTaskDefinition', WEB('web:bad'));
    ctx.call('sim:SetImageBehavior', { image: 'web:bad', behavior: 'crashOnStart' });
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', taskDefinition: 'web:2' });
    ctx.advance(0);
    const badId = svc.deployments[0]!.id;
    return { ctx, svc, goodId, badId };
  }

  it('fails after 10 failed tasks and rolls back to the last COMPLETED deployment', () => {
    const { ctx, svc, goodId, badId } = crashingDeployment(true);
    const bad = svc.deployments[0]!;
    ctx.advance(3 * 60 * 60_000);
    const events = eventsOf(svc);
    expect(events).toContain(`(service api) (deployment ${badId}) deployment failed: tasks failed to start.`);
    expect(events).toContain(`(service api) rolling back to deployment ${goodId}.`);
    expect(events.indexOf(`(service api) rolling back to deployment ${goodId}.`)).toBe(events.indexOf(`(service api) (deployment ${badId}) deployment failed: tasks failed to start.`) + 1);
    const primary = svc.deployments[0]!;
    expect(primary.rollbackFrom).toBe(badId);
    expect(primary.taskDefinition.taskDefinitionArn).toMatch(/task-definition\/web:1$/);
    expect(primary.rolloutState).toBe('COMPLETED');
    expect(svc.deployments).toHaveLength(1);
    expect(runningOf(ctx, svc)).toHaveLength(2);
    const changes = ctx.log.filter((l) => l.eventBridge?.detailType === 'ECS Deployment State Change').map((l) => [l.eventBridge!.detail.eventName, l.eventBridge!.detail.reason]);
    expect(changes).toContainEqual(['SERVICE_DEPLOYMENT_FAILED', 'ECS deployment circuit breaker: tasks failed to start.']);
    expect(changes).toContainEqual(['SERVICE_DEPLOYMENT_IN_PROGRESS', `ECS deployment circuit breaker: rolling back to deploymentId ${goodId}.`]);
    // The old tasks kept serving throughout (100% minimum healthy): the failed deployment had 10 failures.
    expect(bad).toMatchObject({ status: 'INACTIVE', rolloutState: 'FAILED', failedTasks: 10 });
  });

  it('without rollback, the FAILED deployment launches nothing more and the old tasks keep running', () => {
    const { ctx, svc, goodId, badId } = crashingDeployment(false);
    ctx.advance(3 * 60 * 60_000);
    expect(svc.deployments.map((d) => [d.id, d.status, d.rolloutState])).toEqual([
      [badId, 'PRIMARY', 'FAILED'],
      [goodId, 'ACTIVE', 'COMPLETED'],
    ]);
    const launched = [...ctx.state.tasks.values()].filter((r) => r.deploymentId === badId).length;
    ctx.advance(60 * 60_000);
    expect([...ctx.state.tasks.values()].filter((r) => r.deploymentId === badId).length).toBe(launched);
    expect(runningOf(ctx, svc, goodId)).toHaveLength(2);
  });
});

describe('placement failures', () => {
  it('says which instance came closest and why, once, and places when capacity arrives', () => {
    const ctx = demoCluster(6, 2, 'm5.large');
    ctx.call('ecs:RegisterTaskDefinition', WEB('web:v1', 4096, 512));
    const svc = createService(ctx, { taskDefinition: 'web:2', desiredCount: 1 });
    ctx.advance(10 * 60_000);
    const unable = eventsOf(svc).filter((m) => m.includes('was unable to place a task'));
    expect(unable).toHaveLength(1);
    const first = [...ctx.state.instances.values()][0]!;
    expect(unable[0]).toBe(
      `(service api) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${idOfArn(first.containerInstanceArn)}) has insufficient CPU units available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
    );
    const failure = ctx.log.find((l) => l.eventBridge?.detail.eventName === 'SERVICE_TASK_PLACEMENT_FAILURE')!;
    expect(failure.eventBridge!.detail).toMatchObject({ eventType: 'ERROR', reason: 'RESOURCE:CPU' });
    ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.2xlarge', count: 1 });
    ctx.advance(16_000);
    expect(liveTasks(ctx, svc)).toHaveLength(1);
  });

  it('tries again as soon as another task of the cluster gives its resources back', () => {
    const ctx = demoCluster(9, 1, 'm5.large');
    ctx.call('ecs:RegisterTaskDefinition', WEB('web:v1', 2048, 256));
    const standalone = ctx.call('ecs:RunTask', { cluster: 'demo', taskDefinition: 'web:2' }).tasks[0].taskArn;
    ctx.advance(60_000);
    const svc = createService(ctx, { taskDefinition: 'web:2', desiredCount: 1 });
    ctx.advance(60_000);
    expect(liveTasks(ctx, svc)).toHaveLength(0);
    expect(eventsOf(svc).filter((m) => m.includes('has insufficient CPU units available'))).toHaveLength(1);
    ctx.call('ecs:StopTask', { cluster: 'demo', task: standalone });
    // The back-off after several failed rounds would be minutes; the freed CPU is noticed within one look (15 s).
    for (let i = 0; i < 5; i++) ctx.advance(60_000);
    const stoppedAt = Date.parse(ctx.state.tasks.get(standalone)!.task.stoppedAt!) - Date.parse('2026-01-01T00:00:00.000Z');
    const placed = liveTasks(ctx, svc)[0]!;
    expect(placed.createdMs - stoppedAt).toBeLessThanOrEqual(15_000);
  });

  it('a cluster without container instances: AWS\'s reason, then the tasks start when instances register', () => {
    const ctx = schedulerContext(10);
    ctx.call('ecs:CreateCluster', { clusterName: 'demo' });
    ctx.call('ecs:RegisterTaskDefinition', WEB());
    const svc = createService(ctx, { desiredCount: 2 });
    ctx.advance(10 * 60_000);
    expect(eventsOf(svc)).toEqual([
      '(service api) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
    ]);
    const added = ctx.clock.now;
    ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 2 });
    ctx.advance(16_000);
    const tasks = liveTasks(ctx, svc);
    expect(tasks).toHaveLength(2);
    expect(Math.max(...tasks.map((r) => r.createdMs)) - added).toBeLessThanOrEqual(15_000);
  });
});
