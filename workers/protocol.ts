/**
 * The protocol: every piece of data that crosses a boundary (engine ↔ worker ↔ UI, engine ↔ CLI,
 * scenario file → engine) is typed here, and only here. Everything is plain, structured-clone-safe
 * data: no classes, no functions, no Dates (times are integer virtual milliseconds or ISO strings).
 *
 * Field names follow the AWS API (Describe* responses and request shapes) so that what a learner
 * reads here is what they will read from the real AWS CLI.
 */

// ---------------------------------------------------------------------------------------------
// The command language
// ---------------------------------------------------------------------------------------------

/**
 * One step of the command language: an object with exactly one key.
 * - `"<service>:<Operation>": <AWS request JSON>`, e.g. `{"ecs:RunTask": {cluster: "demo", ...}}`
 * - `"sim:<Action>": <params>`, sandbox actions with no AWS API
 * - `wait: "90s" | "5m" | "2h" | <milliseconds>`, advance virtual time
 */
export type Step = Record<string, unknown>;

/** An AWS-shaped error. `code` is the AWS exception name, `message` its text. */
export interface AwsError {
  code: string;
  message: string;
}

/** The outcome of one step: the AWS response, or an error (and then the state did not change). */
export type StepResult =
  | { step: number; action: string; response: unknown }
  | { step: number; action: string; error: AwsError };

// ---------------------------------------------------------------------------------------------
// The snapshot (AWS Describe* shapes)
// ---------------------------------------------------------------------------------------------

export interface KeyValuePair {
  name: string;
  value?: string;
}

export interface Attribute {
  name: string;
  value?: string;
  targetType?: 'container-instance';
  targetId?: string;
}

/** ECS `Resource` as in DescribeContainerInstances: CPU, MEMORY (INTEGER) and PORTS, PORTS_UDP (STRINGSET). */
export interface Resource {
  name: 'CPU' | 'MEMORY' | 'PORTS' | 'PORTS_UDP' | string;
  type: 'INTEGER' | 'STRINGSET' | 'LONG' | 'DOUBLE';
  doubleValue: number;
  longValue: number;
  integerValue: number;
  stringSetValue?: string[];
}

