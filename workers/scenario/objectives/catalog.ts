/**
 * The field catalog: which collections of the Snapshot (workers/protocol.ts) an objective may read,
 * the type of every field of their items, and the friendly fields the sandbox derives (a task's
 * `family`, `service`, `instanceId`; a target group's `healthyTargets`). checkObjective refuses a
 * path that is not here ("no such field; did you mean desiredCount?"), so that a typo in a scenario
 * is caught before anything runs. Hand-written from protocol.ts; test/unit/objectives/catalog.test.ts
 * walks real engine snapshots and fails on any field the engine produces that is missing here, and
 * on any catalogued field whose name protocol.ts does not mention, so the two cannot drift apart.
 */
import type { ContainerInstance, Snapshot } from '../../protocol.ts';

/** A field's type: a primitive, `any` (free-form data: not checked below this point), a list or an object. */
export type FieldType = 'string' | 'number' | 'boolean' | 'any' | ListType | ObjectType;
export interface ListType {
  list: FieldType;
}
export interface ObjectType {
  fields: Readonly<Record<string, FieldType>>;
}

const S = 'string' as const;
const N = 'number' as const;
const B = 'boolean' as const;
const A = 'any' as const;
const list = (of: FieldType): ListType => ({ list: of });
const obj = (fields: Record<string, FieldType>): ObjectType => ({ fields });

export const isList = (type: FieldType): type is ListType => typeof type === 'object' && 'list' in type;
export const isObject = (type: FieldType): type is ObjectType => typeof type === 'object' && 'fields' in type;

const TAGS = list(obj({ key: S, value: S }));
const PASCAL_TAGS = list(obj({ Key: S, Value: S }));
const KEY_VALUES = list(obj({ name: S, value: S }));
const DIMENSIONS = list(obj({ Name: S, Value: S }));
const ATTACHMENTS = list(obj({ id: S, type: S, status: S, details: KEY_VALUES }));
const RESOURCES = list(obj({ name: S, type: S, doubleValue: N, longValue: N, integerValue: N, stringSetValue: list(S) }));
const STRATEGY_ITEMS = list(obj({ capacityProvider: S, weight: N, base: N }));
const NETWORK_CONFIGURATION = obj({ awsvpcConfiguration: obj({ subnets: list(S), securityGroups: list(S), assignPublicIp: S }) });

const CONTAINER = obj({
  containerArn: S, taskArn: S, name: S, image: S, lastStatus: S, exitCode: N, reason: S,
  networkBindings: list(obj({ bindIP: S, containerPort: N, hostPort: N, protocol: S })),
  networkInterfaces: list(A), healthStatus: S, cpu: S, memory: S, memoryReservation: S,
});

const TASK = obj({
  taskArn: S, clusterArn: S, taskDefinitionArn: S, containerInstanceArn: S, availabilityZone: S, group: S,
  lastStatus: S, desiredStatus: S, launchType: S, cpu: S, memory: S, containers: list(CONTAINER), startedBy: S,
  stopCode: S, stoppedReason: S, healthStatus: S, connectivity: S, version: N,
  overrides: obj({ containerOverrides: list(A), inferenceAcceleratorOverrides: list(A) }), attachments: ATTACHMENTS,
  tags: TAGS, platformVersion: S, platformFamily: S, ephemeralStorage: obj({ sizeInGiB: N }), capacityProviderName: S,
  createdAt: S, connectivityAt: S, pullStartedAt: S, pullStoppedAt: S, startedAt: S, stoppingAt: S,
  executionStoppedAt: S, stoppedAt: S,
});

