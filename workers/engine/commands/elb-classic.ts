/**
 * The Classic Load Balancer (the `elb` API, version 2012-06-01), as the course notes put it:
 * "supported but not recommended (no advanced features – no Fargate)". CreateLoadBalancer with
 * listeners (load balancer port → one fixed instance port), ConfigureHealthCheck,
 * DescribeLoadBalancers, DescribeInstanceHealth (InService / OutOfService with ELB's reason codes),
 * DeleteLoadBalancer. ECS registers a service's EC2 instances with it (machines/task-load-balancers.ts);
 * instance health is elb/classic-health.ts.
 *
 * Error wording: LoadBalancerNotFound "There is no ACTIVE Load Balancer named '…'" as AWS answers it
 * (seen in public issues); the "1 validation error detected" form for ranges; the rest the sandbox's,
 * modelled on ELB's style (UNCONFIRMED).
 */
import type { EngineContext } from '../context.ts';
import { fail, ok, type CommandResult } from '../errors.ts';
import { ACCOUNT_ID, isoAt } from '../ids/arn.ts';
import { VPC_ID } from '../catalog/network.ts';
import { armClassicChecks, defaultClassicHealthCheck, deregisterClassicInstance, disarmClassicChecks, registerClassicInstance } from '../elb/classic-health.ts';
import { provideClassicRegistration, type ClassicHealthCheck, type ClassicListener, type ClassicLoadBalancerRecord } from '../elb/classic-model.ts';
import { elbOf } from '../elb/model.ts';
import { DEFAULT_NETWORK, DEFAULT_SECURITY_GROUP_ID, defaultSubnetOfZone, findSubnet } from '../network/default-vpc.ts';
import { findGroup } from '../network/security-groups.ts';
import { checkParams } from './params.ts';

// Service tasks register with Classic Load Balancers through this hook (machines/task-load-balancers.ts).
provideClassicRegistration({ register: registerClassicInstance, deregister: deregisterClassicInstance });

const V = 'ValidationError';
const constraint = (value: unknown, field: string, rule: string): CommandResult =>
  fail(V, `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`);

export const CLB_MESSAGES = {
  notFound: (name: string) => `There is no ACTIVE Load Balancer named '${name}'`,
  duplicate: (name: string) => `Load Balancer named ${name} already exists and it is configured with different parameters.`,
  name: (name: string) => `LoadBalancerName '${name}' must have 1-32 characters, only letters, digits and hyphens, and must not begin or end with a hyphen.`,
  zonesOrSubnets: () => 'Either AvailabilityZones or Subnets must be specified (a Classic Load Balancer in the default VPC takes either).',
  zone: (zone: string) => `Invalid Availability Zone: ${zone}`,
  subnet: (id: string) => `The subnet ID '${id}' is not valid`,
  sameZone: () => 'A Classic Load Balancer can have at most one subnet per Availability Zone.',
  securityGroup: (id: string) => `One or more security groups are invalid: ${id} does not exist`,
  listeners: () => 'Listeners must list at least one listener {Protocol, LoadBalancerPort, InstanceProtocol?, InstancePort}.',
  protocol: (field: string, value: unknown) => `${field} '${String(value)}' must be one of HTTP, HTTPS, TCP, SSL.`,
  duplicatePort: (port: number) => `A listener already exists for load balancer port ${port}.`,
  certificate: (port: number) => `Listener on port ${port}: an HTTPS or SSL listener needs an SSLCertificateId.`,
  target: (target: string) => `HealthCheck Target '${target}' is invalid: use TCP:port or SSL:port, or HTTP:port/path or HTTPS:port/path (port 1-65535).`,
  timeoutNotSmaller: (timeout: number, interval: number) => `HealthCheck Timeout ${timeout} must be smaller than Interval ${interval}.`,
  notRegistered: (id: string) => `Could not find EC2 instance ${id} registered with this load balancer.`,
} as const;

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'SSL'] as const;
type Protocol = (typeof PROTOCOLS)[number];
const isProtocol = (value: unknown): value is Protocol => typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value.toUpperCase());
const isPort = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;

function findClb(ctx: EngineContext, name: unknown): ClassicLoadBalancerRecord | undefined {
  return typeof name === 'string' ? ctx.state.elb?.classic?.get(name) : undefined;
}

interface CreateInput {
  LoadBalancerName: string;
  Listeners: unknown[];
  AvailabilityZones?: unknown[];
  Subnets?: unknown[];
  SecurityGroups?: unknown[];
  Scheme?: string;
}

