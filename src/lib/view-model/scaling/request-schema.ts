/**
 * JSON Schema (draft-07) of the scaling editor's three Application Auto Scaling requests for an ECS
 * service — RegisterScalableTarget, PutScalingPolicy, PutScheduledAction — for Monaco's completion,
 * hover docs and markers. Enums and ranges are the API reference's, narrowed to what an ECS service
 * takes (ServiceNamespace ecs, ScalableDimension ecs:service:DesiredCount, the three ECS predefined
 * metrics, no PredictiveScaling — the sandbox does not simulate it). Advisory, like the other
 * editors' schemas: the engine's checks (workers/engine/appautoscaling/*-requests.ts) decide, with
 * AWS's errors. Only the lazy scaling editor imports this.
 */
import { ECS_PREDEFINED_METRIC_TYPES, METRIC_STATISTICS } from '../../../../workers/engine/appautoscaling/request-messages.ts';
import type { ScalingRequestKind } from './policy-request.ts';

type Schema = Record<string, unknown>;

const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const int = (description: string, extra: Schema = {}): Schema => ({ type: 'integer', description, ...extra });
const num = (description: string, extra: Schema = {}): Schema => ({ type: 'number', description, ...extra });
const object = (description: string, properties: Schema, required: string[] = []): Schema => ({ type: 'object', description, additionalProperties: false, properties, ...(required.length ? { required } : {}) });

const TARGET_KEY: Schema = {
  ServiceNamespace: str('The AWS service of the resource: ecs for an ECS service.', { enum: ['ecs'] }),
  ResourceId: str('service/<cluster-name>/<service-name>.', { pattern: '^service/[^/]+/[^/]+$', examples: ['service/demo/web'] }),
  ScalableDimension: str("What scales: an ECS service's desired task count.", { enum: ['ecs:service:DesiredCount'] }),
};
const TARGET_KEY_REQUIRED = ['ServiceNamespace', 'ResourceId', 'ScalableDimension'];

const PREDEFINED = object(
  'A metric Application Auto Scaling knows: the service\'s average CPU or memory utilization (AWS/ECS, in percent), or its target group\'s RequestCountPerTarget (AWS/ApplicationELB, requests per target per minute).',
  {
    PredefinedMetricType: str('ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization or ALBRequestCountPerTarget.', { enum: [...ECS_PREDEFINED_METRIC_TYPES] }),
    ResourceLabel: str('Only for ALBRequestCountPerTarget: app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>.', {
      pattern: '^app/[^/]+/[^/]+/targetgroup/[^/]+/[^/]+$',
      minLength: 1,
      maxLength: 1023,
    }),
  },
  ['PredefinedMetricType'],
);

const CUSTOMIZED = object(
  'A CloudWatch metric of your own choosing (metric math is not simulated).',
  {
    MetricName: str('The metric name.', { minLength: 1, maxLength: 255 }),
    Namespace: str('The metric namespace, e.g. AWS/ECS or AWS/SQS.', { minLength: 1, maxLength: 255 }),
    Dimensions: { type: 'array', description: 'The dimensions, exactly as the metric has them.', items: object('A dimension.', { Name: str('The dimension name.'), Value: str('The dimension value.') }, ['Name', 'Value']) },
    Statistic: str('How the datapoints of each minute are combined.', { enum: [...METRIC_STATISTICS] }),
    Unit: str('The unit of the metric.'),
  },
  ['MetricName', 'Namespace', 'Statistic'],
);

const TARGET_TRACKING = object(
  'Keep the metric near TargetValue: Application Auto Scaling creates two CloudWatch alarms — AlarmHigh (3 minutes above the target: scale out) and AlarmLow (15 minutes below 90 % of it: scale in) — and sets the desired count in proportion to the metric.',
  {
    TargetValue: num('The metric value to hold, e.g. 70 (percent CPU) or 1000 (requests per target per minute).', { exclusiveMinimum: 0 }),
    PredefinedMetricSpecification: PREDEFINED,
    CustomizedMetricSpecification: CUSTOMIZED,
    ScaleOutCooldown: int('Seconds after a scale-out before another scale-out counts from the new capacity. Default 300.', { minimum: 0, maximum: 31536000, default: 300 }),
    ScaleInCooldown: int('Seconds after a scale-out or scale-in before the next scale-in. Default 300.', { minimum: 0, maximum: 31536000, default: 300 }),
    DisableScaleIn: { type: 'boolean', description: 'true: the policy only scales out (no AlarmLow).', default: false },
  },
  ['TargetValue'],
);

