// Course notes, load balancers: an Application Load Balancer with dynamic host port mapping spreads
// requests over several tasks of one service on ONE instance — each task registered as the instance
// id plus its own host port from the ephemeral range — and only healthy targets get requests.
import { describe, expect, it } from 'vitest';
import { advanceUntil, call, clusterEngine, isSteady, running, service } from './helpers.ts';

describe('ALB with dynamic host ports', () => {
  it('spreads requests over 4 tasks of one service on one instance', () => {
    const engine = clusterEngine(1);
    const lb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'web-alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], Type: 'application' }).LoadBalancers[0].LoadBalancerArn;
    const tg = call(engine, 'elbv2:CreateTargetGroup', { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'instance' }).TargetGroups[0].TargetGroupArn;
    call(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] });
    call(engine, 'ecs:CreateService', {
      cluster: 'demo',
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 4,
      loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 80 }],
    });
    const snap = advanceUntil(engine, (s) => isSteady(s) && (s.targetGroups?.[0]?.targets ?? []).filter((t) => t.TargetHealth.State === 'healthy').length === 4, 15 * 60_000);

    const instanceId = snap.containerInstances[0]!.ec2InstanceId;
    const targets = snap.targetGroups!.find((g) => g.TargetGroupArn === tg)!.targets!;
    expect(targets).toHaveLength(4);
    // One instance, four different host ports, all in the ephemeral range.
    expect(new Set(targets.map((t) => t.Target.Id))).toEqual(new Set([instanceId]));
    const ports = targets.map((t) => t.Target.Port);
    expect(new Set(ports).size).toBe(4);
    for (const port of ports) expect(port).toBeGreaterThanOrEqual(32768);
    // Each target is a running task's binding of container port 80.
    const bound = running(snap, 1).map((t) => t.containers[0]!.networkBindings[0]!);
    expect(bound.map((b) => b.hostPort).sort()).toEqual([...ports].sort());
    expect(bound.every((b) => b.containerPort === 80)).toBe(true);

    const sent = call(engine, 'sim:SendRequests', { loadBalancer: 'web-alb', count: 400 });
    expect(sent.failOpen).toBe(false);
    expect(sent.targets).toHaveLength(4);
    expect(new Set(sent.targets.map((t: { taskArn: string }) => t.taskArn)).size).toBe(4);
    // Round robin: 100 requests each.
    expect(sent.targets.map((t: { requests: number }) => t.requests)).toEqual([100, 100, 100, 100]);
    expect(service(snap).loadBalancers).toEqual([{ targetGroupArn: tg, containerName: 'web', containerPort: 80 }]);
  });
});
