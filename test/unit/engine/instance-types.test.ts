// Proves the instance catalog registers CPU as vCPU × 1024 and memory by ecs-reference §2's rule
// (OS-visible memory, calibrated on m4.large 8192 → 7985 MiB), and that an unknown type gets a
// did-you-mean.
import { describe, expect, it } from 'vitest';
import {
  INSTANCE_TYPES,
  lookupInstanceType,
  registeredCpuUnits,
  registeredMemoryMiB,
} from '../../../workers/engine/catalog/instance-types.ts';

describe('instance types', () => {
  it.each([
    // name, CPU units = vCPU × 1024, MEMORY = floor(MiB × 7985 / 8192)
    ['t3.micro', 2048, 998], // 1024 × 7985 / 8192 = 998.1
    ['t3.medium', 2048, 3992], // 4096 × 7985 / 8192 = 3992.5
    ['m5.large', 2048, 7985], // 8192 → 7985, the reference's own figure
    ['m5.4xlarge', 16384, 63880], // 65536 × 7985 / 8192 = 63880
    ['c5.large', 2048, 3992],
    ['r5.xlarge', 4096, 31940], // 32768 × 7985 / 8192 = 31940
  ])('%s registers %i CPU units and %i MiB', (name, cpu, memory) => {
    const type = INSTANCE_TYPES.get(name)!;
    expect(registeredCpuUnits(type)).toBe(cpu);
    expect(registeredMemoryMiB(type)).toBe(memory);
  });

  it('has the arm64 Graviton types', () => {
    for (const name of ['m6g.large', 'm6g.xlarge', 'c6g.large', 'm7g.large']) {
      expect(INSTANCE_TYPES.get(name)?.architecture).toBe('arm64');
    }
    for (const name of ['t3.small', 't3a.large', 'm5.2xlarge', 'c5.2xlarge', 'r5.large']) {
      expect(INSTANCE_TYPES.get(name)?.architecture).toBe('x86_64');
    }
  });

  it('suggests the closest name for a typo', () => {
    const result = lookupInstanceType('t3.mirco');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.suggestion).toBe(' Did you mean "t3.micro"?');
      expect(result.examples.length).toBeGreaterThan(3);
    }
    const far = lookupInstanceType('mac2.metal');
    if (!far.ok) expect(far.suggestion).toBe('');
  });
});
