// Course notes, rolling update example 2: with the default deployment configuration
// (minimumHealthyPercent 100, maximumPercent 200) and room in the cluster, ECS starts all the new
// tasks before it stops any old one — the service never has fewer than desiredCount tasks running.
import { describe, expect, it } from 'vitest';
import { advanceUntil, call, clusterEngine, isSteady, running, service, wanted, webTaskDefinition } from './helpers.ts';

describe('defaults 100 % / 200 %', () => {
  it('are the defaults DescribeServices shows', () => {
    const engine = clusterEngine(2);
    call(engine, 'ecs:CreateService', { cluster: 'demo', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 4 });
    expect(service(engine.snapshot()).deploymentConfiguration).toMatchObject({ minimumHealthyPercent: 100, maximumPercent: 200 });
  });

  it('start all new tasks before stopping old ones, then complete', () => {
    const engine = clusterEngine(2);
    call(engine, 'ecs:CreateService', { cluster: 'demo', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 6 });
    advanceUntil(engine, isSteady, 10 * 60_000);
    call(engine, 'ecs:RegisterTaskDefinition', webTaskDefinition('v2'));
    call(engine, 'ecs:UpdateService', { cluster: 'demo', service: 'web', taskDefinition: 'web:2' });

    // Up to the first stop of an old task: all 6 old ones wanted, and 6 new ones started (200 % of 6 = 12 in all).
    const firstStop = advanceUntil(engine, (s) => wanted(s, 1).length < 6, 10 * 60_000, 1000, (s) => {
      expect(wanted(s, 1).length + wanted(s, 2).length).toBeLessThanOrEqual(12);
    });
    expect(wanted(firstStop, 2)).toHaveLength(6);
    expect(running(firstStop, 2).length).toBeGreaterThan(0);

    const done = advanceUntil(engine, isSteady, 30 * 60_000, 1000, (s) => {
      // minimumHealthyPercent 100: never fewer than 6 tasks running.
      expect(running(s, 1).length + running(s, 2).length).toBeGreaterThanOrEqual(6);
    });
    expect(running(done, 2)).toHaveLength(6);
    expect(service(done).deployments[0]).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 6 });
  });
});
