/**
 * ec2:DescribeVpcs, ec2:DescribeSubnets, ec2:DescribeSecurityGroups: read the account's network
 * (the default VPC, its subnet per Availability Zone, its security groups) in EC2's response
 * shapes, so that a learner can look up what to put in an awsvpc `networkConfiguration`.
 * ec2:CreateSecurityGroup, ec2:AuthorizeSecurityGroupIngress, ec2:RevokeSecurityGroupIngress: the
 * security groups load balancers and targets need (network/security-groups.ts evaluates them).
 *
 * As EC2 does: ids that do not exist fail the whole call (InvalidSubnetID.NotFound,
 * InvalidGroup.NotFound, InvalidVpcID.NotFound); `Filters` are ANDed, the values of one filter
 * ORed, with `*` and `?` wildcards; an unknown filter name is InvalidParameterValue; `tag:…` filters
 * are valid and match nothing (the default resources have no tags); MaxResults 5–1000 with a
 * NextToken; DryRun answers DryRunOperation. Parameter names are EC2's (PascalCase).
 */
import type { EngineContext } from '../context.ts';
import { fail, ok, type CommandResult } from '../errors.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import {
  availabilityZoneId,
  availableIpAddressCount,
  DEFAULT_NETWORK,
  NETWORK_MESSAGES,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from '../network/index.ts';
import { allGroups, findGroup, securityGroupState, type IngressRule, type SecurityGroupRecord } from '../network/security-groups.ts';
import { mutableGroup, parseRuleCidr, renderPermissions, ruleText, sameRule } from '../network/security-group-rules.ts';
import { checkParams } from './params.ts';

interface Filter {
  Name?: unknown;
  Values?: unknown;
}

interface DescribeInput {
  Filters?: Filter[];
  DryRun?: boolean;
  MaxResults?: number;
  NextToken?: string;
}

const COMMON_PARAMS = { Filters: 'list', DryRun: 'boolean', MaxResults: 'integer', NextToken: 'string' } as const;

/** Each filter name → the values a resource offers for it. */
type FilterTable<T> = Readonly<Record<string, (item: T) => readonly string[]>>;

const VPC_FILTERS: FilterTable<Vpc> = {
  'vpc-id': (vpc) => [vpc.vpcId],
  cidr: (vpc) => [vpc.cidrBlock],
  'cidr-block-association.cidr-block': (vpc) => [vpc.cidrBlock],
  'is-default': (vpc) => [String(vpc.isDefault)],
  state: () => ['available'],
  'owner-id': () => [ACCOUNT_ID],
};

const SUBNET_FILTERS: FilterTable<Subnet> = {
  'subnet-id': (subnet) => [subnet.subnetId],
  'vpc-id': (subnet) => [subnet.vpcId],
  'availability-zone': (subnet) => [subnet.availabilityZone],
  'availability-zone-id': (subnet) => [availabilityZoneId(subnet.availabilityZone)],
  'cidr-block': (subnet) => [subnet.cidrBlock],
  'default-for-az': () => ['true'],
  'map-public-ip-on-launch': () => ['true'],
  state: () => ['available'],
  'owner-id': () => [ACCOUNT_ID],
  'subnet-arn': (subnet) => [subnetArn(subnet)],
};

const SECURITY_GROUP_FILTERS: FilterTable<SecurityGroup> = {
  'group-id': (group) => [group.groupId],
  'group-name': (group) => [group.groupName],
  'vpc-id': (group) => [group.vpcId],
  description: (group) => [group.description],
  'owner-id': () => [ACCOUNT_ID],
};

const subnetArn = (subnet: Subnet): string => `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:subnet/${subnet.subnetId}`;

/** The account's VPCs (the default one). The context is unused: the VPC is constant. */
export function describeVpcs(_ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeInput & { VpcIds?: unknown[] }>(raw, { params: { ...COMMON_PARAMS, VpcIds: 'list' } });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const byId = selectByIds(DEFAULT_NETWORK.vpcs, input.VpcIds, (vpc) => vpc.vpcId, 'InvalidVpcID.NotFound', notFoundMessage('vpc ID', 'vpc IDs'));
  if (!byId.ok) return byId.result;
  return respond(input, byId.items, VPC_FILTERS, 'Vpcs', renderVpc);
}

