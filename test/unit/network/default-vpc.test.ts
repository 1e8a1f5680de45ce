// Proves the default network is AWS's default-VPC layout with the sandbox's readable ids:
// vpc-default 172.31.0.0/16, subnet-us-east-1a… with consecutive /20 blocks, sg-default, and that
// container instances carry those ids in their ecs.vpc-id / ecs.subnet-id attributes.
import { describe, expect, it } from 'vitest';
import { agentAttributes } from '../../../workers/engine/catalog/agent-attributes.ts';
import { INSTANCE_TYPES } from '../../../workers/engine/catalog/instance-types.ts';
import { AVAILABILITY_ZONES, DEFAULT_AVAILABILITY_ZONES, SUBNET_BY_ZONE, VPC_ID } from '../../../workers/engine/catalog/network.ts';
import {
  availabilityZoneId,
  DEFAULT_NETWORK,
  DEFAULT_SECURITY_GROUP,
  DEFAULT_SUBNETS,
  DEFAULT_VPC,
  defaultSecurityGroupOf,
  defaultSubnetOfZone,
  findSubnet,
} from '../../../workers/engine/network/index.ts';
import { formatIpv4, parseCidr, privateDnsName, usableAddressCount } from '../../../workers/engine/network/ipv4.ts';

describe('default VPC', () => {
  it('is vpc-default with 172.31.0.0/16', () => {
    expect(VPC_ID).toBe('vpc-default');
    expect(DEFAULT_VPC).toEqual({ vpcId: 'vpc-default', cidrBlock: '172.31.0.0/16', isDefault: true });
  });

  it('has one /20 default subnet per AZ, carved in order as AWS does', () => {
    expect(AVAILABILITY_ZONES).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
    expect(DEFAULT_AVAILABILITY_ZONES).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(DEFAULT_SUBNETS).toEqual([
      { subnetId: 'subnet-us-east-1a', availabilityZone: 'us-east-1a', cidrBlock: '172.31.0.0/20', vpcId: 'vpc-default' },
      { subnetId: 'subnet-us-east-1b', availabilityZone: 'us-east-1b', cidrBlock: '172.31.16.0/20', vpcId: 'vpc-default' },
      { subnetId: 'subnet-us-east-1c', availabilityZone: 'us-east-1c', cidrBlock: '172.31.32.0/20', vpcId: 'vpc-default' },
      { subnetId: 'subnet-us-east-1d', availabilityZone: 'us-east-1d', cidrBlock: '172.31.48.0/20', vpcId: 'vpc-default' },
      { subnetId: 'subnet-us-east-1e', availabilityZone: 'us-east-1e', cidrBlock: '172.31.64.0/20', vpcId: 'vpc-default' },
      { subnetId: 'subnet-us-east-1f', availabilityZone: 'us-east-1f', cidrBlock: '172.31.80.0/20', vpcId: 'vpc-default' },
    ]);
    for (const zone of AVAILABILITY_ZONES) {
      expect(SUBNET_BY_ZONE[zone]).toBe(`subnet-${zone}`);
      expect(defaultSubnetOfZone(zone)?.subnetId).toBe(`subnet-${zone}`);
    }
    expect(defaultSubnetOfZone('eu-west-1a')).toBeUndefined();
    expect(findSubnet(DEFAULT_NETWORK, 'subnet-nope')).toBeUndefined();
  });

  it('has the default security group sg-default', () => {
    expect(DEFAULT_SECURITY_GROUP).toEqual({ groupId: 'sg-default', groupName: 'default', description: 'default VPC security group', vpcId: 'vpc-default' });
    expect(defaultSecurityGroupOf(DEFAULT_NETWORK, 'vpc-default')).toBe(DEFAULT_SECURITY_GROUP);
  });

  it('pairs AZ names with AZ ids in order', () => {
    expect(availabilityZoneId('us-east-1a')).toBe('use1-az1');
    expect(availabilityZoneId('us-east-1f')).toBe('use1-az6');
    expect(availabilityZoneId('mars-1a')).toBe('');
  });

  it('puts each container instance in its AZ default subnet (agent attributes)', () => {
    const attributes = agentAttributes(INSTANCE_TYPES.get('m5.large')!, 'us-east-1b');
    const value = (name: string) => attributes.find((a) => a.name === name)?.value;
    expect(value('ecs.vpc-id')).toBe('vpc-default');
    expect(value('ecs.subnet-id')).toBe('subnet-us-east-1b');
  });
});

describe('IPv4 helpers', () => {
  it.each([
    // text, base address, size, usable (size − 4 − 1)
    ['172.31.0.0/16', 0xac1f0000, 65536, 65531],
    ['172.31.16.0/20', 0xac1f1000, 4096, 4091],
    ['10.0.0.0/28', 0x0a000000, 16, 11],
  ])('%s', (text, base, size, usable) => {
    const block = parseCidr(text)!;
    expect(block).toEqual({ base, prefixLength: Number(text.split('/')[1]), size });
    expect(usableAddressCount(block)).toBe(usable);
  });

  it('refuses malformed or misaligned blocks', () => {
    for (const text of ['172.31.0.0', '300.1.1.1/16', '172.31.1.0/20', '1.2.3.4/33', 'subnet']) expect(parseCidr(text), text).toBeUndefined();
  });

  it('formats addresses and EC2 private DNS names', () => {
    expect(formatIpv4(0xac1f1005)).toBe('172.31.16.5');
    expect(privateDnsName(0xac1f1005)).toBe('ip-172-31-16-5.ec2.internal');
  });
});
