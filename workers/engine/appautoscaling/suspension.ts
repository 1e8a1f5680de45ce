/**
 * Whether dynamic scaling (target tracking and step policies) may move an ECS service now.
 *
 * Sources: ECS Developer Guide "Service auto scaling" (service-auto-scaling): "Application Auto
 * Scaling turns off scale-in processes while Amazon ECS deployments are in progress. However,
 * scale-out processes continue to occur, unless suspended, during a deployment"; Application Auto
 * Scaling User Guide "Suspend and resume scaling": the scalable target's SuspendedState flags
 * DynamicScalingInSuspended, DynamicScalingOutSuspended (ScheduledScalingSuspended: scheduled.ts).
 */

export interface SuspensionInput {
  direction: 'out' | 'in';
  /** True while the service has a deployment in progress (more than one deployment, or the PRIMARY not COMPLETED). */
  deploymentInProgress: boolean;
  dynamicScalingInSuspended?: boolean;
  dynamicScalingOutSuspended?: boolean;
}

export type SuspensionVerdict = { allowed: true } | { allowed: false; why: 'deployment-in-progress' | 'DynamicScalingInSuspended' | 'DynamicScalingOutSuspended'; note: string };

export function dynamicScalingAllowed(input: SuspensionInput): SuspensionVerdict {
  if (input.direction === 'out') {
    return input.dynamicScalingOutSuspended
      ? { allowed: false, why: 'DynamicScalingOutSuspended', note: 'scale-out is suspended on the scalable target (DynamicScalingOutSuspended)' }
      : { allowed: true };
  }
  if (input.dynamicScalingInSuspended) {
    return { allowed: false, why: 'DynamicScalingInSuspended', note: 'scale-in is suspended on the scalable target (DynamicScalingInSuspended)' };
  }
  if (input.deploymentInProgress) {
    return { allowed: false, why: 'deployment-in-progress', note: 'Application Auto Scaling turns off scale-in while an Amazon ECS deployment is in progress' };
  }
  return { allowed: true };
}
