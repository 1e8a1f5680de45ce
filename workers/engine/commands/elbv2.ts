/**
 * Elastic Load Balancing v2 (ALB and NLB) as the elbv2 API works, standalone (no ECS needed):
 * load balancers, target groups and their attributes, listeners forwarding to one target group,
 * registering targets and reading their health. Parameter names and shapes are elbv2's
 * (PascalCase). Every check runs before any change, so a refused call changes nothing.
 *
 * As AWS does, creating a load balancer, target group or listener again with the same name (port)
 * and the same settings answers the existing one; with other settings it is refused.
 * Error wording: AWS's where known (DuplicateTargetGroupName, "One or more … not found", the
 * "1 validation error detected" form, "Health check timeout … must be smaller than the interval …");
 * the rest is the sandbox's, marked UNCONFIRMED.
 */
import type { ElbLoadBalancerType, ElbProtocol, ElbTargetType } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { fail, ok, type CommandResult } from '../errors.ts';
import { DEFAULT_VPC_CIDR, DEFAULT_NETWORK, findSubnet, defaultSecurityGroupOf } from '../network/index.ts';
import { parseCidr } from '../network/ipv4.ts';
import { findGroup } from '../network/security-groups.ts';
import { VPC_ID } from '../catalog/network.ts';
import { armHealthChecks, deregisterTarget, describeTarget, disarmHealthChecks, dropTargetGroupTimers, registerTarget } from '../elb/health.ts';
import {
  ALB_PROTOCOLS,
  defaultAttributes,
  defaultHealthCheck,
  ELB_PREFIX,
  elbOf,
  isHttp,
  loadBalancersOf,
  NLB_PROTOCOLS,
  targetKey,
  type ElbState,
  type HealthCheckSettings,
  type LoadBalancerRecord,
  type TargetGroupRecord,
} from '../elb/model.ts';
import { renderAttributes, renderListener, renderLoadBalancer, renderTargetGroup } from '../elb/render.ts';
import { checkParams, type OperationShape } from './params.ts';

const V = 'ValidationError';
const bad = (message: string): CommandResult => fail(V, message);
/** AWS's generic constraint wording. */
const constraint = (value: unknown, field: string, rule: string): CommandResult =>
  bad(`1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${rule}`);

export const ELB_MESSAGES = {
  tgNotFound: () => 'One or more target groups not found',
  lbNotFound: () => 'One or more load balancers not found',
  listenerNotFound: () => 'One or more listeners not found',
  duplicateTg: (name: string) => `A target group with the same name '${name}' exists, but with different settings`,
  duplicateLb: (name: string) => `A load balancer with the same name '${name}' exists, but with different settings`,
  duplicateListener: (lb: string) => `A listener already exists on this port for this load balancer '${lb}'`,
  tgInUse: (arn: string) => `Target group '${arn}' is currently in use by a listener or a rule`,
  timeoutNotSmaller: (timeout: number, interval: number) => `Health check timeout '${timeout}' must be smaller than the interval '${interval}'`,
  twoZones: () => 'At least two subnets in two different Availability Zones must be specified',
  // UNCONFIRMED wordings below (the sandbox's, modelled on elbv2's style)
  name: (what: string, name: string) =>
    `${what} name '${name}' must have 1-32 characters, only letters, digits and hyphens, and must not begin or end with a hyphen.`,
  subnetNotFound: (id: string) => `The subnet ID '${id}' is not valid`,
  sameZone: () => 'A load balancer cannot be attached to multiple subnets in the same Availability Zone',
  sgNotFound: (id: string) => `Security group '${id}' does not exist`,
  enumValue: (field: string, value: unknown, allowed: readonly string[]) => `${field} '${value}' must be one of: ${allowed.join(', ')}`,
  listenerProtocol: (protocol: string, allowed: readonly string[]) => `Listener protocol '${protocol}' must be one of '${allowed.join(', ')}'`,
  tgProtocol: (tgProtocol: string, type: string) => `A target group with protocol ${tgProtocol} cannot be used by a load balancer of type ${type}: use ${type === 'application' ? 'HTTP or HTTPS' : 'TCP, TLS or UDP'}.`,
  tgOtherLb: (arn: string) => `The following target groups cannot be associated with more than one load balancer: ${arn}`,
  certificate: (protocol: string) => `A certificate must be specified for ${protocol} listeners`,
  forwardOnly: () => 'DefaultActions must be exactly one action {Type: forward, TargetGroupArn}: the sandbox models forward actions only.',
  required: (field: string) => `A ${field} must be specified`,
  vpcNotFound: (id: string) => `The VPC ID '${id}' is not found`,
  targetTypeLater: (type: string) => `Target type '${type}' is not simulated: use instance or ip.`,
  healthCheckOff: (type: string) => `Health check enabled must be true for target groups with target type '${type}'`,
  healthProtocol: (hc: string, tg: string) => `Health check protocol '${hc}' is not supported for target groups with protocol '${tg}'`,
  matcher: (value: string) => `Matcher HttpCode '${value}' is invalid: codes 200-499, as a list "200,202" or a range "200-299".`,
  notInstances: (ids: readonly string[]) => `The following targets are not valid instances: ${ids.map((id) => `'${id}'`).join(', ')}`,
  notIp: (id: string) => `The IP address '${id}' is not a valid IPv4 address`,
  ipOutsideVpc: (ip: string) => `The IP address '${ip}' is not within the CIDR block of VPC '${VPC_ID}' (${DEFAULT_VPC_CIDR})`,
  tooManyTargets: (now: number, adding: number) => `A target group can have at most 1000 targets; it has ${now} and ${adding} more would exceed that.`,
  attributeKey: (key: string) => `Target group attribute key '${key}' is not recognized`,
  attributeValue: (key: string, value: string, rule: string) => `Target group attribute '${key}' value '${value}' is invalid: ${rule}`,
  slowStartLor: () => 'Slow start cannot be used with the least_outstanding_requests algorithm: set slow_start.duration_seconds to 0 or use round_robin.',
  listenerArgs: () => 'You must specify either listener ARNs or a load balancer ARN',
} as const;

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const isPort = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
/** Time a new load balancer stays `provisioning` (UNCONFIRMED: AWS takes a few minutes). */
export const LB_PROVISIONING_MS = 120_000;

