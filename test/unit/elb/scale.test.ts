// Proves health checking at the scale: 1,000 bridge targets on 100 instances (dynamic host
// ports), health-checked every 30 s over a virtual day (2,880 rounds on one timer), all end healthy.
// (Its wall time belongs in a benchmark command, with issue 5's figure; it is not asserted here.)
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { call } from './helpers.ts';

describe('elbv2 at scale', () => {
  it('1,000 targets stay healthy over a virtual day', () => {
    const engine = createEngine({ seed: 3 });
    call(engine, 'ecs:CreateCluster', { clusterName: 'demo' });
    call(engine, 'sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.xlarge', count: 100, availabilityZones: ['us-east-1a', 'us-east-1b'] });
    call(engine, 'ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128, cpu: 64, portMappings: [{ containerPort: 80, hostPort: 0 }] }] });
    for (let i = 0; i < 100; i++) call(engine, 'ecs:RunTask', { cluster: 'demo', taskDefinition: 'web', count: 10 });
    engine.advance(60_000);
    const lb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] }).LoadBalancers[0].LoadBalancerArn;
    const tg = call(engine, 'elbv2:CreateTargetGroup', { Name: 'tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' }).TargetGroups[0].TargetGroupArn;
    call(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] });
    const snap = engine.snapshot();
    const ids = new Map(snap.containerInstances.map((c) => [c.containerInstanceArn, c.ec2InstanceId]));
    const targets = snap.tasks.map((t) => ({ Id: ids.get(t.containerInstanceArn!), Port: t.containers[0]!.networkBindings![0]!.hostPort }));
    call(engine, 'elbv2:RegisterTargets', { TargetGroupArn: tg, Targets: targets });
    engine.advance(24 * 3_600_000);
    const states = call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg }).TargetHealthDescriptions.map((d: any) => d.TargetHealth.State);
    expect(states.filter((s: string) => s === 'healthy')).toHaveLength(1000);
  });
});
