/**
 * Rendering the state into the protocol's AWS Describe* shapes. Used both by snapshot() and by the
 * Describe commands, so what a learner reads in a response is what the UI shows. Every value
 * returned is a fresh plain object (structured-clone-safe, safe to mutate by the caller).
 */
import type {
  Cluster,
  ContainerInstance,
  EcrImage,
  EcrRepository,
  IamRole,
  Resource,
  Snapshot,
  Task,
  TaskDefinition,
  TaskStatus,
} from '../protocol.ts';
import type { ImageRecord, RepositoryRecord } from './ecr/repositories.ts';
import { severityCounts } from './ecr/scan.ts';
import { isoAt } from './ids/arn.ts';
import { managedPolicy } from './iam/managed-policies.ts';
import type { RoleRecord } from './iam/roles.ts';
import type { ClusterRecord, EngineState, InstanceRecord } from './state.ts';
import { EVENT_LIMIT } from './state.ts';
import { capacitySnapshot, elbSnapshot, servicesSnapshot } from './snapshot-parts.ts';

export const AGENT_VERSION_INFO = { agentVersion: '1.92.0', agentHash: 'b7f3c2a1', dockerVersion: 'DockerVersion: 25.0.8' };

const PENDING_STATES: ReadonlySet<TaskStatus> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

export interface TaskCounts {
  running: number;
  pending: number;
}

/** Running (lastStatus RUNNING) and pending (PROVISIONING/PENDING/ACTIVATING) tasks per instance and per cluster. */
export function countTasks(state: EngineState): { byInstance: Map<string, TaskCounts>; byCluster: Map<string, TaskCounts> } {
  const byInstance = new Map<string, TaskCounts>();
  const byCluster = new Map<string, TaskCounts>();
  const bump = (map: Map<string, TaskCounts>, key: string, field: keyof TaskCounts): void => {
    const counts = map.get(key) ?? { running: 0, pending: 0 };
    counts[field] += 1;
    map.set(key, counts);
  };
  for (const record of state.tasks.values()) {
    const status = record.task.lastStatus;
    const field = status === 'RUNNING' ? 'running' : PENDING_STATES.has(status) ? 'pending' : undefined;
    if (field === undefined) continue;
    if (record.instanceArn !== undefined) bump(byInstance, record.instanceArn, field);
    bump(byCluster, record.clusterName, field);
  }
  return { byInstance, byCluster };
}

function integerResource(name: string, value: number): Resource {
  return { name, type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: value };
}

function portsResource(name: 'PORTS' | 'PORTS_UDP', ports: Iterable<number>): Resource {
  const sorted = [...new Set(ports)].sort((a, b) => a - b).map(String);
  return { name, type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: sorted };
}

export function renderCluster(record: ClusterRecord, state: EngineState, counts: Map<string, TaskCounts>): Cluster {
  let registered = 0;
  for (const instance of state.instances.values()) if (instance.clusterName === record.clusterName) registered += 1;
  const taskCounts = counts.get(record.clusterName) ?? { running: 0, pending: 0 };
  let activeServices = 0;
  for (const service of state.services?.values() ?? []) if (service.clusterName === record.clusterName && service.status === 'ACTIVE') activeServices += 1;
  return {
    clusterArn: record.clusterArn,
    clusterName: record.clusterName,
    status: record.status,
    registeredContainerInstancesCount: registered,
    runningTasksCount: taskCounts.running,
    pendingTasksCount: taskCounts.pending,
    activeServicesCount: activeServices,
    statistics: [],
    tags: record.tags.map((tag) => ({ ...tag })),
    settings: record.settings.map((setting) => ({ ...setting })),
    capacityProviders: [...(record.capacityProviders ?? [])],
    defaultCapacityProviderStrategy: (record.defaultCapacityProviderStrategy ?? []).map((item) => ({ ...item })),
  };
}

export function renderInstance(record: InstanceRecord, counts: Map<string, TaskCounts>): ContainerInstance {
  const taskCounts = counts.get(record.containerInstanceArn) ?? { running: 0, pending: 0 };
  return {
    containerInstanceArn: record.containerInstanceArn,
    ec2InstanceId: record.ec2InstanceId,
    version: record.version,
    versionInfo: { ...AGENT_VERSION_INFO },
    remainingResources: [
      integerResource('CPU', record.registeredCpuUnits - record.usedCpuUnits),
      integerResource('MEMORY', record.registeredMemoryMiB - record.usedMemoryMiB),
      // Static host ports in use join the reserved list; dynamic ports do not (ecs-reference §2).
      portsResource('PORTS', [...record.reservedTcpPorts, ...record.staticTcp.keys()]),
      portsResource('PORTS_UDP', [...record.reservedUdpPorts, ...record.staticUdp.keys()]),
    ],
    registeredResources: [
      integerResource('CPU', record.registeredCpuUnits),
      integerResource('MEMORY', record.registeredMemoryMiB),
      portsResource('PORTS', record.reservedTcpPorts),
      portsResource('PORTS_UDP', record.reservedUdpPorts),
    ],
    status: record.status,
    agentConnected: record.agentConnected !== false,
    runningTasksCount: taskCounts.running,
    pendingTasksCount: taskCounts.pending,
    attributes: record.attributes.map((attribute) => ({ ...attribute })),
    registeredAt: record.registeredAt,
    tags: [],
    ...(record.attachments === undefined ? {} : { attachments: structuredClone(record.attachments) }),
    ...(record.capacityProviderName === undefined ? {} : { capacityProviderName: record.capacityProviderName }),
  };
}