function checked<T extends object>(raw: unknown, shape: OperationShape): { ok: true; input: T } | { ok: false; result: CommandResult } {
  return checkParams<T>(raw, shape);
}

function findTg(elb: ElbState | undefined, arn: unknown): TargetGroupRecord | undefined {
  return typeof arn === 'string' ? elb?.targetGroups.get(arn) : undefined;
}

// ------------------------------------------------------------------------- load balancers

interface CreateLbInput {
  Name: string;
  Subnets?: unknown[];
  SecurityGroups?: unknown[];
  Scheme?: string;
  Type?: string;
  IpAddressType?: string;
  Tags?: unknown[];
}

export function createLoadBalancer(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<CreateLbInput>(raw, {
    params: { Name: 'string', Subnets: 'list', SubnetMappings: 'list', SecurityGroups: 'list', Scheme: 'string', Type: 'string', IpAddressType: 'string', Tags: 'list', CustomerOwnedIpv4Pool: 'string' },
    required: ['Name'],
  });
  if (!c.ok) return c.result;
  const input = c.input;
  if (!NAME.test(input.Name) || input.Name.startsWith('internal-')) return bad(ELB_MESSAGES.name('Load balancer', input.Name));
  const type = (input.Type ?? 'application') as ElbLoadBalancerType;
  if (type !== 'application' && type !== 'network') return bad(ELB_MESSAGES.enumValue('Type', input.Type, ['application', 'network']));
  const scheme = input.Scheme ?? 'internet-facing';
  if (scheme !== 'internet-facing' && scheme !== 'internal') return bad(ELB_MESSAGES.enumValue('Scheme', scheme, ['internet-facing', 'internal']));
  if (input.IpAddressType !== undefined && input.IpAddressType !== 'ipv4') return bad(ELB_MESSAGES.enumValue('IpAddressType', input.IpAddressType, ['ipv4']));
  const subnetIds = (input.Subnets ?? []).map(String);
  const zones: string[] = [];
  for (const id of subnetIds) {
    const subnet = findSubnet(DEFAULT_NETWORK, id);
    if (subnet === undefined) return fail('SubnetNotFound', ELB_MESSAGES.subnetNotFound(id));
    if (zones.includes(subnet.availabilityZone)) return fail('InvalidConfigurationRequest', ELB_MESSAGES.sameZone());
    zones.push(subnet.availabilityZone);
  }
  if (type === 'application' ? zones.length < 2 : zones.length < 1) return bad(type === 'application' ? ELB_MESSAGES.twoZones() : ELB_MESSAGES.required('subnet'));
  const groups = (input.SecurityGroups ?? []).map(String);
  for (const id of groups) if (findGroup(ctx.state, id) === undefined) return fail('InvalidSecurityGroup', ELB_MESSAGES.sgNotFound(id));
  // An ALB without SecurityGroups gets the VPC's default group, as AWS does; an NLB stays without one.
  const securityGroups = groups.length > 0 ? groups : type === 'application' ? [defaultSecurityGroupOf(DEFAULT_NETWORK, VPC_ID)!.groupId] : [];

  const elb = ctx.state.elb;
  const existing = [...(elb?.loadBalancers.values() ?? [])].find((lb) => lb.name === input.Name);
  if (existing !== undefined) {
    const same = existing.type === type && existing.scheme === scheme && existing.subnetIds.join() === subnetIds.join() && existing.securityGroups.join() === securityGroups.join();
    return same ? ok({ LoadBalancers: [renderLoadBalancer(existing)] }) : fail('DuplicateLoadBalancerName', ELB_MESSAGES.duplicateLb(input.Name));
  }
  const id = ctx.prng.hex(16);
  const arn = `${ELB_PREFIX}loadbalancer/${type === 'application' ? 'app' : 'net'}/${input.Name}/${id}`;
  const lb: LoadBalancerRecord = { arn, name: input.Name, id, type, scheme, subnetIds, zones, securityGroups, createdMs: ctx.clock.now, active: false };
  elbOf(ctx.state).loadBalancers.set(arn, lb);
  lb.activeTimer = ctx.clock.schedule(ctx.clock.now + LB_PROVISIONING_MS, () => {
    lb.active = true;
    lb.activeTimer = undefined;
    ctx.emit('elb.lb', `Load balancer ${lb.name} is active.`, lb.arn);
  });
  ctx.emit('elb.lb', `Load balancer ${lb.name} (${type}, ${scheme}) is provisioning in ${zones.join(', ')}.`, arn);
  return ok({ LoadBalancers: [renderLoadBalancer(lb)] });
}