export interface Cluster {
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE' | 'PROVISIONING' | 'DEPROVISIONING' | 'FAILED' | 'INACTIVE';
  registeredContainerInstancesCount: number;
  runningTasksCount: number;
  pendingTasksCount: number;
  activeServicesCount: number;
  statistics: KeyValuePair[];
  tags: { key: string; value: string }[];
  settings: { name: 'containerInsights'; value: string }[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: unknown[];
}

export interface ContainerInstance {
  containerInstanceArn: string;
  ec2InstanceId: string;
  version: number;
  versionInfo: { agentVersion: string; agentHash: string; dockerVersion: string };
  remainingResources: Resource[];
  registeredResources: Resource[];
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE' | 'REGISTERING' | 'REGISTRATION_FAILED' | 'DEREGISTERING';
  agentConnected: boolean;
  runningTasksCount: number;
  pendingTasksCount: number;
  attributes: Attribute[];
  /** ISO 8601 timestamp derived from virtual time. */
  registeredAt: string;
  tags: { key: string; value: string }[];
  /** Resources attached to the instance: its trunk ENI when it registered with awsvpcTrunking (issue 4). */
  attachments?: Attachment[];
  /** The capacity provider of the instance's Auto Scaling group, when the cluster uses it (issue 6). */
  capacityProviderName?: string;
}

export interface NetworkBinding {
  bindIP: string;
  containerPort: number;
  hostPort: number;
  protocol: 'tcp' | 'udp';
}

/** A task attachment; awsvpc tasks have one `ElasticNetworkInterface` with subnetId, networkInterfaceId, macAddress, privateDnsName, privateIPv4Address. */
export interface Attachment {
  id: string;
  type: 'ElasticNetworkInterface' | string;
  status: 'PRECREATED' | 'CREATED' | 'ATTACHING' | 'ATTACHED' | 'DETACHING' | 'DETACHED' | 'DELETED' | 'FAILED';
  details: KeyValuePair[];
}

export interface Container {
  containerArn: string;
  taskArn: string;
  name: string;
  image: string;
  lastStatus: string;
  exitCode?: number;
  reason?: string;
  networkBindings: NetworkBinding[];
  networkInterfaces: unknown[];
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  cpu: string;
  memory?: string;
  memoryReservation?: string;
}

export type TaskStatus =
  | 'PROVISIONING'
  | 'PENDING'
  | 'ACTIVATING'
  | 'RUNNING'
  | 'DEACTIVATING'
  | 'STOPPING'
  | 'DEPROVISIONING'
  | 'STOPPED';

export type StopCode =
  | 'TaskFailedToStart'
  | 'EssentialContainerExited'
  | 'UserInitiated'
  | 'ServiceSchedulerInitiated'
  | 'SpotInterruption'
  | 'TerminationNotice';

export interface Task {
  taskArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  containerInstanceArn?: string;
  availabilityZone: string;
  group: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  cpu?: string;
  memory?: string;
  containers: Container[];
  startedBy?: string;
  stopCode?: StopCode;
  stoppedReason?: string;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  connectivity?: 'CONNECTED' | 'DISCONNECTED';
  version: number;
  overrides: { containerOverrides: unknown[]; inferenceAcceleratorOverrides: unknown[] };
  attachments: Attachment[];
  tags: { key: string; value: string }[];
  /** Fargate only: the platform version the task runs on (`1.4.0`) and its family (`Linux`). */
  platformVersion?: string;
  platformFamily?: string;
  /** Fargate only: the task's ephemeral storage (default 20 GiB). */
  ephemeralStorage?: { sizeInGiB: number };
  capacityProviderName?: string;
  /** Timeline fields, ISO 8601 from virtual time; present once reached. */
  createdAt: string;
  connectivityAt?: string;
  pullStartedAt?: string;
  pullStoppedAt?: string;
  startedAt?: string;
  stoppingAt?: string;
  executionStoppedAt?: string;
  stoppedAt?: string;
}

/** A registered task definition as DescribeTaskDefinition returns it (`taskDefinition` member). */
export interface TaskDefinition {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  containerDefinitions: Record<string, unknown>[];
  networkMode?: string;
  volumes: unknown[];
  placementConstraints: unknown[];
  requiresCompatibilities?: string[];
  compatibilities: string[];
  requiresAttributes: { name: string }[];
  cpu?: string;
  memory?: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  registeredAt: string;
  registeredBy: string;
  [field: string]: unknown;
}

/** A service's load balancer mapping, as CreateService takes it and DescribeServices returns it. */
export interface ServiceLoadBalancer {
  /** ALB / NLB: the target group. */
  targetGroupArn?: string;
  /** Classic Load Balancer: its name. */
  loadBalancerName?: string;
  containerName: string;
  containerPort: number;
}

export interface ServiceNetworkConfiguration {
  awsvpcConfiguration: { subnets: string[]; securityGroups: string[]; assignPublicIp: 'ENABLED' | 'DISABLED' };
}

export interface DeploymentConfiguration {
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
  maximumPercent: number;
  minimumHealthyPercent: number;
}

/** One deployment of a service, as DescribeServices lists it (PRIMARY first). */
export interface Deployment {
  /** `ecs-svc/` followed by 19 digits. */
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: string;
  desiredCount: number;
  pendingCount: number;
  runningCount: number;
  failedTasks: number;
  createdAt: string;
  updatedAt: string;
  launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
  /** Instead of launchType (issue 6): how tasks are split over capacity providers. */
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  platformFamily?: string;
  networkConfiguration?: ServiceNetworkConfiguration;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
}

/** A service event as DescribeServices returns it (newest first). */
export interface ServiceEvent {
  id: string;
  createdAt: string;
  message: string;
}

/** A service as DescribeServices returns it. */
export interface Service {
  serviceArn: string;
  serviceName: string;
  clusterArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
  /** Instead of launchType (issue 6): how tasks are split over capacity providers. */
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  platformFamily?: string;
  taskDefinition: string;
  deploymentConfiguration: DeploymentConfiguration;
  deployments: Deployment[];
  events: ServiceEvent[];
  loadBalancers: ServiceLoadBalancer[];
  serviceRegistries: unknown[];
  placementConstraints: { type: 'distinctInstance' | 'memberOf'; expression?: string }[];
  placementStrategy: { type: 'binpack' | 'spread' | 'random'; field?: string }[];
  networkConfiguration?: ServiceNetworkConfiguration;
  healthCheckGracePeriodSeconds?: number;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  deploymentController: { type: 'ECS' };
  createdAt: string;
  createdBy: string;
  roleArn?: string;
  enableECSManagedTags: boolean;
  propagateTags: 'NONE' | 'SERVICE' | 'TASK_DEFINITION';
  enableExecuteCommand: boolean;
  tags?: { key: string; value: string }[];
}

/**
 * An IAM role as iam:GetRole returns it (`Role` member), plus what ListAttachedRolePolicies and
 * ListRolePolicies would list. The trust policy is given decoded, as boto3 and the AWS CLI print it.
 */
export interface IamRole {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: string;
  AssumeRolePolicyDocument: unknown;
  Description?: string;
  MaxSessionDuration: number;
  attachedPolicies: { PolicyName: string; PolicyArn: string }[];
  inlinePolicyNames: string[];
}

/** An image as ecr:DescribeImages returns it (`imageDetails` member). */
export interface EcrImage {
  registryId: string;
  repositoryName: string;
  imageDigest: string;
  imageTags?: string[];
  imageSizeInBytes: number;
  /** ISO 8601 from virtual time. */
  imagePushedAt: string;
  imageManifestMediaType: string;
  artifactMediaType?: string;
  imageScanStatus?: { status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED'; description: string };
  imageScanFindingsSummary?: {
    imageScanCompletedAt: string;
    vulnerabilitySourceUpdatedAt: string;
    findingSeverityCounts: Partial<Record<'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNDEFINED', number>>;
  };
}

/** An ECR repository as ecr:DescribeRepositories returns it, plus its images and lifecycle policy. */
export interface EcrRepository {
  repositoryArn: string;
  registryId: string;
  repositoryName: string;
  repositoryUri: string;
  createdAt: string;
  imageTagMutability: 'MUTABLE' | 'IMMUTABLE';
  imageScanningConfiguration: { scanOnPush: boolean };
  encryptionConfiguration: { encryptionType: 'AES256' | 'KMS' };
  /** The lifecycle policy text, when one is set (ecr:GetLifecyclePolicy). */
  lifecyclePolicyText?: string;
  /** Newest push first, as the console lists them. */
  images: EcrImage[];
}

// ---------------------------------------------------------------------------------------------
// The placement explainer (issue 4)
// ---------------------------------------------------------------------------------------------

/** A placement strategy or constraint as the request gave it (or as the default supplied it). */
export interface PlacementRuleSource {
  type: string;
  /** Strategy field (`memory`, `attribute:ecs.availability-zone`, `instanceId`) or constraint expression. */
  field?: string;
  expression?: string;
  /** Where it came from: the request, the task definition, or the scheduler's default. */
  origin: 'request' | 'taskDefinition' | 'default';
}

/** One column of the explainer table: a filter, a constraint or a strategy, in pipeline order. */
export interface ExplainRule {
  /** Stable id within one explanation, e.g. `cpu`, `memory`, `ports`, `eni`, `status`, `attributes`, `constraint-0`, `strategy-1`. */
  id: string;
  kind: 'filter' | 'constraint' | 'strategy';
  /** Column header: "CPU", "memberOf", "spread(attribute:ecs.availability-zone)". */
  title: string;
  /** What the task asks of it: "needs 512 units", "attribute:ecs.instance-type =~ t3.*". */
  detail: string;
}

/** One instance × rule cell. Filters and constraints pass or fail; strategies give a score text. */
export interface ExplainCell {
  verdict: 'pass' | 'fail' | 'skipped' | 'score';
  /** With the numbers: "1536 of 7985 MiB free", "port 80 held by web:3 (task 1a2b…)", "2 tasks of family:web here". */
  text: string;
}

export interface ExplainRow {
  containerInstanceArn: string;
  ec2InstanceId: string;
  instanceType: string;
  availabilityZone: string;
  /** Aligned with `PlacementExplanation.rules`. */
  cells: ExplainCell[];
  /** Passed every filter and constraint. */
  eligible: boolean;
  /** Position after the strategies, 1 = best (eligible rows only). */
  rank?: number;
  chosen: boolean;
}

/** The smallest change that would let the task place, with a command that makes it when there is one. */
export interface PlacementSuggestion {
  kind:
    | 'lower-cpu'
    | 'lower-memory'
    | 'dynamic-host-port'
    | 'add-instance'
    | 'relax-constraint'
    | 'activate-instance'
    | 'enable-trunking'
    | 'stop-tasks'
    | 'other';
  text: string;
  step?: Step;
}

/** Why one task went where it went, or why it could not be placed: per instance, every rule's verdict. */
export interface PlacementExplanation {
  /** The placement decision this explains; absent for a what-if (`sim:ExplainPlacement` with a request). */
  placementId?: string;
  /** Virtual time of the decision. */
  time: number;
  clusterName: string;
  taskDefinitionArn: string;
  /** `family:revision`. */
  label: string;
  group: string;
  /** Which task of the request (0-based) and how many the request asked for. */
  index: number;
  count: number;
  /** FARGATE: AWS placed it without instances (no rows; the summary says which zone and why). Default EC2. */
  launchType?: 'EC2' | 'FARGATE';
  strategies: PlacementRuleSource[];
  constraints: PlacementRuleSource[];
  outcome: 'placed' | 'unplaced';
  chosen?: { containerInstanceArn: string; ec2InstanceId: string };
  /** One sentence: "0/3 instances can run web:7: 2 × insufficient memory (needs 512 MiB, most free 384 MiB), 1 × host port 80 in use". */
  summary: string;
  rules: ExplainRule[];
  /** Chosen and best-ranked rows first, then the refused ones; at most `maxRows` of `instanceCount`. */
  rows: ExplainRow[];
  instanceCount: number;
  eligibleCount: number;
  suggestions: PlacementSuggestion[];
}

/** What to explain: a task's placement, a recorded decision (e.g. a failed RunTask), or a what-if RunTask request. */
export type ExplainQuery =
  | { taskArn: string; maxRows?: number }
  | { placementId: string; index?: number; maxRows?: number }
  | { runTask: unknown; maxRows?: number };

export type ExplainResult = { ok: true; explanation: PlacementExplanation } | { ok: false; error: AwsError };

/** One line of the sandbox's event log: what happened, when, to what. Newest last. */
export interface SimEvent {
  /** Sequence number, unique and increasing within a run. */
  id: number;
  /** Virtual time in ms. */
  time: number;
  /** Dotted lower-case kind, e.g. `task.running`, `task.stopped`, `instance.registered`. */
  kind: string;
  /** One sentence a learner can read. */
  message: string;
  /** The ARN of the resource it concerns, if any. */
  resourceArn?: string;
  /** The placement decision it reports (placement events), for the explainer. */
  placementId?: string;
  /**
   * The event as EventBridge would deliver it, for the kinds ECS sends there ("ECS Task State
   * Change", "ECS Deployment State Change", "ECS Service Action"): `detail` is AWS's detail object.
   */
  eventBridge?: EventBridgeEvent;
}

/** An event in EventBridge's envelope (source aws.ecs). */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type':
    | 'ECS Task State Change'
    | 'ECS Deployment State Change'
    | 'ECS Service Action'
    | 'ECS Container Instance State Change'
    | 'Object Created'
    | 'Scheduled Event';
  source: 'aws.ecs' | 'aws.s3' | 'aws.events';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/**
 * The whole visible state. Later issues add `targetGroups`, `loadBalancers`, `autoScalingGroups`,
 * `capacityProviders`, `scalableTargets`, `scalingPolicies`, `alarms`, `metrics`, `objectives`.
 */
export interface Snapshot {
  /** Virtual time in integer milliseconds since the run began. */
  time: number;
  /** The seed of this run's PRNG. */
  seed: number;
  clusters: Cluster[];
  containerInstances: ContainerInstance[];
  taskDefinitions: TaskDefinition[];
  tasks: Task[];
  services: Service[];
  events: SimEvent[];
  /** IAM roles the learner created (issue 3). */
  roles?: IamRole[];
  /** ECR repositories with their images (issue 3). */
  repositories?: EcrRepository[];
  /** elbv2 load balancers, as DescribeLoadBalancers returns them (issue 5). */
  loadBalancers?: ElbLoadBalancer[];
  /** elbv2 target groups, as DescribeTargetGroups returns them, with their targets' health and attributes (issue 5). */
  targetGroups?: ElbTargetGroup[];
  /** elbv2 listeners, as DescribeListeners returns them (issue 5). */
  listeners?: ElbListener[];
  /** Classic Load Balancers, as elb DescribeLoadBalancers returns them, with DescribeInstanceHealth (issue 5). */
  classicLoadBalancers?: ClassicLoadBalancer[];
  /** EC2 instances (ec2 DescribeInstances' Instance, trimmed), including those still booting (issue 6). */
  ec2Instances?: Ec2Instance[];
  /** EC2 launch templates (ec2 DescribeLaunchTemplates plus the version's data) (issue 6). */
  launchTemplates?: LaunchTemplate[];
  /** Auto Scaling groups, as DescribeAutoScalingGroups returns them (issue 6). */
  autoScalingGroups?: AutoScalingGroup[];
  /** Auto Scaling scaling policies, as DescribePolicies returns them (issue 6). */
  autoScalingPolicies?: AutoScalingPolicy[];
  /** Auto Scaling activities, newest first, at most 100 (DescribeScalingActivities) (issue 6). */
  scalingActivities?: AutoScalingActivity[];
  /** ECS capacity providers, as DescribeCapacityProviders returns them (FARGATE and FARGATE_SPOT included) (issue 6). */
  capacityProviders?: CapacityProvider[];
  /** CloudWatch alarms, as DescribeAlarms returns them (issue 6 for Auto Scaling; issue 7 for services). */
  alarms?: MetricAlarm[];
  /** One-minute CloudWatch series kept by the sandbox (the newest 180 points each) (issue 6, 7). */
  metrics?: MetricSeries[];
  /** What the simulated resources have cost so far and cost per hour now (issue 6). */
  cost?: CostReport;
  /** Faults the sandbox is simulating right now (issue 6). */
  faults?: ActiveFault[];
  /** Application Auto Scaling scalable targets (ECS services' DesiredCount), as DescribeScalableTargets returns them (issue 7). */
  scalableTargets?: ScalableTarget[];
  /** Application Auto Scaling policies, as DescribeScalingPolicies returns them (issue 7). */
  serviceScalingPolicies?: ServiceScalingPolicy[];
  /** Application Auto Scaling scheduled actions, as DescribeScheduledActions returns them (issue 7). */
  scheduledActions?: ScheduledAction[];
  /** Application Auto Scaling activities, newest first, at most 100 (DescribeScalingActivities) (issue 7). */
  serviceScalingActivities?: ServiceScalingActivity[];
  /** Request traffic set on services behind load balancers (sim:SetTraffic) (issue 7). */
  traffic?: ServiceTraffic[];
  /** Each service's desired and running task counts by the minute (the newest 180), for charts (issue 7). */
  serviceCounts?: ServiceCountSeries[];
  /** EventBridge rules on the default bus with their targets and the sandbox's invocation counts (issue 7). */
  eventRules?: EventRule[];
  /** S3 buckets and their objects (issue 7). */
  buckets?: S3Bucket[];
  /** SQS queues with their attributes and the sandbox's message counts (issue 7). */
  queues?: SqsQueue[];
}

// ---------------------------------------------------------------------------------------------
// Capacity (issue 6): EC2 instances, Auto Scaling, capacity providers, metrics, cost, faults.
// EC2 and Auto Scaling use their APIs' PascalCase field names; ECS its camelCase.
// ---------------------------------------------------------------------------------------------

export type Ec2InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated';

/** An EC2 instance as DescribeInstances shows it (the fields the sandbox models). */
export interface Ec2Instance {
  InstanceId: string;
  InstanceType: string;
  /** AWS's state codes: 0 pending, 16 running, 32 shutting-down, 48 terminated. */
  State: { Code: 0 | 16 | 32 | 48; Name: Ec2InstanceStateName };
  LaunchTime: string;
  Placement: { AvailabilityZone: string };
  SubnetId: string;
  PrivateIpAddress: string;
  /** 'spot' for Spot Instances; absent for On-Demand. */
  InstanceLifecycle?: 'spot';
  /** aws:autoscaling:groupName when an Auto Scaling group launched it. */
  Tags: { Key: string; Value: string }[];
  /** The instance's state transition reason (e.g. "User initiated (2026-01-01 00:10:00 GMT)"). */
  StateTransitionReason?: string;
  /** Sandbox: the ECS cluster its agent registers with (from the user data's ECS_CLUSTER), and its container instance once registered. */
  ecsCluster?: string;
  containerInstanceArn?: string;
  /** Sandbox: virtual ms of launch, of reaching running, and of the agent's registration. */
  launchedMs: number;
  runningMs?: number;
}

export interface LaunchTemplate {
  LaunchTemplateId: string;
  LaunchTemplateName: string;
  CreateTime: string;
  DefaultVersionNumber: number;
  LatestVersionNumber: number;
  /** The default version's data (the fields the sandbox models). */
  LaunchTemplateData: { InstanceType?: string; ImageId?: string; IamInstanceProfile?: { Name?: string; Arn?: string }; UserData?: string; SecurityGroupIds?: string[] };
}

export type AsgLifecycleState =
  | 'Pending'
  | 'InService'
  | 'Terminating'
  | 'Terminating:Wait'
  | 'Terminating:Proceed'
  | 'Terminated';

export interface AutoScalingInstance {
  InstanceId: string;
  InstanceType: string;
  AvailabilityZone: string;
  LifecycleState: AsgLifecycleState;
  HealthStatus: 'Healthy' | 'Unhealthy';
  ProtectedFromScaleIn: boolean;
  LaunchTemplate?: { LaunchTemplateId: string; LaunchTemplateName: string; Version: string };
}

export interface AutoScalingGroup {
  AutoScalingGroupName: string;
  AutoScalingGroupARN: string;
  LaunchTemplate?: { LaunchTemplateId: string; LaunchTemplateName: string; Version: string };
  MixedInstancesPolicy?: unknown;
  MinSize: number;
  MaxSize: number;
  DesiredCapacity: number;
  DefaultCooldown: number;
  AvailabilityZones: string[];
  VPCZoneIdentifier?: string;
  HealthCheckType: 'EC2' | 'ELB';
  HealthCheckGracePeriod: number;
  Instances: AutoScalingInstance[];
  CreatedTime: string;
  TerminationPolicies: string[];
  NewInstancesProtectedFromScaleIn: boolean;
  Tags: { Key: string; Value: string; ResourceId: string; ResourceType: 'auto-scaling-group'; PropagateAtLaunch: boolean }[];
  Status?: 'Delete in progress';
  /** Sandbox: the capacity provider using the group, if any. */
  capacityProviderName?: string;
}

/** An Auto Scaling scaling policy as DescribePolicies returns it. */
export interface AutoScalingPolicy {
  AutoScalingGroupName: string;
  PolicyName: string;
  PolicyARN: string;
  PolicyType: 'SimpleScaling' | 'StepScaling' | 'TargetTrackingScaling';
  AdjustmentType?: 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity';
  ScalingAdjustment?: number;
  MinAdjustmentMagnitude?: number;
  Cooldown?: number;
  StepAdjustments?: { MetricIntervalLowerBound?: number; MetricIntervalUpperBound?: number; ScalingAdjustment: number }[];
  MetricAggregationType?: 'Average' | 'Minimum' | 'Maximum';
  EstimatedInstanceWarmup?: number;
  TargetTrackingConfiguration?: {
    PredefinedMetricSpecification?: { PredefinedMetricType: string; ResourceLabel?: string };
    CustomizedMetricSpecification?: { MetricName: string; Namespace: string; Dimensions?: { Name: string; Value: string }[]; Statistic: string; Unit?: string };
    TargetValue: number;
    DisableScaleIn?: boolean;
  };
  Alarms: { AlarmName: string; AlarmARN: string }[];
  Enabled: boolean;
}

export interface AutoScalingActivity {
  ActivityId: string;
  AutoScalingGroupName: string;
  Description: string;
  Cause: string;
  StartTime: string;
  EndTime?: string;
  StatusCode: 'PendingSpotBidPlacement' | 'WaitingForSpotInstanceRequestId' | 'WaitingForSpotInstanceId' | 'WaitingForInstanceId' | 'PreInService' | 'InProgress' | 'WaitingForELBConnectionDraining' | 'MidLifecycleAction' | 'WaitingForInstanceWarmup' | 'Successful' | 'Failed' | 'Cancelled';
  StatusMessage?: string;
  Progress: number;
  /** Sandbox: virtual ms of the start, for the timeline. */
  time: number;
}

export interface CapacityProviderStrategyItem {
  capacityProvider: string;
  weight?: number;
  base?: number;
}

export interface ManagedScaling {
  status: 'ENABLED' | 'DISABLED';
  targetCapacity: number;
  minimumScalingStepSize: number;
  maximumScalingStepSize: number;
  instanceWarmupPeriod: number;
}

export interface CapacityProvider {
  capacityProviderArn: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  autoScalingGroupProvider?: {
    autoScalingGroupArn: string;
    managedScaling: ManagedScaling;
    managedTerminationProtection: 'ENABLED' | 'DISABLED';
    managedDraining: 'ENABLED' | 'DISABLED';
  };
  updateStatus?: 'DELETE_IN_PROGRESS' | 'DELETE_COMPLETE' | 'DELETE_FAILED' | 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE' | 'UPDATE_FAILED';
  updateStatusReason?: string;
  tags: { key: string; value: string }[];
  /** Sandbox, for an ASG provider: the cluster it belongs to, and its latest CapacityProviderReservation (percent) and what it is made of. */
  clusterName?: string;
  reservation?: { value: number; instancesNeeded: number; runningInstances: number; provisioningTasks: number; time: number };
}

/** A CloudWatch metric alarm as DescribeAlarms returns it. */
export interface MetricAlarm {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  StateReason: string;
  StateUpdatedTimestamp: string;
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  Statistic: 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';
  Period: number;
  EvaluationPeriods: number;
  DatapointsToAlarm: number;
  Threshold: number;
  ComparisonOperator: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
  AlarmActions: string[];
  ActionsEnabled: boolean;
  /** A metric math alarm's queries (PutMetricAlarm `Metrics`; metrics/metric-math.ts): the returned one is what is compared with the threshold. */
  Metrics?: {
    Id: string;
    Expression?: string;
    MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] }; Stat: string; Unit?: string };
    Label?: string;
    ReturnData?: boolean;
  }[];
}

