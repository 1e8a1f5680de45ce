// Proves target health follows ELB's rules on exact virtual times: initial (Elb.RegistrationInProgress,
// then Elb.InitialHealthChecking) → healthy after HealthyThresholdCount passes (interval × threshold),
// → unhealthy after UnhealthyThresholdCount failures with the probe's reason; draining for the
// deregistration delay, then gone; unused while no listener uses the group. The probe is judged
// against real tasks: bridge tasks with dynamic host ports (instance:32768, instance:32769), awsvpc
// tasks by private IP, the image's behaviour (sim:SetImageBehavior), TCP checks on an open port.
import { describe, expect, it } from 'vitest';
import type { SandboxEngine } from '../../../workers/protocol.ts';
import { call, createAlb, createTg, elbEngine, health, listen, runWeb, SUBNETS, WEB_AWSVPC } from './helpers.ts';

/** ALB + listener + web-tg, two web tasks running; returns the group and the registration time. */
function setup(seed = 1, tgExtra: Record<string, unknown> = {}) {
  const engine = elbEngine(seed);
  const { instanceId, ports } = runWeb(engine, 2);
  const tg = createTg(engine, tgExtra);
  listen(engine, createAlb(engine), tg);
  return { engine, tg, instanceId, ports, t0: engine.snapshot().time };
}

const register = (engine: SandboxEngine, tg: string, targets: { Id: string; Port?: number }[]) => call(engine, 'elbv2:RegisterTargets', { TargetGroupArn: tg, Targets: targets });

describe('dynamic host ports: two tasks of one instance are two targets', () => {
  it('register as instance:32768 and instance:32769 and turn healthy at interval × healthy threshold', () => {
    const { engine, tg, instanceId, ports, t0 } = setup();
    expect(ports).toEqual([32768, 32769]);
    register(engine, tg, ports.map((Port) => ({ Id: instanceId, Port })));
    expect(health(engine, tg)).toEqual([`${instanceId}:32768 initial Elb.RegistrationInProgress`, `${instanceId}:32769 initial Elb.RegistrationInProgress`]);
    engine.advance(30_000);
    expect(health(engine, tg)[0]).toBe(`${instanceId}:32768 initial Elb.InitialHealthChecking`);
    engine.advance(119_999);
    expect(health(engine, tg)[0]).toMatch(/ initial /);
    engine.advance(1);
    expect(engine.snapshot().time - t0).toBe(150_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:32768 healthy`, `${instanceId}:32769 healthy`]);
    const events = engine.snapshot().events.filter((e) => e.kind === 'elb.health');
    expect(events.map((e) => [e.time - t0, e.message])).toEqual([
      [150_000, `Target ${instanceId}:32768 in tg web-tg is healthy: 5 consecutive health checks passed.`],
      [150_000, `Target ${instanceId}:32769 in tg web-tg is healthy: 5 consecutive health checks passed.`],
    ]);
  });

  it('custom interval and threshold: 10 s × 2 = 20 s', () => {
    const { engine, tg, instanceId, ports } = setup(1, { HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 });
    register(engine, tg, [{ Id: instanceId, Port: ports[0] }]);
    engine.advance(19_999);
    expect(health(engine, tg)[0]).toMatch(/initial/);
    engine.advance(1);
    expect(health(engine, tg)[0]).toMatch(/healthy$/);
  });
});

describe('failing checks', () => {
  it('a port nobody binds fails (Target.FailedHealthChecks) and is unhealthy after 2 checks', () => {
    const { engine, tg, instanceId } = setup();
    register(engine, tg, [{ Id: instanceId, Port: 40000 }]);
    engine.advance(59_999);
    expect(health(engine, tg)).toEqual([`${instanceId}:40000 initial Elb.InitialHealthChecking`]);
    engine.advance(1);
    expect(health(engine, tg)).toEqual([`${instanceId}:40000 unhealthy Target.FailedHealthChecks`]);
    expect(engine.snapshot().events.at(-1)!.message).toBe(
      `Target ${instanceId}:40000 in tg web-tg is unhealthy: 2 consecutive health checks failed (Target.FailedHealthChecks: Health checks failed).`,
    );
  });

  it('an unhealthy image answers with the wrong code (Target.ResponseCodeMismatch); a TCP check only needs the port open', () => {
    const { engine, tg, instanceId, ports } = setup();
    call(engine, 'sim:SetImageBehavior', { image: 'nginx:1.27', behavior: 'unhealthy' });
    const tcp = call(engine, 'elbv2:CreateTargetGroup', { Name: 'tcp-tg', Protocol: 'TCP', Port: 80, VpcId: 'vpc-default' }).TargetGroups[0].TargetGroupArn;
    const nlb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'nlb', Type: 'network', Subnets: SUBNETS }).LoadBalancers[0].LoadBalancerArn;
    call(engine, 'elbv2:CreateListener', { LoadBalancerArn: nlb, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tcp }] });
    // An NLB has no security group: the instances' group must let the VPC's addresses in.
    call(engine, 'ec2:AuthorizeSecurityGroupIngress', { GroupId: 'sg-default', IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535, CidrIp: '172.31.0.0/16' });
    register(engine, tg, [{ Id: instanceId, Port: ports[0] }]);
    register(engine, tcp, [{ Id: instanceId, Port: ports[0] }]);
    engine.advance(150_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} unhealthy Target.ResponseCodeMismatch`]);
    expect(call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg }).TargetHealthDescriptions[0].TargetHealth.Description).toBe('Health checks failed with these codes: [503]');
    expect(health(engine, tcp)).toEqual([`${instanceId}:${ports[0]} healthy`]);
  });

  it('a healthy target turns unhealthy 2 checks after its task stops', () => {
    const { engine, tg, instanceId, ports } = setup();
    register(engine, tg, [{ Id: instanceId, Port: ports[0] }]);
    engine.advance(150_000);
    expect(health(engine, tg)[0]).toMatch(/healthy$/);
    const task = engine.snapshot().tasks.find((t) => t.containers[0]!.networkBindings?.[0]?.hostPort === ports[0])!;
    call(engine, 'ecs:StopTask', { cluster: 'demo', task: task.taskArn });
    engine.advance(60_000);
    expect(health(engine, tg)[0]).toMatch(/unhealthy Target.FailedHealthChecks$/);
  });
});

