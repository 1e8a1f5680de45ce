// Proves ec2:DescribeVpcs, ec2:DescribeSubnets and ec2:DescribeSecurityGroups answer in EC2's
// shapes for the default network, filter by ids and by Filters (ANDed names, ORed values, `*`/`?`
// wildcards), fail the whole call on unknown ids with EC2's NotFound codes, refuse unknown filter
// names, page with MaxResults/NextToken, honour DryRun, and show a subnet's free addresses.
import { describe, expect, it } from 'vitest';
import { describeSecurityGroups, describeSubnets, describeVpcs } from '../../../workers/engine/commands/ec2.ts';
import type { EngineContext } from '../../../workers/engine/context.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { allocateEni, DEFAULT_SUBNETS } from '../../../workers/engine/network/index.ts';
import { Prng } from '../../../workers/engine/prng.ts';
import { emptyState } from '../../../workers/engine/state.ts';
import type { Step, StepResult } from '../../../workers/protocol.ts';

const engine = createEngine({ seed: 1 });
const call = (step: Step): StepResult => engine.dispatch(step);

function response(result: StepResult): Record<string, any> {
  if ('error' in result) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.response as Record<string, any>;
}

function error(result: StepResult): { code: string; message: string } {
  if (!('error' in result)) throw new Error(`expected an error, got ${JSON.stringify(result.response)}`);
  return result.error;
}

const subnetIds = (result: StepResult): string[] => response(result).Subnets.map((s: { SubnetId: string }) => s.SubnetId);

describe('ec2:DescribeVpcs', () => {
  it('returns the default VPC in EC2\'s shape', () => {
    expect(response(call({ 'ec2:DescribeVpcs': {} }))).toEqual({
      Vpcs: [
        {
          OwnerId: '123456789012',
          InstanceTenancy: 'default',
          CidrBlockAssociationSet: [{ AssociationId: 'vpc-cidr-assoc-default', CidrBlock: '172.31.0.0/16', CidrBlockState: { State: 'associated' } }],
          IsDefault: true,
          VpcId: 'vpc-default',
          State: 'available',
          CidrBlock: '172.31.0.0/16',
          DhcpOptionsId: 'dopt-default',
        },
      ],
    });
  });

  it('filters by id and by is-default; an unknown id is InvalidVpcID.NotFound', () => {
    expect(response(call({ 'ec2:DescribeVpcs': { VpcIds: ['vpc-default'] } })).Vpcs).toHaveLength(1);
    expect(response(call({ 'ec2:DescribeVpcs': { Filters: [{ Name: 'is-default', Values: ['false'] }] } })).Vpcs).toEqual([]);
    expect(error(call({ 'ec2:DescribeVpcs': { VpcIds: ['vpc-0abc'] } }))).toEqual({ code: 'InvalidVpcID.NotFound', message: "The vpc ID 'vpc-0abc' does not exist" });
  });
});

