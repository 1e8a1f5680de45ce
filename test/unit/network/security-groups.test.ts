// Proves security groups as load balancers meet them: CreateSecurityGroup / Authorize / Revoke with
// EC2's errors and DescribeSecurityGroups' shape; sg-default lets its members in; the classic pitfall —
// an ALB with its own group in front of instances whose group does not let it in — makes dynamic-port
// targets unhealthy with Target.Timeout and an event naming the group and the ephemeral range, and
// authorizing 32768-65535 from the ALB's group makes them healthy again; awsvpc (ip) targets follow the
// task's groups; revoking the rule turns them unhealthy again. Refusals change nothing.
import { describe, expect, it } from 'vitest';
import type { SandboxEngine } from '../../../workers/protocol.ts';
import { call, createTg, elbEngine, errorOf, expectError, health, listen, runWeb, SUBNETS } from '../elb/helpers.ts';

function group(engine: SandboxEngine, name: string): string {
  return call(engine, 'ec2:CreateSecurityGroup', { GroupName: name, Description: `${name} group` }).GroupId;
}

function describe1(engine: SandboxEngine, id: string): any {
  return call(engine, 'ec2:DescribeSecurityGroups', { GroupIds: [id] }).SecurityGroups[0];
}

describe('ec2 security group commands', () => {
  it('creates, authorizes (both forms), describes and revokes', () => {
    const engine = elbEngine();
    const alb = group(engine, 'alb');
    expect(alb).toMatch(/^sg-[0-9a-f]{17}$/);
    const web = group(engine, 'web');
    const out = call(engine, 'ec2:AuthorizeSecurityGroupIngress', {
      GroupId: web,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, UserIdGroupPairs: [{ GroupId: alb }] }],
    });
    expect(out.Return).toBe(true);
    expect(out.SecurityGroupRules[0]).toMatchObject({ GroupId: web, IsEgress: false, IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, ReferencedGroupInfo: { GroupId: alb } });
    call(engine, 'ec2:AuthorizeSecurityGroupIngress', { GroupName: 'web', IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' });
    const described = describe1(engine, web);
    expect(described).toMatchObject({ GroupName: 'web', Description: 'web group', VpcId: 'vpc-default' });
    expect(described.IpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, IpRanges: [], UserIdGroupPairs: [{ GroupId: alb, UserId: '123456789012' }], Ipv6Ranges: [], PrefixListIds: [] },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }], UserIdGroupPairs: [], Ipv6Ranges: [], PrefixListIds: [] },
    ]);
    expect(describe1(engine, 'sg-default').IpPermissions[0]).toMatchObject({ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-default' }] });
    expect(call(engine, 'ec2:DescribeSecurityGroups', {}).SecurityGroups.map((g: any) => g.GroupName)).toEqual(['default', 'alb', 'web']);
    const revoked = call(engine, 'ec2:RevokeSecurityGroupIngress', { GroupId: web, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' });
    expect(revoked).toEqual({ Return: true });
    expect(describe1(engine, web).IpPermissions).toHaveLength(1);
    const unknown = call(engine, 'ec2:RevokeSecurityGroupIngress', { GroupId: web, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' });
    expect(unknown.Return).toBe(false);
    expect(unknown.UnknownIpPermissions[0]).toMatchObject({ IpProtocol: 'tcp', FromPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] });
  });

  it("refuses with EC2's errors and changes nothing", () => {
    const engine = elbEngine();
    const web = group(engine, 'web');
    const groups = () => JSON.stringify(call(engine, 'ec2:DescribeSecurityGroups', {}));
    const before = groups();
    expectError(engine.dispatch({ 'ec2:CreateSecurityGroup': { GroupName: 'web', Description: 'again' } }), 'InvalidGroup.Duplicate', "The security group 'web' already exists for VPC 'vpc-default'");
    expectError(engine.dispatch({ 'ec2:CreateSecurityGroup': { GroupName: 'default', Description: 'x' } }), 'InvalidGroup.Duplicate', "The security group 'default' already exists for VPC 'vpc-default'");
    expect(errorOf(engine.dispatch({ 'ec2:CreateSecurityGroup': { GroupName: 'sg-1', Description: 'x' } })).code).toBe('InvalidParameterValue');
    expect(errorOf(engine.dispatch({ 'ec2:CreateSecurityGroup': { GroupName: 'x' } })).code).toBe('ParamValidationError');
    expect(errorOf(engine.dispatch({ 'ec2:CreateSecurityGroup': { GroupName: 'x', Description: 'x', VpcId: 'vpc-1' } })).code).toBe('InvalidVpcID.NotFound');
    expect(groups()).toBe(before);
    const rule = { GroupId: web, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' };
    call(engine, 'ec2:AuthorizeSecurityGroupIngress', rule);
    const afterOne = groups();
    expectError(engine.dispatch({ 'ec2:AuthorizeSecurityGroupIngress': rule }), 'InvalidPermission.Duplicate', 'the specified rule "peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW" already exists');
    expectError(engine.dispatch({ 'ec2:AuthorizeSecurityGroupIngress': { GroupId: web, IpProtocol: 'tcp', CidrIp: '0.0.0.0/0' } }), 'InvalidParameterValue', "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
    expectError(engine.dispatch({ 'ec2:AuthorizeSecurityGroupIngress': { GroupId: web, IpProtocol: 'foo', FromPort: 1, ToPort: 2, CidrIp: '0.0.0.0/0' } }), 'InvalidParameterValue', "Invalid value 'foo' for IP protocol. Unknown protocol.");
    expectError(engine.dispatch({ 'ec2:AuthorizeSecurityGroupIngress': { GroupId: web, IpProtocol: 'tcp', FromPort: 1, ToPort: 2, CidrIp: '10.0.0.0/33' } }), 'InvalidParameterValue', 'Value ( 10.0.0.0/33 ) for parameter cidrIp is invalid. This is not a valid CIDR block.');
    expectError(engine.dispatch({ 'ec2:AuthorizeSecurityGroupIngress': { GroupId: 'sg-nope', IpProtocol: '-1', CidrIp: '0.0.0.0/0' } }), 'InvalidGroup.NotFound', "The security group 'sg-nope' does not exist");
    expect(errorOf(engine.dispatch({ 'ec2:AuthorizeSecurityGroupIngress': { GroupId: web, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2, UserIdGroupPairs: [{ GroupId: 'sg-nope' }] }] } })).code).toBe('InvalidGroup.NotFound');
    expect(groups()).toBe(afterOne);
    expect(before).not.toBe(afterOne);
  });
});

/** Instances in group `web`, an ALB in group `alb`, two bridge tasks on dynamic ports registered. */
function pitfall(openWith?: 'alb' | 'vpc') {
  const engine = elbEngine();
  const alb = group(engine, 'alb');
  const web = group(engine, 'web');
  call(engine, 'sim:AddContainerInstances', { cluster: 'demo', instanceType: 't3.medium', count: 1, availabilityZones: ['us-east-1b'], securityGroupIds: [web] });
  // Only the web instance takes tasks: drain the first one (sg-default) so the tasks land on the second.
  const first = engine.snapshot().containerInstances[0]!.containerInstanceArn;
  call(engine, 'ecs:UpdateContainerInstancesState', { cluster: 'demo', containerInstances: [first], status: 'DRAINING' });
  const { ports } = runWeb(engine, 2);
  const instanceId = engine.snapshot().containerInstances[1]!.ec2InstanceId!;
  const lb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'web-alb', Subnets: SUBNETS, SecurityGroups: [alb] }).LoadBalancers[0].LoadBalancerArn;
  const tg = createTg(engine);
  listen(engine, lb, tg);
  if (openWith === 'alb') call(engine, 'ec2:AuthorizeSecurityGroupIngress', { GroupId: web, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, UserIdGroupPairs: [{ GroupId: alb }] }] });
  if (openWith === 'vpc') call(engine, 'ec2:AuthorizeSecurityGroupIngress', { GroupId: web, IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, CidrIp: '172.31.0.0/16' });
  call(engine, 'elbv2:RegisterTargets', { TargetGroupArn: tg, Targets: ports.map((Port) => ({ Id: instanceId, Port })) });
  return { engine, alb, web, tg, instanceId, ports };
}

