/**
 * Elastic network interfaces of awsvpc tasks: each task gets one ENI in one subnet with one
 * private IPv4 address (ecs-reference §2, "ENIs for awsvpc on EC2"; Fargate the same).
 *
 * Addresses are drawn from the seeded PRNG, as AWS hands out seemingly random addresses of the
 * subnet: a random start among the usable addresses, then the next free one upwards (wrapping), so
 * the result is unique and one seed always gives the same addresses. The first four and the last
 * address of each subnet are never given (AWS reserves them; see ipv4.ts).
 *
 * NetworkState lives in EngineState (`state.network`). The subnets themselves are the constant
 * catalogue of default-vpc.ts; only what tasks hold is state.
 */
import type { Attachment } from '../../protocol.ts';
import type { Prng } from '../prng.ts';
import type { Subnet } from './default-vpc.ts';
import { formatIpv4, parseCidr, privateDnsName, RESERVED_AT_START, usableAddressCount, type CidrBlock } from './ipv4.ts';

export interface EniRecord {
  eniId: string;
  subnetId: string;
  /** Offset of the private address from the subnet's network address. */
  offset: number;
  privateIPv4Address: string;
  macAddress: string;
  privateDnsName: string;
  attachmentId: string;
}

export interface NetworkState {
  /** Every ENI held by a task, by id, in creation order. */
  enis: Map<string, EniRecord>;
  /** subnetId → the address offsets in use there. */
  usedOffsets: Map<string, Set<number>>;
  /** MAC addresses in use (kept unique, as AWS does). */
  macs: Set<string>;
}

export interface EniAllocation {
  eniId: string;
  privateIPv4Address: string;
  macAddress: string;
  privateDnsName: string;
  attachmentId: string;
}

export function emptyNetworkState(): NetworkState {
  return { enis: new Map(), usedOffsets: new Map(), macs: new Set() };
}

/** Parsed CIDR blocks by text: placement asks for free addresses once per task, so parse once. */
const BLOCKS = new Map<string, CidrBlock | undefined>();

function blockOf(subnet: Subnet): CidrBlock | undefined {
  if (!BLOCKS.has(subnet.cidrBlock)) BLOCKS.set(subnet.cidrBlock, parseCidr(subnet.cidrBlock));
  return BLOCKS.get(subnet.cidrBlock);
}

/** How many more ENIs the subnet can take (EC2's `AvailableIpAddressCount`). */
export function availableIpAddressCount(network: NetworkState, subnet: Subnet): number {
  const block = blockOf(subnet);
  if (block === undefined) return 0;
  return usableAddressCount(block) - (network.usedOffsets.get(subnet.subnetId)?.size ?? 0);
}

/**
 * A new ENI with a free private address of the subnet. Callers check availableIpAddressCount
 * first (a full subnet is a placement failure they report); allocating in a full subnet is an
 * engine bug and throws, which the engine's dispatch turns into an internal error.
 */
export function allocateEni(network: NetworkState, prng: Prng, subnet: Subnet): EniAllocation {
  const block = blockOf(subnet);
  if (block === undefined || availableIpAddressCount(network, subnet) <= 0) {
    throw new RangeError(`allocateEni: subnet ${subnet.subnetId} (${subnet.cidrBlock}) has no free address`);
  }
  let used = network.usedOffsets.get(subnet.subnetId);
  if (used === undefined) {
    used = new Set();
    network.usedOffsets.set(subnet.subnetId, used);
  }
  const offset = freeOffset(used, prng, usableAddressCount(block));
  used.add(offset);
  const address = block.base + offset;
  const record: EniRecord = {
    eniId: uniqueEniId(network, prng),
    subnetId: subnet.subnetId,
    offset,
    privateIPv4Address: formatIpv4(address),
    macAddress: uniqueMac(network, prng),
    privateDnsName: privateDnsName(address),
    attachmentId: prng.uuid(),
  };
  network.enis.set(record.eniId, record);
  network.macs.add(record.macAddress);
  const { eniId, privateIPv4Address, macAddress, privateDnsName: dns, attachmentId } = record;
  return { eniId, privateIPv4Address, macAddress, privateDnsName: dns, attachmentId };
}

/** A random usable offset, or the next free one after it (wrapping within the usable range). */
function freeOffset(used: ReadonlySet<number>, prng: Prng, usable: number): number {
  const start = prng.int(0, usable);
  for (let step = 0; step < usable; step++) {
    const offset = RESERVED_AT_START + ((start + step) % usable);
    if (!used.has(offset)) return offset;
  }
  throw new RangeError('freeOffset: no free address');
}

function uniqueEniId(network: NetworkState, prng: Prng): string {
  let id = `eni-${prng.hex(17)}`;
  while (network.enis.has(id)) id = `eni-${prng.hex(17)}`;
  return id;
}

/** A locally administered unicast MAC (first octet's low bits 10), as EC2 gives ENIs (`0e:…`, `12:…`). */
function uniqueMac(network: NetworkState, prng: Prng): string {
  for (;;) {
    const first = (prng.int(0, 64) << 2) | 0x02;
    const rest = prng.hex(10).match(/../g)!;
    const mac = [first.toString(16).padStart(2, '0'), ...rest].join(':');
    if (!network.macs.has(mac)) return mac;
  }
}

/** Give the ENI's address back (the task stopped and its ENI was deleted). Unknown ids are ignored. */
export function releaseEni(network: NetworkState, eniId: string): void {
  const record = network.enis.get(eniId);
  if (record === undefined) return;
  network.enis.delete(eniId);
  network.macs.delete(record.macAddress);
  const used = network.usedOffsets.get(record.subnetId);
  used?.delete(record.offset);
  if (used !== undefined && used.size === 0) network.usedOffsets.delete(record.subnetId);
}

/**
 * The task's `attachments[]` entry as DescribeTasks shows it. While PRECREATED (the ENI is not
 * made yet) AWS lists only the subnet (as in the AWS CLI's run-task examples); from then on all
 * five details, in AWS's order: subnetId, networkInterfaceId, macAddress, privateDnsName,
 * privateIPv4Address (as in captured DescribeTasks output). The type is `ElasticNetworkInterface`
 * in the API; task state-change events in EventBridge call the same attachment `eni`.
 */
export function eniAttachment(eni: EniAllocation, subnet: Subnet, status: Attachment['status']): Attachment {
  const details = [{ name: 'subnetId', value: subnet.subnetId }];
  if (status !== 'PRECREATED') {
    details.push(
      { name: 'networkInterfaceId', value: eni.eniId },
      { name: 'macAddress', value: eni.macAddress },
      { name: 'privateDnsName', value: eni.privateDnsName },
      { name: 'privateIPv4Address', value: eni.privateIPv4Address },
    );
  }
  return { id: eni.attachmentId, type: 'ElasticNetworkInterface', status, details };
}
