// Proves the rolling deployments of the course notes and ecs-reference §5: with minimum healthy 60%
// (maximum 100%) a deployment of 10 tasks stops 4 old tasks and keeps 6 at first; with the defaults
// 100/200 it starts all 10 new tasks before stopping any old one; 75% of 2 (maximum 100%) can
// neither stop nor start, and says so once; every deployment ends COMPLETED with AWS's events.
import { describe, expect, it } from 'vitest';
import { createService, demoCluster, eventsOf, liveTasks, WEB, type SchedulerContext } from './helpers.ts';
import type { ServiceRecord } from '../../../../workers/engine/services/model.ts';

function steady(desiredCount: number, deploymentConfiguration?: Record<string, unknown>): { ctx: SchedulerContext; svc: ServiceRecord; firstId: string } {
  const ctx = demoCluster(7, 3);
  const svc = createService(ctx, { desiredCount, ...(deploymentConfiguration === undefined ? {} : { deploymentConfiguration }) });
  ctx.advance(3 * 60_000);
  expect(liveTasks(ctx, svc).filter((r) => r.task.lastStatus === 'RUNNING')).toHaveLength(desiredCount);
  expect(svc.deployments[0]!.rolloutState).toBe('COMPLETED');
  ctx.call('ecs:RegisterTaskDefinition', WEB('web:v2'));
  return { ctx, svc, firstId: svc.deployments[0]!.id };
}

function byDeployment(ctx: SchedulerContext, svc: ServiceRecord, id: string) {
  const all = [...ctx.state.tasks.values()].filter((r) => r.serviceArn === svc.arn && r.deploymentId === id && r.task.lastStatus !== 'STOPPED');
  return { live: all.filter((r) => r.task.desiredStatus === 'RUNNING').length, stopping: all.filter((r) => r.task.desiredStatus === 'STOPPED').length };
}

describe('rolling deployments', () => {
  it('10 tasks, minimum healthy 60%, maximum 100%: stops 4 and keeps 6 at first, then completes', () => {
    const { ctx, svc, firstId } = steady(10, { minimumHealthyPercent: 60, maximumPercent: 100 });
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', taskDefinition: 'web:2' });
    ctx.advance(0);
    const newId = svc.deployments[0]!.id;
    expect(newId).not.toBe(firstId);
    expect(byDeployment(ctx, svc, firstId)).toEqual({ live: 6, stopping: 4 });
    expect(byDeployment(ctx, svc, newId).live).toBe(0);
    ctx.advance(30 * 60_000);
    expect(byDeployment(ctx, svc, newId).live).toBe(10);
    expect(svc.deployments.map((d) => [d.status, d.rolloutState])).toEqual([['PRIMARY', 'COMPLETED']]);
    const events = eventsOf(svc);
    expect(events).toContain(`(service api) (deployment ${newId}) deployment completed.`);
    expect(events.at(-1)).toBe('(service api) has reached a steady state.');
  });

  it('defaults 100/200: all 10 new tasks start before any old one stops', () => {
    const { ctx, svc, firstId } = steady(10);
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', taskDefinition: 'web:2' });
    ctx.advance(0);
    const newId = svc.deployments[0]!.id;
    expect(byDeployment(ctx, svc, newId).live).toBe(10);
    expect(byDeployment(ctx, svc, firstId)).toEqual({ live: 10, stopping: 0 });
    // Old tasks stop only once new ones count as healthy (RUNNING for 40 s without checks).
    let sawOldStopWhileNewUnhealthy = false;
    for (let t = 0; t < 120; t++) {
      ctx.advance(1000);
      const newRunning = liveTasks(ctx, svc).filter((r) => r.deploymentId === newId && r.task.lastStatus === 'RUNNING' && ctx.clock.now - (r.startedMs ?? Infinity) >= 40_000).length;
      if (byDeployment(ctx, svc, firstId).stopping > newRunning) sawOldStopWhileNewUnhealthy = true;
    }
    expect(sawOldStopWhileNewUnhealthy).toBe(false);
    ctx.advance(10 * 60_000);
    expect(byDeployment(ctx, svc, firstId)).toEqual({ live: 0, stopping: 0 });
    expect(svc.deployments).toHaveLength(1);
    expect(svc.deployments[0]!.rolloutState).toBe('COMPLETED');
    expect(svc.deployments[0]!.rolloutStateReason).toBe(`ECS deployment ${newId} completed.`);
    const stopped = [...ctx.state.tasks.values()].filter((r) => r.deploymentId === firstId);
    expect(new Set(stopped.map((r) => `${r.task.stopCode} ${r.task.stoppedReason}`))).toEqual(new Set([`ServiceSchedulerInitiated Scaling activity initiated by (deployment ${firstId})`]));
    expect(eventsOf(svc).some((m) => /^\(service api\) has stopped \d+ running tasks: (\(task [0-9a-f]{32}\) ?)+\.$/.test(m))).toBe(true);
  });

  it('75% of 2 with maximum 100%: neither a stop nor a start is possible, reported once', () => {
    const { ctx, svc, firstId } = steady(2, { minimumHealthyPercent: 75, maximumPercent: 100 });
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', taskDefinition: 'web:2' });
    for (let i = 0; i < 5; i++) {
      ctx.advance(60_000);
      ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', desiredCount: 2 });
    }
    const stuck = '(service api) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.';
    expect(eventsOf(svc).filter((m) => m === stuck)).toHaveLength(1);
    expect(byDeployment(ctx, svc, firstId)).toEqual({ live: 2, stopping: 0 });
    expect(svc.deployments[0]!.rolloutState).toBe('IN_PROGRESS');
    // Lowering the minimum unblocks it.
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 } });
    ctx.advance(20 * 60_000);
    expect(svc.deployments).toHaveLength(1);
    expect(svc.deployments[0]!.rolloutState).toBe('COMPLETED');
  });

  it('writes ECS Deployment State Change events: IN_PROGRESS then COMPLETED', () => {
    const { ctx, svc } = steady(2);
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', taskDefinition: 'web:2' });
    ctx.advance(10 * 60_000);
    const id = svc.deployments[0]!.id;
    const details = ctx.log.filter((l) => l.eventBridge?.detailType === 'ECS Deployment State Change' && l.eventBridge.detail.deploymentId === id).map((l) => l.eventBridge!.detail);
    expect(details.map((d) => [d.eventType, d.eventName, d.reason])).toEqual([
      ['INFO', 'SERVICE_DEPLOYMENT_IN_PROGRESS', `ECS deployment ${id} in progress.`],
      ['INFO', 'SERVICE_DEPLOYMENT_COMPLETED', `ECS deployment ${id} completed.`],
    ]);
  });

  it('repeats the steady state note every 6 hours while it lasts, and nothing in between', () => {
    const ctx = demoCluster(8, 3);
    const svc = createService(ctx, { desiredCount: 2 });
    ctx.advance(13 * 60 * 60_000);
    const steady = svc.events.filter((e) => e.message === '(service api) has reached a steady state.').map((e) => e.createdMs).reverse();
    expect(steady).toHaveLength(3);
    expect(steady[1]! - steady[0]!).toBe(6 * 60 * 60_000);
    expect(steady[2]! - steady[1]!).toBe(6 * 60 * 60_000);
    expect(svc.events).toHaveLength(5);
  });
});
