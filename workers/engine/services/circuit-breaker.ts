/**
 * The deployment circuit breaker (ECS Developer Guide, deployment-circuit-breaker; ecs-reference
 * §5): the PRIMARY deployment's failed tasks are counted — stage 1, tasks that never ran healthily
 * (they stopped before RUNNING or crashed before they counted as healthy); stage 2, tasks the
 * scheduler replaced because they failed ELB or container health checks. At the threshold
 * clamp(ceil(desired / 2), 10, 200) the deployment is FAILED and launches nothing more; with
 * `rollback`, a new PRIMARY deployment of the last COMPLETED deployment's task definition starts.
 * Wording: ECS Developer Guide ecs_cwe_events (deployment state change examples) and DescribeServices
 * output seen in the wild (services/messages.ts).
 */
import type { EngineContext } from '../context.ts';
import { circuitBreakerThreshold } from './deployment-math.ts';
import { ROLLOUT_REASONS, SERVICE_MESSAGES } from './messages.ts';
import { addServiceEvent, newDeploymentId, type DeploymentRecord, type ServiceRecord } from './model.ts';
import { emitDeploymentChange } from './scheduler-events.ts';

export function breakerTripped(service: ServiceRecord, deployment: DeploymentRecord): boolean {
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  return breaker?.enable === true && deployment.status === 'PRIMARY' && deployment.rolloutState === 'IN_PROGRESS' && deployment.failedTasks >= circuitBreakerThreshold(deployment.desiredCount);
}

/** Fail the PRIMARY deployment, and roll back when asked and there is a COMPLETED deployment to go back to. */
export function failDeployment(ctx: EngineContext, service: ServiceRecord, failed: DeploymentRecord): DeploymentRecord | undefined {
  const now = ctx.clock.now;
  failed.rolloutState = 'FAILED';
  failed.rolloutStateReason = ROLLOUT_REASONS.failed();
  failed.updatedMs = now;
  addServiceEvent(ctx, service, SERVICE_MESSAGES.deploymentFailed(service.name, failed.id));
  emitDeploymentChange(ctx, service, failed, 'SERVICE_DEPLOYMENT_FAILED');
  const target = service.scheduler.lastCompleted;
  if (service.deploymentConfiguration.deploymentCircuitBreaker?.rollback !== true || target === undefined || target.id === failed.id) return undefined;
  const rollback: DeploymentRecord = {
    id: newDeploymentId(ctx.prng),
    status: 'PRIMARY',
    taskDefinition: target.taskDefinition,
    launchType: target.launchType,
    ...(target.platformVersion === undefined ? {} : { platformVersion: target.platformVersion }),
    ...(target.platformFamily === undefined ? {} : { platformFamily: target.platformFamily }),
    ...(target.network === undefined ? {} : { network: target.network }),
    desiredCount: service.desiredCount,
    createdMs: now,
    updatedMs: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: ROLLOUT_REASONS.rollingBack(target.id),
    failedTasks: 0,
    taskArns: new Set(),
    rollbackFrom: failed.id,
  };
  failed.status = 'ACTIVE';
  service.deployments.unshift(rollback);
  addServiceEvent(ctx, service, SERVICE_MESSAGES.rollingBack(service.name, target.id));
  service.scheduler.announced ??= new Set();
  service.scheduler.announced.add(rollback.id);
  emitDeploymentChange(ctx, service, rollback, 'SERVICE_DEPLOYMENT_IN_PROGRESS');
  return rollback;
}
