/**
 * The engine's state: plain records keyed for the lookups commands need. The AWS-shaped `Task`
 * object of a task is kept and updated in place (it is what DescribeTasks returns); clusters and
 * container instances are rendered into their Describe shapes by snapshot.ts, because their
 * counts and remaining resources are derived.
 *
 * Map iteration order is insertion order, so every listing is deterministic for a given run.
 */
import type { Attribute, SimEvent, Task, TaskDefinition } from '../protocol.ts';
import type { InstanceType } from './catalog/instance-types.ts';
import type { TimerId } from './clock.ts';
import type { RepositoryRecord } from './ecr/repositories.ts';
import type { RoleRecord } from './iam/roles.ts';

export interface ClusterRecord {
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE';
  tags: { key: string; value: string }[];
  settings: { name: 'containerInsights'; value: string }[];
}

export interface InstanceRecord {
  containerInstanceArn: string;
  ec2InstanceId: string;
  clusterName: string;
  instanceType: InstanceType;
  availabilityZone: string;
  status: 'ACTIVE';
  registeredAt: string;
  /** Bumped on every change, as AWS does. */
  version: number;
  attributes: Attribute[];
  registeredCpuUnits: number;
  registeredMemoryMiB: number;
  /** The agent's reserved ports (registered PORTS); static host ports of tasks come on top. */
  reservedTcpPorts: readonly number[];
  reservedUdpPorts: readonly number[];
  usedCpuUnits: number;
  usedMemoryMiB: number;
  /** Host ports bound by tasks on this instance → the task ARN holding them. */
  staticTcp: Map<number, string>;
  staticUdp: Map<number, string>;
  dynamicTcp: Map<number, string>;
  dynamicUdp: Map<number, string>;
  /** The agent hands out dynamic ports sequentially from the last one given (ecs-reference §2). */
  lastDynamicPort: number;
  /** awsvpc tasks each hold one ENI attachment. */
  enisUsed: number;
  /** The role of the instance profile (ECS: the container instance role), by name. */
  instanceRoleName: string;
  /** True when sim:AddContainerInstances named no profile (the default ecsInstanceRole applies). */
  instanceRoleDefaulted: boolean;
}

export interface PortAssignment {
  containerName: string;
  containerPort: number;
  hostPort: number;
  protocol: 'tcp' | 'udp';
  dynamic: boolean;
}

export interface TaskHandle {
  /** Ask the task's state machine to stop (SIGTERM, then SIGKILL after stopTimeoutMs). */
  stop(timing: { exitMs: number; reportMs: number; killed: boolean }): void;
}

export interface TaskRecord {
  task: Task;
  clusterName: string;
  family: string;
  taskDefinition: TaskDefinition;
  instanceArn: string;
  cpuUnits: number;
  memoryMiB: number;
  ports: PortAssignment[];
  usesEni: boolean;
  /** Virtual ms when the task was created (RunTask). */
  createdMs: number;
  /** Whether the task's resources have been given back (on STOPPED). */
  released: boolean;
  handle?: TaskHandle;
  expiryTimer?: TimerId;
}

export interface EngineState {
  seed: number;
  clusters: Map<string, ClusterRecord>;
  instances: Map<string, InstanceRecord>;
  /** family → revisions; index = revision − 1. */
  taskDefinitions: Map<string, TaskDefinition[]>;
  /** Tags given at registration, by task definition ARN (DescribeTaskDefinition include TAGS). */
  taskDefinitionTags: Map<string, { key: string; value: string }[]>;
  tasks: Map<string, TaskRecord>;
  events: SimEvent[];
  nextEventId: number;
  /** IAM roles by name, in creation order. */
  roles: Map<string, RoleRecord>;
  /** ECR repositories by name, in creation order. */
  repositories: Map<string, RepositoryRecord>;
  /** The hourly lifecycle-policy sweep, scheduled while any repository has a policy. */
  lifecycleTimer?: TimerId;
}

export function emptyState(seed: number): EngineState {
  return {
    seed,
    clusters: new Map(),
    instances: new Map(),
    taskDefinitions: new Map(),
    taskDefinitionTags: new Map(),
    tasks: new Map(),
    events: [],
    nextEventId: 1,
    roles: new Map(),
    repositories: new Map(),
  };
}

/** The sandbox keeps the newest 500 events (older ones are trimmed in batches, for speed). */
export const EVENT_LIMIT = 500;

export function instancesOfCluster(state: EngineState, clusterName: string): InstanceRecord[] {
  const out: InstanceRecord[] = [];
  for (const instance of state.instances.values()) if (instance.clusterName === clusterName) out.push(instance);
  return out;
}

export function tasksOfCluster(state: EngineState, clusterName: string): TaskRecord[] {
  const out: TaskRecord[] = [];
  for (const record of state.tasks.values()) if (record.clusterName === clusterName) out.push(record);
  return out;
}
