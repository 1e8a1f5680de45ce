/**
 * ecs:CreateService, ecs:UpdateService, ecs:DeleteService, ecs:DescribeServices, ecs:ListServices.
 *
 * This is the declaring half of services: each command checks the whole declaration the service
 * would have (services/request.ts), and only then writes the ServiceRecord and its deployments
 * (services/model.ts) and asks the scheduler for a pass (kickService). The scheduler moves the
 * tasks: it starts and stops them, drains old deployments, completes rollouts and turns a
 * DRAINING service INACTIVE once its tasks are gone. A refused command changes nothing.
 */
import type { Service } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { fail, invalidParameter, MESSAGES, ok, type CommandResult } from '../errors.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import { SERVICE_MESSAGES as M } from '../services/api-messages.ts';
import { findService, newDeploymentId, newSchedulerBookkeeping, primaryOf, serviceArn, servicesOf, type DeploymentRecord, type ServiceRecord } from '../services/model.ts';
import { networkConfigurationOf, renderService } from '../services/render.ts';
import { canonicalJson, checkServiceDraft, resolveTaskDefinition, type ServiceDraft, type ServiceSpec } from '../services/request.ts';
import { kickService } from '../services/scheduler.ts';
import type { ClusterRecord, EngineState } from '../state.ts';
import { resolveStrategy, type ResolvedStrategy } from '../capacity/launch-strategy.ts';
import type { StrategyItem } from '../capacity/provider-strategy.ts';
import { findCluster } from './clusters.ts';
import { paginate } from './paginate.ts';
import { checkParams, invalidTypeProblem, PARAM_VALIDATION_ERROR, PARAM_VALIDATION_PREFIX } from './params.ts';
import { checkTags } from './tags.ts';
import { FAULT_MESSAGES } from '../faults/messages.ts';

const SERVICE_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const PROPAGATE_TAGS = ['NONE', 'SERVICE', 'TASK_DEFINITION'] as const;

export const CREATE_SERVICE_SHAPE = {
  params: {
    cluster: 'string',
    serviceName: 'string',
    taskDefinition: 'string',
    availabilityZoneRebalancing: 'string',
    loadBalancers: 'list',
    serviceRegistries: 'list',
    desiredCount: 'integer',
    clientToken: 'string',
    launchType: 'string',
    capacityProviderStrategy: 'list',
    platformVersion: 'string',
    role: 'string',
    deploymentConfiguration: 'structure',
    placementConstraints: 'list',
    placementStrategy: 'list',
    networkConfiguration: 'structure',
    healthCheckGracePeriodSeconds: 'integer',
    schedulingStrategy: 'string',
    deploymentController: 'structure',
    tags: 'list',
    enableECSManagedTags: 'boolean',
    propagateTags: 'string',
    enableExecuteCommand: 'boolean',
    serviceConnectConfiguration: 'structure',
    volumeConfigurations: 'list',
    vpcLatticeConfigurations: 'list',
  },
  required: ['serviceName'],
} as const;

export const UPDATE_SERVICE_SHAPE = {
  params: {
    cluster: 'string',
    service: 'string',
    desiredCount: 'integer',
    taskDefinition: 'string',
    capacityProviderStrategy: 'list',
    deploymentConfiguration: 'structure',
    availabilityZoneRebalancing: 'string',
    networkConfiguration: 'structure',
    placementConstraints: 'list',
    placementStrategy: 'list',
    platformVersion: 'string',
    forceNewDeployment: 'boolean',
    healthCheckGracePeriodSeconds: 'integer',
    deploymentController: 'structure',
    enableExecuteCommand: 'boolean',
    enableECSManagedTags: 'boolean',
    loadBalancers: 'list',
    propagateTags: 'string',
    serviceRegistries: 'list',
    serviceConnectConfiguration: 'structure',
    volumeConfigurations: 'list',
    vpcLatticeConfigurations: 'list',
  },
  required: ['service'],
} as const;

