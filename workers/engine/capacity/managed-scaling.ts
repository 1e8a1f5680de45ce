/**
 * ECS managed scaling (cluster auto scaling) on the minute tick (metrics/minute-tick.ts):
 * - publish: each associated provider with managed scaling ENABLED puts its
 *   CapacityProviderReservation (namespace AWS/ECS/ManagedScaling, dimensions CapacityProviderName
 *   and ClusterName, unit Percent) — M / N × 100 with the N = 0 cases (reservation.ts; M and N from
 *   reservation-inputs.ts);
 * - act: target tracking on it at targetCapacity (reservation.ts managedScalingDesired: scale out
 *   after one high datapoint — blocked while instances of the last scale-out are within
 *   instanceWarmupPeriod — by the documented step; scale in after 15 low datapoints, by less than
 *   50% a minute; a high datapoint resets the low count, so a scale-out need aborts a scale-in).
 *   Managed termination protection is brought up to date first, then drained instances are let go.
 * The group's desired capacity changes only through autoscaling/groups.ts setDesiredCapacity.
 */
import { findAutoScalingGroup, setDesiredCapacity } from '../autoscaling/groups.ts';
import type { EngineContext } from '../context.ts';
import { provideMinuteJob } from '../metrics/minute-tick.ts';
import { putDatapoint, type MetricId } from '../metrics/store.ts';
import type { ClusterRecord, EngineState } from '../state.ts';
import { capacityOf, type CapacityProviderRecord, type ScalingMemory } from './model.ts';
import { scalingProviders } from './providers.ts';
import { capacityProviderReservation, managedScalingDesired } from './reservation.ts';
import { hasSeveralTypesOrZones, reservationInputs, type ReservationInputs } from './reservation-inputs.ts';
import { syncProtection } from './termination-protection.ts';
import { placeWaiting } from './waiting.ts';

export const RESERVATION_NAMESPACE = 'AWS/ECS/ManagedScaling';
export const RESERVATION_METRIC = 'CapacityProviderReservation';

export function reservationMetricId(providerName: string, clusterName: string): MetricId {
  return {
    namespace: RESERVATION_NAMESPACE,
    metricName: RESERVATION_METRIC,
    dimensions: [
      { Name: 'CapacityProviderName', Value: providerName },
      { Name: 'ClusterName', Value: clusterName },
    ],
  };
}

/** Managed scaling's alarm names on AWS carry generated ids; the sandbox names them after the group and provider (UNCONFIRMED form). */
const scalingCause = (groupName: string, providerName: string, high: boolean): string =>
  `a monitor alarm TargetTracking-${groupName}-Alarm${high ? 'High' : 'Low'} in state ALARM triggered policy ECSManagedAutoScalingPolicy-${providerName}`;

function memoryOf(state: EngineState, name: string): ScalingMemory {
  const scaling = (capacityOf(state).scaling ??= new Map());
  let memory = scaling.get(name);
  if (memory === undefined) scaling.set(name, (memory = { highDatapoints: 0, lowDatapoints: 0, scaleOuts: 0 }));
  return memory;
}

function publish(ctx: EngineContext): void {
  // Room also frees up when tasks stop (no instance change is announced then): look once a minute.
  for (const clusterName of [...(ctx.state.capacity?.waiting?.keys() ?? [])]) placeWaiting(ctx, clusterName);
  for (const { provider, cluster } of scalingProviders(ctx.state)) {
    const inputs = reservationInputs(ctx.state, cluster, provider);
    if (inputs === undefined) continue;
    const value = capacityProviderReservation(inputs);
    putDatapoint(ctx.state, reservationMetricId(provider.name, cluster.clusterName), 'Percent', ctx.clock.now, value);
    const reservations = (capacityOf(ctx.state).reservations ??= new Map());
    reservations.set(provider.name, {
      value,
      instancesNeeded: inputs.instancesNeeded,
      runningInstances: inputs.runningInstances,
      provisioningTasks: inputs.provisioningTasks,
      time: ctx.clock.now,
    });
  }
}

