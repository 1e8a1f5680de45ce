/**
 * sim:SetTraffic — request traffic on a service behind a load balancer (AWS has no such API: it
 * stands for "clients call the service"): `{cluster?, service, requestsPerSecond?, pattern?}`.
 * `pattern` is load/traffic.ts's (constant, ramp, dailyWave, spike); a plain `requestsPerSecond`
 * is a constant rate, and it fills a ramp's missing `from` / a spike's missing `base`.
 * `requestsPerSecond: 0` (no pattern), or `pattern: "none"` / `{type: "none"}`, stops the traffic.
 *
 * The requests enter through the service's first target group (load/service-traffic.ts); each
 * minute the load balancer spreads them over its healthy targets and the tasks' CPU and memory
 * follow (load/usage.ts, traffic-utilization.ts, which also says how traffic adds up with
 * sim:SetServiceLoad). A service with no target group is refused: sim:SetServiceLoad gives such a
 * service CPU and memory demand directly.
 */
import type { EngineContext } from '../context.ts';
import { fail, invalidParameter, ok, type CommandResult } from '../errors.ts';
import { checkParams, invalidTypeProblem, PARAM_VALIDATION_ERROR, PARAM_VALIDATION_PREFIX } from './params.ts';
import { findCluster } from './clusters.ts';
import { findService, type ServiceRecord } from '../services/model.ts';
import { ensureMinuteTicks } from '../metrics/minute-tick.ts';
import { checkTrafficPattern, MAX_REQUESTS_PER_SECOND, requestsInMinute, requestsPerSecondAt, type TrafficPattern } from '../load/traffic.ts';
import { clearTraffic, setTraffic, trafficOf, trafficTargetGroupArn } from '../load/service-traffic.ts';
import { saturationRequestsPerSecond } from '../load/traffic-utilization.ts';
import { minuteOf } from '../metrics/store.ts';
import '../metrics/service-metrics.ts';
import '../metrics/container-insights.ts';
import '../metrics/elb-metrics.ts';

/** The service named in a sim: request (not INACTIVE) in its cluster, or the refusal (ServiceNotFoundException, AWS's wording). */
export function findActiveService(ctx: EngineContext, cluster: string | undefined, given: string): { ok: true; service: ServiceRecord } | { ok: false; result: CommandResult } {
  const found = findCluster(ctx, cluster);
  if (!found.ok) return found;
  const name = given.startsWith('arn:') ? given.slice(given.lastIndexOf('/') + 1) : given;
  const service = findService(ctx.state, found.cluster.clusterName, name);
  if (service === undefined || service.status === 'INACTIVE') {
    return { ok: false, result: fail('ServiceNotFoundException', `Service not found. There is no active service ${given} in cluster ${found.cluster.clusterName}.`) };
  }
  return { ok: true, service };
}

interface SetTrafficInput {
  cluster?: string;
  service: string;
}

/** Rates may be fractions, which the request checker's `integer` refuses: they are checked here. */
function split(raw: unknown): { rest: unknown; rate: unknown; pattern: unknown } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { rest: raw, rate: undefined, pattern: undefined };
  const { requestsPerSecond: rate, pattern, ...rest } = raw as Record<string, unknown>;
  return { rest, rate, pattern };
}

const isNone = (pattern: unknown): boolean =>
  pattern === 'none' || (typeof pattern === 'object' && pattern !== null && !Array.isArray(pattern) && (pattern as Record<string, unknown>).type === 'none' && Object.keys(pattern).length === 1);

const num = (value: number): string => String(Math.round(value * 100) / 100);

/** The pattern as JSON a learner writes (start times relative to when it was set), for the snapshot. */
function patternJson(pattern: TrafficPattern, sinceMs: number): Record<string, unknown> {
  switch (pattern.type) {
    case 'constant':
      return { type: 'constant', requestsPerSecond: pattern.requestsPerSecond };
    case 'ramp':
      return { type: 'ramp', from: pattern.from, to: pattern.to, durationSeconds: pattern.durationMs / 1000, startSeconds: (pattern.startMs - sinceMs) / 1000 };
    case 'dailyWave':
      return { type: 'dailyWave', low: pattern.low, high: pattern.high, peakHour: pattern.peakHour };
    case 'spike':
      return { type: 'spike', base: pattern.base, height: pattern.height, durationSeconds: pattern.durationMs / 1000, startSeconds: (pattern.startMs - sinceMs) / 1000 };
  }
}

