// Proves the Classic Load Balancer as the course notes put it: elb:CreateLoadBalancer / Describe /
// ConfigureHealthCheck / DescribeInstanceHealth / Delete with ELB's shapes and errors; a service task
// with loadBalancerName registers its EC2 instance while ACTIVATING, which is OutOfService ("Instance
// registration is still in progress.") until HealthyThreshold checks pass, then InService (the observer
// and taskLoadBalancerHealth follow); failing HTTP checks make it OutOfService with reason Instance;
// a stop deregisters at once (no connection draining by default); security groups apply as for ALBs.
import { describe, expect, it } from 'vitest';
import { taskLoadBalancerHealth } from '../../../workers/engine/elb/task-targets.ts';
import { testContext } from '../fargate/context.ts';
import { advanceUntil } from '../machines/lb-helpers.ts';

function clbContext(securityGroups?: string[]) {
  const ctx = testContext(1);
  ctx.call('ecs:CreateCluster', { clusterName: 'demo' });
  ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 1 });
  ctx.call('ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 128, portMappings: [{ containerPort: 80, hostPort: 80 }] }] });
  const sg = securityGroups?.map((name) => ctx.call('ec2:CreateSecurityGroup', { GroupName: name, Description: name }).GroupId as string);
  const out = ctx.call('elb:CreateLoadBalancer', {
    LoadBalancerName: 'classic',
    Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
    AvailabilityZones: ['us-east-1a', 'us-east-1b'],
    ...(sg === undefined ? {} : { SecurityGroups: sg }),
  });
  const instanceId = [...ctx.state.instances.values()][0]!.ec2InstanceId;
  return { ctx, dns: out.DNSName as string, instanceId, sg };
}

function runBehindClb(ctx: ReturnType<typeof testContext>) {
  const arn = ctx.call('ecs:RunTask', { cluster: 'demo', taskDefinition: 'web' }).tasks[0].taskArn;
  const record = ctx.state.tasks.get(arn)!;
  record.loadBalancers = [{ loadBalancerName: 'classic', containerName: 'web', containerPort: 80 }];
  const heard: string[] = [];
  record.observer = {
    targetRegistered: (_r, lb, t) => heard.push(`registered ${lb.loadBalancerName} ${t.id}:${t.port}`),
    targetDeregistered: (_r, lb, t) => heard.push(`deregistered ${lb.loadBalancerName} ${t.id}`),
    targetHealthChanged: (_r, _lb, h) => heard.push(`health ${h.state}${h.reason ? ` ${h.reason}` : ''}`),
  };
  return { record, heard };
}

const states = (ctx: ReturnType<typeof testContext>) => ctx.call('elb:DescribeInstanceHealth', { LoadBalancerName: 'classic' }).InstanceStates;

describe('Classic Load Balancer commands', () => {
  it('creates and describes with the default TCP health check and sg-default', () => {
    const { ctx, dns } = clbContext();
    expect(dns).toMatch(/^classic-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    const d = ctx.call('elb:DescribeLoadBalancers', {}).LoadBalancerDescriptions[0];
    expect(d).toMatchObject({
      LoadBalancerName: 'classic',
      DNSName: dns,
      ListenerDescriptions: [{ Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }, PolicyNames: [] }],
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'],
      VPCId: 'vpc-default',
      Instances: [],
      HealthCheck: { Target: 'TCP:80', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 10 },
      SecurityGroups: ['sg-default'],
      SourceSecurityGroup: { GroupName: 'default' },
      Scheme: 'internet-facing',
    });
    // The same request again answers the same load balancer; other settings are refused.
    expect(ctx.call('elb:CreateLoadBalancer', { LoadBalancerName: 'classic', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }], AvailabilityZones: ['us-east-1a', 'us-east-1b'] }).DNSName).toBe(dns);
    expect(ctx.attempt('elb:CreateLoadBalancer', { LoadBalancerName: 'classic', Listeners: [{ Protocol: 'TCP', LoadBalancerPort: 81, InstancePort: 81 }], AvailabilityZones: ['us-east-1a'] })).toMatchObject({ ok: false, error: { code: 'DuplicateLoadBalancerName' } });
  });

  it("refuses bad input with ELB's errors", () => {
    const { ctx } = clbContext();
    const err = (action: 'elb:CreateLoadBalancer' | 'elb:ConfigureHealthCheck' | 'elb:DescribeInstanceHealth' | 'elb:DescribeLoadBalancers', request: unknown) => {
      const r = ctx.attempt(action, request);
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
    };
    expect(err('elb:DescribeLoadBalancers', { LoadBalancerNames: ['nope'] })).toBe("LoadBalancerNotFound: There is no ACTIVE Load Balancer named 'nope'");
    expect(err('elb:DescribeInstanceHealth', { LoadBalancerName: 'nope' })).toBe("LoadBalancerNotFound: There is no ACTIVE Load Balancer named 'nope'");
    expect(err('elb:CreateLoadBalancer', { LoadBalancerName: 'x', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }] })).toMatch(/^ValidationError: Either AvailabilityZones or Subnets/);
    expect(err('elb:CreateLoadBalancer', { LoadBalancerName: 'x', Listeners: [{ Protocol: 'HTTPS', LoadBalancerPort: 443, InstancePort: 80 }], AvailabilityZones: ['us-east-1a'] })).toMatch(/SSLCertificateId/);
    expect(err('elb:CreateLoadBalancer', { LoadBalancerName: 'x', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 0 }], AvailabilityZones: ['us-east-1a'] })).toMatch(/Member must have value between 1 and 65535/);
    expect(err('elb:CreateLoadBalancer', { LoadBalancerName: 'x', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }], AvailabilityZones: ['us-east-1a'], SecurityGroups: ['sg-nope'] })).toMatch(/^InvalidSecurityGroup/);
    const hc = { Target: 'HTTP:80', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 10 };
    expect(err('elb:ConfigureHealthCheck', { LoadBalancerName: 'classic', HealthCheck: hc })).toMatch(/Target 'HTTP:80' is invalid/);
    expect(err('elb:ConfigureHealthCheck', { LoadBalancerName: 'classic', HealthCheck: { ...hc, Target: 'HTTP:80/', Timeout: 30 } })).toMatch(/Timeout 30 must be smaller than Interval 30/);
    expect(err('elb:ConfigureHealthCheck', { LoadBalancerName: 'classic', HealthCheck: { ...hc, Target: 'TCP:80', HealthyThreshold: 11 } })).toMatch(/healthCheck.healthyThreshold.*between 2 and 10/);
    expect(ctx.state.elb!.classic!.size).toBe(1);
    expect(ctx.call('elb:DeleteLoadBalancer', { LoadBalancerName: 'nope' })).toEqual({});
  });
});

