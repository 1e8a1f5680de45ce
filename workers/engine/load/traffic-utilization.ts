/**
 * From request traffic to each task's CPU and memory utilization (issue 7; pure, not wired). The
 * model, stated once here and in the README:
 *
 * 1. The load balancer spreads a service's requests in equal shares (round robin) over the tasks it
 *    sends requests to: its healthy targets — or, when none is healthy, every registered target that
 *    is not draining (the ALB "fails open", elb/routing.ts). The caller marks those tasks
 *    `receivesRequests`. Equal shares whatever the task's size: a bigger task is not sent more.
 * 2. CPU: each request per second costs TRAFFIC_COST.cpuUnitsPerRequestPerSecond CPU units (2: a
 *    256-unit task — ¼ vCPU — is saturated at 128 requests/s). The idle baseline of load/model.ts
 *    (IDLE.taskCpuPercent) is a floor, as it is for sim:SetServiceLoad: a task uses
 *    max(idle, requests × cost), capped at 100 % of its own cpu (Sandbox: no bursting into an EC2
 *    instance's idle CPU). Requests beyond that are still received and counted (RequestCount), the
 *    sandbox models no latency or time-outs: the CPU figure just stays at 100 %.
 * 3. Memory: the idle baseline (IDLE.taskMemoryPercent of the task's memory) PLUS
 *    TRAFFIC_COST.memoryMiBPerRequestPerSecond MiB per request/s (buffers of requests in flight).
 *    Not capped: like AWS's MemoryUtilization it can pass 100 % (AWS: when only a soft
 *    memoryReservation is set); what happens to a task over a hard limit is the caller's call.
 * 4. The service figures are what CloudWatch's AWS/ECS CPUUtilization / MemoryUtilization (Average)
 *    report: (Σ units used) × 100 / (Σ task cpu) — AWS writes the denominator "task-definition CPU
 *    units × number of tasks", the same when every task has one size (ecs-reference §8). Over all
 *    RUNNING tasks, those getting no requests counting at their idle baseline. No running task → no
 *    figure (AWS publishes no datapoint for a service with no RUNNING task).
 * 5. No task receives requests (no registered target, or all draining): every request is answered
 *    by the load balancer itself with HTTP 503 (ALB troubleshooting: "503 Service Temporarily
 *    Unavailable" when the target group has no registered targets) — counted in
 *    `rejectedRequestsPerSecond`, costing the tasks nothing.
 * 6. A task with no cpu reservation (EC2, task cpu unset and container cpu 0) is measured against
 *    NO_CPU_TASK_UNITS (128), as load/model.ts does (UNCONFIRMED what AWS divides by; Docker gives
 *    such a container 2 shares, ecs-reference §2).
 * 7. TRAFFIC AND sim:SetServiceLoad ON ONE SERVICE ADD UP (the one place this is decided: Sandbox
 *    choice). The task's share of the service's SetServiceLoad demand (`loadCpuUnits`,
 *    `loadMemoryMiB`: the demand divided by the RUNNING tasks) comes on top of what its requests
 *    cost: CPU = min(task cpu, max(idle, load share + requests × cost)); memory = max(idle, load
 *    share) + requests × cost. With no traffic this is load/model.ts's rule, with no load set it is
 *    points 2 and 3 above.
 */
import { IDLE, MIN_TASK_CPU_UNITS } from './model.ts';

export interface TrafficCost {
  /** CPU units a task spends for each request per second it serves. */
  cpuUnitsPerRequestPerSecond: number;
  /** MiB a task holds for each request per second it serves. */
  memoryMiBPerRequestPerSecond: number;
}

/**
 * Sandbox constants, UNCONFIRMED (no AWS figure exists: it depends on the application). Chosen so the
 * numbers are round for learners: 2 units per request/s — a 256-unit task saturates at 128 req/s,
 * a 1024-unit (1 vCPU) task at 512 req/s; 0.5 MiB per request/s — 100 req/s add 50 MiB.
 */
export const TRAFFIC_COST: TrafficCost = Object.freeze({
  cpuUnitsPerRequestPerSecond: 2,
  memoryMiBPerRequestPerSecond: 0.5,
});

/** The cpu a task with no cpu reservation is measured against: load/model.ts's own figure. */
export const NO_CPU_TASK_UNITS = MIN_TASK_CPU_UNITS;

export interface TrafficTask {
  /** The task's cpu units (0 when it reserves none). */
  cpuUnits: number;
  /** The task's memory in MiB (hard limit, or the reservation when only that is set). */
  memoryMiB: number;
  /** True when the load balancer sends it requests (see point 1 above). */
  receivesRequests: boolean;
  /** Its share of the service's sim:SetServiceLoad CPU demand, in units (point 7); 0 when unset. */
  loadCpuUnits?: number;
  /** Its share of the service's sim:SetServiceLoad memory demand, in MiB (point 7); 0 when unset. */
  loadMemoryMiB?: number;
}

export interface TaskTrafficUtilization {
  /** Requests per second this task is sent. */
  requestsPerSecond: number;
  cpuUnitsUsed: number;
  memoryMiBUsed: number;
  /** Percent of the task's own cpu, 0–100. */
  cpuPercent: number;
  /** Percent of the task's own memory; may pass 100. */
  memoryPercent: number;
  /** True when its requests need more CPU than it has (its CPU shows 100 %). */
  saturated: boolean;
}

