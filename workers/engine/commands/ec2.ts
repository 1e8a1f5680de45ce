/**
 * ec2:DescribeVpcs, ec2:DescribeSubnets, ec2:DescribeSecurityGroups: read the account's network
 * (the default VPC, its subnet per Availability Zone, its default security group) in EC2's
 * response shapes, so that a learner can look up what to put in an awsvpc `networkConfiguration`.
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

/** The account's security groups (the default VPC's `default` group). The context is unused: the group is constant. */
export function describeSecurityGroups(_ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeInput & { GroupIds?: unknown[]; GroupNames?: unknown[] }>(raw, {
    params: { ...COMMON_PARAMS, GroupIds: 'list', GroupNames: 'list' },
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const groups = DEFAULT_NETWORK.securityGroups;
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
      selected = []; // the default VPC, subnets and security group carry no tags
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

/** The default security group's rules as AWS creates them: all traffic in from itself, all out. */
function renderSecurityGroup(group: SecurityGroup): Record<string, unknown> {
  const noRanges = { Ipv6Ranges: [], PrefixListIds: [] };
  return {
    GroupId: group.groupId,
    IpPermissionsEgress: [{ IpProtocol: '-1', UserIdGroupPairs: [], IpRanges: [{ CidrIp: '0.0.0.0/0' }], ...noRanges }],
    VpcId: group.vpcId,
    SecurityGroupArn: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:security-group/${group.groupId}`,
    OwnerId: ACCOUNT_ID,
    GroupName: group.groupName,
    Description: group.description,
    IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ UserId: ACCOUNT_ID, GroupId: group.groupId }], IpRanges: [], ...noRanges }],
  };
}
