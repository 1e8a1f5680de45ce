// Shared helpers for the container-instance tests: a mixed cluster (types, AZs), step results, and
// a lookup of instances by ec2InstanceId.
import type { ContainerInstance, SandboxEngine, Step } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';
export { errorOf, expectError, responseOf } from '../engine/helpers.ts';

/**
 * Cluster `mixed`: 2 × m5.large (us-east-1a, us-east-1b), 2 × t3.medium (us-east-1a, us-east-1c),
 * 1 × m6g.large (us-east-1b, arm64), 1 × c5.large (us-east-1c); task definition web:1 (256 CPU, 512 MiB).
 */
export const MIXED_SETUP: Step[] = [
  { 'ecs:CreateCluster': { clusterName: 'mixed' } },
  { 'sim:AddContainerInstances': { cluster: 'mixed', instanceType: 'm5.large', count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] } },
  { 'sim:AddContainerInstances': { cluster: 'mixed', instanceType: 't3.medium', count: 2, availabilityZones: ['us-east-1a', 'us-east-1c'] } },
  { 'sim:AddContainerInstances': { cluster: 'mixed', instanceType: 'm6g.large', count: 1, availabilityZones: ['us-east-1b'] } },
  { 'sim:AddContainerInstances': { cluster: 'mixed', instanceType: 'c5.large', count: 1, availabilityZones: ['us-east-1c'] } },
  {
    'ecs:RegisterTaskDefinition': {
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256, memory: 512 }],
    },
  },
];

export function mixedEngine(seed = 7, extra: Step[] = []): SandboxEngine {
  const engine = createEngine({ seed });
  const loaded = engine.load({ id: 'mixed', title: 'mixed', seed, setup: [...MIXED_SETUP, ...extra] });
  for (const result of loaded.results) if ('error' in result) throw new Error(`setup step ${result.step} failed: ${result.error.message}`);
  return engine;
}

export function instances(engine: SandboxEngine): ContainerInstance[] {
  return engine.snapshot().containerInstances;
}

/** The instances of the mixed cluster in registration order, as `[type, zone, arn]`. */
export function described(engine: SandboxEngine): { type: string; zone: string; arn: string; ec2: string }[] {
  return instances(engine).map((instance) => ({
    type: instance.attributes.find((a) => a.name === 'ecs.instance-type')!.value!,
    zone: instance.attributes.find((a) => a.name === 'ecs.availability-zone')!.value!,
    arn: instance.containerInstanceArn,
    ec2: instance.ec2InstanceId,
  }));
}

export function attributeOf(instance: ContainerInstance, name: string): string | null | undefined {
  const found = instance.attributes.find((attribute) => attribute.name === name);
  return found === undefined ? undefined : (found.value ?? null);
}