/** A one-minute metric series: namespace, name and dimensions as CloudWatch names them; points oldest first. */
export interface MetricSeries {
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  Unit: 'Percent' | 'Count' | 'None';
  /** Points at the start of each virtual minute: t in virtual ms. */
  points: { t: number; v: number }[];
}

export type CostLaunchType = 'EC2' | 'FARGATE' | 'FARGATE_SPOT' | 'EXTERNAL';

export interface CostAmount {
  /** USD accumulated from the start of the run to now (virtual time). */
  totalUsd: number;
  /** USD per hour for what runs right now. */
  ratePerHourUsd: number;
}

/**
 * The running cost (cost/): EC2 by instance-hour (On-Demand or Spot price) plus its EBS root
 * volume; Fargate and Fargate Spot by requested vCPU-hour and GB-hour; ECS Anywhere per managed
 * instance-hour. `byService` splits EC2 by each task's share of its instance's CPU, what no task
 * uses is `unused EC2 capacity`.
 */
export interface CostReport extends CostAmount {
  byLaunchType: Record<CostLaunchType, CostAmount>;
  /** Per service (serviceName), plus `standalone tasks` and `unused EC2 capacity`, largest total first. */
  byService: ({ name: string; serviceArn?: string } & CostAmount)[];
  /** Per-minute history of the hourly rate by launch type, for the cost meter (the newest 180 points). */
  history: { t: number; EC2: number; FARGATE: number; FARGATE_SPOT: number; EXTERNAL: number }[];
}

