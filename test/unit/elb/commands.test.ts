// Proves every elbv2 command answers in elbv2's shapes with AWS's defaults, and refuses bad input
// with AWS's error codes: load balancers (ALB needs two AZs), target groups (health-check defaults
// per protocol, idempotent create, DuplicateTargetGroupName), attributes, listeners (protocols per
// load balancer type, one load balancer per target group), targets (InvalidTarget per target type).
import { describe, expect, it } from 'vitest';
import { call, createAlb, createTg, elbEngine, expectError, listen, SUBNETS } from './helpers.ts';

const ARN = /^arn:aws:elasticloadbalancing:us-east-1:123456789012:/;

describe('CreateLoadBalancer / DescribeLoadBalancers / DeleteLoadBalancer', () => {
  it('creates an ALB in two AZs with the default security group, provisioning then active', () => {
    const engine = elbEngine();
    const lb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'web-alb', Subnets: SUBNETS }).LoadBalancers[0];
    expect(lb.LoadBalancerArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/web-alb\/[0-9a-f]{16}$/);
    expect(lb).toMatchObject({
      LoadBalancerName: 'web-alb', Type: 'application', Scheme: 'internet-facing', VpcId: 'vpc-default', State: { Code: 'provisioning' },
      SecurityGroups: ['sg-default'], IpAddressType: 'ipv4', CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
      AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-us-east-1a', LoadBalancerAddresses: [] }, { ZoneName: 'us-east-1b', SubnetId: 'subnet-us-east-1b', LoadBalancerAddresses: [] }],
    });
    expect(lb.DNSName).toMatch(/^web-alb-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    engine.advance(120_000);
    expect(call(engine, 'elbv2:DescribeLoadBalancers', { Names: ['web-alb'] }).LoadBalancers[0].State).toEqual({ Code: 'active' });
  });

  it('creates an NLB in one subnet without security groups; the same call again answers the same one', () => {
    const engine = elbEngine();
    const request = { Name: 'tcp-nlb', Type: 'network', Scheme: 'internal', Subnets: ['subnet-us-east-1c'] };
    const lb = call(engine, 'elbv2:CreateLoadBalancer', request).LoadBalancers[0];
    expect(lb.LoadBalancerArn).toMatch(/loadbalancer\/net\/tcp-nlb\//);
    expect(lb.SecurityGroups).toBeUndefined();
    expect(lb.DNSName).toMatch(/^internal-tcp-nlb-[0-9a-f]{10}\.elb\.us-east-1\.amazonaws\.com$/);
    expect(call(engine, 'elbv2:CreateLoadBalancer', request).LoadBalancers[0].LoadBalancerArn).toBe(lb.LoadBalancerArn);
    expectError(engine.dispatch({ 'elbv2:CreateLoadBalancer': { ...request, Scheme: 'internet-facing' } }), 'DuplicateLoadBalancerName', "A load balancer with the same name 'tcp-nlb' exists, but with different settings");
  });

  it('refuses what AWS refuses', () => {
    const engine = elbEngine();
    expectError(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Name: 'a', Subnets: ['subnet-us-east-1a'] } }), 'ValidationError', 'At least two subnets in two different Availability Zones must be specified');
    expectError(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Name: 'a', Subnets: ['subnet-us-east-1a', 'subnet-nope'] } }), 'SubnetNotFound', "The subnet ID 'subnet-nope' is not valid");
    expectError(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Name: 'a', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1a'] } }), 'InvalidConfigurationRequest');
    expectError(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Name: 'a', Subnets: SUBNETS, SecurityGroups: ['sg-nope'] } }), 'InvalidSecurityGroup', "Security group 'sg-nope' does not exist");
    expectError(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Name: '-bad', Subnets: SUBNETS } }), 'ValidationError', /name '-bad' must have 1-32 characters/);
    expectError(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Name: 'x'.repeat(33), Subnets: SUBNETS } }), 'ValidationError');
    expectError(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Name: 'a', Subnets: SUBNETS, Type: 'gateway' } }), 'ValidationError', "Type 'gateway' must be one of: application, network");
    expectError(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Subnets: SUBNETS } }), 'ParamValidationError', /Missing required parameter in input: "Name"/);
    expectError(engine.dispatch({ 'elbv2:DescribeLoadBalancers': { Names: ['nope'] } }), 'LoadBalancerNotFound', 'One or more load balancers not found');
  });

  it('deletes a load balancer with its listeners (and a missing one quietly, as AWS does)', () => {
    const engine = elbEngine();
    const lb = createAlb(engine);
    const tg = createTg(engine);
    listen(engine, lb, tg);
    expect(call(engine, 'elbv2:DeleteLoadBalancer', { LoadBalancerArn: lb })).toEqual({});
    expect(call(engine, 'elbv2:DescribeLoadBalancers', {}).LoadBalancers).toEqual([]);
    expect(call(engine, 'elbv2:DescribeTargetGroups', {}).TargetGroups[0].LoadBalancerArns).toEqual([]);
    expect(call(engine, 'elbv2:DeleteLoadBalancer', { LoadBalancerArn: lb })).toEqual({});
  });
});

