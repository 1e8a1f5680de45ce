// Shared helpers for the elbv2 tests: an engine with a cluster, bridge web tasks, an ALB and a target group.
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { responseOf } from '../engine/helpers.ts';

export { errorOf, expectError, responseOf } from '../engine/helpers.ts';

export const WEB_BRIDGE = {
  family: 'web',
  containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
};

export const WEB_AWSVPC = {
  family: 'api',
  networkMode: 'awsvpc',
  containerDefinitions: [{ name: 'api', image: 'api:v1', memory: 128, portMappings: [{ containerPort: 8080 }] }],
};

export const SUBNETS = ['subnet-us-east-1a', 'subnet-us-east-1b'];

/** One t3.medium instance in cluster demo, web (bridge, dynamic port) and api (awsvpc) registered. */
export function elbEngine(seed = 1, instances = 1): SandboxEngine {
  const engine = createEngine({ seed });
  const setup: Step[] = [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count: instances } },
    { 'ecs:RegisterTaskDefinition': WEB_BRIDGE },
    { 'ecs:RegisterTaskDefinition': WEB_AWSVPC },
  ];
  engine.load({ id: 't', title: 't', seed, setup });
  return engine;
}

export function call<T = Record<string, any>>(engine: SandboxEngine, action: string, request: unknown): T {
  return responseOf<T>(engine.dispatch({ [action]: request }));
}

export function createAlb(engine: SandboxEngine, name = 'web-alb'): string {
  return call(engine, 'elbv2:CreateLoadBalancer', { Name: name, Subnets: SUBNETS }).LoadBalancers[0].LoadBalancerArn;
}

export function createTg(engine: SandboxEngine, extra: Record<string, unknown> = {}): string {
  return call(engine, 'elbv2:CreateTargetGroup', { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', ...extra }).TargetGroups[0].TargetGroupArn;
}

export function listen(engine: SandboxEngine, lb: string, tg: string, extra: Record<string, unknown> = {}): string {
  return call(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }], ...extra }).Listeners[0].ListenerArn;
}

/** Run `count` bridge web tasks and wait until they are RUNNING; their host ports on the first instance. */
export function runWeb(engine: SandboxEngine, count: number): { instanceId: string; ports: number[] } {
  call(engine, 'ecs:RunTask', { cluster: 'demo', taskDefinition: 'web', count });
  engine.advance(30_000);
  const snap = engine.snapshot();
  const ports = snap.tasks.filter((t) => t.lastStatus === 'RUNNING').flatMap((t) => (t.containers[0]!.networkBindings ?? []).map((b) => b.hostPort!));
  return { instanceId: snap.containerInstances[0]!.ec2InstanceId!, ports: ports.sort((a, b) => a - b) };
}

export function health(engine: SandboxEngine, tg: string): string[] {
  return call(engine, 'elbv2:DescribeTargetHealth', { TargetGroupArn: tg }).TargetHealthDescriptions.map(
    (d: any) => `${d.Target.Id}:${d.Target.Port} ${d.TargetHealth.State}${d.TargetHealth.Reason ? ` ${d.TargetHealth.Reason}` : ''}`,
  );
}