/** A fault being simulated: an Availability Zone out, an agent disconnected, a Spot market setting. */
export interface ActiveFault {
  kind: 'availability-zone-outage' | 'agent-disconnected' | 'spot-interruptions';
  /** What it affects: a zone name, a container instance ARN, or `FARGATE_SPOT` / `EC2 Spot`. */
  target: string;
  /** Virtual ms it started and (if timed) ends. */
  sinceMs: number;
  untilMs?: number;
  /** One sentence for the UI. */
  description: string;
}

// ---------------------------------------------------------------------------------------------
// Elastic Load Balancing v2 (issue 5), in elbv2's own PascalCase field names
// ---------------------------------------------------------------------------------------------

export type ElbLoadBalancerType = 'application' | 'network';
export type ElbTargetType = 'instance' | 'ip';
export type ElbProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'UDP' | 'TLS';

export interface ElbLoadBalancer {
  LoadBalancerArn: string;
  DNSName: string;
  CanonicalHostedZoneId: string;
  CreatedTime: string;
  LoadBalancerName: string;
  Scheme: 'internet-facing' | 'internal';
  VpcId: string;
  State: { Code: 'provisioning' | 'active' };
  Type: ElbLoadBalancerType;
  AvailabilityZones: { ZoneName: string; SubnetId: string; LoadBalancerAddresses: unknown[] }[];
  SecurityGroups?: string[];
  IpAddressType: 'ipv4';
}

