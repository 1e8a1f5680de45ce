/**
 * What the scheduler tells beyond a plain service event: EventBridge's "ECS Deployment State
 * Change" and "ECS Service Action" events (ECS Developer Guide, ecs_cwe_events: detail eventType,
 * eventName, deploymentId, updatedAt, reason / clusterArn, createdAt, reason), and events written
 * once per cause: ECS omits a repeated message "until either the cause is resolved or six hours
 * passes" (ECSDG service-event-messages), so a stuck service does not flood its 100 events.
 */
import type { EngineContext } from '../context.ts';
import type { EventBridgeDraft } from '../events/eventbridge.ts';
import { clusterArn, isoAt } from '../ids/arn.ts';
import { addServiceEvent, type DeploymentRecord, type ServiceRecord } from './model.ts';

export const REPEAT_AFTER_MS = 6 * 60 * 60 * 1000;

export type DeploymentEventName = 'SERVICE_DEPLOYMENT_IN_PROGRESS' | 'SERVICE_DEPLOYMENT_COMPLETED' | 'SERVICE_DEPLOYMENT_FAILED';
export type ServiceActionName = 'SERVICE_STEADY_STATE' | 'SERVICE_TASK_PLACEMENT_FAILURE' | 'SERVICE_TASK_START_IMPAIRED';

const ACTION_TYPE: Record<ServiceActionName, 'INFO' | 'WARN' | 'ERROR'> = {
  SERVICE_STEADY_STATE: 'INFO',
  SERVICE_TASK_START_IMPAIRED: 'WARN',
  SERVICE_TASK_PLACEMENT_FAILURE: 'ERROR',
};

/** An "ECS Deployment State Change" on the event log (kind `service.deployment`, the reason as its line). */
export function emitDeploymentChange(ctx: EngineContext, service: ServiceRecord, deployment: DeploymentRecord, eventName: DeploymentEventName): void {
  const reason = deployment.rolloutStateReason;
  const draft: EventBridgeDraft = {
    detailType: 'ECS Deployment State Change',
    resources: [service.arn],
    detail: {
      eventType: eventName === 'SERVICE_DEPLOYMENT_FAILED' ? 'ERROR' : 'INFO',
      eventName,
      deploymentId: deployment.id,
      updatedAt: isoAt(ctx.clock.now).replace(/\.\d{3}Z$/, 'Z'),
      reason,
    },
  };
  ctx.emit('service.deployment', `(service ${service.name}) ${reason}`, service.arn, undefined, draft);
}

export function serviceAction(ctx: EngineContext, service: ServiceRecord, eventName: ServiceActionName, reason?: string): EventBridgeDraft {
  return {
    detailType: 'ECS Service Action',
    resources: [service.arn],
    detail: {
      eventType: ACTION_TYPE[eventName],
      eventName,
      clusterArn: clusterArn(service.clusterName),
      createdAt: isoAt(ctx.clock.now),
      ...(reason === undefined ? {} : { reason }),
    },
  };
}

/**
 * Write `message` under `key` unless the same message was written under it less than six hours
 * ago and its cause has not cleared since (clearReport). Returns whether it was written.
 */
export function reportOnce(ctx: EngineContext, service: ServiceRecord, key: string, message: string, eventBridge?: EventBridgeDraft): boolean {
  const reported = (service.scheduler.reported ??= new Map());
  const lastKey = `${key}\u0000${message}`;
  const at = reported.get(lastKey);
  if (at !== undefined && ctx.clock.now - at < REPEAT_AFTER_MS) return false;
  for (const k of reported.keys()) if (k.startsWith(`${key}\u0000`)) reported.delete(k);
  reported.set(lastKey, ctx.clock.now);
  addServiceEvent(ctx, service, message, eventBridge);
  return true;
}

export function clearReport(service: ServiceRecord, key: string): void {
  const reported = service.scheduler.reported;
  if (reported === undefined || reported.size === 0) return;
  for (const k of reported.keys()) if (k.startsWith(`${key}\u0000`)) reported.delete(k);
}
