/**
 * ECS agents losing and regaining their connection (sim:DisconnectAgent / sim:ReconnectAgent, and
 * every agent of a zone that is out). While an agent is disconnected, DescribeContainerInstances
 * shows agentConnected false; its tasks keep running (the containers do not need the agent), and
 * ECS places nothing new on the instance (placement/filters/status.ts). Each change sends an "ECS
 * Container Instance State Change" event, as ECS does when agentConnected changes.
 */
import type { EngineContext } from '../context.ts';
import { clusterInstancesChanged } from '../services/cluster-changes.ts';
import type { InstanceRecord } from '../state.ts';
import { containerInstanceStateChange } from './instance-events.ts';
import { faultsOf, zoneUnavailable, type AgentDisconnect } from './model.ts';

export function instanceLabel(instance: InstanceRecord): string {
  return `${instance.ec2InstanceId} (${instance.launchType === 'EXTERNAL' ? 'external' : instance.instanceType.name}, ${instance.availabilityZone})`;
}

/** Whether the agent is connected in the fault model: not disconnected by hand and its zone not out. */
export function agentShouldBeConnected(ctx: EngineContext, instance: InstanceRecord): boolean {
  return !faultsOf(ctx.state).disconnectedAgents.has(instance.containerInstanceArn) && !zoneUnavailable(ctx.state, instance.availabilityZone);
}

/** Set the instance's agentConnected and tell ECS's listeners (event log, EventBridge, placement waiters). */
export function setAgentConnected(ctx: EngineContext, instance: InstanceRecord, connected: boolean, why: string): void {
  if ((instance.agentConnected !== false) === connected) return;
  if (connected) delete instance.agentConnected;
  else instance.agentConnected = false;
  instance.version += 1;
  ctx.emit(
    connected ? 'instance.agent-connected' : 'instance.agent-disconnected',
    connected
      ? `The ECS agent on container instance ${instanceLabel(instance)} reconnected (${why}): agentConnected is true again and new tasks can be placed on it.`
      : `The ECS agent on container instance ${instanceLabel(instance)} disconnected (${why}): agentConnected is false, ECS places no new tasks on it, and the tasks already there keep running.`,
    instance.containerInstanceArn,
    undefined,
    containerInstanceStateChange(ctx.state, instance, ctx.clock.now),
  );
  clusterInstancesChanged(ctx, instance.clusterName);
}

/** sim:DisconnectAgent's work, after its checks. */
export function disconnectAgentNow(ctx: EngineContext, instance: InstanceRecord, durationMs: number | undefined): void {
  const faults = faultsOf(ctx.state);
  const now = ctx.clock.now;
  const record: AgentDisconnect = { sinceMs: now };
  if (durationMs !== undefined) {
    record.untilMs = now + durationMs;
    record.timer = ctx.clock.schedule(now + durationMs, () => reconnectAgentNow(ctx, instance, `its disconnection of ${durationMs / 1000} s ended`));
  }
  faults.disconnectedAgents.set(instance.containerInstanceArn, record);
  setAgentConnected(ctx, instance, false, durationMs === undefined ? 'sim:DisconnectAgent' : `sim:DisconnectAgent for ${durationMs / 1000} s`);
}

/** Reconnect a disconnected agent (sim:ReconnectAgent or the end of its duration), unless its zone is still out. */
export function reconnectAgentNow(ctx: EngineContext, instance: InstanceRecord, why: string): void {
  const faults = faultsOf(ctx.state);
  const record = faults.disconnectedAgents.get(instance.containerInstanceArn);
  if (record?.timer !== undefined) ctx.clock.cancel(record.timer);
  faults.disconnectedAgents.delete(instance.containerInstanceArn);
  if (!ctx.state.instances.has(instance.containerInstanceArn)) return;
  if (agentShouldBeConnected(ctx, instance)) setAgentConnected(ctx, instance, true, why);
}
