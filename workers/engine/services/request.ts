/**
 * Checking a service declaration, as CreateService and UpdateService share it. Both build the
 * declaration the service would have afterwards — CreateService from the request and AWS's
 * defaults, UpdateService from the request over the service as it is — and check it whole here,
 * read-only, so a refusal changes nothing and the two operations can never disagree:
 * - the task definition (ACTIVE, compatible with the launch type);
 * - the scheduling strategy's rules (DAEMON: no desiredCount, no strategies, not Fargate, max 100 %);
 * - the deployment configuration (defaults 200/100, DAEMON 100/0; ranges; 100/100 blocks deployments);
 * - Fargate's platform version and its refusal of placement options (commands/run-task-fargate.ts);
 * - the network configuration for the task definition's network mode (network/awsvpc-configuration.ts);
 * - placement strategies and constraints (placement/options.ts; default: spread across AZs);
 * - load balancers: container and port in the task definition, target groups that exist, are
 *   behind a listener and have the target type the network mode needs; Classic LBs on EC2 only,
 *   with a static host port;
 * - the health check grace period and the service role, which need a load balancer.
 * Texts: services/api-messages.ts (with their sources).
 */
import type { DeploymentConfiguration, ServiceLoadBalancer, TaskDefinition } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { clientError, fail, invalidParameter, MESSAGES, type AwsError, type CommandResult } from '../errors.ts';
import { invalidTypeProblem, PARAM_VALIDATION_ERROR, PARAM_VALIDATION_PREFIX } from '../commands/params.ts';
import { loadBalancersOf } from '../elb/model.ts';
import { findRole } from '../iam/roles.ts';
import { checkNetworkConfiguration } from '../network/awsvpc-configuration.ts';
import { networkCatalogOf } from '../network/security-groups.ts';
import { checkConstraints, checkStrategies, SERVICE_DEFAULT_STRATEGIES } from '../placement/options.ts';
import type { ClusterRecord, EngineState } from '../state.ts';
import { FARGATE_MESSAGES, resolvePlatform } from '../commands/run-task-fargate.ts';
import { lookupTaskDefinition } from '../commands/task-definitions.ts';
import { SERVICE_MESSAGES as M } from './api-messages.ts';
import type { DeploymentRecord, ServiceRecord } from './model.ts';
import type { StrategyItem } from '../capacity/provider-strategy.ts';

export type LaunchType = 'EC2' | 'FARGATE' | 'EXTERNAL';

/** UNCONFIRMED wording (AWS documents that DAEMON services do not support capacity provider strategies). */
const DAEMON_WITH_STRATEGY = 'The DAEMON scheduling strategy does not support capacity provider strategies. Specify a launch type or use the REPLICA scheduling strategy.';
export type SchedulingStrategy = 'REPLICA' | 'DAEMON';

/** The tasks-per-service quota (ecs-reference §15), the sandbox's bound on desiredCount. */
export const MAX_DESIRED_COUNT = 5000;
const MAX_INT32 = 2147483647;

/** A declaration to check: what the service would be after the request (AWS request shapes). */
export interface ServiceDraft {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinition;
  launchType: LaunchType;
  schedulingStrategy: SchedulingStrategy;
  desiredCount: number | undefined;
  /** True when this request itself gives desiredCount (DAEMON refuses it). */
  desiredCountGiven: boolean;
  deploymentConfiguration: unknown;
  platformVersion: string | undefined;
  networkConfiguration: unknown;
  placementStrategy: unknown[] | undefined;
  placementConstraints: unknown[] | undefined;
  loadBalancers: unknown[];
  /** Whether the target groups and Classic LBs must be looked up (CreateService, or a new list). */
  checkLoadBalancerTargets: boolean;
  healthCheckGracePeriodSeconds: number | undefined;
  role: string | undefined;
  /** Issue 6: a checked capacity provider strategy (capacity/launch-strategy.ts); launchType is then its kind. */
  capacityProviderStrategy?: StrategyItem[];
}

/**
 * A checked declaration, ready to be stored in a ServiceRecord and its PRIMARY deployment: the
 * record's declared fields, and the deployment's task definition, platform and network.
 */
export interface ServiceSpec
  extends Pick<
      ServiceRecord,
      | 'launchType'
      | 'schedulingStrategy'
      | 'desiredCount'
      | 'deploymentConfiguration'
      | 'placementStrategy'
      | 'placementConstraints'
      | 'strategies'
      | 'constraints'
      | 'loadBalancers'
      | 'healthCheckGracePeriodSeconds'
      | 'roleArn'
      | 'capacityProviderStrategy'
    >,
    Pick<DeploymentRecord, 'taskDefinition' | 'platformVersion' | 'platformFamily' | 'network'> {}

