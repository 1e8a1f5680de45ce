// Course notes, rolling update example 1: a service of 10 tasks with minimumHealthyPercent 60 — on a
// new revision ECS first stops 4 old tasks and keeps 6 (ceil(10 × 60 %) = 6 must stay healthy), and
// the deployment then completes with 10 new tasks. Black box, through the public engine API.
// maximumPercent 100 leaves no room for extra tasks, so the stop of 4 comes first, as the notes tell it;
// with the default 200 the same 6 old tasks are kept while the new ones start.
import { describe, expect, it } from 'vitest';
import { advanceUntil, call, clusterEngine, isSteady, running, service, wanted, webTaskDefinition } from './helpers.ts';

describe.each([100, 200])('10 tasks, minimumHealthyPercent 60, maximumPercent %i', (maximumPercent) => {
  it('stops 4 old tasks and keeps 6 at first, then completes on the new revision', () => {
    const engine = clusterEngine(3);
    call(engine, 'ecs:CreateService', {
      cluster: 'demo',
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 10,
      deploymentConfiguration: { minimumHealthyPercent: 60, maximumPercent },
    });
    advanceUntil(engine, isSteady, 10 * 60_000);
    call(engine, 'ecs:RegisterTaskDefinition', webTaskDefinition('v2'));
    call(engine, 'ecs:UpdateService', { cluster: 'demo', service: 'web', taskDefinition: 'web:2' });

    engine.advance(1000);
    let snap = engine.snapshot();
    expect(service(snap).deployments.map((d) => d.status)).toEqual(['PRIMARY', 'ACTIVE']);
    // ceil(10 × 60 / 100) = 6 old tasks stay; 4 are stopped.
    expect(wanted(snap, 1)).toHaveLength(6);
    // New tasks start within maximumPercent: at most floor(10 × max / 100) − 6 of them (4 at 100 %,
    // while the 4 stopped ones still count until they are STOPPED; 10 at 200 %).
    expect(wanted(snap, 2).length).toBeLessThanOrEqual(Math.min(10, Math.floor((10 * maximumPercent) / 100) - 6));

    // Until a new task is healthy (no load balancer: RUNNING for 40 s), the 6 old ones stay.
    let fewestOld = 6;
    snap = advanceUntil(engine, isSteady, 30 * 60_000, 1000, (s) => {
      if (running(s, 2).length === 0) expect(wanted(s, 1)).toHaveLength(6);
      fewestOld = Math.min(fewestOld, wanted(s, 1).length);
      // At no moment are fewer than 6 tasks RUNNING in all (the service's minimum healthy count).
      expect(running(s, 1).length + running(s, 2).length).toBeGreaterThanOrEqual(6);
    });
    expect(fewestOld).toBe(0);
    const web = service(snap);
    expect(web.deployments).toHaveLength(1);
    expect(web.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 10 });
    expect(web.taskDefinition).toMatch(/task-definition\/web:2$/);
    expect(running(snap, 2)).toHaveLength(10);
  });
});
