/**
 * EC2 Auto Scaling's error texts. CONFIRMED ones are AWS's own words as users and SDK issues quote
 * them; the others are the sandbox's (UNCONFIRMED), in AWS's style.
 */
export const ASG_MESSAGES = {
  /** CONFIRMED (AlreadyExists). */
  alreadyExists: (name: string) => `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`,
  /** CONFIRMED form (ValidationError), e.g. from UpdateAutoScalingGroup / SetDesiredCapacity on a missing group. */
  groupNotFound: (name: string) => `AutoScalingGroup name not found - AutoScalingGroup ${name} not found`,
  /** CONFIRMED (ResourceInUse). */
  deleteWithInstances: () => 'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.',
  /** CONFIRMED (ScalingActivityInProgress). */
  deleteWithActivities: () => 'You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.',
  /** CONFIRMED (ValidationError). */
  desiredAboveMax: (desired: number, max: number) => `New SetDesiredCapacity value ${desired} is above max value ${max} for the AutoScalingGroup.`,
  desiredBelowMin: (desired: number, min: number) => `New SetDesiredCapacity value ${desired} is below min value ${min} for the AutoScalingGroup.`,
  /** UNCONFIRMED (ScalingActivityInProgress). */
  inCooldown: (name: string, seconds: number) => `Scaling activity is in progress or the cooldown period is in effect for AutoScalingGroup ${name}: ${seconds} s of cooldown remain (HonorCooldown is true).`,
  /** CONFIRMED (ValidationError). */
  instanceNotFound: (id: string) => `Instance Id not found - No managed instance found for instance ID: ${id}`,
  /** UNCONFIRMED. */
  notInGroup: (id: string, group: string) => `The instance ${id} is not part of Auto Scaling group ${group}.`,
  /** CONFIRMED (ValidationError). */
  belowMinOnDecrement: (min: number) =>
    `Currently, desiredSize equals minSize (${min}). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.`,
  /** CONFIRMED prefix "You must use a valid fully-formed launch template." (ValidationError). */
  invalidTemplate: (detail: string) => `You must use a valid fully-formed launch template. ${detail}`,
  /** UNCONFIRMED. */
  unknownZone: (zone: string, zones: readonly string[]) => `Invalid Availability Zone: ${zone}. The sandbox's region us-east-1 has ${zones.join(', ')}.`,
  /** The EC2 text for a missing subnet, as Auto Scaling passes it on (ValidationError). */
  unknownSubnet: (id: string) => `The subnet ID '${id}' does not exist`,
  unknownInstanceType: (type: string) => `You must use a valid fully-formed launch template. The instance type ${type} is not in the sandbox's catalogue.`,
  /** UNCONFIRMED. */
  policyNotFound: (name: string, group: string | undefined) => `No scaling policy named ${name}${group === undefined ? '' : ` in Auto Scaling group ${group}`}.`,
  /** UNCONFIRMED. */
  policyFieldRequired: (field: string, type: string) => `${field} is required for policy type ${type}.`,
  policyFieldNotAllowed: (field: string, type: string) => `${field} is not supported for policy type ${type}.`,
  /** UNCONFIRMED. */
  unsupportedMetric: (type: string) =>
    `PredefinedMetricType ${type} is not simulated by the sandbox; use ASGAverageCPUUtilization or a CustomizedMetricSpecification on a metric the sandbox publishes.`,
  /** UNCONFIRMED. */
  executeTargetTracking: () => 'ExecutePolicy is not supported for target tracking scaling policies; their alarms run them.',
  stepNeedsMetric: () => 'MetricValue and BreachThreshold are required to execute a step scaling policy.',
};
