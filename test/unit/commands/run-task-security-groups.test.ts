// Proves RunTask takes security groups made with ec2:CreateSecurityGroup (on EC2 in awsvpc mode and
// on Fargate), refuses unknown ones, and that the task's ENI keeps its groups — which a load
// balancer's health checks then meet (an ip target judged by the task's own group, not sg-default).
import { describe, expect, it } from 'vitest';
import { call, elbEngine, errorOf, WEB_AWSVPC } from '../elb/helpers.ts';

describe('RunTask with created security groups', () => {
  it('accepts a created group, refuses an unknown one, and the ENI keeps it', () => {
    const engine = elbEngine(6);
    const sg = call(engine, 'ec2:CreateSecurityGroup', { GroupName: 'api', Description: 'api tasks' }).GroupId as string;
    const network = (groups: string[]) => ({ awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], securityGroups: groups } });
    expect(errorOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api', networkConfiguration: network(['sg-nope']) } })).code).toBe('InvalidParameterException');
    const task = call(engine, 'ecs:RunTask', { cluster: 'demo', taskDefinition: WEB_AWSVPC.family, networkConfiguration: network([sg]) }).tasks[0];
    expect(task.lastStatus).toBe('PROVISIONING');

    // An ALB in front, the task registered by IP: sg "api" lets nobody in, so the checks time out.
    const lb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] }).LoadBalancers[0].LoadBalancerArn;
    const tg = call(engine, 'elbv2:CreateTargetGroup', { Name: 'api-tg', Protocol: 'HTTP', Port: 8080, VpcId: 'vpc-default', TargetType: 'ip', HealthCheckIntervalSeconds: 10 }).TargetGroups[0].TargetGroupArn;
    call(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] });
    engine.advance(30_000);
    const ip = engine.snapshot().tasks[0]!.attachments[0]!.details.find((d) => d.name === 'privateIPv4Address')!.value;
    call(engine, 'elbv2:RegisterTargets', { TargetGroupArn: tg, Targets: [{ Id: ip, Port: 8080 }] });
    engine.advance(60_000);
    const health = call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg }).TargetHealthDescriptions[0].TargetHealth;
    expect(health).toMatchObject({ State: 'unhealthy', Reason: 'Target.Timeout' });

    // Let the load balancer's group (sg-default) in on 8080: healthy.
    call(engine, 'ec2:AuthorizeSecurityGroupIngress', { GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-default' }] }] });
    engine.advance(60_000);
    expect(call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg }).TargetHealthDescriptions[0].TargetHealth.State).toBe('healthy');
  });
});
