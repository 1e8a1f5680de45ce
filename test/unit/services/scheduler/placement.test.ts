// Proves where the scheduler puts and takes away tasks: the default spread over Availability Zones
// then instances; scale-in from the AZ with the most tasks (so the AZs stay balanced); DAEMON
// services get one task per ACTIVE instance, on new instances too, none on DRAINING ones; tasks of
// a REPLICA service on a DRAINING instance are replaced; DeleteService stops every task and the
// service goes INACTIVE; the same seed gives the same events.
import { describe, expect, it } from 'vitest';
import { createService, demoCluster, eventsOf, liveTasks, runningOf, type SchedulerContext } from './helpers.ts';
import type { ServiceRecord } from '../../../../workers/engine/services/model.ts';

const zonesOf = (ctx: SchedulerContext, svc: ServiceRecord): Record<string, number> => {
  const zones: Record<string, number> = {};
  for (const r of liveTasks(ctx, svc)) zones[r.task.availabilityZone] = (zones[r.task.availabilityZone] ?? 0) + 1;
  return zones;
};

describe('placement and scale-in', () => {
  it('spreads over AZs and instances, and scales in from the fullest AZ', () => {
    const ctx = demoCluster(11, 6);
    const svc = createService(ctx, { desiredCount: 6 });
    ctx.advance(2 * 60_000);
    expect(Object.values(zonesOf(ctx, svc))).toEqual([2, 2, 2]);
    expect(new Set(liveTasks(ctx, svc).map((r) => r.instanceArn)).size).toBe(6);
    expect(liveTasks(ctx, svc).every((r) => r.task.group === 'service:api' && r.task.startedBy === svc.deployments[0]!.id)).toBe(true);
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', desiredCount: 3 });
    ctx.advance(2 * 60_000);
    expect(Object.values(zonesOf(ctx, svc))).toEqual([1, 1, 1]);
    expect(eventsOf(svc).some((m) => /^\(service api\) has stopped 3 running tasks: (\(task [0-9a-f]{32}\) ?){3}\.$/.test(m))).toBe(true);
  });

  it('replaces the tasks of a DRAINING instance within the deployment configuration', () => {
    const ctx = demoCluster(12, 3);
    const svc = createService(ctx, { desiredCount: 3, placementConstraints: [{ type: 'distinctInstance' }] });
    ctx.advance(2 * 60_000);
    ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 1 });
    const drained = runningOf(ctx, svc)[0]!;
    ctx.call('ecs:UpdateContainerInstancesState', { cluster: 'demo', containerInstances: [drained.instanceArn], status: 'DRAINING' });
    ctx.advance(16_000);
    // 100% minimum healthy: the replacement starts first, the drained task stops once it is healthy.
    expect(drained.task.desiredStatus).toBe('RUNNING');
    expect(liveTasks(ctx, svc)).toHaveLength(4);
    ctx.advance(3 * 60_000);
    expect(drained.task.lastStatus).toBe('STOPPED');
    expect(runningOf(ctx, svc)).toHaveLength(3);
    expect(runningOf(ctx, svc).map((r) => r.instanceArn)).not.toContain(drained.instanceArn);
    expect(eventsOf(svc).at(-1)).toBe('(service api) has reached a steady state.');
  });

  it('stops a PENDING task on a DRAINING instance at once ("stopped N pending tasks.") and places it elsewhere', () => {
    const ctx = demoCluster(15, 3);
    const svc = createService(ctx, { desiredCount: 1 });
    ctx.advance(0);
    const pending = liveTasks(ctx, svc)[0]!;
    expect(pending.task.lastStatus).not.toBe('RUNNING');
    ctx.call('ecs:UpdateContainerInstancesState', { cluster: 'demo', containerInstances: [pending.instanceArn], status: 'DRAINING' });
    // The scheduler's next look (here: the pass an UpdateService asks for at once).
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', desiredCount: 1 });
    ctx.advance(0);
    expect(pending.task.desiredStatus).toBe('STOPPED');
    expect(eventsOf(svc)).toContain('(service api) stopped 1 pending tasks.');
    ctx.advance(2 * 60_000);
    expect(runningOf(ctx, svc)).toHaveLength(1);
    expect(runningOf(ctx, svc)[0]!.instanceArn).not.toBe(pending.instanceArn);
  });

  it('DAEMON: one task per ACTIVE instance, new instances included, none on DRAINING ones', () => {
    const ctx = demoCluster(13, 3);
    const svc = createService(ctx, { schedulingStrategy: 'DAEMON', desiredCount: undefined, deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100 } });
    ctx.advance(2 * 60_000);
    expect(new Set(runningOf(ctx, svc).map((r) => r.instanceArn)).size).toBe(3);
    expect(svc.desiredCount).toBe(3);
    ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 2 });
    ctx.advance(60_000);
    expect(new Set(runningOf(ctx, svc).map((r) => r.instanceArn)).size).toBe(5);
    const drained = runningOf(ctx, svc)[0]!;
    ctx.call('ecs:UpdateContainerInstancesState', { cluster: 'demo', containerInstances: [drained.instanceArn], status: 'DRAINING' });
    ctx.advance(60_000);
    expect(drained.task.lastStatus).toBe('STOPPED');
    expect(runningOf(ctx, svc)).toHaveLength(4);
    expect(svc.desiredCount).toBe(4);
  });
});

describe('DeleteService and determinism', () => {
  it('DeleteService stops every task, then the service is INACTIVE', () => {
    const ctx = demoCluster(14, 3);
    const svc = createService(ctx, { desiredCount: 3 });
    ctx.advance(2 * 60_000);
    ctx.call('ecs:DeleteService', { cluster: 'demo', service: 'api', force: true });
    ctx.advance(0);
    expect(svc.status).toBe('DRAINING');
    ctx.advance(2 * 60_000);
    expect(svc.status).toBe('INACTIVE');
    expect(liveTasks(ctx, svc)).toHaveLength(0);
  });

  it('the same seed gives the same service events and EventBridge events', () => {
    const runOnce = (): string[] => {
      const ctx = demoCluster(21, 3);
      const svc = createService(ctx, { desiredCount: 4, deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 150 } });
      ctx.advance(2 * 60_000);
      ctx.call('ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'web:v2', cpu: 256, memory: 256 }] });
      ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', taskDefinition: 'web:2', desiredCount: 6 });
      ctx.advance(10 * 60_000);
      return [...eventsOf(svc), ...ctx.log.map((l) => `${l.time} ${l.kind} ${l.message} ${JSON.stringify(l.eventBridge ?? null)}`)];
    };
    const a = runOnce();
    expect(runOnce()).toEqual(a);
    expect(a.length).toBeGreaterThan(20);
  });
});
