// From request traffic to task and service utilization (load/traffic-utilization.ts): equal shares
// over the tasks the load balancer sends to, 2 CPU units per request/s, the idle floor, the 100 % CPU
// cap, 503s with no target, and how scaling out lowers the figures.
import { describe, expect, it } from 'vitest';
import { IDLE } from '../../../workers/engine/load/model.ts';
import {
  NO_CPU_TASK_UNITS,
  TRAFFIC_COST,
  requestCountPerTarget,
  saturationRequestsPerSecond,
  trafficUtilization,
  type TrafficTask,
} from '../../../workers/engine/load/traffic-utilization.ts';

const task = (receivesRequests = true, cpuUnits = 256, memoryMiB = 512): TrafficTask => ({ cpuUnits, memoryMiB, receivesRequests });
const tasks = (n: number): TrafficTask[] => Array.from({ length: n }, () => task());

describe('traffic utilization', () => {
  it('keeps its cost in one constant: a 256-unit task saturates at 128 req/s, 1 vCPU at 512', () => {
    expect(TRAFFIC_COST.cpuUnitsPerRequestPerSecond).toBe(2);
    expect(saturationRequestsPerSecond(256)).toBe(128);
    expect(saturationRequestsPerSecond(1024)).toBe(512);
    const full = trafficUtilization(128, [task()]);
    expect(full.tasks[0]!.cpuPercent).toBe(100);
    expect(full.tasks[0]!.saturated).toBe(false);
  });

  it('scales out: 200 req/s on 2 tasks of 256 units is 78.1 % each; on 4 tasks 39.1 %', () => {
    const two = trafficUtilization(200, tasks(2));
    // 100 req/s × 2 units = 200 of 256 units.
    for (const t of two.tasks) expect(t).toMatchObject({ requestsPerSecond: 100, cpuUnitsUsed: 200, cpuPercent: 78.125 });
    expect(two.serviceCpuUtilization).toBe(78.125);
    const four = trafficUtilization(200, tasks(4));
    for (const t of four.tasks) expect(t).toMatchObject({ requestsPerSecond: 50, cpuUnitsUsed: 100, cpuPercent: 39.0625 });
    expect(four.serviceCpuUtilization).toBe(39.0625);
    // Memory: 10 % of 512 MiB idle + 0.5 MiB per req/s.
    expect(two.tasks[0]!.memoryMiBUsed).toBeCloseTo(51.2 + 50, 9);
    expect(two.serviceMemoryUtilization).toBeCloseTo(((51.2 + 50) / 512) * 100, 9);
    expect(four.serviceMemoryUtilization).toBeCloseTo(((51.2 + 25) / 512) * 100, 9);
    expect(four.serviceMemoryUtilization!).toBeLessThan(two.serviceMemoryUtilization!);
  });

  it('caps CPU at 100 % of the task and says it is saturated; memory is not capped', () => {
    const hot = trafficUtilization(1000, [task()]);
    expect(hot.tasks[0]).toMatchObject({ requestsPerSecond: 1000, cpuUnitsUsed: 256, cpuPercent: 100, saturated: true });
    expect(hot.serviceCpuUtilization).toBe(100);
    const flood = trafficUtilization(2000, [task()]);
    expect(flood.tasks[0]!.memoryPercent).toBeGreaterThan(100);
    expect(flood.rejectedRequestsPerSecond).toBe(0);
  });

  it('never goes below the idle baseline of load/model.ts', () => {
    const quiet = trafficUtilization(1, [task()]);
    expect(quiet.tasks[0]!.cpuPercent).toBe(IDLE.taskCpuPercent); // 2 units < 2 % of 256
    const none = trafficUtilization(0, tasks(3));
    expect(none.serviceCpuUtilization).toBe(IDLE.taskCpuPercent);
    expect(none.serviceMemoryUtilization).toBeCloseTo(IDLE.taskMemoryPercent, 9);
  });

  it('gives equal shares whatever the size, and only to tasks the load balancer sends to', () => {
    const mixed = trafficUtilization(300, [task(true, 256), task(true, 1024), task(false, 256)]);
    expect(mixed.tasks.map((t) => t.requestsPerSecond)).toEqual([150, 150, 0]);
    expect(mixed.tasks[0]!.cpuPercent).toBe(100); // 300 units wanted, 256 there
    expect(mixed.tasks[1]!.cpuPercent).toBeCloseTo((300 / 1024) * 100, 9);
    expect(mixed.tasks[2]!.cpuPercent).toBe(IDLE.taskCpuPercent); // unhealthy, still running
    // The service average counts every running task: (256 + 300 + 5.12) × 100 / (256 + 1024 + 256).
    expect(mixed.serviceCpuUtilization).toBeCloseTo(((256 + 300 + 5.12) * 100) / 1536, 9);
  });

  it('with no task receiving requests, the load balancer answers them all with 503 and the tasks idle', () => {
    const down = trafficUtilization(200, [task(false), task(false)]);
    expect(down.rejectedRequestsPerSecond).toBe(200);
    expect(down.tasks.every((t) => t.requestsPerSecond === 0 && t.cpuPercent === IDLE.taskCpuPercent)).toBe(true);
    const empty = trafficUtilization(200, []);
    expect(empty).toEqual({ tasks: [], serviceCpuUtilization: undefined, serviceMemoryUtilization: undefined, rejectedRequestsPerSecond: 200 });
    expect(trafficUtilization(0, []).rejectedRequestsPerSecond).toBe(0);
  });

  it('measures a task with no cpu reservation (EC2, cpu 0) against 128 units', () => {
    expect(NO_CPU_TASK_UNITS).toBe(128);
    const r = trafficUtilization(32, [task(true, 0)]);
    expect(r.tasks[0]!.cpuPercent).toBe(50); // 64 of 128 units
    expect(r.serviceCpuUtilization).toBe(50);
    expect(saturationRequestsPerSecond(0)).toBe(64);
  });

  it('treats a negative or non-finite rate as no traffic', () => {
    for (const bad of [-5, Number.NaN, Infinity]) {
      const r = trafficUtilization(bad, tasks(2));
      expect(r.tasks[0]!.requestsPerSecond).toBe(0);
      expect(r.rejectedRequestsPerSecond).toBe(0);
    }
  });
});

describe('requestCountPerTarget', () => {
  it('divides the minute by the healthy targets; scaling out lowers it', () => {
    expect(requestCountPerTarget(12_000, 2)).toBe(6000);
    expect(requestCountPerTarget(12_000, 4)).toBe(3000);
    expect(requestCountPerTarget(0, 4)).toBe(0);
  });

  it('reports the whole count with no healthy target (Sandbox: keeps target tracking scaling out)', () => {
    expect(requestCountPerTarget(12_000, 0)).toBe(12_000);
    expect(requestCountPerTarget(-1, 3)).toBe(0);
  });
});
