// Proves how health decides a service task's fate: behind an ALB a task counts for its deployment
// once its target is healthy (and ECS writes "registered 1 targets in (target-group …)"); a target
// that fails its health checks gets its task stopped and replaced with AWS's wording — the service
// event "(service …) (instance …) (port …) is unhealthy in (target-group …) due to (reason …)." and
// stoppedReason "Task failed ELB health checks in (target-group …)" — but not before
// healthCheckGracePeriodSeconds; a container health check failure gives "failed container health
// checks" and "Task failed container health checks".
import { describe, expect, it } from 'vitest';
import { createService, demoCluster, eventsOf, liveTasks, runningOf, WEB, type SchedulerContext } from './helpers.ts';

function withAlb(ctx: SchedulerContext): string {
  const lb = ctx.call('elbv2:CreateLoadBalancer', { Name: 'web-alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b', 'subnet-us-east-1c'] }).LoadBalancers[0].LoadBalancerArn;
  const tg = ctx.call('elbv2:CreateTargetGroup', { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', HealthCheckIntervalSeconds: 10 }).TargetGroups[0].TargetGroupArn;
  ctx.call('elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] });
  return tg;
}

const lbMapping = (tg: string) => [{ targetGroupArn: tg, containerName: 'web', containerPort: 80 }];

describe('behind a load balancer', () => {
  it('registers targets, completes the deployment once they are healthy, then reaches steady state', () => {
    const ctx = demoCluster(31, 3);
    const tg = withAlb(ctx);
    const svc = createService(ctx, { desiredCount: 3, loadBalancers: lbMapping(tg) });
    ctx.advance(15 * 60_000);
    const events = eventsOf(svc);
    expect(events.filter((m) => m === `(service api) registered 1 targets in (target-group ${tg})`)).toHaveLength(3);
    expect(events.at(-1)).toBe('(service api) has reached a steady state.');
    expect(events.at(-2)).toBe(`(service api) (deployment ${svc.deployments[0]!.id}) deployment completed.`);
    const tgRecord = ctx.state.elb!.targetGroups.get(tg)!;
    expect([...tgRecord.targets.values()].map((t) => t.state)).toEqual(['healthy', 'healthy', 'healthy']);
  });

  it('replaces a task whose target fails its health checks, with AWS wording', () => {
    const ctx = demoCluster(32, 3);
    const tg = withAlb(ctx);
    const svc = createService(ctx, { desiredCount: 2, loadBalancers: lbMapping(tg) });
    ctx.advance(10 * 60_000);
    const before = runningOf(ctx, svc).map((r) => r.task.taskArn);
    ctx.call('sim:SetImageBehavior', { image: 'web:v1', behavior: 'unhealthy' });
    ctx.advance(2 * 60_000);
    const stopped = before.map((arn) => ctx.state.tasks.get(arn)!).filter((r) => r.task.desiredStatus === 'STOPPED');
    expect(stopped.length).toBeGreaterThan(0);
    for (const r of stopped) {
      expect(r.task.stopCode).toBe('ServiceSchedulerInitiated');
      expect(r.task.stoppedReason).toBe(`Task failed ELB health checks in (target-group ${tg})`);
    }
    const unhealthy = eventsOf(svc).filter((m) => m.includes('is unhealthy in'));
    expect(unhealthy[0]).toMatch(new RegExp(`^\\(service api\\) \\(instance i-[0-9a-f]{17}\\) \\(port \\d+\\) is unhealthy in \\(target-group ${tg.replace(/[/.]/g, '\\$&')}\\) due to \\(reason [^)]+\\)\\.$`));
    expect(eventsOf(svc).some((m) => m.startsWith('(service api) deregistered 1 targets in (target-group '))).toBe(true);
    expect(liveTasks(ctx, svc)).toHaveLength(2);
    // The task drains its connections first (deregistration delay 300 s); "has stopped" comes after.
    ctx.call('sim:SetImageBehavior', { image: 'web:v1', behavior: 'healthy' });
    ctx.advance(10 * 60_000);
    const at = (pattern: RegExp) => svc.events.find((e) => pattern.test(e.message))?.createdMs ?? NaN;
    const drainingAt = Math.min(...svc.events.filter((e) => e.message.includes('has begun draining connections on')).map((e) => e.createdMs));
    const stoppedEvent = svc.events.find((e) => /has stopped \d+ running tasks/.test(e.message) && e.message.includes(stopped[0]!.task.taskArn.split('/').pop()!))!;
    expect(stoppedEvent.createdMs - drainingAt).toBeGreaterThanOrEqual(300_000);
    expect(at(/steady state/)).toBeGreaterThan(stoppedEvent.createdMs);
  });

  it('ignores unhealthy targets during healthCheckGracePeriodSeconds', () => {
    const ctx = demoCluster(33, 3);
    const tg = withAlb(ctx);
    ctx.call('sim:SetImageBehavior', { image: 'web:v1', behavior: 'unhealthy' });
    const svc = createService(ctx, { desiredCount: 1, loadBalancers: lbMapping(tg), healthCheckGracePeriodSeconds: 300 });
    ctx.advance(60_000);
    const first = liveTasks(ctx, svc)[0]!;
    ctx.advance(3 * 60_000);
    expect(first.task.lastStatus).toBe('RUNNING');
    expect(first.task.desiredStatus).toBe('RUNNING');
    expect([...ctx.state.elb!.targetGroups.get(tg)!.targets.values()][0]!.state).toBe('unhealthy');
    ctx.advance(3 * 60_000);
    expect(first.task.desiredStatus).toBe('STOPPED');
    expect(ctx.clock.now - (first.startedMs ?? 0)).toBeGreaterThanOrEqual(300_000);
  });
});

describe('container health checks', () => {
  it('counts a task healthy when HEALTHY, and replaces an UNHEALTHY one', () => {
    const ctx = demoCluster(34, 3);
    ctx.call('ecs:RegisterTaskDefinition', WEB('web:v1', 256, 256, { healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: 10, retries: 2 } }));
    const svc = createService(ctx, { desiredCount: 2, taskDefinition: 'web:2' });
    ctx.advance(5 * 60_000);
    expect(svc.deployments[0]!.rolloutState).toBe('COMPLETED');
    const before = runningOf(ctx, svc);
    ctx.call('sim:SetImageBehavior', { image: 'web:v1', behavior: 'unhealthy' });
    ctx.advance(60_000);
    for (const r of before) {
      expect(r.task.desiredStatus).toBe('STOPPED');
      expect(r.task.stoppedReason).toBe('Task failed container health checks');
    }
    expect(eventsOf(svc)).toContain(`(service api) (task ${before[0]!.task.taskArn.split('/').pop()}) failed container health checks.`);
  });
});