describe('CreateTargetGroup / DescribeTargetGroups / DeleteTargetGroup', () => {
  it('fills AWS defaults for HTTP: HTTP check on /, 30 s, timeout 5 s, healthy 5, unhealthy 2, matcher 200', () => {
    const engine = elbEngine();
    const tg = call(engine, 'elbv2:CreateTargetGroup', { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' }).TargetGroups[0];
    expect(tg.TargetGroupArn).toMatch(/targetgroup\/web-tg\/[0-9a-f]{16}$/);
    expect(tg).toEqual({
      TargetGroupArn: tg.TargetGroupArn, TargetGroupName: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default',
      HealthCheckProtocol: 'HTTP', HealthCheckPort: 'traffic-port', HealthCheckEnabled: true, HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 5, UnhealthyThresholdCount: 2, HealthCheckPath: '/', Matcher: { HttpCode: '200' },
      LoadBalancerArns: [], TargetType: 'instance', ProtocolVersion: 'HTTP1', IpAddressType: 'ipv4',
    });
  });

  it('fills AWS defaults for TCP: TCP check, timeout 10 s, no path or matcher', () => {
    const engine = elbEngine();
    const tg = call(engine, 'elbv2:CreateTargetGroup', { Name: 'tcp-tg', Protocol: 'TCP', Port: 6379, VpcId: 'vpc-default', TargetType: 'ip' }).TargetGroups[0];
    expect(tg).toMatchObject({ HealthCheckProtocol: 'TCP', HealthCheckTimeoutSeconds: 10, HealthCheckIntervalSeconds: 30, HealthyThresholdCount: 5, UnhealthyThresholdCount: 2, TargetType: 'ip' });
    expect(tg.HealthCheckPath).toBeUndefined();
    expect(tg.Matcher).toBeUndefined();
  });

  it('same name and settings answers the existing group; other settings are DuplicateTargetGroupName', () => {
    const engine = elbEngine();
    const arn = createTg(engine);
    expect(createTg(engine)).toBe(arn);
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { Name: 'web-tg', Protocol: 'HTTP', Port: 8080, VpcId: 'vpc-default' } }), 'DuplicateTargetGroupName', "A target group with the same name 'web-tg' exists, but with different settings");
  });

  it('refuses bad health-check settings with AWS wording', () => {
    const engine = elbEngine();
    const base = { Name: 't', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' };
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { ...base, HealthCheckIntervalSeconds: 3 } }), 'ValidationError', "1 validation error detected: Value '3' at 'healthCheckIntervalSeconds' failed to satisfy constraint: Member must have value greater than or equal to 5");
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { ...base, HealthyThresholdCount: 11 } }), 'ValidationError', /healthyThresholdCount.*less than or equal to 10/);
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { ...base, HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 10 } }), 'ValidationError', "Health check timeout '10' must be smaller than the interval '10'");
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { ...base, Matcher: { HttpCode: '500' } } }), 'ValidationError', /Matcher HttpCode '500'/);
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { ...base, HealthCheckProtocol: 'TCP' } }), 'ValidationError', "Health check protocol 'TCP' is not supported for target groups with protocol 'HTTP'");
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { ...base, HealthCheckEnabled: false } }), 'ValidationError', "Health check enabled must be true for target groups with target type 'instance'");
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { ...base, VpcId: 'vpc-nope' } }), 'ValidationError', "The VPC ID 'vpc-nope' is not found");
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { ...base, TargetType: 'lambda' } }), 'ValidationError');
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { ...base, Protocol: 'GENEVE' } }), 'ValidationError');
    expectError(engine.dispatch({ 'elbv2:CreateTargetGroup': { Name: 't', Protocol: 'HTTP', VpcId: 'vpc-default' } }), 'ValidationError', 'A port must be specified');
    expect(call(engine, 'elbv2:CreateTargetGroup', { ...base, Matcher: { HttpCode: '200-299,302' } }).TargetGroups[0].Matcher).toEqual({ HttpCode: '200-299,302' });
  });

  it('describes by ARN, name or load balancer; missing ones are TargetGroupNotFound; in-use groups cannot be deleted', () => {
    const engine = elbEngine();
    const lb = createAlb(engine);
    const tg = createTg(engine);
    const listener = listen(engine, lb, tg);
    expect(call(engine, 'elbv2:DescribeTargetGroups', { Names: ['web-tg'] }).TargetGroups[0].LoadBalancerArns).toEqual([lb]);
    expect(call(engine, 'elbv2:DescribeTargetGroups', { LoadBalancerArn: lb }).TargetGroups).toHaveLength(1);
    expectError(engine.dispatch({ 'elbv2:DescribeTargetGroups': { Names: ['web-tg', 'nope'] } }), 'TargetGroupNotFound', 'One or more target groups not found');
    expectError(engine.dispatch({ 'elbv2:DeleteTargetGroup': { TargetGroupArn: tg } }), 'ResourceInUse', `Target group '${tg}' is currently in use by a listener or a rule`);
    call(engine, 'elbv2:DeleteListener', { ListenerArn: listener });
    expect(call(engine, 'elbv2:DeleteTargetGroup', { TargetGroupArn: tg })).toEqual({});
    expectError(engine.dispatch({ 'elbv2:DeleteTargetGroup': { TargetGroupArn: tg } }), 'TargetGroupNotFound');
  });
});

