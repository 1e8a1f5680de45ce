/**
 * The sandbox's CPU and memory load model (one small module; issue 7 adds request traffic).
 *
 * - sim:SetServiceLoad gives a service a demand (CPU units, MiB). The demand is shared equally by
 *   the service's RUNNING tasks: 460 units on two tasks of 256 units is 230 each, 90% of each
 *   task's CPU. A task cannot use more than its own size here (Sandbox: capped at 100% of the
 *   task's cpu — on EC2 a container may burst into idle CPU shares, which the sandbox does not
 *   model), so demand beyond the tasks' total is unmet: add tasks to serve it. Memory is not
 *   capped (AWS's MemoryUtilization can pass 100 %).
 * - sim:SetTraffic adds request traffic on top (load/traffic-utilization.ts point 7 is the one rule
 *   combining both; load/usage.ts takes the minute's measurement).
 * - Every task uses at least the idle baseline (IDLE), as do standalone tasks and services with no
 *   load set. An instance adds its own baseline (OS, Docker, ECS agent) to what its tasks use.
 * - Utilization is relative to the task's reserved cpu / memory (AWS's ECS service metrics:
 *   "CPU units used by the service's tasks × 100 / task-definition CPU units × number of tasks",
 *   ecs-reference §8); instance CPUUtilization is used CPU over registered CPU (ecs-reference §8).
 */
import type { EngineState, InstanceRecord, TaskRecord } from '../state.ts';
import type { TaskUsage } from './usage.ts';
import { metricsOf } from '../metrics/store.ts';

/** Sandbox constants, UNCONFIRMED by AWS (plausible figures for an idle web container and host). */
export const IDLE = {
  /** Percent of its own cpu a task uses with no load. */
  taskCpuPercent: 2,
  /** Percent of its own memory a task uses with no load. */
  taskMemoryPercent: 10,
  /** Percent of an instance's CPU its OS, Docker and the ECS agent use. */
  instanceCpuPercent: 1,
} as const;

/** A task with no cpu reservation (EC2, container cpu 0) is measured against this many units (Docker's minimum shares, ecs-reference §2, is 2; 128 is EC2's smallest task size). */
export const MIN_TASK_CPU_UNITS = 128;

export interface ServiceLoad {
  cpuUnits: number;
  memoryMiB: number;
}

declare module '../metrics/store.ts' {
  interface MetricsState {
    /** sim:SetServiceLoad's demand by service ARN (load/model.ts). */
    serviceLoad?: Map<string, ServiceLoad>;
  }
}

export function setServiceLoad(state: EngineState, serviceArn: string, load: ServiceLoad | undefined): void {
  const metrics = metricsOf(state);
  metrics.serviceLoad ??= new Map();
  if (load === undefined || (load.cpuUnits === 0 && load.memoryMiB === 0)) metrics.serviceLoad.delete(serviceArn);
  else metrics.serviceLoad.set(serviceArn, load);
}

export function serviceLoadOf(state: EngineState, serviceArn: string): ServiceLoad | undefined {
  return state.metrics?.serviceLoad?.get(serviceArn);
}

/**
 * The minute's usage of every RUNNING task of an ACTIVE service (load/usage.ts measureLoad, which
 * combines SetServiceLoad with request traffic); tasks not in it run at their idle baseline.
 */
export type LoadView = ReadonlyMap<TaskRecord, TaskUsage>;

/** traffic-utilization.ts effectiveCpuUnits's rule (not imported: that module imports this one). */
const cpuSizeOf = (record: TaskRecord): number => (record.cpuUnits > 0 ? record.cpuUnits : MIN_TASK_CPU_UNITS);

/** CPU units a task uses now (0 unless RUNNING). */
export function taskCpuUnitsUsed(record: TaskRecord, view: LoadView): number {
  if (record.task.lastStatus !== 'RUNNING') return 0;
  return view.get(record)?.cpuUnitsUsed ?? (cpuSizeOf(record) * IDLE.taskCpuPercent) / 100;
}

/** MiB a task uses now (0 unless RUNNING). */
export function taskMemoryMiBUsed(record: TaskRecord, view: LoadView): number {
  if (record.task.lastStatus !== 'RUNNING') return 0;
  return view.get(record)?.memoryMiBUsed ?? (Math.max(record.memoryMiB, 1) * IDLE.taskMemoryPercent) / 100;
}

/**
 * Percent of the instance's registered CPU in use: the CPU its RUNNING tasks use over registered
 * CPU, plus the instance's own baseline, at most 100. `tasks` are the tasks on it (tasksByInstance).
 */
export function instanceCpuUtilization(instance: InstanceRecord, tasks: readonly TaskRecord[], view: LoadView): number {
  let used = 0;
  for (const record of tasks) used += taskCpuUnitsUsed(record, view);
  return Math.min(100, (used / instance.registeredCpuUnits) * 100 + IDLE.instanceCpuPercent);
}

/** The tasks of each container instance, in one pass (for the minute tick). */
export function tasksByInstance(state: EngineState): Map<string, TaskRecord[]> {
  const out = new Map<string, TaskRecord[]>();
  for (const record of state.tasks.values()) {
    if (record.instanceArn === undefined || record.task.lastStatus !== 'RUNNING') continue;
    let list = out.get(record.instanceArn);
    if (list === undefined) out.set(record.instanceArn, (list = []));
    list.push(record);
  }
  return out;
}