interface CommonInput {
  cluster?: string;
  taskDefinition?: string;
  desiredCount?: number;
  capacityProviderStrategy?: unknown[];
  serviceRegistries?: unknown[];
  serviceConnectConfiguration?: unknown;
  volumeConfigurations?: unknown[];
  vpcLatticeConfigurations?: unknown[];
  deploymentController?: { type?: unknown };
  deploymentConfiguration?: Record<string, unknown>;
  networkConfiguration?: unknown;
  placementConstraints?: unknown[];
  placementStrategy?: unknown[];
  platformVersion?: string;
  healthCheckGracePeriodSeconds?: number;
  loadBalancers?: unknown[];
  propagateTags?: string;
  enableECSManagedTags?: boolean;
  enableExecuteCommand?: boolean;
}

interface CreateServiceInput extends CommonInput {
  serviceName: string;
  launchType?: string;
  schedulingStrategy?: string;
  role?: string;
  tags?: unknown[];
  clientToken?: string;
}

interface UpdateServiceInput extends CommonInput {
  service: string;
  forceNewDeployment?: boolean;
}

const refuse = (result: CommandResult): { ok: false; result: CommandResult } => ({ ok: false, result });

// ---------------------------------------------------------------------------------------------
// CreateService
// ---------------------------------------------------------------------------------------------

export function createService(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<CreateServiceInput>(raw, CREATE_SERVICE_SHAPE);
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const found = findCluster(ctx, input.cluster);
  if (!found.ok) return found.result;
  const cluster = found.cluster;
  if (!SERVICE_NAME.test(input.serviceName)) return invalidParameter(M.invalidServiceName(input.serviceName));
  const unsupported = checkUnsupported(input);
  if (unsupported !== undefined) return unsupported;
  const enums = checkCreateEnums(input);
  if (!enums.ok) return enums.result;
  // Issue 6: a capacity provider strategy (given, or the cluster's default for a REPLICA service) instead of a launch type.
  const strategy = resolveServiceStrategy(ctx.state, cluster, input, enums.schedulingStrategy);
  if (!strategy.ok) return strategy.result;
  // The cluster by name, so that its name and its ARN make the same request; the client token is not part of it.
  const { clientToken: _token, ...request } = input;
  const fingerprint = canonicalJson({ ...request, cluster: cluster.clusterName });
  const existing = findService(ctx.state, cluster.clusterName, input.serviceName);
  if (existing !== undefined && existing.status !== 'INACTIVE') {
    // The same request again is idempotent (AWS returns the service); anything else is refused.
    if (existing.status === 'ACTIVE' && existing.createRequest === fingerprint) return ok({ service: renderService(ctx.state, existing) });
    return invalidParameter(M.notIdempotent());
  }
  if (input.taskDefinition === undefined) return invalidParameter(M.taskDefinitionRequired());
  const td = resolveTaskDefinition(ctx.state, input.taskDefinition);
  if (!td.ok) return td.result;
  const tags = checkTags(input.tags);
  if (!tags.ok) return tags.result;
  const draft: ServiceDraft = {
    cluster,
    taskDefinition: td.value,
    launchType: strategy.value?.launchType ?? enums.launchType,
    ...(strategy.value === undefined ? {} : { capacityProviderStrategy: strategy.value.items }),
    schedulingStrategy: enums.schedulingStrategy,
    desiredCount: input.desiredCount,
    desiredCountGiven: input.desiredCount !== undefined,
    deploymentConfiguration: input.deploymentConfiguration,
    platformVersion: input.platformVersion,
    networkConfiguration: input.networkConfiguration,
    placementStrategy: input.placementStrategy,
    placementConstraints: input.placementConstraints,
    loadBalancers: input.loadBalancers ?? [],
    checkLoadBalancerTargets: true,
    healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds,
    role: input.role,
  };
  const spec = checkServiceDraft(ctx.state, draft);
  if (!spec.ok) return spec.result;

  // Committing: nothing below can fail.
  const service = newServiceRecord(ctx, cluster, input, spec.spec, enums.propagateTags, tags.tags, fingerprint);
  const services = servicesOf(ctx.state);
  services.delete(service.arn); // an INACTIVE service of that name is replaced, and the new one listed last
  services.set(service.arn, service);
  ctx.emit('service.created', createdSentence(service, spec.spec), service.arn);
  kickService(ctx, service);
  return ok({ service: renderService(ctx.state, service) });
}

