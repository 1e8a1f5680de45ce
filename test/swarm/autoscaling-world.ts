/**
 * What one autoscaling swarm seed builds (issue 7): a cluster with Container Insights on, its
 * capacity either Fargate or EC2 from an Auto Scaling group behind a capacity provider (managed
 * scaling, from 0 instances); 1–3 web services (some behind the ALB) and one SQS worker service,
 * each with a scalable target of random [MinCapacity, MaxCapacity], target tracking policies (CPU,
 * memory, ALBRequestCountPerTarget with the target group's ResourceLabel, and for the worker backlog
 * per task as metric math m1 / m2), now and then a step scaling policy driven by a learner's alarm,
 * and scheduled actions (cron, rate, at) that fire only during the chaos phase (EndTime), so that
 * the converge phase has nothing left that moves the bounds. Drawn from the seed.
 *
 * Room: on EC2 the group's MaxSize is drawn so that every service at its MaxCapacity, mid-deployment
 * (maximumPercent), fits in half of the group's capacity (world.ts Budget's rule), so that a
 * scale-out is never held back by a legitimate lack of room.
 */
import type { Prng } from '../../workers/engine/prng.ts';
import { capacityOf, type ServiceSpec } from './world.ts';

export const ASG_NAME = 'auto-asg';
export const PROVIDER = 'auto-cp';
export const QUEUE = 'jobs';
export const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/123456789012/${QUEUE}`;
export const QUEUE_ARN = `arn:aws:sqs:us-east-1:123456789012:${QUEUE}`;
export const WORKER_ROLE = 'worker-task-role';
export const INSTANCE_TYPE = 'm5.xlarge';

export type TrackedMetric = 'cpu' | 'memory' | 'alb' | 'backlog';

export interface ScheduledSpec {
  name: string;
  schedule: string;
  min?: number;
  max?: number;
}

export interface ScaledService {
  spec: ServiceSpec;
  worker: boolean;
  min: number;
  max: number;
  /** Target tracking policies: metric → target value. */
  tracking: Map<TrackedMetric, number>;
  /** A step scaling policy (scale-out only) on the learner's alarm CPUUtilization > threshold. */
  step?: { threshold: number; adjustment: number };
  scheduled: ScheduledSpec[];
  /** The worker's seconds of work per message (MESSAGE_PROCESSING_SECONDS). */
  processingSeconds?: number;
}

export interface AutoscalingWorld {
  capacity: 'FARGATE' | 'EC2';
  zones: string[];
  maxSize: number;
  services: ScaledService[];
  visibilityTimeoutSeconds: number;
}

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
/** (minimumHealthyPercent, maximumPercent) pairs with which a deployment can progress at every count ≥ 1 (world.ts canProgress). */
const CONFIGS: readonly [number, number][] = [
  [100, 200],
  [100, 200],
  [50, 200],
  [0, 100],
  [0, 200],
];

export function drawAutoscalingWorld(prng: Prng, chaosMs: number): AutoscalingWorld {
  const capacity = prng.int(0, 2) === 0 ? 'EC2' : 'FARGATE';
  const zones = ZONES.slice(0, prng.int(2, 4));
  const services: ScaledService[] = [];
  for (let i = 0, n = prng.int(1, 4); i < n; i++) services.push(webService(prng, i, capacity, chaosMs));
  services.push(workerService(prng, capacity, chaosMs));
  // Σ (floor(max × maxPercent) + 1) × 256 CPU units ≤ half of the group at MaxSize (EC2 only).
  const unitsAtPeak = services.reduce((sum, s) => sum + (Math.floor((s.max * s.spec.maxPct) / 100) + 1) * s.spec.cpu, 0);
  const perInstance = capacityOf([{ instanceType: INSTANCE_TYPE, count: 1, zones }]).cpu;
  const maxSize = Math.ceil((2 * unitsAtPeak) / perInstance) + 1;
  return { capacity, zones, maxSize, services, visibilityTimeoutSeconds: prng.pick([30, 60, 120]) };
}

function spec(prng: Prng, name: string, family: string, capacity: 'FARGATE' | 'EC2', withLb: boolean, i: number): ServiceSpec {
  const [minPct, maxPct] = prng.pick(CONFIGS);
  return {
    name,
    family,
    shape: capacity === 'FARGATE' ? 'fargate' : 'bridge',
    withLb,
    ...(withLb ? { lbType: 'application' as const, listenerPort: 80 + i } : {}),
    containerPort: 8080,
    cpu: 256,
    memory: 512,
    healthCheck: false,
    desired: 0,
    minPct,
    maxPct,
    repo: family,
    tag: 1,
  };
}

function scheduledActions(prng: Prng, prefix: string, min: number, max: number, chaosMs: number): ScheduledSpec[] {
  const out: ScheduledSpec[] = [];
  const bounds = (): Pick<ScheduledSpec, 'min' | 'max'> => {
    const lo = prng.int(min, max + 1);
    const hi = prng.int(lo, max + 1);
    const which = prng.int(0, 3);
    return which === 0 ? { min: lo } : which === 1 ? { max: Math.max(hi, 1) } : { min: lo, max: Math.max(hi, lo, 1) };
  };
  for (let k = 0, n = prng.int(0, 3); k < n; k++) {
    const kind = prng.int(0, 3);
    // at() within the first hour and before the chaos phase ends (the run starts at 2026-01-01 00:00 UTC).
    const minute = prng.int(1, Math.min(59, Math.max(2, Math.floor(chaosMs / 60_000) - 1)));
    const schedule =
      kind === 0 ? `cron(${prng.pick(['*/5', '*/7', '3/10', '0/15'])} * * * ? *)` : kind === 1 ? `rate(${prng.int(3, 16)} minutes)` : `at(2026-01-01T00:${String(minute).padStart(2, '0')}:00)`;
    out.push({ name: `${prefix}-sched${k}`, schedule, ...bounds() });
  }
  return out;
}

function webService(prng: Prng, i: number, capacity: 'FARGATE' | 'EC2', chaosMs: number): ScaledService {
  const withLb = prng.int(0, 3) > 0;
  const min = prng.int(0, 3);
  // Room for a steady count strictly between the bounds (the converge phase aims the load there).
  const max = prng.int(min + 2, 10);
  const tracking = new Map<TrackedMetric, number>();
  if (prng.int(0, 5) > 0) tracking.set('cpu', prng.int(30, 81));
  if (prng.int(0, 3) === 0) tracking.set('memory', prng.int(40, 91));
  if (withLb && prng.int(0, 2) === 0) tracking.set('alb', prng.pick([600, 1200, 3000, 6000]));
  const service: ScaledService = { spec: spec(prng, `web${i}`, `web${i}`, capacity, withLb, i), worker: false, min, max, tracking, scheduled: scheduledActions(prng, `web${i}`, min, max, chaosMs) };
  const cpuTarget = tracking.get('cpu');
  // Scale-out only, on CPU above the CPU tracking target: a step policy on its own next to target
  // tracking on another metric flaps (step out on CPU, target tracking in on memory, and again —
  // seed 6), as AWS warns when both kinds share a target; that is the learner's problem, not the engine's.
  // During the chaos phase a lone step policy now and then (A8 watches it against the other
  // policies); the converge phase deletes it (AutoscalingWorld `loneStep`).
  if (cpuTarget !== undefined ? prng.int(0, 3) === 0 : prng.int(0, 4) === 0) service.step = { threshold: Math.min(95, (cpuTarget ?? 50) + prng.int(10, 25)), adjustment: prng.int(1, 4) };
  return service;
}

function workerService(prng: Prng, capacity: 'FARGATE' | 'EC2', chaosMs: number): ScaledService {
  const min = prng.int(1, 3);
  const max = prng.int(min + 1, 11);
  const tracking = new Map<TrackedMetric, number>([['backlog', prng.pick([20, 60, 100, 300])]]);
  return {
    spec: spec(prng, 'worker', 'worker', capacity, false, 9),
    worker: true,
    min,
    max,
    tracking,
    scheduled: scheduledActions(prng, 'worker', min, max, chaosMs),
    processingSeconds: prng.int(1, 6),
  };
}
