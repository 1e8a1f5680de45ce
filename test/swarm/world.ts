/**
 * What one swarm seed builds: a cluster (instances of several types over several AZs), task
 * definitions in every network mode (bridge with dynamic or static host ports, host, awsvpc on EC2,
 * Fargate), services with and without an ALB, and their deployment configurations — drawn from the
 * seed with the engine's own PRNG, so a seed names one world exactly.
 *
 * Desired counts are drawn within a capacity budget, so that every service *can* converge once the
 * faults stop (the convergence check would otherwise fail for a legitimate lack of room):
 *   - EC2 tasks: Σ over services of (floor(desired × max%) + 1) × reservation ≤ ½ of the cluster's
 *     CPU and memory, leaving room for bin fragmentation and for one drained instance;
 *   - static host ports (bridge static, host mode): one task per instance, so desired ≤ instances − 2;
 *   - awsvpc on EC2: Σ (floor(desired × max%) + 1) ≤ ½ of the ENI slots (maxEnis − 1 per instance);
 *   - (min%, max%) pairs with which a deployment can always make progress at the drawn count
 *     (canProgress), as ECS would otherwise report it "was unable to stop or start tasks".
 */
import catalogue from '../../workers/engine/catalog/instance-types.json' with { type: 'json' };
import type { Prng } from '../../workers/engine/prng.ts';

export type NetworkShape = 'bridge' | 'bridgeStatic' | 'host' | 'awsvpc' | 'fargate';

export interface ServiceSpec {
  name: string;
  family: string;
  shape: NetworkShape;
  /** Behind a load balancer (its own target group and listener). */
  withLb: boolean;
  /** Which one: the ALB (HTTP health checks) or, now and then, the NLB (TCP health checks). */
  lbType?: 'application' | 'network';
  containerPort: number;
  /** bridgeStatic and host: the fixed host port. */
  hostPort?: number;
  cpu: number;
  memory: number;
  /** A container health check in the task definition. */
  healthCheck: boolean;
  desired: number;
  minPct: number;
  maxPct: number;
  circuitBreaker?: { enable: boolean; rollback: boolean };
  graceSeconds?: number;
  /** The image repository; revisions run `<repo>:v<n>`. */
  repo: string;
  tag: number;
  listenerPort?: number;
  targetGroupArn?: string;
  /** schedulingStrategy DAEMON: one task per ACTIVE instance (EC2 bridge, tiny, minimumHealthyPercent 0). */
  daemon?: boolean;
  /** REPLICA on EC2: a placement strategy other than the default spread over AZs. */
  placementStrategy?: { type: 'spread' | 'random' | 'binpack'; field?: string }[];
  /** REPLICA on EC2: the distinctInstance constraint (one task per instance, like a static port). */
  distinctInstance?: boolean;
  /** DeleteService was called; a later CreateService brings it back as `<base>-<generation>`. */
  deleted?: boolean;
  generation?: number;
}

export interface InstanceGroup {
  instanceType: string;
  count: number;
  zones: string[];
}

export interface WorldSpec {
  zones: string[];
  instanceGroups: InstanceGroup[];
  services: ServiceSpec[];
  /** Target group health check settings and deregistration delay, shared by the world's groups. */
  health: { intervalSeconds: number; healthyThreshold: number; unhealthyThreshold: number; deregistrationDelaySeconds: number };
}

const TYPES = ['t3.medium', 'm5.large', 'c5.large', 'm5.xlarge', 'r5.large'];
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const CONFIGS: readonly [number, number][] = [
  [100, 200],
  [100, 200],
  [50, 200],
  [0, 100],
  [50, 100],
  [60, 150],
  [100, 150],
  [0, 200],
  [75, 125],
];
const SHAPES: readonly NetworkShape[] = ['bridge', 'bridge', 'bridge', 'bridgeStatic', 'host', 'awsvpc', 'fargate', 'fargate'];

const TYPE_INFO = new Map(catalogue.types.map((t) => [t.name, t]));

/** ECS can move a deployment of `desired` tasks forward: it may start one more, or stop one. */
export const DEPLOYMENT_CONFIGS = CONFIGS;

export function canProgress(desired: number, minPct: number, maxPct: number): boolean {
  if (desired === 0) return true;
  return Math.floor((desired * maxPct) / 100) > desired || Math.ceil((desired * minPct) / 100) < desired;
}

export interface Capacity {
  cpu: number;
  memory: number;
  instances: number;
  eniSlots: number;
}

