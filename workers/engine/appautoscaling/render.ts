/**
 * Application Auto Scaling records in AWS's Describe* shapes (DescribeScalableTargets,
 * DescribeScalingPolicies, DescribeScheduledActions, DescribeScalingActivities) and the snapshot's
 * fields scalableTargets, serviceScalingPolicies, scheduledActions, serviceScalingActivities.
 */
import type { ScalableTarget, ScheduledAction, ServiceScalingPolicy, Snapshot } from '../../protocol.ts';
import type { EngineState } from '../state.ts';
import { isoAt } from '../ids/arn.ts';
import { toVirtualMs } from '../schedules/index.ts';
import { alarmArn } from '../metrics/alarms.ts';
import { provideCapacitySnapshot, type CapacitySnapshot } from '../snapshot-parts.ts';
import type { ScalableTargetRecord, ScheduledActionRecord, ServiceScalingPolicyRecord } from './model.ts';

export function renderTarget(target: ScalableTargetRecord): ScalableTarget {
  return {
    ServiceNamespace: 'ecs',
    ResourceId: target.resourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: target.min,
    MaxCapacity: target.max,
    RoleARN: target.roleArn,
    CreationTime: isoAt(target.createdMs),
    SuspendedState: { ...target.suspended },
    ScalableTargetARN: target.arn,
  };
}

/** The alarms driving a policy: target tracking's own pair (while they exist), or the alarms whose actions name a step policy. */
export function policyAlarms(state: EngineState, policy: ServiceScalingPolicyRecord): { AlarmName: string; AlarmARN: string }[] {
  const alarms = state.metrics?.alarms;
  if (policy.type === 'TargetTrackingScaling') {
    return policy.ownedAlarms.filter((a) => alarms?.has(a.name) === true).map((a) => ({ AlarmName: a.name, AlarmARN: alarmArn(a.name) }));
  }
  return [...(alarms?.values() ?? [])].filter((a) => a.alarmActions.includes(policy.arn)).map((a) => ({ AlarmName: a.name, AlarmARN: a.arn }));
}

export function renderPolicy(state: EngineState, policy: ServiceScalingPolicyRecord): ServiceScalingPolicy {
  return {
    PolicyARN: policy.arn,
    PolicyName: policy.name,
    ServiceNamespace: 'ecs',
    ResourceId: policy.resourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    PolicyType: policy.type,
    ...(policy.targetTracking === undefined ? {} : { TargetTrackingScalingPolicyConfiguration: structuredClone(policy.targetTracking) as unknown as Record<string, unknown> }),
    ...(policy.step === undefined ? {} : { StepScalingPolicyConfiguration: structuredClone(policy.step) as unknown as Record<string, unknown> }),
    Alarms: policyAlarms(state, policy),
    CreationTime: isoAt(policy.createdMs),
  };
}

const epochIso = (seconds: number): string => isoAt(toVirtualMs(seconds * 1000));

export function renderScheduledAction(action: ScheduledActionRecord): ScheduledAction {
  const s = action.stored;
  return {
    ScheduledActionName: s.ScheduledActionName,
    ScheduledActionARN: action.arn,
    ServiceNamespace: 'ecs',
    Schedule: s.Schedule,
    Timezone: s.Timezone,
    ResourceId: action.resourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    ...(s.StartTime === undefined ? {} : { StartTime: epochIso(s.StartTime) }),
    ...(s.EndTime === undefined ? {} : { EndTime: epochIso(s.EndTime) }),
    ScalableTargetAction: { ...s.ScalableTargetAction },
    CreationTime: isoAt(action.createdMs),
    ...(action.nextFireMs === undefined ? {} : { nextFireMs: action.nextFireMs }),
  };
}

type AasSnapshot = Pick<Snapshot, 'scalableTargets' | 'serviceScalingPolicies' | 'scheduledActions' | 'serviceScalingActivities'>;

function snapshotPart(state: EngineState): AasSnapshot {
  const aas = state.appAutoScaling;
  if (aas === undefined) return {};
  return {
    scalableTargets: [...aas.targets.values()].map(renderTarget),
    serviceScalingPolicies: [...aas.policies.values()].map((p) => renderPolicy(state, p)),
    scheduledActions: [...aas.scheduled.values()].map(renderScheduledAction),
    serviceScalingActivities: aas.activities.map((a) => ({ ...a })),
  };
}

// snapshot-parts.ts types its renderers by the issue-6 capacity keys; the snapshot spreads whatever a
// renderer returns, so the issue-7 fields pass through (the integrator may widen CapacitySnapshotKey).
provideCapacitySnapshot('application-autoscaling', (state) => snapshotPart(state) as unknown as Partial<CapacitySnapshot>);
