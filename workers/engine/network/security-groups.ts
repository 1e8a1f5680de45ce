/**
 * Security groups, in their simplest useful form: ingress rules (protocol, port range, and a source
 * that is a CIDR block or another security group), evaluated when a load balancer health-checks or
 * routes to a target (elb/probe.ts). Egress is "all traffic out", as AWS creates it, and is not
 * evaluated. Security groups are stateful allow-lists: traffic is allowed when ANY rule of ANY of the
 * target's groups allows it (Amazon VPC User Guide, "Security group rules").
 *
 * The default group `sg-default` allows all traffic from its own members, as AWS creates a VPC's
 * default group ("Default security groups for your VPCs"): an instance and an ALB that both keep it
 * talk freely. A group of the load balancer's own (the usual setup) is let in only by a rule naming
 * it, or a CIDR covering the load balancer's private addresses — with dynamic host ports that rule
 * must cover the ephemeral range (ECS Developer Guide, troubleshoot-service-load-balancers; the AWS
 * CDK opens 32768–65535, ecs-reference §9).
 *
 * The API's side (parsing rules, EC2's shapes) is security-group-rules.ts, loaded with the commands.
 *
 * State (`state.network`): created groups and the default group once changed, a version bumped on
 * every change (probe.ts caches its verdicts per target against it), and each container instance's
 * groups. Absent until first used: a sandbox without security groups carries nothing.
 */
import type { EngineState } from '../state.ts';
import { DEFAULT_NETWORK, DEFAULT_SECURITY_GROUP, DEFAULT_SECURITY_GROUP_ID, type NetworkCatalog, type SecurityGroup } from './default-vpc.ts';
import type { NetworkState } from './eni.ts';
import { formatIpv4, type CidrBlock } from './ipv4.ts';

/** One source of one permission, flattened for evaluation and for duplicate checks. */
export interface IngressRule {
  protocol: '-1' | 'tcp' | 'udp' | 'icmp';
  /** Port range, inclusive; 0–65535 for all traffic. */
  from: number;
  to: number;
  /** The source: a CIDR block, or a security group id. */
  cidr?: CidrBlock;
  cidrText?: string;
  groupId?: string;
  description?: string;
}

export interface SecurityGroupRecord extends SecurityGroup {
  rules: IngressRule[];
  tags: { Key: string; Value: string }[];
}

export interface SecurityGroupState {
  /** Created groups, and `sg-default` once its rules changed, by id in creation order. */
  groups: Map<string, SecurityGroupRecord>;
  /** Bumped on every rule or group change (probe.ts re-evaluates cached verdicts). */
  version: number;
  /** Container instances' groups by EC2 instance id (sim:AddContainerInstances securityGroupIds). */
  instanceGroups: Map<string, readonly string[]>;
  nextId: number;
}

/** The extra fields NetworkState carries for security groups (absent until first used). */
export type WithSecurityGroups = NetworkState & { securityGroups?: SecurityGroupState };

export const DEFAULT_RULES: readonly IngressRule[] = [{ protocol: '-1', from: 0, to: 65535, groupId: DEFAULT_SECURITY_GROUP_ID }];
const DEFAULT_RECORD: SecurityGroupRecord = { ...DEFAULT_SECURITY_GROUP, rules: DEFAULT_RULES as IngressRule[], tags: [] };
const DEFAULT_GROUPS: readonly string[] = [DEFAULT_SECURITY_GROUP_ID];

export function securityGroupState(state: EngineState): SecurityGroupState {
  const network = state.network as WithSecurityGroups;
  network.securityGroups ??= { groups: new Map(), version: 0, instanceGroups: new Map(), nextId: 1 };
  return network.securityGroups;
}

const peek = (state: EngineState): SecurityGroupState | undefined => (state.network as WithSecurityGroups).securityGroups;

/** The version probe.ts caches against (0 while nothing changed). */
export const securityGroupVersion = (state: EngineState): number => peek(state)?.version ?? 0;

export function findGroup(state: EngineState, groupId: string): SecurityGroupRecord | undefined {
  return peek(state)?.groups.get(groupId) ?? (groupId === DEFAULT_SECURITY_GROUP_ID ? DEFAULT_RECORD : undefined);
}