function parseListeners(raw: unknown[]): { ok: true; listeners: ClassicListener[] } | { ok: false; result: CommandResult } {
  if (raw.length === 0) return { ok: false, result: fail(V, CLB_MESSAGES.listeners()) };
  const listeners: ClassicListener[] = [];
  for (const [i, entry] of raw.entries()) {
    const l = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (!isProtocol(l.Protocol)) return { ok: false, result: fail(V, CLB_MESSAGES.protocol(`Listeners[${i}].Protocol`, l.Protocol)) };
    const instanceProtocol = l.InstanceProtocol ?? l.Protocol;
    if (!isProtocol(instanceProtocol)) return { ok: false, result: fail(V, CLB_MESSAGES.protocol(`Listeners[${i}].InstanceProtocol`, instanceProtocol)) };
    if (!isPort(l.LoadBalancerPort)) return { ok: false, result: constraint(l.LoadBalancerPort, `listeners.${i + 1}.member.loadBalancerPort`, 'Member must have value between 1 and 65535') };
    if (!isPort(l.InstancePort)) return { ok: false, result: constraint(l.InstancePort, `listeners.${i + 1}.member.instancePort`, 'Member must have value between 1 and 65535') };
    const protocol = (l.Protocol as string).toUpperCase() as Protocol;
    if ((protocol === 'HTTPS' || protocol === 'SSL') && typeof l.SSLCertificateId !== 'string') return { ok: false, result: fail(V, CLB_MESSAGES.certificate(l.LoadBalancerPort)) };
    if (listeners.some((x) => x.LoadBalancerPort === l.LoadBalancerPort)) return { ok: false, result: fail('DuplicateListener', CLB_MESSAGES.duplicatePort(l.LoadBalancerPort)) };
    listeners.push({ Protocol: protocol, LoadBalancerPort: l.LoadBalancerPort, InstanceProtocol: (instanceProtocol as string).toUpperCase() as Protocol, InstancePort: l.InstancePort });
  }
  return { ok: true, listeners };
}

export function createClassicLoadBalancer(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checkParams<CreateInput>(raw, {
    params: { LoadBalancerName: 'string', Listeners: 'list', AvailabilityZones: 'list', Subnets: 'list', SecurityGroups: 'list', Scheme: 'string', Tags: 'list' },
    required: ['Listeners', 'LoadBalancerName'],
  });
  if (!c.ok) return c.result;
  const input = c.input;
  if (!NAME.test(input.LoadBalancerName)) return fail(V, CLB_MESSAGES.name(input.LoadBalancerName));
  const parsed = parseListeners(input.Listeners);
  if (!parsed.ok) return parsed.result;
  const scheme = input.Scheme ?? 'internet-facing';
  if (scheme !== 'internet-facing' && scheme !== 'internal') return constraint(scheme, 'scheme', 'Member must satisfy enum value set: [internet-facing, internal]');
  // In a VPC a Classic Load Balancer lives in subnets; Availability Zones name the default subnet of each.
  const subnets: string[] = [];
  const zones: string[] = [];
  if ((input.Subnets?.length ?? 0) > 0) {
    for (const id of input.Subnets!.map(String)) {
      const subnet = findSubnet(DEFAULT_NETWORK, id);
      if (subnet === undefined) return fail('InvalidSubnet', CLB_MESSAGES.subnet(id));
      if (zones.includes(subnet.availabilityZone)) return fail('InvalidConfigurationRequest', CLB_MESSAGES.sameZone());
      subnets.push(id);
      zones.push(subnet.availabilityZone);
    }
  } else if ((input.AvailabilityZones?.length ?? 0) > 0) {
    for (const zone of input.AvailabilityZones!.map(String)) {
      const subnet = defaultSubnetOfZone(zone);
      if (subnet === undefined) return fail(V, CLB_MESSAGES.zone(zone));
      if (zones.includes(zone)) continue;
      subnets.push(subnet.subnetId);
      zones.push(zone);
    }
  } else return fail(V, CLB_MESSAGES.zonesOrSubnets());
  const groups = (input.SecurityGroups ?? []).map(String);
  for (const id of groups) if (findGroup(ctx.state, id) === undefined) return fail('InvalidSecurityGroup', CLB_MESSAGES.securityGroup(id));
  // Without SecurityGroups it gets the VPC's default group (ELB API reference, CreateLoadBalancer).
  const securityGroups = groups.length > 0 ? groups : [DEFAULT_SECURITY_GROUP_ID];
  const existing = findClb(ctx, input.LoadBalancerName);
  if (existing !== undefined) {
    const same = JSON.stringify(existing.listeners) === JSON.stringify(parsed.listeners) && existing.subnets.join() === subnets.join() && existing.securityGroups.join() === securityGroups.join() && existing.scheme === scheme;
    return same ? ok({ DNSName: existing.dnsName }) : fail('DuplicateLoadBalancerName', CLB_MESSAGES.duplicate(input.LoadBalancerName));
  }
  const number = parseInt(ctx.prng.hex(8), 16) % 2_000_000_000;
  const dnsName = `${scheme === 'internal' ? 'internal-' : ''}${input.LoadBalancerName}-${number}.us-east-1.elb.amazonaws.com`;
  const record: ClassicLoadBalancerRecord = {
    name: input.LoadBalancerName, dnsName, createdMs: ctx.clock.now, scheme, listeners: parsed.listeners, zones, subnets, securityGroups,
    healthCheck: defaultClassicHealthCheck(parsed.listeners[0]!), instances: new Map(),
  };
  const elb = elbOf(ctx.state);
  elb.classic ??= new Map();
  elb.classic.set(record.name, record);
  const ports = record.listeners.map((l) => `${l.Protocol} ${l.LoadBalancerPort} → ${l.InstanceProtocol} ${l.InstancePort}`).join(', ');
  ctx.emit('elb.classic', `Classic Load Balancer ${record.name} is created in ${zones.join(', ')} (${ports}). It registers whole EC2 instances on fixed instance ports: no dynamic port mapping, no Fargate.`);
  return ok({ DNSName: dnsName });
}

