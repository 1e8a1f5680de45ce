/**
 * The scaling editor's requests for one service, as templates that work as they stand in the
 * sandbox: RegisterScalableTarget (its current bounds, or 1 to four times the desired count),
 * PutScalingPolicy (the service's first policy as it is, to edit; else target tracking on CPU at
 * 70 %), and PutScheduledAction (ten virtual minutes from now, raising the minimum). Pure functions
 * of a snapshot; each kind sends `application-autoscaling:<Action>`.
 */
import type { Service, ServiceScalingPolicy, Snapshot, Step } from '../../../../workers/protocol.ts';
import { EPOCH_ISO } from '../../../../workers/engine/ids/arn.ts';
import { resourceIdOf } from './service-ids.ts';

export type ScalingRequestKind = 'target' | 'policy' | 'scheduled';

export const SCALING_ACTIONS: Record<ScalingRequestKind, string> = {
  target: 'application-autoscaling:RegisterScalableTarget',
  policy: 'application-autoscaling:PutScalingPolicy',
  scheduled: 'application-autoscaling:PutScheduledAction',
};

const ECS_TARGET = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' } as const;

function targetTemplate(snapshot: Snapshot | null, service: Service): Record<string, unknown> {
  const ResourceId = resourceIdOf(service);
  const existing = snapshot?.scalableTargets?.find((t) => t.ResourceId === ResourceId);
  const MinCapacity = existing?.MinCapacity ?? 1;
  const MaxCapacity = existing?.MaxCapacity ?? Math.max(4, service.desiredCount * 4);
  return { ...ECS_TARGET, ResourceId, MinCapacity, MaxCapacity };
}

/** The request that would recreate an existing policy (DescribeScalingPolicies' output minus what PutScalingPolicy does not take). */
function policyRequest(policy: ServiceScalingPolicy): Record<string, unknown> {
  const config = policy.PolicyType === 'TargetTrackingScaling' ? { TargetTrackingScalingPolicyConfiguration: policy.TargetTrackingScalingPolicyConfiguration } : { StepScalingPolicyConfiguration: policy.StepScalingPolicyConfiguration };
  return { PolicyName: policy.PolicyName, ...ECS_TARGET, ResourceId: policy.ResourceId, PolicyType: policy.PolicyType, ...config };
}

/** The ResourceLabel of ALBRequestCountPerTarget for the service's target group: `app/<lb>/<id>/targetgroup/<tg>/<id>`. */
export function albResourceLabel(snapshot: Snapshot | null, service: Service): string | null {
  const tgArn = service.loadBalancers.find((lb) => lb.targetGroupArn)?.targetGroupArn;
  if (!tgArn) return null;
  const group = snapshot?.targetGroups?.find((g) => g.TargetGroupArn === tgArn);
  const lbArn = group?.LoadBalancerArns?.find((arn) => arn.includes(':loadbalancer/app/'));
  if (!lbArn) return null;
  const tgPart = tgArn.slice(tgArn.indexOf('targetgroup/'));
  return `${lbArn.slice(lbArn.indexOf('app/'))}/${tgPart}`;
}

function policyTemplate(snapshot: Snapshot | null, service: Service): Record<string, unknown> {
  const ResourceId = resourceIdOf(service);
  const existing = snapshot?.serviceScalingPolicies?.find((p) => p.ResourceId === ResourceId);
  if (existing) return policyRequest(existing);
  return {
    PolicyName: `${service.serviceName}-cpu70`,
    ...ECS_TARGET,
    ResourceId,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: 70,
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      // AWS's defaults are 300 s; shorter here so a learner sees both directions within minutes.
      ScaleOutCooldown: 60,
      ScaleInCooldown: 120,
    },
  };
}

/** `at(2026-01-01T00:10:00)`: ten virtual minutes from now, on the minute. */
export function atExpression(nowMs: number, inMinutes = 10): string {
  const at = Math.ceil((nowMs + inMinutes * 60_000) / 60_000) * 60_000;
  return `at(${new Date(Date.parse(EPOCH_ISO) + at).toISOString().slice(0, 19)})`;
}

function scheduledTemplate(snapshot: Snapshot | null, service: Service): Record<string, unknown> {
  const bounds = targetTemplate(snapshot, service);
  return {
    ...ECS_TARGET,
    ResourceId: resourceIdOf(service),
    ScheduledActionName: `${service.serviceName}-morning-rush`,
    Schedule: atExpression(snapshot?.time ?? 0),
    ScalableTargetAction: { MinCapacity: Math.min(Number(bounds.MaxCapacity), Number(bounds.MinCapacity) + 2), MaxCapacity: bounds.MaxCapacity },
  };
}

export function scalingTemplate(snapshot: Snapshot | null, service: Service, kind: ScalingRequestKind): Record<string, unknown> {
  return kind === 'target' ? targetTemplate(snapshot, service) : kind === 'policy' ? policyTemplate(snapshot, service) : scheduledTemplate(snapshot, service);
}

export function scalingStep(kind: ScalingRequestKind, request: unknown): Step {
  return { [SCALING_ACTIONS[kind]]: request };
}

/** The kind to open on: a service with no scalable target must register one first. */
export function firstKind(snapshot: Snapshot | null, service: Service): ScalingRequestKind {
  return snapshot?.scalableTargets?.some((t) => t.ResourceId === resourceIdOf(service)) ? 'policy' : 'target';
}

/** What the editor says when the request is accepted (PutScalingPolicy names the alarms it created). */
export function scalingAcceptedText(kind: ScalingRequestKind, request: Record<string, unknown>, response: unknown): string {
  const action = SCALING_ACTIONS[kind].replace('application-autoscaling:', '');
  const resource = String(request.ResourceId ?? '');
  if (kind === 'target') return `${action} accepted: ${resource} scales between ${String(request.MinCapacity ?? '?')} and ${String(request.MaxCapacity ?? '?')} tasks.`;
  if (kind === 'scheduled') return `${action} accepted: ${String(request.ScheduledActionName ?? '')} on ${resource} runs on ${String(request.Schedule ?? '')}.`;
  const alarms = ((response as { Alarms?: { AlarmName: string }[] } | null)?.Alarms ?? []).map((a) => a.AlarmName);
  return `${action} accepted: policy ${String(request.PolicyName ?? '')} on ${resource}${alarms.length > 0 ? `; its alarms: ${alarms.join(', ')}` : ''}.`;
}

