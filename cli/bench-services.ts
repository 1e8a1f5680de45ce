/**
 * The services benchmark behind `ecs-sandbox bench services` (issue 5's figure): a 24-hour virtual
 * day of 100 container instances (m5.xlarge over 3 AZs) running 1,000 service tasks behind one
 * Application Load Balancer with dynamic host ports (bridge mode, hostPort 0), with two rolling
 * deployments of the whole fleet (a new task definition revision at 6 h, forceNewDeployment at
 * 14 h), default deployment configuration (100 % / 200 %), health checks every 30 s.
 *
 * The tasks are spread over SERVICES services of tasks/SERVICES each, one target group and one
 * listener per service: a target group holds at most 1,000 targets (elbv2 quota) and a rolling
 * update at maximumPercent 200 briefly doubles the targets of a service.
 *
 * Everything goes through the public engine API (createEngine, dispatch, advance, snapshot), as
 * the worker drives it; only the timing happens here. A run also checks what it measured: at the
 * end every service must be steady on revision 2 (after both deployments) with all its targets healthy, or
 * the figure would be the cost of doing nothing.
 */
import { performance } from 'node:perf_hooks';
import { createEngine } from '../workers/engine/index.ts';
import type { SandboxEngine, Snapshot } from '../workers/protocol.ts';

export const DAY_MS = 24 * 3_600_000;
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
/** Tasks per service (and per target group) at most. */
const TASKS_PER_SERVICE = 100;

export interface ServicesBenchOptions {
  instances: number;
  tasks: number;
  hours: number;
  runs: number;
  seed: number;
  progress?: (line: string) => void;
}

export interface ServicesBenchRun {
  wallMs: number;
  /** CPU time of the process over the same span (user + system): steadier than wall time on a busy machine. */
  cpuMs: number;
  /** Of which: building the cluster, the services and their first tasks (the first virtual minute is in the day). */
  setupMs: number;
  steady: boolean;
  /** What was wrong at the end, when not steady. */
  problems: string[];
  healthyTargets: number;
  tasksStarted: number;
}

export interface ServicesBenchResult {
  instances: number;
  tasks: number;
  services: number;
  hours: number;
  runs: number;
  /** Median wall time of one virtual day (setup included). */
  wallMs: number;
  /** Median CPU time of the same (on a shared, loaded machine, the better estimate of an idle machine's wall time). */
  cpuMs: number;
  /** Virtual time over wall time, from the median. */
  realTimeFactor: number;
  allSteady: boolean;
  perRun: ServicesBenchRun[];
}

function must(engine: SandboxEngine, action: string, request: unknown): any {
  const result = engine.dispatch({ [action]: request });
  if ('error' in result) throw new Error(`${action} failed while building the benchmark: ${result.error.code}: ${result.error.message}`);
  return result.response;
}

function taskDefinition(family: string, revision: number): Record<string, unknown> {
  return {
    family,
    containerDefinitions: [
      {
        name: 'web',
        image: `web:v${revision}`,
        cpu: 128,
        memory: 256,
        essential: true,
        portMappings: [{ containerPort: 8080, hostPort: 0, protocol: 'tcp' }],
      },
    ],
  };
}

/** Builds the cluster, the ALB and the services; returns the service names. */
function build(engine: SandboxEngine, options: ServicesBenchOptions): string[] {
  must(engine, 'ecs:CreateCluster', { clusterName: 'bench' });
  for (let added = 0; added < options.instances; added += 100) {
    must(engine, 'sim:AddContainerInstances', { cluster: 'bench', instanceType: 'm5.xlarge', count: Math.min(100, options.instances - added), availabilityZones: ZONES });
  }
  const lb = must(engine, 'elbv2:CreateLoadBalancer', { Name: 'bench-alb', Subnets: ZONES.map((z) => `subnet-${z}`), Type: 'application' }).LoadBalancers[0].LoadBalancerArn;
  const services: string[] = [];
  const count = Math.ceil(options.tasks / TASKS_PER_SERVICE);
  for (let i = 0; i < count; i++) {
    const name = `web${i}`;
    const desired = Math.min(TASKS_PER_SERVICE, options.tasks - i * TASKS_PER_SERVICE);
    must(engine, 'ecs:RegisterTaskDefinition', taskDefinition(name, 1));
    const tg = must(engine, 'elbv2:CreateTargetGroup', { Name: `${name}-tg`, Protocol: 'HTTP', Port: 8080, VpcId: 'vpc-default', TargetType: 'instance' }).TargetGroups[0].TargetGroupArn;
    must(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 8000 + i, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] });
    must(engine, 'ecs:CreateService', {
      cluster: 'bench',
      serviceName: name,
      taskDefinition: `${name}:1`,
      desiredCount: desired,
      launchType: 'EC2',
      loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }],
    });
    services.push(name);
  }
  return services;
}

