// Proves the hook the service scheduler will use: a task's observer hears when its healthStatus
// changes (with the new status already set) and when it reaches STOPPED (with its stop code).
import { describe, expect, it } from 'vitest';
import { testContext } from '../fargate/context.ts';
import { taskDefinition } from './helpers.ts';

describe('task lifecycle observer', () => {
  it('hears health changes and the stop of an essential exit', () => {
    const ctx = testContext(1);
    ctx.call('ecs:CreateCluster', { clusterName: 'demo' });
    ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 1 });
    ctx.call('ecs:RegisterTaskDefinition', taskDefinition('app', [{ name: 'web', image: 'web:v2', healthCheck: { interval: 5, retries: 1 } }]));
    ctx.call('sim:SetImageBehavior', { image: 'web:v2', behavior: 'unhealthy' });
    ctx.call('ecs:RunTask', { cluster: 'demo', taskDefinition: 'app' });
    const record = [...ctx.state.tasks.values()][0]!;
    const heard: string[] = [];
    record.observer = {
      healthChanged: (r) => heard.push(`health ${r.task.healthStatus} at ${ctx.clock.now - (r.startedMs ?? 0)}`),
      stopped: (r) => heard.push(`stopped ${r.task.stopCode}`),
    };
    ctx.clock.advance(60_000);
    ctx.call('sim:SetImageBehavior', { image: 'web:v2', behavior: 'crashAfter', afterSeconds: 120 });
    ctx.clock.advance(600_000);
    // A crashAfter image answers its checks until it crashes: HEALTHY at the next check on its 5 s grid (RUNNING + 60 s).
    expect(heard).toEqual(['health UNHEALTHY at 5000', 'health HEALTHY at 60000', 'stopped EssentialContainerExited']);
  });
});
