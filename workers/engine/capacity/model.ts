/**
 * ECS capacity providers (issue 6). FARGATE and FARGATE_SPOT always exist (AWS-managed, not in
 * this map); Auto Scaling group providers are created with ecs:CreateCapacityProvider. A cluster
 * lists the providers it may use and its default strategy on its ClusterRecord. Owned by capacity/.
 */
import type { CapacityProvider, CapacityProviderStrategyItem, ManagedScaling } from '../../protocol.ts';
import type { RunTaskRequest } from '../commands/run-task-request.ts';

export interface CapacityProviderRecord {
  name: string;
  arn: string;
  status: 'ACTIVE' | 'INACTIVE';
  autoScalingGroupArn: string;
  managedScaling: ManagedScaling;
  managedTerminationProtection: 'ENABLED' | 'DISABLED';
  managedDraining: 'ENABLED' | 'DISABLED';
  tags: { key: string; value: string }[];
  updateStatus?: 'DELETE_IN_PROGRESS' | 'DELETE_COMPLETE' | 'DELETE_FAILED' | 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE' | 'UPDATE_FAILED';
  updateStatusReason?: string;
}

/** A task waiting in PROVISIONING for an instance of its provider: the RunTask (count 1) that places it. */
export interface WaitingTask {
  taskArn: string;
  providerName: string;
  run: RunTaskRequest;
}

/** Managed scaling's memory of one provider between minutes (target tracking's alarm datapoints, warm-up). */
export interface ScalingMemory {
  highDatapoints: number;
  lowDatapoints: number;
  /** Virtual ms of the last scale-out, and the desired capacity it asked for (warm-up is counted from it). */
  lastScaleOutMs?: number;
  /** Scale-outs so far (for the figures and the UI). */
  scaleOuts: number;
}

export interface CapacityState {
  providers: Map<string, CapacityProviderRecord>;
  /** Latest CapacityProviderReservation by provider name (DescribeCapacityProviders' sandbox field). */
  reservations?: Map<string, NonNullable<CapacityProvider['reservation']>>;
  /** Tasks waiting for capacity, by cluster name, oldest first (placed FIFO). */
  waiting?: Map<string, WaitingTask[]>;
  scaling?: Map<string, ScalingMemory>;
  /** Managed draining: EC2 instances held in Terminating:Wait until drained → their group's name. */
  drains?: Map<string, string>;
}

export type { CapacityProviderStrategyItem };

export function capacityOf(state: { capacity?: CapacityState }): CapacityState {
  state.capacity ??= { providers: new Map() };
  return state.capacity;
}