describe('ModifyTargetGroupAttributes / DescribeTargetGroupAttributes', () => {
  it('has AWS defaults and changes deregistration delay and algorithm', () => {
    const engine = elbEngine();
    const tg = createTg(engine);
    const attrs = (list: { Key: string; Value: string }[]): Record<string, string> => Object.fromEntries(list.map((a) => [a.Key, a.Value]));
    expect(attrs(call(engine, 'elbv2:DescribeTargetGroupAttributes', { TargetGroupArn: tg }).Attributes)).toEqual({
      'deregistration_delay.timeout_seconds': '300', 'stickiness.enabled': 'false', 'stickiness.type': 'lb_cookie',
      'load_balancing.algorithm.type': 'round_robin', 'slow_start.duration_seconds': '0',
    });
    const after = call(engine, 'elbv2:ModifyTargetGroupAttributes', {
      TargetGroupArn: tg,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }, { Key: 'load_balancing.algorithm.type', Value: 'least_outstanding_requests' }],
    }).Attributes;
    expect(attrs(after)).toMatchObject({ 'deregistration_delay.timeout_seconds': '30', 'load_balancing.algorithm.type': 'least_outstanding_requests' });
  });

  it('refuses unknown keys, bad values, and slow start with least outstanding requests', () => {
    const engine = elbEngine();
    const tg = createTg(engine);
    const modify = (Key: string, Value: string) => engine.dispatch({ 'elbv2:ModifyTargetGroupAttributes': { TargetGroupArn: tg, Attributes: [{ Key, Value }] } });
    expectError(modify('nope', '1'), 'ValidationError', "Target group attribute key 'nope' is not recognized");
    expectError(modify('deregistration_delay.timeout_seconds', '3601'), 'ValidationError', /an integer from 0 to 3600/);
    expectError(modify('load_balancing.algorithm.type', 'random'), 'ValidationError');
    modify('slow_start.duration_seconds', '60');
    expectError(modify('load_balancing.algorithm.type', 'least_outstanding_requests'), 'InvalidConfigurationRequest');
    const tcp = call(engine, 'elbv2:CreateTargetGroup', { Name: 'tcp', Protocol: 'TCP', Port: 80, VpcId: 'vpc-default' }).TargetGroups[0].TargetGroupArn;
    expectError(engine.dispatch({ 'elbv2:ModifyTargetGroupAttributes': { TargetGroupArn: tcp, Attributes: [{ Key: 'load_balancing.algorithm.type', Value: 'round_robin' }] } }), 'ValidationError');
  });
});