export function describeLoadBalancers(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ LoadBalancerArns?: unknown[]; Names?: unknown[] }>(raw, { params: { LoadBalancerArns: 'list', Names: 'list', Marker: 'string', PageSize: 'integer' } });
  if (!c.ok) return c.result;
  const all = [...(ctx.state.elb?.loadBalancers.values() ?? [])];
  const { LoadBalancerArns: arns, Names: names } = c.input;
  let selected = all;
  if (arns !== undefined && arns.length > 0) selected = all.filter((lb) => arns.includes(lb.arn));
  else if (names !== undefined && names.length > 0) selected = all.filter((lb) => names.includes(lb.name));
  const wanted = (arns?.length ?? 0) > 0 ? arns!.length : (names?.length ?? 0);
  if (wanted > 0 && selected.length < new Set((arns?.length ?? 0) > 0 ? arns : names).size) return fail('LoadBalancerNotFound', ELB_MESSAGES.lbNotFound());
  return ok({ LoadBalancers: selected.map(renderLoadBalancer) });
}

export function deleteLoadBalancer(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ LoadBalancerArn: string }>(raw, { params: { LoadBalancerArn: 'string' }, required: ['LoadBalancerArn'] });
  if (!c.ok) return c.result;
  const elb = ctx.state.elb;
  const lb = elb?.loadBalancers.get(c.input.LoadBalancerArn);
  // AWS: deleting a load balancer that does not exist (or no longer does) succeeds.
  if (elb === undefined || lb === undefined) return ok({});
  const groups = new Set<string>();
  for (const [arn, listener] of elb.listeners) {
    if (listener.loadBalancerArn !== lb.arn) continue;
    elb.listeners.delete(arn);
    groups.add(listener.targetGroupArn);
  }
  elb.loadBalancers.delete(lb.arn);
  if (lb.activeTimer !== undefined) ctx.clock.cancel(lb.activeTimer);
  for (const arn of groups) {
    const tg = elb.targetGroups.get(arn);
    if (tg !== undefined && loadBalancersOf(elb, arn).length === 0) disarmHealthChecks(ctx, tg);
  }
  ctx.emit('elb.lb', `Load balancer ${lb.name} is deleted with its listeners.`, lb.arn);
  return ok({});
}

// ------------------------------------------------------------------------- target groups