export interface ElbListener {
  ListenerArn: string;
  LoadBalancerArn: string;
  Port: number;
  Protocol: ElbProtocol;
  DefaultActions: { Type: 'forward'; TargetGroupArn: string; ForwardConfig: { TargetGroups: { TargetGroupArn: string; Weight: number }[] } }[];
  Certificates?: { CertificateArn: string }[];
  SslPolicy?: string;
}

/** A Classic Load Balancer (elb API): DescribeLoadBalancers' description plus DescribeInstanceHealth. */
export interface ClassicLoadBalancer {
  LoadBalancerName: string;
  DNSName: string;
  CreatedTime: string;
  Scheme: 'internet-facing' | 'internal';
  AvailabilityZones: string[];
  SecurityGroups: string[];
  ListenerDescriptions: { Listener: { Protocol: string; LoadBalancerPort: number; InstanceProtocol: string; InstancePort: number }; PolicyNames: string[] }[];
  HealthCheck: { Target: string; Interval: number; Timeout: number; UnhealthyThreshold: number; HealthyThreshold: number };
  Instances: { InstanceId: string }[];
  /** Snapshot only: DescribeInstanceHealth of every registered instance. */
  instanceHealth: { InstanceId: string; State: 'InService' | 'OutOfService'; ReasonCode: string; Description: string }[];
}

export type ElbTargetState = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining';

export interface ElbTargetHealthDescription {
  Target: { Id: string; Port: number; AvailabilityZone?: string };
  HealthCheckPort: string;
  TargetHealth: { State: ElbTargetState; Reason?: string; Description?: string };
}