/** The keys of RegisterTaskDefinition's ContainerDefinition (nested settings are free-form). */
const CONTAINER_DEFINITION = obj({
  name: S, image: S, cpu: N, memory: N, memoryReservation: N, links: list(S), portMappings: list(obj({ containerPort: N, hostPort: N, protocol: S, name: S, appProtocol: S, containerPortRange: S })),
  essential: B, entryPoint: list(S), command: list(S), environment: KEY_VALUES, environmentFiles: list(A),
  mountPoints: list(obj({ sourceVolume: S, containerPath: S, readOnly: B })), volumesFrom: list(obj({ sourceContainer: S, readOnly: B })),
  linuxParameters: A, secrets: list(obj({ name: S, valueFrom: S })), dependsOn: list(obj({ containerName: S, condition: S })),
  startTimeout: N, stopTimeout: N, hostname: S, user: S, workingDirectory: S, disableNetworking: B, privileged: B,
  readonlyRootFilesystem: B, dnsServers: list(S), dnsSearchDomains: list(S), extraHosts: list(A), dockerSecurityOptions: list(S),
  interactive: B, pseudoTerminal: B, dockerLabels: A, ulimits: list(A), logConfiguration: A, healthCheck: A,
  systemControls: list(A), resourceRequirements: list(A), firelensConfiguration: A, credentialSpecs: list(S),
  repositoryCredentials: A, restartPolicy: A, versionConsistency: S,
});

const TASK_DEFINITION = obj({
  taskDefinitionArn: S, family: S, revision: N, status: S, containerDefinitions: list(CONTAINER_DEFINITION), networkMode: S,
  volumes: list(A), placementConstraints: list(A), requiresCompatibilities: list(S), compatibilities: list(S),
  requiresAttributes: list(A), cpu: S, memory: S, taskRoleArn: S, executionRoleArn: S, registeredAt: S, registeredBy: S,
  ephemeralStorage: obj({ sizeInGiB: N }), pidMode: S, ipcMode: S, proxyConfiguration: A, runtimePlatform: A,
  inferenceAccelerators: list(A), enableFaultInjection: B, tags: TAGS,
});

const DEPLOYMENT = obj({
  id: S, status: S, taskDefinition: S, desiredCount: N, pendingCount: N, runningCount: N, failedTasks: N, createdAt: S,
  updatedAt: S, launchType: S, capacityProviderStrategy: STRATEGY_ITEMS, platformVersion: S, platformFamily: S,
  networkConfiguration: NETWORK_CONFIGURATION, rolloutState: S, rolloutStateReason: S,
});

const SERVICE = obj({
  serviceArn: S, serviceName: S, clusterArn: S, status: S, desiredCount: N, runningCount: N, pendingCount: N, launchType: S,
  capacityProviderStrategy: STRATEGY_ITEMS, platformVersion: S, platformFamily: S, taskDefinition: S,
  deploymentConfiguration: obj({ deploymentCircuitBreaker: obj({ enable: B, rollback: B }), maximumPercent: N, minimumHealthyPercent: N }),
  deployments: list(DEPLOYMENT), events: list(obj({ id: S, createdAt: S, message: S })),
  loadBalancers: list(obj({ targetGroupArn: S, loadBalancerName: S, containerName: S, containerPort: N })), serviceRegistries: list(A),
  placementConstraints: list(obj({ type: S, expression: S })), placementStrategy: list(obj({ type: S, field: S })),
  networkConfiguration: NETWORK_CONFIGURATION, healthCheckGracePeriodSeconds: N, schedulingStrategy: S,
  deploymentController: obj({ type: S }), createdAt: S, createdBy: S, roleArn: S, enableECSManagedTags: B, propagateTags: S,
  enableExecuteCommand: B, tags: TAGS,
});

const CONTAINER_INSTANCE = obj({
  containerInstanceArn: S, ec2InstanceId: S, version: N, versionInfo: obj({ agentVersion: S, agentHash: S, dockerVersion: S }),
  remainingResources: RESOURCES, registeredResources: RESOURCES, status: S, agentConnected: B, runningTasksCount: N,
  pendingTasksCount: N, attributes: list(obj({ name: S, value: S, targetType: S, targetId: S })), registeredAt: S, tags: TAGS,
  attachments: ATTACHMENTS, capacityProviderName: S,
});

