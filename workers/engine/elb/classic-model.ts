/**
 * The Classic Load Balancer (the `elb` API, 2009), kept as small as the course notes need: a name,
 * listeners mapping a load balancer port to one fixed instance port, one health check, and
 * registered EC2 instances that are InService or OutOfService. It registers whole instances, never
 * (instance, port) pairs, which is why an ECS service behind it needs a static host port and cannot
 * use dynamic port mapping (ECS Developer Guide, load-balancer-types: "Classic Load Balancers …
 * don't support dynamic host port mapping"), and why it cannot front Fargate (no instances).
 *
 * Records live in `ElbState.classic` (elb/model.ts), created on first use. Commands: ../commands/elb-classic.ts;
 * health checks: classic-health.ts.
 */
import type { TimerId } from '../clock.ts';
import type { EngineContext } from '../context.ts';
import type { TargetOwner } from './model.ts';

export interface ClassicListener {
  Protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  LoadBalancerPort: number;
  InstanceProtocol: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  InstancePort: number;
}

/** ConfigureHealthCheck's HealthCheck, parsed: Target is `PROTOCOL:PORT[/path]`. */
export interface ClassicHealthCheck {
  Target: string;
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  port: number;
  path?: string;
  Interval: number;
  Timeout: number;
  UnhealthyThreshold: number;
  HealthyThreshold: number;
}

export interface ClassicInstanceHealth {
  instanceId: string;
  state: 'InService' | 'OutOfService';
  /** DescribeInstanceHealth's ReasonCode: ELB (the load balancer's doing) or Instance (the instance's). */
  reasonCode: 'ELB' | 'Instance' | 'N/A';
  description: string;
  /** Consecutive passes (positive) or failures (negative). */
  streak: number;
  /** True once the instance has been InService or failed its first checks (no longer "registration in progress"). */
  decided: boolean;
  /** The ECS task that registered the instance (a service with loadBalancerName), told about flips. */
  owner: TargetOwner | undefined;
}

export interface ClassicLoadBalancerRecord {
  name: string;
  dnsName: string;
  createdMs: number;
  scheme: 'internet-facing' | 'internal';
  listeners: ClassicListener[];
  zones: string[];
  subnets: string[];
  securityGroups: string[];
  healthCheck: ClassicHealthCheck;
  /** By EC2 instance id, in registration order. */
  instances: Map<string, ClassicInstanceHealth>;
  tickTimer?: TimerId;
}

/** Registering with a Classic Load Balancer (classic-health.ts, loaded with the elb commands that create one). */
export interface ClassicRegistration {
  register(ctx: EngineContext, clb: ClassicLoadBalancerRecord, instanceId: string, owner: TargetOwner): void;
  deregister(ctx: EngineContext, clb: ClassicLoadBalancerRecord, instanceId: string): void;
}

let registration: ClassicRegistration | undefined;

/** Filled by commands/elb-classic.ts when it loads: the same functions for every engine, so a module-level hook is safe. */
export function provideClassicRegistration(value: ClassicRegistration): void {
  registration = value;
}

export const classicRegistration = (): ClassicRegistration | undefined => registration;