export interface ElbTargetGroup {
  TargetGroupArn: string;
  TargetGroupName: string;
  Protocol: ElbProtocol;
  Port: number;
  VpcId: string;
  HealthCheckProtocol: 'HTTP' | 'HTTPS' | 'TCP';
  HealthCheckPort: string;
  HealthCheckEnabled: true;
  HealthCheckIntervalSeconds: number;
  HealthCheckTimeoutSeconds: number;
  HealthyThresholdCount: number;
  UnhealthyThresholdCount: number;
  HealthCheckPath?: string;
  Matcher?: { HttpCode: string };
  LoadBalancerArns: string[];
  TargetType: ElbTargetType;
  ProtocolVersion?: 'HTTP1';
  IpAddressType: 'ipv4';
  /** Snapshot only: DescribeTargetHealth of every target. */
  targets?: ElbTargetHealthDescription[];
  /** Snapshot only: DescribeTargetGroupAttributes. */
  attributes?: { Key: string; Value: string }[];
  /** Snapshot only: requests routed to each target so far (routeRequests), by `Id:Port`. */
  requestCounts?: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Validation results (task definitions, scenario files)
// ---------------------------------------------------------------------------------------------

export interface ValidationIssue {
  /** JSON pointer into the validated document, e.g. `/containerDefinitions/0/memory`. */
  path: string;
  /** AWS exception name (ClientException, InvalidParameterException) or a sandbox code. */
  code: string;
  message: string;
  /** A fix, where the fix is obvious (the editor offers it as a quick fix). */
  fix?: QuickFix;
}

/** A fix as a subset of JSON Patch (RFC 6902) on the validated document. */
export interface QuickFix {
  /** What the fix does, in the editor's menu: "Set hostPort to 0 (dynamic host port)". */
  title: string;
  patches: { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }[];
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
}

/** A problem in a scenario file, located by line and column (1-based) where known. */
export interface ScenarioIssue {
  message: string;
  line?: number;
  column?: number;
  /** JSON pointer of the offending node, e.g. `/setup/3`. */
  path?: string;
}

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

/**
 * A parsed scenario. `title` and `summary` are the English text; the learning format's other
 * strings are locale maps (a plain string in the file becomes `{en: …}`). Every field past `setup`
 * is optional, and absent when the file does not set it.
 */
export interface Scenario {
  id: string;
  title: string;
  summary?: string;
  seed: number;
  setup: Step[];
  /** The task definition the editor opens with (RegisterTaskDefinition input), if any. */
  editor?: { taskDefinition?: Record<string, unknown> };
  /** Translations of title and summary, when the file wrote them as locale maps. */
  translations?: { title?: LocalizedText; summary?: LocalizedText };
  /** Course topics (ids from workers/scenario/topics.ts). */
  topics?: string[];
  level?: ScenarioLevel;
  estimatedMinutes?: number;
  /** Scripted events on the timeline, in time order. */
  events?: ScenarioEvent[];
  /** The lesson: markdown instructions and objectives, in order. */
  steps?: LessonStep[];
  /** The reference solution: steps applied after the setup that meet every objective. */
  solution?: Step[];
  /** Known-wrong attempts, each with the objectives it must fail. */
  antiSolutions?: AntiSolution[];
  /** Only these actions are offered to the learner (action names, and `wait`). */
  allowedActions?: string[];
  /** These actions are refused to the learner; the others are offered. */
  disabledActions?: string[];
}

/** Text in several languages: `en` is always there; other keys are language tags (`fr`, `pt-BR`). */
export type LocalizedText = { en: string } & Record<string, string>;

export type ScenarioLevel = 'beginner' | 'intermediate' | 'advanced';

/** One step of the command language, run by the timeline at a virtual time. */
export interface ScenarioEvent {
  /** As written in the file (`10m`, `90s`, or milliseconds). */
  at: string | number;
  /** Milliseconds of virtual time after the setup ended. */
  atMs: number;
  do: Step;
}

export interface LessonStep {
  id: string;
  title: LocalizedText;
  /** Markdown. */
  instructions: LocalizedText;
  objectives: ScenarioObjective[];
}

export interface ScenarioObjective {
  id: string;
  title: LocalizedText;
  /** The predicate over the snapshot, as written (checked by the objective checker). */
  check: Record<string, unknown>;
  /** Shown one at a time, in order, while the objective fails. */
  hints: LocalizedText[];
}

export interface AntiSolution {
  name: string;
  steps: Step[];
  /** Ids of objectives this attempt must leave failing. */
  mustFail: string[];
}

export type ScenarioParseResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; issues: ScenarioIssue[] };

/** What loading a scenario did: the setup steps' results, in order. */
export interface LoadResult {
  scenario: Scenario;
  results: StepResult[];
}

// ---------------------------------------------------------------------------------------------
// The facades
// ---------------------------------------------------------------------------------------------

/**
 * The engine facade: the only way the worker, the CLI and the tests touch the simulation.
 * Pure and synchronous; time and randomness are inputs.
 */
export interface SandboxEngine {
  /** Reset to an empty sandbox with this seed, then apply the scenario's setup steps. */
  load(scenario: Scenario, options?: { seed?: number }): LoadResult;
  /** Apply one step. On error the state is exactly as it was. */
  dispatch(step: Step): StepResult;
  /** Advance virtual time by `ms` (a non-negative integer), firing every timer due on the way. */
  advance(ms: number): void;
  /** Virtual time of the next pending timer, or null when nothing is scheduled. */
  nextTimerAt(): number | null;
  /** The current state as plain data. */
  snapshot(): Snapshot;
  /** Check a RegisterTaskDefinition input (or a DescribeTaskDefinition output) without registering it. */
  validateTaskDefinition(input: unknown): ValidationResult;
  /** Explain a placement decision, a task's placement, or what a RunTask request would do now. Read-only. */
  explainPlacement(query: ExplainQuery): ExplainResult;
}

/** Speeds the UI offers: a multiple of real time, or 'max' (as fast as possible). */
export type Speed = 1 | 2 | 5 | 10 | 30 | 60 | 'max';

export interface PlaybackState {
  playing: boolean;
  speed: Speed;
}

/**
 * The worker facade, exposed over comlink: the only way the UI touches the engine.
 * Results are values (errors included): comlink does not carry exception classes.
 */
// ---------------------------------------------------------------------------------------------
// The learning session (issue 8): the lesson's progress, the rewindable timeline, scenario checks.
// Plain data the worker publishes with every snapshot; the UI never evaluates objectives itself.
// ---------------------------------------------------------------------------------------------

/** What the learner is asked to predict (predict-then-reveal), as the UI needs it to ask. */
export interface PredictionPrompt {
  about: 'placement' | 'value';
  /** placement: how many tasks to predict, by instance or zone, and the choices to offer. */
  next?: number;
  by?: 'availabilityZone' | 'instanceId';
  choices?: string[];
  /** value: the path predicted (`services[web].desiredCount`) and the delay after which it is read. */
  path?: string;
  afterMs?: number;
  /** The learner's answer, once given (answers are final: no changing after seeing the run). */
  answer?: string[] | number;
}