/** Tasks and task definitions are plain JSON data; a structured clone is a deep copy. */
export function renderTask(task: Task): Task {
  return structuredClone(task);
}

export function renderTaskDefinition(taskDefinition: TaskDefinition): TaskDefinition {
  return structuredClone(taskDefinition);
}

/** iam:GetRole's `Role`, plus the names ListAttachedRolePolicies and ListRolePolicies give. */
export function renderRole(role: RoleRecord): IamRole {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: structuredClone(role.AssumeRolePolicyDocument),
    ...(role.Description === undefined ? {} : { Description: role.Description }),
    MaxSessionDuration: role.MaxSessionDuration,
    attachedPolicies: role.attachedPolicyArns.map((arn) => ({ PolicyName: managedPolicy(arn)?.PolicyName ?? arn, PolicyArn: arn })),
    inlinePolicyNames: [...role.inlinePolicies.keys()],
  };
}

/** The media type ECR records for a Docker image manifest. */
export const DOCKER_MANIFEST_MEDIA_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';

/** ecr:DescribeImages' `imageDetails` entry. */
export function renderImage(repository: RepositoryRecord, image: ImageRecord): EcrImage {
  const out: EcrImage = {
    registryId: repository.registryId,
    repositoryName: repository.repositoryName,
    imageDigest: image.imageDigest,
    ...(image.imageTags.length === 0 ? {} : { imageTags: [...image.imageTags] }),
    imageSizeInBytes: image.imageSizeInBytes,
    imagePushedAt: isoAt(image.pushedMs),
    imageManifestMediaType: image.imageManifestMediaType,
    artifactMediaType: 'application/vnd.docker.container.image.v1+json',
  };
  if (image.scan !== undefined) {
    out.imageScanStatus = { status: 'COMPLETE', description: 'The scan was completed successfully.' };
    out.imageScanFindingsSummary = {
      imageScanCompletedAt: isoAt(image.scan.completedMs),
      vulnerabilitySourceUpdatedAt: isoAt(image.scan.completedMs),
      findingSeverityCounts: severityCounts(image.scan.findings),
    };
  }
  return out;
}

/** ecr:DescribeRepositories' entry (without the images). */
export function renderRepository(repository: RepositoryRecord): Omit<EcrRepository, 'images' | 'lifecyclePolicyText'> {
  return {
    repositoryArn: repository.repositoryArn,
    registryId: repository.registryId,
    repositoryName: repository.repositoryName,
    repositoryUri: repository.repositoryUri,
    createdAt: repository.createdAt,
    imageTagMutability: repository.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: repository.scanOnPush },
    encryptionConfiguration: { encryptionType: 'AES256' },
  };
}

function renderRepositoryWithImages(repository: RepositoryRecord): EcrRepository {
  return {
    ...renderRepository(repository),
    ...(repository.lifecyclePolicyText === undefined ? {} : { lifecyclePolicyText: repository.lifecyclePolicyText }),
    images: [...repository.images].reverse().map((image) => renderImage(repository, image)),
  };
}

export function buildSnapshot(state: EngineState, time: number): Snapshot {
  const counts = countTasks(state);
  const taskDefinitions: TaskDefinition[] = [];
  for (const family of [...state.taskDefinitions.keys()].sort()) {
    for (const revision of state.taskDefinitions.get(family)!) taskDefinitions.push(renderTaskDefinition(revision));
  }
  return {
    time,
    seed: state.seed,
    clusters: [...state.clusters.values()].map((cluster) => renderCluster(cluster, state, counts.byCluster)),
    containerInstances: [...state.instances.values()].map((instance) => renderInstance(instance, counts.byInstance)),
    taskDefinitions,
    tasks: [...state.tasks.values()].map((record) => renderTask(record.task)),
    services: servicesSnapshot(state),
    events: state.events.slice(-EVENT_LIMIT).map((event) => ({ ...event })),
    roles: [...state.roles.values()].map(renderRole),
    repositories: [...state.repositories.values()].map(renderRepositoryWithImages),
    // Only once the elb APIs have been used, so snapshots of sandboxes without load balancers stay as they were.
    ...elbSnapshot(state),
    // Likewise EC2, Auto Scaling, capacity providers, metrics, cost and faults (issue 6), once used.
    ...capacitySnapshot(state, time),
  };
}