export type SpecCheck = { ok: true; spec: ServiceSpec } | { ok: false; result: CommandResult };

const refuse = (result: CommandResult): { ok: false; result: CommandResult } => ({ ok: false, result });
const invalid = (message: string): { ok: false; result: CommandResult } => refuse(invalidParameter(message));
const fromError = (error: AwsError): { ok: false; result: CommandResult } => refuse({ ok: false, error });

/** The whole check of a declaration; read-only. */
export function checkServiceDraft(state: EngineState, draft: ServiceDraft): SpecCheck {
  const td = draft.taskDefinition;
  const networkMode = td.networkMode ?? 'bridge';
  if (!td.compatibilities.includes(draft.launchType)) return invalid(MESSAGES.launchTypeNotSupported(draft.launchType));
  const daemon = draft.schedulingStrategy === 'DAEMON';
  if (daemon && draft.launchType === 'FARGATE') return invalid(M.daemonOnFargate());
  if (daemon && draft.desiredCountGiven) return invalid(M.daemonDesiredCount());
  if (daemon && draft.capacityProviderStrategy !== undefined) return invalid(DAEMON_WITH_STRATEGY);
  const desired = checkDesiredCount(draft);
  if (!desired.ok) return desired;
  const deployment = checkDeploymentConfiguration(draft.deploymentConfiguration, draft.schedulingStrategy);
  if (!deployment.ok) return deployment;
  const platform = checkPlatform(draft);
  if (!platform.ok) return platform;
  const network = checkNetworkConfiguration(draft.networkConfiguration, networkMode, { launchType: draft.launchType, catalog: networkCatalogOf(state) });
  if (!network.ok) return fromError(network.error);
  const placement = checkPlacement(draft);
  if (!placement.ok) return placement;
  const lbs = checkLoadBalancers(state, draft, networkMode);
  if (!lbs.ok) return lbs;
  const grace = checkGracePeriod(draft.healthCheckGracePeriodSeconds, lbs.value.length);
  if (!grace.ok) return grace;
  const role = checkRole(state, draft.role, lbs.value.length, networkMode);
  if (!role.ok) return role;
  return {
    ok: true,
    spec: {
      taskDefinition: td,
      launchType: draft.launchType,
      schedulingStrategy: draft.schedulingStrategy,
      desiredCount: desired.value,
      deploymentConfiguration: deployment.value,
      ...platform.value,
      ...(network.config === null ? {} : { network: network.config }),
      ...placement.value,
      loadBalancers: lbs.value,
      ...(grace.value === undefined ? {} : { healthCheckGracePeriodSeconds: grace.value }),
      ...(role.value === undefined ? {} : { roleArn: role.value }),
      ...(draft.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: draft.capacityProviderStrategy.map((item) => ({ ...item })) }),
    },
  };
}

type Checked<T> = { ok: true; value: T } | { ok: false; result: CommandResult };

/**
 * The task definition a request names: a family (its latest ACTIVE revision), family:revision or
 * an ARN. AWS answers an unknown one with ClientException "TaskDefinition not found." on
 * CreateService (Cloud-CV/EvalAI#2419).
 */
export function resolveTaskDefinition(state: EngineState, given: string): Checked<TaskDefinition> {
  const found = lookupTaskDefinition(state, given);
  if (!found.ok) return refuse(clientError(found.reason === 'invalid' ? MESSAGES.invalidTaskDefinitionRef(given) : MESSAGES.taskDefinitionNotFound()));
  if (found.taskDefinition.status !== 'ACTIVE') return invalid(MESSAGES.taskDefinitionInactive());
  return { ok: true, value: found.taskDefinition };
}

function checkDesiredCount(draft: ServiceDraft): Checked<number> {
  // DAEMON: the scheduler sets desiredCount to the number of instances that can run the task.
  if (draft.schedulingStrategy === 'DAEMON') return { ok: true, value: draft.desiredCount ?? 0 };
  const count = draft.desiredCount;
  if (count === undefined) return invalid(M.desiredCountRequired());
  if (count < 0 || count > MAX_DESIRED_COUNT) return invalid(M.desiredCountRange(count, MAX_DESIRED_COUNT));
  return { ok: true, value: count };
}

/**
 * AWS's defaults (API reference, DeploymentConfiguration): REPLICA 200 % / 100 %, DAEMON 100 % / 0 %;
 * the circuit breaker off. `raw` is the request's member (UpdateService passes it merged over the
 * service's current configuration).
 */
