/**
 * What one capacity swarm seed builds: a cluster whose EC2 capacity comes only from an Auto Scaling
 * group behind a capacity provider with managed scaling (from 0 instances), plus FARGATE and
 * FARGATE_SPOT; EC2 services on the cluster's default strategy (the ASG provider) and Fargate
 * services with a base/weight strategy over FARGATE and FARGATE_SPOT. Drawn from the seed.
 *
 * Desired counts of EC2 services are drawn within half of the group's capacity at MaxSize (world.ts
 * Budget), so that every service can converge once the faults stop.
 */
import type { Prng } from '../../workers/engine/prng.ts';
import { Budget, capacityOf, CLUSTER, createServiceRequest, DEPLOYMENT_CONFIGS, type ServiceSpec } from './world.ts';

export const ASG_NAME = 'swarm-asg';
export const PROVIDER = 'swarm-cp';

export interface FargateStrategy {
  base: number;
  fargateWeight: number;
  spotWeight: number;
}

export interface CapacityWorld {
  zones: string[];
  instanceType: string;
  maxSize: number;
  targetCapacity: number;
  managedDraining: 'ENABLED' | 'DISABLED';
  services: ServiceSpec[];
  /** Per Fargate service (by name): its strategy. */
  strategies: Map<string, FargateStrategy>;
}

const TYPES = ['t3.medium', 'm5.large', 'c5.large', 'm5.xlarge'];
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export function drawCapacityWorld(prng: Prng): CapacityWorld {
  const zones = ZONES.slice(0, prng.int(2, 4));
  const instanceType = prng.pick(TYPES);
  const maxSize = prng.int(4, 11);
  const services: ServiceSpec[] = [];
  const strategies = new Map<string, FargateStrategy>();
  for (let i = 0, n = prng.int(1, 4); i < n; i++) services.push(ec2Service(prng, i));
  for (let i = 0, n = prng.int(0, 3); i < n; i++) {
    const service = fargateService(prng, i);
    services.push(service);
    const fargateWeight = prng.int(0, 3);
    // A provider of weight 0 places no task (AWS), so only a weighted FARGATE gets a base.
    strategies.set(service.name, { base: fargateWeight === 0 ? 0 : prng.int(0, 3), fargateWeight, spotWeight: fargateWeight === 0 ? prng.int(1, 4) : prng.int(0, 4) });
  }
  const budget = new Budget(capacityOf([{ instanceType, count: maxSize, zones }]));
  for (const service of services) service.desired = budget.draw(prng, service, prng.int(0, 10));
  return {
    zones,
    instanceType,
    maxSize,
    targetCapacity: prng.pick([100, 100, 90, 75]),
    managedDraining: prng.int(0, 4) === 0 ? 'DISABLED' : 'ENABLED',
    services,
    strategies,
  };
}

function ec2Service(prng: Prng, i: number): ServiceSpec {
  const [minPct, maxPct] = prng.pick(DEPLOYMENT_CONFIGS);
  return {
    name: `ec2svc${i}`,
    family: `ec2app${i}`,
    shape: 'bridge',
    withLb: false,
    containerPort: 8080,
    cpu: prng.pick([256, 512, 1024]),
    memory: prng.pick([256, 512, 1024]),
    healthCheck: prng.int(0, 4) === 0,
    desired: 0,
    minPct,
    maxPct,
    repo: `ec2app${i}`,
    tag: 1,
  };
}

function fargateService(prng: Prng, i: number): ServiceSpec {
  const [minPct, maxPct] = prng.pick(DEPLOYMENT_CONFIGS);
  return {
    name: `fgsvc${i}`,
    family: `fgapp${i}`,
    shape: 'fargate',
    withLb: false,
    containerPort: 8080,
    cpu: 256,
    memory: 512,
    healthCheck: false,
    desired: 0,
    minPct,
    maxPct,
    repo: `fgapp${i}`,
    tag: 1,
  };
}

/** CreateService on the capacity providers: EC2 services take the cluster's default strategy, Fargate ones their own. */
export function capacityServiceRequest(world: CapacityWorld, service: ServiceSpec): Record<string, unknown> {
  const request = createServiceRequest(service, world.zones);
  delete request.launchType;
  const strategy = world.strategies.get(service.name);
  if (strategy !== undefined) {
    request.capacityProviderStrategy = [
      { capacityProvider: 'FARGATE', base: strategy.base, weight: strategy.fargateWeight },
      { capacityProvider: 'FARGATE_SPOT', weight: strategy.spotWeight },
    ];
  }
  return { ...request, cluster: CLUSTER };
}
