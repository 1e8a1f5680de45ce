// Proves the scheduler on Fargate (tasks spread over the Availability Zones of the service's
// subnets, group service:<name>, startedBy the deployment) and a DAEMON deployment (each instance's
// old task is stopped first, then its new one starts: minimum 0 %, maximum 100 %).
import { describe, expect, it } from 'vitest';
import { createService, demoCluster, eventsOf, liveTasks, runningOf, WEB } from './helpers.ts';

describe('Fargate service', () => {
  it('spreads tasks over the subnets’ zones and completes', () => {
    const ctx = demoCluster(41, 1);
    ctx.call('ecs:RegisterTaskDefinition', {
      family: 'api',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/nginx/nginx:1.27', portMappings: [{ containerPort: 8080 }] }],
    });
    const svc = createService(ctx, {
      serviceName: 'api',
      taskDefinition: 'api',
      launchType: 'FARGATE',
      desiredCount: 4,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], securityGroups: ['sg-default'] } },
    });
    ctx.advance(5 * 60_000);
    const tasks = runningOf(ctx, svc);
    expect(tasks).toHaveLength(4);
    const zones: Record<string, number> = {};
    for (const r of tasks) zones[r.task.availabilityZone] = (zones[r.task.availabilityZone] ?? 0) + 1;
    expect(zones).toEqual({ 'us-east-1a': 2, 'us-east-1b': 2 });
    expect(tasks.every((r) => r.task.launchType === 'FARGATE' && r.task.group === 'service:api' && r.task.startedBy === svc.deployments[0]!.id)).toBe(true);
    expect(eventsOf(svc).at(-1)).toBe('(service api) has reached a steady state.');
  });
});

describe('DAEMON deployment', () => {
  it('replaces each instance’s task: old stopped first, then the new one', () => {
    const ctx = demoCluster(42, 3);
    const svc = createService(ctx, { schedulingStrategy: 'DAEMON', desiredCount: undefined });
    ctx.advance(2 * 60_000);
    const oldId = svc.deployments[0]!.id;
    ctx.call('ecs:RegisterTaskDefinition', WEB('web:v2'));
    ctx.call('ecs:UpdateService', { cluster: 'demo', service: 'api', taskDefinition: 'web:2' });
    ctx.advance(0);
    const newId = svc.deployments[0]!.id;
    expect(newId).not.toBe(oldId);
    // Never two daemon tasks of the service live on one instance.
    for (let t = 0; t < 300; t++) {
      ctx.advance(1000);
      const perInstance = new Map<string, number>();
      for (const r of liveTasks(ctx, svc)) perInstance.set(r.instanceArn!, (perInstance.get(r.instanceArn!) ?? 0) + 1);
      expect(Math.max(0, ...perInstance.values())).toBeLessThanOrEqual(1);
    }
    expect(runningOf(ctx, svc, newId)).toHaveLength(3);
    expect(svc.deployments.map((d) => [d.id, d.rolloutState])).toEqual([[newId, 'COMPLETED']]);
  });
});
