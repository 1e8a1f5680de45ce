// Proves ENI allocation gives each awsvpc task a private IP that is inside its subnet, never one of
// the five addresses AWS reserves, never one already held, and the same ones for the same seed
// (fast-check over seeds and allocate/release sequences); releasing gives the address back; the
// attachment has DescribeTasks' shape.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateEni,
  availableIpAddressCount,
  DEFAULT_SUBNETS,
  eniAttachment,
  emptyNetworkState,
  releaseEni,
  type EniAllocation,
  type NetworkState,
  type Subnet,
} from '../../../workers/engine/network/index.ts';
import { formatIpv4, parseCidr } from '../../../workers/engine/network/ipv4.ts';
import { Prng } from '../../../workers/engine/prng.ts';

const subnetA = DEFAULT_SUBNETS[0]!; // 172.31.0.0/20
const tiny: Subnet = { subnetId: 'subnet-tiny', availabilityZone: 'us-east-1a', cidrBlock: '10.0.0.0/28', vpcId: 'vpc-default' };

function addressOf(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function inUsableRange(ip: string, subnet: Subnet): boolean {
  const block = parseCidr(subnet.cidrBlock)!;
  const offset = addressOf(ip) - block.base;
  return offset >= 4 && offset <= block.size - 2;
}

/** Run a script of allocations (subnet index) and releases (negative: release the n-th live ENI). */
function run(seed: number, script: readonly number[]): { network: NetworkState; live: EniAllocation[]; all: EniAllocation[] } {
  const network = emptyNetworkState();
  const prng = new Prng(seed);
  const live: EniAllocation[] = [];
  const all: EniAllocation[] = [];
  for (const step of script) {
    if (step >= 0) {
      const eni = allocateEni(network, prng, DEFAULT_SUBNETS[step % 3]!);
      live.push(eni);
      all.push(eni);
    } else if (live.length > 0) {
      const [gone] = live.splice(-step % live.length, 1);
      releaseEni(network, gone!.eniId);
    }
  }
  return { network, live, all };
}

describe('allocateEni', () => {
  it('gives an AWS-shaped ENI inside the subnet', () => {
    const network = emptyNetworkState();
    const eni = allocateEni(network, new Prng(1), subnetA);
    expect(eni.eniId).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(eni.attachmentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eni.macAddress).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(parseInt(eni.macAddress.slice(0, 2), 16) & 0b11).toBe(0b10); // locally administered, unicast
    expect(eni.privateIPv4Address).toMatch(/^172\.31\.(\d|1[0-5])\.\d{1,3}$/); // 172.31.0.0 – 172.31.15.255
    expect(inUsableRange(eni.privateIPv4Address, subnetA)).toBe(true);
    expect(eni.privateDnsName).toBe(`ip-${eni.privateIPv4Address.replaceAll('.', '-')}.ec2.internal`);
    expect(availableIpAddressCount(network, subnetA)).toBe(4090); // 4096 − 5 reserved − 1 held
  });

  it('live ENIs never share an address, an id or a MAC, and stay in their subnet (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 120 }), (seed, script) => {
        const { network, live } = run(seed, script);
        const key = (eni: EniAllocation) => `${network.enis.get(eni.eniId)!.subnetId} ${eni.privateIPv4Address}`;
        expect(new Set(live.map(key)).size).toBe(live.length);
        expect(new Set(live.map((eni) => eni.eniId)).size).toBe(live.length);
        expect(new Set(live.map((eni) => eni.macAddress)).size).toBe(live.length);
        expect(network.enis.size).toBe(live.length);
        for (const eni of live) expect(inUsableRange(eni.privateIPv4Address, DEFAULT_SUBNETS.find((s) => s.subnetId === network.enis.get(eni.eniId)!.subnetId)!)).toBe(true);
        for (const subnet of DEFAULT_SUBNETS.slice(0, 3)) {
          const held = live.filter((eni) => network.enis.get(eni.eniId)!.subnetId === subnet.subnetId).length;
          expect(availableIpAddressCount(network, subnet)).toBe(4091 - held);
        }
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it('is deterministic: the same seed and script give the same ENIs (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), (seed, script) => {
        expect(run(seed, script).all).toEqual(run(seed, script).all);
      }),
      { seed: 12, numRuns: 100 },
    );
  });

  it('spreads addresses over the subnet rather than counting up from .4', () => {
    const { all } = run(7, Array(20).fill(0));
    const offsets = all.map((eni) => addressOf(eni.privateIPv4Address) - addressOf('172.31.0.0'));
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(1000);
  });

  it('fills a /28 with its 11 usable addresses (.4 – .14), then refuses a 12th', () => {
    const network = emptyNetworkState();
    const prng = new Prng(3);
    const ips = Array.from({ length: 11 }, () => allocateEni(network, prng, tiny).privateIPv4Address);
    expect(ips.slice().sort((a, b) => addressOf(a) - addressOf(b))).toEqual(Array.from({ length: 11 }, (_, i) => formatIpv4(addressOf('10.0.0.4') + i)));
    expect(availableIpAddressCount(network, tiny)).toBe(0);
    expect(() => allocateEni(network, prng, tiny)).toThrow(RangeError);
  });
});

describe('releaseEni', () => {
  it('gives the address back and ignores unknown ids', () => {
    const network = emptyNetworkState();
    const prng = new Prng(5);
    const first = allocateEni(network, prng, tiny);
    for (let i = 0; i < 10; i++) allocateEni(network, prng, tiny);
    releaseEni(network, first.eniId);
    releaseEni(network, 'eni-unknown');
    expect(availableIpAddressCount(network, tiny)).toBe(1);
    expect(allocateEni(network, prng, tiny).privateIPv4Address).toBe(first.privateIPv4Address); // the only free one
  });
});

describe('eniAttachment', () => {
  const eni: EniAllocation = {
    eniId: 'eni-0123456789abcdef0',
    privateIPv4Address: '172.31.5.10',
    macAddress: '0e:12:34:56:78:9a',
    privateDnsName: 'ip-172-31-5-10.ec2.internal',
    attachmentId: 'a1b2c3d4-0000-4000-8000-000000000000',
  };

  it('has DescribeTasks\' shape and order once the ENI exists', () => {
    expect(eniAttachment(eni, subnetA, 'ATTACHED')).toEqual({
      id: 'a1b2c3d4-0000-4000-8000-000000000000',
      type: 'ElasticNetworkInterface',
      status: 'ATTACHED',
      details: [
        { name: 'subnetId', value: 'subnet-us-east-1a' },
        { name: 'networkInterfaceId', value: 'eni-0123456789abcdef0' },
        { name: 'macAddress', value: '0e:12:34:56:78:9a' },
        { name: 'privateDnsName', value: 'ip-172-31-5-10.ec2.internal' },
        { name: 'privateIPv4Address', value: '172.31.5.10' },
      ],
    });
  });

  it('lists only the subnet while PRECREATED', () => {
    expect(eniAttachment(eni, subnetA, 'PRECREATED').details).toEqual([{ name: 'subnetId', value: 'subnet-us-east-1a' }]);
    expect(eniAttachment(eni, subnetA, 'DELETED').details).toHaveLength(5);
  });
});
