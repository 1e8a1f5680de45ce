/**
 * The snapshot's `capacityProviders` (issue 6): FARGATE, FARGATE_SPOT and every Auto Scaling group
 * provider as DescribeCapacityProviders shows them, with the sandbox's `clusterName` and latest
 * `reservation`. Shown once a provider was created or a cluster uses one.
 */
import { provideCapacitySnapshot } from '../snapshot-parts.ts';
import { allProviders } from './providers.ts';

provideCapacitySnapshot('capacity', (state) => {
  const used = state.capacity !== undefined || [...state.clusters.values()].some((cluster) => (cluster.capacityProviders?.length ?? 0) > 0);
  return used ? { capacityProviders: allProviders(state) } : {};
});