describe('recovery', () => {
  it('healthy → unhealthy after 2 failed checks (image turned unhealthy) → healthy again after 5 passes', () => {
    const { engine, tg, instanceId, ports } = setup();
    register(engine, tg, [{ Id: instanceId, Port: ports[0] }]);
    engine.advance(150_000);
    call(engine, 'sim:SetImageBehavior', { image: 'nginx:1.27', behavior: 'unhealthy' });
    engine.advance(30_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} healthy`]);
    engine.advance(30_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} unhealthy Target.ResponseCodeMismatch`]);
    call(engine, 'sim:SetImageBehavior', { image: 'nginx:1.27', behavior: 'healthy' });
    engine.advance(120_000);
    expect(health(engine, tg)[0]).toMatch(/unhealthy/);
    engine.advance(30_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} healthy`]);
  });
});

describe('ip targets (awsvpc tasks)', () => {
  it('a Fargate task is an ip target', () => {
    const engine = elbEngine();
    call(engine, 'ecs:RegisterTaskDefinition', { ...WEB_AWSVPC, family: 'fg', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' });
    call(engine, 'ecs:RunTask', { cluster: 'demo', taskDefinition: 'fg', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1b'] } } });
    engine.advance(120_000);
    const task = engine.snapshot().tasks[0]!;
    expect(task.lastStatus).toBe('RUNNING');
    const ip = task.attachments!.find((a) => a.type === 'ElasticNetworkInterface')!.details!.find((d) => d.name === 'privateIPv4Address')!.value!;
    const tg = createTg(engine, { Name: 'fg-tg', TargetType: 'ip', Port: 8080 });
    listen(engine, createAlb(engine), tg);
    register(engine, tg, [{ Id: ip }]);
    engine.advance(150_000);
    expect(health(engine, tg)).toEqual([`${ip}:8080 healthy`]);
  });


  it('an awsvpc task is found by its private IP and container port; an address nobody holds times out', () => {
    const engine = elbEngine();
    call(engine, 'ecs:RunTask', { cluster: 'demo', taskDefinition: 'api', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } });
    engine.advance(60_000);
    const task = engine.snapshot().tasks[0]!;
    expect(task.lastStatus).toBe('RUNNING');
    const ip = task.attachments!.find((a) => a.type === 'ElasticNetworkInterface')!.details!.find((d) => d.name === 'privateIPv4Address')!.value!;
    const tg = createTg(engine, { Name: 'api-tg', TargetType: 'ip', Port: 8080 });
    listen(engine, createAlb(engine), tg);
    register(engine, tg, [{ Id: ip }, { Id: ip, Port: 9999 }, { Id: '172.31.200.200' }]);
    engine.advance(150_000);
    expect(health(engine, tg)).toEqual([`${ip}:8080 healthy`, `${ip}:9999 unhealthy Target.FailedHealthChecks`, '172.31.200.200:8080 unhealthy Target.Timeout']);
    // ip targets carry the Availability Zone of their subnet, as DescribeTargetHealth shows it.
    expect(call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg }).TargetHealthDescriptions[0].Target).toEqual({ Id: ip, Port: 8080, AvailabilityZone: 'us-east-1a' });
  });
});

describe('draining and unused', () => {
  it('a deregistered target drains for the deregistration delay (300 s), then is gone', () => {
    const { engine, tg, instanceId, ports } = setup();
    register(engine, tg, [{ Id: instanceId, Port: ports[0] }]);
    engine.advance(150_000);
    call(engine, 'elbv2:DeregisterTargets', { TargetGroupArn: tg, Targets: [{ Id: instanceId, Port: ports[0] }] });
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} draining Target.DeregistrationInProgress`]);
    engine.advance(299_999);
    expect(health(engine, tg)).toHaveLength(1);
    engine.advance(1);
    expect(health(engine, tg)).toEqual([]);
    expect(engine.snapshot().events.at(-1)!.message).toBe(`Target ${instanceId}:${ports[0]} in tg web-tg is deregistered: the 300 s deregistration delay is over.`);
  });

  it('the delay follows deregistration_delay.timeout_seconds; registering again during draining starts over', () => {
    const { engine, tg, instanceId, ports } = setup();
    call(engine, 'elbv2:ModifyTargetGroupAttributes', { TargetGroupArn: tg, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }] });
    const target = [{ Id: instanceId, Port: ports[0] }];
    register(engine, tg, target);
    call(engine, 'elbv2:DeregisterTargets', { TargetGroupArn: tg, Targets: target });
    engine.advance(10_000);
    register(engine, tg, target);
    engine.advance(30_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} initial Elb.InitialHealthChecking`]);
    call(engine, 'elbv2:DeregisterTargets', { TargetGroupArn: tg, Targets: target });
    engine.advance(30_000);
    expect(health(engine, tg)).toEqual([]);
  });

  it('without a listener targets are unused and not checked; a listener starts the checks', () => {
    const engine = elbEngine();
    const { instanceId, ports } = runWeb(engine, 1);
    const tg = createTg(engine);
    register(engine, tg, [{ Id: instanceId, Port: ports[0] }]);
    engine.advance(600_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} unused Target.NotInUse`]);
    const listener = listen(engine, createAlb(engine), tg);
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} initial Elb.RegistrationInProgress`]);
    engine.advance(150_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} healthy`]);
    call(engine, 'elbv2:DeleteListener', { ListenerArn: listener });
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} unused Target.NotInUse`]);
    expect(engine.nextTimerAt()).not.toBe(engine.snapshot().time + 30_000);
  });
});

describe('snapshot and determinism', () => {
  it('the snapshot carries loadBalancers and targetGroups with targets and attributes; same seed, same bytes', () => {
    const runOnce = () => {
      const { engine, tg, instanceId, ports } = setup(7);
      register(engine, tg, ports.map((Port) => ({ Id: instanceId, Port })));
      engine.advance(200_000);
      return engine.snapshot();
    };
    const a = runOnce();
    expect(a.loadBalancers).toHaveLength(1);
    expect(a.targetGroups![0]!.targets!.map((t) => t.TargetHealth.State)).toEqual(['healthy', 'healthy']);
    expect(a.targetGroups![0]!.attributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '300' });
    expect(JSON.stringify(runOnce())).toBe(JSON.stringify(a));
  });

  it('a sandbox that never used elbv2 has no loadBalancers/targetGroups keys', () => {
    const snap = elbEngine().snapshot();
    expect('loadBalancers' in snap).toBe(false);
    expect('targetGroups' in snap).toBe(false);
  });
});

describe('HealthCheckPort', () => {
  it('checks go to HealthCheckPort when set: a port nobody binds fails even though the traffic port answers', () => {
    const { engine, tg, instanceId, ports } = setup(1, { Name: 'hc-tg', HealthCheckPort: '40001' });
    register(engine, tg, [{ Id: instanceId, Port: ports[0] }]);
    engine.advance(60_000);
    expect(health(engine, tg)).toEqual([`${instanceId}:${ports[0]} unhealthy Target.FailedHealthChecks`]);
    expect(call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg }).TargetHealthDescriptions[0].HealthCheckPort).toBe('40001');
  });
});