describe('the load balancer meets security groups', () => {
  it('an ALB in sg-default reaches instances in sg-default (its members let each other in)', () => {
    const engine = elbEngine();
    const { instanceId, ports } = runWeb(engine, 1);
    const tg = createTg(engine);
    listen(engine, call(engine, 'elbv2:CreateLoadBalancer', { Name: 'web-alb', Subnets: SUBNETS }).LoadBalancers[0].LoadBalancerArn, tg);
    call(engine, 'elbv2:RegisterTargets', { TargetGroupArn: tg, Targets: [{ Id: instanceId, Port: ports[0] }] });
    engine.advance(150_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:32768 healthy`]);
  });

  it('the pitfall: targets time out, the event says which group lacks which ports; the fix makes them healthy', () => {
    const { engine, alb, web, tg, instanceId, ports } = pitfall();
    expect(ports).toEqual([32768, 32769]);
    engine.advance(60_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:32768 unhealthy Target.Timeout`, `${instanceId}:32769 unhealthy Target.Timeout`]);
    const th = call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg }).TargetHealthDescriptions[0].TargetHealth;
    expect(th).toEqual({ State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' });
    const event = engine.snapshot().events.filter((e) => e.kind === 'elb.health').at(-2)!;
    expect(event.message).toBe(
      `Target ${instanceId}:32768 in tg web-tg is unhealthy: 2 consecutive health checks failed (Target.Timeout: Request timed out). The checks never arrive: security group ${web} (web) of instance ${instanceId} allows no inbound TCP 32768 from security group ${alb} (alb): add an inbound rule to ${web} for ports 32768-65535 (the ephemeral range dynamic host ports come from; 32768 is one of them) from ${alb} (ec2:AuthorizeSecurityGroupIngress).`,
    );
    const fixedAt = engine.snapshot().time;
    call(engine, 'ec2:AuthorizeSecurityGroupIngress', { GroupId: web, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, UserIdGroupPairs: [{ GroupId: alb }] }] });
    engine.advance(150_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:32768 healthy`, `${instanceId}:32769 healthy`]);
    expect(engine.snapshot().time - fixedAt).toBe(150_000);
    // Revoking the rule loses them again.
    call(engine, 'ec2:RevokeSecurityGroupIngress', { GroupId: web, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, UserIdGroupPairs: [{ GroupId: alb }] }] });
    engine.advance(60_000);
    expect(health(engine, tg)[0]).toBe(`${instanceId}:32768 unhealthy Target.Timeout`);
  });

  it('a rule for the static port only does not cover dynamic ports; a VPC CIDR rule on the range does', () => {
    const { engine, tg, instanceId } = pitfall('vpc');
    engine.advance(150_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:32768 healthy`, `${instanceId}:32769 healthy`]);
    const narrow = pitfall();
    call(narrow.engine, 'ec2:AuthorizeSecurityGroupIngress', { GroupId: narrow.web, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: narrow.alb }] }] });
    narrow.engine.advance(60_000);
    expect(health(narrow.engine, narrow.tg)[0]).toMatch(/unhealthy Target.Timeout$/);
  });

  it('ip targets follow the awsvpc task groups (sg-default): an ALB of its own group is kept out until sg-default lets it in', () => {
    const engine = elbEngine();
    const alb = group(engine, 'alb');
    call(engine, 'ecs:RunTask', { cluster: 'demo', taskDefinition: 'api', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } });
    engine.advance(30_000);
    const ip = engine.snapshot().tasks[0]!.attachments[0]!.details.find((d) => d.name === 'privateIPv4Address')!.value as string;
    const tg = createTg(engine, { Name: 'api-tg', TargetType: 'ip', Port: 8080 });
    listen(engine, call(engine, 'elbv2:CreateLoadBalancer', { Name: 'api-alb', Subnets: SUBNETS, SecurityGroups: [alb] }).LoadBalancers[0].LoadBalancerArn, tg);
    call(engine, 'elbv2:RegisterTargets', { TargetGroupArn: tg, Targets: [{ Id: ip, Port: 8080 }] });
    engine.advance(60_000);
    expect(health(engine, tg)).toEqual([`${ip}:8080 unhealthy Target.Timeout`]);
    expect(engine.snapshot().events.filter((e) => e.kind === 'elb.health').at(-1)!.message).toContain(`security group sg-default (default) of the task at ${ip} allows no inbound TCP 8080 from security group ${alb} (alb): add an inbound rule to sg-default for port 8080 from ${alb}`);
    call(engine, 'ec2:AuthorizeSecurityGroupIngress', { GroupId: 'sg-default', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: alb }] }] });
    engine.advance(150_000);
    expect(health(engine, tg)).toEqual([`${ip}:8080 healthy`]);
  });
});

