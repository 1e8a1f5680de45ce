/**
 * Fargate capacity as the faults leave it (read by commands/run-task-fargate.ts before it places):
 * - Fargate Spot without capacity (sim:SetSpotMarket fargateSpotCapacityAvailable false): new
 *   FARGATE_SPOT tasks cannot start, with AWS's reason "Capacity is unavailable at this time. Please
 *   try again later or in a different availability zone." (a service shows it as "(service NAME) was
 *   unable to place a task. Reason: …"); FARGATE tasks are not affected;
 * - a zone that is out: new Fargate tasks go to the request's other subnets; when every subnet's
 *   zone is out, none can start (the sandbox's reason, since AWS documents no zone outage).
 */
import { provideCapacityHook, type FargateCapacity } from '../commands/capacity-hooks.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import type { Subnet } from '../network/index.ts';
import type { TaskDefinition } from '../../protocol.ts';
import type { EngineState } from '../state.ts';
import { CAPACITY_UNAVAILABLE } from './messages.ts';
import { FARGATE_SPOT } from './model.ts';

export type { FargateCapacity };

/**
 * Fargate Spot runs Linux x86_64 tasks only (ecs-reference §3: "Fargate Spot not supported for
 * Windows or ARM64"). AWS's error text for it is UNCONFIRMED; this is the sandbox's sentence.
 */
export function spotPlatformRefusal(td: TaskDefinition): string | undefined {
  const runtime = td.runtimePlatform as { cpuArchitecture?: unknown; operatingSystemFamily?: unknown } | undefined;
  const os = typeof runtime?.operatingSystemFamily === 'string' ? runtime.operatingSystemFamily : 'LINUX';
  const arch = typeof runtime?.cpuArchitecture === 'string' ? runtime.cpuArchitecture.toUpperCase() : 'X86_64';
  if (os.startsWith('WINDOWS')) return `Fargate Spot does not run Windows containers (${td.family}:${td.revision} is ${os}); use the FARGATE capacity provider. (Sandbox wording)`;
  if (arch === 'ARM64') return `Fargate Spot does not run ARM64 tasks (${td.family}:${td.revision} asks for ARM64); use FARGATE or an X86_64 task definition. (Sandbox wording)`;
  return undefined;
}

export function fargateCapacity(state: EngineState, capacityProviderName: string | undefined, subnets: readonly Subnet[]): FargateCapacity {
  const faults = state.faults;
  if (faults === undefined) return { ok: true, subnets, avoided: [] };
  if (capacityProviderName === FARGATE_SPOT && !faults.spot.fargateSpotCapacityAvailable) {
    return { ok: false, reason: CAPACITY_UNAVAILABLE, arn: capacityProviderArn(FARGATE_SPOT) };
  }
  if (faults.unavailableZones.size === 0) return { ok: true, subnets, avoided: [] };
  const usable = subnets.filter((subnet) => !faults.unavailableZones.has(subnet.availabilityZone));
  const avoided = [...new Set(subnets.filter((subnet) => faults.unavailableZones.has(subnet.availabilityZone)).map((subnet) => subnet.availabilityZone))];
  if (usable.length === 0) {
    return {
      ok: false,
      reason: `${CAPACITY_UNAVAILABLE} (Sandbox: every Availability Zone of the given subnets is out — ${avoided.join(', ')}; give a subnet in another zone or restore the zone.)`,
      arn: capacityProviderArn(capacityProviderName ?? 'FARGATE'),
    };
  }
  return { ok: true, subnets: usable, avoided };
}

function capacityProviderArn(name: string): string {
  return `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:capacity-provider/${name}`;
}

// The Fargate launch path (first chunk) reaches these through its hook.
provideCapacityHook('fargate', { capacity: fargateCapacity, spotPlatformRefusal });
