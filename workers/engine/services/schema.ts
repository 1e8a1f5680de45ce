/**
 * JSON Schema (draft-07) of a CreateService or UpdateService request, for the UI's Monaco editor:
 * completion, hover text and squiggles while a learner writes a service. Descriptions follow the
 * ECS API reference and say what the sandbox does; defaults are AWS's. The schema is advisory —
 * the engine's own checks (services/request.ts) decide, with AWS's errors — so it lists only what
 * the sandbox simulates (no capacity providers, Service Connect, Cloud Map or blue/green).
 * Built once per kind and frozen.
 */

import { STRATEGY_SCHEMA } from '../capacity/schema.ts';

type Schema = Record<string, unknown>;

const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const int = (description: string, extra: Schema = {}): Schema => ({ type: 'integer', description, ...extra });
const bool = (description: string, extra: Schema = {}): Schema => ({ type: 'boolean', description, ...extra });

/** Issue 6: the capacity providers that run the service's tasks, instead of a launch type. */
const CAPACITY_PROVIDER_STRATEGY: Schema = {
  ...STRATEGY_SCHEMA,
  description: `The capacity providers that run the tasks, instead of a launchType (not both): base tasks on one provider first, the rest split by weight. Without either, the cluster's default strategy is used. ${String(STRATEGY_SCHEMA['description'])}`,
};

const CLUSTER = str('The short name or full ARN of the cluster that hosts the service. Default: the cluster named "default".', { default: 'default' });

const TASK_DEFINITION = str(
  'The task definition to run: a family (its latest ACTIVE revision), family:revision, or the full ARN. A new one in UpdateService starts a new deployment.',
  { examples: ['web', 'web:3'] },
);

const DESIRED_COUNT = int(
  'How many tasks the scheduler keeps running. Required for REPLICA services; not allowed for DAEMON services (one task runs on each container instance).',
  { minimum: 0, maximum: 5000 },
);

const DEPLOYMENT_CONFIGURATION: Schema = {
  type: 'object',
  description: 'How a rolling update replaces tasks: how many may be missing (minimumHealthyPercent) and how many extra may run (maximumPercent).',
  additionalProperties: false,
  properties: {
    maximumPercent: int(
      'Upper limit on the tasks RUNNING, PENDING or STOPPING during a deployment, as a percentage of desiredCount, rounded DOWN. Default 200 (REPLICA); DAEMON services must use 100.',
      { minimum: 0, default: 200 },
    ),
    minimumHealthyPercent: int(
      'Lower limit on the tasks that must stay RUNNING and healthy during a deployment, as a percentage of desiredCount, rounded UP. Default 100 (REPLICA), 0 (DAEMON). 100 together with maximumPercent 100 blocks deployments.',
      { minimum: 0, maximum: 100, default: 100 },
    ),
    deploymentCircuitBreaker: {
      type: 'object',
      description: 'Fails a deployment whose tasks keep failing to start or to become healthy (threshold: half the desired count, at least 10, at most 200), and optionally rolls back to the last completed deployment.',
      additionalProperties: false,
      required: ['enable', 'rollback'],
      properties: {
        enable: bool('Turn the circuit breaker on.', { default: false }),
        rollback: bool('Roll back to the last deployment that completed when this one fails.', { default: false }),
      },
    },
  },
};

const PLACEMENT_STRATEGY: Schema = {
  type: 'array',
  description: 'How tasks are spread over container instances (EC2 only; at most 5, applied in order). Default for services: spread across Availability Zones. Not allowed on Fargate or for DAEMON services.',
  maxItems: 5,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['type'],
    properties: {
      type: str('binpack: fill the instance with the least of the field left; spread: even out over the field; random.', { enum: ['binpack', 'spread', 'random'] }),
      field: str('binpack: cpu or memory. spread: instanceId (or host) or attribute:<name>, e.g. attribute:ecs.availability-zone.', {
        examples: ['attribute:ecs.availability-zone', 'instanceId', 'memory', 'cpu'],
      }),
    },
  },
};