interface CreateTgInput {
  Name: string;
  Protocol?: string;
  Port?: number;
  VpcId?: string;
  HealthCheckProtocol?: string;
  HealthCheckPort?: string;
  HealthCheckEnabled?: boolean;
  HealthCheckPath?: string;
  HealthCheckIntervalSeconds?: number;
  HealthCheckTimeoutSeconds?: number;
  HealthyThresholdCount?: number;
  UnhealthyThresholdCount?: number;
  Matcher?: { HttpCode?: unknown };
  TargetType?: string;
}

const TG_PROTOCOLS = [...ALB_PROTOCOLS, ...NLB_PROTOCOLS];

/** HttpCode: codes 200-499 as "200", "200,202" or "200-299". */
function validMatcher(code: string): boolean {
  return code.split(',').every((part) => {
    const m = /^(\d{3})(?:-(\d{3}))?$/.exec(part.trim());
    if (m === null) return false;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    return lo >= 200 && hi <= 499 && lo <= hi;
  });
}

function healthSettings(input: CreateTgInput, protocol: ElbProtocol): { ok: true; health: HealthCheckSettings } | { ok: false; result: CommandResult } {
  const base = defaultHealthCheck(protocol);
  const hcProtocol = input.HealthCheckProtocol ?? base.protocol;
  const allowed = isHttp(protocol) ? ['HTTP', 'HTTPS'] : ['TCP', 'HTTP', 'HTTPS'];
  if (!allowed.includes(hcProtocol)) return { ok: false, result: bad(ELB_MESSAGES.healthProtocol(hcProtocol, protocol)) };
  const httpCheck = hcProtocol !== 'TCP';
  const ranges: [keyof CreateTgInput, string, number, number][] = [
    ['HealthCheckIntervalSeconds', 'healthCheckIntervalSeconds', 5, 300],
    ['HealthCheckTimeoutSeconds', 'healthCheckTimeoutSeconds', 2, 120],
    ['HealthyThresholdCount', 'healthyThresholdCount', 2, 10],
    ['UnhealthyThresholdCount', 'unhealthyThresholdCount', 2, 10],
  ];
  for (const [key, field, min, max] of ranges) {
    const value = input[key] as number | undefined;
    if (value === undefined) continue;
    if (value < min) return { ok: false, result: constraint(value, field, `Member must have value greater than or equal to ${min}`) };
    if (value > max) return { ok: false, result: constraint(value, field, `Member must have value less than or equal to ${max}`) };
  }
  const port = input.HealthCheckPort ?? 'traffic-port';
  if (port !== 'traffic-port' && !isPort(Number(port))) return { ok: false, result: bad(ELB_MESSAGES.enumValue('HealthCheckPort', port, ['traffic-port', '1-65535'])) };
  const matcher = input.Matcher?.HttpCode;
  if (matcher !== undefined && (!httpCheck || typeof matcher !== 'string' || !validMatcher(matcher))) return { ok: false, result: bad(ELB_MESSAGES.matcher(String(matcher))) };
  const health: HealthCheckSettings = {
    protocol: hcProtocol as HealthCheckSettings['protocol'],
    port,
    ...(httpCheck ? { path: input.HealthCheckPath ?? '/', matcher: (matcher as string | undefined) ?? '200' } : {}),
    intervalSeconds: input.HealthCheckIntervalSeconds ?? base.intervalSeconds,
    timeoutSeconds: input.HealthCheckTimeoutSeconds ?? (httpCheck ? 5 : base.timeoutSeconds),
    healthyThreshold: input.HealthyThresholdCount ?? base.healthyThreshold,
    unhealthyThreshold: input.UnhealthyThresholdCount ?? base.unhealthyThreshold,
  };
  if (health.timeoutSeconds >= health.intervalSeconds) return { ok: false, result: bad(ELB_MESSAGES.timeoutNotSmaller(health.timeoutSeconds, health.intervalSeconds)) };
  return { ok: true, health };
}

