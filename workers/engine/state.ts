/**
 * The engine's state: plain records keyed for the lookups commands need. The AWS-shaped `Task`
 * object of a task is kept and updated in place (it is what DescribeTasks returns); clusters and
 * container instances are rendered into their Describe shapes by snapshot.ts, because their
 * counts and remaining resources are derived.
 *
 * Map iteration order is insertion order, so every listing is deterministic for a given run.
 */
import type { Attachment, Attribute, ServiceLoadBalancer, SimEvent, Task, TaskDefinition } from '../protocol.ts';
import type { ServiceRecord } from './services/model.ts';
import type { InstanceType } from './catalog/instance-types.ts';
import type { TimerId } from './clock.ts';
import type { EniTimings } from './machines/timings.ts';
import type { DecisionRecord } from './placement/decisions.ts';
import type { Subnet } from './network/default-vpc.ts';
import { emptyNetworkState, type EniAllocation, type NetworkState } from './network/eni.ts';
import type { RepositoryRecord } from './ecr/repositories.ts';
import type { RoleRecord } from './iam/roles.ts';
import type { ImageBehavior } from './images/behavior.ts';
import type { ElbState } from './elb/model.ts';
import type { TaskHealth } from './machines/health-checks.ts';
import type { Ec2State } from './ec2/model.ts';
import type { AutoScalingState } from './autoscaling/model.ts';
import type { CapacityState } from './capacity/model.ts';
import type { MetricsState } from './metrics/store.ts';
import type { FaultState } from './faults/model.ts';
import type { CostState } from './cost/model.ts';

export interface ClusterRecord {
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE';
  tags: { key: string; value: string }[];
  settings: { name: 'containerInsights'; value: string }[];
  /** Capacity providers the cluster may use (PutClusterCapacityProviders / CreateCluster), by name (issue 6). */
  capacityProviders?: string[];
  /** The strategy for RunTask / CreateService calls that name neither a launch type nor a strategy (issue 6). */
  defaultCapacityProviderStrategy?: { capacityProvider: string; weight: number; base: number }[];
}

export interface InstanceRecord {
  containerInstanceArn: string;
  ec2InstanceId: string;
  clusterName: string;
  instanceType: InstanceType;
  availabilityZone: string;
  /**
   * ACTIVE takes tasks; DRAINING takes no new ones (UpdateContainerInstancesState); REGISTERING
   * while its trunk ENI is provisioned (awsvpcTrunking). Placement uses ACTIVE instances only.
   */
  status: InstanceStatus;
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
  /**
   * Registered with a trunk ENI (awsvpcTrunking was enabled for its role when it registered, and its
   * type supports trunking): its awsvpc task limit is the type's trunkingTaskLimit. Absent = false.
   */
  trunkEnabled?: boolean;
  /** DescribeContainerInstances' `attachments` (the trunk ENI). Replaced, never mutated in place. */
  attachments?: Attachment[];
  /** EXTERNAL: an ECS Anywhere instance (sim:RegisterExternalInstance). Absent = an EC2 instance (issue 6). */
  launchType?: 'EC2' | 'EXTERNAL';
  /** The Auto Scaling group whose EC2 instance this is, and that group's capacity provider in this cluster (issue 6). */
  autoScalingGroupName?: string;
  capacityProviderName?: string;
  /** False while the agent is disconnected (sim:DisconnectAgent, an AZ outage): no placements; absent = true. */
  agentConnected?: boolean;
  /** DEREGISTERING: what the event log says once its last task has stopped and it is gone (machines/instance-deregistration.ts). */
  deregistrationMessage?: string;
}

export type InstanceStatus = 'ACTIVE' | 'DRAINING' | 'REGISTERING' | 'DEREGISTERING';

/**
 * ECS account settings (PutAccountSetting…): `defaults` holds the account's default per setting
 * name (PutAccountSettingDefault, or PutAccountSetting by the root user, which the sandbox's caller
 * is); `byPrincipal` the settings of single IAM roles or users, by principal ARN.
 */
export interface AccountSettingsState {
  defaults: Map<string, string>;
  byPrincipal: Map<string, Map<string, string>>;
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
  /** A container's process exited on its own (crash): an essential one stops the task. */
  containerExited?(exit: { containerName: string; essential: boolean; timing: { exitMs: number; reportMs: number; killed: boolean } }): void;
}

export interface TaskEni {
  allocation: EniAllocation;
  subnet: Subnet;
  timings: EniTimings;
  /** The security groups of the ENI (the request's awsvpcConfiguration; the VPC's default when it named none). */
  securityGroups?: readonly string[];
}