export function capacityOf(groups: readonly InstanceGroup[]): Capacity {
  let cpu = 0;
  let memory = 0;
  let instances = 0;
  let eniSlots = 0;
  for (const group of groups) {
    const info = TYPE_INFO.get(group.instanceType)!;
    cpu += info.vcpus * 1024 * group.count;
    // Registered memory is a little under the type's memory; 90 % is a safe floor for the budget.
    memory += Math.floor(info.memoryGiB * 1024 * 0.9) * group.count;
    instances += group.count;
    eniSlots += (info.maxEnis - 1) * group.count;
  }
  return { cpu, memory, instances, eniSlots };
}

export function drawWorld(prng: Prng): WorldSpec {
  const zones = ZONES.slice(0, prng.int(2, 4));
  const instanceGroups: InstanceGroup[] = [];
  for (let g = prng.int(1, 4); g > 0; g--) {
    instanceGroups.push({ instanceType: prng.pick(TYPES), count: prng.int(2, 5), zones });
  }
  const health = {
    intervalSeconds: prng.pick([5, 10, 15, 30]),
    healthyThreshold: prng.int(2, 6),
    unhealthyThreshold: prng.int(2, 4),
    deregistrationDelaySeconds: prng.pick([0, 5, 30, 60, 120]),
  };
  const services: ServiceSpec[] = [];
  const count = prng.int(1, 5);
  // A DAEMON service now and then, created first so that its tasks find room on every instance.
  if (prng.int(0, 5) === 0) services.push(drawDaemon(prng, count));
  for (let i = 0; i < count; i++) services.push(drawService(prng, i));
  const budget = new Budget(capacityOf(instanceGroups));
  for (const service of services) service.desired = budget.draw(prng, service, prng.int(0, 9));
  return { zones, instanceGroups, services, health };
}

function drawService(prng: Prng, i: number): ServiceSpec {
  const shape = prng.pick(SHAPES);
  const [minPct, maxPct] = prng.pick(CONFIGS);
  const withLb = prng.int(0, 3) > 0;
  const spec: ServiceSpec = {
    name: `svc${i}`,
    family: `app${i}`,
    shape,
    withLb,
    containerPort: 8080,
    cpu: shape === 'fargate' ? 256 : prng.pick([128, 256, 512]),
    memory: shape === 'fargate' ? 512 : prng.pick([128, 256, 512]),
    healthCheck: prng.int(0, 4) === 0,
    desired: 0,
    minPct,
    maxPct,
    repo: `app${i}`,
    tag: 1,
  };
  if (shape === 'bridgeStatic') spec.hostPort = 8000 + i;
  if (shape === 'host') spec.containerPort = spec.hostPort = 9000 + i;
  if (prng.int(0, 3) === 0) spec.circuitBreaker = { enable: true, rollback: prng.int(0, 2) === 0 };
  if (withLb && prng.int(0, 4) === 0) spec.graceSeconds = prng.pick([10, 30, 60]);
  if (withLb) {
    spec.listenerPort = 80 + i;
    spec.lbType = prng.int(0, 4) === 0 ? 'network' : 'application';
  }
  if (shape !== 'fargate') {
    const strategy = prng.int(0, 4);
    if (strategy === 1) spec.placementStrategy = [{ type: 'spread', field: 'instanceId' }];
    if (strategy === 2) spec.placementStrategy = [{ type: 'random' }];
    if (strategy === 3) spec.placementStrategy = [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }];
    if (prng.int(0, 6) === 0) spec.distinctInstance = true;
  }
  return spec;
}

function drawDaemon(prng: Prng, i: number): ServiceSpec {
  return {
    name: `daemon${i}`,
    family: `agent${i}`,
    shape: 'bridge',
    withLb: false,
    containerPort: 8125,
    cpu: 64,
    memory: 64,
    healthCheck: prng.int(0, 3) === 0,
    desired: 0,
    minPct: 0,
    maxPct: 100,
    repo: `agent${i}`,
    tag: 1,
    daemon: true,
  };
}

/** The room left in the cluster, spent as services draw their desired counts (see the file comment). */
export class Budget {
  private cpu: number;
  private memory: number;
  private eniSlots: number;

  constructor(private readonly capacity: Capacity) {
    this.cpu = capacity.cpu / 2;
    this.memory = capacity.memory / 2;
    this.eniSlots = Math.floor(capacity.eniSlots / 2);
  }

  /** The largest count up to `wanted` that fits and lets deployments progress; reserves its room. */
  draw(prng: Prng, service: ServiceSpec, wanted: number): number {
    void prng;
    if (service.daemon === true) {
      // One task on every instance, stopped before its replacement starts (maximumPercent 100).
      this.cpu -= this.capacity.instances * service.cpu;
      this.memory -= this.capacity.instances * service.memory;
      return 0;
    }
    let n = Math.min(wanted, this.limit(service));
    while (n > 0 && !canProgress(n, service.minPct, service.maxPct)) n--;
    this.spend(service, n, +1);
    return n;
  }