describe('CreateListener / DescribeListeners / DeleteListener', () => {
  it('forwards to a target group, with the listener ARN under the load balancer', () => {
    const engine = elbEngine();
    const lb = createAlb(engine);
    const tg = createTg(engine);
    const listener = call(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] }).Listeners[0];
    const lbPath = lb.split(':loadbalancer/')[1];
    expect(listener.ListenerArn).toMatch(new RegExp(`:listener/${lbPath}/[0-9a-f]{16}$`));
    expect(listener).toMatchObject({ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] });
    expect(call(engine, 'elbv2:DescribeListeners', { LoadBalancerArn: lb }).Listeners).toEqual([listener]);
    expect(call(engine, 'elbv2:DescribeListeners', { ListenerArns: [listener.ListenerArn] }).Listeners).toEqual([listener]);
    expectError(engine.dispatch({ 'elbv2:DescribeListeners': {} }), 'ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
    expectError(engine.dispatch({ 'elbv2:CreateListener': { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: createTg(engine, { Name: 'other' }) }] } }), 'DuplicateListener');
    call(engine, 'elbv2:DeleteListener', { ListenerArn: listener.ListenerArn });
    expectError(engine.dispatch({ 'elbv2:DeleteListener': { ListenerArn: listener.ListenerArn } }), 'ListenerNotFound', 'One or more listeners not found');
  });

  it('refuses protocols the load balancer type does not speak, HTTPS without a certificate, and a second load balancer', () => {
    const engine = elbEngine();
    const lb = createAlb(engine);
    const nlb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'nlb', Type: 'network', Subnets: SUBNETS }).LoadBalancers[0].LoadBalancerArn;
    const tg = createTg(engine);
    const tcp = call(engine, 'elbv2:CreateTargetGroup', { Name: 'tcp', Protocol: 'TCP', Port: 80, VpcId: 'vpc-default' }).TargetGroups[0].TargetGroupArn;
    const forward = (t: string) => [{ Type: 'forward', TargetGroupArn: t }];
    expectError(engine.dispatch({ 'elbv2:CreateListener': { LoadBalancerArn: lb, Protocol: 'TCP', Port: 80, DefaultActions: forward(tg) } }), 'ValidationError', "Listener protocol 'TCP' must be one of 'HTTP, HTTPS'");
    expectError(engine.dispatch({ 'elbv2:CreateListener': { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: forward(tcp) } }), 'InvalidConfigurationRequest');
    expectError(engine.dispatch({ 'elbv2:CreateListener': { LoadBalancerArn: lb, Protocol: 'HTTPS', Port: 443, DefaultActions: forward(tg) } }), 'CertificateNotFound', 'A certificate must be specified for HTTPS listeners');
    expectError(engine.dispatch({ 'elbv2:CreateListener': { LoadBalancerArn: 'arn:nope', Protocol: 'HTTP', Port: 80, DefaultActions: forward(tg) } }), 'LoadBalancerNotFound');
    expectError(engine.dispatch({ 'elbv2:CreateListener': { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'redirect' }] } }), 'ValidationError');
    listen(engine, lb, tg);
    const second = createAlb(engine, 'second');
    expectError(engine.dispatch({ 'elbv2:CreateListener': { LoadBalancerArn: second, Protocol: 'HTTP', Port: 80, DefaultActions: forward(tg) } }), 'TargetGroupAssociationLimit');
    expect(call(engine, 'elbv2:CreateListener', { LoadBalancerArn: nlb, Protocol: 'TCP', Port: 80, DefaultActions: forward(tcp) }).Listeners[0].Protocol).toBe('TCP');
  });
});

describe('RegisterTargets / DeregisterTargets / DescribeTargetHealth', () => {
  it('checks targets against the group type', () => {
    const engine = elbEngine();
    const tg = createTg(engine);
    const ipTg = createTg(engine, { Name: 'ip-tg', TargetType: 'ip' });
    const instanceId = engine.snapshot().containerInstances[0]!.ec2InstanceId!;
    expectError(engine.dispatch({ 'elbv2:RegisterTargets': { TargetGroupArn: tg, Targets: [{ Id: 'i-0000000000000000f' }] } }), 'InvalidTarget', "The following targets are not valid instances: 'i-0000000000000000f'");
    expectError(engine.dispatch({ 'elbv2:RegisterTargets': { TargetGroupArn: ipTg, Targets: [{ Id: instanceId }] } }), 'InvalidTarget', `The IP address '${instanceId}' is not a valid IPv4 address`);
    expectError(engine.dispatch({ 'elbv2:RegisterTargets': { TargetGroupArn: ipTg, Targets: [{ Id: '10.0.0.5' }] } }), 'InvalidTarget', /not within the CIDR block of VPC 'vpc-default'/);
    expectError(engine.dispatch({ 'elbv2:RegisterTargets': { TargetGroupArn: tg, Targets: [{ Id: instanceId, Port: 70000 }] } }), 'ValidationError');
    expectError(engine.dispatch({ 'elbv2:RegisterTargets': { TargetGroupArn: 'arn:nope', Targets: [] } }), 'TargetGroupNotFound');
    // As AWS: deregistering a target that is not registered answers {} and changes nothing.
    expect(call(engine, 'elbv2:DeregisterTargets', { TargetGroupArn: tg, Targets: [{ Id: instanceId }] })).toEqual({});
    expect(call(engine, 'elbv2:RegisterTargets', { TargetGroupArn: tg, Targets: [{ Id: instanceId }] })).toEqual({});
    // The port defaults to the group's; without a listener the target is unused (Target.NotInUse).
    expect(call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg }).TargetHealthDescriptions).toEqual([
      { Target: { Id: instanceId, Port: 80 }, HealthCheckPort: '80', TargetHealth: { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' } },
    ]);
    // Asking about a target that is not registered: unused, Target.NotRegistered.
    expect(call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg, Targets: [{ Id: instanceId, Port: 81 }] }).TargetHealthDescriptions[0].TargetHealth).toMatchObject({ State: 'unused', Reason: 'Target.NotRegistered' });
    expect(ARN.test(tg)).toBe(true);
  });
});