export function createTargetGroup(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<CreateTgInput>(raw, {
    params: {
      Name: 'string', Protocol: 'string', ProtocolVersion: 'string', Port: 'integer', VpcId: 'string', HealthCheckProtocol: 'string', HealthCheckPort: 'string',
      HealthCheckEnabled: 'boolean', HealthCheckPath: 'string', HealthCheckIntervalSeconds: 'integer', HealthCheckTimeoutSeconds: 'integer',
      HealthyThresholdCount: 'integer', UnhealthyThresholdCount: 'integer', Matcher: 'structure', TargetType: 'string', Tags: 'list', IpAddressType: 'string',
    },
    required: ['Name'],
  });
  if (!c.ok) return c.result;
  const input = c.input;
  if (!NAME.test(input.Name)) return bad(ELB_MESSAGES.name('Target group', input.Name));
  const targetType = (input.TargetType ?? 'instance') as ElbTargetType;
  if (targetType !== 'instance' && targetType !== 'ip') return bad(ELB_MESSAGES.targetTypeLater(String(input.TargetType)));
  if (input.Protocol === undefined) return bad(ELB_MESSAGES.required('protocol'));
  if (!TG_PROTOCOLS.includes(input.Protocol as ElbProtocol)) return bad(ELB_MESSAGES.enumValue('Protocol', input.Protocol, TG_PROTOCOLS));
  const protocol = input.Protocol as ElbProtocol;
  if (input.Port === undefined) return bad(ELB_MESSAGES.required('port'));
  if (!isPort(input.Port)) return constraint(input.Port, 'port', 'Member must have value between 1 and 65535');
  if (input.VpcId === undefined) return bad(ELB_MESSAGES.required('VPC ID'));
  if (!DEFAULT_NETWORK.vpcs.some((vpc) => vpc.vpcId === input.VpcId)) return bad(ELB_MESSAGES.vpcNotFound(input.VpcId));
  if (input.HealthCheckEnabled === false) return bad(ELB_MESSAGES.healthCheckOff(targetType));
  const health = healthSettings(input, protocol);
  if (!health.ok) return health.result;

  const existing = [...(ctx.state.elb?.targetGroups.values() ?? [])].find((tg) => tg.name === input.Name);
  if (existing !== undefined) {
    const same = existing.protocol === protocol && existing.port === input.Port && existing.targetType === targetType && JSON.stringify(existing.health) === JSON.stringify(health.health);
    return same ? ok({ TargetGroups: [renderTargetGroup(ctx.state, existing)] }) : fail('DuplicateTargetGroupName', ELB_MESSAGES.duplicateTg(input.Name));
  }
  const arn = `${ELB_PREFIX}targetgroup/${input.Name}/${ctx.prng.hex(16)}`;
  const tg: TargetGroupRecord = {
    arn, name: input.Name, protocol, port: input.Port, vpcId: input.VpcId, targetType, health: health.health,
    attributes: defaultAttributes(protocol, targetType), targets: new Map(), cursor: 0,
  };
  elbOf(ctx.state).targetGroups.set(arn, tg);
  return ok({ TargetGroups: [renderTargetGroup(ctx.state, tg)] });
}

export function describeTargetGroups(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ TargetGroupArns?: unknown[]; Names?: unknown[]; LoadBalancerArn?: string }>(raw, {
    params: { TargetGroupArns: 'list', Names: 'list', LoadBalancerArn: 'string', Marker: 'string', PageSize: 'integer' },
  });
  if (!c.ok) return c.result;
  const elb = ctx.state.elb;
  const all = [...(elb?.targetGroups.values() ?? [])];
  const { TargetGroupArns: arns, Names: names, LoadBalancerArn: lbArn } = c.input;
  let selected = all;
  if (lbArn !== undefined) {
    if (elb?.loadBalancers.get(lbArn) === undefined) return fail('LoadBalancerNotFound', ELB_MESSAGES.lbNotFound());
    selected = all.filter((tg) => loadBalancersOf(elb, tg.arn).includes(lbArn));
  }
  const keys = (arns?.length ?? 0) > 0 ? arns! : (names?.length ?? 0) > 0 ? names! : undefined;
  if (keys !== undefined) {
    const byArn = keys === arns;
    selected = selected.filter((tg) => keys.includes(byArn ? tg.arn : tg.name));
    if (selected.length < new Set(keys).size) return fail('TargetGroupNotFound', ELB_MESSAGES.tgNotFound());
  }
  return ok({ TargetGroups: selected.map((tg) => renderTargetGroup(ctx.state, tg)) });
}

export function deleteTargetGroup(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ TargetGroupArn: string }>(raw, { params: { TargetGroupArn: 'string' }, required: ['TargetGroupArn'] });
  if (!c.ok) return c.result;
  const elb = ctx.state.elb;
  const tg = findTg(elb, c.input.TargetGroupArn);
  if (elb === undefined || tg === undefined) return fail('TargetGroupNotFound', ELB_MESSAGES.tgNotFound());
  if (loadBalancersOf(elb, tg.arn).length > 0) return fail('ResourceInUse', ELB_MESSAGES.tgInUse(tg.arn));
  dropTargetGroupTimers(ctx, tg);
  elb.targetGroups.delete(tg.arn);
  return ok({});
}

