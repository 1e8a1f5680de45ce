/**
 * An Availability Zone out for a while (sim:FailAvailabilityZone / sim:RestoreAvailabilityZone).
 * AWS documents no "zone outage" behaviour of ECS, so this is the sandbox's model (UNCONFIRMED as a
 * whole), chosen to show what multi-AZ placement protects against:
 * - every container instance in the zone loses its ECS agent (agentConnected false): nothing new is
 *   placed there;
 * - the tasks on those instances, and the Fargate tasks in the zone, stop with a stoppedReason that
 *   says so (their hosts are unreachable); services replace them elsewhere through their normal
 *   scheduler, and their load balancer targets go as the tasks stop;
 * - new Fargate tasks avoid the zone (commands/run-task-fargate.ts reads zoneUnavailable);
 * - Auto Scaling launches nothing there and replaces its instances (autoscaling/ reads
 *   zoneUnavailable).
 * When the zone is restored (or its duration ends) the agents reconnect, unless one was also
 * disconnected on its own with sim:DisconnectAgent.
 */
import type { EngineContext } from '../context.ts';
import type { TaskRecord } from '../state.ts';
import { plural } from '../text.ts';
import { agentShouldBeConnected, setAgentConnected } from './agents.ts';
import { zoneOutageStopReason } from './messages.ts';
import { faultsOf, type ZoneOutage } from './model.ts';

export function failZoneNow(ctx: EngineContext, zone: string, durationMs: number | undefined): void {
  const now = ctx.clock.now;
  const outage: ZoneOutage = { sinceMs: now };
  if (durationMs !== undefined) {
    outage.untilMs = now + durationMs;
    outage.timer = ctx.clock.schedule(now + durationMs, () => restoreZoneNow(ctx, zone, `its outage of ${durationMs / 1000} s ended`));
  }
  faultsOf(ctx.state).unavailableZones.set(zone, outage);
  const instances = [...ctx.state.instances.values()].filter((instance) => instance.availabilityZone === zone);
  const tasks = [...ctx.state.tasks.values()].filter((record) => stopsWithZone(ctx, record, zone));
  ctx.emit(
    'fault.zone-out',
    `Availability Zone ${zone} is out${durationMs === undefined ? ' until sim:RestoreAvailabilityZone' : ` for ${durationMs / 1000} s`}: ${plural(instances.length, 'container instance')} there lose their ECS agents, ${plural(tasks.length, 'task')} there stop, new Fargate tasks avoid the zone and Auto Scaling launches nothing in it.`,
  );
  for (const instance of instances) setAgentConnected(ctx, instance, false, `Availability Zone ${zone} is out`);
  for (const record of tasks) {
    const task = record.task;
    task.desiredStatus = 'STOPPED';
    task.stoppedReason = zoneOutageStopReason(zone);
    task.version += 1;
    ctx.requestStop(record);
  }
}

/** A task that stops when its zone goes: on Fargate in the zone, or on a container instance there. */
function stopsWithZone(ctx: EngineContext, record: TaskRecord, zone: string): boolean {
  if (record.task.desiredStatus === 'STOPPED' || record.task.lastStatus === 'STOPPED') return false;
  if (record.instanceArn !== undefined) return ctx.state.instances.get(record.instanceArn)?.availabilityZone === zone;
  return record.task.launchType === 'FARGATE' && record.task.availabilityZone === zone;
}

export function restoreZoneNow(ctx: EngineContext, zone: string, why: string): void {
  const faults = faultsOf(ctx.state);
  const outage = faults.unavailableZones.get(zone);
  if (outage === undefined) return;
  if (outage.timer !== undefined) ctx.clock.cancel(outage.timer);
  faults.unavailableZones.delete(zone);
  const instances = [...ctx.state.instances.values()].filter((instance) => instance.availabilityZone === zone);
  ctx.emit('fault.zone-restored', `Availability Zone ${zone} is back (${why}) after ${(ctx.clock.now - outage.sinceMs) / 1000} s: its container instances' agents reconnect and Fargate and Auto Scaling can use it again.`);
  for (const instance of instances) {
    if (agentShouldBeConnected(ctx, instance)) setAgentConnected(ctx, instance, true, `Availability Zone ${zone} is back`);
  }
}

/** Instances registered into a zone that is out (e.g. sim:AddContainerInstances) come up without an agent connection. */
export function disconnectNewInstancesInOutZones(ctx: EngineContext, clusterName: string): void {
  const faults = ctx.state.faults;
  if (faults === undefined || faults.unavailableZones.size === 0) return;
  for (const instance of ctx.state.instances.values()) {
    if (instance.clusterName !== clusterName || instance.agentConnected === false) continue;
    if (faults.unavailableZones.has(instance.availabilityZone)) {
      setAgentConnected(ctx, instance, false, `Availability Zone ${instance.availabilityZone} is out`);
    }
  }
}