/** One objective of a lesson step, as the learner sees it. */
export interface ObjectiveStatus {
  id: string;
  title: LocalizedText;
  /** Met at the latest observation (for a done step: at the observation that completed it). */
  passed: boolean;
  /** Can still change on its own (a `within` before its deadline, a `holdsFor` holding so far, a prediction not revealed). */
  pending: boolean;
  expected: string;
  actual: string;
  sentence: string;
  /** When it fails: the innermost failing condition, in the same words. */
  failing?: { pointer: string; expected: string; actual: string; sentence: string };
  /** A prediction's score 0..1 once revealed. */
  score?: number;
  /** The hints revealed so far (in order) and how many there are in all. */
  hints: LocalizedText[];
  hintCount: number;
  /** Present on predict objectives. */
  prediction?: PredictionPrompt;
}

export interface LessonStepStatus {
  id: string;
  title: LocalizedText;
  instructions: LocalizedText;
  state: 'done' | 'active' | 'locked';
  objectives: ObjectiveStatus[];
  /** Virtual time the step was completed at. */
  completedAtMs?: number;
}

export interface LessonState {
  scenarioId: string;
  steps: LessonStepStatus[];
  /** Index of the active step; steps.length once every step is done. */
  activeStep: number;
  completed: boolean;
  /** Commands the learner ran (refused ones included): the "attempts" a host records. */
  attempts: number;
  solutionRevealed: boolean;
  /** Hints revealed, all objectives together. */
  hintsShown: number;
  /** Virtual times: when the lesson started (the setup's end) and when its last step was done. */
  startedAtMs: number;
  completedAtMs?: number;
}

/** The rewindable timeline, as the scrubber and the undo/redo buttons need it. */
export interface TimelineState {
  /** The earliest point (the setup's end) and the latest the run reached. */
  startMs: number;
  endMs: number;
  /** Where the live engine is (== snapshot.time). */
  nowMs: number;
  /** A jump back or an undo left a future to return to; a command now branches. */
  inPast: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Commands in the log (that took effect). */
  commands: number;
  /** Virtual times of the logged commands, for marks on the scrubber. */
  commandTimes: number[];
}

/** Published with every snapshot. `lesson` is null for a scenario without steps. */
export interface SessionState {
  scenarioId: string;
  lesson: LessonState | null;
  timeline: TimelineState;
  /** The scenario's action lists, so the UI can grey out what the exercise does not offer. */
  allowedActions?: string[];
  disabledActions?: string[];
}

/** One attempt replayed by `check` (the solution, or an anti-solution). */
export interface AttemptReport {
  /** 'solution', or the anti-solution's name. */
  name: string;
  kind: 'solution' | 'antiSolution';
  ok: boolean;
  /** Each objective's outcome at the end of the attempt (passed = its step completed it). */
  objectives: { id: string; stepId: string; passed: boolean; sentence: string }[];
  /** Why the attempt is not ok, in sentences (a refused step, an objective that passed but must fail, …). */
  problems: string[];
  /** Virtual time the attempt ran, ms. */
  virtualMs: number;
}

/** `ecs-sandbox check` of one scenario file (and the authoring mode's "run solution and anti-solutions"). */
export interface CheckReport {
  file: string;
  scenarioId?: string;
  ok: boolean;
  /** Schema and parse problems, with line and column. When present, nothing was replayed. */
  issues: ScenarioIssue[];
  /** Absent when the scenario has no solution (allowed only without objectives). */
  solution?: AttemptReport;
  antiSolutions: AttemptReport[];
  /** Real time the check took, ms. */
  durationMs: number;
}

export type SessionRefusal = { ok: false; message: string };

export interface WorkerApi {
  /** Parse a scenario's YAML text and load it. */
  loadScenario(yamlText: string, options?: { seed?: number }): Promise<
    { ok: true; load: LoadResult } | { ok: false; issues: ScenarioIssue[] }
  >;
  /** Load a scenario that is already parsed (e.g. the default one, parsed at build time). */
  loadParsedScenario(scenario: Scenario, options?: { seed?: number }): Promise<
    { ok: true; load: LoadResult } | { ok: false; issues: ScenarioIssue[] }
  >;
  /** Parse and apply a command-language step given as JSON or YAML text (the command box). */
  runCommandText(text: string): Promise<{ ok: true; results: StepResult[] } | { ok: false; issues: ScenarioIssue[] }>;
  dispatch(step: Step): Promise<StepResult>;
  validateTaskDefinition(input: unknown): Promise<ValidationResult>;
  /** JSON Schema of a RegisterTaskDefinition input, for Monaco. */
  taskDefinitionSchema(): Promise<object>;
  /** The placement explainer (read-only). */
  explainPlacement(query: ExplainQuery): Promise<ExplainResult>;
  play(): Promise<void>;
  pause(): Promise<void>;
  /** Advance by `ms` of virtual time, or to the next pending timer when `ms` is omitted. */
  step(ms?: number): Promise<void>;
  setSpeed(speed: Speed): Promise<void>;
  /** Register the UI's listener; snapshots arrive at most every `minIntervalMs` (default 100). */
  subscribe(listener: (snapshot: Snapshot, playback: PlaybackState, session: SessionState) => void, minIntervalMs?: number): Promise<void>;
  snapshot(): Promise<Snapshot>;

  // The learning session (issue 8). Learner commands (dispatch, runCommandText) go through the
  // timeline and are refused when the scenario's allowedActions / disabledActions exclude them.
  session(): Promise<SessionState>;
  /** Back to the instant the last command ran, without it (replaying the log without it). */
  undo(): Promise<{ ok: true; undone: Step } | SessionRefusal>;
  redo(): Promise<{ ok: true } | SessionRefusal>;
  /** Move to virtual time `timeMs` of the run (clamped to the timeline's start and end); the future is kept until a command branches. */
  jumpTo(timeMs: number): Promise<void>;
  /** The scenario again from its start: setup re-run, log and lesson progress (but not hints seen) cleared. */
  reset(): Promise<{ ok: true; load: LoadResult } | { ok: false; issues: ScenarioIssue[] }>;
  /** Reveal the next hint of an objective of the active step. */
  revealHint(objectiveId: string): Promise<{ ok: true; hint: LocalizedText } | SessionRefusal>;
  /** Give the answer to a predict objective of the active step (once; before it is revealed). */
  answerPrediction(objectiveId: string, answer: string[] | number): Promise<{ ok: true } | SessionRefusal>;
  /** The reference solution's steps (the lesson records that it was revealed). */
  revealSolution(): Promise<{ ok: true; steps: Step[] } | SessionRefusal>;
  /** The learner's run as shareable text (timeline/share.ts). */
  exportRun(): Promise<string>;
  /** Replay a run exported from the scenario now loaded (a shared link, saved progress). */
  restoreRun(encoded: string): Promise<{ ok: true } | SessionRefusal>;
  /** Authoring mode: validate a scenario's text and replay its solution and anti-solutions, in fresh engines (the loaded run is untouched). */
  checkScenario(yamlText: string, fileName?: string): Promise<CheckReport>;
}

