// Shared by the Application Auto Scaling request tests: one registered ECS service target and
// readers of a checker's result.
import type { AasResult } from '../../../workers/engine/appautoscaling/request-messages.ts';
import type { RegisteredTarget } from '../../../workers/engine/appautoscaling/requests.ts';

export const ID = 'service/prod/web';
export const key = { ServiceNamespace: 'ecs', ResourceId: ID, ScalableDimension: 'ecs:service:DesiredCount' };

/** A registered target (no scaling suspended unless `overrides` says so). */
export function registeredTarget(overrides: Partial<RegisteredTarget> = {}): RegisteredTarget {
  return {
    MinCapacity: 1,
    MaxCapacity: 10,
    SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
    RoleARN: 'r',
    ...overrides,
  };
}

/** The refusal, or a thrown error naming what was accepted. */
export function refusal<T>(result: AasResult<T>): { code: string; message: string } {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.error;
}

/** The accepted value, or a thrown error with the refusal. */
export function value<T>(result: AasResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
