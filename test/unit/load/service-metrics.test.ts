// AWS/ECS service and cluster metrics, Container Insights task counts and serviceCounts, published
// by the minute tick from the load model (sim:SetServiceLoad).
import { describe, expect, it } from 'vitest';
import { IDLE } from '../../../workers/engine/load/model.ts';
import { latest, run, runningCount, series, serviceDims, webEngine } from './helpers.ts';

describe('service metrics', () => {
  it('460 units on two 256-unit tasks: 89.84 % each (AWS/ECS CPUUtilization), lower after scaling out', () => {
    const { engine } = webEngine({ desired: 2 });
    expect(runningCount(engine)).toBe(2);
    run(engine, { 'sim:SetServiceLoad': { cluster: 'demo', service: 'web', cpuUnits: 460, memoryMiB: 700 } });
    engine.advance(60_000);
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)).toBeCloseTo((230 / 256) * 100, 1);
    // 350 MiB of 512 each: 68.36 %.
    expect(latest(engine, 'AWS/ECS', 'MemoryUtilization', serviceDims)).toBeCloseTo((350 / 512) * 100, 1);
    const cpu = series(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)!;
    expect(cpu.Unit).toBe('Percent');
    expect(cpu.Dimensions).toEqual([{ Name: 'ClusterName', Value: 'demo' }, { Name: 'ServiceName', Value: 'web' }]);
    run(engine, { 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 4 } });
    engine.advance(5 * 60_000);
    expect(runningCount(engine)).toBe(4);
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)).toBeCloseTo((115 / 256) * 100, 1);
  });

  it('publishes one datapoint each minute; memory may pass 100 %', () => {
    const { engine } = webEngine({ desired: 1 });
    run(engine, { 'sim:SetServiceLoad': { cluster: 'demo', service: 'web', cpuUnits: 1000, memoryMiB: 1024 } });
    const before = series(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)!.points.length;
    engine.advance(3 * 60_000);
    const points = series(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)!.points;
    expect(points.length).toBe(before + 3);
    for (let i = 1; i < points.length; i++) expect(points[i]!.t - points[i - 1]!.t).toBe(60_000);
    expect(points[points.length - 1]!.v).toBe(100);
    expect(latest(engine, 'AWS/ECS', 'MemoryUtilization', serviceDims)).toBe(200);
  });

  it('runs idle tasks at the baseline', () => {
    const { engine } = webEngine({ desired: 2 });
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)).toBe(IDLE.taskCpuPercent);
    expect(latest(engine, 'AWS/ECS', 'MemoryUtilization', serviceDims)).toBe(IDLE.taskMemoryPercent);
  });

  it('publishes Container Insights task counts only when the cluster has containerInsights enabled', () => {
    const on = webEngine({ desired: 2, insights: 'enabled' }).engine;
    expect(latest(on, 'ECS/ContainerInsights', 'RunningTaskCount', serviceDims)).toBe(2);
    expect(latest(on, 'ECS/ContainerInsights', 'DesiredTaskCount', serviceDims)).toBe(2);
    expect(latest(on, 'ECS/ContainerInsights', 'PendingTaskCount', serviceDims)).toBe(0);
    run(on, { 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 3 } });
    on.advance(60_000);
    expect(latest(on, 'ECS/ContainerInsights', 'DesiredTaskCount', serviceDims)).toBe(3);
    const off = webEngine({ desired: 2, insights: 'disabled' }).engine;
    expect(off.snapshot().metrics!.filter((m) => m.Namespace === 'ECS/ContainerInsights')).toEqual([]);
  });

  it('snapshots desired and running counts by the minute', () => {
    const { engine } = webEngine({ desired: 2 });
    run(engine, { 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 3 } });
    engine.advance(60_000);
    const counts = engine.snapshot().serviceCounts!.find((s) => s.serviceName === 'web')!;
    const last = counts.points[counts.points.length - 1]!;
    expect(last.desired).toBe(3);
    expect(counts.points.some((p) => p.desired === 2 && p.running === 2)).toBe(true);
    engine.advance(5 * 60_000);
    const after = engine.snapshot().serviceCounts!.find((s) => s.serviceName === 'web')!;
    expect(after.points[after.points.length - 1]).toMatchObject({ desired: 3, running: 3 });
  });
});
