/**
 * A container instance leaving its cluster while tasks still run on it (its EC2 instance was
 * terminated, or it was deregistered with force) is DEREGISTERING, as the ECS API names it, until
 * the last of those tasks has STOPPED; then it is gone (AWS then calls it INACTIVE, which
 * DescribeContainerInstances stops listing). Keeping it until then means a task never refers to an
 * instance the snapshot no longer has, and its CPU, memory and ports are accounted to the end.
 * The lifecycle (task-lifecycle.ts) calls `noteTaskReleased` when a task gives its resources back.
 */
import type { EngineContext } from '../context.ts';
import { clusterInstancesChanged } from '../services/cluster-changes.ts';
import type { InstanceRecord } from '../state.ts';

/** Whether a task not yet STOPPED still runs on the instance. */
function hasLiveTasks(ctx: EngineContext, instance: InstanceRecord): boolean {
  for (const record of ctx.state.tasks.values()) {
    if (record.instanceArn === instance.containerInstanceArn && !record.released) return true;
  }
  return false;
}

/** Mark the instance DEREGISTERING, or remove it at once when nothing runs on it; `message` goes to the event log when it is gone. */
export function startDeregistration(ctx: EngineContext, instance: InstanceRecord, message: string): void {
  instance.status = 'DEREGISTERING';
  instance.agentConnected = false;
  instance.version += 1;
  instance.deregistrationMessage = message;
  if (!hasLiveTasks(ctx, instance)) finish(ctx, instance);
}

export function noteTaskReleased(ctx: EngineContext, instance: InstanceRecord): void {
  if (instance.status === 'DEREGISTERING' && !hasLiveTasks(ctx, instance)) finish(ctx, instance);
}

function finish(ctx: EngineContext, instance: InstanceRecord): void {
  ctx.state.instances.delete(instance.containerInstanceArn);
  ctx.emit('instance.deregistered', instance.deregistrationMessage ?? `Container instance ${instance.ec2InstanceId} was deregistered from cluster ${instance.clusterName}.`, instance.containerInstanceArn);
  clusterInstancesChanged(ctx, instance.clusterName);
}
