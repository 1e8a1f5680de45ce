/**
 * A ServiceRecord as DescribeServices returns it (protocol `Service`, AWS's field names). The
 * counts are derived from the tasks, never stored: a deployment's runningCount is its tasks in
 * RUNNING, its pendingCount those in PROVISIONING, PENDING or ACTIVATING (what ECS counts as
 * pending), and the service's counts are the sums over its deployments. The snapshot renders every
 * service on every frame, so this walks each deployment's own task set (DeploymentRecord.taskArns)
 * rather than all the tasks of the sandbox.
 */
import { provideSnapshotPart } from '../snapshot-parts.ts';
import type { Deployment, Service, ServiceEvent, ServiceNetworkConfiguration } from '../../protocol.ts';
import { CALLER_ARN, clusterArn, isoAt } from '../ids/arn.ts';
import type { EngineState } from '../state.ts';
import type { DeploymentRecord, ServiceRecord } from './model.ts';
import type { AwsvpcConfig } from '../network/awsvpc-configuration.ts';

export interface RenderOptions {
  /** DescribeServices gives `tags` only with include TAGS; the snapshot always does. */
  tags: boolean;
}

export function renderService(state: EngineState, service: ServiceRecord, options: RenderOptions = { tags: true }): Service {
  const deployments = service.deployments.map((deployment) => renderDeployment(state, deployment));
  let running = 0;
  let pending = 0;
  for (const deployment of deployments) {
    running += deployment.runningCount;
    pending += deployment.pendingCount;
  }
  const primary = service.deployments[0];
  const network = networkConfigurationOf(primary?.network);
  return {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: clusterArn(service.clusterName),
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: running,
    pendingCount: pending,
    // AWS shows either the launch type or the capacity provider strategy (issue 6).
    ...(service.capacityProviderStrategy === undefined ? { launchType: service.launchType } : { capacityProviderStrategy: service.capacityProviderStrategy.map((item) => ({ ...item })) }),
    ...(primary?.platformVersion === undefined ? {} : { platformVersion: primary.platformVersion, platformFamily: primary.platformFamily ?? 'Linux' }),
    taskDefinition: primary?.taskDefinition.taskDefinitionArn ?? '',
    deploymentConfiguration: {
      deploymentCircuitBreaker: { ...service.deploymentConfiguration.deploymentCircuitBreaker },
      maximumPercent: service.deploymentConfiguration.maximumPercent,
      minimumHealthyPercent: service.deploymentConfiguration.minimumHealthyPercent,
    },
    deployments,
    events: service.events.map(renderEvent),
    loadBalancers: service.loadBalancers.map((lb) => ({ ...lb })),
    serviceRegistries: [],
    placementConstraints: service.placementConstraints.map((c) => ({ ...c })),
    placementStrategy: service.placementStrategy.map((s) => ({ ...s })),
    ...(network === undefined ? {} : { networkConfiguration: network }),
    ...(service.healthCheckGracePeriodSeconds === undefined ? {} : { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds }),
    schedulingStrategy: service.schedulingStrategy,
    deploymentController: { type: 'ECS' },
    createdAt: isoAt(service.createdMs),
    createdBy: CALLER_ARN,
    ...(service.roleArn === undefined ? {} : { roleArn: service.roleArn }),
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: service.propagateTags,
    enableExecuteCommand: service.enableExecuteCommand,
    ...(options.tags ? { tags: service.tags.map((tag) => ({ ...tag })) } : {}),
  };
}

export function renderDeployment(state: EngineState, deployment: DeploymentRecord): Deployment {
  let running = 0;
  let pending = 0;
  for (const arn of deployment.taskArns) {
    const status = state.tasks.get(arn)?.task.lastStatus;
    if (status === 'RUNNING') running += 1;
    else if (status === 'PENDING' || status === 'PROVISIONING' || status === 'ACTIVATING') pending += 1;
  }
  const network = networkConfigurationOf(deployment.network);
  return {
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinition.taskDefinitionArn,
    desiredCount: deployment.desiredCount,
    pendingCount: pending,
    runningCount: running,
    failedTasks: deployment.failedTasks,
    createdAt: isoAt(deployment.createdMs),
    updatedAt: isoAt(deployment.updatedMs),
    ...(deployment.capacityProviderStrategy === undefined ? { launchType: deployment.launchType } : { capacityProviderStrategy: deployment.capacityProviderStrategy.map((item) => ({ ...item })) }),
    ...(deployment.platformVersion === undefined ? {} : { platformVersion: deployment.platformVersion, platformFamily: deployment.platformFamily ?? 'Linux' }),
    ...(network === undefined ? {} : { networkConfiguration: network }),
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
  };
}

const renderEvent = (event: { id: string; createdMs: number; message: string }): ServiceEvent => ({
  id: event.id,
  createdAt: isoAt(event.createdMs),
  message: event.message,
});

/** A checked awsvpc configuration back in the request's form (DescribeServices, UpdateService's merge). */
export function networkConfigurationOf(config: AwsvpcConfig | undefined): ServiceNetworkConfiguration | undefined {
  if (config === undefined) return undefined;
  return {
    awsvpcConfiguration: {
      subnets: config.subnets.map((subnet) => subnet.subnetId),
      securityGroups: [...config.securityGroups],
      assignPublicIp: config.assignPublicIp,
    },
  };
}

// The snapshot reaches this through snapshot-parts.ts (this module loads with the service commands).
provideSnapshotPart('services', (state) => [...state.services!.values()].map((service) => renderService(state, service)));
