/**
 * The capacity provider editor's requests: templates that work as they stand in the sandbox
 * (CreateCapacityProvider for the first Auto Scaling group no provider uses yet, with managed
 * scaling on; UpdateCapacityProvider of a provider as it is; PutClusterCapacityProviders adding
 * every provider and a default strategy to the first cluster), and the step each kind sends.
 * Pure functions of a snapshot.
 */
import type { CapacityProvider, Snapshot, Step } from '../../../../workers/protocol.ts';

export type CapacityRequestKind = 'create' | 'update' | 'cluster';

export const CAPACITY_ACTIONS: Record<CapacityRequestKind, string> = {
  create: 'ecs:CreateCapacityProvider',
  update: 'ecs:UpdateCapacityProvider',
  cluster: 'ecs:PutClusterCapacityProviders',
};

/** AWS's defaults, except a maximum step of 10 (AWS: 10000) so a learner sees scale-out in steps. */
const MANAGED_SCALING = { status: 'ENABLED', targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 10, instanceWarmupPeriod: 300 };

function asgProviders(snapshot: Snapshot | null): CapacityProvider[] {
  return (snapshot?.capacityProviders ?? []).filter((p) => p.autoScalingGroupProvider && p.status === 'ACTIVE');
}

function createTemplate(snapshot: Snapshot | null): Record<string, unknown> {
  const used = new Set(asgProviders(snapshot).map((p) => p.autoScalingGroupProvider!.autoScalingGroupArn));
  const groups = snapshot?.autoScalingGroups ?? [];
  const group = groups.find((g) => !used.has(g.AutoScalingGroupARN) && !g.capacityProviderName) ?? groups[0];
  const name = group ? `cp-${group.AutoScalingGroupName}`.slice(0, 255) : 'cp-web';
  return {
    name,
    autoScalingGroupProvider: {
      autoScalingGroupArn: group?.AutoScalingGroupARN ?? 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/my-asg',
      managedScaling: MANAGED_SCALING,
      // Managed termination protection needs the group's instances protected from scale-in.
      managedTerminationProtection: group?.NewInstancesProtectedFromScaleIn ? 'ENABLED' : 'DISABLED',
      managedDraining: 'ENABLED',
    },
  };
}

function updateTemplate(snapshot: Snapshot | null): Record<string, unknown> {
  const provider = asgProviders(snapshot)[0];
  if (!provider) return { name: 'cp-web', autoScalingGroupProvider: { managedScaling: MANAGED_SCALING } };
  const asg = provider.autoScalingGroupProvider!;
  return {
    name: provider.name,
    autoScalingGroupProvider: { managedScaling: { ...asg.managedScaling }, managedTerminationProtection: asg.managedTerminationProtection, managedDraining: asg.managedDraining },
  };
}

function clusterTemplate(snapshot: Snapshot | null): Record<string, unknown> {
  const cluster = snapshot?.clusters?.find((c) => c.status === 'ACTIVE');
  const own = asgProviders(snapshot).filter((p) => !p.clusterName || p.clusterName === cluster?.clusterName).map((p) => p.name);
  const providers = [...new Set([...(cluster?.capacityProviders ?? []), ...own, 'FARGATE', 'FARGATE_SPOT'])];
  const strategy = cluster?.defaultCapacityProviderStrategy?.length ? cluster.defaultCapacityProviderStrategy : [{ capacityProvider: own[0] ?? 'FARGATE', weight: 1 }];
  return { cluster: cluster?.clusterName ?? 'default', capacityProviders: providers, defaultCapacityProviderStrategy: strategy };
}

export function capacityTemplate(snapshot: Snapshot | null, kind: CapacityRequestKind): Record<string, unknown> {
  return kind === 'create' ? createTemplate(snapshot) : kind === 'update' ? updateTemplate(snapshot) : clusterTemplate(snapshot);
}

export function capacityStep(kind: CapacityRequestKind, request: unknown): Step {
  return { [CAPACITY_ACTIONS[kind]]: request };
}

/** What the editor says when the request is accepted. */
export function acceptedText(kind: CapacityRequestKind, request: Record<string, unknown>): string {
  if (kind === 'cluster') return `${CAPACITY_ACTIONS.cluster} accepted: cluster ${String(request.cluster ?? '')} uses ${((request.capacityProviders as unknown[]) ?? []).length} providers.`;
  return `${CAPACITY_ACTIONS[kind]} accepted: capacity provider ${String(request.name ?? '')} ${kind === 'create' ? 'created' : 'updated'}.`;
}