/** The day: deployment 1 (new revision) at 25 % of it, deployment 2 (forceNewDeployment) at 58 %. */
function simulateDay(engine: SandboxEngine, services: readonly string[], dayMs: number): void {
  const first = Math.round(dayMs * 0.25);
  const second = Math.round(dayMs * 0.58);
  engine.advance(first);
  for (const name of services) {
    must(engine, 'ecs:RegisterTaskDefinition', taskDefinition(name, 2));
    must(engine, 'ecs:UpdateService', { cluster: 'bench', service: name, taskDefinition: `${name}:2` });
  }
  engine.advance(second - first);
  for (const name of services) must(engine, 'ecs:UpdateService', { cluster: 'bench', service: name, forceNewDeployment: true });
  engine.advance(dayMs - second);
}

/** Every service steady on revision 2, all its tasks RUNNING and healthy in its target group. */
export function dayProblems(snap: Snapshot, services: readonly string[]): { problems: string[]; healthyTargets: number } {
  const problems: string[] = [];
  let healthyTargets = 0;
  for (const tg of snap.targetGroups ?? []) healthyTargets += (tg.targets ?? []).filter((t) => t.TargetHealth.State === 'healthy').length;
  for (const name of services) {
    const service = snap.services.find((s) => s.serviceName === name && s.status === 'ACTIVE');
    if (service === undefined) {
      problems.push(`${name}: missing`);
      continue;
    }
    const [primary, ...rest] = service.deployments;
    if (rest.length > 0 || primary?.rolloutState !== 'COMPLETED') problems.push(`${name}: ${service.deployments.length} deployment(s), PRIMARY ${primary?.rolloutState}`);
    if (service.runningCount !== service.desiredCount) problems.push(`${name}: running ${service.runningCount} of ${service.desiredCount}`);
    if (!service.taskDefinition.endsWith(`/${name}:2`)) problems.push(`${name}: on ${service.taskDefinition}`);
  }
  return { problems, healthyTargets };
}

function oneRun(options: ServicesBenchOptions, seed: number): ServicesBenchRun {
  const dayMs = options.hours * 3_600_000;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const engine = createEngine({ seed });
  const services = build(engine, options);
  const setupMs = performance.now() - start;
  simulateDay(engine, services, dayMs);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const snap = engine.snapshot();
  const { problems, healthyTargets } = dayProblems(snap, services);
  if (healthyTargets < options.tasks) problems.push(`${healthyTargets} healthy targets, want ${options.tasks}`);
  return { wallMs, cpuMs, setupMs, steady: problems.length === 0, problems: problems.slice(0, 10), healthyTargets, tasksStarted: snap.tasks.length };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function benchServices(options: ServicesBenchOptions): ServicesBenchResult {
  const perRun: ServicesBenchRun[] = [];
  for (let r = 0; r < options.runs; r++) {
    const run = oneRun(options, options.seed + r);
    perRun.push(run);
    options.progress?.(`  run ${r + 1}/${options.runs}: ${run.wallMs.toFixed(0)} ms wall, ${run.cpuMs.toFixed(0)} ms CPU (setup ${run.setupMs.toFixed(0)} ms)${run.steady ? '' : ` — NOT steady: ${run.problems.join('; ')}`}`);
  }
  const wallMs = median(perRun.map((run) => run.wallMs));
  return {
    instances: options.instances,
    tasks: options.tasks,
    services: Math.ceil(options.tasks / TASKS_PER_SERVICE),
    hours: options.hours,
    runs: options.runs,
    wallMs,
    cpuMs: median(perRun.map((run) => run.cpuMs)),
    realTimeFactor: Math.round((options.hours * 3_600_000) / wallMs),
    allSteady: perRun.every((run) => run.steady),
    perRun,
  };
}