/** `TCP:80`, `SSL:443`, `HTTP:80/health`, `HTTPS:443/` → its parts, or undefined. */
function parseTarget(target: string): Pick<ClassicHealthCheck, 'protocol' | 'port' | 'path'> | undefined {
  const m = /^(HTTP|HTTPS|TCP|SSL):(\d{1,5})(\/.*)?$/i.exec(target);
  if (m === null) return undefined;
  const protocol = m[1]!.toUpperCase() as Protocol;
  const port = Number(m[2]);
  if (!isPort(port)) return undefined;
  const http = protocol === 'HTTP' || protocol === 'HTTPS';
  if (http !== (m[3] !== undefined)) return undefined; // HTTP(S) needs a ping path; TCP/SSL take none
  return { protocol, port, ...(http ? { path: m[3]! } : {}) };
}

export function configureHealthCheck(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checkParams<{ LoadBalancerName: string; HealthCheck: Record<string, unknown> }>(raw, {
    params: { LoadBalancerName: 'string', HealthCheck: 'structure' },
    required: ['HealthCheck', 'LoadBalancerName'],
  });
  if (!c.ok) return c.result;
  const hc = c.input.HealthCheck;
  const target = typeof hc.Target === 'string' ? parseTarget(hc.Target) : undefined;
  if (target === undefined) return fail(V, CLB_MESSAGES.target(String(hc.Target)));
  const ranges: [string, number, number][] = [['Interval', 5, 300], ['Timeout', 2, 60], ['UnhealthyThreshold', 2, 10], ['HealthyThreshold', 2, 10]];
  for (const [field, lo, hi] of ranges) {
    const v = hc[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) return constraint(v, `healthCheck.${field[0]!.toLowerCase()}${field.slice(1)}`, `Member must have value between ${lo} and ${hi}`);
  }
  if ((hc.Timeout as number) >= (hc.Interval as number)) return fail(V, CLB_MESSAGES.timeoutNotSmaller(hc.Timeout as number, hc.Interval as number));
  const clb = findClb(ctx, c.input.LoadBalancerName);
  if (clb === undefined) return fail('LoadBalancerNotFound', CLB_MESSAGES.notFound(c.input.LoadBalancerName));
  clb.healthCheck = {
    Target: hc.Target as string, ...target,
    Interval: hc.Interval as number, Timeout: hc.Timeout as number, UnhealthyThreshold: hc.UnhealthyThreshold as number, HealthyThreshold: hc.HealthyThreshold as number,
  };
  // The new interval applies from now on.
  disarmClassicChecks(ctx, clb);
  armClassicChecks(ctx, clb);
  ctx.emit('elb.classic', `Classic Load Balancer ${clb.name} now checks ${clb.healthCheck.Target} every ${clb.healthCheck.Interval} s (healthy after ${clb.healthCheck.HealthyThreshold}, unhealthy after ${clb.healthCheck.UnhealthyThreshold}).`);
  return ok({ HealthCheck: renderHealthCheck(clb.healthCheck) });
}

