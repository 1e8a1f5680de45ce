/**
 * A fixture snapshot for the scaling view-model tests, in the issue-7 contract's shapes
 * (workers/protocol.ts): service `web` of cluster `demo` behind an ALB target group, registered as a
 * scalable target (min 1, max 6) with a target tracking policy on CPU at 70 % and its two alarms,
 * ten minutes of CPUUtilization and counts, two scaling activities, the alarm's state changes in
 * the event log, and a spike of traffic; plus `worker`, a service with nothing to chart.
 */
import type { MetricAlarm, ScalableTarget, ServiceScalingActivity, ServiceScalingPolicy, SimEvent, Snapshot } from '../../../../workers/protocol.ts';
import { snapshot, taskDefinition } from '../fixtures.ts';
import { at, deployment, service } from '../service-fixtures.ts';
import { series } from '../capacity-fixtures.ts';

export const RESOURCE_ID = 'service/demo/web';
const ACCOUNT = '123456789012';
export const POLICY_ARN = `arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:u-1:resource/ecs/${RESOURCE_ID}:policyName/web-cpu70`;
export const HIGH = `TargetTracking-${RESOURCE_ID}-AlarmHigh-aaaa`;
export const LOW = `TargetTracking-${RESOURCE_ID}-AlarmLow-bbbb`;
export const TG_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web-tg/0123456789abcdef`;
export const LB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/web-alb/fedcba9876543210`;
const MIN = 60_000;

export const target: ScalableTarget = {
  ServiceNamespace: 'ecs',
  ResourceId: RESOURCE_ID,
  ScalableDimension: 'ecs:service:DesiredCount',
  MinCapacity: 1,
  MaxCapacity: 6,
  RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
  CreationTime: at(0),
  SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
  ScalableTargetARN: `arn:aws:application-autoscaling:us-east-1:${ACCOUNT}:scalable-target/0001`,
};

export const policy: ServiceScalingPolicy = {
  PolicyARN: POLICY_ARN,
  PolicyName: 'web-cpu70',
  ServiceNamespace: 'ecs',
  ResourceId: RESOURCE_ID,
  ScalableDimension: 'ecs:service:DesiredCount',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ScaleOutCooldown: 60, ScaleInCooldown: 120, DisableScaleIn: false },
  Alarms: [
    { AlarmName: HIGH, AlarmARN: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${HIGH}` },
    { AlarmName: LOW, AlarmARN: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${LOW}` },
  ],
  CreationTime: at(0),
};

export function alarm(name: string, state: MetricAlarm['StateValue'], threshold: number, operator: MetricAlarm['ComparisonOperator'], periods: number, updatedS = 0): MetricAlarm {
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${name}`,
    StateValue: state,
    StateReason: state === 'ALARM' ? 'Threshold Crossed: 3 out of the last 3 datapoints [90.0, 88.0, 85.0] were greater than the threshold (70.0).' : 'Threshold Crossed: no datapoints were breaching.',
    StateUpdatedTimestamp: at(updatedS),
    Namespace: 'AWS/ECS',
    MetricName: 'CPUUtilization',
    Dimensions: [
      { Name: 'ClusterName', Value: 'demo' },
      { Name: 'ServiceName', Value: 'web' },
    ],
    Statistic: 'Average',
    Period: 60,
    EvaluationPeriods: periods,
    DatapointsToAlarm: periods,
    Threshold: threshold,
    ComparisonOperator: operator,
    AlarmActions: [POLICY_ARN],
    ActionsEnabled: true,
  };
}

export function activity(id: string, minute: number, description: string, cause: string): ServiceScalingActivity {
  return {
    ActivityId: id,
    ServiceNamespace: 'ecs',
    ResourceId: RESOURCE_ID,
    ScalableDimension: 'ecs:service:DesiredCount',
    Description: description,
    Cause: cause,
    StartTime: at(minute * 60),
    EndTime: at(minute * 60 + 30),
    StatusCode: 'Successful',
    startMs: minute * MIN,
  };
}

export function alarmEvent(id: number, minute: number, name: string, from: string, to: string): SimEvent {
  return { id, time: minute * MIN, kind: 'cloudwatch.alarm', message: `Alarm ${name} went from ${from} to ${to}: Threshold Crossed.`, resourceArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${name}` };
}

/** CPU: 40 % for four minutes, then 90 % (the spike), then 60 % once a third task runs. */
export const CPU = [40, 40, 40, 40, 90, 90, 90, 90, 60, 60];

export function scalingSnapshot(parts: Partial<Snapshot> = {}): Snapshot {
  const web = service('web', [deployment('ecs-svc/1', 'PRIMARY', 1, [3, 3, 0], 'COMPLETED')], [], {
    loadBalancers: [{ targetGroupArn: TG_ARN, containerName: 'web', containerPort: 80 }],
  });
  const worker = service('worker', [deployment('ecs-svc/2', 'PRIMARY', 1, [1, 1, 0], 'COMPLETED')]);
  const def = { ...taskDefinition('web', 1), cpu: '256', memory: '512' };
  return snapshot({
    time: 10 * MIN,
    services: [web, worker],
    taskDefinitions: [def],
    targetGroups: [{ TargetGroupArn: TG_ARN, TargetGroupName: 'web-tg', LoadBalancerArns: [LB_ARN] } as never],
    scalableTargets: [target],
    serviceScalingPolicies: [policy],
    alarms: [alarm(HIGH, 'OK', 70, 'GreaterThanThreshold', 3, 8 * 60), alarm(LOW, 'INSUFFICIENT_DATA', 63, 'LessThanThreshold', 15)],
    metrics: [series('AWS/ECS', 'CPUUtilization', { ClusterName: 'demo', ServiceName: 'web' }, CPU, 'Percent')],
    serviceCounts: [
      {
        serviceArn: web.serviceArn,
        clusterName: 'demo',
        serviceName: 'web',
        points: CPU.map((_, i) => ({ t: i * MIN, desired: i < 7 ? 2 : 3, running: i < 8 ? 2 : 3 })),
      },
    ],
    serviceScalingActivities: [
      activity('a-2', 7, 'Setting desired count to 3.', `monitor alarm ${HIGH} in state ALARM triggered policy web-cpu70`),
      activity('a-1', 0, 'Setting desired count to 2.', 'at 2026-01-01T00:00:00Z a user request update of the scalable target changed the minimum capacity'),
    ],
    traffic: [{ serviceArn: web.serviceArn, clusterName: 'demo', serviceName: 'web', pattern: { type: 'spike', base: 50, height: 200, startSeconds: 240, durationSeconds: 240 }, requestsPerSecond: 50 }],
    events: [alarmEvent(1, 1, HIGH, 'INSUFFICIENT_DATA', 'OK'), alarmEvent(2, 7, HIGH, 'OK', 'ALARM'), alarmEvent(3, 8, HIGH, 'ALARM', 'OK')],
    ...parts,
  });
}