export interface TrafficUtilization {
  tasks: TaskTrafficUtilization[];
  /** AWS/ECS CPUUtilization (Average) of the service; undefined with no running task. */
  serviceCpuUtilization: number | undefined;
  /** AWS/ECS MemoryUtilization (Average) of the service; undefined with no running task. */
  serviceMemoryUtilization: number | undefined;
  /** Requests per second no task receives: the load balancer answers them with HTTP 503. */
  rejectedRequestsPerSecond: number;
}

/** The cpu units a task is measured against. */
export const effectiveCpuUnits = (cpuUnits: number): number => (cpuUnits > 0 ? cpuUnits : NO_CPU_TASK_UNITS);
/** The memory a task is measured against (at least 1 MiB, so a figure is always defined). */
export const effectiveMemoryMiB = (memoryMiB: number): number => Math.max(memoryMiB, 1);

/** Requests per second one task of this size can serve before its CPU reads 100 % (128 for 256 units). */
export function saturationRequestsPerSecond(cpuUnits: number, cost: TrafficCost = TRAFFIC_COST): number {
  return effectiveCpuUnits(cpuUnits) / cost.cpuUnitsPerRequestPerSecond;
}

/**
 * One task's utilization when it serves `requestsPerSecond` (on top of its SetServiceLoad share,
 * point 7). The minute tick calls it with the requests the load balancer actually routed to the task.
 */
export function taskTrafficUtilization(task: TrafficTask, requestsPerSecond: number, cost: TrafficCost = TRAFFIC_COST, into?: TaskTrafficUtilization): TaskTrafficUtilization {
  const cpu = effectiveCpuUnits(task.cpuUnits);
  const memory = effectiveMemoryMiB(task.memoryMiB);
  const demand = (task.loadCpuUnits ?? 0) + requestsPerSecond * cost.cpuUnitsPerRequestPerSecond;
  const cpuUnitsUsed = Math.min(cpu, Math.max((cpu * IDLE.taskCpuPercent) / 100, demand));
  const memoryMiBUsed = Math.max((memory * IDLE.taskMemoryPercent) / 100, task.loadMemoryMiB ?? 0) + requestsPerSecond * cost.memoryMiBPerRequestPerSecond;
  // `into`: the minute tick's reused record (no allocation per task per minute).
  const out = into ?? ({} as TaskTrafficUtilization);
  out.requestsPerSecond = requestsPerSecond;
  out.cpuUnitsUsed = cpuUnitsUsed;
  out.memoryMiBUsed = memoryMiBUsed;
  out.cpuPercent = (cpuUnitsUsed / cpu) * 100;
  out.memoryPercent = (memoryMiBUsed / memory) * 100;
  out.saturated = demand > cpu;
  return out;
}

/**
 * Utilization of a service's RUNNING tasks when `requestsPerSecond` reach its load balancer. Tasks
 * come back in the order given. Rates below 0 or not finite count as 0.
 */
export function trafficUtilization(requestsPerSecond: number, tasks: readonly TrafficTask[], cost: TrafficCost = TRAFFIC_COST): TrafficUtilization {
  const rate = Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? requestsPerSecond : 0;
  let receiving = 0;
  for (const task of tasks) if (task.receivesRequests) receiving++;
  const share = receiving === 0 ? 0 : rate / receiving;
  const out = tasks.map((task) => taskTrafficUtilization(task, task.receivesRequests ? share : 0, cost));
  let cpuUsed = 0;
  let cpuSize = 0;
  let memoryUsed = 0;
  let memorySize = 0;
  out.forEach((result, i) => {
    cpuUsed += result.cpuUnitsUsed;
    cpuSize += effectiveCpuUnits(tasks[i]!.cpuUnits);
    memoryUsed += result.memoryMiBUsed;
    memorySize += effectiveMemoryMiB(tasks[i]!.memoryMiB);
  });
  return {
    tasks: out,
    serviceCpuUtilization: tasks.length === 0 ? undefined : (cpuUsed * 100) / cpuSize,
    serviceMemoryUtilization: tasks.length === 0 ? undefined : (memoryUsed * 100) / memorySize,
    rejectedRequestsPerSecond: receiving === 0 ? rate : 0,
  };
}

/**
 * ALB RequestCountPerTarget for one minute: the minute's RequestCount divided by the healthy
 * targets (ALB CloudWatch metrics; its one valid statistic is Sum, "the average, not the sum").
 * With no healthy target (the ALB failing open, or answering 503) the whole count is reported, as
 * if one target had it — Sandbox choice, UNCONFIRMED: it keeps a request-count target tracking
 * policy seeing the load (and scaling out) rather than reading 0 and scaling in.
 */
export function requestCountPerTarget(requestsInMinute: number, healthyTargets: number): number {
  const count = Number.isFinite(requestsInMinute) && requestsInMinute > 0 ? requestsInMinute : 0;
  const targets = Number.isInteger(healthyTargets) && healthyTargets > 0 ? healthyTargets : 1;
  return count / targets;
}
