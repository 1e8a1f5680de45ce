/**
 * The words of an Application Auto Scaling scaling activity on an ECS service
 * (DescribeScalingActivities), as plain strings for whoever records the activity.
 *
 * Sources: the Application Auto Scaling API reference and AWS CLI examples for
 * DescribeScalingActivities ("Description": "Setting desired count to 3.", "Cause": "monitor alarm
 * TargetTracking-service/my-cluster/my-service-AlarmHigh-d4f0770c-… in state ALARM triggered policy
 * cpu75-target-tracking-scaling-policy", "StatusMessage": "Successfully set desired count to 3.
 * Change successfully fulfilled by ecs.", "StatusCode": "Successful"), and a real scheduled-scaling
 * activity quoted in a public blog post ("Cause": "minimum capacity was set to 1").
 */

export const activityDescription = (desired: number): string => `Setting desired count to ${desired}.`;

export const activitySuccessMessage = (desired: number): string =>
  `Successfully set desired count to ${desired}. Change successfully fulfilled by ecs.`;

/** A dynamic policy acting because its alarm is in ALARM. */
export const alarmCause = (alarmName: string, policyName: string): string =>
  `monitor alarm ${alarmName} in state ALARM triggered policy ${policyName}`;

/**
 * A scheduled action (or RegisterScalableTarget) moving the bounds past the desired count.
 * "minimum capacity was set to N" is AWS's; the maximum form is UNCONFIRMED (by symmetry).
 */
export const boundsCause = (bound: 'minimum' | 'maximum', value: number): string => `${bound} capacity was set to ${value}`;