export function checkDeploymentConfiguration(raw: unknown, strategy: SchedulingStrategy): Checked<DeploymentConfiguration> {
  const given = (raw ?? {}) as { maximumPercent?: unknown; minimumHealthyPercent?: unknown; deploymentCircuitBreaker?: unknown };
  const shape = deploymentShapeProblems(raw);
  if (shape.length > 0) return refuse(fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}${shape.join('\n')}`));
  const daemon = strategy === 'DAEMON';
  const max = (given.maximumPercent as number | undefined) ?? (daemon ? 100 : 200);
  const min = (given.minimumHealthyPercent as number | undefined) ?? (daemon ? 0 : 100);
  if (min < 0 || min > 100) return invalid(M.minimumHealthyRange(min));
  if (max < 0 || max > MAX_INT32) return invalid(M.maximumPercentRange(max));
  if (daemon && max > 100) return invalid(M.daemonMaximumPercent());
  if (min === 100 && max === 100) return invalid(M.blockedDeployments());
  if (min > max) return invalid(M.minimumAboveMaximum(min, max));
  const breaker = given.deploymentCircuitBreaker as { enable: boolean; rollback: boolean } | undefined;
  return {
    ok: true,
    value: {
      deploymentCircuitBreaker: { enable: breaker?.enable === true, rollback: breaker?.rollback === true },
      maximumPercent: max,
      minimumHealthyPercent: min,
    },
  };
}

const DEPLOYMENT_MEMBERS = ['deploymentCircuitBreaker', 'maximumPercent', 'minimumHealthyPercent', 'alarms', 'strategy', 'bakeTimeInMinutes', 'lifecycleHooks', 'linearConfiguration', 'canaryConfiguration'];
const BREAKER_MEMBERS = ['enable', 'rollback'];
const LOAD_BALANCER_MEMBERS = ['targetGroupArn', 'loadBalancerName', 'containerName', 'containerPort', 'advancedConfiguration'];

/** botocore's checks of the structure (unknown members, missing required ones, types), in its wording. */
function deploymentShapeProblems(raw: unknown): string[] {
  const path = 'deploymentConfiguration';
  if (raw === undefined || raw === null) return [];
  if (!isPlainObject(raw)) return [typeProblem(path, raw, "<class 'dict'>")];
  const problems = unknownMembers(raw, path, DEPLOYMENT_MEMBERS);
  for (const key of ['maximumPercent', 'minimumHealthyPercent']) {
    const value = raw[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value))) problems.push(typeProblem(`${path}.${key}`, value, "<class 'int'>"));
  }
  const breaker = raw['deploymentCircuitBreaker'];
  const breakerPath = `${path}.deploymentCircuitBreaker`;
  if (breaker === undefined) return problems;
  if (!isPlainObject(breaker)) return [...problems, typeProblem(breakerPath, breaker, "<class 'dict'>")];
  problems.push(...unknownMembers(breaker, breakerPath, BREAKER_MEMBERS));
  for (const key of BREAKER_MEMBERS) {
    if (breaker[key] === undefined) problems.push(`Missing required parameter in ${breakerPath}: "${key}"`);
    else if (typeof breaker[key] !== 'boolean') problems.push(typeProblem(`${breakerPath}.${key}`, breaker[key], "<class 'bool'>"));
  }
  return problems;
}

/** botocore's checks of `loadBalancers` items: objects of known members, strings and an integer port. */
export function loadBalancerShapeProblems(list: readonly unknown[]): string[] {
  const problems: string[] = [];
  for (const [index, item] of list.entries()) {
    const path = `loadBalancers[${index}]`;
    if (!isPlainObject(item)) {
      problems.push(typeProblem(path, item, "<class 'dict'>"));
      continue;
    }
    problems.push(...unknownMembers(item, path, LOAD_BALANCER_MEMBERS));
    for (const key of ['targetGroupArn', 'loadBalancerName', 'containerName']) {
      if (item[key] !== undefined && typeof item[key] !== 'string') problems.push(typeProblem(`${path}.${key}`, item[key], "<class 'str'>"));
    }
    const port = item['containerPort'];
    if (port !== undefined && !(typeof port === 'number' && Number.isInteger(port))) problems.push(typeProblem(`${path}.containerPort`, port, "<class 'int'>"));
  }
  return problems;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownMembers(value: Record<string, unknown>, path: string, members: readonly string[]): string[] {
  return Object.keys(value)
    .filter((key) => !members.includes(key))
    .map((key) => `Unknown parameter in ${path}: "${key}", must be one of: ${members.join(', ')}`);
}

const typeProblem = (path: string, value: unknown, valid: string): string => invalidTypeProblem(path, value, valid);

function checkPlatform(draft: ServiceDraft): Checked<{ platformVersion?: string; platformFamily?: string }> {
  if (draft.launchType === 'EC2') {
    if (draft.platformVersion !== undefined) return invalid(MESSAGES.platformVersionOnEc2());
    return { ok: true, value: {} };
  }
  if ((draft.placementStrategy?.length ?? 0) > 0) return invalid(FARGATE_MESSAGES.strategiesNotSupported());
  if ((draft.placementConstraints?.length ?? 0) > 0) return invalid(FARGATE_MESSAGES.constraintsNotSupported());
  const platform = resolvePlatform(draft.taskDefinition, draft.platformVersion);
  if (!platform.ok) return refuse(platform.result);
  return { ok: true, value: { platformVersion: platform.version, platformFamily: platform.family } };
}

type Placement = Pick<ServiceSpec, 'placementStrategy' | 'placementConstraints' | 'strategies' | 'constraints'>;

function checkPlacement(draft: ServiceDraft): Checked<Placement> {
  const givenStrategies = draft.placementStrategy ?? [];
  const givenConstraints = draft.placementConstraints ?? [];
  if (draft.launchType === 'FARGATE') return { ok: true, value: { placementStrategy: [], placementConstraints: [], strategies: [], constraints: [] } };
  if (draft.schedulingStrategy === 'DAEMON' && givenStrategies.length > 0) return invalid(M.daemonStrategies());
  const strategies = checkStrategies(givenStrategies, draft.schedulingStrategy === 'DAEMON' ? [] : SERVICE_DEFAULT_STRATEGIES);
  if (!strategies.ok) return invalid(strategies.message);
  const constraints = checkConstraints(givenConstraints, draft.taskDefinition);
  if (!constraints.ok) return invalid(constraints.message);
  return {
    ok: true,
    value: {
      placementStrategy: givenStrategies.map((s) => {
        const { type, field } = s as { type: 'binpack' | 'spread' | 'random'; field?: string };
        return type === 'random' || field === undefined ? { type } : { type, field };
      }),
      placementConstraints: givenConstraints.map((c) => {
        const { type, expression } = c as { type: 'distinctInstance' | 'memberOf'; expression?: string };
        return expression === undefined ? { type } : { type, expression };
      }),
      strategies: strategies.value,
      constraints: constraints.value,
    },
  };
}

/** At most 5 target groups, or 1 Classic Load Balancer (ecs-reference §5, service quotas). */
function checkLoadBalancers(state: EngineState, draft: ServiceDraft, networkMode: string): Checked<ServiceLoadBalancer[]> {
  const shape = loadBalancerShapeProblems(draft.loadBalancers);
  if (shape.length > 0) return refuse(fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}${shape.join('\n')}`));
  const out: ServiceLoadBalancer[] = [];
  for (const [index, item] of draft.loadBalancers.entries()) {
    const lb = loadBalancerShape(index, item);
    if (!lb.ok) return lb;
    const container = checkContainerPort(draft.taskDefinition, lb.value);
    if (!container.ok) return container;
    out.push(lb.value);
  }
  const groups = out.filter((lb) => lb.targetGroupArn !== undefined).length;
  const classic = out.length - groups;
  if (groups > 5) return invalid(M.tooManyTargetGroups(groups));
  if (classic > 1) return invalid(M.tooManyClassic(classic));
  if (classic > 0 && groups > 0) return invalid(M.classicAndTargetGroups());
  for (const lb of out) {
    const checked = lb.targetGroupArn !== undefined
      ? checkTargetGroup(state, draft, lb.targetGroupArn, networkMode)
      : checkClassic(state, draft, lb, networkMode);
    if (!checked.ok) return checked;
  }
  return { ok: true, value: out };
}

