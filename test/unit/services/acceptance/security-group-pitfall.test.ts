// The security-group pitfall (issue 5 item 5): the ALB has a security group of its own, and the
// container instances' group (sg-default) does not allow it on the ephemeral port range that dynamic
// host ports use (32768–65535) → the targets never pass their health checks (the service event says
// "Request timed out"), the tasks are replaced ("Task failed ELB health checks") and the deployment
// stalls; authorizing the ALB's group on that range → healthy, deployment completes.
// (With a service, a target that turns unhealthy is deregistered by the scheduler in the same virtual
// instant, so DescribeTargetHealth never shows it `unhealthy`; the reason is read from the events.)
import { describe, expect, it } from 'vitest';
import { isSupportedAction } from '../../../../workers/engine/actions.ts';
import { advanceUntil, call, clusterEngine, isSteady, service } from './helpers.ts';

const ready = isSupportedAction('ec2:CreateSecurityGroup') && isSupportedAction('ec2:AuthorizeSecurityGroupIngress');

describe.skipIf(!ready)('instance security group vs the load balancer security group', () => {
  it('no target becomes healthy and the deployment stalls until the ALB group may reach 32768–65535, then it completes', () => {
    const engine = clusterEngine(2);
    const albSg = call(engine, 'ec2:CreateSecurityGroup', { GroupName: 'alb-sg', Description: 'web ALB', VpcId: 'vpc-default' }).GroupId as string;
    call(engine, 'ec2:AuthorizeSecurityGroupIngress', { GroupId: albSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
    const lb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'web-alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], SecurityGroups: [albSg], Type: 'application' }).LoadBalancers[0].LoadBalancerArn;
    const tg = call(engine, 'elbv2:CreateTargetGroup', { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'instance' }).TargetGroups[0].TargetGroupArn;
    call(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] });
    call(engine, 'ecs:CreateService', {
      cluster: 'demo',
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
      loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 80 }],
    });

    // Ten minutes, second by second: no target is ever healthy; the deployment does not complete.
    let snap = advanceUntil(engine, () => false, 10 * 60_000 - 1000, 1000, (s) => {
      const targets = s.targetGroups!.find((g) => g.TargetGroupArn === tg)!.targets!;
      expect(targets.filter((t) => t.TargetHealth.State === 'healthy')).toEqual([]);
    }, true);
    const web = service(snap);
    expect(web.deployments[0]!.rolloutState).toBe('IN_PROGRESS');
    expect(web.runningCount).toBeLessThanOrEqual(2);
    // The service says why, in ECS's words: the targets time out, so the tasks are replaced.
    const unhealthy = web.events.filter((e) => /^\(service web\) \(instance i-[0-9a-f]+\) \(port \d+\) is unhealthy in \(target-group arn:aws:elasticloadbalancing:[^)]+\) due to \(reason Request timed out\)\.$/.test(e.message));
    expect(unhealthy.length).toBeGreaterThan(0);
    const replaced = snap.tasks.filter((t) => t.stoppedReason !== undefined && /^Task failed ELB health checks in \(target-group arn:/.test(t.stoppedReason));
    expect(replaced.length).toBeGreaterThan(0);

    call(engine, 'ec2:AuthorizeSecurityGroupIngress', {
      GroupId: 'sg-default',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, UserIdGroupPairs: [{ GroupId: albSg }] }],
    });
    snap = advanceUntil(engine, isSteady, 30 * 60_000);
    const after = snap.targetGroups!.find((g) => g.TargetGroupArn === tg)!.targets!.filter((t) => t.TargetHealth.State === 'healthy');
    expect(after).toHaveLength(2);
    expect(service(snap).deployments[0]!.rolloutState).toBe('COMPLETED');
  });
});
