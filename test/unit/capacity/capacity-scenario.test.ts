// Proves issue 6's "done when" on the shipped scenario (scenarios/capacity.yaml, opened in the app
// with ?scenario=capacity): both EC2 scaling styles, Fargate and Fargate Spot side by side, with the
// numbers — reservation, desired capacity, cost — following the documented rules:
//  - cpu-scaled: 2,700 CPU units of work on 6 tasks of 512 units over 2 t3.medium put the group's
//    average CPUUtilization at ≈ 66 % (> the policy's 50 %); after 3 datapoints target tracking asks
//    ceil(2 × 66 / 50) = 3 instances, and the new one stays empty, so the average falls to ≈ 45 %;
//  - managed: 6 worker tasks (512 CPU, 1 GiB) wait in PROVISIONING with no instance; the reservation
//    reads 200 (N = 0); the group spans two zones, so it grows by minimumScalingStepSize (1) per
//    instance warm-up (300 s) until the 2 t3.medium it needs (3 tasks each by memory) run all 6 and
//    the reservation is back at 100;
//  - web: FARGATE base 2 weight 1 + FARGATE_SPOT weight 3 → 4 on FARGATE, 6 on FARGATE_SPOT;
//  - cost: Fargate billed per requested vCPU/GB, Spot cheaper, EC2 per instance with idle capacity shown.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { Snapshot } from '../../../workers/protocol.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';

function loaded() {
  const parsed = parseScenarioText(readFileSync(new URL('../../../scenarios/capacity.yaml', import.meta.url), 'utf8'), { fileName: 'capacity.yaml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const engine = createEngine({ seed: 6 });
  const load = engine.load(parsed.scenario);
  expect(load.results.filter((r) => 'error' in r)).toEqual([]);
  return engine;
}

const group = (s: Snapshot, name: string) => s.autoScalingGroups!.find((g) => g.AutoScalingGroupName === name)!;
const service = (s: Snapshot, name: string) => s.services.find((x) => x.serviceName === name)!;
const asgCpu = (s: Snapshot) => s.metrics!.find((m) => m.Namespace === 'AWS/EC2' && m.MetricName === 'CPUUtilization' && m.Dimensions.length === 1 && m.Dimensions[0]!.Value === 'cpu-scaled-asg')!.points;

describe('the capacity scenario', () => {
  it('shows both EC2 scaling styles, Fargate and Fargate Spot with the documented numbers', () => {
    const engine = loaded();
    // At once: the worker tasks wait for capacity, no instance in the managed group yet.
    const start = engine.snapshot();
    const waiting = start.tasks.filter((t) => t.group === 'service:worker');
    engine.advance(5_000);
    const early = engine.snapshot();
    expect(early.tasks.filter((t) => t.group === 'service:worker' && t.lastStatus === 'PROVISIONING' && t.containerInstanceArn === undefined)).toHaveLength(6);
    expect(waiting.length).toBeLessThanOrEqual(6);

    engine.advance(60_000);
    let s = engine.snapshot();
    const managed = s.capacityProviders!.find((c) => c.name === 'managed-cp')!;
    expect(managed.reservation).toMatchObject({ value: 200, runningInstances: 0, provisioningTasks: 6 });
    expect(group(s, 'managed-asg').DesiredCapacity).toBe(1);

    engine.advance(3 * 60_000);
    s = engine.snapshot();
    const cpu = asgCpu(s).map((p) => p.v);
    // Idle while the instances booted (the scenario's first 3 minutes), then ≈ 66 % for 3 minutes.
    expect(cpu.filter((v) => v > 60 && v < 70).length).toBeGreaterThanOrEqual(3);
    expect(group(s, 'cpu-scaled-asg').DesiredCapacity).toBe(3);
    expect(s.scalingActivities!.some((a) => a.AutoScalingGroupName === 'cpu-scaled-asg' && /TargetTracking-cpu-scaled-asg-AlarmHigh-.* in state ALARM triggered policy cpu-at-50 changing the desired capacity from 2 to 3\./.test(a.Cause))).toBe(true);

    engine.advance(26 * 60_000);
    s = engine.snapshot();
    // Style 1: the third instance is empty, the average fell below the target, nothing more happens.
    expect(group(s, 'cpu-scaled-asg').DesiredCapacity).toBe(3);
    expect(asgCpu(s).at(-1)!.v).toBeLessThan(50);
    const cpuScaledInstances = s.containerInstances.filter((ci) => ci.containerInstanceArn.includes('/cpu-scaled/'));
    expect(cpuScaledInstances.filter((ci) => ci.runningTasksCount === 0)).toHaveLength(1);
    expect(service(s, 'api').runningCount).toBe(6);
    // Style 2: two instances, all six worker tasks running, the reservation at its target.
    expect(group(s, 'managed-asg').DesiredCapacity).toBe(2);
    expect(service(s, 'worker').runningCount).toBe(6);
    expect(s.capacityProviders!.find((c) => c.name === 'managed-cp')!.reservation).toMatchObject({ value: 100, runningInstances: 2, provisioningTasks: 0 });
    const steps = s.scalingActivities!.filter((a) => a.AutoScalingGroupName === 'managed-asg' && /increasing the capacity/.test(a.Cause));
    expect(steps).toHaveLength(2);
    // Fargate: AWS's example split.
    const web = s.tasks.filter((t) => t.group === 'service:web' && t.lastStatus === 'RUNNING');
    expect(web.filter((t) => t.capacityProviderName === 'FARGATE')).toHaveLength(4);
    expect(web.filter((t) => t.capacityProviderName === 'FARGATE_SPOT')).toHaveLength(6);
    // Cost: each launch type is charged; Spot costs less per task than on-demand Fargate; the EC2
    // breakdown shows what no task uses.
    const cost = s.cost!;
    expect(cost.byLaunchType.EC2.ratePerHourUsd).toBeGreaterThan(0);
    const perTask = (launchType: 'FARGATE' | 'FARGATE_SPOT', n: number) => cost.byLaunchType[launchType].ratePerHourUsd / n;
    expect(perTask('FARGATE_SPOT', 6)).toBeLessThan(perTask('FARGATE', 4) / 2);
    expect(cost.byService.some((row) => row.name === 'unused EC2 capacity' && row.ratePerHourUsd > 0)).toBe(true);
    expect(cost.byService.map((row) => row.name)).toEqual(expect.arrayContaining(['api', 'worker', 'web']));
  });
});
