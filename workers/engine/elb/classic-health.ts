/**
 * Instance health in a Classic Load Balancer, on the virtual clock: a registered instance is
 * OutOfService ("Instance registration is still in progress.") until HealthyThreshold consecutive
 * checks pass, then InService; UnhealthyThreshold consecutive failures make it OutOfService again
 * (ReasonCode Instance, "Instance has failed at least the UnhealthyThreshold number of health checks
 * consecutively."). — elb API reference, InstanceState; ecs-reference §5 (the service event quotes
 * the same reason).
 *
 * One timer per load balancer checks all its instances every Interval seconds. A check goes to the
 * health check's port on the instance: TCP passes when a RUNNING task binds that host port, HTTP(S)
 * when that task's application answers healthy (images/behavior.ts) — and only when the instance's
 * security groups let the load balancer in (probe.ts securityGroupBlock).
 *
 * Deregistration is immediate: connection draining is off for a Classic Load Balancer created
 * through the API (elb API reference, ConnectionDraining: Enabled false by default).
 *
 * Loaded with the elb commands (a Classic Load Balancer exists only after elb:CreateLoadBalancer):
 * the task lifecycle reaches registration through classic-model.ts's hook, which that module fills.
 */
import type { EngineContext } from '../context.ts';
import type { ClassicHealthCheck, ClassicInstanceHealth, ClassicListener, ClassicLoadBalancerRecord } from './classic-model.ts';
import type { TargetOwner } from './model.ts';
import { allowsIngress, ingressRefusal, instanceGroups } from '../network/security-groups.ts';
import type { EngineState } from '../state.ts';
import { answers, BAD_CODE, isDynamicPort, PASS, probeIndex, REFUSED, responds, taskOnInstancePort, TIMEOUT, trafficSource, type ProbeIndex, type ProbeVerdict } from './probe.ts';

/**
 * The health check a new Classic Load Balancer has until ConfigureHealthCheck: a TCP check of the
 * first listener's instance port every 30 s, timeout 5 s, unhealthy after 2, healthy after 10. The
 * API reference (HealthCheck) gives only the ranges (interval 5–300, timeout 2–60, thresholds 2–10);
 * these values are the long-standing defaults as tools report them — UNCONFIRMED as API behaviour.
 */
export function defaultClassicHealthCheck(listener: ClassicListener): ClassicHealthCheck {
  return { Target: `TCP:${listener.InstancePort}`, protocol: 'TCP', port: listener.InstancePort, Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 10 };
}

/** DescribeInstanceHealth descriptions (elb API reference, InstanceState). */
export const CLASSIC_HEALTH_TEXT = {
  registering: 'Instance registration is still in progress.',
  failed: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.',
  notRunning: 'Instance is in stopped state.',
} as const;

const label = (clb: ClassicLoadBalancerRecord, id: string): string => `Instance ${id} in Classic Load Balancer ${clb.name}`;

/** Register an instance (again: keeps its health, takes the new owner). */
export function registerClassicInstance(ctx: EngineContext, clb: ClassicLoadBalancerRecord, instanceId: string, owner?: TargetOwner): void {
  const existing = clb.instances.get(instanceId);
  if (existing !== undefined) {
    if (owner !== undefined) existing.owner = owner;
    return;
  }
  clb.instances.set(instanceId, {
    instanceId, state: 'OutOfService', reasonCode: 'ELB', description: CLASSIC_HEALTH_TEXT.registering, streak: 0, decided: false, owner,
  });
  const hc = clb.healthCheck;
  ctx.emit('elb.classic', `${label(clb, instanceId)} is registered: OutOfService until ${hc.HealthyThreshold} health checks of ${hc.Target} pass (every ${hc.Interval} s).`);
  armClassicChecks(ctx, clb);
}

export function deregisterClassicInstance(ctx: EngineContext, clb: ClassicLoadBalancerRecord, instanceId: string): void {
  if (!clb.instances.delete(instanceId)) return;
  ctx.emit('elb.classic', `${label(clb, instanceId)} is deregistered (connection draining is off: at once).`);
}

