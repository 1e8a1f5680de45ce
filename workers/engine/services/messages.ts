/**
 * Every text the service scheduler writes — service events (DescribeServices `events`), task stop
 * reasons, deployment rollout reasons — in AWS's wording, in one place. Sources:
 *   ECSDG = Amazon ECS Developer Guide (awsdocs/amazon-ecs-developer-guide): service-event-messages,
 *           ecs_cwe_events (deployment state change examples);
 *   SEEN  = verbatim DescribeServices / DescribeTasks output quoted in public repositories and issues
 *           (ecs-reference §5: hackforla/CivicTechJobs#436, kayac/ecspresso#5, sil-org/ecs-deploy#95,
 *           reproio/ecs_deploy#81, spinnaker clouddriver tests, aws-copilot-cli tests and others).
 * Task ids in events are the last part of the task ARN (32 hex characters).
 */
import { idOfArn } from '../ids/arn.ts';

const svc = (name: string): string => `(service ${name})`;
const tasks = (arns: readonly string[]): string => arns.map((arn) => `(task ${idOfArn(arn)})`).join(' ');

/** How a placement refusal reads after "The closest matching (container-instance ID) ". */
export type ClosestReason = 'RESOURCE:CPU' | 'RESOURCE:MEMORY' | 'RESOURCE:PORTS' | 'RESOURCE:ENI' | 'ATTRIBUTE' | string;

function closestClause(reason: ClosestReason): string {
  switch (reason) {
    case 'RESOURCE:CPU':
      return 'has insufficient CPU units available.'; // ECSDG + SEEN
    case 'RESOURCE:MEMORY':
      return 'has insufficient memory available.'; // ECSDG + SEEN
    case 'RESOURCE:PORTS':
      return 'is already using a port required by your task.'; // ECSDG + SEEN
    case 'ATTRIBUTE':
      return 'is missing an attribute required by your task.'; // UNCONFIRMED (ECSDG names the cause, not the sentence)
    default:
      // SEEN for constraints: encountered error "MemberOf placement constraint unsatisfied."; ENI: UNCONFIRMED, same form
      return `encountered error "${reason}".`;
  }
}

const TROUBLESHOOTING = 'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';

