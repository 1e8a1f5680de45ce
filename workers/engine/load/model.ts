/**
 * The sandbox's CPU and memory load model (one small module; issue 7 adds request traffic).
 *
 * - sim:SetServiceLoad gives a service a demand (CPU units, MiB). The demand is shared equally by
 *   the service's RUNNING tasks: 460 units on two tasks of 256 units is 230 each, 90% of each
 *   task's CPU. A task cannot use more than its own size here (Sandbox: capped at 100% of the
 *   task's cpu — on EC2 a container may burst into idle CPU shares, which the sandbox does not
 *   model), so demand beyond the tasks' total is unmet: add tasks to serve it.
 * - Every task uses at least the idle baseline (IDLE), as do standalone tasks and services with no
 *   load set. An instance adds its own baseline (OS, Docker, ECS agent) to what its tasks use.
 * - Utilization is relative to the task's reserved cpu / memory (AWS's ECS service metrics:
 *   "CPU units used by the service's tasks × 100 / task-definition CPU units × number of tasks",
 *   ecs-reference §8); instance CPUUtilization is used CPU over registered CPU (ecs-reference §8).
 */
import type { EngineState, InstanceRecord, TaskRecord } from '../state.ts';
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
 * How many RUNNING tasks each loaded service has: computed once and passed to the functions below
 * when many tasks are measured in one go (the minute tick), so the cost stays O(tasks).
 */
export type LoadView = Map<string, number>;

export function loadView(state: EngineState): LoadView {
  const view: LoadView = new Map();
  const loads = state.metrics?.serviceLoad;
  if (loads === undefined || loads.size === 0) return view;
  for (const arn of loads.keys()) {
    const service = state.services?.get(arn);
    let running = 0;
    for (const deployment of service?.deployments ?? []) {
      for (const taskArn of deployment.taskArns) if (state.tasks.get(taskArn)?.task.lastStatus === 'RUNNING') running++;
    }
    view.set(arn, running);
  }
  return view;
}

function share(state: EngineState, record: TaskRecord, view: LoadView, pick: (load: ServiceLoad) => number, size: number, idle: number): number {
  if (record.task.lastStatus !== 'RUNNING') return 0;
  const load = record.serviceArn === undefined ? undefined : serviceLoadOf(state, record.serviceArn);
  const running = record.serviceArn === undefined ? 0 : view.get(record.serviceArn) ?? 0;
  if (load === undefined || running === 0) return idle;
  const percent = (pick(load) / running / size) * 100;
  return Math.min(100, Math.max(idle, percent));
}

/** Percent of the task's cpu it uses now (0 unless RUNNING). */
export function taskCpuUtilization(state: EngineState, record: TaskRecord, view: LoadView = loadView(state)): number {
  return share(state, record, view, (load) => load.cpuUnits, Math.max(record.cpuUnits, MIN_TASK_CPU_UNITS), IDLE.taskCpuPercent);
}

/** Percent of the task's memory it uses now (0 unless RUNNING). */
export function taskMemoryUtilization(state: EngineState, record: TaskRecord, view: LoadView = loadView(state)): number {
  return share(state, record, view, (load) => load.memoryMiB, Math.max(record.memoryMiB, 1), IDLE.taskMemoryPercent);
}

/**
 * Percent of the instance's registered CPU in use: Σ task cpu × utilization over registered CPU,
 * plus the instance's own baseline, at most 100. `tasks` are the tasks on it (found by the caller
 * in one pass over all tasks when it measures every instance).
 */
export function instanceCpuUtilization(state: EngineState, instance: InstanceRecord, tasks?: readonly TaskRecord[], view: LoadView = loadView(state)): number {
  let used = 0;
  const onIt = tasks ?? [...state.tasks.values()].filter((record) => record.instanceArn === instance.containerInstanceArn);
  for (const record of onIt) used += (Math.max(record.cpuUnits, MIN_TASK_CPU_UNITS) * taskCpuUtilization(state, record, view)) / 100;
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
