/**
 * The awsvpc task limit of an instance type, for the ENI slots of the cluster view. It reads the
 * instance catalogue (about 3 KB gzip of data), so the page loads this module lazily after its
 * first paint instead of putting the catalogue into its initial JavaScript; until then the slots
 * say "?" for the limit. The rule itself is the engine's (awsvpcTaskLimit): maxEnis − 1, or the
 * type's trunking limit when the instance has a trunk ENI.
 */
import { awsvpcTaskLimit, INSTANCE_TYPES } from '../../../workers/engine/catalog/instance-types.ts';
import type { EniLimit } from './cluster-network.ts';

export function eniTaskLimit(instanceType: string, trunked: boolean): EniLimit {
  const type = INSTANCE_TYPES.get(instanceType);
  if (!type) return { limit: null, detail: `${instanceType || 'This type'} is not in the instance catalogue` };
  const limit = awsvpcTaskLimit(type, trunked);
  const tasks = `${limit} awsvpc task${limit === 1 ? '' : 's'}`;
  if (trunked && type.trunkingTaskLimit !== null) return { limit, detail: `${instanceType} with a trunk ENI (awsvpcTrunking): ${tasks}` };
  const note = trunked ? ` (${type.family} cannot be trunked)` : '';
  return { limit, detail: `${instanceType}: ${type.maxEnis} ENIs − 1 primary = ${tasks}${note}` };
}
