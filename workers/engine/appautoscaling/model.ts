/**
 * Application Auto Scaling's state for ECS services (issue 7): scalable targets by ResourceId, their
 * scaling policies by ARN, scheduled actions, and the scaling activities (newest first). Added to the
 * engine state by module augmentation (the rule of the issue-7 contract: state.ts is not edited).
 *
 * Kept light on purpose (types and lookups only): references.ts reads it to resolve
 * `${serviceScalingPolicy:<cluster>/<service>:<policy>}`.
 */
import type { ServiceScalingActivity } from '../../protocol.ts';
import type { TimerId } from '../clock.ts';
import type { EngineState } from '../state.ts';
import type { ScalingHistory } from './cooldowns.ts';
import type { TargetTrackingConfig } from './policy-requests.ts';
import type { SuspendedState } from './requests.ts';
import type { StoredScheduledAction } from './scheduled-requests.ts';
import type { StepScalingPolicyConfiguration } from './step-scaling.ts';
import type { Schedule } from '../schedules/index.ts';

export interface ScalableTargetRecord {
  /** `service/<cluster>/<service>`. */
  resourceId: string;
  cluster: string;
  service: string;
  arn: string;
  min: number;
  max: number;
  suspended: SuspendedState;
  roleArn: string;
  createdMs: number;
  /** Last scale-out / scale-in by a dynamic policy (cooldowns.ts); one history per target. */
  history: ScalingHistory;
  /** The virtual minute whose target tracking decision was taken (several alarms invoke in one minute). */
  trackedAtMs?: number;
  /** The last "would scale but …" sentence written (written again only when it changes). */
  heldNote?: string;
  /** This minute's largest proposal from its dynamic policies, applied in the minute's 'settle' phase (dynamic.ts). */
  pending?: PendingScaling;
}

/** A dynamic policy's change of the desired count, waiting for the other policies of the same instant. */
export interface PendingScaling {
  atMs: number;
  from: number;
  to: number;
  cause: string;
  line: string;
  cooldownSeconds: number;
}

export interface ServiceScalingPolicyRecord {
  arn: string;
  name: string;
  resourceId: string;
  cluster: string;
  service: string;
  type: 'TargetTrackingScaling' | 'StepScaling';
  targetTracking?: TargetTrackingConfig;
  step?: StepScalingPolicyConfiguration;
  /** Target tracking: the alarms the policy created and owns (high first), by name. */
  ownedAlarms: { name: string; role: 'high' | 'low' }[];
  createdMs: number;
}

export interface ScheduledActionRecord {
  resourceId: string;
  arn: string;
  stored: StoredScheduledAction & { Timezone: string };
  schedule: Schedule;
  utcOffsetMinutes: number;
  startMs?: number;
  endMs?: number;
  createdMs: number;
  /** When it fires next (virtual ms); undefined when it never will again. */
  nextFireMs?: number;
  timer?: TimerId;
}

export interface AppAutoScalingState {
  targets: Map<string, ScalableTargetRecord>;
  policies: Map<string, ServiceScalingPolicyRecord>;
  /** By `${resourceId}|${name}`. */
  scheduled: Map<string, ScheduledActionRecord>;
  /** Newest first, at most ACTIVITY_LIMIT. */
  activities: ServiceScalingActivity[];
}

declare module '../state.ts' {
  interface EngineState {
    /** Application Auto Scaling for ECS services (appautoscaling/model.ts). */
    appAutoScaling?: AppAutoScalingState;
  }
}

/** Sandbox: how many activities are kept (AWS keeps six weeks of them; the snapshot shows 100). */
export const ACTIVITY_LIMIT = 100;

export function aasOf(state: EngineState): AppAutoScalingState {
  state.appAutoScaling ??= { targets: new Map(), policies: new Map(), scheduled: new Map(), activities: [] };
  return state.appAutoScaling;
}

export const scheduledKey = (resourceId: string, name: string): string => `${resourceId}|${name}`;

export function policiesOfTarget(state: EngineState, resourceId: string): ServiceScalingPolicyRecord[] {
  return [...(state.appAutoScaling?.policies.values() ?? [])].filter((p) => p.resourceId === resourceId);
}

export function scheduledOfTarget(state: EngineState, resourceId: string): ScheduledActionRecord[] {
  return [...(state.appAutoScaling?.scheduled.values() ?? [])].filter((a) => a.resourceId === resourceId);
}

/** The ARN of policy `policyName` on service `<cluster>/<service>` (references.ts), or undefined. */
export function serviceScalingPolicyArn(state: EngineState, clusterAndService: string, policyName: string): string | undefined {
  const resourceId = `service/${clusterAndService}`;
  for (const policy of state.appAutoScaling?.policies.values() ?? []) {
    if (policy.resourceId === resourceId && policy.name === policyName) return policy.arn;
  }
  return undefined;
}