type CreateEnums =
  | { ok: true; launchType: 'EC2' | 'FARGATE' | 'EXTERNAL'; schedulingStrategy: 'REPLICA' | 'DAEMON'; propagateTags: ServiceRecord['propagateTags'] }
  | { ok: false; result: CommandResult };

function checkCreateEnums(input: CreateServiceInput): CreateEnums {
  const launchType = input.launchType ?? 'EC2';
  // ECS Anywhere (ecs-anywhere): "Service load balancing isn't supported."
  if (launchType === 'EXTERNAL' && (input.loadBalancers?.length ?? 0) > 0) return refuse(invalidParameter(FAULT_MESSAGES.externalLoadBalancers()));
  if (launchType !== 'EC2' && launchType !== 'FARGATE' && launchType !== 'EXTERNAL') return refuse(invalidParameter(MESSAGES.invalidLaunchType(launchType)));
  const strategy = input.schedulingStrategy ?? 'REPLICA';
  if (strategy !== 'REPLICA' && strategy !== 'DAEMON') return refuse(invalidParameter(M.invalidEnum('schedulingStrategy', strategy, ['REPLICA', 'DAEMON'])));
  const propagate = checkPropagateTags(input.propagateTags ?? 'NONE');
  if (!propagate.ok) return propagate;
  return { ok: true, launchType, schedulingStrategy: strategy, propagateTags: propagate.value };
}

function checkPropagateTags(given: string): { ok: true; value: ServiceRecord['propagateTags'] } | { ok: false; result: CommandResult } {
  if (!(PROPAGATE_TAGS as readonly string[]).includes(given)) return refuse(invalidParameter(M.invalidEnum('propagateTags', given, PROPAGATE_TAGS)));
  return { ok: true, value: given as ServiceRecord['propagateTags'] };
}

/** What the sandbox does not simulate, refused with a sentence instead of silently ignored. */
function checkUnsupported(input: CommonInput): CommandResult | undefined {
  if ((input.serviceRegistries?.length ?? 0) > 0) return invalidParameter(M.serviceRegistriesLater());
  if (input.serviceConnectConfiguration !== undefined) return invalidParameter(M.notSimulated('Service Connect (serviceConnectConfiguration)'));
  if ((input.volumeConfigurations?.length ?? 0) > 0) return invalidParameter(M.notSimulated('Amazon EBS volumes for services (volumeConfigurations)'));
  if ((input.vpcLatticeConfigurations?.length ?? 0) > 0) return invalidParameter(M.notSimulated('VPC Lattice (vpcLatticeConfigurations)'));
  const controller = input.deploymentController;
  if (controller !== undefined && controller.type !== 'ECS') return invalidParameter(M.deploymentControllerOnlyEcs(String(controller.type)));
  return undefined;
}