function act(ctx: EngineContext): void {
  for (const { provider, cluster } of scalingProviders(ctx.state)) {
    syncProtection(ctx, provider);
    actOn(ctx, provider, cluster);
  }
}

function actOn(ctx: EngineContext, provider: CapacityProviderRecord, cluster: ClusterRecord): void {
  const group = findAutoScalingGroup(ctx.state, provider.autoScalingGroupArn);
  const inputs = reservationInputs(ctx.state, cluster, provider);
  if (group === undefined || group.deleting === true || inputs === undefined) return;
  const memory = memoryOf(ctx.state, provider.name);
  const scaling = provider.managedScaling;
  const ideal = inputs.instancesNeeded === 0 ? 0 : Math.ceil((inputs.instancesNeeded * 100) / scaling.targetCapacity);
  if (ideal > inputs.runningInstances) {
    memory.highDatapoints += 1;
    memory.lowDatapoints = 0;
  } else if (ideal < inputs.runningInstances) {
    memory.lowDatapoints += 1;
    memory.highDatapoints = 0;
  } else {
    memory.highDatapoints = 0;
    memory.lowDatapoints = 0;
  }
  const decision = managedScalingDesired({
    runningInstances: inputs.runningInstances,
    instancesNeeded: inputs.instancesNeeded,
    currentDesired: group.desiredCapacity,
    minSize: group.minSize,
    maxSize: group.maxSize,
    targetCapacity: scaling.targetCapacity,
    minimumScalingStepSize: scaling.minimumScalingStepSize,
    maximumScalingStepSize: scaling.maximumScalingStepSize,
    multipleInstanceTypesOrAzs: hasSeveralTypesOrZones(ctx.state, group),
    instancesInWarmup: instancesInWarmup(ctx, provider, memory, group.instances.values()),
    highDatapoints: memory.highDatapoints,
    lowDatapoints: memory.lowDatapoints,
  });
  if (decision.action === 'none') return;
  ctx.emit('capacity.managed-scaling', `Capacity provider ${provider.name} (cluster ${cluster.clusterName}): ${decision.reason}${describeWaiting(inputs)}`, provider.arn);
  // Once the low alarm fires it keeps scaling in minute by minute while the metric stays low.
  if (decision.action === 'scale-out') {
    memory.lastScaleOutMs = ctx.clock.now;
    memory.scaleOuts += 1;
  }
  setDesiredCapacity(ctx, group, decision.desiredCapacity, scalingCause(group.name, provider.name, decision.action === 'scale-out'));
}

function describeWaiting(inputs: ReservationInputs): string {
  if (inputs.provisioningTasks === 0) return inputs.emptyInstances > 0 ? ` ${inputs.emptyInstances} instance(s) run no task.` : '';
  const never = inputs.tasksThatNeverFit > 0 ? ` (${inputs.tasksThatNeverFit} fit no instance of the group's type and are ignored)` : '';
  return ` ${inputs.provisioningTasks} task(s) wait in PROVISIONING${never}; they need ${inputs.instancesForWaiting} more instance(s).`;
}

/** Instances launched by the last scale-out that are still within instanceWarmupPeriod. */
function instancesInWarmup(ctx: EngineContext, provider: CapacityProviderRecord, memory: ScalingMemory, instances: Iterable<{ launchedMs: number; lifecycleState: string }>): number {
  if (memory.lastScaleOutMs === undefined) return 0;
  const warmupMs = provider.managedScaling.instanceWarmupPeriod * 1000;
  if (ctx.clock.now - memory.lastScaleOutMs >= warmupMs) return 0;
  let warming = 0;
  for (const instance of instances) {
    if (instance.launchedMs >= memory.lastScaleOutMs && ctx.clock.now - instance.launchedMs < warmupMs && instance.lifecycleState !== 'Terminating') warming += 1;
  }
  return warming;
}

const hasScalingProviders = (ctx: EngineContext): boolean => ctx.state.capacity !== undefined && scalingProviders(ctx.state).length > 0;

provideMinuteJob('capacity:reservation', { phase: 'publish', active: hasScalingProviders, run: publish });
provideMinuteJob('capacity:managed-scaling', { phase: 'act', active: hasScalingProviders, run: act });