const CLUSTER = obj({
  clusterArn: S, clusterName: S, status: S, registeredContainerInstancesCount: N, runningTasksCount: N, pendingTasksCount: N,
  activeServicesCount: N, statistics: KEY_VALUES, tags: TAGS, settings: KEY_VALUES, capacityProviders: list(S),
  defaultCapacityProviderStrategy: STRATEGY_ITEMS,
});

const TARGET_GROUP = obj({
  TargetGroupArn: S, TargetGroupName: S, Protocol: S, Port: N, VpcId: S, HealthCheckProtocol: S, HealthCheckPort: S,
  HealthCheckEnabled: B, HealthCheckIntervalSeconds: N, HealthCheckTimeoutSeconds: N, HealthyThresholdCount: N,
  UnhealthyThresholdCount: N, HealthCheckPath: S, Matcher: obj({ HttpCode: S }), LoadBalancerArns: list(S), TargetType: S,
  ProtocolVersion: S, IpAddressType: S,
  targets: list(obj({ Target: obj({ Id: S, Port: N, AvailabilityZone: S }), HealthCheckPort: S, TargetHealth: obj({ State: S, Reason: S, Description: S }) })),
  attributes: list(obj({ Key: S, Value: S })), requestCounts: A,
});

const LOAD_BALANCER = obj({
  LoadBalancerArn: S, DNSName: S, CanonicalHostedZoneId: S, CreatedTime: S, LoadBalancerName: S, Scheme: S, VpcId: S,
  State: obj({ Code: S }), Type: S, AvailabilityZones: list(obj({ ZoneName: S, SubnetId: S, LoadBalancerAddresses: list(A) })),
  SecurityGroups: list(S), IpAddressType: S,
});

const ALARM = obj({
  AlarmName: S, AlarmArn: S, AlarmDescription: S, StateValue: S, StateReason: S, StateUpdatedTimestamp: S, Namespace: S,
  MetricName: S, Dimensions: DIMENSIONS, Statistic: S, Period: N, EvaluationPeriods: N, DatapointsToAlarm: N, Threshold: N,
  ComparisonOperator: S, AlarmActions: list(S), ActionsEnabled: B, Metrics: list(A),
});

const SCALABLE_TARGET = obj({
  ServiceNamespace: S, ResourceId: S, ScalableDimension: S, MinCapacity: N, MaxCapacity: N, RoleARN: S, CreationTime: S,
  SuspendedState: obj({ DynamicScalingInSuspended: B, DynamicScalingOutSuspended: B, ScheduledScalingSuspended: B }),
  ScalableTargetARN: S,
});

const SERVICE_SCALING_ACTIVITY = obj({
  ActivityId: S, ServiceNamespace: S, ResourceId: S, ScalableDimension: S, Description: S, Cause: S, StartTime: S,
  EndTime: S, StatusCode: S, StatusMessage: S, startMs: N,
});

const EVENT_RULE = obj({
  Name: S, Arn: S, EventBusName: S, State: S, Description: S, ScheduleExpression: S, EventPattern: S, RoleArn: S,
  Targets: list(obj({ Id: S, Arn: S, RoleArn: S, Input: S, InputPath: S, InputTransformer: A, EcsParameters: A })),
  nextFireMs: N, matchedEvents: N, triggeredRules: N, failedInvocations: N,
});

const QUEUE = obj({
  QueueName: S, QueueUrl: S, QueueArn: S, Attributes: A,
  consumers: list(obj({ serviceArn: S, serviceName: S, runningTasks: N, messagesPerSecond: N, accessDeniedTasks: N })),
});

const BUCKET = obj({ Name: S, CreationDate: S, eventBridgeEnabled: B, objects: list(obj({ Key: S, Size: N, LastModified: S, ETag: S })) });