function newServiceRecord(
  ctx: EngineContext,
  cluster: ClusterRecord,
  input: CreateServiceInput,
  spec: ServiceSpec,
  propagateTags: ServiceRecord['propagateTags'],
  tags: { key: string; value: string }[],
  fingerprint: string,
): ServiceRecord {
  return {
    arn: serviceArn(cluster.clusterName, input.serviceName),
    name: input.serviceName,
    clusterName: cluster.clusterName,
    status: 'ACTIVE',
    schedulingStrategy: spec.schedulingStrategy,
    desiredCount: spec.desiredCount,
    launchType: spec.launchType,
    ...(spec.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: spec.capacityProviderStrategy }),
    deploymentConfiguration: spec.deploymentConfiguration,
    placementStrategy: spec.placementStrategy,
    placementConstraints: spec.placementConstraints,
    strategies: spec.strategies,
    constraints: spec.constraints,
    loadBalancers: spec.loadBalancers,
    ...(spec.healthCheckGracePeriodSeconds === undefined ? {} : { healthCheckGracePeriodSeconds: spec.healthCheckGracePeriodSeconds }),
    ...(spec.roleArn === undefined ? {} : { roleArn: spec.roleArn }),
    propagateTags,
    enableECSManagedTags: input.enableECSManagedTags ?? false,
    enableExecuteCommand: input.enableExecuteCommand ?? false,
    tags,
    createdMs: ctx.clock.now,
    deployments: [newDeployment(ctx, spec)],
    events: [],
    createRequest: fingerprint,
    scheduler: newSchedulerBookkeeping(),
  };
}

/** A new PRIMARY deployment of the spec's task definition, IN_PROGRESS (AWS's rolloutStateReason). */
function newDeployment(ctx: EngineContext, spec: ServiceSpec): DeploymentRecord {
  const id = newDeploymentId(ctx.prng);
  return {
    id,
    status: 'PRIMARY',
    taskDefinition: spec.taskDefinition,
    launchType: spec.launchType,
    ...(spec.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: spec.capacityProviderStrategy.map((item) => ({ ...item })) }),
    ...(spec.platformVersion === undefined ? {} : { platformVersion: spec.platformVersion, platformFamily: spec.platformFamily ?? 'Linux' }),
    ...(spec.network === undefined ? {} : { network: spec.network }),
    desiredCount: spec.desiredCount,
    createdMs: ctx.clock.now,
    updatedMs: ctx.clock.now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: `ECS deployment ${id} in progress.`,
    failedTasks: 0,
    taskArns: new Set(),
  };
}

function createdSentence(service: ServiceRecord, spec: ServiceSpec): string {
  const td = `${spec.taskDefinition.family}:${spec.taskDefinition.revision}`;
  const count = service.schedulingStrategy === 'DAEMON' ? 'one task on each container instance (DAEMON)' : `${service.desiredCount} task${service.desiredCount === 1 ? '' : 's'} of ${td}`;
  const { minimumHealthyPercent: min, maximumPercent: max } = service.deploymentConfiguration;
  return `Service ${service.name} was created in cluster ${service.clusterName} on ${service.capacityProviderStrategy === undefined ? service.launchType : `capacity provider strategy ${service.capacityProviderStrategy.map((i) => `${i.capacityProvider} (base ${i.base}, weight ${i.weight})`).join(' + ')}`}: it keeps ${count} running (deployments: minimum healthy ${min}%, maximum ${max}%).`;
}

// ---------------------------------------------------------------------------------------------
// UpdateService
// ---------------------------------------------------------------------------------------------

type Located = { ok: true; cluster: ClusterRecord; service: ServiceRecord } | { ok: false; result: CommandResult };

/** The ACTIVE service a request names (ServiceNotFoundException / ServiceNotActiveException otherwise). */
function locateActiveService(ctx: EngineContext, clusterGiven: string | undefined, given: string): Located {
  const found = findCluster(ctx, clusterGiven);
  if (!found.ok) return found;
  const service = findService(ctx.state, found.cluster.clusterName, serviceNameOf(given));
  if (service === undefined) return refuse(fail('ServiceNotFoundException', M.notFound()));
  if (service.status !== 'ACTIVE') return refuse(fail('ServiceNotActiveException', M.notActive()));
  return { ok: true, cluster: found.cluster, service };
}

/** A service named by name or ARN (`…:service/cluster/name` or the old `…:service/name`) → its name. */
function serviceNameOf(given: string): string {
  return given.startsWith('arn:') && given.includes(':service/') ? given.slice(given.lastIndexOf('/') + 1) : given;
}

