/**
 * The running cost (issue 6): what the learner's capacity has cost so far, by launch type and by
 * service, and its hourly rate now and minute by minute.
 *
 * Exact by construction: every meter (cost/meters.ts) knows its own interval, so what it has run
 * up is a function of time, not of how often anyone looks. Once a minute (the 'publish' phase of
 * metrics/minute-tick.ts) the ledger banks what each meter ran up since the last minute and
 * remembers the meter; when a meter disappears from the state (a stopped task dropped after its
 * hour, a container instance deregistered) its remembered interval finishes the bill — and a
 * change of a cluster's instances banks at once, so a deregistered instance is billed to the
 * moment it went. The snapshot adds the unbanked part without changing anything, so totals do not
 * depend on how often snapshots are taken.
 */
import { provideCapacityHook } from '../commands/capacity-hooks.ts';
import type { CostLaunchType, CostReport } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { ensureMinuteTicks, provideMinuteJob } from '../metrics/minute-tick.ts';
import { provideClusterListener } from '../services/cluster-changes.ts';
import { provideCapacitySnapshot } from '../snapshot-parts.ts';
import type { EngineState } from '../state.ts';
import { currentMeters, meterRunning, meterUsd, UNUSED_EC2, type Meter } from './meters.ts';
import type { CostState } from './model.ts';

const LAUNCH_TYPES: readonly CostLaunchType[] = ['EC2', 'FARGATE', 'FARGATE_SPOT', 'EXTERNAL'];
/** The cost meter's history: the newest 180 minutes (three hours), like the metric store. */
const HISTORY_POINTS = 180;

function emptyCost(): CostState {
  return { accountedToMs: 0, totals: new Map(), history: [], billed: new Map(), meters: new Map(), services: new Map() };
}

export function costOf(state: EngineState): CostState {
  state.cost ??= emptyCost();
  return state.cost;
}

/** Start the minute ticker when something billable appears (Fargate tasks and external instances need no Auto Scaling group). */
export function startCostMeter(ctx: EngineContext): void {
  costOf(ctx.state);
  ensureMinuteTicks(ctx);
}

function add(map: Map<string, number>, key: string, usd: number): void {
  if (usd !== 0) map.set(key, (map.get(key) ?? 0) + usd);
}

const LAUNCH_TYPE_KEYS: Readonly<Record<CostLaunchType, string>> = { EC2: 'lt:EC2', FARGATE: 'lt:FARGATE', FARGATE_SPOT: 'lt:FARGATE_SPOT', EXTERNAL: 'lt:EXTERNAL' };
const UNUSED_EC2_KEY = `svc:${UNUSED_EC2}`;
/** `svc:<charge>` keys, built once per name: every meter is booked every minute. */
const serviceKeys = new Map<string, string>();
function serviceKey(charge: string): string {
  let key = serviceKeys.get(charge);
  if (key === undefined) {
    key = `svc:${charge}`;
    if (serviceKeys.size > 10_000) serviceKeys.clear();
    serviceKeys.set(charge, key);
  }
  return key;
}

/** Book `usd` of a meter: to its launch type (unless a share) and to whom it is charged. */
function book(totals: Map<string, number>, meter: Meter, usd: number): void {
  if (usd === 0) return;
  if (meter.share === true) {
    add(totals, UNUSED_EC2_KEY, -usd);
  } else {
    add(totals, LAUNCH_TYPE_KEYS[meter.launchType], usd);
  }
  add(totals, serviceKey(meter.charge), usd);
}

/**
 * A meter that left the state while it was still running, ended: at `now` — except a task's share of
 * an instance, which ends where it was last seen (`lastSeenMs`, the last bank): it left because its
 * instance did, and a share never outlives its instance (else "unused EC2 capacity" turns negative).
 */
function endedMeter(meter: Meter, now: number, lastSeenMs: number): Meter {
  if (meter.endMs !== undefined) return meter;
  return { ...meter, endMs: meter.share === true ? Math.max(meter.startMs, lastSeenMs) : now };
}

/** Bank everything run up to now; forget meters that are gone (after billing them to their end). */
export function bankCost(ctx: EngineContext): void {
  const cost = costOf(ctx.state);
  const now = ctx.clock.now;
  const current = currentMeters(ctx.state);
  for (const meter of current) {
    const usd = meterUsd(meter, now);
    book(cost.totals, meter, usd - (cost.billed.get(meter.key) ?? 0));
    cost.billed.set(meter.key, usd);
    cost.meters.set(meter.key, meter);
    if (meter.serviceArn !== undefined) cost.services.set(meter.charge, meter.serviceArn);
  }
  // Meter keys are unique (a task's, an instance's ARN or id), so when the remembered meters are
  // exactly as many as the current ones, none is gone: no set of the keys seen (every minute).
  if (cost.meters.size === current.length) {
    cost.accountedToMs = now;
    return;
  }
  const seen = new Set<string>();
  for (const meter of current) seen.add(meter.key);
  for (const [key, meter] of cost.meters) {
    if (seen.has(key)) continue;
    // Gone from the state: billed to its known end, or to now if it was still running when last seen.
    const final = meterUsd(endedMeter(meter, now, cost.accountedToMs), now);
    book(cost.totals, meter, final - (cost.billed.get(key) ?? 0));
    cost.meters.delete(key);
    cost.billed.delete(key);
  }
  cost.accountedToMs = now;
}

