/**
 * The minute's load measurement: what every service's RUNNING tasks use, from sim:SetServiceLoad
 * (load/model.ts) and sim:SetTraffic (load/service-traffic.ts) combined by the one rule in
 * traffic-utilization.ts (point 7: they add up). The minute tick's publishers (service metrics,
 * load balancer metrics, EC2 CPU) all read this one measurement, taken once per minute:
 *
 * - Traffic: the requests of the minute that just ended (the exact integral of the pattern's rate
 *   over [previous minute, now), from when the traffic was set) go to the service's target group
 *   and are routed by the load balancer model (elb/routing.ts: healthy targets round robin, failing
 *   open when none is healthy, nothing when there is no target — those are answered 503). Each
 *   RUNNING task's rate is what was routed to it divided by 60 s.
 * - Cost: O(services + tasks + their targets) per minute; tasks of no service run at idle and are
 *   not listed (the readers fall back to the idle baseline).
 */
import type { EngineState, TaskRecord } from '../state.ts';
import type { ServiceRecord } from '../services/model.ts';
import type { LoadBalancerRecord, TargetGroupRecord, TargetRecord } from '../elb/model.ts';
import { routeEach } from '../elb/routing.ts';
import { serviceLoadOf } from './model.ts';
import { requestsInWindow, trafficOf, trafficTargetGroupArn } from './service-traffic.ts';
import { effectiveCpuUnits, effectiveMemoryMiB, taskTrafficUtilization, TRAFFIC_COST, type TaskTrafficUtilization, type TrafficTask } from './traffic-utilization.ts';

const MINUTE_MS = 60_000;

export interface TaskUsage {
  cpuUnitsUsed: number;
  memoryMiBUsed: number;
  requestsPerSecond: number;
}

export interface TrafficMeasure {
  targetGroup: TargetGroupRecord;
  /** The load balancer the group is reached through (its first), if any. */
  loadBalancer: LoadBalancerRecord | undefined;
  /** Requests that arrived in the minute (whole requests). */
  requests: number;
  /** Of those, the ones no target got: the load balancer answered them itself (HTTP 503). */
  rejected: number;
  failOpen: boolean;
}

export interface ServiceMeasure {
  service: ServiceRecord;
  running: number;
  pending: number;
  /** AWS/ECS CPUUtilization / MemoryUtilization (percent); undefined with no RUNNING task. */
  cpuUtilization: number | undefined;
  memoryUtilization: number | undefined;
  traffic: TrafficMeasure | undefined;
}

export interface LoadMeasure {
  atMs: number;
  /** Usage of the RUNNING tasks of ACTIVE services (others run at their idle baseline). */
  tasks: Map<TaskRecord, TaskUsage>;
  /** Every ACTIVE service, in the state's order. */
  services: ServiceMeasure[];
  /** The load balancer each target group is reached through (its first listener's), by group ARN. */
  loadBalancerOf: Map<string, LoadBalancerRecord>;
  /** Target groups some listener forwards to (elb/health.ts isInUse), by ARN. */
  inUse: Set<string>;
}

/**
 * One pass over the listeners (elb/model.ts loadBalancersOf per group would be O(groups × listeners)):
 * each group's load balancer, and the groups in use (some listener forwards to them, as isInUse says).
 */
function loadBalancersByGroup(state: EngineState, out: Map<string, LoadBalancerRecord>, inUse: Set<string>): Map<string, LoadBalancerRecord> {
  out.clear();
  inUse.clear();
  const elb = state.elb;
  if (elb === undefined) return out;
  for (const listener of elb.listeners.values()) {
    inUse.add(listener.targetGroupArn);
    if (out.has(listener.targetGroupArn)) continue;
    const lb = elb.loadBalancers.get(listener.loadBalancerArn);
    if (lb !== undefined) out.set(listener.targetGroupArn, lb);
  }
  return out;
}

/**
 * One measurement per engine and minute: routing has side effects (counters), so it runs once. The
 * measure object (its maps, and each task's usage record) is reused from minute to minute: a
 * measurement is valid until the next minute's, which is all the tick's readers need.
 */
const taken = new WeakMap<EngineState, LoadMeasure>();

/** A task's usage record, reused minute after minute, with the requests routed to it this minute (reset before routing) and the minute it was measured for. */
interface MeasuredUsage extends TaskUsage {
  routed: number;
  atMs: number;
}
const usageOf = new WeakMap<TaskRecord, MeasuredUsage>();
/** How many tasks the measurement in progress has measured (measureLoad). */
let measuredTasks = 0;

/**
 * Where routeEach hands a service's requests: onto the receiving task's usage record. Only RUNNING
 * tasks are read, and each has its record (reset to 0) before routing; a module function, so
 * routing allocates nothing.
 */
function giveToTask(target: TargetRecord, k: number): void {
  const record = target.owner?.record ?? target.task;
  if (record === undefined) return;
  const used = usageOf.get(record);
  if (used !== undefined) used.routed += k;
}

