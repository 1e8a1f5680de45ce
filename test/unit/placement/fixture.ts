/**
 * A placement test bench: a cluster built through the engine's own commands on a silent context
 * (no state machines start), whose instances' free resources tests then set to exact numbers, and
 * a helper that prepares a RunTask request's ledger as RunTask would.
 */
import { COMMANDS } from '../../../workers/engine/commands/index.ts';
import { checkRunTask } from '../../../workers/engine/commands/run-task.ts';
import { prepareEc2Placement } from '../../../workers/engine/commands/run-task-ec2.ts';
import { silentContext, type EngineContext } from '../../../workers/engine/context.ts';
import type { Ledger } from '../../../workers/engine/placement/ledger.ts';
import { instancesOfCluster, type InstanceRecord } from '../../../workers/engine/state.ts';

export interface Bench {
  ctx: EngineContext;
  instances: InstanceRecord[];
}

/** One instance per entry, in order: [instanceType, availabilityZone]. */
export function bench(specs: readonly [string, string][], seed = 1): Bench {
  const ctx = silentContext(seed);
  must(COMMANDS['ecs:CreateCluster'](ctx, { clusterName: 'demo' }));
  for (const [instanceType, zone] of specs) {
    must(COMMANDS['sim:AddContainerInstances'](ctx, { cluster: 'demo', instanceType, availabilityZones: [zone] }));
  }
  return { ctx, instances: instancesOfCluster(ctx.state, 'demo') };
}

export function must(result: { ok: boolean; error?: { message: string } }): void {
  if (!result.ok) throw new Error(result.error?.message);
}

export function register(b: Bench, taskDefinition: Record<string, unknown>): void {
  must(COMMANDS['ecs:RegisterTaskDefinition'](b.ctx, taskDefinition));
}

/** Leave exactly `cpu` units and `memory` MiB free on the instance. */
export function setFree(instance: InstanceRecord, free: { cpu?: number; memory?: number }): void {
  if (free.cpu !== undefined) instance.usedCpuUnits = instance.registeredCpuUnits - free.cpu;
  if (free.memory !== undefined) instance.usedMemoryMiB = instance.registeredMemoryMiB - free.memory;
}

/** The ledger RunTask would build for this request (cluster demo). */
export function ledgerFor(b: Bench, request: Record<string, unknown>): Ledger {
  const checked = checkRunTask(b.ctx, { cluster: 'demo', ...request });
  if (!checked.ok) throw new Error(JSON.stringify(checked.result));
  const prepared = prepareEc2Placement(b.ctx, checked.run);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.result));
  return prepared.ledger;
}

/** A task definition needing `memory` MiB and `cpu` units, with optional port mappings. */
export function taskDef(family: string, opts: { cpu?: number; memory?: number; ports?: { containerPort: number; hostPort?: number; protocol?: string }[]; networkMode?: string; placementConstraints?: unknown[]; runtimePlatform?: unknown } = {}): Record<string, unknown> {
  return {
    family,
    ...(opts.networkMode === undefined ? {} : { networkMode: opts.networkMode }),
    ...(opts.placementConstraints === undefined ? {} : { placementConstraints: opts.placementConstraints }),
    ...(opts.runtimePlatform === undefined ? {} : { runtimePlatform: opts.runtimePlatform }),
    containerDefinitions: [{
      name: family,
      image: 'nginx',
      cpu: opts.cpu ?? 256,
      memory: opts.memory ?? 512,
      ...(opts.ports === undefined ? {} : { portMappings: opts.ports }),
    }],
  };
}