describe('a service task behind a Classic Load Balancer', () => {
  it('registers its instance while ACTIVATING: OutOfService until 10 checks pass, then InService', () => {
    const { ctx, instanceId } = clbContext();
    const { record, heard } = runBehindClb(ctx);
    advanceUntil(ctx, () => record.task.lastStatus === 'ACTIVATING');
    expect(heard).toEqual([`registered classic ${instanceId}:80`]);
    expect(states(ctx)).toEqual([{ InstanceId: instanceId, State: 'OutOfService', ReasonCode: 'ELB', Description: 'Instance registration is still in progress.' }]);
    expect(taskLoadBalancerHealth(ctx.state, record)).toBe('initial');
    const registeredAt = ctx.clock.now;
    advanceUntil(ctx, () => taskLoadBalancerHealth(ctx.state, record) === 'healthy', 400_000);
    expect(ctx.clock.now - registeredAt).toBe(300_000); // 10 × 30 s
    expect(states(ctx)[0]).toEqual({ InstanceId: instanceId, State: 'InService', ReasonCode: 'N/A', Description: 'N/A' });
    expect(heard.at(-1)).toBe('health healthy');
    expect(ctx.call('elb:DescribeLoadBalancers', { LoadBalancerNames: ['classic'] }).LoadBalancerDescriptions[0].Instances).toEqual([{ InstanceId: instanceId }]);
    // A stop deregisters at once: no connection draining by default, so DEACTIVATING ends at once.
    ctx.call('ecs:StopTask', { cluster: 'demo', task: record.task.taskArn });
    expect(record.task.lastStatus).toBe('DEACTIVATING');
    expect(heard.at(-1)).toBe(`deregistered classic ${instanceId}`);
    expect(states(ctx)).toEqual([]);
    ctx.clock.advance(0);
    expect(record.task.lastStatus).toBe('STOPPING');
  });

  it('a failing HTTP check makes it OutOfService with reason Instance', () => {
    const { ctx, instanceId } = clbContext();
    ctx.call('elb:ConfigureHealthCheck', { LoadBalancerName: 'classic', HealthCheck: { Target: 'HTTP:80/health', Interval: 10, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 2 } });
    ctx.call('sim:SetImageBehavior', { image: 'nginx:1.27', behavior: 'unhealthy' });
    const { record, heard } = runBehindClb(ctx);
    advanceUntil(ctx, () => taskLoadBalancerHealth(ctx.state, record) === 'unhealthy', 60_000);
    expect(states(ctx)[0]).toEqual({ InstanceId: instanceId, State: 'OutOfService', ReasonCode: 'Instance', Description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.' });
    expect(heard.at(-1)).toBe('health unhealthy Instance');
  });

  it('a load balancer group the instances do not let in keeps it OutOfService, with the group and port named', () => {
    const { ctx, sg } = clbContext(['clb']);
    const { record } = runBehindClb(ctx);
    advanceUntil(ctx, () => taskLoadBalancerHealth(ctx.state, record) === 'unhealthy', 120_000);
    const line = ctx.events.filter((e) => e.kind === 'elb.classic').at(-1)!.message;
    expect(line).toContain(`security group sg-default (default) of instance`);
    expect(line).toContain(`allows no inbound TCP 80 from security group ${sg![0]} (clb): add an inbound rule to sg-default for port 80 from ${sg![0]}`);
    ctx.call('ec2:AuthorizeSecurityGroupIngress', { GroupId: 'sg-default', IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupName: 'clb' });
    advanceUntil(ctx, () => taskLoadBalancerHealth(ctx.state, record) === 'healthy', 400_000);
  });
});