/**
 * `answer: 'none'` skips rendering the service for the response (`{}` instead): for callers inside
 * the engine that read only whether it worked — Application Auto Scaling sets desired counts this
 * way, and rendering a service with its 100 events was most of the cost of a scaling activity.
 */
export function updateService(ctx: EngineContext, raw: unknown, answer: 'service' | 'none' = 'service'): CommandResult {
  const checked = checkParams<UpdateServiceInput>(raw, UPDATE_SERVICE_SHAPE);
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const located = locateActiveService(ctx, input.cluster, input.service);
  if (!located.ok) return located.result;
  const { cluster, service } = located;
  const unsupported = checkUnsupported(input);
  if (unsupported !== undefined) return unsupported;
  const propagate = checkPropagateTags(input.propagateTags ?? service.propagateTags);
  if (!propagate.ok) return propagate.result;
  const primary = primaryOf(service);
  let taskDefinition = primary.taskDefinition;
  if (input.taskDefinition !== undefined) {
    const td = resolveTaskDefinition(ctx.state, input.taskDefinition);
    if (!td.ok) return td.result;
    taskDefinition = td.value;
  }
  const strategy = updatedStrategy(ctx.state, cluster, service, input);
  if (!strategy.ok) return strategy.result;
  const spec = checkServiceDraft(ctx.state, { ...updateDraft(cluster, service, input, taskDefinition), ...(strategy.value === undefined ? {} : { capacityProviderStrategy: strategy.value }) });
  if (!spec.ok) return spec.result;

  // Committing: nothing below can fail.
  const redeploy = needsNewDeployment(service, input, spec.spec);
  applyUpdate(service, input, spec.spec, propagate.value);
  if (redeploy !== undefined) startDeployment(ctx, service, spec.spec);
  else {
    const current = primaryOf(service);
    if (current.desiredCount !== service.desiredCount) {
      current.desiredCount = service.desiredCount;
      current.updatedMs = ctx.clock.now;
    }
  }
  ctx.emit('service.updated', updatedSentence(service, input, redeploy), service.arn);
  kickService(ctx, service);
  return ok(answer === 'none' ? {} : { service: renderService(ctx.state, service) });
}

/** The declaration after the update: what the request gives, else what the service has. */
function updateDraft(cluster: ClusterRecord, service: ServiceRecord, input: UpdateServiceInput, taskDefinition: ServiceDraft['taskDefinition']): ServiceDraft {
  const primary = primaryOf(service);
  const loadBalancers = input.loadBalancers ?? service.loadBalancers;
  const keepsLoadBalancers = loadBalancers.length > 0;
  const current = service.deploymentConfiguration;
  const deploymentConfiguration =
    input.deploymentConfiguration === undefined
      ? current
      : { maximumPercent: current.maximumPercent, minimumHealthyPercent: current.minimumHealthyPercent, deploymentCircuitBreaker: current.deploymentCircuitBreaker, ...input.deploymentConfiguration };
  return {
    cluster,
    taskDefinition,
    launchType: service.launchType,
    schedulingStrategy: service.schedulingStrategy,
    desiredCount: input.desiredCount ?? service.desiredCount,
    desiredCountGiven: input.desiredCount !== undefined,
    deploymentConfiguration,
    platformVersion: input.platformVersion ?? primary.platformVersion,
    networkConfiguration: input.networkConfiguration ?? networkConfigurationOf(primary.network),
    placementStrategy: input.placementStrategy ?? service.placementStrategy,
    placementConstraints: input.placementConstraints ?? service.placementConstraints,
    loadBalancers,
    checkLoadBalancerTargets: input.loadBalancers !== undefined,
    // Removing every load balancer removes the grace period and the role that only apply with one.
    healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds ?? (keepsLoadBalancers ? service.healthCheckGracePeriodSeconds : undefined),
    role: keepsLoadBalancers ? service.roleArn : undefined,
  };
}