/** Which attribute keys a group accepts, and each value's rule (null = fine). */
function attributeProblem(tg: TargetGroupRecord, key: string, value: string): string | null {
  const bool = value === 'true' || value === 'false' ? null : 'true or false';
  const range = (lo: number, hi: number): string | null => (/^\d+$/.test(value) && Number(value) >= lo && Number(value) <= hi ? null : `an integer from ${lo} to ${hi}`);
  switch (key) {
    case 'deregistration_delay.timeout_seconds':
      return range(0, 3600);
    case 'load_balancing.algorithm.type':
      return value === 'round_robin' || value === 'least_outstanding_requests' ? null : 'round_robin or least_outstanding_requests';
    case 'slow_start.duration_seconds':
      return value === '0' || (range(30, 900) === null) ? null : '0 (off) or 30 to 900';
    case 'stickiness.type':
      return value === (isHttp(tg.protocol) ? 'lb_cookie' : 'source_ip') ? null : isHttp(tg.protocol) ? 'lb_cookie' : 'source_ip';
    default:
      return bool;
  }
}

export function modifyTargetGroupAttributes(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ TargetGroupArn: string; Attributes: unknown[] }>(raw, { params: { TargetGroupArn: 'string', Attributes: 'list' }, required: ['TargetGroupArn', 'Attributes'] });
  if (!c.ok) return c.result;
  const tg = findTg(ctx.state.elb, c.input.TargetGroupArn);
  if (tg === undefined) return fail('TargetGroupNotFound', ELB_MESSAGES.tgNotFound());
  const changes: [string, string][] = [];
  for (const item of c.input.Attributes) {
    const { Key: key, Value: value } = (item ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof key !== 'string' || !tg.attributes.has(key)) return bad(ELB_MESSAGES.attributeKey(String(key)));
    const text = String(value);
    const problem = attributeProblem(tg, key, text);
    if (problem !== null) return bad(ELB_MESSAGES.attributeValue(key, text, `use ${problem}`));
    changes.push([key, text]);
  }
  // AWS: slow start does not work with least outstanding requests (checked on the result, before any change).
  const after = new Map([...tg.attributes, ...changes]);
  if (after.get('load_balancing.algorithm.type') === 'least_outstanding_requests' && after.get('slow_start.duration_seconds') !== '0') {
    return fail('InvalidConfigurationRequest', ELB_MESSAGES.slowStartLor());
  }
  for (const [key, value] of changes) tg.attributes.set(key, value);
  return ok({ Attributes: renderAttributes(tg) });
}

export function describeTargetGroupAttributes(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ TargetGroupArn: string }>(raw, { params: { TargetGroupArn: 'string' }, required: ['TargetGroupArn'] });
  if (!c.ok) return c.result;
  const tg = findTg(ctx.state.elb, c.input.TargetGroupArn);
  if (tg === undefined) return fail('TargetGroupNotFound', ELB_MESSAGES.tgNotFound());
  return ok({ Attributes: renderAttributes(tg) });
}

// ------------------------------------------------------------------------- listeners

interface CreateListenerInput {
  LoadBalancerArn: string;
  Protocol?: string;
  Port?: number;
  DefaultActions: unknown[];
  Certificates?: unknown[];
  SslPolicy?: string;
}

