/**
 * Target health as ELB keeps it, on the virtual clock. A registered target is `initial`
 * (Elb.RegistrationInProgress) until the health checks decide: `healthy` after HealthyThresholdCount
 * consecutive passes, `unhealthy` after UnhealthyThresholdCount consecutive failures (and back to
 * healthy after HealthyThresholdCount passes). Deregistering makes it `draining`
 * (Target.DeregistrationInProgress) for deregistration_delay.timeout_seconds, then it is gone.
 *
 * From `initial`, the sandbox needs HealthyThresholdCount passes, as the ECS Best Practices Guide
 * counts it (30 s × 5 = 150 s with the defaults); the ALB User Guide says one passing check is
 * enough for a new target — UNCONFIRMED which one AWS does in practice (ecs-reference §9).
 *
 * Cost: ONE timer per target group checks all its targets every HealthCheckIntervalSeconds, and
 * only while the group is in use by a load balancer (otherwise its targets are `unused`,
 * Target.NotInUse, and nothing is checked). Drains have a timer each (they are rare).
 *
 * These functions are what the service scheduler calls (registerTarget / deregisterTarget); they
 * assume their input was checked (commands/elbv2.ts checks the API's).
 */
import type { ElbTargetHealthDescription, ElbTargetState } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import type { EngineState } from '../state.ts';
import { drainSeconds, elbOf, targetKey, type ListenerRecord, type TargetGroupRecord, type TargetOwner, type TargetRecord } from './model.ts';
import { probeIndex, probeTarget } from './probe.ts';
import { securityGroupVersion } from '../network/security-groups.ts';
import { DEFAULT_SUBNETS } from '../network/default-vpc.ts';
import { parseCidr } from '../network/ipv4.ts';

/** The Availability Zone of the default subnet holding an IP (DescribeTargetHealth names it for ip targets). */
function zoneOfIp(ip: string): string | undefined {
  const parts = ip.split('.').map(Number);
  const address = ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
  for (const subnet of DEFAULT_SUBNETS) {
    const block = parseCidr(subnet.cidrBlock);
    if (block !== undefined && address >= block.base && address < block.base + block.size) return subnet.availabilityZone;
  }
  return undefined;
}