/**
 * Why the update starts a new deployment, or undefined when it does not: a new task definition,
 * forceNewDeployment, another platform version, network configuration or load balancers (ECS
 * Developer Guide: a deployment is triggered by updating the task definition; platform version
 * changes and forceNewDeployment also deploy). desiredCount alone only scales the PRIMARY.
 */
function needsNewDeployment(service: ServiceRecord, input: UpdateServiceInput, spec: ServiceSpec): string | undefined {
  const primary = primaryOf(service);
  if (spec.taskDefinition.taskDefinitionArn !== primary.taskDefinition.taskDefinitionArn) {
    return `task definition ${primary.taskDefinition.family}:${primary.taskDefinition.revision} → ${spec.taskDefinition.family}:${spec.taskDefinition.revision}`;
  }
  if (input.forceNewDeployment === true) return 'forceNewDeployment';
  if (spec.platformVersion !== primary.platformVersion) return `platform version ${primary.platformVersion ?? '-'} → ${spec.platformVersion ?? '-'}`;
  if (canonicalJson(networkConfigurationOf(spec.network)) !== canonicalJson(networkConfigurationOf(primary.network))) return 'network configuration';
  if (canonicalJson(spec.loadBalancers) !== canonicalJson(service.loadBalancers)) return 'load balancers';
  if (canonicalJson(spec.capacityProviderStrategy ?? null) !== canonicalJson(primary.capacityProviderStrategy ?? null)) return 'capacity provider strategy';
  return undefined;
}

function applyUpdate(service: ServiceRecord, input: UpdateServiceInput, spec: ServiceSpec, propagateTags: ServiceRecord['propagateTags']): void {
  service.desiredCount = spec.desiredCount;
  service.deploymentConfiguration = spec.deploymentConfiguration;
  service.placementStrategy = spec.placementStrategy;
  service.placementConstraints = spec.placementConstraints;
  service.strategies = spec.strategies;
  service.constraints = spec.constraints;
  service.loadBalancers = spec.loadBalancers;
  if (spec.capacityProviderStrategy !== undefined) service.capacityProviderStrategy = spec.capacityProviderStrategy;
  if (spec.healthCheckGracePeriodSeconds === undefined) delete service.healthCheckGracePeriodSeconds;
  else service.healthCheckGracePeriodSeconds = spec.healthCheckGracePeriodSeconds;
  if (spec.roleArn === undefined) delete service.roleArn;
  else service.roleArn = spec.roleArn;
  service.propagateTags = propagateTags;
  if (input.enableECSManagedTags !== undefined) service.enableECSManagedTags = input.enableECSManagedTags;
  if (input.enableExecuteCommand !== undefined) service.enableExecuteCommand = input.enableExecuteCommand;
}

/** The old PRIMARY becomes ACTIVE with nothing desired (the scheduler drains it); the new one leads. */
function startDeployment(ctx: EngineContext, service: ServiceRecord, spec: ServiceSpec): void {
  const previous = primaryOf(service);
  previous.status = 'ACTIVE';
  previous.desiredCount = 0;
  previous.updatedMs = ctx.clock.now;
  service.deployments.unshift(newDeployment(ctx, spec));
}

function updatedSentence(service: ServiceRecord, input: UpdateServiceInput, redeploy: string | undefined): string {
  const primary = primaryOf(service);
  const td = `${primary.taskDefinition.family}:${primary.taskDefinition.revision}`;
  if (redeploy !== undefined) {
    return `Service ${service.name} was updated: ${redeploy} starts deployment ${primary.id} of ${td} (desired ${service.desiredCount}); the tasks of the previous deployment are replaced within minimum healthy ${service.deploymentConfiguration.minimumHealthyPercent}% and maximum ${service.deploymentConfiguration.maximumPercent}%.`;
  }
  if (input.desiredCount !== undefined) return `Service ${service.name} was updated: desired count ${service.desiredCount} (no new deployment: ${td} keeps running).`;
  return `Service ${service.name} was updated (no new deployment: ${td} keeps running).`;
}