const REPOSITORY = obj({
  repositoryArn: S, registryId: S, repositoryName: S, repositoryUri: S, createdAt: S, imageTagMutability: S,
  imageScanningConfiguration: obj({ scanOnPush: B }), encryptionConfiguration: obj({ encryptionType: S }), lifecyclePolicyText: S,
  images: list(obj({
    registryId: S, repositoryName: S, imageDigest: S, imageTags: list(S), imageSizeInBytes: N, imagePushedAt: S,
    imageManifestMediaType: S, artifactMediaType: S, imageScanStatus: obj({ status: S, description: S }), imageScanFindingsSummary: A,
  })),
});

const ROLE = obj({
  Path: S, RoleName: S, RoleId: S, Arn: S, CreateDate: S, AssumeRolePolicyDocument: A, Description: S, MaxSessionDuration: N,
  attachedPolicies: list(obj({ PolicyName: S, PolicyArn: S })), inlinePolicyNames: list(S),
});

const EVENT = obj({ id: N, time: N, kind: S, message: S, resourceArn: S, placementId: S, eventBridge: A });

const CAPACITY_PROVIDER = obj({
  capacityProviderArn: S, name: S, status: S, autoScalingGroupProvider: A, updateStatus: S, updateStatusReason: S, tags: TAGS,
  clusterName: S, reservation: obj({ value: N, instancesNeeded: N, runningInstances: N, provisioningTasks: N, time: N }),
});

const AUTO_SCALING_GROUP = obj({
  AutoScalingGroupName: S, AutoScalingGroupARN: S, LaunchTemplate: A, MixedInstancesPolicy: A, MinSize: N, MaxSize: N,
  DesiredCapacity: N, DefaultCooldown: N, AvailabilityZones: list(S), VPCZoneIdentifier: S, HealthCheckType: S,
  HealthCheckGracePeriod: N,
  Instances: list(obj({ InstanceId: S, InstanceType: S, AvailabilityZone: S, LifecycleState: S, HealthStatus: S, ProtectedFromScaleIn: B, LaunchTemplate: A })),
  CreatedTime: S, TerminationPolicies: list(S), NewInstancesProtectedFromScaleIn: B, Tags: list(A), Status: S, capacityProviderName: S,
});

const EC2_INSTANCE = obj({
  InstanceId: S, InstanceType: S, State: obj({ Code: N, Name: S }), LaunchTime: S, Placement: obj({ AvailabilityZone: S }),
  SubnetId: S, PrivateIpAddress: S, InstanceLifecycle: S, Tags: PASCAL_TAGS, StateTransitionReason: S, ecsCluster: S,
  containerInstanceArn: S, launchedMs: N, runningMs: N,
});

const FAULT = obj({ kind: S, target: S, sinceMs: N, untilMs: N, description: S });

/** Lookups built once per snapshot, for derived fields that need another collection (a task's instance). */
export interface Lookups {
  instanceByArn: Map<string, ContainerInstance>;
}

export interface DerivedField {
  type: FieldType;
  get(item: Record<string, unknown>, lookups: Lookups): unknown;
}

export interface Collection {
  /** The Snapshot's key. */
  key: keyof Snapshot;
  item: ObjectType;
  /** Sandbox-derived fields, readable like any other (never in the Snapshot itself). */
  derived: Readonly<Record<string, DerivedField>>;
}

