// Proves a refused elbv2 command changes nothing: the snapshot JSON is byte-identical, the next
// timer is the same, and the PRNG is untouched (the next target group ARN is the one a twin engine
// without the refused command draws).
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { call, createAlb, createTg, elbEngine, errorOf, listen, runWeb, SUBNETS } from './helpers.ts';

function setup(): SandboxEngine {
  const engine = elbEngine(21);
  const { instanceId, ports } = runWeb(engine, 2);
  const tg = createTg(engine);
  listen(engine, createAlb(engine), tg);
  call(engine, 'elbv2:RegisterTargets', { TargetGroupArn: tg, Targets: [{ Id: instanceId, Port: ports[0] }] });
  engine.advance(45_000);
  return engine;
}

const tgArn = (engine: SandboxEngine): string => engine.snapshot().targetGroups![0]!.TargetGroupArn;
const lbArn = (engine: SandboxEngine): string => engine.snapshot().loadBalancers![0]!.LoadBalancerArn;
const instanceId = (engine: SandboxEngine): string => engine.snapshot().containerInstances[0]!.ec2InstanceId!;

const ERRORS: [string, (engine: SandboxEngine) => Step][] = [
  ['ALB in one AZ', () => ({ 'elbv2:CreateLoadBalancer': { Name: 'x', Subnets: ['subnet-us-east-1a'] } })],
  ['duplicate LB name, other settings', () => ({ 'elbv2:CreateLoadBalancer': { Name: 'web-alb', Subnets: [...SUBNETS, 'subnet-us-east-1c'] } })],
  ['duplicate TG name, other settings', () => ({ 'elbv2:CreateTargetGroup': { Name: 'web-tg', Protocol: 'HTTP', Port: 81, VpcId: 'vpc-default' } })],
  ['TG timeout ≥ interval', () => ({ 'elbv2:CreateTargetGroup': { Name: 'x', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', HealthCheckTimeoutSeconds: 30 } })],
  ['delete TG in use', (e) => ({ 'elbv2:DeleteTargetGroup': { TargetGroupArn: tgArn(e) } })],
  ['attribute out of range after a good one', (e) => ({ 'elbv2:ModifyTargetGroupAttributes': { TargetGroupArn: tgArn(e), Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }, { Key: 'slow_start.duration_seconds', Value: '5' }] } })],
  ['listener on a taken port', (e) => ({ 'elbv2:CreateListener': { LoadBalancerArn: lbArn(e), Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:nope' }] } })],
  ['register good then unknown instance', (e) => ({ 'elbv2:RegisterTargets': { TargetGroupArn: tgArn(e), Targets: [{ Id: instanceId(e), Port: 32769 }, { Id: 'i-00000000000000000' }] } })],
  ['deregister a registered target and a bad port', (e) => ({ 'elbv2:DeregisterTargets': { TargetGroupArn: tgArn(e), Targets: [{ Id: instanceId(e), Port: 32768 }, { Id: instanceId(e), Port: 0 }] } })],
  ['DescribeTargetHealth unknown group', () => ({ 'elbv2:DescribeTargetHealth': { TargetGroupArn: 'arn:nope' } })],
  ['unknown parameter', () => ({ 'elbv2:CreateTargetGroup': { Name: 'x', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', Foo: 1 } })],
];

describe('refused elbv2 commands change nothing', () => {
  it.each(ERRORS)('%s', (_name, stepOf) => {
    const engine = setup();
    const before = JSON.stringify(engine.snapshot());
    const timer = engine.nextTimerAt();
    errorOf(engine.dispatch(stepOf(engine)));
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    expect(engine.nextTimerAt()).toBe(timer);
    const twin = setup();
    const next = (e: SandboxEngine) => call(e, 'elbv2:CreateTargetGroup', { Name: 'next', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' }).TargetGroups[0].TargetGroupArn;
    expect(next(engine)).toBe(next(twin));
  });
});