function loadBalancerShape(index: number, item: unknown): Checked<ServiceLoadBalancer> {
  // The shape was checked (loadBalancerShapeProblems): an object with string names and an integer port.
  const { targetGroupArn, loadBalancerName, containerName, containerPort } = item as Record<string, unknown>;
  const tg = typeof targetGroupArn === 'string' && targetGroupArn !== '' ? targetGroupArn : undefined;
  const classic = typeof loadBalancerName === 'string' && loadBalancerName !== '' ? loadBalancerName : undefined;
  if ((tg === undefined) === (classic === undefined)) return invalid(M.loadBalancerTarget(index));
  if (typeof containerName !== 'string' || containerName.trim() === '') return invalid(M.containerNameBlank());
  if (typeof containerPort !== 'number' || !Number.isInteger(containerPort)) return invalid(M.containerPortRequired(index));
  return {
    ok: true,
    value: { ...(tg === undefined ? {} : { targetGroupArn: tg }), ...(classic === undefined ? {} : { loadBalancerName: classic }), containerName, containerPort },
  };
}

interface PortMapping {
  containerPort?: number;
  hostPort?: number;
}

function portMappingOf(td: TaskDefinition, lb: ServiceLoadBalancer): PortMapping | undefined {
  const container = td.containerDefinitions.find((c) => c['name'] === lb.containerName);
  const mappings = (container?.['portMappings'] ?? []) as PortMapping[];
  return mappings.find((m) => m.containerPort === lb.containerPort);
}