function describePattern(pattern: TrafficPattern, sinceMs: number): string {
  switch (pattern.type) {
    case 'constant':
      return `a constant ${num(pattern.requestsPerSecond)} requests/s`;
    case 'ramp':
      return `a ramp from ${num(pattern.from)} to ${num(pattern.to)} requests/s over ${pattern.durationMs / 1000} s, starting ${(pattern.startMs - sinceMs) / 1000} s from now`;
    case 'dailyWave':
      return `a daily wave between ${num(pattern.low)} and ${num(pattern.high)} requests/s, peaking at ${num(pattern.peakHour)}:00 UTC`;
    case 'spike':
      return `${num(pattern.base)} requests/s with a spike of ${num(pattern.height)} more for ${pattern.durationMs / 1000} s, starting ${(pattern.startMs - sinceMs) / 1000} s from now`;
  }
}

export function simSetTraffic(ctx: EngineContext, raw: unknown): CommandResult {
  const { rest, rate, pattern: rawPattern } = split(raw);
  const checked = checkParams<SetTrafficInput>(rest, { params: { cluster: 'string', service: 'string' }, required: ['service'] });
  if (!checked.ok) return checked.result;
  if (rate !== undefined && (typeof rate !== 'number' || !Number.isFinite(rate))) {
    return fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}${invalidTypeProblem('requestsPerSecond', rate, "<class 'float'>, <class 'int'>")}`);
  }
  const found = findActiveService(ctx, checked.input.cluster, checked.input.service);
  if (!found.ok) return found.result;
  const { service } = found;
  const now = ctx.clock.now;

  const clearing = isNone(rawPattern) || (rawPattern === undefined && rate === 0);
  if (clearing) {
    const had = trafficOf(ctx.state, service.arn) !== undefined;
    clearTraffic(ctx.state, service.arn);
    if (had) ctx.emit('load.traffic', `Service ${service.name} gets no more requests: its traffic was stopped.`, service.arn);
    return ok({ service: service.arn, requestsPerSecond: 0 });
  }
  if (rawPattern === undefined && rate === undefined) {
    return invalidParameter('Give requestsPerSecond (a constant rate), a pattern (constant, ramp, dailyWave or spike), or requestsPerSecond 0 / pattern "none" to stop the traffic.');
  }
  if (typeof rate === 'number' && (rate < 0 || rate > MAX_REQUESTS_PER_SECOND)) {
    return invalidParameter(`requestsPerSecond must be from 0 to ${MAX_REQUESTS_PER_SECOND}; it is ${rate}.`);
  }
  const targetGroupArn = trafficTargetGroupArn(service);
  const targetGroup = targetGroupArn === undefined ? undefined : ctx.state.elb?.targetGroups.get(targetGroupArn);
  if (targetGroupArn === undefined || targetGroup === undefined) {
    return invalidParameter(
      `Service ${service.name} has no load balancer target group, so no requests can reach it: sim:SetTraffic sends requests through the target group of the service's load balancer (create the service with loadBalancers). To give it CPU and memory demand directly, use sim:SetServiceLoad.`,
    );
  }
  const checkedPattern = checkTrafficPattern(rawPattern, { anchorMs: now, ...(typeof rate === 'number' ? { requestsPerSecond: rate } : {}) });
  if (!checkedPattern.ok) return invalidParameter(checkedPattern.message);
  const pattern = checkedPattern.pattern;

  setTraffic(ctx.state, {
    serviceArn: service.arn,
    clusterName: service.clusterName,
    serviceName: service.name,
    targetGroupArn,
    given: patternJson(pattern, now),
    pattern,
    sinceMs: now,
  });
  ensureMinuteTicks(ctx);
  const rateNow = requestsPerSecondAt(pattern, now);
  const perMinute = Math.round(requestsInMinute(pattern, minuteOf(now) + 60_000));
  const task = service.deployments[0]?.taskDefinition;
  const taskCpu = task?.cpu === undefined ? undefined : Number(task.cpu);
  const full = taskCpu === undefined || !(taskCpu > 0) ? '' : ` A task of ${taskCpu} CPU units is at 100 % CPU from ${num(saturationRequestsPerSecond(taskCpu))} requests/s.`;
  ctx.emit(
    'load.traffic',
    `Service ${service.name} now gets ${describePattern(pattern, now)} (${num(rateNow)} requests/s now, about ${perMinute} in the next minute) through target group ${targetGroup.name}, spread over its healthy targets.${full}`,
    service.arn,
  );
  return ok({ service: service.arn, targetGroupArn, requestsPerSecond: Math.round(rateNow * 100) / 100, pattern: patternJson(pattern, now) });
}