/** The rate by launch type right now (for the history and the report). */
function ratesNow(meters: Iterable<Meter>, now: number): Record<CostLaunchType, number> {
  const rates: Record<CostLaunchType, number> = { EC2: 0, FARGATE: 0, FARGATE_SPOT: 0, EXTERNAL: 0 };
  for (const meter of meters) if (!meter.share && meterRunning(meter, now)) rates[meter.launchType] += meter.usdPerHour;
  return rates;
}

function minuteJob(ctx: EngineContext): void {
  bankCost(ctx);
  const cost = costOf(ctx.state);
  const rates = ratesNow(cost.meters.values(), ctx.clock.now);
  cost.history.push({ t: ctx.clock.now, ...rates });
  if (cost.history.length > HISTORY_POINTS) cost.history.splice(0, cost.history.length - HISTORY_POINTS);
}

provideMinuteJob('cost', {
  phase: 'publish',
  active: (ctx) => ctx.state.cost !== undefined && (ctx.state.tasks.size > 0 || ctx.state.instances.size > 0 || (ctx.state.ec2?.instances.size ?? 0) > 0 || ctx.state.cost.meters.size > 0),
  run: minuteJob,
});

// A container instance registered or deregistered: bank at once, so a deregistered one is billed to
// this moment. This does not start the minute ticker by itself: a cluster of sim:AddContainerInstances
// instances alone (issues 1–5) keeps no timer running; EC2 instances of Auto Scaling groups, Fargate
// tasks and external instances start it (their own minute jobs, run-task-fargate.ts, faults/external.ts).
// Without ticks the totals stay exact (instances leave only through this hook); only the service split
// of an EC2 task dropped an hour after it stopped, with no bank in between, falls back to unused capacity.
provideClusterListener('cost', (ctx) => bankCost(ctx));

/** The report: banked totals plus what the meters ran up since, without changing the state. */
export function renderCost(state: EngineState, nowMs: number): CostReport {
  // Nothing banked yet (e.g. the worker's first-chunk setup ran before this module loaded): the
  // meters are read from the state itself, so the report is exact all the same.
  const cost = state.cost ?? emptyCost();
  const totals = new Map(cost.totals);
  const meters = currentMeters(state);
  const seen = new Set<string>();
  const rateByCharge = new Map<string, number>();
  const services = new Map(cost.services);
  for (const meter of meters) {
    seen.add(meter.key);
    book(totals, meter, meterUsd(meter, nowMs) - (cost.billed.get(meter.key) ?? 0));
    if (meter.serviceArn !== undefined) services.set(meter.charge, meter.serviceArn);
    if (meterRunning(meter, nowMs)) {
      add(rateByCharge, meter.charge, meter.usdPerHour);
      if (meter.share === true) add(rateByCharge, UNUSED_EC2, -meter.usdPerHour);
    }
  }
  for (const [key, meter] of cost.meters) {
    if (seen.has(key)) continue;
    book(totals, meter, meterUsd(endedMeter(meter, nowMs, cost.accountedToMs), nowMs) - (cost.billed.get(key) ?? 0));
  }
  const rates = ratesNow(meters, nowMs);
  const byLaunchType = Object.fromEntries(LAUNCH_TYPES.map((lt) => [lt, { totalUsd: totals.get(`lt:${lt}`) ?? 0, ratePerHourUsd: rates[lt] }])) as CostReport['byLaunchType'];
  const names = new Set<string>();
  for (const key of totals.keys()) if (key.startsWith('svc:')) names.add(key.slice(4));
  for (const name of rateByCharge.keys()) names.add(name);
  const byService = [...names]
    .map((name) => ({
      name,
      ...(services.has(name) ? { serviceArn: services.get(name)! } : {}),
      totalUsd: clean(totals.get(`svc:${name}`) ?? 0),
      ratePerHourUsd: clean(rateByCharge.get(name) ?? 0),
    }))
    .filter((row) => row.totalUsd !== 0 || row.ratePerHourUsd !== 0)
    .sort((a, b) => b.totalUsd - a.totalUsd || (a.name < b.name ? -1 : 1));
  return {
    totalUsd: LAUNCH_TYPES.reduce((sum, lt) => sum + byLaunchType[lt].totalUsd, 0),
    ratePerHourUsd: LAUNCH_TYPES.reduce((sum, lt) => sum + rates[lt], 0),
    byLaunchType,
    byService,
    history: cost.history.map((point) => ({ ...point })),
  };
}

/** Shares moved in and out leave float dust (1e-17) on "unused EC2 capacity": show it as 0. */
function clean(usd: number): number {
  return Math.abs(usd) < 1e-12 ? 0 : usd;
}

/** Whether anything could have cost money: a cost state, container instances, EC2 instances or tasks. */
function anythingBillable(state: EngineState): boolean {
  return state.cost !== undefined || state.instances.size > 0 || (state.ec2?.instances.size ?? 0) > 0 || state.tasks.size > 0;
}

provideCapacitySnapshot('cost', (state, timeMs) => (anythingBillable(state) ? { cost: renderCost(state, Math.max(timeMs, state.cost?.accountedToMs ?? 0)) } : {}));

// The Fargate launch path (first chunk) starts the meter through its hook.
provideCapacityHook('cost', { start: startCostMeter });
