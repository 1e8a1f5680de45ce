// Proves a service target that fails its health checks is seen `unhealthy` (with ELB's reason) for
// ELB_NOTICE_MS before the scheduler replaces its task — the security-group pitfall shows
// Target.Timeout in DescribeTargetHealth, not only in the service events — and that security groups
// can be named with ${securityGroup:…} references.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { ELB_NOTICE_MS } from '../../../workers/engine/services/scheduler-tasks.ts';

describe('an unhealthy service target is visible before its task is replaced', () => {
  it('stays unhealthy with Target.Timeout for the notice period, then drains', () => {
    const engine = createEngine({ seed: 4 });
    const steps = [
      { 'ecs:CreateCluster': { clusterName: 'demo' } },
      { 'ec2:CreateSecurityGroup': { GroupName: 'inst', Description: 'instances' } },
      { 'ec2:CreateSecurityGroup': { GroupName: 'alb', Description: 'alb' } },
      { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count: 2, securityGroupIds: ['${securityGroup:inst}'] } },
      { 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1', memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }] } },
      { 'elbv2:CreateLoadBalancer': { Name: 'alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], SecurityGroups: ['${securityGroup:alb}'] } },
      { 'elbv2:CreateTargetGroup': { Name: 'tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' } },
      { 'elbv2:CreateListener': { LoadBalancerArn: '${loadBalancer:alb}', Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: '${targetGroup:tg}' }] } },
      { 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 1, loadBalancers: [{ targetGroupArn: '${targetGroup:tg}', containerName: 'web', containerPort: 80 }] } },
    ];
    for (const step of steps) {
      const result = engine.dispatch(step);
      if ('error' in result) throw new Error(`${result.action}: ${result.error.message}`);
    }
    let firstUnhealthy: number | undefined;
    let firstDraining: number | undefined;
    for (let t = 0; t < 300 && firstDraining === undefined; t++) {
      engine.advance(1_000);
      const target = engine.snapshot().targetGroups![0]!.targets![0];
      if (target?.TargetHealth.State === 'unhealthy') {
        firstUnhealthy ??= engine.snapshot().time;
        expect(target.TargetHealth.Reason).toBe('Target.Timeout');
      }
      if (target?.TargetHealth.State === 'draining') firstDraining = engine.snapshot().time;
    }
    expect(firstUnhealthy).toBeDefined();
    expect(firstDraining).toBeDefined();
    expect(firstDraining! - firstUnhealthy!).toBeGreaterThanOrEqual(ELB_NOTICE_MS - 1_000);
    expect(firstDraining! - firstUnhealthy!).toBeLessThanOrEqual(ELB_NOTICE_MS + 3_000);
  });
});
