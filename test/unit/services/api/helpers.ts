// Shared helpers for the service API tests: a cluster `demo` with three instances, task definitions
// for every network mode, an ALB with a listener on two target groups (instance and ip) and one
// target group with no load balancer.
import type { SandboxEngine, Step, StepResult } from '../../../../workers/protocol.ts';
import { createEngine } from '../../../../workers/engine/index.ts';
import { errorOf, responseOf } from '../../engine/helpers.ts';

export { errorOf, expectError, responseOf } from '../../engine/helpers.ts';

/** bridge, dynamic host port. */
export const WEB = {
  family: 'web',
  containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
};

/** bridge, static host port 8080 (what a Classic Load Balancer needs). */
export const STATIC = {
  family: 'static',
  containerDefinitions: [{ name: 'static', image: 'nginx:1.27', memory: 128, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
};

/** awsvpc, EC2 and Fargate. */
export const API = {
  family: 'api',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['EC2', 'FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'api', image: 'api:v1', portMappings: [{ containerPort: 8080 }] }],
};

export const SUBNETS = ['subnet-us-east-1a', 'subnet-us-east-1b'];
export const AWSVPC = { awsvpcConfiguration: { subnets: SUBNETS } };

export interface World {
  engine: SandboxEngine;
  /** Target type instance, behind the ALB's listener. */
  instanceTg: string;
  /** Target type ip, behind the ALB's listener. */
  ipTg: string;
  /** Target type instance, no listener forwards to it. */
  looseTg: string;
}

export function call<T = Record<string, any>>(engine: SandboxEngine, action: string, request: unknown): T {
  return responseOf<T>(engine.dispatch({ [action]: request }));
}

export function world(seed = 1): World {
  const engine = createEngine({ seed });
  const setup: Step[] = [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count: 3 } },
    { 'ecs:RegisterTaskDefinition': WEB },
    { 'ecs:RegisterTaskDefinition': STATIC },
    { 'ecs:RegisterTaskDefinition': API },
  ];
  engine.load({ id: 'services', title: 'services', seed, setup });
  const lb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'web-alb', Subnets: SUBNETS }).LoadBalancers[0].LoadBalancerArn;
  const tg = (name: string, TargetType: string): string =>
    call(engine, 'elbv2:CreateTargetGroup', { Name: name, Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType }).TargetGroups[0].TargetGroupArn;
  const instanceTg = tg('web-tg', 'instance');
  const ipTg = tg('api-tg', 'ip');
  const looseTg = tg('loose-tg', 'instance');
  call(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: instanceTg }] });
  call(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 8080, DefaultActions: [{ Type: 'forward', TargetGroupArn: ipTg }] });
  return { engine, instanceTg, ipTg, looseTg };
}

export function create(engine: SandboxEngine, request: Record<string, unknown>): StepResult {
  return engine.dispatch({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 2, ...request } });
}

export function createOk(engine: SandboxEngine, request: Record<string, unknown> = {}): Record<string, any> {
  return responseOf(create(engine, request)).service;
}

export function update(engine: SandboxEngine, request: Record<string, unknown>): StepResult {
  return engine.dispatch({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', ...request } });
}

export function updateOk(engine: SandboxEngine, request: Record<string, unknown>): Record<string, any> {
  return responseOf(update(engine, request)).service;
}

export function describe1(engine: SandboxEngine, name = 'web'): Record<string, any> {
  return call(engine, 'ecs:DescribeServices', { cluster: 'demo', services: [name], include: ['TAGS'] }).services[0];
}

