/**
 * The network every simulated account starts with, as AWS creates it for a new account: a default
 * VPC with the CIDR block 172.31.0.0/16, one default /20 subnet per Availability Zone carved in
 * order (172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/20, …), and the VPC's `default` security group.
 * — Amazon VPC User Guide, "Default VPCs" (default VPC CIDR 172.31.0.0/16, default subnets /20).
 *
 * The ids are the sandbox's own readable ones (`vpc-default`, `subnet-us-east-1a`, `sg-default`) so
 * that scenario files can name them; real ids are random hex. AZ ids (`use1-az1`, …) are per account
 * on AWS; the sandbox pairs them with the AZ names in order.
 *
 * The catalogue is a value (NetworkCatalog) rather than hard-wired lookups so that checks can be
 * tested against other layouts (two VPCs, a security group of another VPC).
 */
import { AVAILABILITY_ZONES, SUBNET_BY_ZONE, VPC_ID } from '../catalog/network.ts';
import { formatCidr, parseCidr } from './ipv4.ts';

export interface Vpc {
  vpcId: string;
  cidrBlock: string;
  isDefault: boolean;
}

export interface Subnet {
  subnetId: string;
  availabilityZone: string;
  cidrBlock: string;
  vpcId: string;
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
}

export interface NetworkCatalog {
  vpcs: readonly Vpc[];
  subnets: readonly Subnet[];
  securityGroups: readonly SecurityGroup[];
}

export const DEFAULT_VPC_CIDR = '172.31.0.0/16';
export const DEFAULT_SECURITY_GROUP_ID = 'sg-default';
/** The size of AWS's default subnets: /20, 4096 addresses. */
const DEFAULT_SUBNET_PREFIX = 20;

export const DEFAULT_VPC: Vpc = { vpcId: VPC_ID, cidrBlock: DEFAULT_VPC_CIDR, isDefault: true };

function defaultSubnets(): Subnet[] {
  const vpc = parseCidr(DEFAULT_VPC_CIDR)!;
  const size = 2 ** (32 - DEFAULT_SUBNET_PREFIX);
  return AVAILABILITY_ZONES.map((zone, index) => ({
    subnetId: SUBNET_BY_ZONE[zone]!,
    availabilityZone: zone,
    cidrBlock: formatCidr({ base: vpc.base + index * size, prefixLength: DEFAULT_SUBNET_PREFIX, size }),
    vpcId: VPC_ID,
  }));
}

export const DEFAULT_SUBNETS: readonly Subnet[] = defaultSubnets();

export const DEFAULT_SECURITY_GROUP: SecurityGroup = {
  groupId: DEFAULT_SECURITY_GROUP_ID,
  groupName: 'default',
  description: 'default VPC security group',
  vpcId: VPC_ID,
};

export const DEFAULT_NETWORK: NetworkCatalog = {
  vpcs: [DEFAULT_VPC],
  subnets: DEFAULT_SUBNETS,
  securityGroups: [DEFAULT_SECURITY_GROUP],
};

/** The AZ id AWS would show beside an AZ name (`us-east-1a` → `use1-az1`), in catalogue order. */
export function availabilityZoneId(zone: string): string {
  const index = AVAILABILITY_ZONES.indexOf(zone);
  return index < 0 ? '' : `use1-az${index + 1}`;
}

export function findSubnet(catalog: NetworkCatalog, subnetId: string): Subnet | undefined {
  return catalog.subnets.find((subnet) => subnet.subnetId === subnetId);
}

export function findSecurityGroup(catalog: NetworkCatalog, groupId: string): SecurityGroup | undefined {
  return catalog.securityGroups.find((group) => group.groupId === groupId);
}

/** The VPC's security group named `default` (every VPC has exactly one). */
export function defaultSecurityGroupOf(catalog: NetworkCatalog, vpcId: string): SecurityGroup | undefined {
  return catalog.securityGroups.find((group) => group.vpcId === vpcId && group.groupName === 'default');
}

/** The default subnet of an Availability Zone (where sim:AddContainerInstances puts an instance). */
export function defaultSubnetOfZone(zone: string): Subnet | undefined {
  return DEFAULT_SUBNETS.find((subnet) => subnet.availabilityZone === zone);
}