export const SERVICE_MESSAGES = {
  // SEEN (ecs-cli, reproio/ecs_deploy#81): plural form "has started 6 tasks: (task a) (task b) …."
  started: (name: string, arns: readonly string[]) => `${svc(name)} has started ${arns.length} tasks: ${tasks(arns)}.`,
  // SEEN (sil-org/ecs-deploy#95, CivicTechJobs#436)
  stoppedRunning: (name: string, arns: readonly string[]) => `${svc(name)} has stopped ${arns.length} running tasks: ${tasks(arns)}.`,
  // SEEN ("(service tcgl01-api) stopped 2 pending tasks.")
  stoppedPending: (name: string, count: number) => `${svc(name)} stopped ${count} pending tasks.`,
  // SEEN (kayac/ecspresso#5, sil-org/ecs-deploy#95)
  drainingConnections: (name: string, count: number) => `${svc(name)} has begun draining connections on ${count} tasks.`,
  // SEEN (CivicTechJobs#436, ecspresso#5): no final period
  registeredTargets: (name: string, count: number, targetGroupArn: string) => `${svc(name)} registered ${count} targets in (target-group ${targetGroupArn})`,
  deregisteredTargets: (name: string, count: number, targetGroupArn: string) => `${svc(name)} deregistered ${count} targets in (target-group ${targetGroupArn})`,
  // UNCONFIRMED: the Classic Load Balancer form, by analogy ("(elb NAME)" is ECSDG's form for CLBs)
  registeredInstances: (name: string, count: number, elbName: string) => `${svc(name)} registered ${count} instances in (elb ${elbName})`,
  deregisteredInstances: (name: string, count: number, elbName: string) => `${svc(name)} deregistered ${count} instances in (elb ${elbName})`,
  // ECSDG (service-event-messages) + SEEN
  steadyState: (name: string) => `${svc(name)} has reached a steady state.`,
  // SEEN (many DescribeServices outputs, e.g. "(service tutorial) (deployment ecs-svc/36…) deployment completed.")
  deploymentCompleted: (name: string, deploymentId: string) => `${svc(name)} (deployment ${deploymentId}) deployment completed.`,
  // SEEN ("(service api) (deployment ecs-svc/…) deployment failed: tasks failed to start.")
  deploymentFailed: (name: string, deploymentId: string) => `${svc(name)} (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
  // SEEN ("(service api) rolling back to deployment ecs-svc/4744463545704487209.")
  rollingBack: (name: string, deploymentId: string) => `${svc(name)} rolling back to deployment ${deploymentId}.`,
  // ECSDG (service-event-messages), verbatim
  unableToStopOrStart: (name: string) =>
    `${svc(name)} was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`,
  // ECSDG (service-event-messages, service-throttle-logic)
  unableToConsistentlyStart: (name: string) => `${svc(name)} is unable to consistently start tasks successfully.`,
  // ECSDG + SEEN (spinnaker clouddriver tests, aws/amazon-ecs-cli): the closest instance and why it refused
  unableToPlace: (name: string, containerInstanceId: string, reason: ClosestReason) =>
    `${svc(name)} was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${containerInstanceId}) ${closestClause(reason)} ${TROUBLESHOOTING}`,
  // ECSDG names the cause ("No container instances were found in your cluster"); the "Reason:" form is UNCONFIRMED
  noContainerInstances: (name: string) =>
    `${svc(name)} was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. ${TROUBLESHOOTING}`,
  // ECSDG "was unable to place a task. Reason: …" form, with the sandbox's reason
  unableToPlaceReason: (name: string, reason: string) => `${svc(name)} was unable to place a task. Reason: ${reason}`,
  // SEEN ("(service XXX) (instance i-XXX) (port 32875) is unhealthy in (target-group arn…) due to (reason Health checks failed with these codes: [400])";
  // awsvpc tasks: "(service X) (task ID) (port 8080) is unhealthy in …")
  unhealthyInTargetGroup: (name: string, who: { instanceId?: string; taskArn?: string }, port: number, targetGroupArn: string, reason: string) =>
    `${svc(name)} ${who.instanceId !== undefined ? `(instance ${who.instanceId})` : `(task ${idOfArn(who.taskArn ?? '')})`} (port ${port}) is unhealthy in (target-group ${targetGroupArn}) due to (reason ${reason}).`,
  // ECSDG (Classic LB form)
  unhealthyInElb: (name: string, instanceId: string, elbName: string) =>
    `${svc(name)} (instance ${instanceId}) is unhealthy in (elb ${elbName}) due to (reason Instance has failed at least the UnhealthyThreshold number of health checks consecutively.)`,
  // SEEN ("(service task-service) (task b5067ed3…) failed container health checks.")
  failedContainerHealthChecks: (name: string, taskArn: string) => `${svc(name)} (task ${idOfArn(taskArn)}) failed container health checks.`,
} as const;

/** Task stoppedReason values the scheduler sets (stopCode ServiceSchedulerInitiated). */
export const STOP_REASONS = {
  // SEEN (DescribeTasks / EventBridge task events: "Scaling activity initiated by (deployment ecs-svc/8709920613704280865)")
  scaling: (deploymentId: string) => `Scaling activity initiated by (deployment ${deploymentId})`,
  // SEEN ("Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:…)"); CLB: "(elb NAME)" (ecs-reference §4)
  elbHealth: (where: { targetGroupArn?: string; loadBalancerName?: string }) =>
    `Task failed ELB health checks in ${where.targetGroupArn !== undefined ? `(target-group ${where.targetGroupArn})` : `(elb ${where.loadBalancerName ?? ''})`}`,
  // SEEN (many DescribeTasks outputs)
  containerHealth: () => 'Task failed container health checks',
  // UNCONFIRMED: ECS's text for a task stopped because its instance is DRAINING is not public; the
  // scaling form is the one ECS uses for scheduler-initiated stops.
  draining: (deploymentId: string) => `Scaling activity initiated by (deployment ${deploymentId})`,
} as const;

/** Deployment rolloutStateReason values (ECSDG ecs_cwe_events examples; SEEN for the failure). */
export const ROLLOUT_REASONS = {
  inProgress: (deploymentId: string) => `ECS deployment ${deploymentId} in progress.`,
  completed: (deploymentId: string) => `ECS deployment ${deploymentId} completed.`,
  // ECSDG's example says "task failed to start."; DescribeServices output seen in the wild says "tasks".
  failed: () => 'ECS deployment circuit breaker: tasks failed to start.',
  rollingBack: (toDeploymentId: string) => `ECS deployment circuit breaker: rolling back to deploymentId ${toDeploymentId}.`,
} as const;