// ---------------------------------------------------------------------------------------------
// DeleteService
// ---------------------------------------------------------------------------------------------

interface DeleteServiceInput {
  cluster?: string;
  service: string;
  force?: boolean;
}

export function deleteService(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DeleteServiceInput>(raw, { params: { cluster: 'string', service: 'string', force: 'boolean' }, required: ['service'] });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const located = locateActiveService(ctx, input.cluster, input.service);
  if (!located.ok) return located.result;
  const service = located.service;
  // `force` is "only necessary … if the service uses the REPLICA scheduling strategy" (API reference).
  if (service.schedulingStrategy === 'REPLICA' && service.desiredCount > 0 && input.force !== true) return invalidParameter(M.scaledAboveZero());

  // Committing: DRAINING now; the scheduler stops the tasks and makes the service INACTIVE.
  const previous = service.desiredCount;
  service.status = 'DRAINING';
  service.desiredCount = 0;
  for (const deployment of service.deployments) {
    if (deployment.desiredCount === 0) continue;
    deployment.desiredCount = 0;
    deployment.updatedMs = ctx.clock.now;
  }
  const running = service.deployments.reduce((n, d) => n + d.taskArns.size, 0);
  ctx.emit(
    'service.deleted',
    `Service ${service.name} is DRAINING${input.force === true && previous > 0 ? ` (forced while desired count was ${previous})` : ''}: its ${running} task${running === 1 ? '' : 's'} will be stopped, then it becomes INACTIVE. It no longer appears in ListServices.`,
    service.arn,
  );
  kickService(ctx, service);
  return ok({ service: renderService(ctx.state, service) });
}

// ---------------------------------------------------------------------------------------------
// DescribeServices, ListServices
// ---------------------------------------------------------------------------------------------

interface DescribeServicesInput {
  cluster?: string;
  services: unknown[];
  include?: unknown[];
}

