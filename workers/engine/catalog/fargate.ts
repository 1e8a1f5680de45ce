/**
 * What a Fargate task costs per hour, from the prices in fargate-pricing.json (us-east-1, with
 * their source and date): vCPUs × the vCPU-hour rate + GB of memory × the GB-hour rate (+ the
 * Windows license per vCPU-hour) + ephemeral storage above the included 20 GB × its GB-hour rate.
 *
 * Task sizes come as ECS writes them: CPU in units (1024 = 1 vCPU), memory in MiB (1024 = 1 GB
 * for billing). Architecture and OS as in the task definition's runtimePlatform
 * (`cpuArchitecture` X86_64 | ARM64, `operatingSystemFamily` LINUX or a WINDOWS_SERVER_* value).
 */
import pricing from './fargate-pricing.json' with { type: 'json' };

export interface FargatePlatformPrices {
  vcpuUsdPerHour: number;
  gbUsdPerHour: number;
  osLicenseUsdPerVcpuHour: number;
  minimumBilledSeconds: number;
}

export type FargateArchitecture = 'X86_64' | 'ARM64';

export interface FargateTaskSize {
  cpuUnits: number;
  memoryMiB: number;
  /** X86_64 (default) or ARM64; lower-case `x86_64` / `arm64` are accepted too. */
  architecture?: string;
  /** The task's ephemeral storage in GiB (default and minimum 20; 21–200 when configured). */
  ephemeralGiB?: number;
  /** runtimePlatform.operatingSystemFamily: LINUX (default) or WINDOWS_SERVER_…. */
  operatingSystemFamily?: string;
}

export interface FargateCost {
  platform: string;
  vcpuUsdPerHour: number;
  memoryUsdPerHour: number;
  osLicenseUsdPerHour: number;
  ephemeralStorageUsdPerHour: number;
  totalUsdPerHour: number;
}

export const FARGATE_PRICE_SOURCE: string = pricing.source;
export const FARGATE_INCLUDED_EPHEMERAL_GIB: number = pricing.includedEphemeralStorageGiB;
export const FARGATE_EPHEMERAL_USD_PER_GB_HOUR: number = pricing.ephemeralStorageUsdPerGbHour;
export const FARGATE_PLATFORM_PRICES: Readonly<Record<string, FargatePlatformPrices>> = pricing.platforms;

/** `LINUX/X86_64`, `LINUX/ARM64` or `WINDOWS/X86_64` (Windows on Fargate is x86 only). */
export function fargatePlatformKey(size: Pick<FargateTaskSize, 'architecture' | 'operatingSystemFamily'>): string {
  const windows = (size.operatingSystemFamily ?? 'LINUX').toUpperCase().startsWith('WINDOWS');
  if (windows) return 'WINDOWS/X86_64';
  return (size.architecture ?? 'X86_64').toUpperCase() === 'ARM64' ? 'LINUX/ARM64' : 'LINUX/X86_64';
}

/** A size that is not a finite, non-negative number counts as 0 (this function never throws). */
function amount(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The hourly cost of one task, itemised. */
export function fargateCost(size: FargateTaskSize): FargateCost {
  const platform = fargatePlatformKey(size);
  const prices = FARGATE_PLATFORM_PRICES[platform]!;
  const vcpus = amount(size.cpuUnits) / 1024;
  const gb = amount(size.memoryMiB) / 1024;
  const extraStorageGb = Math.max(0, amount(size.ephemeralGiB ?? FARGATE_INCLUDED_EPHEMERAL_GIB) - FARGATE_INCLUDED_EPHEMERAL_GIB);
  const cost = {
    platform,
    vcpuUsdPerHour: vcpus * prices.vcpuUsdPerHour,
    memoryUsdPerHour: gb * prices.gbUsdPerHour,
    osLicenseUsdPerHour: vcpus * prices.osLicenseUsdPerVcpuHour,
    ephemeralStorageUsdPerHour: extraStorageGb * FARGATE_EPHEMERAL_USD_PER_GB_HOUR,
  };
  const totalUsdPerHour = cost.vcpuUsdPerHour + cost.memoryUsdPerHour + cost.osLicenseUsdPerHour + cost.ephemeralStorageUsdPerHour;
  return { ...cost, totalUsdPerHour };
}

/** The hourly on-demand cost of one task in USD, e.g. 0.25 vCPU / 512 MiB on Linux x86 ≈ $0.0123. */
export function fargateHourlyUsd(size: FargateTaskSize): number {
  return fargateCost(size).totalUsdPerHour;
}
