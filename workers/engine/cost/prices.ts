/**
 * What each kind of capacity costs per hour, from the catalogue's data files (each with its source):
 * - EC2 (instance-types.json, spot-pricing.json, capacity-pricing.json): the On-Demand or Spot price
 *   of the instance type, plus its EBS root volume (30 GiB gp3 at $0.08 per GB-month, 730 hours a
 *   month). EC2 bills per second while the instance is running.
 * - Fargate (fargate-pricing.json, spot-pricing.json): vCPU-hours and GB-hours of the task's size,
 *   per second from the start of the image pull until the task stops, with a one-minute minimum on
 *   Linux (15 minutes on Windows) — AWS Fargate pricing page. Fargate Spot at its own rates.
 * - ECS Anywhere (capacity-pricing.json): a fee per registered external instance-hour.
 */
import capacityPricing from '../catalog/capacity-pricing.json' with { type: 'json' };
import { FARGATE_PLATFORM_PRICES, fargateCost, fargatePlatformKey, type FargateTaskSize } from '../catalog/fargate.ts';
import { INSTANCE_TYPES } from '../catalog/instance-types.ts';
import spotPricing from '../catalog/spot-pricing.json' with { type: 'json' };

export const EBS_GP3_USD_PER_GB_MONTH: number = capacityPricing.ebsGp3UsdPerGbMonth;
export const HOURS_PER_MONTH: number = capacityPricing.hoursPerMonth;
/** One constant for every EC2 container instance: its root volume (Sandbox; ECS-optimized AL2023 default size). */
export const ROOT_VOLUME_GIB: number = capacityPricing.rootVolumeGiB;
export const ECS_ANYWHERE_USD_PER_HOUR: number = capacityPricing.ecsAnywhereUsdPerInstanceHour;
/** Linux EC2 bills per second with a 60-second minimum each time an instance starts running. */
export const EC2_MINIMUM_BILLED_MS: number = capacityPricing.ec2MinimumBilledSeconds * 1000;
export const EC2_SPOT_USD_PER_HOUR: Readonly<Record<string, number>> = spotPricing.ec2SpotUsdPerHour;
export const FARGATE_SPOT_PRICES = spotPricing.fargateSpot['LINUX/X86_64'];

/** The root volume's cost per hour: 30 GiB × $0.08 / 730 h ≈ $0.0032877. */
export function rootVolumeUsdPerHour(): number {
  return (ROOT_VOLUME_GIB * EBS_GP3_USD_PER_GB_MONTH) / HOURS_PER_MONTH;
}

/** The instance type's compute price per hour (On-Demand, or Spot for a Spot Instance); 0 for a type not in the catalogue. */
export function instanceComputeUsdPerHour(instanceType: string, spot: boolean): number {
  if (spot) return EC2_SPOT_USD_PER_HOUR[instanceType] ?? 0;
  return INSTANCE_TYPES.get(instanceType)?.onDemandUsdPerHour ?? 0;
}

/** What an EC2 container instance costs per hour: compute plus its EBS root volume. */
export function ec2InstanceUsdPerHour(instanceType: string, spot: boolean): number {
  return instanceComputeUsdPerHour(instanceType, spot) + rootVolumeUsdPerHour();
}

export interface FargateRate {
  usdPerHour: number;
  minimumBilledMs: number;
}

/** A Fargate task's price per hour and its minimum billed time; Fargate Spot (Linux/x86 only) at the Spot rates. */
export function fargateRate(size: FargateTaskSize, spot: boolean): FargateRate {
  const platform = fargatePlatformKey(size);
  if (spot) {
    const rate = (size.cpuUnits / 1024) * FARGATE_SPOT_PRICES.vcpuUsdPerHour + (size.memoryMiB / 1024) * FARGATE_SPOT_PRICES.gbUsdPerHour;
    return { usdPerHour: rate, minimumBilledMs: FARGATE_SPOT_PRICES.minimumBilledSeconds * 1000 };
  }
  return { usdPerHour: fargateCost(size).totalUsdPerHour, minimumBilledMs: FARGATE_PLATFORM_PRICES[platform]!.minimumBilledSeconds * 1000 };
}
