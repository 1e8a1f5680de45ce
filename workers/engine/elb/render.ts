/** The Describe* shapes of elbv2 (PascalCase, as the API returns them), used by the commands and the snapshot. */
import type { ClassicLoadBalancer, ElbListener, ElbLoadBalancer, ElbTargetGroup } from '../../protocol.ts';
import type { ClassicLoadBalancerRecord } from './classic-model.ts';
import { isoAt } from '../ids/arn.ts';
import { provideSnapshotPart } from '../snapshot-parts.ts';
import { VPC_ID } from '../catalog/network.ts';
import type { EngineState } from '../state.ts';
import { describeTarget } from './health.ts';
import { elbOf, isHttp, loadBalancersOf, type ListenerRecord, type LoadBalancerRecord, type TargetGroupRecord } from './model.ts';

/** Route 53 hosted zone ids of ELB in us-east-1 (AWS General Reference, "Elastic Load Balancing endpoints"). */
const HOSTED_ZONE = { application: 'Z35SXDOTRQ7X7K', network: 'Z26RNL4JYFTOTI' } as const;

export function renderLoadBalancer(lb: LoadBalancerRecord): ElbLoadBalancer {
  const prefix = lb.scheme === 'internal' ? 'internal-' : '';
  const dns = lb.type === 'application' ? `${prefix}${lb.name}-${parseInt(lb.id.slice(0, 8), 16)}.us-east-1.elb.amazonaws.com` : `${prefix}${lb.name}-${lb.id.slice(0, 10)}.elb.us-east-1.amazonaws.com`;
  return {
    LoadBalancerArn: lb.arn,
    DNSName: dns,
    CanonicalHostedZoneId: HOSTED_ZONE[lb.type],
    CreatedTime: isoAt(lb.createdMs),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: VPC_ID,
    State: { Code: lb.active ? 'active' : 'provisioning' },
    Type: lb.type,
    AvailabilityZones: lb.zones.map((zone, i) => ({ ZoneName: zone, SubnetId: lb.subnetIds[i]!, LoadBalancerAddresses: [] })),
    ...(lb.securityGroups.length > 0 ? { SecurityGroups: [...lb.securityGroups] } : {}),
    IpAddressType: 'ipv4',
  };
}

export function renderListener(listener: ListenerRecord): ElbListener {
  const tgArn = listener.targetGroupArn;
  return {
    ListenerArn: listener.arn,
    LoadBalancerArn: listener.loadBalancerArn,
    Port: listener.port,
    Protocol: listener.protocol,
    DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn, ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArn, Weight: 1 }] } }],
    ...(listener.certificates.length > 0 ? { Certificates: listener.certificates.map((c) => ({ ...c })), SslPolicy: 'ELBSecurityPolicy-2016-08' } : {}),
  };
}

export function renderTargetGroup(state: EngineState, tg: TargetGroupRecord): ElbTargetGroup {
  const h = tg.health;
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: h.protocol,
    HealthCheckPort: h.port,
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: h.intervalSeconds,
    HealthCheckTimeoutSeconds: h.timeoutSeconds,
    HealthyThresholdCount: h.healthyThreshold,
    UnhealthyThresholdCount: h.unhealthyThreshold,
    ...(h.path === undefined ? {} : { HealthCheckPath: h.path }),
    ...(h.matcher === undefined ? {} : { Matcher: { HttpCode: h.matcher } }),
    LoadBalancerArns: loadBalancersOf(elbOf(state), tg.arn),
    TargetType: tg.targetType,
    ...(isHttp(tg.protocol) ? { ProtocolVersion: 'HTTP1' as const } : {}),
    IpAddressType: 'ipv4',
  };
}

export const renderAttributes = (tg: TargetGroupRecord): { Key: string; Value: string }[] => [...tg.attributes].map(([Key, Value]) => ({ Key, Value }));

/** The snapshot's view: the Describe shape plus targets, attributes and request counters. */
export function snapshotTargetGroup(state: EngineState, tg: TargetGroupRecord): ElbTargetGroup {
  const requestCounts: Record<string, number> = {};
  for (const t of tg.targets.values()) requestCounts[`${t.id}:${t.port}`] = t.requests;
  return {
    ...renderTargetGroup(state, tg),
    targets: [...tg.targets.values()].map((t) => describeTarget(state, tg, t.id, t.port)),
    attributes: renderAttributes(tg),
    requestCounts,
  };
}

/** A Classic Load Balancer for the snapshot: its description and the health of its instances. */
export function renderClassic(clb: ClassicLoadBalancerRecord): ClassicLoadBalancer {
  const health = clb.healthCheck;
  return {
    LoadBalancerName: clb.name,
    DNSName: clb.dnsName,
    CreatedTime: isoAt(clb.createdMs),
    Scheme: clb.scheme,
    AvailabilityZones: [...clb.zones],
    SecurityGroups: [...clb.securityGroups],
    ListenerDescriptions: clb.listeners.map((listener) => ({ Listener: { ...listener }, PolicyNames: [] })),
    HealthCheck: { Target: health.Target, Interval: health.Interval, Timeout: health.Timeout, UnhealthyThreshold: health.UnhealthyThreshold, HealthyThreshold: health.HealthyThreshold },
    Instances: [...clb.instances.keys()].map((InstanceId) => ({ InstanceId })),
    instanceHealth: [...clb.instances.values()].map((i) => ({ InstanceId: i.instanceId, State: i.state, ReasonCode: i.reasonCode, Description: i.description })),
  };
}

// The snapshot reaches these through snapshot-parts.ts (this module loads with the elb commands).
provideSnapshotPart('elb', (state) => {
  const elb = state.elb!;
  return {
    loadBalancers: [...elb.loadBalancers.values()].map(renderLoadBalancer),
    targetGroups: [...elb.targetGroups.values()].map((tg) => snapshotTargetGroup(state, tg)),
    listeners: [...elb.listeners.values()].map(renderListener),
    ...(elb.classic === undefined ? {} : { classicLoadBalancers: [...elb.classic.values()].map(renderClassic) }),
  };
});