const PLACEMENT_CONSTRAINTS: Schema = {
  type: 'array',
  description: 'Rules every placement must satisfy (EC2 only; at most 10 counting the task definition\'s). Not allowed on Fargate.',
  maxItems: 10,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['type'],
    properties: {
      type: str('distinctInstance: at most one task of the service per instance; memberOf: only instances matching the expression.', { enum: ['distinctInstance', 'memberOf'] }),
      expression: str('memberOf only: a cluster query language expression, e.g. attribute:ecs.instance-type =~ t3.*', { maxLength: 2000 }),
    },
  },
};

const NETWORK_CONFIGURATION: Schema = {
  type: 'object',
  description: "Required when the task definition uses the awsvpc network mode (always on Fargate); not allowed otherwise.",
  additionalProperties: false,
  required: ['awsvpcConfiguration'],
  properties: {
    awsvpcConfiguration: {
      type: 'object',
      description: 'The subnets and security groups of the task ENIs.',
      additionalProperties: false,
      required: ['subnets'],
      properties: {
        subnets: { type: 'array', description: 'Subnets for the task ENIs (1 to 16, one VPC), e.g. subnet-us-east-1a.', minItems: 1, maxItems: 16, items: { type: 'string' } },
        securityGroups: { type: 'array', description: "At most 5; default: the VPC's default security group.", maxItems: 5, items: { type: 'string' } },
        assignPublicIp: str('ENABLED only on Fargate.', { enum: ['ENABLED', 'DISABLED'], default: 'DISABLED' }),
      },
    },
  },
};

const LOAD_BALANCERS: Schema = {
  type: 'array',
  description:
    'The load balancers in front of the tasks: up to 5 target groups (ALB or NLB; the target group must be behind a listener, of target type ip for awsvpc/Fargate and instance for bridge/host), or one Classic Load Balancer (EC2 only, static host port). In UpdateService a new list starts a new deployment.',
  maxItems: 5,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['containerName', 'containerPort'],
    properties: {
      targetGroupArn: str('The target group (Application or Network Load Balancer).'),
      loadBalancerName: str('The Classic Load Balancer, by name.'),
      containerName: str('The container that receives the traffic, as named in the task definition.'),
      containerPort: int('Its port, as in the container\'s portMappings.', { minimum: 0, maximum: 65535 }),
    },
    oneOf: [{ required: ['targetGroupArn'] }, { required: ['loadBalancerName'] }],
  },
};

const GRACE_PERIOD = int(
  'Seconds after a task starts during which the scheduler ignores failing load balancer and container health checks. Only with load balancers; default 0 then.',
  { minimum: 0, maximum: 2147483647 },
);

const PLATFORM_VERSION = str('Fargate only: the platform version. LATEST is 1.4.0.', { enum: ['LATEST', '1.4.0', '1.3.0'], default: 'LATEST' });
const PROPAGATE_TAGS = str('Copy tags to the tasks from the service or the task definition.', { enum: ['NONE', 'SERVICE', 'TASK_DEFINITION'], default: 'NONE' });
const DEPLOYMENT_CONTROLLER: Schema = {
  type: 'object',
  description: 'The sandbox simulates rolling updates (ECS) only.',
  additionalProperties: false,
  properties: { type: str('ECS: rolling update.', { enum: ['ECS'], default: 'ECS' }) },
};

function createSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'CreateService request',
    type: 'object',
    additionalProperties: false,
    required: ['serviceName', 'taskDefinition'],
    properties: {
      cluster: CLUSTER,
      serviceName: str('Unique among the ACTIVE and DRAINING services of the cluster: up to 255 letters, numbers, hyphens and underscores.', { pattern: '^[a-zA-Z0-9_-]{1,255}$' }),
      taskDefinition: TASK_DEFINITION,
      desiredCount: DESIRED_COUNT,
      launchType: str("EC2 (container instances of the cluster), FARGATE (the task definition must be Fargate-compatible, awsvpc) or EXTERNAL (ECS Anywhere instances). Not with capacityProviderStrategy; without either, the cluster's default strategy, else EC2.", { enum: ['EC2', 'FARGATE', 'EXTERNAL'], default: 'EC2' }),
      capacityProviderStrategy: CAPACITY_PROVIDER_STRATEGY,
      platformVersion: PLATFORM_VERSION,
      schedulingStrategy: str('REPLICA keeps desiredCount tasks; DAEMON runs one task on each container instance (EC2 only).', { enum: ['REPLICA', 'DAEMON'], default: 'REPLICA' }),
      deploymentConfiguration: DEPLOYMENT_CONFIGURATION,
      deploymentController: DEPLOYMENT_CONTROLLER,
      placementStrategy: PLACEMENT_STRATEGY,
      placementConstraints: PLACEMENT_CONSTRAINTS,
      networkConfiguration: NETWORK_CONFIGURATION,
      loadBalancers: LOAD_BALANCERS,
      healthCheckGracePeriodSeconds: GRACE_PERIOD,
      role: str('The IAM role ECS uses for the load balancers (name or ARN). Only with load balancers, and not with awsvpc (the service-linked role is used).'),
      tags: {
        type: 'array',
        description: 'Up to 50 tags.',
        maxItems: 50,
        items: { type: 'object', additionalProperties: false, required: ['key'], properties: { key: str('1 to 128 characters.', { minLength: 1, maxLength: 128 }), value: str('Up to 256 characters.', { maxLength: 256 }) } },
      },
      propagateTags: PROPAGATE_TAGS,
      enableECSManagedTags: bool('Tag the tasks with the cluster and service names.', { default: false }),
      enableExecuteCommand: bool('Allow ECS Exec into the tasks.', { default: false }),
      clientToken: str('Up to 36 characters that make the request idempotent.', { maxLength: 36 }),
    },
  };
}

function updateSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'UpdateService request',
    type: 'object',
    additionalProperties: false,
    required: ['service'],
    properties: {
      cluster: CLUSTER,
      service: str('The name or ARN of the service to update (it must be ACTIVE).'),
      desiredCount: { ...DESIRED_COUNT, description: 'A new desired count: the PRIMARY deployment scales, no new deployment starts. Not allowed for DAEMON services.' },
      taskDefinition: TASK_DEFINITION,
      forceNewDeployment: bool('Start a new deployment even when nothing else changes (e.g. to pull a newer image of the same tag).', { default: false }),
      capacityProviderStrategy: { ...CAPACITY_PROVIDER_STRATEGY, description: `${String(CAPACITY_PROVIDER_STRATEGY['description'])} A change starts a new deployment; a service on a launch type needs forceNewDeployment to move to a strategy.` },
      platformVersion: PLATFORM_VERSION,
      deploymentConfiguration: DEPLOYMENT_CONFIGURATION,
      deploymentController: DEPLOYMENT_CONTROLLER,
      placementStrategy: { ...PLACEMENT_STRATEGY, description: `${String(PLACEMENT_STRATEGY['description'])} An empty list removes the service's strategies.` },
      placementConstraints: { ...PLACEMENT_CONSTRAINTS, description: `${String(PLACEMENT_CONSTRAINTS['description'])} An empty list removes the service's constraints.` },
      networkConfiguration: { ...NETWORK_CONFIGURATION, description: `${String(NETWORK_CONFIGURATION['description'])} A change starts a new deployment.` },
      loadBalancers: LOAD_BALANCERS,
      healthCheckGracePeriodSeconds: GRACE_PERIOD,
      propagateTags: PROPAGATE_TAGS,
      enableECSManagedTags: bool('Tag the tasks with the cluster and service names.'),
      enableExecuteCommand: bool('Allow ECS Exec into the tasks (new tasks only).'),
    },
  };
}

const cache = new Map<'create' | 'update', object>();

export function serviceRequestJsonSchema(kind: 'create' | 'update'): object {
  let schema = cache.get(kind);
  if (schema === undefined) {
    schema = deepFreeze(kind === 'create' ? createSchema() : updateSchema());
    cache.set(kind, schema);
  }
  return schema;
}

function deepFreeze<T>(node: T): T {
  if (node !== null && typeof node === 'object') {
    for (const value of Object.values(node)) deepFreeze(value);
    Object.freeze(node);
  }
  return node;
}
