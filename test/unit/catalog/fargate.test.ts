// Proves the Fargate prices are data (fargate-pricing.json, us-east-1, with a source) and that
// fargateHourlyUsd adds vCPU-hours, GB-hours, the Windows licence and ephemeral storage above the
// included 20 GB as AWS bills them, without ever throwing on odd input.
import { describe, expect, it } from 'vitest';
import {
  FARGATE_INCLUDED_EPHEMERAL_GIB,
  FARGATE_PLATFORM_PRICES,
  FARGATE_PRICE_SOURCE,
  fargateCost,
  fargateHourlyUsd,
  fargatePlatformKey,
} from '../../../workers/engine/catalog/fargate.ts';

describe('Fargate prices', () => {
  it('holds Linux x86, Linux ARM and Windows rates with their source', () => {
    expect(FARGATE_PLATFORM_PRICES['LINUX/X86_64']).toMatchObject({ vcpuUsdPerHour: 0.04048, gbUsdPerHour: 0.004445 });
    expect(FARGATE_PLATFORM_PRICES['LINUX/ARM64']).toMatchObject({ vcpuUsdPerHour: 0.03238, gbUsdPerHour: 0.00356 });
    expect(FARGATE_PLATFORM_PRICES['WINDOWS/X86_64']).toMatchObject({ vcpuUsdPerHour: 0.09148, gbUsdPerHour: 0.01005, osLicenseUsdPerVcpuHour: 0.046 });
    for (const prices of Object.values(FARGATE_PLATFORM_PRICES)) {
      expect(prices.vcpuUsdPerHour).toBeGreaterThan(0);
      expect(prices.gbUsdPerHour).toBeGreaterThan(0);
    }
    expect(FARGATE_INCLUDED_EPHEMERAL_GIB).toBe(20);
    expect(FARGATE_PRICE_SOURCE).toMatch(/us-east-1/);
    expect(FARGATE_PRICE_SOURCE).toMatch(/20\d\d/);
  });

  it.each([
    // cpuUnits, memoryMiB, architecture, ephemeralGiB, expected USD/hour
    [256, 512, 'X86_64', undefined, 0.0123425], // 0.25 × 0.04048 + 0.5 × 0.004445 = 0.01012 + 0.0022225
    [1024, 2048, 'X86_64', 20, 0.04937], // 0.04048 + 2 × 0.004445; 20 GiB is included
    [1024, 2048, 'ARM64', undefined, 0.0395], // 0.03238 + 2 × 0.00356
    [1024, 2048, 'arm64', undefined, 0.0395], // lower case as in ecs.cpu-architecture
    [4096, 30720, 'X86_64', 200, 0.31525], // 4 × 0.04048 + 30 × 0.004445 + 180 × 0.000111 = 0.16192 + 0.13335 + 0.01998
    [512, 1024, 'X86_64', 50, 0.028015], // 0.02024 + 0.004445 + 30 × 0.000111 (0.00333)
  ])('%i CPU units, %i MiB, %s, %s GiB → $%f/hour', (cpuUnits, memoryMiB, architecture, ephemeralGiB, expected) => {
    expect(fargateHourlyUsd({ cpuUnits, memoryMiB, architecture, ...(ephemeralGiB === undefined ? {} : { ephemeralGiB }) })).toBeCloseTo(expected, 9);
  });

  it('bills Windows per vCPU plus the OS licence, on x86 whatever the architecture says', () => {
    // 0.09148 + 0.046 (licence) + 2 × 0.01005 = 0.15758
    const cost = fargateCost({ cpuUnits: 1024, memoryMiB: 2048, architecture: 'ARM64', operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' });
    expect(cost.platform).toBe('WINDOWS/X86_64');
    expect(cost.osLicenseUsdPerHour).toBeCloseTo(0.046, 9);
    expect(cost.totalUsdPerHour).toBeCloseTo(0.15758, 9);
  });

  it('itemises the cost and the items add up', () => {
    const cost = fargateCost({ cpuUnits: 2048, memoryMiB: 4096, architecture: 'X86_64', ephemeralGiB: 21 });
    expect(cost.vcpuUsdPerHour).toBeCloseTo(0.08096, 9);
    expect(cost.memoryUsdPerHour).toBeCloseTo(0.01778, 9);
    expect(cost.ephemeralStorageUsdPerHour).toBeCloseTo(0.000111, 9);
    expect(cost.totalUsdPerHour).toBeCloseTo(cost.vcpuUsdPerHour + cost.memoryUsdPerHour + cost.ephemeralStorageUsdPerHour, 12);
  });

  it('counts nonsense sizes as nothing instead of throwing', () => {
    expect(fargateHourlyUsd({ cpuUnits: Number.NaN, memoryMiB: -5 })).toBe(0);
    expect(fargateHourlyUsd({ cpuUnits: 256, memoryMiB: 512, ephemeralGiB: 10 })).toBeCloseTo(0.0123425, 9);
    expect(fargatePlatformKey({})).toBe('LINUX/X86_64');
  });
});