const STEP_ADJUSTMENT = object(
  'One step: when the breach (the metric minus the alarm threshold) is in [lower, upper), change the capacity by ScalingAdjustment.',
  {
    MetricIntervalLowerBound: num('The lower bound of the breach, relative to the threshold; leave it out for minus infinity.'),
    MetricIntervalUpperBound: num('The upper bound of the breach, relative to the threshold; leave it out for plus infinity.'),
    ScalingAdjustment: int('Tasks to add (positive) or remove (negative); with ExactCapacity, the new desired count.'),
  },
  ['ScalingAdjustment'],
);

const STEP_SCALING = object(
  'Change the capacity by steps when a CloudWatch alarm that names this policy in its AlarmActions is in ALARM.',
  {
    AdjustmentType: str('ChangeInCapacity adds tasks, PercentChangeInCapacity adds a percentage, ExactCapacity sets the count.', { enum: ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'] }),
    StepAdjustments: { type: 'array', description: 'The steps: no gaps, no overlaps, at most 20.', minItems: 1, maxItems: 20, items: STEP_ADJUSTMENT },
    MinAdjustmentMagnitude: int('With PercentChangeInCapacity: the fewest tasks one step changes.', { minimum: 1 }),
    Cooldown: int('Seconds to wait after a scaling activity. Default 300.', { minimum: 0, default: 300 }),
    MetricAggregationType: str('How the metric is aggregated.', { enum: ['Average', 'Minimum', 'Maximum'], default: 'Average' }),
  },
  ['AdjustmentType', 'StepAdjustments'],
);

const CAPACITY = (what: string) => int(`The ${what} desired count Application Auto Scaling may set.`, { minimum: 0 });

const REGISTER = object(
  'application-autoscaling:RegisterScalableTarget: lets Application Auto Scaling change the service\'s desired count between MinCapacity and MaxCapacity. Registering again changes only what you give.',
  {
    ...TARGET_KEY,
    MinCapacity: CAPACITY('lowest'),
    MaxCapacity: CAPACITY('highest'),
    RoleARN: str('Default: the service-linked role AWSServiceRoleForApplicationAutoScaling_ECSService.'),
    SuspendedState: object('Pause scaling: in (scale-in by policies), out (scale-out by policies), scheduled actions.', {
      DynamicScalingInSuspended: { type: 'boolean' },
      DynamicScalingOutSuspended: { type: 'boolean' },
      ScheduledScalingSuspended: { type: 'boolean' },
    }),
  },
  TARGET_KEY_REQUIRED,
);

const PUT_POLICY = object(
  'application-autoscaling:PutScalingPolicy: creates or updates a scaling policy of a registered scalable target.',
  {
    PolicyName: str('1 to 256 characters; the same name updates the policy.', { minLength: 1, maxLength: 256 }),
    ...TARGET_KEY,
    PolicyType: str('TargetTrackingScaling (hold a metric at a target) or StepScaling (steps on an alarm).', { enum: ['TargetTrackingScaling', 'StepScaling'] }),
    TargetTrackingScalingPolicyConfiguration: TARGET_TRACKING,
    StepScalingPolicyConfiguration: STEP_SCALING,
  },
  ['PolicyName', ...TARGET_KEY_REQUIRED, 'PolicyType'],
);

const PUT_SCHEDULED = object(
  'application-autoscaling:PutScheduledAction: changes MinCapacity and/or MaxCapacity at a time (at), every period (rate) or on a cron schedule.',
  {
    ...TARGET_KEY,
    ScheduledActionName: str('1 to 256 characters, no colon, slash or bar.', { minLength: 1, maxLength: 256, pattern: '^[^:/|]+$' }),
    Schedule: str('at(yyyy-mm-ddThh:mm:ss), rate(5 minutes) or cron(minutes hours day-of-month month day-of-week year).', {
      pattern: '^(at|rate|cron)\\(.+\\)$',
      examples: ['at(2026-01-01T00:10:00)', 'rate(1 hour)', 'cron(0 9 * * ? *)'],
    }),
    Timezone: str('An IANA time zone; default UTC (the sandbox honours fixed offsets only).'),
    StartTime: { type: ['number', 'string'], description: 'When the schedule starts (epoch seconds or ISO 8601, UTC).' },
    EndTime: { type: ['number', 'string'], description: 'When the schedule ends (epoch seconds or ISO 8601, UTC).' },
    ScalableTargetAction: object('The new bounds: one or both.', { MinCapacity: CAPACITY('lowest'), MaxCapacity: CAPACITY('highest') }),
  },
  [...TARGET_KEY_REQUIRED, 'ScheduledActionName', 'Schedule', 'ScalableTargetAction'],
);

export function scalingRequestJsonSchema(kind: ScalingRequestKind): Schema {
  const schema = kind === 'target' ? REGISTER : kind === 'policy' ? PUT_POLICY : PUT_SCHEDULED;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...schema };
}
