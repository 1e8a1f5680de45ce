import { describe, expect, it } from 'vitest';
import type { CostReport, SandboxEngine } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { responseOf } from '../engine/helpers.ts';
import { ms, networkConfiguration } from '../fargate/helpers.ts';
import { runSpot, spotEngine } from '../faults/helpers.ts';

const HOUR = 3_600_000;
const cost = (engine: SandboxEngine): CostReport => engine.snapshot().cost!;

/** The same workload on both launch types: 10 tasks of 0.5 vCPU / 1 GB. */
const HALF = { cpu: '512', memory: '1024' };
function engineWith(steps: Record<string, unknown>[], seed = 1): SandboxEngine {
  const engine = createEngine({ seed });
  for (const step of steps) responseOf(engine.dispatch(step as never));
  return engine;
}
const fargateWorkload = () => engineWith([
  { 'ecs:CreateCluster': { clusterName: 'demo' } },
  { 'ecs:RegisterTaskDefinition': { family: 'half', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', ...HALF, containerDefinitions: [{ name: 'app', image: 'nginx' }] } },
  { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'half', launchType: 'FARGATE', count: 10, networkConfiguration: networkConfiguration() } },
]);
const ec2Workload = () => engineWith([
  { 'ecs:CreateCluster': { clusterName: 'demo' } },
  { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large', count: 3 } },
  { 'ecs:RegisterTaskDefinition': { family: 'half', requiresCompatibilities: ['EC2'], ...HALF, containerDefinitions: [{ name: 'app', image: 'nginx' }] } },
  { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'half', count: 10, placementStrategy: [{ type: 'binpack', field: 'cpu' }] } },
]);

describe('the running cost', () => {
  it('Fargate: 10 × (0.5 vCPU × $0.04048 + 1 GB × $0.004445) = $0.24685 an hour, billed from each image pull', () => {
    const engine = fargateWorkload();
    engine.advance(HOUR);
    const report = cost(engine);
    expect(report.byLaunchType.FARGATE.ratePerHourUsd).toBeCloseTo(0.24685, 10);
    const pulls = engine.snapshot().tasks.map((t) => ms(t.pullStartedAt));
    const expected = pulls.reduce((sum, start) => sum + (0.024685 * (HOUR - start)) / HOUR, 0);
    expect(report.byLaunchType.FARGATE.totalUsd).toBeCloseTo(expected, 10);
    expect(report.totalUsd).toBeCloseTo(expected, 10);
    expect(report.byService).toEqual([{ name: 'standalone tasks', totalUsd: report.totalUsd, ratePerHourUsd: report.ratePerHourUsd }]);
  });

  it('EC2: 3 m5.large × ($0.096 + 30 GiB gp3 × $0.08 / 730 h) for the hour, split by CPU share, the rest unused', () => {
    const engine = ec2Workload();
    engine.advance(HOUR);
    const report = cost(engine);
    const perInstance = 0.096 + (30 * 0.08) / 730;
    expect(report.byLaunchType.EC2.ratePerHourUsd).toBeCloseTo(3 * perInstance, 10);
    expect(report.byLaunchType.EC2.totalUsd).toBeCloseTo(3 * perInstance, 10);
    expect(report.byLaunchType.FARGATE.totalUsd).toBe(0);
    // Each task holds 512 of an m5.large's 2048 CPU units: a quarter of its instance, from its placement (t = 0).
    const standalone = report.byService.find((s) => s.name === 'standalone tasks')!;
    const unused = report.byService.find((s) => s.name === 'unused EC2 capacity')!;
    expect(standalone.totalUsd).toBeCloseTo(10 * perInstance * 0.25, 10);
    expect(unused.totalUsd).toBeCloseTo(3 * perInstance - 10 * perInstance * 0.25, 10);
    expect(standalone.totalUsd + unused.totalUsd).toBeCloseTo(report.totalUsd, 12);
  });

  it('does not depend on how often snapshots are taken', () => {
    const sameEitherWay = (make: () => SandboxEngine, stepMs: number): void => {
      const once = make();
      once.advance(HOUR);
      const often = make();
      for (let t = 0; t < HOUR; t += stepMs) {
        often.advance(Math.min(stepMs, HOUR - t));
        often.snapshot();
      }
      expect(cost(often).totalUsd).toBeCloseTo(cost(once).totalUsd, 12);
    };
    sameEitherWay(ec2Workload, 37_000);
    sameEitherWay(fargateWorkload, 53_000);
  });

  it('bills a stopped Fargate task at least one minute, and keeps its bill after the task is dropped', () => {
    const engine = fargateWorkload();
    engine.advance(30_000);
    const tasks = engine.snapshot().tasks;
    for (const t of tasks) responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: t.taskArn } }));
    engine.advance(60_000);
    const stopped = engine.snapshot().tasks;
    const billed = stopped.reduce((sum, t) => sum + (0.024685 * Math.max(60_000, ms(t.stoppedAt) - ms(t.pullStartedAt))) / HOUR, 0);
    expect(stopped.every((t) => ms(t.stoppedAt) - ms(t.pullStartedAt) < 60_000)).toBe(true);
    expect(cost(engine).totalUsd).toBeCloseTo(billed, 12);
    engine.advance(2 * HOUR); // the stopped tasks are dropped after an hour
    expect(engine.snapshot().tasks).toHaveLength(0);
    expect(cost(engine).totalUsd).toBeCloseTo(billed, 12);
    expect(cost(engine).ratePerHourUsd).toBe(0);
  });

  it('Fargate Spot at 70% off: 0.25 vCPU / 0.5 GB = $0.00370275 an hour', () => {
    const engine = spotEngine();
    runSpot(engine, 1);
    engine.advance(60_000);
    expect(cost(engine).byLaunchType.FARGATE_SPOT.ratePerHourUsd).toBeCloseTo(0.25 * 0.012144 + 0.5 * 0.0013335, 12);
  });

  it('ECS Anywhere: $0.01025 per external instance-hour', () => {
    const engine = engineWith([{ 'ecs:CreateCluster': { clusterName: 'demo' } }, { 'sim:RegisterExternalInstance': { cluster: 'demo' } }]);
    engine.advance(HOUR);
    expect(cost(engine).byLaunchType.EXTERNAL.totalUsd).toBeCloseTo(0.01025, 12);
    expect(cost(engine).history.length).toBe(60);
    expect(cost(engine).history.at(-1)).toMatchObject({ EXTERNAL: 0.01025, EC2: 0 });
  });

  it('the same seed and commands give the same cost', () => {
    const a = fargateWorkload();
    const b = fargateWorkload();
    a.advance(HOUR);
    b.advance(HOUR);
    expect(cost(a)).toEqual(cost(b));
  });
});