const renderHealthCheck = (hc: ClassicHealthCheck): Record<string, unknown> => ({
  Target: hc.Target, Interval: hc.Interval, Timeout: hc.Timeout, UnhealthyThreshold: hc.UnhealthyThreshold, HealthyThreshold: hc.HealthyThreshold,
});

/** DescribeLoadBalancers' LoadBalancerDescriptions entry. */
export function renderClassicLoadBalancer(state: EngineContext['state'], clb: ClassicLoadBalancerRecord): Record<string, unknown> {
  return {
    LoadBalancerName: clb.name,
    DNSName: clb.dnsName,
    CanonicalHostedZoneName: clb.dnsName,
    // Route 53 hosted zone id of Classic Load Balancers in us-east-1 (AWS General Reference, ELB endpoints).
    CanonicalHostedZoneNameID: 'Z35SXDOTRQ7X7K',
    ListenerDescriptions: clb.listeners.map((l) => ({ Listener: { ...l }, PolicyNames: [] })),
    Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [], OtherPolicies: [] },
    BackendServerDescriptions: [],
    AvailabilityZones: [...clb.zones],
    Subnets: [...clb.subnets],
    VPCId: VPC_ID,
    Instances: [...clb.instances.keys()].map((InstanceId) => ({ InstanceId })),
    HealthCheck: renderHealthCheck(clb.healthCheck),
    SourceSecurityGroup: { OwnerAlias: ACCOUNT_ID, GroupName: findGroup(state, clb.securityGroups[0]!)?.groupName ?? clb.securityGroups[0]! },
    SecurityGroups: [...clb.securityGroups],
    CreatedTime: isoAt(clb.createdMs),
    Scheme: clb.scheme,
  };
}

export function describeClassicLoadBalancers(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checkParams<{ LoadBalancerNames?: unknown[] }>(raw, { params: { LoadBalancerNames: 'list', Marker: 'string', PageSize: 'integer' } });
  if (!c.ok) return c.result;
  const all = [...(ctx.state.elb?.classic?.values() ?? [])];
  const names = (c.input.LoadBalancerNames ?? []).map(String);
  for (const name of names) if (findClb(ctx, name) === undefined) return fail('LoadBalancerNotFound', CLB_MESSAGES.notFound(name));
  const selected = names.length > 0 ? all.filter((clb) => names.includes(clb.name)) : all;
  return ok({ LoadBalancerDescriptions: selected.map((clb) => renderClassicLoadBalancer(ctx.state, clb)) });
}

export function describeInstanceHealth(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checkParams<{ LoadBalancerName: string; Instances?: unknown[] }>(raw, { params: { LoadBalancerName: 'string', Instances: 'list' }, required: ['LoadBalancerName'] });
  if (!c.ok) return c.result;
  const clb = findClb(ctx, c.input.LoadBalancerName);
  if (clb === undefined) return fail('LoadBalancerNotFound', CLB_MESSAGES.notFound(c.input.LoadBalancerName));
  const wanted = (c.input.Instances ?? []).map((i) => String((i as { InstanceId?: unknown })?.InstanceId ?? i));
  for (const id of wanted) if (!clb.instances.has(id)) return fail('InvalidInstance', CLB_MESSAGES.notRegistered(id));
  const ids = wanted.length > 0 ? wanted : [...clb.instances.keys()];
  return ok({
    InstanceStates: ids.map((id) => {
      const h = clb.instances.get(id)!;
      return { InstanceId: id, State: h.state, ReasonCode: h.reasonCode, Description: h.description };
    }),
  });
}

export function deleteClassicLoadBalancer(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checkParams<{ LoadBalancerName: string }>(raw, { params: { LoadBalancerName: 'string' }, required: ['LoadBalancerName'] });
  if (!c.ok) return c.result;
  const clb = findClb(ctx, c.input.LoadBalancerName);
  // As with elbv2, deleting a load balancer that does not exist succeeds.
  if (clb === undefined) return ok({});
  disarmClassicChecks(ctx, clb);
  ctx.state.elb!.classic!.delete(clb.name);
  ctx.emit('elb.classic', `Classic Load Balancer ${clb.name} is deleted; its ${clb.instances.size} registered instance(s) no longer receive traffic from it.`);
  return ok({});
}