export function describeServices(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeServicesInput>(raw, { params: { cluster: 'string', services: 'list', include: 'list' }, required: ['services'] });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const problems = input.services.flatMap((item, index) => (typeof item === 'string' ? [] : [invalidTypeProblem(`services[${index}]`, item, "<class 'str'>")]));
  if (problems.length > 0) return fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}${problems.join('\n')}`);
  const found = findCluster(ctx, input.cluster);
  if (!found.ok) return found.result;
  const names = input.services as string[];
  if (names.length === 0) return invalidParameter(M.noServicesToDescribe());
  if (names.length > 10) return invalidParameter(M.tooManyServicesToDescribe(names.length));
  const badInclude = input.include?.find((item) => item !== 'TAGS');
  if (badInclude !== undefined) return invalidParameter(M.invalidInclude(String(badInclude)));
  const tags = input.include?.includes('TAGS') === true;
  const services: Service[] = [];
  const failures: { arn: string; reason: string }[] = [];
  for (const given of names) {
    const service = findService(ctx.state, found.cluster.clusterName, serviceNameOf(given));
    // AWS names a missing service by the ARN form without the cluster (aws-actions/amazon-ecs-deploy-task-definition#312:
    // "arn:aws:ecs:us-east-2:…:service/pawebapp-service is MISSING"); an ARN given is echoed.
    if (service === undefined) failures.push({ arn: given.startsWith('arn:') ? given : `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:service/${given}`, reason: 'MISSING' });
    else services.push(renderService(ctx.state, service, { tags }));
  }
  return ok({ services, failures });
}

interface ListServicesInput {
  cluster?: string;
  launchType?: string;
  schedulingStrategy?: string;
  maxResults?: number;
  nextToken?: string;
}

export function listServices(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ListServicesInput>(raw, {
    params: { cluster: 'string', nextToken: 'string', maxResults: 'integer', launchType: 'string', schedulingStrategy: 'string', resourceManagementType: 'string' },
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const found = findCluster(ctx, input.cluster);
  if (!found.ok) return found.result;
  const { launchType, schedulingStrategy } = input;
  if (launchType !== undefined && !['EC2', 'FARGATE', 'EXTERNAL'].includes(launchType)) return invalidParameter(MESSAGES.invalidLaunchType(launchType));
  if (schedulingStrategy !== undefined && schedulingStrategy !== 'REPLICA' && schedulingStrategy !== 'DAEMON') {
    return invalidParameter(M.invalidEnum('schedulingStrategy', schedulingStrategy, ['REPLICA', 'DAEMON']));
  }
  const arns: string[] = [];
  for (const service of ctx.state.services?.values() ?? []) {
    // DRAINING and INACTIVE services are not listed (API reference, DeleteService).
    if (service.clusterName !== found.cluster.clusterName || service.status !== 'ACTIVE') continue;
    if (launchType !== undefined && service.launchType !== launchType) continue;
    if (schedulingStrategy !== undefined && service.schedulingStrategy !== schedulingStrategy) continue;
    arns.push(service.arn);
  }
  // ListServices returns 10 per page when maxResults is not given (API reference).
  const page = paginate(arns, input.maxResults ?? 10, input.nextToken);
  if (!page.ok) return page.result;
  return ok(page.nextToken === undefined ? { serviceArns: page.items } : { serviceArns: page.items, nextToken: page.nextToken });
}

// ---------------------------------------------------------------------------------------------
// Capacity provider strategies (issue 6)
// ---------------------------------------------------------------------------------------------

type StrategyOutcome = { ok: true; value: ResolvedStrategy | undefined } | { ok: false; result: CommandResult };

/** CreateService: the request's strategy, or the cluster's default when neither it nor a launch type is given (REPLICA only). */
function resolveServiceStrategy(state: EngineState, cluster: ClusterRecord, input: CreateServiceInput, scheduling: 'REPLICA' | 'DAEMON'): StrategyOutcome {
  const given = (input.capacityProviderStrategy?.length ?? 0) > 0;
  if (scheduling === 'DAEMON' && !given) return { ok: true, value: undefined };
  const resolved = resolveStrategy(state, cluster, input);
  return resolved.ok ? resolved : refuse(fail(resolved.error.code, resolved.error.message));
}

/**
 * UpdateService: a new strategy replaces the service's; it cannot switch between Fargate and Auto
 * Scaling group providers, and moving from a launch type to a strategy needs forceNewDeployment
 * (ECSDG cluster-capacity-providers). Returns the items, or undefined when the strategy is unchanged.
 */
function updatedStrategy(state: EngineState, cluster: ClusterRecord, service: ServiceRecord, input: UpdateServiceInput): { ok: true; value: StrategyItem[] | undefined } | { ok: false; result: CommandResult } {
  if (input.capacityProviderStrategy === undefined || input.capacityProviderStrategy.length === 0) {
    return { ok: true, value: service.capacityProviderStrategy };
  }
  const resolved = resolveStrategy(state, cluster, { capacityProviderStrategy: input.capacityProviderStrategy });
  if (!resolved.ok) return refuse(fail(resolved.error.code, resolved.error.message));
  const next = resolved.value!;
  if (next.launchType !== service.launchType) return refuse(invalidParameter(STRATEGY_UPDATE_MESSAGES.kindSwitch(service.launchType, next.launchType)));
  if (service.capacityProviderStrategy === undefined && input.forceNewDeployment !== true) return refuse(invalidParameter(STRATEGY_UPDATE_MESSAGES.needsForce()));
  return { ok: true, value: next.items };
}

/** UNCONFIRMED wording (the rules are AWS's: ECSDG cluster-capacity-providers). */
const STRATEGY_UPDATE_MESSAGES = {
  kindSwitch: (from: string, to: string) =>
    `A service can't switch between Auto Scaling group capacity providers and Fargate capacity providers: it runs on ${from}, the new strategy is ${to}. Create a new service instead.`,
  needsForce: () => 'Changing a service from a launch type to a capacity provider strategy requires a new deployment: set forceNewDeployment and try again.',
} as const;
