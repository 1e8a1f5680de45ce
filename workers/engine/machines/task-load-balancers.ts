/**
 * What a service task does with its load balancers (TaskRecord.loadBalancers, set by the service
 * scheduler): while ACTIVATING, ECS registers it with each — a target group as instance id + host port
 * or IP + container port (elb/task-targets.ts), a Classic Load Balancer as its EC2 instance; while
 * DEACTIVATING it deregisters them, and the task stays DEACTIVATING until the targets have drained
 * (the longest deregistration_delay.timeout_seconds of its target groups; a Classic Load Balancer
 * created through the API has connection draining off). The lifecycle observer hears each
 * registration and deregistration.
 *
 * What the task registered is kept beside it (a WeakMap: TaskRecord stays the shape the scheduler
 * and the snapshot know), so deregistration undoes exactly that, even if the service's mapping
 * changed in between.
 */
import type { ServiceLoadBalancer } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { classicRegistration, type ClassicLoadBalancerRecord } from '../elb/classic-model.ts';
import { deregisterTarget, registerTarget } from '../elb/health.ts';
import { drainSeconds, targetKey, type TargetGroupRecord } from '../elb/model.ts';
import { targetsOfTask } from '../elb/task-targets.ts';
import { instanceOfTask, type TaskRecord } from '../state.ts';
import { taskLabel } from './task-label.ts';
import { provideTaskLoadBalancing } from './load-balancing-hook.ts';

interface Registration {
  lb: ServiceLoadBalancer;
  tg?: TargetGroupRecord;
  clb?: ClassicLoadBalancerRecord;
  id: string;
  port: number;
}

const registered = new WeakMap<TaskRecord, Registration[]>();


export const hasRegisteredTargets = (record: TaskRecord): boolean => (registered.get(record)?.length ?? 0) > 0;

/** Register the task with each of its load balancers; a mapping that cannot be registered is said in the event log and skipped. */
export function registerTaskTargets(ctx: EngineContext, record: TaskRecord): void {
  const done: Registration[] = registered.get(record) ?? [];
  for (const lb of record.loadBalancers ?? []) {
    const registration = register(ctx, record, lb);
    if (registration === undefined) continue;
    done.push(registration);
    record.observer?.targetRegistered?.(record, lb, { id: registration.id, port: registration.port });
  }
  if (done.length > 0) registered.set(record, done);
}

function register(ctx: EngineContext, record: TaskRecord, lb: ServiceLoadBalancer): Registration | undefined {
  const owner = { record, lb };
  if (lb.targetGroupArn !== undefined) {
    const tg = ctx.state.elb?.targetGroups.get(lb.targetGroupArn);
    if (tg === undefined) return skip(ctx, record, `target group ${lb.targetGroupArn} no longer exists`);
    const target = targetsOfTask(ctx.state, tg, record, lb.containerName, lb.containerPort);
    if (!target.ok) return skip(ctx, record, target.message);
    registerTarget(ctx, tg, target.Id, target.Port, owner);
    return { lb, tg, id: target.Id, port: target.Port };
  }
  const name = lb.loadBalancerName ?? '';
  const clb = ctx.state.elb?.classic?.get(name);
  const classic = classicRegistration();
  if (clb === undefined || classic === undefined) return skip(ctx, record, `Classic Load Balancer ${name} no longer exists`);
  const instance = instanceOfTask(ctx.state, record);
  if (instance === undefined) return skip(ctx, record, `a Classic Load Balancer registers EC2 instances, and this task runs on none`);
  const binding = record.ports.find((p) => p.containerName === lb.containerName && p.containerPort === lb.containerPort);
  classic.register(ctx, clb, instance.ec2InstanceId, owner);
  return { lb, clb, id: instance.ec2InstanceId, port: binding?.hostPort ?? lb.containerPort };
}

function skip(ctx: EngineContext, record: TaskRecord, why: string): undefined {
  ctx.emit('elb.register.failed', `${taskLabel(record)} could not be registered with its load balancer: ${why}.`, record.task.taskArn);
  return undefined;
}

/**
 * Deregister everything the task registered; returns how long its targets drain (ms). A target that
 * meanwhile belongs to another task (same address and port) is left alone.
 */
export function deregisterTaskTargets(ctx: EngineContext, record: TaskRecord): number {
  const done = registered.get(record);
  if (done === undefined) return 0;
  registered.delete(record);
  let drainMs = 0;
  for (const registration of done) {
    const { lb, tg, clb, id, port } = registration;
    if (tg !== undefined) {
      // A target group deleted meanwhile took its targets with it: nothing to deregister or drain.
      if (ctx.state.elb?.targetGroups.get(tg.arn) !== tg) continue;
      const target = tg.targets.get(targetKey(id, port));
      if (target === undefined || (target.owner !== undefined && target.owner.record !== record)) continue;
      if (target.state !== 'draining') {
        deregisterTarget(ctx, tg, id, port);
        drainMs = Math.max(drainMs, drainSeconds(tg) * 1000);
      } else drainMs = Math.max(drainMs, (target.drainEndsMs ?? ctx.clock.now) - ctx.clock.now);
    } else if (clb !== undefined) {
      const instance = clb.instances.get(id);
      if (instance === undefined || (instance.owner !== undefined && instance.owner.record !== record)) continue;
      classicRegistration()?.deregister(ctx, clb, id);
    }
    record.observer?.targetDeregistered?.(record, lb, { id, port });
  }
  return drainMs;
}

// The lifecycle reaches these through machines/load-balancing-hook.ts (this module loads with the scheduler).
provideTaskLoadBalancing({ registered: hasRegisteredTargets, register: registerTaskTargets, deregister: deregisterTaskTargets });