export function createListener(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<CreateListenerInput>(raw, {
    params: { LoadBalancerArn: 'string', Protocol: 'string', Port: 'integer', DefaultActions: 'list', Certificates: 'list', SslPolicy: 'string', AlpnPolicy: 'list', Tags: 'list' },
    required: ['LoadBalancerArn', 'DefaultActions'],
  });
  if (!c.ok) return c.result;
  const input = c.input;
  const elb = ctx.state.elb;
  const lb = elb?.loadBalancers.get(input.LoadBalancerArn);
  if (elb === undefined || lb === undefined) return fail('LoadBalancerNotFound', ELB_MESSAGES.lbNotFound());
  const allowed = lb.type === 'application' ? ALB_PROTOCOLS : NLB_PROTOCOLS;
  const protocol = (input.Protocol ?? (lb.type === 'application' ? 'HTTP' : 'TCP')) as ElbProtocol;
  if (!allowed.includes(protocol)) return bad(ELB_MESSAGES.listenerProtocol(protocol, allowed));
  const port = input.Port ?? (protocol === 'HTTPS' ? 443 : 80);
  if (!isPort(port)) return constraint(port, 'port', 'Member must have value between 1 and 65535');
  const certificates = (input.Certificates ?? []).map((cert) => ({ CertificateArn: String((cert as { CertificateArn?: unknown })?.CertificateArn ?? '') }));
  if ((protocol === 'HTTPS' || protocol === 'TLS') && certificates.length === 0) return fail('CertificateNotFound', ELB_MESSAGES.certificate(protocol));
  const action = input.DefaultActions[0] as { Type?: unknown; TargetGroupArn?: unknown } | undefined;
  if (input.DefaultActions.length !== 1 || action?.Type !== 'forward' || typeof action.TargetGroupArn !== 'string') return bad(ELB_MESSAGES.forwardOnly());
  const tg = findTg(elb, action.TargetGroupArn);
  if (tg === undefined) return fail('TargetGroupNotFound', ELB_MESSAGES.tgNotFound());
  if (!allowed.includes(tg.protocol)) return fail('InvalidConfigurationRequest', ELB_MESSAGES.tgProtocol(tg.protocol, lb.type));
  const others = loadBalancersOf(elb, tg.arn).filter((arn) => arn !== lb.arn);
  if (others.length > 0) return fail('TargetGroupAssociationLimit', ELB_MESSAGES.tgOtherLb(tg.arn));
  const onPort = [...elb.listeners.values()].find((l) => l.loadBalancerArn === lb.arn && l.port === port);
  if (onPort !== undefined) {
    const same = onPort.protocol === protocol && onPort.targetGroupArn === tg.arn;
    return same ? ok({ Listeners: [renderListener(onPort)] }) : fail('DuplicateListener', ELB_MESSAGES.duplicateListener(lb.arn));
  }
  const arn = `${ELB_PREFIX}listener/${lb.type === 'application' ? 'app' : 'net'}/${lb.name}/${lb.id}/${ctx.prng.hex(16)}`;
  const listener = { arn, loadBalancerArn: lb.arn, port, protocol, targetGroupArn: tg.arn, certificates };
  elb.listeners.set(arn, listener);
  armHealthChecks(ctx, tg);
  ctx.emit('elb.listener', `Load balancer ${lb.name} listens on ${protocol}:${port} and forwards to tg ${tg.name}.`, arn);
  return ok({ Listeners: [renderListener(listener)] });
}

export function describeListeners(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ LoadBalancerArn?: string; ListenerArns?: unknown[] }>(raw, { params: { LoadBalancerArn: 'string', ListenerArns: 'list', Marker: 'string', PageSize: 'integer' } });
  if (!c.ok) return c.result;
  const elb = ctx.state.elb;
  const { LoadBalancerArn: lbArn, ListenerArns: arns } = c.input;
  if (lbArn === undefined && (arns === undefined || arns.length === 0)) return bad(ELB_MESSAGES.listenerArgs());
  const all = [...(elb?.listeners.values() ?? [])];
  if (lbArn !== undefined) {
    if (elb?.loadBalancers.get(lbArn) === undefined) return fail('LoadBalancerNotFound', ELB_MESSAGES.lbNotFound());
    return ok({ Listeners: all.filter((l) => l.loadBalancerArn === lbArn).map(renderListener) });
  }
  const selected = all.filter((l) => arns!.includes(l.arn));
  if (selected.length < new Set(arns).size) return fail('ListenerNotFound', ELB_MESSAGES.listenerNotFound());
  return ok({ Listeners: selected.map(renderListener) });
}

export function deleteListener(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ ListenerArn: string }>(raw, { params: { ListenerArn: 'string' }, required: ['ListenerArn'] });
  if (!c.ok) return c.result;
  const elb = ctx.state.elb;
  const listener = elb?.listeners.get(c.input.ListenerArn);
  if (elb === undefined || listener === undefined) return fail('ListenerNotFound', ELB_MESSAGES.listenerNotFound());
  elb.listeners.delete(listener.arn);
  const tg = elb.targetGroups.get(listener.targetGroupArn);
  if (tg !== undefined && loadBalancersOf(elb, tg.arn).length === 0) disarmHealthChecks(ctx, tg);
  return ok({});
}

// ------------------------------------------------------------------------- targets

type TargetInput = { Id: string; Port: number };

/**
 * RegisterTargets' and DeregisterTargets' `Targets`, checked against the group's target type: an
 * instance group takes EC2 instance ids of container instances, an ip group IPv4 addresses in the VPC.
 */
