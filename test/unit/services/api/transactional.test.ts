// Proves a refused service command leaves the sandbox exactly as it was, with a live service
// whose tasks are running: the snapshot JSON is byte-identical, the next timer is the same, and
// the PRNG is untouched (a later CreateService draws the same deployment id as in a run where the
// refused command never happened).
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Step } from '../../../../workers/protocol.ts';
import { AWSVPC, call, createOk, errorOf, world, type World } from './helpers.ts';

const REFUSED: [string, (w: World) => Step][] = [
  ['CreateService duplicate name', () => ({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 9 } })],
  ['CreateService target type mismatch', (w) => ({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'x', taskDefinition: 'web', desiredCount: 1, loadBalancers: [{ targetGroupArn: w.ipTg, containerName: 'web', containerPort: 80 }] } })],
  ['CreateService DAEMON on Fargate', () => ({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'x', taskDefinition: 'api', launchType: 'FARGATE', schedulingStrategy: 'DAEMON', networkConfiguration: AWSVPC } })],
  ['CreateService min > max', () => ({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'x', taskDefinition: 'web', desiredCount: 1, deploymentConfiguration: { minimumHealthyPercent: 90, maximumPercent: 80 } } })],
  ['CreateService awsvpc without network', () => ({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'x', taskDefinition: 'api', desiredCount: 1 } })],
  ['UpdateService new task definition with a bad network', () => ({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', taskDefinition: 'api' } })],
  ['UpdateService desiredCount and a bad deployment configuration', () => ({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 5, deploymentConfiguration: { minimumHealthyPercent: 120 } } })],
  ['UpdateService forceNewDeployment with a bad grace period', () => ({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', forceNewDeployment: true, healthCheckGracePeriodSeconds: -10 } })],
  ['DeleteService scaled above 0', () => ({ 'ecs:DeleteService': { cluster: 'demo', service: 'web' } })],
  ['DescribeServices 11 names', () => ({ 'ecs:DescribeServices': { cluster: 'demo', services: Array.from({ length: 11 }, () => 'web') } })],
  ['ListServices bad token', () => ({ 'ecs:ListServices': { cluster: 'demo', nextToken: 'nope' } })],
];

function live(): World {
  const w = world(21);
  createOk(w.engine, { desiredCount: 3, loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }] });
  w.engine.advance(90_000);
  return w;
}

const nextDeploymentId = (engine: SandboxEngine): string =>
  call(engine, 'ecs:CreateService', { cluster: 'demo', serviceName: 'probe', taskDefinition: 'web', desiredCount: 0 }).service.deployments[0].id;

describe('refused service commands change nothing', () => {
  it('the live service is running before the refusals', () => {
    const w = live();
    const web = w.engine.snapshot().services.find((s) => s.serviceName === 'web')!;
    expect(web.runningCount + web.pendingCount).toBeGreaterThan(0);
  });

  it.each(REFUSED)('%s', (_name, step) => {
    const w = live();
    const before = JSON.stringify(w.engine.snapshot());
    const timer = w.engine.nextTimerAt();
    errorOf(w.engine.dispatch(step(w)));
    expect(JSON.stringify(w.engine.snapshot())).toBe(before);
    expect(w.engine.nextTimerAt()).toBe(timer);
    expect(nextDeploymentId(w.engine)).toBe(nextDeploymentId(live().engine));
  });
});