export function armClassicChecks(ctx: EngineContext, clb: ClassicLoadBalancerRecord): void {
  if (clb.tickTimer !== undefined || clb.instances.size === 0) return;
  clb.tickTimer = ctx.clock.schedule(ctx.clock.now + clb.healthCheck.Interval * 1000, () => {
    clb.tickTimer = undefined;
    checkClassic(ctx, clb, probeIndex(ctx.state));
    armClassicChecks(ctx, clb);
  });
}

/** Start the checks over (ConfigureHealthCheck changed the interval) or stop them (DeleteLoadBalancer). */
export function disarmClassicChecks(ctx: EngineContext, clb: ClassicLoadBalancerRecord): void {
  if (clb.tickTimer !== undefined) ctx.clock.cancel(clb.tickTimer);
  clb.tickTimer = undefined;
}

function checkClassic(ctx: EngineContext, clb: ClassicLoadBalancerRecord, index: ProbeIndex): void {
  const hc = clb.healthCheck;
  for (const instance of clb.instances.values()) {
    const verdict = probeInstancePort(ctx.state, index, instance.instanceId, hc.port, hc.protocol === 'HTTP' || hc.protocol === 'HTTPS', clb.securityGroups, clb.subnets, ctx.clock.now);
    if (verdict.pass) {
      instance.streak = instance.streak > 0 ? instance.streak + 1 : 1;
      if (instance.state === 'OutOfService' && instance.streak >= hc.HealthyThreshold) {
        Object.assign(instance, { state: 'InService', reasonCode: 'N/A', description: 'N/A', decided: true });
        ctx.emit('elb.classic', `${label(clb, instance.instanceId)} is InService: ${instance.streak} consecutive health checks of ${hc.Target} passed.`);
        tellOwner(instance, 'healthy', hc.port);
      }
    } else {
      instance.streak = instance.streak < 0 ? instance.streak - 1 : -1;
      const failures = -instance.streak;
      const flips = instance.state === 'InService' || !instance.decided;
      if (flips && failures >= hc.UnhealthyThreshold) {
        Object.assign(instance, { state: 'OutOfService', reasonCode: 'Instance', description: CLASSIC_HEALTH_TEXT.failed, decided: true });
        ctx.emit('elb.classic', `${label(clb, instance.instanceId)} is OutOfService: ${failures} consecutive health checks of ${hc.Target} failed (${verdict.description}).${verdict.hint === undefined ? '' : ` The checks never arrive: ${verdict.hint}`}`);
        tellOwner(instance, 'unhealthy', hc.port);
      }
    }
  }
}

function tellOwner(instance: ClassicInstanceHealth, state: 'healthy' | 'unhealthy', port: number): void {
  if (instance.owner === undefined) return;
  const { record, lb } = instance.owner;
  record.observer?.targetHealthChanged?.(record, lb, state === 'healthy' ? { state, port } : { state, reason: instance.reasonCode, description: instance.description, port });
}

/**
 * A check of `port` on instance `instanceId`: the security groups, then the task bound there, as
 * for an instance target of a target group (probe.ts). Not cached: Classic Load Balancers have few instances.
 */
export function probeInstancePort(state: EngineState, index: ProbeIndex, instanceId: string, port: number, http: boolean, lbGroups: readonly string[], lbSubnets: readonly string[], nowMs: number): ProbeVerdict {
  if (index.instanceById(instanceId) === undefined) return TIMEOUT;
  const record = taskOnInstancePort(state, index, instanceId, port, false);
  const source = trafficSource(lbGroups, lbSubnets);
  const groups = instanceGroups(state, instanceId);
  if (!allowsIngress(state, groups, source, 'tcp', port)) {
    return { ...TIMEOUT, hint: ingressRefusal(state, groups, `instance ${instanceId}`, source, 'the load balancer', 'tcp', port, isDynamicPort(record, port)) };
  }
  if (record === undefined || !answers(record)) return REFUSED;
  if (!http) return PASS;
  return responds(state, index, record) ? PASS : BAD_CODE;
}
