/**
 * The capacity benchmark behind `ecs-sandbox bench capacity` (issue 6's figure): from 0 instances,
 * a service of 200 tasks on an Auto Scaling group capacity provider with managed scaling (target
 * capacity 100 %, default step sizes and warm-up, managed termination protection). The run records
 * when the service reaches steady state (every task RUNNING, none waiting in PROVISIONING for
 * capacity), how many scale-out steps the group took (increases of DesiredCapacity), and the wall
 * time of simulating the whole virtual hour.
 *
 * Everything goes through the public engine API (createEngine, dispatch, advance, snapshot), as the
 * worker drives it; only the timing happens here. A run checks what it measured: it fails unless
 * the service is steady before the hour ends.
 */
import { performance } from 'node:perf_hooks';
import { createEngine } from '../workers/engine/index.ts';
import type { SandboxEngine, Snapshot } from '../workers/protocol.ts';
import { median } from './bench-services.ts';

const MINUTE_MS = 60_000;

export interface CapacityBenchOptions {
  tasks: number;
  minutes: number;
  runs: number;
  seed: number;
  instanceType: string;
  zones: readonly string[];
  progress?: (line: string) => void;
}

export interface CapacityBenchRun {
  wallMs: number;
  cpuMs: number;
  /** Virtual minutes from CreateService until steady state (null: never within the run). */
  steadyAfterMinutes: number | null;
  scaleOutSteps: number;
  /** The group's DesiredCapacity at each virtual minute. */
  desiredByMinute: number[];
  instancesAtEnd: number;
  runningAtEnd: number;
  /** Seen any task on an instance that a scale-in took while it had tasks running (must be 0). */
  problems: string[];
}

export interface CapacityBenchResult {
  tasks: number;
  minutes: number;
  runs: number;
  instanceType: string;
  zones: readonly string[];
  wallMs: number;
  cpuMs: number;
  steadyAfterMinutes: number | null;
  scaleOutSteps: number;
  allSteady: boolean;
  perRun: CapacityBenchRun[];
}

function must(engine: SandboxEngine, action: string, request: unknown): any {
  const result = engine.dispatch({ [action]: request });
  if ('error' in result) throw new Error(`${action} failed while building the benchmark: ${result.error.code}: ${result.error.message}`);
  return result.response;
}

function build(engine: SandboxEngine, options: CapacityBenchOptions): void {
  must(engine, 'ecs:CreateCluster', { clusterName: 'bench' });
  must(engine, 'ec2:CreateLaunchTemplate', {
    LaunchTemplateName: 'bench-template',
    LaunchTemplateData: { InstanceType: options.instanceType, UserData: '#!/bin/bash\necho ECS_CLUSTER=bench >> /etc/ecs/ecs.config' },
  });
  must(engine, 'autoscaling:CreateAutoScalingGroup', {
    AutoScalingGroupName: 'bench-asg',
    LaunchTemplate: { LaunchTemplateName: 'bench-template', Version: '$Latest' },
    MinSize: 0,
    MaxSize: 100,
    DesiredCapacity: 0,
    // One zone and one instance type: ECS then scales out by what the waiting tasks need, up to
    // maximumScalingStepSize. (With several zones or types it adds exactly minimumScalingStepSize
    // per instance warm-up — ecs-reference §6 — which `--zones 3` shows.)
    VPCZoneIdentifier: options.zones.map((zone) => `subnet-${zone}`).join(','),
    NewInstancesProtectedFromScaleIn: true,
  });
  must(engine, 'ecs:CreateCapacityProvider', {
    name: 'bench-cp',
    autoScalingGroupProvider: {
      autoScalingGroupArn: '${autoScalingGroup:bench-asg}',
      managedScaling: { status: 'ENABLED', targetCapacity: 100 },
      managedTerminationProtection: 'ENABLED',
    },
  });
  must(engine, 'ecs:PutClusterCapacityProviders', {
    cluster: 'bench',
    capacityProviders: ['bench-cp'],
    defaultCapacityProviderStrategy: [{ capacityProvider: 'bench-cp', weight: 1 }],
  });
  must(engine, 'ecs:RegisterTaskDefinition', {
    family: 'worker',
    containerDefinitions: [{ name: 'worker', image: 'worker:1', cpu: 512, memory: 1024, essential: true }],
  });
  must(engine, 'ecs:CreateService', { cluster: 'bench', serviceName: 'worker', taskDefinition: 'worker', desiredCount: options.tasks });
}

