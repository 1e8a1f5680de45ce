/**
 * The pair of CloudWatch alarms Application Auto Scaling creates and owns for a target tracking
 * policy on an ECS service, as plain data (the shape metrics/alarms.ts putAlarm takes).
 *
 * Sources:
 * - Names `TargetTracking-service/<cluster>/<service>-AlarmHigh-<uuid>` / `-AlarmLow-<uuid>`,
 *   description "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy <policy ARN>.", metric
 *   AWS/ECS CPUUtilization with dimensions ClusterName and ServiceName, statistic Average, unit
 *   Percent, period 60, 3 evaluation periods (high, GreaterThanThreshold at the target) and 15
 *   (low, LessThanThreshold): a real account's alarms exported by terraformer (public repository
 *   file, targets 70 → low 63 and 80 → low 72); Application Auto Scaling User Guide (alarm names in
 *   PutScalingPolicy's output); MOTO moto/applicationautoscaling/models.py; ecs-reference §8.
 * - Policy ARN `arn:aws:autoscaling:<region>:<account>:scalingPolicy:<uuid>:resource/ecs/service/
 *   <cluster>/<service>:policyName/<name>` (user guide; real ARNs also end in
 *   ":createdBy/<uuid>", left out here).
 * - ALBRequestCountPerTarget: AWS/ApplicationELB RequestCountPerTarget, dimension TargetGroup =
 *   the `targetgroup/<name>/<id>` part of the ResourceLabel, statistic Sum (CloudWatch publishes it
 *   as a per-minute sum). UNCONFIRMED: the statistic AWS puts on these alarms.
 */
import type { AlarmRecord } from '../metrics/alarms.ts';
import type { MetricId } from '../metrics/store.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import { ecsServiceResourceId } from './capacity.ts';

/**
 * The low alarm's threshold as a fraction of the target. UNCONFIRMED by AWS documentation (it says
 * only that scale-in happens below the target); 0.9 is what real consoles and accounts show for ECS
 * service policies (27 for 30, 63 for 70, 72 for 80). The one place to change it.
 */
export const LOW_ALARM_FACTOR = 0.9;
export const HIGH_ALARM_PERIODS = 3;
export const LOW_ALARM_PERIODS = 15;
export const ALARM_PERIOD_SECONDS = 60;

export type PredefinedMetricType = 'ECSServiceAverageCPUUtilization' | 'ECSServiceAverageMemoryUtilization' | 'ALBRequestCountPerTarget';

export interface TrackedMetric {
  metric: MetricId;
  statistic: AlarmRecord['statistic'];
  unit: 'Percent' | 'Count' | 'None';
}

/** The CloudWatch metric behind a predefined metric type; an error message when it cannot be built. */
export function predefinedMetric(type: PredefinedMetricType, cluster: string, service: string, resourceLabel?: string): TrackedMetric | { error: string } {
  const serviceDims = [
    { Name: 'ClusterName', Value: cluster },
    { Name: 'ServiceName', Value: service },
  ];
  switch (type) {
    case 'ECSServiceAverageCPUUtilization':
      return { metric: { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: serviceDims }, statistic: 'Average', unit: 'Percent' };
    case 'ECSServiceAverageMemoryUtilization':
      return { metric: { namespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions: serviceDims }, statistic: 'Average', unit: 'Percent' };
    case 'ALBRequestCountPerTarget': {
      // ResourceLabel: app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>
      const match = resourceLabel === undefined ? null : /^app\/[^/]+\/[^/]+\/(targetgroup\/[^/]+\/[^/]+)$/.exec(resourceLabel);
      if (!match) {
        return { error: `ResourceLabel must be app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id> for ALBRequestCountPerTarget, got ${resourceLabel === undefined ? 'none' : `'${resourceLabel}'`}` };
      }
      return {
        metric: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCountPerTarget', dimensions: [{ Name: 'TargetGroup', Value: match[1] as string }] },
        statistic: 'Sum',
        unit: 'Count',
      };
    }
  }
}

export const ecsScalingPolicyArn = (uuid: string, cluster: string, service: string, policyName: string): string =>
  `arn:aws:autoscaling:${REGION}:${ACCOUNT_ID}:scalingPolicy:${uuid}:resource/ecs/${ecsServiceResourceId(cluster, service)}:policyName/${policyName}`;

export type TrackingAlarm = Omit<AlarmRecord, 'arn' | 'state' | 'stateReason' | 'stateUpdatedMs'> & { role: 'high' | 'low' };

export interface TrackingAlarmsInput {
  cluster: string;
  service: string;
  policyArn: string;
  targetValue: number;
  tracked: TrackedMetric;
  disableScaleIn?: boolean;
  /** Two uuids from ctx.prng (deterministic). */
  highUuid: string;
  lowUuid: string;
}

/**
 * AlarmHigh (scale out) and, unless scale-in is disabled, AlarmLow (scale in). With DisableScaleIn
 * the sandbox creates no low alarm, as it has nothing to do (UNCONFIRMED that AWS omits it; the EC2
 * Auto Scaling module makes the same choice).
 */
export function targetTrackingAlarms(input: TrackingAlarmsInput): TrackingAlarm[] {
  const prefix = `TargetTracking-${ecsServiceResourceId(input.cluster, input.service)}`;
  const common = {
    description: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${input.policyArn}.`,
    metric: input.tracked.metric,
    statistic: input.tracked.statistic,
    periodSeconds: ALARM_PERIOD_SECONDS,
    alarmActions: [input.policyArn],
    actionsEnabled: true,
    ownerArn: input.policyArn,
  };
  const alarms: TrackingAlarm[] = [
    {
      ...common,
      role: 'high',
      name: `${prefix}-AlarmHigh-${input.highUuid}`,
      evaluationPeriods: HIGH_ALARM_PERIODS,
      datapointsToAlarm: HIGH_ALARM_PERIODS,
      threshold: input.targetValue,
      comparisonOperator: 'GreaterThanThreshold',
    },
  ];
  if (input.disableScaleIn !== true) {
    alarms.push({
      ...common,
      role: 'low',
      name: `${prefix}-AlarmLow-${input.lowUuid}`,
      evaluationPeriods: LOW_ALARM_PERIODS,
      datapointsToAlarm: LOW_ALARM_PERIODS,
      threshold: lowAlarmThreshold(input.targetValue),
      comparisonOperator: 'LessThanThreshold',
    });
  }
  return alarms;
}

/** 0.9 × target without float noise (0.9 × 70 = 63, not 63.00000000000001). */
export const lowAlarmThreshold = (target: number): number => Math.round(target * LOW_ALARM_FACTOR * 1e6) / 1e6;
