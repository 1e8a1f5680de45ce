/**
 * ECS capacity providers (issue 6). FARGATE and FARGATE_SPOT always exist (AWS-managed, not in
 * this map); Auto Scaling group providers are created with ecs:CreateCapacityProvider. A cluster
 * lists the providers it may use and its default strategy on its ClusterRecord. Owned by capacity/.
 */
import type { CapacityProviderStrategyItem, ManagedScaling } from '../../protocol.ts';

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

export interface CapacityState {
  providers: Map<string, CapacityProviderRecord>;
}

export type { CapacityProviderStrategyItem };

export function capacityOf(state: { capacity?: CapacityState }): CapacityState {
  state.capacity ??= { providers: new Map() };
  return state.capacity;
}
