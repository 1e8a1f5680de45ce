/**
 * What RunTask on EC2 (commands/run-task-ec2.ts, in the worker's first chunk) asks the capacity
 * providers, which load with their commands (the lazy chunk): whether a launch's tasks may wait for
 * capacity, creating them, and managed termination protection on placement. A launch only names an
 * Auto Scaling group provider once one was created — by then these are filled — so an unfilled hook
 * always means "no capacity provider involved".
 */
import type { RunTaskRequest } from '../commands/run-task-request.ts';
import type { EngineContext } from '../context.ts';
import type { PlacementRequest } from '../placement/request.ts';
import type { EngineState, InstanceRecord, TaskRecord } from '../state.ts';

export interface Ec2CapacityHooks {
  waitsForCapacity(state: EngineState, run: RunTaskRequest): boolean;
  createWaitingTasks(ctx: EngineContext, run: RunTaskRequest, request: PlacementRequest, count: number): { tasks: TaskRecord[]; failures: { arn?: string; reason: string; detail?: string }[] };
  protectOnPlacement(ctx: EngineContext, instance: InstanceRecord): void;
}

let hooks: Ec2CapacityHooks | undefined;

export function provideEc2CapacityHooks(value: Ec2CapacityHooks): void {
  hooks = value;
}

/** The hooks when the launch goes through a capacity provider and they are loaded. */
export function ec2CapacityHooks(run: { capacityProviderName?: string }): Ec2CapacityHooks | undefined {
  return run.capacityProviderName === undefined ? undefined : hooks;
}