/** The measurement for the minute starting at `nowMs` (taken on the first call in that minute). */
export function measureLoad(state: EngineState, nowMs: number): LoadMeasure {
  let measure = taken.get(state);
  if (measure !== undefined && measure.atMs === nowMs) return measure;
  if (measure === undefined) taken.set(state, (measure = { atMs: nowMs, tasks: new Map(), services: [], loadBalancerOf: new Map(), inUse: new Set() }));
  measure.atMs = nowMs;
  measure.services.length = 0;
  loadBalancersByGroup(state, measure.loadBalancerOf, measure.inUse);
  measuredTasks = 0;
  for (const service of state.services?.values() ?? []) {
    if (service.status === 'ACTIVE') measure.services.push(measureService(state, service, nowMs, measure));
  }
  // measure.tasks keeps its entries from minute to minute (clearing a Map drops its table, and
  // refilling it allocated again every minute): the tasks not measured this minute are removed.
  if (measure.tasks.size !== measuredTasks) {
    for (const [record, usage] of measure.tasks) if ((usage as MeasuredUsage).atMs !== nowMs) measure.tasks.delete(record);
  }
  return measure;
}

/**
 * Route the minute's requests onto the usage records of the tasks that get them (giveToTask) and
 * answer the measure, or undefined without traffic.
 */
function routeTraffic(state: EngineState, service: ServiceRecord, nowMs: number, measure: LoadMeasure): TrafficMeasure | undefined {
  const traffic = trafficOf(state, service.arn);
  if (traffic === undefined) return undefined;
  // The service's mapping now (UpdateService may have changed its load balancers), else the one it had.
  const tg = state.elb?.targetGroups.get(trafficTargetGroupArn(service) ?? traffic.targetGroupArn);
  if (tg === undefined) return undefined;
  const requests = Math.round(requestsInWindow(traffic, nowMs - MINUTE_MS, nowMs));
  const routed = routeEach(tg, requests, measure.inUse.has(tg.arn), giveToTask);
  return { targetGroup: tg, loadBalancer: measure.loadBalancerOf.get(tg.arn), requests, rejected: routed.dropped, failOpen: routed.failOpen };
}

/** Scratch space reused by every service of every minute (the tick is synchronous): no per-service allocation. */
const scratch: { running: TaskRecord[]; used: MeasuredUsage[]; task: Required<TrafficTask>; result: TaskTrafficUtilization } = {
  running: [],
  used: [],
  task: { cpuUnits: 0, memoryMiB: 0, receivesRequests: false, loadCpuUnits: 0, loadMemoryMiB: 0 },
  result: { requestsPerSecond: 0, cpuUnitsUsed: 0, memoryMiBUsed: 0, cpuPercent: 0, memoryPercent: 0, saturated: false },
};

function measureService(state: EngineState, service: ServiceRecord, nowMs: number, measure: LoadMeasure): ServiceMeasure {
  const usage = measure.tasks;
  const { running, used, task } = scratch;
  running.length = 0;
  used.length = 0;
  let pending = 0;
  for (const deployment of service.deployments) {
    for (const arn of deployment.taskArns) {
      const record = state.tasks.get(arn);
      const status = record?.task.lastStatus;
      if (status === 'RUNNING') {
        running.push(record!);
        let usage = usageOf.get(record!);
        if (usage === undefined) usageOf.set(record!, (usage = { cpuUnitsUsed: 0, memoryMiBUsed: 0, requestsPerSecond: 0, routed: 0, atMs: Number.NaN }));
        usage.routed = 0;
        used.push(usage);
      } else if (status === 'PENDING' || status === 'PROVISIONING' || status === 'ACTIVATING') pending++;
    }
  }
  const traffic = routeTraffic(state, service, nowMs, measure);
  const out: ServiceMeasure = { service, running: running.length, pending, cpuUtilization: undefined, memoryUtilization: undefined, traffic };
  if (running.length === 0) return out;
  const load = serviceLoadOf(state, service.arn);
  task.loadCpuUnits = load === undefined ? 0 : load.cpuUnits / running.length;
  task.loadMemoryMiB = load === undefined ? 0 : load.memoryMiB / running.length;
  let cpuUsed = 0;
  let cpuSize = 0;
  let memoryUsed = 0;
  let memorySize = 0;
  for (let i = 0; i < running.length; i++) {
    const record = running[i]!;
    const taskUsage = used[i]!;
    const requests = taskUsage.routed;
    task.cpuUnits = record.cpuUnits;
    task.memoryMiB = record.memoryMiB;
    task.receivesRequests = requests > 0;
    const result = taskTrafficUtilization(task, requests / 60, TRAFFIC_COST, scratch.result);
    taskUsage.cpuUnitsUsed = result.cpuUnitsUsed;
    taskUsage.memoryMiBUsed = result.memoryMiBUsed;
    taskUsage.requestsPerSecond = result.requestsPerSecond;
    taskUsage.atMs = nowMs;
    measuredTasks++;
    usage.set(record, taskUsage);
    cpuUsed += result.cpuUnitsUsed;
    cpuSize += effectiveCpuUnits(record.cpuUnits);
    memoryUsed += result.memoryMiBUsed;
    memorySize += effectiveMemoryMiB(record.memoryMiB);
  }
  running.length = 0;
  used.length = 0;
  out.cpuUtilization = (cpuUsed * 100) / cpuSize;
  out.memoryUtilization = (memoryUsed * 100) / memorySize;
  return out;
}
