// Proves the instance catalogue (instance-types.json) holds what issue 4 asks for: every size of
// the t3, m5, c5, r5 and m6g families from the smallest to the large ones, registered CPU/memory by
// the stated rule, the awsvpc task limits of ECS's ENI trunking table (maxEnis − 1 without
// trunking, the table's value with it, none for t2/t3), and positive prices that scale with size.
import { describe, expect, it } from 'vitest';
import {
  AGENT_RESERVED_MEMORY_MIB,
  awsvpcTaskLimit,
  INSTANCE_FAMILIES,
  INSTANCE_TYPE_NAMES,
  INSTANCE_TYPE_SOURCES,
  INSTANCE_TYPES,
  lookupInstanceType,
  registeredCpuUnits,
  registeredMemoryMiB,
  type InstanceType,
} from '../../../workers/engine/catalog/instance-types.ts';

const type = (name: string): InstanceType => {
  const found = INSTANCE_TYPES.get(name);
  if (found === undefined) throw new Error(`${name} is missing from the catalogue`);
  return found;
};

describe('families, smallest to large', () => {
  it.each([
    ['t3', ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge']],
    ['m5', ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge']],
    ['c5', ['large', 'xlarge', '2xlarge', '4xlarge', '9xlarge', '12xlarge', '18xlarge', '24xlarge']],
    ['r5', ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge']],
    ['m6g', ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge']],
  ])('%s has every size, in that order', (family, sizes) => {
    const names = INSTANCE_TYPE_NAMES.filter((name) => type(name).family === family);
    expect(names).toEqual(sizes.map((size) => `${family}.${size}`));
  });

  it('keeps the types the catalogue had before (t3a, t4g, m6i, c6g, m7g)', () => {
    for (const name of ['t3a.micro', 't3a.2xlarge', 't4g.micro', 't4g.medium', 'm6i.large', 'm6i.xlarge', 'c6g.large', 'c6g.xlarge', 'm7g.large', 'm7g.xlarge']) {
      expect(INSTANCE_TYPES.has(name), name).toBe(true);
    }
    expect(INSTANCE_FAMILIES).toEqual(expect.arrayContaining(['t3', 't3a', 't4g', 'm5', 'm6i', 'c5', 'r5', 'm6g', 'c6g', 'm7g']));
  });

  it('names each type <family>.<size> and gives it sane figures', () => {
    for (const name of INSTANCE_TYPE_NAMES) {
      const t = type(name);
      expect(name.startsWith(`${t.family}.`), name).toBe(true);
      expect(t.vcpus, name).toBeGreaterThan(0);
      expect(t.memoryMiB, name).toBeGreaterThanOrEqual(512);
      expect(t.maxEnis, name).toBeGreaterThanOrEqual(2);
      if (t.trunkingTaskLimit !== null) expect(t.trunkingTaskLimit, name).toBeGreaterThan(t.maxEnis - 1);
      expect(['x86_64', 'arm64']).toContain(t.architecture);
    }
  });

  it('marks Graviton (g) families arm64 and the rest x86_64', () => {
    for (const name of INSTANCE_TYPE_NAMES) {
      const graviton = /^[a-z]+\d+g[a-z]*$/.test(type(name).family);
      expect(type(name).architecture, name).toBe(graviton ? 'arm64' : 'x86_64');
    }
  });
});

describe('registered resources', () => {
  it.each([
    // name, vCPUs × 1024, floor(MiB × 7985 / 8192) − ECS_RESERVED_MEMORY (0)
    ['t3.nano', 2048, 499], // 512 × 7985 / 8192 = 499.06
    ['t3.micro', 2048, 998], // 1024 → 998.1
    ['t3.medium', 2048, 3992], // 4096 → 3992.5
    ['m5.large', 2048, 7985], // 8192 → 7985: the reference's m4.large figure
    ['m6g.medium', 1024, 3992], // 1 vCPU, 4 GiB
    ['c5.9xlarge', 36864, 71865], // 36 vCPUs; 72 GiB = 73728 × 7985 / 8192 = 71865
    ['r5.24xlarge', 98304, 766560], // 786432 × 7985 / 8192 = 766560
  ])('%s registers %i CPU units and %i MiB', (name, cpu, memory) => {
    expect(registeredCpuUnits(type(name))).toBe(cpu);
    expect(registeredMemoryMiB(type(name))).toBe(memory);
  });

  it('reserves no memory for the agent by default (ECS_RESERVED_MEMORY = 0)', () => {
    expect(AGENT_RESERVED_MEMORY_MIB).toBe(0);
  });
});

describe('awsvpc task limits (ECS container-instance-eni table: without / with trunking)', () => {
  it.each([
    ['m5.large', 2, 10],
    ['m5.xlarge', 3, 20],
    ['m5.2xlarge', 3, 40],
    ['m5.4xlarge', 7, 60],
    ['m5.8xlarge', 7, 60],
    ['m5.12xlarge', 7, 60],
    ['m5.16xlarge', 14, 120],
    ['m5.24xlarge', 14, 120],
    ['c5.large', 2, 10], // 3 ENIs; 12 with trunking incl. primary + trunk
    ['c5.xlarge', 3, 20],
    ['c5.2xlarge', 3, 40],
    ['c5.4xlarge', 7, 60],
    ['c5.9xlarge', 7, 60],
    ['c5.12xlarge', 7, 60],
    ['c5.18xlarge', 14, 120],
    ['c5.24xlarge', 14, 120],
    ['r5.large', 2, 10],
    ['r5.xlarge', 3, 20],
    ['r5.2xlarge', 3, 40],
    ['r5.4xlarge', 7, 60],
    ['r5.12xlarge', 7, 60],
    ['r5.16xlarge', 14, 120],
    ['r5.24xlarge', 14, 120],
    ['m6g.medium', 1, 4],
    ['m6g.large', 2, 10],
    ['m6g.xlarge', 3, 20],
    ['m6g.2xlarge', 3, 40],
    ['m6g.4xlarge', 7, 60],
    ['m6g.8xlarge', 7, 60],
    ['m6g.12xlarge', 7, 60],
    ['m6g.16xlarge', 14, 120],
    ['m6i.large', 2, 10],
    ['c6g.large', 2, 10],
    ['m7g.large', 2, 10],
  ])('%s: %i without trunking, %i with', (name, without, withTrunking) => {
    expect(awsvpcTaskLimit(type(name), false)).toBe(without);
    expect(type(name).maxEnis - 1).toBe(without);
    expect(awsvpcTaskLimit(type(name), true)).toBe(withTrunking);
  });

  it.each([
    // name, max ENIs → maxEnis − 1 tasks whether or not trunking is on (not in ECS's supported list)
    ['t3.nano', 2],
    ['t3.micro', 2],
    ['t3.small', 3],
    ['t3.medium', 3],
    ['t3.large', 3],
    ['t3.xlarge', 4],
    ['t3.2xlarge', 4],
    ['t3a.small', 2],
    ['t4g.small', 3],
    ['r5.8xlarge', 8], // ECS names r5.8xlarge among the sizes trunking does not support
  ])('%s (%i ENIs) cannot be trunked', (name, enis) => {
    expect(type(name).maxEnis).toBe(enis);
    expect(type(name).trunkingTaskLimit).toBeNull();
    expect(awsvpcTaskLimit(type(name), true)).toBe(enis - 1);
    expect(awsvpcTaskLimit(type(name), false)).toBe(enis - 1);
  });
});

describe('on-demand prices (us-east-1, Linux)', () => {
  it.each([
    ['t3.micro', 0.0104],
    ['t3.medium', 0.0416],
    ['m5.large', 0.096],
    ['c5.9xlarge', 1.53],
    ['r5.24xlarge', 6.048],
    ['m6g.medium', 0.0385],
  ])('%s costs $%f per hour', (name, price) => {
    expect(type(name).onDemandUsdPerHour).toBe(price);
  });

  it('is positive everywhere and grows with size within a family', () => {
    for (const family of INSTANCE_FAMILIES) {
      const members = INSTANCE_TYPE_NAMES.map(type).filter((t) => t.family === family);
      for (const [index, t] of members.entries()) {
        expect(t.onDemandUsdPerHour, t.name).toBeGreaterThan(0);
        if (index > 0) expect(t.onDemandUsdPerHour, t.name).toBeGreaterThan(members[index - 1]!.onDemandUsdPerHour);
      }
    }
  });

  it('is linear in vCPUs within the non-burstable families (same price per vCPU)', () => {
    // m5: 0.096 / 2 = 0.048 per vCPU at every size; c5: 0.0425; r5: 0.063; m6g: 0.0385
    for (const family of ['m5', 'c5', 'r5', 'm6g', 'm6i']) {
      const members = INSTANCE_TYPE_NAMES.map(type).filter((t) => t.family === family);
      const perVcpu = members[0]!.onDemandUsdPerHour / members[0]!.vcpus;
      for (const t of members) expect(t.onDemandUsdPerHour / t.vcpus, t.name).toBeCloseTo(perVcpu, 6);
    }
  });

  it('states where the figures come from, with a date', () => {
    expect(Object.keys(INSTANCE_TYPE_SOURCES)).toEqual(expect.arrayContaining(['maxEnis', 'trunkingTaskLimit', 'onDemandUsdPerHour']));
    expect(INSTANCE_TYPE_SOURCES['onDemandUsdPerHour']).toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('lookup', () => {
  it('finds a type or suggests the closest name', () => {
    expect(lookupInstanceType('c5.18xlarge').ok).toBe(true);
    const typo = lookupInstanceType('m6g.mediun');
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.suggestion).toBe(' Did you mean "m6g.medium"?');
  });
});
