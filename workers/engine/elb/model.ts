/**
 * The records of Elastic Load Balancing v2 (ALB and NLB): load balancers, listeners, target groups
 * and their registered targets, with AWS's defaults per protocol (elbv2 API reference,
 * CreateTargetGroup; ecs-reference §9). Kept in `EngineState.elb`, created on first use so that a
 * sandbox without load balancers carries nothing.
 */
import type { ElbLoadBalancerType, ElbProtocol, ElbTargetState, ElbTargetType, ServiceLoadBalancer } from '../../protocol.ts';
import type { TimerId } from '../clock.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import type { EngineState, TaskRecord } from '../state.ts';
import type { ClassicLoadBalancerRecord } from './classic-model.ts';

export const ELB_PREFIX = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:`;

export interface LoadBalancerRecord {
  arn: string;
  name: string;
  id: string;
  type: ElbLoadBalancerType;
  scheme: 'internet-facing' | 'internal';
  subnetIds: string[];
  zones: string[];
  securityGroups: string[];
  createdMs: number;
  active: boolean;
  activeTimer?: TimerId;
}

export interface ListenerRecord {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: ElbProtocol;
  targetGroupArn: string;
  certificates: { CertificateArn: string }[];
}

export interface HealthCheckSettings {
  protocol: 'HTTP' | 'HTTPS' | 'TCP';
  port: string;
  path?: string;
  matcher?: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

export interface TargetRecord {
  id: string;
  port: number;
  /** Internal health, as the health checks decided (`unused` is derived when the group has no load balancer). */
  state: Exclude<ElbTargetState, 'unused'>;
  reason: string | undefined;
  description: string | undefined;
  /** Consecutive passes or failures (positive = passes, negative = failures). */
  streak: number;
  /** Health checks run since registration. */
  checks: number;
  /** When draining ends (virtual ms). */
  drainEndsMs: number | undefined;
  drainTimer: TimerId | undefined;
  /** Requests routed here so far (routeRequests). */
  requests: number;
  /** The task last found answering on this target (probe.ts), re-resolved once it is no longer RUNNING. */
  task: TaskRecord | undefined;
  /** The ECS task that registered this target and its mapping (ACTIVATING), told about health flips; undefined for RegisterTargets. */
  owner: TargetOwner | undefined;
  /** The security-group version (network/security-groups.ts) `sgRefusal` was decided at; -1 = not yet. */
  sgVersion: number;
  /** Why the target's security groups keep the load balancer out, or undefined when they let it in. */
  sgRefusal: string | undefined;
}

/** Who registered a target on ECS's behalf: the task (with its lifecycle observer) and its service's load balancer mapping. */
export interface TargetOwner {
  record: TaskRecord;
  lb: ServiceLoadBalancer;
}

export interface TargetGroupRecord {
  arn: string;
  name: string;
  protocol: ElbProtocol;
  port: number;
  vpcId: string;
  targetType: ElbTargetType;
  health: HealthCheckSettings;
  attributes: Map<string, string>;
  /** By `id:port`, in registration order. */
  targets: Map<string, TargetRecord>;
  /** The one timer that health-checks every target of the group. */
  tickTimer?: TimerId;
  /** Set after a round in which every target settled (health.ts checkAll): the inputs it depended on. */
  quietKey?: string | undefined;
  /** Round-robin cursor (routeRequests). */
  cursor: number;
}

export interface ElbState {
  loadBalancers: Map<string, LoadBalancerRecord>;
  listeners: Map<string, ListenerRecord>;
  targetGroups: Map<string, TargetGroupRecord>;
  /** Classic Load Balancers by name (classic-model.ts); absent until the first one is created. */
  classic?: Map<string, ClassicLoadBalancerRecord>;
}

export function elbOf(state: EngineState): ElbState {
  state.elb ??= { loadBalancers: new Map(), listeners: new Map(), targetGroups: new Map() };
  return state.elb;
}

export const ALB_PROTOCOLS: readonly ElbProtocol[] = ['HTTP', 'HTTPS'];
export const NLB_PROTOCOLS: readonly ElbProtocol[] = ['TCP', 'UDP', 'TLS'];
export const isHttp = (protocol: ElbProtocol): boolean => protocol === 'HTTP' || protocol === 'HTTPS';

/** CreateTargetGroup's health-check defaults (elbv2 API reference: HTTP/HTTPS timeout 5 s, TCP/TLS/UDP 10 s). */
export function defaultHealthCheck(protocol: ElbProtocol): HealthCheckSettings {
  return isHttp(protocol)
    ? { protocol: 'HTTP', port: 'traffic-port', path: '/', matcher: '200', intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 5, unhealthyThreshold: 2 }
    : { protocol: 'TCP', port: 'traffic-port', intervalSeconds: 30, timeoutSeconds: 10, healthyThreshold: 5, unhealthyThreshold: 2 };
}

/** Target group attributes and their defaults (ALB / NLB user guides, "Target group attributes"). */
export function defaultAttributes(protocol: ElbProtocol, targetType: ElbTargetType): Map<string, string> {
  const common: [string, string][] = [['deregistration_delay.timeout_seconds', '300'], ['stickiness.enabled', 'false']];
  return new Map(
    isHttp(protocol)
      ? [...common, ['stickiness.type', 'lb_cookie'], ['load_balancing.algorithm.type', 'round_robin'], ['slow_start.duration_seconds', '0']]
      : [
          ...common,
          ['stickiness.type', 'source_ip'],
          ['deregistration_delay.connection_termination.enabled', 'false'],
          ['preserve_client_ip.enabled', String(targetType === 'instance' || protocol === 'UDP')],
          ['proxy_protocol_v2.enabled', 'false'],
        ],
  );
}

export const targetKey = (id: string, port: number): string => `${id}:${port}`;

/** The load balancers whose listeners forward to the group (ALB/NLB: at most one, AWS's rule). */
export function loadBalancersOf(elb: ElbState, tgArn: string): string[] {
  const arns: string[] = [];
  for (const listener of elb.listeners.values()) {
    if (listener.targetGroupArn === tgArn && !arns.includes(listener.loadBalancerArn)) arns.push(listener.loadBalancerArn);
  }
  return arns;
}

export const drainSeconds = (tg: TargetGroupRecord): number => Number(tg.attributes.get('deregistration_delay.timeout_seconds') ?? 300);