/** Derived fields read data a fault or a bug could have left malformed: never assume a shape. */
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const fieldOf = (value: unknown, field: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined;
const lastOf = (text: unknown, separator: string): string | undefined =>
  typeof text === 'string' ? text.slice(text.lastIndexOf(separator) + 1) : undefined;
/** `service/demo/web` → `web` (Application Auto Scaling's ResourceId). */
const serviceOfResourceId = (item: Record<string, unknown>): string | undefined => lastOf(item.ResourceId, '/');
/** `…:task-definition/web:2` → `web:2`. */
const taskDefinitionLabel = (arn: unknown): string | undefined => lastOf(arn, '/');
const attribute = (instance: ContainerInstance | undefined, name: string): unknown =>
  fieldOf(listOf(instance?.attributes).find((entry) => fieldOf(entry, 'name') === name), 'value');
const alias = (field: string, type: FieldType = S): DerivedField => ({ type, get: (item) => item[field] });
const clusterName = (item: Record<string, unknown>): string | undefined => lastOf(item.clusterArn, '/');

const TASK_DERIVED: Record<string, DerivedField> = {
  taskDefinition: { type: S, get: (item) => taskDefinitionLabel(item.taskDefinitionArn) },
  family: { type: S, get: (item) => taskDefinitionLabel(item.taskDefinitionArn)?.split(':')[0] },
  revision: { type: N, get: (item) => Number(taskDefinitionLabel(item.taskDefinitionArn)?.split(':')[1]) },
  service: { type: S, get: (item) => (typeof item.group === 'string' && item.group.startsWith('service:') ? item.group.slice(8) : undefined) },
  cluster: { type: S, get: clusterName },
  instanceId: { type: S, get: (item, lookups) => lookups.instanceByArn.get(item.containerInstanceArn as string)?.ec2InstanceId },
  instanceType: { type: S, get: (item, lookups) => attribute(lookups.instanceByArn.get(item.containerInstanceArn as string), 'ecs.instance-type') },
  /** The exit code of the task's first container that has one (essential containers come first in practice). */
  exitCode: {
    type: N,
    get: (item) => fieldOf(listOf(item.containers).find((container) => fieldOf(container, 'exitCode') !== undefined), 'exitCode'),
  },
  /** `events-rule/hourly-batch` → `hourly-batch`: the EventBridge rule that started the task. */
  rule: { type: S, get: (item) => (typeof item.startedBy === 'string' && item.startedBy.startsWith('events-rule/') ? item.startedBy.slice(12) : undefined) },
};

const countTargets = (item: Record<string, unknown>, state: string): number =>
  listOf(item.targets).filter((target) => fieldOf(fieldOf(target, 'TargetHealth'), 'State') === state).length;

/** Every collection an objective may read, under its Snapshot name. */
export const COLLECTIONS: Readonly<Record<string, Collection>> = {
  tasks: { key: 'tasks', item: TASK, derived: TASK_DERIVED },
  services: { key: 'services', item: SERVICE, derived: { name: alias('serviceName'), cluster: { type: S, get: clusterName } } },
  containerInstances: {
    key: 'containerInstances',
    item: CONTAINER_INSTANCE,
    derived: {
      instanceId: alias('ec2InstanceId'),
      availabilityZone: { type: S, get: (item) => attribute(item as unknown as ContainerInstance, 'ecs.availability-zone') },
      instanceType: { type: S, get: (item) => attribute(item as unknown as ContainerInstance, 'ecs.instance-type') },
    },
  },
  clusters: { key: 'clusters', item: CLUSTER, derived: { name: alias('clusterName') } },
  taskDefinitions: {
    key: 'taskDefinitions',
    item: TASK_DEFINITION,
    derived: {
      name: { type: S, get: (item) => `${String(item.family)}:${String(item.revision)}` },
      containerCount: { type: N, get: (item) => listOf(item.containerDefinitions).length },
    },
  },
  targetGroups: {
    key: 'targetGroups',
    item: TARGET_GROUP,
    derived: {
      name: alias('TargetGroupName'),
      healthyTargets: { type: N, get: (item) => countTargets(item, 'healthy') },
      unhealthyTargets: { type: N, get: (item) => countTargets(item, 'unhealthy') },
    },
  },
  loadBalancers: { key: 'loadBalancers', item: LOAD_BALANCER, derived: { name: alias('LoadBalancerName') } },
  alarms: { key: 'alarms', item: ALARM, derived: { name: alias('AlarmName'), state: alias('StateValue') } },
  scalableTargets: { key: 'scalableTargets', item: SCALABLE_TARGET, derived: { service: { type: S, get: serviceOfResourceId } } },
  serviceScalingActivities: {
    key: 'serviceScalingActivities',
    item: SERVICE_SCALING_ACTIVITY,
    derived: { service: { type: S, get: serviceOfResourceId } },
  },
  eventRules: { key: 'eventRules', item: EVENT_RULE, derived: { name: alias('Name'), state: alias('State') } },
  queues: {
    key: 'queues',
    item: QUEUE,
    derived: {
      name: alias('QueueName'),
      messages: { type: N, get: (item) => Number(fieldOf(item.Attributes, 'ApproximateNumberOfMessages') ?? 0) },
    },
  },
  buckets: { key: 'buckets', item: BUCKET, derived: { name: alias('Name'), objectCount: { type: N, get: (item) => listOf(item.objects).length } } },
  repositories: {
    key: 'repositories',
    item: REPOSITORY,
    derived: { name: alias('repositoryName'), imageCount: { type: N, get: (item) => listOf(item.images).length } },
  },
  roles: { key: 'roles', item: ROLE, derived: { name: alias('RoleName') } },
  events: { key: 'events', item: EVENT, derived: {} },
  capacityProviders: { key: 'capacityProviders', item: CAPACITY_PROVIDER, derived: {} },
  autoScalingGroups: {
    key: 'autoScalingGroups',
    item: AUTO_SCALING_GROUP,
    derived: { name: alias('AutoScalingGroupName'), instanceCount: { type: N, get: (item) => listOf(item.Instances).length } },
  },
  ec2Instances: {
    key: 'ec2Instances',
    item: EC2_INSTANCE,
    derived: { state: { type: S, get: (item) => fieldOf(item.State, 'Name') }, availabilityZone: { type: S, get: (item) => fieldOf(item.Placement, 'AvailabilityZone') } },
  },
  faults: { key: 'faults', item: FAULT, derived: {} },
};

/** Friendlier names for a few collections. */
export const COLLECTION_ALIASES: Readonly<Record<string, string>> = {
  instances: 'containerInstances',
  rules: 'eventRules',
  images: 'repositories',
};

export const COLLECTION_NAMES: readonly string[] = [...Object.keys(COLLECTIONS), ...Object.keys(COLLECTION_ALIASES)];

export function collectionNamed(name: string): Collection | undefined {
  return COLLECTIONS[COLLECTION_ALIASES[name] ?? name];
}

/** The key that names an item (selectors `[web]`, sentences "service web"): the first of these it has. */
export const NAME_FIELDS = ['name', 'family', 'kind', 'ResourceId', 'ActivityId', 'taskArn', 'InstanceId', 'target'] as const;

export function nameFieldOf(collection: Collection): string | undefined {
  return NAME_FIELDS.find((field) => field in collection.derived || field in collection.item.fields);
}

/** The type of a top-level field of an item (derived fields included), or undefined. */
export function topFieldType(collection: Collection, field: string): FieldType | undefined {
  return collection.derived[field]?.type ?? collection.item.fields[field];
}

/** The names a top-level field may have, for "did you mean". */
export function topFieldNames(collection: Collection): string[] {
  return [...Object.keys(collection.item.fields), ...Object.keys(collection.derived)];
}

const lookupCache = new WeakMap<Snapshot, Lookups>();

export function lookupsOf(snapshot: Snapshot): Lookups {
  let lookups = lookupCache.get(snapshot);
  if (!lookups) {
    const instanceByArn = new Map<string, ContainerInstance>();
    for (const instance of listOf(snapshot.containerInstances)) {
      const arn = fieldOf(instance, 'containerInstanceArn');
      if (typeof arn === 'string') instanceByArn.set(arn, instance as ContainerInstance);
    }
    lookups = { instanceByArn };
    lookupCache.set(snapshot, lookups);
  }
  return lookups;
}

/** A collection's items in this snapshot ([] when the snapshot has none of them yet). */
export function itemsOf(snapshot: Snapshot, collection: Collection): Record<string, unknown>[] {
  const items = (snapshot as unknown as Record<string, unknown>)[collection.key];
  return Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
}