/** Every group: the default one first, then the created ones. */
export function allGroups(state: EngineState): SecurityGroupRecord[] {
  const groups = peek(state)?.groups;
  const out = [groups?.get(DEFAULT_SECURITY_GROUP_ID) ?? DEFAULT_RECORD];
  if (groups !== undefined) for (const group of groups.values()) if (group.groupId !== DEFAULT_SECURITY_GROUP_ID) out.push(group);
  return out;
}

/** The catalogue awsvpc checks and elbv2 take: the default VPC and subnets, and every group. */
export function networkCatalogOf(state: EngineState): NetworkCatalog {
  if (peek(state) === undefined) return DEFAULT_NETWORK;
  return { vpcs: DEFAULT_NETWORK.vpcs, subnets: DEFAULT_NETWORK.subnets, securityGroups: allGroups(state) };
}

export function instanceGroups(state: EngineState, ec2InstanceId: string): readonly string[] {
  return peek(state)?.instanceGroups.get(ec2InstanceId) ?? DEFAULT_GROUPS;
}

/** Remember an instance's groups (only when they differ from the default, to keep the state small). */
export function setInstanceGroups(state: EngineState, ec2InstanceId: string, groupIds: readonly string[]): void {
  if (groupIds.length === 1 && groupIds[0] === DEFAULT_SECURITY_GROUP_ID && peek(state) === undefined) return;
  securityGroupState(state).instanceGroups.set(ec2InstanceId, [...groupIds]);
}

// ------------------------------------------------------------------------- evaluation

/** Where traffic comes from: the sender's security groups and its private address. */
export interface TrafficSource {
  groups: readonly string[];
  /** The sender's IPv4 address as an unsigned integer. */
  ip: number;
}

function ruleAllows(rule: IngressRule, source: TrafficSource, protocol: 'tcp' | 'udp', port: number): boolean {
  if (rule.protocol !== '-1' && rule.protocol !== protocol) return false;
  if (port < rule.from || port > rule.to) return false;
  if (rule.groupId !== undefined) return source.groups.includes(rule.groupId);
  return rule.cidr !== undefined && source.ip >= rule.cidr.base && source.ip < rule.cidr.base + rule.cidr.size;
}

/** Whether any rule of any of `targetGroups` lets `source` in on `protocol`/`port`. */
export function allowsIngress(state: EngineState, targetGroups: readonly string[], source: TrafficSource, protocol: 'tcp' | 'udp', port: number): boolean {
  for (const id of targetGroups) {
    const group = findGroup(state, id);
    if (group === undefined) continue;
    for (const rule of group.rules) if (ruleAllows(rule, source, protocol, port)) return true;
  }
  return false;
}

/**
 * Why traffic is refused, for learners: which groups lack which port, and the rule that would fix
 * it (from the load balancer's group, on the ephemeral range for a dynamic host port). Only built
 * when a check is refused.
 */
export function ingressRefusal(state: EngineState, targetGroups: readonly string[], what: string, source: TrafficSource, sourceName: string, protocol: 'tcp' | 'udp', port: number, dynamicPort: boolean): string {
  const named = (id: string): string => {
    const name = findGroup(state, id)?.groupName;
    return name === undefined || name === id ? id : `${id} (${name})`;
  };
  const groups = targetGroups.map(named).join(', ');
  const from = source.groups.length > 0 ? `security group ${source.groups.map(named).join(' or ')}` : `${sourceName}'s address ${formatIpv4(source.ip)} (no security group of its own: allow the VPC CIDR)`;
  const range = dynamicPort ? `ports 32768-65535 (the ephemeral range dynamic host ports come from; ${port} is one of them)` : `port ${port}`;
  const peer = source.groups[0] ?? '172.31.0.0/16';
  return `security group ${groups} of ${what} allows no inbound ${protocol.toUpperCase()} ${port} from ${from}: add an inbound rule to ${targetGroups[0]} for ${range} from ${peer} (ec2:AuthorizeSecurityGroupIngress).`;
}

