/**
 * JSON Schema (draft-07) of the capacity provider requests, for the UI's Monaco editor ("Capacity
 * provider…"): ecs:CreateCapacityProvider, ecs:UpdateCapacityProvider and
 * ecs:PutClusterCapacityProviders, and of a capacityProviderStrategy (also usable by the RunTask
 * and CreateService editors). Descriptions follow the ECS API reference and the developer guide
 * (ecs-reference.md §6); ranges and defaults are AWS's. Advisory, like services/schema.ts: the
 * engine's own checks decide, with AWS's errors.
 */

type Schema = Record<string, unknown>;

const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const int = (description: string, extra: Schema = {}): Schema => ({ type: 'integer', description, ...extra });

export type CapacityRequestKind = 'create' | 'update' | 'cluster';

/** The capacity provider name rule of CreateCapacityProvider. */
const PROVIDER_NAME = str(
  'Up to 255 letters, numbers, underscores and hyphens. It cannot start with "aws", "ecs" or "fargate" (FARGATE and FARGATE_SPOT are AWS\'s own providers).',
  { pattern: '^(?![aA][wW][sS]|[eE][cC][sS]|[fF][aA][rR][gG][aA][tT][eE])[a-zA-Z0-9_-]{1,255}$' },
);

const MANAGED_SCALING: Schema = {
  type: 'object',
  description:
    'Managed scaling (cluster auto scaling): every minute ECS computes CapacityProviderReservation = M / N × 100 (M: instances needed for running and PROVISIONING tasks, N: instances running) and target-tracks it on the group, changing only its desired capacity.',
  additionalProperties: false,
  properties: {
    status: str('ENABLED lets ECS scale the group.', { enum: ['ENABLED', 'DISABLED'], default: 'DISABLED' }),
    targetCapacity: int('The reservation to keep, in percent: 100 fills instances up; 90 keeps about 10% spare.', { minimum: 1, maximum: 100, default: 100 }),
    minimumScalingStepSize: int('The fewest instances one scale-out or scale-in adds or removes (a group of several instance types or zones always scales out by exactly this).', { minimum: 1, maximum: 10000, default: 1 }),
    maximumScalingStepSize: int('The most instances one scale-out adds at once.', { minimum: 1, maximum: 10000, default: 10000 }),
    instanceWarmupPeriod: int('Seconds a new instance counts as warming up: no further scale-out until they pass.', { minimum: 0, maximum: 10000, default: 300 }),
  },
};

const MANAGED_TERMINATION_PROTECTION = str(
  'ENABLED: ECS keeps scale-in protection on instances that run non-daemon tasks, so scale-in only takes empty ones. Needs managed scaling and the group\'s "protect from scale in" (NewInstancesProtectedFromScaleIn).',
  { enum: ['ENABLED', 'DISABLED'], default: 'DISABLED' },
);

const MANAGED_DRAINING = str('ENABLED: ECS drains an instance (sets it DRAINING) before the group terminates it.', { enum: ['ENABLED', 'DISABLED'], default: 'ENABLED' });

const TAGS: Schema = {
  type: 'array',
  description: 'Up to 50 tags.',
  maxItems: 50,
  items: { type: 'object', additionalProperties: false, required: ['key'], properties: { key: str('1 to 128 characters.', { minLength: 1, maxLength: 128 }), value: str('Up to 256 characters.', { maxLength: 256 }) } },
};

/** One item of a capacityProviderStrategy. */
export const STRATEGY_ITEM_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['capacityProvider'],
  properties: {
    capacityProvider: str('A capacity provider associated with the cluster: FARGATE, FARGATE_SPOT, or an Auto Scaling group provider.', { examples: ['FARGATE', 'FARGATE_SPOT'] }),
    base: int('The minimum number of tasks on this provider, placed first. Only one provider of a strategy may have a base.', { minimum: 0, maximum: 100000, default: 0 }),
    weight: int('The relative share of the tasks after the base is met (1 and 3: one task here for every three on the other). 0: this provider takes no tasks beyond its base.', { minimum: 0, maximum: 1000, default: 0 }),
  },
};

/** A capacityProviderStrategy, as RunTask, CreateService and PutClusterCapacityProviders take it. */
export const STRATEGY_SCHEMA: Schema = {
  type: 'array',
  description: 'At most 6 providers, all Fargate (FARGATE, FARGATE_SPOT) or all Auto Scaling group providers: a strategy cannot mix them.',
  maxItems: 6,
  items: STRATEGY_ITEM_SCHEMA,
};

function createSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'CreateCapacityProvider request',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'autoScalingGroupProvider'],
    properties: {
      name: PROVIDER_NAME,
      autoScalingGroupProvider: {
        type: 'object',
        description: 'The Auto Scaling group whose instances give the capacity, and how ECS manages it.',
        additionalProperties: false,
        required: ['autoScalingGroupArn'],
        properties: {
          autoScalingGroupArn: str('The group\'s ARN (or, in the sandbox, its name). A group can belong to one capacity provider only.'),
          managedScaling: MANAGED_SCALING,
          managedTerminationProtection: MANAGED_TERMINATION_PROTECTION,
          managedDraining: MANAGED_DRAINING,
        },
      },
      tags: TAGS,
    },
  };
}

function updateSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'UpdateCapacityProvider request',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'autoScalingGroupProvider'],
    properties: {
      name: str('The name of the capacity provider to update.'),
      autoScalingGroupProvider: {
        type: 'object',
        description: 'The new settings (the group itself cannot change).',
        additionalProperties: false,
        properties: {
          managedScaling: MANAGED_SCALING,
          managedTerminationProtection: MANAGED_TERMINATION_PROTECTION,
          managedDraining: MANAGED_DRAINING,
        },
      },
    },
  };
}

function clusterSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'PutClusterCapacityProviders request',
    type: 'object',
    additionalProperties: false,
    required: ['cluster', 'capacityProviders', 'defaultCapacityProviderStrategy'],
    properties: {
      cluster: str('The short name or full ARN of the cluster.'),
      capacityProviders: {
        type: 'array',
        description: 'The whole list of providers the cluster may use (it replaces the old one; a provider still used by a task or service cannot be removed). FARGATE and FARGATE_SPOT need no creating.',
        items: str('A capacity provider name.', { examples: ['FARGATE', 'FARGATE_SPOT'] }),
        uniqueItems: true,
      },
      defaultCapacityProviderStrategy: {
        ...STRATEGY_SCHEMA,
        description: `The strategy of RunTask and CreateService requests that give neither a launchType nor a strategy; [] for none. ${String(STRATEGY_SCHEMA['description'])}`,
      },
    },
  };
}

/** The schema of one request kind (cheap to build: made on each call, only when the editor opens). */
export function capacityRequestJsonSchema(kind: CapacityRequestKind): object {
  return kind === 'create' ? createSchema() : kind === 'update' ? updateSchema() : clusterSchema();
}