const REGISTERING = { reason: 'Elb.RegistrationInProgress', description: 'Target registration is in progress' };
const INITIAL_CHECKING = { reason: 'Elb.InitialHealthChecking', description: 'Initial health checks in progress' };
const DRAINING = { reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' };
const NOT_IN_USE = { reason: 'Target.NotInUse', description: 'Target group is not configured to receive traffic from the load balancer' };
const NOT_REGISTERED = { reason: 'Target.NotRegistered', description: 'Target is not registered to the target group' };

export { noteHealthInputsChanged } from './health-epoch.ts';

/**
 * What a settled round's verdicts depend on, beyond the group's own targets: task and container
 * statuses and image behaviours (healthEpoch), security groups, and which instances exist.
 */
function quietKey(state: EngineState): string {
  return `${state.healthEpoch ?? 0}/${securityGroupVersion(state)}/${state.instances.size}`;
}

/** The listener last found forwarding to each group: while it still is (and still exists), the answer needs no scan. */
const forwardingListener = new WeakMap<TargetGroupRecord, ListenerRecord>();

/** Some listener forwards to the group (loadBalancersOf(…).length > 0, without its list: asked twice every health round). */
export function isInUse(state: EngineState, tg: TargetGroupRecord): boolean {
  const listeners = elbOf(state).listeners;
  const known = forwardingListener.get(tg);
  if (known !== undefined && known.targetGroupArn === tg.arn && listeners.get(known.arn) === known) return true;
  for (const listener of listeners.values()) {
    if (listener.targetGroupArn !== tg.arn) continue;
    forwardingListener.set(tg, listener);
    return true;
  }
  return false;
}

const label = (tg: TargetGroupRecord, target: TargetRecord): string => `Target ${target.id}:${target.port} in tg ${tg.name}`;

/**
 * Register one target (or leave it as it is if already registered and not draining). `owner` is the
 * ECS task registering it (told when the target turns healthy or unhealthy).
 */
export function registerTarget(ctx: EngineContext, tg: TargetGroupRecord, id: string, port: number, owner?: TargetOwner): void {
  const key = targetKey(id, port);
  const existing = tg.targets.get(key);
  if (existing !== undefined && existing.state !== 'draining') {
    if (owner !== undefined) existing.owner = owner;
    return;
  }
  if (existing?.drainTimer !== undefined) ctx.clock.cancel(existing.drainTimer);
  // Every field set up front, in one order: the health round walks thousands of these (one hidden class).
  const target: TargetRecord = {
    id, port, state: 'initial', reason: REGISTERING.reason, description: REGISTERING.description, streak: 0, checks: 0,
    drainEndsMs: undefined, drainTimer: undefined, requests: existing?.requests ?? 0, task: undefined, owner, sgVersion: -1, sgRefusal: undefined,
  };
  tg.targets.set(key, target);
  tg.quietKey = undefined;
  ctx.emit('elb.target', `${label(tg, target)} is registered: initial until health checks decide (every ${tg.health.intervalSeconds} s).`, tg.arn);
  armHealthChecks(ctx, tg);
}

/** Deregister one target: it drains for the deregistration delay, then is gone. Unknown targets are ignored. */
export function deregisterTarget(ctx: EngineContext, tg: TargetGroupRecord, id: string, port: number): void {
  const target = tg.targets.get(targetKey(id, port));
  if (target === undefined || target.state === 'draining') return;
  const delay = drainSeconds(tg);
  Object.assign(target, { state: 'draining', ...DRAINING, streak: 0, drainEndsMs: ctx.clock.now + delay * 1000 });
  tg.quietKey = undefined;
  ctx.emit('elb.target', `${label(tg, target)} is draining: no new requests, removed after the deregistration delay of ${delay} s.`, tg.arn);
  target.drainTimer = ctx.clock.schedule(ctx.clock.now + delay * 1000, () => {
    if (tg.targets.get(targetKey(id, port)) !== target) return;
    tg.targets.delete(targetKey(id, port));
    ctx.emit('elb.target', `${label(tg, target)} is deregistered: the ${delay} s deregistration delay is over.`, tg.arn);
  });
}

/** Start the group's health-check timer if it has targets to check and a load balancer; idempotent. */
export function armHealthChecks(ctx: EngineContext, tg: TargetGroupRecord): void {
  if (tg.tickTimer !== undefined || !isInUse(ctx.state, tg)) return;
  let any = false;
  for (const target of tg.targets.values()) if (target.state !== 'draining') { any = true; break; }
  if (!any) return;
  tg.tickTimer = ctx.clock.schedule(ctx.clock.now + tg.health.intervalSeconds * 1000, () => {
    tg.tickTimer = undefined;
    checkAll(ctx, tg);
    armHealthChecks(ctx, tg);
  });
}

/** Stop checking (the group lost its load balancer or is deleted); targets start over as `initial`. */
export function disarmHealthChecks(ctx: EngineContext, tg: TargetGroupRecord): void {
  if (tg.tickTimer !== undefined) ctx.clock.cancel(tg.tickTimer);
  tg.tickTimer = undefined;
  tg.quietKey = undefined;
  for (const target of tg.targets.values()) {
    // Its next load balancer may have other security groups: the cached verdict is decided again.
    target.sgVersion = -1;
    if (target.state !== 'draining') Object.assign(target, { state: 'initial', ...REGISTERING, streak: 0, checks: 0 });
  }
}

/** Cancel every timer of a group (DeleteTargetGroup). */
export function dropTargetGroupTimers(ctx: EngineContext, tg: TargetGroupRecord): void {
  disarmHealthChecks(ctx, tg);
  for (const target of tg.targets.values()) if (target.drainTimer !== undefined) ctx.clock.cancel(target.drainTimer);
}

/**
 * One health-check round: every non-draining target gets one check. A round after which every
 * target is settled — healthy and passing, or unhealthy and failing — is remembered with what its
 * verdicts depend on (quietKey); while that holds, the next rounds would repeat it exactly, so they
 * are skipped (a service at steady state costs nothing between changes, over hours of virtual time).
 */
function checkAll(ctx: EngineContext, tg: TargetGroupRecord): void {
  const key = quietKey(ctx.state);
  if (tg.quietKey === key) return;
  const index = probeIndex(ctx.state);
  const now = ctx.clock.now;
  const { healthyThreshold, unhealthyThreshold } = tg.health;
  let settled = true;
  for (const target of tg.targets.values()) {
    if (target.state === 'draining') continue;
    const verdict = probeTarget(ctx.state, index, tg, target, now);
    target.checks += 1;
    if (verdict.pass ? target.state !== 'healthy' : target.state !== 'unhealthy') settled = false;
    if (verdict.pass) {
      target.streak = target.streak > 0 ? target.streak + 1 : 1;
      if (target.state === 'healthy') continue;
      if (target.streak >= healthyThreshold) {
        target.state = 'healthy';
        target.reason = undefined;
        target.description = undefined;
        ctx.emit('elb.health', `${label(tg, target)} is healthy: ${target.streak} consecutive health checks passed.`, tg.arn);
        if (target.owner !== undefined) tellOwner(target);
      } else if (target.state === 'initial') Object.assign(target, INITIAL_CHECKING);
    } else {
      target.streak = target.streak < 0 ? target.streak - 1 : -1;
      const failures = -target.streak;
      if (target.state === 'unhealthy') {
        target.reason = verdict.reason;
        target.description = verdict.description;
      } else if (failures >= unhealthyThreshold) {
        Object.assign(target, { state: 'unhealthy', reason: verdict.reason, description: verdict.description });
        const why = verdict.hint === undefined ? '' : ` The checks never arrive: ${verdict.hint}`;
        ctx.emit('elb.health', `${label(tg, target)} is unhealthy: ${failures} consecutive health checks failed (${verdict.reason}: ${verdict.description}).${why}`, tg.arn);
        if (target.owner !== undefined) tellOwner(target);
      } else if (target.state === 'initial') Object.assign(target, INITIAL_CHECKING);
    }
  }
  // Only the key read BEFORE the round: a verdict that changed anything (an event, an observer) bumps it.
  tg.quietKey = settled && key === quietKey(ctx.state) ? key : undefined;
}

/**
 * A target registered by an ECS task flipped healthy or unhealthy: tell the task's lifecycle
 * observer (the service scheduler), last, since it may stop the task and so deregister the target.
 */
function tellOwner(target: TargetRecord): void {
  const { record, lb } = target.owner!;
  const state = target.state === 'healthy' ? 'healthy' : 'unhealthy';
  record.observer?.targetHealthChanged?.(record, lb, {
    state,
    ...(target.reason === undefined ? {} : { reason: target.reason }),
    ...(target.description === undefined ? {} : { description: target.description }),
    port: target.port,
  });
}

/** The state DescribeTargetHealth shows: `unused` while the group has no load balancer. */
export function visibleHealth(state: EngineState, tg: TargetGroupRecord, target: TargetRecord): { State: ElbTargetState; Reason?: string; Description?: string } {
  if (target.state !== 'draining' && !isInUse(state, tg)) return { State: 'unused', Reason: NOT_IN_USE.reason, Description: NOT_IN_USE.description };
  if (target.state === 'healthy') return { State: 'healthy' };
  return { State: target.state, ...(target.reason === undefined ? {} : { Reason: target.reason, Description: target.description }) };
}

/** DescribeTargetHealth's entry for a target, registered or not. */
export function describeTarget(state: EngineState, tg: TargetGroupRecord, id: string, port: number): ElbTargetHealthDescription {
  const target = tg.targets.get(targetKey(id, port));
  return {
    Target: { Id: id, Port: port, ...(tg.targetType === 'ip' && zoneOfIp(id) !== undefined ? { AvailabilityZone: zoneOfIp(id)! } : {}) },
    HealthCheckPort: tg.health.port === 'traffic-port' ? String(port) : tg.health.port,
    TargetHealth: target === undefined ? { State: 'unused', Reason: NOT_REGISTERED.reason, Description: NOT_REGISTERED.description } : visibleHealth(state, tg, target),
  };
}

/** The scheduler's question: is this target healthy in the group right now? */
export function isTargetHealthy(state: EngineState, tg: TargetGroupRecord, id: string, port: number): boolean {
  const target = tg.targets.get(targetKey(id, port));
  return target !== undefined && target.state === 'healthy' && isInUse(state, tg);
}