/** The account's subnets, with the addresses the ENIs of tasks hold taken off AvailableIpAddressCount. */
export function describeSubnets(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeInput & { SubnetIds?: unknown[] }>(raw, { params: { ...COMMON_PARAMS, SubnetIds: 'list' } });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const byId = selectByIds(DEFAULT_NETWORK.subnets, input.SubnetIds, (subnet) => subnet.subnetId, 'InvalidSubnetID.NotFound', notFoundMessage('subnet ID', 'subnet IDs'));
  if (!byId.ok) return byId.result;
  return respond(input, byId.items, SUBNET_FILTERS, 'Subnets', (subnet) => renderSubnet(ctx, subnet));
}

/** The account's security groups: the default VPC's `default` group, then the created ones. */
export function describeSecurityGroups(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeInput & { GroupIds?: unknown[]; GroupNames?: unknown[] }>(raw, {
    params: { ...COMMON_PARAMS, GroupIds: 'list', GroupNames: 'list' },
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const groups = allGroups(ctx.state);
  const byId = selectByIds(groups, input.GroupIds, (group) => group.groupId, 'InvalidGroup.NotFound', notFoundMessage('security group', 'security groups'));
  if (!byId.ok) return byId.result;
  // GroupNames name groups of the default VPC (EC2: "[Default VPC] You can specify either the security group name or ID").
  const defaultVpc = DEFAULT_NETWORK.vpcs.find((vpc) => vpc.isDefault)!.vpcId;
  const inDefaultVpc = byId.items.filter((group) => input.GroupNames === undefined || group.vpcId === defaultVpc);
  const byName = selectByIds(inDefaultVpc, input.GroupNames, (group) => group.groupName, 'InvalidGroup.NotFound', (missing) =>
    NETWORK_MESSAGES.ec2GroupNameNotFound(missing[0]!, defaultVpc),
  );
  if (!byName.ok) return byName.result;
  return respond(input, byName.items, SECURITY_GROUP_FILTERS, 'SecurityGroups', renderSecurityGroup);
}

/** EC2's not-found wording; the plural form for several ids is UNCONFIRMED (it follows EC2's instance-id one). */
function notFoundMessage(singular: string, pluralNoun: string): (missing: readonly string[]) => string {
  return (missing) =>
    missing.length === 1 ? `The ${singular} '${missing[0]}' does not exist` : `The ${pluralNoun} '${missing.join(', ')}' do not exist`;
}

type Selection<T> = { ok: true; items: readonly T[] } | { ok: false; result: CommandResult };

/** The items named by `ids` (all of them when `ids` is absent); any unknown id fails the call. */
function selectByIds<T>(
  items: readonly T[],
  ids: readonly unknown[] | undefined,
  idOf: (item: T) => string,
  code: string,
  message: (missing: readonly string[]) => string,
): Selection<T> {
  if (ids === undefined || ids.length === 0) return { ok: true, items };
  const wanted = new Set(ids.map(String));
  const missing = [...wanted].filter((id) => !items.some((item) => idOf(item) === id));
  if (missing.length > 0) return { ok: false, result: fail(code, message(missing)) };
  return { ok: true, items: items.filter((item) => wanted.has(idOf(item))) };
}

const MIN_RESULTS = 5;
const MAX_RESULTS = 1000;
const TOKEN_PREFIX = 'sandbox-ec2-page-';

function respond<T>(input: DescribeInput, items: readonly T[], table: FilterTable<T>, key: string, render: (item: T) => unknown): CommandResult {
  if (input.DryRun === true) return fail('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
  const filtered = applyFilters(items, input.Filters ?? [], table);
  if (!filtered.ok) return filtered.result;
  const size = input.MaxResults ?? MAX_RESULTS;
  if (size < MIN_RESULTS || size > MAX_RESULTS) {
    return fail('InvalidParameterValue', NETWORK_MESSAGES.ec2MaxResults(size, MIN_RESULTS, MAX_RESULTS));
  }
  let offset = 0;
  if (input.NextToken !== undefined) {
    const text = input.NextToken.startsWith(TOKEN_PREFIX) ? input.NextToken.slice(TOKEN_PREFIX.length) : '';
    if (!/^\d+$/.test(text)) return fail('InvalidParameterValue', NETWORK_MESSAGES.ec2NextToken());
    offset = Number(text);
  }
  const page = filtered.items.slice(offset, offset + size);
  const end = offset + page.length;
  return ok({ [key]: page.map(render), ...(end < filtered.items.length ? { NextToken: `${TOKEN_PREFIX}${end}` } : {}) });
}

function applyFilters<T>(items: readonly T[], filters: readonly Filter[], table: FilterTable<T>): Selection<T> {
  let selected = items;
  for (const [index, filter] of filters.entries()) {
    const name = typeof filter?.Name === 'string' ? filter.Name : undefined;
    const values = Array.isArray(filter?.Values) ? filter.Values.map(String) : undefined;
    if (name === undefined || values === undefined) {
      return { ok: false, result: fail('InvalidParameterValue', `Filters[${index}] must be {Name, Values: [..]}; this one is ${JSON.stringify(filter)}.`) };
    }
    const patterns = values.map(wildcard);
    if (name.startsWith('tag:') || name === 'tag-key' || name === 'tag-value') {
      // Only created security groups carry tags (the default VPC, subnets and group have none).
      const match = (value: string) => patterns.some((pattern) => pattern.test(value));
      selected = selected.filter((item) => {
        const tags = (item as { tags?: { Key: string; Value: string }[] }).tags ?? [];
        if (name === 'tag-key') return tags.some((t) => match(t.Key));
        if (name === 'tag-value') return tags.some((t) => match(t.Value));
        return tags.some((t) => t.Key === name.slice(4) && match(t.Value));
      });
      continue;
    }
    const valuesOf = table[name];
    if (valuesOf === undefined) return { ok: false, result: fail('InvalidParameterValue', NETWORK_MESSAGES.invalidFilter(name)) };
    selected = selected.filter((item) => valuesOf(item).some((value) => patterns.some((pattern) => pattern.test(value))));
  }
  return { ok: true, items: selected };
}

/** EC2 filter values: `*` any run of characters, `?` one character, the rest literal. */
function wildcard(value: string): RegExp {
  const body = value.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${body}$`);
}

function renderVpc(vpc: Vpc): Record<string, unknown> {
  return {
    OwnerId: ACCOUNT_ID,
    InstanceTenancy: 'default',
    CidrBlockAssociationSet: [
      { AssociationId: `vpc-cidr-assoc-${vpc.vpcId.slice(4)}`, CidrBlock: vpc.cidrBlock, CidrBlockState: { State: 'associated' } },
    ],
    IsDefault: vpc.isDefault,
    VpcId: vpc.vpcId,
    State: 'available',
    CidrBlock: vpc.cidrBlock,
    DhcpOptionsId: 'dopt-default',
  };
}

function renderSubnet(ctx: EngineContext, subnet: Subnet): Record<string, unknown> {
  return {
    AvailabilityZoneId: availabilityZoneId(subnet.availabilityZone),
    MapCustomerOwnedIpOnLaunch: false,
    OwnerId: ACCOUNT_ID,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    SubnetArn: subnetArn(subnet),
    EnableDns64: false,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    SubnetId: subnet.subnetId,
    State: 'available',
    VpcId: subnet.vpcId,
    CidrBlock: subnet.cidrBlock,
    AvailableIpAddressCount: availableIpAddressCount(ctx.state.network, subnet),
    AvailabilityZone: subnet.availabilityZone,
    // AWS's default subnets: default for their AZ, public IPs on launch.
    DefaultForAz: true,
    MapPublicIpOnLaunch: true,
  };
}

/** A group as EC2 shows it: its inbound rules, and all traffic out (as AWS creates every group). */
function renderSecurityGroup(group: SecurityGroupRecord): Record<string, unknown> {
  const noRanges = { Ipv6Ranges: [], PrefixListIds: [] };
  return {
    GroupId: group.groupId,
    IpPermissionsEgress: [{ IpProtocol: '-1', UserIdGroupPairs: [], IpRanges: [{ CidrIp: '0.0.0.0/0' }], ...noRanges }],
    VpcId: group.vpcId,
    SecurityGroupArn: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:security-group/${group.groupId}`,
    OwnerId: ACCOUNT_ID,
    GroupName: group.groupName,
    Description: group.description,
    IpPermissions: renderPermissions(group.rules),
    ...(group.tags.length > 0 ? { Tags: group.tags.map((t) => ({ ...t })) } : {}),
  };
}

// ------------------------------------------------------------------------- security groups

/** EC2's wording (VERBATIM where public answers show it: Duplicate group and rule, NotFound, the port range); the rest the sandbox's. */
export const SG_MESSAGES = {
  duplicateGroup: (name: string, vpcId: string) => `The security group '${name}' already exists for VPC '${vpcId}'`,
  duplicateRule: (rule: string) => `the specified rule "${rule}" already exists`,
  reservedName: () => 'Group names may not be in the format sg-*.',
  nameLength: (what: string, length: number) => `Value for parameter ${what} is too long: at most 255 characters, ${length} given.`,
  protocol: (value: string) => `Invalid value '${value}' for IP protocol. Unknown protocol.`,
  portRange: () => "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.",
  portOrder: (from: number, to: number) => `Invalid value 'FromPort ${from} is greater than ToPort ${to}.' for portRange.`,
  portValue: (port: unknown) => `Invalid value '${String(port)}' for portRange. Ports are 0-65535 (FromPort/ToPort -1 only with protocol -1 or icmp).`,
  cidr: (text: string) => `Value ( ${text} ) for parameter cidrIp is invalid. This is not a valid CIDR block.`,
  noSource: () => 'Each permission needs a source: IpRanges [{CidrIp}] or UserIdGroupPairs [{GroupId}] (or, in the flat form, CidrIp or SourceSecurityGroupName).',
  groupArgs: () => 'The request must contain the parameter groupName or groupId',
  notFoundRule: () => 'The specified rule does not exist in this security group.',
} as const;

interface CreateSgInput {
  GroupName: string;
  Description: string;
  VpcId?: string;
  TagSpecifications?: { ResourceType?: string; Tags?: { Key?: unknown; Value?: unknown }[] }[];
  DryRun?: boolean;
}

export function createSecurityGroup(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<CreateSgInput>(raw, {
    params: { GroupName: 'string', Description: 'string', VpcId: 'string', TagSpecifications: 'list', DryRun: 'boolean' },
    required: ['Description', 'GroupName'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const vpcId = input.VpcId ?? DEFAULT_NETWORK.vpcs.find((vpc) => vpc.isDefault)!.vpcId;
  if (!DEFAULT_NETWORK.vpcs.some((vpc) => vpc.vpcId === vpcId)) return fail('InvalidVpcID.NotFound', NETWORK_MESSAGES.ec2VpcNotFound(vpcId));
  if (input.GroupName.length > 255) return fail('InvalidParameterValue', SG_MESSAGES.nameLength('GroupName', input.GroupName.length));
  if (input.Description.length > 255) return fail('InvalidParameterValue', SG_MESSAGES.nameLength('GroupDescription', input.Description.length));
  if (/^sg-/i.test(input.GroupName)) return fail('InvalidParameterValue', SG_MESSAGES.reservedName());
  if (allGroups(ctx.state).some((g) => g.vpcId === vpcId && g.groupName === input.GroupName)) {
    return fail('InvalidGroup.Duplicate', SG_MESSAGES.duplicateGroup(input.GroupName, vpcId));
  }
  const tags = (input.TagSpecifications ?? []).flatMap((spec) => (Array.isArray(spec?.Tags) ? spec.Tags : [])).map((t) => ({ Key: String(t?.Key ?? ''), Value: String(t?.Value ?? '') }));
  if (input.DryRun === true) return fail('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
  const sgs = securityGroupState(ctx.state);
  const groupId = `sg-${ctx.prng.hex(17)}`;
  sgs.groups.set(groupId, { groupId, groupName: input.GroupName, description: input.Description, vpcId, rules: [], tags });
  sgs.version += 1;
  ctx.emit('ec2.security-group', `Security group ${groupId} (${input.GroupName}) is created in ${vpcId}: no inbound rules yet, all traffic out.`);
  return ok({ GroupId: groupId, SecurityGroupArn: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:security-group/${groupId}`, ...(tags.length > 0 ? { Tags: tags } : {}) });
}

interface IngressInput {
  GroupId?: string;
  GroupName?: string;
  IpPermissions?: unknown[];
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  CidrIp?: string;
  SourceSecurityGroupName?: string;
  SourceSecurityGroupOwnerId?: string;
  DryRun?: boolean;
}

const INGRESS_SHAPE = {
  params: {
    GroupId: 'string', GroupName: 'string', IpPermissions: 'list', IpProtocol: 'string', FromPort: 'integer', ToPort: 'integer',
    CidrIp: 'string', SourceSecurityGroupName: 'string', SourceSecurityGroupOwnerId: 'string', TagSpecifications: 'list', DryRun: 'boolean',
  },
} as const;

const PROTOCOLS: Readonly<Record<string, IngressRule['protocol']>> = { tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp', icmp: 'icmp', '1': 'icmp', '-1': '-1', all: '-1' };

/** A group named by id, or by name in the default VPC (EC2: "[Default VPC] … the security group name"). */
function groupByIdOrName(ctx: EngineContext, idOrName: string): SecurityGroupRecord | undefined {
  return findGroup(ctx.state, idOrName) ?? allGroups(ctx.state).find((g) => g.groupName === idOrName);
}

type ParsedRules = { ok: true; group: SecurityGroupRecord; rules: IngressRule[] } | { ok: false; result: CommandResult };

/** The request's rules, one per source, in either form (IpPermissions, or the flat CidrIp / SourceSecurityGroupName form). */
function parseIngress(ctx: EngineContext, input: IngressInput): ParsedRules {
  const bad = (code: string, message: string): ParsedRules => ({ ok: false, result: fail(code, message) });
  const target = input.GroupId ?? input.GroupName;
  if (target === undefined) return bad('MissingParameter', SG_MESSAGES.groupArgs());
  const group = input.GroupId !== undefined ? findGroup(ctx.state, input.GroupId) : groupByIdOrName(ctx, input.GroupName!);
  if (group === undefined) {
    return input.GroupId !== undefined
      ? bad('InvalidGroup.NotFound', NETWORK_MESSAGES.ec2GroupNotFound(target))
      : bad('InvalidGroup.NotFound', NETWORK_MESSAGES.ec2GroupNameNotFound(target, DEFAULT_NETWORK.vpcs[0]!.vpcId));
  }
  const permissions: Record<string, unknown>[] = input.IpPermissions !== undefined
    ? input.IpPermissions.map((p) => (typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : {}))
    : [{
        IpProtocol: input.IpProtocol ?? (input.SourceSecurityGroupName !== undefined && input.FromPort === undefined ? '-1' : undefined),
        FromPort: input.FromPort,
        ToPort: input.ToPort,
        IpRanges: input.CidrIp === undefined ? [] : [{ CidrIp: input.CidrIp }],
        UserIdGroupPairs: input.SourceSecurityGroupName === undefined ? [] : [{ GroupName: input.SourceSecurityGroupName }],
      }];
  const rules: IngressRule[] = [];
  for (const permission of permissions) {
    const protocolText = String(permission.IpProtocol ?? '').toLowerCase();
    const protocol = PROTOCOLS[protocolText];
    if (protocol === undefined) return bad('InvalidParameterValue', SG_MESSAGES.protocol(String(permission.IpProtocol ?? '')));
    let from = 0;
    let to = 65535;
    if (protocol === 'tcp' || protocol === 'udp') {
      if (permission.FromPort === undefined || permission.ToPort === undefined) return bad('InvalidParameterValue', SG_MESSAGES.portRange());
      for (const port of [permission.FromPort, permission.ToPort]) {
        if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) return bad('InvalidParameterValue', SG_MESSAGES.portValue(port));
      }
      from = permission.FromPort as number;
      to = permission.ToPort as number;
      if (from > to) return bad('InvalidParameterValue', SG_MESSAGES.portOrder(from, to));
    }
    const ranges = Array.isArray(permission.IpRanges) ? (permission.IpRanges as Record<string, unknown>[]) : [];
    const pairs = Array.isArray(permission.UserIdGroupPairs) ? (permission.UserIdGroupPairs as Record<string, unknown>[]) : [];
    if (ranges.length + pairs.length === 0) return bad('InvalidParameterValue', SG_MESSAGES.noSource());
    for (const range of ranges) {
      const text = String(range?.CidrIp ?? '');
      const cidr = parseRuleCidr(text);
      if (cidr === undefined) return bad('InvalidParameterValue', SG_MESSAGES.cidr(text));
      rules.push({ protocol, from, to, cidr, cidrText: text, ...(typeof range.Description === 'string' ? { description: range.Description } : {}) });
    }
    for (const pair of pairs) {
      const ref = String(pair?.GroupId ?? pair?.GroupName ?? '');
      const source = pair?.GroupId !== undefined ? findGroup(ctx.state, ref) : groupByIdOrName(ctx, ref);
      if (source === undefined) return bad('InvalidGroup.NotFound', NETWORK_MESSAGES.ec2GroupNotFound(ref));
      rules.push({ protocol, from, to, groupId: source.groupId, ...(typeof pair.Description === 'string' ? { description: pair.Description } : {}) });
    }
  }
  return { ok: true, group, rules };
}

const ruleSummary = (rule: IngressRule): string =>
  `${rule.protocol === '-1' ? 'all traffic' : `${rule.protocol.toUpperCase()} ${rule.from === rule.to ? rule.from : `${rule.from}-${rule.to}`}`} from ${rule.groupId ?? rule.cidrText}`;

function renderRule(group: SecurityGroupRecord, rule: IngressRule, index: number): Record<string, unknown> {
  return {
    SecurityGroupRuleId: `sgr-${group.groupId.slice(3, 11)}${String(index).padStart(9, '0')}`,
    GroupId: group.groupId,
    GroupOwnerId: ACCOUNT_ID,
    IsEgress: false,
    IpProtocol: rule.protocol,
    FromPort: rule.protocol === '-1' ? -1 : rule.from,
    ToPort: rule.protocol === '-1' ? -1 : rule.to,
    ...(rule.groupId !== undefined ? { ReferencedGroupInfo: { GroupId: rule.groupId, UserId: ACCOUNT_ID } } : { CidrIpv4: rule.cidrText }),
    ...(rule.description === undefined ? {} : { Description: rule.description }),
  };
}

export function authorizeSecurityGroupIngress(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<IngressInput>(raw, INGRESS_SHAPE);
  if (!checked.ok) return checked.result;
  const parsed = parseIngress(ctx, checked.input);
  if (!parsed.ok) return parsed.result;
  for (const [i, rule] of parsed.rules.entries()) {
    if (parsed.group.rules.some((r) => sameRule(r, rule)) || parsed.rules.slice(0, i).some((r) => sameRule(r, rule))) {
      return fail('InvalidPermission.Duplicate', SG_MESSAGES.duplicateRule(ruleText(rule)));
    }
  }
  if (checked.input.DryRun === true) return fail('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
  const group = mutableGroup(ctx.state, parsed.group.groupId)!;
  const first = group.rules.length;
  group.rules.push(...parsed.rules);
  securityGroupState(ctx.state).version += 1;
  ctx.emit('ec2.security-group', `Security group ${group.groupId} (${group.groupName}) now allows inbound ${parsed.rules.map(ruleSummary).join('; ')}.`);
  return ok({ Return: true, SecurityGroupRules: parsed.rules.map((rule, i) => renderRule(group, rule, first + i)) });
}

export function revokeSecurityGroupIngress(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<IngressInput>(raw, INGRESS_SHAPE);
  if (!checked.ok) return checked.result;
  const parsed = parseIngress(ctx, checked.input);
  if (!parsed.ok) return parsed.result;
  if (checked.input.DryRun === true) return fail('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
  const known = parsed.rules.filter((rule) => parsed.group.rules.some((r) => sameRule(r, rule)));
  const unknown = parsed.rules.filter((rule) => !known.includes(rule));
  // EC2 answers rules it does not know in UnknownIpPermissions rather than failing (RevokeSecurityGroupIngress API reference).
  if (known.length > 0) {
    const group = mutableGroup(ctx.state, parsed.group.groupId)!;
    group.rules = group.rules.filter((r) => !known.some((k) => sameRule(r, k)));
    securityGroupState(ctx.state).version += 1;
    ctx.emit('ec2.security-group', `Security group ${group.groupId} (${group.groupName}) no longer allows inbound ${known.map(ruleSummary).join('; ')}.`);
  }
  return ok({ Return: unknown.length === 0, ...(unknown.length > 0 ? { UnknownIpPermissions: renderPermissions(unknown) } : {}) });
}