describe('routing meets security groups', () => {
  it('failing open does not get requests past a group that keeps the load balancer out', async () => {
    const { testContext } = await import('../fargate/context.ts');
    const { routeRequests } = await import('../../../workers/engine/elb/routing.ts');
    const ctx = testContext(1);
    ctx.call('ecs:CreateCluster', { clusterName: 'demo' });
    const alb = ctx.call('ec2:CreateSecurityGroup', { GroupName: 'alb', Description: 'alb' }).GroupId;
    ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 1 });
    ctx.call('ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 128, portMappings: [{ containerPort: 80 }] }] });
    ctx.call('ecs:RunTask', { cluster: 'demo', taskDefinition: 'web', count: 2 });
    ctx.clock.advance(30_000);
    const lb = ctx.call('elbv2:CreateLoadBalancer', { Name: 'alb', Subnets: SUBNETS, SecurityGroups: [alb] }).LoadBalancers[0].LoadBalancerArn;
    const tgArn = ctx.call('elbv2:CreateTargetGroup', { Name: 'tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' }).TargetGroups[0].TargetGroupArn;
    ctx.call('elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] });
    const instanceId = [...ctx.state.instances.values()][0]!.ec2InstanceId;
    ctx.call('elbv2:RegisterTargets', { TargetGroupArn: tgArn, Targets: [{ Id: instanceId, Port: 32768 }, { Id: instanceId, Port: 32769 }] });
    ctx.clock.advance(60_000);
    const tg = ctx.state.elb!.targetGroups.get(tgArn)!;
    expect([...tg.targets.values()].map((t) => t.state)).toEqual(['unhealthy', 'unhealthy']);
    expect(routeRequests(ctx.state, tg, 10)).toEqual({ routed: {}, failOpen: true, dropped: 10 });
    ctx.call('ec2:AuthorizeSecurityGroupIngress', { GroupId: 'sg-default', IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, SourceSecurityGroupName: 'alb' });
    ctx.clock.advance(150_000);
    expect(routeRequests(ctx.state, tg, 10)).toEqual({ routed: { [`${instanceId}:32768`]: 5, [`${instanceId}:32769`]: 5 }, failOpen: false, dropped: 0 });
  });
});

describe('DescribeSecurityGroups filters', () => {
  it('tag filters select created groups by their tags; group-name and vpc-id work on them too', () => {
    const engine = elbEngine();
    call(engine, 'ec2:CreateSecurityGroup', { GroupName: 'alb', Description: 'alb', TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'tier', Value: 'edge' }] }] });
    group(engine, 'web');
    const names = (filters: unknown[]) => call(engine, 'ec2:DescribeSecurityGroups', { Filters: filters }).SecurityGroups.map((g: any) => g.GroupName);
    expect(names([{ Name: 'tag:tier', Values: ['edge'] }])).toEqual(['alb']);
    expect(names([{ Name: 'tag-key', Values: ['tier'] }])).toEqual(['alb']);
    expect(names([{ Name: 'group-name', Values: ['w*'] }])).toEqual(['web']);
    expect(names([{ Name: 'vpc-id', Values: ['vpc-default'] }])).toEqual(['default', 'alb', 'web']);
  });
});