  /** Give back a service's room (before drawing a new count for it). */
  release(service: ServiceSpec): void {
    if (service.daemon === true) {
      this.cpu += this.capacity.instances * service.cpu;
      this.memory += this.capacity.instances * service.memory;
      return;
    }
    this.spend(service, service.desired, -1);
  }

  private limit(service: ServiceSpec): number {
    if (service.shape === 'fargate') return 10;
    const peak = (n: number): number => Math.floor((n * service.maxPct) / 100) + 1;
    let n = 0;
    while (n < 12 && peak(n + 1) * service.cpu <= this.cpu && peak(n + 1) * service.memory <= this.memory) {
      if (service.shape === 'awsvpc' && peak(n + 1) > this.eniSlots) break;
      if ((service.shape === 'host' || service.shape === 'bridgeStatic' || service.distinctInstance === true) && n + 1 > this.capacity.instances - 2) break;
      n++;
    }
    return n;
  }

  private spend(service: ServiceSpec, n: number, sign: 1 | -1): void {
    if (service.shape === 'fargate' || n === 0) return;
    const peak = Math.floor((n * service.maxPct) / 100) + 1;
    this.cpu -= sign * peak * service.cpu;
    this.memory -= sign * peak * service.memory;
    if (service.shape === 'awsvpc') this.eniSlots -= sign * peak;
  }
}

// ---------------------------------------------------------------------------------------------
// Requests, in AWS's request shapes
// ---------------------------------------------------------------------------------------------

export const CLUSTER = 'swarm';
export const ALB_NAME = 'swarm-alb';
export const NLB_NAME = 'swarm-nlb';

export function image(service: ServiceSpec, tag = service.tag): string {
  return `${service.repo}:v${tag}`;
}

export function taskDefinitionRequest(service: ServiceSpec): Record<string, unknown> {
  const container: Record<string, unknown> = {
    name: 'app',
    image: image(service),
    essential: true,
    environment: [{ name: 'REVISION', value: String(service.tag) }],
  };
  const mapping: Record<string, unknown> = { containerPort: service.containerPort, protocol: 'tcp' };
  if (service.shape === 'bridge') mapping.hostPort = 0;
  if (service.shape === 'bridgeStatic' || service.shape === 'host') mapping.hostPort = service.hostPort;
  container.portMappings = [mapping];
  if (service.healthCheck) {
    container.healthCheck = { command: ['CMD-SHELL', `curl -f http://localhost:${service.containerPort}/ || exit 1`], interval: 10, timeout: 5, retries: 2, startPeriod: 10 };
  }
  const request: Record<string, unknown> = { family: service.family, containerDefinitions: [container] };
  if (service.shape === 'fargate') {
    Object.assign(request, { requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: String(service.cpu), memory: String(service.memory) });
  } else {
    container.cpu = service.cpu;
    container.memory = service.memory;
    if (service.shape === 'host') request.networkMode = 'host';
    if (service.shape === 'awsvpc') request.networkMode = 'awsvpc';
    if (service.shape === 'bridge' || service.shape === 'bridgeStatic') request.networkMode = 'bridge';
  }
  return request;
}

export function usesIpTargets(service: ServiceSpec): boolean {
  return service.shape === 'awsvpc' || service.shape === 'fargate';
}

export function createServiceRequest(service: ServiceSpec, zones: readonly string[]): Record<string, unknown> {
  const request: Record<string, unknown> = {
    cluster: CLUSTER,
    serviceName: service.name,
    taskDefinition: `${service.family}:${service.tag}`,
    ...(service.daemon === true ? { schedulingStrategy: 'DAEMON' } : { desiredCount: service.desired }),
    launchType: service.shape === 'fargate' ? 'FARGATE' : 'EC2',
    deploymentConfiguration: {
      maximumPercent: service.maxPct,
      minimumHealthyPercent: service.minPct,
      ...(service.circuitBreaker === undefined ? {} : { deploymentCircuitBreaker: service.circuitBreaker }),
    },
  };
  if (service.placementStrategy !== undefined) request.placementStrategy = service.placementStrategy;
  if (service.distinctInstance === true) request.placementConstraints = [{ type: 'distinctInstance' }];
  if (usesIpTargets(service)) {
    request.networkConfiguration = { awsvpcConfiguration: { subnets: zones.map((z) => `subnet-${z}`), securityGroups: ['sg-default'], assignPublicIp: 'DISABLED' } };
  }
  if (service.withLb && service.targetGroupArn !== undefined) {
    request.loadBalancers = [{ targetGroupArn: service.targetGroupArn, containerName: 'app', containerPort: service.containerPort }];
    if (service.graceSeconds !== undefined) request.healthCheckGracePeriodSeconds = service.graceSeconds;
  }
  return request;
}