/** Steady: the service runs every desired task and none waits for capacity. */
function isSteady(snap: Snapshot, tasks: number): boolean {
  const service = snap.services.find((s) => s.serviceName === 'worker');
  if (service === undefined || service.runningCount !== tasks || service.pendingCount !== 0) return false;
  return !snap.tasks.some((t) => t.lastStatus === 'PROVISIONING' && t.desiredStatus === 'RUNNING');
}

function oneRun(options: CapacityBenchOptions, seed: number): CapacityBenchRun {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const engine = createEngine({ seed });
  build(engine, options);
  const desiredByMinute: number[] = [];
  let steadyAfterMinutes: number | null = null;
  // Look once a virtual minute (cheap: the snapshot is the UI's too), then keep simulating to the hour's end.
  for (let minute = 1; minute <= options.minutes; minute++) {
    engine.advance(MINUTE_MS);
    const snap = engine.snapshot();
    desiredByMinute.push(snap.autoScalingGroups?.find((g) => g.AutoScalingGroupName === 'bench-asg')?.DesiredCapacity ?? 0);
    if (steadyAfterMinutes === null && isSteady(snap, options.tasks)) steadyAfterMinutes = minute;
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const snap = engine.snapshot();
  let scaleOutSteps = 0;
  let previous = 0;
  for (const desired of desiredByMinute) {
    if (desired > previous) scaleOutSteps += 1;
    previous = desired;
  }
  const problems: string[] = [];
  if (steadyAfterMinutes === null) problems.push(`not steady after ${options.minutes} virtual minutes`);
  const killed = snap.tasks.filter((t) => /terminated/i.test(t.stoppedReason ?? '')).length;
  if (killed > 0) problems.push(`${killed} task(s) stopped by their instance's termination`);
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    steadyAfterMinutes,
    scaleOutSteps,
    desiredByMinute,
    instancesAtEnd: snap.containerInstances.length,
    runningAtEnd: snap.services.find((s) => s.serviceName === 'worker')?.runningCount ?? 0,
    problems,
  };
}

export function benchCapacity(options: CapacityBenchOptions): CapacityBenchResult {
  const perRun: CapacityBenchRun[] = [];
  for (let r = 0; r < options.runs; r++) {
    const run = oneRun(options, options.seed + r);
    perRun.push(run);
    options.progress?.(
      `  run ${r + 1}/${options.runs}: ${run.wallMs.toFixed(0)} ms wall, ${run.cpuMs.toFixed(0)} ms CPU; steady after ${run.steadyAfterMinutes ?? '—'} virtual min, ${run.scaleOutSteps} scale-out step(s), ${run.instancesAtEnd} instances${run.problems.length === 0 ? '' : ` — ${run.problems.join('; ')}`}`,
    );
  }
  const steady = perRun.map((run) => run.steadyAfterMinutes).filter((m): m is number => m !== null);
  return {
    tasks: options.tasks,
    minutes: options.minutes,
    runs: options.runs,
    instanceType: options.instanceType,
    zones: options.zones,
    wallMs: median(perRun.map((run) => run.wallMs)),
    cpuMs: median(perRun.map((run) => run.cpuMs)),
    steadyAfterMinutes: steady.length === perRun.length ? median(steady) : null,
    scaleOutSteps: median(perRun.map((run) => run.scaleOutSteps)),
    allSteady: perRun.every((run) => run.problems.length === 0),
    perRun,
  };
}