export interface TaskRecord {
  task: Task;
  clusterName: string;
  family: string;
  taskDefinition: TaskDefinition;
  /** The container instance it runs on (EC2); absent on Fargate. */
  instanceArn?: string;
  /** The placement decision that put it there, for the explainer (EC2). */
  placement?: { placementId: string; index: number };
  /** Fargate: why the task went to its zone, as decided (the explainer's answer for Fargate tasks). */
  fargatePlacement?: { summary: string; index: number; count: number };
  cpuUnits: number;
  memoryMiB: number;
  ports: PortAssignment[];
  usesEni: boolean;
  /**
   * The task's own ENI (awsvpc; machines/task-eni.ts attachTaskEni): its address in `subnet`, held
   * from RunTask until STOPPED, and how long attaching and detaching it take.
   */
  eni?: TaskEni;
  /** Virtual ms when the task was created (RunTask). */
  createdMs: number;
  /** Virtual ms when the task became RUNNING (machines/task-lifecycle.ts). */
  startedMs?: number;
  /** Whether the task's resources have been given back (on STOPPED). */
  released: boolean;
  handle?: TaskHandle;
  expiryTimer?: TimerId;
  /** Container health checks while RUNNING (machines/health-checks.ts); absent without checks. */
  health?: TaskHealth;
  /** Pending container crashes while RUNNING, by container name (machines/container-exits.ts). */
  crashTimers?: Map<string, TimerId>;
  /**
   * Told about lifecycle changes of this task (for the service scheduler): its task healthStatus
   * changed (health-checks.ts), or it reached STOPPED (task-lifecycle.ts). Called after the event
   * log line, on the virtual clock; must not throw.
   */
  observer?: TaskLifecycleObserver;
  /** A service task: its service's ARN and the id of the deployment that started it (services/model.ts). */
  serviceArn?: string;
  deploymentId?: string;
  /**
   * The load balancers the task registers with while ACTIVATING and deregisters from while
   * DEACTIVATING (a service's `loadBalancers`, set by the scheduler when it launches the task).
   */
  loadBalancers?: readonly ServiceLoadBalancer[];
  /**
   * Launched through a capacity provider (issue 6): its name (also `task.capacityProviderName`).
   * A task of an Auto Scaling group provider that found no room waits in PROVISIONING with no
   * instance (`awaitingCapacity`) until an instance of the provider registers (capacity/).
   */
  capacityProviderName?: string;
  awaitingCapacity?: boolean;
  /** Virtual ms when a task that waited for capacity was placed on its instance (others: createdMs). */
  placedMs?: number;
}

export interface TaskLifecycleObserver {
  /** The task's healthStatus changed (container health checks). */
  healthChanged?(record: TaskRecord): void;
  /** The task reached RUNNING (after ACTIVATING, when it registers with load balancers). */
  running?(record: TaskRecord): void;
  /** The task reached STOPPED. */
  stopped?(record: TaskRecord): void;
  /** While ACTIVATING, the task registered as a target of `targetGroupArn` (or with Classic LB `loadBalancerName`). */
  targetRegistered?(record: TaskRecord, lb: ServiceLoadBalancer, target: { id: string; port: number }): void;
  /** While DEACTIVATING, the task's target was deregistered (draining starts). */
  targetDeregistered?(record: TaskRecord, lb: ServiceLoadBalancer, target: { id: string; port: number }): void;
  /**
   * The task's target changed health in a target group (or Classic LB): `healthy`, or `unhealthy`
   * with ELB's reason code and description.
   */
  targetHealthChanged?(record: TaskRecord, lb: ServiceLoadBalancer, health: { state: 'healthy' | 'unhealthy'; reason?: string; description?: string; port: number }): void;
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
  /** ENIs and private IPs held by awsvpc tasks (the VPC, subnets and security groups are constant). */
  network: NetworkState;
  /** Recent placement decisions, for the explainer (placement/decisions.ts), oldest first. */
  placementDecisions: Map<string, DecisionRecord>;
  nextPlacementId: number;
  /** ECS account settings (commands/account-settings.ts). */
  accountSettings: AccountSettingsState;
  /**
   * sim:SetImageBehavior: how each image's application behaves, by normalised reference
   * (images/behavior.ts behaviorKey). Absent or empty = every image healthy.
   */
  imageBehaviors?: Map<string, ImageBehavior>;
  /** Elastic Load Balancing v2: load balancers, listeners, target groups (elb/model.ts elbOf). Absent until first used. */
  elb?: ElbState;
  /**
   * Bumped whenever something a load balancer's health check depends on changes: a task's or a
   * container's status (machines/), an image's behaviour. A target group whose targets have all
   * settled skips its rounds until it moves (elb/health.ts quiet rounds).
   */
  healthEpoch?: number;
  /** ECS services by ARN, in creation order (services/model.ts); INACTIVE ones stay visible for an hour, as on AWS. */
  services?: Map<string, ServiceRecord>;
  /** EC2 launch templates and instances (ec2/model.ts), Auto Scaling (autoscaling/model.ts), capacity providers (capacity/model.ts) — issue 6. */
  ec2?: Ec2State;
  autoscaling?: AutoScalingState;
  capacity?: CapacityState;
  /** One-minute CloudWatch series (metrics/store.ts) and alarms. */
  metrics?: MetricsState;
  /** Faults being simulated (faults/model.ts). */
  faults?: FaultState;
  /** The running cost's accumulators (cost/). */
  cost?: CostState;
}

export function emptyState(seed: number): EngineState {
  return {
    placementDecisions: new Map(),
    nextPlacementId: 1,
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
    network: emptyNetworkState(),
    accountSettings: { defaults: new Map(), byPrincipal: new Map() },
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

/** The container instance a task runs on; undefined on Fargate or once the instance is gone. */
export function instanceOfTask(state: EngineState, record: TaskRecord): InstanceRecord | undefined {
  return record.instanceArn === undefined ? undefined : state.instances.get(record.instanceArn);
}
