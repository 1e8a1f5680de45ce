/**
 * Telling whoever waits on a cluster's capacity that its instances changed (registered, DRAINING,
 * ACTIVE again, deregistered): the service scheduler (DAEMON services place on new instances,
 * blocked placements retry at once instead of at its next look) and the capacity providers (tasks
 * waiting in PROVISIONING for capacity are placed). The commands that change instances are in the
 * worker's first chunk and the listeners are not (they load with their commands), so they meet
 * through this hook, which each listener fills when it loads.
 */
import type { EngineContext } from '../context.ts';

type ClusterListener = (ctx: EngineContext, clusterName: string) => void;

const listeners = new Map<string, ClusterListener>();

/** Called by a listener's module when it loads (services/scheduler.ts: 'services'); one per owner, the same function for every engine. */
export function provideClusterListener(owner: string, value: ClusterListener): void {
  listeners.set(owner, value);
}

/** Each listener returns at once when it has nothing waiting in the cluster. */
export function clusterInstancesChanged(ctx: EngineContext, clusterName: string): void {
  for (const listener of listeners.values()) listener(ctx, clusterName);
}