// ---------------------------------------------------------------------------------------------
// Service auto scaling, traffic, EventBridge rules, S3 and SQS (issue 7). Application Auto
// Scaling, EventBridge, S3 and SQS use their APIs' PascalCase field names; the sandbox's own
// additions are camelCase.
// ---------------------------------------------------------------------------------------------

/** A scalable target (an ECS service's DesiredCount), as DescribeScalableTargets shows it. */
export interface ScalableTarget {
  ServiceNamespace: 'ecs';
  /** `service/<cluster>/<service>`. */
  ResourceId: string;
  ScalableDimension: 'ecs:service:DesiredCount';
  MinCapacity: number;
  MaxCapacity: number;
  RoleARN: string;
  CreationTime: string;
  SuspendedState: { DynamicScalingInSuspended: boolean; DynamicScalingOutSuspended: boolean; ScheduledScalingSuspended: boolean };
  ScalableTargetARN: string;
}

/** A scaling policy, as DescribeScalingPolicies shows it (configurations in AWS's request shape, defaults filled). */
export interface ServiceScalingPolicy {
  PolicyARN: string;
  PolicyName: string;
  ServiceNamespace: 'ecs';
  ResourceId: string;
  ScalableDimension: 'ecs:service:DesiredCount';
  PolicyType: 'TargetTrackingScaling' | 'StepScaling';
  TargetTrackingScalingPolicyConfiguration?: Record<string, unknown>;
  StepScalingPolicyConfiguration?: Record<string, unknown>;
  /** The CloudWatch alarms that drive it (target tracking: the two it created; step: those whose actions name it). */
  Alarms: { AlarmName: string; AlarmARN: string }[];
  CreationTime: string;
}

/** A scheduled action, as DescribeScheduledActions shows it. */
export interface ScheduledAction {
  ScheduledActionName: string;
  ScheduledActionARN: string;
  ServiceNamespace: 'ecs';
  Schedule: string;
  Timezone?: string;
  ResourceId: string;
  ScalableDimension: 'ecs:service:DesiredCount';
  StartTime?: string;
  EndTime?: string;
  ScalableTargetAction: { MinCapacity?: number; MaxCapacity?: number };
  CreationTime: string;
  /** Sandbox: when it fires next (virtual ms), absent when it never will again. */
  nextFireMs?: number;
}

/** A scaling activity, as Application Auto Scaling's DescribeScalingActivities shows it. */
export interface ServiceScalingActivity {
  ActivityId: string;
  ServiceNamespace: 'ecs';
  ResourceId: string;
  ScalableDimension: 'ecs:service:DesiredCount';
  Description: string;
  Cause: string;
  StartTime: string;
  EndTime?: string;
  StatusCode: 'Pending' | 'InProgress' | 'Successful' | 'Overridden' | 'Unfulfilled' | 'Failed';
  StatusMessage?: string;
  /** Sandbox: virtual ms of StartTime, for timelines. */
  startMs: number;
}

/** Request traffic on one service (sim:SetTraffic). */
export interface ServiceTraffic {
  serviceArn: string;
  clusterName: string;
  serviceName: string;
  /** The pattern as given (`{type: 'constant' | 'ramp' | 'dailyWave' | 'spike', …}`). */
  pattern: Record<string, unknown>;
  /** The rate now, requests per second. */
  requestsPerSecond: number;
}

/** One service's desired and running counts at each minute start (virtual ms), oldest first. */
export interface ServiceCountSeries {
  serviceArn: string;
  clusterName: string;
  serviceName: string;
  points: { t: number; desired: number; running: number }[];
}

/** An EventBridge rule on the default bus, as DescribeRule shows it, with its targets (ListTargetsByRule). */
export interface EventRule {
  Name: string;
  Arn: string;
  EventBusName: string;
  State: 'ENABLED' | 'DISABLED';
  Description?: string;
  ScheduleExpression?: string;
  EventPattern?: string;
  RoleArn?: string;
  Targets: EventTarget[];
  /** Sandbox: when a schedule rule fires next (virtual ms). */
  nextFireMs?: number;
  /** Sandbox: how many events matched the rule's pattern (AWS/Events MatchedEvents; 0 for a schedule rule). */
  matchedEvents: number;
  /** Sandbox: how many times the rule ran — a schedule rule's firings, a pattern rule's matches (AWS/Events TriggeredRules). */
  triggeredRules: number;
  /** Sandbox: how many target invocations failed (AWS/Events FailedInvocations). */
  failedInvocations: number;
}

/** An EventBridge target (ECS RunTask targets and others), as ListTargetsByRule shows it. */
export interface EventTarget {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  EcsParameters?: Record<string, unknown>;
}

/** An S3 bucket with its objects (ListBuckets + ListObjectsV2) and whether it sends events to EventBridge. */
export interface S3Bucket {
  Name: string;
  CreationDate: string;
  eventBridgeEnabled: boolean;
  objects: { Key: string; Size: number; LastModified: string; ETag: string }[];
}

/** An SQS queue: its URL, ARN and GetQueueAttributes' attributes, plus the sandbox's consumers. */
export interface SqsQueue {
  QueueName: string;
  QueueUrl: string;
  QueueArn: string;
  /** As GetQueueAttributes answers All (ApproximateNumberOfMessages, VisibilityTimeout, …), strings as AWS gives them. */
  Attributes: Record<string, string>;
  /**
   * Sandbox: the services whose tasks work off this queue (QUEUE_URL in their environment), with how
   * many tasks are consuming, how many messages a second they handle together, and how many RUNNING
   * tasks their role stops (AccessDenied on sqs:ReceiveMessage / sqs:DeleteMessage).
   */
  consumers: { serviceArn: string; serviceName: string; runningTasks: number; messagesPerSecond?: number; accessDeniedTasks?: number }[];
}