function checkContainerPort(td: TaskDefinition, lb: ServiceLoadBalancer): Checked<null> {
  if (!td.containerDefinitions.some((c) => c['name'] === lb.containerName)) return invalid(M.containerNotInTaskDefinition(lb.containerName));
  if (portMappingOf(td, lb) === undefined) return invalid(M.containerPortNotDefined(lb.containerName, lb.containerPort));
  return { ok: true, value: null };
}

/**
 * ECS registers bridge and host tasks as instance id + host port (target type `instance`), awsvpc
 * and Fargate tasks as IP + port (target type `ip`) — ECS Developer Guide, load-balancer-types.
 */
function checkTargetGroup(state: EngineState, draft: ServiceDraft, arn: string, networkMode: string): Checked<null> {
  const elb = state.elb;
  const tg = elb?.targetGroups.get(arn);
  // UpdateService keeping its load balancers does not look them up again, but a new task
  // definition must still fit the target type of the groups that exist.
  if (draft.checkLoadBalancerTargets) {
    if (elb === undefined || tg === undefined) return invalid(M.targetGroupNotFound(arn));
    if (loadBalancersOf(elb, arn).length === 0) return invalid(M.targetGroupWithoutLoadBalancer(arn));
  }
  if (tg === undefined) return { ok: true, value: null };
  const needs = networkMode === 'awsvpc' ? 'ip' : 'instance';
  if (tg.targetType !== needs) return invalid(M.targetTypeIncompatible(arn, tg.targetType, networkMode));
  return { ok: true, value: null };
}

/** Classic LBs register instances on a fixed port: EC2 only, not awsvpc, no dynamic host port. */
function checkClassic(state: EngineState, draft: ServiceDraft, lb: ServiceLoadBalancer, networkMode: string): Checked<null> {
  if (draft.launchType === 'FARGATE') return invalid(M.classicOnFargate());
  if (networkMode === 'awsvpc') return invalid(M.classicWithAwsvpc());
  const mapping = portMappingOf(draft.taskDefinition, lb);
  if (networkMode === 'bridge' && (mapping?.hostPort ?? 0) === 0) return invalid(M.hostPortRequired(lb.containerPort));
  if (draft.checkLoadBalancerTargets && state.elb?.classic?.get(lb.loadBalancerName!) === undefined) return invalid(M.classicNotFound(lb.loadBalancerName!));
  return { ok: true, value: null };
}

/** Only with a load balancer (AWS's error otherwise); 0 is the default then (API reference). */
function checkGracePeriod(given: number | undefined, loadBalancers: number): Checked<number | undefined> {
  if (given === undefined) return { ok: true, value: loadBalancers > 0 ? 0 : undefined };
  if (loadBalancers === 0) return invalid(M.gracePeriodWithoutLoadBalancer());
  if (given < 0 || given > MAX_INT32) return invalid(M.gracePeriodRange(given));
  return { ok: true, value: given };
}

/** The service role (name or ARN), for load balancers of non-awsvpc services; stored as its ARN. */
function checkRole(state: EngineState, given: string | undefined, loadBalancers: number, networkMode: string): Checked<string | undefined> {
  if (given === undefined) return { ok: true, value: undefined };
  if (loadBalancers === 0) return invalid(M.roleWithoutLoadBalancer());
  if (networkMode === 'awsvpc') return invalid(M.roleWithAwsvpc());
  const role = findRole(state.roles, given);
  if (role === undefined) return invalid(M.roleCannotBeAssumed(given));
  return { ok: true, value: role.Arn };
}

/** Same content, any key order: for CreateService's idempotency check. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
