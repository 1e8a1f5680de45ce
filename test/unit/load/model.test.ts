// The load model: a service's demand shared by its RUNNING tasks (capped at each task's cpu),
// the idle baseline, and instance CPU from its tasks — checked through sim:SetServiceLoad and the
// CPUUtilization datapoints the minute tick publishes.
import { describe, expect, it } from 'vitest';
import { IDLE } from '../../../workers/engine/load/model.ts';
import { groupEngine, refusal, run, type Engine } from '../autoscaling/helpers.ts';

/** One m5.large (2048 units) running two 256-unit tasks of service web. */
function twoTasks(): Engine {
  const engine = groupEngine({ desired: 1, zones: ['us-east-1a'] });
  run(engine, { 'ecs:RegisterTaskDefinition': { family: 'web', cpu: '256', memory: '512', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512 }] } });
  engine.advance(90_000);
  run(engine, { 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 2, launchType: 'EC2' } });
  engine.advance(60_000);
  return engine;
}

const latest = (engine: Engine, dimension: string) => {
  const series = engine.snapshot().metrics!.find((m) => m.MetricName === 'CPUUtilization' && m.Dimensions[0]!.Name === dimension)!;
  return series.points[series.points.length - 1]!.v;
};

describe('load model', () => {
  it('shares 460 units over two 256-unit tasks: 90% each; the instance adds its baseline', () => {
    const engine = twoTasks();
    run(engine, { 'sim:SetServiceLoad': { cluster: 'demo', service: 'web', cpuUnits: 460 } });
    engine.advance(60_000);
    // 2 × 230 units on 2048 = 22.46%, plus the instance's own 1%.
    expect(latest(engine, 'InstanceId')).toBeCloseTo((460 / 2048) * 100 + IDLE.instanceCpuPercent, 1);
  });

  it('caps each task at 100% of its cpu: unmet demand does not show', () => {
    const engine = twoTasks();
    run(engine, { 'sim:SetServiceLoad': { cluster: 'demo', service: 'web', cpuUnits: 5000 } });
    engine.advance(60_000);
    expect(latest(engine, 'InstanceId')).toBeCloseTo((512 / 2048) * 100 + IDLE.instanceCpuPercent, 1);
  });

  it('runs idle tasks at the baseline, and the group metric is the average of its instances', () => {
    const engine = twoTasks();
    engine.advance(60_000);
    const idle = ((2 * 256 * IDLE.taskCpuPercent) / 100 / 2048) * 100 + IDLE.instanceCpuPercent;
    expect(latest(engine, 'InstanceId')).toBeCloseTo(idle, 1);
    expect(latest(engine, 'AutoScalingGroupName')).toBeCloseTo(idle, 1);
  });

  it('publishes the Auto Scaling group metrics each minute', () => {
    const engine = twoTasks();
    const names = engine.snapshot().metrics!.filter((m) => m.Namespace === 'AWS/AutoScaling').map((m) => m.MetricName).sort();
    expect(names).toEqual(['GroupDesiredCapacity', 'GroupInServiceInstances', 'GroupPendingInstances', 'GroupTerminatingInstances', 'GroupTotalInstances']);
  });

  it('refuses a service that does not exist or a negative demand', () => {
    const engine = twoTasks();
    expect(refusal(engine, { 'sim:SetServiceLoad': { cluster: 'demo', service: 'nope', cpuUnits: 1 } }).code).toBe('ServiceNotFoundException');
    expect(refusal(engine, { 'sim:SetServiceLoad': { cluster: 'demo', service: 'web', cpuUnits: -1 } }).code).toBe('InvalidParameterException');
  });
});
