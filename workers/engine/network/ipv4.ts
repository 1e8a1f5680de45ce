/**
 * IPv4 arithmetic on plain numbers (an address is an unsigned 32-bit integer), enough for CIDR
 * blocks, the addresses AWS reserves in each subnet, and the `ip-a-b-c-d` host names EC2 gives.
 */
export interface CidrBlock {
  /** The network address as an unsigned 32-bit integer. */
  base: number;
  prefixLength: number;
  /** 2^(32 − prefixLength) addresses, the reserved ones included. */
  size: number;
}

/** "172.31.16.0/20" → its base and size, or undefined when malformed or not aligned. */
export function parseCidr(text: string): CidrBlock | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (match === null) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefixLength > 32) return undefined;
  const base = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - prefixLength);
  if (base % size !== 0) return undefined;
  return { base, prefixLength, size };
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** EC2's private DNS name in us-east-1: `ip-172-31-5-10.ec2.internal` (other Regions use `<region>.compute.internal`). */
export function privateDnsName(address: number): string {
  return `ip-${formatIpv4(address).replaceAll('.', '-')}.ec2.internal`;
}

/** The CIDR text of a block. */
export function formatCidr(block: CidrBlock): string {
  return `${formatIpv4(block.base)}/${block.prefixLength}`;
}

/**
 * AWS reserves the first four addresses of every subnet (network, VPC router, DNS, future use) and
 * the last one (broadcast): a /20 offers 4096 − 5 = 4091 addresses. — Amazon VPC User Guide,
 * "Subnet CIDR blocks".
 */
export const RESERVED_AT_START = 4;
export const RESERVED_AT_END = 1;

export function usableAddressCount(block: CidrBlock): number {
  return Math.max(0, block.size - RESERVED_AT_START - RESERVED_AT_END);
}