describe('ec2:DescribeSubnets', () => {
  it('returns one default subnet per AZ in EC2\'s shape', () => {
    const subnets = response(call({ 'ec2:DescribeSubnets': null })).Subnets;
    expect(subnets.map((s: { SubnetId: string }) => s.SubnetId)).toEqual(DEFAULT_SUBNETS.map((s) => s.subnetId));
    expect(subnets[1]).toEqual({
      AvailabilityZoneId: 'use1-az2',
      MapCustomerOwnedIpOnLaunch: false,
      OwnerId: '123456789012',
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      SubnetArn: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-us-east-1b',
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      SubnetId: 'subnet-us-east-1b',
      State: 'available',
      VpcId: 'vpc-default',
      CidrBlock: '172.31.16.0/20',
      AvailableIpAddressCount: 4091, // 4096 − 5 reserved, none held
      AvailabilityZone: 'us-east-1b',
      DefaultForAz: true,
      MapPublicIpOnLaunch: true,
    });
  });

  it.each([
    ['SubnetIds', { SubnetIds: ['subnet-us-east-1c', 'subnet-us-east-1a'] }, ['subnet-us-east-1a', 'subnet-us-east-1c']],
    ['availability-zone', { Filters: [{ Name: 'availability-zone', Values: ['us-east-1b', 'us-east-1d'] }] }, ['subnet-us-east-1b', 'subnet-us-east-1d']],
    ['vpc-id', { Filters: [{ Name: 'vpc-id', Values: ['vpc-default'] }] }, DEFAULT_SUBNETS.map((s) => s.subnetId)],
    ['subnet-id wildcard', { Filters: [{ Name: 'subnet-id', Values: ['subnet-us-east-1?'] }] }, DEFAULT_SUBNETS.map((s) => s.subnetId)],
    ['two filters ANDed', { Filters: [{ Name: 'vpc-id', Values: ['vpc-*'] }, { Name: 'cidr-block', Values: ['172.31.32.0/20'] }] }, ['subnet-us-east-1c']],
    ['ids and filters', { SubnetIds: ['subnet-us-east-1a', 'subnet-us-east-1b'], Filters: [{ Name: 'availability-zone-id', Values: ['use1-az2'] }] }, ['subnet-us-east-1b']],
    ['a tag filter matches nothing', { Filters: [{ Name: 'tag:Name', Values: ['*'] }] }, []],
    ['default-for-az', { Filters: [{ Name: 'default-for-az', Values: ['true'] }] }, DEFAULT_SUBNETS.map((s) => s.subnetId)],
  ])('%s', (_label, request, expected) => {
    expect(subnetIds(call({ 'ec2:DescribeSubnets': request }))).toEqual(expected);
  });

  it('fails the whole call on unknown ids (InvalidSubnetID.NotFound)', () => {
    expect(error(call({ 'ec2:DescribeSubnets': { SubnetIds: ['subnet-us-east-1a', 'subnet-zzz'] } }))).toEqual({
      code: 'InvalidSubnetID.NotFound',
      message: "The subnet ID 'subnet-zzz' does not exist",
    });
    expect(error(call({ 'ec2:DescribeSubnets': { SubnetIds: ['subnet-x', 'subnet-y'] } })).message).toBe("The subnet IDs 'subnet-x, subnet-y' do not exist");
  });

  it('refuses an unknown filter name and a malformed filter (InvalidParameterValue)', () => {
    expect(error(call({ 'ec2:DescribeSubnets': { Filters: [{ Name: 'zone', Values: ['us-east-1a'] }] } }))).toEqual({
      code: 'InvalidParameterValue',
      message: "The filter 'zone' is invalid",
    });
    expect(error(call({ 'ec2:DescribeSubnets': { Filters: [{ Name: 'vpc-id' }] } })).code).toBe('InvalidParameterValue');
  });

  it('pages with MaxResults (5–1000) and NextToken', () => {
    const first = response(call({ 'ec2:DescribeSubnets': { MaxResults: 5 } }));
    expect(first.Subnets).toHaveLength(5);
    const second = response(call({ 'ec2:DescribeSubnets': { MaxResults: 5, NextToken: first.NextToken } }));
    expect(second.Subnets.map((s: { SubnetId: string }) => s.SubnetId)).toEqual(['subnet-us-east-1f']);
    expect(second.NextToken).toBeUndefined();
    expect(error(call({ 'ec2:DescribeSubnets': { MaxResults: 4 } }))).toEqual({
      code: 'InvalidParameterValue',
      message: 'Value ( 4 ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.',
    });
    expect(error(call({ 'ec2:DescribeSubnets': { NextToken: 'abc' } })).code).toBe('InvalidParameterValue');
  });

  it('answers DryRun with DryRunOperation, and checks parameters as the AWS CLI does', () => {
    expect(error(call({ 'ec2:DescribeSubnets': { DryRun: true } }))).toEqual({ code: 'DryRunOperation', message: 'Request would have succeeded, but DryRun flag is set.' });
    const bad = error(call({ 'ec2:DescribeSubnets': { SubnetId: 'subnet-us-east-1a' } }));
    expect(bad.code).toBe('ParamValidationError');
    expect(bad.message).toContain('Unknown parameter in input: "SubnetId", must be one of: Filters, DryRun, MaxResults, NextToken, SubnetIds');
  });

  it('counts the addresses ENIs hold in AvailableIpAddressCount', () => {
    const state = emptyState(1);
    const ctx = { state } as unknown as EngineContext;
    const prng = new Prng(9);
    for (let i = 0; i < 3; i++) allocateEni(state.network, prng, DEFAULT_SUBNETS[0]!);
    const result = describeSubnets(ctx, { SubnetIds: ['subnet-us-east-1a', 'subnet-us-east-1b'] });
    expect(result.ok && (result.response as any).Subnets.map((s: any) => s.AvailableIpAddressCount)).toEqual([4088, 4091]);
    expect(describeVpcs(ctx, {}).ok).toBe(true);
  });
});

describe('ec2:DescribeSecurityGroups', () => {
  it('returns sg-default with the default rules (all from itself in, all out)', () => {
    expect(response(call({ 'ec2:DescribeSecurityGroups': {} }))).toEqual({
      SecurityGroups: [
        {
          GroupId: 'sg-default',
          IpPermissionsEgress: [{ IpProtocol: '-1', UserIdGroupPairs: [], IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [] }],
          VpcId: 'vpc-default',
          SecurityGroupArn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-default',
          OwnerId: '123456789012',
          GroupName: 'default',
          Description: 'default VPC security group',
          IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ UserId: '123456789012', GroupId: 'sg-default' }], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] }],
        },
      ],
    });
  });

  it.each([
    ['GroupIds', { GroupIds: ['sg-default'] }, 1],
    ['GroupNames', { GroupNames: ['default'] }, 1],
    ['group-name', { Filters: [{ Name: 'group-name', Values: ['default'] }] }, 1],
    ['group-id', { Filters: [{ Name: 'group-id', Values: ['sg-*'] }] }, 1],
    ['vpc-id of nothing', { Filters: [{ Name: 'vpc-id', Values: ['vpc-other'] }] }, 0],
  ])('%s', (_label, request, count) => {
    expect(response(call({ 'ec2:DescribeSecurityGroups': request })).SecurityGroups).toHaveLength(count);
  });

  it('unknown ids and names are InvalidGroup.NotFound', () => {
    expect(error(call({ 'ec2:DescribeSecurityGroups': { GroupIds: ['sg-0abc'] } }))).toEqual({
      code: 'InvalidGroup.NotFound',
      message: "The security group 'sg-0abc' does not exist",
    });
    expect(error(call({ 'ec2:DescribeSecurityGroups': { GroupNames: ['web'] } }))).toEqual({
      code: 'InvalidGroup.NotFound',
      message: "The security group 'web' does not exist in default VPC 'vpc-default'",
    });
    expect(describeSecurityGroups({ state: emptyState(1) } as unknown as EngineContext, { Filters: [{ Name: 'ip-permission.cidr', Values: ['x'] }] })).toEqual({
      ok: false,
      error: { code: 'InvalidParameterValue', message: "The filter 'ip-permission.cidr' is invalid" },
    });
  });
});