export function checkTargets(ctx: EngineContext, tg: TargetGroupRecord, raw: unknown[], registering: boolean): { ok: true; targets: TargetInput[] } | { ok: false; result: CommandResult } {
  const targets: TargetInput[] = [];
  const unknownInstances: string[] = [];
  const vpc = parseCidr(DEFAULT_VPC_CIDR)!;
  for (const item of raw) {
    const { Id: id, Port: port } = (item ?? {}) as { Id?: unknown; Port?: unknown };
    if (typeof id !== 'string' || id === '') return { ok: false, result: bad('Each target needs an Id (an instance id or an IP address).') };
    const p = port ?? tg.port;
    if (!isPort(p)) return { ok: false, result: constraint(p, 'targets.member.port', 'Member must have value between 1 and 65535') };
    if (tg.targetType === 'instance') {
      if (registering && ![...ctx.state.instances.values()].some((instance) => instance.ec2InstanceId === id)) unknownInstances.push(id);
    } else {
      const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(id);
      if (octets === null || octets.slice(1).some((o) => Number(o) > 255)) return { ok: false, result: fail('InvalidTarget', ELB_MESSAGES.notIp(id)) };
      const address = octets.slice(1).reduce((acc, o) => acc * 256 + Number(o), 0);
      if (address < vpc.base || address >= vpc.base + vpc.size) return { ok: false, result: fail('InvalidTarget', ELB_MESSAGES.ipOutsideVpc(id)) };
    }
    targets.push({ Id: id, Port: p });
  }
  if (unknownInstances.length > 0) return { ok: false, result: fail('InvalidTarget', ELB_MESSAGES.notInstances(unknownInstances)) };
  return { ok: true, targets };
}

export function registerTargets(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ TargetGroupArn: string; Targets: unknown[] }>(raw, { params: { TargetGroupArn: 'string', Targets: 'list' }, required: ['TargetGroupArn', 'Targets'] });
  if (!c.ok) return c.result;
  const tg = findTg(ctx.state.elb, c.input.TargetGroupArn);
  if (tg === undefined) return fail('TargetGroupNotFound', ELB_MESSAGES.tgNotFound());
  const checkedTargets = checkTargets(ctx, tg, c.input.Targets, true);
  if (!checkedTargets.ok) return checkedTargets.result;
  const added = new Set(checkedTargets.targets.map((t) => targetKey(t.Id, t.Port)).filter((key) => !tg.targets.has(key))).size;
  if (tg.targets.size + added > 1000) return fail('TooManyTargets', ELB_MESSAGES.tooManyTargets(tg.targets.size, added));
  for (const target of checkedTargets.targets) registerTarget(ctx, tg, target.Id, target.Port);
  return ok({});
}

export function deregisterTargets(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ TargetGroupArn: string; Targets: unknown[] }>(raw, { params: { TargetGroupArn: 'string', Targets: 'list' }, required: ['TargetGroupArn', 'Targets'] });
  if (!c.ok) return c.result;
  const tg = findTg(ctx.state.elb, c.input.TargetGroupArn);
  if (tg === undefined) return fail('TargetGroupNotFound', ELB_MESSAGES.tgNotFound());
  const checkedTargets = checkTargets(ctx, tg, c.input.Targets, false);
  if (!checkedTargets.ok) return checkedTargets.result;
  // AWS answers 200 and does nothing for a target that is not registered (e.g. the wrong Port): so does the sandbox.
  for (const target of checkedTargets.targets) deregisterTarget(ctx, tg, target.Id, target.Port);
  return ok({});
}

export function describeTargetHealth(ctx: EngineContext, raw: unknown): CommandResult {
  const c = checked<{ TargetGroupArn: string; Targets?: unknown[] }>(raw, { params: { TargetGroupArn: 'string', Targets: 'list', Include: 'list' }, required: ['TargetGroupArn'] });
  if (!c.ok) return c.result;
  const tg = findTg(ctx.state.elb, c.input.TargetGroupArn);
  if (tg === undefined) return fail('TargetGroupNotFound', ELB_MESSAGES.tgNotFound());
  if (c.input.Targets !== undefined && c.input.Targets.length > 0) {
    const checkedTargets = checkTargets(ctx, tg, c.input.Targets, false);
    if (!checkedTargets.ok) return checkedTargets.result;
    return ok({ TargetHealthDescriptions: checkedTargets.targets.map((t) => describeTarget(ctx.state, tg, t.Id, t.Port)) });
  }
  return ok({ TargetHealthDescriptions: [...tg.targets.values()].map((t) => describeTarget(ctx.state, tg, t.id, t.port)) });
}
